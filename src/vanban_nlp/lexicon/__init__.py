"""Data, not code: type words and codes, titles, ordinal words. Loaded once, cached."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


def doc_types() -> dict[str, Any]:
    return load_json("doc_types.json")
