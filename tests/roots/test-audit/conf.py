project = "audit"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "refcheck.sphinx"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "jawiki"
exclude_patterns = ["_build"]
# The findings this project keeps are listed in the audit page instead of the log.
suppress_warnings = ["refcheck.claim-after-source", "refcheck.unused-entry"]
