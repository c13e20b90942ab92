"""The files a build reads: a folder walked with the build's suffixes and glob patterns.

Sphinx's ``exclude_patterns`` and MyST-MD's ``exclude`` are globs on paths relative to
the source folder, in ``/`` form: ``**`` matches anything (slashes included), ``*`` and
``?`` anything but a slash, ``[...]`` a character class; a pattern matching a folder
excludes everything in it (Sphinx prunes matching folders while walking).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from refcheck.engine import SKIPPED_DIRS


def glob_regex(pattern: str) -> re.Pattern[str]:
    """The regular expression a build's glob stands for (anchored at both ends).

    Patterns come from the project's configuration and are matched against short
    relative paths only, so the ``.*`` that ``**`` becomes cannot cost much.
    """
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            close = pattern.find("]", i + 2 if pattern[i + 1 : i + 2] in ("!", "]") else i + 1)
            if close < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : close]
                negate = body.startswith("!")
                body = body[1:] if negate else body
                out.append(f"[{'^/' if negate else ''}{body.replace(chr(92), chr(92) * 2)}]")
                i = close
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


class Matcher:
    """Does a relative path match one of the patterns?"""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = [glob_regex(p.strip("/")) for p in patterns if p.strip("/")]

    def __call__(self, relative: str) -> bool:
        return any(p.match(relative) for p in self.patterns)


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
