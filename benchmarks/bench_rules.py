"""Each rule's own CPU time on the large corpora, in one run of the rules as the engine
runs them (one context, the collector paused), so shared work (records, the field index)
is charged to the first rule that builds it.

Usage: python benchmarks/bench_rules.py [--runs 5] [--only beebe_progr-oceanogr,...]
       [--codes I,V,M]

Prints a Markdown table: per rule, the least CPU time of ``--runs`` runs on each file,
and per file the total of the rules shown.  The whole command, start-up and output
included, is timed with farm-bench against bibtexparser (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from refcheck.collector import collector_paused  # noqa: E402
from refcheck.engine import build_project  # noqa: E402
from refcheck.rules import Context, Options, all_rules  # noqa: E402
from shared import CORPUS_DIR  # noqa: E402


def rule_times(path: Path, codes: tuple[str, ...], runs: int) -> dict[str, float]:
    project = build_project([path], [])
    rules = [r for r in all_rules() if r.enabled_by_default and r.code.startswith(codes)]
    best: dict[str, float] = {}
    with collector_paused():
        for _ in range(runs):
            context = Context(project, Options())
            for rule in rules:
                start = time.process_time()
                for _report in rule.check(context):
                    pass
                spent = time.process_time() - start
                best[rule.name] = min(best.get(rule.name, spent), spent)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated file stems")
    parser.add_argument("--codes", default="", help="comma-separated code prefixes")
    args = parser.parse_args()
    wanted = {stem for stem in args.only.split(",") if stem}
    codes = tuple(code for code in args.codes.split(",") if code) or ("",)
    files = [
        p for p in sorted((CORPUS_DIR / "large").glob("*.bib")) if not wanted or p.stem in wanted
    ]
    table = {path.stem: rule_times(path, codes, args.runs) for path in files}
    names = sorted({name for times in table.values() for name in times})
    print("| rule | " + " | ".join(f"{stem} (ms)" for stem in table) + " |")
    print("|---|" + "---:|" * len(table))
    for name in names:
        cells = " | ".join(f"{times.get(name, 0) * 1000:.1f}" for times in table.values())
        print(f"| {name} | {cells} |")
    totals = " | ".join(f"**{sum(t.values()) * 1000:.0f}**" for t in table.values())
    print(f"| total | {totals} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
