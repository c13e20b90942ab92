"""``env-updated``: run the CLI's engine over the read project and report as warnings.

The project is what Sphinx read: the entries of ``bibtex_bibfiles`` and the citations of
the doctrees, checked with the ``[tool.refcheck]`` table of the nearest pyproject.toml
above the configuration directory (or the file named by ``refcheck_config``), so the
rules, selection, severities and suppressions are those of ``refcheck check``.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from refcheck.bib import MacroTable, parse_bytes, parse_file
from refcheck.config import Config, ConfigError, load_config
from refcheck.engine import check_project
from refcheck.i18n import _, use_language
from refcheck.model import BibFile, Finding, Severity
from refcheck.rules import Project
from refcheck.rules.registry import Document
from refcheck.sources.bibliography import Bibliography
from refcheck.sphinx.state import state_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

WARNING_TYPE = "refcheck"


def run_checks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Check the project, warn about every finding; return the audit pages to rewrite.

    The messages are in the project's ``language`` when refcheck has a catalogue for it,
    else in English; the findings the audit shows keep that language.
    """
    with use_language(app.config.language, strict=False):
        return _run_checks(app, env)


def _run_checks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    state = state_of(env)
    config = _load_config(app)
    if config is None:
        state.result = None
        return sorted(state.report_docs)
    state.root = str(config.root)
    _use_sphinx_style(app, config)
    project = build_project(app, env, config.root)
    try:
        state.result = check_project(project, config)
    except ValueError as exc:  # an unknown rule in the selection
        message = _("{source}: {error} -- refcheck did not run")
        logger.warning(
            message.format(source=config.source, error=exc), type=WARNING_TYPE, subtype="config"
        )
        state.result = None
        return sorted(state.report_docs)
    deferred = deferred_rules(app.config.suppress_warnings)
    for finding in state.result.findings:
        if finding.rule not in deferred:
            report_finding(finding, config.root)
    return sorted(state.report_docs)


# refcheck rules that sphinxcontrib-bibtex also warns about, at the same place, with the
# warning type that silences its warning: one warning per problem, never two.
_WARNED_BY_BIBTEX = {
    "undefined-citation": "bibtex.key_not_found",
    "invalid-bibliography-filter": "bibtex.filter_syntax_error",
}


def deferred_rules(suppress_warnings: list[str]) -> set[str]:
    """The rules left to sphinxcontrib-bibtex: those whose warning it still gives.

    Whoever silences sphinxcontrib-bibtex's warning (``bibtex`` or the subtype in
    ``suppress_warnings``) gets refcheck's instead, with its column, its "did you mean"
    and refcheck's own suppressions.
    """
    suppressed = set(suppress_warnings or ())
    return {
        rule
        for rule, warning in _WARNED_BY_BIBTEX.items()
        if warning not in suppressed and warning.split(".")[0] not in suppressed
    }


def build_project(app: Sphinx, env: BuildEnvironment, root: Path) -> Project:
    """The project as Sphinx read it, its paths relative to the configuration's folder
    (as ``refcheck check`` run there names them, so messages and the audit match it)."""
    state = state_of(env)
    # One macro table across bibtex_bibfiles in order, in bibtex_encoding: as
    # sphinxcontrib-bibtex's parser reads them.
    macros: MacroTable = {}
    encoding = getattr(app.config, "bibtex_encoding", None)
    project = Project(
        bibfiles=[_parse_bib(path, root, macros, encoding) for path in bib_paths(app)],
        bibliographies=_bibliographies(env, root),
    )
    seen: set[str] = set()
    for docname in sorted(state.documents):
        document = state.documents[docname]
        for path, text in document.sources.items():
            shown = _shown(Path(path), root)
            project.docnames.setdefault(shown, docname)
            if shown not in seen:  # a file included twice is one document
                seen.add(shown)
                project.documents.append(Document(shown, text))
        project.citations.extend(c.moved_to(_shown(Path(c.path), root)) for c in document.citations)
    return project


def bib_paths(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or ()]


def report_finding(finding: Finding, root: Path) -> None:
    """One finding as a Sphinx warning at its place (info findings as info messages)."""
    message = f"{finding.code} {finding.message}"
    location = f"{root / finding.path}:{finding.line}"  # an absolute path stays as it is
    if finding.severity is Severity.INFO:
        logger.info(message, location=location, type=WARNING_TYPE, subtype=finding.rule)
    else:
        logger.warning(message, location=location, type=WARNING_TYPE, subtype=finding.rule)


def _parse_bib(path: Path, root: Path, macros: MacroTable, encoding: str | None) -> BibFile:
    try:
        data = path.read_bytes()
    except OSError:
        return parse_file(path)  # the parser words the problem (missing, unreadable)
    return parse_bytes(data, _shown(path, root), macros=macros, encoding=encoding)


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _load_config(app: Sphinx) -> Config | None:
    explicit = app.config.refcheck_config
    try:
        if explicit:
            return load_config(Path(app.confdir) / explicit)
        return load_config(start=Path(app.confdir))
    except ConfigError as exc:
        message = _("{error} -- refcheck did not run").format(error=exc)
        logger.warning(message, type=WARNING_TYPE, subtype="config")
        return None


def _use_sphinx_style(app: Sphinx, config: Config) -> None:
    """Check entry types against the build's pybtex style, unless the configuration names
    one for unformattable-entry-type."""
    options = config.rule_options.setdefault("unformattable-entry-type", {})
    options.setdefault("style", app.config.bibtex_default_style)


def _bibliographies(env: BuildEnvironment, root: Path) -> list[Bibliography]:
    """sphinxcontrib-bibtex's own record of every ``bibliography`` directive: its bib
    files, filter (as it parsed it), key prefix and listed keys."""
    domain: Any = env.get_domain("cite")
    found = []
    for key, value in domain.bibliographies.items():
        found.append(
            Bibliography(
                _shown(Path(env.doc2path(key.docname)), root),
                value.line,
                docname=key.docname,
                filter=ast.unparse(value.filter_),
                keyprefix=value.keyprefix,
                labelprefix=value.labelprefix,
                keys=tuple(value.keys),
                bibfiles=tuple(_shown(Path(bibfile), root) for bibfile in value.bibfiles),
            )
        )
    return found
