"""The rule registry: one decorator turns a generator function into a rule.

A rule is ``check_<name>(ctx) -> Iterable[Report]``; its public name is derived from
the function name (``check_date_invalid`` -> ``date-invalid``) and its docstring is
its documentation, in ruff's sections (What it does / Why is this bad? / Example /
Use instead / Options).  Rules never know their severity or configuration: the
engine turns each ``Report`` into a ``Finding``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from refcheck.model import BibFile, Citation, Entry, Location, Problem, Severity


@dataclass(frozen=True, slots=True)
class Report:
    """What a rule says about one place; the engine adds code, name and severity."""

    location: Location
    message: str
    key: str | None = None
    related: tuple[Location, ...] = ()


@dataclass(slots=True)
class Document:
    """A prose document (MyST or reST) the citation rules read."""

    path: str
    text: str


@dataclass(slots=True)
class Project:
    """Everything the rules read: .bib files, documents and their citations."""

    bibfiles: list[BibFile] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    # True when a document has a bibliography directive with :all: (unused-entry is moot).
    cites_all: bool = False
    # Problems reading the documents (not UTF-8, unreadable); bib problems live in BibFile.
    problems: list[Problem] = field(default_factory=list)

    def entries(self) -> Iterator[Entry]:
        for bib in self.bibfiles:
            yield from bib.entries


@dataclass(slots=True)
class Options:
    """The settings the rules read."""

    as_of: date = field(default_factory=date.today)
    # Access dates before this are "before the web era".
    access_floor: date = date(1991, 8, 6)
    # Rule-specific options, by rule name: {"near-duplicate": {"threshold": 0.9}}.
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def for_rule(self, name: str, option: str, default: Any) -> Any:
        return self.rule_options.get(name, {}).get(option, default)


@dataclass(slots=True)
class Context:
    """What a rule's check function receives: one per run (one ``check_project``)."""

    project: Project
    options: Options
    # What several rules derive from the project (the duplicate rules' records), computed
    # by the first rule that needs it and kept for this run only: a context is made per
    # run, so nothing outlives it or goes stale when a later run's entries change.
    cache: dict[str, Any] = field(default_factory=dict)


CheckFunction = Callable[[Context], Iterable[Report]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: code, name, severity and check function."""

    code: str
    name: str
    severity: Severity
    check: CheckFunction
    enabled_by_default: bool = True
    # The options a rule reads through ``Options.for_rule``: name -> type (int, float, bool,
    # str, date or list).  The configuration loader rejects options a rule does not declare.
    options: Mapping[str, type] = field(default_factory=dict)
    # Allowed ranges of numeric options: name -> (minimum, maximum), either None for no bound.
    option_ranges: Mapping[str, tuple[float | None, float | None]] = field(default_factory=dict)

    @property
    def doc(self) -> str:
        import inspect  # only for documentation: a check run never needs it

        return inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        """The docstring's first paragraph, on one line."""
        first, _, _ = self.doc.partition("\n\n")
        return " ".join(first.split())


RULES: dict[str, Rule] = {}


def rule_name(func_name: str) -> str:
    return func_name.removeprefix("check_").replace("_", "-")


def rule(
    code: str,
    severity: Severity = Severity.WARNING,
    *,
    enabled_by_default: bool = True,
    options: Mapping[str, type] | None = None,
    option_ranges: Mapping[str, tuple[float | None, float | None]] | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register ``func`` as a rule with ``code``, a default ``severity`` and its ``options``
    (with the ranges, inclusive, the configuration loader enforces for numeric ones)."""

    def register(func: CheckFunction) -> CheckFunction:
        name = rule_name(func.__name__)
        if name in RULES or any(r.code == code for r in RULES.values()):
            raise RuntimeError(f"rule {name} ({code}) registered twice")
        RULES[name] = Rule(
            code,
            name,
            severity,
            func,
            enabled_by_default,
            dict(options or {}),
            dict(option_ranges or {}),
        )
        return func

    return register
