"""Normal forms of titles, names, DOIs and URLs, for comparing records.

Two strengths: :func:`plain_text` removes only BibTeX markup (LaTeX commands, braces)
and case, so equal results mean "the same text"; :func:`fold_text` also applies Unicode
NFKC (full-width ``ＮＡＴＯ`` becomes ``NATO``), drops accents on Latin letters and turns
punctuation into spaces, so equal results mean "the same words".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

from refcheck.bib.names import split_names as split_name_list
from refcheck.lazy_re import lazy

# Formatting commands whose name carries no meaning (their argument is kept).
_FORMATTING_COMMANDS = frozenset(
    {
        "emph", "textit", "textbf", "textsc", "textrm", "texttt", "textsf", "textsl",
        "textup", "textmd", "textnormal", "mbox", "hbox", "em", "it", "bf", "sc", "rm", "tt",
        "sf", "sl", "up", "url", "path", "mathrm", "mathit", "mathbf", "mathsf", "mathtt",
        "ensuremath", "relax", "protect", "noopsort", "nocase", "textsuperscript",
        "textsubscript", "enquote", "foreignlanguage", "uppercase", "lowercase", "bibnamedelimc",
    }
)  # fmt: skip
_LETTER_COMMANDS = {
    "ss": "ss", "o": "o", "O": "O", "ae": "ae", "AE": "AE", "oe": "oe", "OE": "OE",
    "aa": "a", "AA": "A", "l": "l", "L": "L", "i": "i", "j": "j",
}  # fmt: skip
_ACCENT_MARKS = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    "u": "\u0306", ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b",
    "v": "\u030c", "d": "\u0323", "c": "\u0327", "k": "\u0328", "b": "\u0331",
    "t": "\u0361",
}  # fmt: skip
# \"u, \"{u}, {\"u}, \v{c}, \c c; a letter accent (\u, \v...) needs a space or brace
# after it, so that \url is not read as \u + rl.
_ACCENT = re.compile(
    r"\\(?:(?P<symbol>[`'^\"~=.])\s*|(?P<letter>[uvHcdbrkt])(?:\s+|(?=\{)))"
    r"\{?\s*(?P<base>\\?[A-Za-z])\s*\}?"
)
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*|\\(.)")
# What every accent's markup starts with (a letter accent's space or brace included, as
# _ACCENT needs it): a cheap test that spares most texts, those with only commands such
# as \geoname, \bioname or \degree, the accent pattern's slower scan.
_ACCENT_START = re.compile(r"\\(?:[`'^\"~=.]|[uvHcdbrkt](?:\s|\{))")


def _replace_command(match: re.Match[str]) -> str:
    name = match.group(1)
    if name is None:  # \& \% \$ \_ \{ and the like: the character itself
        return match.group(2)
    if name in _LETTER_COMMANDS:
        return _LETTER_COMMANDS[name]
    if name in _FORMATTING_COMMANDS:
        return " "
    return f" {name} "  # \TeX, \LaTeX, \METAFONT: the name is the word


def _replace_accent(match: re.Match[str]) -> str:
    mark = _ACCENT_MARKS[match["symbol"] or match["letter"]]
    return unicodedata.normalize("NFC", match["base"].lstrip("\\") + mark)


def strip_latex(text: str) -> str:
    """``text`` without LaTeX commands, accents' markup, braces, ``$`` and ``~``."""
    text = _strip_commands(text)
    return text.replace("{", "").replace("}", "").replace("$", "").replace("~", " ")


def _strip_commands(text: str) -> str:
    """:func:`strip_latex`'s first step: accents and commands replaced."""
    if "\\" in text:
        if _ACCENT_START.search(text) is not None:
            text = _ACCENT.sub(_replace_accent, text)
        text = _COMMAND.sub(_replace_command, text)
    return text


def plain_text(text: str) -> str:
    """Markup, case and spacing removed; punctuation and width kept."""
    return " ".join(strip_latex(text).split()).casefold()


