"""A Python configuration file's settings, read from its syntax tree without running it.

Sphinx runs ``conf.py``; refcheck must not (it is the project's code, and may import
what is not installed).  Most settings are literal assignments, so this reads the
module's statements in order and keeps what it can work out:

- constants, lists, tuples, sets and dicts of them; ``+`` of strings, lists and tuples;
  f-strings of known names; names assigned earlier; ``x[...]`` of a known value;
  ``dict(...)``, ``list(...)``, ``tuple(...)`` and ``os.path.join(...)`` of known values;
- ``name += ...``, ``name.append/extend/insert/remove(...)`` and ``name.update(...)``,
  ``name[key] = ...`` on a known value.

Anything else (a call, an attribute, a comprehension, a name imported from elsewhere)
becomes an :class:`Opaque` value that says why and where, so that a setting that could
not be read is reported, never guessed silently.  Statements inside ``if``, ``try``,
``for``, ``while`` and ``with`` blocks are read as if their body ran once (the first
branch of an ``if``; an ``else``/``except`` branch is not read), and every setting they
touch is marked *conditional* with the line of the block.
"""

from __future__ import annotations

import ast

from refcheck.value_objects import FrozenValue, ValueObject

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Final

_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.With, ast.AsyncWith)
_LIST_METHODS = frozenset({"append", "extend", "insert", "remove"})
# Calls of these names with known arguments are evaluated; any other call is opaque.
_PURE_CALLS = frozenset({"dict", "list", "tuple", "set", "str", "sorted"})
_PATH_JOIN = ("os", "path", "join")
# Items (list elements, dict entries, 64-character runs of strings) the reader builds or
# copies in one file at most.
WORK_BUDGET = 1_000_000


class Opaque(FrozenValue):
    """A value refcheck could not work out without running the file: why, and where."""

    __slots__ = ("reason", "line")
    reason: Final[str]
    line: Final[int]

    def __init__(self, reason: str, line: int) -> None:
        self.reason = reason
        self.line = line


class Assigned(ValueObject):
    """A name's value after the last statement that set it, with that statement's line."""

    __slots__ = ("value", "line", "conditional", "before")

    def __init__(self, value: Any, line: int, conditional: str = "") -> None:
        self.value = value
        self.line = line
        # "" when set unconditionally; else what made it conditional ("an if block at line 9").
        self.conditional = conditional
        # When conditional: the value before the first block that changed it (NOT_SET if
        # it had none), so a reader can tell what the block added.
        self.before: Any = NOT_SET


class _NotSet:
    def __repr__(self) -> str:
        return "NOT_SET"


NOT_SET: Any = _NotSet()


class Module(ValueObject):
    """What reading one file found: every top-level name, or why the file could not be read."""

    __slots__ = ("names", "error", "error_line", "dynamic")

    def __init__(self, names: dict[str, Assigned], error: str = "", error_line: int = 1) -> None:
        self.names = names
        self.error = error  # "" when the file parsed
        self.error_line = error_line
        # (line, what) of statements that set names refcheck cannot see: exec(), globals(),
        # "from x import *".
        self.dynamic: list[tuple[int, str]] = []


def read_module(text: str, filename: str = "conf.py") -> Module:
    """The top-level names of the Python source ``text``; never runs it, never raises."""
    try:
        tree = ast.parse(text, filename=filename)
    except SyntaxError as exc:
        return Module({}, f"not valid Python: {exc.msg}", exc.lineno or 1)
    except ValueError as exc:  # NUL bytes
        return Module({}, f"not valid Python: {exc}", 1)
    except (RecursionError, MemoryError):  # nested too deeply for the parser
        return Module({}, "not valid Python: nested too deeply to parse", 1)
    reader = _Reader()
    try:
        reader.statements(tree.body, "")
    except RecursionError:  # values nested deeper than Python's stack: give up on the file
        return Module({}, "values nested too deeply to read", 1)
    except _TooLarge:
        return Module({}, f"it builds values of more than {WORK_BUDGET:,} items", 1)
    module = Module(reader.names)
    module.dynamic = reader.dynamic
    return module


def opaque_parts(value: Any) -> list[Opaque]:
    """The opaque values in ``value`` and in the lists, tuples and dicts it holds."""
    if isinstance(value, Opaque):
        return [value]
    if isinstance(value, (list, tuple)):
        return [o for item in value for o in opaque_parts(item)]
    if isinstance(value, dict):
        return [o for item in value.values() for o in opaque_parts(item)]
    return []


