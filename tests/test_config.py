"""[tool.refcheck]: loading, discovery, validation with messages naming file and key."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from refcheck.config import ConfigError, find_pyproject, load_config
from refcheck.model import Severity
from refcheck.rules import RULES, Report, rule
from refcheck.rules.registry import Context


def pyproject(folder: Path, table: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(f'[project]\nname = "x"\n\n[tool.refcheck]\n{table}\n', encoding="utf-8")
    return path


def test_a_full_table_is_read_and_resolved(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text("", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    path = pyproject(
        tmp_path,
        """\
bib = "refs.bib"
docs = ["docs"]
select = ["D", "C001"]
extend-select = ["unused-entry"]
ignore = ["D004"]
as-of = 2025-06-01
access-floor = "1995-01-01"
fail-on = "error"

[tool.refcheck.severity]
unused-entry = "info"
D002 = "error"

[[tool.refcheck.per-entry-ignores]]
key = "smith2024"
rules = ["D002", "date-in-future"]
reason = "kept as published"
""",
    )
    config = load_config(path)
    assert config.bib == [tmp_path / "refs.bib"] and config.docs == [tmp_path / "docs"]
    assert [r.code for r in config.enabled_rules()] == ["C001", "C002", "D001", "D002", "D003"]
    assert config.severity == {
        "unused-entry": Severity.INFO,
        "access-before-publication": Severity.ERROR,
    }
    assert config.as_of == date(2025, 6, 1) and config.fail_on == "error"
    options = config.options()
    assert options.as_of == date(2025, 6, 1) and options.access_floor == date(1995, 1, 1)
    [ignore] = config.entry_ignores
    assert ignore.rules == {"access-before-publication", "date-in-future"}
    assert (ignore.key, ignore.reason, ignore.location.line) == (
        "smith2024",
        "kept as published",
        19,
    )


def test_defaults_without_a_table(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.path is None and config.bib == [] and config.select is None
    names = {r.name for r in config.enabled_rules()}
    assert {"parse-error", "undefined-citation", "unused-entry"} <= names
    assert config.options(today=date(2030, 1, 2)).as_of == date(2030, 1, 2)


def test_discovery_searches_upward_for_a_refcheck_table(tmp_path: Path) -> None:
    pyproject(tmp_path, 'as-of = "2025-01-01"')
    inner = tmp_path / "pkg" / "deep"
    inner.mkdir(parents=True)
    (tmp_path / "pkg" / "pyproject.toml").write_text('[project]\nname = "inner"\n')
    assert find_pyproject(inner) == tmp_path / "pyproject.toml"
    assert load_config(start=inner).as_of == date(2025, 1, 1)


def test_a_refcheck_toml_holds_the_table_at_top_level(tmp_path: Path) -> None:
    path = tmp_path / "refcheck.toml"
    path.write_text('ignore = ["unused-entry"]\n', encoding="utf-8")
    assert load_config(path).ignore == ("unused-entry",)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("colour = 1", r"\[tool.refcheck\] colour: unknown key \(known keys: bib, docs"),
        ('select = "D001"\nignore = 3', r"ignore: must be a string or a list of strings"),
        (
            'select = ["date-invalidd"]',
            r"select: unknown rule 'date-invalidd' \(did you mean 'date-invalid'\?",
        ),
        ('ignore = ["Q"]', r"ignore: unknown rule 'Q'"),
        ('bib = ["nope.bib"]', r"bib: 'nope.bib' does not exist"),
        ('as-of = "June 2025"', r"as-of: 'June 2025' is not a date \(use YYYY-MM-DD\)"),
        ("as-of = 2025-06-01T10:00:00", r"as-of: .* is not a date"),
        (
            'fail-on = "sometimes"',
            r"fail-on: 'sometimes' is not one of info, warning, error, never",
        ),
        ('severity = {unused-entry = "fatal"}', r"severity.unused-entry: unknown severity 'fatal'"),
        ('severity = {nonsense = "info"}', r"severity.nonsense: unknown rule 'nonsense'"),
        (
            "options = {unused-entry = {x = 1}}",
            r"options.unused-entry: rule unused-entry has no options",
        ),
        (
            '[[tool.refcheck.per-entry-ignores]]\nkey = "k"\nrules = ["D002"]',
            r"per-entry-ignores\[0\].reason: a reason is required \(entry 'k'\)",
        ),
        (
            '[[tool.refcheck.per-entry-ignores]]\nkey = "k"\nrules = ["D002"]\nreason = "  "',
            r"per-entry-ignores\[0\].reason: a reason is required",
        ),
        (
            '[[tool.refcheck.per-entry-ignores]]\nkey = "k"\nreason = "r"',
            r"per-entry-ignores\[0\].rules: name at least one rule",
        ),
        (
            '[[tool.refcheck.per-entry-ignores]]\nkey = "k"\nrules = ["D002"]\nreason = "r"\n'
            "why = 1",
            r"per-entry-ignores\[0\].why: unknown key",
        ),
        ("per-entry-ignores = {key = 'k'}", r"per-entry-ignores: must be an array of tables"),
        (
            '[[tool.refcheck.per-entry-ignores]]\nkey = "a"\nrules = ["D002"]\nreason = "r"\n'
            '[[tool.refcheck.per-entry-ignores]]\nkey = "b"\nrules = 5\nreason = "r"',
            r"per-entry-ignores\[1\].rules: must be a string or a list of strings \(entry 'b'\)",
        ),
        (
            '[[tool.refcheck.per-entry-ignores]]\nkey = "k"\nrules = ["D002", 3]\nreason = "r"',
            r"per-entry-ignores\[0\].rules: must be a string or a list of strings",
        ),
        (
            '[[tool.refcheck.per-entry-ignores]]\nkey = 7\nrules = ["D002"]\nreason = "r"',
            r"per-entry-ignores\[0\].key: must be a string, not an integer",
        ),
        (
            '[[tool.refcheck.per-entry-ignores]]\nkey = "k"\nrules = ["D002"]\nreason = [1]',
            r"per-entry-ignores\[0\].reason: must be a string, not an array \(entry 'k'\)",
        ),
        (
            "[tool.refcheck.options.near-duplicate]\nthreshold = nan",
            r"options.near-duplicate.threshold: must be a finite number, not nan",
        ),
        (
            "[tool.refcheck.options.near-duplicate]\nthreshold = -inf",
            r"options.near-duplicate.threshold: must be a finite number, not -inf",
        ),
    ],
)
def test_mistakes_name_the_file_and_the_key(tmp_path: Path, table: str, message: str) -> None:
    path = pyproject(tmp_path, table)
    with pytest.raises(ConfigError, match=message) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    "table",
    [
        '"x\\n::error file=README.md,line=1::INJECTED\\u001b[31m" = 1',
        '[[tool.refcheck.per-entry-ignores]]\nkey = "k"\nrules = ["D002"]\nreason = "r"\n'
        '"\\n::error::INJECTED\\u001b" = 1',
        'fail-on = "\\n::error::INJECTED\\u202e"',
        '[tool.refcheck.severity]\n"\\n::error::INJECTED\\u001b" = "error"',
    ],
)
def test_messages_show_keys_and_values_with_control_characters_escaped(
    tmp_path: Path, table: str
) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(pyproject(tmp_path, table))
    message = str(error.value)
    assert "INJECTED" in message
    assert "\n" not in message and "\x1b" not in message and "\u202e" not in message


@pytest.mark.parametrize("name", ["refcheck.toml", "pyproject.toml", "other.toml"])
@pytest.mark.parametrize("tool", ['"refcheck"', "3", "[1, 2]"])
def test_a_tool_key_that_is_not_a_table_is_an_error_naming_the_file(
    tmp_path: Path, name: str, tool: str
) -> None:
    path = tmp_path / name
    path.write_text(f"tool = {tool}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'tool' must be a table \(\[tool.refcheck\]\)") as e:
        load_config(path)
    assert str(e.value).startswith(f"{path}: ")


def test_invalid_toml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.refcheck]\nbib = ]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml: invalid TOML: .*line 2, column 7"):
        load_config(path)


def test_a_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "nope.toml")


@pytest.fixture
def rule_with_options() -> Iterator[str]:
    @rule(
        "Z998",
        options={"threshold": float, "limit": int, "strict": bool, "since": date},
        option_ranges={"threshold": (0.0, 1.0), "limit": (0, None)},
    )
    def check_options_for_test(ctx: Context) -> Iterator[Report]:
        """A rule with options, for the configuration tests."""
        return iter(())

    try:
        yield "options-for-test"
    finally:
        RULES.pop("options-for-test")


def test_rule_options_are_validated_against_the_rule(
    tmp_path: Path, rule_with_options: str
) -> None:
    path = pyproject(
        tmp_path,
        f"[tool.refcheck.options.{rule_with_options}]\n"
        'threshold = 1\nlimit = 3\nstrict = true\nsince = "2020-01-02"',
    )
    options = load_config(path).options()
    assert options.for_rule(rule_with_options, "threshold", 0.5) == 1.0
    assert options.rule_options[rule_with_options] == {
        "threshold": 1.0,
        "limit": 3,
        "strict": True,
        "since": date(2020, 1, 2),
    }
    for bad, message in [
        ('limit = "3"', r"options.Z998.limit: must be int, not str"),
        ("limit = true", r"limit: must be int, not a boolean"),
        ("threshold = 7", r"threshold: 7.0 is out of range \(allowed: from 0.0 to 1.0\)"),
        ("limit = -1", r"limit: -1 is out of range \(allowed: at least 0\)"),
        (
            "threshold = 0.5\nspeed = 2",
            r"options.Z998.speed: unknown option \(known: limit, since, strict, threshold\)",
        ),
    ]:
        path = pyproject(tmp_path, f"[tool.refcheck.options.Z998]\n{bad}")
        with pytest.raises(ConfigError, match=message):
            load_config(path)


def test_declared_option_ranges_of_the_rules_are_enforced(tmp_path: Path) -> None:
    for table, message in [
        ("[tool.refcheck.options.date-in-future]\ngrace-days = -1", "grace-days: -1 is out"),
        ("[tool.refcheck.options.claim-after-source]\ntolerance = -3", "tolerance: -3 is out"),
    ]:
        with pytest.raises(ConfigError, match=message):
            load_config(pyproject(tmp_path, table))


def test_per_entry_ignores_take_code_prefixes_as_select_does(tmp_path: Path) -> None:
    config = load_config(
        pyproject(
            tmp_path,
            '[[tool.refcheck.per-entry-ignores]]\nkey = "k"\nrules = ["D00", "unused-entry"]\n'
            'reason = "r"\n',
        )
    )
    [ignore] = config.entry_ignores
    assert ignore.rules == {
        "date-invalid",
        "access-before-publication",
        "date-in-future",
        "access-date-too-early",
        "unused-entry",
    }


def test_the_readme_configuration_example_loads(repo_root: Path, tmp_path: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    start = readme.index("```toml\n[tool.refcheck]") + len("```toml\n")
    example = readme[start : readme.index("```", start)]
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    (tmp_path / "refs.bib").touch()  # the paths it names
    (tmp_path / "docs").mkdir()
    config = load_config(tmp_path / "pyproject.toml")  # unknown keys or options would raise
    assert config.rule_options.keys() == {
        "claim-after-source", "date-in-future", "near-duplicate", "unformattable-entry-type"
    }  # fmt: skip
    assert config.entry_ignores and config.severity
