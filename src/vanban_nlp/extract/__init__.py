"""Extractors: pure functions over normalized text that return values with spans."""
