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
from mwparserfromhell.nodes import Tag, Template, Wikilink

from refcheck.importer.dates import EN_DATE, JA_DATE, date_problem, en_to_iso, ja_to_iso
from refcheck.importer.model import ImportNotice, RawReference, Reference
from refcheck.importer.parse import layout_name, parse_reference
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


_TEMPLATE_CALL = re.compile(r"\{\{\s*(?:cite|citation)[^{}|\n]{0,40}\|", re.IGNORECASE)


def looks_like_wikitext(text: str) -> bool:
    """Wikitext has ``<ref>`` tags or citation templates with parameters; an export has
    neither (its maintenance flags name a template, ``{{cite news}}``, without any)."""
    return "<ref" in text.lower() or _TEMPLATE_CALL.search(text) is not None


def _line_of(text: str, needle: str, cursor: int) -> tuple[int, int]:
    position = text.find(needle, cursor)
    if position < 0:
        position = max(text.find(needle), 0)
    return text.count("\n", 0, position) + 1, position + len(needle)


def _attribute(tag: Tag, name: str) -> str | None:
    if tag.has(name):
        return str(tag.get(name).value).strip().strip("\"'") or None
    return None


def wikitext_references(text: str) -> Iterator[WikitextReference]:
    """Each reference once, numbered per group by first use, with its line and content."""
    code = mwparserfromhell.parse(text)
    numbers: dict[str | None, int] = {}
    seen: dict[tuple[str | None, str], int] = {}
    defined: dict[tuple[str | None, str], str] = {}
    for tag in code.filter_tags(matches=lambda node: str(node.tag).lower() == "ref"):
        name = _attribute(tag, "name")
        group = _attribute(tag, "group")
        if name and tag.contents is not None and str(tag.contents).strip():
            defined.setdefault((group, name), str(tag.contents))
    cursor = 0
    for node in code.ifilter(recursive=True):
        if isinstance(node, Template):
            if str(node.name).strip().lower() not in _NOTE_TEMPLATES or not node.has(1):
                continue
            group, name, content = "注釈", None, str(node.get(1).value)
        elif isinstance(node, Tag) and str(node.tag).lower() == "ref":
            group, name = _attribute(node, "group"), _attribute(node, "name")
            content = str(node.contents or "")
        else:
            continue
        line, cursor = _line_of(text, str(node), cursor)
        if name is not None:
            if (group, name) in seen:
                continue
            content = defined.get((group, name), content)
        numbers[group] = numbers.get(group, 0) + 1
        if name is not None:
            seen[(group, name)] = numbers[group]
        yield WikitextReference(
            RawReference(numbers[group], line, content.strip(), None, group), content
        )


def _value(template: Template, key: str) -> str | None:
    for alias in ALIASES.get(key, (key,)):
        if template.has(alias):
            value = _plain(template.get(alias).value)
            if value:
                return value
    return None


def _plain(wikicode: object) -> str:
    """A parameter's text as the page shows it: links as their text, no comments."""
    parsed = mwparserfromhell.parse(str(wikicode))
    for link in parsed.filter_wikilinks():
        shown = link.text if link.text is not None else link.title
        try:
            parsed.replace(link, str(shown))
        except ValueError:
            continue
    text = parsed.strip_code(normalize=True, collapse=True, keep_template_params=False)
    return " ".join(text.split())


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


def _authors(template: Template) -> str | None:
    names: dict[int, str] = {}
    for parameter in template.params:
        key = str(parameter.name).strip()
        match = _AUTHOR_PARAMETER.match(key)
        if not match:
            continue
        index = int(match.group(1) or 1)
        last = _plain(parameter.value)
        first = None
        for first_key in (f"first{match.group(1)}", f"given{match.group(1)}"):
            if template.has(first_key):
                first = _plain(template.get(first_key).value)
        if last:
            names[index] = f"{last}, {first}" if first else last
    if names:
        return "; ".join(names[index] for index in sorted(names))
    return _value(template, "authors")


