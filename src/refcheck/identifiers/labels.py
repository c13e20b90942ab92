"""Labels people write in front of an identifier ("ISBN", "doi:", "PMID:").

Stripped in a loop over positions, not by recursion or slicing: a value may repeat its
label thousands of times (hostile or broken input), and each repetition must cost
neither a stack frame nor a copy of the rest.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s*")


def strip_labels(text: str, label: re.Pattern[str]) -> tuple[str, str | None]:
    """``text`` without the labels ``label`` matches at its start (as long as something
    follows them), and the first label found (None when there was none)."""
    first: str | None = None
    position = 0
    while True:
        match = label.match(text, position)
        if match is None or match.end() >= len(text):
            return (text[position:] if position else text), first
        if first is None:
            first = match.group()
        space = _SPACES.match(text, match.end())
        position = space.end() if space is not None else match.end()