class _Reader:
    def __init__(self) -> None:
        self.names: dict[str, Assigned] = {}
        self.dynamic: list[tuple[int, str]] = []
        # Items the reader may still build or copy: a conf.py is a few hundred of them; a
        # hostile one doubling a list thirty times would otherwise eat the memory.
        self.budget = WORK_BUDGET
        # Inside a top-level block: name -> its value before the block (see remember()).
        self.snapshot: dict[str, Any] | None = None

    def spend(self, value: Any) -> Any:
        self.budget -= _size(value)
        if self.budget < 0:
            raise _TooLarge
        return value

    def copy(self, value: Any) -> Any:
        return _copy(self.spend(value))

    # -- statements -----------------------------------------------------------------

    def statements(self, body: list[ast.stmt], conditional: str) -> None:
        for statement in body:
            self.statement(statement, conditional)

    def statement(self, node: ast.stmt, conditional: str) -> None:
        self.note_dynamic(node)
        if isinstance(node, _BLOCKS):
            self.block(node, conditional)
        elif isinstance(node, ast.Assign):
            value = self.value(node.value)
            for target in node.targets:
                self.assign(target, value, node.lineno, conditional)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.assign(node.target, self.value(node.value), node.lineno, conditional)
        elif isinstance(node, ast.AugAssign):
            self.augmented(node, conditional)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            self.method_call(node.value, conditional)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            self.imported(node, conditional)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.set(
                node.name,
                Opaque(f"'{node.name}' is a function or class", node.lineno),
                node.lineno,
                conditional,
            )
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.names.pop(target.id, None)

    def note_dynamic(self, node: ast.stmt) -> None:
        """Remember statements that set names out of sight: ``exec()``, ``globals()[k] = v``,
        ``globals().update(...)``, ``from x import *``."""
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            self.dynamic.append((node.lineno, f"'from {node.module} import *'"))
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Subscript) and _is_namespace(t.value) for t in node.targets
        ):
            self.dynamic.append((node.lineno, "globals()[...] = ..."))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Name) and func.id in ("exec", "execfile"):
                self.dynamic.append((node.lineno, f"{func.id}()"))
            elif (
                isinstance(func, ast.Attribute)
                and func.attr == "update"
                and _is_namespace(func.value)
            ):
                self.dynamic.append((node.lineno, "globals().update()"))

    def block(self, node: ast.stmt, conditional: str) -> None:
        if conditional:
            self.inner_block(node, conditional)
            return
        # A top-level block: remember the values of the names it changes, as they were
        # before it, to say what it changed (see remember()).
        self.snapshot = {}
        self.inner_block(node, conditional)
        for name, before in self.snapshot.items():
            held = self.names.get(name)
            if held is not None and held.conditional and held.before is NOT_SET:
                held.before = before
        self.snapshot = None

    def remember(self, name: str) -> None:
        """Before a block changes ``name``: keep its value from before the block."""
        if self.snapshot is not None and name not in self.snapshot:
            held = self.names.get(name)
            if held is not None and held.conditional and held.before is not NOT_SET:
                return  # an earlier block's change: what it was before that is known
            self.snapshot[name] = NOT_SET if held is None else self.copy(held.value)

    def inner_block(self, node: ast.stmt, conditional: str) -> None:
        kind = {
            ast.If: "an if",
            ast.Try: "a try",
            ast.With: "a with",
            ast.AsyncWith: "a with",
            ast.While: "a while",
        }.get(type(node), "a for")
        inner = conditional or f"inside {kind} block at line {node.lineno}"
        if isinstance(node, ast.If):
            test = self.value(node.test)
            if test is True or (not isinstance(test, Opaque) and test is not False and test):
                self.statements(node.body, conditional)  # a literal true test: not conditional
            elif test is False or (not isinstance(test, Opaque) and not test):
                self.statements(node.orelse, conditional)
            else:
                self.statements(node.body, inner)
            return
        if isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.target, ast.Name):
            self.set(node.target.id, Opaque("a loop variable", node.lineno), node.lineno, inner)
        body: list[ast.stmt] = getattr(node, "body", [])
        self.statements(body, inner)
        if isinstance(node, ast.Try):
            self.statements(node.finalbody, conditional)

    def set(self, name: str, value: Any, line: int, conditional: str) -> None:
        self.remember(name)
        self.names[name] = Assigned(value, line, conditional)

    def assign(self, target: ast.expr, value: Any, line: int, conditional: str) -> None:
        if isinstance(target, ast.Name):
            self.set(target.id, value, line, conditional)
        elif isinstance(target, (ast.Tuple, ast.List)):
            parts = value if isinstance(value, (list, tuple)) else None
            for index, element in enumerate(target.elts):
                if parts is not None and len(parts) == len(target.elts):
                    part = parts[index]
                else:
                    part = Opaque("unpacked from a value refcheck cannot split", line)
                self.assign(element, part, line, conditional)
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            self.item_assign(target, value, line, conditional)

    def item_assign(self, target: ast.Subscript, value: Any, line: int, conditional: str) -> None:
        name = target.value.id  # type: ignore[attr-defined]
        held = self.names.get(name)
        if held is None:
            return
        key = self.value(target.slice)
        self.remember(name)
        container = held.value
        if isinstance(container, dict) and not isinstance(key, Opaque):
            try:
                container[key] = value
            except TypeError:  # an unhashable key
                return
        elif (
            isinstance(container, list)
            and isinstance(key, int)
            and -len(container) <= key < len(container)
        ):
            container[key] = value
        else:
            self.set(
                name, Opaque(f"'{name}' is changed by item at line {line}", line), line, conditional
            )
            return
        self.touch(name, line, conditional)

    def touch(self, name: str, line: int, conditional: str) -> None:
        held = self.names[name]
        held.line = line
        held.conditional = held.conditional or conditional

    def augmented(self, node: ast.AugAssign, conditional: str) -> None:
        if not isinstance(node.target, ast.Name):
            return
        name = node.target.id
        held = self.names.get(name)
        current = (
            held.value
            if held
            else Opaque(f"'{name}' is not set before line {node.lineno}", node.lineno)
        )
        if isinstance(node.op, ast.Add):
            right = self.value(node.value)
            if held is not None and isinstance(current, list) and isinstance(right, (list, tuple)):
                self.remember(name)  # a list's += extends it in place, as in Python
                current.extend(self.spend(list(right)))
                self.touch(name, node.lineno, conditional)
                return
            combined = self.add(current, right, node.lineno)
        else:
            combined = Opaque("an operator other than +", node.lineno)
        self.set(name, combined, node.lineno, conditional or (held.conditional if held else ""))

    def method_call(self, call: ast.Call, conditional: str) -> None:
        func = call.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return
        name, method = func.value.id, func.attr
        held = self.names.get(name)
        if held is None:
            return
        args = [self.value(a) for a in call.args]
        container = held.value
        line = call.lineno
        done = False
        self.remember(name)
        if isinstance(container, list) and method in _LIST_METHODS and not call.keywords:
            done = self.list_method(container, method, args, line)
        elif isinstance(container, dict) and method == "update" and len(args) <= 1:
            update = args[0] if args else {}
            if isinstance(update, dict):
                container.update(update)
                container.update({k.arg: self.value(k.value) for k in call.keywords if k.arg})
                done = True
        elif isinstance(container, Opaque):
            return
        if done:
            self.touch(name, line, conditional)
        elif method in _LIST_METHODS or method in ("update", "pop", "clear", "setdefault"):
            reason = f"'{name}.{method}(...)' at line {line} could not be read"
            self.set(name, Opaque(reason, line), line, conditional)

    def list_method(self, container: list[Any], method: str, args: list[Any], line: int) -> bool:
        if method == "append" and len(args) == 1:
            container.append(args[0])
        elif method == "extend" and len(args) == 1 and isinstance(args[0], (list, tuple)):
            container.extend(args[0])
        elif method == "insert" and len(args) == 2 and isinstance(args[0], int):
            container.insert(args[0], args[1])
        elif method == "remove" and len(args) == 1 and args[0] in container:
            container.remove(args[0])
        else:
            return False
        return True

    def imported(self, node: ast.Import | ast.ImportFrom, conditional: str) -> None:
        for alias in node.names:
            shown = alias.asname or alias.name.split(".")[0]
            if shown != "*":
                reason = f"'{shown}' is imported (line {node.lineno})"
                self.set(shown, Opaque(reason, node.lineno), node.lineno, conditional)

    # -- expressions ----------------------------------------------------------------

    def value(self, node: ast.expr) -> Any:
        line = getattr(node, "lineno", 1)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items: list[Any] = []
            for element in node.elts:
                if isinstance(element, ast.Starred):
                    inner = self.value(element.value)
                    items.extend(inner if isinstance(inner, (list, tuple)) else [inner])
                else:
                    items.append(self.value(element))
            return tuple(items) if isinstance(node, ast.Tuple) else items
        if isinstance(node, ast.Dict):
            return self.dict_value(node)
        if isinstance(node, ast.Name):
            held = self.names.get(node.id)
            if held is None:
                return Opaque(f"'{node.id}' is not set in this file", line)
            return self.copy(held.value)
        if isinstance(node, ast.BinOp):
            left, right = self.value(node.left), self.value(node.right)
            if isinstance(node.op, ast.Add):
                return self.add(left, right, line)
            return Opaque("an expression other than +", line)
        if isinstance(node, ast.JoinedStr):
            return self.fstring(node, line)
        if isinstance(node, ast.Subscript):
            return self.subscript(node, line)
        if isinstance(node, ast.Call):
            return self.call(node, line)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            operand = self.value(node.operand)
            return operand if isinstance(operand, Opaque) else not operand
        return Opaque(f"{_describe(node)} (refcheck does not run conf.py)", line)

    def dict_value(self, node: ast.Dict) -> Any:
        result: dict[Any, Any] = {}
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            value = self.value(value_node)
            if key_node is None:  # {**other}
                if isinstance(value, dict):
                    result.update(value)
                continue
            key = self.value(key_node)
            if isinstance(key, Opaque):
                continue
            try:
                result[key] = value
            except TypeError:
                continue
        return result

    def add(self, left: Any, right: Any, line: int) -> Any:
        for part in (left, right):
            if isinstance(part, Opaque):
                return part
        if type(left) is type(right) and isinstance(left, (str, list, tuple)):
            return self.spend(left + right)
        if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
            return self.spend(list(left) + list(right))
        return Opaque("a sum of values of different types", line)

    def fstring(self, node: ast.JoinedStr, line: int) -> Any:
        parts = []
        for piece in node.values:
            if isinstance(piece, ast.Constant):
                parts.append(str(piece.value))
                continue
            if (
                not isinstance(piece, ast.FormattedValue)
                or piece.format_spec
                or piece.conversion != -1
            ):
                return Opaque("an f-string with a format", line)
            value = self.value(piece.value)
            if isinstance(value, Opaque):
                return value
            parts.append(str(value))
        return self.spend("".join(parts))

    def subscript(self, node: ast.Subscript, line: int) -> Any:
        container, key = self.value(node.value), self.value(node.slice)
        if isinstance(container, Opaque):
            return container
        if isinstance(key, Opaque):
            return key
        try:
            return self.copy(container[key])
        except (KeyError, IndexError, TypeError):
            return Opaque("an item that is not there", line)

    def call(self, node: ast.Call, line: int) -> Any:
        name = _dotted(node.func)
        args = [self.value(a) for a in node.args]
        keywords = {k.arg: self.value(k.value) for k in node.keywords if k.arg}
        shown = ".".join(name) if name else "a function"
        unknown = [a for a in (*args, *keywords.values()) if isinstance(a, Opaque)]
        if name == _PATH_JOIN and not keywords and all(isinstance(a, str) for a in args) and args:
            import posixpath  # conf.py's own os.path on POSIX; the paths are relative

            return posixpath.join(*args)
        if len(name) == 1 and name[0] in _PURE_CALLS and name[0] not in self.names and not unknown:
            try:
                return _PURE[name[0]](*args, **keywords)
            except (TypeError, ValueError):
                pass
        return Opaque(f"the result of calling {shown}() (refcheck does not run conf.py)", line)


