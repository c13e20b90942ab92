# sphinxcontrib-bibtex's default style (alpha), which has no template for @report.
extensions = ["sphinxcontrib.bibtex", "refcheck.sphinx"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
