"""Errors a user sees: each names the file and says what is wrong in plain words.

`message` is in the user's language (see `i18n`); `reason` is a stable ASCII code for programs
(batch summaries, the errors table, errors.jsonl) and is never translated.
"""

from __future__ import annotations

from pathlib import Path


class DocumentError(Exception):
    """A file that cannot be turned into a document. `reason` is a short code for grouping."""

    reason = "unreadable"

    def __init__(self, path: str | Path, message: str, reason: str | None = None):
        self.path = str(path)
        self.message = message
        if reason is not None:
            self.reason = reason
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


# Every reason code a DocumentError or a batch error record can carry.
REASONS = (
    "unreadable",
    "not-found",
    "is-directory",
    "broken-link",
    "empty-file",
    "no-text",
    "binary-file",
    "unsupported-format",
    "unknown-encoding",
    "scanned-pdf",
    "encrypted-pdf",
    "corrupt-file",
    "limit-exceeded",
    "out-of-memory",
    "internal-error",
)
