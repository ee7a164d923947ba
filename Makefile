# The two commands of the README: `make serve` and `make test`.
# Each creates .venv on first use from the pinned lock file and is quick after that.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
export NO_MKDOCS_2_WARNING = 1
export PYTHONDONTWRITEBYTECODE = 1

# Seconds one notebook cell may run in the tests.
CELL_TIMEOUT ?= 120

.PHONY: serve test build lock clean

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 10) else f"dl-notes needs Python 3.10 or newer, but $(PYTHON) is {v.major}.{v.minor}.")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements/lock.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	@touch $(STAMP)

## serve: set everything up and serve the site on http://127.0.0.1:8000/dl-notes/ (labs with outputs)
serve: $(STAMP)
	$(BIN)/mkdocs serve

## test: set everything up and run the whole suite (unit tests, doc snippets, labs, strict build, site checks)
test: $(STAMP)
	@NOTEBOOKS=$$($(BIN)/python docs/hooks/notebooks.py stage) && \
	$(BIN)/python -m pytest $$NOTEBOOKS tests docs dl_notes \
		--nbmake --nbmake-timeout=$(CELL_TIMEOUT) --overwrite \
		--markdown-docs --markdown-docs-syntax=superfences \
		--doctest-modules --ignore=docs/hooks --ignore-glob='docs/**/*.ipynb' \
		--durations=40

## build: the strict site build alone, into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## lock: re-resolve requirements/lock.txt from pyproject.toml (needs uv)
lock:
	uv pip compile pyproject.toml --all-extras --universal --python-version 3.10 \
		--no-header --no-annotate -o requirements/lock.txt

clean:
	rm -rf site .cache .pytest_cache
