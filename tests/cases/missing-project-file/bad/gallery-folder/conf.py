extensions = ["sphinx_gallery.gen_gallery", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
sphinx_gallery_conf = {"examples_dirs": "../tutorials", "gallery_dirs": "auto_tutorials"}
# expect: 3 missing-project-file examples_dirs names '../tutorials'
