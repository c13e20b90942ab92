"""Bytes to text: UTF-8 first, then a reasoned guess, and a problem saying so.

BibTeX files in the wild are mostly UTF-8 but also Shift_JIS (Japanese), GBK
(Chinese), Windows-1251 (Cyrillic) and Windows-1252/Latin-1 (older European
files).  A strict decode tries each candidate; the survivors are scored by how
plausible the non-ASCII text they produce is, which tells these apart on real files.
(charset-normalizer, measured on the test fixtures, took 120 ms to import and named
Latin-1 "cp1250" and GBK "cp949", so it is not used.)
"""

from __future__ import annotations

import re

from refcheck.i18n import _
from refcheck.value_objects import ValueObject

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# Bytes that never occur in text: NUL and the C0 controls other than tab, LF, FF, CR, ESC.
# More than a share of them (in the first 64 KiB) makes a file binary.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# Share of such bytes (in the first 64 KiB) above which a file is binary.
_BINARY_SHARE = 0.01
_SAMPLE = 65536
# ... and at least this many: in a small file, one stray byte is more than 1%.
_BINARY_MINIMUM = 16

# (codec, the name users know it by, iconv's name for it)
_CANDIDATES = (
    ("cp932", "Shift_JIS (CP932)", "CP932"),  # iconv's SHIFT_JIS lacks CP932's extensions
    ("gbk", "GBK", "GBK"),
    ("cp1251", "Windows-1251", "WINDOWS-1251"),
    ("cp1252", "Windows-1252", "WINDOWS-1252"),
    ("latin-1", "Latin-1", "LATIN1"),
)
# Scoring reads this much decoded text; validity is still checked on the whole file.
_SCORE_SAMPLE = 200_000
# Patterns of the encoding guess, compiled (and cached by re) only when a file is not
# UTF-8: a UTF-8 run does not pay for them.
_NON_ASCII = r"[^\x00-\x7f]+"
_KANA = r"[\u3040-\u30ff]"
_IDEOGRAPHS = r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]"
_HALFWIDTH_KANA_OR_PRIVATE = r"[\uff61-\uff9f\ue000-\uf8ff]"
# Cyrillic words (a lone Cyrillic letter among digits is more likely a misread symbol).
_CYRILLIC_WORDS = r"[\u0400-\u04ff]{3,}"
# Three or more accented letters in a row: Cyrillic bytes read as Latin.
_ACCENTED_RUN = r"[\u00c0-\u00ff]{3,}"
_LATIN1_SYMBOLS = r"[\u00a0-\u00bf\u00d7\u00f7]"
_LATIN_LETTERS = r"[\u00c0-\u024f\u2013\u2014\u2018-\u201e\u2026]"
_C1_OR_SYMBOLS = r"[\u0080-\u009f\u00a4\u00a6\u00a8\u00ac\u00af\u00b4\u00b8]"
# A character of Windows-1252's 0x80-0x9F row right before a Latin-1 letter or symbol:
# the lead and trail bytes of a Shift_JIS kanji ("日" reads "“ú"); rare in Western text.
_CP1252_PAIR = (
    r"[\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    r"\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122][\u00a0-\u00ff]"
)
# A "CJK" character squeezed between ASCII letters: a Latin-1 accent read as two bytes.
_ISOLATED = r"[A-Za-z][^\x00-\x7f][A-Za-z]"


class Decoded(ValueObject):
    """A .bib file's text and the encoding it was read with."""

    __slots__ = ("text", "encoding", "warning", "warning_line", "binary")

    def __init__(
        self,
        text: str,
        encoding: str,
        warning: str | None = None,
        warning_line: int = 1,
        binary: bool = False,
    ) -> None:
        self.text = text
        self.encoding = encoding
        # None when the file is UTF-8; otherwise what to tell the user.
        self.warning = warning
        self.warning_line = warning_line
        self.binary = binary


