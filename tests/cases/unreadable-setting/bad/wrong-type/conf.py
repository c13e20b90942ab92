extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
bibtex_encoding = 8859
# expect: 3 unreadable-setting 8859 is not a string
