"""Identifier rules: DOI, ISBN, ISSN, ISMN, arXiv, PubMed and URL fields that no resolver
can follow, and web addresses written into titles.

The validators are pure functions in :mod:`refcheck.identifiers`; each rule here picks
the fields it reads and turns a validator's verdict into a report, with the value a fix
would write when the verdict has one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from refcheck.dates.edtf import days_from_civil
from refcheck.dates.entry_dates import publication_date
from refcheck.i18n import N_, _
from refcheck.identifiers import (
    Verdict,
    bare_urls,
    check_arxiv,
    check_doi,
    check_isbn,
    check_ismn,
    check_issn,
    check_pmcid,
    check_pmid,
    check_url,
)
from refcheck.model import Entry, Field, Location, Replacement, Severity
from refcheck.rules.field_index import named
from refcheck.rules.registry import Context, Report, rule

Validator = Callable[[str], Verdict]

# eprinttype (or BibTeX exporters' archiveprefix) values that name each archive.
_ARXIV = frozenset({"arxiv"})
_PUBMED = frozenset({"pubmed", "pmid"})
_PUBMED_CENTRAL = frozenset({"pmcid", "pmc", "pubmedcentral"})
# What _eprint_of reads.
_EPRINT = ("eprint", "eprinttype", "archiveprefix")
# Fields that name a work or its container: a URL there is printed as part of the name.
_TITLE_FIELDS = ("title", "subtitle", "booktitle", "maintitle", "journaltitle", "journal")
# The first day ISBNs could be on a book: the SBN began in 1966, CS1 warns before 1965.
_FIRST_ISBN_DAY = days_from_civil(1965, 1, 1)


def _shown(value: str) -> str:
    text = value.strip()
    return text if len(text) <= 80 else f"{text[:79]}…"


# Marked for the catalogue here, translated once per run by _Wording.
_TEMPLATE = N_("{name} {value!r}: {problem}")
_SUFFIX = N_("; write {value!r}")


class _Wording:
    """The reports' templates in the run's language, looked up once per rule run rather
    than per report: a file may have thousands (3,530 resolver URLs in one)."""

    __slots__ = ("template", "suffix", "english", "_problems")

    def __init__(self) -> None:
        self.template = _(_TEMPLATE)
        self.suffix = _(_SUFFIX)
        # The English templates are written below as the f-strings they format to.
        self.english = self.template == _TEMPLATE and self.suffix == _SUFFIX
        self._problems: dict[str, str] = {}

    def problem(self, verdict: Verdict) -> str:
        """``verdict.describe()``; worded once per problem when it has no values (then
        the text depends on the problem and the run's language alone)."""
        if verdict.values or verdict.problem is None:
            return verdict.describe()
        text = self._problems.get(verdict.problem)
        if text is None:
            text = self._problems[verdict.problem] = verdict.describe()
        return text


def _report(
    entry: Entry, field: Field, verdict: Verdict, wording: _Wording | None = None
) -> Report:
    wording = wording or _Wording()
    value, problem = _shown(field.value), wording.problem(verdict)
    if wording.english:
        message = f"{field.name} {value!r}: {problem}"
    else:
        message = wording.template.format(name=field.name, value=value, problem=problem)
    # entry.location_of(field), made here; immutable: the report and its replacement
    # share it.
    location = Location(entry.path, field.line, field.col)
    normalized = verdict.normalized
    if normalized is None:
        return Report(location, message, entry.key)
    if wording.english:
        message += f"; write {normalized!r}"
    else:
        message += wording.suffix.format(value=normalized)
    return Report(location, message, entry.key, (), Replacement(field.name, location, normalized))


def _check_fields(ctx: Context, names: tuple[str, ...], validator: Validator) -> Iterator[Report]:
    wording = _Wording()
    for name in names:
        for entry, field in named(ctx, name):
            if not field.value.strip():
                continue  # empty-field's to report
            verdict = validator(field.value)
            if verdict.problem is not None:
                yield _report(entry, field, verdict, wording)


def _eprint_of(entry: Entry, archives: frozenset[str]) -> Field | None:
    """The ``eprint`` field when ``eprinttype`` (or ``archiveprefix``) names one of
    ``archives``."""
    firsts = entry.first_fields()
    field = firsts.get("eprint")
    if field is None or not field.value.strip():
        return None
    kind = firsts.get("eprinttype") or firsts.get("archiveprefix")
    if kind is None or kind.value.strip().casefold() not in archives:
        return None
    return field


def _check_eprints(
    ctx: Context, archives: frozenset[str], names: tuple[str, ...], validator: Validator
) -> Iterator[Report]:
    yield from _check_fields(ctx, names, validator)
    wording = _Wording()
    for entry, _field in named(ctx, "eprint"):
        field = _eprint_of(entry, archives)
        if field is not None:
            verdict = validator(field.value)
            if verdict.problem is not None:
                yield _report(entry, field, verdict, wording)


@rule("I001", Severity.WARNING, reads=("doi",), per_entry=True)
def check_doi_invalid(ctx: Context) -> Iterator[Report]:
    """Reports a `doi` field that is not one bare, well-formed DOI name.

    ## What it does
    Checks each `doi` as Wikipedia's CS1 does, plus what a verbatim field needs: a
    resolver URL (`https://doi.org/…`, `dx.doi.org`) or a `doi:` label in front of the
    name; a directory other than `10.`; a registrant code that is not digits and dots,
    has fewer than four or more than five digits before its first dot, starts with 0, or
    is the test prefix `10.5555`; no `/` or an empty suffix; white space; a final `.`,
    `,` or `;`; LaTeX escapes such as `\\_`; two DOIs in one field.  When the name can be
    recovered (a prefix, a trailing full stop, an escape) the finding says what to write,
    and carries it as the finding's `replacement` (JSON output) for a fix.

    ## Why is this bad?
    Styles print the `doi` field as a link to `https://doi.org/` + the value, and as
    "doi: " + the value: a URL or a label inside gives `https://doi.org/https://doi.org/…`
    or "doi: doi:10…", a dead link.  The `doi` field is verbatim in biblatex, so an
    escape's backslash becomes part of the link.  A malformed name resolves to nothing.

    ## Example
    ```bibtex
    @article{a, title = {T}, doi = {doi:10.21105/joss.03669}}
    @article{b, title = {T}, doi = {https://doi.org/10.1038/nature12373.}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, doi = {10.21105/joss.03669}}
    @article{b, title = {T}, doi = {10.1038/nature12373}}
    ```

    ## Options
    None.

    ## Fix safety
    Removing a resolver URL, a `doi:` label, an escape or a final full stop keeps the
    name the value already gave: safe.  Other findings have no automatic fix.
    """
    return _check_fields(ctx, ("doi",), check_doi)


@rule("I002", Severity.WARNING, reads=("isbn",), per_entry=True)
def check_isbn_invalid(ctx: Context) -> Iterator[Report]:
    """Reports an `isbn` that is not a valid ISBN-10 or ISBN-13.

    ## What it does
    Checks each `isbn` as CS1 and biber's `isbn` data constraint do: only digits,
    hyphens, spaces and a final `X`; 10 or 13 digits (9 is an old SBN: add a leading 0);
    `X` only as an ISBN-10's check digit; an ISBN-13 begins with 978 or 979 but not
    979-0 (the ISMN's range); the check digit; an ISBN-10 beginning 630/631 (an Amazon
    ASIN).  Also an `ISBN` label inside the value, a lower-case `x`, and several ISBNs
    in one field.

    ## Why is this bad?
    The ISBN is how a reader (and a library catalogue) finds the edition cited; biber
    reports invalid ones ("Invalid ISBN in value of field 'isbn'") and can neither
    hyphenate nor convert them (`--isbn13`).  A wrong check digit means a mistyped or
    swapped digit, so the number may name another book.

    ## Example
    ```bibtex
    @book{a, title = {T}, isbn = {978-0-306-40615-6}}
    @book{b, title = {T}, isbn = {ISBN 0-306-40615-2}}
    ```

    ## Use instead
    ```bibtex
    @book{a, title = {T}, isbn = {978-0-306-40615-7}}
    @book{b, title = {T}, isbn = {0-306-40615-2}}
    ```

    ## Options
    None.

    ## Fix safety
    Removing the label or upper-casing `x` is safe.  A wrong check digit has no fix:
    recomputing it would hide the typo it caught; look the book up.
    """
    return _check_fields(ctx, ("isbn",), check_isbn)


@rule("I003", Severity.WARNING, reads=("isbn", "date", "year", "month"), per_entry=True)
def check_isbn_date(ctx: Context) -> Iterator[Report]:
    """Reports an ISBN on a work dated before ISBNs existed (before 1965).

    ## What it does
    Reports a valid `isbn` in an entry whose publication date (`date`, or `year`) ends
    before 1965: CS1's "ISBN date" check.  The 9-digit SBN began in 1966 and the ISBN
    in 1970, so a book printed earlier has none.

    ## Why is this bad?
    The ISBN and the date describe two different editions: usually the date is the
    first edition's and the ISBN a reprint's.  A reader looking for the cited page
    finds another edition, with other page numbers.

    ## Example
    ```bibtex
    @book{a, title = {The Road to Serfdom}, date = {1944}, isbn = {978-0-226-32055-7}}
    ```

    ## Use instead
    ```bibtex
    @book{a, title = {The Road to Serfdom}, date = {2007}, origdate = {1944},
          isbn = {978-0-226-32055-7}}
    ```

    ## Options
    None.
    """
    for entry, field in named(ctx, "isbn"):
        if not field.value.strip() or not check_isbn(field.value).valid:
            continue
        published = publication_date(entry)
        latest = published.latest if published is not None else None
        if latest is not None and latest < _FIRST_ISBN_DAY:
            date = (entry.get("date") or entry.get("year") or "").strip()
            message = _(
                "isbn on a work dated {date}, before ISBNs existed (1965): the date and the "
                "ISBN describe different editions; give the edition's date (and the first "
                "one as origdate)"
            ).format(date=date)
            yield Report(entry.location_of(field), message, entry.key)


@rule("I004", Severity.WARNING, reads=("issn", "eissn"), per_entry=True)
def check_issn_invalid(ctx: Context) -> Iterator[Report]:
    """Reports an `issn` that is not a valid ISSN.

    ## What it does
    Checks each `issn` (and `eissn`) as CS1 and biber's `issn` data constraint do:
    seven digits and a check digit or `X`, optionally with one hyphen or space in the
    middle, and the modulo-11 check character.  Also an `ISSN` label, a lower-case `x`,
    and a print and an online ISSN in one field.

    ## Why is this bad?
    The ISSN identifies the journal; a wrong one points catalogues and link resolvers
    to another serial or nowhere, and biber reports it ("Invalid ISSN").

    ## Example
    ```bibtex
    @article{a, title = {T}, journaltitle = {Nature}, issn = {0028-0837}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, journaltitle = {Nature}, issn = {0028-0836}}
    ```

    ## Options
    None.

    ## Fix safety
    Removing the label or upper-casing `x` is safe; a wrong check digit has no fix.
    """
    return _check_fields(ctx, ("issn", "eissn"), check_issn)


@rule("I005", Severity.WARNING, reads=("ismn",), per_entry=True)
def check_ismn_invalid(ctx: Context) -> Iterator[Report]:
    """Reports an `ismn` that is not a valid ISMN (printed music).

    ## What it does
    Checks each `ismn` as CS1 and biber's `ismn` data constraint do: `979-0` and nine
    digits, or the pre-2008 form `M` and nine digits, with the EAN-13 check digit.

    ## Why is this bad?
    The ISMN identifies an edition of printed music; a wrong one names another score
    or none, and biber reports it.

    ## Example
    ```bibtex
    @misc{a, title = {Sonata}, ismn = {979-0-2306-7118-8}}
    ```

    ## Use instead
    ```bibtex
    @misc{a, title = {Sonata}, ismn = {979-0-2306-7118-7}}
    ```

    ## Options
    None.
    """
    return _check_fields(ctx, ("ismn",), check_ismn)


@rule("I006", Severity.WARNING, reads=("arxiv", *_EPRINT), per_entry=True)
def check_arxiv_invalid(ctx: Context) -> Iterator[Report]:
    """Reports an arXiv identifier that arXiv never issued.

    ## What it does
    Checks `eprint` when `eprinttype` (or `archiveprefix`) is `arXiv`, and an `arxiv`
    field, as CS1 does: `YYMM.NNNNN` from 2015, `YYMM.NNNN` from 2007-04 to 2014-12,
    `archive(.class)/YYMMNNN` from 1991-07 to 2007-03, each with an optional `vN`, and a
    month 01-12.  Also an `arXiv:` label or an arxiv.org URL inside the identifier.

    ## Why is this bad?
    The style prints "arXiv:" and the identifier and links it to arxiv.org; a label
    inside is printed twice, a URL makes a dead link, and an impossible identifier
    (a five-digit number in 2012, month 13) is a typo that leads nowhere.

    ## Example
    ```bibtex
    @online{a, title = {T}, eprint = {arXiv:1501.00001}, eprinttype = {arxiv}}
    @online{b, title = {T}, eprint = {1207.00001}, eprinttype = {arxiv}}
    ```

    ## Use instead
    ```bibtex
    @online{a, title = {T}, eprint = {1501.00001}, eprinttype = {arxiv}}
    @online{b, title = {T}, eprint = {1207.0001}, eprinttype = {arxiv}}
    ```

    ## Options
    None.

    ## Fix safety
    Removing the label or the URL (and a `.pdf` ending) is safe.
    """
    return _check_eprints(ctx, _ARXIV, ("arxiv",), check_arxiv)


@rule("I007", Severity.WARNING, reads=("pmid", *_EPRINT), per_entry=True)
def check_pmid_invalid(ctx: Context) -> Iterator[Report]:
    """Reports a PubMed identifier (PMID) that is not one.

    ## What it does
    Checks a `pmid` field, and `eprint` with `eprinttype = {pubmed}`: a whole number of
    one to eight digits without leading zeros (CS1 also enforces a moving upper limit;
    refcheck does not, so that it does not age into false findings).  Also a `PMID:`
    label, and a PMCID given as a PMID.

    ## Why is this bad?
    A PMID links the reference to PubMed; anything else links to nothing, or (a PMCID
    in `pmid`) to another article.

    ## Example
    ```bibtex
    @article{a, title = {T}, pmid = {PMID: 17170002}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, pmid = {17170002}}
    ```

    ## Options
    None.

    ## Fix safety
    Removing the label is safe.
    """
    return _check_eprints(ctx, _PUBMED, ("pmid",), check_pmid)


@rule("I008", Severity.WARNING, reads=("pmcid", *_EPRINT), per_entry=True)
def check_pmcid_invalid(ctx: Context) -> Iterator[Report]:
    """Reports a PubMed Central identifier (PMCID) that is not one.

    ## What it does
    Checks a `pmcid` field, and `eprint` with `eprinttype = {pmcid}`: `PMC` and one to
    eight digits.  A number without `PMC`, a lower-case `pmc` or a space after it has a
    fix.

    ## Why is this bad?
    Without its prefix a PMCID reads as a PMID, which names another article.

    ## Example
    ```bibtex
    @article{a, title = {T}, pmcid = {1790863}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, pmcid = {PMC1790863}}
    ```

    ## Options
    None.

    ## Fix safety
    Adding or re-casing the `PMC` prefix is safe: the field says the number is a PMCID.
    """
    return _check_eprints(ctx, _PUBMED_CENTRAL, ("pmcid",), check_pmcid)


@rule("I009", Severity.WARNING, reads=("url",), per_entry=True)
def check_url_invalid(ctx: Context) -> Iterator[Report]:
    """Reports a `url` field that is not one absolute URL.

    ## What it does
    Checks each `url`: white space inside it (or two URLs); no scheme (`www.example.org`
    alone); `http`, `https` or `ftp` without a host that is a domain name; LaTeX escapes
    (`\\_`, `\\%`, `\\&`, `\\#`, `\\~`); `\\url{…}` around the value.

    ## Why is this bad?
    biblatex's `url` is a verbatim field typeset with `\\url`: an escape's backslash goes
    into the link, `\\url` inside it is nested, a space breaks it, and without a scheme
    the PDF viewer treats the address as a file next to the PDF.

    ## Example
    ```bibtex
    @online{a, title = {T}, url = {www.example.org/report\\_2024}}
    ```

    ## Use instead
    ```bibtex
    @online{a, title = {T}, url = {https://www.example.org/report_2024}}
    ```

    ## Options
    None.

    ## Fix safety
    Removing escapes or `\\url{}` is safe.  Adding `https://` to a `www.` address is
    safe for nearly every site; check the link once.
    """
    return _check_fields(ctx, ("url",), check_url)


@rule("I010", Severity.WARNING, reads=_TITLE_FIELDS, per_entry=True)
def check_url_in_title(ctx: Context) -> Iterator[Report]:
    """Reports a web address written into a title or a journal name.

    ## What it does
    Reports a bare URL (`https://…`, `www.…`) in `title`, `subtitle`, `booktitle`,
    `maintitle`, `journaltitle` or `journal`, outside `\\url{}`/`\\href{}`.  URLs in
    `note` and `howpublished` are left alone: with BibTeX styles that know no `url`
    field, that is where links go.

    ## Why is this bad?
    The address is printed as part of the name of the work, unlinked, and (with `%`,
    `_` or `#` in it) can break the LaTeX run; the reader cannot tell the title from
    the link.

    ## Example
    ```bibtex
    @online{a, title = {Annual report https://example.org/report}}
    ```

    ## Use instead
    ```bibtex
    @online{a, title = {Annual report}, url = {https://example.org/report}}
    ```

    ## Options
    None.
    """
    for name in _TITLE_FIELDS:
        for entry, field in named(ctx, name):
            found = bare_urls(field.value)
            if found:
                message = _("a web address in {name}: {address}; put it in url").format(
                    name=name, address=_shown(found[0])
                )
                yield Report(entry.location_of(field), message, entry.key)
