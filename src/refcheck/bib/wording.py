"""The scanner's names for the places it reports (``entry 'key'``, ``field 'title' of
entry 'key'``, ...) in the reader's language.

The scanner builds these names in English for every entry and field it reads, whether or
not anything goes wrong; translating them there would cost a catalogue lookup per field
of every file.  A problem is rare, so the name is reworded only when one is reported.
"""

from __future__ import annotations

from refcheck.i18n import _, active_language


def worded(label: str) -> str:
    """``label``, one of the scanner's English place names, in the active language."""
    if active_language() == "en":
        return label
    if label.startswith("field '") and "' of " in label:  # field names hold no quote
        name, _of, rest = label[len("field '") :].partition("' of ")
        return _("field '{name}' of {label}").format(name=name, label=worded(rest))
    if label.startswith("entry '") and label.endswith("'"):
        return _("entry '{key}'").format(key=label[len("entry '") : -1])
    if label.startswith("the @") and " entry at line " in label:
        kind, _at, line = label[len("the @") :].rpartition(" entry at line ")
        return _("the @{type} entry at line {line}").format(type=kind, line=line)
    if label.startswith("@string '") and label.endswith("'"):
        return _("@string '{name}'").format(name=label[len("@string '") : -1])
    return label  # "@preamble", "@comment": BibTeX's words
