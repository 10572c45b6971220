"""The embedded store: SQLite with FTS5. Documents, references, dates, items, obligations, tasks
and errors; a full-text index over document text and obligations; versioned with migrations."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, kind TEXT, number TEXT,
        doc_type TEXT, issuer TEXT, date TEXT, subject TEXT, json TEXT NOT NULL, added_at TEXT DEFAULT CURRENT_TIMESTAMP);
    CREATE TABLE doc_references (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, number TEXT NOT NULL, doc_type TEXT,
        date TEXT, issuer TEXT);
    CREATE INDEX doc_references_number ON doc_references(number);
    CREATE TABLE dates (doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, value TEXT, role TEXT);
    CREATE TABLE items (doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, path TEXT, label TEXT,
        depth INTEGER, text TEXT);
    CREATE TABLE obligations (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, oid TEXT, item TEXT, text TEXT,
        actors TEXT, collaborators TEXT, action TEXT, modality TEXT, deadline TEXT, recurrence TEXT, refs TEXT);
    CREATE TABLE tasks (
        id TEXT NOT NULL, doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, actors TEXT,
        collaborators TEXT, content TEXT, deadline TEXT, recurrence TEXT, modality TEXT, source TEXT,
        status TEXT NOT NULL DEFAULT 'open', updated_at TEXT DEFAULT CURRENT_TIMESTAMP, UNIQUE(doc_id, id));
    CREATE INDEX tasks_id ON tasks(id);
    CREATE INDEX tasks_deadline ON tasks(deadline);
    CREATE TABLE errors (path TEXT NOT NULL, sha256 TEXT, stage TEXT, reason TEXT, message TEXT,
        added_at TEXT DEFAULT CURRENT_TIMESTAMP);
    CREATE UNIQUE INDEX errors_key ON errors(path, sha256);
    CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='', tokenize='unicode61');
    CREATE VIRTUAL TABLE obligations_fts USING fts5(text, actors, task_id UNINDEXED, tokenize='unicode61');
    """,
]
STATUSES = ("open", "in_progress", "done")


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(str(self.path), timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.db.execute("SELECT version FROM schema_version").fetchone()
        version = row[0] if row else 0
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # one transaction per migration: the schema and its version number change together
            self.db.executescript(
                f"BEGIN; {script}; DELETE FROM schema_version; "
                f"INSERT INTO schema_version VALUES ({number}); COMMIT;"
            )

    @property
    def version(self) -> int:
        return self.db.execute("SELECT version FROM schema_version").fetchone()[0]

    def done_hashes(self) -> set[str]:
        hashes = {r[0] for r in self.db.execute("SELECT sha256 FROM documents")}
        hashes |= {r[0] for r in self.db.execute("SELECT sha256 FROM errors WHERE sha256 IS NOT NULL")}
        return hashes

    def write(self, results: Iterable[dict[str, Any]]) -> None:
        """Store a chunk of worker results in one transaction (all of it or none of it)."""
        with self.db:
            for result in results:
                if result["ok"]:
                    self._add_document(result["document"])
                else:
                    self.db.execute(
                        "INSERT OR REPLACE INTO errors(path, sha256, stage, reason, message) VALUES (?,?,?,?,?)",
                        (
                            result["name"],
                            result.get("sha256"),
                            result.get("stage"),
                            result.get("reason"),
                            result.get("message"),
                        ),
                    )

    def _add_document(self, doc: dict[str, Any]) -> None:
        from ..model import Obligation
        from ..obligations.tasks import build_tasks

        header = doc["header"]
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO documents(path, sha256, kind, number, doc_type, issuer, date, subject, json) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (
                doc["source"]["path"],
                doc["source"]["sha256"],
                doc["kind"],
                header["number"],
                header["doc_type"],
                header["issuer"],
                header["date"],
                header["subject"],
                json.dumps(doc, ensure_ascii=False),
            ),
        )
        if cursor.rowcount == 0:
            return  # the same content is already stored
        doc_id = cursor.lastrowid
        self.db.execute("INSERT INTO documents_fts(rowid, text) VALUES (?, ?)", (doc_id, doc["text"]))
        self.db.executemany(
            "INSERT INTO doc_references VALUES (?,?,?,?,?)",
            [(doc_id, r["number"], r["doc_type"], r["date"], r["issuer"]) for r in doc["references"]],
        )
        self.db.executemany(
            "INSERT INTO dates VALUES (?,?,?)", [(doc_id, d["value"], d["role"]) for d in doc["dates"]]
        )
        self.db.executemany("INSERT INTO items VALUES (?,?,?,?,?)", list(_item_rows(doc_id, doc["items"])))
        document = _document_from_dict(doc)
        document.obligations = [
            Obligation(**{k: (tuple(v) if k == "span" else v) for k, v in o.items()})
            for o in doc["obligations"]
        ]
        for o, task in zip(doc["obligations"], build_tasks(document)):
            self.db.execute(
                "INSERT INTO obligations VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc_id,
                    o["id"],
                    o["item"],
                    o["text"],
                    json.dumps(o["actors"], ensure_ascii=False),
                    json.dumps(o["collaborators"], ensure_ascii=False),
                    o["action"],
                    o["modality"],
                    o["deadline"],
                    json.dumps(o["recurrence"]),
                    json.dumps(o["refs"], ensure_ascii=False),
                ),
            )
            self.db.execute(
                "INSERT INTO obligations_fts(text, actors, task_id) VALUES (?, ?, ?)",
                (o["text"], "; ".join(o["actors"]), task.id),
            )
            self.db.execute(
                "INSERT OR IGNORE INTO tasks(id, doc_id, actors, collaborators, content, deadline, recurrence, modality,"
                " source) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    task.id,
                    doc_id,
                    json.dumps(task.actors, ensure_ascii=False),
                    json.dumps(task.collaborators, ensure_ascii=False),
                    task.content,
                    task.deadline or task.deadline_text,
                    json.dumps(task.recurrence),
                    task.modality,
                    task.source_title,
                ),
            )

    # --- reading ------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {
            table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "errors", "doc_references", "obligations", "tasks")
        }

    def find_tasks(
        self,
        actor: str | None = None,
        deadline_before: str | None = None,
        overdue: bool = False,
        cites: str | None = None,
        status: str | None = None,
        text: str | None = None,
        today: str | None = None,
    ) -> list[dict[str, Any]]:
        sql = [
            "SELECT t.id, t.actors, t.collaborators, t.content, t.deadline, t.recurrence, t.modality, t.source,"
            " t.status, d.path FROM tasks t JOIN documents d ON d.id = t.doc_id WHERE 1=1"
        ]
        args: list[Any] = []
        if actor:
            sql.append("AND t.actors LIKE ?")
            args.append(f"%{actor}%")
        if deadline_before:
            sql.append("AND t.deadline GLOB '[0-9][0-9][0-9][0-9]-*' AND t.deadline < ?")
            args.append(deadline_before)
        if overdue:
            sql.append(
                "AND t.status != 'done' AND t.deadline GLOB '[0-9][0-9][0-9][0-9]-*' AND t.deadline < ?"
            )
            args.append(today or date.today().isoformat())
        if cites:
            sql.append("AND t.doc_id IN (SELECT doc_id FROM doc_references WHERE upper(number) = upper(?))")
            args.append(cites)
        if status:
            sql.append("AND t.status = ?")
            args.append(status)
        if text:
            sql.append("AND t.id IN (SELECT task_id FROM obligations_fts WHERE obligations_fts MATCH ?)")
            args.append(text)
        sql.append("ORDER BY t.deadline IS NULL, t.deadline, t.id")
        columns = [
            "id",
            "actors",
            "collaborators",
            "content",
            "deadline",
            "recurrence",
            "modality",
            "source",
            "status",
            "path",
        ]
        rows = []
        for row in self.db.execute(" ".join(sql), args):
            record = dict(zip(columns, row))
            for key in ("actors", "collaborators", "recurrence"):
                record[key] = json.loads(record[key]) if record[key] else []
            rows.append(record)
        return rows

    def set_status(self, task_id: str, status: str) -> int:
        """Set the status of the task(s) with this id; returns how many changed."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        with self.db:
            cursor = self.db.execute(
                "UPDATE tasks SET status = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?", (status, task_id)
            )
        return cursor.rowcount

    def search_documents(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT d.path, d.number, d.doc_type, d.date, d.subject FROM documents_fts f JOIN documents d ON d.id = f.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [dict(zip(("path", "number", "doc_type", "date", "subject"), r)) for r in rows]

    def close(self) -> None:
        self.db.close()


def _item_rows(doc_id: int, items: list[dict], depth: int = 0, path: str = ""):
    for item in items:
        item_path = f"{path}{item['label']}"
        yield doc_id, item_path, item["label"], depth, item["text"][:500]
        yield from _item_rows(doc_id, item["children"], depth + 1, item_path)


def _document_from_dict(doc: dict[str, Any]):
    from ..model import Document, Header, Source

    header = Header(**{k: v for k, v in doc["header"].items() if k not in ("signer", "spans")})
    source = Source(**doc["source"])
    return Document(source=source, text="", kind=doc["kind"], header=header)
