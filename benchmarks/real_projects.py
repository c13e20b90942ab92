"""refcheck on real public projects: every finding judged against an independent scan.

For each project below (pinned to a commit) this checks the project out, runs
``refcheck check`` in it with no arguments -- so that refcheck finds the project as a new
user's run would -- and judges every finding:

- C001 (undefined citation) is true when the independent scan of the bib files the build
  reads finds no entry with that key (case-insensitively) and the cited line holds the key;
- C002 (unused entry) is true when the independent scan of *every* document the build reads
  (notebooks, gallery scripts and docstrings included, whether refcheck reads them or not)
  finds no citation of the key, no bibliography directive lists it, and no bibliography
  shows uncited entries (``:all:``, ``:notcited:``) or selects by ``:filter:`` (whose result
  the scan does not evaluate: such findings count as false, the worst case);
- U001 (duplicate key) is true when the scan finds the key twice;
- every other finding is looked up in ``real-projects-judgements.toml``, where each was
  judged by reading the source; one that is not there is counted as unjudged.  A verdict
  written there also overrides the scan's (for filters the scan does not evaluate).

The independent scan shares no code with refcheck: a few regular expressions over the raw
text (and the cells of notebooks), written for this script.

Usage (from the repository's top; git needed)::

    python benchmarks/real_projects.py                  # clones from GitHub into /tmp
    python benchmarks/real_projects.py --mirrors DIR    # clones DIR/<owner>+<name>/repo instead
    python benchmarks/real_projects.py --write          # also rewrites real-projects.md's table
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
AS_OF = "2026-12-04"  # the day the table was made: "future" dates are in the future then
DOC = HERE / "real-projects.md"
JUDGEMENTS = HERE / "real-projects-judgements.toml"
TABLE_START, TABLE_END = "<!-- table: start -->", "<!-- table: end -->"


@dataclass(frozen=True)
class Project:
    slug: str
    repo: str
    commit: str
    kind: str
    folders: tuple[str, ...] = (".",)  # where to run; a trailing /* runs in each subfolder


PROJECTS = (
    Project(
        "sphinxcontrib-bibtex",
        "mcmtroffaes/sphinxcontrib-bibtex",
        "ba6989da73a3e1bcbeba83b6c164addc487ecd21",
        "its 74 test roots (Sphinx, reST)",
        ("test/roots/*",),
    ),
    Project(
        "lecture-python-intro",
        "QuantEcon/lecture-python-intro",
        "b9316aa5722b9d11f8a48e3e55e881426bee2b19",
        "Jupyter Book, MyST-NB text notebooks, large shared bib",
    ),
    Project(
        "jupyter-book-v1",
        "jupyter-book/jupyter-book",
        "b2f08c6c1af39674cb8672c4312d7fc14bf3feca",
        "Jupyter Book 1 (its docs, tag v1.0.4), .md + .ipynb + .Rmd",
        ("docs",),
    ),
    Project(
        "how-to-eurec4a",
        "eurec4a/how_to_eurec4a",
        "8672782934865b0c8bcadcadd2354892d260eeef",
        "Jupyter Book, 48 MyST-NB notebooks in Markdown",
    ),
    Project(
        "example-paper",
        "scientificcomputing/example-paper",
        "30190e4f20d1bfd30e1500d64fc84e5575fea053",
        "Jupyter Book, a Jupytext percent-format .py in the toc",
    ),
    Project(
        "typescript-jupyter-book-template",
        "jeanlescure/typescript-jupyter-book-template",
        "994e099ef1a42e0c8fde0312b9d978c0aa2aff73",
        "Jupyter Book, citations in .ipynb notebooks",
    ),
    Project(
        "mne-connectivity",
        "mne-tools/mne-connectivity",
        "f3747c368c7facbc4c31a5629abd333529fd60c4",
        "Sphinx, reST, sphinx-gallery, autodoc",
    ),
    Project(
        "nilearn",
        "nilearn/nilearn",
        "59fffa24b81712132c78549c242f68d0f3db8a67",
        "Sphinx, reST + MyST, sphinx-gallery, autodoc, two bibs",
    ),
    Project(
        "scico",
        "lanl/scico",
        "b082d7b5ee37b5d3dcbb3a7136f4c8628042b8ea",
        "Sphinx, reST, nbsphinx; conf.py sets its settings at run time",
    ),
    Project(
        "kernreg",
        "segsell/kernreg",
        "2a8c4e73a42994fa6331ca49de8bc3d11a9f7a74",
        "Sphinx, reST, small",
    ),
    Project(
        "computational-review-template",
        "AllenNeuralDynamics/ComputationalReviewTemplate",
        "2ecd112d1c9a33ab37560548e53379a1b24c9466",
        "MyST-MD (myst.yml with extends)",
    ),
    Project(
        "pythia-foundations",
        "ProjectPythia/pythia-foundations",
        "bebc0439cb257a529c63727bd84e06d91eee0a95",
        "MyST-MD (Jupyter Book 2) with .ipynb notebooks, remote extends",
    ),
    Project(
        "mystmd-docs",
        "jupyter-book/mystmd",
        "1ad857c61d787bfcfa02da2af88cff7a93c214e6",
        "MyST-MD (mystmd's own docs), [@key] citations",
        ("docs",),
    ),
    # Added by the truth branch, after the fixes above: projects none of them was tuned on.
    Project(
        "virtual-ecosystem",
        "ImperialCollegeLondon/virtual_ecosystem",
        "a7efd830caa863c3dbab02848ee59bd60c4ce76f",
        "Sphinx, MyST-NB Jupytext notebooks, autodoc, eval-rst bibliography",
    ),
    Project(
        "LearningFromData",
        "buqeye/LearningFromData",
        "0c937dc7c49c2236c956b81f72f90bc02bfefddb",
        "Jupyter Book, 100 .ipynb lecture notebooks",
    ),
    Project(
        "imbalanced-learn",
        "scikit-learn-contrib/imbalanced-learn",
        "8504e95f0160f61d1b617ca66f779646d2ee609e",
        "Sphinx, reST, sphinx-gallery, numpydoc docstrings",
    ),
    Project(
        "sphinx-book-theme",
        "executablebooks/sphinx-book-theme",
        "055af058303995447ee3ada036e9c88d701f51e5",
        "Sphinx, MyST, a theme's docs with a citation page",
    ),
)


# -- getting the projects ----------------------------------------------------------------


def checkout(project: Project, work: Path, mirrors: Path | None) -> tuple[Path, str]:
    """The project at its commit (the newest commit of the source when none is pinned)."""
    target = work / project.slug
    if not target.exists():
        source = f"https://github.com/{project.repo}.git"
        if mirrors is not None:
            mirror = mirrors / project.repo.replace("/", "+") / "repo"
            if mirror.exists():
                source = str(mirror)
        subprocess.run(["git", "clone", "-q", "--no-checkout", source, str(target)], check=True)
    # A snapshot may lack a large binary (git then refuses the whole checkout): move HEAD
    # and restore what is there.
    for args in (
        ["checkout", "-q", "-f", project.commit],
        ["reset", "-q", "--soft", project.commit],
        ["restore", f"--source={project.commit}", ":/"],
    ):
        subprocess.run(["git", "-C", str(target), *args], check=False, capture_output=True)
    return target, _git(target, "rev-parse", "HEAD")


def _git(folder: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True)
    if check and done.returncode:
        raise SystemExit(f"git {' '.join(args)} in {folder}: {done.stderr.strip()}")
    return done.stdout.strip() if done.returncode == 0 else ""


def run_folders(root: Path, project: Project) -> list[Path]:
    folders = []
    for pattern in project.folders:
        if pattern.endswith("/*"):
            folders += sorted(p for p in (root / pattern[:-2]).iterdir() if p.is_dir())
        else:
            folders.append(root / pattern)
    return folders


def refcheck(folder: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode == 2 and "nothing to check" not in done.stderr:
        raise SystemExit(f"refcheck failed in {folder}: {done.stderr}")
    return done.stdout


# -- the independent scan --------------------------------------------------------------------

BIB_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.M)
# {cite}`k`, {cite:p}`a,b`, :cite:`k`, :cite:t:`k`, {footcite}`k`, :footcite:p:`k`
CITE_ROLE = re.compile(r"[{:](?:foot)?cite(?::[a-z]{1,6})?[}:]`([^`\n]{1,2000})`")
# MyST-MD / pandoc: [@key], [see @a; @b], @key (after a space or an opening bracket)
AT_KEY = re.compile(r"(?:^|[\s\[;(])-?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]{0,200})", re.M)
RST_BIBLIOGRAPHY = ".. bibliography::"
MYST_BIBLIOGRAPHY = re.compile(
    r"^(`{3,}|:{3,})\{bibliography\}[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S
)
DOI = re.compile(r"10\.\d{4,9}/")
DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s\]\)>;,\"']{1,300}")
BIB_DOI = re.compile(r"\bdoi[ \t]*=[ \t]*[{\"]([^}\"\n]{1,300})", re.I)
# Filters that can only show cited entries: "cited and ...", "docname in docnames" (an
# entry has a docname only where it is cited), "docname == ..." and "docname in {...}";
# "False" shows only the keys listed in the directive's body.
CITED_ONLY = re.compile(
    r"[ \t]*(?:cited[ \t]+and[ \t]|cited[ \t]*$|False[ \t]*$|docname[ \t]+(?:in|==)[ \t])"
)
FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.M | re.S)


@dataclass
class Scan:
    bib_keys: Counter[str] = field(default_factory=Counter)
    cited: set[str] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)  # keys in a bibliography directive's body
    shows_uncited: bool = False  # :all: or :notcited:
    filters: bool = False
    at_keys: bool = False  # MyST-MD's @key syntax counts
    entry_dois: dict[str, str] = field(default_factory=dict)  # key -> doi field
    # (bib file, first line) -> the entry's text, for judging findings about one entry
    entries: dict[tuple[str, int], str] = field(default_factory=dict)
    bib_lines: dict[str, list[str]] = field(default_factory=dict)  # bib file -> its lines
    cited_dois: set[str] = field(default_factory=set)  # DOIs named in MyST-MD prose


def document_text(path: Path) -> str:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix != ".ipynb":
        return raw
    try:
        cells = json.loads(raw).get("cells", [])
    except (json.JSONDecodeError, AttributeError):
        return raw
    parts = []
    for cell in cells:
        if cell.get("cell_type") in ("markdown", "raw"):
            source = cell.get("source", "")
            parts.append(source if isinstance(source, str) else "".join(source))
    return "\n".join(parts)


def role_keys(body: str) -> set[str]:
    """The keys of one role's body: comma- or semicolon-separated, without MyST's
    ``{pre}``/``{post}`` texts or natbib's ``[pre][post]``."""
    keys = set()
    for part in re.split(r"[,;]", body):
        key = re.sub(r"\{[^{}]*\}", "", part).strip().split(" ")[0]
        if key:
            keys.add(key.lower())
    return keys


