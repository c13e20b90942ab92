"""The article's body against its reference list: every ``[n]`` needs its reference.

An export cut at a line boundary loses the end of the list silently; the body's markers
still say how many references there were. Markers are ``[12]`` (the main list), ``[注 3]``,
``[† 1]`` or ``[a]`` (note groups). Each marker label is paired with one group of the list:
the plain numbers with the sources group (出典, References …, else the last group), a
labelled family with the group of its size, else with the other groups in order. The
scan is one pass of a regex without nested quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from refcheck.importer.model import ImportNotice, RawReference, Reference
from refcheck.letters import letter

_MARKER = re.compile(
    r"\[(?:(?P<label>[^\[\]\s0-9]{1,4}) ?)?(?P<number>[0-9]{1,4})\]|\[(?P<alpha>[a-z]{1,2})\]"
)
_SOURCE_HEADINGS = ("出典", "脚注", "References", "Citations", "Sources", "引用", "参照")
_ALPHA = {letter(n): n for n in range(1, 703)}
# How a reference's text ends when it is whole: a full stop, a closing bracket or a digit.
_WHOLE_END = tuple("。.)）」』]】〉》!?！？") + tuple("0123456789")


@dataclass
class _Cited:
    numbers: set[int] = field(default_factory=set)
    first_line: dict[int, int] = field(default_factory=dict)

    def add(self, number: int, line: int) -> None:
        self.numbers.add(number)
        self.first_line.setdefault(number, line)


def body_markers(lines: Sequence[str]) -> dict[str, _Cited]:
    """Marker label ("" for plain numbers, "alpha" for [a]) → the numbers cited, with lines."""
    cited: dict[str, _Cited] = {}
    for index, line in enumerate(lines):
        line = line.replace("\\[", "[").replace("\\]", "]")  # Markdown's [\[1\]](#cite_note-1)
        for match in _MARKER.finditer(line):
            if match.group("alpha"):
                label, number = "alpha", _ALPHA.get(match.group("alpha"), 0)
            else:
                label, number = match.group("label") or "", int(match.group("number"))
            if number:
                cited.setdefault(label, _Cited()).add(number, index + 1)
    return cited


def group_sizes(references: Sequence[RawReference | Reference]) -> dict[str | None, int]:
    """Each group of the list and its highest reference number."""
    sizes: dict[str | None, int] = {}
    for reference in references:
        sizes[reference.group] = max(sizes.get(reference.group, 0), reference.number)
    return sizes


def pair_labels(cited: dict[str, _Cited], sizes: dict[str | None, int]) -> dict[str, str | None]:
    """Each marker label's group. The plain numbers go with the sources group; a labelled
    family goes with the group whose size is its highest number (Wikipedia prints no group
    label in the list, so ``[† 17]`` belongs to the group of 17 notes), else the next left."""
    groups = list(sizes)
    labels = sorted(cited)
    if len(groups) == 1:
        sole = "" if "" in labels else (labels[0] if labels else "")
        return {sole: groups[0]}
    pairs: dict[str, str | None] = {}
    remaining = list(groups)
    if "" in labels:
        sources = [g for g in remaining if g is not None and g.startswith(_SOURCE_HEADINGS)]
        main = sources[0] if sources else remaining[-1]
        pairs[""] = main
        remaining.remove(main)
    labelled = [label for label in labels if label]
    for label in list(labelled):
        highest = max(cited[label].numbers)
        same_size = [group for group in remaining if sizes[group] == highest]
        if same_size:
            pairs[label] = same_size[0]
            remaining.remove(same_size[0])
            labelled.remove(label)
    for label in labelled:
        if remaining:
            pairs[label] = remaining.pop(0)
    return pairs


def _year_like(number: int, have: int) -> bool:
    """``[1990]`` in a body is a year in brackets, not the 1990th reference of a short list."""
    return 1000 <= number <= 2100 and number > 3 * have


def check_against_body(text: str, references: Sequence[RawReference]) -> list[ImportNotice]:
    """Markers without their reference (a cut export) and a last reference cut short."""
    if not references:
        return []
    lines = text.splitlines()
    cited = body_markers(lines[: references[0].line - 1])
    sizes = group_sizes(references)
    notices = []
    for label, group in pair_labels(cited, sizes).items():
        if label not in cited:
            continue
        have = sizes[group]
        missing = sorted(n for n in cited[label].numbers if n > have and not _year_like(n, have))
        if missing:
            shown = f"[{label} {missing[0]}]" if label and label != "alpha" else f"[{missing[0]}]"
            where = f"the list {group}" if group else "the list"
            notices.append(
                ImportNotice(
                    cited[label].first_line[missing[0]],
                    f"the body cites {shown} but {where} has only {have} references"
                    f" ({len(missing)} cited numbers have none): the export looks cut",
                )
            )
    last = references[-1]
    after = [line for line in lines[last.line :] if line.strip()]
    if not after and not last.flag and not last.text.rstrip().endswith(_WHOLE_END):
        notices.append(
            ImportNotice(
                last.line,
                f"the export ends inside reference [{last.number}] (its text stops short):"
                " the export looks cut",
            )
        )
    return notices
