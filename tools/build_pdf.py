"""Build the book's PDF: Sphinx's LaTeX output, typeset by uplatex and dvipdfmx through latexmk.

    python tools/build_pdf.py [--docs DIR] [--build-dir DIR]

Writes BUILD_DIR/pdf/<name>.pdf and, when the HTML book has been built, BUILD_DIR/html/<name>.pdf
so the HTML can link to it. Exit codes: 0 built, 1 the build failed, 2 TeX is not installed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from refcheck.book.pdf_tounicode import add_tounicode

REPO_ROOT = Path(__file__).resolve().parent.parent

# What the LaTeX route needs, and the Debian package that provides it.
PROGRAMS = {
    "uplatex": "texlive-lang-japanese",
    "latexmk": "latexmk",
    "dvipdfmx": "texlive-binaries",
    "kanji-config-updmap": "texlive-lang-japanese",
    "kpsewhich": "texlive-binaries",
}
TEX_FILES = {
    "ujbook.cls": "texlive-lang-japanese",
    "pxchfon.sty": "texlive-lang-japanese",
    "HaranoAjiMincho-Regular.otf": "texlive-lang-japanese",
    "tabulary.sty": "texlive-latex-extra",
    "parskip.sty": "texlive-latex-recommended",
    "t1xtt.tfm": "texlive-fonts-recommended",
    "tgtermes.sty": "tex-gyre",
    "t2aenc.def": "texlive-lang-cyrillic",
    "sfrm1000.pfb": "cm-super-minimal",
    "needspace.sty": "texlive-latex-extra",
}
# The Adobe-Japan1 CID -> Unicode table that gives the Japanese fonts their ToUnicode maps.
CID_TABLE = Path("/usr/share/poppler/cidToUnicode/Adobe-Japan1")
DEBIAN_PACKAGES = (
    "texlive-lang-japanese texlive-latex-recommended texlive-latex-extra "
    "texlive-fonts-recommended tex-gyre latexmk texlive-lang-cyrillic cm-super-minimal "
    "poppler-data"
)
LATEXMK = ("latexmk", "-r", "latexmkjarc", "-pdfdvi", "-dvi-", "-ps-")
LATEXMK_OPTIONS = ("-interaction=nonstopmode", "-halt-on-error", "-file-line-error")


class BuildError(Exception):
    """A step failed; the message says which and where to look."""


def missing_requirements() -> list[str]:
    """Programs and TeX files that are absent, each with the Debian package that has it."""
    missing = [
        f"{program} ({package})"
        for program, package in PROGRAMS.items()
        if shutil.which(program) is None
    ]
    if shutil.which("kpsewhich") is None:
        return missing
    found = subprocess.run(
        ["kpsewhich", *TEX_FILES], capture_output=True, text=True, check=False
    ).stdout.split()
    found_names = {Path(path).name for path in found}
    missing += [
        f"{name} ({package})" for name, package in TEX_FILES.items() if name not in found_names
    ]
    if not CID_TABLE.is_file():
        missing.append(f"{CID_TABLE} (poppler-data)")
    return missing


def run_sphinx(docs: Path, latex_dir: Path) -> Path:
    """Write the LaTeX sources; return the book's .tex file."""
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "latex"]
    result = subprocess.run([*command, str(docs), str(latex_dir)], check=False)
    if result.returncode != 0:
        raise BuildError(f"sphinx-build -b latex failed for {docs} (messages above)")
    sources = sorted(latex_dir.glob("*.tex"))
    if len(sources) != 1:
        names = ", ".join(path.name for path in sources) or "none"
        raise BuildError(f"expected one .tex file in {latex_dir} (latex_documents), found {names}")
    return sources[0]


def run_latexmk(tex: Path) -> Path:
    """Typeset the .tex file; return the PDF."""
    command = [*LATEXMK, *LATEXMK_OPTIONS, tex.name]
    result = subprocess.run(command, cwd=tex.parent, capture_output=True, text=True, check=False)
    pdf = tex.with_suffix(".pdf")
    if result.returncode != 0 or not pdf.is_file():
        log = tex.with_suffix(".log")
        details = latex_errors(log) or result.stdout[-2000:]
        raise BuildError(f"LaTeX failed:\n{details}\nfull log: {log}")
    # dvipdfmx leaves the Japanese fonts without ToUnicode maps (see refcheck.book).
    add_tounicode(pdf, CID_TABLE.parent)
    return pdf


def latex_errors(log: Path) -> str:
    """The error lines of a LaTeX log ("! ..." or "file:line: ..."), with two lines of context."""
    if not log.is_file():
        return ""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    error = re.compile(r"^(!|\S+:\d+: )")
    picked = [
        "\n".join(lines[index : index + 3]) for index, line in enumerate(lines) if error.match(line)
    ]
    return "\n".join(picked[:5])


def publish(pdf: Path, folder: Path) -> Path:
    """Copy the PDF into folder atomically (temporary file, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / pdf.name
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{pdf.name}.", suffix=".tmp")
    os.close(handle)
    try:
        shutil.copy(pdf, temporary)  # content and mode: mkstemp makes it private (0600)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def build(docs: Path, build_dir: Path) -> list[Path]:
    """Build the PDF; return where it was published."""
    tex = run_sphinx(docs, build_dir / "latex")
    pdf = run_latexmk(tex)
    published = [publish(pdf, build_dir / "pdf")]
    html_dir = build_dir / "html"
    if html_dir.is_dir():
        published.append(publish(pdf, html_dir))
    return published


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build the book's PDF through uplatex.")
    parser.add_argument("--docs", type=Path, default=REPO_ROOT / "docs", help="Sphinx sources")
    parser.add_argument(
        "--build-dir", type=Path, default=REPO_ROOT / "docs" / "_build", help="output root"
    )
    parser.add_argument(
        "--if-available",
        action="store_true",
        help="without TeX, say so and exit 0 (`make book` builds the HTML without the PDF)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = missing_requirements()
    if missing and args.if_available:
        print(
            "note: the PDF edition is not built (TeX Live with Japanese support is missing), so "
            "the HTML has no PDF link.\nTo build it: sudo apt-get install " + DEBIAN_PACKAGES,
            file=sys.stderr,
        )
        return 0
    if missing:
        print(
            "error: building the PDF needs TeX Live with Japanese support; missing:\n  "
            + "\n  ".join(missing)
            + f"\nInstall on Debian/Ubuntu:\n  sudo apt-get install {DEBIAN_PACKAGES}",
            file=sys.stderr,
        )
        return 2
    started = time.monotonic()
    try:
        published = build(args.docs.resolve(), args.build_dir.resolve())
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in published:
        print(f"wrote {path}")
    print(f"PDF built in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
