"""Tasks a clerk can track, one per obligation, with a stable id (document number + item path)."""

from __future__ import annotations

import re

from ..model import Document, Task

STATUSES = {"open": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành"}


def build_tasks(document: Document) -> list[Task]:
    header = document.header
    source = header.number or f"vb-{document.source.sha256[:8]}"
    title = (
        " ".join(p for p in (header.doc_type, f"số {header.number}" if header.number else None) if p) or None
    )
    seen: dict[str, int] = {}
    tasks = []
    for obligation in document.obligations:
        anchor = obligation.item or "đoạn"
        key = f"{source}#{anchor}"
        seen[key] = seen.get(key, 0) + 1
        task_id = key if seen[key] == 1 else f"{key}-{seen[key]}"
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
            )
        )
    return tasks
