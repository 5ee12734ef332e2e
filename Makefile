# The two commands a newcomer types: `make run` and `make test`.
# Each creates .venv and installs the project (with its test extra) when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint forms bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mscc-desk

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check mscc_desk tests bench
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check mscc_desk tests bench
	$(BIN)/mypy

# Regenerate gui/forms/ui_*.py from the Designer files in ui/.
forms: $(STAMP)
	for f in ui/*.ui; do \
	  n=$$(basename $$f .ui); \
	  $(BIN)/pyside6-uic $$f -o mscc_desk/gui/forms/ui_$$n.py || exit 1; \
	done

# Speed and latency measurements (not tests: they time real work on this machine).
bench: $(STAMP)
	$(BIN)/python bench/change_latency.py
	$(BIN)/python bench/alert_latency.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
