"""Comparison of implementing texts with a central directive, and the citation graph."""
