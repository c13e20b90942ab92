extensions = ["sphinxcontrib.bibtex", "myst_nb"]
bibtex_bibfiles = ["../shared/refs.bib"]  # relative to the source folder, as sphinxcontrib-bibtex reads it
