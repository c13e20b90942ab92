"""Read the written BibTeX back with pybtex: every reference found must be an entry in it.

This is the importer's own proof that nothing was lost or mangled on the way out: the same
keys in the same order, and every field reading back as the text that was parsed.
"""

from __future__ import annotations

from collections.abc import Sequence

from pybtex.database import parse_string
from pybtex.exceptions import PybtexError

from refcheck.importer.bibtex import entry_fields, unescape_value
from refcheck.importer.model import Reference


class CountMismatch(Exception):
    """The written text does not hold exactly the references that were found."""


def verify_bibliography(
    bib_text: str, keys: Sequence[str], references: Sequence[Reference]
) -> None:
    """Raise CountMismatch unless ``bib_text`` holds exactly ``references`` under ``keys``."""
    try:
        data = parse_string(bib_text, "bibtex")
    except PybtexError as error:
        raise CountMismatch(f"the written BibTeX does not parse: {error}") from None
    written = list(data.entries.keys())
    if len(written) != len(references):
        raise CountMismatch(
            f"{len(references)} references found but {len(written)} entries written"
        )
    if written != list(keys):
        raise CountMismatch("the written entries' keys differ from the references' keys")
    for key, reference in zip(keys, references, strict=True):
        entry = data.entries[key]
        expected = entry_fields(reference)
        for role in ("author", "editor"):
            expected.pop(role, None)  # pybtex moves names into entry.persons
        read_back = {name.lower(): unescape_value(value) for name, value in entry.fields.items()}
        if read_back != expected:
            raise CountMismatch(f"entry {key} does not read back as reference [{reference.number}]")
        for role in ("author", "editor"):
            if getattr(reference, role) and not entry.persons.get(role):
                lost = f"entry {key} lost the {role} of reference [{reference.number}]"
                raise CountMismatch(lost)