_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def fold_text(text: str) -> str:
    """Words only: NFKC, case-folded, Latin accents dropped, punctuation as spaces."""
    return fold_plain(strip_latex(text))


# ASCII: lower case, punctuation and controls to spaces, in one bytes.translate (the
# common case; twice as fast as str.casefold and str.translate).
_ASCII_FOLD = bytes(
    ord(chr(c).lower()) if chr(c).isalnum() else ord(" ") if c < 128 else c for c in range(256)
)


def fold_plain(text: str) -> str:
    """:func:`fold_text` of text without markup (such as :func:`plain_text` gives)."""
    if text.isascii():
        return b" ".join(text.encode("ascii").translate(_ASCII_FOLD).split()).decode("ascii")
    text = _drop_latin_accents(unicodedata.normalize("NFKC", text))
    return _NOT_WORD.sub(" ", text.casefold()).strip()


# strip_latex's last step and plain_text's case and white space for ASCII, in one
# bytes.translate: upper case to lower (ASCII's casefold), "~" and every ASCII white
# space character str.split knows (\x1c-\x1f too) to " "; "{", "}", "$" are deleted.
_PLAIN_ASCII = bytes(
    c + 32 if 65 <= c <= 90 else 32 if (c < 128 and chr(c).isspace()) or c == 126 else c
    for c in range(256)
)
_PLAIN_DELETED = b"{}$"


def plain_and_folded(text: str) -> tuple[str, str]:
    """``(plain_text(text), fold_plain(plain_text(text)))``, the two forms of a title.

    The usual title, ASCII once its commands are replaced, takes one bytes.translate
    for strip_latex's last step, the case and the white space, another for the fold, and
    a strip and a replace for each collapse: fewer passes and none of the word lists
    that splitting and joining each form would build."""
    stripped = _strip_commands(text)
    if not stripped.isascii():
        plain = plain_text(text)
        return plain, fold_plain(plain)
    spaced = stripped.encode("ascii").translate(_PLAIN_ASCII, _PLAIN_DELETED)
    # Folding works byte by byte, so it may come before the collapse (which is then
    # done on its result as well).
    return _single_spaced(spaced.decode("ascii")), _single_spaced(
        spaced.translate(_ASCII_FOLD).decode("ascii")
    )


def _single_spaced(text: str) -> str:
    """``" ".join(text.split())`` of a text whose only white space is " ".  Mostly there
    is nothing to collapse, or one space next to another (a command's, a comma's): a
    strip and one replace cost less than splitting into words and joining them."""
    text = text.strip(" ")
    if "  " in text:
        text = text.replace("  ", " ")
        if "  " in text:
            return " ".join(text.split())
    return text


def _drop_latin_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


_DOI_PREFIX = lazy(r"^(?:https?://)?(?:dx\.|www\.)?doi\.org/|^doi:\s*|^info:doi/", re.IGNORECASE)


def normalize_doi(value: str) -> str | None:
    """The bare, lower-cased DOI (``10.xxxx/...``), without resolver or ``doi:`` prefix."""
    text = value.strip()
    # The common form: "https://doi.org/10." and nothing for strip_latex, the prefix,
    # unquote or the inner strip to change (six ``in`` tests cost less than a pattern's
    # scan); casefold keeps the "10.".
    if text.startswith("https://doi.org/10.") and not (
        "%" in text or "\\" in text or "{" in text or "}" in text or "$" in text or "~" in text
    ):
        text = text[16:].casefold()
        return text.rstrip(".") if "/" in text else None
    return _normalize_doi_in_general(value)


def _normalize_doi_in_general(value: str) -> str | None:
    """:func:`normalize_doi` of any value (its fast path is held to this one)."""
    text = strip_latex(value).strip()
    text = _DOI_PREFIX.sub("", text).strip()
    text = unquote(text).casefold()
    if not text.startswith("10.") or "/" not in text:
        return None
    return text.rstrip(".")


