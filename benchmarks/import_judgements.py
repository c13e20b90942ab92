"""The checked sample of ``import_coverage.py``: imported entries against entries judged by hand.

``import-judgements.toml`` holds, for a sample of each article's references, the entry a
reader writes after reading the reference as Wikipedia printed it: its type and every field.
Two checks, neither using the importer's code:

- **the judgement is the source's**: every judged value is stated in the reference's own
  lines (read here from the article by line number): texts and names as written (markup and
  spacing aside), identifiers and links as written, dates by this module's own date reader;
- **the entry is the judgement**: the imported entry has the judged type and exactly the
  judged fields, each with the judged value; ``note`` (what no field holds) is compared as its
  words, since the order of leftovers carries no datum.

An entry with a field the judgement does not give, or without one it gives, is wrong: a
datum in the wrong field counts as wrong twice over.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

JUDGEMENTS = Path(__file__).with_name("import-judgements.toml")

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_JA_DATE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
_DMY = re.compile(rf"\b(?:(\d{{1,2}}) )?({'|'.join(_MONTHS)}) (\d{{4}})\b")
_MDY = re.compile(rf"\b({'|'.join(_MONTHS)}) (\d{{1,2}}), (\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_YEAR = re.compile(r"(?<![0-9])(\d{4})(?![0-9])")
_DATE_FIELDS = ("date", "urldate", "archivedate", "origdate")
_VERBATIM_FIELDS = ("url", "archiveurl", "doi", "isbn", "issn")


def _iso(year: str, month: str | None = None, day: str | None = None) -> str:
    parts = [year] + [f"{int(part):02d}" for part in (month, day) if part]
    return "-".join(parts)


def stated_dates(text: str) -> set[str]:
    """Every date the text states, as ISO (year, year-month or day), read without the importer."""
    dates = {_iso(*match.groups()) for match in _JA_DATE.finditer(text)}
    for day, month, year in _DMY.findall(text):
        dates.add(_iso(year, str(_MONTHS.index(month) + 1), day or None))
    for month, day, year in _MDY.findall(text):
        dates.add(_iso(year, str(_MONTHS.index(month) + 1), day))
    dates |= {_iso(*match.groups()) for match in _ISO.finditer(text)}
    dates |= set(_YEAR.findall(text))
    return dates


# How the two Wikipedias mark a language, for each biblatex name the judgements use.
_LANGUAGE_MARKS = {
    "english": ("英語", "English", "|language=en", "|language=English"),
    "german": ("ドイツ語", "German", "|language=de", "|language=German"),
    "russian": ("ロシア語", "Russian", "|language=ru"),
    "italian": ("イタリア語", "Italian", "|language=it"),
    "korean": ("朝鮮語", "韓国語", "Korean", "|language=ko"),
}


def flat(text: str) -> str:
    """Text without markup, escapes, quotes-as-typed and spacing: to find a value in a source."""
    text = re.sub(r"<ref[^<>]*/>", "", text)  # a reference inside a note
    text = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", text)  # [[page|shown]]
    text = re.sub(r"\]\((?:[^()]|\([^()]*\))*\)", "", text)  # Markdown links' targets
    text = text.replace("&#124;", "|").replace("&nbsp;", " ")
    return re.sub(r"[\s\[\]*_'\"“”’‘\\]", "", text)


def _words(text: str) -> list[str]:
    return sorted(word for word in re.split(r"[\s.,;:、。()（）]+", text) if word)


@dataclass(frozen=True)
class Judgement:
    article: str
    reference: str
    line: int
    type: str
    fields: dict[str, str]
    why: str = ""
    # A known misreading the importer does not yet fix, saying what it does instead.
    open: str = ""


def load(path: Path = JUDGEMENTS) -> list[Judgement]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Judgement(
            entry["article"],
            entry["reference"],
            entry["line"],
            entry["type"],
            dict(entry["fields"]),
            entry.get("why", ""),
            entry.get("open", ""),
        )
        for entry in data["entry"]
    ]


def unstated(judgement: Judgement, source_lines: list[str]) -> list[str]:
    """The judged values the reference's own line does not state (a judgement to fix)."""
    text = source_lines[judgement.line - 1]
    if judgement.article.endswith(".wikitext"):
        # A named reference is defined where it is first written, not always where it is
        # first used: the whole article is the reference's source.
        text = "\n".join(source_lines)
    flat_text, dates = flat(text), stated_dates(text)
    problems = []
    for name, value in judgement.fields.items():
        if name in _DATE_FIELDS:
            ok = value in dates
        elif name == "language":
            ok = any(mark in text.replace(" ", "") for mark in _LANGUAGE_MARKS.get(value, ()))
            ok = ok or any(
                mark.replace(" ", "") in text.replace(" ", "")
                for mark in _LANGUAGE_MARKS.get(value, ())
            )
        elif name in _VERBATIM_FIELDS:
            ok = value in text or value in unquote(text)
        elif name in ("author", "editor"):
            ok = all(flat(part) in flat_text for part in re.split(r" and |, ", value))
        elif name == "note":
            ok = all(flat(word) in flat_text or word in text for word in _words(value))
        else:
            ok = flat(value) in flat_text
        if not ok:
            problems.append(f"{name} = {value!r} is not in line {judgement.line}")
    return problems


def differences(judgement: Judgement, entrytype: str, fields: dict[str, str]) -> list[str]:
    """How the imported entry differs from the judged one (empty: every datum right)."""
    found = []
    if entrytype != judgement.type:
        found.append(f"type @{entrytype}, judged @{judgement.type}")
    for name in sorted(set(fields) | set(judgement.fields)):
        got, want = fields.get(name), judgement.fields.get(name)
        same = got == want or (
            name == "note" and got is not None and want is not None and _words(got) == _words(want)
        )
        if not same:
            found.append(f"{name}: {got!r}, judged {want!r}")
    return found


def by_article(judgements: Iterable[Judgement]) -> dict[str, list[Judgement]]:
    grouped: dict[str, list[Judgement]] = {}
    for judgement in judgements:
        grouped.setdefault(judgement.article, []).append(judgement)
    return grouped
