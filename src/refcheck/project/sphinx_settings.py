"""A Sphinx build's sources and bibliographies, from its settings (however they were read).

Both a Sphinx ``conf.py`` and Jupyter Book's ``_config.yml`` end up as Sphinx settings;
this module turns them into files, as the build would:

- the documents: every file under the source folder whose suffix is in ``source_suffix``
  or added by an extension (myst-parser: ``.md``; myst-nb: ``.md``, ``.ipynb``; nbsphinx:
  ``.ipynb``; ``nb_custom_formats``/``nbsphinx_custom_formats``: their suffixes, such as
  Jupytext's ``.py``), minus ``exclude_patterns``, within ``include_patterns``;
- the documents extensions add: sphinx-gallery's example scripts and autodoc's modules
  (:mod:`refcheck.project.sphinx_extensions`);
- sphinxcontrib-bibtex's ``bibtex_bibfiles``, in order, relative to the source folder, and
  ``bibtex_encoding`` (its default: ``utf-8-sig``).
"""

from __future__ import annotations

from pathlib import Path

from refcheck.i18n import _
from refcheck.project.files import Matcher, joined, walk_sources
from refcheck.project.layout import MISSING_PROJECT_FILE, UNREADABLE_SETTING, Layout
from refcheck.project.pyliteral import Opaque, opaque_parts
from refcheck.value_objects import ValueObject

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

# Extensions that add source suffixes (by their module names as written in extensions).
SUFFIXES_BY_EXTENSION: dict[str, tuple[str, ...]] = {
    "myst_parser": (".md",),
    "myst_nb": (".md", ".ipynb"),
    "nbsphinx": (".ipynb",),
    "recommonmark": (".md",),
}
BIBTEX_EXTENSION = "sphinxcontrib.bibtex"
GALLERY_EXTENSIONS = ("sphinx_gallery.gen_gallery",)
# Folders with an __init__.py that are not what autodoc documents.
NOT_PACKAGES = frozenset({"tests", "test", "examples", "tutorials", "docs", "doc", "benchmarks"})
AUTODOC_EXTENSIONS = ("sphinx.ext.autodoc", "sphinx.ext.autosummary", "autoapi.extension")
# Sphinx's, sphinxcontrib-bibtex's and sphinx-gallery's defaults.
SPHINX_DEFAULTS: dict[str, Any] = {
    "extensions": [],
    "source_suffix": {".rst": "restructuredtext"},
    "exclude_patterns": [],
    "include_patterns": ["**"],
    "root_doc": "index",
    "bibtex_bibfiles": [],
    "bibtex_encoding": "utf-8-sig",
    "bibtex_default_style": "alpha",
    "bibtex_reference_style": "label",
}
GALLERY_DEFAULTS: dict[str, Any] = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "ignore_pattern": r"__init__\.py",
}
# Extensions whose presence changes what refcheck reads.
SOURCE_EXTENSIONS = frozenset(
    {*SUFFIXES_BY_EXTENSION, *GALLERY_EXTENSIONS, *AUTODOC_EXTENSIONS, BIBTEX_EXTENSION}
)


class RawSetting(ValueObject):
    """A setting as written: its value, the file and line, and what made it conditional."""

    __slots__ = ("value", "path", "line", "conditional", "reported", "before")

    def __init__(
        self,
        value: Any,
        path: Path,
        line: int,
        conditional: str = "",
        *,
        reported: bool = False,
        before: Any = None,
    ) -> None:
        self.value = value
        self.path = path
        self.line = line
        self.conditional = conditional
        self.reported = reported  # its problem is already reported (not to be said twice)
        self.before = before  # a conditional value's value before the block (None: unknown)

    @property
    def origin(self) -> str:
        from refcheck.engine import display_path

        return f"{display_path(self.path)}:{self.line}"


