extensions = ["sphinxcontrib.bibtex"]
# The file that defines the macro is read after the file that uses it.
bibtex_bibfiles = ["refs.bib", "macros.bib"]
