"""How back-links read: Wikipedia's "^" and "a b c …", with Japanese labels for screen readers.

>>> [letter(n) for n in (1, 2, 26, 27, 28, 52, 53)]
['a', 'b', 'z', 'aa', 'ab', 'az', 'ba']
>>> aria_label(1, 1)
'本文へ戻る'
>>> aria_label(3, 5)
'本文へ戻る(5か所中3か所目)'
"""

from __future__ import annotations

from refcheck.letters import letter

__all__ = ["CARET", "aria_label", "letter"]

CARET = "^"


def aria_label(number: int, total: int) -> str:
    """What a screen reader says for the link to the number-th of total citing places."""
    if total == 1:
        return "本文へ戻る"
    return f"本文へ戻る({total}か所中{number}か所目)"
