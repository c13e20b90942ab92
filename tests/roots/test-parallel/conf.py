extensions = ["myst_parser", "sphinxcontrib.bibtex", "refcheck.sphinx"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "jawiki"
exclude_patterns = ["_build"]
