"""Assignment tables ("Phụ lục phân công nhiệm vụ") as obligations: one per task row.

A kế hoạch, a chương trình hành động or a quyết định ban hành kế hoạch often puts its real
assignments in a table: `STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn
thành | Sản phẩm`. Column roles come from the header words of lexicon/table_column_*.yaml, read on
folded text with spaces and marks removed (OCR and line breaks inside a header cell do not
matter); a header of two rows ("Thời gian" over "Bắt đầu | Hoàn thành") is read with its sub-
header. A table is an assignment table when it has a task column, a lead column and a time,
coordination or product column; statistics and forms never are.

Each task row becomes an obligation: the task cell is its text and span, the lead cell its actors
(a blank one goes on from the row above, as a merged cell does), the coordination cell its
collaborators (lists split by obligations/actors.py), the time cell its deadline, recurrence and
deadline_text (obligations/timing.py `cell_timing`), the product cell its output. Group rows
("I. NHÓM NHIỆM VỤ VỀ …", "A", "1" over "1.1") make the item path with the table's phụ lục:
"Phụ lục I, II.5" (a table under no phụ lục heading is "Bảng 1", "Bảng 2", … in document order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .. import lexicon
from ..model import Document, Obligation, Table
from ..text.chars import fold, is_upper_text
from .action import action_phrase
from .actors import split_actors
from .timing import Timing, cell_timing, find_timing

ROLES = ("number", "task", "lead", "support", "deadline", "output", "other")
HEADER_ROWS = 3  # the header is one of the first rows (a title row may come before it)
_ROMAN = re.compile(r"^[IVXLC]{1,6}$")
_LETTER = re.compile(r"^[A-ZĐ]$")
_ARABIC = re.compile(r"^\d{1,3}(?:\.\d{1,3})*$")
_LABEL = re.compile(r"^(?P<label>[IVXLC]{1,6}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*)\s*[.):/-]?\s+(?=\S)")
_COLUMN_NUMBER = re.compile(r"^\(?\s*(?:\d{1,2}|[A-Z])\s*\)?$")
_BULLET = re.compile(r"^\s*[-+•·∙▪]\s+")
_BULLETS = re.compile(r"\s[-+•·∙▪]\s+")
_LIST_BREAKS = re.compile(r"\s*[;\n]\s*")
_ROLE_MARK = re.compile(r"\(\s*(?:cơ quan\s+|đơn vị\s+)?(?:chủ trì|phối hợp)\s*\)", re.IGNORECASE)
_LEAD_LABEL = re.compile(r"^\s*(?:cơ quan\s+|đơn vị\s+)?chủ trì\s*[:\-]\s*", re.IGNORECASE)
_SUPPORT_SPLIT = re.compile(
    r"\s*[;,.]?\s*(?:cơ quan\s+|đơn vị\s+)?phối hợp(?:\s+với)?\s*[:\-]?\s*", re.IGNORECASE
)
_NOBODY = re.compile(r"^[\s\-–x/.]*$|^(?:không|không có|nt|như trên)\.?$", re.IGNORECASE)
_APPENDIX = re.compile(
    r"^[ \t]*PHU[ \t]*LUC\b(?:[ \t]+(?:SO[ \t]+)?(?P<n>[IVXLC]{1,6}|\d{1,3}|[A-Z])\b)?", re.MULTILINE
)
APPENDIX_WINDOW = 1500  # a phụ lục heading and the title under it come within this before the table


def _compact(text: str) -> str:
    """Folded upper case, letters and digits only: "Cơ quan\nchủ trì" and "Co quan chu tri" agree."""
    return re.sub(r"[^A-Z0-9]", "", fold(text))


@cache
def _role_words() -> dict[str, tuple[str, ...]]:
    return {
        role: tuple(dict.fromkeys(_compact(w) for w in lexicon.words(f"table_column_{role}")))
        for role in ROLES
    }


def column_role(header: str) -> str | None:
    """The role of a column from its header cell: number, task, lead, support, lead_support (one
    column for both), deadline, output, other; None when no header word occurs in it."""
    key = _compact(header)
    if not key:
        return None
    words = _role_words()
    if key in words["number"]:
        return "number"
    found = {}
    for role, role_words in words.items():
        if role != "number":
            longest = max((len(w) for w in role_words if w in key), default=0)
            if longest:
                found[role] = longest
    if "lead" in found and "support" in found:
        return "lead_support"
    return max(found, key=lambda role: found[role]) if found else None


@dataclass
class Columns:
    """Where each role is (its first column) and where the data rows start."""

    roles: dict[str, int]
    data_start: int  # index into [header, *rows]

    def cell(self, row: list[str], role: str) -> str:
        index = self.roles.get(role)
        return row[index].strip() if index is not None and index < len(row) else ""


def assignment_columns(table: Table) -> Columns | None:
    """The columns of an assignment table; None for any other table (statistics, forms, lists)."""
    rows = [table.header, *table.rows]
    for h in range(min(HEADER_ROWS, len(rows) - 1)):
        roles = [column_role(cell) for cell in rows[h]]
        data_start = h + 1
        below = rows[h + 1]
        if _is_sub_header(rows[h], below):
            data_start = h + 2
            for c, cell in enumerate(below):
                if c < len(roles) and cell.strip() and cell != rows[h][c]:
                    roles[c] = column_role(cell) or roles[c]
        where: dict[str, int] = {}
        for c, role in enumerate(roles):
            if role is not None:
                where.setdefault(role, c)
        lead = "lead" in where or "lead_support" in where
        detail = any(r in where for r in ("deadline", "support", "output", "lead_support"))
        if "task" in where and lead and detail:
            return Columns(where, data_start)
    return None


def _is_sub_header(header: list[str], below: list[str]) -> bool:
    """The row under a header is its second row: every cell it has of its own names a role."""
    own = [cell for c, cell in enumerate(below) if cell.strip() and (c >= len(header) or cell != header[c])]
    return bool(own) and all(column_role(cell) is not None for cell in own)


@dataclass
class _Walk:
    """What goes down the rows: the groups above and the last lead."""

    groups: list[tuple[int, str]] = field(default_factory=list)  # (rank, label)
    unlabelled_groups: int = 0
    tasks_in_group: int = 0
    lead: list[str] = field(default_factory=list)
    lead_cell: str = ""


def table_obligations(document: Document) -> list[Obligation]:
    """One obligation per task row of every assignment table of the document, in table order."""
    out: list[Obligation] = []
    previous_end = 0
    for number, table in enumerate(document.tables, start=1):
        columns = assignment_columns(table)
        if columns is not None:
            prefix = _appendix_name(document.text, previous_end, table.span[0]) or f"Bảng {number}"
            out += _rows(document, table, columns, prefix)
        previous_end = table.span[1]
    return out


def with_table_obligations(document: Document, obligations: list[Obligation]) -> list[Obligation]:
    """The document's obligations with those of its assignment tables, in document order, ids
    renumbered. What the prose rules made of an assignment table's lines is replaced by its rows."""
    rows = table_obligations(document)
    if not rows:
        return obligations
    spans = [t.span for t in document.tables if assignment_columns(t) is not None]
    kept = [o for o in obligations if not any(s <= o.span[0] < e for s, e in spans)]
    merged = sorted(kept + rows, key=lambda o: o.span[0])
    for index, obligation in enumerate(merged, start=1):
        obligation.id = f"o{index}"
    return merged


