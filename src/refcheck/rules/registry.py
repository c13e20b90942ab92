"""The rule registry: one decorator turns a generator function into a rule.

A rule is ``check_<name>(ctx) -> Iterable[Report]``; its public name is derived from
the function name (``check_date_invalid`` -> ``date-invalid``) and its docstring is
its documentation, in ruff's sections (What it does / Why is this bad? / Example /
Use instead / Options).  Rules never know their severity or configuration: the
engine turns each ``Report`` into a ``Finding``.

A rule may also say what it reads, so that ``refcheck check --fix`` checks again only
what a fix can have changed (:mod:`refcheck.fixes.recheck`); a rule that says nothing
is run again on the whole project after every pass of fixes, which is always right:

- ``reads``: the fields whose values the rule reads, as a mapping from the field name
  to None (the value as written) or to a function giving what the rule sees of a value
  (two values it maps alike are alike to the rule: the duplicate rules see a ``doi``
  only normalised).  The rule reads nothing else of the project but the entries' types,
  keys, order and places: no documents, citations, comments or parse problems.  Where a
  report is, and what its message says of places, may follow the entries' places;
  whether it reports may not.  ``reads={}``: only types and keys.
- ``per_entry``: every report is about one entry, inside its text (related places too),
  and depends on that entry alone (with ``reads``: on its fields named there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from itertools import chain

from refcheck.i18n import ngettext
from refcheck.model import BibFile, Citation, Entry, Location, Problem, Replacement, Severity
from refcheck.value_objects import FrozenValue, ValueObject

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Final

    from refcheck.sources.bibliography import Bibliography
    from refcheck.sources.reader import Unread


class Report(FrozenValue):
    """What a rule says about one place; the engine adds code, name and severity."""

    __slots__ = ("location", "message", "key", "related", "replacement", "data")
    location: Final[Location]
    message: Final[str]
    key: Final[str | None]
    related: Final[tuple[Location, ...]]
    replacement: Final[Replacement | None]
    data: Final[tuple[tuple[str, str], ...]]

    def __init__(
        self,
        location: Location,
        message: str,
        key: str | None = None,
        related: tuple[Location, ...] = (),
        replacement: Replacement | None = None,
        data: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.location = location
        self.message = message
        self.key = key
        self.related = related
        # The field value a fix would write (a DOI without its resolver URL, ...).
        self.replacement = replacement
        # What a fix needs to know beyond the message, as (name, value) pairs.
        self.data = data


class Document(ValueObject):
    """A prose document (MyST or reST) the citation rules read."""

    __slots__ = ("path", "text")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text


class Project(ValueObject):
    """Everything the rules read: .bib files, documents and their citations."""

    __slots__ = (
        "bibfiles", "documents", "citations", "cites_all", "problems", "bibliographies",
        "unread", "docnames", "sources_read", "layout_problems", "sources_known",
    )  # fmt: skip

    def __init__(
        self,
        bibfiles: list[BibFile] | None = None,
        documents: list[Document] | None = None,
        citations: list[Citation] | None = None,
        cites_all: bool = False,
        problems: list[Problem] | None = None,
        bibliographies: list[Bibliography] | None = None,
        unread: list[Unread] | None = None,
        docnames: dict[str, str] | None = None,
        sources_read: int | None = None,
    ) -> None:
        self.bibfiles: list[BibFile] = [] if bibfiles is None else bibfiles
        self.documents: list[Document] = [] if documents is None else documents
        self.citations: list[Citation] = [] if citations is None else citations
        # True when a document has a bibliography directive with :all: (unused-entry is moot).
        self.cites_all = cites_all
        # Problems reading the documents (not UTF-8, unreadable); bib problems live in BibFile.
        self.problems: list[Problem] = [] if problems is None else problems
        # The ``bibliography`` directives of the documents: what each one shows.
        self.bibliographies: list[Bibliography] = [] if bibliographies is None else bibliographies
        # Files found that were not read, and why: the reports name them.
        self.unread: list[Unread] = [] if unread is None else unread
        # Each source's docname (path without suffix below the source folder), by path.
        self.docnames: dict[str, str] = {} if docnames is None else docnames
        # How many source files were read (includes and notebooks too); None: documents.
        self.sources_read = sources_read
        # What discovery could not read or find in the build configuration
        # (refcheck.project.LayoutProblem), for the project rules.
        self.layout_problems: list[Any] = []
        # False when discovery could not tell which documents the build reads: an entry
        # cited in one refcheck did not see would look unused.
        self.sources_known = True

    def entries(self) -> Iterator[Entry]:
        # chain iterates in C: a dozen rules walk every entry of every file.
        return chain.from_iterable(bib.entries for bib in self.bibfiles)


# Access dates before this are "before the web era": the first web site (info.cern.ch)
# was opened to the public on 1991-08-06.
DEFAULT_ACCESS_FLOOR = date(1991, 8, 6)


class Options(ValueObject):
    """The settings the rules read."""

    __slots__ = ("as_of", "access_floor", "rule_options")

    def __init__(
        self,
        as_of: date | None = None,
        access_floor: date = DEFAULT_ACCESS_FLOOR,
        rule_options: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.as_of = date.today() if as_of is None else as_of
        self.access_floor = access_floor
        # Rule-specific options, by rule name: {"near-duplicate": {"threshold": 0.9}}.
        self.rule_options: dict[str, dict[str, Any]] = {} if rule_options is None else rule_options

    def for_rule(self, name: str, option: str, default: Any) -> Any:
        return self.rule_options.get(name, {}).get(option, default)


class Context(ValueObject):
    """What a rule's check function receives: one per run (one ``check_project``)."""

    __slots__ = ("project", "options", "cache")

    def __init__(self, project: Project, options: Options) -> None:
        self.project = project
        self.options = options
        # What several rules derive from the project (the duplicate rules' records),
        # computed by the first rule that needs it and kept for this run only: a context
        # is made per run, so nothing outlives it or goes stale when a later run's entries
        # change.
        self.cache: dict[str, Any] = {}


