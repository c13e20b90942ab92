"""Reading sources from disk: includes followed, docnames and bib files resolved.

The only I/O of :mod:`refcheck.sources`; every scanner it calls is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from refcheck.files import safe_resolve
from refcheck.i18n import _
from refcheck.model import Citation, Problem
from refcheck.sources.bibliography import Bibliography
from refcheck.value_objects import FrozenValue, ValueObject

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

    from refcheck.rules.registry import Document
    from refcheck.sources.documents import DocumentScan

# Files a folder may hold that could carry citations but that refcheck does not read:
# each one found is named in the summary, never passed over in silence.
NOT_READ_SUFFIXES = frozenset(
    {".txt", ".rest", ".markdown", ".qmd", ".rmd", ".tex", ".org", ".adoc", ".myst"}
)
# How far up to look for conf.py (Sphinx's source folder) and myst.yml (MyST-MD).
_MAX_PARENTS = 8
_INCLUDE_DEPTH = 20


class SourceInput(FrozenValue):
    """A file to read, and its kind when the caller knows it (else from its suffix)."""

    __slots__ = ("path", "kind")
    path: Final[Path]
    kind: Final[str | None]

    def __init__(self, path: Path | str, kind: str | None = None) -> None:
        self.path = Path(path)
        self.kind = kind


class Unread(FrozenValue):
    """A file that was not read, and why."""

    __slots__ = ("path", "reason")
    path: Final[str]
    reason: Final[str]

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason


class SourceSet(ValueObject):
    """What the sources hold: documents (MyST/reST text, for the prose rules), citations,
    bibliography directives, reading problems, unread files, and each file's docname."""

    __slots__ = ("documents", "citations", "bibliographies", "problems", "unread", "docnames")

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.citations: list[Citation] = []
        self.bibliographies: list[Bibliography] = []
        self.problems: list[Problem] = []
        self.unread: list[Unread] = []
        self.docnames: dict[str, str] = {}

    @property
    def files_read(self) -> int:
        return len(self.docnames)


def read_sources(
    inputs: Iterable[SourceInput | Path | str],
    *,
    srcdir: Path | None = None,
    mystmd: bool | None = None,
    natbib: bool = False,
    not_read: Sequence[Path] = (),
) -> SourceSet:
    """Read every input (and the files they include).

    ``srcdir`` is the Sphinx source folder (docnames and ``/``-paths are relative to
    it); without it, the nearest folder above each file holding a ``conf.py``.
    ``mystmd`` says whether MyST-MD syntax is read; None: where a ``myst.yml`` is above.
    ``natbib``: roles are read as sphinx-natbib reads them (refcheck.sources.natbib).
    ``not_read`` are files found but of no kind refcheck reads, to be named.
    """
    reader = _Reader(srcdir, mystmd)
    reader.natbib = natbib
    for item in inputs:
        source = item if isinstance(item, SourceInput) else SourceInput(item)
        reader.read(source.path, source.kind, depth=0)
    for path in not_read:
        reason = _("{suffix} files are not read").format(suffix=path.suffix)
        reader.found.unread.append(Unread(_label(path), reason))
    if reader.labels:
        from refcheck.sources.mystmd import ROLES, refers_to_label

        reader.found.citations = [
            c
            for c in reader.found.citations
            if c.role not in ROLES or not refers_to_label(c.key, reader.labels)
        ]
    return reader.found


def _label(path: Path) -> str:
    from refcheck.engine import display_path

    return display_path(path)


class _Reader:
    natbib = False

    def __init__(self, srcdir: Path | None, mystmd: bool | None) -> None:
        self.srcdir = safe_resolve(srcdir) if srcdir is not None else None
        self.mystmd = mystmd
        self.found = SourceSet()
        self.seen: set[Path] = set()
        self._marker_cache: dict[tuple[Path, str], Path | None] = {}
        self.labels: set[str] = set()

    def read(self, path: Path, kind: str | None, depth: int) -> None:
        from refcheck.engine import read_document
        from refcheck.rules.registry import Document
        from refcheck.sources import kind_of, scan_text

        resolved = safe_resolve(path)
        if resolved in self.seen:
            return  # a file included twice, or given and included, is read once
        self.seen.add(resolved)
        label = _label(path)
        kind = kind or kind_of(path) or "myst"
        text = read_document(path, self.found.problems, label)
        if text is None:
            self.found.unread.append(Unread(label, _("cannot be read")))
            return
        root = self.source_root(resolved)
        self.found.docnames[label] = _docname(resolved, root, label)
        mystmd = self.mystmd if self.mystmd is not None else self.is_mystmd(resolved)
        try:
            scan = scan_text(label, text, kind, mystmd=mystmd, natbib=self.natbib)
        except ValueError as exc:
            line = int(getattr(exc, "line", 1))
            self.found.problems.append(
                Problem(label, line, 1, _("{error}: its citations were not read").format(error=exc))
            )
            self.found.unread.append(Unread(label, str(exc)))
            del self.found.docnames[label]
            return
        if kind in ("myst", "rst"):
            self.found.documents.append(Document(label, text))
        self.found.citations.extend(scan.citations)
        self.labels.update(scan.labels)
        docname = self.found.docnames[label]
        for bibliography in scan.bibliographies:
            self.found.bibliographies.append(self.resolved(bibliography, resolved, root, docname))
        self.follow_includes(scan, resolved, root, kind, label, depth)
        self.missing_from_toctree(scan, resolved, root, label)

    def missing_from_toctree(
        self, scan: DocumentScan, resolved: Path, root: Path, label: str
    ) -> None:
        """Name the documents a toctree lists that are not there: a build step (a
        Makefile's copy, sphinx-gallery, autosummary, a script in conf.py) makes them,
        and nothing refcheck reads shows what they cite."""
        for entry, line in scan.toctree:
            target = _relative(entry, resolved.parent, root)
            if any(_is_file(target.with_name(target.name + s)) for s in _DOCUMENT_SUFFIXES):
                continue
            reason = _(
                "named by the toctree of {place} but not in the source folder (made during "
                "the build?): its citations are not read"
            ).format(place=f"{label}:{line}")
            self.found.unread.append(Unread(_label(target), reason))

    def follow_includes(
        self, scan: DocumentScan, resolved: Path, root: Path, kind: str, label: str, depth: int
    ) -> None:
        for include in scan.includes:
            if include.literal or not include.target:
                continue
            target = _relative(include.target, resolved.parent, root)
            if depth >= _INCLUDE_DEPTH:
                self.found.unread.append(
                    Unread(
                        _label(target),
                        _("included more than {n} levels deep").format(n=_INCLUDE_DEPTH),
                    )
                )
                continue
            if not _is_file(target):
                reason = _("included from {place} but not found").format(
                    place=f"{label}:{include.line}"
                )
                self.found.unread.append(Unread(include.target, reason))
                continue
            # An included file is read as the including file is: reST includes reST,
            # whatever the suffix (.inc, .txt); MyST's {include} of a .md is MyST.
            included_kind = "myst" if target.suffix.lower() == ".md" and kind == "myst" else kind
            self.read(target, included_kind, depth + 1)

    def resolved(
        self, bibliography: Bibliography, path: Path, root: Path, docname: str
    ) -> Bibliography:
        labels = tuple(
            _label(_relative(w, path.parent, root)) for w in bibliography.written_bibfiles
        )
        return bibliography.replace(docname=docname, bibfiles=labels)

    def source_root(self, path: Path) -> Path:
        if self.srcdir is not None:
            return self.srcdir
        return self.nearest(path.parent, "conf.py") or path.parent

    def is_mystmd(self, path: Path) -> bool:
        return self.nearest(path.parent, "myst.yml") is not None

    def nearest(self, folder: Path, marker: str) -> Path | None:
        key = (folder, marker)
        if key not in self._marker_cache:
            found = None
            for candidate in [folder, *folder.parents][:_MAX_PARENTS]:
                if _is_file(candidate / marker):
                    found = candidate
                    break
            self._marker_cache[key] = found
        return self._marker_cache[key]


# A toctree names a document with its suffix or without: the suffixes builds use.
_DOCUMENT_SUFFIXES = ("", ".rst", ".md", ".ipynb", ".txt", ".myst", ".Rmd", ".markdown", ".py")


def _relative(written: str, folder: Path, root: Path) -> Path:
    """A path as Sphinx reads a directive's: ``/x`` from the source folder, else from
    the document's folder."""
    if written.startswith("/"):
        return safe_resolve(root / written.lstrip("/"))
    return safe_resolve(folder / written)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long, a loop: not a file to include
        return False


def _docname(path: Path, root: Path, label: str) -> str:
    try:
        relative = path.relative_to(root)
    except ValueError:
        return str(Path(label).with_suffix(""))
    return relative.with_suffix("").as_posix()
