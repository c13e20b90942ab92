"""The jawiki pybtex style on small made-up entries: each layout, missing fields, names."""

from __future__ import annotations

import doctest
import html
import re
from pathlib import Path

import pybtex.plugin
import pytest
from pybtex.database import BibliographyData, Entry, parse_string

import refcheck.style.fields
from conftest import run_sphinx
from refcheck.style import JawikiStyle


def render(bibtex: str, output: str = "text") -> list[str]:
    data: BibliographyData = parse_string(bibtex, "bibtex")
    return [e.text.render_as(output) for e in JawikiStyle().format_entries(data.entries.values())]


def one(fields: str, entry_type: str = "article") -> str:
    (text,) = render(f"@{entry_type}{{k,\n{fields}\n}}")
    return text


FULL = (
    """title = {見出し}, journaltitle = {朝日新聞}, date = {2024-10-30}, urldate = {2024-11-04}"""
)


def test_registered_as_plugin():
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "jawiki") is JawikiStyle


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (f"{FULL}, wpformat = {{web}}", "“見出し”. 朝日新聞 (2024年10月30日). 2024年11月4日閲覧。"),
        (FULL, "“見出し”. 朝日新聞 (2024年10月30日). 2024年11月4日閲覧。"),  # default: web
        (
            f"{FULL}, wpformat = {{news}}",
            "“見出し”. 朝日新聞. (2024年10月30日) 2024年11月4日閲覧。",
        ),
        (f"{FULL}, wpformat = {{ja}}", "「見出し」『朝日新聞』2024年10月30日。2024年11月4日閲覧。"),
        (
            f"{FULL}, publisher = {{NHK}}, wpformat = {{news}}",
            "“見出し”. 朝日新聞. NHK. (2024年10月30日) 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, publisher = {{朝日新聞社}}, wpformat = {{web}}",
            "“見出し”. 朝日新聞. 朝日新聞社 (2024年10月30日). 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, publisher = {{朝日新聞社}}, wpformat = {{ja}}",
            "「見出し」『朝日新聞』朝日新聞社、2024年10月30日。2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, language = {{english}}, wpformat = {{web}}",
            "“見出し” (英語). 朝日新聞 (2024年10月30日). 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, language = {{russian}}, wpformat = {{news}}",
            "“見出し” (ロシア語). 朝日新聞. (2024年10月30日) 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, language = {{japanese}}, wpformat = {{web}}",
            "“見出し”. 朝日新聞 (2024年10月30日). 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, language = {{klingon}}, wpformat = {{web}}",
            "“見出し” (klingon). 朝日新聞 (2024年10月30日). 2024年11月4日閲覧。",
        ),
    ],
)
def test_layouts_without_author(fields: str, expected: str):
    assert one(fields) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            f"{FULL}, author = {{Axe, David}}, language = {{english}}, wpformat = {{web}}",
            "Axe, David (2024年10月30日). “見出し” (英語). 朝日新聞. 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, author = {{{{David Axe}}}}, wpformat = {{news}}",
            "David Axe (2024年10月30日). “見出し”. 朝日新聞 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, author = {{{{時事通信外信部}}}}, wpformat = {{news}}",
            "時事通信外信部 (2024年10月30日). “見出し”. 朝日新聞 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, author = {{山田, 太郎 and 鈴木, 花子}}, wpformat = {{web}}",
            "山田, 太郎; 鈴木, 花子 (2024年10月30日). “見出し”. 朝日新聞. 2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, author = {{{{山田太郎}}}}, wpformat = {{ja}}",
            "山田太郎「見出し」『朝日新聞』2024年10月30日。2024年11月4日閲覧。",
        ),
        (
            f"{FULL}, author = {{de la Fontaine, Jean}}, wpformat = {{web}}",
            "de la Fontaine, Jean (2024年10月30日). “見出し”. 朝日新聞. 2024年11月4日閲覧。",
        ),
    ],
)
def test_layouts_with_author(fields: str, expected: str):
    text = one(fields)
    assert text == expected
    assert " and " not in text


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            "title = {見出し}, journaltitle = {朝日新聞}, urldate = {2024-11-04}",
            "“見出し”. 朝日新聞. 2024年11月4日閲覧。",
        ),
        (
            "title = {見出し}, journaltitle = {朝日新聞}, date = {2024-10-30}",
            "“見出し”. 朝日新聞 (2024年10月30日).",
        ),
        (
            "title = {見出し}, date = {2024-10}, urldate = {2024-11-04}",
            "“見出し” (2024年10月). 2024年11月4日閲覧。",
        ),
        ("title = {見出し}", "“見出し”."),
        (
            "title = {見出し}, journaltitle = {朝日新聞}, wpformat = {news}",
            "“見出し”. 朝日新聞.",
        ),
        (
            "title = {見出し}, journaltitle = {朝日新聞}, date = {2024}, wpformat = {news}",
            "“見出し”. 朝日新聞. (2024年)",
        ),
        (
            "title = {見出し}, author = {{David Axe}}, journaltitle = {朝日}, wpformat = {news}",
            "David Axe. “見出し”. 朝日.",
        ),
        (
            "title = {見出し}, journaltitle = {朝日新聞}, wpformat = {ja}",
            "「見出し」『朝日新聞』。",
        ),
        (
            "title = {見出し}, urldate = {2024-11-04}, wpformat = {ja}",
            "「見出し」。2024年11月4日閲覧。",
        ),
        # A date the source gives in another form is printed as given, never guessed at.
        ("title = {見出し}, date = {2024年夏}, wpformat = {ja}", "「見出し」2024年夏。"),
        # An unknown layout falls back to web rather than failing the whole bibliography.
        ("title = {見出し}, date = {2024-01-05}, wpformat = {other}", "“見出し” (2024年1月5日)."),
    ],
)
def test_missing_fields(fields: str, expected: str):
    assert one(fields) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            "title = {見出し}, journaltitle = {朝日新聞}, year = {2020}",
            "“見出し”. 朝日新聞 (2020年).",
        ),
        (
            "title = {見出し}, journaltitle = {朝日新聞}, year = {2020}, month = nov",
            "“見出し”. 朝日新聞 (2020年11月).",
        ),
        (
            "title = {見出し}, journaltitle = {朝日新聞}, year = {2020}, month = {3}",
            "“見出し”. 朝日新聞 (2020年3月).",
        ),
        (  # date, when given, wins over year
            "title = {見出し}, journaltitle = {朝日新聞}, date = {2024-10-30}, year = {2020}",
            "“見出し”. 朝日新聞 (2024年10月30日).",
        ),
        (
            "title = {T}, journaltitle = {W}, year = {2020}, month = jan, wpformat = {en}",
            '"T". W. January 2020.',
        ),
    ],
)
def test_classic_bibtex_year_and_month_stand_in_for_date(fields: str, expected: str):
    assert one(fields) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            f"{FULL}, language = {{russian}}, publisher = {{Pub}}, wpformat = {{en}}",
            '"見出し" (in Russian). 朝日新聞. Pub. 30 October 2024. Retrieved 4 November 2024.',
        ),
        (
            f"{FULL}, author = {{Axe, David}}, language = {{english}}, wpformat = {{en}}",
            'Axe, David (30 October 2024). "見出し". 朝日新聞. Retrieved 4 November 2024.',
        ),
        ("title = {T}, journaltitle = {W}, wpformat = {en}", '"T". W.'),
    ],
)
def test_english_layout(fields: str, expected: str):
    assert one(fields) == expected


