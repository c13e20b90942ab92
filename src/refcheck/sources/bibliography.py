"""What a ``bibliography`` directive shows, as sphinxcontrib-bibtex (2.6, 2.7) decides it.

A directive shows the entries of its bib files (its argument, else every file of
``bibtex_bibfiles``) that pass its filter: ``:filter:`` when given (it overrides
``:all:``, ``:notcited:`` and ``:cited:``), else ``True`` for ``:all:``, ``not cited``
for ``:notcited:``, else ``cited``; plus the keys listed in its body.  ``cited`` is
true when a ``cite`` role (not ``footcite``) names ``keyprefix + key``.

The filter language is the small one sphinxcontrib-bibtex evaluates: ``and``/``or``/
``not``, one comparison (``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``in``,
``not in``), ``%`` for a case-insensitive regular-expression search, ``|``/``&`` on
sets, set displays ``{"a", "b"}``, string/number/bool constants, and the names
``type`` and ``key`` (lower-cased), ``cited``, ``docname``, ``docnames``, ``author``,
``editor`` and any field (``""`` when missing).  The expression is parsed with
``ast.parse`` and walked node by node here: nothing is ever executed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from refcheck.i18n import _
from refcheck.model import Entry
from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

DEFAULT_FILTER = "cited"
# A filter longer than this is not a filter anyone writes; parsing it could exhaust
# the parser's recursion (deeply nested parentheses).
MAX_FILTER_LENGTH = 10_000

_OPTION = re.compile(r"^\s*:(?P<name>[A-Za-z][\w-]*):(?:\s+(?P<value>.*?))?\s*$")
_YAML_OPTION = re.compile(r"^\s*(?P<name>[A-Za-z][\w-]*)\s*:(?:\s*(?P<value>.*?))?\s*$")


class Bibliography(FrozenValue):
    """One ``bibliography`` directive: where it is and what decides what it shows.

    ``bibfiles`` are the labels of the .bib files it lists (its argument, resolved by
    the reader); empty means every bib file of the project.  ``written_bibfiles`` is the
    argument as written.  ``filter`` is the effective filter expression.
    """

    __slots__ = (
        "path", "line", "docname", "filter", "keyprefix", "labelprefix", "keys",
        "written_bibfiles", "bibfiles",
    )  # fmt: skip
    path: Final[str]
    line: Final[int]
    docname: Final[str]
    filter: Final[str]
    keyprefix: Final[str]
    labelprefix: Final[str]
    keys: Final[tuple[str, ...]]
    written_bibfiles: Final[tuple[str, ...]]
    bibfiles: Final[tuple[str, ...]]

    def __init__(
        self,
        path: str,
        line: int,
        docname: str = "",
        filter: str = DEFAULT_FILTER,
        keyprefix: str = "",
        labelprefix: str = "",
        keys: tuple[str, ...] = (),
        written_bibfiles: tuple[str, ...] = (),
        bibfiles: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.line = line
        self.docname = docname
        self.filter = filter
        self.keyprefix = keyprefix
        self.labelprefix = labelprefix
        self.keys = keys
        self.written_bibfiles = written_bibfiles
        self.bibfiles = bibfiles

    def replace(self, **changes: object) -> Bibliography:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return Bibliography(**values)

    def covers(self, bib_label: str) -> bool:
        return not self.bibfiles or bib_label in self.bibfiles

    @property
    def shows_all(self) -> bool:
        return self.filter.strip() == "True"


def directive(path: str, line: int, argument: str, body: list[str], myst: bool) -> Bibliography:
    """A directive from its argument and the lines of its body (options, then keys).

    MyST writes options as ``:name: value`` lines or as a YAML block between ``---``
    lines at the start of the body; reST as ``:name: value`` lines.
    """
    options: dict[str, str] = {}
    rest = _read_options(body, options, myst)
    keys = tuple(line.strip() for line in rest if line.strip())
    return Bibliography(
        path,
        line,
        filter=effective_filter(options),
        keyprefix=options.get("keyprefix", ""),
        labelprefix=options.get("labelprefix", ""),
        keys=keys,
        written_bibfiles=tuple(argument.split()),
    )


def _read_options(body: list[str], options: dict[str, str], myst: bool) -> list[str]:
    index = 0
    while index < len(body) and not body[index].strip():
        index += 1
    if myst and index < len(body) and body[index].strip() == "---":
        end = next((i for i in range(index + 1, len(body)) if body[i].strip() == "---"), None)
        if end is not None:
            for line in body[index + 1 : end]:
                match = _YAML_OPTION.match(line)
                if match:
                    options[match.group("name").lower()] = _yaml_scalar(match.group("value"))
            return body[end + 1 :]
    while index < len(body):
        match = _OPTION.match(body[index])
        if match is None:
            break
        options[match.group("name").lower()] = match.group("value") or ""
        index += 1
    return body[index:]


def _yaml_scalar(value: str | None) -> str:
    value = (value or "").strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def effective_filter(options: dict[str, str]) -> str:
    """The filter a directive applies, given its options (flags map to ``""``)."""
    if "filter" in options:
        return options["filter"]
    if "all" in options and _flag_on(options["all"]):
        return "True"
    if "notcited" in options and _flag_on(options["notcited"]):
        return "not cited"
    return DEFAULT_FILTER


def _flag_on(value: str) -> bool:
    """A reST flag has no value; MyST's YAML may say ``all: true`` (or ``false``)."""
    return value.strip().lower() not in ("false", "no", "0")


