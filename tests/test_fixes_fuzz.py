"""--fix --unsafe-fixes on fuzzed .bib text (the tokens of the hostile-input fuzz suite,
plus fixable fields): never an exception, never a hang, and a second run has nothing left."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.config import Config
from refcheck.engine import collect_inputs
from refcheck.fixes.runner import fix_project
from test_fuzz import BIB_TOKENS, no_hang

HEADS = ["@article{a,\n", "@article{b,\n", "@article{A,\n", "@online(c,\n", "@string{j = {J}}\n"]
FIELDS = [
    "  title = {T},\n", "  date = {2024年10月30日},\n", "  date = {30 October 2024},\n",
    "  date = \"２０２４年１月２日\",\n", "  journal = {J},\n", "  journaltitle = {J},\n",
    "  url = {https://e.org/x},\n", "  doi = {10.1/x},\n", "  crossref = {b},\n",
    "  journaltitle = j,\n", "  title = {T}", ", date = {2024/1/2}",
]  # fmt: skip
ENDS = ["}\n", ")\n", "}", "", "}\n\n"]
# An entry: a head, fields with hostile tokens among them, an end (or none).
ENTRY = st.tuples(
    st.sampled_from(HEADS),
    st.lists(st.sampled_from(FIELDS * 4 + BIB_TOKENS), max_size=10).map("".join),
    st.sampled_from(ENDS),
).map("".join)
TOKENS = st.lists(ENTRY | st.sampled_from(BIB_TOKENS), max_size=8).map("".join)


def _fix(data: bytes) -> tuple[list[object], bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "refs.bib"
        path.write_bytes(data)
        with no_hang("--fix"):
            outcome = fix_project(collect_inputs([path]), Config(), unsafe=True)
        return list(outcome.fixed), outcome.changes[0][1] if outcome.changes else data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TOKENS, st.sampled_from(["utf-8", "utf-8-sig"]))
def test_fuzzed_text_is_fixed_without_an_exception_and_once(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="surrogatepass")
    fixed, once = _fix(data)
    again, twice = _fix(once)
    assert again == [] and twice == once
    FIXED_COUNTS.append(len(fixed))


FIXED_COUNTS: list[int] = []


def test_the_fuzzing_fixed_something() -> None:
    """Runs after the fuzz test (file order): it must not only have seen unfixable noise."""
    if FIXED_COUNTS:
        assert sum(1 for n in FIXED_COUNTS if n) >= len(FIXED_COUNTS) // 10, FIXED_COUNTS
