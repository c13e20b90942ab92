"""Keys: readable outlet-date keys, stable across runs, unique within a file."""

from __future__ import annotations

import hashlib

import pytest

from refcheck.importer import Reference
from refcheck.importer.keys import assign_keys, slugify


def _reference(work: str | None, date: str | None, author: str | None = None) -> Reference:
    return Reference(
        number=1, line=1, title="t", wpformat="web", work=work, date=date, author=author
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("日本放送協会", "nhk"),
        ("中央日報日本語版", "joongang"),
        ("フォーブス ジャパン", "forbes-japan"),
        ("ＮＨＫ　ＮＥＷＳＷＥＢ", "nhk-newsweb"),  # full-width folds to ASCII
        ("PRESIDENT online", "president-online"),
        ("istories.media", "istories-media"),
        ("Forbes", "forbes"),
    ],
)
def test_outlet_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_unknown_non_ascii_work_gets_a_stable_hash_slug() -> None:
    digest = hashlib.sha1("河北新報".encode()).hexdigest()[:6]
    assert slugify("河北新報") == f"work-{digest}"
    assert slugify("河北新報") != slugify("河北日報")


def test_same_outlet_and_date_get_letters_in_source_order() -> None:
    references = [
        _reference("日本放送協会", "2024-10-24"),
        _reference("朝日新聞", "2024-10-30"),
        _reference("日本放送協会", "2024-10-24"),
        _reference("NHK", "2024-10-24"),
    ]
    assert assign_keys(references) == [
        "nhk-2024-10-24a",
        "asahi-2024-10-30",
        "nhk-2024-10-24b",
        "nhk-2024-10-24c",
    ]


def test_letters_continue_past_z() -> None:
    keys = assign_keys([_reference("AFP", "2025")] * 28)
    assert keys[0] == "afp-2025a"
    assert keys[25:] == ["afp-2025z", "afp-2025aa", "afp-2025ab"]
    assert len(set(keys)) == 28


def test_without_date_or_work() -> None:
    keys = assign_keys(
        [
            _reference(None, None, author="Axe, David"),
            _reference(None, "2024-01-01"),
            _reference("AFP", None),
        ]
    )
    assert keys == ["axe-david-undated", "ref-2024-01-01", "afp-undated"]
