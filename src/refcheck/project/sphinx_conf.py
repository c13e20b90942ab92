"""A Sphinx project, from its ``conf.py`` read without running it."""

from __future__ import annotations

from pathlib import Path

from refcheck.i18n import _
from refcheck.project.layout import UNREADABLE_SETTING, Layout
from refcheck.project.pyliteral import NOT_SET, Opaque, read_module
from refcheck.project.sphinx_settings import RawSetting, apply_sphinx


def conf_py_settings(layout: Layout, conf: Path) -> dict[str, RawSetting]:
    """Every top-level name of ``conf`` as a raw setting; a file that does not parse is
    reported and gives none."""
    from refcheck.files import describe_os_error, read_regular_file

    try:
        text = read_regular_file(conf).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        why = describe_os_error(exc, "conf.py") if isinstance(exc, OSError) else _("not UTF-8 text")
        message = _("no setting could be read: {reason}; using Sphinx's defaults")
        layout.problem(UNREADABLE_SETTING, conf, 1, message.format(reason=why))
        return {}
    module = read_module(text, conf.name)
    if module.error:
        layout.problem(
            UNREADABLE_SETTING,
            conf,
            module.error_line,
            _("no setting could be read: {reason}; using Sphinx's defaults").format(
                reason=module.error
            ),
        )
        return {}
    raw = {
        name: RawSetting(
            held.value,
            conf,
            held.line,
            held.conditional,
            before=None if held.before is NOT_SET else held.before,
        )
        for name, held in module.names.items()
    }
    for line, what in module.dynamic[:1]:
        missing = "bibtex_bibfiles" not in raw
        unknown = "extensions" not in raw
        if unknown:
            layout.sources_unknown = f"{conf.name} sets names at run time ({what}, line {line})"
        layout.problem(
            UNREADABLE_SETTING,
            conf,
            line,
            _(
                "{file} sets names at run time with {what}; the settings set that way cannot "
                "be read without running it"
            ).format(file=conf.name, what=what)
            + (_("; checking every .bib file under the source folder") if missing else "")
            + (_("; extensions are unknown, so unused-entry is not reported") if unknown else "")
            + _(" (name the files in [tool.refcheck] if they matter)"),
        )
        if missing:  # the fallback of an unreadable bibtex_bibfiles, reported once above
            raw["bibtex_bibfiles"] = RawSetting(
                Opaque(f"it may be set with {what}", line), conf, line, reported=True
            )
    return raw


def sphinx_layout(conf: Path) -> Layout:
    """The documents and bibliographies of the Sphinx project configured by ``conf``.

    The source folder is the folder of ``conf.py`` (as ``sphinx-build SRC`` without ``-c``).
    """
    srcdir = conf.parent
    layout = Layout("sphinx", srcdir)
    layout.config_files.append(conf)
    raw = conf_py_settings(layout, conf)
    apply_sphinx(layout, srcdir, srcdir, raw)
    return layout
