"""Understand one reference's text: the citation layouts Japanese and English Wikipedia print.

Japanese Wikipedia (``wpformat``):

- ``web``:  ``“title” (英語). work (2024年10月30日). 2024年11月4日閲覧。``
- ``news``: ``“title”. work. publisher. (2025年1月12日) 2025年1月13日閲覧。``
- ``ja``:   ``「title」『work』2024年10月31日。2024年11月10日閲覧。``
- with an author, web and news open with ``author (date).`` and end with
  ``work. access閲覧。`` (web) or ``work access閲覧。`` (news).

English Wikipedia (``en``): ``"Title" (in Russian). Work. Publisher. 4 November 2024.
Retrieved 4 November 2024.`` or ``Axe, David (4 November 2024). "Title". Work. Retrieved ….``

An archive clause (``2018年4月21日時点のオリジナルよりアーカイブ。``, ``Archived from the
original on 5 February 2009.``) is taken out first and kept as ``archivedate``.

Each layout is one regular expression; the first that matches the whole text wins, unless
its work or publisher turns out to hold a date, a page or an identifier no layout reads
(then the reference is an error, never a silently wrong entry).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from refcheck.importer.dates import EN_DATE, JA_DATE, en_to_iso, ja_to_iso
from refcheck.importer.model import RawReference, Reference, ReferenceSyntaxError
from refcheck.importer.tables import language_name
from refcheck.letters import letter

# English Wikipedia's rendered page opens a reference cited several times with "Jump up to:".
_JUMP_UP = re.compile(r"Jump up to:\s*")

_JA_LANG = r"(?:\s?[(（](?P<lang>[^()（）]+?語)[)）])?"
_JA_ACCESS = rf"(?P<access>{JA_DATE})閲覧。"
_JA_AUTHOR = rf"(?P<author>[^“「\"(]+?) \((?P<date>{JA_DATE})\)\. "
# Only "(in Russian)": a bare "(PDF)" is a format mark, never a language.
_EN_LANG = r"(?: \(in (?P<lang>[A-Z][A-Za-z ]+?)\))?"
_EN_TITLE = r"[\"“](?P<title>.+?)[\"”]"
_EN_ACCESS = rf"(?: Retrieved (?P<access>{EN_DATE})\.)?"
# No work/publisher split right after an initial: "U.S. Department of Defense" is one name.
_SPLIT = r"(?<!\.[A-Z])(?<! [A-Z])"
_SPLIT_AFTER_PERIOD = r"(?<!\.[A-Z]\.)(?<! [A-Z]\.)"

_LAYOUTS: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "web",
        "ja",
        re.compile(
            rf"“(?P<title>.+?)”{_JA_LANG}\. (?P<work>.+?)(?:{_SPLIT}\. (?P<publisher>[^.]+?))?"
            rf" \((?P<date>{JA_DATE})\)\.(?: {_JA_ACCESS})?"
        ),
    ),
    (
        "web",  # without a publication date: “title”. work. access閲覧。
        "ja",
        re.compile(
            rf"“(?P<title>.+?)”{_JA_LANG}\. (?P<work>.+?)(?:{_SPLIT}\. (?P<publisher>[^.]+?))?\."
            rf"(?: {_JA_ACCESS})?"
        ),
    ),
    (
        "news",
        "ja",
        re.compile(
            rf"“(?P<title>.+?)”{_JA_LANG}\. (?P<work>.+?)\."
            rf"(?:{_SPLIT_AFTER_PERIOD} (?P<publisher>[^.]+?)\.)?"
            rf" \((?P<date>{JA_DATE})\)(?: {_JA_ACCESS})?"
        ),
    ),
    (
        "author",  # web or news, told apart by the period after the work
        "ja",
        re.compile(
            rf"{_JA_AUTHOR}“(?P<title>.+?)”{_JA_LANG}\. (?P<work>.+?)"
            rf"(?:{_SPLIT}\. (?P<publisher>[^.]+?))?(?P<period>\.)? {_JA_ACCESS}"
        ),
    ),
    (
        "ja",
        "ja",
        re.compile(
            rf"(?P<author>[^「“\"]+?)?「(?P<title>.+)」{_JA_LANG}『(?P<work>[^』]+)』"
            rf"(?:(?P<publisher>[^、。]+?)、)?(?:(?P<date>{JA_DATE})。)?(?:{_JA_ACCESS})?"
        ),
    ),
    (
        "en",
        "en",
        re.compile(
            rf"{_EN_TITLE}{_EN_LANG}\. (?P<work>.+?)(?:{_SPLIT}\. (?P<publisher>[^.]+?))?"
            rf"\. (?P<date>{EN_DATE})\.{_EN_ACCESS}",
            re.IGNORECASE,
        ),
    ),
    (
        "en",
        "en",
        re.compile(
            rf"(?P<author>[^\"“(]+?) \((?P<date>{EN_DATE})\)\. {_EN_TITLE}{_EN_LANG}\."
            rf" (?P<work>.+?)(?:{_SPLIT}\. (?P<publisher>(?!Retrieved )[^.]+?))?\.{_EN_ACCESS}",
            re.IGNORECASE,
        ),
    ),
    (
        "en",  # an author without a date: Sankey, John. "Title". Work. Retrieved ….
        "en",
        re.compile(
            rf"(?P<author>[^\"“(]+?)\. {_EN_TITLE}{_EN_LANG}\."
            rf" (?P<work>.+?)(?:{_SPLIT}\. (?P<publisher>(?!Retrieved )[^.]+?))?\.{_EN_ACCESS}",
            re.IGNORECASE,
        ),
    ),
    (
        "en",
        "en",
        re.compile(
            rf"{_EN_TITLE}{_EN_LANG}\. (?P<work>.+?)(?:{_SPLIT}\. (?P<publisher>[^.]+?))?"
            rf"\. Retrieved (?P<access>{EN_DATE})\.",
            re.IGNORECASE,
        ),
    ),
]

_ARCHIVE_CLAUSES: dict[str, re.Pattern[str]] = {
    "ja": re.compile(rf"(?P<archive>{JA_DATE})時点のオリジナルよりアーカイブ。"),
    "en": re.compile(
        rf" Archived from the original(?: \([^()]+\))? on (?P<archive>{EN_DATE})\.",
        re.IGNORECASE,
    ),
}

_TO_ISO: dict[str, Callable[[str], str]] = {"ja": ja_to_iso, "en": en_to_iso}


def strip_backrefs(text: str) -> str:
    """Drop the back-reference letters ``a b c …`` that open a reference cited more than once.

    Only a run of two or more tokens in Wikipedia's own sequence (a, b, …, z, aa, ab, …)
    counts, so an author such as ``de Gaulle`` is never mistaken for one. English
    Wikipedia's ``Jump up to: a b`` goes with its letters.
    """
    if jump := _JUMP_UP.match(text):
        stripped = strip_backrefs(text[jump.end() :])
        return stripped if stripped != text[jump.end() :] else text
    tokens = text.split(" ")
    count = 0
    while count < len(tokens) and tokens[count] == letter(count + 1):
        count += 1
    if count < 2:
        return text
    return " ".join(tokens[count:])


def _take_archive(body: str, clause: re.Pattern[str]) -> tuple[str, str | None]:
    """The text without its archive clause, and the clause's date (None without one)."""
    match = clause.search(body)
    if match is None:
        return body, None
    return body[: match.start()] + body[match.end() :], match.group("archive")


