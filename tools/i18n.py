"""Keep refcheck's message catalogues in step with the source (Babel, as pybabel does).

    python tools/i18n.py extract   # src/refcheck -> src/refcheck/i18n/locale/refcheck.pot
    python tools/i18n.py update    # the .pot's msgids into every <lang>/LC_MESSAGES/refcheck.po
    python tools/i18n.py compile   # every .po -> its .mo (committed: no build step installs it)
    python tools/i18n.py all       # the three in order

Messages are marked with ``_()``, ``N_()`` and ``ngettext()`` (refcheck.i18n); a comment
starting ``TRANSLATORS:`` on the lines just above a message goes to the translator.  The
placeholders are ``str.format``'s, so the entries are flagged python-brace-format (as
xgettext does), not python-format: a literal "%" in a message is no placeholder.
Babel is a Sphinx dependency (the ``book`` extra); refcheck itself needs only the stdlib's
gettext at run time.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "refcheck"
LOCALE = PACKAGE / "i18n" / "locale"
TEMPLATE = LOCALE / "refcheck.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
WIDTH = 100
HEADER = (
    "# The messages of refcheck, the citation linter (domain refcheck).\n"
    "# Made by tools/i18n.py from the source; translate the .po files, not this template.\n"
    "# Distributed under the project's licence (MIT)."
)


def extracted() -> Catalog:
    """Every message marked in the source, with the files it is in."""
    catalog = Catalog(
        project="refcheck",
        version="0.1.0",
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER,
        copyright_holder="refcheck contributors",
        msgid_bugs_address="the issues of the refcheck project",
    )
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = f"src/refcheck/{filename}"
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def _brace_format_flags(catalog: Catalog) -> None:
    """python-brace-format where a message has placeholders; never python-format (Babel
    adds it whenever a "%" looks like a printf directive, as in "(% is approximate")."""
    for entry in catalog:
        if entry.id:
            entry.flags.discard("python-format")
            text = entry.id if isinstance(entry.id, str) else entry.id[0]
            if "{" in text:
                entry.flags.add("python-brace-format")


def _write_po(path: Path, catalog: Catalog) -> None:
    _brace_format_flags(catalog)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_lineno=False, sort_by_file=True)
    path.write_bytes(buffer.getvalue())


def catalogue_paths() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/refcheck.po"))


def extract() -> None:
    _write_po(TEMPLATE, extracted())
    print(f"wrote {TEMPLATE.relative_to(ROOT)}")


def update() -> None:
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    for path in catalogue_paths():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()  # a msgid the source no longer has is gone, not kept as #~
        _write_po(path, catalog)
        untranslated = [m.id for m in catalog if m.id and not _translated(m.string)]
        print(f"updated {path.relative_to(ROOT)}: {len(untranslated)} untranslated")


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def compile_all() -> None:
    for path in catalogue_paths():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        target = path.with_suffix(".mo")
        target.write_bytes(buffer.getvalue())
        print(f"wrote {target.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("extract", "update", "compile", "all"))
    step = parser.parse_args(argv).step
    if step in ("extract", "all"):
        extract()
    if step in ("update", "all"):
        update()
    if step in ("compile", "all"):
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
