"""A Jupyter Book (version 1): ``_config.yml`` and ``_toc.yml`` turned into Sphinx settings.

Jupyter Book builds with Sphinx and always loads myst-nb (``.md``, ``.ipynb``) and
sphinxcontrib-bibtex.  From ``_config.yml`` it takes ``bibtex_bibfiles``,
``exclude_patterns`` (after its own ``_build``, ``Thumbs.db``, ``.DS_Store``,
``**.ipynb_checkpoints``), ``only_build_toc_files``, ``sphinx.extra_extensions`` and,
last and overriding the rest, every key of ``sphinx.config``.  ``_toc.yml`` names the
documents (``root``, ``file``, ``glob`` anywhere in its tree, without suffix or with);
each one that is not there is reported.
"""

from __future__ import annotations

from pathlib import Path

from refcheck.i18n import _
from refcheck.project.files import Matcher, resolve_document, walk_sources
from refcheck.project.layout import MISSING_PROJECT_FILE, UNREADABLE_SETTING, Layout
from refcheck.project.sphinx_settings import RawSetting, apply_sphinx
from refcheck.project.yaml_lines import LinedDict, LinedList, YamlError, load_yaml

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

DEFAULT_EXTENSIONS = ("myst_nb", "sphinxcontrib.bibtex")
DEFAULT_EXCLUDE = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
TOC_SUFFIXES = (".md", ".ipynb", ".rst", ".myst")


def is_jupyter_book(folder: Path) -> bool:
    """``_toc.yml`` beside ``_config.yml`` (a Jekyll site has only the latter)."""
    return (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file()


def read_yaml(layout: Layout, path: Path) -> Any:
    try:
        return load_yaml(path)
    except YamlError as exc:
        message = _("no setting could be read: {error}").format(error=exc)
        layout.problem(UNREADABLE_SETTING, path, exc.line, message)
    except OSError as exc:
        from refcheck.files import describe_os_error

        message = _("cannot read: {reason}").format(reason=describe_os_error(exc))
        layout.problem(UNREADABLE_SETTING, path, 1, message)
    return None


def jupyter_book_layout(folder: Path) -> Layout:
    layout = Layout("jupyter-book", folder)
    config_path = folder / "_config.yml"
    toc_path = folder / "_toc.yml"
    layout.config_files += [config_path, toc_path]
    config = read_yaml(layout, config_path)
    if not isinstance(config, LinedDict):
        config = LinedDict()
        config.lines, config.line = {}, 1
    raw: dict[str, RawSetting] = {}
    for key in ("bibtex_bibfiles",):
        if key in config:
            raw[key] = RawSetting(config[key], config_path, config.line_of(key))
    exclude = list(DEFAULT_EXCLUDE)
    user_exclude = config.get("exclude_patterns")
    if isinstance(user_exclude, list):
        exclude += [p for p in user_exclude if isinstance(p, str)]
    if "exclude_patterns" in config:
        raw["exclude_patterns"] = RawSetting(
            exclude, config_path, config.line_of("exclude_patterns")
        )
    extra: tuple[str, ...] = DEFAULT_EXTENSIONS
    sphinx = config.get("sphinx")
    if isinstance(sphinx, LinedDict):
        extras = sphinx.get("extra_extensions")
        if isinstance(extras, list):
            extra += tuple(e for e in extras if isinstance(e, str))
        overrides = sphinx.get("config")
        if isinstance(overrides, LinedDict):
            for key, value in overrides.items():
                if isinstance(key, str):
                    raw[key] = RawSetting(value, config_path, overrides.line_of(key))
    toc = read_yaml(layout, toc_path)
    custom = raw.get("nb_custom_formats")  # Jupytext's .Rmd, .py, ... are documents too
    suffixes: tuple[str, ...] = TOC_SUFFIXES
    if custom is not None and isinstance(custom.value, dict):
        suffixes += tuple(k for k in custom.value if isinstance(k, str))
    toc_files = _toc_files(layout, folder, toc_path, toc, suffixes)
    if isinstance(toc, LinedDict) and isinstance(toc.get("root"), str):
        raw["root_doc"] = RawSetting(toc["root"], toc_path, toc.line_of("root"))
    only_toc = config.get("only_build_toc_files") is True
    layout.set(
        "only_build_toc_files",
        only_toc,
        RawSetting(only_toc, config_path, config.line_of("only_build_toc_files")).origin
        if "only_build_toc_files" in config
        else "default",
    )
    if only_toc:
        matcher = Matcher(exclude)
        toc_files = [p for p in toc_files if not matcher(p.relative_to(folder).as_posix())]
    apply_sphinx(
        layout,
        folder,
        folder,
        raw,
        {"exclude_patterns": exclude},  # Jupyter Book's own, when _config.yml names none
        extra_extensions=extra,
        toc_files=toc_files if only_toc else None,
    )
    if only_toc:
        layout.docs = list(dict.fromkeys(layout.docs))
    return layout


def _toc_files(
    layout: Layout, folder: Path, toc_path: Path, toc: Any, suffixes: tuple[str, ...]
) -> list[Path]:
    """The documents ``_toc.yml`` names, in order; missing ones reported."""
    found: list[Path] = []

    def visit(node: Any, line: int) -> None:
        if isinstance(node, LinedList):
            for index, item in enumerate(node):
                visit(item, node.line_of(index))
        elif isinstance(node, LinedDict):
            for key, value in node.items():
                key_line = node.line_of(key)
                if key in ("root", "file") and isinstance(value, str):
                    path = resolve_document(folder, value, suffixes)
                    if path is None:
                        layout.problem(
                            MISSING_PROJECT_FILE,
                            toc_path,
                            key_line,
                            _(
                                "the table of contents names {name!r}, which is not a "
                                "document here (tried {suffixes})"
                            ).format(name=value, suffixes=", ".join(suffixes)),
                        )
                    else:
                        found.append(path)
                elif key == "glob" and isinstance(value, str):
                    matcher = Matcher([value + s for s in suffixes] + [value])
                    found.extend(
                        p
                        for p in walk_sources(folder, suffixes)
                        if matcher(p.relative_to(folder).as_posix())
                    )
                else:
                    visit(value, key_line)

    visit(toc, 1)
    layout.set("table of contents", [str(p.relative_to(folder)) for p in found], toc_path.name)
    return list(dict.fromkeys(found))
