"""Benchmark refcheck against its peers on the real corpora, as fresh processes.

For every file in the corpus folder (default ``../shared/corpus/large``) and a corpus
scaled from those files to about 60,000 entries, run each tool ``--runs`` times as
a fresh process and print the median wall time, the median peak RSS and the ratio
to refcheck:

- refcheck:      ``refcheck check FILE --format json`` (parse + every rule)
- refcheck-parse: the parser alone (``refcheck.bib.parse_file``)
- pybtex:        ``pybtex.database.parse_file``
- bibtexparser:  ``bibtexparser.parse_file`` (v2)
- bibtex-tidy:   ``bibtex-tidy --duplicates`` (from ``benchmarks/node_modules``;
                 install with ``npm ci --prefix benchmarks``), skipped if missing
- biber:         ``biber --tool --validate-datamodel``, skipped if not installed

Then it checks that near-duplicate detection scales linearly: the near-duplicate
rule alone, through the rule API, on the scaled corpus at N and 2N entries.

Usage: python benchmarks/bench.py [--runs 3] [--corpus DIR] [--skip-scaled] [--skip-near]
       [--tools a,b] [--only FILE-STEMS] [--other-bibtexparser PYTHON]
"""

from __future__ import annotations

import argparse
import functools
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "large"
PYTHON = sys.executable
TIDY = HERE / "node_modules" / ".bin" / "bibtex-tidy"
SCALED_ENTRIES = 60_000
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


@dataclass
class Tool:
    name: str
    command: Callable[[Path, Path], list[str]]  # (bib file, scratch dir) -> argv
    missing: str | None = None  # why it is skipped
    # Exit statuses that mean "ran to the end": a linter exits 1 when it reports findings,
    # a Python peer exits 1 on an exception (pybtex refuses a repeated key, for one).
    ok_statuses: tuple[int, ...] = (0,)


@dataclass
class Timing:
    seconds: float  # wall clock
    cpu: float  # user + system: steadier than wall time on a busy machine
    peak_kib: int
    ok: bool


def python_snippet(code: str) -> Callable[[Path, Path], list[str]]:
    return lambda bib, _scratch: [PYTHON, "-c", code, str(bib)]


def refcheck_command(bib: Path, _scratch: Path) -> list[str]:
    return [PYTHON, "-m", "refcheck", "check", str(bib), "--format", "json"]


PARSE_ONLY = "import sys; from refcheck.bib import parse_file; parse_file(sys.argv[1])"
PYBTEX = "import sys; from pybtex.database import parse_file; parse_file(sys.argv[1])"
BIBTEXPARSER = "import sys, bibtexparser; bibtexparser.parse_file(sys.argv[1])"


def tidy_command(bib: Path, scratch: Path) -> list[str]:
    # --duplicates takes an optional value, so it goes last; --output keeps bibtex-tidy (v1)
    # from rewriting the input file in place.
    return [str(TIDY), str(bib), f"--output={scratch / 'tidy.bib'}", "--duplicates"]


def biber_command(bib: Path, scratch: Path) -> list[str]:
    return ["biber", "--tool", "--validate-datamodel", "--output-directory", str(scratch), str(bib)]


