"""The clerk's desk over the store: documents, the tasks as the clerk sees them, corrections,
reviews and uploads.

The machine's tasks stay in `tasks` exactly as `vanban batch` wrote them; what the clerk changes
lives in `task_corrections` (an edited or rejected machine task, or a task the clerk added) and
`document_reviews` (corrected heading fields, confirmation). The desk view of a task is the
machine's task with the clerk's correction laid over it. Every edit names the version it was
made from; an edit made from an older version is refused (`Conflict`), never applied silently.
All SQL takes its values as parameters.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from ..model import Document, Item, Task
from ..store.sqlite import STATUSES, Store, due_by, fold, fts_phrases

RECURRENCES = ("P1D", "P1W", "P1M", "P3M", "P6M", "P1Y")
HEADER_FIELDS = ("issuer", "number", "doc_type", "place", "date", "subject")
TASK_FIELDS = ("actors", "collaborators", "content", "deadline", "recurrence", "status")

# The tasks as the desk shows them: machine tasks with their correction laid over (rejected ones
# left out), then the tasks the clerk added.
DESK_TASKS = """
    SELECT t.id AS id, t.doc_id AS doc_id, t.position AS position,
           COALESCE(c.actors, t.actors) AS actors,
           CASE WHEN c.task_id IS NULL THEN t.due_by ELSE c.due_by END AS due_by,
           t.status AS status, COALESCE(c.task, t.task) AS task, t.version AS version,
           0 AS added, c.task_id IS NOT NULL AS corrected, NULL AS anchor_start
    FROM tasks t LEFT JOIN task_corrections c ON c.task_id = t.id
    WHERE COALESCE(c.rejected, 0) = 0
    UNION ALL
    SELECT c.task_id, c.doc_id, NULL, c.actors, c.due_by, c.status, c.task, c.version, 1, 1, c.anchor_start
    FROM task_corrections c WHERE c.added = 1 AND c.rejected = 0