class FilterError(ValueError):
    """A filter sphinxcontrib-bibtex cannot evaluate (it falls back to ``cited``)."""


def _not_in_language(node: ast.AST) -> str:
    return _("{syntax} is not part of the filter language").format(syntax=type(node).__name__)


def compile_filter(text: str) -> ast.expr:
    """The filter's expression tree, or FilterError saying why it cannot be read."""
    if len(text) > MAX_FILTER_LENGTH:
        raise FilterError(_("longer than {n} characters").format(n=MAX_FILTER_LENGTH))
    try:
        module = ast.parse(text)
    except SyntaxError as exc:
        raise FilterError(_("syntax error ({error})").format(error=exc.msg)) from None
    except (RecursionError, MemoryError, ValueError):
        raise FilterError(_("nested too deeply")) from None
    if len(module.body) != 1 or not isinstance(module.body[0], ast.Expr):
        raise FilterError(_("a filter is one expression"))
    expression = module.body[0].value
    _check_nodes(expression)
    return expression


_ALLOWED_NODES = (
    ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.BinOp, ast.Mod, ast.BitOr,
    ast.BitAnd, ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In,
    ast.NotIn, ast.Name, ast.Load, ast.Set, ast.Constant,
)  # fmt: skip


def _check_nodes(expression: ast.expr) -> None:
    """Reject, before any evaluation, what sphinxcontrib-bibtex's visitor rejects."""
    for node in ast.walk(expression):
        if not isinstance(node, _ALLOWED_NODES):
            raise FilterError(_not_in_language(node))
        if isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not):
            raise FilterError(_("only 'not' may stand before a value"))
        if isinstance(node, ast.BinOp) and not isinstance(
            node.op, ast.Mod | ast.BitOr | ast.BitAnd
        ):
            raise FilterError(
                _("the operator {operator} is not in the language").format(
                    operator=type(node.op).__name__
                )
            )
        if isinstance(node, ast.Compare) and len(node.ops) != 1:
            raise FilterError(_("chained comparisons are not supported"))


