"""Give a PDF's Japanese fonts ToUnicode maps, so that copied and searched text is right.

dvipdfmx embeds CID-keyed OpenType fonts of a standard collection (HaranoAji: Adobe-Japan1)
without a ToUnicode CMap, on purpose: a reader is expected to know the collection
(``Type0Font_attach_ToUnicode_stream`` skips "ACC" fonts). Many do not, and text then copies
as nothing or as the wrong characters. This adds to every such font a ToUnicode CMap built
from the collection's published CID -> Unicode table (poppler-data's, in Debian), for the
codes Identity-H uses: the CIDs themselves.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
)

# Debian's poppler-data: line n (from 0) is the Unicode of CID n, in hex; 0000 = none.
CID_TABLES = Path("/usr/share/poppler/cidToUnicode")
CHUNK = 100  # a CMap's bfchar section holds at most 100 entries
CMAP_HEAD = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-{ordering}-UCS2 def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
"""
CMAP_TAIL = """endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


class MissingCidTable(Exception):
    """The collection's CID -> Unicode table is not installed."""


def read_cid_table(path: Path) -> dict[int, str]:
    """CID -> the text it stands for, from a poppler-data cidToUnicode file."""
    table = {}
    for cid, line in enumerate(path.read_text(encoding="ascii").splitlines()):
        value = line.split(",")[0].strip()
        if value and int(value, 16) != 0:
            table[cid] = chr(int(value, 16))
    return table


def tounicode_cmap(ordering: str, table: dict[int, str]) -> bytes:
    """A ToUnicode CMap for Identity-H codes (the CIDs), UTF-16BE as the format asks."""
    lines = [CMAP_HEAD.format(ordering=ordering)]
    cids = sorted(cid for cid in table if cid <= 0xFFFF)
    for start in range(0, len(cids), CHUNK):
        chunk = cids[start : start + CHUNK]
        lines.append(f"{len(chunk)} beginbfchar\n")
        lines.extend(f"<{cid:04X}> <{table[cid].encode('utf-16-be').hex()}>\n" for cid in chunk)
        lines.append("endbfchar\n")
    lines.append(CMAP_TAIL)
    return "".join(lines).encode("ascii")


def _collection(font: DictionaryObject) -> tuple[str, str] | None:
    """(registry, ordering) of a Type0 font's CIDFont, or None for other fonts."""
    if font.get("/Subtype") != "/Type0" or "/DescendantFonts" not in font:
        return None
    descendants = font["/DescendantFonts"].get_object()
    if not isinstance(descendants, ArrayObject) or not descendants:
        return None
    descendant = descendants[0].get_object()
    info = descendant.get("/CIDSystemInfo") if isinstance(descendant, DictionaryObject) else None
    info = info.get_object() if info is not None else None
    if not isinstance(info, DictionaryObject):
        return None
    return str(info.get("/Registry")), str(info.get("/Ordering"))


def add_tounicode(pdf: Path, tables: Path = CID_TABLES) -> list[str]:
    """Add ToUnicode maps to the Adobe CJK fonts of pdf that lack one, in place (atomically).
    Returns the names of the fonts given one.

    The change is an incremental update: the file's bytes stay as dvipdfmx wrote them, and
    the new maps, the changed font dictionaries and a cross-reference stream for them are
    appended (pypdf's own incremental writer leaves /Info out of the new trailer)."""
    reader = PdfReader(pdf)
    fonts = _fonts_to_fix(reader)
    if not fonts:
        return []
    next_number = int(str(reader.trailer["/Size"]))
    maps: dict[str, IndirectObject] = {}
    update: list[tuple[int, int, PdfObject]] = []
    for reference, font, ordering in fonts:
        if ordering not in maps:
            table_file = tables / f"Adobe-{ordering}"
            if not table_file.is_file():
                raise MissingCidTable(
                    f"{table_file} is missing (Debian: apt-get install poppler-data)"
                )
            stream = DecodedStreamObject()
            stream.set_data(tounicode_cmap(ordering, read_cid_table(table_file)))
            maps[ordering] = IndirectObject(next_number, 0, reader)
            update.append((next_number, 0, stream.flate_encode()))
            next_number += 1
        font[NameObject("/ToUnicode")] = maps[ordering]
        update.append((reference.idnum, reference.generation, font))
    _append_update(pdf, reader, update, next_number)
    return sorted({str(font.get("/BaseFont")) for _, font, _ in fonts})


def _fonts_to_fix(reader: PdfReader) -> list[tuple[IndirectObject, DictionaryObject, str]]:
    """Each Adobe CJK font without ToUnicode, once: (its reference, its dictionary, ordering)."""
    found: dict[tuple[int, int], tuple[IndirectObject, DictionaryObject, str]] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        fonts = resources.get("/Font") if isinstance(resources, DictionaryObject) else None
        fonts = fonts.get_object() if fonts is not None else None
        if not isinstance(fonts, DictionaryObject):
            continue
        for reference in fonts.values():
            font = reference.get_object()
            if not isinstance(reference, IndirectObject) or not isinstance(font, DictionaryObject):
                continue
            collection = _collection(font)
            if collection is None or collection[0] != "Adobe" or "/ToUnicode" in font:
                continue
            found[(reference.idnum, reference.generation)] = (reference, font, collection[1])
    return list(found.values())


def _serialized(item: PdfObject) -> bytes:
    buffer = io.BytesIO()
    item.write_to_stream(buffer)
    return buffer.getvalue()


def _append_update(
    pdf: Path, reader: PdfReader, objects: list[tuple[int, int, PdfObject]], size: int
) -> None:
    """Append objects and a cross-reference stream for them; replace pdf atomically."""
    data = pdf.read_bytes()
    previous = int(data[data.rindex(b"startxref") + len(b"startxref") :].split()[0])
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = []
    for number, generation, item in objects:
        offsets.append((number, generation, len(out)))
        out += f"{number} {generation} obj\n".encode() + _serialized(item) + b"\nendobj\n"
    xref_number = size
    offsets.append((xref_number, 0, len(out)))
    offsets.sort()
    # Type 1 entries: (1, byte offset, generation), 1 + 4 + 2 bytes each.
    rows = b"".join(
        bytes([1]) + offset.to_bytes(4, "big") + generation.to_bytes(2, "big")
        for _, generation, offset in offsets
    )
    index = " ".join(f"{number} 1" for number, _, _ in offsets)
    trailer = [f"/Type /XRef /Size {xref_number + 1} /W [1 4 2] /Index [{index}]"]
    trailer.append(f"/Prev {previous} /Length {len(rows)}")
    for key in ("/Root", "/Info", "/ID"):
        if key in reader.trailer:
            trailer.append(key + " " + _serialized(reader.trailer.raw_get(key)).decode("latin-1"))
    xref_at = next(offset for number, _, offset in offsets if number == xref_number)
    out += f"{xref_number} 0 obj\n<< {' '.join(trailer)} >>\nstream\n".encode("latin-1")
    out += rows + b"\nendstream\nendobj\n"
    out += f"startxref\n{xref_at}\n%%EOF\n".encode()
    handle, temporary = tempfile.mkstemp(dir=pdf.parent, prefix=f".{pdf.name}.", suffix=".tmp")
    os.close(handle)
    try:
        Path(temporary).write_bytes(bytes(out))
        os.chmod(temporary, pdf.stat().st_mode & 0o777)  # mkstemp's file is private
        os.replace(temporary, pdf)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
