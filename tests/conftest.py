"""Shared fixtures: the repository, the source article, and one real Sphinx build of the book."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pybtex.database import parse_file
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from seed import Seed, read_seed
from shared import REPO_ROOT, SEED_FILE

DOCS_DIR = REPO_ROOT / "docs"


@dataclass(frozen=True)
class BookBuild:
    """The result of building the book once: where the output went and what Sphinx said."""

    outdir: Path
    doctreedir: Path
    warnings: str
    status: int
    docnames: tuple[str, ...]  # in reading order: the root document, then the toctree


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def docs_dir() -> Path:
    return DOCS_DIR


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED_FILE.is_file():
        pytest.fail(f"source article not found at {SEED_FILE} (../shared/seed beside the repo)")
    return SEED_FILE


@pytest.fixture(scope="session")
def seed(seed_path: Path) -> Seed:
    """The source article, read by the tests' own reader (tests/seed.py)."""
    return read_seed(seed_path)


@pytest.fixture(scope="session")
def imported_bib(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source's references as `refcheck import` writes them (without refs.bib's
    curation), imported once per session."""
    from refcheck.cli import run

    output = tmp_path_factory.mktemp("import") / "refs.bib"
    assert run(["import", str(seed_path), "-o", str(output)]) == 0
    return output


@pytest.fixture(scope="session")
def bib_keys(repo_root: Path) -> list[str]:
    """The keys of refs.bib in file order: reference [n] is the n-th."""
    return list(parse_file(repo_root / "refs.bib", bib_format="bibtex").entries.keys())


def run_sphinx(
    srcdir: Path,
    builder: str,
    outdir: Path,
    doctreedir: Path,
    *,
    fresh: bool = True,
    parallel: int = 0,
    confoverrides: dict[str, Any] | None = None,
) -> tuple[Sphinx, str, str]:
    """Build one Sphinx project in-process, the real application; returns the app, the
    warning text and the status text.  Each build gets a docutils namespace of its own, as
    sphinx-build does: docutils' registries are global and leak between builds otherwise."""
    warnings, status = io.StringIO(), io.StringIO()
    with patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(
            srcdir=str(srcdir),
            confdir=str(srcdir),
            outdir=str(outdir),
            doctreedir=str(doctreedir),
            buildername=builder,
            confoverrides=confoverrides or {},
            status=status,
            warning=warnings,
            freshenv=fresh,
            parallel=parallel,
        )
        app.build(force_all=fresh)
    return app, warnings.getvalue(), status.getvalue()


def build_book(builder: str, outdir: Path, doctreedir: Path) -> BookBuild:
    """Build docs/ with the real Sphinx application; collect warnings instead of failing."""
    app, warnings, _ = run_sphinx(DOCS_DIR, builder, outdir, doctreedir)
    return BookBuild(outdir, doctreedir, warnings, app.statuscode, reading_order(app))


def reading_order(app: Sphinx) -> tuple[str, ...]:
    """Document names as a reader meets them, following each page's "next" link."""
    relations = app.env.collect_relations()
    order: list[str] = []
    docname: str | None = app.config.root_doc
    while docname is not None and docname not in order:
        order.append(docname)
        docname = relations[docname][2]
    return tuple(order)


def is_appendix(docname: str) -> bool:
    """Pages the book adds after the source's article (the citation audit)."""
    return docname.startswith("appendix/")


@pytest.fixture(scope="session")
def book_builder() -> Callable[[str, Path, Path], BookBuild]:
    """`build_book` itself, for tests that need another builder (e.g. latex)."""
    return build_book


@pytest.fixture(scope="session")
def book_html(tmp_path_factory: pytest.TempPathFactory) -> BookBuild:
    """The book built once per test session as HTML, in a temporary folder."""
    root = tmp_path_factory.mktemp("book-html")
    return build_book("html", root / "html", root / "doctrees")
