"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``.

Each finding is exactly one line.  Escaping follows the runner's rules (``%`` -> ``%25``,
CR -> ``%0D``, LF -> ``%0A``; in properties also ``:`` -> ``%3A`` and ``,`` -> ``%2C``);
other control characters are shown as visible escapes first, so nothing read from a file
can end the line or start a command of its own.
"""

from __future__ import annotations

from refcheck.engine import CheckResult
from refcheck.i18n import _
from refcheck.model import Severity
from refcheck.output import escape_visible

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    text = escape_visible(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult, *, statistics: bool = False, quiet: bool = False) -> str:
    lines = []
    for f in result.findings:
        properties = ",".join(
            [
                f"file={escape_property(f.path)}",
                f"line={f.line}",
                f"col={f.col}",
                f"title={escape_property(f'{f.code} [{f.rule}]')}",
            ]
        )
        message = f.message
        if f.related:
            places = "; ".join(f"{r.path}:{r.line}:{r.col}" for r in f.related)
            message += _(" (see {places})").format(places=places)
        lines.append(f"::{COMMAND[f.severity]} {properties}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
