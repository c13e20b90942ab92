extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["macros.bib", "refs.bib"]
