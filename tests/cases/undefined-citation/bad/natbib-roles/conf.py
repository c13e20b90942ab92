# The older sphinx-natbib extension (as in sphinxcontrib-bibtex's test-natbib root).
extensions = ["sphinxcontrib.natbib"]
natbib = {"file": "refs.bib"}
