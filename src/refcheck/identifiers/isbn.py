"""ISBNs: ten or thirteen digits with a check digit (ISO 2108).

What is checked (after CS1's ``isbn()``, which reports the same kinds, and biber's
``isbn`` data constraint): only digits, hyphens, spaces and a final ``X``; ten or
thirteen digits; an ``X`` only as the check digit of an ISBN-10; an ISBN-13 begins
with 978 or 979 but not 979-0 (that range is the ISMN's); the check digit; an ISBN-10
in 630/631 is an Amazon ASIN, not an ISBN.  An ``ISBN`` label in the value and a
lower-case ``x`` have a safe fix; a wrong check digit has none (recomputing it would
hide the typo it caught).  Several ISBNs in one field (``978-... (pbk.), 978-...``)
are one problem of their own: biblatex's ``isbn`` holds the ISBN of the edition cited.
"""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.i18n import N_
from refcheck.identifiers.checksums import ean13_valid, mod11_valid
from refcheck.identifiers.labels import strip_labels
from refcheck.identifiers.verdict import VALID, Verdict
from refcheck.lazy_re import lazy

_LABEL = lazy(r"ISBN(?:-1[03])?\s*:?\s*", re.IGNORECASE)
_SEPARATORS = lazy(r"[\s\-\u2010-\u2015]")
# Runs of digits and hyphens: an ISBN is one run, or several separated by single spaces.
_RUN = lazy(r"[\dXx][\dXx\-]*")
# An ISSN (NNNN-NNNC) where an ISBN belongs: exporters mix the two fields up.
_ISSN_FORM = lazy(r"\d{4}-?\d{3}[\dXx]")
_TOKENS = lazy(r"[\s,;]+")


@lru_cache(maxsize=4096)
def check_isbn(value: str) -> Verdict:
    """What is wrong with ``value`` as the content of an ``isbn`` field."""
    text, label = strip_labels(value.strip(), _LABEL)
    verdict = _check_bare(text.strip())
    if label is not None and verdict.valid:
        return Verdict(N_("the label 'ISBN' in the value: the styles print it"), text.strip())
    return verdict


def _check_bare(text: str) -> Verdict:
    runs = [run for run in _RUN.findall(text) if len(run.replace("-", "")) in (10, 13)]
    if len(runs) > 1:
        return Verdict(N_("more than one ISBN in one field: keep the ISBN of the edition cited"))
    tokens = _TOKENS.split(text)
    if text and not runs and all(_ISSN_FORM.fullmatch(token) for token in tokens if token):
        return Verdict(N_("this is an ISSN (NNNN-NNNC), not an ISBN: put it in issn"))
    compact = _SEPARATORS.sub("", text)
    if compact.endswith("x"):
        upper = text[:-1] + "X"
        inner = _check_bare(upper)
        return (
            Verdict(N_("a lower-case 'x' as check digit: it is written 'X'"), upper)
            if inner.valid
            else inner
        )
    if (
        not compact
        or not all(char.isdigit() or char == "X" for char in compact)
        or not compact.isascii()
    ):
        return Verdict(
            N_("an ISBN holds only digits, hyphens or spaces, and 'X' as an ISBN-10's check digit")
        )
    if len(compact) not in (10, 13):
        if len(compact) == 9:
            return Verdict(
                N_("9 digits: an ISBN has 10 or 13 (9 digits: an SBN, write it with a leading 0)")
            )
        return Verdict(N_("{n} digits: an ISBN has 10 or 13"), values=(("n", len(compact)),))
    if "X" in compact[:-1] or (len(compact) == 13 and compact.endswith("X")):
        return Verdict(N_("'X' is only the check digit of an ISBN-10, in the last place"))
    if len(compact) == 10:
        if not mod11_valid(compact):
            return Verdict(N_("wrong check digit: a digit is mistyped or two are swapped"))
        if compact.startswith(("630", "631")):
            return Verdict(N_("630/631 is not an ISBN group: this is an Amazon ASIN"))
        return VALID
    if not compact.startswith(("978", "979")):
        return Verdict(N_("an ISBN-13 begins with 978 or 979"))
    if compact.startswith("9790"):
        return Verdict(N_("979-0 is the ISMN's range (printed music): put it in ismn"))
    if not ean13_valid(compact):
        return Verdict(N_("wrong check digit: a digit is mistyped or two are swapped"))
    return VALID
