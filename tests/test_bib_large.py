"""A 50 MB file: every entry read, one broken entry reported, memory in proportion."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ENTRY = (
    "@Article{{Key:{i},\r\n"
    '  author =       "Anonymous and Beebe, Nelson H. F.",\r\n'
    '  title =        "{{Editorial}} board number {i} of the {{Journal}}",\r\n'
    "  journal =      j-PROGR-OCEANOGR,\r\n"
    '  volume =       "{i}",\r\n'
    '  pages =        "v--v",\r\n'
    "  month =        dec,\r\n"
    '  year =         "1963",\r\n'
    '  abstract =     "Some text   spread over\r\n                 two lines.",\r\n'
    "}}\r\n\r\n"
)
HEADER = '@String{j-PROGR-OCEANOGR = "Progress in Oceanography"}\r\n\r\n'
BROKEN = '@Article{broken,\r\n  title = "no closing quote,\r\n  year = 1999,\r\n}\r\n\r\n'

# VmHWM is the child's own peak RSS (its rusage would include ours, inherited at fork).
CHILD = """
import json, sys
from refcheck.bib import parse_file
bib = parse_file(sys.argv[1])
peak = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
print(json.dumps({
    "entries": len(bib.entries),
    "problem_lines": [p.line for p in bib.problems],
    "last": [bib.entries[-1].key, bib.entries[-1].line, bib.entries[-1].get("journal")],
    "abstract": bib.entries[7].get("abstract"),
    "peak_kib": int(peak),
}))
"""


def test_fifty_megabyte_file_in_its_own_process(tmp_path: Path) -> None:
    path = tmp_path / "big.bib"
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        while out.tell() < 50_000_000:
            if count == 100_000:
                out.write(BROKEN)
            out.write("".join(ENTRY.format(i=count + k) for k in range(1000)))
            count += 1000
    size = path.stat().st_size
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout)
    lines_per_entry = ENTRY.count("\n")
    assert report["entries"] == count + 1
    # The unterminated string, at its own line; every entry after it is still read.
    assert report["problem_lines"] == [3 + 100_000 * lines_per_entry + 1]
    last_line = 3 + (count - 1) * lines_per_entry + BROKEN.count("\n")
    assert report["last"] == [f"Key:{count - 1}", last_line, "Progress in Oceanography"]
    assert report["abstract"] == "Some text spread over two lines."
    # Text, entries and fields together stay within a few times the file's size.
    assert report["peak_kib"] * 1024 < 8 * size, (report["peak_kib"], size)
