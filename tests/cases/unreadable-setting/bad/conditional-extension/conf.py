import os

extensions = ["sphinxcontrib.bibtex"]
if os.environ.get("WITH_MYST"):
    extensions.append("myst_parser")
# expect: 5 unreadable-setting 'extensions' is set inside an if block at line 4
bibtex_bibfiles = ["refs.bib"]
