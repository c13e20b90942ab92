"""The per-entry rules' shortcuts give what the general code they skip would give.

Each test keeps the general code as it was before the shortcut (the reference), runs it
and the rule on generated ``.bib`` texts, and compares the reports.  The texts are made
of the names and values at the shortcuts' edges: aliases with and without their
targets, ``crossref``/``xdata`` to present, missing and repeated keys, inheritance
chains and loops, repeated fields, empty and brace-only values, name lists with commas
and doubled ``and``.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from refcheck.datamodel import biblatex
from refcheck.dates.edtf import day_number
from refcheck.dates.entry_dates import date_of, field_date
from refcheck.i18n import _
from refcheck.matching.normalize import fold_text
from refcheck.model import Entry
from refcheck.rules import all_rules
from refcheck.rules.fields import FIELD_ALIASES, _has, _year_month_against_date
from refcheck.rules.names import NAME_FIELDS, _name_list_problem
from refcheck.rules.registry import RULES, Context, Options, Project, Report, days
from rule_runner import AS_OF, bib

_KEYS = ["a", "b", "c", "B"]
_TYPES = [
    "article", "book", "inbook", "online", "www", "misc", "xdata", "set", "thesis",
    "phdthesis", "techreport", "inproceedings", "incollection", "periodical", "unknowntype",
]  # fmt: skip
_NAMES = [
    "title", "date", "year", "month", "journal", "journaltitle", "address", "location",
    "school", "institution", "crossref", "xdata", "url", "doi", "eprint", "urldate",
    "booktitle", "chapter", "pages", "author", "editor", "translator", "note", "pubstate",
    "origdate", "eventdate", "sourceflag", "annote", "annotation", "eprinttype", "type",
    "publisher", "editor",
]  # fmt: skip
_VALUES = [
    "", " ", "{}", "{ }", "x", "X", "a", "b", "a, b", "c,a", "zz", "2020", "2020-05-01",
    "2019/2021", "may", "13", "A and B", "A, B, C, D", "A and and B", "Smith, J,",
    "{Barnes, Noble, and Co.}", "family=Rabble, given=R", "2024", "2025", "2026", "jun",
    "jul", "6", "????", "2025-06-02", "2025-06-03", "1990-01-01", "2025-05", "forthcoming",
    "inpress", "nonsense date",
]  # fmt: skip


_ANY_FIELD = st.tuples(st.sampled_from(_NAMES), st.sampled_from(_VALUES))
# What most entries give, so that entries lacking one thing are common.
_COMMON_FIELD = st.tuples(
    st.sampled_from(["title", "journal", "journaltitle", "year", "booktitle", "school"]),
    st.sampled_from(["x", "y", " ", "2020"]),
)
# Dates around the tests' as-of date (2025-06-01), so that some are ahead by days.
_DATE_FIELD = st.tuples(
    st.sampled_from(["year", "month", "date", "urldate", "pubstate"]),
    st.sampled_from(
        ["2025", "2026", "2024", "jun", "jul", "6", "5", "????", "2025-06-02", "2025-07",
         "1990-01-01", "forthcoming", "2025-06-01/2025-06-09", "{2025}"]
    ),
)  # fmt: skip


@st.composite
def _bib_texts(draw: st.DrawFn) -> str:
    entries = []
    for _index in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(_TYPES))
        key = draw(st.sampled_from(_KEYS))
        fields = draw(st.lists(st.one_of(_ANY_FIELD, _COMMON_FIELD, _DATE_FIELD), max_size=7))
        body = "".join(f",\n  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{kind}{{{key}{body}\n}}\n")
    return "\n".join(entries)


def _context(text: str) -> Context:
    all_rules()
    return Context(Project(bibfiles=[bib(text)]), Options(as_of=AS_OF))


def _reports(name: str, ctx: Context) -> list[Report]:
    return _sorted(RULES[name].check(ctx))


def _sorted(reports: Iterator[Report] | list[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: (r.location.line, r.location.col, r.message))


# The general code, as it was before the shortcuts.


def _reference_keys(ctx: Context) -> dict[str, Entry]:
    keys: dict[str, Entry] = {}
    for entry in ctx.project.entries():
        keys.setdefault(entry.key.casefold(), entry)
    return keys


def _reference_parents(entry: Entry, keys: dict[str, Entry]) -> list[Entry] | None:
    parents: list[Entry] = []
    firsts = entry.first_fields()
    for name in ("crossref", "xdata"):
        field = firsts.get(name)
        value = field.value if field is not None else None
        for key in (value or "").split(","):
            if not key.strip():
                continue
            parent = keys.get(key.strip().casefold())
            if parent is None:
                return None
            parents.append(parent)
    return parents


def _reference_has(
    entry: Entry, names: tuple[str, ...], keys: dict[str, Entry], depth: int = 0
) -> bool:
    firsts = entry.first_fields()
    for name in names:
        field = firsts.get(name)
        if field is not None and field.value.strip():
            return True
    parents = _reference_parents(entry, keys)
    if parents is None or depth > 8:
        return True
    return any(_reference_has(parent, names, keys, depth + 1) for parent in parents)


def _reference_alias_conflicts(ctx: Context) -> Iterator[Report]:
    for entry in ctx.project.entries():
        by_name = entry.first_fields()
        for alias, target in FIELD_ALIASES.items():
            if alias in by_name and target in by_name:
                first, second = sorted((by_name[alias], by_name[target]), key=lambda f: f.line)
                same = fold_text(first.value) == fold_text(second.value)
                message = _(
                    "both '{alias}' and '{target}' are given (lines {first} and {second}, "
                    "{same}): '{alias}' is biblatex's alias for '{target}'; keep one"
                ).format(
                    alias=alias,
                    target=target,
                    first=first.line,
                    second=second.line,
                    same=_("same value") if same else _("different values"),
                )
                yield Report(
                    entry.location_of(second), message, entry.key, (entry.location_of(first),)
                )
        yield from _year_month_against_date(entry, by_name)


def _reference_name_lists(ctx: Context) -> Iterator[Report]:
    for entry in ctx.project.entries():
        for field in entry.fields:
            if field.name in NAME_FIELDS:
                problem = _name_list_problem(field.name, field.value)
                if problem is not None:
                    yield Report(entry.location_of(field), problem, entry.key)


_GROUPS = [("title",), ("date", "year"), ("url", "doi", "eprint"), ("journaltitle", "journal")]


@settings(max_examples=300, deadline=None)
@given(_bib_texts())
def test_has_without_parents_is_the_general_answer(text: str) -> None:
    ctx = _context(text)
    keys = _reference_keys(ctx)
    for entry in ctx.project.entries():
        for names in _GROUPS:
            assert _has(entry, names, ctx) == _reference_has(entry, names, keys)


@settings(max_examples=300, deadline=None)
@given(_bib_texts())
def test_field_alias_conflict_skips_only_entries_without_a_conflict(text: str) -> None:
    ctx = _context(text)
    assert _reports("field-alias-conflict", ctx) == _sorted(_reference_alias_conflicts(ctx))


@settings(max_examples=300, deadline=None)
@given(_bib_texts())
def test_name_lists_from_the_index_are_every_name_field(text: str) -> None:
    ctx = _context(text)
    assert _reports("name-list-invalid", ctx) == _sorted(_reference_name_lists(ctx))


@settings(max_examples=200, deadline=None)
@given(_bib_texts())
def test_missing_field_rules_agree_with_the_general_has(text: str) -> None:
    ctx = _context(text)
    keys = _reference_keys(ctx)
    missing_title = [
        entry.key
        for entry in ctx.project.entries()
        if entry.type not in ("set", "xdata", "ieeetranbstctl")
        and not _reference_has(entry, ("title",), keys)
    ]
    reported = [r.key for r in RULES["missing-field"].check(ctx) if "no title" in r.message]
    assert reported == missing_title
    missing_journal = [
        entry.key
        for entry in ctx.project.entries()
        if biblatex.TYPE_ALIASES.get(entry.type, entry.type) == "article"
        and not _reference_has(entry, ("journaltitle", "journal"), keys)
    ]
    reported = [
        r.key for r in RULES["missing-required-field"].check(ctx) if "journaltitle" in r.message
    ]
    assert reported == missing_journal


def test_a_parent_far_up_a_chain_still_gives_the_field() -> None:
    ctx = _context(
        "@book{a, crossref = {b}}\n@book{b, xdata = {c}}\n@xdata{c, title = {T}, year = {2020}}"
    )
    first = next(iter(ctx.project.entries()))
    assert _has(first, ("title",), ctx) and _has(first, ("date", "year"), ctx)
    assert not _has(first, ("url",), ctx)


# entries_having() may give more entries than have the names asked for; with every entry
# (the general path: each rule's own test of the entry), the reports must be the same.
_RARE_FIELD_RULES = [
    "date-invalid", "access-before-publication", "access-date-too-early",
    "field-alias-conflict", "urldate-without-url", "source-flag",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_bib_texts())
def test_rules_of_rare_fields_skip_only_entries_they_would_not_report(text: str) -> None:
    shortcut, general = _context(text), _context(text)
    general.cache["entries with rare fields"] = list(general.project.entries())
    for name in _RARE_FIELD_RULES:
        assert _reports(name, shortcut) == _reports(name, general), name


def _reference_date_in_future(ctx: Context) -> Iterator[Report]:
    as_of = day_number(ctx.options.as_of)
    for entry in ctx.project.entries():
        firsts = entry.first_fields()
        pubstate = firsts["pubstate"].value.strip().casefold() if "pubstate" in firsts else ""
        checked = [
            (field, field_date(field))
            for field in entry.fields
            if field.name in ("date", "urldate", "origdate", "eventdate")
        ]
        year_field = firsts.get("year")
        if year_field is not None and "date" not in firsts:
            month = firsts["month"].value if "month" in firsts else None
            checked.append((year_field, date_of(None, year_field.value, month)))
        for field, parsed in checked:
            if field.name in ("date", "year") and pubstate in (
                "forthcoming", "inpress", "submitted", "prepublished",
            ):  # fmt: skip
                continue
            if parsed is None or parsed.earliest is None:
                continue
            if parsed.earliest <= as_of + (1 if field.name == "urldate" else 0):
                continue
            shown = f"{field.name} {field.value.strip()}"
            if field.name == "year":
                shown = f"year/month {parsed.text}" if "-" in parsed.text[1:] else shown
            message = _("{shown} is after the as-of date {as_of} ({days} ahead)").format(
                shown=shown,
                as_of=ctx.options.as_of.isoformat(),
                days=days(parsed.earliest - as_of),
            )
            yield Report(entry.location_of(field), message, entry.key)


@settings(max_examples=300, deadline=None)
@given(_bib_texts())
@example("@article{a, year = {2025}, month = {jul}}")  # a month ahead, from year/month
@example("@article{a, year = {2025}, month = {jun}, month = {jul}}")  # the first month
@example("@article{a, year = {2026}, pubstate = {forthcoming}}")
@example("@online{a, year = {2020}, urldate = {2025-06-02}}")  # within the grace day
@example("@online{a, year = {2026}, urldate = {2025-06-03}}")
@example("@article{a, year = {2026}, date = {2020}}")  # date, not year
def test_date_in_future_skips_only_entries_with_nothing_ahead(text: str) -> None:
    ctx = _context(text)
    assert _reports("date-in-future", ctx) == _sorted(_reference_date_in_future(ctx))


@settings(max_examples=300, deadline=None)
@given(_bib_texts())
@example("@article{a, title = {x}, journal = {y}}")  # no date: missing-field's
@example("@book{a, title = {x}}")  # no date: missing-required-field's
@example("@phdthesis{a, title = {x}, year = {2020}, school = {s}}")  # type from @phdthesis
@example("@thesis{a, title = {x}, year = {2020}, school = {s}}")  # no type
@example("@inbook{a, title = {x}, year = {2020}, pages = {3}}")  # BibTeX's @inbook
@example("@article{a, crossref = {b}}\n@periodical{b, title = {P}, journal = { }}")
def test_missing_field_rules_skip_only_entries_that_give_every_field(text: str) -> None:
    shortcut, general = _context(text), _context(text)
    general.cache["entries that may lack fields"] = list(general.project.entries())
    for name in ("missing-field", "missing-required-field"):
        assert _reports(name, shortcut) == _reports(name, general), name


# month-invalid judges each distinct value once per run; the same value from a macro
# (month = aug) and as a string (month = {aug}) must keep their different verdicts.
_MONTHS = st.sampled_from(
    ["aug", "{aug}", "{August}", "8", "{8}", "{08}", "{????}", "{jan--feb}", "{13}", "{}",
     "{\\relax}", "{Spring}", "{sept}", "{Aug.}", "{ aug }", "sep", "{May 5}", "{1/2}"]
)  # fmt: skip


def _reference_month_invalid(ctx: Context) -> Iterator[Report]:
    from refcheck.dates.entry_dates import month_field_number
    from refcheck.dates.months import ABBREVIATIONS
    from refcheck.model import MacroField
    from refcheck.rules.field_index import named
    from refcheck.rules.values import _UNKNOWN_MONTH, _bare, _month_problem

    for entry, field in named(ctx, "month"):
        if "\\" in field.value:
            continue
        text = _bare(field.value)
        number = month_field_number(text)
        if number is None:
            if not _UNKNOWN_MONTH.fullmatch(text):
                yield Report(entry.location_of(field), _month_problem(text), entry.key)
            continue
        if type(field) is MacroField or (text.isascii() and text.isdigit()):
            continue
        macro = ABBREVIATIONS[number - 1]
        message = _(
            "month {value!r} is a string, not the integer biblatex reads: biber warns "
            "'not an integer' and guesses; write month = {macro} (the macro, no braces)"
        ).format(value=text, macro=macro)
        yield Report(entry.location_of(field), message, entry.key, data=(("macro", macro),))


@settings(max_examples=300, deadline=None)
@given(st.lists(_MONTHS, min_size=1, max_size=8), st.sampled_from(["en", "ja"]))
def test_month_verdicts_judged_once_are_the_general_verdicts(
    months: list[str], language: str
) -> None:
    from refcheck.i18n import use_language

    text = "\n".join(f"@article{{k{i}, month = {month}}}" for i, month in enumerate(months))
    with use_language(language):
        ctx = _context(text)
        assert _reports("month-invalid", ctx) == _sorted(_reference_month_invalid(ctx))
