"""Wikitext (an article's edit page): the ``<ref>``s and their citation templates, exactly.

``mwparserfromhell`` reads the markup (templates nest, parameters hold links and comments,
which no regular expression reads safely). References are numbered as MediaWiki numbers
them: by first use, a named reference once, per ``group=``. Inside a ``<ref>``, the first
citation template (``cite web``, ``cite news``, ``cite book``, ``cite journal``,
``cite magazine``, ``cite conference``, ``cite AV media``, ``cite tweet``, ``cite report``,
``cite thesis``, ``Citation`` …) gives the fields by parameter name, under every alias the
CS1 modules accept. A reference without a template is turned into the text it renders as
(link text, then its URL) and read like an export's line.

The templates' own parameter errors are reported as Wikipedia's CS1 modules print them,
into ``sourceflag`` (rule F004 ``source-flag``): two aliases of one parameter given
(``|work=`` and ``|newspaper=``) and a date the modules do not accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import ExternalLink, HTMLEntity, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from refcheck.importer.dates import EN_DATE, JA_DATE, date_problem, en_to_iso, ja_to_iso
from refcheck.importer.model import ImportNotice, RawReference, Reference
from refcheck.importer.names import bibtex_author
from refcheck.importer.parse import layout_name, parse_reference
from refcheck.importer.refscan import MAX_REFERENCE, scan_references
from refcheck.importer.tables import language_name

# Parameter aliases, as Module:Citation/CS1/Configuration lists them (the common ones).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "script-title"),
    "work": ("work", "website", "newspaper", "magazine", "journal", "periodical",
             "encyclopedia", "encyclopaedia", "dictionary"),
    "publisher": ("publisher", "institution", "network", "station"),
    "location": ("location", "place", "publication-place", "publication_place"),
    "date": ("date", "air-date", "airdate"),
    "year": ("year",),
    "month": ("month",),
    "urldate": ("access-date", "accessdate"),
    "url": ("url", "URL"),
    "archiveurl": ("archive-url", "archiveurl"),
    "archivedate": ("archive-date", "archivedate"),
    "pages": ("pages", "page", "at", "p", "pp"),
    "isbn": ("isbn", "ISBN", "isbn13", "ISBN13"),
    "issn": ("issn", "ISSN"),
    "doi": ("doi", "DOI"),
    "volume": ("volume",),
    "issue": ("issue", "number"),
    "edition": ("edition",),
    "series": ("series", "version"),
    "chapter": ("chapter", "contribution", "entry", "article", "section"),
    "language": ("language", "lang"),
    "quote": ("quote",),
    "via": ("via",),
    "authors": ("authors", "people", "credits"),
    "editor": ("editor", "editors", "editor1", "editor-last", "editor1-last", "editor-last1"),
    "origdate": ("orig-date", "orig-year", "origyear", "origdate"),
}  # fmt: skip
# Work aliases told apart in flags, as CS1 names them (|work= and |newspaper=).
_AUTHOR_PARAMETER = re.compile(r"^(?:author|last|surname)(\d*)$")
_NAME_PARTS = re.compile(r"^(?:first|given|editor-first|editor\d*-first|editor-given)\d*$")
# How a template prints, not what it cites: never a datum of the reference.
_PRESENTATION = frozenset(
    {
        "和書", "format", "df", "url-status", "url-access", "ref", "mode", "postscript",
        "separator", "name-list-style", "name-list-format", "deadurl", "dead-url",
        "accessdate", "access-date", "lay-url", "lay-date", "lay-source", "display-authors",
        "display-editors", "language", "lang", "type", "medium", "script-title", "url",
        "archive-url", "archiveurl", "archive-date", "archivedate", "via",
    }
)  # fmt: skip
_LINK_PARAMETER = re.compile(r"^(?:author|editor)\d*-?link\d*$|^authorlink\d*$")
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_TYPES = {
    "cite web": "online",
    "cite news": "article",
    "cite press release": "online",
    "cite magazine": "article",
    "cite journal": "article",
    "cite book": "book",
    "cite encyclopedia": "inreference",
    "cite conference": "inproceedings",
    "cite av media": "video",
    "cite video": "video",
    "cite episode": "video",
    "cite tweet": "online",
    "cite report": "report",
    "cite thesis": "thesis",
    "citation": "misc",
}
_NOTE_TEMPLATES = ("efn", "refn", "notetag", "efn-ua", "efn-la", "efn-lr", "注釈", "efn2")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass
class WikitextReference:
    raw: RawReference
    content: str
    unclosed: bool = False


_TEMPLATE_CALL = re.compile(r"\{\{\s*(?:cite|citation)[^{}|\n]{0,40}\|", re.IGNORECASE)


def looks_like_wikitext(text: str) -> bool:
    """Wikitext has ``<ref>`` tags or citation templates with parameters; an export has
    neither (its maintenance flags name a template, ``{{cite news}}``, without any)."""
    return "<ref" in text.lower() or _TEMPLATE_CALL.search(text) is not None


def wikitext_references(text: str) -> Iterator[WikitextReference]:
    """Each reference once, numbered per group by first use, with its line and content.

    MediaWiki numbers a named reference where it is first used, even when its content is
    given later (list-defined references); a reuse adds no number.
    """
    scanned = list(scan_references(text))
    defined: dict[tuple[str | None, str], str] = {}
    for reference in scanned:
        if reference.name and reference.content and reference.content.strip():
            defined.setdefault((reference.group, reference.name), reference.content)
    numbers: dict[str | None, int] = {}
    seen: set[tuple[str | None, str]] = set()
    for reference in scanned:
        group, name = reference.group, reference.name
        content = reference.content or ""
        if name is not None:
            if (group, name) in seen:
                continue
            seen.add((group, name))
            content = defined.get((group, name), content)
        numbers[group] = numbers.get(group, 0) + 1
        raw = RawReference(numbers[group], reference.line, content.strip(), None, group)
        yield WikitextReference(raw, content, reference.unclosed)


class Params:
    """A template's parameters read once: name → shown text (``Template.has`` scans every
    parameter on each call, which is quadratic over a template's aliases)."""

    def __init__(self, template: Template) -> None:
        self.texts: dict[str, str] = {}
        self.positional: list[str] = []
        for parameter in template.params:
            text = _plain(parameter.value)
            if parameter.showkey:
                self.texts[str(parameter.name).strip()] = text  # the last one wins, as in MediaWiki
            else:
                self.positional.append(text)

    def has(self, name: str) -> bool:
        return name in self.texts

    def text(self, name: str) -> str:
        return self.texts.get(name, "")


