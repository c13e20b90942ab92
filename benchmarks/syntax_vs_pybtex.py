"""refcheck's parse-error findings against pybtex on the other parsers' test bibliographies.

Usage: python benchmarks/syntax_vs_pybtex.py [--corpus DIR] [--details]

Every ``.bib`` file under ``--corpus`` (default: the shared corpus's ``syntax/`` folder) is
read three ways:

- **pybtex strict**: ``pybtex.database.parse_file`` with pybtex's default strict mode, the
  mode a plain ``pybtex`` run uses: the first syntax error (an undefined ``@string``, junk,
  an unbalanced brace) raises, so the file is either valid or not.
- **sphinxcontrib-bibtex**: ``sphinxcontrib.bibtex.bibfile.parse_bibdata``, the function a
  Sphinx build calls, with the encoding it would be given (``bibtex_encoding``, default
  ``utf-8-sig``).  It catches only ``BibliographyDataError`` (duplicate keys and fields), so a
  syntax error pybtex raises in strict mode stops the build.
- **pybtex lenient**: the same parser with every error captured instead of raised
  (``pybtex.errors.capture``), which gives the line of each error pybtex finds, so refcheck's
  findings can be compared per line.

Each refcheck ``parse-error`` (``refcheck.bib.parse_file``, one file at a time, as pybtex reads
them) is then either *agreed* (pybtex reports an error on that line or, for a file it cannot
decode, rejects the file) or *refcheck only*.  A refcheck-only finding on a file pybtex reads
as valid is either a refcheck bug to fix or a defect documented in ``parse-error``'s rule
documentation (``refcheck rule parse-error``); benchmarks/README.md has the table.

Prints a Markdown table per file (only the files where either side reports something) and
the totals.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, suppress
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pybtex.errors  # noqa: E402
from pybtex.database import parse_file as pybtex_parse_file  # noqa: E402

from refcheck.bib import parse_file as refcheck_parse_file  # noqa: E402
from shared import CORPUS_DIR  # noqa: E402

MEMORY_CAP = 4 * 1024**3
SPHINX_ENCODING = "utf-8-sig"  # sphinxcontrib-bibtex's default bibtex_encoding


@dataclass
class FileResult:
    path: Path
    strict_error: str = ""  # empty: pybtex strict read the file
    sphinx_error: str = ""  # empty: sphinxcontrib-bibtex read the file
    lenient_lines: set[int] = field(default_factory=set)  # lines of pybtex's captured errors
    refcheck: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    @property
    def agreed(self) -> list[tuple[int, str]]:
        return [f for f in self.refcheck if self._pybtex_sees(f[0])]

    @property
    def refcheck_only(self) -> list[tuple[int, str]]:
        return [f for f in self.refcheck if not self._pybtex_sees(f[0])]

    def _pybtex_sees(self, line: int) -> bool:
        # A file pybtex cannot decode has no error lines, but pybtex rejects it all.
        undecodable = "codec" in self.strict_error or "decode" in self.strict_error
        return line in self.lenient_lines or undecodable


def _pybtex_strict(path: Path) -> str:
    pybtex.errors.set_strict_mode(True)
    try:
        pybtex_parse_file(str(path), "bibtex")
    except Exception as error:  # any pybtex refusal: syntax, decoding, duplicate fields
        return f"{type(error).__name__}: {error}"
    return ""


def _pybtex_lenient_lines(path: Path) -> set[int]:
    # An undecodable file raises even here: it has no per-line errors to compare.
    with pybtex.errors.capture() as captured, suppress(Exception):
        pybtex_parse_file(str(path), "bibtex")
    return {line for error in captured if (line := getattr(error, "lineno", None))}


def _sphinx(path: Path) -> str:
    from sphinxcontrib.bibtex.bibfile import parse_bibdata

    pybtex.errors.set_strict_mode(True)  # what a Sphinx build leaves it at
    try:
        with redirect_stderr(io.StringIO()):
            parse_bibdata([path], SPHINX_ENCODING)
    except Exception as error:  # the build would stop on it
        return f"{type(error).__name__}: {error}"
    return ""


def compare(path: Path) -> FileResult:
    result = FileResult(path)
    result.strict_error = _pybtex_strict(path)
    result.sphinx_error = _sphinx(path)
    result.lenient_lines = _pybtex_lenient_lines(path)
    bib = refcheck_parse_file(path)
    result.refcheck = [(problem.line, problem.message) for problem in bib.problems]
    return result


def bib_files(corpus: Path) -> Iterator[Path]:
    yield from sorted(corpus.rglob("*.bib"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR / "syntax")
    parser.add_argument("--details", action="store_true", help="list refcheck-only findings")
    args = parser.parse_args()
    # pybtex expands @string macros without a bound: a hostile file (each macro doubling
    # the one before) would take all memory; with a cap, it fails with MemoryError instead.
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    results = [compare(path) for path in bib_files(args.corpus)]
    print(
        "| file | pybtex strict | sphinxcontrib-bibtex | refcheck parse-error | agreed "
        "| refcheck only |"
    )
    print("|---|---|---|---:|---:|---:|")
    for r in results:
        if not (r.strict_error or r.sphinx_error or r.refcheck):
            continue
        name = r.path.relative_to(args.corpus)
        strict = "error" if r.strict_error else "valid"
        sphinx = "error" if r.sphinx_error else "valid"
        print(
            f"| {name} | {strict} | {sphinx} | {len(r.refcheck)} | {len(r.agreed)} "
            f"| {len(r.refcheck_only)} |"
        )
    valid = [r for r in results if not r.strict_error]
    print()
    print(
        f"files: {len(results)}; pybtex strict rejects {len(results) - len(valid)}, "
        f"sphinxcontrib-bibtex rejects {sum(1 for r in results if r.sphinx_error)}"
    )
    print(
        f"refcheck parse-error findings: {sum(len(r.refcheck) for r in results)}; "
        f"agreed with pybtex: {sum(len(r.agreed) for r in results)}; "
        f"refcheck only: {sum(len(r.refcheck_only) for r in results)}; "
        f"on files pybtex strict reads as valid: {sum(len(r.refcheck) for r in valid)}"
    )
    if args.details:
        for r in results:
            for line, message in r.refcheck_only:
                print(f"{r.path.relative_to(args.corpus)}:{line}: refcheck only: {message}")
            if r.strict_error:
                print(f"{r.path.relative_to(args.corpus)}: pybtex strict: {r.strict_error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
