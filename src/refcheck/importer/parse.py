"""Understand one reference's text: the citation layouts Japanese and English Wikipedia print.

Japanese Wikipedia (``wpformat``):

- ``web``:  ``“title” (英語). work (2024年10月30日). 2024年11月4日閲覧。``
- ``news``: ``“title”. work. publisher. (2025年1月12日) 2025年1月13日閲覧。``
- ``ja``:   ``「title」『work』2024年10月31日。2024年11月10日閲覧。``
- with an author, web and news open with ``author (date).`` and end with
  ``work. access閲覧。`` (web) or ``work access閲覧。`` (news).

English Wikipedia (``en``): ``"Title" (in Russian). Work. Publisher. 4 November 2024.
Retrieved 4 November 2024.`` or ``Axe, David (4 November 2024). "Title". Work. Retrieved ….``

URLs and the archive clause (``2018年4月21日時点のオリジナルよりアーカイブ。``, ``Archived
from the original on 5 February 2009.``) are taken out first (``clauses``) and kept as
``url``, ``archiveurl`` and ``archivedate``.

Each layout is one regular expression; the first that matches the whole text wins, unless
its work or publisher turns out to hold a date, a page or an identifier no layout reads.
Then ``loose`` reads the text clause by clause (books, broadcasts, hand-written
references); only a text where not even a title can be found is an error, which the
importer turns into an entry keeping the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from refcheck.importer.clauses import Clauses, take_clauses
from refcheck.importer.dates import EN_DATE, JA_DATE, en_to_iso, ja_to_iso
from refcheck.importer.loose import loose_reference
from refcheck.importer.model import RawReference, Reference, ReferenceSyntaxError
from refcheck.importer.names import bibtex_author
from refcheck.importer.tables import language_name
from refcheck.letters import letter

# Japanese Wikipedia's older cite web printed "&#32;" before the publisher, so a text copy
# of the page shows the publisher after a run of spaces: “title”.   Python Software Foundation.
_SPACED_PUBLISHER = re.compile(r"\. {3,}")
# A name only a publisher bears ("John Wiley & Sons", "… Press", "…出版"): never a work, even
# where the layout put the one name after the title in the work's place.
_BOOK_PUBLISHER = re.compile(
    r"(?:& Sons|\bPress|\bPublishing|\bPublishers|\bVerlag|出版|書店|書房)$"
)
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

_TO_ISO: dict[str, Callable[[str], str]] = {"ja": ja_to_iso, "en": en_to_iso}


def strip_backrefs(text: str) -> str:
    """Drop the back-reference letters ``a b c …`` that open a reference cited more than once.

    Only a run of two or more tokens in Wikipedia's own sequence (a, b, …, z, aa, ab, …)
    counts, so an author such as ``de Gaulle`` is never mistaken for one. English
    Wikipedia's ``Jump up to: a b`` goes with its letters.
    """
    if jump := _JUMP_UP.match(text):
        rest = text[jump.end() :]
        stripped = _strip_letters(rest)  # one "Jump up to:" only: no recursion on a repeat
        return stripped if stripped != rest else text
    return _strip_letters(text)


def _strip_letters(text: str) -> str:
    tokens = text.split(" ")
    count = 0
    while count < len(tokens) and tokens[count] == letter(count + 1):
        count += 1
    if count < 2:
        return text
    return " ".join(tokens[count:])


def _author(text: str | None) -> tuple[str | None, bool]:
    """The author as written and whether it is one literal string (no ``last, first``)."""
    text = _clean(text)
    if text is None:
        return None, True
    return bibtex_author(text)


def parse_reference(raw: RawReference) -> Reference:
    """The data of one reference; ReferenceSyntaxError when no layout fits its text.

    The citation templates' exact layouts are tried first; then the clause-by-clause
    reading of ``loose`` (books, broadcasts, hand-written references).
    """
    body, clauses = take_clauses(strip_backrefs(raw.text.strip()))
    reference = _exact_layout(raw, body, clauses) or _loose_layout(raw, body, clauses)
    if reference is None:
        raise ReferenceSyntaxError(raw.line, f"cannot parse reference [{raw.number}]: {raw.text}")
    if len(clauses.urls) > 1:
        # A second link (a PDF beside the page, a link in a quotation): kept, never dropped.
        extra = " ".join(clauses.urls[1:])
        reference = replace(
            reference, note=f"{reference.note} {extra}" if reference.note else extra
        )
    if _publisher_in_work_place(reference, raw):
        reference = replace(reference, publisher=reference.work, work=None)
    if reference.entrytype == "article" and reference.work is None:
        # A page with no periodical or site around it: a web page, or a bare title.
        online = reference.url or reference.urldate or reference.archivedate
        reference = replace(reference, entrytype="online" if online else "misc")
    return reference


def _spaced_names(text: str) -> set[str]:
    """The names printed after a run of spaces, each up to its ". " or " (" (a name such as
    SourceForge.JP keeps its own dots)."""
    names = set()
    text += " "
    for match in _SPACED_PUBLISHER.finditer(text):
        start = match.end()
        stop = start + 120  # a name is short: no search runs to the end of a long text
        ends = [end for end in (text.find(". ", start, stop), text.find(" (", start, stop))]
        names.add(" ".join(text[start : min((e for e in ends if e >= 0), default=stop)].split()))
    return names


def _publisher_in_work_place(reference: Reference, raw: RawReference) -> bool:
    """Whether the one name after the title, read as the work, is the publisher: printed
    after jawiki's spaces (“title”.   Python Software Foundation.), a publisher's own name
    (John Wiley & Sons), or set upright where a Markdown export kept CS1's italic works."""
    work = reference.work
    if not work or reference.publisher or reference.entrytype == "inbook":
        return False
    if work in _spaced_names(raw.text):
        return True
    if _BOOK_PUBLISHER.search(work):
        return True
    quoted_layout = reference.wpformat in ("web", "news", "en")
    return (
        raw.italics is not None
        and quoted_layout
        and not any(work in (_clean(text) or "") for text in raw.italics)
    )


