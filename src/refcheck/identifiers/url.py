"""URLs in ``url`` fields, and bare URLs in text fields.

What is checked in ``url`` (after CS1's URL checks, and what biblatex's verbatim
``url`` field and ``\\url`` need): one URL, without white space; a scheme
(``https://``; ``www.example.org`` alone is a relative link once it is typeset); for
``http``, ``https`` and ``ftp``, a host with a dot (or ``localhost``); no LaTeX escapes
(``\\_``, ``\\%``, ``\\&``, ``\\#``): the field is verbatim, so the backslash goes into the
link; no ``\\url{...}`` around it (the style adds it).  A URL in a title or a note is
found by :func:`bare_urls`.
"""

from __future__ import annotations

import re

from refcheck.i18n import N_
from refcheck.identifiers.verdict import VALID, Verdict
from refcheck.lazy_re import lazy

_SCHEME = lazy(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):")
_HOST = lazy(r"//(?:[^/@?#]*@)?(?P<host>[^/:?#]*)")
_LATEX_ESCAPE = lazy(r"\\([_%&#~$])")
_WRAPPED = lazy(r"\\(?:url|href)\s*\{(?P<inner>[^{}]*)\}")
# Bare web addresses in running text: scheme or "www.", then no space.  Those inside
# \url{...} or \href{...} are the marked-up form and are skipped by the caller.
_BARE = lazy(r"(?:https?://|www\.)[^\s{}\\]+", re.IGNORECASE)
_MARKED_UP = lazy(r"\\(?:url|href|path|nolinkurl)\s*\{[^{}]*\}")
_SPACE = re.compile(r"\s")
# Most values: http(s), a host name with a dot, then no space, backslash or brace.
_PLAIN_VALID = re.compile(r"https?://[A-Za-z0-9\-]+\.[A-Za-z0-9.\-]+(?::\d+)?(?:[/?#][^\s\\{}]*)?")
_NETWORK_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp"})


def check_url(value: str) -> Verdict:
    """What is wrong with ``value`` as the content of a ``url`` field."""
    text = value.strip()
    if _PLAIN_VALID.fullmatch(text) and ".." not in text:
        return VALID
    wrapped = _WRAPPED.fullmatch(text)
    if wrapped is not None:
        inner = wrapped["inner"].strip()  # holds no braces: no \url inside to unwrap again
        return Verdict(
            N_("\\url{{...}} around the URL: the style typesets the field as a URL"),
            inner if _check_unwrapped(inner).valid else None,
        )
    return _check_unwrapped(text)


def _check_unwrapped(text: str) -> Verdict:
    if not text:
        return VALID  # an empty field is empty-field's to report
    if _SPACE.search(text):
        parts = text.split()
        if len(parts) > 1 and all(_SCHEME.match(part) for part in parts):
            return Verdict(N_("more than one URL in one field: keep the one of this work"))
        return Verdict(N_("white space inside the URL: encode it as %20 or remove it"))
    if _LATEX_ESCAPE.search(text):
        unescaped = _LATEX_ESCAPE.sub(r"\1", text)
        clean = not _LATEX_ESCAPE.search(unescaped) and _check_form(unescaped).valid
        return Verdict(
            N_(
                "a LaTeX escape in the URL: the url field is verbatim, so the backslash becomes "
                "part of the link"
            ),
            unescaped if clean else None,
        )
    return _check_form(text)


def _check_form(text: str) -> Verdict:
    """The scheme and host of a URL without white space or escapes."""
    scheme = _SCHEME.match(text)
    if scheme is None:
        if text.lower().startswith("www."):
            return Verdict(
                N_("no scheme: without 'https://' the link is relative"), f"https://{text}"
            )
        return Verdict(N_("no scheme (https://, ftp://, ...): this is not an absolute URL"))
    name = scheme["scheme"].lower()
    if name in _NETWORK_SCHEMES:
        host = _HOST.match(text, scheme.end())
        if host is None:
            return Verdict(N_("'{name}:' without '//' and a host"), values=(("name", name),))
        hostname = host["host"].lower()
        if not hostname or ("." not in hostname and hostname != "localhost"):
            return Verdict(N_("host {host!r} is not a domain name"), values=(("host", hostname),))
        if hostname.startswith(".") or ".." in hostname:
            return Verdict(N_("host {host!r} is not a domain name"), values=(("host", hostname),))
    return VALID


def bare_urls(text: str) -> list[str]:
    """Web addresses written in ``text`` outside ``\\url{}``/``\\href{}`` markup."""
    if "://" not in text and "ww." not in text and "WW." not in text:
        return []  # the usual case: substring tests in C, without lower-casing a copy
    unmarked = _MARKED_UP.sub(" ", text) if "\\" in text else text
    return [match.group().rstrip(".,;:)") for match in _BARE.finditer(unmarked)]
