"""Hostile inputs as data: the adversarial patterns of ``hostile_data/patterns.toml``, built
to a size, and the whole check run over them in memory (parse, document scan, every rule,
every output format).  Used by the growth and fuzz tests and by ``benchmarks/bench_hostile.py``."""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from refcheck.bib import parse_bytes
from refcheck.config import Config
from refcheck.engine import CheckResult, check_project
from refcheck.output import FORMATS, render
from refcheck.rules.registry import Document, Project
from refcheck.sources.documents import scan_document

DATA = Path(__file__).resolve().parent / "hostile_data"
# The key the document patterns cite, defined with a publication date so claim rules run.
CITED_BIB = "@online{k, title = {Source}, date = {2024-10-01}, url = {https://e.org}}\n"


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str  # "bib", "md" or "rst"
    unit: str
    head: str = ""
    tail: str = ""
    unit2: str = ""  # repeated as often as unit, after all of them (closing braces)

    def build(self, size: int) -> str:
        """The input at about ``size`` characters."""
        per_unit = max(len(self.numbered(9999)) + len(self.unit2), 1)
        count = max((size - len(self.head) - len(self.tail)) // per_unit, 1)
        if "{i}" in self.unit or "{j}" in self.unit:
            body = "".join(self.numbered(i) for i in range(1, count + 1))
        else:
            body = self.unit * count
        return self.head + body + self.unit2 * count + self.tail

    def numbered(self, i: int) -> str:
        return self.unit.replace("{i}", str(i)).replace("{j}", str(i - 1))


def patterns() -> list[Pattern]:
    data = tomllib.loads((DATA / "patterns.toml").read_text(encoding="utf-8"))
    return [Pattern(**entry) for entry in data["pattern"]]


def check_input(kind: str, text: str, formats: tuple[str, ...] = ()) -> CheckResult:
    """The whole check of one input, as ``refcheck check`` runs it (no files involved):
    a .bib through the byte decoder, or a document with a .bib defining its key."""
    if kind == "bib":
        bibfiles = [parse_bytes(text.encode("utf-8", "surrogatepass"), "hostile.bib")]
        project = Project(bibfiles=bibfiles)
    else:
        path = f"hostile.{kind}"
        scan = scan_document(path, text)
        project = Project(
            bibfiles=[parse_bytes(CITED_BIB.encode(), "refs.bib")],
            documents=[Document(path, text)],
            citations=list(scan.citations),
            cites_all=scan.cites_all,
        )
    config = Config(select=("ALL",), as_of=date(2025, 6, 1))
    result = check_project(project, config)
    for fmt in formats:
        render(result, fmt)
    return result


ALL_FORMATS = FORMATS


def cpu_seconds(kind: str, text: str, repeats: int = 3) -> float:
    """The least CPU time of ``repeats`` checks of ``text``: the least is the one the
    machine's other work disturbed least."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        check_input(kind, text)
        best = min(best, time.process_time() - start)
    return best
