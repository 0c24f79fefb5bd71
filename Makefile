# DânVận — the two commands: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
# PostgreSQL used by the test matrix (pytest-django creates and drops test_<name>).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/danvan
PYTEST_WORKERS ?= 2

.PHONY: help install run test lint types imports templates migrations-check messages \
	test-sqlite test-postgres test-e2e vendor makemessages

help:
	@echo "make run   — install everything and start DânVận with demo data (SQLite, local queue)"
	@echo "make test  — install everything and run lint, types, tests on SQLite and PostgreSQL, browser journeys"

install:
	@bash scripts/bootstrap.sh

messages: install
	@$(PY) manage.py compilemessages --ignore=.venv -v 0

run: install
	@bash scripts/run.sh

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

types: install
	.venv/bin/mypy danvan config

imports: install
	.venv/bin/lint-imports

templates: install
	.venv/bin/djlint danvan --lint

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test DATA_DIR=$$(mktemp -d) $(PY) manage.py makemigrations --check --dry-run

test-sqlite: messages
	DATA_DIR=$$(mktemp -d) .venv/bin/pytest -m "not e2e" -n $(PYTEST_WORKERS) -q

test-postgres: messages
	DATABASE_URL=$(TEST_POSTGRES_URL) DATA_DIR=$$(mktemp -d) .venv/bin/pytest -m "not e2e" -n $(PYTEST_WORKERS) -q

test-e2e: messages
	DATA_DIR=$$(mktemp -d) .venv/bin/pytest -m e2e -q tests/e2e

test: lint types imports templates migrations-check test-sqlite test-postgres test-e2e
	@echo "All checks passed."

# Developers: refresh vendored front-end assets from npm (committed; no CDN at run time).
vendor:
	npm install --no-audit --no-fund --ignore-scripts
	mkdir -p danvan/static/vendor/{bootstrap,htmx,bootstrap-icons/fonts}
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* node_modules/bootstrap/LICENSE danvan/static/vendor/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE danvan/static/vendor/htmx/
	cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/LICENSE danvan/static/vendor/bootstrap-icons/
	cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff* danvan/static/vendor/bootstrap-icons/fonts/
	mkdir -p danvan/static/vendor/chartjs
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md danvan/static/vendor/chartjs/
	mkdir -p danvan/static/vendor/leaflet tests/e2e/vendor
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images node_modules/leaflet/LICENSE danvan/static/vendor/leaflet/
	cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE tests/e2e/vendor/

makemessages: install
	$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=node_modules --ignore=var
