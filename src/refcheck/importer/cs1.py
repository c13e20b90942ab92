"""CS1's part-by-part layouts and hand-written academic references, for ``loose``.

Citation Style 1 prints a book, a chapter, a conference paper or an IETF document as parts
ended by ". " (``{{Citation}}``: ", "), in a fixed order: ``Author (2016). Title. Series. 40.
Publisher. ix.``, ``"Paper". Proceedings. Conference. Series. 8441. Place. pp. 1–16.``,
``Title. IETF. RFC 2616.``. Hand-written references follow a few academic habits: ``in Journal,
2, 107–125``, ``In Book, edited by …``, ``First M. Last, Title, Work (2002).`` The readers here
fill a ``LooseReading`` from those parts; every pattern's quantifiers are bounded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcheck.importer.loose import LooseReading

# cite AV media's format mark after the title: kept in note, never part of the title.
_AV_MARK = re.compile(r" \((?:Motion picture|Film|Video|Documentary|DVD|Blu-ray|Audio|Podcast)\)")

# A company's suffix after its comma: "O'Reilly Media, Inc." is one name.
COMPANY_SUFFIXES = frozenset({"Inc", "Ltd", "LLC", "Co", "Corp", "GmbH", "Pty", "S.A", "plc"})

# What trims a part: spaces and the punctuation both Wikipedias print between parts.
PUNCTUATION = " .,、。・:：;；()（）[]"

# A conference's own name after the proceedings' title (cite conference).
CONFERENCE = re.compile(r"\b(?:Proceedings|Conference|Symposium|Workshop|Congress)\b")
# The numbers of the IETF's series, as cite IETF prints them, each a part of its own.
_IETF_NUMBER = re.compile(
    r"(?:^|(?<=\. ))(?:(?P<series>RFC|BCP|STD|FYI|I-D)"
    r" (?P<number>[0-9]{1,5}|draft-[a-z0-9.-]*[a-z0-9])"
    r"|(?P<draft>draft-[a-z0-9.-]*[0-9]))\.?(?=\s|$)"
)
_BARE_LOCATOR = re.compile(r"[0-9]{1,5}|[ivxlcdm]{1,8}")

# Hand-written academic references (every quantifier bounded):
# "…", in Designs, Codes and Cryptography, 2, 107–125 — a journal, its volume and pages;
_IN_JOURNAL = re.compile(
    r"(?:^|(?<=, )|(?<=\. ))in (?P<journal>[A-Z][^,]{0,60}(?:, [A-Z][^,]{0,60}){0,3}),"
    r" (?P<volume>[0-9]{1,4}), (?P<pages>[0-9]{1,5}[–-][0-9]{1,5})"
)
# "…" In The Law of Non-Contradiction, edited by Priest, Beal, and Armour-Garb. — a book;
_IN_BOOK = re.compile(
    r"(?:^|\s)In (?P<book>[A-Z][^,.]{1,100}), edited by (?P<editors>[^.]{1,120})\."
)
# "…". In Brown, Alice (ed.). The Big Book. — cite book's chapter in an edited book;
_IN_EDITED = re.compile(
    r"(?:^|(?<=\. ))In (?P<editors>[^.()]{1,160}) \(eds?\.\)\. (?P<book>[^.]{1,200})(?:\.|$)"
)

# David F. Peterson, BLEVE: Facts, Risk Factors, and Fallacies, Fire Engineering magazine (2002).
_NAME_TITLE_WORK = re.compile(
    r"^(?P<author>[A-Z][a-z]{1,20}(?: [A-Z]\.){1,3} [A-Z][a-z]{1,30}), (?P<title>.{3,200}?),"
    r" (?P<work>[^,]{3,80}) \((?P<year>[0-9]{4})\)\.?$"
)

# "London: Penguin", "東京：講談社": a place, then its publisher.
LOCATION_PUBLISHER = re.compile(r"^(?P<location>[^:：]{2,40})[:：]\s?(?P<publisher>.+)$")


def read_containers(text: str, reading: LooseReading) -> str:
    """A hand-written container after the title: ``in Journal, 2, 107–125`` or ``In Book,
    edited by A, B, and C.``"""
    if (journal := _IN_JOURNAL.search(text)) is not None and reading.work is None:
        reading.work = journal.group("journal")
        reading.volume, reading.pages = journal.group("volume", "pages")
        reading.entrytype = "article"
        rest = text[journal.end() :]
        if (year := re.match(r"\s?\(([0-9]{4})\)", rest)) is not None and reading.date is None:
            reading.date, rest = year.group(1), rest[year.end() :]
        if rest.strip(PUNCTUATION):
            reading.notes.append(rest.strip(" ,."))  # what follows the pages, as written
        return text[: journal.start()].strip(" ,")
    if (chapter := _IN_EDITED.search(text)) is not None and reading.work is None:
        # cite book's chapter: "Chapter". In Brown, Alice (ed.). The Big Book. Place: …
        reading.editor, reading.work = chapter.group("editors"), chapter.group("book")
        reading.entrytype = "book"
        return (text[: chapter.start()] + " " + text[chapter.end() :]).strip(" ,")
    if (book := _IN_BOOK.search(text)) is not None and reading.work is None:
        reading.work, reading.editor = book.group("book"), book.group("editors")
        reading.entrytype = "book"
        return (text[: book.start()] + " " + text[book.end() :]).strip(" ,")
    return text


def read_name_title_work(text: str, reading: LooseReading) -> bool:
    """``David F. Peterson, Title, Work (2002).``: a hand-written reference whose first part
    is a person's name with an initial and whose last, before the year, is the work."""
    match = _NAME_TITLE_WORK.match(text)
    if match is None or reading.title is not None or reading.author is not None:
        return False
    reading.author, reading.title = match.group("author"), match.group("title")
    reading.work, reading.date = match.group("work"), match.group("year")
    reading.entrytype = "article"
    return True


