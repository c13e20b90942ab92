"""Reading the back-marks ``\\DUrole{backlinks}{...}`` that refcheck.backlinks writes in LaTeX."""

from __future__ import annotations

import re

_OPENING = "\\DUrole{backlinks}{"


def back_marks(latex: str) -> tuple[str, str]:
    """The first block of back-marks as the source prints them ("^ a b"; "" when there is
    none), and ``latex`` without it and the space after it."""
    start = latex.find(_OPENING)
    if start < 0:
        return "", latex
    depth, end = 1, start + len(_OPENING)
    while depth:
        depth += {"{": 1, "}": -1}.get(latex[end], 0)
        end += 1
    marks = re.sub(r"\\hyperlink\{citeref-[a-z0-9-]+\}", "", latex[start + len(_OPENING) : end - 1])
    marks = re.sub(r"\$\^\{\\text\{([a-z]+)\}\}\$", r"\1", marks)
    marks = marks.replace(r"\textasciicircum{}", "^").replace("{", " ").replace("}", " ")
    rest = latex[:start] + latex[end:].removeprefix(" ")
    return " ".join(marks.split()), rest


def without_marks(latex: str) -> str:
    """``latex`` without any block of back-marks."""
    while _OPENING in latex:
        _, latex = back_marks(latex)
    return latex