def _value(params: Params, key: str) -> str | None:
    for alias in ALIASES.get(key, (key,)):
        if value := params.text(alias):
            return value
    return None


def _shown(wikicode: Wikicode, links: bool = False, depth: int = 0) -> str:
    """Wikicode as the page shows it, in one walk over its nodes (``Wikicode.replace`` is
    linear per call, so replacing link by link is quadratic): a wiki link as its text, an
    external link as its text (with ``links``, quoted and followed by its URL), entities
    decoded, templates and comments dropped, the contents of formatting tags kept."""
    parts = []
    for node in wikicode.nodes:
        if isinstance(node, Text):
            parts.append(str(node))
        elif isinstance(node, Wikilink):
            parts.append(str(node.text if node.text is not None else node.title))
        elif isinstance(node, ExternalLink):
            title = _shown(node.title, depth=depth + 1) if node.title is not None else ""
            if not title.strip():
                parts.append(f" {node.url} " if links else str(node.url))  # a bare URL
            elif links:
                parts.append(f"“{title}” {node.url}")
            else:
                parts.append(title)
        elif isinstance(node, HTMLEntity):
            parts.append(node.normalize())
        elif isinstance(node, Tag) and node.contents is not None and depth < 20:
            parts.append(_shown(node.contents, links, depth + 1))
    return "".join(parts)


def _plain(wikicode: object) -> str:
    """A parameter's text as the page shows it: links as their text, no comments."""
    parsed = wikicode if isinstance(wikicode, Wikicode) else mwparserfromhell.parse(str(wikicode))
    return " ".join(_shown(parsed).split())


