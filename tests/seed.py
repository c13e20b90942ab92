"""A small, independent reader of the source article's plain-text export.

It knows the export's shape, not its content: a title line, a "出典: …" line, stray infobox
rows (lines with table pipes), the body (headings and paragraphs), the reference list
("- ^ …" lines, with Wikipedia maintenance flags glued between references), and a trailing
"関連項目" section. The tests compare the book against what this reader finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

MARKER = re.compile(r"\[(\d+)\]")
REFERENCE_START = "- ^ "
# "a b c " back-letters that link a reference to its several uses in the body.
BACK_LETTERS = re.compile(r"^(?:[a-z] )+")
FLAG_END = "⚠ "


@dataclass
class Paragraph:
    text: str
    line: int

    @property
    def markers(self) -> list[int]:
        return [int(number) for number in MARKER.findall(self.text)]

    @property
    def sentences(self) -> list[str]:
        return split_sentences(self.text)


@dataclass
class Section:
    heading: str | None  # None for the lead
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Reference:
    number: int
    text: str  # as displayed, without "^" and back-letters
    line: int
    flag: str | None = None  # maintenance-flag text that follows it in the export
    backlinks: str = "^"  # what precedes the text: "^", or "^ a b c" when cited 3 times


@dataclass
class Seed:
    title: str
    revision_line: str
    sections: list[Section]
    notes_headings: list[str]  # headings above the reference list (脚注, 出典)
    references: list[Reference]
    debris: list[str]  # lines of the export that are not article content

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p.sentences]


def split_sentences(text: str) -> list[str]:
    """Split after each "。"; a citation marker right after it stays with its sentence."""
    pieces = re.split(r"(?<=。)(?!\[\d+\])", text)
    return [piece.strip() for piece in pieces if piece.strip()]


def is_heading(line: str) -> bool:
    return not line.endswith("。") and "[" not in line and "|" not in line and len(line) < 40


def read_seed(path: Path) -> Seed:
    lines = path.read_text(encoding="utf-8").splitlines()
    title, revision_line = lines[0].strip(), lines[1].strip()
    debris: list[str] = []
    index = 2
    while index < len(lines) and ("|" in lines[index] or not lines[index].strip()):
        if lines[index].strip():
            debris.append(lines[index].strip())
        index += 1

    reference_start = next(i for i, line in enumerate(lines) if line.startswith(REFERENCE_START))
    body_end = reference_start
    notes_headings: list[str] = []
    while body_end > index and is_heading(lines[body_end - 1].strip()):
        body_end -= 1
        notes_headings.insert(0, lines[body_end].strip())

    sections = [Section(heading=None, line=index + 1)]
    for number in range(index, body_end):
        line = lines[number].strip()
        if not line:
            continue
        if is_heading(line):
            sections.append(Section(heading=line, line=number + 1))
        else:
            sections[-1].paragraphs.append(Paragraph(line, number + 1))

    references, tail_start, flags = read_references(lines, reference_start)
    debris.extend(flags)
    debris.extend(line.strip() for line in lines[tail_start:] if line.strip())
    return Seed(title, revision_line, sections, notes_headings, references, debris)


def read_references(lines: list[str], start: int) -> tuple[list[Reference], int, list[str]]:
    """Read "- ^" lines; a flag runs over several lines and ends glued to the next reference."""
    references: list[Reference] = []
    flag_lines: list[str] = []
    flags: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if line.startswith(REFERENCE_START):
            text = line
        elif flag_lines or line.startswith("{{"):
            if FLAG_END + REFERENCE_START not in line:
                flag_lines.append(line)
                index += 1
                continue
            flag_tail, text = line.split(FLAG_END + REFERENCE_START, 1)
            flag = "\n".join([*flag_lines, flag_tail + FLAG_END.strip()])
            references[-1].flag = flag
            flags.extend(flag.splitlines())
            flag_lines = []
            text = REFERENCE_START + text
        else:
            break
        after_caret = text[len(REFERENCE_START) :]
        letters = BACK_LETTERS.match(after_caret)
        body = after_caret[letters.end() if letters else 0 :].strip()
        backlinks = " ".join(["^", *(letters.group().split() if letters else [])])
        references.append(Reference(len(references) + 1, body, index + 1, backlinks=backlinks))
        index += 1
    if flag_lines:  # a flag after the last reference
        references[-1].flag = "\n".join(flag_lines)
        flags.extend(flag_lines)
    return references, index, flags
