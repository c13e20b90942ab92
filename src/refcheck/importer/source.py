"""What the export says about itself: the article and revision, for the ``.bib`` header."""

from __future__ import annotations

import re

# Line 2 of a Japanese Wikipedia text export (Weblio-style mirror):
# 出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2025/04/26 14:11 UTC 版)
_JA_WIKIPEDIA = re.compile(
    r"出典:\s*フリー百科事典『ウィキペディア\(Wikipedia\)』\s*\((?P<revision>[^()]+?)\s*版\)"
)


def describe_source(text: str, name: str) -> list[str]:
    """Header lines naming the source: file, article, revision and licence where known."""
    lines = text.splitlines()
    header = [f"Imported from {name} by `refcheck import`."]
    if len(lines) >= 2 and (match := _JA_WIKIPEDIA.search(lines[1])):
        header += [
            f"Source: Japanese Wikipedia, 「{lines[0].strip()}」,"
            f" revision {match.group('revision')}.",
            "Wikipedia text is licensed CC BY-SA 4.0"
            " (https://creativecommons.org/licenses/by-sa/4.0/).",
        ]
    return header