def rst_bibliography_bodies(text: str) -> list[str]:
    """The options and content of each reST bibliography directive: the lines after it that
    are blank or indented deeper than the directive."""
    bodies = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped.startswith(RST_BIBLIOGRAPHY):
            continue
        indent = len(line) - len(stripped)
        body = []
        for following in lines[index + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following)
        bodies.append("\n".join(body))
    return bodies


def scan(bibs: list[Path], docs: list[Path], at_keys: bool) -> Scan:
    result = Scan(at_keys=at_keys)
    for bib in bibs:
        text = bib.read_bytes().decode("utf-8", errors="replace")
        result.bib_lines[str(bib.resolve())] = text.splitlines()
        matches = list(BIB_ENTRY.finditer(text))
        for index, match in enumerate(matches):
            kind, key = match.groups()
            if kind.lower() in ("string", "comment", "preamble"):
                continue
            result.bib_keys[key.lower()] += 1
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            first = text.count("\n", 0, match.start()) + 1
            result.entries[(str(bib.resolve()), first)] = text[match.start() : end]
            doi = BIB_DOI.search(text, match.end(), end)
            if doi:
                result.entry_dois[key.lower()] = doi.group(1).lower()
    for doc in docs:
        text = document_text(doc)
        for body in CITE_ROLE.findall(text):
            result.cited |= role_keys(body)
        if at_keys and doc.suffix in (".md", ".ipynb"):
            prose = FENCE.sub("", text)
            result.cited |= {k.rstrip(".:").lower() for k in AT_KEY.findall(prose)}
            # MyST-MD cites the entry whose doi a DOI citation or link names.
            result.cited_dois |= {d.rstrip(".").lower() for d in DOI_IN_TEXT.findall(prose)}
        bodies = rst_bibliography_bodies(text)
        bodies += [m.group(2) for m in MYST_BIBLIOGRAPHY.finditer(text)]
        for body in bodies:
            for line in body.splitlines():
                line = line.strip()
                shows_all = line in (":all:", ":notcited:")
                if shows_all or (line.startswith(":filter:") and "notcited" in line):
                    result.shows_uncited = True
                elif line.startswith(":filter:") and not CITED_ONLY.match(line[8:]):
                    result.filters = True  # one that may show an entry nothing cites
                elif line and not line.startswith(":"):
                    result.listed.add(line.lower())
    return result


