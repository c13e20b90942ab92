"""How much ``refcheck check --fix`` costs over ``refcheck check``, as fresh processes.

For each corpus file (default: the largest of ``../shared/corpus/large``) and for a copy
of it with fixable findings planted (every tenth entry's first field given twice, the
``duplicate-field`` fix removes the repeat), run, alternately, ``refcheck check FILE
--format json`` and ``refcheck check FILE --fix --format json`` ``--runs`` times, each on
a fresh copy of the file (copied before the clock starts), and print the median wall and
CPU times and the ratio of the medians, fix over check.

``--fix`` with nothing to fix reads the files once more (to keep the bytes it would
compare before writing) and checks once; with fixes it applies them, checks the fixed
text again (patching or re-reading only the entries it changed, then running again only
the rules that read what changed: ``refcheck.fixes.recheck``) and writes the file.

Usage: python benchmarks/bench_fix.py [--runs 7] [--corpus DIR] [--only STEM ...]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "large"
_FIRST_FIELD = re.compile(r"^(@[A-Za-z]+\{[^,\n]+,\n)([ \t]+[A-Za-z]+[ \t]*=.*,\n)", re.M)


def plant_fixes(text: str) -> tuple[str, int]:
    """``text`` with every tenth entry's first field (on a line of its own) repeated."""
    count = 0

    def repeat(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match.group(0) + match.group(2) if count % 10 == 0 else match.group(0)

    planted = _FIRST_FIELD.sub(repeat, text)
    return planted, count // 10


def run_once(argv: list[str], original: Path, work: Path) -> tuple[float, float]:
    shutil.copyfile(original, work)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=work.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(original: Path, runs: int, scratch: Path) -> str:
    work = scratch / original.name
    check = [PYTHON, "-m", "refcheck", "check", work.name, "--format", "json"]
    fix = [*check, "--fix"]
    run_once(check, original, work)  # warm the page cache and the bytecode
    checks, fixes = [], []
    for _ in range(runs):  # alternated, so that a drift of the machine hits both
        checks.append(run_once(check, original, work))
        fixes.append(run_once(fix, original, work))
    wall_c, cpu_c = (statistics.median(t[i] for t in checks) for i in (0, 1))
    wall_f, cpu_f = (statistics.median(t[i] for t in fixes) for i in (0, 1))
    return (
        f"| {original.name} | {wall_c:.3f} s / {cpu_c:.3f} s | {wall_f:.3f} s / {cpu_f:.3f} s "
        f"| {wall_f / wall_c:.2f}x ({cpu_f / cpu_c:.2f}x) |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--only", nargs="*", help="file stems (default: the largest file)")
    args = parser.parse_args(argv)
    files = sorted(args.corpus.glob("*.bib"), key=lambda p: -p.stat().st_size)
    files = [f for f in files if f.stem in args.only] if args.only else files[:1]
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(HERE.parent / "src")], check=False)
    print("| file | check: wall / CPU | --fix: wall / CPU | --fix / check |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for original in files:
            print(compare(original, args.runs, scratch), flush=True)
            planted, count = plant_fixes(original.read_text(encoding="utf-8", errors="replace"))
            copy = scratch / "planted" / f"{original.stem}+{count}-fixes.bib"
            copy.parent.mkdir(exist_ok=True)
            copy.write_text(planted, encoding="utf-8")
            print(compare(copy, args.runs, scratch), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
