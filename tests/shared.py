"""Where the read-only shared material lives: beside the repository (``../shared``), as
CI lays it out, with the session machine's absolute path as the fallback for checkouts
made elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
_CANDIDATES = (REPO_ROOT.parent / "shared", Path("/work/shared"))
SHARED_DIR = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])
CORPUS_DIR = SHARED_DIR / "corpus"
SEED_FILE = SHARED_DIR / "seed" / "north-korea-troops-in-russia.ja.txt"


_FIRST_FIELD = re.compile(r"^(@[A-Za-z]+\{[^,\n]+,\n)([ \t]+[A-Za-z]+[ \t]*=.*,\n)", re.M)


def plant_fixes(text: str, repeat_every: int, date_every: int, date_line: str) -> str:
    """Fixable findings planted into a real .bib text: every ``repeat_every``-th entry's
    first field given twice, every ``date_every``-th entry ``date_line`` added."""
    count = 0

    def plant(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        extra = match.group(2) if count % repeat_every == 0 else ""
        return match.group(0) + extra + (date_line if count % date_every == 0 else "")

    return _FIRST_FIELD.sub(plant, text)
