"""The work of one batch chunk, run in a worker process (local pool or Dask worker).

Each source gives exactly one result: a document (JSON v1 dict) or an error record; nothing a
document does can escape as an exception and stop the batch.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import traceback
from pathlib import Path
from typing import Any

from .inputs import Source


def process_chunk(names: list[str], options: dict[str, Any]) -> list[dict[str, Any]]:
    return [process_one(Source(name), options) for name in names]


def process_one(source: Source, options: dict[str, Any]) -> dict[str, Any]:
    from ..errors import DocumentError
    from ..i18n import _
    from ..io import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, Limits
    from ..pipeline import parse

    stage = "read"
    digest = None
    try:
        limits = Limits(
            max_bytes=options.get("max_bytes", DEFAULT_MAX_BYTES),
            max_pages=options.get("max_pages", DEFAULT_MAX_PAGES),
        )
        data = source.read_bytes(limits.max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        stage = "parse"
        if source.is_zip_member:
            suffix = Path(source.name).suffix
            with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
                handle.write(data)
            try:
                document = parse(
                    handle.name,
                    limits=limits,
                    obligations=options.get("obligations", True),
                    ocr=options.get("ocr", "auto"),
                )
            finally:
                os.unlink(handle.name)
            document.source.path = source.name
        else:
            document = parse(
                source.name,
                limits=limits,
                obligations=options.get("obligations", True),
                ocr=options.get("ocr", "auto"),
            )
        return {"ok": True, "name": source.name, "sha256": digest, "document": document.to_dict()}
    except DocumentError as exc:
        return {
            "ok": False,
            "name": source.name,
            "sha256": digest,
            "stage": stage,
            "reason": exc.reason,
            "message": exc.message,
        }
    except MemoryError:
        return {
            "ok": False,
            "name": source.name,
            "sha256": digest,
            "stage": stage,
            "reason": "out-of-memory",
            "message": _("the document needed more memory than is available"),
        }
    except Exception as exc:  # a bug in our code must not stop the batch: record it with its trace
        return {
            "ok": False,
            "name": source.name,
            "sha256": digest,
            "stage": stage,
            "reason": "internal-error",
            "message": f"{type(exc).__name__}: {exc}",
            "trace": traceback.format_exc(limit=5),
        }
