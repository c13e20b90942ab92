"""Where the read-only shared material lives: beside the repository (``../shared``), as
CI lays it out, with the session machine's absolute path as the fallback for checkouts
made elsewhere."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
_CANDIDATES = (REPO_ROOT.parent / "shared", Path("/work/shared"))
SHARED_DIR = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])
CORPUS_DIR = SHARED_DIR / "corpus"
SEED_FILE = SHARED_DIR / "seed" / "north-korea-troops-in-russia.ja.txt"
