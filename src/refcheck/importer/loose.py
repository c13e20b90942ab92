"""References that none of the citation templates' exact layouts fit: read clause by clause.

Books, magazines, broadcasts and hand-written references come in many shapes, so this reader
does not match the whole text. It takes out, in turn, what it can recognise wherever it
stands — the access date (``…閲覧``, ``Retrieved …``), identifiers, pages, volume, issue and
edition, the bracketed titles (“…”, "…", 「…」, 『…』), an author before the title, the
date — and hands the pieces that are left, in order, to the title, work and publisher; any
further piece goes to ``note``. So no text of the reference is dropped, and
``loose_reference`` returns None only when not even a title can be found. CS1's part-by-part
layouts (cite book, conference, IETF) and hand-written academic references are read by
``cs1``; a page's link text with nothing else to read by is its title.

Types (biblatex): a broadcast (``放送``, ``(Motion picture)``, ``Season 1. Episode 2.``) is
``@video``; a title in a bracketed book (「chapter」『book』 with an ISBN) or a chapter ``In
Book`` is ``@inbook``; a book (ISBN, publisher or a place) is ``@book``; an article in a
periodical or site is ``@article``; a page with a URL, an access date or an archived copy is
``@online``; anything else ``@misc``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refcheck.dates.months import MONTH_NAMES
from refcheck.importer.clauses import Clauses, take_identifiers
from refcheck.importer.cs1 import (
    COMPANY_SUFFIXES,
    CONFERENCE,
    LOCATION_PUBLISHER,
    PUNCTUATION,
    cs1_parts,
    read_containers,
    read_cs1_book,
    read_cs1_rest,
    read_name_title_work,
    take_ietf_number,
)
from refcheck.importer.dates import EN_DATE, JA_DATE, en_to_iso, ja_to_iso

_JA_ACCESS = re.compile(rf"[、,]?\s?(?:より)?(?P<date>{JA_DATE})\s?閲覧[。.]?")
_EN_ACCESS = re.compile(
    rf"(?:^|\s)(?:Retrieved|Accessed)(?: on)? (?P<date>{EN_DATE})\.?", re.IGNORECASE
)
_JA_PAGES = re.compile(
    r"(?:(?<![A-Za-z])(?:pp?|PP?)\.\s?(?P<a>[0-9]+(?:\s?[-–～~]\s?[0-9]+)?)"
    r"|(?P<b>[0-9]+(?:\s?[-–～~]\s?[0-9]+)?)\s?(?:頁|ページ))"
)
# 21 (4): 294–299, 1:89–109 — never "Stone 1972:9", a short citation's year and page.
_EN_JOURNAL = re.compile(
    r"(?<![0-9])(?!(?:1[5-9]|20)[0-9]{2}:)(?P<volume>[0-9]+)\s?(?:\((?P<issue>[0-9]+)\))?:\s?"
    r"(?P<pages>[0-9]+(?:[–-][0-9]+)?)"
)
_VOLUME = re.compile(r"(?:第?(?P<ja>[0-9]+)巻|(?<![A-Za-z])(?:Vol|vol)\.\s?(?P<en>[0-9]+))")
_ISSUE = re.compile(r"(?:第(?P<ja>[0-9]+)号|(?<![A-Za-z])(?:No|no)\.\s?(?P<en>[0-9]+))")
_EDITION = re.compile(r"(?:\((?P<en>[0-9A-Za-z]+?)\s?ed\.\)|第(?P<ja>[0-9]+)版)")
_BROADCAST = re.compile(
    rf"{JA_DATE}\s?(?:放送|放映)|\((?:Television|TV|Radio) (?:production|broadcast)\)"
    r"|\((?:Motion picture|Film|Video|Documentary|DVD|Blu-ray|Audio|Podcast)\)"
    r"|(?:^|\. )Season [0-9]{1,3}\. Episode [0-9]{1,4}\."  # cite episode
)
_JUMP_UP = re.compile(r"^Jump up to:\s*")
# A piece that looks like a date but is none the readers know: kept in note, never a name.
_MONTH_WORD = "|".join(MONTH_NAMES)
_MONTHS_LOWER = frozenset(name.lower() for name in MONTH_NAMES)
# English books: "Berkeley: APress." / "Norwood, MA: Artech House." (before the pieces are cut
# at commas, which would split the place).
_EN_PLACE_PUBLISHER = re.compile(
    r"(?:^|(?<=\. ))(?P<location>[A-Z][A-Za-z .'-]{1,30}?(?:, [A-Z][A-Za-z]{1,15})?)"
    r": (?P<publisher>[^.:;]{2,80})(?=\.|$)"
)
_DATEISH = re.compile(
    rf"^\w+ (?:{_MONTH_WORD})(?: [0-9]{{4}})?$|^[0-9]{{1,4}}$|"
    r"[0-9]年|[0-9]月|^[0-9]{1,2} [A-Za-z]+\.?(?: [0-9]{4})?$"
    r"|^[A-Za-z]+\.? [0-9]{1,2}(?:, [0-9]{4})?$|[0-9]/[0-9]"
)
# "朝日新聞 2024年10月30日": a name, then the date.
# "穏田表参道商店会1994年12月25日発行": a Japanese date may follow the name without a space.
_NAME_THEN_DATE = re.compile(
    rf"^(?P<name>[^0-9]+?)(?: |(?=[0-9]{{4}}年))(?P<date>{JA_DATE}|{EN_DATE})(?:発行|発売|刊)?$",
    re.IGNORECASE,
)
# 「竹の子族」から30年余 …『日経MJ』: a headline that opens with a quoted word runs to the 『work』.
_HEADLINE = re.compile(r"「[^「」\n]{1,80}」[^\s、。,.『「“\"][^『\n]{0,200}?(?=\s?『)")
_UNCLOSED = re.compile(r"^[“「『\"]")
# Where in a newspaper: 朝刊, 夕刊, 3面, 社会面 — a locator, never a publisher.
_NEWSPAPER_PLACE = re.compile(r"^(?:朝刊|夕刊|[0-9]+面|.{1,6}面|[0-9]+版)$")
_DOUBLED_QUOTES = re.compile(r'""(?P<text>[^"]+)""')
_QUOTED = re.compile(r"[“\"](?P<text>[^“”\"]+)[”\"]")
_KAGI = re.compile(r"「(?P<text>(?:[^「」]|「[^「」]*」)+)」")
_NIJU = re.compile(r"『(?P<text>(?:[^『』]|『[^『』]*』)+)』")
_EN_AUTHOR_DATE = re.compile(
    rf"^(?P<author>[^\"“(「『]{{1,160}}?(?: \([^()]{{1,40}}\))?)"
    rf" \((?P<date>{EN_DATE}|{JA_DATE})\)(?P<separator>[.,]?) ",
    re.IGNORECASE,
)
# "Buchanan, Bill" before a quoted title: one name in last, first order.
_LAST_FIRST = re.compile(r"^[^,.;、。]+, [^,;、。]+$")
_JA_DATE_AT = re.compile(rf"(?P<date>{JA_DATE})(?:発行|発売|刊|放送|放映)?")
_EN_DATE_AT = re.compile(rf"(?<![0-9])(?P<date>{EN_DATE})(?![0-9])", re.IGNORECASE)
# Pieces are split at the separators both Wikipedias print between parts.
_SEPARATORS = re.compile(r"(?:\.\s|。|、|,\s|．|；|;\s)")
# "sec. 9.5" of an RFC or a book: a locator no field holds.
_SECTION = re.compile(r"(?<![A-Za-z])(?:sec|Section|§)\.? ?[0-9](?:[0-9.]*[0-9])?")
# A date anywhere in a text (a year in brackets, a Japanese date): not a bare link text.
_OPENERS = re.compile(r"[“「『\"]")
_DATEISH_TEXT = re.compile(r"[0-9]年|\([0-9]{4}\)|（[0-9]{4}")
_NUMBERED_SERIES = re.compile(r"^\D+[0-9]+$")
# A Japanese address (神宮前四丁目, 一番町2番地): the part of a book a reference cites,
# never its author.
_ADDRESS = re.compile(r"[0-9０-９一二三四五六七八九十〇]+(?:丁目|番地)$")
# What English Wikipedia prints in brackets after a title: the format or language of the work.
_FORMAT_MARK = re.compile(
    r"PDF|DOC|PPT|XLS|video|audio|in [A-Z][a-z]+(?: and [A-Z][a-z]+)?|Press release"
    r"|Technical report|Report|Thesis|Podcast|Map|Interview|Television production"
    r"|Radio broadcast|Speech|Letter|Paper|Preprint|Blog|Tweet|Dissertation"
    r"|(?:PhD|Ph\.D\.|MA|MSc|MPhil|BA|BSc|Master's|Bachelor's|Doctoral|Diploma) thesis|Thesis",
    re.IGNORECASE,
)
# Priest, Graham. 2011. / Carnielli, Walter, and João Marcos. [2000] 2001. — author, year;
_EN_AUTHOR_YEAR = re.compile(
    r"^(?P<author>[^\"“.(]{2,80})\. (?:\[(?P<orig>[0-9]{4})\] )?(?P<year>[0-9]{4})\. "
)
_LANGUAGE_MARK = re.compile(
    r"\s?(?:\(in (?P<en>[A-Z][a-z]{2,15})\)|[（(](?P<ja>[^()（）\s]{1,8}語)[)）])"
)
_TRAILING_FORMAT = re.compile(r" \((?:PDF|DOC|PPT|XLS)\)$")
_BRACKETED = re.compile(r"[（(](?P<inside>[^（）()]{1,80})[）)]")


@dataclass
class LooseReading:
    """What the clause-by-clause reading found (values as written, dates as ISO)."""

    title: str | None = None
    work: str | None = None
    booktitle: str | None = None
    publisher: str | None = None
    location: str | None = None
    author: str | None = None
    series: str | None = None
    date: str | None = None
    urldate: str | None = None
    pages: str | None = None
    volume: str | None = None
    issue: str | None = None
    edition: str | None = None
    entrytype: str = "misc"
    english: bool = False
    # What parts the reference's parts: ". " (CS1, cite book) or ", " ({{Citation}}, CS2).
    separator: str = ". "
    eventtitle: str | None = None
    language: str | None = None  # as marked: "Italian", "英語"
    sentence_quote: bool = False  # the quoted text ended with its own full stop
    editor: str | None = None
    origdate: str | None = None
    quoted_title: bool = False
    notes: list[str] = field(default_factory=list)


def _take(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str] | None, str]:
    match = pattern.search(text)
    if match is None:
        return None, text
    return match, (text[: match.start()] + " " + text[match.end() :]).strip()


def _iso(text: str) -> str:
    return ja_to_iso(text) if "年" in text else en_to_iso(text)


def _access(text: str, reading: LooseReading) -> str:
    for pattern in (_JA_ACCESS, _EN_ACCESS):
        match = pattern.search(text)
        if match is not None:
            reading.urldate = _iso(match.group("date"))
            after = text[match.end() :].strip()
            if after:  # a quotation after the access date: kept as it stands
                reading.notes.append(after)
            return text[: match.start()].strip()
    return text


def _locators(text: str, reading: LooseReading) -> str:
    match, text = _take(_SECTION, text)
    if match is not None:
        reading.notes.append(match.group(0))
    match, text = _take(_EN_JOURNAL, text)
    if match is not None:
        reading.volume, reading.issue, reading.pages = match.group("volume", "issue", "pages")
    if reading.pages is None:
        match, text = _take(_JA_PAGES, text)
        if match is not None:
            reading.pages = " ".join((match.group("a") or match.group("b")).split())
    for pattern, name in ((_VOLUME, "volume"), (_ISSUE, "issue"), (_EDITION, "edition")):
        match, text = _take(pattern, text)
        if match is not None and getattr(reading, name) is None:
            setattr(reading, name, match.group("ja") or match.group("en"))
    return text


def _titles(text: str, reading: LooseReading) -> str:
    doubled, text = _take(_DOUBLED_QUOTES, text)
    if doubled is not None:
        # ""Total Turnover"": a title that is itself a quotation keeps its inner quotes
        reading.title, reading.quoted_title = f'"{doubled.group("text")}"', True
        return text
    quoted, text = _take(_QUOTED, text)
    if quoted is None and (headline := _HEADLINE.match(text.lstrip())) is not None:
        reading.title = headline.group(0).strip()
        text = text.lstrip()[headline.end() :]
        niju, text = _take(_NIJU, text)
        if niju is not None:
            reading.work = niju.group("text").strip()
        return text
    kagi, text = _take(_KAGI, text)
    niju, text = _take(_NIJU, text)
    inner = quoted or kagi
    if inner is not None:
        reading.title = inner.group("text").strip()
        if quoted is not None and reading.title.endswith(".") and not reading.title.endswith(".."):
            # "Ex contradictione non sequitur quodlibet (PDF)." — the sentence's period,
            # and a format mark the title's quotes took in with it
            reading.title = reading.title[:-1].rstrip()
            reading.sentence_quote = True
            if (mark := _TRAILING_FORMAT.search(reading.title)) is not None:
                reading.notes.append(mark.group(0).strip())
                reading.title = reading.title[: mark.start()].rstrip()
        reading.quoted_title = quoted is not None
        if quoted is not None and kagi is not None:
            reading.notes.append(f"「{kagi.group('text')}」")
        if niju is not None:
            reading.work = niju.group("text").strip()
    elif niju is not None:
        reading.title = niju.group("text").strip()
        reading.entrytype = "book"
        reading.quoted_title = False
    return text


def _author_and_date(text: str, reading: LooseReading) -> str:
    match = _EN_AUTHOR_DATE.match(text)
    if match is not None:
        reading.author = match.group("author").strip()
        reading.date = _iso(match.group("date"))
        reading.separator = ", " if match.group("separator") == "," else ". "
        return text[match.end() :]
    match = _EN_AUTHOR_YEAR.match(text)
    if match is not None and re.search(r"[\"“]", text[match.end() :][:2]):
        # Priest, Graham. 2011. "Title" …: an author and a year, a quoted title next
        reading.author, reading.date = match.group("author").strip(), match.group("year")
        reading.origdate = match.group("orig")
        return text[match.end() :]
    return text


def _date_piece(piece: str) -> str | None:
    """The ISO date of a piece that is a date and nothing else (``2010年7月4日発行``)."""
    for pattern in (_JA_DATE_AT, _EN_DATE_AT):
        match = pattern.fullmatch(piece)
        if match is not None:
            try:
                return _iso(match.group("date"))
            except ValueError:
                return None
    return None


def _language(text: str, reading: LooseReading) -> str:
    """``(in Italian)``, ``（英語）``: the language of the work, never part of a title."""
    match = _LANGUAGE_MARK.search(text)
    if match is None:
        return text
    reading.language = match.group("en") or match.group("ja")
    return (text[: match.start()] + " " + text[match.end() :]).strip()


def _bracketed_details(text: str, reading: LooseReading) -> str:
    """``（2017年、ダイアプレス）`` after a book: date and publisher; other brackets: note."""
    match = _BRACKETED.search(text)
    if match is None:
        return text
    inside = match.group("inside").strip()
    parts = [part.strip() for part in re.split("[、,]", inside) if part.strip()]
    dated = [part for part in parts if _JA_DATE_AT.fullmatch(part) or _EN_DATE_AT.fullmatch(part)]
    if dated and reading.date is None:
        reading.date = _iso(_JA_DATE_AT.sub(r"\g<date>", dated[0]))
        others = [part for part in parts if part is not dated[0]]
        if others and reading.publisher is None:
            reading.publisher = "、".join(others)
    elif (
        (reading.english or reading.title is None)
        and not _FORMAT_MARK.fullmatch(inside)
        and not _NEWSPAPER_PLACE.match(inside)
        and not _DATEISH.search(inside)
    ):
        # "(HTTP/1.1)" in an English title, "Windows (MS)にPython" and "（6つの罠）" in a
        # page's name: the title's own words. Beside a bracketed title, "（旧Twitter）" is not.
        return text
    else:
        reading.notes.append(match.group(0).strip())
    return (text[: match.start()] + " " + text[match.end() :]).strip()


def _english_names(head: str) -> bool:
    """``A. Smith, B. Jones, and C. Wu``: two or more names of one to four capitalised words."""
    if not 0 < len(head) <= 160:
        return False
    parts = [part for part in re.split(r",? and |, ", head) if part]
    if len(parts) < 2:
        return False
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 4 or not all(word[:1].isupper() for word in words):
            return False
    return True


def _split_trailing_dates(pieces: list[str]) -> list[str]:
    """``朝日新聞 2024年10月30日`` → name and date; never a bare number (``RFC 2616``) nor a
    month (``July 2014`` is one date)."""
    split: list[str] = []
    for piece in pieces:
        match = _NAME_THEN_DATE.match(piece)
        if (
            match is not None
            and not match.group("date").isdigit()
            and match.group("name").strip(". ").lower() not in _MONTHS_LOWER
            and _date_piece(match.group("date")) is not None
        ):
            split.extend((match.group("name"), match.group("date")))
        else:
            split.append(piece)
    return split


def _strip_piece(piece: str) -> str:
    """A piece without the punctuation around it; a bracket it opens keeps its closer."""
    stripped = piece.strip(PUNCTUATION)
    for opener, closer in (("(", ")"), ("（", "）")):
        ends = piece.rstrip(" .,;、。").endswith(closer)
        if stripped.count(opener) > stripped.count(closer) and ends:
            stripped += closer
    return stripped


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    for piece in (_strip_piece(piece) for piece in _SEPARATORS.split(text)):
        if piece in COMPANY_SUFFIXES and pieces:
            pieces[-1] = f"{pieces[-1]}, {piece}."
        elif piece:
            pieces.append(piece)
    return pieces


def _english_place(text: str, reading: LooseReading) -> str:
    # Without a quoted title the first sentence is the title, colon and all.
    start = 0 if reading.title is not None else text.find(". ") + 1
    match = _EN_PLACE_PUBLISHER.search(text, start) if start or reading.title else None
    if match is None or reading.publisher is not None:
        return text
    reading.location = match.group("location").strip()
    reading.publisher = match.group("publisher").strip()
    return (text[: match.start()] + " " + text[match.end() :]).strip()


def _head_before_title(before_title: str, text: str, reading: LooseReading, broadcast: bool) -> str:
    """Who stands before the bracketed title: an author (著者「…」, ``A, B, and C "…"``),
    a numbered series (別冊宝島2611『…』) or, for a broadcast, the channel."""
    head = before_title.split("「")[0].split("『")[0].split("“")[0].split('"')[0]
    head = head.strip(PUNCTUATION)
    one_name = not _SEPARATORS.search(head) or bool(_LAST_FIRST.match(head))
    if reading.english and _english_names(head):
        reading.author = head  # Whitfield Diffie, Paul C. Van Oorschot, and Michael J. Wiener
    elif head and len(head) <= 40 and one_name and ":" not in head:
        if broadcast:
            reading.publisher = head  # the channel: NHK総合「…」
        elif _NUMBERED_SERIES.match(head):
            reading.series = head  # 別冊宝島2611『…』
        elif _ADDRESS.search(head) and reading.entrytype == "book":
            # 神宮前四丁目『原宿 1995』: the section of the book about that address
            reading.work, reading.title = reading.title, head
        else:
            reading.author = head
    else:
        return text
    return text.replace(head, "", 1)


def _rest_as_written(text: str, first: str, rest: list[str]) -> str:
    """The text from ``first`` on, as written, when it holds just the ``rest`` pieces (no
    date or piece taken before sits inside it); else those pieces joined."""
    tail = text[text.find(first) :]
    if _pieces(tail) == rest:
        return tail.strip(" ,、")
    return " ".join(rest)


def _assign_pieces(pieces: list[str], text: str, reading: LooseReading) -> None:
    """The pieces left, in order, to title, work and publisher; the rest to ``note``."""
    for index, piece in enumerate(pieces):
        if reading.english and reading.title and piece.startswith("in "):
            # "…", in Designs, Codes and Cryptography, 2, 107–125: a container whose commas
            # are its own; which piece is what is a guess, so the rest stays as written.
            reading.notes.append(text[text.find(piece) :].strip(PUNCTUATION))
            return
        if _DATEISH.search(piece) or _UNCLOSED.match(piece) or _NEWSPAPER_PLACE.match(piece):
            reading.notes.append(piece)
        elif LOCATION_PUBLISHER.match(piece) and reading.publisher is None and reading.title:
            place = LOCATION_PUBLISHER.match(piece)
            assert place is not None
            reading.location = place.group("location").strip()
            reading.publisher = place.group("publisher").strip()
        elif reading.title is None:
            reading.title = piece
        elif reading.work is None and reading.entrytype != "book":
            reading.work = piece
        elif reading.publisher is None and piece != reading.work:
            reading.publisher = piece
        else:
            # Title, work and publisher are taken: the rest stays as written, punctuation
            # and all ("… a resource. [...] This problem …").
            rest = _rest_as_written(text, piece, pieces[index:])
            if rest:
                reading.notes.append(rest)
            return


def loose_reference(text: str, clauses: Clauses) -> LooseReading | None:
    """Read ``text`` (links and archive note already out) clause by clause."""
    reading = LooseReading()
    text = _JUMP_UP.sub("", text)
    reading.english = not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)
    text = take_identifiers(text, clauses)
    text = _access(text, reading)
    broadcast = _BROADCAST.search(text) is not None
    text = _locators(text, reading)
    if reading.english and read_name_title_work(text, reading):
        return reading
    text = _author_and_date(text, reading)
    before_title = text
    text = _titles(text, reading)
    if reading.title is not None and reading.author is None:
        text = _head_before_title(before_title, text, reading, broadcast)
    text = _language(text, reading)
    if reading.english and reading.quoted_title:
        text = read_containers(text, reading)
    text = _bracketed_details(text, reading)
    if reading.english:
        text = _english_place(text, reading)
    if reading.sentence_quote and reading.author is None and reading.work is None:
        # "Wheel attempts to remedy these problems …." PEP 427 -- The Wheel Binary …: a
        # quotation, then the page's name — the name is the title
        quotation, reading.title = reading.title, None
        if _link_text(text, reading, clauses):
            reading.notes.append(f'"{quotation}."')
        else:
            reading.title = quotation
    if _link_text(text, reading, clauses):
        reading.title = text.strip(PUNCTUATION + "-–—|")
        reading.entrytype = _entry_type(reading, clauses, broadcast)
        return reading
    if reading.english:
        text = take_ietf_number(text, reading)
    if reading.english and reading.author and reading.title is None:
        read_cs1_book(text, reading)
        reading.notes.extend(clauses.other_ids)
        reading.entrytype = _entry_type(reading, clauses, broadcast)
        return reading if reading.title else None
    if (
        reading.english
        and reading.quoted_title
        and reading.work is None
        and (clauses.isbn or CONFERENCE.search(text))
        # not a hand-written ', in Proceedings of …, London, UK, 2014': its commas are its own
        and not text.lstrip(PUNCTUATION).startswith("in ")
    ):
        # "Title". Book or proceedings. Conference. Series. 8441. Place. pp. 1–16. ISBN …
        pieces = cs1_parts(text, reading.separator)
        if pieces:
            reading.work = pieces[0]
            read_cs1_rest(pieces[1:], reading)
            reading.notes.extend(clauses.other_ids)
            reading.entrytype = _entry_type(reading, clauses, broadcast)
            return reading
    pieces = _pieces(text)
    if any(_UNCLOSED.match(piece) for piece in pieces):
        return None  # a bracket that never closes: where the title ends is a guess
    if reading.date is None:
        pieces = _split_trailing_dates(pieces)
        for index, piece in enumerate(pieces):
            if (date := _date_piece(piece)) is not None:
                reading.date = date
                del pieces[index]
                break
    if reading.title is None and reading.english and len(pieces) >= 2:
        reading.entrytype = "book"  # English book: Author (2007). Title. Place: Publisher.
    _assign_pieces(pieces, text, reading)
    if not reading.title or _unclosed(reading.title):
        return None
    reading.notes.extend(clauses.other_ids)
    reading.entrytype = _entry_type(reading, clauses, broadcast)
    return reading


def _unclosed(text: str) -> bool:
    """A text that opens a bracket it never closes (``“四つ目の出典``)."""
    if not _UNCLOSED.match(text):
        return False
    closer = {"“": "”", "「": "」", "『": "』", '"': '"'}[text[0]]
    return closer not in text[1:]


def _link_text(text: str, reading: LooseReading, clauses: Clauses) -> bool:
    """A page's name as its link showed it (``GitHub - pyodide/pyodide: …``, ``TSpython 発言``):
    no bracketed title, author, date, place or ISBN to read pieces by. Where its own
    punctuation (". ", " - ", " | ") parts title from site is a guess, so it is the title."""
    return (
        bool(text.strip(PUNCTUATION))
        and reading.title is None
        and reading.author is None
        and reading.series is None
        and reading.date is None
        and reading.location is None
        and reading.publisher is None
        and not clauses.isbn
        and not _BRACKETED.search(text)
        and not _DATEISH_TEXT.search(text)
        and not _OPENERS.search(text)  # a title whose bracket never closed: not a name
    )


def _entry_type(reading: LooseReading, clauses: Clauses, broadcast: bool) -> str:
    if broadcast:
        return "video"
    bookish = bool(clauses.isbn or reading.location or reading.edition)
    if reading.work and (clauses.isbn or reading.entrytype == "book" or reading.eventtitle):
        reading.booktitle, reading.work = reading.work, None
        return "inbook"
    if reading.entrytype == "book" and not reading.english:
        # 『…』 alone is a book only with a book's marks; else a newspaper, a programme, …
        bookish = bookish or bool(reading.publisher or reading.pages or reading.series)
        return "book" if bookish else "misc"
    if bookish or reading.entrytype == "book":
        return "book"
    if reading.work or clauses.issn or reading.volume or reading.issue:
        return "article"
    if clauses.url or reading.urldate or clauses.archive_date:
        return "online"  # accessed, or archived: a web page, even where the link was lost
    return "misc"
