"""How many of an article's references `refcheck import` reads into fields (not kept whole).

Usage, for the code on PYTHONPATH (a checkout's src/, so two versions can be compared)::

    PYTHONPATH=src python benchmarks/import_coverage.py tests/importer_data/articles/*

Per file: the references the reader finds, how many of them it structures (an entry
with fields, not a raw one keeping the whole text; an explanatory note such as ``{{efn}}``
is counted apart, as a note, since it cites nothing), whether `refcheck import` would write
anything at all, and on the checked sample of ``import-judgements.toml`` how many entries
have every datum right (``import_judgements.py`` says how that is judged). A reader that
finds no reference list counts 0 found.
"""

from __future__ import annotations

import sys
from pathlib import Path

from import_judgements import Judgement, by_article, differences, load, unstated

from refcheck.importer import import_references
from refcheck.importer.bibtex import entry_fields
from refcheck.importer.model import Reference
from refcheck.importer.parse import parse_reference
from refcheck.importer.segment import segment
from refcheck.importer.tables import NOTE_HEADINGS


def _is_note(reference: Reference) -> bool:
    return reference.wpformat == "raw" and reference.group in NOTE_HEADINGS


def _label(reference: Reference) -> str:
    return f"{reference.group} {reference.number}" if reference.group else str(reference.number)


def checked(path: Path, judgements: list[Judgement]) -> tuple[int, list[str]]:
    """How many judged entries are right, and what is wrong (with the judgements' own faults)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    imported = {_label(r): r for r in import_references(text, path.name).references}
    right, wrong = 0, []
    for judgement in judgements:
        faults = [f"judgement: {fault}" for fault in unstated(judgement, lines)]
        reference = imported.get(judgement.reference)
        if reference is None:
            faults.append("no such reference imported")
        else:
            fields = entry_fields(reference)
            fields.pop("wpformat", None)
            faults += differences(judgement, reference.entrytype, fields)
        if faults:
            wrong.append(f"  [{judgement.reference}] line {judgement.line}: " + "; ".join(faults))
        else:
            right += 1
    return right, wrong


def coverage(path: Path) -> tuple[int, int, bool]:
    text = path.read_text(encoding="utf-8")
    result = import_references(text, path.name)
    written = bool(result.bib_text)
    if result.references:
        references = [r for r in result.references if not _is_note(r)]
        structured = sum(reference.wpformat != "raw" for reference in references)
        return len(references), structured, written
    # An importer that writes nothing when one reference fails: count each one alone.
    raws = segment(text).references
    structured = 0
    for raw in raws:
        try:
            parse_reference(raw)
        except ValueError:
            continue
        structured += 1
    return len(raws), structured, written


def main(paths: list[str]) -> int:
    total_found = total_structured = total_checked = total_right = 0
    judged = by_article(load())
    for name in paths:
        path = Path(name)
        found, structured, written = coverage(path)
        total_found += found
        total_structured += structured
        state = "written" if written else "nothing written"
        sample = judged.get(path.name, [])
        right, wrong = checked(path, sample)
        total_checked += len(sample)
        total_right += right
        print(
            f"{path.name}: {structured}/{found} structured, {state};"
            f" checked sample {right}/{len(sample)} with every datum right"
        )
        for line in wrong:
            print(line)
    print(
        f"all: {total_structured}/{total_found} structured; checked {total_right}/{total_checked}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
