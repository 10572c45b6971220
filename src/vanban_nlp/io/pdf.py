"""PDF reader: text per page from pypdfium2; page 1's two-column heading read column by column;
running headers (CÔNG BÁO/Số …/Ngày …) and page numbers removed. A page that draws a grid of
rules is read again with its tables one line per row (io/pdf_tables.py). A page without a text
layer is rendered at 300 dpi and OCR'd (io/ocr) unless OCR is off; `ocr="force"` OCRs every page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFileError, EncryptedPDFError, LimitExceededError, ScannedPDFError
from ..i18n import _
from .pdf_tables import likely_ruled_table, read_ruled_tables
from .tables import RawTable

GAZETTE_LINE = re.compile(r"^\s*CÔNG\s*BÁO\s*/\s*Số\s*[\d\s+]+/\s*Ngày\s*[\d\-./]+\s*\d*\s*$", re.IGNORECASE)
PAGE_NUMBER_LINE = re.compile(r"^\s*(?:-\s*)?(?:Trang\s*)?\d{1,4}(?:\s*-)?(?:\s*/\s*\d{1,4})?\s*$")
RENDER_DPI = 300
# a text layer with fewer letters than this is a stamp or a page number over a scanned image
MIN_LAYER_LETTERS = 20


@dataclass
class PdfText:
    pages: list[str]
    warnings: list[str]
    # mean OCR word confidence per page read (None: page read from its text layer); [] without OCR
    ocr_confidence: list[float | None] = field(default_factory=list)
    page_count: int = 0
    # data tables, spans into the text of their page (`page`: 1-based position in `pages`)
    tables: list[RawTable] = field(default_factory=list)

    @property
    def ocr(self) -> bool:
        return any(c is not None for c in self.ocr_confidence)


def read_pdf(
    path: str | Path,
    max_pages: int | None = None,
    ocr: str = "never",
    pages: range | None = None,
) -> PdfText:
    """Text of each page (of `pages`, 0-based, when given).

    `ocr`: "never" (text layer only; a PDF without one is a ScannedPDFError), "auto" (OCR the
    pages without a text layer), "force" (OCR every page).
    """
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise EncryptedPDFError(path, _("encrypted PDF: it needs a password to open")) from None
        raise CorruptFileError(path, _("corrupt or unreadable PDF ({problem})").format(problem=exc)) from None
    try:
        page_count = len(doc)
        if max_pages is not None and page_count > max_pages:
            raise LimitExceededError(
                path,
                _("PDF has {pages} pages, more than the limit of {limit}").format(
                    pages=page_count, limit=max_pages
                ),
            )
        wanted = [i for i in (pages if pages is not None else range(page_count)) if 0 <= i < page_count]
        texts: dict[int, str] = {}  # page index -> text, in reading order
        confidences: list[float | None] = []
        missing: list[int] = []
        ruled: list[int] = []  # text-layer pages where a ruled table is likely
        cannot_ocr = _ocr_unavailable() if ocr != "never" else None
        for index in wanted:
            page = doc[index]
            textpage = page.get_textpage()
            text = "" if ocr == "force" else _page_text(page, textpage, first=index == 0)
            if text.strip() and likely_ruled_table(page, textpage):
                ruled.append(index)
            textpage.close()
            confidence = None
            needs_ocr = ocr == "force" or (
                ocr == "auto" and sum(ch.isalpha() for ch in text) < MIN_LAYER_LETTERS and _has_image(page)
            )
            if needs_ocr and cannot_ocr is None:
                recognized, confidence = _ocr_page(path, page, index)
                if recognized.strip() or not text.strip():
                    text = recognized
                else:  # OCR saw nothing where the layer has a few words: keep the layer
                    confidence = None
            page.close()
            if not text.strip():
                missing.append(index)
            confidences.append(confidence)
            texts[index] = _strip_furniture(text) if confidence is None else text
        table_warnings: list[str] = []
        layer_pages = {
            index for index, confidence in zip(wanted, confidences, strict=True) if confidence is None
        }
        ruled = [index for index in ruled if index in layer_pages]
        tables = read_ruled_tables(path, doc, ruled, texts, table_warnings)
    finally:
        doc.close()
    if wanted and len(missing) == len(wanted):
        raise ScannedPDFError(
            path, _nothing_read(ocr, cannot_ocr, tried=any(c is not None for c in confidences))
        )
    warnings = []
    for index, confidence in zip(wanted, confidences, strict=True):
        if index in missing:
            reason = _("OCR found no text") if confidence is not None else _("OCR needed")
            warnings.append(
                _("page {page} has no text layer ({reason})").format(page=index + 1, reason=reason)
            )
    if missing and cannot_ocr is not None:
        warnings.append(_("OCR could not run: {reason}").format(reason=cannot_ocr))
    position = {index: number for number, index in enumerate(wanted, start=1)}
    return PdfText(
        pages=[texts[index] for index in wanted],
        warnings=warnings + table_warnings,
        ocr_confidence=confidences if any(c is not None for c in confidences) else [],
        page_count=page_count,
        tables=[replace(table, page=position[table.page - 1]) for table in tables if table.page],
    )


def _nothing_read(ocr: str, cannot_ocr: str | None, tried: bool) -> str:
    """Why a PDF gave no text at all, and what would help."""
    if ocr == "never":
        return _("scanned PDF: no text layer; OCR needed")
    if cannot_ocr is not None:
        return _("scanned PDF: no text layer; OCR needed, but {reason}").format(reason=cannot_ocr)
    if not tried:
        return _("scanned PDF: no text layer; OCR needed (no page image found: try --ocr force)")
    return _("scanned PDF: no text layer, and OCR found no text on its pages")


def _has_image(page: pdfium.PdfPage) -> bool:
    """A scanned page carries its picture as an image object (drawings alone are not OCR'd in auto)."""
    return next(iter(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)), None) is not None


