"""Duplicate rules: keys, fields and works given more than once."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.i18n import _
from refcheck.matching.near_duplicates import (
    ExactDuplicate,
    NearDuplicate,
    exact_duplicates,
    near_duplicates,
)
from refcheck.matching.records import RECORD_FIELDS, Record, project_records
from refcheck.model import Entry, Field, Severity
from refcheck.rules.registry import Context, Report, rule


def _place(entry: Entry) -> str:
    return f"{entry.path}:{entry.line}"


@rule("U001", Severity.ERROR, reads=())
def check_duplicate_key(ctx: Context) -> Iterator[Report]:
    """Reports a key defined twice (BibTeX keys are case-insensitive).

    ## What it does
    Reports every entry whose key was already used by an earlier entry, in the same
    file or in another `.bib` file of the project.  Keys are compared
    case-insensitively, as BibTeX and biber compare them (`Smith2020` and `smith2020`
    are the same key).  The finding is at the later entry and points to the first.

    ## Why is this bad?
    A citation can only reach one of the entries.  pybtex (and so sphinxcontrib-bibtex)
    stops at a repeated key and drops every entry after it; BibTeX and biber keep the
    first and ignore the rest, so the wrong record may be printed.

    ## Example
    ```bibtex
    @article{Smith2020, title = {One}, journaltitle = {J}, date = {2020}}
    @article{smith2020, title = {Two}, journaltitle = {J}, date = {2020}}
    ```

    ## Use instead
    ```bibtex
    @article{Smith2020a, title = {One}, journaltitle = {J}, date = {2020}}
    @article{Smith2020b, title = {Two}, journaltitle = {J}, date = {2020}}
    ```

    ## Options
    None.
    """
    first_by_key: dict[str, Entry] = {}
    for entry in ctx.project.entries():
        if not entry.key:
            continue
        first = first_by_key.setdefault(entry.key.casefold(), entry)
        if first is entry:
            continue
        if first.key == entry.key:
            message = _("key '{key}' is defined twice: first at {first}, again at {again}")
        else:
            message = _(
                "key '{key}' is defined twice: first at {first} (as '{spelled}'), again at {again}"
            )
        message = message.format(
            key=entry.key, first=_place(first), spelled=first.key, again=_place(entry)
        )
        yield Report(entry.location, message, entry.key, (first.location,))


@rule("U002", Severity.ERROR, per_entry=True)
def check_duplicate_field(ctx: Context) -> Iterator[Report]:
    """Reports a field given twice in one entry.

    ## What it does
    Reports a field that appears a second time in the same entry (field names are
    case-insensitive: `Title` and `title` are the same field), with both lines.

    ## Why is this bad?
    BibTeX silently keeps one of the values, biber warns and keeps the first, and
    pybtex refuses the whole file.  Either way one value is lost, often the one that
    was meant to replace the other.

    ## Example
    ```bibtex
    @book{b, title = {T}, editor = {Ann Smith}, editor = {Bob Jones}, date = {2001}}
    ```

    ## Use instead
    ```bibtex
    @book{b, title = {T}, editor = {Ann Smith and Bob Jones}, date = {2001}}
    ```

    ## Options
    None.
    """
    for entry in ctx.project.entries():
        if len(entry.first_fields()) == len(entry.fields):
            continue  # every name once: the common case, known without a pass
        first_by_name: dict[str, Field] = {}
        for field in entry.fields:
            first = first_by_name.setdefault(field.name, field)
            if first is field:
                continue
            same = (
                _("same value")
                if first.value.strip() == field.value.strip()
                else _("values differ")
            )
            places = (
                _("line {line}, columns {first} and {second}").format(
                    line=field.line, first=first.col, second=field.col
                )
                if first.line == field.line
                else _("lines {first} and {second}").format(first=first.line, second=field.line)
            )
            message = _("field '{name}' is given twice in '{key}' ({places}; {same})").format(
                name=field.name, key=entry.key, places=places, same=same
            )
            yield Report(entry.location_of(field), message, entry.key, (entry.location_of(first),))


@rule("U003", Severity.WARNING, reads=RECORD_FIELDS)
def check_duplicate_entry(ctx: Context) -> Iterator[Report]:
    """Reports entries with different keys that describe the same work.

    ## What it does
    Reports an entry that has the same DOI, the same URL, or the same title, work
    (`journaltitle`, `journal` or `booktitle`) and date as an earlier entry with
    another key.  DOIs are compared case-insensitively, without resolver prefixes
    (`https://doi.org/`, `http://dx.doi.org/`, `doi:`); a `doi` value that is no DOI
    but has a digit (`1.1`) is compared as written, since the same wrong value in two
    entries is one copied record (placeholders such as `n/a` or `??` are not).  URLs
    are compared without the
    scheme, `www.`, a default port, the fragment and a trailing slash; path and query
    are kept as written.  Titles are compared without case, braces and LaTeX markup.
    A URL shared by records with clearly different titles or other authors (a
    journal's home page, a folder of documents) is not taken as the work's identity,
    and title matches with different volume, number or pages (issues of a series) or
    other authors (fewer than half of the shorter author list shared: two editorials
    in one issue, one author of three in common) are not reported.

    A DOI names one work: two entries with one DOI and clearly different titles are
    reported too, since one of the DOIs is then probably wrong.  Only a part and the
    larger work whose DOI it carries are spared: a chapter or paper and its book or
    proceedings (linked by `crossref` or `booktitle`, or an `@incollection`-like entry
    next to a `@book`-like one), and two chapters of one book.

    ## Why is this bad?
    The same source is listed twice under two keys: the bibliography shows it twice,
    and corrections made to one copy miss the other.

    ## Example
    ```bibtex
    @article{a, title = {T}, journaltitle = {J}, date = {2020}, doi = {10.1000/XYZ}}
    @article{b, title = {T.}, journaltitle = {J.}, date = {2020},
             doi = {https://doi.org/10.1000/xyz}}
    ```

    ## Use instead
    Keep one entry and cite its key everywhere.

    ## Options
    None.
    """
    for duplicate in _exact(ctx):
        later, first = duplicate.later.entry, duplicate.first.entry
        if duplicate.titles_differ:
            message = _(
                "same {reason} as '{first}' at {place}, but the titles differ: one of the two "
                "DOIs is probably wrong"
            )
        else:
            message = _(
                "same {reason} as '{first}' at {place}: '{later}' and '{first}' are the same work"
            )
        message = message.format(
            reason=duplicate.reason, first=first.key, place=_place(first), later=later.key
        )
        data = (("titles-differ", "yes"),) if duplicate.titles_differ else ()
        yield Report(later.location, message, later.key, (first.location,), data=data)


def _exact(ctx: Context) -> list[ExactDuplicate]:
    """Exact duplicates of the project, computed once per run for both duplicate rules."""
    found: list[ExactDuplicate] | None = ctx.cache.get("exact duplicates")
    if found is None:
        found = ctx.cache["exact duplicates"] = list(exact_duplicates(project_records(ctx)))
    return found


def _describe(similarity: float, evidence: tuple[str, ...], page_marker: str | None) -> str:
    if page_marker is not None:
        title = _("title equal but for the page marker '{marker}'").format(marker=page_marker)
    elif similarity >= 1.0:
        title = _("title equal after normalisation (width, case, punctuation, markup)")
    else:
        title = _("title {percent}% similar").format(percent=int(similarity * 100))
    others = [_("same {name}").format(name=_(name)) for name in evidence]
    return _(", ").join([title, *others])


@rule(
    "U004",
    Severity.WARNING,
    options={"threshold": float},
    option_ranges={"threshold": (0.0, 1.0)},
    reads=RECORD_FIELDS,
)
def check_near_duplicate(ctx: Context) -> Iterator[Report]:
    """Reports entries that are probably the same work, written slightly differently.

    ## What it does
    Compares titles after Unicode NFKC (full-width `ＮＡＴＯ` = `NATO`), case folding,
    LaTeX and brace removal and punctuation stripping, and reports pairs whose titles
    are equal or very similar and whose other fields agree: no conflicting volume,
    number, pages or DOI, authors that agree (at least half of the shorter list
    shared), and at least two of the same date, the same work
    (`journaltitle`/`journal`/`booktitle`), the same volume and first page, and the
    authors, none contradicting (all three when the types differ, such as an article
    and a thesis; `@misc` and `@online` records may be any work).  A chapter and its
    book (`crossref`, `booktitle`) are not duplicates.  Some pairs need less: one book
    dated a year apart (same authors, no other publisher: a printing and its
    copyright year); one article under two names of its journal when volume and first
    page agree (`Proc. Natl. Acad. Sci. USA` and `PNAS`); and two records that give
    nothing but author and title, which agree.  One paper in two venues (a conference
    paper and its journal version) is found by its abstract: the same first 100
    characters or more, which then outweigh the venues' volume and pages (not within
    one venue, where an abstract may be a column's boilerplate).  A preprint and its
    published version are `preprint-and-published`'s finding, not this one's.

    It also catches one article cited as two pages: titles equal but for a trailing
    page marker (`(2ページ)`, `(page 2)`, `（その2）`).  Titles that differ in a
    number, a month, a Roman numeral or a single letter are a series, not a duplicate:
    daily pages `…(1月22日の動き)`/`…(1月23日の動き)`, `Part 1`/`Part 2`,
    `Part A`/`Part B`, `(a)`/`(b)`, volumes, and yearly items with the same title but
    another year.  So are titles that differ in a part
    written out on both sides: `part one`/`part two`, `first`/`second` (numbers and
    ordinals up to twenty), `（上）`/`（中）`/`（下）`, `上巻`/`下巻`,
    `前編`/`中編`/`後編`, `第一部`/`第二部`.  Pairs already reported by
    `duplicate-entry` are not reported again.  The message says which fields matched
    and how closely.

    Candidates come from an index of each title's rarest words (character pairs for
    Japanese and Chinese), not from all pairs, so the work grows with the number of
    entries, not its square.

    ## Why is this bad?
    A source listed twice is printed twice and cited inconsistently; an article cited
    as its first and second web page is one reference, not two.

    ## Example
    ```bibtex
    @article{a, title = {Russia's guns}, journaltitle = {Forbes}, date = {2024-12-21}}
    @article{b, title = {Russia's guns (2ページ)}, journaltitle = {Forbes},
             date = {2024-12-21}}
    ```

    ## Use instead
    Cite one entry (with the page in the citation's post-text if needed):
    ```bibtex
    @article{a, title = {Russia's guns}, journaltitle = {Forbes}, date = {2024-12-21}}
    ```

    ## Options
    - `threshold` (float, default 0.9): how similar (0–1, difflib ratio of the folded
      titles) two different titles must be.
    """
    for found in _near(ctx):
        if found.preprint is not None:
            continue  # preprint-and-published's finding
        later, earlier = found.later.entry, found.earlier.entry
        if found.page_marker:
            message = _(
                "probably the same article, cited as another page, as '{key}' at {place}: {why}"
            )
        else:
            message = _("probably the same work as '{key}' at {place}: {why}")
        message = message.format(
            key=earlier.key,
            place=_place(earlier),
            why=_describe(found.similarity, found.evidence, found.page_marker),
        )
        yield Report(later.location, message, later.key, (earlier.location,))


def _near(ctx: Context) -> list[NearDuplicate]:
    """Near duplicates of the project, computed once per run for the rules reading them."""
    found: list[NearDuplicate] | None = ctx.cache.get("near duplicates")
    if found is None:
        threshold = float(ctx.options.for_rule("near-duplicate", "threshold", 0.9))
        exact_pairs: list[tuple[Record, Record]] = [(d.later, d.first) for d in _exact(ctx)]
        found = near_duplicates(project_records(ctx), threshold, exact_pairs)
        ctx.cache["near duplicates"] = found
    return found


@rule("U005", Severity.INFO, reads=RECORD_FIELDS)
def check_preprint_and_published(ctx: Context) -> Iterator[Report]:
    """Reports a preprint cited beside its published version.

    ## What it does
    Reports a pair of entries with the same (or, as for `near-duplicate`, a very
    similar) title and the same authors (at least half of the shorter list shared),
    one a preprint and the other not.  A preprint is a record on a preprint server
    and in no other venue: `eprinttype`/`archiveprefix` arXiv, bioRxiv, medRxiv,
    SSRN and others, a DOI or URL of one (`10.48550/arXiv.…`, `arxiv.org/abs/…`), or
    a journal field such as `arXiv preprint arXiv:1706.03762`.  An article that
    gives a journal and also its arXiv `eprint` is the published version.  The
    preprint may be older (years apart are normal) but not more than a year newer
    than the publication.  Such pairs are not reported as `near-duplicate`.

    ## Why is this bad?
    It may be intended (the preprint has material the journal cut, or both are
    discussed), but more often one work is cited twice under two keys, or the text
    cites the draft although the reviewed version exists.  The reader should know
    they are one work.

    ## Example
    ```bibtex
    @online{vaswani-arxiv, author = {Vaswani, Ashish and Shazeer, Noam},
      title = {Attention Is All You Need}, eprinttype = {arxiv}, eprint = {1706.03762},
      date = {2017-06-12}}
    @inproceedings{vaswani, author = {Vaswani, Ashish and Shazeer, Noam},
      title = {Attention is all you need}, booktitle = {NeurIPS}, date = {2017}}
    ```

    ## Use instead
    Cite the published version, and give the preprint in its entry if readers need it:
    ```bibtex
    @inproceedings{vaswani, author = {Vaswani, Ashish and Shazeer, Noam},
      title = {Attention is all you need}, booktitle = {NeurIPS}, date = {2017},
      eprinttype = {arxiv}, eprint = {1706.03762}}
    ```
    Or keep both and suppress this finding with a reason.

    ## Options
    None (the title similarity is `near-duplicate`'s `threshold`).
    """
    for found in _near(ctx):
        if found.preprint is None:
            continue
        later, earlier = found.later.entry, found.earlier.entry
        preprint = found.preprint.entry
        published = earlier if preprint is later else later
        title = (
            _("same title")
            if found.similarity >= 1.0
            else _("title {percent}% similar").format(percent=int(found.similarity * 100))
        )
        message = _(
            "'{preprint}' is the preprint of '{published}' at {place} ({title}, same authors): "
            "cite one, or give the preprint in the published entry"
        ).format(
            preprint=preprint.key, published=published.key, place=_place(published), title=title
        )
        yield Report(later.location, message, later.key, (earlier.location,))
