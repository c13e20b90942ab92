"""The book's pages as text: front page, chapters, reference page, audit appendix, config.

``book_files`` returns every file of the book folder (path relative to the folder → text);
``write`` puts them on disk. Chapters are ``docs/chapter-NN.md`` in the article's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refcheck.bookgen.article import Article, Section
from refcheck.bookgen.conf_template import LICENSE_NAME, LICENSE_URL, conf_py
from refcheck.bookgen.curation import per_entry_ignores, source_findings
from refcheck.bookgen.myst import Citations, escape, footnote_label, to_myst


@dataclass
class BookFiles:
    files: dict[str, str]
    unknown_markers: list[str] = field(default_factory=list)


def _revision_ja(revision: str | None) -> str:
    if not revision:
        return "版は書き出しに記載なし"
    if revision.startswith("oldid "):
        return f"版 {revision}"
    date, time, _utc = revision.split(" ")
    year, month, day = (int(part) for part in date.split("-"))
    return f"{year}年{month}月{day}日 {time} UTC の版"


def front_matter(article: Article) -> str:
    history = (
        article.url.replace("/wiki/", "/w/index.php?title=", 1) + "&action=history"
        if article.url
        else ""
    )
    lines = [
        "```{admonition} 出典とライセンス",
        ":class: note",
        "",
        f"本書は、{article.site}の記事「[{escape(article.title)}]({article.url})」"
        f"({_revision_ja(article.revision)})を、`refcheck book` で本の形にしたものです。",
        "",
        "- 著作者:ウィキペディアの執筆者(Wikipedia contributors)。"
        f"執筆者の一覧は記事の[履歴]({history})で見られます。",
        f"- ライセンス:[クリエイティブ・コモンズ 表示-継承 4.0 国際({LICENSE_NAME})]"
        f"({LICENSE_URL})。"
        "本書も同じライセンスで提供します。",
        "",
        "本文と出典の文言は原版のままです。本文中の出典番号 [n] は出典一覧へのリンクにしました。",
    ]
    if article.dropped:
        lines += [
            "",
            f"原版の書き出しの冒頭にあった、壊れた表の{len(article.dropped)}行は本文ではないため取り除きました。",
        ]
    lines.append("```")
    return "\n".join(lines)


def _paragraphs(section: Section, citations: Citations, notes: list[tuple[str, int]]) -> list[str]:
    def used(label: str, number: int) -> None:
        if (label, number) not in notes:
            notes.append((label, number))

    return [
        ("- " if paragraph.item else "") + to_myst(paragraph.text, citations, used)
        for paragraph in section.paragraphs
    ]


def _footnotes(notes: list[tuple[str, int]], citations: Citations) -> list[str]:
    """Each note used on the page, its own citations as ``{cite}`` (a MyST footnote holds
    roles); a note a note cites joins the list, so it is defined on the page too."""

    def used(label: str, number: int) -> None:
        if (label, number) not in notes:
            notes.append((label, number))

    definitions = []
    index = 0
    while index < len(notes):  # grows while it is read: notes cited inside notes
        label, number = notes[index]
        words = to_myst(citations.notes[(label, number)], citations, used)
        definitions.append(f"[^{footnote_label(label, number)}]: {words}")
        index += 1
    return definitions


def chapter(sections: list[Section], citations: Citations) -> str:
    notes: list[tuple[str, int]] = []
    blocks = []
    for section in sections:
        blocks.append(("#" * section.level) + " " + escape(section.heading or ""))
        blocks.extend(_paragraphs(section, citations, notes))
    blocks.extend(_footnotes(notes, citations))
    return "\n\n".join(blocks) + "\n"


def index_page(article: Article, citations: Citations, chapters: list[str]) -> str:
    notes: list[tuple[str, int]] = []
    lead = _paragraphs(article.lead, citations, notes) if article.lead else []
    toctree = [
        "```{toctree}",
        ":caption: 目次",
        ":maxdepth: 2",
        "",
        *chapters,
        "references",
        "appendix/audit",
        "```",
    ]
    blocks = [f"# {escape(article.title)}", front_matter(article), *lead, "\n".join(toctree)]
    blocks.extend(_footnotes(notes, citations))
    return "\n\n".join(blocks) + "\n"


def references_page(all_cited: bool) -> str:
    """The bibliography; ``:all:`` when some entry is cited nowhere in the book (its citing
    part was left out of the export): the source's list shows every reference."""
    option = "" if all_cited else ":all:\n"
    return f"# 出典\n\n```{{bibliography}}\n{option}```\n"


def audit_page(entries: int, ignored_reason: str | None) -> str:
    blocks = [
        "# 出典の検証",
        "この付録は、本書の出典データ(`refs.bib`)と本文中の引用を、"
        "検査ツール refcheck で検査した結果です。"
        "本書を組むたびに検査し直し、その結果をここに表示します。",
        "表は検査規則ごとに分かれ、各行は規則が見つけた問題(指摘)を示します。"
        "「指摘」の欄は検査ツールの出力をそのまま載せています。"
        "本書は原版の出典データを訂正しません。",
        f"出典は {entries} 件です。",
    ]
    if ignored_reason:
        blocks.append(ignored_reason)
    blocks.append("```{refcheck-report}\n```")
    return "\n\n".join(blocks) + "\n"


def pyproject(ignore: list[str], comment: str | None) -> str:
    lines = ["[tool.refcheck]", 'bib = ["refs.bib"]', 'docs = ["docs"]']
    if comment:
        lines.append(f"# {comment}")
    lines.append("ignore = [" + ", ".join(f'"{rule}"' for rule in ignore) + "]")
    return "\n".join(lines) + "\n"


def book_files(
    article: Article,
    citations: Citations,
    bib_text: str,
    entries: int,
    no_urls: bool,
    chapter_names: dict[str, str] | None = None,
) -> BookFiles:
    files: dict[str, str] = {}
    names = []
    for number, sections in enumerate(article.chapters, start=1):
        name = (chapter_names or {}).get(sections[0].heading or "", f"chapter-{number:02d}")
        names.append(name)
        files[f"docs/{name}.md"] = chapter(sections, citations)
    files["docs/index.md"] = index_page(article, citations, names)
    pages = "".join(files.values())
    all_cited = all(f"{{cite}}`{key}`" in pages for key in citations.keys.values())
    files["docs/references.md"] = references_page(all_cited)
    reason = None
    ignore: list[str] = []
    if no_urls:
        ignore = ["urldate-without-url"]
        reason = (
            "規則 urldate-without-url(閲覧日があるのに URL がない出典を指摘する規則)は、"
            "本書では `pyproject.toml` の設定で無効にしています。"
            "原版の書き出しには URL が一つも含まれておらず、補えないためです。"
        )
    files["docs/appendix/audit.md"] = audit_page(entries, reason)
    files["docs/conf.py"] = conf_py(article)
    files["refs.bib"] = bib_text
    files["pyproject.toml"] = pyproject(
        ignore,
        "the source export has no URL at all: access dates cannot have one" if no_urls else None,
    )
    kept = per_entry_ignores(source_findings(files))
    if kept:
        files["pyproject.toml"] += "\n" + kept + "\n"
    return BookFiles(files, citations.unknown)