def looks_binary(data: bytes) -> bool:
    """Whether control bytes are more than a trace: one NUL in a text file is a typo
    (reported at its line, see refcheck.bib), not a reason to drop every entry."""
    sample = data[:_SAMPLE]
    count = len(_BINARY_BYTES.findall(sample))
    return count >= _BINARY_MINIMUM and count > _BINARY_SHARE * len(sample)


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a .bib file's bytes; never raises.

    ``encoding`` is the one the project declares (``bibtex_encoding``); without it, or
    when it is UTF-8, the file is read as UTF-8 and a legacy encoding guessed if needed.
    """
    declared = _declared(encoding)
    if declared is not None and not looks_binary(data):
        return _decode_declared(data, declared)
    for bom, codec in _UTF16_BOMS.items():
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            return Decoded(
                text,
                codec,
                _(
                    "the file is {codec}, not UTF-8; read as {codec}: save it as UTF-8 "
                    "(BibTeX and biber expect it)"
                ).format(codec=codec.upper()),
            )
    if looks_binary(data):
        return Decoded("", "binary", binary=True)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        return Decoded(data.decode("utf-8"), encoding)
    except UnicodeDecodeError as error:
        bad_offset = error.start
    line = data.count(b"\n", 0, bad_offset) + 1
    codec, name, iconv_name = guess_encoding(data)
    text = data.decode(codec, errors="replace")
    return Decoded(
        text,
        codec,
        _(
            "the file is not UTF-8 (first bad byte 0x{byte:02X} at line {line}); read it as "
            "{name}, a guess: convert the file to UTF-8 (e.g. iconv -f {iconv} -t UTF-8)"
        ).format(byte=data[bad_offset], line=line, name=name, iconv=iconv_name),
        warning_line=line,
    )


def _declared(encoding: str | None) -> str | None:
    """The codec of a declared encoding other than UTF-8, or None."""
    if not encoding:
        return None
    import codecs

    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None  # Sphinx itself fails on an unknown encoding; guess rather than fail
    return None if name in ("utf-8", "utf-8-sig") else name


def _decode_declared(data: bytes, codec: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Decoded(
            data.decode(codec, errors="replace"),
            codec,
            _(
                "the file is not valid {codec} (byte 0x{byte:02X} at line {line}), the encoding "
                "bibtex_encoding declares: fix the byte or the setting"
            ).format(codec=codec, byte=data[error.start], line=line),
            warning_line=line,
        )


def guess_encoding(data: bytes) -> tuple[str, str, str]:
    """The most plausible legacy encoding of ``data`` (which is not UTF-8): the codec,
    its common name and iconv's name."""
    best: tuple[float, str, str, str] | None = None
    for codec, name, iconv_name in _CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text, codec)
        if best is None or score > best[0]:
            best = (score, codec, name, iconv_name)
    assert best is not None  # Latin-1 decodes every byte string
    return best[1], best[2], best[3]


def plausibility(text: str, codec: str) -> float:
    """How much of the non-ASCII text reads like the language the codec serves."""
    text = text[:_SCORE_SAMPLE]
    foreign = "".join(re.findall(_NON_ASCII, text))
    if not foreign:
        return 0.0
    total = len(foreign)
    # An accented letter squeezed between ASCII letters is typical of Latin scripts only.
    isolated = len(re.findall(_ISOLATED, text))
    if codec in ("cp932", "gbk"):
        good = len(re.findall(_IDEOGRAPHS, foreign))
        bad = len(re.findall(_HALFWIDTH_KANA_OR_PRIVATE, foreign)) + isolated
        kana = len(re.findall(_KANA, foreign)) if codec == "cp932" else 0
        # Japanese text is rich in kana; Chinese read as Shift_JIS yields half-width kana.
        return (good + 2 * kana - 3 * bad) / total
    if codec == "cp1251":
        words = sum(len(w) for w in re.findall(_CYRILLIC_WORDS, foreign))
        return (words - 3 * isolated) / total
    symbols = len(re.findall(_LATIN1_SYMBOLS, foreign))
    letters = len(re.findall(_LATIN_LETTERS, foreign)) + 0.5 * symbols
    bad = len(re.findall(_C1_OR_SYMBOLS, foreign)) + 3 * len(re.findall(_ACCENTED_RUN, text))
    bad += len(re.findall(_CP1252_PAIR, foreign))
    # Latin-1 and Windows-1252 agree above 0x9F; prefer 1252 when its quotes appear.
    bonus = 0.01 if codec == "cp1252" else 0.0
    return (letters - 3 * bad) / total + bonus


def declared_codec(encoding: str | None) -> str | None:
    """The codec :func:`decode` reads a file in when ``encoding`` is declared (None:
    UTF-8 with a guess, as without a declaration)."""
    return _declared(encoding)
