"""What discovery found: a project's documents, its bibliographies in order, its settings."""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Location
from refcheck.value_objects import FrozenValue, ValueObject

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Final

    from refcheck.rules.registry import Project

# The rules that report what discovery met (refcheck.rules.project).
UNREADABLE_SETTING = "unreadable-setting"
MISSING_PROJECT_FILE = "missing-project-file"


class Setting(ValueObject):
    """One setting's value and where it came from ("docs/conf.py:12", "default", ...)."""

    __slots__ = ("name", "value", "origin")

    def __init__(self, name: str, value: Any, origin: str) -> None:
        self.name = name
        self.value = value
        self.origin = origin


class LayoutProblem(FrozenValue):
    """Something discovery could not read or find, reported by rule ``rule``."""

    __slots__ = ("rule", "location", "message")
    rule: Final[str]
    location: Final[Location]
    message: Final[str]

    def __init__(self, rule: str, location: Location, message: str) -> None:
        self.rule = rule
        self.location = location
        self.message = message


class Layout(ValueObject):
    """A project as its build sees it.

    ``kind`` is "sphinx", "jupyter-book", "myst-md", "pyproject" (the ``bib`` and ``docs``
    of ``[tool.refcheck]`` alone) or "paths" (the files and folders given).  ``docs`` are
    the documents the build reads (every suffix it reads, whether refcheck has a reader for
    it or not); ``bibs`` are in the order the build reads them, which is the order
    ``@string`` macros become visible in.
    """

    __slots__ = (
        "kind",
        "root",
        "config_files",
        "docs",
        "bibs",
        "bib_encoding",
        "settings",
        "problems",
        "sources_unknown",
        "kinds",
        "doc_kinds",
        "not_read",
    )

    def __init__(self, kind: str, root: Path) -> None:
        self.kind = kind
        self.root = root  # the folder of the build's configuration (Sphinx: the source folder)
        self.config_files: list[Path] = []
        self.docs: list[Path] = []
        self.bibs: list[Path] = []
        self.bib_encoding: str | None = None  # None: guess (UTF-8 first)
        self.settings: dict[str, Setting] = {}
        self.problems: list[LayoutProblem] = []
        # Why the documents the build reads are not known ("" when they are): a setting
        # that decides them could not be read, so an entry cited in a document refcheck
        # did not see would look unused.
        self.sources_unknown = ""
        # How the build parses each document: by suffix (".md": "myst"), and for files whose
        # suffix does not say it (sphinx-gallery's README.txt is reST): by path. Kinds are
        # those of refcheck.sources: "myst", "rst", "notebook", "python".
        self.kinds: dict[str, str] = {}
        self.doc_kinds: dict[Path, str] = {}
        # Files found that no reader takes (a walked folder's .txt), to be named as not read.
        self.not_read: list[Path] = []

    def set(self, name: str, value: Any, origin: str) -> None:
        self.settings[name] = Setting(name, value, origin)

    def value(self, name: str, default: Any = None) -> Any:
        setting = self.settings.get(name)
        return default if setting is None else setting.value

    @property
    def natbib(self) -> bool:
        """Whether the build cites through sphinx-natbib rather than sphinxcontrib-bibtex."""
        extensions = self.value("extensions", [])
        if not isinstance(extensions, list) or not extensions:
            return False  # a .bib-only check: without importing the document readers (3 ms)
        from refcheck.sources.natbib import is_natbib_extension

        return any(isinstance(e, str) and is_natbib_extension(e) for e in extensions)

    def kind_of(self, path: Path) -> str | None:
        """How the build parses ``path`` (None: the build's suffixes do not say)."""
        if not self.kinds:  # files given as they are (no build configuration): the suffix says
            from refcheck.sources import kind_of

            return self.doc_kinds.get(path) or kind_of(path)
        return self.doc_kinds.get(path) or self.kinds.get(path.suffix.lower())

    def apply_to(self, project: Project) -> None:
        """Give the rules what discovery found: its problems, and -- when the documents are
        not known -- no unused-entry findings (each could be cited where refcheck did not
        look)."""
        project.layout_problems = self.problems
        project.sources_known = not self.sources_unknown

    def problem(self, rule: str, path: Path | str, line: int, message: str) -> None:
        from refcheck.engine import display_path  # the engine imports the rules, not this

        shown = display_path(Path(path))
        self.problems.append(LayoutProblem(rule, Location(shown, line), message))
