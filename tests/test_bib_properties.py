"""Property-based tests: any text, however broken, is read without an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.bib import parse_bytes, parse_text
from refcheck.model import BibFile
from shared import CORPUS_DIR

CORPUS = CORPUS_DIR
SAMPLE_FILES = [
    "large/biblatex-examples.bib",
    "large/beebe_progr-oceanogr.bib",
    "large/bbt_jabref_groups_97.bib",
    "large/biblatex-gost-examples.bib",
    "syntax/bibtex-tidy-others/example2.bib",
]
FALLBACK = (
    '@string{j = "Journal"}\n% refcheck: ignore[x] y\n@article{Key:1,\n'
    '  title = {A {B} "c"},\n  journal = j # { X},\n  year = 2000,\n}\n'
    "@misc(k2, note = {(x)})\n@comment{ hi }\n"
)


def _snippets() -> list[str]:
    texts: list[str] = []
    for name in SAMPLE_FILES:
        path = CORPUS / name
        if path.exists():
            text = path.read_text(encoding="utf-8", errors="replace")
            # Entry-aligned windows of about 3 KB, so mutations hit real entries.
            starts = [i for i in range(len(text)) if text.startswith("\n@", i)][:400:20]
            texts.extend(text[s + 1 : s + 3000] for s in starts)
    return texts or [FALLBACK]


SNIPPETS = _snippets()
SPECIAL = ["{", "}", '"', "@", ",", "=", "#", "%", "(", ")", "\n", "\r", "\r\n", "\ufeff", "\\"]


def assert_positions_inside(bib: BibFile, text: str) -> None:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def inside(line: int, col: int) -> bool:
        return 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]) + 1

    for problem in bib.problems:
        assert problem.message
        assert inside(problem.line, problem.col), problem
    for entry in bib.entries:
        assert inside(entry.line, entry.col), entry
        assert entry.line <= entry.end_line <= len(lines), entry
        for f in entry.fields:
            assert inside(f.line, f.col), (entry, f)
            assert entry.line <= f.line <= entry.end_line, (entry, f)
        for line, _comment in entry.leading_comments:
            assert 1 <= line < entry.line


@st.composite
def mutated_snippets(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SNIPPETS))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "truncate", "duplicate"]))
        if action == "delete":
            specials = [i for i, c in enumerate(text) if c in '{}"@,=#%()']
            if specials:
                i = specials[where % len(specials)]
                text = text[:i] + text[i + 1 :]
        elif action == "insert":
            text = text[:where] + draw(st.sampled_from(SPECIAL)) + text[where:]
        elif action == "truncate":
            text = text[:where]
        else:
            text = text[:where] + text[where // 2 : where] + text[where:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_snippets())
def test_mutated_corpus_snippets_never_raise(text: str) -> None:
    assert_positions_inside(parse_text(text, "m.bib"), text)


bib_alphabet = st.sampled_from(
    [*SPECIAL, " ", "\t", "a", "K", "1", "\u0661", "\uff11", "é", "日", "\u3000", "x = "]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(bib_alphabet, max_size=200).map("".join))
def test_random_bib_like_text_never_raises(text: str) -> None:
    assert_positions_inside(parse_text(text, "r.bib"), text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_never_raises(text: str) -> None:
    bib = parse_text(text, "u.bib")
    if "\x00" not in text:
        assert_positions_inside(bib, text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_never_raise(data: bytes) -> None:
    bib = parse_bytes(data, "b.bib")
    assert bib.readable or (bib.entries == [] and len(bib.problems) == 1)


def _entry(i: int) -> str:
    return f'@article{{key{i},\n  title = {{Title {{{i}}}}},\n  journal = "J" # {{ {i}}},\n}}\n'


@settings(max_examples=300, deadline=None)
@given(
    broken=st.integers(0, 5),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["delete", "insert"]), st.integers(0, 10_000), st.sampled_from(SPECIAL)
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_one_broken_entry_never_hides_the_others(
    broken: int, edits: list[tuple[str, int, str]]
) -> None:
    entries = [_entry(i) for i in range(6)]
    damaged = entries[broken][:-1]  # keep the newline that ends the entry
    for action, where, char in edits:
        i = where % (len(damaged) + 1)
        damaged = (
            damaged[:i] + damaged[i + 1 :]
            if action == "delete"
            else damaged[:i] + char + damaged[i:]
        )
    entries[broken] = damaged + "\n"
    text = "".join(entries)
    bib = parse_text(text, "one.bib")
    assert_positions_inside(bib, text)
    intact = {e.key: e for e in bib.entries if e.key != f"key{broken}"}
    for i in range(6):
        if i == broken:
            continue
        entry = intact[f"key{i}"]
        assert entry.get("title") == f"Title {{{i}}}"
        assert entry.get("journal") == f"J {i}"
