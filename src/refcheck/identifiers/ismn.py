"""ISMNs (printed music): ``979-0`` and nine digits, or the older ``M`` and nine
digits, with an EAN-13 check digit (ISO 10957; CS1's ``ismn()``, biber's ``ismn``
data constraint).  The old form ``M-2306-7118-7`` is the new ``979-0-2306-7118-7``."""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.i18n import N_
from refcheck.identifiers.checksums import ean13_valid
from refcheck.identifiers.labels import strip_labels
from refcheck.identifiers.verdict import VALID, Verdict
from refcheck.lazy_re import lazy

_LABEL = lazy(r"ISMN\s*:?\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]")


@lru_cache(maxsize=4096)
def check_ismn(value: str) -> Verdict:
    """What is wrong with ``value`` as the content of an ``ismn`` field."""
    text, label = strip_labels(value.strip(), _LABEL)
    verdict = _check_bare(text)
    if label is not None and verdict.valid:
        return Verdict(N_("the label 'ISMN' in the value: the styles print it"), text)
    return verdict


def _check_bare(text: str) -> Verdict:
    compact = _SEPARATORS.sub("", text)
    if compact[:1] in ("M", "m"):
        compact = "9790" + compact[1:]
    if len(compact) != 13 or not compact.isdigit() or not compact.isascii():
        return Verdict(N_("an ISMN is 979-0 (or M) and nine digits"))
    if not compact.startswith("9790"):
        return Verdict(N_("an ISMN begins with 979-0 (or M)"))
    if not ean13_valid(compact):
        return Verdict(N_("wrong check digit: a digit is mistyped or two are swapped"))
    return VALID