def _to_iso(value: str | None) -> tuple[str | None, str | None]:
    """An ISO date for a template's date value, and the value when it is no date CS1 takes."""
    if not value:
        return None, None
    text = value.strip()
    for pattern, convert in ((JA_DATE, ja_to_iso), (EN_DATE, en_to_iso)):
        if re.fullmatch(pattern, text, re.IGNORECASE):
            try:
                iso = convert(text)
            except ValueError:
                break
            return iso, text if date_problem(iso) else None
    if _ISO.fullmatch(text):
        return text, text if date_problem(text) else None
    return None, text


def _authors(params: Params) -> str | None:
    names: dict[int, str] = {}
    for key, last in params.texts.items():
        match = _AUTHOR_PARAMETER.match(key)
        if not match:
            continue
        index = int(match.group(1) or 1)
        first = None
        for first_key in (f"first{match.group(1)}", f"given{match.group(1)}"):
            if params.has(first_key):
                first = params.text(first_key)
        if last:
            names[index] = f"{last}, {first}" if first else last
    if names:
        return "; ".join(names[index] for index in sorted(names))
    return _value(params, "authors")


def _flags(params: Params, kind: str, japanese: bool, bad_dates: list[str]) -> str | None:
    """The parameter errors the CS1 modules print for this template, in the page's wording."""
    messages = []
    for key in ("work", "publisher", "urldate", "archiveurl", "archivedate", "pages", "isbn"):
        given = [alias for alias in ALIASES[key] if params.text(alias)]
        if len(given) > 1:
            if japanese:
                messages.append(
                    "、".join(f"|{alias}=" for alias in given) + " 引数が重複しています。"
                )
            else:
                listed = " and ".join(f"|{alias}=" for alias in given)
                messages.append(f"More than one of {listed} specified")
    for name in bad_dates:
        messages.append(
            f"|{name}= の日付が不正です。" if japanese else f"Check date values in: |{name}="
        )
    if not messages:
        return None
    return " ".join(f"{{{{{kind}}}}}: {message}" for message in messages)


def _unread_parameters(params: Params) -> list[str]:
    """``|name=value`` for every parameter no field holds (``|agency=DPA``): kept in note,
    so nothing the template states is lost; parameters that only shape the output are not."""
    known = {alias for aliases in ALIASES.values() for alias in aliases}
    kept = []
    for name, value in params.texts.items():
        if not value:
            continue
        if (
            name in known
            or name in _PRESENTATION
            or _AUTHOR_PARAMETER.match(name)
            or _NAME_PARTS.match(name)
            or _LINK_PARAMETER.match(name)
        ):
            continue
        kept.append(f"|{name}={value}")
    for aliases in ALIASES.values():
        # Two aliases of one parameter (|work= and |newspaper=): the field holds the first,
        # the note the others, so the flagged duplicate loses nothing.
        given = [alias for alias in aliases if params.text(alias)]
        kept.extend(f"|{alias}={params.text(alias)}" for alias in given[1:])
    kept.extend(f"|{value}" for value in params.positional if value and value != "和書")
    return kept


def _citation_template(content: str) -> Template | None:
    """The reference's citation template; else any template with a ``|title=`` (a source's
    own template such as ``{{Bryan (3rd edition)|title=…}}``)."""
    templates = mwparserfromhell.parse(content).filter_templates(recursive=False)
    for template in templates:
        name = str(template.name).strip().lower().replace("_", " ")
        if name in _TYPES or name.startswith("cite "):
            return template
    for template in templates:
        if template.has("title"):
            return template
    return None