TEXT_SUFFIXES = (".md", ".rst", ".txt", ".ipynb", ".py", ".Rmd", ".myst", ".tex")
SKIP_DIRS = {"_build", "node_modules", ".git", "__pycache__", ".venv", "build", "dist"}


def text_files(top: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")]
        found += [Path(dirpath) / n for n in filenames if n.endswith(TEXT_SUFFIXES)]
    return found


def keys_on_line(folder: Path, finding: dict[str, object]) -> set[str] | None:
    """The keys the independent reading finds cited on the finding's line (None when the
    finding's path is not a file, as a notebook cell's label)."""
    path = folder / str(finding["path"])
    if not path.is_file():
        return None
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    line = int(str(finding["line"]))
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    keys = {k for body in CITE_ROLE.findall(text) for k in role_keys(body)}
    keys |= {k.rstrip(".:").lower() for k in AT_KEY.findall(text)}
    return keys


def judge(
    finding: dict[str, object], found: Scan, folder: Path, verdicts: dict[str, bool]
) -> bool | None:
    code, key = finding["code"], str(finding.get("key") or "")
    by_hand = verdicts.get(f"{finding['code']} {finding['path']}:{finding['line']}")
    if by_hand is not None:
        return by_hand  # read and judged: real-projects-judgements.toml says why
    if code == "C001":
        if found.at_keys and DOI.search(key):  # "10.1038/nn.4268", "https://doi.org/10..."
            return False  # MyST-MD resolves a DOI as a citation by itself
        cited_there = keys_on_line(folder, finding)
        if cited_there is not None and key.lower() not in cited_there:
            return False  # the independent reading finds no such key at that place
        return key.lower() not in found.bib_keys
    if code == "C002":
        lowered = key.lower()
        if lowered in found.cited or lowered in found.listed or found.shows_uncited:
            return False
        if found.entry_dois.get(lowered) in found.cited_dois:
            return False
        return not found.filters
    if code == "U001":
        return found.bib_keys[key.lower()] >= 2
    return judge_bib_value(finding, found, folder)


EMPTY_VALUE = re.compile(
    r"^[ \t,]*[A-Za-z_-]+[ \t]*=[ \t]*(?:\{[ \t]*\}|\"[ \t]*\")[ \t]*,?[ \t]*$"
)
FIELD_VALUE = r"^[ \t,]*{name}[ \t]*=[ \t]*[{{\"]?([^}}\"\n]*)"
HAS_NO = re.compile(r"has no ([a-z]+)(?: \(or ([a-z]+)\))?")
# A field a data-model message names, and the other names it is written under.
ALIASES = {
    "date": ("date", "year"),
    "journaltitle": ("journaltitle", "journal"),
    "location": ("location", "address"),
    "institution": ("institution", "school"),
}
ISBN_CHARS = re.compile(r"^[0-9Xx -]+$")


def judge_bib_value(finding: dict[str, object], found: Scan, folder: Path) -> bool | None:
    """Findings about one field or entry of a bib file, judged from the raw text: an empty
    value (V005, V002's empty month), a missing required field (M003), a DOI that is not a
    bare DOI name (I001), an ISBN with other characters (I002). None: not judged here."""
    code = finding["code"]
    path = str((folder / str(finding["path"])).resolve())
    lines = found.bib_lines.get(path)
    if lines is None:
        return None
    line = int(str(finding["line"]))
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    message = str(finding["message"])
    if code == "V005" or (code == "V002" and message.startswith("empty month")):
        return bool(EMPTY_VALUE.match(text))
    if code == "M003":
        entry = found.entries.get((path, line))
        missing = HAS_NO.search(message)
        if entry is None or missing is None:
            return None
        names = ALIASES.get(missing.group(1), (missing.group(1),))
        if missing.group(2):
            names += ALIASES.get(missing.group(2), (missing.group(2),))
        return not any(re.search(FIELD_VALUE.format(name=n), entry, re.M | re.I) for n in names)
    if code in ("I001", "I002"):
        name = "doi" if code == "I001" else "isbn"
        value = re.search(FIELD_VALUE.format(name=name), text, re.I)
        if value is None:
            return None
        raw = value.group(1).strip()
        if code == "I001":
            return not re.fullmatch(r"10\.\d{4,9}/\S+", raw)
        return not isbn_valid(raw)
    return None


def isbn_valid(raw: str) -> bool:
    """One ISBN-10 or ISBN-13 with a right check digit."""
    if not ISBN_CHARS.match(raw):
        return False
    digits = raw.replace("-", "").replace(" ", "").upper()
    if len(digits) == 10 and digits[:9].isdigit():
        total = sum((10 - i) * int(d) for i, d in enumerate(digits[:9]))
        check = (11 - total % 11) % 11
        return digits[9] == ("X" if check == 10 else str(check))
    if len(digits) == 13 and digits.isdigit():
        total = sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(digits[:12]))
        return int(digits[12]) == (10 - total % 10) % 10
    return False


