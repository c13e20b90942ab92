extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib", "references.bib"]
# expect: 2 missing-project-file bibtex_bibfiles names 'references.bib'
