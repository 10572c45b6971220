"""JSONL output of a batch: documents.jsonl (one document per line) and errors.jsonl.

Each chunk is appended, flushed and fsynced; a line cut short by a killed run is dropped when
the folder is opened again, so every stored line is a complete record.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO


class JsonlSink:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.documents_path = self.folder / "documents.jsonl"
        self.errors_path = self.folder / "errors.jsonl"
        self._done: set[str] = set()
        for path in (self.documents_path, self.errors_path):
            self._done |= _repair_and_read(path)
        self._documents: TextIO = self.documents_path.open("a", encoding="utf-8")
        self._errors: TextIO = self.errors_path.open("a", encoding="utf-8")

    def done_hashes(self) -> set[str]:
        return set(self._done)

    def write(self, results: Iterable[dict[str, Any]]) -> None:
        for result in results:
            if result["ok"]:
                self._documents.write(json.dumps(result["document"], ensure_ascii=False) + "\n")
            else:
                record = {
                    "file": result["name"],
                    "sha256": result.get("sha256"),
                    "stage": result.get("stage"),
                    "reason": result.get("reason"),
                    "message": result.get("message"),
                }
                self._errors.write(json.dumps(record, ensure_ascii=False) + "\n")
        for handle in (self._documents, self._errors):
            handle.flush()
            os.fsync(handle.fileno())

    def close(self) -> None:
        self._documents.close()
        self._errors.close()


def _repair_and_read(path: Path) -> set[str]:
    """Content hashes recorded in a JSONL file; a torn last line is cut off."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        with path.open("r+b") as handle:
            handle.truncate(end)
    hashes = set()
    for line in data[:end].splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        digest = (record.get("source") or {}).get("sha256") or record.get("sha256")
        if digest:
            hashes.add(digest)
    return hashes
