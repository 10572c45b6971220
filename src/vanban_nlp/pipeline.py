"""The straight path: read -> normalize -> segment -> extract -> assemble."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from .io import Limits, RawText, read
from .model import Document, Source
from .text.normalize import Text, normalize


def parse(
    path: str | Path,
    encoding: str | None = None,
    tone_style: str = "new",
    limits: Limits | None = None,
    obligations: bool = True,
    ocr: str = "auto",
) -> Document:
    """Parse one file into a Document. Raises DocumentError when the file cannot be read.

    `ocr`: "auto" reads scanned pages and images with OCR, "force" OCRs every page, "never" only
    takes text layers.

    `obligations=False` skips the obligation stage (the slowest: it tags instructions with
    underthesea) for runs that only need headings, citations, dates and items.
    """
    raw = read(path, encoding=encoding, limits=limits, ocr=ocr)
    return parse_raw(raw, tone_style=tone_style, obligations=obligations)


def parse_text(
    text: str,
    path: str = "<text>",
    tone_style: str = "new",
    obligations: bool = True,
    timings: dict[str, float] | None = None,
) -> Document:
    """Parse a document already in memory as a Unicode string.

    `timings`, when given, gains the CPU seconds spent in each stage (normalize, layout,
    extraction, obligations), added to what it holds: benchmarks/parse_speed.py reads it."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return parse_raw(
        RawText(text=text, format="txt", path=path, sha256=digest),
        tone_style=tone_style,
        obligations=obligations,
        timings=timings,
    )


def parse_raw(
    raw: RawText, tone_style: str = "new", obligations: bool = True, timings: dict[str, float] | None = None
) -> Document:
    return parse_with_offsets(raw, tone_style=tone_style, obligations=obligations, timings=timings)[0]


def parse_with_offsets(
    raw: RawText, tone_style: str = "new", obligations: bool = True, timings: dict[str, float] | None = None
) -> tuple[Document, Text]:
    """The Document and the normalized Text, whose `to_raw` maps every span back to `raw.text`."""
    start = time.process_time()
    normalized = normalize(raw.text, tone_style=tone_style)
    if timings is not None:
        timings["normalize"] = timings.get("normalize", 0.0) + time.process_time() - start
    source = Source(
        path=raw.path,
        format=raw.format,
        sha256=raw.sha256,
        pages=raw.pages,
        encoding=raw.encoding,
        ocr=raw.ocr,
        ocr_confidence=list(raw.ocr_confidence),
    )
    document = Document(source=source, text=normalized.text, warnings=list(raw.warnings))
    from .analyze import analyze
    from .io.tables import locate_tables

    document.tables = locate_tables(raw.tables, normalized)  # the readers' tables, in document.text
    analyze(document, obligations=obligations, timings=timings)
    return document, normalized
