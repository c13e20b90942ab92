"""Generated date strings and what biber 2.18 makes of them, for the differential test.

``generated_values()`` is deterministic: the forms biblatex documents, every way we know
of to get one slightly wrong (times without seconds, zones without a colon, unspecified
digits in the wrong place, a qualifier twice, braces, tabs and no-break spaces, digits of
other scripts, other dashes), and seeded random combinations of years, months, days,
times, zones, qualifiers and range ends.

``biber_verdicts(values)`` asks the real biber: each value becomes one entry with
``date`` and ``urldate``, ``biber --tool`` reads the file, and a field is valid when
biber neither warns about it ("Invalid format … of date field …") nor drops it.  A field
biber drops without a word is either a date it read as nothing at all (``..``,
``199X~``: biber's ISO 8601-2 step finds no date) or year 0, which ``--tool`` does not
write back; a few lines of Perl calling biber's own ``parse_date_range`` tell the two
apart.

Re-record the table after changing the generator (needs biber)::

    PYTHONPATH=src python tests/biber_dates.py --record

Try values the table has not seen (another seed, 800 one-character mutations), and list
every difference with biber that no documented strictness explains::

    PYTHONPATH=src:tests python tests/biber_dates.py --fresh 7
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TABLE = Path(__file__).with_name("biber_dates.jsonl")
FIELDS = ("date", "urldate")
_COUNT = 1500
_SEED = 2018  # any fixed number: the list must not change between runs

_YEARS = ["2020", "1999", "2000", "1900", "0000", "-0876", "0768", "9999", "-0000",
          "199", "20201", "Y17000", "Y-17000", "Y1700", "+2020", "2O20"]  # fmt: skip
_MONTHS = ["", "-01", "-02", "-06", "-09", "-12", "-00", "-13", "-1", "-20", "-21",
           "-24", "-33", "-41", "-42", "-XX"]  # fmt: skip
_DAYS = ["", "-01", "-15", "-28", "-29", "-30", "-31", "-00", "-32", "-5", "-XX"]
_TIMES = ["", "T10:00:00", "T23:59:59", "T00:00:00", "T24:00:00", "T10:00", "T10:00:60",
          "T10:60:00", "T10:00:00.123", "T10:00:00.1", "T1000", "t10:00:00", " 10:00:00",
          "T10:00:00,5"]  # fmt: skip
_ZONES = ["", "Z", "+05:00", "-03:30", "+0500", "+05", "+14:00", "+15:00", "+14:60",
          "-00:00", "z", "-12:00", "+99:00"]  # fmt: skip
_QUALIFIERS = ["", "~", "?", "%", "~?", "?~", "%?", " ~", "%%", "~~"]
_UNSPECIFIED = ["199X", "19XX", "1XXX", "XXXX", "19X0", "1999-XX", "1999-01-XX",
                "1999-02-XX", "2000-02-XX", "1999-XX-XX", "1999-XX-05", "-00XX", "-199X",
                "199x", "1999-1X", "1999-01-3X"]  # fmt: skip
_OTHER_DIGITS = {
    "full-width": "０１２３４５６７８９",
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
    "devanagari": "०१२३४५६७८९",
    "mathematical": "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
}
_HANDWRITTEN = [
    # The forms of the biblatex manual (§2.3.8, tables 5-7).
    "1850", "1997/", "/1997", "1997/..", "../1997", "1967-02", "2009-01-31", "1988/1992",
    "2002-01/2002-02", "1995-03-30/1995-04-05", "2004-04-05T14:34:00", "199X", "19XX",
    "1999-XX", "1999-01-XX", "1999-XX-XX", "0000", "-0876", "-0877/-0866", "0768",
    "-0343-02", "0343-02-03", "1723~", "1723?", "1723%", "2004-22", "2004-24",
    # Not dates, or dates written another way.
    "", " ", "..", "../..", "/", "//", "2020//2021", "2020/2021/2022", "n.d.", "forthcoming",
    "2024年10月30日", "30 October 2024", "October 30, 2024", "2024/10/30", "2024.10.30",
    "30.10.2024", "10/30/2024", "1995-1-4", "20241030", "2024-1030", "2020s", "c. 2020",
    "2020,", "2020.", "'2020", "2020-2021", "2020--2021", "2020–2021", "2020 / 2021",
    "{2020}", "{2020-10-30}", "2020-{10}-30", "2020-01-01T10:00:00ZZ", "T10:00:00",
    "2020-01-01T10:00:00~Z", "2020-01-01T10:00:00Z~", "1582-10-10", "1900-02-29",
    "2000-02-29", "2023-02-29", "2024-02-29", "2024-04-31", "-0001-02-29", "-0004-02-29",
    "199X/2005", "2000/201X", "../199X", "199X/..", "2004-21/2004-23", "2004-21~",
    "1999–XX", "1999‐01", "2020−01", "2021/2020", "2020-06/2020-05", "2020-01-01/2019",
    # White space around a qualifier, inside a range, before a zone.
    "2020\u00a0~", "\u00a02020~", "\t2020~", "2020 ?", "2020 %", "2020 ~ ?", "2020~ /2021",
    "2020/ 2021~", "2020/ 2021", "2020 /2021", "2020-01-01T10:00:00 Z", "2020~/2021~",
    "2020-01-01T10:00:00Z/2020-01-01T11:00:00Z", "2020-01-01T10:00:00.123+05:00",
    "2020-01-01T10:00:00.123~", "1999-XX/2000", "199X~/2000", "../", "/..",
    "2020-01-01T10:00:00-14:00", "2020-01-01T10:00:00+00:00",
    # What follows unspecified digits, zones on other forms, other scripts.
    "Y17000Z", "Y-17000+05:00", "199X/2005-13", "199X/foo", "19XX/..", "1999-XX/abc",
    "199X/1980", "2004-21Z", "١٩٩X", "1999–01–XX", "-0500-01-01T10:00:00", "0000-02-29",
    "..~", " 2020/2021", "2020/2021 ",
]  # fmt: skip
# White space at either end of a date, alone and next to a line break: biber drops
# spaces, line breaks, form feeds and vertical tabs, keeps a tab unless a line break is
# beside it on the right side, and keeps no-break and other Unicode spaces.
_BLANKS = [" ", "  ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\u202f", "\u3000", "\t\n",
           "\n\t", " \t", "\t ", "\t\t", "\n \t"]  # fmt: skip
_AROUND = [blank + text for blank in _BLANKS for text in ("2020-01-01", "2020/2021")] + [
    text + blank for blank in _BLANKS for text in ("2020-01-01", "2020/2021")
]


def generated_values() -> list[str]:
    """The generated date strings, in a fixed order, each once."""
    rng = random.Random(_SEED)
    values = dict.fromkeys(_HANDWRITTEN + _AROUND)
    for text in _UNSPECIFIED:
        for qualifier in _QUALIFIERS[:4]:
            values[text + qualifier] = None
    while len(values) < _COUNT:
        kind = rng.random()
        if kind < 0.45:
            text = _point(rng)
        elif kind < 0.75:
            text = _range(rng)
        elif kind < 0.85:
            text = _other_digits(rng, _point(rng, plain=True))
        else:
            text = _wrapped(rng, _point(rng, plain=rng.random() < 0.7))
        values[text] = None
    return list(values)


def _point(rng: random.Random, plain: bool = False) -> str:
    """A year, month, day, time, zone and qualifier; ``plain``: mostly well formed."""
    if rng.random() < 0.1 and not plain:
        return rng.choice(_UNSPECIFIED) + rng.choice(_QUALIFIERS)
    year = rng.choice(_YEARS[:8] if plain else _YEARS)
    month = rng.choice(_MONTHS[1:6] if plain else _MONTHS)
    day = rng.choice(_DAYS[:5] if plain else _DAYS) if month else ""
    time = zone = ""
    if day and rng.random() < 0.4:
        time = rng.choice(_TIMES[1:3] if plain else _TIMES)
    if rng.random() < (0.3 if time else 0.05):
        zone = rng.choice(_ZONES[1:4] if plain else _ZONES)
    qualifier = rng.choice(_QUALIFIERS) if rng.random() < 0.25 and not plain else ""
    return year + month + day + time + zone + qualifier


def _range(rng: random.Random) -> str:
    """Two ends, mostly in order (a reversed range is one of refcheck's strictnesses)."""
    start, end = _range_end(rng), _range_end(rng)
    if rng.random() < 0.8 and _year_of(start) > _year_of(end) > -(10**6):
        start, end = end, start
    return f"{start}/{end}"


def _range_end(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.1:
        return ""
    if roll < 0.2:
        return ".."
    return _point(rng, plain=rng.random() < 0.6)


def _year_of(text: str) -> int:
    """The year an end starts with, for ordering; very small when there is none."""
    match = re.match(r"Y?(-?[0-9]+)", text)
    return int(match[1]) if match else -(10**7)


def _other_digits(rng: random.Random, text: str) -> str:
    """``text`` with some or all of its digits in another script."""
    digits = rng.choice(list(_OTHER_DIGITS.values()))
    everywhere = rng.random() < 0.5
    return "".join(
        digits[int(char)] if char.isdigit() and (everywhere or rng.random() < 0.3) else char
        for char in text
    )


def _wrapped(rng: random.Random, text: str) -> str:
    """``text`` with spaces, tabs, no-break spaces, braces or another dash."""
    kind = rng.randrange(7)
    if kind == 0:
        return f"{{{text}}}"
    if kind == 1:
        return rng.choice([" ", "  ", "\t", "\u00a0", "\u3000"]) + text
    if kind == 2:
        return text + rng.choice([" ", "\t", "\u00a0", "\u202f"])
    if kind == 3:
        return text.replace("-", rng.choice(["–", "‐", "−", "—"]))
    if kind == 4:
        return text.replace("-", " - ", 1)
    if kind == 5:
        return text.replace("-", "\n", 1) if "-" in text else f"{text}\n"
    return text.upper() if "x" in text else text.lower()


def bib_text(values: list[str]) -> str:
    """One ``@misc`` per value, keyed ``d<index>``, with the value as date and urldate."""
    return "".join(
        f"@misc{{d{index},\n  title = {{T}},\n"
        + "".join(f"  {field} = {{{value}}},\n" for field in FIELDS)
        + "}\n\n"
        for index, value in enumerate(values)
    )


_WARNING = re.compile(r"Entry 'd(\d+)' \(.*?\): Invalid format .* of (?:end )?date field '(\w+)'")
_ENTRY = re.compile(r"@MISC\{d(\d+),\n(.*?)\n\}", re.DOTALL)
# biber's own ISO 8601-2 step, on one value per line: "<start> <end>", each "date", "open"
# (an empty or ".." end), "bad", or "none" (no range).
_PARSE_DATE_RANGE = r"""
use strict; use warnings; use open qw(:std :encoding(UTF-8));
use Biber::Config; use Biber::Utils; use Biber::Constants;
package StubEntry; sub new { bless {}, shift } sub set_field { } package main;
while (my $line = <STDIN>) {
  chomp $line;
  my ($sd, $ed, $sep) = Biber::Utils::parse_date_range(StubEntry->new, '', $line);
  print !defined($sd) ? 'bad' : ($sd ? 'date' : 'open'), ' ',
        !$sep ? 'none' : (!defined($ed) ? 'bad' : ($ed ? 'date' : 'open')), "\n";
}
"""


def biber_verdicts(values: list[str]) -> list[dict[str, object]]:
    """For each value, whether biber reads it as ``date`` and as ``urldate``."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "dates.bib").write_text(bib_text(values), encoding="utf-8")
        run = subprocess.run(
            ["biber", "--tool", "--nolog", "--output-directory", scratch, "dates.bib"],
            cwd=scratch, capture_output=True, text=True, check=True,
        )  # fmt: skip
        written = (folder / "dates_bibertool.bib").read_text(encoding="utf-8")
    warned = {(int(m[1]), m[2]) for m in _WARNING.finditer(run.stdout)}
    kept = {int(m[1]): m[2] for m in _ENTRY.finditer(written)}
    silent = [
        index
        for index in range(len(values))
        for field in FIELDS
        if (index, field) not in warned and not _written(kept.get(index, ""), field)
    ]
    # Text::BibTeX joins lines and trims spaces before biber sees the value.
    has_a_date = _parse_date_range([" ".join(values[index].split()) for index in silent])
    rescued = {index for index, found in zip(silent, has_a_date, strict=True) if found}
    return [
        {"value": value}
        | {
            field: (index, field) not in warned
            and (_written(kept.get(index, ""), field) or index in rescued)
            for field in FIELDS
        }
        for index, value in enumerate(values)
    ]


def _written(body: str, field: str) -> bool:
    prefix = "URL" if field == "urldate" else ""
    return any(
        line.strip().startswith((f"{prefix}DATE =", f"{prefix}ENDYEAR ="))
        for line in body.splitlines()
    )


def _parse_date_range(values: list[str]) -> list[bool]:
    """Whether biber's ``parse_date_range`` finds a date (year 0 included) in each value."""
    if not values:
        return []
    run = subprocess.run(
        ["perl", "-e", _PARSE_DATE_RANGE], input="".join(f"{v}\n" for v in values),
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    verdicts = [line.split() for line in run.stdout.splitlines()]
    return ["bad" not in parts and "date" in parts for parts in verdicts]


def read_table() -> list[dict[str, object]]:
    return [json.loads(line) for line in TABLE.read_text(encoding="utf-8").splitlines()]


def record() -> None:
    rows = biber_verdicts(generated_values())
    TABLE.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    valid = sum(bool(row["date"]) for row in rows)
    print(f"{TABLE}: {len(rows)} values, {valid} valid as date")


_MUTATION_CHARACTERS = "0123456789-/:T Z+~?%X.{}\t\u00a0–٢２Yx,;()tz\u3000\u2212"


def fresh_values(seed: int, mutations: int = 800) -> list[str]:
    """The generator with another seed, plus one-character mutations of its values."""
    global _SEED
    saved, _SEED = _SEED, seed
    try:
        values = generated_values()
    finally:
        _SEED = saved
    rng = random.Random(seed)
    mutated: dict[str, None] = {}
    while len(mutated) < mutations:
        value = rng.choice(values)
        at = rng.randrange(len(value) + 1)
        char = rng.choice(_MUTATION_CHARACTERS)
        roll = rng.random()
        if roll < 0.4:
            value = value[:at] + char + value[at:]
        elif roll < 0.7:
            value = value[:at] + value[at + 1 :]
        else:
            value = value[:at] + char + value[at + 1 :]
        if value.count("{") == value.count("}") and "\n" not in value:
            mutated[value] = None  # balanced braces: the .bib stays one entry per value
    return list(dict.fromkeys(values + list(mutated)))


def fresh(seed: int) -> int:
    from rule_runner import bib, run_rule  # the test helpers: tests/ is on the path
    from test_dates_biber import explained

    values = fresh_values(seed)
    rows = biber_verdicts(values)
    reports = run_rule("date-invalid", bib(bib_text(values)))
    flagged = {(int((r.key or "d0")[1:]), r.message.split(" ", 1)[0]) for r in reports}
    unexplained = [
        f"{field} = {{{row['value']!r}}}: biber {'reads' if row[field] else 'rejects'} it"
        for index, row in enumerate(rows)
        for field in FIELDS
        if ((index, field) not in flagged) != row[field]
        and not explained(str(row["value"]), bool(row[field]))
    ]
    print(f"{len(values)} values, {len(unexplained)} differences no strictness explains")
    print("\n".join(unexplained))
    return 1 if unexplained else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--record"]:
        record()
    elif len(sys.argv) == 3 and sys.argv[1] == "--fresh" and sys.argv[2].isdigit():
        sys.exit(fresh(int(sys.argv[2])))
    else:
        sys.exit(f"usage: {sys.argv[0]} --record | --fresh SEED")
