"""Clauses any reference may carry, taken out of its text before a layout reads the rest.

URLs (bare, ``<…>`` or as a Markdown link ``[text](url)``), archive notes
(``2018年4月21日時点のオリジナルよりアーカイブ。``, ``Archived from the original on 5 February
2009.``) and identifiers (``ISBN 978-…``, ``ISSN …``, ``doi:…``). What a clause held goes
into ``Clauses``; the text that is left has the clause removed, so the citation layouts
(``parse``) see the reference as Wikipedia prints it without links.

Every pattern is one pass with single character-class quantifiers: no backtracking over
the reference's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refcheck.importer.dates import EN_DATE, JA_DATE

_URL_CHARS = r"[^\s<>\"“”「」『』（）()\[\]]"
# [text](https://…) and [text](https://… "tooltip"), as HTML-to-Markdown exports write links.
_MARKDOWN_LINK = re.compile(rf"\[([^\[\]\n]*)\]\((https?://{_URL_CHARS}+)(?: \"[^\"\n]*\")?\)")
# A link to another page of the wiki ([Anthropic](//ja.wikipedia.org/wiki/…), [x](/wiki/…),
# a saved page's chrome-extension://…/wiki/…, an anchor #…): only its text is the reference's.
_WIKI_LINK = re.compile(
    r"\[([^\[\]\n]*)\]\((?!https?://)(?:[^()\s]|\([^()\s]*\))*(?: \"[^\"\n]*\")?\)"
)
# A DOI's own link (doi:[10.1/x](https://doi.org/10.1%2Fx)) is the identifier, not the page.
_DOI_HOST = re.compile(r"https?://(?:dx\.)?doi\.org/", re.IGNORECASE)
_URL = re.compile(rf"<?(https?://{_URL_CHARS}+)>?")
# Hosts that keep archived copies: a URL on one of them is the archive URL, not the page's.
_ARCHIVE_HOSTS = re.compile(
    r"https?://(?:web\.archive\.org|archive\.(?:org|today|is|ph|li|fo|vn|md)|webcitation\.org"
    r"|wayback\.|warp\.(?:da\.)?ndl\.go\.jp|megalodon\.jp)",
    re.IGNORECASE,
)
# Any web archive's address for a copy: a timestamp, then the original URL in the path
# (webarchive.loc.gov/all/20011121001051/https://…, the Wayback Machine's own form).
_ARCHIVED_COPY = re.compile(r"/[0-9]{8,14}(?:[a-z]{2}_|\*)?/https?://")
_ARCHIVE_CLAUSES = (
    re.compile(rf"\s?(?P<archive>{JA_DATE})時点のオリジナルよりアーカイブ。?"),
    re.compile(rf"\s?オリジナルの(?P<archive>{JA_DATE})時点におけるアーカイブ。?"),
    re.compile(
        rf"\s?Archived(?: \([^()]{{1,20}}\))? from the original(?: \([^()]{{1,20}}\))?"
        rf" on (?P<archive>{EN_DATE})\.?",
        re.IGNORECASE,
    ),
)
_ISBN = re.compile(r"ISBN(?:-1[03])?[:：]?\s?(?P<value>[0-9][0-9\-]{8,16}[0-9Xx])\b\.?")
_ISSN = re.compile(r"ISSN[:：]?\s?(?P<value>[0-9]{4}-?[0-9]{3}[0-9Xx])\b\.?")
_DOI = re.compile(r"doi[:：]\s?(?P<value>10\.[0-9]{4,9}/[^\s、。]+?)(?=[.,、。]?(?:\s|$))\.?")
# Identifiers Wikipedia prints that no field here holds: kept in ``note``.
_OTHER_IDS = re.compile(
    r"(?:OCLC|NCID|JPNO|NDLJP|JSTOR|PMID|PMC|arXiv|Bibcode|CiteSeer[Xx]|S2CID|hdl|ASIN)"
    r"[:：]?\s?[0-9A-Za-z][0-9A-Za-z./:\-]*[0-9A-Za-z]\.?"
)


@dataclass
class Clauses:
    """What the clauses of one reference held."""

    urls: list[str] = field(default_factory=list)
    archiveurl: str | None = None
    archive_date: str | None = None  # as written: 2018年4月21日, 5 February 2009
    archive_language: str | None = None  # "ja" or "en"
    isbn: str | None = None
    issn: str | None = None
    doi: str | None = None
    other_ids: list[str] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        return self.urls[0] if self.urls else None


def take_links(text: str, clauses: Clauses) -> str:
    """The text without its URLs; a Markdown link leaves its text behind."""

    def markdown(match: re.Match[str]) -> str:
        _record_url(match.group(2), clauses)
        return match.group(1)

    def bare(match: re.Match[str]) -> str:
        _record_url(match.group(1).rstrip(".,、。"), clauses)
        trailing = match.group(1)[len(match.group(1).rstrip(".,、。")) :]
        return trailing

    text = _WIKI_LINK.sub(r"\1", text)
    text = _MARKDOWN_LINK.sub(markdown, text)
    text = _URL.sub(bare, text)
    # A URL printed in brackets after a title leaves "()" or "（）" behind.
    return " ".join(text.replace("()", "").replace("（）", "").split())


def _record_url(url: str, clauses: Clauses) -> None:
    if _DOI_HOST.match(url):
        return
    archived = _ARCHIVE_HOSTS.match(url) or _ARCHIVED_COPY.search(url)
    if archived and clauses.archiveurl is None:
        clauses.archiveurl = url
    elif url not in clauses.urls:
        clauses.urls.append(url)


def take_archive(text: str, clauses: Clauses) -> str:
    for language, pattern in zip(("ja", "ja", "en"), _ARCHIVE_CLAUSES, strict=True):
        match = pattern.search(text)
        if match is not None:
            clauses.archive_date = match.group("archive")
            clauses.archive_language = language
            return (text[: match.start()].rstrip() + " " + text[match.end() :].lstrip()).strip()
    return text


def take_identifiers(text: str, clauses: Clauses) -> str:
    for pattern, name in ((_ISBN, "isbn"), (_ISSN, "issn"), (_DOI, "doi")):
        match = pattern.search(text)
        if match is not None:
            setattr(clauses, name, match.group("value").strip())
            text = text[: match.start()] + text[match.end() :]
    for match in _OTHER_IDS.finditer(text):
        clauses.other_ids.append(match.group(0).rstrip("."))
    text = _OTHER_IDS.sub("", text)
    return " ".join(text.split()).strip(" ,、")


def take_clauses(text: str) -> tuple[str, Clauses]:
    """The text with URLs and the archive note taken out, and what they held."""
    clauses = Clauses()
    text = take_links(text, clauses)
    text = take_archive(text, clauses)
    return text, clauses
