"""Tasks a clerk can track, one per obligation, with a stable id (document number + item path).

Ids are unique within a document (a repeated item path gets `-2`, `-3`, …) and across documents:
when the document has no complete number (blank "/LĐTBXH-LĐTL", or none at all) or shares its
number with another document of the same run or store, the id carries the first eight hex
digits of the document's content hash (`/LĐTBXH-LĐTL~3f9a1c2e#2.`, `vb-3f9a1c2e#1.`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..model import Document, Task

STATUSES = {"open": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành"}


def task_prefix(document: Document, shared_number: bool = False) -> str:
    """The part of a task id that names the document."""
    number = document.header.number
    digest = document.source.sha256[:8]
    if not number:
        return f"vb-{digest}"
    if shared_number or not number[0].isdigit():
        return f"{number}~{digest}"
    return number


def build_tasks(document: Document, shared_number: bool = False, taken: set[str] | None = None) -> list[Task]:
    """One task per obligation. `shared_number`: another document of the same set has this number;
    `taken`: ids already given out (updated), so ids stay unique across the documents that share it."""
    header = document.header
    prefix = task_prefix(document, shared_number)
    title = (
        " ".join(p for p in (header.doc_type, f"số {header.number}" if header.number else None) if p) or None
    )
    taken = set() if taken is None else taken
    tasks = []
    for obligation in document.obligations:
        key = f"{prefix}#{obligation.item or 'đoạn'}"
        task_id, repeat = key, 1
        while task_id in taken:  # "1." then "1.1." is not the same as item "1.1.": count until free
            repeat += 1
            task_id = f"{key}-{repeat}"
        taken.add(task_id)
        tasks.append(
            Task(
                id=task_id,
                actors=list(obligation.actors),
                collaborators=list(obligation.collaborators),
                content=re.sub(r"\s+", " ", obligation.text).strip(),
                action=obligation.action,
                deadline=obligation.deadline,
                deadline_text=obligation.deadline_text,
                recurrence=list(obligation.recurrence),
                modality=obligation.modality,
                source_number=header.number,
                source_title=title or header.subject,
                item=obligation.item,
                refs=list(obligation.refs),
                source_path=document.source.path,
                issued=header.date,
                output=obligation.output,
            )
        )
    return tasks


def build_tasks_for(documents: Iterable[Document]) -> list[Task]:
    """Tasks of several documents, ids unique across them (shared numbers carry the content hash)."""
    documents = list(documents)
    numbers = Counter(d.header.number for d in documents if d.header.number)
    tasks: list[Task] = []
    taken: set[str] = set()
    for document in documents:
        number = document.header.number
        shared = number is not None and numbers[number] > 1
        tasks.extend(build_tasks(document, shared_number=shared, taken=taken))
    return tasks
