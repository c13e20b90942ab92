"""arXiv identifiers (arxiv.org/help/arxiv_identifier; CS1's ``arxiv()``).

Three forms, each with an optional version ``v<n>``:

- ``archive(.class)/YYMMNNN``, from 1991-07 (9107) to 2007-03 (0703): ``hep-th/9901001``,
  ``math.GT/0309136``;
- ``YYMM.NNNN``, from 2007-04 (0704) to 2014-12 (1412);
- ``YYMM.NNNNN``, from 2015-01 (1501).

The month must be 01-12.  In biblatex the identifier goes in ``eprint`` with
``eprinttype = {arxiv}`` (BibTeX exporters write ``archiveprefix = {arXiv}``), and the
style prints "arXiv:" and the link, so an ``arXiv:`` label or an arxiv.org URL in the
value is printed twice or makes a dead link; both have a safe fix.
"""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.i18n import N_
from refcheck.identifiers.labels import strip_labels
from refcheck.identifiers.verdict import VALID, Verdict
from refcheck.lazy_re import lazy

_PREFIX = lazy(r"arxiv\s*:\s*|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/", re.IGNORECASE)
_OLD_NUMBER = lazy(r"\d{7}(?:v\d+)?")
# arXiv's listing form, "1501.00001 [hep-th]", and exporters' "0012379 [cond-mat]".
_LISTING = lazy(r"(?P<id>[^\s\[\]]+)\s*\[(?P<category>[A-Za-z][A-Za-z.\-]*)\]")
_NEW = lazy(r"(?P<yy>\d\d)(?P<mm>\d\d)\.(?P<number>\d{4,5})(?:v\d+)?")
_OLD = lazy(r"[A-Za-z][A-Za-z\-]*(?:\.[A-Za-z\-]+)?/(?P<yy>\d\d)(?P<mm>\d\d)\d{3}(?:v\d+)?")


@lru_cache(maxsize=4096)
def check_arxiv(value: str) -> Verdict:
    """What is wrong with ``value`` as an arXiv identifier (an ``eprint`` of arXiv)."""
    text, prefix = strip_labels(value.strip(), _PREFIX)
    if prefix is None:
        return _check_listing(text)
    if "://" in prefix and text.lower().endswith(".pdf"):
        text = text[:-4]
    inner = _check_listing(text)
    if not inner.valid:
        return inner
    fixed = inner.normalized or text
    if "://" in prefix:
        return Verdict(
            N_("an arxiv.org URL in the identifier: the style prints the label and the link"),
            fixed,
        )
    return Verdict(
        N_("the label 'arXiv:' in the identifier: the style prints the label and the link"),
        fixed,
    )


def _check_listing(text: str) -> Verdict:
    listing = _LISTING.fullmatch(text)
    if listing is None:
        return _check_form(text)
    identifier, category = listing["id"], listing["category"]
    if _OLD_NUMBER.fullmatch(identifier):  # the number of an old identifier
        identifier = f"{category.split('.')[0]}/{identifier}"
    inner = _check_form(identifier)
    if not inner.valid:
        return inner
    return Verdict(
        N_("the category [{category}] in the identifier: it belongs in eprintclass"),
        identifier,
        (("category", category),),
    )


def _check_form(text: str) -> Verdict:
    new = _NEW.fullmatch(text)
    if new is not None:
        year, month, digits = int(new["yy"]), int(new["mm"]), len(new["number"])
        if not 1 <= month <= 12:
            return Verdict(
                N_("month {month} in {value!r}: the first four digits are YYMM"),
                values=(("month", new["mm"]), ("value", text)),
            )
        if digits == 4 and not (704 <= year * 100 + month <= 1412):
            return Verdict(
                N_(
                    "a four-digit number after the dot is the form of 2007-04 to 2014-12; "
                    "from 2015 it has five digits, before 2007-04 identifiers were archive/YYMMNNN"
                )
            )
        if digits == 5 and year < 15:
            return Verdict(N_("a five-digit number after the dot is the form of 2015 and later"))
        return VALID
    old = _OLD.fullmatch(text)
    if old is not None:
        yymm = int(old["yy"]) * 100 + int(old["mm"])
        month = int(old["mm"])
        in_range = yymm >= 9107 or yymm <= 703
        if not 1 <= month <= 12 or not in_range:
            return Verdict(
                N_(
                    "the archive/YYMMNNN form was used from 1991-07 to 2007-03: "
                    "{yymm} is outside it"
                ),
                values=(("yymm", f"{old['yy']}{old['mm']}"),),
            )
        return VALID
    return Verdict(
        N_(
            "not an arXiv identifier: YYMM.NNNNN (2015 on), YYMM.NNNN (2007-2014) or "
            "archive/YYMMNNN (1991-2007), with an optional version vN"
        )
    )
