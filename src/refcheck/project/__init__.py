"""Where a project is: its documents, bibliographies and settings, as its build sees them.

``refcheck check`` with no path, or with a project folder, reads the project's own build
configuration instead of walking every file:

- MyST-MD's ``myst.yml`` (:mod:`refcheck.project.myst_md`),
- Jupyter Book's ``_config.yml`` with ``_toc.yml`` (:mod:`refcheck.project.jupyter_book`),
- Sphinx's ``conf.py``, read without running it (:mod:`refcheck.project.sphinx_conf`).

The first of these found wins, looked for in the folder, then in its ``docs``, ``doc``,
``docs/source``, ``doc/source``, ``source`` and ``book`` subfolders, then in the one other
folder just below that holds one (several: an error naming them), then (with no path
given) in the folders above, up to the repository's top.  ``bib`` and ``docs`` of
``[tool.refcheck]`` still override what was found.

API::

    from refcheck.project import resolve_layout
    layout = resolve_layout(paths, config)   # Layout: docs, bibs (in order), settings,
                                             # problems (unreadable settings, missing files);
                                             # None when no build configures what was given
"""

from __future__ import annotations

from pathlib import Path

from refcheck.project.layout import Layout, LayoutProblem, Setting

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Sequence

    from refcheck.config import Config
    from refcheck.engine import Inputs

__all__ = [
    "Layout",
    "LayoutProblem",
    "Setting",
    "discover",
    "find_project",
    "inputs_layout",
    "resolve_layout",
]

SUBFOLDERS = ("", "docs", "doc", "docs/source", "doc/source", "source", "book")


def project_kind(folder: Path) -> str | None:
    """Which build configures ``folder`` itself, if any."""
    from refcheck.project.jupyter_book import is_jupyter_book

    if (folder / "myst.yml").is_file():
        return "myst-md"
    if is_jupyter_book(folder):
        return "jupyter-book"
    if (folder / "conf.py").is_file():
        return "sphinx"
    return None


def find_project(start: Path, *, upward: bool = True, below: bool = True) -> Path | None:
    """The folder of the project that ``start`` is, holds (in a usual docs folder, or --
    ``below`` -- in the one folder just below that has one), or (``upward``) is inside."""
    start = start.resolve()
    for sub in SUBFOLDERS:
        folder = start / sub if sub else start
        if folder.is_dir() and project_kind(folder):
            return folder
    if not below:
        return None
    # The one other folder just below that configures a build (QuantEcon's lectures/, a
    # book by another name); with several, which one is meant is the user's to say.
    try:
        children = sorted(p for p in start.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        children = []
    configured = [folder for folder in children if project_kind(folder)]
    if len(configured) == 1:
        return configured[0]
    if len(configured) > 1:
        names = ", ".join(f"{f.name}/" for f in configured[:5])
        names += ", ..." if len(configured) > 5 else ""
        raise ValueError(
            f"{len(configured)} folders below {start} configure a build ({names}): "
            "give the one to check, e.g. refcheck check " + configured[0].name
        )
    if upward:
        for folder in start.parents:
            if project_kind(folder):
                return folder
            if (folder / ".git").exists():
                break
    return None


def discover(folder: Path) -> Layout:
    """The layout of the project configured in ``folder`` (see :func:`project_kind`)."""
    kind = project_kind(folder)
    if kind == "myst-md":
        from refcheck.project.myst_md import myst_md_layout

        return myst_md_layout(folder)
    if kind == "jupyter-book":
        from refcheck.project.jupyter_book import jupyter_book_layout

        return jupyter_book_layout(folder)
    if kind == "sphinx":
        from refcheck.project.sphinx_conf import sphinx_layout

        return sphinx_layout(folder / "conf.py")
    raise ValueError(f"{folder}: no myst.yml, _config.yml with _toc.yml, or conf.py")


def resolve_layout(paths: Sequence[str], config: Config) -> Layout | None:
    """The project ``refcheck check PATH...`` checks, when a build configures it.

    No path: the project found from the working directory, with the ``bib``/``docs`` of
    its ``[tool.refcheck]`` over it.  One folder that configures a build, itself or in its
    ``docs/`` (``doc/``, ``docs/source/``, ...): that project.
    Anything else (files, folders without a build configuration, nothing found): None,
    and the caller checks what it was given (:func:`inputs_layout`).
    """
    if len(paths) == 1 and Path(paths[0]).is_dir():
        # A project's folder, or a repository whose docs/ (doc/, ...) configures the build,
        # as `refcheck check .` at the top of one. Any other folder is walked as given.
        given = find_project(Path(paths[0]), upward=False, below=False)
        return None if given is None else _with_overrides(discover(given), config)
    if paths:
        return None
    found = find_project(Path.cwd())
    return None if found is None else _with_overrides(discover(found), config)


def inputs_layout(inputs: Inputs, paths: Sequence[str], config: Config) -> Layout:
    """The files given on the command line, or the ``bib`` and ``docs`` of
    ``[tool.refcheck]``, as a layout (for ``--show-files``/``--show-settings``)."""
    from refcheck.engine import display_path

    kind, root = ("paths", Path.cwd()) if paths else ("pyproject", config.root)
    layout = Layout(kind, root)
    layout.bibs, layout.docs, layout.not_read = inputs.bib, inputs.docs, inputs.not_read
    if config.path is not None and not paths:
        layout.config_files.append(config.path)
    origin = "command line" if paths else f"{config.source} [tool.refcheck]"
    layout.set("bib", [display_path(p) for p in inputs.bib], origin)
    layout.set("docs", [display_path(p) for p in inputs.docs], origin)
    return layout


def _with_overrides(layout: Layout, config: Config) -> Layout:
    """``bib`` and ``docs`` of ``[tool.refcheck]`` replace what the build configuration says,
    when that ``pyproject.toml`` belongs to this project: it sits in the project's folder, or
    the project is the one found from the ``pyproject.toml``'s folder (its ``docs/``).  A
    ``pyproject.toml`` further up belongs to an enclosing project, whose files these are not.
    """
    if config.path is None or not (config.bib or config.docs):
        return layout
    owner = config.path.resolve().parent
    if (
        owner != layout.root.resolve()
        and find_project(owner, upward=False) != layout.root.resolve()
    ):
        return layout
    from refcheck.engine import collect_inputs, display_path

    layout.config_files.append(config.path)
    origin = f"{display_path(config.path)} [tool.refcheck]"
    if config.bib:
        layout.bibs = collect_inputs(config.bib).bib
        layout.set("bib", [display_path(p) for p in layout.bibs], origin)
    if config.docs:
        from refcheck.sources import kind_of

        given = collect_inputs(config.docs)
        layout.docs, layout.not_read = given.docs, given.not_read
        layout.set("docs", [display_path(p) for p in layout.docs], origin)
        # Named by the user, not by the build: each is read as its suffix says.
        for doc in layout.docs:
            kind = kind_of(doc)
            if kind:
                layout.doc_kinds[doc] = kind
    return layout
