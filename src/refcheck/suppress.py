"""Suppressions: inline ``% refcheck: ignore[...] reason`` comments and per-entry ignores.

An inline suppression is a comment line directly above an entry (the parser keeps those
in ``Entry.leading_comments``)::

    % refcheck: ignore[access-before-publication, D003] the source's typo, kept as published
    @article{key, ...}

It silences the named rules (names, codes or code prefixes, as ``select`` reads them)
for findings located inside that entry.
A reason is required: a suppression without one silences nothing, and it is reported
(rule ``invalid-suppression``), as is a rule name that does not exist.  Every applied
suppression is kept, with its reason, for audits (``Suppressed``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator

from refcheck.i18n import _
from refcheck.lazy_re import lazy
from refcheck.model import BibFile, Entry, Finding, Location
from refcheck.value_objects import FrozenValue, ValueObject

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Final

_MARKER = lazy(r"^\s*refcheck\s*:", re.IGNORECASE)
_IGNORE = lazy(r"^\s*refcheck\s*:\s*ignore\s*\[(?P<rules>[^\]]*)\](?P<reason>.*)$", re.I)


class Suppression(FrozenValue):
    """An inline comment or per-entry ignore that silences rules for one entry."""

    __slots__ = ("rules", "reason", "location", "kind", "key")
    rules: Final[frozenset[str]]  # rule names
    reason: Final[str]
    location: Final[Location]  # where it is written (the comment line, or the config file)
    kind: Final[str]  # "inline" or "config"
    key: Final[str | None]

    def __init__(
        self,
        rules: frozenset[str],
        reason: str,
        location: Location,
        kind: str,
        key: str | None = None,
    ) -> None:
        self.rules = rules
        self.reason = reason
        self.location = location
        self.kind = kind
        self.key = key


class Suppressed(FrozenValue):
    """A finding that a suppression silenced, with the reason given for it."""

    __slots__ = ("finding", "reason", "location", "kind")
    finding: Final[Finding]
    reason: Final[str]
    location: Final[Location]
    kind: Final[str]

    def __init__(self, finding: Finding, reason: str, location: Location, kind: str) -> None:
        self.finding = finding
        self.reason = reason
        self.location = location
        self.kind = kind


class SuppressionProblem(FrozenValue):
    """A suppression that cannot be used as written."""

    __slots__ = ("location", "message", "key")
    location: Final[Location]
    message: Final[str]
    key: Final[str | None]

    def __init__(self, location: Location, message: str, key: str | None) -> None:
        self.location = location
        self.message = message
        self.key = key


class ParsedComment(ValueObject):
    """A comment read as a suppression, and what is wrong with it."""

    __slots__ = ("suppression", "problems")

    def __init__(self, suppression: Suppression | None, problems: list[SuppressionProblem]) -> None:
        self.suppression = suppression
        self.problems = problems


# Resolves a selector (a rule name, code or code prefix, as `select` takes) to the names
# of the rules it means; empty when there is no such rule.
RuleResolver = Callable[[str], frozenset[str]]


def parse_comment(entry: Entry, line: int, text: str, resolve: RuleResolver) -> ParsedComment:
    """Read one comment line above ``entry``; comments not addressed to refcheck are None."""
    if not _MARKER.match(text):
        return ParsedComment(None, [])
    location = Location(entry.path, line, 1)
    match = _IGNORE.match(text)
    if match is None:
        message = _("malformed refcheck comment: write `% refcheck: ignore[rule-name, ...] reason`")
        return ParsedComment(None, [SuppressionProblem(location, message, entry.key)])
    problems = []
    names: set[str] = set()
    selectors = [s.strip() for s in match.group("rules").split(",") if s.strip()]
    for selector in selectors:
        found = resolve(selector)
        if not found:
            message = _("suppression names unknown rule {rule!r}").format(rule=selector)
            problems.append(SuppressionProblem(location, message, entry.key))
        names |= found
    if not selectors:
        message = _("suppression names no rule: write `ignore[rule-name] reason`")
        problems.append(SuppressionProblem(location, message, entry.key))
    reason = match.group("reason").strip()
    if not reason:
        listed = ", ".join(selectors) or "?"
        message = _(
            "suppression of {rules} has no reason; it is not applied until one is given"
        ).format(rules=listed)
        problems.append(SuppressionProblem(location, message, entry.key))
        return ParsedComment(None, problems)
    if not names:
        return ParsedComment(None, problems)
    return ParsedComment(
        Suppression(frozenset(names), reason, location, "inline", entry.key), problems
    )


def inline_suppressions(
    entry: Entry, resolve: RuleResolver
) -> Iterator[tuple[Suppression | None, list[SuppressionProblem]]]:
    for line, text in entry.leading_comments:
        parsed = parse_comment(entry, line, text, resolve)
        if parsed.suppression is not None or parsed.problems:
            yield parsed.suppression, parsed.problems


def resolve_rule_names(selector: str) -> frozenset[str]:
    """The rules ``selector`` means, read as ``select`` reads it (``D``, ``D002``, a name)."""
    from refcheck.config import resolve_selectors

    try:
        return frozenset(resolve_selectors([selector]))
    except ValueError:
        return frozenset()


class _Span(ValueObject):
    """The lines of one entry and the suppressions written for it."""

    __slots__ = ("start", "end", "entry", "suppressions")

    def __init__(self, start: int, end: int, entry: Entry, suppressions: list[Suppression]) -> None:
        self.start = start
        self.end = end  # inclusive; 0 when the parser did not know it
        self.entry = entry
        self.suppressions = suppressions


class SuppressionIndex:
    """Finds the suppression, if any, that applies to a finding.

    Inline suppressions cover findings located inside their entry (from its first to its
    last line); per-entry ignores cover findings whose key is the ignored key, wherever
    they are (an undefined citation of that key in a document included).
    """

    def __init__(
        self,
        bibfiles: Iterable[BibFile],
        entry_ignores: Iterable[Suppression] = (),
        resolve: RuleResolver = resolve_rule_names,
    ) -> None:
        self._spans: dict[str, list[_Span]] = {}
        self._starts: dict[str, list[int]] = {}
        # BibTeX compares keys case-insensitively, so per-entry ignores do too.
        self._by_key: dict[str, list[Suppression]] = {}
        for ignore in entry_ignores:
            self._by_key.setdefault((ignore.key or "").casefold(), []).append(ignore)
        for bib in bibfiles:
            inline = {
                id(entry): found
                for entry in bib.entries
                if entry.leading_comments  # most entries have none to read
                and (found := [s for s, _ in inline_suppressions(entry, resolve) if s is not None])
            }
            if not inline and not self._by_key:
                continue  # nothing can be suppressed in this file: no spans to look up
            spans = [
                _Span(entry.line, entry.end_line, entry, inline.get(id(entry), []))
                for entry in bib.entries
            ]
            spans.sort(key=lambda s: s.start)
            self._spans[bib.path] = spans
            self._starts[bib.path] = [s.start for s in spans]
        # True when no finding can be suppressed: the engine need not ask for each one.
        self.empty = not self._spans and not self._by_key
        self._used: set[int] = set()

    def all(self) -> Iterator[Suppression]:
        for spans in self._spans.values():
            for span in spans:
                yield from span.suppressions
        for ignores in self._by_key.values():
            yield from ignores

    def unused(self, rules_run: Iterable[str]) -> list[Suppression]:
        """Suppressions that silenced nothing although a rule they name was run."""
        ran = set(rules_run)
        return [s for s in self.all() if id(s) not in self._used and s.rules & ran]

    def _entry_span(self, finding: Finding) -> _Span | None:
        starts = self._starts.get(finding.path)
        if not starts:
            return None
        index = bisect.bisect_right(starts, finding.line) - 1
        if index < 0:
            return None
        span = self._spans[finding.path][index]
        if span.end and finding.line > span.end:
            return None
        if not span.end and finding.key is not None and finding.key != span.entry.key:
            return None
        return span

    def match(self, finding: Finding) -> Suppression | None:
        span = self._entry_span(finding)
        if span is not None:
            for suppression in span.suppressions:
                if finding.rule in suppression.rules:
                    self._used.add(id(suppression))
                    return suppression
        keys = {finding.key.casefold()} if finding.key is not None else set()
        if span is not None:
            keys.add(span.entry.key.casefold())
        for key in keys:
            for suppression in self._by_key.get(key, ()):
                if finding.rule in suppression.rules:
                    self._used.add(id(suppression))
                    return suppression
        return None
