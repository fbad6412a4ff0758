# Carnet — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages each command needs; installed with apt-get when run as root.
RUN_DEBS := python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_DEBS := $(RUN_DEBS) chromium postgresql poppler-utils libreoffice-writer-nogui

.PHONY: run test bench lint format system-deps-run system-deps-test clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { echo "Impossible de créer .venv : installez python3-venv (apt-get install python3-venv)"; exit 1; }

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(PIP) install --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) install --require-hashes -r requirements-dev.txt
	touch $@

$(VENV)/.bench: requirements-bench.txt $(VENV)/.dev
	$(PIP) install --require-hashes -r requirements-bench.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm > /dev/null || scripts/debian-deps.sh npm
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-deps-run:
	@scripts/debian-deps.sh $(RUN_DEBS)

system-deps-test:
	@scripts/debian-deps.sh $(TEST_DEBS)

run: system-deps-run $(VENV)/.runtime node_modules/.installed
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py schedule_retention --tonight
	@$(BIN)/python manage.py demo_logins
	@echo "Carnet : http://$(HOST):$(PORT)/  (Ctrl-C pour arrêter)"
	@trap 'kill 0' EXIT INT TERM; \
	  while true; do $(BIN)/python manage.py worker --interval 2; \
	    echo "Le processus de tâches s'est arrêté : redémarrage dans 2 s." >&2; sleep 2; done & \
	  $(BIN)/gunicorn carnet.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile - --log-level warning

test: system-deps-test $(VENV)/.dev node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run > /dev/null
	@echo "== Suite on SQLite, with the browser tests =="
	$(BIN)/python -m pytest -n auto
	@echo "== Same suite on PostgreSQL =="
	$(PYTHON) scripts/with_postgres.py -- $(BIN)/python -m pytest -n auto -m "not browser"

# Measures reports (sizes S, M, L, against DuckDB), the import of 50,000-row files and the pages
# under 20 concurrent users, on SQLite then PostgreSQL; writes bench/results.md (about 45 min).
bench: $(VENV)/.bench node_modules/.installed
	$(BIN)/python bench/bench_report.py
	$(PYTHON) scripts/with_postgres.py -- $(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_disclosure.py --sizes L
	$(BIN)/python bench/bench_import.py
	$(PYTHON) scripts/with_postgres.py -- $(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_pages.py --size L
	$(PYTHON) scripts/with_postgres.py -- $(BIN)/python bench/bench_pages.py --size L

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean-venv:
	rm -rf $(VENV)
