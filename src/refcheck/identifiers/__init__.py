"""Identifier validators: DOI, ISBN, ISSN, ISMN, arXiv, PubMed (PMID, PMCID) and URLs.

Each validator is a pure function of one field's value that returns a
:class:`~refcheck.identifiers.verdict.Verdict`: why the value is not a valid identifier
(or None), and the value a fix would write instead when one can be derived safely
(``https://doi.org/10.1000/x`` in a ``doi`` field -> ``10.1000/x``).  The checks follow
what the tools people trust check: Wikipedia's CS1 (Module:Citation/CS1/Identifiers),
biber's data-model constraints (``isbn``, ``issn``, ``ismn``) and JabRef's checkers.
The rules that report them are in :mod:`refcheck.rules.identifiers`.
"""

from __future__ import annotations

from refcheck.identifiers.arxiv import check_arxiv
from refcheck.identifiers.doi import check_doi
from refcheck.identifiers.isbn import check_isbn
from refcheck.identifiers.ismn import check_ismn
from refcheck.identifiers.issn import check_issn
from refcheck.identifiers.pubmed import check_pmcid, check_pmid
from refcheck.identifiers.url import bare_urls, check_url
from refcheck.identifiers.verdict import Verdict

__all__ = [
    "Verdict",
    "bare_urls",
    "check_arxiv",
    "check_doi",
    "check_isbn",
    "check_ismn",
    "check_issn",
    "check_pmcid",
    "check_pmid",
    "check_url",
]