def _appendix_name(text: str, since: int, start: int) -> str | None:
    """The phụ lục heading the table sits under: "Phụ lục I", or "Phụ lục" without a number."""
    window_start = max(since, start - APPENDIX_WINDOW)
    headings = list(_APPENDIX.finditer(fold(text[window_start:start])))
    if not headings:
        return None
    heading = headings[-1]
    return f"Phụ lục {heading['n']}" if heading["n"] else "Phụ lục"


def _rows(document: Document, table: Table, columns: Columns, prefix: str) -> list[Obligation]:
    rows = [table.header, *table.rows]
    spans = table.cells or [[None] * len(r) for r in rows]
    header = rows[columns.data_start - 1]
    walk = _Walk()
    out: list[Obligation] = []
    for index in range(columns.data_start, len(rows)):
        row = rows[index]
        if _is_column_numbers(row) or row == header:
            continue
        following = rows[index + 1] if index + 1 < len(rows) else None
        group = _group(row, columns, following)
        if group is not None:
            _open_group(walk, *group)
            continue
        task = columns.cell(row, "task")
        task_column = columns.roles["task"]
        span = spans[index][task_column] if index < len(spans) and task_column < len(spans[index]) else None
        if not task or span is None:
            continue
        walk.tasks_in_group += 1
        label = _label(columns.cell(row, "number")) or str(walk.tasks_in_group)
        out.append(_obligation(document, row, span, columns, walk, f"{prefix}, {_path(walk, label)}"))
    return out


def _is_column_numbers(row: list[str]) -> bool:
    """The row under a header that numbers its columns: (1) (2) (3) … or 1 2 3 …"""
    filled = [cell for cell in row if cell.strip()]
    return len(filled) >= 3 and all(_COLUMN_NUMBER.match(cell.strip()) for cell in filled)


def _group(row: list[str], columns: Columns, following: list[str] | None) -> tuple[int, str] | None:
    """(rank, label) of a group row, None for a task row. Ranks: 0 for I, II (or an unlabelled
    upper-case title), 1 for A, B, 2 for 1, 2 over 1.1, 1.2."""
    number = _label(columns.cell(row, "number"))
    number_column = columns.roles.get("number")
    others = [cell.strip() for c, cell in enumerate(row) if c != number_column and cell.strip()]
    if not others:
        return None
    task = columns.cell(row, "task")
    # one cell across the row (beside its number, or holding it: "I. NHÓM NHIỆM VỤ …")
    title = others[0] if len(others) >= 2 and len(set(others)) == 1 else None
    if title is not None:
        found = _LABEL.match(title)
        if not number or number == _label(title):  # the number cell is part of the title cell
            number = found["label"] if found else ""
    elif any(columns.cell(row, role) for role in ("lead", "lead_support", "deadline", "output")):
        return None
    elif not (_ROMAN.match(number) or _LETTER.match(number) or (task and is_upper_text(task))):
        next_number = _label(columns.cell(following, "number")) if following else ""
        if not (number and _ARABIC.match(number) and next_number.startswith(number + ".")):
            return None
    if _ROMAN.match(number):
        return 0, number
    if _LETTER.match(number):
        return 1, number
    if _ARABIC.match(number):
        return 2, number
    return 0, ""


