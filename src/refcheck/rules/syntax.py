"""Syntax rules: what the parser could not read, and refcheck comments that are wrong."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.i18n import _
from refcheck.model import BibFile, Location, Severity
from refcheck.rules.registry import Context, Report, rule


@rule("S001", Severity.ERROR)
def check_parse_error(ctx: Context) -> Iterator[Report]:
    """Reports what the parser could not read: broken syntax, bad encodings, unreadable files.

    ## What it does
    Reports every problem the `.bib` parser met -- unbalanced braces, an unterminated entry
    or string, junk between entries, a file that is not UTF-8 (it is then decoded in the
    encoding named in the message), a NUL character, a `@comment` not closed before the
    next entry (biber would skip the entries after it; they are read and checked, as
    BibTeX and pybtex read them), `@string` macros that expand without bound (values are
    cut at 100,000 characters), paths that are not regular files (FIFOs, devices, symlink
    loops: never read) -- and documents that could not be read as UTF-8.  An entry type
    no data model defines is read like any other (as pybtex and bibtexparser read it)
    and reported by `unknown-entry-type`.  Every entry that could still be read is
    checked by the other rules.

    Measured against pybtex 0.26.1 (strict, as a Sphinx build runs it) on the other
    parsers' 197 test bibliographies and the 8 large ones (benchmarks/syntax_vs_pybtex.py),
    every finding is on a line pybtex rejects too, but for two kinds that pybtex reads
    without a word, reported here as real defects:
    - a `@string` defined again with another value: BibTeX, biber 2.18 and pybtex all
      silently use the later value from there on, so one of the two is lost and entries
      before and after the second definition get different text;
    - a line outside entries that looks like an entry without its `@` (`Book{key,`):
      BibTeX and pybtex take it for a comment, biber warns of "junk seen at toplevel";
      all three drop the entry; to comment an entry out on purpose, start its lines
      with `%`.
    Duplicate fields, which pybtex refuses in strict mode, are `duplicate-field`'s.

    ## Why is this bad?
    BibTeX, biber and pybtex skip, truncate or misread what they cannot parse, usually with
    a vague message and without a line number, so references silently disappear from the
    bibliography.

    ## Example
    ```bibtex
    @article{smith2024,
      title = {Unbalanced {braces},
      date = {2024-01-01},
    }
    ```

    ## Use instead
    ```bibtex
    @article{smith2024,
      title = {Unbalanced {braces}},
      date = {2024-01-01},
    }
    ```

    ## Options
    None.
    """
    for bib in ctx.project.bibfiles:
        for problem in bib.problems:
            yield Report(problem.location, problem.message)
    for problem in ctx.project.problems:
        yield Report(problem.location, problem.message)


@rule("S002", Severity.WARNING)
def check_invalid_suppression(ctx: Context) -> Iterator[Report]:
    """Reports suppressions that have no reason, name unknown rules, or silence nothing.

    ## What it does
    Reads the refcheck comments directly above each entry; one anywhere else (after a
    blank line, or at the end of the file) applies to nothing and is reported. A
    suppression must name at least one existing rule (by name, code or code prefix, as
    `select` does) and give a reason after the closing bracket. A suppression without a
    reason silences nothing until one is written. A suppression (or a `per-entry-ignores`
    item of the configuration) that silenced no finding in a run of the rules it names is
    stale, and is reported too, so the audit of suppressions stays true.

    ## Why is this bad?
    A silenced finding is a decision someone made; without the reason, the next reader
    cannot tell a known, accepted problem from one that was hidden. A misspelt rule name
    silences nothing, so the finding it was meant for is still reported -- or worse, it was
    meant for a rule that no longer exists. A stale suppression claims a problem that is no
    longer there.

    ## Example
    ```bibtex
    % refcheck: ignore[access-before-publicaton]
    @article{smith2024, title = {T}, date = {2024-03-02}, urldate = {2024-03-01}}
    ```

    ## Use instead
    ```bibtex
    % refcheck: ignore[access-before-publication] the source's typo, kept as published
    @article{smith2024, title = {T}, date = {2024-03-02}, urldate = {2024-03-01}}
    ```

    ## Options
    None.
    """
    # Stale suppressions are found by the engine, after every rule has run.
    from refcheck.suppress import inline_suppressions, resolve_rule_names

    for entry in ctx.project.entries():
        if not entry.leading_comments:
            continue
        for _suppression, problems in inline_suppressions(entry, resolve_rule_names):
            for problem in problems:
                yield Report(problem.location, problem.message, problem.key)
    for bib in ctx.project.bibfiles:
        if bib.refcheck_comment_lines:
            yield from _stray_suppressions(bib)


def _stray_suppressions(bib: BibFile) -> Iterator[Report]:
    """``% refcheck:`` comments that are not directly above an entry apply to nothing."""
    above_entries = {line for entry in bib.entries for line, _text in entry.leading_comments}
    for line in bib.refcheck_comment_lines:
        if line not in above_entries:
            yield Report(
                Location(bib.path, line, 1),
                _(
                    "refcheck comment not directly above an entry: it applies to nothing; put "
                    "it on the line just above the entry's '@' (no blank line between)"
                ),
            )
