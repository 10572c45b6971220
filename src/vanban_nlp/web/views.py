"""Vietnamese labels and template filters of the desk's pages."""

from __future__ import annotations

from datetime import date

from ..export.tasks import MODALITY, PERIOD
from ..obligations.tasks import STATUSES

UPLOAD_STATES = {
    "queued": "Đang chờ đọc",
    "parsing": "Đang đọc",
    "done": "Đã đọc xong",
    "duplicate": "Trùng văn bản đã có",
    "failed": "Không đọc được",
}
SEARCH_REASONS = {
    "number": "đúng số, ký hiệu",
    "cites": "viện dẫn văn bản này",
    "text": "nội dung văn bản",
    "task": "nội dung nhiệm vụ",
}
HEADER_LABELS = {
    "number": "Số, ký hiệu",
    "doc_type": "Tên loại",
    "issuer": "Cơ quan ban hành",
    "place": "Địa danh",
    "date": "Ngày ban hành",
    "subject": "Trích yếu",
}


def vn_date(value: str | None) -> str:
    """ISO date as Vietnamese clerks write it: 2024-03-29 → 29/03/2024, 2024-03 → 03/2024."""
    if not value:
        return ""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]}"
    return value


def deadline_state(task_deadline: str | None, status: str, today: date | None = None) -> str:
    """`overdue`, `soon` (within 7 days) or '' for a task's deadline (the CSS class of its cell)."""
    from ..store.sqlite import due_by

    last_day = due_by(task_deadline)
    if not last_day or status == "done":
        return ""
    today = today or date.today()
    if last_day < today.isoformat():
        return "overdue"
    return "soon" if (date.fromisoformat(last_day) - today).days <= 7 else ""


def periods(values: list[str]) -> str:
    return ", ".join(PERIOD.get(p, p) for p in values)


FILTERS = {
    "vn_date": vn_date,
    "status_label": lambda s: STATUSES.get(s, s),
    "modality_label": lambda m: MODALITY.get(m, m),
    "periods": periods,
    "upload_state": lambda s: UPLOAD_STATES.get(s, s),
    "names": lambda names: "; ".join(names or []),
}