def compile_refcheck() -> None:
    """Write refcheck's bytecode, as installing a package does.

    The peers come from wheels whose bytecode pip compiled; refcheck is installed
    editable, and with PYTHONDONTWRITEBYTECODE set (as here) every fresh process would
    otherwise compile its sources again (about 30 ms per run on the 2-core VM).
    """
    probe = subprocess.run(
        [PYTHON, "-c", "import refcheck, os; print(os.path.dirname(refcheck.__file__))"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode == 0:
        subprocess.run([PYTHON, "-m", "compileall", "-q", probe.stdout.strip()], check=False)


def other_bibtexparser(python: str) -> Tool:
    """bibtexparser from another interpreter (a venv with another release)."""
    probe = subprocess.run(
        [python, "-c", "import bibtexparser; print(bibtexparser.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    version = probe.stdout.strip() if probe.returncode == 0 else "?"
    return Tool(
        f"bibtexparser {version}",
        lambda bib, _s: [python, "-c", BIBTEXPARSER, str(bib)],
        None if probe.returncode == 0 else f"no bibtexparser in {python}",
    )


def tools(selected: set[str] | None, other_bibtexparser_python: str | None) -> list[Tool]:
    found = [
        Tool("refcheck", refcheck_command, ok_statuses=(0, 1)),
        Tool("refcheck-parse", python_snippet(PARSE_ONLY)),
        Tool("pybtex", python_snippet(PYBTEX)),
        Tool("bibtexparser", python_snippet(BIBTEXPARSER)),
        Tool(
            "bibtex-tidy",
            tidy_command,
            None if TIDY.exists() else "not installed (npm ci --prefix benchmarks)",
        ),
        Tool("biber", biber_command, None if shutil.which("biber") else "not installed"),
    ]
    if other_bibtexparser_python:
        found.insert(4, other_bibtexparser(other_bibtexparser_python))
    return [
        t for t in found if selected is None or t.name.split()[0] in selected or t.name in selected
    ]


def run_once(argv: list[str], cwd: Path, ok_statuses: tuple[int, ...]) -> Timing:
    """Wall time, CPU time and peak RSS of one fresh process.

    Times are measured here, to the microsecond (GNU time prints hundredths, which
    moved a ratio of 0.21 s against 0.45 s by 5%): wall with perf_counter, CPU as the
    growth of the children's rusage. GNU time measures the peak RSS: a child forked
    straight from this (large) process would inherit our own high-water mark in its
    rusage. Its own start (about a millisecond) is inside every tool's wall time.
    """
    report = cwd / "time.txt"
    wrapper = [GNU_TIME, "-f", "%M %x", "-o", str(report)] if GNU_TIME else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.run(
        wrapper + argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_kib, status = 0, process.returncode
    if GNU_TIME:
        # "Command exited with non-zero status N" precedes the figures on failure.
        peak, code = report.read_text().split()[-2:]
        peak_kib, status = int(peak), int(code)
    return Timing(seconds, cpu, peak_kib, status in ok_statuses)


def measure(tool: Tool, bib: Path, runs: int, scratch: Path) -> Timing:
    argv = tool.command(bib, scratch)
    timings = [run_once(argv, scratch, tool.ok_statuses) for _ in range(runs)]
    return Timing(
        statistics.median(t.seconds for t in timings),
        statistics.median(t.cpu for t in timings),
        int(statistics.median(t.peak_kib for t in timings)),
        all(t.ok for t in timings),
    )


# -- the scaled corpus --------------------------------------------------------------------

_ENTRY_KEY = re.compile(
    r"^([ \t]*@(?!string|preamble|comment)[A-Za-z]+[ \t]*[{(][ \t]*)([^,\s]+)", re.I | re.M
)
# A wordy field's value with its continuation lines (those that start no field and do not
# close the entry), so that a title wrapped over three lines is rotated whole.
_WORDY_FIELD = re.compile(
    r"^([ \t]*(?:title|author|editor|booktitle|journal)[ \t]*=[ \t]*[{\"])"
    r"(.*(?:\n(?![ \t]*(?:[A-Za-z][\w-]*[ \t]*=|[}@])).*)*)",
    re.I | re.M,
)
_ID_FIELD = re.compile(r"^([ \t]*(?:doi|url|isbn|issn)[ \t]*=[ \t]*[{\"])", re.I | re.M)
_WORD = re.compile(r"[A-Za-z\u0410-\u044f]{3,}")
_NAME_JOINERS = {"and", "others"}


def _rotation(copy: int) -> dict[int, int]:
    """Rotate Latin and Cyrillic letters by ``copy`` places (case kept)."""
    table: dict[int, int] = {}
    for alphabet in ("abcdefghijklmnopqrstuvwxyz", "".join(map(chr, range(0x430, 0x450)))):
        shift = copy % (len(alphabet) - 1) + 1
        shifted = alphabet[shift:] + alphabet[:shift]
        table.update(str.maketrans(alphabet + alphabet.upper(), shifted + shifted.upper()))
    return table


def relabel(text: str, copy: int, file_index: int) -> str:
    """A copy of a bibliography that is a different bibliography.

    Keys get a suffix unique to the file and copy (the corpus files share some keys);
    from the second copy on, the letters of the words of titles, names and journals
    are rotated (and identifiers prefixed) by the copy number, so copies do not
    duplicate each other while each keeps its file's structure and near-duplicates.
    """
    text = _ENTRY_KEY.sub(lambda m: f"{m.group(1)}{m.group(2)}-{file_index}.{copy}", text)
    if copy == 0:
        return text
    table = _rotation(copy)

    def rotate(word: re.Match[str]) -> str:
        w = word.group()
        return w if w in _NAME_JOINERS else w.translate(table)

    text = _WORDY_FIELD.sub(lambda m: m.group(1) + _WORD.sub(rotate, m.group(2)), text)
    return _ID_FIELD.sub(lambda m: f"{m.group(1)}c{copy}/", text)


@functools.cache
def corpus_files(corpus: Path) -> tuple[tuple[str, int], ...]:
    """Each corpus file's text and number of entries, read and parsed once per run."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from refcheck.bib import parse_text

    texts = [
        (p, p.read_text(encoding="utf-8", errors="replace")) for p in sorted(corpus.glob("*.bib"))
    ]
    return tuple((text, len(parse_text(text, str(p)).entries)) for p, text in texts)


def build_scaled(corpus: Path, entries: int, out: Path) -> int:
    """Concatenate relabelled copies of the corpus files until ``entries`` are reached."""
    files = corpus_files(corpus)
    if sum(count for _, count in files) == 0:
        # Without entries the loop below would never reach its target.
        raise SystemExit(f"{corpus}: no .bib entries to scale (is ../shared/corpus/ there?)")
    total, copy = 0, 0
    with out.open("w", encoding="utf-8") as handle:
        while total < entries:
            for index, (text, count) in enumerate(files):
                if total >= entries:
                    break
                handle.write(relabel(text, copy, index))
                handle.write("\n")
                total += count
            copy += 1
    return total


# -- near-duplicate scaling -----------------------------------------------------------------

# The rule alone, run by the engine as every caller runs rules (the CLI, the Sphinx
# extension): check_project pauses the cyclic collector, whose full passes over the
# parsed entries would otherwise grow with the heap and blur the rule's own growth.
NEAR_DUPLICATE_TIMER = """
import sys, time
from refcheck.bib import parse_file
from refcheck.engine import check_project
from refcheck.rules import Project, all_rules
rule = {r.name: r for r in all_rules()}["near-duplicate"]
bib = parse_file(sys.argv[1])
project = Project(bibfiles=[bib])
start = time.process_time()
findings = len(check_project(project, rules=[rule]).findings)
print(time.process_time() - start, len(bib.entries), findings)
"""


def near_duplicate_scaling(corpus: Path, scratch: Path, runs: int, n: int) -> None:
    print(f"\n## Near-duplicate rule alone at N and 2N entries (CPU time, median of {runs})\n")
    rows = []
    for size in (n, 2 * n):
        path = scratch / f"scaled-{size}.bib"
        build_scaled(corpus, size, path)
        results = []
        for _ in range(runs):
            out = subprocess.run(
                [PYTHON, "-c", NEAR_DUPLICATE_TIMER, str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                print(f"near-duplicate rule failed: {out.stderr.strip().splitlines()[-1:]}")
                return
            took, entries, findings = out.stdout.split()
            results.append((float(took), int(entries), int(findings)))
        rows.append((results[0][1], statistics.median(r[0] for r in results), results[0][2]))
    print("| entries | near-duplicate rule | findings |")
    print("|---:|---:|---:|")
    for count, seconds, found in rows:
        print(f"| {count:,} | {seconds:.2f} s | {found} |")
    time_ratio = rows[1][1] / rows[0][1] if rows[0][1] else float("nan")
    size_ratio = rows[1][0] / rows[0][0]
    # Linear means the time per entry stays about the same; n log n would add ~7% here.
    per_entry = time_ratio / size_ratio
    verdict = "linear" if per_entry <= 1.3 else "WORSE THAN LINEAR"
    print(
        f"\ntime ratio {time_ratio:.2f} for {size_ratio:.2f}x the entries "
        f"(time per entry x{per_entry:.2f}): {verdict}"
    )


# -- report ---------------------------------------------------------------------------------


def fmt(timing: Timing | None) -> str:
    if timing is None:
        return "–"
    mark = "" if timing.ok else " (failed)"
    return f"{timing.seconds:.2f} s / {timing.cpu:.2f} s / {timing.peak_kib / 1024:.0f} MB{mark}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--tools", help="comma-separated subset of tools")
    parser.add_argument("--skip-scaled", action="store_true", help="no 60,000-entry corpus")
    parser.add_argument("--near-n", type=int, default=30_000, help="N for the scaling check")
    parser.add_argument(
        "--other-bibtexparser",
        metavar="PYTHON",
        help="also time bibtexparser from this interpreter (a venv with another release)",
    )
    parser.add_argument(
        "--only", metavar="NAMES", help="comma-separated file stems to time (default: all)"
    )
    parser.add_argument("--skip-near", action="store_true", help="no near-duplicate scaling")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    selected = set(args.tools.split(",")) if args.tools else None
    compile_refcheck()
    chosen = tools(selected, args.other_bibtexparser)
    for tool in chosen:
        if tool.missing:
            print(f"skipping {tool.name}: {tool.missing}")
    active = [t for t in chosen if not t.missing]
    with tempfile.TemporaryDirectory(prefix="refcheck-bench-") as tmp:
        scratch = Path(tmp)
        files = sorted(args.corpus.glob("*.bib"), key=lambda p: -p.stat().st_size)
        if args.only:
            files = [p for p in files if p.stem in args.only.split(",")]
        if not args.skip_scaled:
            scaled = scratch / "scaled.bib"
            count = build_scaled(args.corpus, SCALED_ENTRIES, scaled)
            print(f"scaled corpus: {count:,} entries, {scaled.stat().st_size / 1e6:.1f} MB")
            files.append(scaled)
        print(
            f"\n## Wall / CPU (user+sys) time / peak RSS, median of {args.runs} fresh processes\n"
        )
        print("| file (MB) | " + " | ".join(t.name for t in active) + " | ratios |")
        print("|---|" + "---:|" * len(active) + "---|")
        for bib in files:
            row = {t.name: measure(t, bib, args.runs, scratch) for t in active}
            base = row.get("refcheck")
            # How many times longer the peer takes than refcheck (wall; CPU in brackets).
            ratios = ", ".join(
                f"{name} {timing.seconds / base.seconds:.2f}x ({timing.cpu / base.cpu:.2f}x)"
                for name, timing in row.items()
                if base and name not in ("refcheck", "refcheck-parse") and timing.ok
            )
            cells = " | ".join(fmt(row.get(t.name)) for t in active)
            print(
                f"| {bib.stem} ({bib.stat().st_size / 1e6:.2f}) | {cells} | {ratios} |", flush=True
            )
        if not args.skip_scaled and not args.skip_near:
            near_duplicate_scaling(args.corpus, scratch, args.runs, args.near_n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
