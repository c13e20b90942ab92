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


# What the command line holds until it leaves: see keep_until_exit().
_kept: list[object] = []
_leaving_without_teardown = False


def leave_without_teardown() -> None:
    """Say that this process ends with ``os._exit`` (the command line does): from now on
    :func:`keep_until_exit` holds what it is given instead of letting it be freed."""
    global _leaving_without_teardown
    _leaving_without_teardown = True


def keep_until_exit(thing: object) -> None:
    """Hold ``thing`` (a parsed project, a run's caches) until the process ends, when it
    ends with ``os._exit``.

    Freeing a large project when the function holding it returns takes its million
    objects one by one (11 ms for a 4 MB ``.bib``, more than most rules); the exit gives
    all the memory back at once.  In any other process (Sphinx, the API, tests calling
    ``refcheck.cli.run``) nothing is kept, and everything is freed as usual.
    """
    if _leaving_without_teardown:
        _kept.append(thing)