def _open_group(walk: _Walk, rank: int, label: str) -> None:
    if not label:
        walk.unlabelled_groups += 1
        label = _roman(walk.unlabelled_groups)
    walk.groups = [g for g in walk.groups if g[0] < rank] + [(rank, label)]
    walk.tasks_in_group = 0
    walk.lead, walk.lead_cell = [], ""


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in numerals:
        while number >= value:
            out, number = out + numeral, number - value
    return out


def _label(cell: str) -> str:
    return cell.strip().rstrip(".):").strip()


def _path(walk: _Walk, label: str) -> str:
    """Group labels and the row's own, joined by dots; a row label that repeats its group's ("1.2"
    under group "1") replaces it."""
    labels = [g[1] for g in walk.groups]
    if labels and label.startswith(labels[-1] + "."):
        labels = labels[:-1]
    return ".".join([*labels, label])


def _obligation(
    document: Document,
    row: list[str],
    span: tuple[int, int],
    columns: Columns,
    walk: _Walk,
    item: str,
) -> Obligation:
    lead_cell = columns.cell(row, "lead")
    support_cell = columns.cell(row, "support")
    if "lead_support" in columns.roles:
        lead_part, support_part = _lead_and_support(columns.cell(row, "lead_support"))
        lead_cell, support_cell = lead_cell or lead_part, support_cell or support_part
    actors = _bodies(lead_cell)
    if actors:
        walk.lead, walk.lead_cell = actors, lead_cell
    else:  # a blank lead cell under a row that has one: the same lead, as a merged cell would be
        actors = list(walk.lead)
    if support_cell and support_cell == walk.lead_cell and not lead_cell:
        support_cell = ""
    collaborators = [b for b in _bodies(support_cell) if b not in actors]
    text = document.text[span[0] : span[1]]
    timing = _timing(document, columns.cell(row, "deadline"), span)
    refs = [r.number for r in document.references if any(span[0] <= m[0] < span[1] for m in r.mentions)]
    output = columns.cell(row, "output") or None
    return Obligation(
        id="",
        text=text,
        span=span,
        item=item,
        actors=actors,
        collaborators=collaborators,
        action=action_phrase(text),
        modality="obligation",
        deadline=timing.deadline,
        deadline_text=timing.deadline_text,
        recurrence=timing.recurrence,
        refs=refs,
        output=output if output and not _NOBODY.match(output) else None,
    )


def _timing(document: Document, cell: str, span: tuple[int, int]) -> Timing:
    """The time cell's deadline; without one, a deadline the task cell itself states."""
    if cell and not _NOBODY.match(cell):
        return cell_timing(cell, document.header.date)
    return find_timing(document.text, span[0], span[1], document.dates, document.header.date)


def _bodies(cell: str) -> list[str]:
    """The bodies a cell names, one per body: semicolons, line breaks and the bullets of a cell that
    lists with them ("- Sở A - Sở B", not "Phòng Kế hoạch - Tài chính") split first."""
    cell = _ROLE_MARK.sub("", cell)
    if _NOBODY.match(cell.strip()):
        return []
    parts = _LIST_BREAKS.split(cell)
    if _BULLET.match(cell):
        parts = [piece for part in parts for piece in _BULLETS.split(_BULLET.sub("", part))]
    out: list[str] = []
    for part in parts:
        part = part.strip(" ,.;:")
        if part and not _NOBODY.match(part):
            out += [name for name in split_actors(part) if name not in out]
    return out


def _lead_and_support(cell: str) -> tuple[str, str]:
    """A cell naming both: "Sở A chủ trì, phối hợp với Sở B", "Chủ trì: Sở A; Phối hợp: Sở B",
    "Sở A (chủ trì); Sở B", or a plain list whose first body leads."""
    marked = re.search(r"\(\s*(?:cơ quan\s+)?chủ trì\s*\)", cell, re.IGNORECASE)
    if marked:
        before = cell[: marked.start()]
        start = max(before.rfind(";"), before.rfind(","), before.rfind("\n")) + 1
        rest = (cell[:start] + " , " + cell[marked.end() :]).strip(" ,;")
        return cell[start : marked.start()].strip(), rest
    body = _LEAD_LABEL.sub("", cell)
    body = re.sub(r"\s+chủ trì\s*(?=[,;.]|$)", "", body, flags=re.IGNORECASE)
    parts = _SUPPORT_SPLIT.split(body, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(" ,;."), parts[1].strip(" ,;.")
    bodies = _bodies(body)
    return (bodies[0], "; ".join(bodies[1:])) if bodies else ("", "")
