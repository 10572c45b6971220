"""Task exports: CSV, XLSX (openpyxl table), iCalendar VTODO (icalendar), Markdown checklist, JSON.
Column headers and text are Vietnamese, for clerks. A task read from an assignment table carries its
product (Sản phẩm) and says where it stands in the table ("Phụ lục I, nhóm II, nhiệm vụ 5")."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import OrderedDict
from dataclasses import asdict
from datetime import UTC, date, datetime

from ..model import Task
from ..obligations.tasks import STATUSES

COLUMNS = [
    ("id", "Mã nhiệm vụ"),
    ("actors", "Đơn vị chủ trì"),
    ("collaborators", "Đơn vị phối hợp"),
    ("content", "Nội dung"),
    ("deadline", "Hạn xử lý"),
    ("recurrence", "Định kỳ"),
    ("output", "Sản phẩm"),  # only when a task has one (rows of an assignment table)
    ("modality", "Tính chất"),
    ("source", "Căn cứ"),
    ("status", "Trạng thái"),
]
MODALITY = {
    "obligation": "Bắt buộc thực hiện",
    "prohibition": "Nghiêm cấm",
    "recommendation": "Đề nghị",
    "commitment": "Cam kết của cơ quan ban hành",
}
PERIOD = {
    "P1D": "hằng ngày",
    "P1W": "hằng tuần",
    "P1M": "hằng tháng",
    "P3M": "hằng quý",
    "P6M": "6 tháng",
    "P1Y": "hằng năm",
}
RRULE = {
    "P1D": {"freq": "daily"},
    "P1W": {"freq": "weekly"},
    "P1M": {"freq": "monthly"},
    "P3M": {"freq": "monthly", "interval": 3},
    "P6M": {"freq": "monthly", "interval": 6},
    "P1Y": {"freq": "yearly"},
}


_TABLE_ITEM = re.compile(r"^(?P<table>Phụ lục\b[^,]*|Bảng \d+), (?P<path>[^\s,]+)$")


def item_words(item: str) -> str:
    """Where a task stands, for a clerk: "mục 2.a)", or for a table row "Phụ lục I, nhóm II, nhiệm vụ 5"."""
    found = _TABLE_ITEM.match(item)
    if not found:
        return f"mục {item}"
    *groups, number = found["path"].split(".")
    return ", ".join([found["table"], *(f"nhóm {g}" for g in groups), f"nhiệm vụ {number}"])


def _source(task: Task) -> str:
    return ", ".join(p for p in (task.source_title, item_words(task.item) if task.item else None) if p)


def columns_for(tasks: list[Task]) -> list[tuple[str, str]]:
    """The export's columns: the product column where some task has a product."""
    if any(task.output for task in tasks):
        return COLUMNS
    return [column for column in COLUMNS if column[0] != "output"]


def _row(task: Task) -> dict[str, str]:
    deadline = task.deadline or task.deadline_text or ""
    return {
        "id": task.id,
        "actors": "; ".join(task.actors),
        "collaborators": "; ".join(task.collaborators),
        "content": task.content,
        "output": task.output or "",
        "deadline": deadline,
        "recurrence": ", ".join(PERIOD.get(p, p) for p in task.recurrence),
        "modality": MODALITY.get(task.modality, task.modality),
        "source": _source(task),
        "status": STATUSES.get(task.status, task.status),
    }