class SphinxSettings:
    """Reads typed settings from ``raw`` into ``layout``, reporting what cannot be read."""

    def __init__(
        self, layout: Layout, raw: dict[str, RawSetting], defaults: dict[str, Any]
    ) -> None:
        self.layout = layout
        self.raw = raw
        self.defaults = defaults

    def unreadable(self, name: str, raw: RawSetting, why: str, using: str) -> None:
        line = raw.line
        self.layout.problem(
            UNREADABLE_SETTING,
            raw.path,
            line,
            _("setting {name!r} could not be read: {reason}; {using}").format(
                name=name, reason=why, using=using
            ),
        )

    def get(self, name: str, kind: str) -> Any:
        """The setting, checked to be ``kind`` ("str", "strings", "bool", "dict", "suffixes");
        the default, reported, when it is not."""
        default = self.defaults.get(name, SPHINX_DEFAULTS.get(name))
        raw = self.raw.get(name)
        if raw is None:
            self.layout.set(name, default, "default")
            return default
        value = raw.value
        if isinstance(value, Opaque):
            using = _("using {value} instead").format(value=_shown(default))
            self.unreadable(name, raw, value.reason, using)
            self.layout.set(name, default, f"default ({name} at {raw.origin} unreadable)")
            return default
        checked = _typed(value, kind)
        if checked is None:
            self.unreadable(
                name,
                raw,
                f"{_shown(value)} is not {_KINDS[kind]}",
                _("using {value} instead").format(value=_shown(default)),
            )
            self.layout.set(name, default, f"default ({name} at {raw.origin} invalid)")
            return default
        parts = opaque_parts(value) if kind != "dict" else []  # a dict's keys: by their reader
        if parts:
            using = _("the parts that could be read are used")
            self.unreadable(name, raw, parts[0].reason, using)
        elif raw.conditional and not _harmless_condition(name, raw, checked):
            self.layout.problem(
                UNREADABLE_SETTING,
                raw.path,
                raw.line,
                _(
                    "setting {name!r} is set {condition}; refcheck does not run the file and "
                    "reads it as if the block runs"
                ).format(name=name, condition=raw.conditional),
            )
        self.layout.set(name, checked, raw.origin)
        return checked


def _harmless_condition(name: str, raw: RawSetting, value: Any) -> bool:
    """An ``extensions`` list that a block changed only by extensions that add no sources
    and no bibliographies (``if ...: extensions.append("sphinx.ext.imgmath")``): the
    condition cannot change what refcheck reads, so it is not worth a finding."""
    if name != "extensions" or not isinstance(raw.before, list):
        return False
    changed = set(value) ^ {v for v in raw.before if isinstance(v, str)}
    return not changed & SOURCE_EXTENSIONS


_KINDS = {
    "str": "a string",
    "strings": "a string or a list of strings",
    "list": "a list of strings",
    "bool": "true or false",
    "dict": "a dict",
    "suffixes": "a string, a list or a dict of suffixes",
}


def _typed(value: Any, kind: str) -> Any:
    """``value`` as ``kind`` (opaque parts of lists and dicts dropped), or None if it is not."""
    if kind == "str":
        return value if isinstance(value, str) else None
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "dict":
        return value if isinstance(value, dict) else None
    if kind in ("strings", "list", "suffixes"):
        if isinstance(value, str) and kind != "list":
            return [value]
        if kind == "suffixes" and isinstance(value, dict):
            value = list(value)
        if isinstance(value, (list, tuple)):
            kept = [v for v in value if not isinstance(v, Opaque)]
            return kept if all(isinstance(v, str) for v in kept) else None
    return None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def apply_sphinx(
    layout: Layout,
    srcdir: Path,
    confdir: Path,
    raw: dict[str, RawSetting],
    defaults: dict[str, Any] | None = None,
    *,
    extra_extensions: tuple[str, ...] = (),
    toc_files: list[Path] | None = None,
) -> None:
    """Fill ``layout`` with the documents and bib files of a Sphinx build.

    ``toc_files``: when given, only these documents are read (Jupyter Book's
    ``only_build_toc_files``).
    """
    settings = SphinxSettings(layout, raw, defaults or {})
    for deciding in ("extensions", "source_suffix", "exclude_patterns", "include_patterns"):
        held = raw.get(deciding)
        if held is not None and isinstance(held.value, Opaque) and not layout.sources_unknown:
            layout.sources_unknown = f"{deciding} could not be read ({held.origin})"
    extensions = [*extra_extensions, *settings.get("extensions", "list")]
    origin = layout.settings["extensions"].origin
    if extra_extensions:
        origin += " + the builder's own and sphinx.extra_extensions"
    layout.set("extensions", extensions, origin)
    suffixes = list(settings.get("source_suffix", "suffixes"))
    for extension in extensions:
        suffixes += SUFFIXES_BY_EXTENSION.get(extension, ())
    for custom in ("nb_custom_formats", "nbsphinx_custom_formats"):
        if custom in raw:
            suffixes += list(settings.get(custom, "dict"))
    suffixes = list(dict.fromkeys(s for s in suffixes if isinstance(s, str) and s))
    layout.set("suffixes read", suffixes, "source_suffix and the extensions")
    layout.kinds = _kinds(suffixes, raw.get("source_suffix"))
    settings.get(
        "root_doc" if "root_doc" in raw or "master_doc" not in raw else "master_doc", "str"
    )
    exclude = settings.get("exclude_patterns", "list")
    include = settings.get("include_patterns", "list")
    from refcheck.project.sphinx_extensions import autodoc_sources, gallery_sources

    scripts, gallery_outputs = gallery_sources(settings, layout, confdir, srcdir, extensions)
    if toc_files is not None:
        docs = toc_files
    else:
        docs = walk_sources(srcdir, suffixes, exclude, skip_dirs=gallery_outputs)
        included = Matcher(include)
        docs = [d for d in docs if included(d.relative_to(srcdir).as_posix())]
    docstrings = autodoc_sources(layout, confdir, extensions, settings)
    layout.docs = list(dict.fromkeys([*docs, *scripts, *docstrings]))
    _bibfiles(settings, layout, srcdir, raw)
    encoding = settings.get("bibtex_encoding", "str")
    # sphinxcontrib-bibtex's default is UTF-8 (with or without BOM); refcheck's UTF-8-first
    # reading agrees on every UTF-8 file and explains the others better than a strict decode.
    layout.bib_encoding = encoding if "bibtex_encoding" in raw else None
    settings.get("bibtex_default_style", "str")
    settings.get("bibtex_reference_style", "str")


