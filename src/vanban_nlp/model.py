"""Plain data classes for a parsed document; `Document.to_dict()` gives document JSON 1.1."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_ID = "vanban-nlp/document/1.1"

Span = tuple[int, int]


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
    role: str = "other"  # issue | reference | deadline | other


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
    modality: str = "obligation"
    deadline: str | None = None
    deadline_text: str | None = None
    recurrence: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)


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
    modality: str
    source_number: str | None
    source_title: str | None
    item: str | None
    refs: list[str]
    status: str = "open"
    source_path: str | None = None
    issued: str | None = None


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
    kind: str = "unknown"
    header: Header = field(default_factory=Header)
    addressees: list[str] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    archive: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Document JSON 1.1 (see spec/document-json.md): every key present, spans as lists."""
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
        }
        return out


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
