"""The ``[tool.refcheck]`` table of ``pyproject.toml``: load, validate, resolve.

Example::

    [tool.refcheck]
    bib = ["refs.bib"]                 # paths relative to this file
    docs = ["docs"]
    select = ["ALL"]                   # rule names, codes or code prefixes ("D", "U00")
    extend-select = []
    ignore = ["urldate-without-url"]
    as-of = 2025-06-01                 # "today" for date-in-future; default: today
    access-floor = 1991-08-06          # access dates before this are too early
    fail-on = "warning"                # info | warning | error | never
    language = "ja"                    # of the text reports; default English (en)

    [tool.refcheck.severity]           # per-rule severity overrides
    unused-entry = "info"

    [tool.refcheck.options.near-duplicate]   # rule options, as the rule declares them
    threshold = 0.9

    [[tool.refcheck.per-entry-ignores]]      # a reason is required
    key = "smith2024"
    rules = ["access-before-publication"]
    reason = "the source's typo, kept as published"

Every mistake raises ``ConfigError`` with a message naming the file and the key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from refcheck.escaping import escape_visible
from refcheck.i18n import _
from refcheck.lazy_re import lazy
from refcheck.model import Location, Severity
from refcheck.rules.registry import Options, Rule
from refcheck.value_objects import FrozenValue, ValueObject

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Final

FAIL_ON_CHOICES = ("info", "warning", "error", "never")

_KEYS = (
    "bib",
    "docs",
    "select",
    "extend-select",
    "ignore",
    "severity",
    "as-of",
    "access-floor",
    "fail-on",
    "options",
    "per-entry-ignores",
    "language",
)
_ENTRY_IGNORE_KEYS = ("key", "rules", "reason")
_CODE_PREFIX = lazy(r"^[A-Za-z]\d{0,3}$")


class ConfigError(Exception):
    """A mistake in the configuration; the message names the file and the key.

    The message is safe to print: the file's keys and values are shown with control
    characters escaped, so a key cannot forge a CI workflow command on stderr.
    """

    def __init__(self, message: str) -> None:
        super().__init__(escape_visible(message))


class EntryIgnore(FrozenValue):
    """``[[per-entry-ignores]]``: findings of ``rules`` about entry ``key`` are suppressed."""

    __slots__ = ("key", "rules", "reason", "location")
    key: Final[str]
    rules: Final[frozenset[str]]  # rule names
    reason: Final[str]
    location: Final[Location]  # where it is written, for the audit

    def __init__(self, key: str, rules: frozenset[str], reason: str, location: Location) -> None:
        self.key = key
        self.rules = rules
        self.reason = reason
        self.location = location


class Config(ValueObject):
    """refcheck's settings: those of a configuration file, or the defaults."""

    __slots__ = (
        "path", "root", "bib", "docs", "select", "extend_select", "ignore", "severity",
        "as_of", "access_floor", "fail_on", "rule_options", "entry_ignores", "language",
    )  # fmt: skip

    def __init__(
        self,
        path: Path | None = None,
        root: Path | None = None,
        bib: list[Path] | None = None,
        docs: list[Path] | None = None,
        select: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        severity: dict[str, Severity] | None = None,
        as_of: date | None = None,
        access_floor: date | None = None,
        fail_on: str = "warning",
        rule_options: dict[str, dict[str, Any]] | None = None,
        entry_ignores: list[EntryIgnore] | None = None,
    ) -> None:
        # The file the settings came from (None: defaults); relative paths are resolved
        # against root.
        self.path = path
        self.root = Path.cwd() if root is None else root
        self.bib: list[Path] = [] if bib is None else bib
        self.docs: list[Path] = [] if docs is None else docs
        self.select = select  # None: every rule enabled by default
        self.extend_select = extend_select
        self.ignore = ignore
        self.severity: dict[str, Severity] = {} if severity is None else severity  # by rule name
        self.as_of = as_of
        self.access_floor = access_floor
        self.fail_on = fail_on
        # By rule name.
        self.rule_options: dict[str, dict[str, Any]] = {} if rule_options is None else rule_options
        self.entry_ignores: list[EntryIgnore] = [] if entry_ignores is None else entry_ignores
        # The language of the text reports (refcheck.i18n); None: English.
        self.language: str | None = None

    @property
    def source(self) -> str:
        return str(self.path) if self.path else "defaults"

    def enabled_rules(self) -> list[Rule]:
        """The rules to run, in code order: select + extend-select - ignore."""
        rules = _known_rules()
        if self.select is None:
            chosen = {r.name for r in rules.values() if r.enabled_by_default}
        else:
            chosen = resolve_selectors(self.select, "select")
        chosen |= resolve_selectors(self.extend_select, "extend-select")
        chosen -= resolve_selectors(self.ignore, "ignore")
        return sorted((rules[n] for n in chosen), key=lambda r: r.code)

    def severity_of(self, rule: Rule) -> Severity:
        return self.severity.get(rule.name, rule.severity)

    def options(self, today: date | None = None) -> Options:
        opts = Options(rule_options=self.rule_options)
        opts.as_of = self.as_of or today or date.today()
        if self.access_floor is not None:
            opts.access_floor = self.access_floor
        return opts


