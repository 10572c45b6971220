"""Uploads in, documents out: each uploaded file is parsed in the background and lands in the store.

An upload is recorded at once (`uploads` row, original bytes in `originals`) and queued; worker
threads hand the parse to a process pool (or do it themselves when `workers` is 0), write the
result to the store and mark the upload `done`, `duplicate` or `failed`. A file whose SHA-256 is
already stored, or is being parsed right now, is never parsed twice: it is a `duplicate` of that
document. Uploads a stopped server left unfinished are queued again from their stored originals.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import queue
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..batch.inputs import EXTENSIONS, check_member
from ..errors import DocumentError
from ..io import DEFAULT_MAX_PAGES
from .desk import Desk
from .parsing import display_name, parse_upload


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int = 20 * 1048576
    max_files: int = 20
    max_zip_members: int = 200
    max_pages: int = DEFAULT_MAX_PAGES


@dataclass
class Job:
    sha256: str
    name: str
    data: bytes | None
    upload_ids: list[int]
    done: threading.Event = field(default_factory=threading.Event)


@dataclass
class Accepted:
    upload_id: int
    job: Job | None  # None: settled at once (a stored duplicate, or refused)


class Intake:
    def __init__(self, open_desk: Callable[[], Desk], workers: int = 1, limits: UploadLimits | None = None):
        self.open_desk = open_desk
        self.workers = workers
        self.limits = limits or UploadLimits()
        self.options = {
            "obligations": True,
            "max_bytes": self.limits.max_bytes,
            "max_pages": self.limits.max_pages,
        }
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._inflight: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._executor: Executor | None = None
        self._threads: list[threading.Thread] = []

    # --- life cycle -----------------------------------------------------------------------
    def start(self) -> None:
        if self.workers > 0:
            self._executor = self._new_pool()
            # load the parser and its models in the workers now, not on the clerk's first upload
            for _ in range(self.workers):
                self._executor.submit(_warm_up)
        for number in range(max(1, self.workers)):
            thread = threading.Thread(target=self._run, name=f"vanban-intake-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)
        self._resume()

    def stop(self) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(timeout=30)
        self._threads.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

    # --- accepting ------------------------------------------------------------------------
    def accept(self, name: str | None, data: bytes) -> list[Accepted]:
        """One uploaded file: a document, or a ZIP archive of documents (each member its own upload)."""
        label = display_name(name)
        if is_archive(data):
            return self._accept_zip(label, data)
        return [self.accept_one(label, data)]

    def accept_one(self, label: str, data: bytes) -> Accepted:
        digest = hashlib.sha256(data).hexdigest()
        desk = self.open_desk()
        with self._lock:
            doc_id = desk.document_id_for(digest)
            if doc_id is not None:
                return Accepted(desk.add_upload(label, digest, None, "duplicate", doc_id), None)
            job = self._inflight.get(digest)
            if job is not None:  # the same content is being parsed: it becomes a duplicate of it
                upload_id = desk.add_upload(label, digest, None, "queued")
                job.upload_ids.append(upload_id)
                return Accepted(upload_id, job)
            upload_id = desk.add_upload(label, digest, data, "queued")
            job = Job(digest, label, data, [upload_id])
            self._inflight[digest] = job
        self._queue.put(job)
        return Accepted(upload_id, job)

    def refuse(self, label: str, reason: str, message: str) -> Accepted:
        return Accepted(self.open_desk().add_failed_upload(display_name(label), reason, message), None)

    def _accept_zip(self, label: str, data: bytes) -> list[Accepted]:
        accepted: list[Accepted] = []
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            return [self.refuse(label, "corrupt-file", "Tệp ZIP bị hỏng")]
        with archive:
            members = [
                info for info in archive.infolist() if not info.is_dir() and not _is_clutter(info.filename)
            ]
            if not members:
                return [self.refuse(label, "empty-file", "Tệp ZIP không có văn bản nào")]
            if len(members) > self.limits.max_zip_members:
                return [
                    self.refuse(
                        label,
                        "limit-exceeded",
                        f"Tệp ZIP có {len(members)} tệp, quá giới hạn {self.limits.max_zip_members} tệp",
                    )
                ]
            for info in members:
                member_label = display_name(f"{label} › {display_name(info.filename)}")
                if PurePosixPath(info.filename).suffix.lower() not in EXTENSIONS:
                    accepted.append(
                        self.refuse(
                            member_label,
                            "unsupported-format",
                            "Không phải văn bản TXT, DOCX, PDF hoặc HTML",
                        )
                    )
                    continue
                try:
                    check_member(member_label, info, self.limits.max_bytes)
                    with archive.open(info) as handle:
                        content = handle.read(self.limits.max_bytes + 1)
                    if len(content) > self.limits.max_bytes:
                        raise DocumentError(member_label, "Tệp trong ZIP lớn hơn giới hạn", "limit-exceeded")
                except DocumentError as exc:
                    accepted.append(self.refuse(member_label, exc.reason, exc.message))
                    continue
                except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
                    accepted.append(
                        self.refuse(member_label, "corrupt-file", f"Không đọc được trong ZIP ({exc})")
                    )
                    continue
                accepted.append(self.accept_one(member_label, content))
        return accepted

    # --- parsing --------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                self._finish(job, self._parse(job))
            except Exception as exc:  # the store could not be written: the upload says so
                try:
                    self._settle(job, None, "internal-error", f"{type(exc).__name__}: {exc}")
                except Exception:  # not even that: the upload stays unfinished and is retried at restart
                    job.done.set()

    def _parse(self, job: Job) -> dict[str, Any]:
        desk = self.open_desk()
        with self._lock:
            desk.set_upload_state(list(job.upload_ids), "parsing")
        data = job.data if job.data is not None else desk.original(job.sha256)
        if data is None:
            return {"ok": False, "reason": "not-found", "message": "Không còn bản gốc của tệp tải lên"}
        if self._executor is None:
            return parse_upload(data, job.name, job.sha256, self.options)
        try:
            return self._executor.submit(parse_upload, data, job.name, job.sha256, self.options).result()
        except BrokenProcessPool:
            # a worker died (killed, out of memory): this file is reported, the pool replaced
            self._executor = self._new_pool()
            return {
                "ok": False,
                "reason": "internal-error",
                "message": "Tiến trình đọc văn bản bị dừng đột ngột (có thể do thiếu bộ nhớ)",
            }

    def _finish(self, job: Job, result: dict[str, Any]) -> None:
        desk = self.open_desk()
        if result["ok"] or result.get("name"):
            desk.store.write([{**result, "sha256": job.sha256}])
        if result["ok"]:
            self._settle(job, desk.document_id_for(job.sha256))
        else:
            self._settle(job, None, result.get("reason") or "unreadable", result.get("message") or "")

    def _settle(
        self, job: Job, doc_id: int | None, reason: str | None = None, message: str | None = None
    ) -> None:
        desk = self.open_desk()
        with self._lock:
            self._inflight.pop(job.sha256, None)
            ids = list(job.upload_ids)
        if doc_id is None:
            desk.set_upload_state(ids, "failed", None, reason or "unreadable", message)
        else:
            desk.set_upload_state(ids[:1], "done", doc_id)
            desk.set_upload_state(ids[1:], "duplicate", doc_id)
        job.data = None
        job.done.set()

    def _resume(self) -> None:
        desk = self.open_desk()
        jobs: dict[str, Job] = {}
        for upload_id, name, digest in desk.unfinished_uploads():
            doc_id = desk.document_id_for(digest)
            if doc_id is not None:
                desk.set_upload_state([upload_id], "done", doc_id)
                continue
            if digest in jobs:
                jobs[digest].upload_ids.append(upload_id)
                continue
            jobs[digest] = Job(digest, name, None, [upload_id])
        with self._lock:
            self._inflight.update(jobs)
        for job in jobs.values():
            self._queue.put(job)

    def pending(self) -> int:
        with self._lock:
            return len(self._inflight)


def _warm_up() -> None:
    from ..pipeline import parse_text

    parse_text("Số: 1/UBND-VP\nKính gửi: Các phòng.\n1. Văn phòng tổng hợp, báo cáo trước ngày 05/01/2024.")


def is_archive(data: bytes) -> bool:
    """A ZIP archive of documents (not itself a DOCX document)."""
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" not in archive.namelist()
    except zipfile.BadZipFile:
        return False  # left to the reader, which names the problem


def _is_clutter(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts) or name.endswith("Thumbs.db")
