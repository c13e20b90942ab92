"""Write a project of ``--files`` documents citing ``--entries`` entries, to time a check.

    python benchmarks/project_scale.py OUT [--files 150] [--entries 500]
    farm-bench -n 5 -- .venv/bin/refcheck check OUT

A third of the documents are MyST, a third reST, a sixth notebooks and a sixth Python
files with docstrings; each cites about ten entries in ordinary sentences, and one page
holds the bibliography.  Every entry is cited, so the run reports nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def entry(number: int) -> str:
    return (
        f"@article{{key{number},\n  author = {{Author, A{number}}},\n"
        f"  title = {{Title number {number} of a study}},\n  journaltitle = {{Journal}},\n"
        f"  date = {{20{number % 20 + 5:02d}-0{number % 9 + 1}-1{number % 9}}},\n}}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=150)
    parser.add_argument("--entries", type=int, default=500)
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "refs.bib").write_text("".join(entry(i) for i in range(args.entries)))
    per_file = max(1, -(-args.entries // args.files))
    for number in range(args.files):
        keys = [f"key{(number * per_file + k) % args.entries}" for k in range(per_file)]
        sentences = [f"A finding is reported in the study {{cite}}`{key}`." for key in keys]
        kind = number % 6
        if kind in (0, 1):
            (out / f"page{number}.md").write_text(f"# Page {number}\n\n" + "\n\n".join(sentences))
        elif kind in (2, 3):
            body = "\n\n".join(s.replace("{cite}", ":cite:") for s in sentences)
            (out / f"page{number}.rst").write_text(f"Page {number}\n=======\n\n{body}\n")
        elif kind == 4:
            cells = [{"cell_type": "markdown", "metadata": {}, "source": [s + "\n"]}
                     for s in sentences]  # fmt: skip
            notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            (out / f"page{number}.ipynb").write_text(json.dumps(notebook, indent=1))
        else:
            docs = "".join(
                f'def f{i}():\n    """{s.replace("{cite}", ":cite:")}"""\n\n\n'
                for i, s in enumerate(sentences)
            )
            (out / f"page{number}.py").write_text(docs)
    (out / "bibliography.md").write_text("# Bibliography\n\n```{bibliography}\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
