"""What BibTeX and biblatex define: entry types and the standard month macros."""

from __future__ import annotations

from refcheck.dates.months import ABBREVIATIONS, MONTH_NAMES

# The classic BibTeX types (btxdoc) and everything the biblatex manual lists: regular
# types, aliases, "unsupported" types that styles may still handle, and custom types.
KNOWN_ENTRY_TYPES = frozenset(
    {
        # BibTeX
        "article", "book", "booklet", "conference", "inbook", "incollection",
        "inproceedings", "manual", "mastersthesis", "misc", "phdthesis", "proceedings",
        "techreport", "unpublished",
        # biblatex regular types
        "mvbook", "bookinbook", "suppbook", "collection", "mvcollection", "suppcollection",
        "dataset", "online", "patent", "periodical", "suppperiodical", "mvproceedings",
        "reference", "mvreference", "inreference", "report", "set", "software", "thesis",
        "xdata",
        # biblatex aliases
        "electronic", "www",
        # biblatex unsupported (style-defined) types
        "artwork", "audio", "bibnote", "commentary", "image", "jurisdiction", "legislation",
        "legal", "letter", "movie", "music", "performance", "review", "standard", "video",
        # biblatex custom types
        "customa", "customb", "customc", "customd", "custome", "customf",
    }
)  # fmt: skip

# The commands that are not entries.
STRING, PREAMBLE, COMMENT = "string", "preamble", "comment"

# Month macros as the standard BibTeX styles (plain.bst and friends) define them:
# full English names.  biblatex maps the same names to numbers; rules that compare
# months must accept both forms anyway, because people also write {1} or {January}.
MONTH_MACROS = dict(zip(ABBREVIATIONS, MONTH_NAMES, strict=True))
