"""Project rules: what refcheck could not read or find in a project's build configuration."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Severity
from refcheck.rules.registry import Context, Report, rule


@rule("P001", Severity.WARNING)
def check_unreadable_setting(ctx: Context) -> Iterator[Report]:
    """Reports a build setting refcheck could not read without running the project's code.

    ## What it does
    refcheck finds a project's documents and bibliographies in its own build
    configuration -- Sphinx's `conf.py`, Jupyter Book's `_config.yml`, MyST-MD's
    `myst.yml` -- but never runs `conf.py`. It reads literal assignments (strings, lists,
    dicts, `+`, names set before, `append`/`extend`). A setting it needs
    (`extensions`, `bibtex_bibfiles`, `bibtex_encoding`, `source_suffix`,
    `exclude_patterns`, `sphinx_gallery_conf`, ...) whose value is computed, set inside an
    `if`/`try` block, or of the wrong type is reported at its line, with why and what
    refcheck used instead (a block that only adds extensions which change nothing refcheck
    reads, such as `sphinx.ext.imgmath`, is not reported). So are a configuration file
    that does not parse, names set at run time (`exec()`, `globals()[...] = ...`,
    `from x import *`) and a remote `extends` of `myst.yml`. When the extensions
    themselves cannot be read, the documents the build reads are unknown, and
    `unused-entry` is not reported.

    ## Why is this bad?
    refcheck then checks a project that differs from the one the build sees: citations in
    files it did not read look unused, a bibliography it did not read looks missing, or a
    `.bib` file is decoded in the wrong encoding.

    ## Example
    ```python
    import glob
    bibtex_bibfiles = sorted(glob.glob("*.bib"))
    ```

    ## Use instead
    ```python
    bibtex_bibfiles = ["refs.bib", "extra.bib"]
    ```
    or name the files in `bib` of `[tool.refcheck]`, which overrides what `conf.py` says.

    ## Options
    None.
    """
    for problem in ctx.project.layout_problems:
        if problem.rule == "unreadable-setting":
            yield Report(problem.location, problem.message)


@rule("P002", Severity.ERROR)
def check_missing_project_file(ctx: Context) -> Iterator[Report]:
    """Reports a file or folder the build configuration names that is not there.

    ## What it does
    Reports a `bibtex_bibfiles` entry, a `project.bibliography` entry of `myst.yml`, a
    document named in `_toc.yml` or in the `toc` of `myst.yml`, a local `extends` file and
    a sphinx-gallery `examples_dirs` folder that does not exist, at the line that names
    it; and `sphinxcontrib.bibtex` enabled with no `bibtex_bibfiles` at all. Paths are
    resolved as the build resolves them (`bibtex_bibfiles` against the Sphinx source
    folder; table-of-contents entries with or without their suffix).

    ## Why is this bad?
    sphinxcontrib-bibtex stops the build on a missing bib file; a missing table-of-contents
    entry is a dead link in the book; every citation of a missing bibliography is undefined.

    ## Example
    ```python
    bibtex_bibfiles = ["refs.bib"]   # the file is references.bib
    ```

    ## Use instead
    ```python
    bibtex_bibfiles = ["references.bib"]
    ```

    ## Options
    None.
    """
    for problem in ctx.project.layout_problems:
        if problem.rule == "missing-project-file":
            yield Report(problem.location, problem.message)