def cs1_parts(text: str, separator: str) -> list[str]:
    parts = []
    for part in (text + " ").split(separator.strip() + " "):
        stripped = part.strip(" .,")
        if stripped.rsplit(" ", 1)[-1] in COMPANY_SUFFIXES:
            stripped += "."  # "O'Reilly Media, Inc." keeps its abbreviation's period
        if stripped:
            parts.append(stripped)
    return parts


def read_cs1_book(text: str, reading: LooseReading) -> None:
    """``Author (2016). Title: Sub, Sub. Series. 40. Publisher. ix.`` as cite book renders it:
    parts end at ". " (a title's commas are its own; ``{{Citation}}`` parts them at ", ")."""
    pieces = cs1_parts(text, reading.separator)
    if not pieces:
        return
    reading.entrytype = "book"
    reading.title = pieces[0]
    if (mark := _AV_MARK.search(reading.title)) is not None:
        reading.notes.append(mark.group(0).strip())
        reading.title = reading.title[: mark.start()] + reading.title[mark.end() :]
    read_cs1_rest(pieces[1:], reading)


def read_cs1_rest(rest: list[str], reading: LooseReading) -> None:
    """The parts after a CS1 title or container. A conference's name (``Proceedings …``,
    ``… Conference …``) is the event; a name followed by a bare number is a series and its
    volume; of the other names, the last is the publisher (for a conference, where it was
    held); a bare page (``ix``, ``12``) is the pages; anything else stays in note."""
    # A sentence (a quotation after the identifiers) is never a name.
    names = [
        index
        for index, piece in enumerate(rest)
        if not _BARE_LOCATOR.fullmatch(piece) and len(piece.split()) <= 12 and piece[0] != "["
    ]
    for index, piece in enumerate(rest):
        place = LOCATION_PUBLISHER.match(piece)
        if place is not None and reading.publisher is None and index in names:
            # {{Citation}}'s "London: Penguin" between commas
            reading.location = place.group("location").strip()
            reading.publisher = place.group("publisher").strip()
            names.remove(index)
    for index, piece in enumerate(rest):
        if reading.eventtitle is None and CONFERENCE.search(piece):
            reading.eventtitle = piece  # however long: a conference's name is a name
            if index in names:
                names.remove(index)
    for index in list(names):
        after = index + 1
        bare = after < len(rest) and _BARE_LOCATOR.fullmatch(rest[after]) is not None
        if reading.series is None and bare:
            reading.series, reading.volume = rest[index], rest[after]
            names.remove(index)
    if names and reading.publisher is None and reading.location is None:
        if reading.eventtitle:
            reading.location = rest[names.pop()]
        else:
            reading.publisher = rest[names.pop()]
    if names and reading.series is None:
        reading.series = rest[names.pop(0)]
    taken = {reading.eventtitle, reading.series, reading.volume, reading.publisher}
    taken |= {reading.location}
    if reading.location and reading.publisher:
        taken.add(f"{reading.location}: {reading.publisher}")
    for piece in rest:
        if piece in taken:
            taken.discard(piece)
        elif _BARE_LOCATOR.fullmatch(piece) and reading.pages is None:
            reading.pages = piece
        else:
            reading.notes.append(piece)


def take_ietf_number(text: str, reading: LooseReading) -> str:
    """``RFC 2616``, ``I-D draft-ietf-http-range-retrieval-00``, ``draft-ietf-quic-http-22``
    standing as a part of their own (cite IETF): the series and number, never a publisher."""
    match = _IETF_NUMBER.search(text)
    if match is None or reading.series is not None:
        return text
    if match.group("draft"):
        reading.issue = match.group("draft")
    else:
        reading.series, reading.issue = match.group("series"), match.group("number")
    return (text[: match.start()] + " " + text[match.end() :]).strip()