def _is_namespace(node: ast.expr) -> bool:
    """``globals()`` or ``vars()``: the module's own names."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("globals", "vars", "locals")
    )


def _copy(value: Any) -> Any:
    """A copy of containers, so that changing one name's list leaves another's alone."""
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _size(value: Any) -> int:
    """How many items and characters ``value`` holds, roughly: the work of copying it."""
    if isinstance(value, (list, tuple, dict)):
        return len(value) + 1
    if isinstance(value, str):
        return len(value) // 64 + 1
    return 1


class _TooLarge(Exception):
    """The file builds more than the reader's budget (``x = x + x`` thirty times)."""


def _dotted(node: ast.expr) -> tuple[str, ...]:
    if isinstance(node, ast.Name):
        return (node.id,)
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return (*head, node.attr) if head else ()
    return ()


def _describe(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        dotted = ".".join(_dotted(node))
        return f"the attribute {dotted}" if dotted else "an attribute"
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        return "a comprehension"
    if isinstance(node, ast.IfExp):
        return "a conditional expression"
    if isinstance(node, ast.Lambda):
        return "a lambda"
    return f"a {type(node).__name__} expression"


_PURE: dict[str, Any] = {
    "dict": dict,
    "list": list,
    "tuple": tuple,
    "set": list,
    "str": str,
    "sorted": sorted,
}
