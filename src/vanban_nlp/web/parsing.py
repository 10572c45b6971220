"""Parsing one uploaded file, in a worker process (or a thread when the server runs without one).

The uploaded name is only ever a label: the bytes are written to a fresh temporary folder under a
fixed name whose suffix is taken from a short list of document suffixes, never from the name.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from ..batch.inputs import EXTENSIONS, Source
from ..batch.worker import process_one

_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def display_name(name: str | None, fallback: str = "tệp không tên") -> str:
    """A label for an uploaded file: its last path component, control and bidi characters
    removed, at most 160 characters. Never used as a path."""
    label = _UNSAFE.sub("", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return label[:160] or fallback


def source_path(sha256: str, name: str) -> str:
    """What the store records as the document's path: unique per content, so an upload never
    takes the place of another document, and readable for the clerk."""
    return f"upload/{sha256[:12]}/{name}"


def parse_upload(data: bytes, name: str, sha256: str, options: dict[str, Any]) -> dict[str, Any]:
    """A store result (as `vanban batch` workers give) for one uploaded file: its document or an
    error record, never an exception."""
    suffix = Path(name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="vanban-upload-") as folder:
        path = Path(folder) / ("upload" + (suffix if suffix in EXTENSIONS else ""))
        path.write_bytes(data)
        result = process_one(Source(str(path)), options)
    label = source_path(sha256, name)
    result["name"] = label
    result.pop("trace", None)
    if result["ok"]:
        result["document"]["source"]["path"] = label
    return result