def _flags(template: Template, kind: str, japanese: bool, bad_dates: list[str]) -> str | None:
    """The parameter errors the CS1 modules print for this template, in the page's wording."""
    messages = []
    for key in ("work", "publisher", "urldate", "archiveurl", "archivedate", "pages", "isbn"):
        given = [
            alias
            for alias in ALIASES[key]
            if template.has(alias) and _plain(template.get(alias).value)
        ]
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


def _unread_parameters(template: Template) -> list[str]:
    """``|name=value`` for every parameter no field holds (``|agency=DPA``): kept in note,
    so nothing the template states is lost; parameters that only shape the output are not."""
    known = {alias for aliases in ALIASES.values() for alias in aliases}
    kept = []
    for parameter in template.params:
        name = str(parameter.name).strip()
        value = _plain(parameter.value)
        if not value or (not parameter.showkey and value == "和書"):
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
    japanese = (
        article_japanese
        or template.has("和書")
        or any(str(parameter.value).strip() == "和書" for parameter in template.params)
    )
    bad: list[str] = []

    def date_field(key: str) -> str | None:
        names = [alias for alias in ALIASES[key] if template.has(alias)]
        iso, problem = _to_iso(_value(template, key))
        if problem is not None and names:
            bad.append(names[0])
        return iso

    date = date_field("date")
    if date is None and (year := _value(template, "year")):
        date = year if re.fullmatch(r"\d{4}", year) else None
        if date is None:
            bad.append("year")
    title = _value(template, "title") or ""
    chapter = _value(template, "chapter")
    entrytype = _TYPES.get(kind, "misc")
    work = _value(template, "work")
    if entrytype == "online" and work:
        entrytype = "article"  # a page of a periodical or site, as the export path types it
    if kind == "citation":
        entrytype = "article" if work else "book" if _value(template, "isbn") else "misc"
    booktitle = None
    if chapter and entrytype in ("book", "misc"):
        entrytype, booktitle, title = "inbook", title, chapter
    language = _value(template, "language")
    notes = [note for note in (_value(template, "quote"), _value(template, "via")) if note]
    notes.extend(_unread_parameters(template))
    wpformat = "en"
    if japanese:
        wpformat = {"cite web": "web", "cite news": "news"}.get(kind, "ja")
    wpformat = layout_name(wpformat, entrytype)
    author = _authors(template)
    return Reference(
        number=raw.number,
        line=raw.line,
        title=title,
        wpformat=wpformat,
        entrytype=entrytype,
        work=work,
        booktitle=booktitle,
        series=_value(template, "series"),
        publisher=_value(template, "publisher"),
        location=_value(template, "location"),
        author=author.replace("; ", " and ") if author and "," in author else author,
        author_is_literal=not (author and "," in author),
        date=date,
        urldate=date_field("urldate"),
        archivedate=date_field("archivedate"),
        url=_value(template, "url"),
        archiveurl=_value(template, "archiveurl"),
        pages=_value(template, "pages"),
        isbn=_value(template, "isbn"),
        issn=_value(template, "issn"),
        doi=_value(template, "doi"),
        volume=_value(template, "volume"),
        editor=_value(template, "editor"),
        origdate=_value(template, "origdate"),
        issue=_value(template, "issue"),
        edition=_value(template, "edition"),
        language=language_name(language) if language else None,
        note=" ".join(notes) or None,
        sourceflag=_flags(template, kind, japanese, bad),
        group=raw.group,
    )


def rendered_text(content: str) -> str:
    """A ``<ref>`` without a citation template as its page shows it; URLs kept in the text."""
    code = mwparserfromhell.parse(content)
    for link in code.filter_external_links():
        # The link's text is what the reader sees as the title: quoted, so it reads as one.
        shown = f"“{_plain(link.title)}” {link.url}" if link.title else str(link.url)
        try:
            code.replace(link, shown)
        except ValueError:
            continue
    for wikilink in code.filter(forcetype=Wikilink):
        try:
            code.replace(
                wikilink, str(wikilink.text if wikilink.text is not None else wikilink.title)
            )
        except ValueError:
            continue
    text = code.strip_code(normalize=True, collapse=True, keep_template_params=False)
    return " ".join(text.split())


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
