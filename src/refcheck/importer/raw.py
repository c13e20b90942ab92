"""A reference no layout reads: an entry that keeps its whole text, so nothing is lost."""

from __future__ import annotations

from refcheck.importer.model import RawReference, Reference


def raw_reference(raw: RawReference, text: str | None = None) -> Reference:
    """``@misc`` with the reference's whole text in ``note`` (``wpformat = raw``).

    The jawiki style prints ``note`` as it stands, so the book shows the reference exactly
    as the source did until someone structures it by hand.
    """
    return Reference(
        number=raw.number,
        line=raw.line,
        title="",
        wpformat="raw",
        entrytype="misc",
        note=" ".join((text if text is not None else raw.text).split()),
        sourceflag=" ".join(raw.flag.split()) if raw.flag else None,
        group=raw.group,
    )
