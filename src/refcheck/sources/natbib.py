"""Citations as the older sphinx-natbib extension reads them (Weston Nielson's
``sphinxcontrib.natbib``, kept patched in sphinxcontrib-bibtex's tests as ``test.natbib``).

Its roles are ``:cite:p:``, ``:cite:t:``, ``:cite:title:`` and the others of ``ROLES``;
the body is ``key1,key2 [pre][post]``: split on commas, each part stripped and cut at
its first space, the key before it and bracketed pre- and post-text after it.  So
``:cite:p:`joyce:1999 [see][p. 20]``` cites ``joyce:1999``; sphinxcontrib-bibtex's own
``{pre}key{post}`` syntax is not natbib's (there ``{see}a`` is one key).
"""

from __future__ import annotations

from collections.abc import Iterator

# sphinx-natbib's ROLES, under its "cite" domain.
ROLES = frozenset(
    f"cite:{name}"
    for name in (
        "p", "ps", "alp", "alps", "t", "ts", "alt", "alts", "author", "authors", "year",
        "yearpar", "text", "title",
    )
)  # fmt: skip


def is_natbib_extension(name: str) -> bool:
    """Whether a Sphinx extension module is sphinx-natbib (under any package name)."""
    return name == "natbib" or name.endswith(".natbib")


def natbib_keys(body: str) -> Iterator[tuple[str, int]]:
    """``(key, offset in body)`` for each key of a sphinx-natbib role body."""
    start = 0
    for part in body.split(","):
        # str.strip(), then split(" ", 1): the key ends at the first space.
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        key = stripped.split(" ", 1)[0]
        if key:
            yield key, start + lead
        start += len(part) + 1
