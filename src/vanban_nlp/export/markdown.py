"""A Markdown summary of a parsed document, in Vietnamese, for a person to read."""

from __future__ import annotations

from ..model import Document, Item


def to_markdown(document: Document) -> str:
    h = document.header
    title = (
        " ".join(p for p in (h.doc_type, f"số {h.number}" if h.number else None) if p) or document.source.path
    )
    lines = [f"# {title}", ""]
    rows = [
        ("Cơ quan ban hành", h.issuer),
        ("Cơ quan chủ quản", h.parent_issuer),
        ("Địa danh", h.place),
        ("Ngày ban hành", h.date),
        ("Trích yếu", h.subject),
        (
            "Người ký",
            ", ".join(p for p in (h.signer.authority, h.signer.title, h.signer.name) if p)
            if h.signer
            else None,
        ),
        ("Loại nội dung", {"letter": "văn bản", "article": "bài báo/tin"}.get(document.kind, "chưa rõ")),
    ]
    for label, value in rows:
        if value:
            lines.append(f"- **{label}:** {value}")
    if document.addressees:
        lines += ["", "## Kính gửi", *[f"- {a}" for a in document.addressees]]
    if document.references:
        lines += [
            "",
            "## Văn bản được viện dẫn",
            "",
            "| Số, ký hiệu | Loại | Ngày | Cơ quan ban hành |",
            "|---|---|---|---|",
        ]
        for r in document.references:
            lines.append(f"| {r.number} | {r.doc_type or ''} | {r.date or ''} | {r.issuer or ''} |")
    if document.items:
        lines += ["", "## Các mục nội dung"]
        _items(document.items, 0, lines)
    if document.obligations:
        lines += ["", "## Nhiệm vụ"]
        for o in document.obligations:
            who = ", ".join(o.actors) or "chưa xác định"
            due = f" — hạn {o.deadline}" if o.deadline else ""
            lines.append(f"- [ ] **{who}**: {o.action or o.text[:120]}{due}")
    if document.recipients or document.archive:
        lines += ["", "## Nơi nhận"]
        for recipient in document.recipients:
            purpose = f" ({recipient.purpose})" if recipient.purpose else ""
            lines.append(f"- {recipient.name}{purpose}")
        if document.archive:
            lines.append(f"- Lưu: {', '.join(document.archive)}")
    if document.warnings:
        lines += ["", "## Cảnh báo", *[f"- {w}" for w in document.warnings]]
    return "\n".join(lines) + "\n"


def _items(items: list[Item], depth: int, lines: list[str]) -> None:
    for item in items:
        text = item.text if len(item.text) <= 160 else item.text[:157] + "…"
        lines.append(f"{'  ' * depth}- **{item.label}** {text}")
        _items(item.children, depth + 1, lines)
