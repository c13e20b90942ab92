"""The Sphinx extension ``refcheck.backlinks``, on a mini project built with the real Sphinx.

Reading order is index, one, two, references; ``alpha`` is cited on three pages (twice on
one), ``beta`` on one and on the bibliography's own page, ``gamma`` once (with alpha in one
role), ``delta`` never (listed by ``:all:``).
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from latex_marks import back_marks, without_marks
from refcheck import letters
from refcheck.backlinks import labels
from refcheck.backlinks.labels import letter
from test_sphinx_ext import Build, build

PROJECT = {
    "conf.py": """
extensions = ["myst_parser", "sphinxcontrib.bibtex", "refcheck.backlinks"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "label"
bibtex_cite_id = "cite-{key}"
language = "ja"
""",
    "refs.bib": """
@article{alpha, author={Axe, David}, title={Alpha}, journal={Forbes}, year={2024}}
@article{beta, author={Kim, Min}, title={Beta}, journal={Yonhap}, year={2024}}
@article{gamma, author={Lee, Su}, title={Gamma}, journal={JoongAng}, year={2025}}
@article{delta, author={Park, Ji}, title={Delta}, journal={NHK}, year={2025}}
""",
    "index.md": """# Book

The lead {cite}`alpha`.

```{toctree}
one
two
references
```
""",
    "one.md": """# One

First {cite}`alpha`, then {cite}`beta`.

Two keys in one role {cite}`alpha,gamma`.
""",
    "two.md": """# Two

Last {cite}`alpha`.
""",
    "references.md": """# References

The bibliography's page cites too {cite}`beta`.

```{bibliography}
:all:
```
""",
}

# Every citing place's anchor, page by page, as the reader meets them.
ANCHORS = {
    "index": ["citeref-alpha-1"],
    "one": ["citeref-alpha-2", "citeref-beta-1", "citeref-alpha-3", "citeref-gamma-1"],
    "two": ["citeref-alpha-4"],
    "references": ["citeref-beta-2"],
}
# What each entry starts with, and where each of its links leads (html builder).
BACKLINKS = {
    "alpha": (
        "^ a b c d",
        [
            "index.html#citeref-alpha-1",
            "one.html#citeref-alpha-2",
            "one.html#citeref-alpha-3",
            "two.html#citeref-alpha-4",
        ],
    ),
    "beta": ("^ a b", ["one.html#citeref-beta-1", "#citeref-beta-2"]),
    "gamma": ("^", ["one.html#citeref-gamma-1"]),
    "delta": ("", []),
}


def write_project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in PROJECT.items():
        (folder / name).write_text(text.lstrip(), encoding="utf-8")
    return folder


def built(
    folder: Path,
    builder: str = "html",
    *,
    parallel: int = 0,
    confoverrides: dict[str, Any] | None = None,
    fresh: bool = True,
) -> Build:
    """A build that must be clean: no warnings, exit status 0."""
    result = build(folder, builder, parallel=parallel, confoverrides=confoverrides, fresh=fresh)
    assert result.statuscode == 0 and result.warnings == "", result.warnings
    return result


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def citing_anchors(page: BeautifulSoup) -> list[str]:
    """The citeref anchors of a page's citations: the element's id, then those of the empty
    spans docutils writes inside it for a node's further ids."""
    found = []
    for citation in page.select("span.bibtex-citation"):
        ids = [str(citation.get("id"))] + [str(s.get("id")) for s in citation.select("span[id]")]
        found += [anchor for anchor in ids if anchor.startswith("citeref-")]
    return found


def entry_of(page: BeautifulSoup, key: str) -> Tag:
    entry = page.select_one(f"div.citation[id='cite-{key}']")
    assert entry is not None, key
    return entry


def backlinks_of(entry: Tag) -> tuple[str, list[Tag]]:
    marks = entry.select_one("p > span.backlinks")
    if marks is None:
        return "", []
    return " ".join(marks.get_text().split()), marks.select("a.backlink")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(write_project(tmp_path_factory.mktemp("backlinks") / "serial")).outdir


def test_each_citing_place_gets_its_key_and_number_as_anchor(html: Path) -> None:
    assert {name: citing_anchors(soup(html / f"{name}.html")) for name in ANCHORS} == ANCHORS


def test_each_anchor_is_the_element_a_reader_sees(html: Path) -> None:
    """A one-key citation carries its anchor itself, not on an empty span before it."""
    citation = soup(html / "two.html").select_one("span.bibtex-citation")
    assert citation is not None
    assert citation.get("id") == "citeref-alpha-4"
    assert citation.get_text() == "[1]"


@pytest.mark.parametrize("key", BACKLINKS)
def test_entries_start_with_caret_and_letters_linking_back(html: Path, key: str) -> None:
    marks, links = backlinks_of(entry_of(soup(html / "references.html"), key))
    expected_marks, expected_hrefs = BACKLINKS[key]
    assert marks == expected_marks
    assert [link.get("href") for link in links] == expected_hrefs
    total = len(links)
    # Written out, not taken from the labels module: "^" alone, or the letters after it.
    texts = ["^"] if total == 1 else expected_marks.split()[1:]
    labels = (
        ["本文へ戻る"]
        if total == 1
        else [f"本文へ戻る({total}か所中{n}か所目)" for n in range(1, total + 1)]
    )
    assert [link.get_text() for link in links] == texts
    assert [link.get("aria-label") for link in links] == labels
    assert all(link.get("role") == "doc-backlink" for link in links)


def test_every_back_link_lands_on_a_citation_of_its_entry(html: Path) -> None:
    bibliography = soup(html / "references.html")
    checked = 0
    for entry in bibliography.select("div.citation"):
        for link in backlinks_of(entry)[1]:
            href = urlsplit(str(link.get("href")))
            page = soup(html / href.path) if href.path else bibliography
            target = page.find(id=href.fragment)
            assert isinstance(target, Tag), link
            citation = target if "bibtex-citation" in target.get("class", []) else target.parent
            assert isinstance(citation, Tag)
            hrefs = [str(a.get("href")) for a in citation.select("a.reference.internal")]
            assert any(h.endswith(f"#{entry.get('id')}") for h in hrefs), (link, citation)
            checked += 1
    assert checked == sum(len(hrefs) for _, hrefs in BACKLINKS.values())


def test_same_page_back_references_are_not_repeated_in_the_label(html: Path) -> None:
    """sphinxcontrib-bibtex links the label of an entry cited on its own page; the
    back-links replace that."""
    label = entry_of(soup(html / "references.html"), "beta").select_one("span.label")
    assert label is not None and label.select("a") == []


def test_parallel_build_writes_the_same_pages(html: Path, tmp_path: Path) -> None:
    parallel = built(write_project(tmp_path / "parallel"), parallel=2)
    # Sphinx names the chunk each worker read ("index .. one"): the reads were parallel.
    assert re.search(r"reading sources\.\.\. \[[ \d]+%\] \w+ \.\. \w+", parallel.status)
    for name in ANCHORS:
        assert (parallel.outdir / f"{name}.html").read_text(encoding="utf-8") == (
            html / f"{name}.html"
        ).read_text(encoding="utf-8"), name


def test_an_edit_renumbers_the_unchanged_pages_too(tmp_path: Path) -> None:
    """A new first citation of alpha moves every later alpha anchor, also on pages that
    were not edited, and adds a letter to the entry."""
    project = write_project(tmp_path / "edited")
    built(project)
    one = project / "one.md"
    one.write_text(one.read_text(encoding="utf-8").replace("First", "{cite}`alpha` First"))
    outdir = built(project, fresh=False).outdir
    assert citing_anchors(soup(outdir / "two.html")) == ["citeref-alpha-5"]
    marks, links = backlinks_of(entry_of(soup(outdir / "references.html"), "alpha"))
    assert marks == "^ a b c d e"
    assert links[-1].get("href") == "two.html#citeref-alpha-5"


@pytest.mark.parametrize(
    ("builder", "page", "alpha_hrefs"),
    [
        (
            "dirhtml",
            "references/index.html",
            [
                "../#citeref-alpha-1",
                "../one/#citeref-alpha-2",
                "../one/#citeref-alpha-3",
                "../two/#citeref-alpha-4",
            ],
        ),
        (
            "singlehtml",
            "index.html",
            ["#citeref-alpha-1", "#citeref-alpha-2", "#citeref-alpha-3", "#citeref-alpha-4"],
        ),
    ],
)
def test_other_html_builders_link_to_their_own_pages(
    tmp_path: Path, builder: str, page: str, alpha_hrefs: list[str]
) -> None:
    outdir = built(write_project(tmp_path / builder), builder).outdir
    _, links = backlinks_of(entry_of(soup(outdir / page), "alpha"))
    assert [link.get("href") for link in links] == alpha_hrefs
    if builder == "singlehtml":
        anchors = citing_anchors(soup(outdir / page))
        assert {href.lstrip("#") for href in alpha_hrefs} <= set(anchors)


def test_latex_links_each_mark_to_a_hypertarget_and_changes_nothing_else(tmp_path: Path) -> None:
    with_backlinks = built(write_project(tmp_path / "with"), "latex")
    without = built(
        write_project(tmp_path / "without"),
        "latex",
        confoverrides={"extensions": ["myst_parser", "sphinxcontrib.bibtex"]},
    )
    (tex_path,) = with_backlinks.outdir.glob("*.tex")
    tex = tex_path.read_text(encoding="utf-8")
    # A target at every citing place, in reading order, and a link to each from its entry.
    targets = re.findall(r"\\hypertarget\{(citeref-[a-z0-9-]+)\}\{\}", tex)
    assert targets == [anchor for anchors in ANCHORS.values() for anchor in anchors]
    for key, (marks, _) in BACKLINKS.items():
        item = re.search(rf"\\bibitem\[\d+\]\{{[^}}]*cite-{key}\}}\n\\sphinxAtStartPar\n(.*)", tex)
        assert item is not None, key
        linked = re.findall(r"\\hyperlink\{(citeref-[a-z0-9-]+)\}", item[1])
        assert linked == [a for a in targets if a.startswith(f"citeref-{key}-")]
        assert back_marks(item[1])[0] == marks  # "" for an entry nobody cites
    # Without the targets and the marks, the document is what it is without the extension.
    stripped = re.sub(r"\\hypertarget\{citeref-[a-z0-9-]+\}\{\}", "", tex)
    stripped = without_marks(stripped)
    assert stripped == (without.outdir / tex_path.name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "a"), (5, "e"), (26, "z"), (27, "aa"), (52, "az"), (703, "aaa")]
)
def test_letters_go_on_past_z(number: int, expected: str) -> None:
    assert letter(number) == expected


def test_label_examples() -> None:
    assert doctest.testmod(labels).failed == 0
    assert doctest.testmod(letters).failed == 0
