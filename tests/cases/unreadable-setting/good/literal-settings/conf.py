"""Every watched setting is literal; the computed ones are settings refcheck does not need."""

import os
import sys
from importlib.metadata import version as _version

sys.path.insert(0, os.path.abspath(".."))

project = "demo"
release = _version("sphinx")  # computed, but not a setting refcheck reads
BIB_FOLDER = "bib"
extensions = ["sphinx.ext.autodoc"]
extensions += ["sphinxcontrib.bibtex"]
extensions.append("myst_parser")
bibtex_bibfiles = [os.path.join(BIB_FOLDER, "macros.bib"), f"{BIB_FOLDER}/refs.bib"]
bibtex_default_style = "plain"
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"] + ["drafts/**"]

try:
    import sphinx_rtd_theme  # noqa: F401

    html_theme = "sphinx_rtd_theme"
except ImportError:
    html_theme = "alabaster"
