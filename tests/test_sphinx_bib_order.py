"""refcheck.sphinx reads the bib files as sphinxcontrib-bibtex does: in ``bibtex_bibfiles``
order with ``@string`` macros carried from one to the next, decoded with ``bibtex_encoding``.

The projects are sphinxcontrib-bibtex's own test roots (tests/project_data, BSD-2-Clause),
which sphinxcontrib-bibtex builds without a warning; with refcheck.sphinx added they must
stay clean under -W. Each is built by the real Sphinx application.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_sphinx

PROJECT_DATA = Path(__file__).parent / "project_data"


def build(root: str, tmp_path: Path) -> str:
    srcdir = tmp_path / root
    shutil.copytree(PROJECT_DATA / root, srcdir)
    # Its own [tool.refcheck], so that the repository's settings do not apply.
    (srcdir / "pyproject.toml").write_text("[tool.refcheck]\n", encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            '"sphinxcontrib.bibtex"]', '"sphinxcontrib.bibtex", "refcheck.sphinx"]'
        ),
        encoding="utf-8",
    )
    _, warnings, _ = run_sphinx(srcdir, "html", srcdir / "_build", srcdir / "_doctrees")
    return warnings


# (Listed the other way round, the macro is undefined for sphinxcontrib-bibtex too: pybtex
# stops the build, so that case is tested through `refcheck check`, in tests/cases.)
@pytest.mark.parametrize(
    "root", ["sphinxcontrib-bibtex-multiple-macros", "sphinxcontrib-bibtex-encoding"]
)
def test_a_build_sphinxcontrib_bibtex_passes_stays_clean(root: str, tmp_path: Path) -> None:
    warnings = build(root, tmp_path)
    # No undefined macro, no "not UTF-8": the bib files read as sphinxcontrib-bibtex reads
    # them. (Other rules may say other things about these entries: the encoding root's
    # @misc has no date.)
    assert "refcheck.parse-error" not in warnings, warnings
    assert "undefined macro" not in warnings and "UTF-8" not in warnings, warnings
