# Stub: the two settings of nilearn's doc/conf.py (lines 84, 148) that matter here.
extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["./soft_references.bib"]