def _common(raw: RawReference, clauses: Clauses) -> dict[str, Any]:
    """Fields every layout fills the same way: links, archive, identifiers, flag, group."""
    archive = clauses.archive_date
    to_iso = _TO_ISO[clauses.archive_language or "ja"]
    return {
        "url": clauses.url,
        "archiveurl": clauses.archiveurl,
        "archivedate": to_iso(archive) if archive else None,
        "isbn": clauses.isbn,
        "issn": clauses.issn,
        "doi": clauses.doi,
        "sourceflag": _clean(raw.flag),
        "group": raw.group,
    }


def _exact_layout(raw: RawReference, text: str, clauses: Clauses) -> Reference | None:
    for layout, language, pattern in _LAYOUTS:
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
            language=language_name(parts["lang"]) if parts.get("lang") else None,
            **_common(raw, clauses),
        )
    return None


def layout_name(layout: str, entrytype: str) -> str:
    """The jawiki style's layout for an entry: books, chapters and broadcasts have their own."""
    language = "en" if layout == "en" else "ja"
    if entrytype in ("book", "inbook", "video") and (language, entrytype) != ("en", "video"):
        return f"{language}-{'book' if language == 'en' else entrytype}"
    return layout


def _loose_layout(raw: RawReference, text: str, clauses: Clauses) -> Reference | None:
    reading = loose_reference(text, clauses)
    if reading is None:
        return None
    author, literal = _author(reading.author)
    notes = [note for note in reading.notes if note.strip(" .,、。")]
    return Reference(
        number=raw.number,
        line=raw.line,
        title=_clean(reading.title) or "",
        wpformat=layout_name(
            "en" if reading.english else "web" if reading.quoted_title else "ja", reading.entrytype
        ),
        entrytype=reading.entrytype,
        work=_clean(reading.work),
        booktitle=_clean(reading.booktitle),
        eventtitle=_clean(reading.eventtitle),
        editor=_clean(reading.editor),
        origdate=reading.origdate,
        language=language_name(reading.language) if reading.language else None,
        series=_clean(reading.series),
        publisher=_clean(reading.publisher),
        location=_clean(reading.location),
        author=author,
        author_is_literal=literal,
        date=reading.date,
        urldate=reading.urldate,
        pages=reading.pages,
        volume=reading.volume,
        issue=reading.issue,
        edition=reading.edition,
        note=_clean(" ".join(notes)),
        **_common(raw, clauses),
    )


# What a date the layouts failed to recognise looks like once it has landed in the work or
# publisher: "4 Novembr 2024" (a misspelt month), "Retrieved …", "… 2024年10月30日",
# "朝日新聞 (2024/10/30)" (a date in a form no layout reads), "朝日新聞 (2024年10月30日)" and
# "2024年11月4日閲覧" (an access clause ending in "." instead of "。").
_DATE_LIKE = re.compile(
    r"(?:^|\. )(?:\d{1,2} [A-Za-z]+\.? \d{4}|[A-Za-z]+\.? \d{1,2}, \d{4})$|^Retrieved\b"
    r"|\d年\d{1,2}月\d{1,2}日$"
    r"|\(?\d{4}[/.\-]\d{1,2}(?:[/.\-]\d{1,2})?\)?$"
    rf"|\({JA_DATE}\)$"
    r"|閲覧|\bRetrieved\b"
)


# What no layout reads, landed in the work or publisher: a page ("The Times. p. 3"), an
# identifier ("ISSN 0261-3077").
_LOCATOR = {
    "work": re.compile(r"\. (?:pp?|ISSN|ISBN|OCLC|doi)\b"),
    "publisher": re.compile(r"^(?:pp?\.? ?\d|ISSN|ISBN|OCLC|doi|draft-|RFC \d|I-D )"),
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
