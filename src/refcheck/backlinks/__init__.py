r"""Back-links from bibliography entries to the places that cite them, as Wikipedia prints them.

Add ``"refcheck.backlinks"`` to ``extensions`` (with ``sphinxcontrib.bibtex``).  In HTML,
each place a ``cite`` role stands gets the anchor ``citeref-<key>-<n>`` (the key's n-th
citing place in reading order), and each bibliography entry starts with "^" (cited once) or
"^ a b c …" (cited several times), every "^" or letter a link back to its citing place, on
whichever page it is, labelled 「本文へ戻る」 for screen readers.  In LaTeX (the PDF) the
same marks link to a ``\hypertarget`` of the same name at each citing place.  Other
builders are left as they are.  Places are counted when documents are read, so a citation
inside ``only`` content that a build drops still gets a letter (its link finds no anchor).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from refcheck import __version__
from refcheck.backlinks.nodes import (
    backlink,
    depart_backlink,
    depart_backlink_latex,
    visit_backlink,
    visit_backlink_latex,
)
from refcheck.backlinks.places import merge_places, number_places, purge_places, record_places
from refcheck.backlinks.transform import BacklinksTransform, LatexBacklinksTransform


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")

    # override: docutils' registries are global, and a process may build more than once.
    app.add_node(
        backlink,
        override=True,
        html=(visit_backlink, depart_backlink),
        latex=(visit_backlink_latex, depart_backlink_latex),
    )
    app.add_post_transform(BacklinksTransform)
    app.add_post_transform(LatexBacklinksTransform)

    app.connect("doctree-read", record_places)
    app.connect("env-purge-doc", purge_places)
    app.connect("env-merge-info", merge_places)
    app.connect("env-get-updated", number_places)

    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
