"""The store keeps documents and tasks exactly: a document read back equals the parsed one (every
gold document of corpora/gold), and every archive document's tasks come back from the store as
they were built (skipped without ../shared/corpus)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

import pytest

from vanban_nlp.batch.run import run_batch
from vanban_nlp.export.tasks import to_ics
from vanban_nlp.model import Document, Task
from vanban_nlp.obligations.tasks import build_tasks
from vanban_nlp.pipeline import parse

from .conftest import ARCHIVE, CORPORA


def test_every_gold_document_round_trips_through_its_dict() -> None:
    golds = sorted((CORPORA / "gold").glob("*.json"))
    assert len(golds) >= 20
    for gold in golds:
        raw = CORPORA / json.loads(gold.read_text(encoding="utf-8"))["raw"]
        document = parse(raw)
        again = Document.from_dict(json.loads(json.dumps(document.to_dict(), ensure_ascii=False)))
        assert again == document, gold.name
        assert [asdict(t) for t in build_tasks(again)] == [asdict(t) for t in build_tasks(document)]


@pytest.fixture(scope="module")
def archive_store(tmp_path_factory) -> Path:
    if not ARCHIVE.is_dir():
        pytest.skip("needs ../shared/corpus/archive")
    db = tmp_path_factory.mktemp("kho-luu-tru") / "kho.sqlite"
    summary = run_batch([str(ARCHIVE)], db, workers=2)
    assert summary.done > 200 and summary.bad_inputs == []
    return db


def stored(db: Path) -> list[tuple[str, dict, list[Task]]]:
    connection = sqlite3.connect(db)
    rows = []
    for doc_id, path, doc_json in connection.execute("SELECT id, path, json FROM documents ORDER BY id"):
        tasks = [
            Task.from_dict({**json.loads(task_json), "status": status})
            for task_json, status in connection.execute(
                "SELECT task, status FROM tasks WHERE doc_id = ? ORDER BY position", (doc_id,)
            )
        ]
        rows.append((path, json.loads(doc_json), tasks))
    connection.close()
    return rows


def without_id(task: Task) -> dict:
    fields = asdict(task)
    del fields["id"]
    return fields


def test_every_archive_documents_tasks_come_back_from_the_store(archive_store: Path) -> None:
    documents = stored(archive_store)
    all_ids = [t.id for _, _, tasks in documents for t in tasks]
    obligations = sum(len(doc["obligations"]) for _, doc, _ in documents)
    assert obligations > 3000  # about 19 per letter over 247 documents
    assert len(all_ids) == obligations, "one task per obligation, none lost"
    assert len(set(all_ids)) == len(all_ids), "task ids unique across the store"
    for path, doc, tasks in documents:
        built = build_tasks(Document.from_dict(doc))
        assert [without_id(t) for t in tasks] == [without_id(t) for t in built], path
        assert [t.id.rsplit("#", 1)[1] for t in tasks] == [t.id.rsplit("#", 1)[1] for t in built], path
    recurring = [t for _, _, tasks in documents for t in tasks if t.recurrence and (t.issued or t.deadline)]
    ics = to_ics([t for _, _, tasks in documents for t in tasks])
    assert ics.count(b"RRULE:") == len(recurring) > 100


def test_a_sample_of_archive_files_gives_the_same_tasks_parsed_or_stored(archive_store: Path) -> None:
    documents = [(path, tasks) for path, _, tasks in stored(archive_store) if "!/" not in path]
    for path, tasks in documents[::25]:
        assert [without_id(t) for t in build_tasks(parse(path))] == [without_id(t) for t in tasks], path
