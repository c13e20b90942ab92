"""Which records are the same work: normalised fields, comparable records and the
near-duplicate search."""
