"""How many of an article's references `refcheck import` reads into fields (not kept whole).

Usage, for the code on PYTHONPATH (a checkout's src/, so two versions can be compared)::

    PYTHONPATH=src python benchmarks/import_coverage.py tests/importer_data/articles/*

Per file: the references the reader finds, how many of them it structures (an entry
with fields, not a raw one keeping the whole text), and whether `refcheck import` would
write anything at all. A reader that finds no reference list counts 0 found.
"""

from __future__ import annotations

import sys
from pathlib import Path

from refcheck.importer import import_references
from refcheck.importer.parse import parse_reference
from refcheck.importer.segment import segment


def coverage(path: Path) -> tuple[int, int, bool]:
    text = path.read_text(encoding="utf-8")
    result = import_references(text, path.name)
    written = bool(result.bib_text)
    if result.references:
        structured = sum(reference.wpformat != "raw" for reference in result.references)
        return len(result.references), structured, written
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
    total_found = total_structured = 0
    for name in paths:
        found, structured, written = coverage(Path(name))
        total_found += found
        total_structured += structured
        state = "written" if written else "nothing written"
        print(f"{Path(name).name}: {structured}/{found} structured, {state}")
    print(f"all: {total_structured}/{total_found} structured")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