"""


class NotFound(LookupError):
    """No such document or task."""


class Conflict(Exception):
    """The edit was made from an older version: someone else changed it in between."""

    def __init__(self, current: int):
        super().__init__(current)
        self.current = current


class Invalid(ValueError):
    """A value the clerk gave cannot be used (the message says which and why, in Vietnamese)."""


@dataclass
class DeskTask:
    task: Task
    document_id: int
    version: int
    added: bool = False
    corrected: bool = False
    rejected: bool = False
    machine: Task | None = None
    anchor: tuple[int, int] | None = None

    def to_api(self) -> dict[str, Any]:
        data = asdict(self.task)
        data.update(
            document_id=self.document_id,
            version=self.version,
            added=self.added,
            corrected=self.corrected,
            rejected=self.rejected,
        )
        return data


@dataclass
class Review:
    header: dict[str, Any] = field(default_factory=dict)
    confirmed_at: str | None = None
    version: int = 1


@dataclass
class TaskFilters:
    actor: str | None = None
    status: str | None = None
    document: str | None = None
    due_before: str | None = None
    overdue: bool = False

    def query_items(self) -> list[tuple[str, str]]:
        """The filters as URL query items (for links that keep the current view)."""
        items = [(k, v) for k, v in asdict(self).items() if v and k != "overdue"]
        return items + ([("overdue", "true")] if self.overdue else [])


def parse_date(value: str | None, what: str, month_ok: bool = False) -> str | None:
    """An ISO date (YYYY-MM-DD; YYYY-MM or YYYY too when `month_ok`, as headings and deadlines may
    be) from ISO or Vietnamese writing (29/3/2024, 03/2024); None for blank; Invalid otherwise."""
    value = typed = (value or "").strip()
    if not value:
        return None
    written = re.fullmatch(r"(?:(\d{1,2})/)?(\d{1,2})/(\d{4})", value)  # 29/3/2024, 03/2024
    if written and (written.group(1) or month_ok):
        day, month, year = written.groups()
        value = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    shaped = re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or (
        month_ok and re.fullmatch(r"\d{4}(?:-\d{2})?", value)
    )
    try:
        if not shaped:
            raise ValueError(value)
        date.fromisoformat((value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10])
    except ValueError:
        raise Invalid(f"{what}: «{typed}» không phải một ngày (dd/mm/yyyy hoặc yyyy-mm-dd)") from None
    return value


def split_names(value: str | list[str] | None) -> list[str]:
    """Names from a list or from text separated by ';' or new lines (blank ones dropped)."""
    if value is None:
        return []
    parts = value if isinstance(value, list) else re.split(r"[;\n]", value)
    return [re.sub(r"\s+", " ", str(p)).strip() for p in parts if str(p).strip()]


class Desk:
    def __init__(self, store: Store):
        self.store = store
        self.db: sqlite3.Connection = store.db

    # --- documents ------------------------------------------------------------------------
    def count_documents(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def list_documents(self, limit: int = 50, offset: int = 0, ids: list[int] | None = None) -> list[dict]:
        sql = (
            "SELECT d.id, d.number, d.doc_type, d.issuer, d.date, d.subject, d.path, r.header,"
            " r.confirmed_at, COALESCE(n.tasks, 0),"
            " (SELECT name FROM uploads u WHERE u.doc_id = d.id ORDER BY u.id LIMIT 1)"
            " FROM documents d LEFT JOIN document_reviews r ON r.doc_id = d.id"
            f" LEFT JOIN (SELECT doc_id, count(*) AS tasks FROM ({DESK_TASKS}) GROUP BY doc_id) n"
            " ON n.doc_id = d.id"
        )
        where, args = _only(ids, "d.id")
        sql += where + " ORDER BY d.id DESC LIMIT ? OFFSET ?"
        args += [limit, offset]
        out = []
        for row in self.db.execute(sql, args):
            header = {
                "number": row[1],
                "doc_type": row[2],
                "issuer": row[3],
                "date": row[4],
                "subject": row[5],
            }
            header.update({k: v for k, v in json.loads(row[7] or "{}").items() if k in header})
            out.append(
                {
                    "id": row[0],
                    **header,
                    "path": row[6],
                    "confirmed": row[8] is not None,
                    "tasks": row[9],
                    "upload_name": row[10],
                }
            )
        return out

    def document(self, doc_id: int) -> Document:
        row = self.db.execute("SELECT json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(doc_id)
        return Document.from_dict(json.loads(row[0]))

    def document_json(self, doc_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(doc_id)
        return json.loads(row[0])

    def document_id_for(self, sha256: str) -> int | None:
        row = self.db.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def review(self, doc_id: int) -> Review:
        row = self.db.execute(
            "SELECT header, confirmed_at, version FROM document_reviews WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return Review(json.loads(row[0]), row[1], row[2]) if row else Review()

    def header(self, doc_id: int) -> dict[str, Any]:
        """The heading fields as the clerk sees them: the machine's, with the clerk's corrections."""
        document = self.document_json(doc_id)
        fields = {k: document["header"].get(k) for k in HEADER_FIELDS}
        fields.update(self.review(doc_id).header)
        return fields

    def documents_numbered(self, numbers: list[str]) -> dict[str, int]:
        """number -> id of a stored document with that số/ký hiệu (case and diacritics folded)."""
        found: dict[str, int] = {}
        for number in numbers:
            row = self.db.execute(
                "SELECT id FROM documents WHERE vn_fold(number) = ? ORDER BY id LIMIT 1", (fold(number),)
            ).fetchone()
            if row:
                found[number] = row[0]
        return found

    def citing(self, number: str | None, limit: int = 100) -> list[dict]:
        """Stored documents that cite this number."""
        if not number:
            return []
        ids = [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT doc_id FROM doc_references WHERE vn_fold(number) = ? LIMIT ?",
                (fold(number), limit),
            )
        ]
        return self.list_documents(limit=limit, ids=ids)

    def search(self, query: str, limit: int = 100) -> list[dict]:
        """Documents matching the query, each with why: `number` (its own số/ký hiệu), `cites`
        (it cites that number), `text` (its text holds every word), `task` (one of its tasks does).
        User text is quoted into FTS5 phrases: nothing in it is query syntax."""
        query = query.strip()
        reasons: dict[int, list[str]] = {}

        def add(ids: list[int], reason: str) -> None:
            for doc_id in ids:
                reasons.setdefault(doc_id, [])
                if reason not in reasons[doc_id]:
                    reasons[doc_id].append(reason)

        folded = fold(query).strip()
        if folded:
            add(
                [
                    r[0]
                    for r in self.db.execute("SELECT id FROM documents WHERE vn_fold(number) = ?", (folded,))
                ],
                "number",
            )
            add(
                [
                    r[0]
                    for r in self.db.execute(
                        "SELECT DISTINCT doc_id FROM doc_references WHERE vn_fold(number) = ?", (folded,)
                    )
                ],
                "cites",
            )
        phrases = fts_phrases(query)
        if phrases:
            add(
                [
                    r[0]
                    for r in self.db.execute(
                        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                        (phrases, limit),
                    )
                ],
                "text",
            )
            add(
                [
                    r[0]
                    for r in self.db.execute(
                        "SELECT DISTINCT t.doc_id FROM obligations_fts f JOIN tasks t ON t.id = f.task_id"
                        " WHERE obligations_fts MATCH ? LIMIT ?",
                        (phrases, limit),
                    )
                ],
                "task",
            )
        if folded:
            add(
                [
                    r[0]
                    for r in self.db.execute(
                        "SELECT DISTINCT doc_id FROM task_corrections WHERE rejected = 0"
                        " AND instr(vn_fold(task), ?) > 0 LIMIT ?",
                        (folded, limit),
                    )
                ],
                "task",
            )
        order = sorted(reasons, key=lambda i: (_REASON_RANK[reasons[i][0]], list(reasons).index(i)))[:limit]
        rows = {row["id"]: row for row in self.list_documents(limit=len(order), ids=order)}
        return [{**rows[i], "reasons": reasons[i]} for i in order if i in rows]

    # --- tasks ----------------------------------------------------------------------------
    def document_tasks(self, doc_id: int) -> list[DeskTask]:
        """Every task of a document, rejected ones included, in the order of the text."""
        document = self.document_json(doc_id)
        spans = [tuple(o["span"]) for o in document["obligations"]]
        out: list[tuple[int, DeskTask]] = []
        corrections = {
            r[0]: r
            for r in self.db.execute(
                "SELECT task_id, added, rejected, task, anchor_start, anchor_end, status, version"
                " FROM task_corrections WHERE doc_id = ?",
                (doc_id,),
            )
        }
        for task_id, position, task_json, status, version in self.db.execute(
            "SELECT id, position, task, status, version FROM tasks WHERE doc_id = ? ORDER BY position",
            (doc_id,),
        ):
            machine = _task(task_json, status)
            correction = corrections.get(task_id)
            shown = _task(correction[3], status) if correction else machine
            span = spans[position] if position < len(spans) else (0, 0)
            out.append(
                (
                    span[0],
                    DeskTask(
                        shown,
                        doc_id,
                        version,
                        corrected=correction is not None,
                        rejected=bool(correction and correction[2]),
                        machine=machine,
                        anchor=(span[0], span[1]),
                    ),
                )
            )
        for _id, added, _rejected, task_json, start, end, status, version in corrections.values():
            if added:
                desk_task = DeskTask(
                    _task(task_json, status), doc_id, version, added=True, corrected=True, anchor=(start, end)
                )
                out.append((start, desk_task))
        out.sort(key=lambda pair: pair[0])
        return [task for _, task in out]

    def get_task(self, task_id: str) -> DeskTask:
        row = self.db.execute(
            "SELECT t.doc_id, t.task, t.status, t.version, c.task, c.rejected FROM tasks t"
            " LEFT JOIN task_corrections c ON c.task_id = t.id WHERE t.id = ?",
            (task_id,),
        ).fetchone()
        if row:
            machine = _task(row[1], row[2])
            shown = _task(row[4], row[2]) if row[4] else machine
            return DeskTask(
                shown, row[0], row[3], corrected=row[4] is not None, rejected=bool(row[5]), machine=machine
            )
        row = self.db.execute(
            "SELECT doc_id, task, status, version, anchor_start, anchor_end FROM task_corrections"
            " WHERE task_id = ? AND added = 1",
            (task_id,),
        ).fetchone()
        if row is None:
            raise NotFound(task_id)
        return DeskTask(
            _task(row[1], row[2]), row[0], row[3], added=True, corrected=True, anchor=(row[4], row[5])
        )

    def find_tasks(
        self, filters: TaskFilters, today: date | None = None, limit: int | None = None
    ) -> list[DeskTask]:
        """The desk's tasks matching every filter, by deadline (undated last), then document order."""
        where, args = self._task_filters(filters, today or date.today())
        sql = (
            f"SELECT id, doc_id, task, status, version, added, corrected FROM ({DESK_TASKS}) dt {where}"
            " ORDER BY due_by IS NULL, due_by, doc_id, position IS NULL, position, anchor_start"
        )
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [
            DeskTask(_task(task_json, status), doc_id, version, added=bool(added), corrected=bool(corrected))
            for _id, doc_id, task_json, status, version, added, corrected in self.db.execute(sql, args)
        ]

    def count_tasks(self, filters: TaskFilters, today: date | None = None) -> int:
        where, args = self._task_filters(filters, today or date.today())
        return self.db.execute(f"SELECT count(*) FROM ({DESK_TASKS}) dt {where}", args).fetchone()[0]

    def deadline_counts(self, today: date | None = None) -> dict[str, int]:
        """Open tasks past their deadline, and due from today to this week's Sunday."""
        today = today or date.today()
        sunday = today + timedelta(days=6 - today.weekday())
        overdue, this_week, total = self.db.execute(
            "SELECT sum(status != 'done' AND due_by < ?),"
            " sum(status != 'done' AND due_by >= ? AND due_by <= ?), count(*)"
            f" FROM ({DESK_TASKS}) dt",
            (today.isoformat(), today.isoformat(), sunday.isoformat()),
        ).fetchone()
        return {"overdue": overdue or 0, "this_week": this_week or 0, "total": total or 0}

    def _task_filters(self, filters: TaskFilters, today: date) -> tuple[str, list[Any]]:
        sql = ["WHERE 1=1"]
        args: list[Any] = []
        if filters.actor and fold(filters.actor).strip():
            sql.append("AND instr(vn_fold(actors), ?) > 0")
            args.append(fold(filters.actor).strip())
        if filters.status:
            sql.append("AND status = ?")
            args.append(filters.status)
        if filters.due_before:
            sql.append("AND due_by < ?")
            args.append(filters.due_before)
        if filters.overdue:
            sql.append("AND status != 'done' AND due_by < ?")
            args.append(today.isoformat())
        if filters.document:
            document = filters.document.strip()
            if document.isdigit():
                sql.append("AND doc_id = ?")
                args.append(int(document))
            else:
                sql.append("AND doc_id IN (SELECT id FROM documents WHERE vn_fold(number) = ?)")
                args.append(fold(document))
        return " ".join(sql), args

    # --- edits ----------------------------------------------------------------------------
    def edit_task(self, task_id: str, changes: dict[str, Any], version: int | None) -> DeskTask:
        """Apply the clerk's changes (any of TASK_FIELDS, and `rejected`) made from `version`
        (None: from whatever is current). Conflict when the task changed since that version."""
        changes = {k: v for k, v in changes.items() if v is not None or k == "deadline"}
        self.db.execute("BEGIN IMMEDIATE")
        try:
            current = self.get_task(task_id)
            if version is not None and version != current.version:
                raise Conflict(current.version)
            edited = _apply(current.task, changes)
            rejected = bool(changes.get("rejected", current.rejected))
            status = edited.status
            content_changed = _record(edited) != _record(current.task) or rejected != current.rejected
            if current.added:
                self.db.execute(
                    "UPDATE task_corrections SET task = ?, actors = ?, deadline = ?, due_by = ?, status = ?,"
                    " rejected = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE task_id = ?",
                    (*_columns(edited), status, int(rejected), task_id),
                )
            else:
                self.db.execute(
                    "UPDATE tasks SET status = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP"
                    " WHERE id = ?",
                    (status, task_id),
                )
                assert current.machine is not None
                if _record(edited) == _record(current.machine) and not rejected:
                    self.db.execute("DELETE FROM task_corrections WHERE task_id = ?", (task_id,))
                elif content_changed:
                    self.db.execute(
                        "INSERT INTO task_corrections(task_id, doc_id, rejected, task, actors, deadline,"
                        " due_by) VALUES (?,?,?,?,?,?,?) ON CONFLICT(task_id) DO UPDATE SET"
                        " rejected = excluded.rejected, task = excluded.task, actors = excluded.actors,"
                        " deadline = excluded.deadline,"
                        " due_by = excluded.due_by, updated_at = CURRENT_TIMESTAMP",
                        (task_id, current.document_id, int(rejected), *_columns(edited)),
                    )
            if content_changed:
                self._unconfirm(current.document_id)
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        return self.get_task(task_id)

    def add_task(self, doc_id: int, start: int, end: int, changes: dict[str, Any]) -> DeskTask:
        """A task the clerk adds from a passage of the text ([start, end) of the normalized text)."""
        document = self.document(doc_id)
        if not (0 <= start < end <= len(document.text)):
            raise Invalid("Đoạn văn bản đã chọn không nằm trong văn bản")
        passage = re.sub(r"\s+", " ", document.text[start:end]).strip()
        if not passage:
            raise Invalid("Đoạn văn bản đã chọn chỉ có khoảng trắng")
        header = document.header
        title = " ".join(p for p in (header.doc_type, f"số {header.number}" if header.number else None) if p)
        from ..obligations.tasks import task_prefix

        self.db.execute("BEGIN IMMEDIATE")
        try:
            shared = bool(header.number) and (
                self.db.execute(
                    "SELECT 1 FROM documents WHERE number = ? AND id != ? LIMIT 1", (header.number, doc_id)
                ).fetchone()
                is not None
            )
            prefix = task_prefix(document, shared)
            count = 1
            while self.db.execute(
                "SELECT 1 FROM task_corrections WHERE task_id = ? UNION SELECT 1 FROM tasks WHERE id = ?",
                (f"{prefix}#thêm-{count}", f"{prefix}#thêm-{count}"),
            ).fetchone():
                count += 1
            task = Task(
                id=f"{prefix}#thêm-{count}",
                actors=[],
                collaborators=[],
                content=passage,
                action=None,
                deadline=None,
                deadline_text=None,
                recurrence=[],
                modality="obligation",
                source_number=header.number,
                source_title=title or header.subject,
                item=_item_at(document.items, start),
                refs=[],
                source_path=document.source.path,
                issued=header.date,
            )
            task = _apply(task, {k: v for k, v in changes.items() if v is not None})
            self.db.execute(
                "INSERT INTO task_corrections(task_id, doc_id, added, task, actors, deadline, due_by,"
                " anchor_start, anchor_end, status) VALUES (?,?,1,?,?,?,?,?,?,?)",
                (task.id, doc_id, *_columns(task), start, end, task.status),
            )
            self._unconfirm(doc_id)
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        return self.get_task(task.id)

    def edit_header(self, doc_id: int, changes: dict[str, Any], version: int | None) -> Review:
        """Correct heading fields (HEADER_FIELDS); a field set back to the machine's value is no
        longer a correction."""
        machine = self.document_json(doc_id)["header"]
        if "date" in changes:
            changes["date"] = parse_date(changes["date"], "Ngày ban hành", month_ok=True)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            review = self.review(doc_id)
            if version is not None and version != review.version:
                raise Conflict(review.version)
            header = dict(review.header)
            for key, value in changes.items():
                if key not in HEADER_FIELDS:
                    continue
                value = (re.sub(r"\s+", " ", value).strip() or None) if isinstance(value, str) else value
                if value == machine.get(key):
                    header.pop(key, None)
                else:
                    header[key] = value
            self._save_review(doc_id, header, None if header != review.header else review.confirmed_at)
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        return self.review(doc_id)

    def confirm(self, doc_id: int, version: int | None) -> Review:
        """The clerk confirms the heading and the task list as they now stand."""
        self.document_json(doc_id)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            review = self.review(doc_id)
            if version is not None and version != review.version:
                raise Conflict(review.version)
            self._save_review(doc_id, review.header, "now")
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        return self.review(doc_id)

    def _save_review(self, doc_id: int, header: dict[str, Any], confirmed: str | None) -> None:
        confirmed_sql = "CURRENT_TIMESTAMP" if confirmed == "now" else "?"
        args: list[Any] = [doc_id, json.dumps(header, ensure_ascii=False)]
        if confirmed != "now":
            args.append(confirmed)
        self.db.execute(
            # a document without a row is at version 1: the first saved review is version 2
            "INSERT INTO document_reviews(doc_id, header, confirmed_at, version)"
            f" VALUES (?, ?, {confirmed_sql}, 2)"
            " ON CONFLICT(doc_id) DO UPDATE SET header = excluded.header,"
            " confirmed_at = excluded.confirmed_at, version = version + 1, updated_at = CURRENT_TIMESTAMP",
            args,
        )

    def _unconfirm(self, doc_id: int) -> None:
        """A change to the task list after confirmation asks for a new confirmation."""
        self.db.execute(
            "UPDATE document_reviews SET confirmed_at = NULL, version = version + 1"
            " WHERE doc_id = ? AND confirmed_at IS NOT NULL",
            (doc_id,),
        )

    def confirmed_documents(self) -> list[int]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT doc_id FROM document_reviews WHERE confirmed_at IS NOT NULL ORDER BY doc_id"
            )
        ]

    # --- uploads --------------------------------------------------------------------------
    def add_upload(
        self, name: str, sha256: str, data: bytes | None, state: str, doc_id: int | None = None
    ) -> int:
        with self.db:
            if data is not None:
                self.db.execute(
                    "INSERT OR IGNORE INTO originals(sha256, size, data) VALUES (?, ?, ?)",
                    (sha256, len(data), data),
                )
            cursor = self.db.execute(
                "INSERT INTO uploads(name, sha256, size, state, doc_id, finished_at)"
                " VALUES (?, ?, ?, ?, ?,"
                " CASE WHEN ? IN ('queued', 'parsing') THEN NULL ELSE CURRENT_TIMESTAMP END)",
                (name, sha256, len(data) if data is not None else 0, state, doc_id, state),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def add_failed_upload(self, name: str, reason: str, message: str) -> int:
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO uploads(name, sha256, size, state, reason, message, finished_at)"
                " VALUES (?, '', 0, 'failed', ?, ?, CURRENT_TIMESTAMP)",
                (name, reason, message),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def set_upload_state(
        self,
        upload_ids: list[int],
        state: str,
        doc_id: int | None = None,
        reason: str | None = None,
        message: str | None = None,
    ) -> None:
        finished = state not in ("queued", "parsing")
        with self.db:
            self.db.executemany(
                "UPDATE uploads SET state = ?, doc_id = ?, reason = ?, message = ?,"
                f" finished_at = {'CURRENT_TIMESTAMP' if finished else 'NULL'} WHERE id = ?",
                [(state, doc_id, reason, message, upload_id) for upload_id in upload_ids],
            )

    def uploads(self, ids: list[int] | None = None, limit: int = 20) -> list[dict]:
        sql = (
            "SELECT u.id, u.name, u.size, u.state, u.doc_id, u.reason, u.message, u.added_at,"
            f" (SELECT count(*) FROM ({DESK_TASKS}) dt WHERE dt.doc_id = u.doc_id), d.number"
            " FROM uploads u LEFT JOIN documents d ON d.id = u.doc_id"
        )
        where, args = _only(ids, "u.id")
        sql += where + " ORDER BY u.id DESC LIMIT ?"
        args.append(limit)
        keys = (
            "id",
            "name",
            "size",
            "state",
            "document_id",
            "reason",
            "message",
            "added_at",
            "tasks",
            "number",
        )
        return [dict(zip(keys, row, strict=True)) for row in self.db.execute(sql, args)]

    def unfinished_uploads(self) -> list[tuple[int, str, str]]:
        """(id, name, sha256) of uploads a stopped server left queued or parsing."""
        return list(
            self.db.execute(
                "SELECT id, name, sha256 FROM uploads WHERE state IN ('queued', 'parsing') ORDER BY id"
            )
        )

    def original(self, sha256: str) -> bytes | None:
        row = self.db.execute("SELECT data FROM originals WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None


def _only(ids: list[int] | None, column: str) -> tuple[str, list[Any]]:
    """A WHERE clause keeping the rows whose `column` is one of `ids` (None: every row)."""
    if ids is None:
        return "", []
    return (f" WHERE {column} IN ({', '.join('?' * len(ids))})" if ids else " WHERE 0"), list(ids)


_REASON_RANK = {"number": 0, "cites": 1, "text": 2, "task": 3}


def _task(task_json: str, status: str) -> Task:
    task = Task.from_dict(json.loads(task_json))
    task.status = status
    return task


def _record(task: Task) -> dict[str, Any]:
    record = asdict(task)
    del record["status"]
    return record


def _columns(task: Task) -> tuple[str, str, str | None, str | None]:
    """task JSON (without its status), actors JSON, deadline, due_by: as the store keeps them."""
    return (
        json.dumps(_record(task), ensure_ascii=False),
        json.dumps(task.actors, ensure_ascii=False),
        task.deadline,
        due_by(task.deadline),
    )


def _apply(task: Task, changes: dict[str, Any]) -> Task:
    """The task with the clerk's changes, each checked."""
    data = asdict(task)
    if "actors" in changes:
        data["actors"] = split_names(changes["actors"])
    if "collaborators" in changes:
        data["collaborators"] = split_names(changes["collaborators"])
    if "content" in changes:
        content = re.sub(r"\s+", " ", str(changes["content"] or "")).strip()
        if not content:
            raise Invalid("Nội dung nhiệm vụ không được để trống")
        data["content"] = content
    if "deadline" in changes:
        # what the text says (deadline_text) stays: the page shows it beside the clerk's date
        data["deadline"] = parse_date(changes["deadline"], "Hạn xử lý", month_ok=True)
    if "recurrence" in changes:
        value = changes["recurrence"]
        periods = [value] if isinstance(value, str) else list(value or [])
        periods = [p for p in periods if p]
        unknown = [p for p in periods if p not in RECURRENCES]
        if unknown:
            raise Invalid(f"Định kỳ «{unknown[0]}» không hợp lệ (một trong: {', '.join(RECURRENCES)})")
        data["recurrence"] = periods
    if "status" in changes:
        if changes["status"] not in STATUSES:
            raise Invalid(f"Trạng thái «{changes['status']}» không hợp lệ (một trong: {', '.join(STATUSES)})")
        data["status"] = changes["status"]
    return Task.from_dict(data)


def _item_at(items: list[Item], offset: int, label: str | None = None) -> str | None:
    """The path of labels of the deepest item whose span holds `offset` ("2.b)"), if any."""
    for item in items:
        if item.span[0] <= offset < item.span[1]:
            path = (label or "") + item.label
            return _item_at(item.children, offset, path) or path
    return None
