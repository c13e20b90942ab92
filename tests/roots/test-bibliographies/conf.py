# What sphinxcontrib-bibtex's own test roots exercise, in one project: per-directive
# bib files, :all:, :filter:, :keyprefix:/:labelprefix:, listed keys, footcite.
extensions = ["sphinxcontrib.bibtex", "refcheck.sphinx"]
bibtex_bibfiles = ["a.bib", "b.bib"]
exclude_patterns = ["_build"]
