"""Connectivity (stub); see :footcite:`AruEtAl2015`."""
