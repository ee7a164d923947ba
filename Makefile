# The two commands of the README: `make serve` and `make test`.
# Each creates .venv on first use from the pinned lock file (with uv, itself pinned there)
# and is quick after that.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
export NO_MKDOCS_2_WARNING = 1
# Compiled bytecode goes to one folder outside the sources (no __pycache__ next to dl_notes/,
# which mkdocs serve watches). It is written lazily, on first import, so a fresh venv that uv
# installed without bytecode pays TensorFlow's compile once, not in every process.
export PYTHONPYCACHEPREFIX = $(CURDIR)/.cache/pycache

# Seconds one notebook cell may run in the tests.
CELL_TIMEOUT ?= 120

.PHONY: serve test check execute site-check build bench weights lock clean

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 10) else f"dl-notes needs Python 3.10 or newer, but $(PYTHON) is {v.major}.{v.minor}.")'
	@start=$$(date +%s) && \
	{ test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } && \
	$(BIN)/python -m pip install --disable-pip-version-check -q "$$(grep -E '^uv==' requirements/lock.txt)" && \
	$(BIN)/python -m uv pip install -q --python $(BIN)/python -r requirements/lock.txt && \
	$(BIN)/python -m uv pip install -q --python $(BIN)/python --no-deps -e . && \
	echo $$(( $$(date +%s) - start )) > $(VENV)/.install-seconds
	@touch $(STAMP)

## serve: set everything up and serve the site on http://127.0.0.1:8000/dl-notes/ (labs with outputs)
serve: $(STAMP)
	$(BIN)/mkdocs serve

## test: set everything up and run the whole suite (labs, unit tests, doc snippets, strict build, site
## and browser checks), labs and unit tests in parallel; prints a timing table (test-output/timings.json)
test: $(STAMP)
	CELL_TIMEOUT=$(CELL_TIMEOUT) $(BIN)/python -m tests.suite test

## check: the quick loop while you work: unit, gradient, doctest and snippet tests (no labs, build or browser)
check: $(STAMP)
	$(BIN)/python -m tests.suite check

## execute: execute the stale labs below DIR (default: all of docs/) into .cache/executed, in parallel
execute: $(STAMP)
	CELL_TIMEOUT=$(CELL_TIMEOUT) $(BIN)/python -m tests.suite execute $(DIR)

## site-check: the strict build, site checks and browser tests, from labs already executed
site-check: $(STAMP)
	$(BIN)/python -m tests.suite site

## build: the strict site build alone, into site/ (it executes any stale lab first)
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## bench: time the vectorised conv and pooling layers against their loop versions and TensorFlow (CPU),
## and the NumPy LSTM against a Keras LSTM
bench: $(STAMP)
	$(BIN)/python -m benchmarks.conv
	$(BIN)/python -m benchmarks.rnn

## weights: remake the files dl_notes ships: MobileNetV2 on digits 0-4 (C4 W2A2), the word vectors
## (C5 W2; needs the Debian packages wordnet-base and fortunes) and the chorale melodies (C5 W1A3)
weights: $(STAMP)
	$(BIN)/python scripts/pretrain_mobilenet.py
	$(BIN)/python scripts/train_word_vectors.py
	$(BIN)/python scripts/prepare_chorales.py

## lock: re-resolve requirements/lock.txt from pyproject.toml (with the venv's uv)
lock:
	$(shell $(BIN)/python -m uv --version >/dev/null 2>&1 && echo $(BIN)/python -m uv || echo uv) pip compile pyproject.toml --all-extras --universal --python-version 3.10 \
		--no-header --no-annotate -o requirements/lock.txt

clean:
	rm -rf site .cache .pytest_cache
