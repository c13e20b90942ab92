"""The check after a pass of fixes, running again only what the fixes can have changed.

After a pass the fixed files must be checked again: the report is what remains, and
the next pass fixes what the first revealed.  Running every rule on the whole project
again costs as much as the first check.  But a rule that says what it reads (``reads``
and ``per_entry`` of :func:`refcheck.rules.registry.rule`) cannot find anything new
where none of that changed, so its findings of the pass before are kept:

- a rule of one entry at a time (``per_entry``) runs again on the entries where a
  field it reads changed, and on the changed or moved entries where it had findings
  (their places and messages may move); its other findings stay as they were;
- a rule of the whole project with ``reads`` runs again, on everything, when a field
  it reads changed in some entry, or when it had findings and an entry moved;
  otherwise its findings stay;
- every other rule runs again on everything.

Anything this cannot follow -- a document changed (citations rewritten), an entry
added, removed, re-keyed or retyped, a finding outside the entries of a rule of one
entry -- runs every rule again.  The result is what a fresh check of the fixed files
gives; ``tests/test_fixes_recheck.py`` compares the two on the shared corpora and the
rules' cases.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from datetime import date

from refcheck.config import Config
from refcheck.engine import CheckResult, check_project, rule_findings
from refcheck.model import BibFile, Entry, Field, Finding
from refcheck.rules.registry import FieldViews, Project, Rule

# Set to False to run every rule again after each pass (the tests compare both ways).
INCREMENTAL = True

# A field change this module cannot attribute to field names (the entry's extent moved).
_LAYOUT = "\0layout"

# Per file, the entries before a pass: each with the line and last line it had then
# (unchanged entries are moved in place by refcheck.fixes.reparse).
Snapshot = dict[str, list[tuple[Entry, int, int]]]


def snapshot(project: Project) -> Snapshot:
    """Where the entries of ``project`` are, before a pass of fixes moves them."""
    return {bib.path: [(e, e.line, e.end_line) for e in bib.entries] for bib in project.bibfiles}


class _Changes:
    """What a pass changed in the entries: by file and index, the entries whose fields
    changed (with the names of those fields) and the entries that moved."""

    def __init__(self) -> None:
        # (path, index) -> (entry before, entry after, names of the fields that changed)
        self.changed: dict[tuple[str, int], tuple[Entry, Entry, set[str]]] = {}
        # (path, index) -> the fields that changed, before and after, when they changed
        # in place (one for one, at the same index)
        self.pairs: dict[tuple[str, int], list[tuple[Field, Field]]] = {}
        self.moved: set[tuple[str, int]] = set()
        # field name -> the entries where it changed
        self.by_field: dict[str, set[tuple[str, int]]] = {}
        self._seen: dict[tuple[tuple[str, int], str, object], bool] = {}

    def add(
        self,
        at: tuple[str, int],
        old: Entry,
        new: Entry,
        names: set[str],
        pairs: list[tuple[Field, Field]] | None,
    ) -> None:
        self.changed[at] = (old, new, names)
        if pairs is not None:
            self.pairs[at] = pairs
        for name in names:
            self.by_field.setdefault(name, set()).add(at)

    def touched(self) -> set[tuple[str, int]]:
        return self.moved | self.changed.keys()

    def affected(self, reads: FieldViews | None) -> set[tuple[str, int]]:
        """The entries where a rule reading ``reads`` (None: everything) sees a change."""
        if reads is None:
            return set(self.changed)
        found = set(self.by_field.get(_LAYOUT, ()))
        for name, view in reads.items():
            places = self.by_field.get(name)
            if not places:
                continue
            if view is None:
                found |= places
            else:
                found.update(at for at in places if self._differs(at, name, view))
        return found

    def _differs(self, at: tuple[str, int], name: str, view: Callable[[str], object]) -> bool:
        """Whether the fields ``name`` of the entry at ``at`` look different through
        ``view`` (remembered: several rules share a view)."""
        memo = (at, name, view)
        known = self._seen.get(memo)
        if known is None:
            pairs = self.pairs.get(at)
            if pairs is not None:  # the other fields of that name did not change
                known = any(a.name == name and view(a.value) != view(b.value) for a, b in pairs)
            else:
                old, new, _ = self.changed[at]
                known = _seen(old, name, view) != _seen(new, name, view)
            self._seen[memo] = known
        return known


def recheck(
    before: Snapshot,
    result: CheckResult,
    after: Project,
    changed_paths: set[str],
    config: Config,
    rules: Sequence[Rule] | None = None,
    today: date | None = None,
) -> CheckResult:
    """The check of ``after`` (the project once fixed), knowing ``result``, the check
    of the project as ``before`` was, and ``changed_paths``, the files the pass edited."""
    selected = list(rules) if rules is not None else config.enabled_rules()
    changes = _changes(before, after, changed_paths) if INCREMENTAL else None
    if changes is None:
        return check_project(after, config, rules=selected, today=today)
    old = _findings_by_rule(result)
    spans = {path: [(line, end) for _, line, end in entries] for path, entries in before.items()}
    starts = {path: [line for line, _ in lines] for path, lines in spans.items()}
    touched = changes.touched()
    findings: list[Finding] = []
    everywhere: list[Rule] = []  # the rules that run again on the whole project
    on_entries: dict[frozenset[tuple[str, int]], list[Rule]] = {}
    for rule in selected:
        previous = old.get(rule.name, [])
        if rule.per_entry:
            placed = _by_entry(previous, spans, starts)
            if placed is None:
                everywhere.append(rule)
                continue
            again = changes.affected(rule.reads) | (touched.intersection(placed))
            findings += [f for f, at in zip(previous, placed, strict=True) if at not in again]
            if again:
                on_entries.setdefault(frozenset(again), []).append(rule)
        elif rule.reads is not None and not _runs_again(rule.reads, changes, bool(previous)):
            findings += previous
        else:
            everywhere.append(rule)
    if everywhere:
        findings += rule_findings(after, config, everywhere, today)
    for places, group in on_entries.items():
        findings += rule_findings(_part(after, places), config, group, today)
    return check_project(after, config, rules=selected, today=today, findings=findings)


def _changes(before: Snapshot, after: Project, changed_paths: set[str]) -> _Changes | None:
    """What changed in the entries, or None when it is more than field values and
    places (a file that is not a .bib, an entry added, removed, re-keyed or retyped)."""
    if [bib.path for bib in after.bibfiles] != list(before):
        return None
    bibs = {bib.path: bib for bib in after.bibfiles}
    if not changed_paths <= bibs.keys():
        return None  # a document or notebook: citations changed
    changes = _Changes()
    for path in changed_paths:
        now = bibs[path].entries
        then = before[path]
        if len(now) != len(then):
            return None
        for index, (new, (old, line, _end)) in enumerate(zip(now, then, strict=True)):
            if new is old:  # not re-read: the same entry, perhaps moved down or up
                if new.line != line:
                    changes.moved.add((path, index))
                continue
            if (new.key, new.type, new.col) != (old.key, old.type, old.col):
                return None
            names, pairs = _changed_fields(old, new)
            if new.line != line:
                changes.moved.add((path, index))
            if names:
                changes.add((path, index), old, new, names, pairs)
    return changes


def _layout(entry: Entry) -> set[tuple[str, str, int, int, type]]:
    """The entry's fields with their places relative to the entry."""
    top = entry.line
    return {(f.name, f.value, f.line - top, f.col, type(f)) for f in entry.fields} | {
        (_LAYOUT, "", entry.end_line - top, len(entry.fields), Field)
    }


