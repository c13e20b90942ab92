"""What the data models define: the entry types and fields biblatex, BibTeX and common
exporters know, the fields biblatex requires per type, and the entry types a pybtex
formatting style can format.  Read by the rules in :mod:`refcheck.rules.datamodel`."""
