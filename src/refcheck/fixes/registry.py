"""The fixer registry: one decorator attaches a fix function to a rule, by name or code.

A fixer is ``fix_<what>(finding, ctx) -> Fix | None``: given a finding of its rule it
returns the edits that repair it, or None when this finding cannot be repaired
safely enough (the value is a macro, the file cannot be decoded exactly, ...).  Its
docstring is the rule's "Fix safety" documentation.  Adding a fix for a rule is one
decorated function::

    @fixer("date-invalid", Applicability.SAFE)
    def fix_date_invalid(finding: Finding, ctx: FixContext) -> Fix | None: ...

A rule that knows the exact value to write can say so instead, in its report:
``Report(..., data=(("fix-value", "10.1000/xyz"), ("fix-safety", "safe")))``; the
value then replaces the field's value (see ``fix_declared_value``).  To list such a
rule's fix in ``refcheck rules``, register ``fix_declared_value`` for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from refcheck.fixes.edits import Applicability, Fix
from refcheck.fixes.source import SourceFile
from refcheck.model import Entry, Field, Finding, Location
from refcheck.rules.registry import Project, Rule
from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Final

# The modules that define fixers; importing them registers their fixers.
_FIXER_MODULES = ("refcheck.fixes.values", "refcheck.fixes.merge")


class FixContext:
    """What a fixer reads: the checked project and the files as they were read."""

    def __init__(self, project: Project, sources: dict[str, SourceFile]) -> None:
        self.project = project
        self.sources = sources  # by the label findings carry
        self._entries: dict[tuple[str, int, int], Entry] | None = None
        self._fields: dict[tuple[str, int, int], tuple[Entry, Field]] | None = None
        self._by_key: dict[tuple[str, str], list[Entry]] | None = None
        # What fixers derive once per pass (notebook citations, crossref targets), by name.
        self.memo: dict[str, Any] = {}

    def source(self, label: str) -> SourceFile | None:
        """The file ``label`` when it can be edited exactly, else None."""
        source = self.sources.get(label)
        return source if source is not None and source.text is not None else None

    def entry_at(self, path: str, line: int, col: int) -> Entry | None:
        """The entry whose ``@`` is at that place."""
        if self._entries is None:
            self._entries = {(e.path, e.line, e.col): e for e in self.project.entries()}
        return self._entries.get((path, line, col))

    def field_at(
        self, where: Finding | Location, key: str | None = None
    ) -> tuple[Entry, Field] | None:
        """The field written at the place of ``where``, and its entry (of ``key``, when
        known: the finding's own key by default)."""
        if key is None and isinstance(where, Finding):
            key = where.key
        if key is not None:  # the usual case: look among the entries of that key only
            if self._by_key is None:
                self._by_key = {}
                for entry in self.project.entries():
                    self._by_key.setdefault((entry.path, entry.key), []).append(entry)
            for entry in self._by_key.get((where.path, key), ()):
                for field in entry.fields:
                    if field.line == where.line and field.col == where.col:
                        return entry, field
            return None
        if self._fields is None:
            self._fields = {
                (e.path, f.line, f.col): (e, f) for e in self.project.entries() for f in e.fields
            }
        return self._fields.get((where.path, where.line, where.col))

    def documents(self) -> list[SourceFile]:
        """The citing documents (.md, .rst, .ipynb), in the order they were given."""
        return [s for s in self.sources.values() if s.kind != "bib"]


FixFunction = Callable[[Finding, FixContext], "Fix | None"]


class Fixer(FrozenValue):
    """A fix function registered for a rule, and the kinds of fix it makes."""

    __slots__ = ("rule", "make", "applicabilities")
    rule: Final[str]
    make: Final[FixFunction]
    applicabilities: Final[tuple[Applicability, ...]]

    def __init__(
        self, rule: str, make: FixFunction, applicabilities: tuple[Applicability, ...]
    ) -> None:
        self.rule = rule
        self.make = make
        self.applicabilities = applicabilities

    @property
    def safety(self) -> str:
        import inspect  # only for documentation

        return inspect.getdoc(self.make) or ""


# Rule name or code -> its fixers, in registration order.
FIXERS: dict[str, list[Fixer]] = {}


def fixer(rule: str, *applicabilities: Applicability) -> Callable[[FixFunction], FixFunction]:
    """Register ``func`` as a fixer of ``rule`` (a name or a code) making fixes of the
    given applicabilities."""

    def register(func: FixFunction) -> FixFunction:
        FIXERS.setdefault(rule, []).append(Fixer(rule, func, applicabilities))
        return func

    return register


_LOADED: list[bool] = []


def load_fixers() -> dict[str, list[Fixer]]:
    if not _LOADED:
        for module in _FIXER_MODULES:
            importlib.import_module(module)
        _LOADED.append(True)
    return FIXERS


def fixers_for(rule: str, code: str = "") -> list[Fixer]:
    """The fixers of a rule, found by its name or its code."""
    load_fixers()
    return FIXERS.get(rule, []) + (FIXERS.get(code, []) if code else [])


def fix_kinds(rule: Rule) -> list[str]:
    """``["safe"]``, ``["safe", "unsafe"]`` ...: what fixes the rule has (none: ``[]``)."""
    kinds = {a for f in fixers_for(rule.name, rule.code) for a in f.applicabilities}
    return [a.value for a in Applicability if a in kinds]


def fix_safety(rule: Rule) -> str:
    """The rule's "Fix safety" section, from its fixers' documentation."""
    found = fixers_for(rule.name, rule.code)
    if not found:
        body = (
            "No automatic fix: what to change needs a person's judgement, so "
            "`refcheck check --fix` leaves these findings as they are."
        )
    else:
        body = "\n\n".join(f.safety for f in found)
    return f"## Fix safety\n{body}"


def make_fixes(finding: Finding, ctx: FixContext, unsafe: bool) -> Fix | None:
    """The first fix a fixer of the finding's rule offers, within the allowed kinds;
    else the value the finding itself says to write (``fix-value`` in its data), as a
    rule that knows the exact replacement declares it."""
    makers = [found.make for found in fixers_for(finding.rule, finding.code)]
    if finding.replacement is not None:
        from refcheck.fixes.values import fix_replacement

        if fix_replacement not in makers:  # a rule not (yet) listed as replacing
            makers.append(fix_replacement)
    if finding.data and any(name == "fix-value" for name, _ in finding.data):
        from refcheck.fixes.values import fix_declared_value

        makers.append(fix_declared_value)
    for make in makers:
        fix = make(finding, ctx)
        if fix is None or not fix.edits:
            continue
        if fix.applicability is Applicability.SAFE or unsafe:
            return fix
    return None
