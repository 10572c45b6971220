"""Readers: `read(path) -> RawText` for TXT, DOCX, PDF, HTML and page images (PNG, JPEG, TIFF),
chosen by content, not extension. Pages without a text layer are OCR'd (io/ocr) unless `ocr` is
"never"; "force" OCRs every page of a PDF."""

from __future__ import annotations

import errno
import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorruptFileError, DocumentError, LimitExceededError, UnsupportedFormatError
from ..i18n import _
from .tables import RawTable, merge_continued

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000
LOW_OCR_CONFIDENCE = 0.80  # mean word confidence under which a page is named in the warnings


@dataclass
class RawText:
    text: str
    format: str
    path: str
    sha256: str
    pages: int | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    # per page read: mean OCR word confidence, None for a page read from a text layer; [] = no OCR
    ocr_confidence: list[float | None] = field(default_factory=list)
    # data tables as the reader found them, cell spans into `text` (io/tables.py)
    tables: list[RawTable] = field(default_factory=list)

    @property
    def ocr(self) -> bool:
        return any(c is not None for c in self.ocr_confidence)


@dataclass
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES


def read(
    path: str | Path,
    encoding: str | None = None,
    limits: Limits | None = None,
    ocr: str = "auto",
    pages: range | None = None,
) -> RawText:
    """Read one file into Unicode text. Raises DocumentError (naming the file) when it cannot.

    `ocr`: "auto" (OCR pages without a text layer and images), "force" (OCR every PDF page) or
    "never". `pages`: 0-based page indexes of a PDF or multi-page image to read (default all).
    """
    if ocr not in ("auto", "force", "never"):
        raise ValueError(f"ocr must be auto, force or never, not {ocr!r}")
    path = Path(path)
    limits = limits or Limits()
    size = check_file(path, limits)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            path, _("cannot open the file ({problem})").format(problem=exc.strerror)
        ) from None
    if len(data) > limits.max_bytes:  # the file grew since stat()
        raise _too_large(path, len(data), limits)
    del size
    if not data.strip():
        raise DocumentError(path, _("empty file"), reason="empty-file")
    digest = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(data, path)
    warnings: list[str] = []
    page_count = None
    used_encoding = None
    confidences: list[float | None] = []
    tables: list[RawTable] = []
    if fmt == "pdf":
        from .pdf import read_pdf

        pdf = read_pdf(path, max_pages=limits.max_pages, ocr=ocr, pages=pages)
        text = "\n\n".join(pdf.pages)
        page_count = pdf.page_count
        warnings.extend(pdf.warnings)
        confidences = pdf.ocr_confidence
        tables = _pdf_tables(pdf.pages, pdf.tables, text)
    elif fmt == "image":
        text, page_count, confidences = _read_image(path, limits, ocr, pages)
    elif fmt == "docx":
        from .docx import read_docx_tables

        text, tables = read_docx_tables(path)
    else:
        text, used_encoding, tables = _read_text(data, path, fmt, encoding)
    if not text.strip():
        raise DocumentError(
            path, _("no text found in this {format} file").format(format=fmt.upper()), reason="no-text"
        )
    first = pages[0] if pages else 0
    for offset, confidence in enumerate(confidences):
        if confidence is not None and 0 < confidence < LOW_OCR_CONFIDENCE:
            warnings.append(
                f"trang {first + offset + 1}: độ tin cậy OCR thấp ({confidence:.2f}), cần đối chiếu bản gốc"
            )
    return RawText(
        text=text,
        format=fmt,
        path=str(path),
        sha256=digest,
        pages=page_count,
        encoding=used_encoding,
        warnings=warnings,
        ocr_confidence=confidences,
        tables=tables,
    )


def _pdf_tables(page_texts: list[str], page_tables: list[RawTable], text: str) -> list[RawTable]:
    """The PDF's tables with spans into the joined text (pages joined by a blank line); a table
    that goes on over a page break is one table."""
    starts = []
    pos = 0
    for page_text in page_texts:
        starts.append(pos)
        pos += len(page_text) + 2
    placed = [t.shifted(starts[t.page - 1]) for t in page_tables if t.page and t.page <= len(starts)]
    return merge_continued(placed, text)


