"""The documents Sphinx extensions add: sphinx-gallery's example scripts, autodoc's modules.

- sphinx-gallery: the ``.py`` files of ``sphinx_gallery_conf``'s ``examples_dirs`` (relative
  to the configuration folder) but those matching ``ignore_pattern``, and their
  ``README``/``GALLERY_HEADER`` texts (reST); the generated ``gallery_dirs`` are not read
  (they repeat the scripts).
- autodoc, autosummary, sphinx-autoapi: the modules docstrings are read from.
"""

from __future__ import annotations

import re
from pathlib import Path

from refcheck.i18n import _
from refcheck.project.files import joined, walk_sources
from refcheck.project.layout import MISSING_PROJECT_FILE, Layout
from refcheck.project.pyliteral import Opaque
from refcheck.project.sphinx_settings import (
    AUTODOC_EXTENSIONS,
    GALLERY_DEFAULTS,
    GALLERY_EXTENSIONS,
    NOT_PACKAGES,
    RawSetting,
    SphinxSettings,
    as_list,
)


def gallery_sources(
    settings: SphinxSettings, layout: Layout, confdir: Path, srcdir: Path, extensions: list[str]
) -> tuple[list[Path], list[Path]]:
    """sphinx-gallery's example scripts, and the folders it generates (not to be read)."""
    if not any(e in extensions for e in GALLERY_EXTENSIONS):
        return [], []
    conf = (
        settings.get("sphinx_gallery_conf", "dict") if "sphinx_gallery_conf" in settings.raw else {}
    )
    raw = settings.raw.get("sphinx_gallery_conf") or RawSetting(None, confdir / "conf.py", 1)
    values = {}
    for key, default in GALLERY_DEFAULTS.items():
        value = conf.get(key, default)
        if isinstance(value, Opaque):
            settings.unreadable(
                f"sphinx_gallery_conf[{key!r}]", raw, value.reason, f"using {default!r}"
            )
            value = default
        values[key] = value
    examples = as_list(values["examples_dirs"])
    outputs = [joined(srcdir, d) for d in as_list(values["gallery_dirs"])]
    try:
        ignore = (
            re.compile(values["ignore_pattern"])
            if isinstance(values["ignore_pattern"], str)
            else None
        )
    except re.error as exc:
        settings.unreadable(
            "sphinx_gallery_conf['ignore_pattern']",
            raw,
            f"not a regular expression ({exc})",
            "ignoring nothing",
        )
        ignore = None
    scripts: list[Path] = []
    for folder_name in examples:
        folder = joined(confdir, folder_name)
        if not folder.is_dir():
            layout.problem(
                MISSING_PROJECT_FILE,
                raw.path,
                raw.line,
                _(
                    "sphinx_gallery_conf examples_dirs names {name!r}, which is not a folder "
                    "(relative to {folder})"
                ).format(name=folder_name, folder=confdir),
            )
            continue
        for script in walk_sources(folder, (".py", ".rst", ".txt")):
            if script.suffix == ".py" and ignore is not None and ignore.search(str(script)):
                continue
            if script.suffix != ".py" and script.stem.lower() not in ("readme", "gallery_header"):
                continue
            scripts.append(script)
            layout.doc_kinds[script] = "python" if script.suffix == ".py" else "rst"
    layout.set("sphinx-gallery examples_dirs", examples, raw.origin if conf else "default")
    layout.set(
        "sphinx-gallery gallery_dirs (not read)",
        as_list(values["gallery_dirs"]),
        raw.origin if conf else "default",
    )
    return scripts, outputs


def autodoc_sources(
    layout: Layout, confdir: Path, extensions: list[str], settings: SphinxSettings
) -> list[Path]:
    """The modules autodoc may read docstrings from: sphinx-autoapi's ``autoapi_dirs``
    (relative to the configuration folder) when set, else the Python packages of the
    repository (folders with ``__init__.py`` at its top or under ``src/``), tests left out.

    Which modules a build documents is decided by its ``automodule``/``autosummary``
    directives at run time; every module of the project's own packages is the superset.
    """
    if not any(e in AUTODOC_EXTENSIONS for e in extensions):
        return []
    if "autoapi.extension" in extensions and "autoapi_dirs" in settings.raw:
        folders = [joined(confdir, d) for d in settings.get("autoapi_dirs", "strings")]
        found = [m for f in folders if f.is_dir() for m in walk_sources(f, (".py", ".pyi"))]
        layout.doc_kinds.update(dict.fromkeys(found, "python"))
        return found
    top = _repository_top(confdir)
    packages = [
        p
        for base in (top, top / "src")
        if base.is_dir()
        for p in sorted(base.iterdir())
        if p.is_dir() and (p / "__init__.py").is_file() and p.name not in NOT_PACKAGES
    ]
    found = [
        module
        for package in packages
        for module in walk_sources(package, (".py",), ("tests", "test", "**/tests", "**/test"))
    ]
    from refcheck.engine import display_path

    layout.set("autodoc packages", [display_path(p) for p in packages], "the repository's packages")
    layout.doc_kinds.update(dict.fromkeys(found, "python"))
    return found


def _repository_top(confdir: Path) -> Path:
    """The folder above the configuration that holds .git, pyproject.toml or setup.py."""
    for folder in (confdir, *confdir.resolve().parents):
        if any((folder / marker).exists() for marker in (".git", "pyproject.toml", "setup.py")):
            return folder
    return confdir
