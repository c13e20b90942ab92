"""One pass over every field for the identifier and value rules.

Twenty rules each looking up their few fields in every entry cost twenty passes over
the entries; this index makes one, kept in the run's cache: for each field name the
rules read, the (entry, field) pairs of its first occurrences, the later occurrences of
the same names, and every empty field.
"""

from __future__ import annotations

from refcheck.dates.entry_dates import DATE_FIELDS
from refcheck.model import Entry, Field
from refcheck.rules.registry import Context
from refcheck.value_objects import ValueObject

# biblatex's name lists (its data model's fields of datatype "name"); BibTeX and pybtex
# read author and editor as names, biber all of them.  name-list-invalid reads them.
NAME_FIELDS = frozenset(
    {
        "author", "editor", "editora", "editorb", "editorc", "translator", "annotator",
        "commentator", "introduction", "foreword", "afterword", "bookauthor", "holder",
        "namea", "nameb", "namec", "shortauthor", "shorteditor", "sortname",
    }
)  # fmt: skip
# Names most entries lack (the date fields, the targets of biblatex's field aliases,
# refcheck's source flags): a rule that reads an entry only when it has one of these
# visits the entries of entries_having() instead of every entry.
RARE = frozenset(
    {
        *DATE_FIELDS, "location", "annotation", "eprinttype", "journaltitle", "sortkey",
        "file", "eprintclass", "institution", "sourceflag",
    }
)  # fmt: skip
# The fields the rules of refcheck.rules.identifiers, refcheck.rules.values and
# refcheck.rules.names read, and RARE.
INDEXED = NAME_FIELDS | RARE | frozenset(
    {
        "doi", "isbn", "issn", "eissn", "ismn", "arxiv", "pmid", "pmcid", "url", "eprint",
        "title", "subtitle", "booktitle", "maintitle", "journaltitle", "journal", "year",
        "month", "pages", "volume", "volumes", "number",
    }
)  # fmt: skip


def entries_having(ctx: Context, names: frozenset[str]) -> list[Entry]:
    """The entries with a field of one of ``names`` (all of them in RARE), and maybe a few
    more (those with another name of RARE), in file order.

    Half a dozen rules look for these names; the field index's buckets for them give
    the entries at once, which spares each rule its own pass over every entry (each
    cost 1-2 ms on a 4 MB file, mostly fetching every entry's fields from memory)."""
    if not names <= RARE:
        raise ValueError(f"not in RARE: {sorted(names - RARE)}")
    having: list[Entry] | None = ctx.cache.get("entries with rare fields")
    if having is None:
        buckets = field_index(ctx).by_name
        found = {id(entry) for name in RARE for entry, _field in buckets[name]}
        # id() reads no entry: the pass for file order costs little, and only when needed.
        having = [entry for entry in ctx.project.entries() if id(entry) in found] if found else []
        ctx.cache["entries with rare fields"] = having
    return having


class FieldIndex(ValueObject):
    __slots__ = ("by_name", "repeated", "empty")

    def __init__(self) -> None:
        self.by_name: dict[str, list[tuple[Entry, Field]]] = {name: [] for name in INDEXED}
        # The second and later fields of an indexed name in one entry, in file order
        # (rare: duplicate-field reports them; name-list-invalid reads them too).
        self.repeated: list[tuple[Entry, Field]] = []
        # Every field whose value is empty or only braces and spaces.
        self.empty: list[tuple[Entry, Field]] = []


def field_index(ctx: Context) -> FieldIndex:
    index: FieldIndex | None = ctx.cache.get("field index")
    if index is None:
        index = ctx.cache["field index"] = _build(ctx)
    return index


def named(ctx: Context, name: str) -> list[tuple[Entry, Field]]:
    """The first ``name`` field of each entry that has one, in file order."""
    return field_index(ctx).by_name[name]


def _build(ctx: Context) -> FieldIndex:
    index = FieldIndex()
    bucket_of = index.by_name.get
    repeated = index.repeated
    empty = index.empty
    # One loop over the fields (faster than a lookup per indexed name and entry); a
    # field repeated in an entry is duplicate-field's, and only its first is in by_name.
    for entry in ctx.project.entries():
        for field in entry.fields:
            bucket = bucket_of(field.name)
            if bucket is not None:
                if bucket and bucket[-1][0] is entry:
                    repeated.append((entry, field))
                else:
                    bucket.append((entry, field))
            value = field.value
            if not value or (value[0] == "{" and not value.strip("{} ")):
                empty.append((entry, field))
    return index
