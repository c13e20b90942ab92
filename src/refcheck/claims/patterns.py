"""The date expressions of Japanese and English prose, as raw matches.

A ``RawDate`` says what the words give (a year, a month, a day, a part of a month, or a
reference such as 同日 / "the next day"); ``refcheck.claims.dates`` resolves it against
the preceding text.  Durations (3日間, 30 days), ages and birth years (2005年生まれ,
born in 2005), ordinals (第3日), planned dates and limits (…日に予定, …まで, by …) are
not event dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from refcheck.dates.months import month_number

# Full-width digits read as ASCII; same length, so offsets stay valid.
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# First day of a part of a month: the earliest day the words can mean.
PART_START = {
    "上旬": 1, "初旬": 1, "初め": 1, "はじめ": 1, "中旬": 11, "下旬": 21, "末": 21,
    "early": 1, "beginning of": 1, "the beginning of": 1, "mid": 11, "late": 21,
    "end of": 21, "the end of": 21,
}  # fmt: skip
ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925}
# Relative words -> (unit, offset) from the date in context.
RELATIVE = {
    "同日": ("day", 0), "翌日": ("day", 1), "前日": ("day", -1),
    "同月": ("month", 0), "翌月": ("month", 1), "前月": ("month", -1),
    "同年": ("year", 0), "翌年": ("year", 1), "前年": ("year", -1),
    "the same day": ("day", 0), "that day": ("day", 0), "later that day": ("day", 0),
    "the next day": ("day", 1), "the following day": ("day", 1), "the day after": ("day", 1),
    "the day before": ("day", -1), "the previous day": ("day", -1),
    "the preceding day": ("day", -1),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RawDate:
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None  # 中旬, late, ...: the month is known only in part
    relative: str | None = None  # a RELATIVE word; year/month/day then come after it
    next_day: bool = False  # 翌5日: the next day numbered 5 after the context
    approximate: bool = False  # 頃, around: the day (or month) is not meant exactly
    event: bool = True  # False for births and planned dates: never a claim, no context


_Q = r"(?P<qual>頃|ごろ|ころ|前後)?"
_PART_JA = r"(?P<part>上旬|初旬|初め|はじめ|中旬|下旬|末)?"
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_ORD = r"(?:st|nd|rd|th)?"
_PART_EN = r"(?:(?P<part>early|mid|late|the end of|end of|the beginning of|beginning of)[\s-]+)"
_NOT_DURATION_JA = (
    r"(?!間|以内|以上|以下|未満|後|前|目|分|余|超|程度|ほど|あまり|連続|ぶり|弱|強|足らず"
    r"|おき|ごと|毎|あたり|当たり)"
)

_PATTERNS = [
    re.compile(p)
    for p in (
        # Japanese, most specific first
        r"(?P<era>令和|平成|昭和)(?P<ey>\d{1,2}|元)年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?"
        + _PART_JA
        + _Q,
        r"(?<!\d)(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日" + _Q,
        r"(?<!\d)(?P<y>\d{4})年(?P<m>\d{1,2})月(?!間|\d)" + _PART_JA + _Q,
        r"(?P<rel>同年|翌年|前年)(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?" + _PART_JA + _Q,
        r"(?P<rel>同月|翌月|前月)(?:(?P<d>\d{1,2})日)?" + _PART_JA + _Q,
        r"(?P<rel>同日|翌日|前日)",
        r"翌(?P<nd>\d{1,2})日",
        r"(?<![\d年/.])(?P<m>\d{1,2})月(?P<d>\d{1,2})日" + _NOT_DURATION_JA + _Q,
        r"(?<![\d年/.])(?P<m>\d{1,2})月(?!間|\d)" + _PART_JA + _Q,
        r"(?<![\d.,~〜～\-－–/約数第毎同翌前月])(?P<d>\d{1,2})日" + _NOT_DURATION_JA + _Q,
        r"(?<![\d.,~〜～\-－–/約数第])(?P<y>\d{4})年"
        r"(?!\d|代|度|生|間|前|後|ぶり|目|以上|以下|未満|あまり|余|超|半)",
        # English
        r"\b(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>\d{4})\b",
        _MON + r"\s+(?P<d>\d{1,2})" + _ORD + r",?\s+(?P<y>\d{4})\b",
        r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b",
        r"\b" + _PART_EN + "?" + _MON + r",?\s+(?P<y>\d{4})\b",
        r"\b(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MON + r"(?!\w)",
        _MON + r"\s+(?P<d>\d{1,2})" + _ORD + r"\b(?!\s*[-–:]\s*\d)",
        r"\b" + _PART_EN + _MON + r"(?!\w)",
        r"\b(?:in|since|during|from|until|of)\s+" + _MON + r"(?!\w|\s+\d)",
        r"(?i:\b(?P<rel>the same day|later that day|that day|the next day|the following day"
        r"|the day after|the day before|the previous day|the preceding day)\b)",
        r"\b(?:in|since|during|from|early|mid|late|mid-)\s*(?P<y>\d{4})\b(?!\s*[-–/]\s*\d)",
    )
]

_BIRTH_AFTER = re.compile(r"\s*(?:に|の)?\s*(?:生まれ|生|出生|誕生)")
_BIRTH_BEFORE = re.compile(r"(?:born|birth|b\.)\s*(?:on|in)?\s*$|生年月日\s*[:：は]?\s*$", re.I)
# Planned dates and limits ("…に予定", "…まで", "by …", "until …") are not events.
_PLANNED_AFTER = re.compile(r"\s*(?:に|で)?\s*(?:予定|見込み|見通し)|\s*まで")
_PLANNED_BEFORE = re.compile(
    r"(?:scheduled|planned|due|expected|set|slated)\s+(?:for|on|to|in)\s*$"
    r"|\bwill\b[^.]{0,30}$|\bby\s*$|\bbefore\s*$|\buntil\s*$",
    re.I,
)
_APPROX_BEFORE = re.compile(
    r"(?:around|about|circa|c\.|approximately|roughly|some time in|sometime in)\s*$", re.I
)


def find_raw_dates(text: str) -> Iterator[RawDate]:
    """Every date expression of ``text``, in order, without overlaps."""
    text = text.translate(_DIGITS)
    matches: list[re.Match[str]] = []
    for pattern in _PATTERNS:
        matches.extend(pattern.finditer(text))
    # Leftmost first; at one place, the longest (most specific) match wins.
    matches.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
    taken_until = -1
    for match in matches:
        if match.start() < taken_until:
            continue
        raw = _raw_date(match, text)
        if raw is not None:
            taken_until = match.end()
            yield raw


def _raw_date(match: re.Match[str], text: str) -> RawDate | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    year = int(groups["y"]) if "y" in groups else None
    if "era" in groups:
        era_year = 1 if groups["ey"] == "元" else int(groups["ey"])
        year = ERA_BASE[groups["era"]] + era_year
    month = int(groups["m"]) if "m" in groups else None
    if "mon" in groups:
        month = month_number(groups["mon"])
    day = int(groups["d"]) if "d" in groups else None
    if "nd" in groups:
        day = int(groups["nd"])
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 12]
    birth = bool(_BIRTH_AFTER.match(after) or _BIRTH_BEFORE.search(before))
    planned = bool(_PLANNED_AFTER.match(after) or _PLANNED_BEFORE.search(before))
    relative = groups.get("rel")
    return RawDate(
        start=match.start(),
        end=match.end(),
        year=year,
        month=month,
        day=day,
        part=groups.get("part"),
        relative=relative.lower() if relative else None,
        next_day="nd" in groups,
        approximate="qual" in groups or bool(_APPROX_BEFORE.search(before)),
        event=not (birth or planned),
    )
