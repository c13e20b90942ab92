"""The duplicate rules' records read the usual values by fast paths; each is held here to
the general reading it skips (kept in refcheck.matching.normalize as the reference), on
generated values made of the pieces where the two could part: white space of every kind,
markup, escapes, case, the prefixes the fast paths look for and near-misses of them."""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from refcheck.matching import normalize

_WHITE_SPACE = [" ", "\t", "\n", "\x0b", "\x1c", "\x85", "\xa0", "\u2003", "\u2028", "\u3000"]

_URL_STARTS = st.sampled_from(
    ["http://", "https://", "HTTP://", "https:/", "ftp://", "http://www.", "https://WWW.", ""]
)
_URL_PIECES = st.sampled_from(
    ["www.", "Ex.org", "例え.jp", "/", "//", "a", "B", ":", ":80", ":8080", "@", "u@", "?",
     "?x=1", "#", "#f", "\\_", "\\%", "\\#", "\\", "%7E", "~", ".", "doi"]
)  # fmt: skip
_URL_WORDS = st.tuples(_URL_STARTS, st.lists(_URL_PIECES, max_size=8).map("".join)).map("".join)


@settings(max_examples=1000, deadline=None)
@example("http://www./a")
@example("https://WWW.Ex.org//a//")
@example("http://u@x.org/a")
@example("http://x.org:80/a")
@example("http://x.org")
@example("http:///a")
@given(_URL_WORDS)
def test_a_url_word_reads_as_the_whole_value_does(word: str) -> None:
    # The records' url words come from str.split: no white space to strip or scan for.
    assert normalize.normalize_url_word(word) == normalize.normalize_url(word)


@settings(max_examples=500, deadline=None)
@given(_URL_WORDS, st.sampled_from(_WHITE_SPACE), _URL_WORDS)
def test_a_url_with_white_space_inside_is_none_as_by_the_pattern(
    first: str, space: str, second: str
) -> None:
    value = f"{first}{space}{second}"
    assume(first and second)  # the white space inside, not at an end
    text = value.replace("\\_", "_").replace("\\%", "%").replace("\\#", "#")
    assert normalize.normalize_url(value) is None
    assert normalize._normalize_url_by_pattern(text) is None


_DOI_STARTS = st.sampled_from(
    ["https://doi.org/", "https://doi.org/10.", "https://doi.org/ 10.", "https://doi.org/11.",
     "https://dx.doi.org/10.", "HTTPS://doi.org/10.", "doi:10.", "10.", " https://doi.org/10.", ""]
)  # fmt: skip
_DOI_PIECES = st.sampled_from(
    ["1000", "/", "ABC", "x", ".", "..", "%2F", "%", "\\", "\\_", "{", "}", "$", "~", "-",
     "(01)", "\u212a", "İ", "ß", *_WHITE_SPACE]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@example("https://doi.org/10.1000/X.")
@example("https://doi.org/10.1000")
@example("https://doi.org/10.1000/a%2Fb")
@example("https://doi.org/10.1000/{X}")
@example("https://doi.org/10./\u212a")
@given(st.tuples(_DOI_STARTS, st.lists(_DOI_PIECES, max_size=8).map("".join)).map("".join))
def test_the_common_doi_form_reads_as_the_general_path_does(value: str) -> None:
    assert normalize.normalize_doi(value) == normalize._normalize_doi_in_general(value)


# Title pieces: commands of every kind (accents with and without braces or spaces, letter
# commands that keep no space, formatting ones that leave one, named ones, \\, a lone or
# trailing backslash, control symbols), braces, $, ~, white space of every kind alone and
# doubled, punctuation next to spaces, and non-ASCII letters (accented, full-width, CJK).
_TITLE_PIECES = st.sampled_from(
    ["Ocean", "mixing", "A", "of", " ", "  ", ", ", ": ", "-", "(", ")", "?", ".", "'", "\\",
     "\\\\", "\\geoname{", "\\bioname{", "\\degree", "\\delta ", "\\times", "\\textit{",
     "\\emph ", "\\bf ", "\\ss ", "\\o", "\\i ", "\\ae{}", "\\& ", "\\%", "\\ ", "\\'e",
     "\\\"{u}", "\\~n", "{\\~n}", "\\c c", "\\v{c}", "\\u g", "\\b x", "\\d{a}", "\\t{oo}",
     "\\H o", "\\k{a}", "\\r{a}", "\\url", "\\TeX", "{", "}", "{}", "$", "$x^2$", "~", "~ ",
     "é", "Ｎ", "北", "ß", "İ", "\u212a", "_", "0", "42", *_WHITE_SPACE]
)  # fmt: skip
_TITLES = st.lists(_TITLE_PIECES, max_size=12).map("".join)


@settings(max_examples=3000, deadline=None)
@example("The \\geoname{North Pacific}")
@example("in the  \\geoname{Gulf}  of   Mexico ")
@example("Stra\\ss e, and \\o re")
@example("{El Ni{\\~n}o} related")
@example("a\x1cb\tc")
@example("ends with \\")
@example("")
@given(_TITLES)
def test_a_titles_two_forms_are_plain_text_and_its_fold(title: str) -> None:
    plain = normalize.plain_text(title)
    assert normalize.plain_and_folded(title) == (plain, normalize.fold_plain(plain))


def _strip_latex_always_reading_accents(text: str) -> str:
    """strip_latex as it would be without the accent pattern's pre-test."""
    text = normalize._ACCENT.sub(normalize._replace_accent, text)
    text = normalize._COMMAND.sub(normalize._replace_command, text)
    return text.replace("{", "").replace("}", "").replace("$", "").replace("~", " ")


@settings(max_examples=3000, deadline=None)
@example("\\bioname{Calanus} at 4 \\degree C")
@example("\\u{g} \\u g \\ug")
@example("\\t\n{oo}")
@given(_TITLES)
def test_the_accent_pre_test_misses_no_accent(text: str) -> None:
    assert normalize.strip_latex(text) == _strip_latex_always_reading_accents(text)
