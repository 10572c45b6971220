"""`vanban batch`: many documents in parallel, resumable, nothing lost.

Inputs are expanded, each document is keyed by the SHA-256 of its content, and what the output
already holds (documents or recorded errors) is skipped, so a killed run started again completes
the rest. Work goes out in chunks to a local process pool, or to a Dask cluster when a scheduler
address is given; results are written chunk by chunk (one SQLite transaction, or appended and
fsynced JSONL lines), so a kill loses at most the chunks in flight.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DocumentError
from ..i18n import _
from ..io import DEFAULT_MAX_BYTES
from .inputs import Source, expand_inputs
from .worker import process_chunk

STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


@dataclass
class Summary:
    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    reasons: Counter = field(default_factory=Counter)
    bad_inputs: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False


class BatchSetupError(Exception):
    """The batch cannot start: its output cannot be written, or the Dask scheduler cannot be reached."""


# How long to wait for a Dask scheduler before giving up with a clear message.
DASK_CONNECT_TIMEOUT = "10s"


def open_sink(out: Path):
    """The SQLite store (x.sqlite) or the JSONL folder; BatchSetupError when it cannot be written."""
    from ..store.sqlite import StoreError

    try:
        if out.suffix.lower() in STORE_SUFFIXES:
            from ..store.sqlite import Store

            out.parent.mkdir(parents=True, exist_ok=True)
            return Store(out)
        from ..store.jsonl import JsonlSink

        return JsonlSink(out)
    except StoreError as exc:
        raise BatchSetupError(f"{out}: {exc}") from None
    except OSError as exc:
        problem = exc.strerror or str(exc)
        raise BatchSetupError(
            _("{path}: cannot write the output here ({problem})").format(path=out, problem=problem)
        ) from None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_batch(
    inputs: list[str],
    out: Path,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    options: dict[str, Any] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Summary:
    options = options or {}
    summary = Summary()
    sources, summary.bad_inputs = expand_inputs(inputs)
    summary.total = len(sources)
    sink = open_sink(out)
    try:
        done = sink.done_hashes()
        pending: list[Source] = []
        seen: set[str] = set()
        unreadable = []
        max_bytes = options.get("max_bytes", DEFAULT_MAX_BYTES)
        for source in sources:
            try:
                digest = hashlib.sha256(source.read_bytes(max_bytes)).hexdigest()
            except (DocumentError, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
                key = source.fingerprint()
                if key in done:
                    summary.skipped += 1
                    continue
                unreadable.append(_read_error(source, key, exc))
                continue
            if digest in done or digest in seen:
                summary.skipped += 1
                continue
            seen.add(digest)
            pending.append(source)
        if unreadable:
            sink.write(unreadable)
            _count(summary, unreadable)
        workers = workers or default_workers()
        size = chunk_size or max(1, min(16, len(pending) // (workers * 4) or 1))
        chunks = [[s.name for s in pending[i : i + size]] for i in range(0, len(pending), size)]
        progress_total = len(pending)
        if on_progress:
            on_progress(0, progress_total)
        finished = 0
        try:
            for results in _execute(chunks, options, workers, scheduler):
                sink.write(results)
                _count(summary, results)
                finished += len(results)
                if on_progress:
                    on_progress(finished, progress_total)
        except KeyboardInterrupt:
            summary.interrupted = True
    finally:
        sink.close()
    return summary


def _read_error(source: Source, key: str, exc: Exception) -> dict[str, Any]:
    if isinstance(exc, DocumentError):
        reason, message = exc.reason, exc.message
    else:
        reason = "unreadable"
        problem = getattr(exc, "strerror", None) or str(exc)
        message = _("cannot read the file ({problem})").format(problem=problem)
    return {
        "ok": False,
        "name": source.name,
        "sha256": key,
        "stage": "read",
        "reason": reason,
        "message": message,
    }


def _count(summary: Summary, results: list[dict[str, Any]]) -> None:
    for result in results:
        if result["ok"]:
            summary.done += 1
        else:
            summary.failed += 1
            summary.reasons[result.get("reason") or "error"] += 1


def _execute(chunks: list[list[str]], options: dict[str, Any], workers: int, scheduler: str | None):
    """Yield each chunk's results as soon as it completes."""
    if not chunks:
        return
    if scheduler:
        yield from _execute_dask(chunks, options, scheduler)
        return
    if workers == 1:
        for chunk in chunks:
            yield process_chunk(chunk, options)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(process_chunk, chunk, options) for chunk in chunks]
        try:
            for future in as_completed(futures):
                yield future.result()
        except KeyboardInterrupt:
            for future in futures:
                future.cancel()
            raise


def _execute_dask(chunks: list[list[str]], options: dict[str, Any], scheduler: str):
    from dask.distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchSetupError(
            _("cannot reach the Dask scheduler at {address} ({problem})").format(
                address=scheduler, problem=exc
            )
        ) from None
    with client:
        futures = client.map(process_chunk, chunks, options=options, pure=False)
        for future in as_completed(futures):
            yield future.result()
