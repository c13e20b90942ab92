"""Citations in notebooks, mapped back to the exact characters of the JSON text."""

from __future__ import annotations

import json

import pytest

from refcheck.fixes.notebook import NotebookError, json_text, notebook_citations


def _notebook(*cells: dict[str, object]) -> dict[str, object]:
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.mark.parametrize("ensure_ascii", [False, True], ids=["utf-8", "ascii-escapes"])
def test_every_key_maps_to_its_characters(ensure_ascii: bool) -> None:
    notebook = _notebook(
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": ['# Café "quoted"\n', "See {cite}`müller-2020` and {cite:p}`a,b`\n"],
        },
        {"cell_type": "code", "metadata": {}, "source": ["{cite}`not-prose`"], "outputs": []},
        {
            "cell_type": "raw",
            "metadata": {"raw_mimetype": "text/restructuredtext"},
            "source": "As :cite:t:`résumé-2021` said",
        },
        {"cell_type": "raw", "metadata": {}, "source": "{cite}`raw-unknown-format`"},
    )
    text = json.dumps(notebook, indent=1, ensure_ascii=ensure_ascii)
    found = list(notebook_citations(text))
    assert [(c.key, c.cell, c.line) for c in found] == [
        ("müller-2020", 1, 2),
        ("a", 1, 2),
        ("b", 1, 2),
        ("résumé-2021", 3, 1),
    ]
    for citation in found:
        assert json.loads(f'"{text[citation.start : citation.end]}"') == citation.key


def test_a_rewritten_key_keeps_the_json_valid() -> None:
    text = json.dumps(_notebook({"cell_type": "markdown", "metadata": {}, "source": "{cite}`a`"}))
    (citation,) = notebook_citations(text)
    new = text[: citation.start] + json_text('odd"key\\') + text[citation.end :]
    assert json.loads(new)["cells"][0]["source"] == '{cite}`odd"key\\`'


@pytest.mark.parametrize(
    "text",
    ['{"cells": [', '{"cells": 3}', "[" * 300 + "]" * 300, '{"cells": []} trailing', "nan"],
    ids=["truncated", "cells-not-a-list", "too-deep", "trailing-text", "not-json"],
)
def test_what_is_not_a_notebook_is_an_error_not_a_crash(text: str) -> None:
    with pytest.raises(NotebookError):
        list(notebook_citations(text))
