"""Wikipedia's lettering of repeats: a … z, then aa, ab … (back-links, key suffixes).

>>> [letter(n) for n in (1, 2, 26, 27, 28, 52, 53, 703)]
['a', 'b', 'z', 'aa', 'ab', 'az', 'ba', 'aaa']
"""

from __future__ import annotations

from string import ascii_lowercase


def letter(number: int) -> str:
    """The letter of the number-th item, counted from 1."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, len(ascii_lowercase))
        letters = ascii_lowercase[rest] + letters
    return letters