def _author(text: str | None) -> tuple[str | None, bool]:
    """The author as written and whether it is one literal string (no ``last, first``)."""
    text = _clean(text)
    if text is None:
        return None, True
    names = [name.strip() for name in text.split(";") if name.strip()]
    if all("," in name for name in names):
        return " and ".join(names), False
    return text, True


def parse_reference(raw: RawReference) -> Reference:
    """The data of one reference; ReferenceSyntaxError when no layout fits its text."""
    body = strip_backrefs(raw.text.strip())
    archives = {
        language: _take_archive(body, pattern) for language, pattern in _ARCHIVE_CLAUSES.items()
    }
    for layout, language, pattern in _LAYOUTS:
        text, archive = archives[language]
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        title = _clean(parts["title"])
        if title is None or not _plausible(parts):
            continue
        to_iso = _TO_ISO[language]
        wpformat = layout
        if layout == "author":
            wpformat = "web" if parts.get("period") else "news"
        author, literal = _author(parts.get("author"))
        return Reference(
            number=raw.number,
            line=raw.line,
            title=title,
            wpformat=wpformat,
            work=_clean(parts.get("work")),
            publisher=_clean(parts.get("publisher")),
            author=author,
            author_is_literal=literal,
            date=to_iso(parts["date"]) if parts.get("date") else None,
            urldate=to_iso(parts["access"]) if parts.get("access") else None,
            archivedate=to_iso(archive) if archive else None,
            language=language_name(parts["lang"]) if parts.get("lang") else None,
            sourceflag=_clean(raw.flag),
        )
    raise ReferenceSyntaxError(raw.line, f"cannot parse reference [{raw.number}]: {raw.text}")


# What a date the layouts failed to recognise looks like once it has landed in the work or
# publisher: "4 Novembr 2024" (a misspelt month), "Retrieved …", "… 2024年10月30日",
# "朝日新聞 (2024/10/30)" (a date in a form no layout reads), "朝日新聞 (2024年10月30日)" and
# "2024年11月4日閲覧" (an access clause ending in "." instead of "。").
_DATE_LIKE = re.compile(
    r"(?:^|\. )(?:\d{1,2} [A-Za-z]+\.? \d{4}|[A-Za-z]+\.? \d{1,2}, \d{4})$|^Retrieved\b"
    r"|\d年\d{1,2}月\d{1,2}日$"
    r"|\(?\d{4}[/.\-]\d{1,2}(?:[/.\-]\d{1,2})?\)?$"
    rf"|\({JA_DATE}\)$"
    r"|閲覧"
)


# What no layout reads, landed in the work or publisher: a page ("The Times. p. 3"), an
# identifier ("ISSN 0261-3077").
_LOCATOR = {
    "work": re.compile(r"\. (?:pp?|ISSN|ISBN|OCLC|doi)\b"),
    "publisher": re.compile(r"^(?:pp?\.? ?\d|ISSN|ISBN|OCLC|doi)\b"),
}


def _plausible(parts: dict[str, str | None]) -> bool:
    """False when the work or publisher a pattern found is really a date, page or identifier.

    The optional publisher and date make layouts ambiguous: in ``"T". Work. 4 Novembr 2024.
    Retrieved …`` the misspelt date would otherwise become the publisher.
    """
    return not any(
        _DATE_LIKE.search(text) or locator.search(text)
        for name, locator in _LOCATOR.items()
        if (text := parts.get(name) or "")
    )


def _clean(text: str | None) -> str | None:
    """Text with runs of white space as one space: all a BibTeX value can hold."""
    return " ".join(text.split()) or None if text else None
