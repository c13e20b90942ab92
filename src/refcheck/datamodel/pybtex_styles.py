"""Which entry types a pybtex formatting style can format, read from the style class.

pybtex's ``BaseStyle.format_entry`` looks up ``get_<type>_template`` and then
``format_<type>`` on the style; an entry type with neither raises ``AttributeError``
("'Style' object has no attribute 'format_report'"), which sphinxcontrib-bibtex does not
catch, so the Sphinx build stops with a traceback.  The answer here is that lookup,
done on the real style class found through pybtex's plugin registry.
"""

from __future__ import annotations

from functools import lru_cache


class StyleNotFound(Exception):
    """No pybtex formatting style of that name is installed."""


@lru_cache(maxsize=16)
def _style_class(name: str) -> type:
    try:
        from pybtex.plugin import PluginNotFound, find_plugin
    except ImportError as error:  # pybtex is an optional dependency of the linter
        raise StyleNotFound(f"pybtex is not installed ({error})") from None
    try:
        style: type = find_plugin("pybtex.style.formatting", name)
    except PluginNotFound:
        raise StyleNotFound(f"no pybtex formatting style named {name!r}") from None
    return style


def can_format(style: str, entry_type: str) -> bool:
    """True when pybtex style ``style`` has a template or method for ``entry_type``
    (lower-cased, as pybtex stores types); raises StyleNotFound for an unknown style.
    A style that replaces ``format_entry`` itself (as refcheck's ``jawiki`` does) formats
    every type its own way: True."""
    cls = _style_class(style)
    if _dispatches_itself(cls):
        return True
    return hasattr(cls, f"get_{entry_type}_template") or hasattr(cls, f"format_{entry_type}")


def _dispatches_itself(cls: type) -> bool:
    from pybtex.style.formatting import BaseStyle

    return getattr(cls, "format_entry", None) is not BaseStyle.format_entry


def formattable_types(style: str) -> frozenset[str]:
    """Every entry type the style has a template for (for messages)."""
    cls = _style_class(style)
    return frozenset(
        name[len("get_") : -len("_template")]
        for name in dir(cls)
        if name.startswith("get_") and name.endswith("_template")
    )