CheckFunction = Callable[[Context], Iterable[Report]]
# What a rule reads of each field it reads (see the module's docstring): None for the
# value as written, or a function of the value.
FieldViews = Mapping[str, "Callable[[str], object] | None"]


class Rule(FrozenValue):
    """A registered rule: code, name, severity and check function."""

    __slots__ = (
        "code", "name", "severity", "check", "enabled_by_default", "options", "option_ranges",
        "reads", "per_entry",
    )  # fmt: skip
    code: Final[str]
    name: Final[str]
    severity: Final[Severity]
    check: Final[CheckFunction]
    enabled_by_default: Final[bool]
    options: Final[Mapping[str, type]]
    option_ranges: Final[Mapping[str, tuple[float | None, float | None]]]
    reads: Final[FieldViews | None]
    per_entry: Final[bool]

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        check: CheckFunction,
        enabled_by_default: bool = True,
        options: Mapping[str, type] | None = None,
        option_ranges: Mapping[str, tuple[float | None, float | None]] | None = None,
        reads: FieldViews | None = None,
        per_entry: bool = False,
    ) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.check = check
        self.enabled_by_default = enabled_by_default
        # The options a rule reads through ``Options.for_rule``: name -> type (int, float,
        # bool, str, date or list).  The configuration loader rejects options a rule does
        # not declare.
        self.options = {} if options is None else options
        # Allowed ranges of numeric options: name -> (minimum, maximum), either None for
        # no bound.
        self.option_ranges = {} if option_ranges is None else option_ranges
        # What the rule reads (None: not said, so anything), and whether each report
        # depends on one entry alone: see the module's docstring.
        self.reads = reads
        self.per_entry = per_entry

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


def days(count: int) -> str:
    """``"1 day"``, ``"3 days"`` (in the active language): for the rules' messages."""
    return ngettext("{n} day", "{n} days", count).format(n=count)


def rule_name(func_name: str) -> str:
    return func_name.removeprefix("check_").replace("_", "-")


def rule(
    code: str,
    severity: Severity = Severity.WARNING,
    *,
    enabled_by_default: bool = True,
    options: Mapping[str, type] | None = None,
    option_ranges: Mapping[str, tuple[float | None, float | None]] | None = None,
    reads: FieldViews | Iterable[str] | None = None,
    per_entry: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register ``func`` as a rule with ``code``, a default ``severity`` and its ``options``
    (with the ranges, inclusive, the configuration loader enforces for numeric ones);
    ``reads`` (field names, or names and views) and ``per_entry`` say what it reads."""
    views = (
        None
        if reads is None
        else dict(reads)
        if isinstance(reads, Mapping)
        else dict.fromkeys(reads)
    )

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
            views,
            per_entry,
        )
        return func

    return register
