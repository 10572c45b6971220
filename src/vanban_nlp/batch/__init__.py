"""Batch runs over archives."""