def _bibfiles(
    settings: SphinxSettings, layout: Layout, srcdir: Path, raw: dict[str, RawSetting]
) -> None:
    from refcheck.engine import display_path

    where = raw.get("bibtex_bibfiles")
    if where is not None and isinstance(where.value, Opaque):
        if not where.reported:
            settings.unreadable(
                "bibtex_bibfiles",
                where,
                where.value.reason,
                _("checking every .bib file under the source folder instead"),
            )
        layout.bibs = walk_sources(srcdir, (".bib",))
        layout.set(
            "bibtex_bibfiles",
            [str(p.relative_to(srcdir)) for p in layout.bibs],
            f"every .bib under the source folder ({where.origin} unreadable)",
        )
        return
    names = settings.get("bibtex_bibfiles", "strings")
    if where is None:
        names = _natbib_files(settings, layout)
        if not names and BIBTEX_EXTENSION in layout.value("extensions", []):
            conf = next(iter(layout.config_files), srcdir / "conf.py")
            layout.problem(
                MISSING_PROJECT_FILE, conf, 1,
                _(
                    "sphinxcontrib.bibtex is enabled but bibtex_bibfiles names no file; "
                    "sphinxcontrib-bibtex stops the build: set bibtex_bibfiles"
                ),
            )  # fmt: skip
        where = settings.raw.get("natbib")
    for name in names:
        path = joined(srcdir, name)
        if path.is_file():
            layout.bibs.append(path)
        elif where is not None:
            layout.problem(
                MISSING_PROJECT_FILE,
                where.path,
                where.line,
                _(
                    "bibtex_bibfiles names {name!r}, which is not a file (paths are relative to "
                    "the source folder {folder}); sphinxcontrib-bibtex stops the build on it"
                ).format(name=name, folder=display_path(srcdir)),
            )


def _natbib_files(settings: SphinxSettings, layout: Layout) -> list[str]:
    """The bib files of the older sphinxcontrib-natbib: ``natbib = {"file": ...}``."""
    if not any(e.endswith(".natbib") for e in layout.value("extensions", [])):
        return []
    natbib = settings.get("natbib", "dict") if "natbib" in settings.raw else {}
    return as_list(natbib.get("file"))


# Sphinx parser names (the values of a source_suffix dict) -> refcheck.sources kinds.
PARSER_KINDS = {
    "restructuredtext": "rst",
    "markdown": "myst",
    "myst": "myst",
    "myst-nb": "myst",
    "mystnb": "myst",
    "jupyter_notebook": "notebook",
    "ipynb": "notebook",
}
# What a suffix is read as when source_suffix does not name a parser (extensions' and
# Jupytext's suffixes: R Markdown is Markdown, a percent-format script is Python).
SUFFIX_KINDS = {".rst": "rst", ".md": "myst", ".myst": "myst", ".rmd": "myst",
                ".ipynb": "notebook", ".py": "python"}  # fmt: skip


def _kinds(suffixes: list[str], source_suffix: RawSetting | None) -> dict[str, str]:
    declared = source_suffix.value if source_suffix is not None else None
    kinds = {}
    for suffix in suffixes:
        parser = declared.get(suffix) if isinstance(declared, dict) else None
        kind = PARSER_KINDS.get(parser) if isinstance(parser, str) else None
        kind = kind or SUFFIX_KINDS.get(suffix.lower())
        if kind:
            kinds[suffix.lower()] = kind
    return kinds


def as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []
