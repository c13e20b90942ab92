"""The fix loop: check, take the fixes that do not overlap, apply them, check again.

As ruff does it: fixes are applied in order of position, a fix overlapping one already
taken waits for the next pass, and the files are checked again after each pass until
no fix is left (at most ``MAX_PASSES``).  So a second run has nothing to do, and the
last check is the report of what remains.  Nothing here writes a file: the caller
writes :attr:`FixOutcome.changes` with :func:`refcheck.fixes.transaction.write_set`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from refcheck.config import Config
from refcheck.engine import CheckResult, Inputs, build_project, check_project, display_path
from refcheck.fixes.edits import Edit, Fix
from refcheck.fixes.recheck import recheck, snapshot
from refcheck.fixes.registry import FixContext, make_fixes
from refcheck.fixes.source import EditError, SourceFile
from refcheck.model import Citation
from refcheck.rules.registry import Document, Project, Rule
from refcheck.value_objects import ValueObject

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from refcheck.project import Layout

MAX_PASSES = 10


class FixOutcome(ValueObject):
    """What a fix run did: the check of the fixed text, the fixes, the changed files."""

    __slots__ = ("result", "fixed", "changes", "unfixable")

    def __init__(
        self,
        result: CheckResult,
        fixed: list[Fix],
        changes: list[tuple[SourceFile, bytes]],
        unfixable: list[str] | None = None,
    ) -> None:
        self.result = result  # what remains
        self.fixed = fixed  # every fix applied, in order
        self.changes = changes  # (the file as read, its new bytes), for the files that change
        # Files with findings of rules that fix, which cannot be edited: why, for the user.
        self.unfixable: list[str] = [] if unfixable is None else unfixable


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return "bib" if suffix == ".bib" else "notebook" if suffix == ".ipynb" else "doc"


def read_sources(
    inputs: Inputs, notebooks: Sequence[Path] = (), bib_encoding: str | None = None
) -> dict[str, SourceFile]:
    """The bytes of every input, read before the check parses them (so that a file
    changed in between is caught when writing); the .bib files in ``bib_encoding``
    when the project declares one (``bibtex_encoding``)."""
    sources: dict[str, SourceFile] = {}
    for item in (*inputs.bib, *inputs.docs, *notebooks):
        path = item if isinstance(item, Path) else Path(getattr(item, "path", item))
        label = display_path(path)
        source = SourceFile.read(path, label, kind_of(path), bib_encoding)
        if source is not None:
            sources.setdefault(label, source)
    return sources


def fix_project(
    inputs: Inputs,
    config: Config,
    *,
    unsafe: bool = False,
    rules: Sequence[Rule] | None = None,
    today: date | None = None,
    notebooks: Sequence[Path] = (),
    layout: Layout | None = None,
) -> FixOutcome:
    """Check ``inputs``, fix what can be fixed (safe fixes; unsafe ones too with
    ``unsafe``) in memory, and return what remains and what would be written.

    ``layout`` is the project discovery found (``inputs`` are its files): the files are
    read as the check reads them (each document as its build parses it, the .bib files
    in ``bibtex_encoding``, which is also the encoding they are written back in).
    """
    originals = read_sources(inputs, notebooks, layout.bib_encoding if layout else None)
    current = dict(originals)
    if layout is not None:
        from refcheck.project.build import build_layout_project

        project = build_layout_project(layout, inputs)
    else:
        project = build_project(inputs.bib, inputs.docs, not_read=inputs.not_read)
    result = check_project(project, config, rules=rules, today=today)
    fixed: list[Fix] = []
    for _ in range(MAX_PASSES):
        accepted = select_fixes(result, FixContext(project, current), unsafe)
        if not accepted:
            break
        edits = edits_by_path(accepted)
        changed = apply_fixes(edits, current)
        renames = {old.lower(): new for fix in accepted for old, new in fix.renames}
        before = snapshot(project)
        project = rebuilt(project, current, changed, edits, renames, layout)
        current.update(changed)
        fixed += accepted
        result = recheck(before, result, project, set(changed), config, rules, today)
    changes = [
        (originals[label], source.data)
        for label, source in current.items()
        if source.data != originals[label].data
    ]
    return FixOutcome(result, fixed, changes, _unfixable(result, current))


def _unfixable(result: CheckResult, sources: dict[str, SourceFile]) -> list[str]:
    """Why the files holding findings of fixable rules cannot be edited (UTF-16, ...)."""
    from refcheck.fixes.registry import fixers_for

    notes: dict[str, str] = {}
    for finding in result.findings:
        source = sources.get(finding.path)
        if source is None or source.text is not None or finding.path in notes:
            continue
        if fixers_for(finding.rule, finding.code):
            notes[finding.path] = f"{finding.path}: not fixed: {source.problem}"
    return list(notes.values())


def select_fixes(result: CheckResult, ctx: FixContext, unsafe: bool) -> list[Fix]:
    """The fixes of this pass: in order of position, none touching another's text."""
    taken: dict[str, list[tuple[int, int]]] = {}
    claimed: set[str] = set()
    accepted: list[Fix] = []
    for finding in result.findings:
        fix = make_fixes(finding, ctx, unsafe)
        if fix is None or claimed & fix.isolation:
            continue
        edits = [e for e in fix.edits if _changes_text(e, ctx)]
        if not edits or not all(_writable(e, ctx) for e in edits):
            continue
        if any(_overlaps(e, taken.get(e.path, [])) for e in edits):
            continue
        for edit in edits:
            bisect.insort(taken.setdefault(edit.path, []), (edit.start, edit.end))
        claimed |= fix.isolation
        accepted.append(fix)
    return accepted


def _changes_text(edit: Edit, ctx: FixContext) -> bool:
    source = ctx.source(edit.path)
    return (
        source is not None
        and source.text is not None
        and (source.text[edit.start : edit.end] != edit.text)
    )


def _writable(edit: Edit, ctx: FixContext) -> bool:
    source = ctx.source(edit.path)
    if source is None or source.text is None or edit.end > len(source.text):
        return False
    try:
        edit.text.encode(source.codec)
    except UnicodeEncodeError:
        return False
    return True


def _overlaps(edit: Edit, taken: list[tuple[int, int]]) -> bool:
    """Whether ``edit`` touches a range of ``taken`` (sorted, not overlapping)."""
    at = bisect.bisect_left(taken, (edit.start, edit.end))
    for start, end in taken[max(at - 1, 0) : at + 1]:
        if edit.overlaps(Edit(edit.path, start, end, "")):
            return True
    return False


def edits_by_path(fixes: list[Fix]) -> dict[str, list[Edit]]:
    """The fixes' edits, by file, in order of position."""
    by_path: dict[str, list[Edit]] = {}
    for fix in fixes:
        for edit in fix.edits:
            by_path.setdefault(edit.path, []).append(edit)
    for edits in by_path.values():
        edits.sort(key=lambda e: (e.start, e.end))
    return by_path


def apply_fixes(
    by_path: dict[str, list[Edit]], current: dict[str, SourceFile]
) -> dict[str, SourceFile]:
    """Each edited file with its edits applied."""
    changed = {}
    for path, edits in by_path.items():
        source = current[path]
        fixed = source.with_data(source.apply(edits))
        if fixed.kind == "notebook":
            _check_json(fixed)
        changed[path] = fixed
    return changed


def _check_json(source: SourceFile) -> None:
    """A notebook must stay valid JSON; an edit that broke it is a refcheck bug."""
    import json

    try:
        json.loads(source.text or "")
    except ValueError as exc:
        raise EditError(f"{source.label}: the edits would break its JSON ({exc})") from None


def rebuilt(
    project: Project,
    before: dict[str, SourceFile],
    changed: dict[str, SourceFile],
    edits: dict[str, list[Edit]],
    renames: dict[str, str],
    layout: Layout | None = None,
) -> Project:
    """The project with the changed files read again (the others as they were).

    A changed document is scanned as the check reads it: by the kind ``layout`` gives
    it (MyST, reST, notebook, Python), else by its suffix.
    """
    from refcheck.fixes.reparse import reparsed
    from refcheck.sources import kind_of as source_kind
    from refcheck.sources import scan_text

    bibfiles = [
        reparsed(bib, before[bib.path], changed[bib.path], edits[bib.path])
        if bib.path in changed
        else bib
        for bib in project.bibfiles
    ]
    documents = []
    rescanned: dict[str, list[Citation]] = {}
    for path, source in changed.items():
        if source.kind == "bib" or source.text is None:
            continue
        where = Path(source.path)
        kind = (layout.kind_of(where) if layout is not None else None) or source_kind(where)
        if kind is None:
            continue
        mystmd = _mystmd(layout, where)
        try:
            rescanned[path] = scan_text(path, source.text, kind, mystmd=mystmd).citations
        except ValueError:
            continue  # cannot happen for a file the check read: its edits keep it valid
    for document in project.documents:
        new = changed.get(document.path)
        if document.path in rescanned and new is not None and new.text is not None:
            documents.append(Document(document.path, new.text))
        else:
            documents.append(document)
    citations: list[Citation] = []
    for citation in project.citations:
        if citation.path in rescanned:
            continue
        if citation.path in changed:  # a file the check read, not scanned here: renamed
            key = renames.get(citation.key.lower(), citation.key)
            citation = Citation(
                key, citation.path, citation.line, citation.col, citation.role, citation.where
            )
        citations.append(citation)
    for found in rescanned.values():
        citations += found
    rebuilt_project = Project(
        bibfiles, documents, citations, project.cites_all, project.problems,
        project.bibliographies, project.unread, project.docnames, project.sources_read,
    )  # fmt: skip
    rebuilt_project.layout_problems = project.layout_problems
    rebuilt_project.sources_known = project.sources_known
    return rebuilt_project


def _mystmd(layout: Layout | None, path: Path) -> bool:
    """Whether a document is read with MyST-MD's syntax, as the check reads it."""
    from refcheck.project.build import mystmd_of

    if layout is not None and mystmd_of(layout) is not None:
        return True
    return any((folder / "myst.yml").is_file() for folder in path.resolve().parents)
