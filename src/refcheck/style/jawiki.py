"""The ``jawiki`` formatting style: references laid out as Japanese Wikipedia prints them.

The layout comes from the entry's ``wpformat`` field (which citation template the source
used); without it, the ``web`` layout::

    web   “title” (英語). work. publisher (date). access閲覧。
          Author (date). “title”. work. access閲覧。
    news  “title”. work. publisher. (date) access閲覧。
          Author (date). “title”. work access閲覧。
    ja    Author「title」(英語)『work』publisher、date。access閲覧。
    en    "Title" (in Russian). Work. Publisher. 4 November 2024. Retrieved 4 November 2024.
          Axe, David (4 November 2024). "Title". Work. Retrieved 4 November 2024.

(``en`` is English Wikipedia's layout, for articles imported from there.)

Books, chapters and broadcasts have layouts of their own, as the citation templates print
them (the importer names them in ``wpformat`` too: the layout decides, never the type)::

    ja-book    著者『title』 volume、publisher、date、pages頁。ISBN isbn。
    ja-inbook  著者「chapter」『book』publisher、date、pages頁。ISBN isbn。
    ja-video   「title」『work』publisher、date。
    en-book    Author (date). Title (edition ed.). Location: Publisher. p. 3. ISBN isbn.

Every layout ends with what the entry adds: pages, identifiers, the archived copy
(``…時点のオリジナルよりアーカイブ。``, ``Archived from the original on ….``) and the ``note``.
A ``raw`` entry (a reference no layout read at import) prints its ``note`` as it stands.
"""

from __future__ import annotations

from typing import Any

from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import field, first_of, join, optional, optional_field

from refcheck.style.fields import author_names, iso_date, language_mark

# Fragments that raise FieldIsMissing when their field is absent, so `optional[...]` around
# them drops their separators too.
quoted_title = join["“", optional_field("title"), "”", optional[" (", language_mark, ")"]]
work_and_publisher = join(sep=". ")[optional_field("journaltitle"), optional_field("publisher")]
date_in_parentheses = join["(", iso_date("date"), ")"]
accessed = join[iso_date("urldate"), "閲覧。"]
archived_ja = join[iso_date("archivedate"), "時点のオリジナルよりアーカイブ。"]


def _identifiers(lead: str, stop: str) -> Any:
    """ISBN, ISSN and DOI, each with ``lead`` before it, only those the entry has."""
    return join[
        optional[lead, "ISBN ", field("isbn"), stop],
        optional[lead, "ISSN ", field("issn"), stop],
        optional[lead, "doi:", field("doi"), stop],
    ]


def ja_end(lead: str = "") -> Any:
    """Identifiers, the archived copy, then the access date, as Japanese Wikipedia ends a
    reference; ``lead`` comes before each part only when there is one."""
    return join[
        _identifiers(lead, "。"),
        first_of[
            optional[lead, archived_ja, accessed],
            optional[lead, accessed],
            optional[lead, archived_ja],
        ],
    ]


author_and_date = join(sep=" ")[author_names, optional[date_in_parentheses]]

web_by_work = join[
    join(sep=" ")[join(sep=". ")[quoted_title, work_and_publisher], optional[date_in_parentheses]],
    ".",
    ja_end(" "),
]
web_by_author = join[
    join(sep=". ")[author_and_date, quoted_title, work_and_publisher],
    ".",
    ja_end(" "),
]
news_by_work = join[
    join(sep=". ")[quoted_title, work_and_publisher],
    ".",
    optional[" ", date_in_parentheses],
    ja_end(" "),
]
news_by_author = join[
    join(sep=". ")[author_and_date, quoted_title, work_and_publisher],
    first_of[ja_end(" "), "."],
]
japanese = join[
    optional[author_names],
    "「",
    optional_field("title"),
    "」",
    optional["(", language_mark, ")"],
    optional["『", field("journaltitle"), "』"],
    join(sep="、")[optional_field("publisher"), optional[iso_date("date")]],
    "。",
    ja_end(),
]

