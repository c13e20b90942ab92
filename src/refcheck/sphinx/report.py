"""The audit table: every finding and every suppression, grouped by rule.

Built from docutils nodes only (rubric, table, reference), so the HTML and LaTeX
writers both render it.  Each entry key links to that entry in the bibliography that
sphinxcontrib-bibtex generated (its citation node's id), when the entry is listed.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.nodes import make_refnode
from sphinxcontrib.bibtex.nodes import raw_latex

from refcheck.i18n import N_, _, use_language
from refcheck.model import Finding
from refcheck.rules import all_rules

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from refcheck.engine import CheckResult

# The table's words, in English and marked for the catalogue; translated when the
# report is built, in the project's language.
LABELS = {
    "entry": N_("Entry"),
    "place": N_("Place"),
    "finding": N_("Finding"),
    "status": N_("Status"),
    "open": N_("open ({severity})"),
    "suppressed": N_("suppressed: {reason} ({where})"),
    "none": N_("refcheck found nothing to report."),
    "not-run": N_("refcheck did not run."),
    "count": N_("{findings} open, {suppressed} suppressed"),
    "quiet": N_("Rules with nothing to report: {rules}."),
}
SEVERITIES = {"info": N_("info"), "warning": N_("warning"), "error": N_("error")}


# What each rule looks for, in the book's language: the rubric of a rule's table names it
# so ("公開日より前の閲覧日(D002 access-before-publication)"). Rules missing here keep
# their code and name alone.
RULE_TITLES = {
    "ja": {
        "undefined-citation": "出典データにない文献の引用",
        "unused-entry": "本文で引用されていない文献",
        "claim-after-source": "出典の後に置かれた記述",
        "date-invalid": "読めない日付",
        "access-before-publication": "公開日より前の閲覧日",
        "date-in-future": "未来の日付",
        "access-date-too-early": "ウェブ以前の閲覧日",
        "field-alias-conflict": "同じ意味の欄の食い違い",
        "missing-field": "必須の欄の欠落",
        "urldate-without-url": "URL のない閲覧日",
        "source-flag": "原版の保守用メッセージ",
        "parse-error": "読めない出典データ",
        "invalid-suppression": "無効な抑止の注記",
        "duplicate-key": "重複したキー",
        "duplicate-field": "重複した欄",
        "duplicate-entry": "重複した文献",
        "near-duplicate": "同じ記事とみられる別の文献",
        "doi-invalid": "不正な DOI",
        "isbn-invalid": "不正な ISBN",
        "isbn-date": "ISBN 以前の刊行年に付いた ISBN",
        "issn-invalid": "不正な ISSN",
        "ismn-invalid": "不正な ISMN",
        "arxiv-invalid": "不正な arXiv 識別子",
        "pmid-invalid": "不正な PMID",
        "pmcid-invalid": "不正な PMCID",
        "url-invalid": "不正な URL",
        "url-in-title": "題名の中の URL",
        "year-invalid": "読めない年",
        "month-invalid": "読めない月",
        "pages-invalid": "不正なページ範囲",
        "volume-number-text": "巻・号の欄の余分な文字",
        "empty-field": "空の欄",
        "unknown-entry-type": "未知の文献種別",
        "unknown-field": "未知の欄",
        "missing-required-field": "文献種別に必要な欄の欠落",
        "unformattable-entry-type": "書誌スタイルが整形できない文献種別",
        "invalid-bibliography-filter": "評価できない書誌の絞り込み",
        "unreadable-setting": "読めないビルド設定",
        "missing-project-file": "見つからないプロジェクトのファイル",
        "preprint-and-published": "プレプリントと出版版の両方",
        "name-list-invalid": "読めない人名の並び",
    },
}


@dataclass(frozen=True, slots=True)
class Row:
    finding: Finding
    status: str


def build_report(
    result: CheckResult | None,
    root: str,
    env: BuildEnvironment,
    builder: Builder,
    fromdocname: str,
    show_suppressed: bool = True,
) -> list[nodes.Node]:
    """The audit's nodes, in the project's language (English when refcheck has no
    catalogue for it)."""
    with use_language(env.config.language, strict=False) as language:
        return _build_report(result, root, env, builder, fromdocname, show_suppressed, language)


def _build_report(
    result: CheckResult | None,
    root: str,
    env: BuildEnvironment,
    builder: Builder,
    fromdocname: str,
    show_suppressed: bool,
    language: str,
) -> list[nodes.Node]:
    labels = {name: _(text) for name, text in LABELS.items()}
    titles = RULE_TITLES.get(language.split("_")[0], {})
    severities = {name: _(text) for name, text in SEVERITIES.items()}
    if result is None:
        return [nodes.paragraph(text=labels["not-run"])]
    rows: dict[str, list[Row]] = defaultdict(list)
    for finding in result.findings:
        rows[finding.rule].append(
            Row(
                finding,
                labels["open"].format(
                    severity=severities.get(finding.severity.value, finding.severity.value)
                ),
            )
        )
    suppressed_count: dict[str, int] = defaultdict(int)
    if show_suppressed:
        for item in result.suppressed:
            where = f"{_shown_path(item.location.path, root)}:{item.location.line}"
            status = labels["suppressed"].format(reason=item.reason.strip(), where=where)
            rows[item.finding.rule].append(Row(item.finding, status))
            suppressed_count[item.finding.rule] += 1
    quiet = [
        f"{titles[rule.name]}({rule.code} {rule.name})"
        if rule.name in titles
        else f"{rule.code} {rule.name}"
        for rule in result.rules
        if rule.name not in rows
    ]
    separator = _(", ")
    quiet_note = nodes.paragraph(text=labels["quiet"].format(rules=separator.join(quiet)))
    if not rows:
        return [nodes.paragraph(text=labels["none"]), quiet_note]
    anchors = _bibliography_anchors(env)
    codes = {rule.name: rule.code for rule in all_rules()}
    output: list[nodes.Node] = []
    for rule_name in sorted(rows, key=lambda name: (codes.get(name, "~"), name)):
        group = sorted(rows[rule_name], key=lambda row: row.finding.sort_key())
        count = labels["count"].format(
            findings=len(group) - suppressed_count[rule_name],
            suppressed=suppressed_count[rule_name],
        )
        rule = f"{codes.get(rule_name, '')} {rule_name}".strip()
        if rule_name in titles:
            rule = f"{titles[rule_name]}({rule})"
        output.append(nodes.rubric(text=f"{rule} ({count})"))
        output.append(_table(group, labels, root, anchors, builder, fromdocname, rule_name))
    if quiet:
        output.append(quiet_note)
    return output


def _table(
    rows: list[Row],
    labels: dict[str, str],
    root: str,
    anchors: dict[str, tuple[str, str]],
    builder: Builder,
    fromdocname: str,
    rule_name: str,
) -> nodes.table:
    # longtable: it may run over pages; colwidths-given: LaTeX wraps the long columns.
    table = nodes.table(classes=["refcheck-report", "longtable", "colwidths-given"])
    table["ids"] = [f"refcheck-{rule_name}"]
    group = nodes.tgroup(cols=4)
    table += group
    # Keys and places are short; messages and reasons are sentences.  The place column
    # holds "refs.bib:233" on one line in the PDF's A4 columns (at 14 it broke after ".").
    for width in (17, 17, 33, 33):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.Text(labels[k]) for k in ("entry", "place", "finding", "status")])
    group += head
    body = nodes.tbody()
    for row in rows:
        finding = row.finding
        place = f"{_shown_path(finding.path, root)}:{finding.line}"
        body += _row(
            [
                _entry_cell(finding.key, anchors, builder, fromdocname),
                nodes.literal(text=place),
                nodes.Text(finding.message),
                nodes.Text(row.status),
            ]
        )
    group += body
    return table


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        paragraph = nodes.paragraph()
        paragraph += content
        entry += paragraph
        row += entry
    return row


def _entry_cell(
    key: str | None,
    anchors: dict[str, tuple[str, str]],
    builder: Builder,
    fromdocname: str,
) -> nodes.Node:
    if key is None:
        return nodes.Text("—")
    # Plain text, not a literal: LaTeX may then break a long key at its hyphens.
    label = nodes.inline(text=key, classes=["refcheck-key"])
    if key not in anchors:
        return label
    todocname, target = anchors[key]
    if builder.name == "latex":
        # A bibliography entry is a \bibitem in LaTeX: link to its hyperref anchor, as
        # sphinxcontrib-bibtex's own citations do.
        link = nodes.inline()
        link += raw_latex(f"\\hyperlink{{cite.{todocname}:{target}}}{{")
        link += label
        link += raw_latex("}")
        return link
    return make_refnode(builder, fromdocname, todocname, target, label, key)


def _bibliography_anchors(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """Entry key -> (document, id) of its first listing in a ``bibliography``."""
    domain: Any = env.get_domain("cite")
    anchors: dict[str, tuple[str, str]] = {}
    for citation in domain.citations:
        anchors.setdefault(citation.key, (citation.bibliography_key.docname, citation.citation_id))
    return anchors


def _shown_path(path: str, root: str) -> str:
    if root and os.path.isabs(path):
        relative = os.path.relpath(path, root)
        if not relative.startswith(".."):
            return relative
    return path
