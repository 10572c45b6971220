"""Runs the extractors over a normalized document and fills the Document in place.

The extractors are pure: each returns what it found. This is the one place that merges their
results, the roles of the dates included (the heading's date is the issue date, a citation's date
is a reference date, the rest keep the role the date finder gave them)."""

from __future__ import annotations

import time
from dataclasses import replace

from .extract.addressees import extract_addressees, extract_recipients
from .extract.attributes import attribute_header
from .extract.citations import find_citations
from .extract.dates import find_dates
from .extract.header import extract_header
from .extract.items import find_items
from .i18n import _
from .layout.sections import analyze_layout
from .model import DateMention, Document, Item


class _StageClock:
    """Adds the CPU seconds of each stage to `timings` (when given)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.process_time() if timings is not None else 0.0

    def lap(self, stage: str) -> None:
        if self.timings is not None:
            now = time.process_time()
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
            self.last = now


def analyze(document: Document, obligations: bool = True, timings: dict[str, float] | None = None) -> None:
    clock = _StageClock(timings)
    text = document.text
    layout = analyze_layout(text)
    clock.lap("layout")
    document.kind = layout.kind
    # dates on the page chrome after a news article's end (counters, related links) are not its dates
    date_limit = layout.body_end if layout.kind == "article" else len(text)
    dates = [d for d in find_dates(text) if d.span[0] < date_limit]
    document.header = extract_header(text, layout, dates)
    if layout.kind == "article":
        attributes = attribute_header(text, dates)
        if attributes is not None:
            # a portal's attribute page: the document's data without its full text
            document.kind = "unknown"
            document.header = attributes
            document.warnings.append(
                _("a legal portal's attribute page: the document's data without its full text")
            )
    document.addressees = extract_addressees(layout)
    document.recipients, document.archive = extract_recipients(layout)
    citations = find_citations(
        text[:date_limit],
        dates=dates,
        own_number=document.header.number,
        own_span=document.header.spans.get("number"),
    )
    document.references = citations.references
    document.dates = _with_roles(dates, document.header.spans.get("date"), citations.reference_dates)
    quotations: list[tuple[int, int]] = []  # quoted law: items, but not the document's instructions
    document.items = find_items(text, layout.body_start, layout.body_end, quotations)
    if layout.appendix_start is not None:  # phụ lục, mẫu and copies attached after the signature
        start = layout.appendix_start
        for block_start, block_end in layout.appendix_recipients:  # their Nơi nhận lists are no items
            document.items += find_items(text, start, block_start)
            start = block_end
        document.items += find_items(text, start, len(text))
    if document.tables:  # a table's rows ("I. HOÀN THIỆN THỂ CHẾ", "(1) (2) (3)") are no items
        document.items = _outside(document.items, [table.span for table in document.tables])
    clock.lap("extraction")
    if obligations:
        from .obligations import find_obligations
        from .obligations.tables import with_table_obligations

        document.obligations = find_obligations(document, layout, quotations)
        # assignment tables: one obligation per task row, in place of what prose rules read there
        document.obligations = with_table_obligations(document, document.obligations)
        clock.lap("obligations")
    if layout.kind == "letter" and document.header.number is None:
        document.warnings.append(_("the document's number (số, ký hiệu) was not found"))


def _with_roles(
    dates: list[DateMention], issue_span: tuple[int, int] | None, reference_spans: set[tuple[int, int]]
) -> list[DateMention]:
    out = []
    for date in dates:
        role = date.role
        if date.span == issue_span:
            role = "issue"
        elif date.span in reference_spans:
            role = "reference"
        out.append(replace(date, role=role) if role != date.role else date)
    return out


def _outside(items: list[Item], spans: list[tuple[int, int]]) -> list[Item]:
    """The items (and their children) that do not start inside one of the spans."""
    kept = []
    for item in items:
        if any(start <= item.span[0] < end for start, end in spans):
            continue
        item.children = _outside(item.children, spans)
        kept.append(item)
    return kept
