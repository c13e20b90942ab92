# The extensions (and with them the documents) come from another file at run time.
exec(open("settings.py").read())
bibtex_bibfiles = ["refs.bib"]
