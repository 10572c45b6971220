"""Plain data classes for a parsed document; `Document.to_dict()` gives document JSON 1.1."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_ID = "vanban-nlp/document/1.1"

Span = tuple[int, int]
DateRole = Literal["issue", "reference", "deadline", "other"]
Modality = Literal["obligation", "prohibition", "recommendation", "commitment"]
Kind = Literal["letter", "article", "unknown"]


@dataclass
class Signer:
    authority: str | None = None
    title: str | None = None
    name: str | None = None


@dataclass
class Header:
    issuer: str | None = None
    parent_issuer: str | None = None
    number: str | None = None
    doc_type: str | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    signer: Signer | None = None
    # field name -> [start, end) of its evidence in Document.text
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class Recipient:
    name: str
    purpose: str | None = None
    span: Span | None = None


@dataclass
class Reference:
    number: str
    doc_type: str | None
    date: str | None
    issuer: str | None
    text: str
    span: Span
    mentions: list[Span] = field(default_factory=list)


@dataclass
class DateMention:
    value: str
    text: str
    span: Span
    role: DateRole = "other"


@dataclass
class Item:
    label: str
    text: str
    span: Span
    children: list[Item] = field(default_factory=list)


@dataclass
class Obligation:
    id: str
    text: str
    span: Span
    item: str | None = None
    actors: list[str] = field(default_factory=list)
    collaborators: list[str] = field(default_factory=list)
    action: str | None = None
    modality: Modality = "obligation"
    deadline: str | None = None
    deadline_text: str | None = None
    recurrence: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    output: str | None = None  # the product a table row asks for (its Sản phẩm / Kết quả cell)


@dataclass
class Table:
    """A data table of the document (DOCX, PDF or HTML), merged cells resolved to their value."""

    span: Span
    header: list[str]
    rows: list[list[str]]
    page: int | None = None
    # [start, end) in Document.text of every cell, header row first; a merged cell shares the span
    # of the cell holding its text; None for an empty cell
    cells: list[list[Span | None]] = field(default_factory=list)


@dataclass
class Task:
    """A trackable task built from one obligation (one row of `vanban tasks`)."""

    id: str
    actors: list[str]
    collaborators: list[str]
    content: str
    action: str | None
    deadline: str | None
    deadline_text: str | None
    recurrence: list[str]
    modality: Modality
    source_number: str | None
    source_title: str | None
    item: str | None
    refs: list[str]
    status: str = "open"
    source_path: str | None = None
    issued: str | None = None
    output: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        """The task of `dataclasses.asdict(task)` (tasks JSON, the store): equal to the original."""
        fields = dict(data)
        for key in ("actors", "collaborators", "recurrence", "refs"):
            fields[key] = list(fields.get(key) or [])
        return cls(**fields)


@dataclass
class Source:
    path: str
    format: str
    sha256: str
    pages: int | None = None
    encoding: str | None = None
    ocr: bool = False  # any page's text came from OCR
    # mean OCR word confidence (0..1) per page read, None for a page read from a text layer
    ocr_confidence: list[float | None] = field(default_factory=list)


@dataclass
class Document:
    source: Source
    text: str
    kind: Kind = "unknown"
    header: Header = field(default_factory=Header)
    addressees: list[str] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    archive: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Document JSON 1.1 (see docs/document-json.md): every key present, spans as lists."""
        out = {
            "schema": SCHEMA_ID,
            "source": asdict(self.source),
            "kind": self.kind,
            "text": self.text,
            "header": _header_dict(self.header),
            "addressees": list(self.addressees),
            "recipients": [_jsonable(asdict(r)) for r in self.recipients],
            "archive": list(self.archive),
            "references": [_jsonable(asdict(r)) for r in self.references],
            "dates": [_jsonable(asdict(d)) for d in self.dates],
            "items": [_jsonable(asdict(i)) for i in self.items],
            "obligations": [_jsonable(asdict(o)) for o in self.obligations],
            "warnings": list(self.warnings),
            "tables": [_jsonable(asdict(t)) for t in self.tables],
        }
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """The Document of document JSON 1 or 1.1 (`to_dict()`, a store row, a JSONL line): equal to
        the original, spans back to tuples."""
        header = dict(data["header"])
        signer = header.pop("signer", None)
        spans = header.pop("spans", None) or {}
        return cls(
            source=Source(**data["source"]),
            text=data["text"],
            kind=data["kind"],
            header=Header(
                **header,
                signer=Signer(**signer) if signer is not None else None,
                spans={k: _span(v) for k, v in spans.items()},
            ),
            addressees=list(data["addressees"]),
            recipients=[
                Recipient(name=r["name"], purpose=r.get("purpose"), span=_span(r.get("span")))
                for r in data["recipients"]
            ],
            archive=list(data["archive"]),
            references=[
                Reference(
                    number=r["number"],
                    doc_type=r["doc_type"],
                    date=r["date"],
                    issuer=r["issuer"],
                    text=r["text"],
                    span=_span(r["span"]),
                    mentions=[_span(m) for m in r.get("mentions") or []],
                )
                for r in data["references"]
            ],
            dates=[
                DateMention(value=d["value"], text=d["text"], span=_span(d["span"]), role=d["role"])
                for d in data["dates"]
            ],
            items=[_item(i) for i in data["items"]],
            obligations=[Obligation(**{**o, "span": _span(o["span"])}) for o in data["obligations"]],
            warnings=list(data["warnings"]),
            tables=[
                Table(
                    span=_span(t["span"]),
                    header=list(t["header"]),
                    rows=[list(r) for r in t["rows"]],
                    page=t.get("page"),
                    cells=[[_span(c) for c in row] for row in t.get("cells") or []],
                )
                for t in data.get("tables") or []
            ],
        )

    def _repr_html_(self) -> str:
        """A summary card for Jupyter: the heading, what was found, the first obligations."""
        from html import escape

        h = self.header
        signer = " ".join(p for p in (h.signer.title, h.signer.name) if p) if h.signer else None
        fields = [
            ("Cơ quan ban hành", h.issuer),
            ("Số, ký hiệu", h.number),
            ("Tên loại", h.doc_type),
            ("Địa danh, ngày", ", ".join(p for p in (h.place, h.date) if p)),
            ("Trích yếu", h.subject),
            ("Người ký", signer),
        ]
        rows = "".join(f"<tr><th>{k}</th><td>{escape(v)}</td></tr>" for k, v in fields if v)
        found = (
            f"{len(self.references)} văn bản viện dẫn · {len(self.dates)} ngày tháng · "
            f"{len(self.items)} mục · {len(self.obligations)} nghĩa vụ"
        )
        duties = "".join(
            f"<li><b>{escape(', '.join(o.actors) or '—')}</b>: {escape(o.text[:160])}"
            + (f" <i>(hạn {escape(o.deadline)})</i>" if o.deadline else "")
            + "</li>"
            for o in self.obligations[:10]
        )
        more = f"<p>… và {len(self.obligations) - 10} nghĩa vụ khác</p>" if len(self.obligations) > 10 else ""
        return (
            '<div class="vanban-document">'
            f"<p><small>{escape(self.source.path)} ({escape(self.kind)})</small></p>"
            f'<table style="text-align:left">{rows}</table><p>{found}</p>'
            f"{f'<ol>{duties}</ol>' if duties else ''}{more}</div>"
        )


def _span(value: Any) -> Any:
    return tuple(value) if value is not None else None


def _item(data: dict[str, Any]) -> Item:
    return Item(
        label=data["label"],
        text=data["text"],
        span=_span(data["span"]),
        children=[_item(c) for c in data.get("children") or []],
    )


def _header_dict(header: Header) -> dict[str, Any]:
    d = asdict(header)
    d["spans"] = {k: list(v) for k, v in header.spans.items()}
    return _jsonable(d)


def _jsonable(value: Any) -> Any:
    """Tuples (spans) become lists so the dict equals its JSON round trip."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
