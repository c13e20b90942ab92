"""Claim rules: what the prose says against what its sources could know."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.dates.edtf import EdtfDate, civil_from_days, day_number, parse_date
from refcheck.i18n import _
from refcheck.model import Citation, Entry, Severity
from refcheck.rules.registry import Context, Report, days, rule

RULE_NAME = "claim-after-source"


@rule("C003", Severity.WARNING, options={"tolerance": int}, option_ranges={"tolerance": (0, None)})
def check_claim_after_source(ctx: Context) -> Iterator[Report]:
    """Reports a citation of a source published before the event its sentence dates.

    ## What it does
    Reads the event dates of the prose (MyST and reST): Japanese full dates
    (2024年10月8日), month-day and day-only forms (10月8日, 18日) that take their year and
    month from the text before them in the same section, 同日, 翌日, 翌5日, 同年4月下旬,
    12月中旬, and English dates (8 October 2024, October 8, 2024, on 8 October, the next
    day).  Each citation supports the part of its sentence that leads up to it (for the
    last citation of a sentence, the whole rest of the sentence); the rule reports a
    citation whose source's `date` is earlier than the earliest event date of that part.

    A month or a part of a month counts from its first day (12月中旬 from the 11th), an
    approximate day (頃, around) from the first of its month, and a source dated to the
    month only from the last day of that month, so a vague date never raises an alarm.
    Birth years (2005年生まれ), durations (3日間), planned dates and limits (…に予定,
    …まで, by …) and dates in quoted speech (「…」) are not event dates; dates in another
    sentence never apply.  A heading's date is context for its section.

    ## Why is this bad?
    A source cannot report what happened after it was published.  Either the citation
    points at the wrong source (a neighbouring reference, an earlier article of a series),
    the source's date is wrong, or the sentence's date is.

    ## Example
    ```markdown
    2024年12月6日、ウクライナ軍は車両を撃破したと発表した{cite:p}`axe2024aug`。
    ```
    with `axe2024aug` dated `2024-08-01`.

    ## Use instead
    Cite the source that reports the event, or correct the date that is wrong:
    ```markdown
    2024年12月6日、ウクライナ軍は車両を撃破したと発表した{cite:p}`axe2024dec`。
    ```

    ## Options
    - `tolerance` (days, default 0): report only when the event is more than this many
      days after the source's date (for sources dated in another time zone).
    """
    if not ctx.project.documents:
        return
    # Imported here: its patterns cost a .bib-only run time for nothing.
    from refcheck.claims import find_claims, shorten

    tolerance = int(ctx.options.for_rule(RULE_NAME, "tolerance", 0))
    dates = _publication_dates(ctx.project.entries())
    by_path: dict[str, list[Citation]] = {}
    for citation in ctx.project.citations:
        if citation.key in dates:
            by_path.setdefault(citation.path, []).append(citation)
    for document in ctx.project.documents:
        citations = by_path.get(document.path)
        if not citations:
            continue
        for claim in find_claims(document.text, citations):
            published, text = dates[claim.citation.key]
            mention = claim.earliest
            if mention is None:
                continue
            days_after = day_number(mention.earliest) - published
            if days_after <= tolerance:
                continue
            event = mention.earliest.isoformat()
            if mention.precision != "day":
                event = _("{date} at the earliest").format(date=event)
            last_day = civil_from_days(published)
            source_date = (
                text
                if last_day == text
                else _("{date}, at the latest {last_day}").format(date=text, last_day=last_day)
            )
            message = _(
                "the sentence dates an event {mention!r} to {event}, {days} after {key!r} was "
                "published ({source_date}): {sentence!r}"
            ).format(
                mention=mention.text,
                event=event,
                days=days(days_after),
                key=claim.citation.key,
                source_date=source_date,
                sentence=shorten(claim.sentence, mention.text),
            )
            yield Report(claim.citation.location, message, key=claim.citation.key)


def _publication_dates(entries: Iterator[Entry]) -> dict[str, tuple[int, str]]:
    """Key -> (last day the source may have been published, the date as written)."""
    dates: dict[str, tuple[int, str]] = {}
    for entry in entries:
        value = entry.get("date")
        if entry.key in dates or value is None:
            continue
        parsed = parse_date(value)
        if isinstance(parsed, EdtfDate) and parsed.latest is not None:
            dates[entry.key] = (parsed.latest, value.strip())
    return dates
