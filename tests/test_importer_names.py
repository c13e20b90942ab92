"""Author lists written as BibTeX name lists that BibTeX, biber and pybtex can read."""

from __future__ import annotations

import pytest
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person

from refcheck.importer.names import bibtex_author


@pytest.mark.parametrize(
    ("printed", "names"),
    [
        # CS1's last/first pairs
        ("Axe, David; Smith, John", ["Axe, David", "Smith, John"]),
        ("Axe, David", ["Axe, David"]),
        # hand-written lists (enwiki's Apache Lucene, Diffie-Hellman)
        (
            "M. Schwarzer, M. Schubotz, N. Meuschke, and B. Gipp",
            ["M. Schwarzer", "M. Schubotz", "N. Meuschke", "B. Gipp"],
        ),
        (
            "Whitfield Diffie, Paul C. Van Oorschot, and Michael J. Wiener",
            ["Whitfield Diffie", "Paul C. Van Oorschot", "Michael J. Wiener"],
        ),
        ("Ann Lee & Bo Ma", ["Ann Lee", "Bo Ma"]),
        # MLA: the first name inverted (enwiki's Principle of explosion)
        ("Carnielli, Walter, and João Marcos", ["Carnielli, Walter", "João Marcos"]),
    ],
)
def test_lists_become_names(printed: str, names: list[str]) -> None:
    value, literal = bibtex_author(printed)
    assert not literal
    assert split_name_list(value) == names
    for name in split_name_list(value):
        Person(name)  # pybtex reads each one


@pytest.mark.parametrize(
    "printed",
    [
        "David Axe",  # one name as printed
        "World Health Organization",
        "山田太郎、鈴木花子",
        "Smith, J., Doe, K., Roe, R.",  # where one name ends cannot be told
        "Reuters, AFP, staff",
    ],
)
def test_what_cannot_be_split_stays_one_literal_name(printed: str) -> None:
    assert bibtex_author(printed) == (printed, True)
