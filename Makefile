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

# The book as HTML in docs/_build/html (open index.html).
book: $(STAMP)
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
