"""Records: the facts of an entry that say which work it is, normalised for comparing.

The duplicate rules compare records, never raw entries.  A record is built once per
entry and run (kept in the run's context, since several rules use them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from refcheck.dates.edtf import EdtfDate
from refcheck.dates.entry_dates import date_of
from refcheck.matching.normalize import (
    family_names,
    fold_plain,
    fold_text,
    normalize_doi,
    normalize_url_word,
    plain_and_folded,
    plain_text,
)
from refcheck.model import Entry
from refcheck.rules.registry import Context

WORK_FIELDS = ("journaltitle", "journal", "booktitle")
# Fields that tell apart works sharing a title (issues of a series, volumes, parts).
DISTINGUISHING_FIELDS = ("volume", "number", "issue", "part", "edition", "chapter", "eid")
# Containers that are not works of their own.
NOT_WORKS = frozenset({"xdata", "set"})

_FIRST_NUMBER = re.compile(r"\d+")
# A file's entries name a few journals and proceedings many times over: their plain form
# is computed once each (titles, nearly all distinct, are not cached).
_plain_work = lru_cache(maxsize=4096)(plain_text)
# The near-duplicate rule reads a record's work fold once per pair compared.
_fold_work = lru_cache(maxsize=4096)(fold_plain)


def doi_as_compared(value: str) -> object:
    """What the duplicate rules see of a ``doi``: the normalised DOI when there is one
    (``https://doi.org/10.1/X`` and ``10.1/x`` are one), else the value as written."""
    doi = normalize_doi(value) if value else None
    return ("doi", doi) if doi is not None else ("value", value)


def url_as_compared(value: str) -> object:
    """What the duplicate rules see of a ``url``: each URL normalised (a trailing slash
    or the scheme changes nothing), and the DOI one of them may carry."""
    parts = value.split()
    doi = next((d for d in map(normalize_doi, parts) if d), None) if "doi" in value else None
    return tuple(map(normalize_url_word, parts)), doi


def value_as_compared(value: str) -> object:
    """The value alone: whether it was written as a macro (``month = oct`` against
    ``{October}``) is nothing to the duplicate rules."""
    return value


# Every field the duplicate rules read, through a record or from its entry (see
# refcheck.rules.registry: ``--fix`` runs them again only when one of these changed).
# Keep it whole: a field read here and missing from it would let ``--fix`` report
# findings of the file as it was (tests/test_fixes_recheck.py mutates the rest).
RECORD_FIELDS: dict[str, Callable[[str], object] | None] = {
    **dict.fromkeys(("title", *WORK_FIELDS, "date", "year", "month", "url", "author", "editor")),
    "doi": doi_as_compared,
    **dict.fromkeys((*DISTINGUISHING_FIELDS, "pages", "eprinttype", "archiveprefix")),
    **dict.fromkeys(("howpublished", "note", "publisher", "pubstate", "abstract", "maintitle")),
    **dict.fromkeys(("crossref", "xref", "xdata", "related", "entryset")),
}


class Record:
    """What identifies an entry's work; the costlier parts are computed on first use."""

    __slots__ = (
        "_distinguishing", "_families", "_fields", "_preprint", "date", "date_span", "doi",
        "entry", "index", "title_fold", "title_plain", "urls", "work_name", "work_plain", "year",
    )  # fmt: skip

    def __init__(self, entry: Entry, index: int) -> None:
        self.entry = entry
        self.index = index
        # The first field of each name (as Entry.get reads it): the entry's own index.
        fields = entry.first_fields()
        self._fields = fields
        get = fields.get  # inlined lookups: this runs once per entry of every file
        field = get("title")
        title = field.value if field is not None else ""
        self.title_plain, self.title_fold = plain_and_folded(title) if title else ("", "")
        work = ""
        self.work_name = None
        for name in WORK_FIELDS:
            field = get(name)
            if field is not None and field.value:
                self.work_name, work = name, field.value
                break
        self.work_plain = _plain_work(work) if work else ""
        date, year, month = get("date"), get("year"), get("month")
        self.date, self.year, self.date_span = _date_facts(
            date.value if date is not None else None,
            year.value if year is not None else None,
            month.value if month is not None else None,
        )
        field = get("url")
        url_value = (field.value if field is not None else None) or ""
        urls = url_value.split()
        if len(urls) == 1:  # the usual case, without a generator
            url = normalize_url_word(urls[0])
            self.urls: tuple[str, ...] = (url,) if url else ()
        else:
            self.urls = tuple(u for u in map(normalize_url_word, urls) if u)
        field = get("doi")
        doi = normalize_doi(field.value) if field is not None and field.value else None
        if doi is None and "doi" in url_value:
            doi = next((d for d in map(normalize_doi, url_value.split()) if d), None)
        self.doi = doi
        self._families: frozenset[str] | None = None
        self._preprint: bool | None = None
        self._distinguishing: dict[str, str] | None = None

    @property
    def work_fold(self) -> str:
        return _fold_work(self.work_plain) if self.work_plain else ""

    @property
    def families(self) -> frozenset[str]:
        if self._families is None:
            names = self.value("author") or self.value("editor") or ""
            self._families = family_names(names) if names else frozenset()
        return self._families

    @property
    def distinguishing(self) -> dict[str, str]:
        """Folded volume, number, pages (first page), DOI...: what tells issues apart."""
        if self._distinguishing is None:
            found: dict[str, str] = {}
            for name in DISTINGUISHING_FIELDS:
                value = self.value(name)
                folded = fold_text(value) if value else ""
                if folded:  # Beebe's "??" (unknown) folds to nothing
                    found[name] = folded
            pages = self.value("pages")
            first_page = _first_number(pages) if pages else ""
            if first_page:
                found["pages"] = first_page
            if self.doi:
                found["doi"] = self.doi
            self._distinguishing = found
        return self._distinguishing

    def value(self, name: str) -> str | None:
        """The entry's (first) value of field ``name``."""
        field = self._fields.get(name)  # _value inlined: called per pair compared
        return field.value if field is not None else None


@lru_cache(maxsize=8192)
def _date_facts(
    date: str | None, year: str | None, month: str | None
) -> tuple[EdtfDate | None, int | None, tuple[int, int] | None]:
    """A record's date, its certain year and its span of days (both ends known), from the
    fields' values; cached, as a file's entries share a few hundred dates."""
    parsed = date_of(date, year, month)
    if parsed is None:
        return None, None, None
    earliest, latest = parsed.earliest, parsed.latest
    span = (earliest, latest) if earliest is not None and latest is not None else None
    return parsed, parsed.year, span


def _first_number(value: str) -> str:
    match = _FIRST_NUMBER.search(value)
    return match.group() if match else fold_text(value)


def project_records(ctx: Context) -> list[Record]:
    """Records of every entry that is a work, in file order; built once per run (both
    duplicate rules read them) and kept in the run's context, not beyond it."""
    records: list[Record] | None = ctx.cache.get("records")
    if records is None:
        entries = (e for e in ctx.project.entries() if e.type not in NOT_WORKS)
        records = ctx.cache["records"] = [Record(entry, i) for i, entry in enumerate(entries)]
    return records


def conflicts(a: Record, b: Record) -> list[str]:
    """The distinguishing fields both records give with different values."""
    theirs = b.distinguishing  # a property: read once, not twice per field
    return [
        name for name, value in a.distinguishing.items() if name in theirs and theirs[name] != value
    ]


def dates_agree(a: Record, b: Record) -> bool | None:
    """True when both dates are given and equal at the precision both give, False when
    they certainly differ, None when either is missing."""
    if a.date is None or b.date is None:
        return None
    span_a, span_b = a.date_span, b.date_span
    if span_a is None or span_b is None:
        return None
    # Overlapping spans: 2024 and 2024-12-21 agree; 2024-12-20 and 2024-12-21 do not.
    return span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def authors_disagree(a: Record, b: Record) -> bool:
    """True when both give authors and fewer than half of the shorter list are shared:
    one author of three in common is a colleague's paper, not the same work."""
    if not a.families or not b.families:
        return False
    shared = len(a.families & b.families)
    return shared * 2 < min(len(a.families), len(b.families))


# Preprint servers, as eprinttype/archiveprefix name them and as they appear in a URL,
# a DOI prefix or a journal field ("arXiv preprint arXiv:1706.03762").
_PREPRINT_ARCHIVES = frozenset(
    {"arxiv", "biorxiv", "medrxiv", "chemrxiv", "psyarxiv", "socarxiv", "ssrn", "hal",
     "osf", "eartharxiv", "techrxiv", "preprints", "research square", "researchsquare"}
)  # fmt: skip
_PREPRINT_WORDS = re.compile(
    r"\b(?:preprint|e-?print|(?:bio|med|chem|psy|soc|earth|tech)?arxiv|ssrn|research ?square)\b"
)
_PREPRINT_DOI_PREFIXES = ("10.48550/", "10.2139/ssrn", "10.21203/rs.", "10.31234/", "10.26434/")
_PREPRINT_HOSTS = ("arxiv.org/", "biorxiv.org/", "medrxiv.org/", "ssrn.com/", "researchsquare.com/")


def is_preprint(record: Record) -> bool:
    """True for a record of a preprint: on a preprint server, and in no other venue
    (a published article that also gives its arXiv eprint is the published version)."""
    if record._preprint is None:
        record._preprint = _is_preprint(record)
    return record._preprint


def _is_preprint(record: Record) -> bool:
    work = record.work_fold
    if work and not _PREPRINT_WORDS.search(work):
        return False  # a journal or proceedings: published, whatever eprint it also gives
    archive = (record.value("eprinttype") or record.value("archiveprefix") or "").casefold()
    if archive.strip() in _PREPRINT_ARCHIVES or (work and _PREPRINT_WORDS.search(work)):
        return True
    if record.doi and record.doi.startswith(_PREPRINT_DOI_PREFIXES):
        return True
    if any(host in url for url in record.urls for host in _PREPRINT_HOSTS):
        return True
    for name in ("howpublished", "note", "publisher", "pubstate"):
        value = record.value(name)
        if value and _PREPRINT_WORDS.search(fold_text(value)):
            return True
    return False