@pytest.mark.parametrize("entry_type", ["article", "online", "misc", "book", "inproceedings"])
def test_layout_decides_not_entry_type(entry_type: str):
    assert one(f"{FULL}, wpformat = {{ja}}", entry_type) == (
        "「見出し」『朝日新聞』2024年10月30日。2024年11月4日閲覧。"
    )


def test_latex_in_fields_is_decoded():
    text = one(r"title = {【Q\&A】{North} Korea}, journaltitle = {CNN}, wpformat = {ja}")
    assert text == "「【Q&A】North Korea」『CNN』。"


def test_labels_are_numbers_in_given_order():
    entries = render(
        "@article{b, title = {二}, date = {2024-01-02}}\n"
        "@article{a, title = {一}, date = {2020-01-01}}"
    )
    assert entries == ["“二” (2024年1月2日).", "“一” (2020年1月1日)."]
    data = parse_string("@article{b, title={B}}\n@article{a, title={A}}", "bibtex")
    formatted = list(JawikiStyle().format_entries(data.entries.values()))
    assert [(e.key, e.label) for e in formatted] == [("b", "1"), ("a", "2")]


def test_renders_as_html_without_markup_of_its_own():
    (html,) = render(f"@article{{k, {FULL}, wpformat = {{news}}}}", "html")
    assert html == "“見出し”. 朝日新聞. (2024年10月30日) 2024年11月4日閲覧。"


def test_entry_without_any_field():
    assert JawikiStyle().format_entry("1", Entry("article")).text.render_as("text") == "“”."


def test_doctests_of_the_field_helpers():
    result = doctest.testmod(refcheck.style.fields)
    assert result.attempted > 0
    assert result.failed == 0


def test_another_sphinx_project_uses_it_by_name(tmp_path: Path):
    """A project that knows nothing of refcheck: sphinxcontrib-bibtex finds the style through
    its pybtex entry point, and the build is clean."""
    files = {
        "conf.py": (
            'extensions = ["sphinxcontrib.bibtex"]\n'
            'bibtex_bibfiles = ["refs.bib"]\n'
            'bibtex_default_style = "jawiki"\n'
            'language = "ja"\n'
        ),
        "index.rst": (
            "Test\n====\n\n一つ目 :cite:p:`b`。二つ目 :cite:p:`a`。\n\n.. bibliography::\n"
        ),
        "refs.bib": (
            f"@article{{a, {FULL}, wpformat = {{ja}}}}\n"
            "@book{b, title = {本}, publisher = {出版社}, year = {2020}, month = nov}\n"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    app, warnings, _ = run_sphinx(tmp_path, "html", tmp_path / "html", tmp_path / "doctrees")
    assert (app.statuscode, warnings) == (0, "")
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    entries = [
        " ".join(re.sub(r"<[^>]+>", "", html.unescape(text)).split())
        for text in re.findall(r'role="doc-biblioentry">.*?<p>(.*?)</p>', page, re.S)
    ]
    assert entries == [
        "“本”. 出版社 (2020年11月).",
        "「見出し」『朝日新聞』2024年10月30日。2024年11月4日閲覧。",
    ]
