"""The embedded store: SQLite with FTS5. Documents, references, dates, items, obligations, tasks
and errors; a full-text index over document text and obligations; versioned with migrations.

One current version per path: when a file's content changes, its new document (or error)
replaces the earlier one. Tasks keep every field of `Task`, so a task read from the store equals
the task built from the file. User text given to searches is quoted into FTS5 phrases, and actor
filters fold case and Vietnamese diacritics, so no input is ever read as query syntax.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from ..i18n import _
from ..model import Document, Task

MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: the first schema
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, kind TEXT,
        number TEXT, doc_type TEXT, issuer TEXT, date TEXT, subject TEXT, json TEXT NOT NULL,
        added_at TEXT DEFAULT CURRENT_TIMESTAMP);
    CREATE TABLE doc_references (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, number TEXT NOT NULL,
        doc_type TEXT, date TEXT, issuer TEXT);
    CREATE INDEX doc_references_number ON doc_references(number);
    CREATE TABLE dates (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, value TEXT, role TEXT);
    CREATE TABLE items (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, path TEXT, label TEXT,
        depth INTEGER, text TEXT);
    CREATE TABLE obligations (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, oid TEXT, item TEXT,
        text TEXT, actors TEXT, collaborators TEXT, action TEXT, modality TEXT, deadline TEXT,
        recurrence TEXT, refs TEXT);
    CREATE TABLE tasks (
        id TEXT NOT NULL, doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        actors TEXT, collaborators TEXT, content TEXT, deadline TEXT, recurrence TEXT, modality TEXT,
        source TEXT, status TEXT NOT NULL DEFAULT 'open', updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
        UNIQUE(doc_id, id));
    CREATE INDEX tasks_id ON tasks(id);
    CREATE INDEX tasks_deadline ON tasks(deadline);
    CREATE TABLE errors (path TEXT NOT NULL, sha256 TEXT, stage TEXT, reason TEXT, message TEXT,
        added_at TEXT DEFAULT CURRENT_TIMESTAMP);
    CREATE UNIQUE INDEX errors_key ON errors(path, sha256);
    CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='', tokenize='unicode61');
    CREATE VIRTUAL TABLE obligations_fts USING fts5(text, actors, task_id UNINDEXED, tokenize='unicode61');
    """,
    # 2: tasks keep every field (unique ids across documents), rebuilt from the stored documents
    lambda db: _migrate_tasks_v2(db),
    # 3: the clerk's desk (vanban serve): uploaded originals and their parsing, the clerk's
    # corrections kept apart from the machine's tasks, and edit versions (a stale edit is refused)
    """
    ALTER TABLE tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TRIGGER tasks_status_version AFTER UPDATE OF status ON tasks
        WHEN NEW.version = OLD.version
        BEGIN UPDATE tasks SET version = OLD.version + 1 WHERE id = NEW.id; END;
    CREATE TABLE originals (
        sha256 TEXT PRIMARY KEY, format TEXT, size INTEGER NOT NULL, data BLOB NOT NULL);
    CREATE TABLE uploads (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued',
        doc_id INTEGER REFERENCES documents(id) ON DELETE SET NULL, reason TEXT, message TEXT,
        added_at TEXT DEFAULT CURRENT_TIMESTAMP, finished_at TEXT);
    CREATE INDEX uploads_state ON uploads(state);
    CREATE TABLE task_corrections (
        task_id TEXT PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        added INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,
        actors TEXT NOT NULL, deadline TEXT, due_by TEXT, task TEXT NOT NULL,
        anchor_start INTEGER, anchor_end INTEGER, status TEXT NOT NULL DEFAULT 'open',
        version INTEGER NOT NULL DEFAULT 1, updated_at TEXT DEFAULT CURRENT_TIMESTAMP);
    CREATE INDEX task_corrections_doc ON task_corrections(doc_id);
    CREATE TABLE document_reviews (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        header TEXT NOT NULL DEFAULT '{}', confirmed_at TEXT, version INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT DEFAULT CURRENT_TIMESTAMP);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
STATUSES = ("open", "in_progress", "done")

_TASKS_V2 = """
    CREATE TABLE tasks (
        id TEXT PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, actors TEXT NOT NULL, deadline TEXT, due_by TEXT,
        status TEXT NOT NULL DEFAULT 'open', task TEXT NOT NULL, updated_at TEXT DEFAULT CURRENT_TIMESTAMP);
    CREATE INDEX tasks_doc ON tasks(doc_id, position);
    CREATE INDEX tasks_due_by ON tasks(due_by);
