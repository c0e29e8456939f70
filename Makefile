# mla-diff: `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DRAFTS ?= drafts
REPORTS ?= reports
BASE ?= main
REVIEW ?= review

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## create .venv if missing and install the package with its dev extra

reports: install ## build reports/ from drafts/ (one HTML report per pair, an index per instrument)
	$(VENV)/bin/mla-diff reports $(DRAFTS) -o $(REPORTS)

review: install ## compare the drafts changed since BASE (default main), reports in review/, apply the policy
	MLA_DIFF=$(VENV)/bin/mla-diff scripts/review-drafts.sh $(BASE) $(REVIEW)

test: install ## run the test suite
	$(PY) -m pytest -q

golden: install ## regenerate the golden reports in tests/golden/ (review the diff before committing)
	MLA_DIFF_REGENERATE=1 $(PY) -m pytest -q tests/test_golden.py

browser: install ## the browser tests only (Debian's chromium through Playwright); artifacts in tests/artifacts/
	$(PY) -m pytest -q -m browser

lint: install ## ruff, ruff format --check and mypy --strict
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check: lint test ## everything CI checks: lint, types and tests

bench-parse: install ## time parse_draft on large and pathological drafts (10,000 articles, 5 MB lines)
	$(PY) tests/benchmarks/parse_bench.py

parse-fixtures: install ## rewrite tests/fixtures/parse/*.json from the parser; review with git diff
	MLA_DIFF_REGENERATE=1 $(PY) -m pytest -q tests/test_parse_fixtures.py

quality: install ## score the concordance against the corpus ground truth (accuracy per pair)
	$(PY) scripts/quality.py

fix: install ## apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench-install: install ## install the peers the benchmark measures (iddiff, redlines)
	$(PY) -m pip install --quiet -e '.[dev,bench]'

bench: bench-install ## time a full HTML compare and a history against peers (about a quarter of an hour); writes tests/benchmarks/RESULTS.md
	$(PY) tests/benchmarks/bench.py

bench-smoke: bench-install ## a one-run benchmark on small inputs: checks the harness and every peer work, not the figures
	$(PY) tests/benchmarks/bench.py --quick

clean: ## remove the virtual environment, caches and generated reports
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist *.egg-info tests/artifacts $(REVIEW)
	find $(REPORTS) -mindepth 1 ! -name README.md -delete 2>/dev/null || true
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

pdf-libraries: install ## compare PDF text libraries on typeset drafts (recall, articles, furniture, speed)
	$(PY) -m scripts.pdf_libraries

.PHONY: help install reports review test golden browser lint check quality fix bench bench-install bench-smoke bench-parse clean parse-fixtures pdf-libraries
