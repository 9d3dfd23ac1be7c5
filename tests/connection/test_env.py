import pytest
from django.core.exceptions import ImproperlyConfigured

from connection.env import env_bool, env_int, env_list, env_str, env_url


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    for text, expected in [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("KINDRED_FLAG", text)
        assert env_bool("KINDRED_FLAG", not expected) is expected


def test_env_bool_refuses_a_typo_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False)


def test_env_int_refuses_words_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("EMAIL_TIMEOUT", "ten")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_TIMEOUT must be a whole number"):
        env_int("EMAIL_TIMEOUT", 10)
    monkeypatch.setenv("EMAIL_TIMEOUT", "0")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_TIMEOUT must be at least 1"):
        env_int("EMAIL_TIMEOUT", 10, minimum=1)
    monkeypatch.setenv("EMAIL_TIMEOUT", "15")
    assert env_int("EMAIL_TIMEOUT", 10, minimum=1) == 15


def test_env_url_refuses_an_unknown_scheme(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://db/kindred")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with one of"):
        env_url("DATABASE_URL", "", schemes=("sqlite", "postgres"))


def test_defaults_apply_when_unset(monkeypatch):
    monkeypatch.delenv("KINDRED_UNSET", raising=False)
    assert env_str("KINDRED_UNSET", "fallback") == "fallback"
    assert env_list("KINDRED_UNSET", ["a"]) == ["a"]
    monkeypatch.setenv("KINDRED_UNSET", " a.example , b.example ,")
    assert env_list("KINDRED_UNSET", []) == ["a.example", "b.example"]


def test_every_reader_records_the_name_it_was_asked_for():
    from connection.env import READ_NAMES

    env_str("KINDRED_PROBE_STR", "")
    env_bool("KINDRED_PROBE_BOOL", False)
    env_int("KINDRED_PROBE_INT", 1)
    env_list("KINDRED_PROBE_LIST", [])
    env_url("KINDRED_PROBE_URL", "", schemes=("https",))
    assert {"STR", "BOOL", "INT", "LIST", "URL"} <= {
        name.removeprefix("KINDRED_PROBE_") for name in READ_NAMES
    }
