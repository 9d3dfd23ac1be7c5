import pytest

from plans.selectors import has_weekly_ritual

pytestmark = pytest.mark.django_db


def test_an_active_weekly_ritual_counts_and_a_paused_or_monthly_one_does_not(user, make_ritual):
    assert not has_weekly_ritual(user)
    make_ritual(user, cadence="monthly", weekdays=[5], month_week=1)
    paused = make_ritual(user, is_active=False)
    assert not has_weekly_ritual(user)
    paused.is_active = True
    paused.save()
    assert has_weekly_ritual(user)
