"""Template nodes for what pybtex does not read itself: ISO dates, literal names, languages.

>>> from pybtex.database import Entry, Person
>>> entry = Entry("article", fields={"date": "2024-10-30", "language": "english"})
>>> print(iso_date("date").format_data({"entry": entry}))
2024年10月30日
>>> print(language_mark.format_data({"entry": entry}))
英語
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing, join, node

from refcheck.dates.months import MONTH_NAMES, month_number

ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")

# biblatex language names (babel) as Japanese Wikipedia marks them: "(英語)".
LANGUAGE_NAMES = {
    "english": "英語",
    "american": "英語",
    "british": "英語",
    "russian": "ロシア語",
    "ukrainian": "ウクライナ語",
    "korean": "朝鮮語",
    "chinese": "中国語",
    "french": "フランス語",
    "german": "ドイツ語",
    "spanish": "スペイン語",
    "italian": "イタリア語",
    "polish": "ポーランド語",
}
# Languages that get no mark: the article's own.
UNMARKED_LANGUAGES = {"japanese", "ja"}


def japanese_date(value: str) -> str:
    """ "2024-10-30" as "2024年10月30日"; partial dates shortened; anything else as given.

    >>> japanese_date("2024-01-05"), japanese_date("2024-08"), japanese_date("2024")
    ('2024年1月5日', '2024年8月', '2024年')
    >>> japanese_date("2024年夏")
    '2024年夏'
    """
    match = ISO_DATE.fullmatch(value.strip())
    if not match:
        return value.strip()
    text = f"{int(match['year'])}年"
    if match["month"]:
        text += f"{int(match['month'])}月"
    if match["day"]:
        text += f"{int(match['day'])}日"
    return text


def english_date(value: str) -> str:
    """ "2024-11-04" as "4 November 2024", as English Wikipedia prints dates (dmy).

    >>> english_date("2024-11-04"), english_date("2024-08"), english_date("Summer 2024")
    ('4 November 2024', 'August 2024', 'Summer 2024')
    """
    match = ISO_DATE.fullmatch(value.strip())
    if not match or (match["month"] and not 1 <= int(match["month"]) <= 12):
        return value.strip()
    parts = [str(int(match["year"]))]
    if match["month"]:
        parts.insert(0, MONTH_NAMES[int(match["month"]) - 1])
    if match["day"]:
        parts.insert(0, str(int(match["day"])))
    return " ".join(parts)


def entry_of(context: dict[str, Any]) -> Any:
    return context["entry"]


def year_and_month(fields: Any) -> str | None:
    """Classic BibTeX ``year`` (and ``month``) as an ISO date, for entries without ``date``.

    >>> year_and_month({"year": "2020", "month": "November"}), year_and_month({"year": "2020"})
    ('2020-11', '2020')
    >>> year_and_month({"year": "2020", "month": "Frühling"}), year_and_month({})
    ('2020', None)
    """
    year = str(fields.get("year", "")).strip()
    if not year:
        return None
    month = str(fields.get("month", "")).strip()
    number = int(month) if month.isdigit() else month_number(month) if month else None
    return f"{year}-{number:02d}" if number and 1 <= number <= 12 else year


@node
def iso_date(
    children: list[Any], context: dict[str, Any], name: str, english: bool = False
) -> Text:
    """A biblatex date field (ISO 8601) printed in Japanese (or, for English layouts, English).

    Without ``date``, classic BibTeX ``year``/``month`` stand in, so other projects' data
    prints its dates too.
    """
    entry = entry_of(context)
    value = entry.fields.get(name)
    if not value and name == "date":
        value = year_and_month(entry.fields)
    if not value:
        raise FieldIsMissing(name, entry)
    return Text(english_date(str(value)) if english else japanese_date(str(value)))


@node
def language_mark(children: list[Any], context: dict[str, Any], english: bool = False) -> Text:
    """The language as Japanese (or English) Wikipedia names it; missing for the article's own."""
    entry = entry_of(context)
    value = str(entry.fields.get("language", "")).strip()
    unmarked = {"english", "american", "british"} if english else UNMARKED_LANGUAGES
    if not value or value.lower() in unmarked:
        raise FieldIsMissing("language", entry)
    if english:
        return Text(value[:1].upper() + value[1:])
    return Text(LANGUAGE_NAMES.get(value.lower(), value))


def person_name(person: Any) -> Text:
    """A name as the source prints it: "Axe, David" for last/first, a literal name as given.

    >>> from pybtex.database import Person
    >>> print(person_name(Person("Axe, David")), person_name(Person("{David Axe}")))
    Axe, David David Axe
    >>> print(person_name(Person("時事通信外信部")))
    時事通信外信部
    """
    last = Text(" ").join([*person.rich_prelast_names, *person.rich_last_names])
    given = Text(" ").join([*person.rich_first_names, *person.rich_middle_names])
    name = Text(last, ", ", given) if given else last
    if person.rich_lineage_names:
        name = Text(name, ", ", Text(" ").join(person.rich_lineage_names))
    return name


@node
def author_names(children: list[Any], context: dict[str, Any]) -> Text:
    """All authors, separated by "; " as Japanese Wikipedia's citation templates do."""
    entry = entry_of(context)
    persons = entry.persons.get("author")
    if not persons:
        raise FieldIsMissing("author", entry)
    return join(sep="; ")[[person_name(person) for person in persons]].format_data(context)
