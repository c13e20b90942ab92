"""Field-value rules: `year`, `month`, `pages`, `volume`/`number` values that biblatex
cannot read as it should, and fields given with nothing in them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.dates.entry_dates import DATE_FIELDS, month_field_number
from refcheck.dates.loose_dates import ascii_digits
from refcheck.dates.months import ABBREVIATIONS
from refcheck.i18n import _
from refcheck.lazy_re import lazy
from refcheck.model import Entry, Field, MacroField, Replacement, Severity
from refcheck.rules.field_index import field_index, named
from refcheck.rules.registry import Context, Report, rule

_YEAR = lazy(r"-?\d{3,4}")
_YEAR_RANGE = lazy(r"(\d{4})\s*(?:--?|–|/)\s*(\d{2,4})")
_FULL_DATE = lazy(r"\d{4}-\d{2}(?:-\d{2})?")
_YEAR_LETTER = lazy(r"\d{4}[a-z]")
_APPROXIMATE = lazy(r"(?:c(?:a|irca)?\.?\s*)(\d{4})|(\d{4})\s*\?")
# Publication states people write as a year; biblatex's pubstate keys for them.
_PUBSTATES = {
    "in press": "inpress", "inpress": "inpress", "forthcoming": "forthcoming",
    "submitted": "submitted", "to appear": "forthcoming", "accepted": "inpress",
    "in preparation": "inpreparation", "preprint": "prepublished",
}  # fmt: skip
_NO_DATE = frozenset({"n.d.", "nd", "n. d.", "no date", "s.d.", "o.j."})
_MONTH_NUMBER = re.compile(r"\d+")
_MONTH_SEPARATORS = re.compile(r"[\s,/\-–]+")
_MONTH_YEAR = lazy(r"([A-Za-z]+\.?),?\s+(\d{4})")
# Nelson Beebe's bibliographies write "????" for a month no one knows: a deliberate,
# consistent placeholder (biblatex prints it), left alone as F001 leaves it.
_UNKNOWN_MONTH = re.compile(r"\?+")

# "pp. 12", "p 5", "pages 3", German "S. 3": a label needs its dot or a space, so that
# supplement pages (S885--S888) and article numbers stay pages.
_PAGE_LABEL = re.compile(
    r"(?:[Pp]{1,2}\.|[Pp]{1,2}\s|[Pp]ages?\s|S\.|Seiten?\s)\s*(?=\d|[ivxlc]+\b)"
)
_PAGE_COUNT = re.compile(r"\d[\d\s+]*(?:pp\.?|pages|S\.|Seiten)")
_PLAIN_RANGE = re.compile(r"(\d+)--(\d+)")
_NUMERIC_RANGE = re.compile(r"(\d+)\s*(?:-{1,3}|–|—)\s*(\d+)")
_NUMBER_LABEL = re.compile(
    r"(?P<label>vol(?:ume)?|bd|no|nr|num(?:ber)?|iss(?:ue)?|n°|#)\.?\s*(?P<rest>\d\S*)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_VOLUME_WITH_ISSUE = re.compile(
    r"(\d+)\s*(?:\((\d[\d\-–/]*)\)|,\s*(?:no|nr|issue)\.?\s*(\d\S*))", re.IGNORECASE
)
# A month-invalid message and its data, or None for a month biblatex reads.
_MonthVerdict = tuple[str, tuple[tuple[str, str], ...]] | None
_UNJUDGED: _MonthVerdict = ("", ())
# The fields year-invalid and month-invalid read, empty values included.
# Fields whose own rule reports them empty: year-invalid, month-invalid, date-invalid.
_OWN_EMPTY = frozenset({"year", "month", *DATE_FIELDS})


def _bare(value: str) -> str:
    return value.strip().strip("{}").strip()


@rule("V001", Severity.WARNING, reads=("year",), per_entry=True)
def check_year_invalid(ctx: Context) -> Iterator[Report]:
    """Reports a `year` that is not a year biblatex can read.

    ## What it does
    Reports a `year` that is not a whole number of three or four digits (negative for
    BC years): five digits (`20011`), two digits (`98`), a range (`1999--2000`), a full
    date (`2024-10-30`), a letter after the year (`2001a`), an approximate year
    (`c. 1900`, `1900?`), a publication state (`in press`, `forthcoming`), "n.d.", or
    anything else; and an empty `year`.  Values holding LaTeX (`{\\noopsort{a}}2001`) are
    left alone: they are a deliberate BibTeX sorting trick.

    ## Why is this bad?
    biber reads `year` as an integer ("year field … is not an integer - this will
    probably not sort properly"); the label, sorting and `extradate` all go wrong, and
    BibTeX styles print the text as a year.  Ranges, full and approximate dates belong
    in `date`, publication states in `pubstate`.

    ## Example
    ```bibtex
    @article{a, title = {T}, year = {20011}}
    @article{b, title = {T}, year = {in press}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, year = {2001}}
    @article{b, title = {T}, pubstate = {inpress}}
    ```

    ## Options
    None.
    """
    for entry, field in named(ctx, "year"):
        if len(field.value) == 4 and field.value.isascii() and field.value.isdigit():
            continue  # the usual four digits
        if "\\" in field.value:
            continue
        problem = _year_problem(_bare(field.value))
        if problem is not None:
            yield Report(entry.location_of(field), problem, entry.key)


def _year_problem(text: str) -> str | None:
    # Each message quotes the value as year {value!r}; a replacement in braces is a
    # {{...}} in the template (str.format's escaped braces).
    if not text.isascii() and any(c.isdigit() and not c.isascii() for c in text):
        # \d takes every script's digits; biber reads 0-9 only ("not an integer").
        ascii_text = ascii_digits(text)
        if _YEAR.fullmatch(ascii_text):
            return _("year {value!r}: biblatex reads the digits 0-9 only; write {ascii}").format(
                value=text, ascii=ascii_text
            )
        return _("year {value!r}: biblatex reads the digits 0-9 only").format(value=text)
    if _YEAR.fullmatch(text):
        return None
    if not text:
        return _("empty year: give the year, or remove the field")
    if text.isdigit():
        if len(text) > 4:
            return _("year {value!r} has {n} digits: a year has four").format(
                value=text, n=len(text)
            )
        return _(
            "year {value!r}: biblatex reads it as the year {year} AD; write all four digits"
        ).format(value=text, year=int(text))
    if _FULL_DATE.fullmatch(text):
        return _("year {value!r} is a full date: write date = {{{value}}} instead of year").format(
            value=text
        )
    range_ = _YEAR_RANGE.fullmatch(text)
    if range_ is not None:
        start, end = range_[1], range_[2]
        end = start[: 4 - len(end)] + end  # 2005/06 is 2005/2006
        return _(
            "year {value!r} is a range: write date = {{{start}/{end}}} instead of year"
        ).format(value=text, start=start, end=end)
    if _YEAR_LETTER.fullmatch(text):
        return _(
            "year {value!r}: a letter after the year is BibTeX's way to tell works apart; "
            "biblatex adds it itself (extradate): write the year alone"
        ).format(value=text)
    approximate = _APPROXIMATE.fullmatch(text)
    if approximate is not None:
        year = approximate[1] or approximate[2]
        return _(
            "year {value!r} is approximate: write date = {{{year}~}} (or {year}? if uncertain)"
        ).format(value=text, year=year)
    month_year = _MONTH_YEAR.fullmatch(text)
    if month_year is not None and month_field_number(month_year[1]) is not None:
        month = month_field_number(month_year[1])
        return _("year {value!r} holds a month: write date = {{{date}}} instead").format(
            value=text, date=f"{month_year[2]}-{month:02d}"
        )
    folded = text.casefold().strip(". ")
    if folded in _PUBSTATES:
        return _(
            "year {value!r} is a publication state: write pubstate = {{{state}}} instead"
        ).format(value=text, state=_PUBSTATES[folded])
    if text.casefold() in _NO_DATE or folded in _NO_DATE:
        return _(
            "year {value!r} says there is no date: remove the field (styles print 'n.d.' "
            "themselves)"
        ).format(value=text)
    return _("year {value!r} is not a year biblatex can read (three or four digits)").format(
        value=text
    )


@rule("V002", Severity.WARNING, reads=("month",), per_entry=True)
def check_month_invalid(ctx: Context) -> Iterator[Report]:
    """Reports a `month` that is not one month, or not in the form biblatex reads.

    ## What it does
    biblatex reads `month` as an integer 1-12; the BibTeX month macros `jan` .. `dec`
    (unbraced) are defined for it (biber makes them 1-12, BibTeX and pybtex the English
    names).  So `month = oct`, `month = 10` and `month = {10}` are right.  Reports:

    - a month written as a string: `{October}`, `{Oct.}`, `"Sept"`, and `{oct}` (in
      braces it is the text "oct", not the macro).  biber warns that the "legacy month
      field … is not an integer - this will probably not sort properly" and then guesses
      the month from the first three letters;
    - anything that is not one month: a number out of range (`13`, `0`), days or ranges
      (`13--15 Apr`, `jan--feb`), other languages' names (`Juni`), seasons (`Spring`),
      and an empty `month`.

    Beebe's `????` (month unknown) is left alone.

    ## Why is this bad?
    A string month makes biber warn on every run and relies on its guess; the standard
    BibTeX styles print the rest as written, so `13` or `{}` appears in the reference,
    and sorting by date puts the entry anywhere.  Days and ranges belong in `date`
    (`date = {2024-04-13/2024-04-15}`); a season is an ISO 8601 division
    (`date = {2024-21}` is spring 2024).

    ## Example
    ```bibtex
    @inproceedings{a, title = {T}, year = {2024}, month = {13--15 Apr}}
    @article{b, title = {T}, year = {2024}, month = {October}}
    ```

    ## Use instead
    ```bibtex
    @inproceedings{a, title = {T}, date = {2024-04-13/2024-04-15}}
    @article{b, title = {T}, year = {2024}, month = oct}
    ```

    ## Options
    None.
    """
    # The verdict depends on the value and on whether it came from a macro alone, and a
    # file repeats a dozen month values: each is judged once per run.
    judged: tuple[dict[str, _MonthVerdict], dict[str, _MonthVerdict]] = ({}, {})
    for entry, field in named(ctx, "month"):
        macro = type(field) is MacroField
        seen = judged[macro]
        verdict = seen.get(field.value, _UNJUDGED)
        if verdict is _UNJUDGED:
            verdict = seen[field.value] = _month_verdict(field.value, macro)
        if verdict is not None:
            message, data = verdict
            yield Report(entry.location_of(field), message, entry.key, data=data)


def _month_verdict(value: str, macro: bool) -> _MonthVerdict:
    if "\\" in value:
        return None
    text = _bare(value)
    number = month_field_number(text)
    if number is None:
        return None if _UNKNOWN_MONTH.fullmatch(text) else (_month_problem(text), ())
    if macro or (text.isascii() and text.isdigit()):
        return None  # jan..dec, or a number: what biblatex reads
    abbreviation = ABBREVIATIONS[number - 1]
    message = _(
        "month {value!r} is a string, not the integer biblatex reads: biber warns "
        "'not an integer' and guesses; write month = {macro} (the macro, no braces)"
    ).format(value=text, macro=abbreviation)
    return message, (("macro", abbreviation),)


def _month_problem(text: str) -> str:
    if not text:
        return _("empty month: give the month (1-12), or remove the field")
    if _MONTH_NUMBER.fullmatch(text):
        return _("month {value} does not exist: months are 1-12").format(value=text)
    names = [part for part in _MONTH_SEPARATORS.split(text) if part]
    if len(names) > 1 and all(month_field_number(name) for name in names):
        return _(
            "month {value!r} is a range of months: biblatex reads one month; write the "
            "range as date = {{YYYY-MM/YYYY-MM}}"
        ).format(value=text)
    if any(char.isdigit() for char in text) or "-" in text or "/" in text:
        return _(
            "month {value!r} holds days or a range: month is one month (1-12 or jan..dec); "
            "put the full date or range in date"
        ).format(value=text)
    return _(
        "month {value!r} is not a month biblatex or BibTeX reads: write 1-12, a macro "
        "jan..dec, or the English name"
    ).format(value=text)


@rule("V003", Severity.WARNING, reads=("pages",), per_entry=True)
def check_pages_invalid(ctx: Context) -> Iterator[Report]:
    """Reports `pages` with a page label, a page count, or a reversed range.

    ## What it does
    Reports `pages` that start with a label (`pp. 12--15`, `p. 5`, `S. 3`), that give a
    count of pages (`345 pp.`, which is `pagetotal`), and numeric ranges whose end is
    smaller than their start with the same number of digits (`150--132`).  Article
    numbers (`e0123456`), roman numerals, letters (`A1--A5`), lists (`1--5, 9`) and
    abbreviated ends (`1234--56`, which some styles expect) are left alone.

    ## Why is this bad?
    The style prints "pp." itself, so the reference says "pp. pp. 12–15"; a count in
    `pages` is printed as a range of pages; a reversed range is a typo that biblatex
    prints as written.

    ## Example
    ```bibtex
    @article{a, title = {T}, pages = {pp. 12-15}}
    @book{b, title = {T}, pages = {345 pp.}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, pages = {12--15}}
    @book{b, title = {T}, pagetotal = {345}}
    ```

    ## Options
    None.

    ## Fix safety
    Removing the label keeps the pages as given: safe.
    """
    for entry, field in named(ctx, "pages"):
        report = _pages_report(entry, field)
        if report is not None:
            yield report


def _pages_report(entry: Entry, field: Field) -> Report | None:
    value = field.value
    if value.isdigit():
        return None  # one page: the commonest value with a range
    plain = _PLAIN_RANGE.fullmatch(value)
    if plain is not None:  # 12--15: the other common value, only its order to check
        start, end = plain[1], plain[2]
        if len(start) != len(end) or int(end) >= int(start):
            return None
    text = _bare(value)
    where = entry.location_of(field)
    if not text:
        return None  # empty-field's
    label = _PAGE_LABEL.match(text)
    if label is not None and label.end() < len(text):
        rest = text[label.end() :].strip()
        message = _("pages {value!r} starts with a label: the style prints it; write {rest!r}")
        message = message.format(value=text, rest=rest)
        return Report(where, message, entry.key, replacement=Replacement("pages", where, rest))
    if _PAGE_COUNT.fullmatch(text):
        message = _("pages {value!r} is a number of pages: put it in pagetotal").format(value=text)
        return Report(where, message, entry.key)
    range_ = _NUMERIC_RANGE.fullmatch(text)
    if range_ is not None:
        start, end = range_[1], range_[2]
        if len(start) == len(end) and int(end) < int(start):
            message = _(
                "pages {value!r} ends before it starts: a digit is mistyped or swapped"
            ).format(value=text)
            return Report(where, message, entry.key)
    return None


@rule("V004", Severity.WARNING, reads=("volume", "volumes", "number"), per_entry=True)
def check_volume_number_text(ctx: Context) -> Iterator[Report]:
    """Reports a label or an issue number inside `volume` or `number`.

    ## What it does
    Reports `volume`, `volumes` and `number` that begin with a label (`Vol. 12`,
    `no. 3`, `Nr. 5`, `Issue 2`, `#4`), and a `volume` that also holds the issue
    (`12(3)`, `12, no. 3`).  Other text (`12A`, `Suppl. 2`, `3-4`) is left alone.

    ## Why is this bad?
    biblatex declares `volume` and `number` as integers and its styles print "vol." and
    "no." themselves: the reference says "vol. Vol. 12".  An issue inside `volume` is
    printed as part of the volume and lost to sorting and to exports.

    ## Example
    ```bibtex
    @article{a, title = {T}, volume = {Vol. 12}, number = {No. 3}}
    @article{b, title = {T}, volume = {12(3)}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, volume = {12}, number = {3}}
    @article{b, title = {T}, volume = {12}, number = {3}}
    ```

    ## Options
    None.

    ## Fix safety
    Removing the label is safe; splitting volume and issue has no automatic fix.
    """
    for name in ("volume", "volumes", "number"):
        for entry, field in named(ctx, name):
            if field.value.isdigit():
                continue  # a plain number: most values
            if _DIGIT.search(field.value) is None:
                continue  # both patterns below need a digit: "??", "Suppl.", roman numerals
            text = _bare(field.value)
            where = entry.location_of(field)
            label = _NUMBER_LABEL.fullmatch(text)
            if label is not None:
                rest = label["rest"]
                message = _(
                    "{name} {value!r} holds the label {label!r}: the style prints it; "
                    "write {rest!r}"
                ).format(name=name, value=text, label=label["label"], rest=rest)
                yield Report(where, message, entry.key, replacement=Replacement(name, where, rest))
                continue
            issue = _VOLUME_WITH_ISSUE.fullmatch(text) if name == "volume" else None
            if issue is not None:
                number = issue[2] or issue[3]
                message = _(
                    "volume {value!r} holds the issue too: write volume = {{{volume}}}, "
                    "number = {{{number}}}"
                ).format(value=text, volume=issue[1], number=number)
                yield Report(where, message, entry.key)


@rule("V005", Severity.WARNING, per_entry=True)
def check_empty_field(ctx: Context) -> Iterator[Report]:
    """Reports a field given with an empty value.

    ## What it does
    Reports each field whose value is empty or only braces and spaces (`note = {}`,
    `pages = { }`, `doi = {{}}`), except `year`, `month` and the date fields (`date`,
    `urldate`, `origdate`, `eventdate`): `year-invalid`, `month-invalid` and
    `date-invalid` report those.

    ## Why is this bad?
    An empty field is not the same as no field: biblatex and BibTeX styles test whether a
    field is *defined*, so they print an empty part with its punctuation ("In: , pp.")
    or a link to nothing, and an empty `crossref` or `date` breaks inheritance and
    sorting.  It is usually an exporter's placeholder or a value lost on import.

    ## Example
    ```bibtex
    @article{a, title = {T}, journaltitle = {J}, pages = {}, date = {2024}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, journaltitle = {J}, date = {2024}}
    ```

    ## Options
    None.
    """
    for entry, field in field_index(ctx).empty:
        if field.name not in _OWN_EMPTY:
            message = _("field '{name}' is empty: remove it or give its value").format(
                name=field.name
            )
            yield Report(entry.location_of(field), message, entry.key)