"""


class StoreError(Exception):
    """A store that cannot be opened or written (not a store, damaged, newer, read-only)."""


class Store:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only and _needs_upgrade(self.path):
                Store(self.path).close()  # an older store is upgraded once, where it may be written
            if read_only:
                self.db = _connect_read_only(self.path)
            else:
                self.db = sqlite3.connect(str(self.path), timeout=30)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA foreign_keys=ON")
            self.db.create_function("vn_fold", 1, fold, deterministic=True)
            self._check_or_migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(_describe(exc)) from None

    def _check_or_migrate(self) -> None:
        has_version = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        version = self.db.execute("SELECT version FROM schema_version").fetchone()[0] if has_version else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                _("written by a newer vanban-nlp (schema {version}); upgrade vanban-nlp to read it").format(
                    version=version
                )
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                _(
                    "schema {version} must be upgraded first: run vanban batch or --set-status on it once"
                ).format(version=version)
            )
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            # one transaction per migration: the schema and its version number change together
            if isinstance(step, str):
                self.db.executescript(
                    f"BEGIN; {step}; DELETE FROM schema_version; "
                    f"INSERT INTO schema_version VALUES ({number}); COMMIT;"
                )
                continue
            self.db.commit()
            self.db.execute("BEGIN")
            try:
                step(self.db)
                self.db.execute("DELETE FROM schema_version")
                self.db.execute("INSERT INTO schema_version VALUES (?)", (number,))
                self.db.commit()
            except BaseException:
                self.db.rollback()
                raise

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
                digest = result["document"]["source"]["sha256"] if result["ok"] else result.get("sha256")
                _replace_earlier(self.db, result["name"], digest)
                if result["ok"]:
                    _add_document(self.db, result["document"])
                else:
                    self.db.execute(
                        "INSERT OR REPLACE INTO errors(path, sha256, stage, reason, message)"
                        " VALUES (?,?,?,?,?)",
                        (
                            result["name"],
                            result.get("sha256"),
                            result.get("stage"),
                            result.get("reason"),
                            result.get("message"),
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
        ids: Iterable[str] | None = None,
    ) -> list[Task]:
        """Tasks matching every filter given, by deadline (undated last), then document order.

        `actor`: part of a đơn vị chủ trì, ignoring case and diacritics; `deadline_before`: due
        before this ISO date; `overdue`: not done and due before `today`; `cites`: from documents
        citing this number; `text`: words of the obligation text (quoted, never query syntax)."""
        sql = ["SELECT t.task, t.status FROM tasks t WHERE 1=1"]
        args: list[Any] = []
        if actor and fold(actor).strip():
            sql.append("AND instr(vn_fold(t.actors), ?) > 0")
            args.append(fold(actor).strip())
        if deadline_before:
            sql.append("AND t.due_by < ?")
            args.append(deadline_before)
        if overdue:
            sql.append("AND t.status != 'done' AND t.due_by < ?")
            args.append(today or date.today().isoformat())
        if cites:
            sql.append("AND t.doc_id IN (SELECT doc_id FROM doc_references WHERE upper(number) = upper(?))")
            args.append(cites)
        if status:
            sql.append("AND t.status = ?")
            args.append(status)
        if text is not None:
            sql.append("AND t.id IN (SELECT task_id FROM obligations_fts WHERE obligations_fts MATCH ?)")
            args.append(fts_phrases(text))
        if ids is not None:
            wanted = list(ids)
            sql.append(f"AND t.id IN ({', '.join('?' * len(wanted))})" if wanted else "AND 0")
            args.extend(wanted)
        sql.append("ORDER BY t.due_by IS NULL, t.due_by, t.doc_id, t.position")
        tasks = []
        for task_json, task_status in self.db.execute(" ".join(sql), args):
            task = Task.from_dict(json.loads(task_json))
            task.status = task_status
            tasks.append(task)
        return tasks

    def set_status(self, task_id: str, status: str) -> int:
        """Set the status of the task with this id; returns how many changed (0 or 1)."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        with self.db:
            cursor = self.db.execute(
                "UPDATE tasks SET status = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?", (status, task_id)
            )
        return cursor.rowcount

    def search_documents(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents whose text holds every word of `query` (each word a quoted phrase, so
        "19/CĐ-TTg" finds the number and no character is query syntax), best first."""
        phrases = fts_phrases(query)
        if not phrases:
            return []
        rows = self.db.execute(
            "SELECT d.path, d.number, d.doc_type, d.date, d.subject FROM documents_fts f"
            " JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (phrases, limit),
        )
        return [dict(zip(("path", "number", "doc_type", "date", "subject"), r, strict=True)) for r in rows]

    def close(self) -> None:
        self.db.close()


def _describe(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return _("cannot open the store for writing (read-only file or folder?)") + f" ({text})"
    return _("not a vanban store, or a damaged one ({problem})").format(problem=text)


def _needs_upgrade(path: Path) -> bool:
    """An older schema in a store we may write (a read-only one is read as it is, or refused)."""
    if not (path.is_file() and _writable_folder(path.parent) and os.access(path, os.W_OK)):
        return False
    db = _connect_read_only(path)
    try:
        row = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        version = db.execute("SELECT version FROM schema_version").fetchone()[0] if row else SCHEMA_VERSION
    except sqlite3.DatabaseError:
        return False  # not a store: reported by the read-only open
    finally:
        db.close()
    return version < SCHEMA_VERSION


def _writable_folder(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open without writing anything, even in a folder we cannot write (no -wal/-shm files then)."""
    if not path.is_file():
        raise StoreError(_("no such store"))
    uri = path.resolve().as_uri() + "?mode=ro"
    writable_folder = _writable_folder(path.parent)
    try:
        db = sqlite3.connect(uri if writable_folder else uri + "&immutable=1", uri=True, timeout=30)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        if not writable_folder:
            raise
    # a WAL store whose folder became unwritable since the check
    return sqlite3.connect(uri + "&immutable=1", uri=True)


# --- text helpers -------------------------------------------------------------------------
_WORD = re.compile(r"\S+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # never in indexed text; a NUL would end the query string


def fts_phrases(text: str) -> str:
    """User text as an FTS5 query: every whitespace-separated word a quoted phrase (all must
    match). Quotes are doubled, so `"`, `*`, `NEAR(`, `OR`, `19/CĐ-TTg` are just text; words
    with nothing to index (only punctuation) are left out."""
    phrases = []
    for word in _WORD.findall(_CONTROL.sub(" ", text)):
        if not any(ch.isalnum() for ch in word):
            continue
        phrases.append('"' + word.replace('"', '""') + '"')
    return " ".join(phrases)


def fold(text: str | None) -> str:
    """Case and diacritics folded the Vietnamese way: "CỤC THUẾ", "Cục Thuế", "cuc thue" → "cuc thue"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def due_by(deadline: str | None) -> str | None:
    """The last day a deadline allows: a month "2024-06" runs to 2024-06-30, a year to 31 December."""
    if not deadline or not deadline[:4].isdigit():
        return None
    if len(deadline) == 7:
        year, month = int(deadline[:4]), int(deadline[5:7])
        if 1 <= month <= 12:
            return f"{deadline}-{calendar.monthrange(year, month)[1]:02d}"
    if len(deadline) == 4:
        return f"{deadline}-12-31"
    return deadline


# --- writing ------------------------------------------------------------------------------
def _replace_earlier(db: sqlite3.Connection, path: str, digest: str | None) -> None:
    """A path whose content changed: its earlier document or error gives way to the new one."""
    for doc_id, doc_json in db.execute(
        "SELECT id, json FROM documents WHERE path = ? AND sha256 IS NOT ?", (path, digest)
    ).fetchall():
        _remove_document(db, doc_id, json.loads(doc_json)["text"])
    db.execute("DELETE FROM errors WHERE path = ? AND sha256 IS NOT ?", (path, digest))


def _remove_document(db: sqlite3.Connection, doc_id: int, text: str) -> None:
    db.execute(
        "DELETE FROM obligations_fts WHERE task_id IN (SELECT id FROM tasks WHERE doc_id = ?)", (doc_id,)
    )
    # documents_fts keeps no content: a row is removed by giving back what was indexed
    db.execute(
        "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', ?, ?)", (doc_id, text)
    )
    for table in ("doc_references", "dates", "items", "obligations", "tasks"):
        db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def _add_document(db: sqlite3.Connection, doc: dict[str, Any]) -> None:
    header = doc["header"]
    cursor = db.execute(
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
    assert doc_id is not None
    db.execute("INSERT INTO documents_fts(rowid, text) VALUES (?, ?)", (doc_id, doc["text"]))
    db.executemany(
        "INSERT INTO doc_references VALUES (?,?,?,?,?)",
        [(doc_id, r["number"], r["doc_type"], r["date"], r["issuer"]) for r in doc["references"]],
    )
    db.executemany(
        "INSERT INTO dates VALUES (?,?,?)", [(doc_id, d["value"], d["role"]) for d in doc["dates"]]
    )
    db.executemany("INSERT INTO items VALUES (?,?,?,?,?)", list(_item_rows(doc_id, doc["items"])))
    _add_tasks(db, doc_id, doc)


def _add_tasks(
    db: sqlite3.Connection, doc_id: int, doc: dict[str, Any], statuses: dict | None = None
) -> None:
    """Obligations and their tasks. Task ids are unique in the store: a document whose number
    another stored document has too gets ids with its content hash."""
    from ..obligations.tasks import build_tasks

    document = Document.from_dict(doc)
    number = document.header.number
    shared = bool(number) and (
        db.execute(
            "SELECT 1 FROM documents WHERE number = ? AND id != ? LIMIT 1", (number, doc_id)
        ).fetchone()
        is not None
    )
    taken = {
        r[0]
        for r in db.execute(
            "SELECT id FROM tasks WHERE id >= ? AND id < ?",
            (_prefix_floor(document, shared), _prefix_ceiling(document, shared)),
        )
    }
    tasks = build_tasks(document, shared_number=shared, taken=taken)
    for position, (o, task) in enumerate(zip(doc["obligations"], tasks, strict=True)):
        db.execute(
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
        db.execute(
            "INSERT INTO obligations_fts(text, actors, task_id) VALUES (?, ?, ?)",
            (o["text"], "; ".join(o["actors"]), task.id),
        )
        status = (statuses or {}).get(position, task.status)
        record = asdict(task)
        del record["status"]
        db.execute(
            "INSERT INTO tasks(id, doc_id, position, actors, deadline, due_by, status, task)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (
                task.id,
                doc_id,
                position,
                json.dumps(task.actors, ensure_ascii=False),
                task.deadline,
                due_by(task.deadline),
                status,
                json.dumps(record, ensure_ascii=False),
            ),
        )


def _prefix_floor(document: Document, shared: bool) -> str:
    from ..obligations.tasks import task_prefix

    return task_prefix(document, shared) + "#"


def _prefix_ceiling(document: Document, shared: bool) -> str:
    from ..obligations.tasks import task_prefix

    return task_prefix(document, shared) + "$"  # "$" sorts right after "#"


def _item_rows(doc_id: int, items: list[dict], depth: int = 0, path: str = ""):
    for item in items:
        item_path = f"{path}{item['label']}"
        yield doc_id, item_path, item["label"], depth, item["text"][:500]
        yield from _item_rows(doc_id, item["children"], depth + 1, item_path)


def _legacy_ids(document: Document) -> list[str]:
    """The task ids schema version 1 gave (to carry task statuses over to version 2)."""
    source = document.header.number or f"vb-{document.source.sha256[:8]}"
    seen: dict[str, int] = {}
    ids = []
    for obligation in document.obligations:
        key = f"{source}#{obligation.item or 'đoạn'}"
        seen[key] = seen.get(key, 0) + 1
        ids.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return ids


def _migrate_tasks_v2(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE tasks RENAME TO tasks_v1")
    db.execute("DROP INDEX IF EXISTS tasks_id")
    db.execute("DROP INDEX IF EXISTS tasks_deadline")
    for statement in _TASKS_V2.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("DELETE FROM obligations")
    db.execute("DELETE FROM obligations_fts")
    old_status: dict[tuple[int, str], str] = {
        (doc_id, task_id): status
        for doc_id, task_id, status in db.execute("SELECT doc_id, id, status FROM tasks_v1")
    }
    for doc_id, doc_json in db.execute("SELECT id, json FROM documents ORDER BY id").fetchall():
        doc = json.loads(doc_json)
        legacy = _legacy_ids(Document.from_dict(doc))
        statuses = {
            position: old_status[(doc_id, task_id)]
            for position, task_id in enumerate(legacy)
            if (doc_id, task_id) in old_status
        }
        _add_tasks(db, doc_id, doc, statuses)
    db.execute("DROP TABLE tasks_v1")
