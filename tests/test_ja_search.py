"""refcheck.ja_search at build time: the page texts it ships and where it loads them.

The browser half (the search box finding words) is in test_browser.py, on the same sample.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_sphinx
from refcheck.ja_search.pagetext import TEXTS_FILE, TEXTS_GLOBAL, normalize

# A small Japanese book whose words are placed so that every trap is exercised: compounds that
# TinySegmenter cuts into one-character tokens (第11軍団), a compound wrapped across source
# lines (クルスク / 州), and a decoy page holding the parts of compounds but not the compounds.
SAMPLE_PAGES = {
    "index": "# 検索テスト\n\n検索の動作を確かめる見本です。\n\n"
    "```{toctree}\n:hidden:\n\nhaken\nhoryo\nkibo\ndecoy\nwrap\n```\n",
    "haken": "# 派遣\n\n派遣された部隊の多くは、北朝鮮最精鋭の朝鮮人民軍第11軍団"
    "(いわゆる「暴風軍団」)の出身であり、ロシアのクルスク州に展開した。\n",
    "horyo": "# 捕虜\n\nウクライナ軍は北朝鮮兵2人を捕虜にした。1人は2005年生まれで、"
    "2021年に北朝鮮の朝鮮人民軍に入隊していた。\n",
    "kibo": "# 規模\n\n韓国当局は、派遣規模について暴風軍団(特殊部隊)を含む4旅団と推定し、"
    "捕虜の証言も伝えた。\n",
    "decoy": "# 無関係\n\n暴風雨の日に第8軍団が移動した。クルスクの州境に近い。兵士は捕まった。"
    "北朝鮮の人民と軍。\n\n<!-- 第11軍団 は注釈の中だけ -->\n",
    "wrap": "# 折り返し\n\nロシアのクルスク\n州で戦闘があった。\n",
}


def build_sample(
    root: Path, language: str = "ja", theme: str = "sphinx_book_theme", ja_search: bool = True
) -> Path:
    """Write the sample project under root, build it as HTML, and return the output folder."""
    extensions = ["myst_parser", "refcheck.ja_search"] if ja_search else ["myst_parser"]
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        f"project = '検索テスト'\nlanguage = {language!r}\nhtml_theme = {theme!r}\n"
        f"extensions = {extensions!r}\n"
        # pydata-sphinx-theme logs a console error when default_mode is empty
        "html_context = {'default_mode': 'auto'}\n",
        encoding="utf-8",
    )
    for name, text in SAMPLE_PAGES.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return rebuild(root)


def rebuild(root: Path) -> Path:
    # Incremental (not fresh): the extension must keep its page texts right across rebuilds.
    app, warnings, _ = run_sphinx(
        root / "src", "html", root / "html", root / "doctrees", fresh=False
    )
    assert app.statuscode == 0 and not warnings, warnings
    return root / "html"


def shipped_texts(outdir: Path) -> dict[str, str]:
    script = (outdir / "_static" / TEXTS_FILE).read_text(encoding="utf-8")
    prefix = f"window.{TEXTS_GLOBAL} = "
    assert script.startswith(prefix) and script.endswith(";\n")
    texts = json.loads(script[len(prefix) : -2])
    assert isinstance(texts, dict)
    return texts


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("ja-search"))


def test_every_page_ships_its_text(sample_html: Path) -> None:
    texts = shipped_texts(sample_html)
    assert sorted(texts) == sorted(SAMPLE_PAGES)
    assert "朝鮮人民軍第11軍団(いわゆる「暴風軍団」)" in texts["haken"]
    assert "捕虜" in texts["horyo"] and "暴風軍団" not in texts["horyo"]


def test_a_compound_wrapped_across_source_lines_is_one_word(sample_html: Path) -> None:
    assert "ロシアのクルスク州で戦闘" in shipped_texts(sample_html)["wrap"]


def test_titles_and_paragraphs_stay_apart(sample_html: Path) -> None:
    # "無関係" + "暴風雨..." must not read as one run of text.
    assert shipped_texts(sample_html)["decoy"].startswith("無関係\n暴風雨")


def test_comments_are_not_searchable(sample_html: Path) -> None:
    assert "第11軍団" not in shipped_texts(sample_html)["decoy"]


def test_only_the_search_page_loads_the_texts_before_the_override(sample_html: Path) -> None:
    search = (sample_html / "search.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", search)
    ours = [tag for tag in scripts if "ja_search" in tag]
    assert len(ours) == 2, ours
    texts_tag, code_tag = ours
    assert TEXTS_FILE in texts_tag and "ja_search.js" in code_tag
    assert all('defer="defer"' in tag for tag in ours)
    assert all("?v=" in tag for tag in ours), "a checksum keeps browsers from stale texts"
    assert (sample_html / "_static" / "ja_search.js").is_file()
    assert (sample_html / "_static" / TEXTS_FILE).stat().st_mode & 0o044 == 0o044, "web-readable"
    assert "ja_search" not in (sample_html / "haken.html").read_text(encoding="utf-8")


def test_the_index_alone_cannot_find_the_compound(sample_html: Path) -> None:
    """Why the override matches words: no index token stands for 第11軍団.

    In 「朝鮮人民軍第11軍団」 TinySegmenter cuts 軍第 / 1 / 1 / 軍 / 団, and one-character tokens
    are dropped, so the only token a segmented query 第/11/軍団 could match is 軍団, which
    also points at a page without 第11軍団 (kibo: 暴風軍団).
    """
    index = (sample_html / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    kibo = sorted(SAMPLE_PAGES).index("kibo")
    assert "軍第" in terms
    assert not [term for term in terms if "第" in term and term != "軍第"]
    found = terms["軍団"]
    assert kibo in (found if isinstance(found, list) else [found])
    assert "第11軍団" not in SAMPLE_PAGES["kibo"]


def test_incremental_build_updates_and_drops_pages(tmp_path: Path) -> None:
    outdir = build_sample(tmp_path)
    (tmp_path / "src" / "wrap.md").unlink()
    (tmp_path / "src" / "index.md").write_text(
        SAMPLE_PAGES["index"].replace("wrap\n", ""), encoding="utf-8"
    )
    (tmp_path / "src" / "kibo.md").write_text("# 規模\n\n第1軍団と第11軍団。\n", encoding="utf-8")
    texts = shipped_texts(rebuild(tmp_path))
    assert "wrap" not in texts
    assert texts["kibo"] == "規模\n第1軍団と第11軍団。"
    assert texts["haken"] == shipped_texts(outdir)["haken"]


def test_inactive_for_a_non_japanese_book(tmp_path: Path) -> None:
    outdir = build_sample(tmp_path, language="en")
    assert not (outdir / "_static" / TEXTS_FILE).exists()
    assert "ja_search" not in (outdir / "search.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第１１軍団", "第11軍団"),  # full-width digits, as a reader may type them
        ("ｸﾙｽｸ州", "クルスク州"),  # half-width katakana
        ("朝鮮人民\n軍", "朝鮮人民軍"),  # a line wrap inside Japanese text
        ("NATO\nsummit", "nato summit"),  # between Latin words a line break is a space
        ("Курская\nобласть", "курская область"),
        ("  暴風軍団  捕虜  ", "暴風軍団 捕虜"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected
