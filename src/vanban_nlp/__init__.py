"""vanban-nlp: Vietnamese official documents into structured, trackable obligations.

>>> from vanban_nlp import parse
>>> doc = parse("cong-van.docx")
>>> doc.header.number, [r.number for r in doc.references]
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import DocumentError  # noqa: E402
from .pipeline import parse, parse_text  # noqa: E402

__all__ = ["DocumentError", "parse", "parse_text", "__version__"]
