"""Configure details for documentation with sphinx."""

from datetime import date
import os
import sys
import warnings
from pathlib import Path

import sphinx_gallery  # noqa: F401
from sphinx_gallery.sorting import ExampleTitleSortKey
from intersphinx_registry import get_intersphinx_mapping

import mne

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx_autodoc_typehints",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "sphinx_gallery.gen_gallery",
    "sphinxcontrib.bibtex",
    "sphinxcontrib.towncrier.ext",
    "sphinx_issues",
    "numpydoc",
    "sphinx_copybutton",
    "sphinx_design",
]

source_suffix = ".rst"

# The master toctree document.
master_doc = "index"

exclude_patterns = ["_build", "changes/dev"]

sphinx_gallery_conf = {
    "doc_module": "mne_connectivity",
    "reference_url": {
        "mne_connectivity": None,
    },
    "backreferences_dir": "generated",
    "plot_gallery": "True",  # Avoid annoying Unicode/bool default warning
    "within_subsection_order": ExampleTitleSortKey,
    "examples_dirs": ["../examples"],
    "gallery_dirs": ["auto_examples"],
    "filename_pattern": "^((?!sgskip).)*$",
    "matplotlib_animations": True,
    "reset_modules": ("matplotlib", "mne_connectivity_doc_utils.reset_modules"),
    "compress_images": ("images", "thumbnails"),
    "image_scrapers": scrapers,
    "expected_failing_examples": ["../examples/granger_causality.py"],
    "show_signature": False,
    "parallel": True,  # use sphinx-build's -j value
}

# sphinxcontrib-bibtex
bibtex_bibfiles = ["./references.bib"]
bibtex_style = "unsrt"
bibtex_footbibliography_header = ""
