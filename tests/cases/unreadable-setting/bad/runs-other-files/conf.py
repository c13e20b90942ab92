extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
exec(open("more_settings.py").read())
# expect: 3 unreadable-setting sets names at run time with exec()
