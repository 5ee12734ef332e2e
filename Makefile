# The two commands a newcomer types: `make run` and `make test`.
# Each creates .venv and installs the project (with its test extra) when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# The bundle is built in a venv of its own, from the project installed as a wheel would
# be (not editable), with only the runtime dependencies and PyInstaller: what is not in
# it cannot end up in the bundle.
BUNDLE_VENV := build/bundle-venv
BUNDLE_BIN  := $(BUNDLE_VENV)/bin

.PHONY: run test lint forms bench clean package-test bundle bundle-smoke

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# On a fresh Debian/Ubuntu desktop the window needs Qt's X11 libraries: installed here
# when root or password-less sudo allows, else the one command to run is printed.
run: $(STAMP)
	packaging/qt-system-libs.sh $(BIN)/python
	$(BIN)/mscc-desk

# The suite runs on every core (pytest-xdist): most of its time is real processes, real
# databases and real PDFs waiting on one another, not one core's arithmetic.
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist worksteal
	$(BIN)/ruff check mscc_desk tests bench packaging
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check mscc_desk tests bench packaging
	$(BIN)/mypy

# The wheel, installed with its dependencies into a fresh venv, run outside the checkout.
package-test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m packaging tests/packaging

# dist/mscc-desk/: the one-folder application (packaging/mscc-desk.spec).
bundle:
	test -x $(BUNDLE_BIN)/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_BIN)/python -m pip install --quiet --upgrade pip
	$(BUNDLE_BIN)/python -m pip install --quiet '.[bundle]'  # a local folder: always reinstalled
	$(BUNDLE_BIN)/pyinstaller --noconfirm --clean --log-level WARN \
	  --workpath build/pyinstaller --distpath dist packaging/mscc-desk.spec
	du -sh dist/mscc-desk

# The bundle as a ward PC runs it: no Python environment, a plain PATH, a new database.
bundle-smoke: $(STAMP)
	$(BIN)/python packaging/smoke.py dist/mscc-desk

# Speed, memory and latency, each against a floor measured in the same run (never in
# tests): every figure of docs/performance.md (about 13 minutes here; the demo databases
# are kept in bench/data/ for later runs), change propagation between desks, the alert
# latency, and importing 2.7 million postcodes for the deprivation lookup.
bench: $(STAMP)
	$(BIN)/python bench/ten_years.py
	$(BIN)/python bench/change_latency.py
	$(BIN)/python bench/alert_latency.py
	$(BIN)/python bench/imd_import_speed.py

# Regenerate gui/forms/ui_*.py from the Designer files in ui/.
forms: $(STAMP)
	for f in ui/*.ui; do \
	  n=$$(basename $$f .ui); \
	  $(BIN)/pyside6-uic $$f -o mscc_desk/gui/forms/ui_$$n.py || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
