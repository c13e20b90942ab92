"""``--show-files`` and ``--show-settings``: what discovery found, and where from (as ruff's)."""

from __future__ import annotations

from refcheck.engine import display_path
from refcheck.escaping import escape_visible
from refcheck.project.layout import Layout
from refcheck.project.pyliteral import Opaque

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


def readable(layout: Layout, path: Path) -> bool:
    """Whether refcheck has a reader for this document's kind."""
    return layout.kind_of(path) is not None


def show_files(layout: Layout) -> str:
    """One line per file: ``bib``/``doc``, the path; bibs first, in the order they are read."""
    lines = [f"bib  {_path(p)}" for p in layout.bibs]
    for doc in layout.docs:
        note = (
            ""
            if readable(layout, doc)
            else f"  (not read: no reader for {doc.suffix or 'this kind'})"
        )
        lines.append(f"doc  {_path(doc)}{note}")
    lines += [
        f"doc  {_path(p)}  (not read: no reader for {p.suffix or 'this kind'})"
        for p in layout.not_read
    ]
    return "".join(line + "\n" for line in lines)


def show_settings(layout: Layout) -> str:
    configs = ", ".join(_path(p) for p in layout.config_files) or "none"
    read = sum(1 for d in layout.docs if readable(layout, d))
    lines = [
        f"project: {layout.kind} ({_path(layout.root)})",
        f"configuration: {configs}",
        f"documents: {len(layout.docs)} ({read} read, {len(layout.docs) - read} without a reader)",
        "bibliographies, in the order they are read:",
        *(f"  {_path(p)}" for p in layout.bibs),
        f"bib encoding: {layout.bib_encoding or 'UTF-8, else a guess'}",
        "settings:",
    ]
    for setting in layout.settings.values():
        lines.append(f"  {setting.name} = {_value(setting.value)}  # {setting.origin}")
    if layout.problems:
        lines.append("problems:")
        for problem in layout.problems:
            where = problem.location
            lines.append(f"  {where.path}:{where.line}: [{problem.rule}] {problem.message}")
    return "".join(escape_visible(line) + "\n" for line in lines)


def _value(value: Any) -> str:
    """A setting's value as Python would print it, unreadable parts as <unreadable: why>."""
    if isinstance(value, Opaque):
        return f"<unreadable: {value.reason}>"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_value(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _path(path: Path) -> str:
    return escape_visible(display_path(path))