def _changed_fields(old: Entry, new: Entry) -> tuple[set[str], list[tuple[Field, Field]] | None]:
    """The names of the fields whose value or place (in the entry) differ, and, when
    they changed in place, the fields before and after."""
    if len(old.fields) == len(new.fields) and old.end_line - old.line == new.end_line - new.line:
        # The usual case, values changed in place: field by field, no sets of every field.
        names = set()
        pairs = []
        old_top, new_top = old.line, new.line
        for a, b in zip(old.fields, new.fields, strict=True):
            if a is b:
                continue
            if (a.name, a.value, a.line - old_top, a.col, type(a)) != (
                b.name,
                b.value,
                b.line - new_top,
                b.col,
                type(b),
            ):
                if a.name != b.name or a.line - old_top != b.line - new_top or a.col != b.col:
                    return _names(old, new), None  # moved within the entry
                names.add(a.name)
                pairs.append((a, b))
        return names, pairs
    return _names(old, new), None


def _names(old: Entry, new: Entry) -> set[str]:
    return {item[0] for item in _layout(old) ^ _layout(new)}


def _seen(entry: Entry, name: str, view: Callable[[str], object]) -> list[object]:
    top = entry.line
    return [(f.line - top, f.col, view(f.value)) for f in entry.fields if f.name == name]


def _runs_again(reads: FieldViews, changes: _Changes, had_findings: bool) -> bool:
    """Whether a rule of the whole project must run again."""
    if had_findings and changes.moved:
        return True  # its places and messages may name lines that moved
    return bool(changes.affected(reads))


def _by_entry(
    findings: list[Finding],
    spans: dict[str, list[tuple[int, int]]],
    starts: dict[str, list[int]],
) -> list[tuple[str, int]] | None:
    """The entry (file, index) of each finding, from the lines the entries had; None
    when one is in no entry."""
    placed = []
    for finding in findings:
        lines = spans.get(finding.path)
        if lines is None:
            return None
        index = bisect.bisect_right(starts[finding.path], finding.line) - 1
        if index < 0 or finding.line > lines[index][1]:
            return None
        placed.append((finding.path, index))
    return placed


def _part(project: Project, places: frozenset[tuple[str, int]]) -> Project:
    """A project of the given entries alone, in file order: what a rule of one entry
    at a time needs to run on them."""
    bibfiles = []
    for bib in project.bibfiles:
        indexes = sorted(i for path, i in places if path == bib.path)
        if indexes:
            entries = [bib.entries[i] for i in indexes]
            bibfiles.append(BibFile(bib.path, entries, [], bib.encoding, bib.readable))
    return Project(bibfiles)


def _findings_by_rule(result: CheckResult) -> dict[str, list[Finding]]:
    """The findings of each rule in ``result``, suppressed ones included (the engine
    applies the suppressions again)."""
    found: dict[str, list[Finding]] = {}
    for finding in (*result.findings, *(s.finding for s in result.suppressed)):
        found.setdefault(finding.rule, []).append(finding)
    return found