def check_file(path: Path, limits: Limits) -> int:
    """The size of a regular file within the limits; DocumentError naming the problem otherwise."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        if path.is_symlink():
            raise DocumentError(
                path, _("symbolic link to a file that does not exist"), reason="broken-link"
            ) from None
        raise DocumentError(path, _("file not found"), reason="not-found") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DocumentError(
                path, _("symbolic link that points to itself (a loop)"), reason="broken-link"
            ) from None
        raise DocumentError(
            path, _("cannot open the file ({problem})").format(problem=exc.strerror)
        ) from None
    if path.is_dir():
        raise DocumentError(path, _("is a folder, not a document"), reason="is-directory")
    if size > limits.max_bytes:
        raise _too_large(path, size, limits)
    return size


def _too_large(path: str | Path, size: int, limits: Limits) -> LimitExceededError:
    return LimitExceededError(
        path,
        _("file is {size} MB, more than the limit of {limit} MB").format(
            size=_megabytes(size), limit=_megabytes(limits.max_bytes)
        ),
    )


def _megabytes(size: int) -> str:
    value = size / 1048576
    if value >= 10 or value == int(value):
        return f"{value:.0f}"
    return f"{value:.1f}" if value >= 0.1 else f"{value:.2g}"


_BINARY_CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c"]


def looks_binary(text: str) -> bool:
    """Text whose control characters are more than a stray byte or two: a binary file.

    One NUL in a letter (a copy-paste accident) does not make it binary; normalization removes
    it. A file where more than 1 in 100 characters is a control character is not a letter.
    """
    controls = sum(text.count(ch) for ch in _BINARY_CONTROLS)
    return controls > 8 and controls > len(text) / 100


def _read_text(data: bytes, path: Path, fmt: str, encoding: str | None) -> tuple[str, str, list[RawTable]]:
    """A TXT or HTML file: (text, encoding used, the HTML's data tables)."""
    from .txt import decode_bytes

    text, used_encoding = decode_bytes(data, path, encoding)
    tables: list[RawTable] = []
    if fmt == "html":
        from . import legacy
        from .html import read_html_tables

        text, tables = read_html_tables(text)
        if legacy.looks_like_tcvn3(text):
            text, used_encoding = legacy.from_tcvn3(text), f"{used_encoding}+tcvn3"
    if looks_binary(text):
        raise UnsupportedFormatError(
            path, _("binary file, not a text document (TXT, DOCX, PDF or HTML)"), reason="binary-file"
        )
    return text, used_encoding, tables


def _read_image(
    path: Path, limits: Limits, ocr: str, pages: range | None
) -> tuple[str, int, list[float | None]]:
    """OCR every wanted page of a PNG, JPEG or TIFF file."""
    from .ocr import image_page_count, ocr_file_page, read_image, unavailable_reason

    if ocr == "never":
        raise UnsupportedFormatError(path, _("image file: OCR is off (--ocr never); nothing to read"))
    reason = unavailable_reason()
    if reason is not None:
        raise UnsupportedFormatError(path, _("image file: OCR needed, but {reason}").format(reason=reason))
    page_count = image_page_count(path)
    wanted = set(pages if pages is not None else range(page_count))
    texts: list[str] = []
    confidences: list[float | None] = []
    for index, image in enumerate(read_image(path, max_pages=limits.max_pages)):
        if index not in wanted:
            continue
        text, confidence = ocr_file_page(path, image, index)
        texts.append(text)
        confidences.append(confidence)
    return "\n\n".join(texts), page_count, confidences


def sniff_format(data: bytes, path: Path) -> str:
    """The real format from the first bytes; the extension only breaks ties."""
    head = data[:2048]
    if head.lstrip().startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            if path.suffix.lower() == ".docx":
                raise CorruptFileError(
                    path, _("corrupt DOCX: not a valid ZIP archive (truncated or damaged file)")
                ) from None
            raise CorruptFileError(path, _("corrupt ZIP file")) from None
        if path.suffix.lower() == ".docx":
            raise CorruptFileError(path, _("corrupt DOCX: word/document.xml is missing"))
        raise UnsupportedFormatError(path, _("ZIP archive that is not a DOCX document"))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(path, _("old binary Word (.doc) file: save it as .docx or PDF first"))
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith((b"GIF8", b"BM")):
        raise UnsupportedFormatError(
            path, _("image file in a format not read here: save it as PNG, JPEG or TIFF")
        )
    lowered = head.lower()
    if path.suffix.lower() in (".html", ".htm") or b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    if path.suffix.lower() == ".pdf":
        raise CorruptFileError(path, _("corrupt PDF: the file does not start with a PDF header"))
    if path.suffix.lower() == ".docx":
        raise CorruptFileError(path, _("corrupt DOCX: not a ZIP archive"))
    return "txt"
