"""Merging duplicate entries (unsafe)."""
