"""The text report's concise view (see :mod:`refcheck.output.text_format`)."""

from __future__ import annotations

from refcheck.engine import CheckResult
from refcheck.output import text_format


def render(result: CheckResult, *, statistics: bool = False, quiet: bool = False) -> str:
    return text_format.render(result, statistics=statistics, quiet=quiet, view="concise")