def to_csv(tasks: list[Task]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns = columns_for(tasks)
    writer.writerow([label for _, label in columns])
    for task in tasks:
        row = _row(task)
        writer.writerow([row[key] for key, _ in columns])
    return "\ufeff" + buffer.getvalue()  # BOM so Excel opens the Vietnamese text as UTF-8


def to_xlsx(tasks: list[Task]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.table import Table, TableStyleInfo

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    columns = columns_for(tasks)
    sheet.append([label for _, label in columns])
    deadline_column = [key for key, _ in columns].index("deadline")
    for task in tasks:
        row = _row(task)
        values: list[str | date] = [row[key] for key, _ in columns]
        if task.deadline and len(task.deadline) == 10:
            values[deadline_column] = date.fromisoformat(task.deadline)
        sheet.append(values)
    widths = {"id": 26, "actors": 34, "collaborators": 28, "content": 80, "output": 34, "modality": 20}
    widths |= {"deadline": 14, "recurrence": 14, "source": 34, "status": 18}
    for index, (key, _) in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index)].width = widths[key]
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells[deadline_column].number_format = "DD/MM/YYYY"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    last_row = max(2, len(tasks) + 1)
    table = Table(displayName="NhiemVu", ref=f"A1:{chr(ord('A') + len(columns) - 1)}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)  # a table has filter buttons on every column
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_ics(tasks: list[Task]) -> bytes:
    from icalendar import Calendar, Todo, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//vanban-nlp//nhiem vu//VI")
    calendar.add("version", "2.0")
    stamp = datetime.now(UTC)
    for task in tasks:
        todo = Todo()
        todo.add("uid", f"{task.id}@vanban-nlp")
        todo.add("dtstamp", stamp)
        who = "; ".join(task.actors) or "Chưa xác định đơn vị"
        todo.add("summary", f"[{who}] {task.action or task.content[:80]}")
        description = [task.content]
        if task.collaborators:
            description.append("Phối hợp: " + "; ".join(task.collaborators))
        if task.output:
            description.append("Sản phẩm: " + task.output)
        if task.source_title:
            description.append("Căn cứ: " + _source(task))
        if task.deadline_text and not task.deadline:
            description.append("Thời hạn: " + task.deadline_text)
        todo.add("description", "\n".join(description))
        todo.add(
            "status", {"open": "NEEDS-ACTION", "in_progress": "IN-PROCESS", "done": "COMPLETED"}[task.status]
        )
        if task.deadline and len(task.deadline) == 10:
            todo.add("due", date.fromisoformat(task.deadline))
        start = _first_day(task.issued) or _first_day(task.deadline)
        if task.recurrence and start and task.recurrence[0] in RRULE:
            todo.add("dtstart", start)
            todo.add("rrule", vRecur(RRULE[task.recurrence[0]]))
        if task.modality == "prohibition":
            todo.add("categories", ["Nghiêm cấm"])
        calendar.add_component(todo)
    return calendar.to_ical()


def _first_day(value: str | None) -> date | None:
    """The first day of an ISO date, month ("2023-03") or year ("2023"); None otherwise."""
    if not value or not value[:4].isdigit():
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        if len(value) == 4:
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def to_markdown(tasks: list[Task]) -> str:
    # one group per actor whatever the case it is written in ("các Cục Thuế" / "Các Cục Thuế"),
    # headed by the first spelling met
    groups: OrderedDict[str, tuple[str, list[Task]]] = OrderedDict()
    for task in tasks:
        for actor in task.actors or ["Chưa xác định đơn vị"]:
            groups.setdefault(actor.casefold(), (actor, []))[1].append(task)
    lines = ["# Danh sách nhiệm vụ", ""]
    for actor, actor_tasks in groups.values():
        lines += [f"## {actor[:1].upper()}{actor[1:]}", ""]  # a heading opens with a capital
        for task in actor_tasks:
            mark = "x" if task.status == "done" else " "
            extra = []
            if task.deadline or task.deadline_text:
                extra.append(f"hạn: {task.deadline or task.deadline_text}")
            if task.recurrence:
                extra.append("định kỳ: " + ", ".join(PERIOD.get(p, p) for p in task.recurrence))
            if task.collaborators:
                extra.append("phối hợp: " + "; ".join(task.collaborators))
            if task.output:
                extra.append("sản phẩm: " + task.output)
            if task.modality != "obligation":
                extra.append(MODALITY[task.modality].lower())
            suffix = f" ({'; '.join(extra)})" if extra else ""
            lines.append(f"- [{mark}] {task.content}{suffix} — `{task.id}`")
        lines.append("")
    return "\n".join(lines)


def to_json(tasks: list[Task]) -> str:
    return json.dumps([asdict(t) for t in tasks], ensure_ascii=False, indent=2)
