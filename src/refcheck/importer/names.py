"""Author lists as BibTeX name lists.

Wikipedia prints authors three ways: CS1's ``Last, First; Last, First`` (one name per
``last=``/``first=`` pair), one name (``David Axe``), or a hand-written list
(``A. One, B. Two, and C. Three``, MLA's ``Last, First, and First Last``).  BibTeX
separates names with ``and`` and reads at most two commas in a name, so a list left
with its commas is one mangled name to BibTeX and biber, and pybtex stops a Sphinx
build on it (rule name-list-invalid).  What cannot be split with certainty is kept as
one literal name, braced by the writer: the words stay as the source prints them.
"""

from __future__ import annotations

import re

from refcheck.bib.names import split_names, top_level_commas

# ", and " / " and " / " & " / "," between names of a hand-written list.
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*,\s*")


def bibtex_author(text: str) -> tuple[str, bool]:
    """The author as a BibTeX name list, and whether it is one literal name."""
    names = [name.strip() for name in text.split(";") if name.strip()]
    if len(names) > 1 or "," in text or " & " in text or " and " in text:
        if all(top_level_commas(name) == 1 for name in names):
            return " and ".join(names), False  # CS1's "Last, First; Last, First"
        listed = _hand_written_list(text)
        if listed is not None:
            return listed, False
        return text, True
    return text, True


def _hand_written_list(text: str) -> str | None:
    parts = [part for part in _LIST_SEPARATOR.split(text) if part]
    if len(parts) < 2:
        return None
    words = [len(part.split()) for part in parts]
    if all(count >= 2 for count in words):
        names = parts  # "A. One, B. Two, and C. Three"
    elif len(parts) > 2 and words[0] == 1 and all(count >= 2 for count in words[2:]):
        names = [f"{parts[0]}, {parts[1]}", *parts[2:]]  # MLA: "Last, First, and First Last"
    else:
        return None
    joined = " and ".join(names)
    if any(not name or top_level_commas(name) > 1 for name in split_names(joined)):
        return None
    return joined
