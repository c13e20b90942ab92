"""PubMed identifiers: PMID (a positive whole number) and PMCID (``PMC`` and digits).

CS1's ``pmid()`` and ``pmc()`` also test an upper limit that its maintainers raise by
hand as PubMed grows; refcheck does not (it would age into false errors), and takes
eight digits as the bound instead.  A ``PMID:`` label, and a PMCID written without its
``PMC`` prefix or with a lower-case one, have a safe fix.
"""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.i18n import N_
from refcheck.identifiers.labels import strip_labels
from refcheck.identifiers.verdict import VALID, Verdict
from refcheck.lazy_re import lazy

_PMID_LABEL = lazy(r"PMID\s*:?\s*", re.IGNORECASE)
_PMID = lazy(r"[1-9]\d{0,7}")
_PMCID = lazy(r"(?P<prefix>PMC)?\s*(?P<digits>[1-9]\d{0,7})", re.IGNORECASE)


@lru_cache(maxsize=4096)
def check_pmid(value: str) -> Verdict:
    """What is wrong with ``value`` as a PMID."""
    text, label = strip_labels(value.strip(), _PMID_LABEL)
    if label is not None and _PMID.fullmatch(text):
        return Verdict(N_("the label 'PMID' in the value: the styles print it"), text)
    if _PMID.fullmatch(text) is None:
        if text.upper().startswith("PMC"):
            return Verdict(N_("this is a PMCID (PubMed Central), not a PMID: put it in pmcid"))
        return Verdict(N_("a PMID is a whole number of one to eight digits, without leading zeros"))
    return VALID


@lru_cache(maxsize=4096)
def check_pmcid(value: str) -> Verdict:
    """What is wrong with ``value`` as a PMCID."""
    text = value.strip()
    match = _PMCID.fullmatch(text)
    if match is None:
        return Verdict(N_("a PMCID is 'PMC' and one to eight digits (PMC1234567)"))
    fixed = f"PMC{match['digits']}"
    if match["prefix"] is None:
        return Verdict(
            N_("a PMCID starts with 'PMC': without it the number reads as a PMID"), fixed
        )
    if text != fixed:
        return Verdict(N_("a PMCID is written 'PMC' and the digits, nothing between"), fixed)
    return VALID
