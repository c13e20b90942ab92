"""refcheck's messages in the reader's language: gettext catalogues of domain ``refcheck``.

English is the source language: every message is written in English in the code, marked
with ``_()`` (or ``ngettext()`` when it counts something, ``N_()`` when it is translated
later, where it is shown), and the English text is the catalogue's msgid.  A message with
values is a ``str.format`` template with named placeholders, formatted after the lookup::

    from refcheck.i18n import _, ngettext

    _("{name} is empty: remove it").format(name=field.name)
    ngettext("{n} entry", "{n} entries", count).format(n=count)

The language is chosen per run, not per process: ``use_language("ja")`` around a run of
the rules and the formatting of their output (the CLI's ``--lang``, the Sphinx project's
``language``).  Without one, or for English, a lookup returns the msgid itself, so an
English run does no catalogue work at all.

The catalogues live in ``locale/<lang>/LC_MESSAGES/refcheck.po`` with the compiled
``refcheck.mo`` next to it (committed, so that ``pip install .`` and the checkout both work
without a build step; ``tools/i18n.py`` extracts, updates and compiles them and the tests
fail when a ``.mo`` is stale); ``locale/refcheck.pot`` is the template extracted from the
source.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    import gettext

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "N_",
    "Message",
    "UnknownLanguage",
    "_",
    "activate",
    "active_language",
    "available_languages",
    "ngettext",
    "resolve_language",
    "translated",
    "use_language",
]

DOMAIN = "refcheck"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"

# The catalogue of this run's language; None for English (the msgids are the English text).
# A context variable rather than a module global: two threads (or two Sphinx projects in one
# test process) may check in different languages at once.
_ACTIVE: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar(
    "refcheck_language", default=None
)


class UnknownLanguage(ValueError):
    """A language refcheck has no messages for; the message names the available ones."""

    def __init__(self, name: str, where: str = "") -> None:
        self.name = name
        available = ", ".join(available_languages())
        asked = where or f"language {name!r}"
        super().__init__(f"{asked}: refcheck has no messages in it (available: {available})")


def _(message: str) -> str:
    """``message`` (its English text) in the active language."""
    active = _ACTIVE.get()
    if active is None or not message:  # gettext("") would be the catalogue's header
        return message
    return active[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for ``n`` in the active language (English: one/other)."""
    active = _ACTIVE.get()
    if active is None:
        return singular if n == 1 else plural
    return active[1].ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it: it is kept (in a table,
    as a constant) in English and translated with ``_()`` where it is shown."""
    return message


class Message:
    """A message worded when it is shown: an English ``N_()`` template and its values.

    For what is made once and shown in several runs (cached parses): ``str()`` is the
    English text, ``translated()`` the text in the active language.  A value may itself be
    a ``Message`` (a reason inside a reason); such a value takes no conversion (``!r``).
    """

    __slots__ = ("template", "values")

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values

    def __str__(self) -> str:
        return self.template.format_map({k: str(v) for k, v in self.values.items()})

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Message)
            and other.template == self.template
            and other.values == self.values
        )

    def __hash__(self) -> int:
        return hash((self.template, tuple(sorted(self.values.items(), key=lambda kv: kv[0]))))

    def translated(self) -> str:
        values = {
            name: value.translated() if isinstance(value, Message) else value
            for name, value in self.values.items()
        }
        return _(self.template).format_map(values)


def translated(message: str | Message) -> str:
    """``message`` in the active language: a ``Message`` worded, a marked string looked up."""
    return message.translated() if isinstance(message, Message) else _(message)


def active_language() -> str:
    """The language messages are given in now ("en" unless a ``use_language`` is in force)."""
    active = _ACTIVE.get()
    return SOURCE_LANGUAGE if active is None else active[0]


@cache
def available_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue, English first."""
    found = sorted(
        folder.name
        for folder in LOCALE_DIR.iterdir()
        if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    )
    return (SOURCE_LANGUAGE, *(name for name in found if name != SOURCE_LANGUAGE))


def resolve_language(name: str | None) -> str | None:
    """The available language ``name`` asks for, or None.

    Accepts what people and tools write for a language: ``ja``, ``JA``, ``ja_JP``,
    ``ja-JP``, ``ja_JP.UTF-8`` (a POSIX locale name, as in LANG); the region is dropped
    when only the language has a catalogue.  None or "" is English.
    """
    if not name:
        return SOURCE_LANGUAGE
    tag = name.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if tag in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    language, _sep, region = tag.partition("_")
    language = language.lower()
    candidates = [f"{language}_{region.upper()}", language] if region else [language]
    available = available_languages()
    return next((c for c in candidates if c in available), None)


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    import gettext  # only when a language other than English is asked for

    return gettext.translation(DOMAIN, LOCALE_DIR, [language])


def _translations_for(
    language: str | None, strict: bool
) -> tuple[str, gettext.NullTranslations] | None:
    resolved = resolve_language(language)
    if resolved is None:
        if strict:
            raise UnknownLanguage(str(language))
        resolved = SOURCE_LANGUAGE
    return None if resolved == SOURCE_LANGUAGE else (resolved, _catalogue(resolved))


def activate(language: str | None) -> str:
    """Give messages in ``language`` from now on in this context; returns the language.

    For a command that runs in a context of its own (``refcheck.cli.run`` runs each in a
    copy of the caller's), so that the choice ends with it; elsewhere use ``use_language``.
    Raises ``UnknownLanguage`` for a language without messages.
    """
    active = _translations_for(language, strict=True)
    _ACTIVE.set(active)
    return SOURCE_LANGUAGE if active is None else active[0]


@contextmanager
def use_language(language: str | None, *, strict: bool = True) -> Iterator[str]:
    """Give messages in ``language`` within the block; yields the language used.

    An unknown language raises ``UnknownLanguage`` (naming those there are), or with
    ``strict=False`` falls back to English: a Sphinx project in a language refcheck has no
    messages for still builds, in English.
    """
    active = _translations_for(language, strict)
    token = _ACTIVE.set(active)
    try:
        yield SOURCE_LANGUAGE if active is None else active[0]
    finally:
        _ACTIVE.reset(token)
