"""Python's cyclic garbage collector, paused around work that makes no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Turn the cyclic collector off for the block, and back on after it if it was on.

    Parsing a large file and running the rules make millions of small objects that form
    no cycles; the collector's full passes over them grow with the heap (the
    near-duplicate rule took 2.0 s instead of 1.1 s on 60,000 entries) and free nothing.
    Reference counting still frees everything as usual.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
