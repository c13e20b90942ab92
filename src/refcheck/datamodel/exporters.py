"""Types and fields outside biblatex's data model that BibTeX styles and common reference
managers write, so that they are not reported as unknown."""

from __future__ import annotations

# Entry types: IEEEtran.bst's control entry, biblatex-software's types, and what
# exporters write for which there is a standard type (for the suggestion).
KNOWN_TYPES = frozenset({"ieeetranbstctl", "softwareversion", "softwaremodule", "codefragment"})
LIKELY_TYPES = {
    "web_page": "online", "webpage": "online", "website": "online", "web": "online",
    "url": "online", "blog": "online", "blogpost": "online", "talk": "misc",
    "presentation": "misc", "lecture": "misc", "speech": "misc", "poster": "misc",
    "conversation": "misc", "interview": "misc", "personal": "misc", "email": "letter",
    "data": "dataset", "program": "software", "computer_program": "software",
    "newspaper": "article", "news": "article", "magazine": "article",
    "magazine_article": "article", "journal_article": "article", "journal": "periodical",
    "chapter": "inbook", "book_section": "incollection", "dissertation": "thesis",
    "conference_paper": "inproceedings", "generic": "misc", "hearing": "legal",
    "statute": "legislation", "bill": "legislation", "case": "jurisdiction",
    "film": "movie", "broadcast": "video", "thesisphd": "thesis",
}  # fmt: skip

# IEEEtran.bst's control entry (@IEEEtranBSTCTL) holds fields named CTL...
CONTROL_FIELD_PREFIX = "ctl"

# Fields of the classic BibTeX styles and their common extensions (btxdoc; natbib's
# plainnat; IEEEtran; amsplain), and fields reference managers add for their own use.
FIELDS = frozenset(
    {
        # BibTeX (btxdoc) and common .bst extensions
        "address", "annote", "author", "booktitle", "chapter", "crossref", "edition",
        "editor", "howpublished", "institution", "journal", "key", "month", "note",
        "number", "organization", "pages", "publisher", "school", "series", "title", "type",
        "volume", "year", "doi", "url", "isbn", "issn", "eprint", "archiveprefix",
        "primaryclass", "lccn", "mrclass", "mrnumber", "mrreviewer", "zblnumber", "coden",
        "fjournal", "abstract", "keywords", "language", "hyphenation", "urldate",
        "lastchecked", "pdf", "eissn",
        # JabRef
        "owner", "timestamp", "groups", "file", "ranking", "readstatus", "priority",
        "qualityassured", "printed", "relevance", "comment", "citeseerurl", "creationdate",
        "modificationdate",
        # Zotero / Better BibTeX, Mendeley, EndNote, BibDesk, Web of Science, Scopus
        "pmid", "pmcid", "arxivid", "mendeley-groups", "mendeley-tags", "extra",
        "bdsk-url-1", "bdsk-url-2", "bdsk-url-3", "bdsk-file-1", "bdsk-file-2",
        "date-added", "date-modified", "local-url", "rating", "read", "unique-id",
        "researcherid-numbers", "orcid-numbers", "affiliation", "affiliations",
        "author-email", "funding-acknowledgement", "funding-text", "cited-references",
        "number-of-cited-references", "times-cited", "usage-count-last-180-days",
        "usage-count-since-2013", "journal-iso", "doc-delivery-number", "da",
        "web-of-science-categories",
        "research-areas", "keywords-plus", "article-number", "eprinttype", "source",
        "document_type", "art_number", "correspondence_address1", "publication_stage",
        "accession-number", "custom1", "custom2", "custom3", "label", "annotation",
        # Nelson Beebe's bibliographies (TUG bibliography archive)
        "bibdate", "bibsource", "acknowledgement", "issn-l", "journal-url", "ajournal",
        "remark", "alttitle", "xxtitle", "xxauthor", "xxnote", "xxpages", "xxvolume",
        "xxyear", "xxisbn", "xxeditor", "xxnumber", "xxmonth", "xxbooktitle",
        "price", "subject", "lcnumber", "email", "bookpages", "advisor", "tableofcontents",
        "oldlabel", "ZMnumber".lower(), "ZBmath".lower(),
        # refcheck's own importer (archive*: Wikipedia's |archive-url=, |archive-date=)
        "sourceflag", "wpformat", "archiveurl", "archivedate",
    }
)  # fmt: skip
