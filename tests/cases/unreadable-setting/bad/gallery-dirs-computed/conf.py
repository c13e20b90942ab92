from pathlib import Path

extensions = ["sphinx_gallery.gen_gallery", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
sphinx_gallery_conf = {
    "examples_dirs": str(Path(__file__).parent / "examples"),
    "gallery_dirs": "auto_examples",
}
# expect: 5 unreadable-setting sphinx_gallery_conf['examples_dirs']
