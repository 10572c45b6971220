"""`vanban export-gold`: the documents a clerk confirmed, as gold annotations (format of the shared
corpus/README.md) beside their original files, so corrections feed `vanban eval` and training.

A confirmed document gives `gold/<id>.json` and `raw/<id>.<ext>` (its original bytes: the upload
kept in the store, or the batch file when it still has the same content). The gold holds what the
clerk checked: the heading fields shown on the document page and the obligations as confirmed
(`anchor` is the passage of the text each task came from, so the scorer finds it verbatim).
References, dates and items were not reviewed and are left out (a key absent is not scored).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .desk import HEADER_FIELDS, Desk

SUFFIXES = {"txt": ".txt", "docx": ".docx", "pdf": ".pdf", "html": ".html"}


@dataclass
class GoldExport:
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (document, why)


def gold_id(number: str | None, sha256: str) -> str:
    """A file name from the document's number and content hash (ASCII, never from an upload name)."""
    folded = unicodedata.normalize("NFD", (number or "vb").replace("Đ", "D").replace("đ", "d"))
    ascii_number = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_number).strip("-")[:60] or "vb"
    return f"{slug}_{sha256[:8]}"


def gold_for(desk: Desk, doc_id: int, raw: str) -> dict:
    document = desk.document_json(doc_id)
    header = desk.header(doc_id)
    gold: dict = {"id": Path(raw).stem, "raw": raw, "kind": document["kind"]}
    gold["header"] = {k: header[k] for k in HEADER_FIELDS if header.get(k)}
    obligations = []
    for task in desk.document_tasks(doc_id):
        if task.rejected or task.anchor is None:
            continue
        start, end = task.anchor
        anchor = re.sub(r"\s+", " ", document["text"][start:end]).strip()
        entry: dict = {
            "anchor": anchor or task.task.content,
            "actors": task.task.actors,
            "collaborators": task.task.collaborators,
            "modality": task.task.modality,
        }
        if task.task.deadline:
            entry["deadline"] = task.task.deadline
        if task.task.recurrence:
            entry["recurrence"] = task.task.recurrence
        obligations.append(entry)
    gold["obligations"] = obligations
    return gold


def original_bytes(desk: Desk, document: dict) -> bytes | None:
    """The document's original file: kept in the store for uploads, else the batch input when its
    content is still the same."""
    digest = document["source"]["sha256"]
    data = desk.original(digest)
    if data is not None:
        return data
    path = Path(document["source"]["path"])
    try:
        if path.is_file():
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == digest:
                return data
    except OSError:
        return None
    return None


def export_gold(desk: Desk, out: Path) -> GoldExport:
    result = GoldExport()
    gold_dir, raw_dir = out / "gold", out / "raw"
    gold_dir.mkdir(parents=True, exist_ok=True)
    raw_dir.mkdir(parents=True, exist_ok=True)
    for doc_id in desk.confirmed_documents():
        document = desk.document_json(doc_id)
        name = gold_id(desk.header(doc_id).get("number"), document["source"]["sha256"])
        data = original_bytes(desk, document)
        if data is None:
            result.skipped.append((document["source"]["path"], "original"))
            continue
        raw = f"raw/{name}{SUFFIXES.get(document['source']['format'], '.txt')}"
        (out / raw).write_bytes(data)
        gold = gold_for(desk, doc_id, raw)
        (gold_dir / f"{name}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        result.written.append(str(gold_dir / f"{name}.json"))
    return result
