"""Fixes: findings repaired by edits of the original text, written back as one set.

The pipeline (``refcheck check --fix``)::

    from refcheck.fixes.runner import fix_project
    from refcheck.fixes.transaction import write_set

    outcome = fix_project(inputs, config, unsafe=False)   # check, fix, check again; no I/O
    write_set(outcome.changes, config.root)                # every file or none
    outcome.result   # the check of the fixed files: what remains
    outcome.fixed    # the fixes applied

- :mod:`~refcheck.fixes.edits`: ``Edit`` (a range of the original text and its
  replacement), ``Fix`` (the edits of one finding) and ``Applicability``.
- :mod:`~refcheck.fixes.registry`: ``@fixer(rule, ...)`` attaches a fix function to a
  rule by name or code; its docstring is the rule's "Fix safety" documentation.
- :mod:`~refcheck.fixes.values`, :mod:`~refcheck.fixes.merge`: the fixers.
- :mod:`~refcheck.fixes.source`, :mod:`~refcheck.fixes.bibspans`,
  :mod:`~refcheck.fixes.citations`, :mod:`~refcheck.fixes.notebook`: where things are
  written in .bib files, documents and notebooks.
- :mod:`~refcheck.fixes.runner`: the fix loop (:mod:`~refcheck.fixes.reparse` re-reads
  only the entries a pass changed); :mod:`~refcheck.fixes.transaction`: the
  all-or-nothing write; :mod:`~refcheck.fixes.diff`: ``--diff``;
  :mod:`~refcheck.fixes.command`: the command-line side.
"""