# -- the table --------------------------------------------------------------------------------


@dataclass
class Tally:
    files_read: int = 0
    files_unread: int = 0
    bibs: int = 0
    entries: int = 0
    per_rule: Counter[str] = field(default_factory=Counter)
    true: Counter[str] = field(default_factory=Counter)
    false: Counter[str] = field(default_factory=Counter)
    unjudged: Counter[str] = field(default_factory=Counter)
    false_examples: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the refcheck runs (discovery included)


def evaluate(project: Project, root: Path, verdicts: dict[str, dict[str, bool]]) -> Tally:
    tally = Tally()
    for folder in run_folders(root, project):
        shown = refcheck(folder, "--show-files").splitlines()
        bibs = [folder / line[5:] for line in shown if line.startswith("bib  ")]
        docs = [
            folder / line[5:].split("  (not read")[0] for line in shown if line.startswith("doc  ")
        ]
        tally.bibs += len(bibs)
        tally.files_unread += sum("(not read" in line for line in shown)
        started = time.perf_counter()
        output = refcheck(folder, "--format", "json", "--fail-on", "never", "--as-of", AS_OF)
        tally.seconds += time.perf_counter() - started
        if not output:
            continue
        report = json.loads(output)
        tally.files_read += report["summary"]["files"]
        tally.entries += report["summary"]["entries"]
        myst_md = (folder / "myst.yml").is_file()
        # Citations are looked for in every text file of the repository (of the test root,
        # for the test roots), not only in those discovery names: a file discovery missed
        # must not make a finding look true.
        scope = folder if any(f.endswith("/*") for f in project.folders) else root
        found = scan(bibs, sorted({*docs, *text_files(scope)}), at_keys=myst_md)
        where = folder.relative_to(root).as_posix()
        mine = verdicts.get(f"{project.slug}/{where}", {})
        for finding in report["findings"]:
            code = str(finding["code"])
            tally.per_rule[code] += 1
            verdict = judge(finding, found, folder, mine)
            if verdict is None:
                tally.unjudged[code] += 1
            elif verdict:
                tally.true[code] += 1
            else:
                tally.false[code] += 1
                place = f"{where}/{finding['path']}:{finding['line']}".removeprefix("./")
                tally.false_examples.append(f"{code} {place}: {finding['message']}")
    return tally


