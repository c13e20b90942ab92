# Two commands do everything on a fresh machine: `make book` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HTML_DIR := docs/_build/html

.PHONY: book pdf test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The book: HTML in docs/_build/html (open index.html), with the PDF edition built first and
# linked from every page when TeX Live is installed (else a note says how to get it).
book: $(STAMP)
	$(BIN)/python tools/build_pdf.py --if-available
	$(BIN)/sphinx-build -W --keep-going -b html docs $(HTML_DIR)

# The book as a PDF in docs/_build/pdf (needs TeX Live: see tools/build_pdf.py).
pdf: $(STAMP)
	$(BIN)/python tools/build_pdf.py

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

clean:
	rm -rf docs/_build
