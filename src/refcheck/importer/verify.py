"""Read the written BibTeX back with pybtex: every reference found must be an entry in it."""

from __future__ import annotations

from collections.abc import Sequence

from pybtex.database import parse_string
from pybtex.exceptions import PybtexError


class CountMismatch(Exception):
    """The written text does not hold exactly the references that were found."""


def verify_bibliography(bib_text: str, keys: Sequence[str]) -> None:
    """Raise CountMismatch unless ``bib_text`` parses to exactly ``keys``, in order."""
    try:
        data = parse_string(bib_text, "bibtex")
    except PybtexError as error:
        raise CountMismatch(f"the written BibTeX does not parse: {error}") from None
    written = list(data.entries.keys())
    if written != list(keys):
        raise CountMismatch(
            f"{len(keys)} references found but {len(written)} entries written"
            if len(written) != len(keys)
            else "the written entries' keys differ from the references' keys"
        )