class EntryFacts:
    """What a filter can ask about one entry, seen from one bibliography."""

    __slots__ = ("entry", "docname", "cited_docnames")

    def __init__(self, entry: Entry, docname: str, cited_docnames: frozenset[str]) -> None:
        self.entry = entry
        self.docname = docname
        self.cited_docnames = cited_docnames

    def name(self, identifier: str) -> object:
        entry = self.entry
        if identifier == "type":
            return entry.type.lower()
        if identifier == "key":
            return entry.key.lower()
        if identifier == "cited":
            return bool(self.cited_docnames)
        if identifier == "docname":
            return self.docname
        if identifier == "docnames":
            return self.cited_docnames
        value = entry.get(identifier.lower())
        return "" if value is None else value


def evaluate(expression: ast.expr, facts: EntryFacts) -> bool:
    """Whether the filter shows the entry; FilterError when it cannot be evaluated."""
    try:
        return bool(_value(expression, facts))
    except FilterError:
        raise
    except (TypeError, re.error, RecursionError) as exc:
        raise FilterError(str(exc)) from None


def _value(node: ast.expr, facts: EntryFacts) -> object:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return facts.name(node.id)
    if isinstance(node, ast.BoolOp):
        outcomes = (_value(value, facts) for value in node.values)
        return all(outcomes) if isinstance(node.op, ast.And) else any(outcomes)
    if isinstance(node, ast.UnaryOp):
        return not _value(node.operand, facts)
    if isinstance(node, ast.Set):
        return frozenset(_hashable(_value(element, facts)) for element in node.elts)
    if isinstance(node, ast.BinOp):
        return _binary(node, _value(node.left, facts), _value(node.right, facts))
    if isinstance(node, ast.Compare):
        return _compare(node.ops[0], _value(node.left, facts), _value(node.comparators[0], facts))
    raise FilterError(_not_in_language(node))


def _hashable(value: object) -> object:
    if isinstance(value, str | int | float | bool | frozenset) or value is None:
        return value
    raise FilterError(_("a set holds strings, numbers or truth values"))


def _binary(node: ast.BinOp, left: object, right: object) -> object:
    if isinstance(node.op, ast.Mod):
        if not isinstance(left, str) or not isinstance(right, str):
            raise FilterError(_("'%' matches a string against a regular expression string"))
        return re.search(right, left, re.IGNORECASE) is not None
    if not isinstance(left, frozenset) or not isinstance(right, frozenset):
        raise FilterError(_("'|' and '&' combine sets"))
    return left | right if isinstance(node.op, ast.BitOr) else left & right


def _compare(op: ast.cmpop, left: object, right: object) -> bool:
    if isinstance(op, ast.Eq):
        return left == right
    if isinstance(op, ast.NotEq):
        return left != right
    if isinstance(op, ast.In | ast.NotIn):
        if not isinstance(right, str | frozenset):
            raise FilterError(_("'in' needs a string or a set on its right"))
        if isinstance(right, str) and not isinstance(left, str):
            raise FilterError(_("'in' a string needs a string on its left"))
        found = left in right
        return found if isinstance(op, ast.In) else not found
    ordered = (left, right)
    if not (
        all(isinstance(v, str) for v in ordered)
        or all(_is_number(v) for v in ordered)
        or all(isinstance(v, frozenset) for v in ordered)  # subsets: {"a"} <= docnames
    ):
        raise FilterError(_("'<', '>' compare two strings, two numbers or two sets"))
    a, b = left, right
    if isinstance(op, ast.Lt):
        return a < b  # type: ignore[operator]
    if isinstance(op, ast.LtE):
        return a <= b  # type: ignore[operator]
    if isinstance(op, ast.Gt):
        return a > b  # type: ignore[operator]
    return a >= b  # type: ignore[operator]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def cited_docnames_by_key(
    citations: Iterable[tuple[str, str]],
) -> dict[str, frozenset[str]]:
    """``{key: docnames}`` from ``(key, docname)`` pairs of ``cite`` roles."""
    found: dict[str, set[str]] = {}
    for key, docname in citations:
        found.setdefault(key, set()).add(docname)
    return {key: frozenset(names) for key, names in found.items()}
