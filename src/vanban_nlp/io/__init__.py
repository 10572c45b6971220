"""Readers: `read(path) -> RawText` for TXT, DOCX, PDF and HTML, chosen by content, not extension."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorruptFileError, DocumentError, LimitExceededError, UnsupportedFormatError

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


@dataclass
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES


def read(path: str | Path, encoding: str | None = None, limits: Limits | None = None) -> RawText:
    """Read one file into Unicode text. Raises DocumentError (naming the file) when it cannot."""
    path = Path(path)
    limits = limits or Limits()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError(path, "file not found") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot open file ({exc.strerror})") from None
    if path.is_dir():
        raise DocumentError(path, "is a directory, not a document")
    if size > limits.max_bytes:
        raise LimitExceededError(
            path,
            f"file is {size / 1048576:.1f} MB, more than the limit of {limits.max_bytes / 1048576:.0f} MB",
        )
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(path, "empty file")
    digest = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(data, path)
    warnings: list[str] = []
    pages = None
    used_encoding = None
    if fmt == "pdf":
        from .pdf import read_pdf

        pdf = read_pdf(path, max_pages=limits.max_pages)
        text = "\n\n".join(pdf.pages)
        pages = len(pdf.pages)
        warnings.extend(pdf.warnings)
    elif fmt == "docx":
        from .docx import read_docx

        text = read_docx(path)
    else:
        from .txt import decode_bytes

        text, used_encoding = decode_bytes(data, path, encoding)
        if fmt == "html":
            from . import legacy
            from .html import read_html

            text = read_html(text)
            if legacy.looks_like_tcvn3(text):
                text, used_encoding = legacy.from_tcvn3(text), f"{used_encoding}+tcvn3"
        if "\x00" in text:
            raise UnsupportedFormatError(path, "binary file, not a text document (TXT, DOCX, PDF or HTML)")
    if not text.strip():
        raise DocumentError(path, f"no text found in this {fmt.upper()} file")
    return RawText(
        text=text,
        format=fmt,
        path=str(path),
        sha256=digest,
        pages=pages,
        encoding=used_encoding,
        warnings=warnings,
    )


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
                    path, "corrupt DOCX: not a valid ZIP archive (truncated or damaged file)"
                )
            raise CorruptFileError(path, "corrupt ZIP file") from None
        if path.suffix.lower() == ".docx":
            raise CorruptFileError(path, "corrupt DOCX: word/document.xml is missing")
        raise UnsupportedFormatError(path, "ZIP archive that is not a DOCX document")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(path, "old binary Word (.doc) file: save it as .docx or PDF first")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnsupportedFormatError(path, "image file: OCR it to text or PDF first")
    lowered = head.lower()
    if path.suffix.lower() in (".html", ".htm") or b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    if path.suffix.lower() == ".pdf":
        raise CorruptFileError(path, "corrupt PDF: the file does not start with a PDF header")
    if path.suffix.lower() == ".docx":
        raise CorruptFileError(path, "corrupt DOCX: not a ZIP archive")
    return "txt"
