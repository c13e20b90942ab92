"""Data the importer looks names up in: outlet slugs for keys, language marks.

Keep all such tables here, so adding an outlet or a language is a one-line change.
"""

from __future__ import annotations

import re

# Works whose names are not ASCII, by their name as the source writes it (after NFKC).
# ASCII names (AFP, CNN, PRESIDENT online, istories.media) slugify themselves.
OUTLET_SLUGS: dict[str, str] = {
    "朝日新聞": "asahi",
    "朝日新聞デジタル": "asahi",
    "毎日新聞": "mainichi",
    "読売新聞": "yomiuri",
    "産経新聞": "sankei",
    "日本経済新聞": "nikkei",
    "東京新聞": "tokyo-np",
    "中日新聞": "chunichi",
    "北海道新聞": "hokkaido-np",
    "日本放送協会": "nhk",
    "共同通信": "kyodo",
    "時事通信": "jiji",
    "時事ドットコム": "jiji",
    "ロイター": "reuters",
    "ブルームバーグ": "bloomberg",
    "聯合ニュース": "yonhap",
    "中央日報": "joongang",
    "中央日報日本語版": "joongang",
    "朝鮮日報": "chosun",
    "東亜日報": "donga",
    "ハンギョレ": "hani",
    "人民網": "people-cn",
    "新華社": "xinhua",
    "フォーブス ジャパン": "forbes-japan",
    "ニューズウィーク日本版": "newsweek-japan",
    "BBCニュース": "bbc",
}

# Language marks as the two Wikipedias print them, to biblatex language names.
# A mark that is not listed is kept as written (biblatex accepts a literal language).
LANGUAGES: dict[str, str] = {
    "英語": "english",
    "ロシア語": "russian",
    "ウクライナ語": "ukrainian",
    "朝鮮語": "korean",
    "韓国語": "korean",
    "中国語": "chinese",
    "日本語": "japanese",
    "フランス語": "french",
    "ドイツ語": "german",
    "スペイン語": "spanish",
    "イタリア語": "italian",
    "ポーランド語": "polish",
    "English": "english",
    "Russian": "russian",
    "Ukrainian": "ukrainian",
    "Korean": "korean",
    "Chinese": "chinese",
    "Japanese": "japanese",
    "French": "french",
    "German": "german",
    "Spanish": "spanish",
    "Italian": "italian",
    "Polish": "polish",
}


def language_name(mark: str) -> str:
    """The biblatex name for a language mark (``英語``, ``Russian``), else the mark itself."""
    return LANGUAGES.get(mark.strip(), mark.strip())


# Headings that name a reference list or a group of it, as the two Wikipedias print them.
LIST_HEADINGS = frozenset(
    {
        "脚注", "注釈", "注", "注記", "出典", "引用", "参照", "参考文献", "一次文献", "二次文献",
        "一次資料", "二次資料", "資料", "文献", "典拠",
        "Notes", "Footnotes", "References", "Citations", "Sources", "Bibliography",
        "Works cited", "Primary sources", "Secondary sources", "Further reading",
    }
)  # fmt: skip


# The list headings under which Wikipedia puts explanatory notes ({{efn}}, <ref group="注">),
# which cite nothing: a note kept as text is a note, not a reference no layout read.
NOTE_HEADINGS = frozenset({"注釈", "注", "注記", "Notes", "Footnotes"})


# What a saved page puts after a heading: "[編集]", "[edit]", or a Markdown edit link
# "\\[[edit](…/index.php?…&action=edit&section=22 "Edit section: References")\\]".
_EDIT_LINK = re.compile(
    r"\\?\[\[?(?:edit|編集|ソースを編集)\]?(?:\([^()\n]*\))?\\?\]", re.IGNORECASE
)


def heading_text(line: str) -> str:
    """A heading line's words: without Markdown's ``#`` and the page's edit link."""
    return _EDIT_LINK.sub("", line).strip().lstrip("#").strip()


def is_list_heading(line: str) -> bool:
    """Whether a line is a heading of the reference list (``出典``, ``注釈``, ``Notes``)."""
    return heading_text(line) in LIST_HEADINGS
