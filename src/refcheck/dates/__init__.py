"""Dates as biblatex reads them: EDTF values, the dates of an entry, and dates written
another way (loose forms, month names)."""
