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

# Every figure of docs/performance.md, against its floor (about 13 minutes here; the demo
# databases are kept in bench/data/ for later runs).
bench: $(STAMP)
	$(BIN)/python bench/ten_years.py

# Regenerate gui/forms/ui_*.py from the Designer files in ui/.
forms: $(STAMP)
	for f in ui/*.ui; do \
	  n=$$(basename $$f .ui); \
	  $(BIN)/pyside6-uic $$f -o mscc_desk/gui/forms/ui_$$n.py || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
