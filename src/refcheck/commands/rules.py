"""``refcheck rules`` lists every rule; ``refcheck rule NAME|CODE`` prints one rule's docs."""

from __future__ import annotations

import argparse

from refcheck.cli import UsageError
from refcheck.commands.stdout import write_stdout


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    if name == "rule":
        parser.add_argument("rule", metavar="NAME|CODE", help="a rule name or code, e.g. D002")
    else:
        parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(_rules_command=name)


def run(args: argparse.Namespace) -> int:
    if args._rules_command == "rule":
        write_stdout(rule_documentation(args.rule), output_option=False)
    else:
        write_stdout(rule_table(args.format), output_option=False)
    return 0


def rule_table(fmt: str = "text") -> str:
    from refcheck.fixes.registry import fix_kinds
    from refcheck.rules import all_rules

    rules = all_rules()
    if fmt == "json":
        import json

        items = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "enabled_by_default": r.enabled_by_default,
                "summary": r.summary,
                "fix": fix_kinds(r),
            }
            for r in rules
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    width = max((len(r.name) for r in rules), default=4)
    lines = [f"{'CODE':<6} {'NAME':<{width}} {'SEVERITY':<8} {'FIX':<11} SUMMARY"]
    for r in rules:
        default = "" if r.enabled_by_default else " (off by default)"
        fix = "+".join(fix_kinds(r)) or "-"
        lines.append(
            f"{r.code:<6} {r.name:<{width}} {r.severity.value:<8} {fix:<11} {r.summary}{default}"
        )
    return "\n".join(lines) + "\n"


def rule_documentation(selector: str) -> str:
    from refcheck.config import resolve_rule, rule_hint

    found = resolve_rule(selector.strip())
    if found is None:
        raise UsageError(f"unknown rule {selector!r}; {rule_hint(selector)}")
    from refcheck.fixes.registry import fix_kinds, fix_safety

    options = ", ".join(f"{k} ({t.__name__})" for k, t in found.options.items())
    header = [
        f"# {found.name} ({found.code})",
        "",
        f"Default severity: {found.severity.value}"
        + ("" if found.enabled_by_default else " (off by default)"),
    ]
    if options:
        header.append(f"Options in [tool.refcheck.options.{found.name}]: {options}")
    kinds = fix_kinds(found)
    header.append(f"Fix: {' and '.join(kinds)} (refcheck check --fix)" if kinds else "Fix: none")
    doc = found.doc
    if "## Fix safety" not in doc:
        doc += "\n\n" + fix_safety(found)
    return "\n".join(header) + "\n\n" + doc + "\n"
