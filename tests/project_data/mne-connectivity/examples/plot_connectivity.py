"""
=====================
An example, shortened
=====================

Based on :footcite:`AruEtAl2015`.
"""
