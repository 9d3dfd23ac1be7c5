# Kindred. `make run` starts everything on the embedded default; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements-dev.lock | cut -d" " -f1)

.PHONY: install run test lint format lock bench bench-reminders clean

install: $(STAMP)

$(STAMP): requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

# The development server: DEBUG on (and with it the development key), no variables needed.
run demo: export DEBUG := true

run: install
	$(BIN)/python manage.py migrate --noinput
	@$(BIN)/python manage.py demo --offer
	@echo ""
	@echo "  Kindred is starting at http://127.0.0.1:8000/  (Ctrl-C stops everything)"
	@echo "  Emails are printed below by the local mail sink."
	@echo ""
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile start

# A sample account to look around with (embedded default only). `make run` creates it too.
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo --reset

test: install
	scripts/install-system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Ruff, the import contracts in .importlinter, and no import cycle between modules.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python scripts/import_cycles.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin every dependency after editing pyproject.toml: runtime (the image) and dev (make).
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		-o requirements-dev.lock

# Today vs a bare view on gunicorn + PostgreSQL (database kindred_bench) + Redis, loaded by
# wrk (Debian's package): a load generator that is never the bottleneck.
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk; } \
		|| { command -v sudo >/dev/null && sudo -n apt-get install -y -qq wrk; } \
		|| { echo "wrk is missing: run 'sudo apt-get install -y wrk'"; exit 1; }
	$(BIN)/python bench/today.py

# Reminder delivery vs a bare smtplib loop, on PostgreSQL + its own Redis (N=100000 works).
bench-reminders: install
	$(BIN)/python bench/reminders.py -n $${N:-20000}

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
