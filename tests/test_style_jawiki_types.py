"""The jawiki style's layouts for what the importer now writes: books, chapters, broadcasts,
kept-whole references, and the archive/identifier tail every layout ends with."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from refcheck.importer import import_references
from refcheck.style import JawikiStyle


def render(bibtex: str) -> list[str]:
    data = parse_string(bibtex, "bibtex")
    return [e.text.render_as("text") for e in JawikiStyle().format_entries(data.entries.values())]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "@book{k, author = {津田雅美}, title = {ヒノコ}, volume = {6巻}, publisher = {白泉社},"
            " date = {2016}, pages = {145}, isbn = {978-4592211037}, wpformat = {ja-book}}",
            "津田雅美『ヒノコ』 6巻、白泉社、2016年、145頁。ISBN 978-4592211037。",
        ),
        (
            "@inbook{k, author = {樽井秀人}, title = {章}, booktitle = {本}, publisher = {社},"
            " date = {2020-05}, pages = {3-9}, wpformat = {ja-inbook}}",
            "樽井秀人「章」『本』社、2020年5月、3-9頁。",
        ),
        (
            "@video{k, title = {回の題}, journaltitle = {番組}, publisher = {NHK総合},"
            " date = {2018-07-29}, wpformat = {ja-video}}",
            "「回の題」『番組』NHK総合、2018年7月29日。",
        ),
        (
            "@book{k, author = {Bini, Ola}, title = {Practical JRuby}, location = {Berkeley},"
            " publisher = {APress}, date = {2007}, pages = {3}, isbn = {978-1-59059-881-8},"
            " wpformat = {en-book}}",
            "Bini, Ola (2007). Practical JRuby. Berkeley: APress. p. 3. ISBN 978-1-59059-881-8.",
        ),
        (
            "@article{k, title = {T}, journaltitle = {W}, date = {2024-10-30},"
            " archivedate = {2024-11-01}, urldate = {2024-11-04}, wpformat = {web}}",
            "“T”. W (2024年10月30日). 2024年11月1日時点のオリジナルよりアーカイブ。"
            "2024年11月4日閲覧。",
        ),
        (
            "@article{k, title = {T}, journaltitle = {W}, date = {2024-10-30},"
            " archivedate = {2024-11-01}, wpformat = {web}}",
            "“T”. W (2024年10月30日). 2024年11月1日時点のオリジナルよりアーカイブ。",
        ),
        (
            "@article{k, title = {T}, journaltitle = {W}, date = {2024-10-30},"
            " archivedate = {2024-11-01}, doi = {10.1/x}, wpformat = {en}}",
            '"T". W. 30 October 2024. doi:10.1/x. Archived from the original on 1 November 2024.',
        ),
        (
            "@article{k, title = {T}, journaltitle = {W}, date = {2024-10-30},"
            " archivedate = {2024-11-01}, urldate = {2024-11-04}, wpformat = {en}}",
            '"T". W. 30 October 2024. Archived from the original on 1 November 2024.'
            " Retrieved 4 November 2024.",
        ),
        (
            "@misc{k, note = {a b “四つ目の出典}, wpformat = {raw}}",
            "a b “四つ目の出典",
        ),
    ],
)
def test_layout(entry: str, expected: str) -> None:
    assert render(entry) == [expected]


def test_an_imported_book_prints_every_datum_of_its_source_line() -> None:
    line = "『ある本』（2017年、ダイアプレス）p.58"
    result = import_references(f"本文[1]。\n- ^ {line}\n", "book.txt")
    (text,) = render(result.bib_text)
    assert text == "『ある本』ダイアプレス、2017年、58頁。"
