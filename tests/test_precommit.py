"""The pre-commit hook, run by pre-commit itself on a sample project in a temporary folder.

The sample project names this repository as a local-path hook repo at its HEAD commit, so
pre-commit clones it and pip-installs the package into the hook's own environment (from PyPI
for the dependencies), exactly as a user's pre-commit would. Hence slow: about a minute once
per session, then seconds per run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared import REPO_ROOT

pytestmark = pytest.mark.slow

DEFINED_ENTRY = """\
@article{axe-2024,
  title = {North Korean troops in Kursk},
  journaltitle = {Example Times},
  date = {2024-11-02},
  url = {https://example.org/kursk},
  urldate = {2024-11-05},
}
"""
CITING_DOC = "# Notes\n\nTroops arrived {cite}`axe-2024`.\n"
UNDEFINED_CITATION = "More came later {cite}`missing-2025`.\n"


def _head_commit() -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("this checkout is not a git repository; pre-commit needs a commit to pin")
    return result.stdout.strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment per session (pre-commit caches it here, not in ~/.cache)."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A user's project: refs.bib, docs/, [tool.refcheck] and a config using our hook."""
    _git(tmp_path, "init", "--quiet")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.refcheck]\nbib = ["refs.bib"]\ndocs = ["docs"]\n', encoding="utf-8"
    )
    (tmp_path / "refs.bib").write_text(DEFINED_ENTRY, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(CITING_DOC, encoding="utf-8")
    (tmp_path / "tool.py").write_text("print('not a citation file')\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO_ROOT}\n    rev: {_head_commit()}\n    hooks:\n"
        "      - id: refcheck\n",
        encoding="utf-8",
    )
    _git(tmp_path, "add", ".")
    return tmp_path


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def pre_commit(project: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_passes_a_clean_project(project: Path, pre_commit_home: Path) -> None:
    result = pre_commit(project, pre_commit_home, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "refcheck" in result.stdout and "Passed" in result.stdout


def test_hook_fails_on_an_undefined_citation_and_names_the_place(
    project: Path, pre_commit_home: Path
) -> None:
    doc = project / "docs" / "index.md"
    doc.write_text(CITING_DOC + UNDEFINED_CITATION, encoding="utf-8")
    _git(project, "add", ".")
    result = pre_commit(project, pre_commit_home, "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "docs/index.md:4:" in result.stdout and "undefined-citation" in result.stdout


def test_hook_checks_the_whole_project_when_one_file_changes(
    project: Path, pre_commit_home: Path
) -> None:
    """Only the .bib is staged, yet the citing document is read: no false unused-entry."""
    result = pre_commit(project, pre_commit_home, "--files", "refs.bib")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unused-entry" not in result.stdout


def test_hook_skips_commits_without_citation_files(project: Path, pre_commit_home: Path) -> None:
    (project / "docs" / "index.md").write_text(UNDEFINED_CITATION, encoding="utf-8")
    result = pre_commit(project, pre_commit_home, "--files", "tool.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Skipped" in result.stdout


def test_fix_hook_fixes_then_passes(project: Path, pre_commit_home: Path) -> None:
    """refcheck-fix rewrites the date, pre-commit fails the run that changed a file, and
    the next run passes with the fix in place."""
    config = project / ".pre-commit-config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("id: refcheck\n", "id: refcheck-fix\n"),
        encoding="utf-8",
    )
    bib = project / "refs.bib"
    bib.write_text(DEFINED_ENTRY.replace("2024-11-02", "2024年11月2日"), encoding="utf-8")
    _git(project, "add", ".")
    result = pre_commit(project, pre_commit_home, "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert bib.read_text(encoding="utf-8") == DEFINED_ENTRY
    _git(project, "add", ".")
    result = pre_commit(project, pre_commit_home, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