def _ocr_unavailable() -> str | None:
    from .ocr import unavailable_reason

    return unavailable_reason()


def _ocr_page(path: str | Path, page: pdfium.PdfPage, index: int) -> tuple[str, float]:
    """Render one page at 300 dpi and OCR it: (text, mean word confidence; 0.0 for no words)."""
    from .ocr import ocr_file_page

    try:
        image = page.render(scale=RENDER_DPI / 72).to_pil()
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(
            path, _("page {page} cannot be rendered for OCR ({problem})").format(page=index + 1, problem=exc)
        ) from None
    return ocr_file_page(path, image, index)


def _page_text(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, first: bool) -> str:
    text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
    if not first or not text.strip():
        return text
    split = _heading_columns(page, textpage)
    return split if split is not None else text


@dataclass
class _Line:
    top: float
    bottom: float
    left: float
    right: float
    gap_at_middle: bool


def _heading_columns(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, floor: float = 0) -> str | None:
    """Read the leading lines that sit in two columns (cơ quan | Quốc hiệu) left column first.

    A heading line never crosses the vertical middle of the page, while body lines (justified
    paragraphs, centred titles) do. The heading region is the run of top lines that do not, and
    it counts as two-column only when at least one of its lines has text on both sides. `floor`:
    the text below it is not read (a table starts there).
    """
    width, _height = page.get_size()
    middle = width / 2
    lines = _text_lines(textpage, middle)
    if not lines:
        return None
    # running headers above the heading (CÔNG BÁO/Số …, a page number) are not part of it
    while lines and _is_furniture(textpage.get_text_bounded(0, lines[0].bottom, width, lines[0].top)):
        lines.pop(0)
    if not lines:
        return None
    region_top = lines[0].top + 1
    region_bottom = None
    both_sides = False
    for line in lines:
        if line.left < middle < line.right and not line.gap_at_middle:
            break
        both_sides = both_sides or line.gap_at_middle
        region_bottom = line.bottom
    if region_bottom is None or not both_sides or region_bottom - 1 <= floor:
        return None
    left = textpage.get_text_bounded(0, region_bottom - 1, middle, region_top)
    right = textpage.get_text_bounded(middle, region_bottom - 1, width, region_top)
    rest = textpage.get_text_bounded(0, floor, width, region_bottom - 1)
    parts = [p.replace("\r\n", "\n").replace("\r", "\n").strip("\n") for p in (left, right, rest)]
    return "\n".join(p for p in parts if p)


def _is_furniture(line: str) -> bool:
    line = line.strip()
    return bool(GAZETTE_LINE.match(line) or PAGE_NUMBER_LINE.match(line))


def _text_lines(textpage: pdfium.PdfTextPage, middle: float) -> list[_Line]:
    """Group characters into visual lines (top to bottom) with their horizontal extent."""
    boxes: list[tuple[float, float, float, float]] = []
    count = textpage.count_chars()
    for i in range(min(count, 6000)):
        left, bottom, right, top = textpage.get_charbox(i)
        if right - left <= 0 or top - bottom <= 0:
            continue
        boxes.append((left, bottom, right, top))
    lines: list[list[tuple[float, float, float, float]]] = []
    for box in sorted(boxes, key=lambda b: (-b[3], b[0])):
        if lines:
            last = lines[-1]
            ref_bottom, ref_top = last[0][1], last[0][3]
            centre = (box[1] + box[3]) / 2
            if ref_bottom <= centre <= ref_top:
                last.append(box)
                continue
        lines.append([box])
    result = []
    for chars in lines:
        xs = sorted(chars, key=lambda b: b[0])
        left, right = xs[0][0], max(b[2] for b in xs)
        has_left = any(b[2] <= middle for b in xs)
        has_right = any(b[0] >= middle for b in xs)
        crossing = any(b[0] < middle < b[2] for b in xs)
        # a wide empty gap around the middle with text on both sides
        gap = has_left and has_right and not crossing and _widest_gap(xs) > 20
        result.append(
            _Line(
                top=max(b[3] for b in xs),
                bottom=min(b[1] for b in xs),
                left=left,
                right=right,
                gap_at_middle=gap,
            )
        )
    return result


def _widest_gap(chars: list[tuple[float, float, float, float]]) -> float:
    widest = 0.0
    for a, b in zip(chars, chars[1:], strict=False):
        widest = max(widest, b[0] - a[2])
    return widest


def _strip_furniture(text: str) -> str:
    """Drop the Công báo running header and page-number lines at the top and bottom of a page."""
    lines = text.split("\n")
    for _round in range(2):
        if lines and (GAZETTE_LINE.match(lines[0]) or PAGE_NUMBER_LINE.match(lines[0])):
            lines.pop(0)
    for _round in range(2):
        if lines and (GAZETTE_LINE.match(lines[-1]) or PAGE_NUMBER_LINE.match(lines[-1])):
            lines.pop()
    return "\n".join(lines)