def _known_rules() -> dict[str, Rule]:
    from refcheck.rules import all_rules

    return {r.name: r for r in all_rules()}


def resolve_rule(selector: str) -> Rule | None:
    """The rule named by a kebab name or a code (codes are case-insensitive)."""
    rules = _known_rules()
    if selector in rules:
        return rules[selector]
    upper = selector.upper()
    return next((r for r in rules.values() if r.code == upper), None)


def resolve_selectors(selectors: Iterable[str], option: str = "select") -> set[str]:
    """Rule names matched by names, codes, code prefixes or ``ALL``; unknown ones raise."""
    rules = _known_rules()
    names: set[str] = set()
    for raw in selectors:
        selector = raw.strip()
        if not selector:
            continue
        if selector.upper() == "ALL":
            names.update(rules)
            continue
        found = resolve_rule(selector)
        if found is not None:
            names.add(found.name)
            continue
        if _CODE_PREFIX.match(selector):
            matched = {r.name for r in rules.values() if r.code.startswith(selector.upper())}
            if matched:
                names |= matched
                continue
        message = _("{option}: unknown rule {selector!r} ({hint})")
        raise ValueError(message.format(option=option, selector=selector, hint=rule_hint(selector)))
    return names


def rule_hint(selector: str) -> str:
    """Where to look for a rule that ``selector`` does not name: a close name, or the list."""
    import difflib

    names = sorted(_known_rules())
    close = difflib.get_close_matches(selector, names, n=1)
    if close:
        return _("did you mean {name!r}? `refcheck rules` lists them all").format(name=close[0])
    return _("`refcheck rules` lists them all")


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.refcheck]``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            import tomllib  # here: a run without any pyproject.toml never needs it

            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                # A broken file is reported when it is the one we load, not while searching.
                return candidate
            if isinstance(data.get("tool"), dict) and "refcheck" in data["tool"]:
                return candidate
    return None


def load_config(path: Path | str | None = None, *, start: Path | None = None) -> Config:
    """Load ``path`` (a pyproject.toml, or a refcheck.toml holding the table at top level).

    Without ``path``, search upward from ``start`` (default: cwd); nothing found gives the
    defaults, rooted at ``start``.
    """
    if path is None:
        found = find_pyproject(start or Path.cwd())
        if found is None:
            return Config(root=(start or Path.cwd()).resolve())
        path = found
    path = Path(path)
    from refcheck.files import describe_os_error, read_regular_file

    try:
        text = read_regular_file(path).decode("utf-8-sig")  # a FIFO is refused, not waited on
    except FileNotFoundError:
        raise ConfigError(_("{path}: configuration file not found").format(path=path)) from None
    except OSError as exc:
        message = _("{path}: cannot read configuration: {reason}")
        raise ConfigError(message.format(path=path, reason=describe_os_error(exc))) from None
    except UnicodeDecodeError as exc:
        message = _("{path}: cannot read configuration: {reason}")
        raise ConfigError(message.format(path=path, reason=exc)) from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("{path}: invalid TOML: {error}").format(path=path, error=exc)) from None
    table: Any
    if path.name == "pyproject.toml" or "tool" in data:
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            message = _("{path}: 'tool' must be a table ([tool.refcheck]), not {type}")
            raise ConfigError(message.format(path=path, type=_toml_type(tool)))
        table = tool.get("refcheck", {})
        where = "[tool.refcheck]"
    else:
        table, where = data, "refcheck settings"
    return parse_table(table, path, where=where, text=text)


def parse_table(
    table: Any, path: Path, *, where: str = "[tool.refcheck]", text: str = ""
) -> Config:
    """Validate one ``[tool.refcheck]`` table read from ``path``."""
    reader = _TableReader(path, where, text)
    return reader.read(table)


