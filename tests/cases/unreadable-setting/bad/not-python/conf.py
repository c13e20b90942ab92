extensions = ["sphinxcontrib.bibtex"
bibtex_bibfiles = ["refs.bib"]
# expect: 1 unreadable-setting no setting could be read: not valid Python
