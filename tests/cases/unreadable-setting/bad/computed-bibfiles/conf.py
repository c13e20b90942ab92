import glob

extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = sorted(glob.glob("*.bib"))
# expect: 4 unreadable-setting 'bibtex_bibfiles' could not be read: the result of calling sorted()
