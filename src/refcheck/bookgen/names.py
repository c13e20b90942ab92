"""Whether the book's bibliography can read an entry's names as a list of persons.

sphinxcontrib-bibtex reads ``author`` with pybtex: the names split at `` and ``, each
``First Last``, ``Last, First`` or ``Last, Jr, First``. A hand-written reference such as
``M. Schwarzer, M. Schubotz, N. Meuschke, and B. Gipp`` fits none of these; pybtex stops
the whole build on it. Such an author is written as one literal name, braced: the book
prints the source's words as they are, and does not guess where one name ends.
"""

from __future__ import annotations

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.exceptions import PybtexError


def readable_names(names: str) -> bool:
    try:
        for name in split_name_list(names):
            Person(name)
    except PybtexError:
        return False
    return True
