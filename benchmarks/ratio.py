"""refcheck check against bibtexparser's parse, fresh processes taken in turn.

    python benchmarks/ratio.py FILE --bibtexparser-python /tmp/bp21/bin/python \\
        [--tree main=/path/to/main/src] [--tree new=src] [--runs 21] [--format json]

Each round runs every command once, in turn (tree 1, tree 2, ..., bibtexparser), so the
machine's drift under other jobs' load falls on all of them alike; each figure is the
median over the rounds, and each ratio the median of the rounds' own ratios.  CPU time is
the growth of the children's rusage (user + system), wall time ``perf_counter``, both
around one child.  A tree is a source folder put first on ``PYTHONPATH`` (the installed
refcheck otherwise), so a branch and ``main`` can be timed side by side with one
interpreter.  Bytecode is compiled for each tree first and ``PYTHONDONTWRITEBYTECODE`` is
removed from the children's environment: an installed package has its bytecode, and
without it every run would compile refcheck's sources again.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{argv[0]} ... exited {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--bibtexparser-python", required=True, help="a Python with it")
    parser.add_argument(
        "--tree", action="append", default=[], metavar="LABEL=SRC",
        help="a refcheck source folder to time (repeat to compare); default: installed",
    )  # fmt: skip
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--format", default="text", help="refcheck's --format")
    args = parser.parse_args()
    bib = str(args.file.resolve())
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    trees = [tuple(t.split("=", 1)) for t in args.tree] or [("refcheck", "")]
    commands: list[tuple[str, list[str], dict[str, str]]] = []
    for label, src in trees:
        tree_env = dict(env)
        if src:
            tree_env["PYTHONPATH"] = str(Path(src).resolve())
            subprocess.run([sys.executable, "-m", "compileall", "-q", src], env=env, check=False)
        argv = [sys.executable, "-m", "refcheck", "check", bib, "--format", args.format]
        commands.append((label, argv, tree_env))
    parse = f"import bibtexparser; bibtexparser.parse_file({bib!r})"
    commands.append(("bibtexparser", [args.bibtexparser_python, "-c", parse], env))
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in commands}
    with tempfile.TemporaryDirectory() as scratch:  # no pyproject.toml to pick up
        for _label, argv, tree_env in commands:  # one warm-up each, not counted
            run_once(argv, tree_env, scratch)
        for _ in range(args.runs):
            for label, argv, tree_env in commands:
                times[label].append(run_once(argv, tree_env, scratch))
    load = os.getloadavg()
    print(f"{args.runs} rounds, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    base = times["bibtexparser"]
    for label, runs in times.items():
        cpu = statistics.median(c for c, _ in runs)
        wall = statistics.median(w for _, w in runs)
        line = f"{label:14} CPU {cpu:.3f} s  wall {wall:.3f} s"
        if label != "bibtexparser":
            cpu_ratio = statistics.median(a[0] / b[0] for a, b in zip(runs, base, strict=True))
            wall_ratio = statistics.median(a[1] / b[1] for a, b in zip(runs, base, strict=True))
            line += f"  / bibtexparser: CPU {cpu_ratio:.3f}, wall {wall_ratio:.3f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
