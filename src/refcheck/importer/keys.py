"""Citation keys: readable, stable (same input, same keys) and unique.

Scheme: ``<outlet>-<date>``, e.g. ``asahi-2024-10-30``.

- ``<outlet>`` is the work's slug: looked up in ``tables.OUTLET_SLUGS`` (well-known
  non-ASCII outlets: 日本放送協会 → ``nhk``); else the work itself slugified when it is
  ASCII after NFKC (``PRESIDENT online`` → ``president-online``, ``istories.media`` →
  ``istories-media``); else, for an unknown non-ASCII work, ``work-`` and the first six hex
  digits of the SHA-1 of its NFKC form (stable, never a transliteration guess). Without a
  work, the author (then the publisher) stands in; without any, ``ref``.
- ``<date>`` is the ISO publication date as the source states it, or ``undated``.
- Entries that would share a key all get a letter in source order:
  ``nhk-2024-10-24a``, ``nhk-2024-10-24b`` (after ``z`` come ``aa``, ``ab``, …).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from refcheck.importer.model import Reference
from refcheck.importer.tables import OUTLET_SLUGS
from refcheck.letters import letter

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """The outlet part of a key for a work (or author) name; see the module docstring."""
    normal = unicodedata.normalize("NFKC", name).strip()
    if normal in OUTLET_SLUGS:
        return OUTLET_SLUGS[normal]
    if normal.isascii():
        slug = _NON_ALNUM.sub("-", normal.lower()).strip("-")
        if slug:
            return slug
    digest = hashlib.sha1(normal.encode("utf-8")).hexdigest()[:6]
    return f"work-{digest}"


def base_key(reference: Reference) -> str:
    name = reference.work or reference.author or reference.publisher
    outlet = slugify(name) if name else "ref"
    return f"{outlet}-{reference.date or 'undated'}"


def assign_keys(references: Sequence[Reference]) -> list[str]:
    """One unique key per reference, in the same order."""
    bases = [base_key(reference) for reference in references]
    totals = Counter(bases)
    seen: Counter[str] = Counter()
    keys = []
    for base in bases:
        if totals[base] == 1:
            keys.append(base)
        else:
            keys.append(base + letter(seen[base] + 1))
            seen[base] += 1
    # No suffixed key can equal a plain one: a plain key ends in a digit or "undated".
    return keys
