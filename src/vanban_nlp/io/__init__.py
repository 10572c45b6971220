"""Readers: `read(path) -> RawText` for TXT, DOCX, PDF and HTML, chosen by content, not extension."""

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


@dataclass
class RawText:
    text: str
    format: str
    path: str
    sha256: str
    pages: int | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    # data tables as the reader found them, cell spans into `text` (io/tables.py)
    tables: list[RawTable] = field(default_factory=list)


@dataclass
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES


def read(path: str | Path, encoding: str | None = None, limits: Limits | None = None) -> RawText:
    """Read one file into Unicode text. Raises DocumentError (naming the file) when it cannot."""
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
    pages = None
    used_encoding = None
    tables: list[RawTable] = []
    if fmt == "pdf":
        from .pdf import read_pdf

        pdf = read_pdf(path, max_pages=limits.max_pages)
        text = "\n\n".join(pdf.pages)
        pages = len(pdf.pages)
        warnings.extend(pdf.warnings)
        tables = _pdf_tables(pdf.pages, pdf.tables, text)
    elif fmt == "docx":
        from .docx import read_docx_tables

        text, tables = read_docx_tables(path)
    else:
        from .txt import decode_bytes

        text, used_encoding = decode_bytes(data, path, encoding)
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
    if not text.strip():
        raise DocumentError(
            path, _("no text found in this {format} file").format(format=fmt.upper()), reason="no-text"
        )
    return RawText(
        text=text,
        format=fmt,
        path=str(path),
        sha256=digest,
        pages=pages,
        encoding=used_encoding,
        warnings=warnings,
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
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnsupportedFormatError(path, _("image file: OCR it to text or PDF first"))
    lowered = head.lower()
    if path.suffix.lower() in (".html", ".htm") or b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    if path.suffix.lower() == ".pdf":
        raise CorruptFileError(path, _("corrupt PDF: the file does not start with a PDF header"))
    if path.suffix.lower() == ".docx":
        raise CorruptFileError(path, _("corrupt DOCX: not a ZIP archive"))
    return "txt"
