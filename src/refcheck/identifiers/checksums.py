"""The check digits of ISBN-10 and ISSN (weighted sums modulo 11) and of ISBN-13 and
ISMN (EAN-13: weights 1 and 3, modulo 10)."""

from __future__ import annotations


def mod11_valid(digits: str) -> bool:
    """True when ``digits`` (an ISBN-10 or an ISSN, with its check digit, ``X`` = 10)
    has a weighted sum divisible by 11."""
    weight = len(digits)
    total = 0
    for char in digits:
        total += (10 if char == "X" else int(char)) * weight
        weight -= 1
    return total % 11 == 0


def ean13_valid(digits: str) -> bool:
    """True when the 13 ``digits`` (an ISBN-13 or an ISMN) carry a right check digit."""
    total = sum(int(char) * (3 if index % 2 else 1) for index, char in enumerate(digits))
    return total % 10 == 0