def template_reference(raw: RawReference, template: Template, article_japanese: bool) -> Reference:
    """One reference from its citation template's parameters."""
    kind = " ".join(str(template.name).strip().lower().replace("_", " ").split())
    params = Params(template)
    japanese = article_japanese or params.has("和書") or "和書" in params.positional
    bad: list[str] = []

    def date_field(key: str) -> str | None:
        names = [alias for alias in ALIASES[key] if params.has(alias)]
        iso, problem = _to_iso(_value(params, key))
        if problem is not None and names:
            bad.append(names[0])
        return iso

    date = date_field("date")
    if date is None and (year := _value(params, "year")):
        date = year if re.fullmatch(r"\d{4}", year) else None
        if date is None:
            bad.append("year")
    title = _value(params, "title") or ""
    chapter = _value(params, "chapter")
    entrytype = _TYPES.get(kind, "misc")
    work = _value(params, "work")
    if entrytype == "online" and work:
        entrytype = "article"  # a page of a periodical or site, as the export path types it
    if kind == "citation":
        entrytype = "article" if work else "book" if _value(params, "isbn") else "misc"
    booktitle = None
    if chapter and entrytype in ("book", "misc"):
        entrytype, booktitle, title = "inbook", title, chapter
    language = _value(params, "language")
    notes = [note for note in (_value(params, "quote"), _value(params, "via")) if note]
    notes.extend(_unread_parameters(params))
    wpformat = "en"
    if japanese:
        wpformat = {"cite web": "web", "cite news": "news"}.get(kind, "ja")
    wpformat = layout_name(wpformat, entrytype)
    author = _authors(params)
    names = bibtex_author(author) if author else None
    return Reference(
        number=raw.number,
        line=raw.line,
        title=title,
        wpformat=wpformat,
        entrytype=entrytype,
        work=work,
        booktitle=booktitle,
        series=_value(params, "series"),
        publisher=_value(params, "publisher"),
        location=_value(params, "location"),
        author=names[0] if names else None,
        author_is_literal=names[1] if names else True,
        date=date,
        urldate=date_field("urldate"),
        archivedate=date_field("archivedate"),
        url=_value(params, "url"),
        archiveurl=_value(params, "archiveurl"),
        pages=_value(params, "pages"),
        isbn=_value(params, "isbn"),
        issn=_value(params, "issn"),
        doi=_value(params, "doi"),
        volume=_value(params, "volume"),
        editor=_value(params, "editor"),
        origdate=_value(params, "origdate"),
        issue=_value(params, "issue"),
        edition=_value(params, "edition"),
        language=language_name(language) if language else None,
        note=" ".join(notes) or None,
        sourceflag=_flags(params, kind, japanese, bad),
        group=raw.group,
    )


def rendered_text(content: str) -> str:
    """A ``<ref>`` without a citation template as its page shows it; URLs kept in the text
    (the link's text is what the reader sees as the title: quoted, so it reads as one)."""
    return " ".join(_shown(mwparserfromhell.parse(content), links=True).split())


def _unreadable(item: WikitextReference) -> str | None:
    """Why a reference's content is not handed to the parser (whose time grows faster than
    the text on unclosed templates and links), or None."""
    content = item.content
    if item.unclosed:
        return "has no </ref>"
    if len(content) > MAX_REFERENCE:
        return f"is over {MAX_REFERENCE} characters"
    if content.count("{{") != content.count("}}") or content.count("[") != content.count("]"):
        return "has unbalanced {{ }} or [ ]"
    return None


def read_wikitext(text: str) -> tuple[list[Reference], list[ImportNotice], int]:
    """Every reference of a wikitext article; references kept whole when nothing reads them."""
    from refcheck.importer.raw import raw_reference  # the one place that keeps a whole text

    article_japanese = bool(_JAPANESE.search(text))
    references: list[Reference] = []
    notices: list[ImportNotice] = []
    found = 0
    for item in wikitext_references(text):
        found += 1
        raw = item.raw
        why = _unreadable(item)
        if why:
            references.append(raw_reference(raw, item.content.strip()))
            notices.append(
                ImportNotice(raw.line, f"reference [{raw.number}] {why}; kept whole in note")
            )
            continue
        template = _citation_template(item.content)
        if template is not None:
            reference = template_reference(raw, template, article_japanese)
            if not reference.title:
                notices.append(
                    ImportNotice(
                        raw.line,
                        f"{{{{{template.name}}}}} has no |title= (reference [{raw.number}])",
                    )
                )
            references.append(reference)
            continue
        shown = rendered_text(item.content)
        if raw.group == "注釈":
            # An explanatory note ({{efn}}): text for a footnote, not a source to structure.
            references.append(raw_reference(raw, shown))
            continue
        try:
            references.append(
                parse_reference(RawReference(raw.number, raw.line, shown, None, raw.group))
            )
        except ValueError:
            references.append(raw_reference(raw, item.content.strip()))
            notices.append(
                ImportNotice(
                    raw.line,
                    f"reference [{raw.number}] fits no layout; kept whole in note:"
                    f" {(shown or item.content.strip())[:80]}",
                )
            )
    return references, notices, found
