"""The files a build reads: a folder walked with the build's suffixes and glob patterns.

Sphinx's ``exclude_patterns`` and MyST-MD's ``exclude`` are globs on paths relative to
the source folder, in ``/`` form: ``**`` matches anything (slashes included), ``*`` and
``?`` anything but a slash, ``[...]`` a character class; a pattern matching a folder
excludes everything in it (Sphinx prunes matching folders while walking).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from refcheck.engine import SKIPPED_DIRS

# A glob, compiled: each token is ("lit", char), ("one",) for ?, ("star",) for *,
# ("any",) for **, or ("class", negated, ranges) for [...].
Token = tuple[object, ...]


def compile_glob(pattern: str) -> list[Token]:
    """The tokens of a build's glob (see the module's docstring for what they mean)."""
    tokens: list[Token] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**", i):
            if not tokens or tokens[-1] != ("any",):  # *** is **; runs need no more states
                tokens.append(("any",))
            i += 2
            while i < n and pattern[i] == "*":
                i += 1
            continue
        if c == "*":
            tokens.append(("star",))
        elif c == "?":
            tokens.append(("one",))
        elif c == "[" and (parsed := _char_class(pattern, i)) is not None:
            token, i = parsed
            tokens.append(token)
            continue
        else:
            tokens.append(("lit", c))
        i += 1
    return tokens


def _char_class(pattern: str, at: int) -> tuple[Token, int] | None:
    """``[...]`` at ``at``: the token and the index after it; None when it never closes."""
    i = at + 1
    negated = pattern[i : i + 1] == "!"
    if negated:
        i += 1
    start = i
    ranges: list[tuple[str, str]] = []
    while i < len(pattern) and (pattern[i] != "]" or i == start):
        if i + 2 < len(pattern) and pattern[i + 1] == "-" and pattern[i + 2] != "]":
            ranges.append((pattern[i], pattern[i + 2]))
            i += 3
        else:
            ranges.append((pattern[i], pattern[i]))
            i += 1
    if i >= len(pattern):
        return None
    return ("class", negated, tuple(ranges)), i + 1


def glob_match(tokens: list[Token], path: str) -> bool:
    """Does the whole of ``path`` match? A set of token positions is carried along the path,
    so the time is the path's length times the pattern's, whatever the pattern (a regular
    expression for ``a**b**c**d`` could backtrack far on a long path that fails)."""
    end = len(tokens)
    states = _closure(tokens, {0})
    for ch in path:
        moved: set[int] = set()
        for i in states:
            if i == end:
                continue
            token = tokens[i]
            kind = token[0]
            if kind == "any" or (kind == "star" and ch != "/"):
                moved.add(i)
            elif (
                (kind == "lit" and token[1] == ch)
                or (kind == "one" and ch != "/")
                or (kind == "class" and ch != "/" and _in_class(token, ch))
            ):
                moved.add(i + 1)
        states = _closure(tokens, moved)
        if not states:
            return False
    return end in states


def _closure(tokens: list[Token], states: set[int]) -> set[int]:
    """``states`` and the positions after the wildcards they are at (which match nothing)."""
    result = set(states)
    pending = list(states)
    while pending:
        i = pending.pop()
        if i < len(tokens) and tokens[i][0] in ("star", "any") and i + 1 not in result:
            result.add(i + 1)
            pending.append(i + 1)
    return result


def _in_class(token: Token, ch: str) -> bool:
    ranges: tuple[tuple[str, str], ...] = token[2]  # type: ignore[assignment]
    inside = any(low <= ch <= high for low, high in ranges)
    return inside != bool(token[1])


class Matcher:
    """Does a relative path match one of the patterns?"""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = [compile_glob(p.strip("/")) for p in patterns if p.strip("/")]
        # "**" (Sphinx's default include_patterns) matches every path: no walk along it.
        self.everything = [("any",)] in self.patterns

    def __call__(self, relative: str) -> bool:
        return self.everything or any(glob_match(p, relative) for p in self.patterns)


def walk_sources(
    root: Path,
    suffixes: Sequence[str],
    exclude: Iterable[str] = (),
    skip_dirs: Iterable[Path] = (),
) -> list[Path]:
    """Files under ``root`` ending in one of ``suffixes``, in sorted order.

    Build output, virtual environments, hidden folders and ``skip_dirs`` are not walked;
    paths matching ``exclude`` (relative to ``root``) are left out, folders included.
    Symbolic links to folders are not followed (a link loop would never end).
    """
    excluded = Matcher(exclude)
    skipped = {p.resolve() for p in skip_dirs}
    lowered = tuple(s.lower() for s in suffixes)
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        folder = Path(dirpath)
        relative_folder = folder.relative_to(root).as_posix()
        prefix = "" if relative_folder == "." else relative_folder + "/"
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in SKIPPED_DIRS
            and not d.startswith(".")
            and not excluded(prefix + d)
            and (folder / d).resolve() not in skipped
        )
        for name in sorted(filenames):
            if name.lower().endswith(lowered) and not excluded(prefix + name):
                found.append(folder / name)
    return found


def joined(folder: Path, name: str) -> Path:
    """``folder / name`` with ``..`` and ``.`` folded away (``docs/../refs.bib`` is ``refs.bib``),
    as the build opens it; symbolic links are left alone."""
    return Path(os.path.normpath(folder / name))


def resolve_document(folder: Path, name: str, suffixes: Sequence[str]) -> Path | None:
    """The file a table of contents means by ``name`` (given with or without a suffix)."""
    direct = joined(folder, name)
    if direct.suffix and direct.is_file():
        return direct
    for suffix in suffixes:
        candidate = joined(folder, name + suffix)
        if candidate.is_file():
            return candidate
    return None
