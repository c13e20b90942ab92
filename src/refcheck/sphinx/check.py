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

from refcheck.bib import parse_bytes, parse_file
from refcheck.config import Config, ConfigError, load_config
from refcheck.engine import check_project
from refcheck.model import BibFile, Finding, Severity
from refcheck.rules import Project
from refcheck.rules.registry import Document
from refcheck.sphinx.state import state_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

WARNING_TYPE = "refcheck"


def run_checks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Check the project, warn about every finding; return the audit pages to rewrite."""
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
        logger.warning(
            "%s: %s -- refcheck did not run",
            config.source,
            exc,
            type=WARNING_TYPE,
            subtype="config",
        )
        state.result = None
        return sorted(state.report_docs)
    for finding in state.result.findings:
        report_finding(finding, config.root)
    return sorted(state.report_docs)


def build_project(app: Sphinx, env: BuildEnvironment, root: Path) -> Project:
    """The project as Sphinx read it, its paths relative to the configuration's folder
    (as ``refcheck check`` run there names them, so messages and the audit match it)."""
    state = state_of(env)
    project = Project(
        bibfiles=[_parse_bib(path, root) for path in bib_paths(app)],
        cites_all=_bibliography_lists_uncited(env),
    )
    seen: set[str] = set()
    for docname in sorted(state.documents):
        document = state.documents[docname]
        for path, text in document.sources.items():
            shown = _shown(Path(path), root)
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


def _parse_bib(path: Path, root: Path) -> BibFile:
    try:
        data = path.read_bytes()
    except OSError:
        return parse_file(path)  # the parser words the problem (missing, unreadable)
    return parse_bytes(data, _shown(path, root))


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
        logger.warning("%s -- refcheck did not run", exc, type=WARNING_TYPE, subtype="config")
        return None


def _use_sphinx_style(app: Sphinx, config: Config) -> None:
    """Check entry types against the build's pybtex style, unless the configuration names
    one for unformattable-entry-type."""
    options = config.rule_options.setdefault("unformattable-entry-type", {})
    options.setdefault("style", app.config.bibtex_default_style)


def _bibliography_lists_uncited(env: BuildEnvironment) -> bool:
    """True when a ``bibliography`` directive lists more than the cited entries (``:all:``,
    ``:notcited:`` or a filter): then no entry is "unused"."""
    domain: Any = env.get_domain("cite")
    cited_only = ast.dump(ast.parse("cited"))
    return any(
        ast.dump(bibliography.filter_) != cited_only
        for bibliography in domain.bibliographies.values()
    )
