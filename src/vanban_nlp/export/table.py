"""A compact terminal view (rich) of a parsed document."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..model import Document


def print_table(document: Document, console: Console) -> None:
    h = document.header
    info = Table(title=document.source.path, show_header=False, title_justify="left")
    info.add_column(style="bold")
    info.add_column()
    for label, value in (
        ("Loại", h.doc_type),
        ("Số, ký hiệu", h.number),
        ("Cơ quan", h.issuer),
        ("Ngày", h.date),
        ("Trích yếu", h.subject),
        ("Người ký", h.signer.name if h.signer else None),
        ("Mục nội dung", str(_count(document.items))),
        ("Văn bản viện dẫn", str(len(document.references))),
    ):
        if value:
            info.add_row(label, value)
    console.print(info)
    if document.references:
        refs = Table("Số, ký hiệu", "Loại", "Ngày", "Cơ quan ban hành", title="Văn bản được viện dẫn")
        for r in document.references:
            refs.add_row(r.number, r.doc_type or "", r.date or "", r.issuer or "")
        console.print(refs)
    for warning in document.warnings:
        console.print(f"[yellow]Cảnh báo:[/] {warning}")


def _count(items) -> int:
    return sum(1 + _count(i.children) for i in items)
