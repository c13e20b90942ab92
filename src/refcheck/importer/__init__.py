"""Import the reference list of a Wikipedia text export as BibTeX (``refcheck import``).

The pipeline, one module each: ``segment`` cuts the list into references (with their
maintenance flags), ``parse`` understands each one, ``keys`` names them, ``bibtex`` writes
them, and ``verify`` reads the written text back to prove nothing was lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refcheck.importer.bibtex import format_bibliography
from refcheck.importer.keys import assign_keys
from refcheck.importer.model import RawReference, Reference, ReferenceSyntaxError
from refcheck.importer.parse import parse_reference
from refcheck.importer.segment import segment
from refcheck.importer.source import describe_source
from refcheck.importer.verify import CountMismatch, verify_bibliography

__all__ = [
    "CountMismatch",
    "ImportResult",
    "RawReference",
    "Reference",
    "ReferenceSyntaxError",
    "import_references",
    "verify_bibliography",
]


@dataclass
class ImportResult:
    """Everything one import found. ``bib_text`` is empty when there are errors."""

    found: int
    references: list[Reference] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    errors: list[ReferenceSyntaxError] = field(default_factory=list)
    bib_text: str = ""


def import_references(text: str, source_name: str) -> ImportResult:
    """Parse every reference of ``text``; write BibTeX only when every one was understood."""
    segmentation = segment(text)
    errors = list(segmentation.errors)
    references = []
    for raw in segmentation.references:
        try:
            references.append(parse_reference(raw))
        except ReferenceSyntaxError as error:
            errors.append(error)
    result = ImportResult(found=len(segmentation.references), errors=errors)
    if not segmentation.references and not errors:
        errors.append(ReferenceSyntaxError(1, 'no reference list found (no line starts "- ^ ")'))
    if errors:
        errors.sort(key=lambda error: error.line)
        return result
    result.references = references
    result.keys = assign_keys(references)
    header = describe_source(text, source_name)
    header.append(f"{len(references)} references, in source order.")
    result.bib_text = format_bibliography(result.keys, references, header)
    return result
