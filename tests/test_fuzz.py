"""A bounded fuzz suite over the whole check (issue 15): property-based inputs built from
the tokens that matter to BibTeX, MyST and reST, and mutations of hand-made hostile files,
real rule cases and the adversarial patterns.  Every input goes through parsing, document
scanning, every rule and every output format; none may raise, and none may hang (each is
stopped after ``HANG_SECONDS``).

In CI it runs a fixed number of inputs (well under two minutes).  For a long run:
``REFCHECK_FUZZ_SECONDS=600 pytest tests/test_fuzz.py -k mutations`` mutates for ten
minutes and prints how many inputs it checked (``REFCHECK_FUZZ_SEED`` picks other
mutations, ``REFCHECK_FUZZ_KINDS=bib`` only .bib seeds); ``REFCHECK_FUZZ_EXAMPLES=5000``
raises the property-based examples.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import ALL_FORMATS, DATA, check_input, patterns
from refcheck.engine import CheckResult
from refcheck.output import render
from shared import REPO_ROOT

HANG_SECONDS = 10
EXAMPLES = int(os.environ.get("REFCHECK_FUZZ_EXAMPLES", "300"))
MUTATIONS = int(os.environ.get("REFCHECK_FUZZ_MUTATIONS", "2000"))
FUZZ_SECONDS = float(os.environ.get("REFCHECK_FUZZ_SECONDS", "0"))
SEED = int(os.environ.get("REFCHECK_FUZZ_SEED", "15"))
# Which seeds to mutate: "bib,md,rst" (default), or a part of it for a long targeted run.
KINDS = tuple(os.environ.get("REFCHECK_FUZZ_KINDS", "bib,md,rst").split(","))

BIB_TOKENS = [
    "@article{", "@misc(", "@string{", "@preamble{", "@comment{", "@Comment(", "@", "{", "}",
    '"', "(", ")", ",", "=", "#", "%", "\n", "\r\n", "\r", " ", "\t", "key", "title", "date",
    "urldate", "url", "doi", "jan", "2024-01-01", "2024-13-45", "２０２４", "10.1000/x",
    "% refcheck: ignore[unused-entry] r\n", "\x00", "\x1b[31m", "\u061c", "\u202e", "\ufeff",
    "::error::", "%0A", "日本語", "\\", "@string{m = m # m}", "{{{{{", "}}}}}",
]  # fmt: skip
DOC_TOKENS = [
    "{cite:p}`k`", "{cite}`k,missing`", "{footcite:t}`k`", ":cite:`k`", ":cite:p:`k`", "`",
    "``", "<!--", "-->", ":.", "-:a", "```\n", ":::\n", "# ", "\n", "\n\n", "=====\n", ".. ",
    "(label)=\n", "2024年10月", "18日", "。", "、", ". ", "Mr. ", "「", "」", "(", ")", "[1]",
    "30 October 2024", "::warning::", "\u202e", "\x00", " ", "事件", "---\n", "|", "> ",
]  # fmt: skip


@contextmanager
def no_hang(what: str) -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"more than {HANG_SECONDS} s on {what}")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_everything(kind: str, text: str) -> CheckResult:
    with no_hang(f"{kind} input of {len(text)} characters: {text[:80]!r}"):
        result = check_input(kind, text)
        outputs = {fmt: render(result, fmt) for fmt in ALL_FORMATS}
    json.loads(outputs["json"])
    json.loads(outputs["sarif"])
    for line in outputs["text"].splitlines():
        assert not line.lstrip().startswith("::"), line  # no forged workflow command
    for line in outputs["github"].splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
    for finding in result.findings:
        assert finding.line >= 1 and finding.col >= 1, finding
    return result


def _tokens(tokens: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(tokens), st.text(max_size=6))
    return st.lists(piece, max_size=80).map("".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(_tokens(BIB_TOKENS))
def test_any_bib_text_is_checked_without_an_exception(text: str) -> None:
    check_everything("bib", text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["md", "rst"]), _tokens(DOC_TOKENS))
def test_any_document_is_checked_without_an_exception(kind: str, text: str) -> None:
    check_everything(kind, text)


def _seeds() -> list[tuple[str, str]]:
    """(kind, text): the hand-made hostile files, every rule case, and each pattern at 2 KB."""
    seeds = []
    cases = sorted((REPO_ROOT / "tests" / "cases").rglob("*"))
    for path in [*sorted(DATA.iterdir()), *cases]:
        kind = path.suffix.lstrip(".")
        if path.is_file() and kind in KINDS:
            seeds.append((kind, path.read_bytes().decode("utf-8", "replace")))
    seeds.extend((p.kind, p.build(2_000)) for p in patterns() if p.kind in KINDS)
    return seeds


def mutate(text: str, rng: random.Random, tokens: list[str]) -> str:
    """One to four edits: delete, duplicate or move a span, insert a token, truncate."""
    for _ in range(rng.randint(1, 4)):
        if not text:
            text = rng.choice(tokens)
            continue
        a = rng.randrange(len(text))
        b = min(len(text), a + rng.choice([1, 2, 8, 64, 512]))
        operation = rng.randrange(5)
        if operation == 0:
            text = text[:a] + text[b:]
        elif operation == 1:
            text = text[:b] + text[a:b] * rng.choice([2, 3, 50]) + text[b:]
        elif operation == 2:
            text = text[:a] + rng.choice(tokens) + text[a:]
        elif operation == 3:
            c = rng.randrange(len(text))
            piece, rest = text[a:b], text[:a] + text[b:]
            text = rest[:c] + piece + rest[c:]
        else:
            text = text[:a]
    return text


def test_mutations_of_hostile_files_and_cases_never_raise_or_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = _seeds()
    rng = random.Random(SEED)  # reproducible: a failure keeps its input
    deadline = time.monotonic() + FUZZ_SECONDS
    count = 0
    while count < MUTATIONS or time.monotonic() < deadline:
        kind, seed = rng.choice(seeds)
        tokens = BIB_TOKENS if kind == "bib" else DOC_TOKENS
        text = mutate(seed, rng, tokens)
        try:
            check_everything(kind, text)
        except Exception as error:
            kept = tmp_path / f"fuzz-failure.{kind}"
            kept.write_text(text, encoding="utf-8", errors="surrogateescape")
            raise AssertionError(f"input {count} failed ({kept}): {error!r}") from error
        count += 1
    with capsys.disabled():
        print(f"\nfuzz: {count} mutated inputs checked without an exception or a hang")
