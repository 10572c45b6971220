"""Document JSON (1.1) and its published JSON Schemas."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Document


def to_json(document: Document, indent: int | None = 2) -> str:
    return json.dumps(document.to_dict(), ensure_ascii=False, indent=indent)


@lru_cache(maxsize=2)
def json_schema(version: str = "1.1") -> dict[str, Any]:
    """The JSON Schema of document JSON (1.1, which also accepts 1; or "1"), as shipped in the package."""
    name = f"document-{version}.schema.json"
    text = resources.files("vanban_nlp.schema").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)