english_title = join[
    '"', optional_field("title"), '"', optional[" (in ", language_mark(english=True), ")"]
]
english_date = join[iso_date("date", english=True)]
english_retrieved = join["Retrieved ", iso_date("urldate", english=True), "."]
archived_en = join["Archived from the original on ", iso_date("archivedate", english=True), "."]


def en_end(lead: str = " ") -> Any:
    """Identifiers, the archived copy, then the access date, as English Wikipedia ends one."""
    return join[
        _identifiers(lead, "."),
        first_of[
            optional[lead, archived_en, " ", english_retrieved],
            optional[lead, english_retrieved],
            optional[lead, archived_en],
        ],
    ]


english_by_work = join[
    join(sep=". ")[english_title, work_and_publisher, optional[english_date]],
    ".",
    en_end(),
]
english_by_author = join[
    join(sep=". ")[
        join(sep=" ")[author_names, optional["(", english_date, ")"]],
        english_title,
        work_and_publisher,
    ],
    ".",
    en_end(),
]

# What any layout may add at its end, from fields the templates' layouts above leave out.


extras_ja = field("note")
extras_en = field("note")

ja_pages = join[field("pages"), "頁"]
book_ja = join[
    optional[author_names],
    "『",
    optional_field("title"),
    "』",
    join(sep="、")[
        optional[" ", field("volume")],
        optional_field("publisher"),
        optional[iso_date("date")],
        optional[ja_pages],
    ],
    "。",
    ja_end(),
]
inbook_ja = join[
    optional[author_names],
    "「",
    optional_field("title"),
    "」『",
    optional_field("booktitle"),
    "』",
    join(sep="、")[optional_field("publisher"), optional[iso_date("date")], optional[ja_pages]],
    "。",
    ja_end(),
]
video_ja = join[
    "「",
    optional_field("title"),
    "」",
    optional["『", field("journaltitle"), "』"],
    join(sep="、")[optional_field("publisher"), optional[iso_date("date")]],
    "。",
    ja_end(),
]
book_en = join[
    join(sep=". ")[
        optional[join(sep=" ")[author_names, optional["(", english_date, ")"]]],
        join[optional_field("title"), optional[" (", field("edition"), " ed.)"]],
        first_of[
            optional[join[field("location"), ": ", field("publisher")]],
            optional_field("publisher"),
        ],
        optional[join["p. ", field("pages")]],
    ],
    ".",
    en_end(),
]
raw = join[optional_field("note")]

# Layouts that read the same with or without an author.
SINGLE_LAYOUTS = {
    "ja-book": book_ja,
    "ja-inbook": inbook_ja,
    "ja-video": video_ja,
    "en-book": book_en,
}

LAYOUTS = {
    "web": (web_by_work, web_by_author),
    "news": (news_by_work, news_by_author),
    "ja": (japanese, japanese),
    "en": (english_by_work, english_by_author),
}
DEFAULT_LAYOUT = "web"


class JawikiStyle(BaseStyle):
    """Numbers as labels, entries in citation order, laid out by ``wpformat``."""

    default_label_style = "number"
    default_sorting_style = "none"
    default_name_style = "plain"

    def get_entry_template(self, entry: Any) -> Any:
        layout = str(entry.fields.get("wpformat", DEFAULT_LAYOUT)).strip().lower()
        if layout == "raw":
            return raw
        language = "en" if layout.startswith("en") else "ja"
        main = SINGLE_LAYOUTS.get(layout)
        if main is None:
            by_work, by_author = LAYOUTS.get(layout, LAYOUTS[DEFAULT_LAYOUT])
            main = by_author if entry.persons.get("author") else by_work
        if language == "en":
            return join(sep=" ")[main, optional[extras_en]]
        return join[main, optional[extras_ja]]  # Japanese runs on without spaces

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        # Every entry type gets the same treatment: the source's layout, not the type, decides.
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        text = self.get_entry_template(entry).format_data(context)
        return FormattedEntry(entry.key, text, label)
