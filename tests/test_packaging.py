"""``pip install .`` from a checkout: the source tree is left as it was (no ``build/``, no
``*.egg-info``) and two installs at once do not collide (issue 15).  Real pip, real build
backend (fetched by pip into its isolated build environment, as for any user)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared import REPO_ROOT

pytestmark = pytest.mark.slow

# What the wheel must carry besides the modules.
DATA_FILES = (
    "py.typed",
    "output/findings.schema.json",
    "ja_search/static/ja_search.js",
    "book/static/refcheck-citations.js",
    "book/static/refcheck-citations.css",
    "i18n/locale/ja/LC_MESSAGES/refcheck.mo",
)


def _checkout_copy(target: Path) -> Path:
    """The tracked files of this checkout (as a fresh clone would have them), copied."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "ls-files", "-z", "--cached"],
            capture_output=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("this checkout is not a git repository")
    for name in filter(None, listed.decode().split("\0")):
        source = REPO_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _snapshot(tree: Path) -> dict[str, int]:
    return {str(p.relative_to(tree)): p.stat().st_mtime_ns for p in tree.rglob("*")}


def test_two_installs_at_once_leave_the_checkout_untouched(tmp_path: Path) -> None:
    tree = _checkout_copy(tmp_path / "checkout")
    before = _snapshot(tree)
    targets = [tmp_path / "site-a", tmp_path / "site-b"]
    installs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--no-compile",
                "--disable-pip-version-check",
                "--target",
                str(target),
                ".",
            ],
            cwd=tree,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for target in targets
    ]
    outputs = [install.communicate(timeout=600)[0] for install in installs]
    for install, output in zip(installs, outputs, strict=True):
        assert install.returncode == 0, output
    assert _snapshot(tree) == before  # nothing written, nothing touched
    assert not (tree / "build").exists()
    assert not list(tree.rglob("*.egg-info"))
    for target in targets:
        package = target / "refcheck"
        for name in DATA_FILES:
            assert (package / name).is_file(), name
        [info] = target.glob("refcheck_bib-*.dist-info")
        entry_points = configparser.ConfigParser()
        entry_points.read(info / "entry_points.txt", encoding="utf-8")
        assert entry_points["console_scripts"]["refcheck"] == "refcheck.cli:main"
        assert entry_points["pybtex.style.formatting"]["jawiki"] == "refcheck.style:JawikiStyle"
        metadata = (info / "METADATA").read_text(encoding="utf-8")
        assert "Name: refcheck-bib" in metadata and "License-Expression: MIT" in metadata
