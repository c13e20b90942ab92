"""refcheck: a citation linter for BibTeX files and MyST/Sphinx documents."""

__version__ = "0.1.0"