def load_verdicts() -> dict[str, dict[str, bool]]:
    """``[[finding]]`` tables: project, folder, code, place ("path:line"), verdict, why."""
    if not JUDGEMENTS.is_file():
        return {}
    data = tomllib.loads(JUDGEMENTS.read_text(encoding="utf-8"))
    result: dict[str, dict[str, bool]] = defaultdict(dict)
    for item in data.get("finding", []):
        folder = f"{item['project']}/{item.get('folder', '.')}"
        result[folder][f"{item['code']} {item['place']}"] = item["verdict"] == "true"
    return result


def table(rows: list[tuple[Project, str, Tally]]) -> str:
    lines = [
        "| project | kind | commit | files read (not read) | bibs | entries | findings by rule (false) | false | false rate | time |",  # noqa: E501
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    total, false, unjudged = 0, 0, 0
    for project, commit, t in rows:
        count = sum(t.per_rule.values())
        wrong = sum(t.false.values())
        total, false, unjudged = total + count, false + wrong, unjudged + sum(t.unjudged.values())
        rules = (
            ", ".join(
                f"{code} {n}"
                + (f" ({t.false[code]})" if t.false[code] else "")
                + (f" [{t.unjudged[code]} unjudged]" if t.unjudged[code] else "")
                for code, n in sorted(t.per_rule.items())
            )
            or "none"
        )
        judged = count - sum(t.unjudged.values())
        rate = f"{wrong / judged:.1%}" if judged else "-"
        lines.append(
            f"| [{project.slug}](https://github.com/{project.repo}) | {project.kind} | "
            f"`{commit[:10]}` | {t.files_read} ({t.files_unread}) | {t.bibs} | {t.entries} | "
            f"{rules} | {wrong} | {rate} | {t.seconds:.2f} s |"
        )
    rate = f"{false / (total - unjudged):.1%}" if total > unjudged else "-"
    summary = f"{total} findings, {unjudged} unjudged"
    lines.append(f"| **all** | | | | | | {summary} | {false} | **{rate}** | |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, help="local mirrors: DIR/<owner>+<name>/repo")
    parser.add_argument("--work", type=Path, default=Path("/tmp/refcheck-real-projects"))
    parser.add_argument("--write", action="store_true", help=f"rewrite the table in {DOC.name}")
    parser.add_argument("--false", action="store_true", help="list every false finding")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    verdicts = load_verdicts()
    rows = []
    for project in PROJECTS:
        root, commit = checkout(project, args.work, args.mirrors)
        tally = evaluate(project, root, verdicts)
        rows.append((project, commit, tally))
        if args.false:
            for example in tally.false_examples:
                print(f"false: {project.slug}: {example}")
    text = table(rows)
    print(text, end="")
    if args.write:
        doc = DOC.read_text(encoding="utf-8")
        head, rest = doc.split(TABLE_START, 1)
        _, tail = rest.split(TABLE_END, 1)
        DOC.write_text(f"{head}{TABLE_START}\n{text}{TABLE_END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
