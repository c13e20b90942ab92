"""Judge refcheck's citation findings on real projects against an independent scan.

For each project (a checkout under ROOT, named owner+repo, and the paths its build reads),
run ``refcheck check --format json`` and compare its C001/C002/C004 findings with a
scan written separately, on purpose crude and different: regular expressions over the
raw text of every file (code blocks included), no parser shared with refcheck.

- C001 ``key``: agreed when the scan finds the key cited and no .bib defines it (nor a
  ``:keyprefix:`` + key); otherwise listed for review.
- C002 ``key``: agreed when the key appears in no file but the .bib files; otherwise
  listed for review (a code sample, a comment, a filter may name it).
- The scan's own undefined keys that refcheck did not report are listed as possible
  misses.

Every listed case was then read by hand; benchmarks/README.md has the verdicts.

    python benchmarks/citation_audit.py ROOT [--refcheck-src SRC]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

# (checkout folder, paths to check, relative to it): what each project's build reads.
PROJECTS = {
    "mcmtroffaes+sphinxcontrib-bibtex": None,  # every test root on its own, see ROOTS_OF
    "ImperialCollegeLondon+virtual_ecosystem": ["docs/source", "virtual_ecosystem"],
    "mne-tools+mne-connectivity": ["doc", "mne_connectivity", "examples"],
    "buqeye+LearningFromData": ["LectureNotes"],
    "jupyter-book+mystmd": ["docs"],
    "executablebooks+jupyter-book": ["docs"],
    "scikit-learn-contrib+imbalanced-learn": ["doc", "imblearn", "examples"],
    "scientificcomputing+example-paper": ["docs"],
}
# Test roots whose autodoc'd modules live outside the root.
EXTRA = {"test-autodoc": ["../../some_module"], "test-autodoc_cython": ["../../some_cython_module"]}

_ENTRY = re.compile(r"@(?!string|comment|preamble)\w+\s*[{(]\s*([^,\s{}()]+)\s*,", re.I)
_ROLE = re.compile(r"(?:\{(?:foot)?cite(?::\w+)?\}|:(?:foot)?cite(?::\w+)?:)`([^`]*)`")
_PANDOC = re.compile(r"\[[^\]\n]*?@([\w:.#$%&+?<>~/-]*\w)")
_PREFIX = re.compile(r":keyprefix:\s*(\S+)")
_TEXT_SUFFIXES = {".md", ".rst", ".py", ".pyx", ".ipynb", ".txt", ".inc"}


def texts(folder: Path, paths: list[str]) -> dict[Path, str]:
    found = {}
    for path in paths:
        base = (folder / path).resolve()
        files = [base] if base.is_file() else [p for p in base.rglob("*") if p.is_file()]
        for file in files:
            if file.suffix.lower() in _TEXT_SUFFIXES | {".bib"}:
                found[file] = file.read_text(encoding="utf-8", errors="replace")
    return found


def independent_scan(files: dict[Path, str], mystmd: bool) -> tuple[set[str], set[str], set[str]]:
    defined = {m.group(1).lower() for p, t in files.items() if p.suffix == ".bib"
               for m in _ENTRY.finditer(t)}  # fmt: skip
    cited: set[str] = set()
    prefixes: set[str] = set()
    for path, text in files.items():
        if path.suffix == ".bib":
            continue
        if path.suffix == ".ipynb":
            text = text.replace('\\"', '"').replace("\\n", "\n")
        prefixes.update(m.group(1).lower() for m in _PREFIX.finditer(text))
        for match in _ROLE.finditer(text):
            for key in re.split(r"[,;]" if mystmd else ",", match.group(1)):
                key = re.sub(r"\{[^{}]*\}", "", key).strip()
                if key:
                    cited.add(key.lower())
        if mystmd:
            cited.update(m.group(1).lower() for m in _PANDOC.finditer(text))
    return defined, cited, prefixes


def refcheck(folder: Path, paths: list[str], src: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=src)
    run = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--format", "json", *paths],
        cwd=folder, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    try:
        return json.loads(run.stdout)
    except json.JSONDecodeError:
        return {"findings": [], "summary": {"files": 0, "entries": 0}, "error": run.stderr[-300:]}


def audit(folder: Path, paths: list[str], src: str) -> dict[str, object]:
    files = texts(folder, paths)
    mystmd = any((folder / p).joinpath("myst.yml").is_file() for p in paths)
    defined, cited, prefixes = independent_scan(files, mystmd)
    result = refcheck(folder, paths, src)
    findings = result["findings"]  # type: ignore[index]
    counts = Counter(f["code"] for f in findings)
    review = []
    reported_undefined = set()
    others = {p: t for p, t in files.items() if p.suffix != ".bib"}
    for f in findings:
        key = (f.get("key") or "").lower()
        if f["code"] == "C001":
            reported_undefined.add(key)
            prefixed = any(key.startswith(p) and key[len(p) :] in defined for p in prefixes)
            if key in defined or prefixed or key not in cited:
                review.append(f"C001 {f['path']}:{f['line']} {key}")
        elif f["code"] == "C002":
            pattern = re.compile(rf"(?<![\w:-]){re.escape(key)}(?![\w:-])", re.I)
            if any(pattern.search(t) for t in others.values()):
                review.append(f"C002 {f['path']}:{f['line']} {key}")
    missed = sorted(
        k
        for k in cited - defined - reported_undefined
        if not any(k.startswith(p) and k[len(p) :] in defined for p in prefixes)
    )
    summary = result["summary"]  # type: ignore[index]
    return {
        "files": summary["files"],
        "entries": summary["entries"],
        "not_read": len(summary.get("not_read", [])),
        "findings": dict(sorted(counts.items())),
        "review": review,
        "possibly_missed": missed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--refcheck-src", default=str(Path(__file__).parents[1] / "src"))
    args = parser.parse_args()
    report = {}
    for name, paths in PROJECTS.items():
        folder = args.root / name
        if not folder.is_dir():
            continue
        if paths is None:
            for root in sorted((folder / "test" / "roots").glob("test-*")):
                report[f"{name}/{root.name}"] = audit(
                    root, [".", *EXTRA.get(root.name, [])], args.refcheck_src
                )
        else:
            report[name] = audit(folder, paths, args.refcheck_src)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
