"""Exporters: document JSON, Markdown summary, terminal table."""
