"""DOI names: ``10.<registrant>/<suffix>``.

What is checked (after CS1's ``doi()`` and the DOI Handbook §2.2): the value is one bare
DOI name, not a resolver URL or a ``doi:`` label (biblatex and the BibTeX styles add
those themselves, so they would be printed twice or make a dead link); the directory
indicator is ``10.``; the registrant code is digits and dots, four or five digits before
the first dot, not the never-resolving test prefix ``5555``; the suffix is not empty and
holds no white space; the name does not end in ``.`` or ``,`` (sentence punctuation
copied with it); a LaTeX escape (``\\_``) is not needed in the verbatim ``doi`` field.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from refcheck.i18n import N_
from refcheck.identifiers.labels import strip_labels
from refcheck.identifiers.verdict import VALID, Verdict
from refcheck.lazy_re import lazy

# What people put in front of a DOI name: a resolver URL (doi.org, dx.doi.org, old
# hostnames, www.), the "doi:" label and the info URI.
_PREFIX = lazy(
    r"(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*|info:doi/|https?://hdl\.handle\.net/)",
    re.IGNORECASE,
)
_NAME = lazy(r"10\.(?P<registrant>[^/\s]+)/(?P<suffix>\S+)")
_REGISTRANT = lazy(r"(?P<first>\d+)(?:\.\d+)*")
_LATEX_ESCAPE = lazy(r"\\([_%&#])")
_TRAILING = ".,;"
# Most values: a bare, well-formed name (the checks below, in one linear pattern).
_PLAIN_VALID = re.compile(r"10\.[1-9]\d{3,4}(?:\.\d+)*/[^\s\\]*[^\s\\.,;]")
_SPACE = lazy(r"\s")
_RESOLVER = "https://doi.org/"
_RESOLVER_URL_PROBLEM = N_(
    "a resolver URL in front of the DOI: the field holds the bare name, styles add the link"
)


def check_doi(value: str) -> Verdict:
    """What is wrong with ``value`` as the content of a ``doi`` field."""
    text = value.strip()
    if _PLAIN_VALID.fullmatch(text) and not text.startswith("10.5555/"):
        return VALID
    if text.startswith(_RESOLVER):
        # The most common prefixed form (reference managers' exports): a valid name after
        # doi.org's URL, which the general path below would take to the same verdict.
        name = text[len(_RESOLVER) :]
        if _is_plain_name(name):
            return Verdict(_RESOLVER_URL_PROBLEM, name)
    bare, prefix = strip_labels(text, _PREFIX)
    if prefix is None:
        return _check_unprefixed(text)
    if "%2" in bare.upper():
        bare = unquote(bare)
    inner = _check_unprefixed(bare)
    fixed = inner.normalized or (bare if inner.valid else None)
    if "://" in prefix:
        return Verdict(_RESOLVER_URL_PROBLEM, fixed)
    return Verdict(
        N_(
            "the label {prefix!r} in front of the DOI: the field holds the bare name, styles "
            "add the link"
        ),
        fixed,
        (("prefix", prefix),),
    )


def _is_plain_name(name: str) -> bool:
    """True when ``name`` is a DOI name :func:`_check_unprefixed` finds valid and that
    holds nothing a prefixed value's reading changes (no ``%`` escape)."""
    return (
        _PLAIN_VALID.fullmatch(name) is not None
        and not name.startswith("10.5555")  # the test prefix, also as 10.5555.1
        and "%" not in name
    )


def _check_unprefixed(text: str) -> Verdict:
    """:func:`check_doi` of a value without resolver or label; what a fix would write is
    checked by :func:`_fixed`, which does not come back here (no recursion on input)."""
    if _LATEX_ESCAPE.search(text):
        unescaped = _LATEX_ESCAPE.sub(r"\1", text)
        return Verdict(
            N_(
                "a LaTeX escape in the DOI: the doi field is verbatim, so the backslash becomes "
                "part of the link"
            ),
            _fixed(unescaped),
        )
    parts = text.split()
    if len(parts) > 1 and all(_NAME.fullmatch(part) for part in parts):
        return Verdict(N_("more than one DOI in one field: keep the one of this work"))
    if text and text[-1] in _TRAILING:
        return Verdict(
            N_(
                "the DOI ends with {char!r}, which is punctuation copied with it, not part "
                "of the name"
            ),
            _fixed(text.rstrip(_TRAILING)),
            (("char", text[-1]),),
        )
    return _check_name(text)


def _fixed(candidate: str) -> str | None:
    """``candidate`` when it is a valid DOI name as it stands, else None."""
    clean = not _LATEX_ESCAPE.search(candidate) and candidate[-1:] not in _TRAILING
    return candidate if clean and _check_name(candidate).valid else None


def _check_name(text: str) -> Verdict:
    if not text.startswith("10."):
        return Verdict(N_("a DOI starts with '10.' (the DOI directory), then the registrant code"))
    match = _NAME.fullmatch(text)
    if match is None:
        if _SPACE.search(text):
            return Verdict(N_("white space inside the DOI: a DOI name has none"))
        return Verdict(N_("a DOI is '10.<registrant>/<suffix>': no '/' after the registrant code"))
    registrant = _REGISTRANT.fullmatch(match["registrant"])
    if registrant is None:
        return Verdict(
            N_("registrant code {code!r} is not digits and dots (10.1000, 10.1038.2)"),
            values=(("code", match["registrant"]),),
        )
    first = registrant["first"]
    if first == "5555":
        return Verdict(N_("10.5555 is the DOI test prefix, which never resolves"))
    if len(first) < 4 and "." not in match["registrant"]:
        return Verdict(
            N_("registrant code {code!r} is too short: they have four or five digits"),
            values=(("code", first),),
        )
    if len(first) > 5:
        return Verdict(
            N_("registrant code {code!r} is too long: they have four or five digits"),
            values=(("code", first),),
        )
    if first[0] == "0":
        return Verdict(
            N_("registrant code {code!r} starts with 0: none does"), values=(("code", first),)
        )
    return VALID