class _TableReader:
    def __init__(self, path: Path, where: str, text: str) -> None:
        self.path = path
        self.where = where
        self.text = text

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.path}: {self.where} {key}: {message}")

    def read(self, table: Any) -> Config:
        if not isinstance(table, dict):
            raise ConfigError(
                _("{path}: {where} must be a table").format(path=self.path, where=self.where)
            )
        for key in table:
            if key not in _KEYS:
                message = _("unknown key (known keys: {keys})").format(keys=", ".join(_KEYS))
                raise self.error(key, message)
        root = self.path.resolve().parent
        config = Config(path=self.path, root=root)
        config.bib = self.paths(table, "bib", root)
        config.docs = self.paths(table, "docs", root)
        if "select" in table:
            config.select = self.selectors(table, "select")
        config.extend_select = self.selectors(table, "extend-select")
        config.ignore = self.selectors(table, "ignore")
        config.severity = self.severities(table.get("severity", {}))
        config.as_of = self.date(table, "as-of")
        config.access_floor = self.date(table, "access-floor")
        fail_on = table.get("fail-on", "warning")
        if fail_on not in FAIL_ON_CHOICES:
            message = _("{value!r} is not one of {choices}")
            raise self.error(
                "fail-on", message.format(value=fail_on, choices=", ".join(FAIL_ON_CHOICES))
            )
        config.fail_on = fail_on
        config.rule_options = self.rule_options(table.get("options", {}))
        config.entry_ignores = self.entry_ignores(table.get("per-entry-ignores", []))
        config.language = self.language(table)
        return config

    def language(self, table: Mapping[str, Any]) -> str | None:
        from refcheck.i18n import available_languages, resolve_language

        if "language" not in table:
            return None
        value = self.typed("language", table["language"], str)
        language = resolve_language(value)
        if language is None:
            names = ", ".join(available_languages())
            message = _("no messages in {value!r} (available: {names})")
            raise self.error("language", message.format(value=value, names=names))
        return language

    def strings(self, table: Mapping[str, Any], key: str) -> list[str]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, _("must be a string or a list of strings"))
        return value

    def paths(self, table: Mapping[str, Any], key: str, root: Path) -> list[Path]:
        result = []
        for value in self.strings(table, key):
            resolved = root / value
            if not resolved.exists():
                message = _("{value!r} does not exist (paths are relative to {root})")
                raise self.error(key, message.format(value=value, root=root))
            result.append(resolved)
        return result

    def selectors(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        values = self.strings(table, key)
        try:
            resolve_selectors(values, key)
        except ValueError as exc:
            raise self.error(key, str(exc).split(": ", 1)[1]) from None
        return tuple(values)

    def rule(self, key: str, selector: str) -> Rule:
        found = resolve_rule(selector)
        if found is None:
            message = _("unknown rule {selector!r} ({hint})")
            raise self.error(key, message.format(selector=selector, hint=rule_hint(selector)))
        return found

    def severities(self, value: Any) -> dict[str, Severity]:
        if not isinstance(value, dict):
            raise self.error("severity", _("must be a table of rule = severity"))
        result = {}
        for selector, level in value.items():
            rule = self.rule(f"severity.{selector}", selector)
            if not isinstance(level, str):
                raise self.error(f"severity.{selector}", _("must be a string"))
            try:
                result[rule.name] = Severity.parse(level)
            except ValueError as exc:
                raise self.error(f"severity.{selector}", str(exc)) from None
        return result

    def date(self, table: Mapping[str, Any], key: str) -> date | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.error(key, _("{value!r} is not a date (use YYYY-MM-DD)").format(value=value))

    def rule_options(self, value: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(value, dict):
            raise self.error("options", _("must be a table of [options.<rule>] tables"))
        result: dict[str, dict[str, Any]] = {}
        for selector, options in value.items():
            key = f"options.{selector}"
            rule = self.rule(key, selector)
            if not isinstance(options, dict):
                raise self.error(key, _("must be a table of option = value"))
            if not rule.options:
                raise self.error(key, _("rule {rule} has no options").format(rule=rule.name))
            checked = {}
            for name, option_value in options.items():
                expected = rule.options.get(name)
                if expected is None:
                    known = ", ".join(sorted(rule.options))
                    message = _("unknown option (known: {known})").format(known=known)
                    raise self.error(f"{key}.{name}", message)
                checked[name] = self.typed(f"{key}.{name}", option_value, expected)
                self.in_range(f"{key}.{name}", checked[name], rule.option_ranges.get(name))
            result[rule.name] = checked
        return result

    def typed(self, key: str, value: Any, expected: type) -> Any:
        if expected is date:
            return self.date({key: value}, key)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, float) and not math.isfinite(value):
            # nan compares false with every bound, so a range check alone would let it in.
            raise self.error(key, _("must be a finite number, not {value!r}").format(value=value))
        if expected is not bool and isinstance(value, bool):
            message = _("must be {type}, not a boolean").format(type=expected.__name__)
            raise self.error(key, message)
        if not isinstance(value, expected):
            message = _("must be {type}, not {actual}")
            raise self.error(
                key, message.format(type=expected.__name__, actual=type(value).__name__)
            )
        return value

    def in_range(
        self, key: str, value: Any, bounds: tuple[float | None, float | None] | None
    ) -> None:
        if bounds is None:
            return
        low, high = bounds
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                allowed = _("from {low} to {high}").format(low=low, high=high)
            elif low is not None:
                allowed = _("at least {low}").format(low=low)
            else:
                allowed = _("at most {high}").format(high=high)
            message = _("{value!r} is out of range (allowed: {allowed})")
            raise self.error(key, message.format(value=value, allowed=allowed))

    def entry_ignores(self, value: Any) -> list[EntryIgnore]:
        key = "per-entry-ignores"
        if not isinstance(value, list):
            raise self.error(
                key, "must be an array of tables ([[tool.refcheck.per-entry-ignores]])"
            )
        result = []
        for index, item in enumerate(value):
            where = f"{key}[{index}]"
            if not isinstance(item, dict):
                raise self.error(where, _("must be a table with key, rules and reason"))
            for name in item:
                if name not in _ENTRY_IGNORE_KEYS:
                    raise self.error(f"{where}.{name}", _("unknown key (use key, rules, reason)"))
            entry_key = item.get("key")
            if entry_key is not None and not isinstance(entry_key, str):
                message = _("must be a string, not {type}").format(type=_toml_type(entry_key))
                raise self.error(f"{where}.key", message)
            if not isinstance(entry_key, str) or not entry_key.strip():
                raise self.error(f"{where}.key", _("the entry key is required"))
            reason = item.get("reason")
            if reason is not None and not isinstance(reason, str):
                raise self.error(
                    f"{where}.reason",
                    _("must be a string, not {type} (entry {key!r})").format(
                        type=_toml_type(reason), key=entry_key
                    ),
                )
            if not isinstance(reason, str) or not reason.strip():
                message = _("a reason is required (entry {key!r})").format(key=entry_key)
                raise self.error(f"{where}.reason", message)
            rules_value = item.get("rules", [])
            if isinstance(rules_value, str):
                rules_value = [rules_value]
            if not isinstance(rules_value, list) or not all(
                isinstance(v, str) for v in rules_value
            ):
                raise self.error(
                    f"{where}.rules",
                    _("must be a string or a list of strings (entry {key!r})").format(
                        key=entry_key
                    ),
                )
            selectors: list[str] = rules_value
            if not selectors:
                raise self.error(f"{where}.rules", _("name at least one rule"))
            try:  # names, codes or code prefixes, as select and inline suppressions take
                rules = frozenset(resolve_selectors(selectors, f"{where}.rules"))
            except ValueError as exc:
                raise self.error(f"{where}.rules", str(exc).split(": ", 1)[1]) from None
            location = Location(self.display_path(), self.line_of(entry_key))
            result.append(EntryIgnore(entry_key, rules, reason.strip(), location))
        return result

    def display_path(self) -> str:
        """The file as findings show files (relative to the working directory when below
        it), so a finding located here is annotated in CI like one in a .bib file."""
        from refcheck.engine import display_path  # the engine imports this module

        return display_path(self.path)

    def line_of(self, entry_key: str) -> int:
        """The line that names ``entry_key`` (tomllib gives no positions), for the audit."""
        pattern = re.compile(r"^\s*key\s*=\s*[\"']" + re.escape(entry_key) + r"[\"']", re.M)
        match = pattern.search(self.text)
        return self.text.count("\n", 0, match.start()) + 1 if match else 1


def _toml_type(value: Any) -> str:
    """What a TOML value is, in TOML's words, for messages."""
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string",
             list: "an array", dict: "a table"}  # fmt: skip
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a date or time"


def parse_selector_list(values: Sequence[str] | None) -> list[str]:
    """``--select a,b --select c`` -> ``["a", "b", "c"]``."""
    result: list[str] = []
    for value in values or ():
        result.extend(part.strip() for part in value.split(",") if part.strip())
    return result
