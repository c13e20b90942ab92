"""biblatex's default data model (``blx-dm.def``) and biber's default source map, as
data: the fields it declares, the types BibTeX files use that biber maps onto its own,
and the mandatory fields of each type (biblatex manual §2.1.1)."""

from __future__ import annotations

# Every field of blx-dm.def's \DeclareDatamodelFields, with the date parts biber derives
# from each date field (urlyear, origmonth, ...).
_DATE_PARTS = ("year", "month", "day", "endyear", "endmonth", "endday", "season", "endseason")
FIELDS = frozenset(
    {
        "number", "volume", "volumes", "abstract", "addendum", "annotation", "booksubtitle",
        "booktitle", "booktitleaddon", "chapter", "edition", "eid", "entrysubtype",
        "eprintclass", "eprinttype", "eventtitle", "eventtitleaddon", "gender",
        "howpublished", "indexsorttitle", "indextitle", "isan", "isbn", "ismn", "isrn",
        "issn", "issue", "issuesubtitle", "issuetitle", "iswc", "journalsubtitle",
        "journaltitle", "label", "langid", "langidopts", "library", "mainsubtitle",
        "maintitle", "maintitleaddon", "nameaddon", "note", "origtitle", "pagetotal", "part",
        "relatedstring", "relatedtype", "reprinttitle", "series", "shorthandintro",
        "subtitle", "title", "titleaddon", "usera", "userb", "userc", "userd", "usere",
        "userf", "venue", "version", "shorthand", "shortjournal", "shortseries",
        "shorttitle", "sortyear", "sorttitle", "sortshorthand", "sortkey", "presort",
        "institution", "lista", "listb", "listc", "listd", "liste", "listf", "location",
        "organization", "origlocation", "origpublisher", "publisher", "afterword",
        "annotator", "author", "bookauthor", "commentator", "editor", "editora", "editorb",
        "editorc", "foreword", "holder", "introduction", "namea", "nameb", "namec",
        "translator", "shortauthor", "shorteditor", "sortname", "authortype",
        "editoratype", "editorbtype", "editorctype", "editortype", "bookpagination",
        "nameatype", "namebtype", "namectype", "origlanguage", "pagination", "pubstate",
        "type", "language", "crossref", "xref", "date", "eventdate", "origdate", "urldate",
        "doi", "eprint", "file", "verba", "verbb", "verbc", "url", "xdata", "ids",
        "entryset", "related", "keywords", "options", "relatedoptions", "pages", "execute",
        *_DATE_PARTS,
        *(f"{kind}{part}" for kind in ("event", "orig", "url") for part in _DATE_PARTS),
    }
)  # fmt: skip

# The aliases biber's default source map resolves (manual §2.2.5 and §2.1.2).
FIELD_ALIASES = {
    "address": "location", "annote": "annotation", "archiveprefix": "eprinttype",
    "journal": "journaltitle", "key": "sortkey", "pdf": "file", "primaryclass": "eprintclass",
    "school": "institution", "hyphenation": "langid",
}  # fmt: skip
TYPE_ALIASES = {
    "conference": "inproceedings", "electronic": "online", "mastersthesis": "thesis",
    "phdthesis": "thesis", "techreport": "report", "www": "online",
}  # fmt: skip
# BibTeX types whose alias sets `type` (biber writes type = {mathesis}, ...).
TYPES_GIVING_TYPE = frozenset({"mastersthesis", "phdthesis", "techreport"})

# The mandatory fields per type beyond the title and date (which missing-field checks),
# as the manual lists them; each tuple is "one of these".  Names are not required: a
# news article or a report without an author is normal, and biblatex then labels the
# entry by its title or editor (the manual's own examples do).  The data model file also
# makes `editor` mandatory for @incollection, which the manual does not: left out.
MANDATORY: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("journaltitle", "journal"),),
    "inbook": (("booktitle",),),
    "bookinbook": (("booktitle",),),
    "suppbook": (("booktitle",),),
    "incollection": (("booktitle",),),
    "suppcollection": (("booktitle",),),
    "inreference": (("booktitle",),),
    "inproceedings": (("booktitle",),),
    "online": (("url", "doi", "eprint"),),
    "patent": (("number",),),
    "report": (("institution",), ("type",)),
    "thesis": (("institution", "school"), ("type",)),
}
# Types that take a date or year (the data model's date-xor-year constraint); missing-field
# already reports @article and @online.
DATED_TYPES = frozenset(
    {
        "book", "inbook", "bookinbook", "suppbook", "booklet", "collection", "incollection",
        "suppcollection", "manual", "misc", "mvbook", "mvcollection", "patent", "periodical",
        "suppperiodical", "proceedings", "inproceedings", "reference", "inreference",
        "report", "thesis", "unpublished",
    }
)  # fmt: skip
