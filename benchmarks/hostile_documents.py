"""Write the hostile documents of tests/hostile_documents.py at a given size, to time them.

    python benchmarks/hostile_documents.py OUT [--size 100000]
    farm-bench -n 5 -- .venv/bin/refcheck check OUT/refs.bib OUT/rst-colon-runs.rst

Each file is one pattern (see benchmarks/README.md for the figures).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from hostile_documents import BIB, PATTERNS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "refs.bib").write_text(BIB, encoding="utf-8")
    for name, make in PATTERNS.items():
        suffix, text = make(args.size)
        path = args.out / (name + suffix)
        path.write_text(text, encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
