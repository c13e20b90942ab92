"""What the importer reads and produces: one reference of a Wikipedia reference list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawReference:
    """One reference as it sits in the export, before its text is understood.

    ``line`` is the 1-based line where its ``- ^`` marker stands (a reference glued to the
    end of a maintenance flag starts on the flag's last line). ``flag`` is the maintenance
    flag that follows it, already joined into one line, or None.
    """

    number: int
    line: int
    text: str
    flag: str | None = None
    group: str | None = None
    # In a Markdown export, the texts the page set in italics (CS1 prints the work so, never
    # the publisher); None where the export kept no emphasis (plain text).
    italics: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference understood: the data ``refs.bib`` carries, exactly as the source states it.

    ``author_is_literal`` says the source gives the author as one string (``David Axe``),
    not as ``last, first`` parameters. ``wpformat`` names the layout the source printed it in:
    ``web``, ``news``, ``ja`` (Japanese Wikipedia) or ``en`` (English Wikipedia).
    ``archivedate`` is the date of an archived copy ("Archived from the original on …",
    "…時点のオリジナルよりアーカイブ"), which the seed article never gives.

    ``entrytype`` is the BibTeX type chosen from what the reference is (``article`` for a
    piece in a periodical or site, ``online``, ``book``, ``inbook``, ``video``, ``misc``).
    ``note`` keeps text no field holds; for a reference no layout fits (``wpformat`` ``raw``)
    it is the reference's whole text. ``group`` is the list heading it sits under
    (``注釈``, ``出典``) when the export's list has several.
    """

    number: int
    line: int
    title: str
    wpformat: str
    work: str | None = None
    publisher: str | None = None
    author: str | None = None
    author_is_literal: bool = True
    date: str | None = None
    urldate: str | None = None
    archivedate: str | None = None
    language: str | None = None
    sourceflag: str | None = None
    entrytype: str = "article"
    editor: str | None = None
    origdate: str | None = None
    booktitle: str | None = None
    eventtitle: str | None = None
    series: str | None = None
    volume: str | None = None
    issue: str | None = None
    edition: str | None = None
    location: str | None = None
    pages: str | None = None
    isbn: str | None = None
    issn: str | None = None
    doi: str | None = None
    url: str | None = None
    archiveurl: str | None = None
    note: str | None = None
    group: str | None = None


@dataclass(frozen=True, slots=True)
class ImportNotice:
    """Something the user should look at; the import still writes every reference."""

    line: int
    message: str


class ReferenceSyntaxError(ValueError):
    """A reference (or the list around it) that the importer cannot read."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
