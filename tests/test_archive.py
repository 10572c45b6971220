"""Every real file of the shared archive parses or fails with a clear error (skipped without ../shared)."""

from __future__ import annotations

import json
from collections import Counter

import jsonschema
import pytest

from vanban_nlp import parse
from vanban_nlp.errors import DocumentError
from vanban_nlp.export.document_json import json_schema

from .conftest import ARCHIVE, DEV

ARCHIVE_FILES = (
    sorted(p for p in ARCHIVE.rglob("*") if p.is_file() and p.suffix not in (".jsonl", ".json"))
    if ARCHIVE.exists()
    else []
)


@pytest.mark.skipif(not ARCHIVE.exists(), reason="../shared/corpus/archive is not present")
def test_every_archive_file_gives_a_document_or_a_clear_error() -> None:
    outcomes: Counter[str] = Counter()
    schema = json_schema()
    for path in ARCHIVE_FILES:
        try:
            # OCR of the scans is measured by benchmarks/ocr_accuracy.py; tests/test_ocr.py reads one
            document = parse(path, ocr="never")
        except DocumentError as exc:
            assert exc.path == str(path) and exc.message, path
            outcomes[exc.reason] += 1
            continue
        data = document.to_dict()
        jsonschema.validate(data, schema)
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        outcomes["parsed"] += 1
    assert sum(outcomes.values()) == len(ARCHIVE_FILES)
    # the image-only PDFs are the only files without text
    assert outcomes["parsed"] >= len(ARCHIVE_FILES) - 30
    assert set(outcomes) <= {"parsed", "scanned-pdf"}, outcomes


@pytest.mark.skipif(not ARCHIVE.exists(), reason="../shared/corpus/archive is not present")
def test_heading_number_and_type_agree_with_the_archive_metadata() -> None:
    """The source metadata of the vbpl.vn pages and DOCX files names their số hiệu and loại văn bản."""
    checked = agree_number = agree_type = 0
    for manifest in ARCHIVE.glob("*/manifest.jsonl"):
        for line in manifest.read_text(encoding="utf-8").splitlines():
            meta = json.loads(line)
            expected = (
                (meta.get("heuristic") or {}).get("so_hieu_header")
                or meta.get("so_hieu_header")
                or meta.get("so_hieu")
            )
            kind = meta.get("loai_van_ban_from_url") or meta.get("loai_van_ban")
            files = meta.get("files") or {}
            name = files.get("txt") or files.get("html") or files.get("gold_txt") or meta.get("file")
            if not expected or "/" not in expected or not name or not (manifest.parent / name).exists():
                continue
            document = parse(manifest.parent / name)
            checked += 1
            expected = expected.split()[-1]  # some sources write "Quyết định số 28/2026/QĐ-TTg"
            agree_number += (document.header.number or "").replace("Đ", "D") == expected.replace("Đ", "D")
            agree_type += kind is None or document.header.doc_type == kind
    assert checked >= 20
    assert agree_number / checked >= 0.9, (agree_number, checked)
    assert agree_type / checked >= 0.9, (agree_type, checked)


@pytest.mark.skipif(not DEV.exists(), reason="../shared/corpus/dev is not present")
def test_dev_texts_parse() -> None:
    for raw in sorted((DEV / "raw").glob("*.txt")):
        assert parse(raw).text
