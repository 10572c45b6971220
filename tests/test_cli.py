"""The `vanban` command as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from vanban_nlp.cli import app
from vanban_nlp.export.document_json import json_schema

from .conftest import SAMPLE_LETTER

runner = CliRunner()


def test_parse_writes_valid_document_json(tmp_path: Path, heading_docx: Path, heading_pdf: Path) -> None:
    result = runner.invoke(
        app,
        ["parse", str(SAMPLE_LETTER), str(heading_docx), str(heading_pdf), "--out", str(tmp_path / "out")],
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    # the DOCX and the PDF share a stem: each keeps its own output, named with its suffix (issue 15, item 7)
    assert written == ["cong-van-snv.docx.json", "cong-van-snv.pdf.json", "cv-so-tttt-chuyen-doi-so.json"]
    for path in (tmp_path / "out").glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(document, json_schema())
        for ref in document["references"]:
            start, end = ref["span"]
            assert document["text"][start:end] == ref["text"]
        for date in document["dates"]:
            assert document["text"][slice(*date["span"])] == date["text"]


def test_parse_to_stdout_and_other_formats() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE_LETTER)])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["header"]["number"] == "1247/STTTT-VP"
    markdown = runner.invoke(app, ["parse", str(SAMPLE_LETTER), "--format", "md"]).stdout
    assert markdown.startswith("# Công văn số 1247/STTTT-VP") and "## Văn bản được viện dẫn" in markdown
    table = runner.invoke(app, ["parse", str(SAMPLE_LETTER), "--format", "table"]).stdout
    assert "05/CT-UBND" in table


def test_unreadable_files_are_reported_and_the_rest_processed(tmp_path: Path, scanned_pdf: Path) -> None:
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a zip")
    result = runner.invoke(
        app, ["parse", str(scanned_pdf), str(broken), str(SAMPLE_LETTER), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "scan.pdf: PDF bản quét: không có lớp chữ; cần nhận dạng chữ (OCR)" in result.stderr
    assert "hong.docx: tệp DOCX hỏng" in result.stderr
    assert "Traceback" not in result.output
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["cv-so-tttt-chuyen-doi-so.json"]


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE_LETTER), "--max-mb", "0.001"])
    assert result.exit_code == 2 and "vượt giới hạn" in result.stderr


def test_schema_command_prints_the_published_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"].startswith("vanban-nlp document JSON")
