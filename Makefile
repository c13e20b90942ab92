# Two commands do everything on a fresh machine: `make book` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
HTML_DIR := docs/_build/html
EPUB_DIR := docs/_build/epub

.PHONY: book pdf epub test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# axe-core for the accessibility test (package-lock.json pins it); npm comes with Node.js.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the axe-core accessibility test will be skipped (install Node.js)"; fi

# The book: HTML in docs/_build/html (open index.html), with the PDF edition (when TeX Live is
# installed, else a note says how to get it) and the EPUB edition built first and linked from
# every page.
book: $(STAMP)
	$(BIN)/python tools/build_pdf.py --if-available
	$(MAKE) --no-print-directory epub
	$(BIN)/sphinx-build -W --keep-going -b html docs $(HTML_DIR)

# The book as an EPUB 3 in docs/_build/epub (Sphinx's epub builder; epubcheck checks it in CI).
# A fresh folder each time: the HTML's link to the EPUB is part of the shared configuration.
epub: $(STAMP)
	rm -rf $(EPUB_DIR)
	$(BIN)/sphinx-build -W --keep-going -q -b epub -d docs/_build/doctrees-epub docs $(EPUB_DIR)

# The book as a PDF in docs/_build/pdf (needs TeX Live: see tools/build_pdf.py).
pdf: $(STAMP)
	$(BIN)/python tools/build_pdf.py

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

clean:
	rm -rf docs/_build
