"""Batch runs: parallel, resumable after a kill, nothing lost; SQLite store and JSONL; Dask."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban_nlp.batch.run import run_batch
from vanban_nlp.cli import app
from vanban_nlp.store.sqlite import Store

from .conftest import CORPORA

runner = CliRunner()


def make_archive(folder: Path, copies: int) -> list[Path]:
    """Distinct letters (each copy differs by its number) plus two files that cannot be read."""
    folder.mkdir(parents=True, exist_ok=True)
    originals = sorted((CORPORA / "raw").glob("*.txt"))
    paths = []
    for i in range(copies):
        source = originals[i % len(originals)].read_text(encoding="utf-8")
        path = folder / f"vb-{i:04d}.txt"
        path.write_text(source.replace("Số: ", f"Số: {i}", 1) + f"\n(bản lưu {i})\n", encoding="utf-8")
        paths.append(path)
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "rong.txt").write_text("   \n", encoding="utf-8")
    return paths + [folder / "hong.docx", folder / "rong.txt"]


def store_rows(db: Path) -> tuple[list[str], list[str]]:
    connection = sqlite3.connect(db)
    documents = [r[0] for r in connection.execute("SELECT path FROM documents")]
    errors = [r[0] for r in connection.execute("SELECT path FROM errors")]
    connection.close()
    return documents, errors


def test_batch_into_store_counts_every_file(tmp_path: Path) -> None:
    files = make_archive(tmp_path / "in", 12)
    summary = run_batch([str(tmp_path / "in")], tmp_path / "out.sqlite", workers=2)
    assert (summary.total, summary.done, summary.failed, summary.skipped) == (14, 12, 2, 0)
    assert summary.reasons == {"corrupt-file": 1, "empty-file": 1}
    documents, errors = store_rows(tmp_path / "out.sqlite")
    assert sorted(documents + errors) == sorted(str(p) for p in files)
    again = run_batch([str(tmp_path / "in")], tmp_path / "out.sqlite", workers=2)
    assert (again.done, again.failed, again.skipped) == (0, 0, 14)


def test_killed_batch_resumes_and_accounts_for_every_file_once(tmp_path: Path) -> None:
    files = make_archive(tmp_path / "in", 160)
    db = tmp_path / "store.sqlite"
    command = [
        sys.executable,
        "-m",
        "vanban_nlp.cli",
        "batch",
        str(tmp_path / "in"),
        "--out",
        str(db),
        "--workers",
        "2",
        "--chunk-size",
        "2",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = len(store_rows(db)[0])
            except sqlite3.OperationalError:
                continue
            if stored >= 10:
                break
    assert process.poll() is None, "the batch finished before it could be killed; give it more files"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    documents, errors = store_rows(db)
    assert 0 < len(documents) + len(errors) < len(files)
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    documents, errors = store_rows(db)
    accounted = documents + errors
    assert sorted(accounted) == sorted(str(p) for p in files), "every file exactly once"
    assert "bỏ qua (đã có)" in result.stderr


def test_jsonl_output_with_zip_input_and_torn_line(tmp_path: Path) -> None:
    files = make_archive(tmp_path / "in", 4)
    archive = tmp_path / "vanban.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in files:
            zipped.write(path, f"thu-muc/{path.name}")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(archive), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    documents = [json.loads(l) for l in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(l) for l in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(documents) == 4 and len(errors) == 2
    assert documents[0]["source"]["path"].startswith(f"{archive}!/thu-muc/")
    assert {e["stage"] for e in errors} <= {"read", "parse"} and all(e["message"] for e in errors)
    # a run killed while writing leaves half a line: it is dropped and that document redone
    with (out / "documents.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"schema": "vanban-nlp/document/1", "source": {"sha256": "ab')
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    lines.pop(-2)  # forget one finished document too
    (out / "documents.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["batch", str(archive), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0
    final = [json.loads(l) for l in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(d["source"]["path"] for d in final) == sorted(d["source"]["path"] for d in documents)


def test_store_queries_and_task_status(tmp_path: Path) -> None:
    run_batch([str(CORPORA / "raw")], tmp_path / "s.sqlite", workers=1)
    store = Store(tmp_path / "s.sqlite")
    assert store.version == 3
    office = store.find_tasks(actor="Văn phòng Sở")
    assert any(t.id == "1247/STTTT-VP#4." for t in office)
    overdue = store.find_tasks(overdue=True, today="2024-04-01")
    assert "1247/STTTT-VP#1." in [t.id for t in overdue]
    citing = store.find_tasks(cites="05/CT-UBND")
    assert citing and all(t.source_path.endswith("cv-so-tttt-chuyen-doi-so.txt") for t in citing)
    assert store.find_tasks(text="thư điện tử")[0].modality == "prohibition"
    assert [r["number"] for r in store.search_documents("rét đậm")] == ["02/CĐ-UBND"]
    store.close()
    result = runner.invoke(
        app,
        [
            "tasks",
            "--db",
            str(tmp_path / "s.sqlite"),
            "--set-status",
            "1247/STTTT-VP#1.",
            "done",
            "--status",
            "done",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert [t["id"] for t in json.loads(result.stdout)] == ["1247/STTTT-VP#1."]


def test_dask_cluster_gives_the_same_results(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    make_archive(tmp_path / "in", 8)
    run_batch([str(tmp_path / "in")], tmp_path / "local.sqlite", workers=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        summary = run_batch(
            [str(tmp_path / "in")], tmp_path / "dask.sqlite", scheduler=cluster.scheduler_address
        )
    assert (summary.done, summary.failed) == (8, 2)

    def content(db: Path) -> list[tuple]:
        connection = sqlite3.connect(db)
        rows = sorted(connection.execute("SELECT sha256, json FROM documents"))
        errors = sorted(connection.execute("SELECT path, reason FROM errors"))
        connection.close()
        return rows + errors

    assert content(tmp_path / "local.sqlite") == content(tmp_path / "dask.sqlite")
