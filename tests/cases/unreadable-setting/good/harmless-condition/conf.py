import os

extensions = ["sphinxcontrib.bibtex", "myst_parser"]
# An extension that adds no documents and no bibliographies: the condition changes
# nothing refcheck reads.
if os.environ.get("PDF"):
    extensions.append("sphinx.ext.imgmath")
try:
    import sphinx_copybutton  # noqa: F401

    extensions += ["sphinx_copybutton"]
except ImportError:
    pass
bibtex_bibfiles = ["refs.bib"]
