"""A MyST-MD project (``myst.yml``; Jupyter Book 2).

From the ``project`` table: ``bibliography`` (a file or a list, read in that order; remote
``http(s)`` ones are named but not fetched), ``toc`` (entries with ``file``, ``pattern``
and ``children``) and ``exclude``.  Without ``bibliography``, MyST-MD uses the ``.bib``
files of the project folder; without ``toc``, every ``.md`` and ``.ipynb`` file in it.
"""

from __future__ import annotations

from pathlib import Path

from refcheck.i18n import _
from refcheck.project.files import Matcher, joined, resolve_document, walk_sources
from refcheck.project.jupyter_book import read_yaml
from refcheck.project.layout import MISSING_PROJECT_FILE, UNREADABLE_SETTING, Layout
from refcheck.project.yaml_lines import LinedDict, LinedList

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

SUFFIXES = (".md", ".ipynb")


def myst_md_layout(folder: Path) -> Layout:
    config_path = folder / "myst.yml"
    layout = Layout("myst-md", folder)
    layout.kinds = {".md": "myst", ".ipynb": "notebook"}
    layout.config_files.append(config_path)
    config = read_yaml(layout, config_path)
    table = _Project()
    if isinstance(config, LinedDict):
        for base in _extended(layout, folder, config_path, config):
            table.add(base, overriding=False)
        table.add(config, overriding=True)
    exclude = _strings(table.value("exclude"))
    layout.set("project.exclude", exclude, table.origin("exclude"))
    toc = table.value("toc")
    if toc is None:
        layout.docs = walk_sources(folder, SUFFIXES, exclude)
        layout.set("project.toc", None, "default (every .md and .ipynb file)")
    else:
        toc_path = table.where["toc"][0]
        layout.docs = _toc_files(layout, toc_path.parent, toc_path, toc, Matcher(exclude))
        layout.set(
            "project.toc", [str(p.relative_to(folder)) for p in layout.docs], table.origin("toc")
        )
    _bibliography(layout, folder, table)
    return layout


class _Project:
    """The ``project`` table of myst.yml, over those of the files it ``extends``."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.where: dict[str, tuple[Path, int]] = {}

    def add(self, config: LinedDict, *, overriding: bool) -> None:
        project = config.get("project")
        if not isinstance(project, LinedDict):
            return
        path: Path = config.path  # type: ignore[attr-defined]
        for key, value in project.items():
            if overriding or key not in self.values:
                self.values[key] = value
                self.where[key] = (path, project.line_of(key))

    def value(self, key: str) -> Any:
        return self.values.get(key)

    def origin(self, key: str) -> str:
        if key not in self.where:
            return "default"
        from refcheck.engine import display_path

        path, line = self.where[key]
        return f"{display_path(path)}:{line}"


def _extended(
    layout: Layout, folder: Path, config_path: Path, config: LinedDict
) -> list[LinedDict]:
    """The local files of ``extends``, read (once each); remote ones are reported."""
    config.path = config_path  # type: ignore[attr-defined]
    found: list[LinedDict] = []
    pending = [(config_path, config)]
    seen = {config_path.resolve()}
    while pending:
        path, table = pending.pop()
        names = table.get("extends")
        for name in _strings(names):
            line = (
                names.line_of(_strings(names).index(name))
                if isinstance(names, LinedList)
                else table.line_of("extends")
            )
            if name.startswith(("http://", "https://")):
                layout.problem(
                    UNREADABLE_SETTING,
                    path,
                    line,
                    _(
                        "'extends' names {name!r}, which refcheck does not fetch: project "
                        "settings there (bibliography, toc, exclude) are not read"
                    ).format(name=name),
                )
                continue
            target = joined(path.parent, name)
            if target.resolve() in seen:
                continue
            seen.add(target.resolve())
            if not target.is_file():
                layout.problem(
                    MISSING_PROJECT_FILE,
                    path,
                    line,
                    _("'extends' names {name!r}, which is not a file").format(name=name),
                )
                continue
            layout.config_files.append(target)
            extended = read_yaml(layout, target)
            if isinstance(extended, LinedDict):
                extended.path = target  # type: ignore[attr-defined]
                found.append(extended)
                pending.append((target, extended))
    return found


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _bibliography(layout: Layout, folder: Path, table: _Project) -> None:
    if "bibliography" not in table.values:
        layout.bibs = walk_sources(folder, (".bib",))
        layout.set(
            "project.bibliography",
            [str(p.relative_to(folder)) for p in layout.bibs],
            "default (every .bib file in the project)",
        )
        return
    config_path, line = table.where["bibliography"]
    value = table.values["bibliography"]
    names = _strings(value)
    lines = value.lines if isinstance(value, LinedList) else [line] * len(names)
    for name, name_line in zip(names, lines, strict=False):
        if name.startswith(("http://", "https://")):
            continue
        path = joined(config_path.parent, name)
        if path.is_file():
            layout.bibs.append(path)
        else:
            layout.problem(
                MISSING_PROJECT_FILE,
                config_path,
                name_line,
                _(
                    "project.bibliography names {name!r}, which is not a file (relative to "
                    "{folder})"
                ).format(name=name, folder=config_path.parent),
            )
    layout.set("project.bibliography", names, table.origin("bibliography"))


def _toc_files(
    layout: Layout, folder: Path, config_path: Path, toc: Any, excluded: Matcher
) -> list[Path]:
    found: list[Path] = []

    def visit(node: Any) -> None:
        if isinstance(node, LinedList):
            for item in node:
                visit(item)
            return
        if not isinstance(node, LinedDict):
            return
        file = node.get("file")
        if isinstance(file, str):
            path = resolve_document(folder, file, SUFFIXES)
            if path is None:
                layout.problem(
                    MISSING_PROJECT_FILE,
                    config_path,
                    node.line_of("file"),
                    _(
                        "project.toc names {name!r}, which is not a file (relative to {folder})"
                    ).format(name=file, folder=folder),
                )
            else:
                found.append(path)
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            matcher = Matcher([pattern])
            found.extend(
                p
                for p in walk_sources(folder, SUFFIXES)
                if matcher(p.relative_to(folder).as_posix())
            )
        visit(node.get("children"))

    visit(toc)
    return [p for p in dict.fromkeys(found) if not excluded(p.relative_to(folder).as_posix())]
