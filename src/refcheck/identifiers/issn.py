"""ISSNs: eight characters, ``NNNN-NNNC``, with a modulo-11 check character (ISO 3297).

What is checked (after CS1's ``issn()`` and biber's ``issn`` data constraint): seven
digits and a check digit or ``X``, optionally split by one hyphen or space in the
middle; the check character.  An ``ISSN`` label and a lower-case ``x`` have a safe
fix.  Print and electronic ISSNs together (``0028-0836, 1476-4687``) are reported
apart: biblatex's ``issn`` holds one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.i18n import N_
from refcheck.identifiers.checksums import mod11_valid
from refcheck.identifiers.labels import strip_labels
from refcheck.identifiers.verdict import VALID, Verdict

_LABEL = re.compile(r"e?ISSN\s*:?\s*", re.IGNORECASE)
_FORM = re.compile(r"(\d{4})[\-\s\u2010-\u2015]?(\d{3}[\dX])")
_SPLIT = re.compile(r"[\s,;/]+")
# A list of ISSNs, each perhaps annotated: "0079-6611 (print), 1873-4472 (electronic)".
_ANNOTATION = re.compile(r"\([A-Za-z][A-Za-z .\-]*\)")


@lru_cache(maxsize=4096)
def check_issn(value: str) -> Verdict:
    """What is wrong with ``value`` as the content of an ``issn`` field."""
    text, label = strip_labels(value.strip(), _LABEL)
    verdict = _check_bare(text)
    if label is not None and verdict.valid:
        return Verdict(N_("the label 'ISSN' in the value: the styles print it"), text)
    return verdict


def _check_bare(text: str) -> Verdict:
    if text.endswith("x"):
        upper = text[:-1] + "X"
        inner = _check_bare(upper)
        if inner.valid:
            return Verdict(N_("a lower-case 'x' as check digit: it is written 'X'"), upper)
        return inner
    match = _FORM.fullmatch(text)
    if match is None:
        parts = [part for part in _SPLIT.split(_ANNOTATION.sub("", text)) if part]
        if len(parts) > 1 and all(_FORM.fullmatch(part) for part in parts):
            # A serial's print and online ISSNs name the same journal, and biblatex prints
            # the list as written: only a wrong one is a problem.
            wrong = [part for part in parts if not _check_bare(part).valid]
            if wrong:
                return Verdict(
                    N_("{issn} in this list of ISSNs has a wrong check digit"),
                    values=(("issn", wrong[0]),),
                )
            return VALID
        return Verdict(
            N_("an ISSN is eight characters, NNNN-NNNC: seven digits and a check digit or X")
        )
    if not mod11_valid(match[1] + match[2]):
        return Verdict(N_("wrong check digit: a digit is mistyped or two are swapped"))
    return VALID
