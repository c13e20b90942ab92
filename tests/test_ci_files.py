"""The CI parts others reuse (.pre-commit-hooks.yaml, action.yml) and this repository's workflow.

They cannot run here, so they are parsed and checked against what they call: the refcheck
command line, the Makefile targets, pyproject.toml and the README's examples.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from refcheck.cli import build_parser
from shared import REPO_ROOT

HOOKS_FILE = REPO_ROOT / ".pre-commit-hooks.yaml"
ACTION_FILE = REPO_ROOT / "action.yml"
WORKFLOW_FILE = REPO_ROOT / ".github" / "workflows" / "ci.yml"
README = REPO_ROOT / "README.md"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def check_options() -> dict[str, argparse.Action]:
    """The options of `refcheck check`, by option string."""
    sub = next(
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    return {
        flag: action for action in sub.choices["check"]._actions for flag in action.option_strings
    }


def refcheck_commands(script: str) -> list[list[str]]:
    """The argument lists of every `refcheck check` line in a shell script."""
    return [
        line.split()[2:]
        for line in script.splitlines()
        if line.strip().startswith("refcheck check")
    ]


def steps_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    return document["runs"]["steps"]


def expressions(value: Any) -> list[str]:
    return EXPRESSION.findall(yaml.safe_dump(value))


# -- .pre-commit-hooks.yaml ---------------------------------------------------------------------


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = clientlib.load_manifest(str(HOOKS_FILE))  # pre-commit's own schema check
    assert [hook["id"] for hook in hooks] == ["refcheck", "refcheck-fix"]


def hook(hook_id: str = "refcheck") -> dict[str, Any]:
    return next(h for h in load(HOOKS_FILE) if h["id"] == hook_id)


@pytest.mark.parametrize(
    ("hook_id", "entry"), [("refcheck", "refcheck check"), ("refcheck-fix", "refcheck check --fix")]
)
def test_hook_runs_the_installed_command_on_the_whole_project(hook_id: str, entry: str) -> None:
    found = hook(hook_id)
    assert found["entry"] == entry
    assert all(word in check_options() for word in entry.split()[2:])
    assert found["language"] == "python"
    assert "refcheck" in pyproject()["project"]["scripts"], "the entry must be a console script"
    # A citation is defined in one file and used in another: the hook checks the project.
    assert found["pass_filenames"] is False


@pytest.mark.parametrize(
    ("path", "triggers"),
    [
        ("refs.bib", True),
        ("docs/chapter.md", True),
        ("docs/index.rst", True),
        ("docs/analysis.ipynb", True),
        ("tool.py", False),
        ("notes.md.bak", False),
        ("refs.bibx", False),
    ],
)
def test_hook_triggers_on_citation_files_only(path: str, triggers: bool) -> None:
    assert bool(re.search(hook()["files"], path)) is triggers
    assert bool(re.search(hook("refcheck-fix")["files"], path)) is triggers


# -- action.yml ---------------------------------------------------------------------------------


def test_action_is_a_composite_action_with_shells() -> None:
    action = load(ACTION_FILE)
    assert action["runs"]["using"] == "composite"
    for step in steps_of(action):
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell") == "bash", step


def test_action_inputs_are_declared_and_used() -> None:
    action = load(ACTION_FILE)
    declared = set(action["inputs"])
    # `if:` conditions are expressions without the ${{ }} wrapper.
    conditions = [step["if"] for step in steps_of(action) if "if" in step]
    used = {
        match
        for expression in expressions(action["runs"]) + conditions
        for match in re.findall(r"inputs\.([\w-]+)", expression)
    }
    assert used == declared
    assert {"paths", "fail-on", "sarif"} <= declared


def test_action_never_splices_inputs_into_scripts() -> None:
    """Inputs go through env: an input holding `"; rm -rf ~` must stay data."""
    for step in steps_of(load(ACTION_FILE)):
        assert not EXPRESSION.search(step.get("run", "")), step["name"]


def test_action_installs_itself_and_runs_refcheck_with_github_annotations() -> None:
    steps = steps_of(load(ACTION_FILE))
    scripts = [step["run"] for step in steps if "run" in step]
    assert any("pip install" in script and '"$GITHUB_ACTION_PATH"' in script for script in scripts)
    commands = [command for script in scripts for command in refcheck_commands(script)]
    formats = [command[command.index("--format") + 1] for command in commands]
    assert sorted(formats) == ["github", "sarif"]
    upload = next(
        step
        for step in steps
        if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    )
    assert "inputs.sarif" in upload["if"]


def test_action_stays_check_only() -> None:
    """The Action reports; it never writes to the checked-out files."""
    for step in steps_of(load(ACTION_FILE)):
        for command in refcheck_commands(step.get("run", "")):
            assert not {"--fix", "--unsafe-fixes", "--diff"} & set(command), command


def test_action_uses_only_options_refcheck_has() -> None:
    action = load(ACTION_FILE)
    options = check_options()
    fail_on_choices = options["--fail-on"].choices
    assert action["inputs"]["fail-on"]["default"] in fail_on_choices
    for step in steps_of(action):
        for command in refcheck_commands(step.get("run", "")):
            for word in command:
                if word.startswith("-"):
                    assert word in options, f"refcheck check has no option {word}"
            if "--format" in command:
                assert command[command.index("--format") + 1] in options["--format"].choices


# -- .github/workflows/ci.yml ---------------------------------------------------------------------


def workflow() -> dict[str, Any]:
    document = load(WORKFLOW_FILE)
    document["on"] = document.pop(True, document.get("on"))  # YAML 1.1 reads `on` as true
    return document


def job_scripts(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def makefile_targets() -> set[str]:
    text = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w-]+):", text, re.MULTILINE))


def test_workflow_runs_on_pushes_to_main_and_pull_requests() -> None:
    triggers = workflow()["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers


def test_workflow_runs_the_readme_commands() -> None:
    jobs = workflow()["jobs"]
    commands = {
        "lint": "make lint",
        "test": "make test",
        "book": "make book",
    }
    for job, command in commands.items():
        assert command in job_scripts(jobs[job]), job
    assert "make pdf" in job_scripts(jobs["book"])
    published = [
        step for step in jobs["book"]["steps"] if "REFCHECK_BOOK_HTML" in step.get("env", {})
    ]
    assert published and "tests/test_browser.py" in published[0]["run"], "test what is published"
    targets = makefile_targets()
    assert {"lint", "test", "book", "pdf"} <= targets


def test_workflow_lints_citations_with_its_own_action() -> None:
    steps = workflow()["jobs"]["lint"]["steps"]
    own = [step for step in steps if step.get("uses") == "./"]
    assert len(own) == 1
    assert set(own[0].get("with", {})) <= set(load(ACTION_FILE)["inputs"])


def test_workflow_tests_in_debian_with_chromium() -> None:
    document = workflow()
    test_job = document["jobs"]["test"]
    assert "bookworm" in test_job["container"]
    assert test_job["env"]["REFCHECK_REQUIRE_BROWSER"] == "1", "browser tests must not skip in CI"
    packages = set(document["env"]["DEBIAN_PACKAGES"].split())
    assert {"chromium", "fonts-noto-cjk", "texlive-lang-japanese", "latexmk"} <= packages
    ci_run = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = re.search(r"apt-get install((?:[^\n]*\\\n)*[^\n]*)", ci_run)
    assert install is not None, ".ci/run installs no Debian packages?"
    ci_run_packages = {
        word for word in install.group(1).split() if not word.startswith(("-", ">", "\\"))
    }
    assert "chromium" in ci_run_packages, ci_run_packages
    assert ci_run_packages <= packages, "the workflow lacks packages that .ci/run installs"


def test_workflow_publishes_the_built_html_from_main_only() -> None:
    jobs = workflow()["jobs"]
    html_dir = re.search(r"^HTML_DIR := (\S+)", (REPO_ROOT / "Makefile").read_text(), re.MULTILINE)
    assert html_dir is not None
    upload = next(
        step
        for step in jobs["book"]["steps"]
        if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == html_dir.group(1)
    deploy = jobs["deploy"]
    assert "book" in deploy["needs"]
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_workflow_and_action_pin_every_action_to_a_release() -> None:
    uses = [
        step["uses"]
        for job in workflow()["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step and step["uses"] != "./"
    ] + [step["uses"] for step in steps_of(load(ACTION_FILE)) if "uses" in step]
    assert uses
    for reference in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", reference), reference


# SchemaStore's schemas as vendored inside check-jsonschema: validation needs no network.
SCHEMAS = [(WORKFLOW_FILE, "vendor.github-workflows"), (ACTION_FILE, "vendor.github-actions")]


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip(
        "check_jsonschema", reason="check-jsonschema (SchemaStore schemas) is not installed"
    )
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(("path", "schema"), SCHEMAS)
def test_files_match_the_published_schemas(path: Path, schema: str) -> None:
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("path", "schema", "typo"),
    [(*SCHEMAS[0], ("runs-on:", "run-on:")), (*SCHEMAS[1], ("using:", "usin:"))],
)
def test_schemas_catch_a_misspelt_key(
    path: Path, schema: str, typo: tuple[str, str], tmp_path: Path
) -> None:
    """The control: the same check fails on a copy with one key misspelt."""
    text = path.read_text(encoding="utf-8")
    assert typo[0] in text, f"{path.name} has no {typo[0]!r} any more; pick another key"
    broken = tmp_path / path.name
    broken.write_text(text.replace(typo[0], typo[1], 1), encoding="utf-8")
    result = check_jsonschema(schema, broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert typo[1].rstrip(":") in result.stdout


# -- README -------------------------------------------------------------------------------------


def readme() -> str:
    if not README.is_file():
        pytest.fail("README.md is missing; it documents the pre-commit hook and the Action")
    return README.read_text(encoding="utf-8")


def yaml_blocks(text: str) -> list[Any]:
    return [yaml.safe_load(block) for block in re.findall(r"```ya?ml\n(.*?)```", text, re.DOTALL)]


def test_readme_names_the_distribution_and_the_commands() -> None:
    text = readme()
    name = pyproject()["project"]["name"]
    assert name == "refcheck-bib"
    assert f"pip install {name}" in text
    assert "make book" in text and "make test" in text


def test_readme_pre_commit_example_uses_our_hook() -> None:
    configs = [
        block for block in yaml_blocks(readme()) if isinstance(block, dict) and "repos" in block
    ]
    assert configs, "README.md has no .pre-commit-config.yaml example"
    hook_ids = {hook["id"] for hook in load(HOOKS_FILE)}
    for config in configs:
        for repo in config["repos"]:
            assert {"repo", "rev", "hooks"} <= set(repo)
            assert {hook["id"] for hook in repo["hooks"]} <= hook_ids


def test_readme_action_example_uses_declared_inputs() -> None:
    inputs = set(load(ACTION_FILE)["inputs"])
    examples = [
        step
        for block in yaml_blocks(readme())
        if isinstance(block, dict) and "jobs" in block
        for job in block["jobs"].values()
        for step in job.get("steps", [])
        if "refcheck" in step.get("uses", "")
    ]
    assert examples, "README.md has no workflow example using the refcheck Action"
    for step in examples:
        assert set(step.get("with", {})) <= inputs, step
