"""Whether two refcheck source trees report the same, byte for byte, on many inputs.

    python benchmarks/same_findings.py --base /path/to/main/src --tree src \\
        [--bib-dir ../shared/corpus] [--bib-dir /tmp/biber-bibs] [--project .]

For a speed change that must not change a finding: every ``.bib`` under each
``--bib-dir`` (default: the shared corpora) is checked with ``--format json --as-of
2025-06-01`` and with the default text report, and each ``--project`` folder (default:
this repository, the book) with ``--format json --as-of 2025-06-01``; exit code, stdout
and stderr of each tree are compared.  Each tree runs in one process of its own (one
``refcheck.cli.run`` call per input, caches kept across inputs, as a long Sphinx build
keeps them); prints the inputs that differ and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from shared import CORPUS_DIR  # noqa: E402

_WORKER = r"""
import contextlib, io, json, os, sys
from refcheck.cli import run
jobs = json.load(open(sys.argv[1]))
results = {}
for name, cwd, argv in jobs:
    out, err = io.StringIO(), io.StringIO()
    os.chdir(cwd)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(argv)
    results[name] = [code, out.getvalue(), err.getvalue()]
json.dump(results, open(sys.argv[2], "w"))
"""


def jobs_for(bib_dirs: list[Path], projects: list[Path]) -> list[tuple[str, str, list[str]]]:
    jobs: list[tuple[str, str, list[str]]] = []
    for folder in bib_dirs:
        for bib in sorted(folder.rglob("*.bib")):
            path = str(bib.resolve())
            jobs.append(
                (
                    f"json {path}",
                    str(ROOT),
                    ["check", "--format", "json", "--as-of", "2025-06-01", path],
                )
            )
            jobs.append((f"text {path}", str(ROOT), ["check", "--as-of", "2025-06-01", path]))
    for project in projects:
        where = str(project.resolve())
        jobs.append(
            (f"project {where}", where, ["check", "--format", "json", "--as-of", "2025-06-01"])
        )
    return jobs


def results_of(tree: Path, jobs: list[tuple[str, str, list[str]]]) -> dict[str, list[object]]:
    with tempfile.TemporaryDirectory() as scratch:
        jobs_file, out_file = Path(scratch, "jobs.json"), Path(scratch, "out.json")
        jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
        subprocess.run(
            [sys.executable, "-c", _WORKER, str(jobs_file), str(out_file)], env=env, check=True
        )
        results: dict[str, list[object]] = json.loads(out_file.read_text(encoding="utf-8"))
        return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the reference src folder")
    parser.add_argument("--tree", type=Path, required=True, help="the changed src folder")
    parser.add_argument("--bib-dir", type=Path, action="append", default=[])
    parser.add_argument("--project", type=Path, action="append", default=[])
    args = parser.parse_args()
    bib_dirs = args.bib_dir or [CORPUS_DIR]
    projects = args.project or [ROOT]
    jobs = jobs_for(bib_dirs, projects)
    base, tree = results_of(args.base, jobs), results_of(args.tree, jobs)
    differ = [name for name, _, _ in jobs if base[name] != tree[name]]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(jobs) - len(differ)} of {len(jobs)} inputs report the same")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
