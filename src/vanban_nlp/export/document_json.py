"""Document JSON v1 and its published JSON Schema."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Document


def to_json(document: Document, indent: int | None = 2) -> str:
    return json.dumps(document.to_dict(), ensure_ascii=False, indent=indent)


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The JSON Schema of document JSON v1, as shipped in the package."""
    text = resources.files("vanban_nlp.schema").joinpath("document-1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
