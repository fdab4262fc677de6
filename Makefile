# geoconflict developer tasks. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out

.PHONY: venv install demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(BIN)/python

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/geoconflict run --examples -o $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest -m "not network" -q

lint: $(STAMP)
	$(BIN)/pip install --quiet ruff
	$(BIN)/ruff check geoconflict gazetteer tests bench

bench: $(STAMP)
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info .pytest_cache test-artifacts