_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21"}
_URL = re.compile(
    r"(?P<scheme>https?|ftp)://(?:[^@/?#\s]*@)?(?:www\.)?(?P<host>[^/:?#\s]+)"
    r"(?::(?P<port>\d*))?(?P<path>[^?#\s]*)(?:\?(?P<query>[^#\s]*))?(?:#\S*)?",
    re.IGNORECASE,
)


_WHITE_SPACE = re.compile(r"\s")


def normalize_url(value: str) -> str | None:
    """``host/path?query`` with scheme, ``www.``, default port, fragment and trailing
    slash removed; the path and query otherwise as written (case matters there).
    None for a site's home page (no path), which identifies no single work."""
    text = value.strip()
    if _WHITE_SPACE.search(text) is not None:
        return None  # no URL has white space inside (_URL matches none)
    return normalize_url_word(text)


def normalize_url_word(text: str) -> str | None:
    """:func:`normalize_url` of a text without white space (a word of a ``url`` field
    that str.split gave): neither a strip nor a scan for white space is needed."""
    if "\\" in text:
        text = text.replace("\\_", "_").replace("\\%", "%").replace("\\#", "#")
    # The plain form, http(s)://host/path, is most URLs: read it without the pattern.
    if text.startswith("http://"):
        rest = text[7:]
    elif text.startswith("https://"):
        rest = text[8:]
    else:
        return _normalize_url_by_pattern(text)
    # What the plain form leaves to _URL: user info, a port, a query, a fragment (four
    # ``in`` tests cost less than a pattern's scan).
    if "@" in rest or ":" in rest or "?" in rest or "#" in rest:
        return _normalize_url_by_pattern(text)
    host, _, path = rest.partition("/")
    host = host.lower()
    if host.startswith("www.") and len(host) > 4:
        host = host[4:]
    path = path.rstrip("/")
    if not host or not path:
        return None  # not a URL, or a site's home page
    return f"{host}/{path}"


def _normalize_url_by_pattern(text: str) -> str | None:
    """:func:`normalize_url` of any URL, ``text`` stripped and unescaped."""
    match = _URL.fullmatch(text)
    if match is None:
        return None
    host = match["host"].lower()
    port = match["port"]
    if port and port != _DEFAULT_PORTS[match["scheme"].lower()]:
        host = f"{host}:{port}"
    path = match["path"].rstrip("/")
    query = f"?{match['query']}" if match["query"] else ""
    if not path and not query:
        return None  # a site's home page names no work
    return f"{host}{path}{query}"


def split_names(value: str) -> list[str]:
    """The names of an ``author``/``editor`` list, as BibTeX splits them, empty ones left out."""
    return [name for name in split_name_list(value) if name]


def family_name(name: str) -> str:
    """The family name of one BibTeX name, folded (a braced literal name is kept whole).

    The last word of the family part, so that ``van Gennep, Arnold`` and ``Arnold van
    Gennep`` (whose "von" part BibTeX tells by case, which folding loses) both give
    ``gennep``; for a name written in CJK script with a space, the first word, since
    ``山田 太郎`` puts the family first."""
    name = name.strip()
    if name.startswith("{") and name.endswith("}") and _balanced_inner(name):
        return fold_text(name)
    depth = 0
    for i, char in enumerate(name):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            family = fold_text(name[:i]).split()
            return family[-1] if family else ""
    words = fold_text(name).split()
    if not words:
        return ""
    if len(words) > 1 and _written_in_cjk(words[0]):
        return words[0]
    return words[-1]


def _written_in_cjk(word: str) -> bool:
    """A word of CJK ideographs, kana or hangul (U+2E80 and up, as the title tokens)."""
    return not word.isascii() and all(ord(char) >= 0x2E80 for char in word)


def _balanced_inner(name: str) -> bool:
    depth = 0
    for char in name[1:-1]:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@lru_cache(maxsize=65536)
def family_names(value: str) -> frozenset[str]:
    return frozenset(f for f in map(family_name, split_names(value)) if f and f != "others")
