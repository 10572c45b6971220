"""Errors a user sees: each names the file and says what is wrong in plain words."""

from __future__ import annotations

from pathlib import Path


class DocumentError(Exception):
    """A file that cannot be turned into a document. `reason` is a short code for grouping."""

    reason = "unreadable"

    def __init__(self, path: str | Path, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class UnsupportedFormatError(DocumentError):
    reason = "unsupported-format"


class EncodingError(DocumentError):
    reason = "unknown-encoding"


class ScannedPDFError(DocumentError):
    reason = "scanned-pdf"


class EncryptedPDFError(DocumentError):
    reason = "encrypted-pdf"


class CorruptFileError(DocumentError):
    reason = "corrupt-file"


class LimitExceededError(DocumentError):
    reason = "limit-exceeded"
