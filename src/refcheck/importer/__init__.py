"""Import the reference list of a Wikipedia article as BibTeX (``refcheck import``).

Two inputs: a text export of the rendered page (``- ^ …`` lines) or the edit page's
wikitext (``<ref>{{cite …}}</ref>``). The pipeline, one module each: ``segment`` cuts an
export's list into references (with their maintenance flags and groups), ``parse`` reads
each one (``clauses``, ``loose`` and ``cs1`` for what the templates' exact layouts do not
cover), ``wikitext`` reads templates, ``raw`` keeps what nothing reads, ``body`` checks the
list against the body's ``[n]``, ``keys`` names them, ``bibtex`` writes them, and
``verify`` reads the written text back to prove nothing was lost.

Nothing is dropped: every reference becomes an entry. What needs a look — a reference kept
whole, a date that is no real date, a ``[n]`` without its reference, a cut export — is a
notice with its line (``ImportResult.notices``); only an input without any reference list
is an error (``ImportResult.errors``) and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refcheck.importer.bibtex import format_bibliography
from refcheck.importer.body import check_against_body
from refcheck.importer.dates import date_problem
from refcheck.importer.keys import assign_keys
from refcheck.importer.model import ImportNotice, RawReference, Reference, ReferenceSyntaxError
from refcheck.importer.parse import parse_reference
from refcheck.importer.raw import raw_reference
from refcheck.importer.segment import segment
from refcheck.importer.source import describe_source
from refcheck.importer.tables import NOTE_HEADINGS
from refcheck.importer.verify import CountMismatch, verify_bibliography
from refcheck.importer.wikitext import looks_like_wikitext, read_wikitext

__all__ = [
    "CountMismatch",
    "ImportNotice",
    "ImportResult",
    "RawReference",
    "Reference",
    "ReferenceSyntaxError",
    "import_references",
    "verify_bibliography",
]


@dataclass
class ImportResult:
    """Everything one import found. ``bib_text`` is empty only when there are errors."""

    found: int
    references: list[Reference] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    errors: list[ReferenceSyntaxError] = field(default_factory=list)
    notices: list[ImportNotice] = field(default_factory=list)
    bib_text: str = ""

    @property
    def kept_whole(self) -> int:
        """References no layout read (``wpformat = raw``; explanatory notes not counted)."""
        return sum(r.wpformat == "raw" and r.group not in NOTE_HEADINGS for r in self.references)


def _export_references(text: str) -> tuple[list[Reference], list[ImportNotice], int]:
    segmentation = segment(text)
    notices = list(segmentation.notices)
    references = []
    for raw in segmentation.references:
        try:
            references.append(parse_reference(raw))
        except ValueError:
            references.append(raw_reference(raw))
            message = f"reference [{raw.number}] fits no layout; kept whole in note: {raw.text}"
            notices.append(ImportNotice(raw.line, message))
    notices.extend(check_against_body(text, segmentation.references))
    return references, notices, len(segmentation.references)


def _date_notices(references: list[Reference]) -> list[ImportNotice]:
    notices = []
    for reference in references:
        for name in ("date", "urldate", "archivedate"):
            value = getattr(reference, name)
            if value and (problem := date_problem(value)):
                notices.append(
                    ImportNotice(
                        reference.line,
                        f"reference [{reference.number}]: {name} {value} is no real date"
                        f" ({problem}); written as the source states it",
                    )
                )
    return notices


def import_references(text: str, source_name: str) -> ImportResult:
    """Every reference of ``text`` as an entry; notices for what needs a look."""
    if looks_like_wikitext(text):
        references, notices, found = read_wikitext(text)
        missing = "no <ref> found in the wikitext"
    else:
        references, notices, found = _export_references(text)
        missing = 'no reference list found (no line starts "- ^ ")'
    result = ImportResult(found=found)
    if not references:
        result.errors.append(ReferenceSyntaxError(1, missing))
        return result
    notices.extend(_date_notices(references))
    result.notices = sorted(notices, key=lambda notice: notice.line)
    result.references = references
    result.keys = assign_keys(references)
    header = describe_source(text, source_name)
    header.append(f"{len(references)} references, in source order.")
    result.bib_text = format_bibliography(result.keys, references, header)
    return result
