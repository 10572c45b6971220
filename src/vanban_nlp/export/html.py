"""A standalone HTML page that shows the document text with every extracted value highlighted,
so a person can check the extraction. Overlapping values (a citation inside an obligation) are
rendered as flat segments that carry every category covering them; hovering shows the details."""

from __future__ import annotations

import html
from collections import defaultdict

from ..model import Document, Item, Obligation, Table

CATEGORIES = {
    "header": ("Thông tin văn bản", "#fde68a"),
    "reference": ("Văn bản viện dẫn", "#bfdbfe"),
    "date": ("Ngày tháng", "#bbf7d0"),
    "item": ("Nhãn mục", "#fbcfe8"),
    "obligation": ("Nhiệm vụ", "#fee2e2"),
    "addressee": ("Kính gửi", "#c7d2fe"),
    "recipient": ("Nơi nhận", "#e9d5ff"),
    "table": ("Ô bảng", "#e5e7eb"),
}
HEADER_LABELS = {
    "issuer": "Cơ quan ban hành",
    "parent_issuer": "Cơ quan chủ quản",
    "number": "Số, ký hiệu",
    "doc_type": "Tên loại",
    "place": "Địa danh",
    "date": "Ngày ban hành",
    "subject": "Trích yếu",
    "signer": "Người ký",
}


def to_html(document: Document) -> str:
    header = document.header
    body = highlighted_text(document)
    legend = "".join(
        f'<span class="{c}">{html.escape(label)}</span> ' for c, (label, _) in CATEGORIES.items()
    )
    styles = "".join(f".{c}{{background:{color}}}" for c, (_, color) in CATEGORIES.items())
    title = html.escape(" ".join(p for p in (header.doc_type, header.number) if p) or document.source.path)
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in document.warnings)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:"Times New Roman",serif;max-width:56em;margin:2em auto;line-height:1.5}}
pre{{white-space:pre-wrap;font-family:inherit;font-size:1.05em}}span[title]{{border-radius:3px;cursor:help}}
.legend span{{padding:0 .4em;margin-right:.3em}}{styles}</style></head>
<body><h1>{title}</h1><p class="legend">Chú thích: {legend}</p>
{f'<ul class="warnings">{warnings}</ul>' if warnings else ""}
<pre>{body}</pre></body></html>
"""


def highlighted_text(document: Document) -> str:
    """The document text as escaped HTML with every extracted value in a `<span>` (its categories
    as classes, what was read as its title); the markup's text content is exactly `document.text`."""
    return _render(document.text, document_marks(document))


def document_marks(document: Document) -> list[tuple[int, int, str, str]]:
    """(start, end, category, what was read) for every extracted value of the document."""
    marks: list[tuple[int, int, str, str]] = []
    header = document.header
    for field, (start, end) in header.spans.items():
        value = getattr(header, field, None)
        if field == "signer" and header.signer:
            value = ", ".join(
                p for p in (header.signer.authority, header.signer.title, header.signer.name) if p
            )
        marks.append((start, end, "header", f"{HEADER_LABELS.get(field, field)}: {value}"))
    for ref in document.references:
        issuer = ref.issuer or "không rõ cơ quan"
        info = f"{ref.number} — {ref.doc_type or '?'}, ngày {ref.date or '?'}, {issuer}"
        for start, end in ref.mentions:
            marks.append((start, end, "reference", info))
    for date in document.dates:
        marks.append((*date.span, "date", f"{date.value} ({date.role})"))
    for item in _flat(document.items):
        marks.append((item.span[0], item.span[0] + len(item.label), "item", f"Mục {item.label}"))
    for obligation in document.obligations:
        marks.append((*obligation.span, "obligation", _obligation_info(obligation)))
    for table in document.tables:
        marks += _table_marks(table)
    search_from = 0
    for addressee in document.addressees:
        found = document.text.find(addressee, search_from)
        if found >= 0:
            marks.append((found, found + len(addressee), "addressee", f"Kính gửi: {addressee}"))
            search_from = found + len(addressee)
    for recipient in document.recipients:
        if recipient.span:
            marks.append(
                (
                    *recipient.span,
                    "recipient",
                    recipient.name + (f" ({recipient.purpose})" if recipient.purpose else ""),
                )
            )
    return marks


def _obligation_info(obligation: Obligation) -> str:
    parts = [f"Chủ trì: {'; '.join(obligation.actors) or '?'}"]
    if obligation.collaborators:
        parts.append(f"Phối hợp: {'; '.join(obligation.collaborators)}")
    if obligation.deadline or obligation.deadline_text:
        parts.append(f"Hạn: {obligation.deadline or obligation.deadline_text}")
    if obligation.recurrence:
        parts.append(f"Định kỳ: {', '.join(obligation.recurrence)}")
    if obligation.output:
        parts.append(f"Sản phẩm: {obligation.output}")
    parts.append(f"Tính chất: {obligation.modality}")
    return " | ".join(parts)


def _table_marks(table: Table) -> list[tuple[int, int, str, str]]:
    """Each cell of a table once (a merged cell covers several positions), named by its column."""
    marks: dict[tuple[int, int], tuple[int, int, str, str]] = {}
    for r, row in enumerate(table.cells):
        for c, span in enumerate(row):
            if span is not None and span not in marks:
                column = table.header[c] if c < len(table.header) and r else f"cột {c + 1}"
                label = "Tiêu đề bảng" if r == 0 else f"Bảng, dòng {r}, {column}"
                marks[span] = (*span, "table", label)
    return list(marks.values())


def _flat(items: list[Item]) -> list[Item]:
    out = []
    for item in items:
        out.append(item)
        out.extend(_flat(item.children))
    return out


def _render(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    boundaries = {0, len(text)}
    for start, end, _, _ in marks:
        if 0 <= start < end <= len(text):
            boundaries.update((start, end))
    points = sorted(boundaries)
    starts: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for start, end, category, info in marks:
        if 0 <= start < end <= len(text):
            starts[start].append((end, category, info))
    active: list[tuple[int, str, str]] = []
    out = []
    for left, right in zip(points, points[1:], strict=False):
        active = [a for a in active if a[0] > left] + starts.get(left, [])
        chunk = html.escape(text[left:right])
        if not active:
            out.append(chunk)
            continue
        classes = " ".join(sorted({category for _, category, _ in active}))
        tip = html.escape("\n".join(dict.fromkeys(info for _, _, info in active)), quote=True)
        out.append(f'<span class="{classes}" title="{tip}">{chunk}</span>')
    return "".join(out)
