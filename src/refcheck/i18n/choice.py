"""Which language a ``refcheck check`` run speaks.

English unless asked otherwise, whatever LANG says: CI logs, bug reports and the tests
read the same text everywhere, and people who want another language say so once, in
``[tool.refcheck] language`` or REFCHECK_LANG, or per run with ``--lang``.  The machine
formats (JSON, SARIF) are always English: programs read them, SARIF's fingerprints are
made from the message, and a baseline must not change when a colleague's setting does.
"""

from __future__ import annotations

import os

from refcheck.i18n import SOURCE_LANGUAGE, UnknownLanguage, available_languages, resolve_language

ENVIRONMENT_VARIABLE = "REFCHECK_LANG"
ENGLISH_ONLY_FORMATS = frozenset({"json", "sarif"})


def chosen_language(option: str | None, configured: str | None, output_format: str) -> str:
    """The language of this run: ``--lang``, then REFCHECK_LANG, then the configuration's
    ``language``, then English; English for JSON and SARIF.

    A language without messages raises ``UnknownLanguage`` (a ValueError) naming where it
    was asked for and the languages there are.  ``configured`` has been checked when the
    configuration was read.
    """
    environment = os.environ.get(ENVIRONMENT_VARIABLE, "").strip() or None
    for source, asked in (("--lang", option), (ENVIRONMENT_VARIABLE, environment)):
        if asked is not None:
            language = resolve_language(asked)
            if language is None:
                raise UnknownLanguage(asked, f"{source} {asked!r}")
            break
    else:
        language = resolve_language(configured) or SOURCE_LANGUAGE
    if output_format in ENGLISH_ONLY_FORMATS:
        return SOURCE_LANGUAGE
    return language


def language_help() -> str:
    names = ", ".join(available_languages())
    return (
        f"language of the messages: {names} (default: {ENVIRONMENT_VARIABLE}, else language "
        "of [tool.refcheck], else en; json and sarif are always en)"
    )
