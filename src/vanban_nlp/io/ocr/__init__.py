"""OCR reader: page images (scanned PDF pages, PNG/JPEG/TIFF) to text with Tesseract (Vietnamese).

Pixels are cleaned (red seals, rules, frames, received-stamp boxes, signature strokes removed;
deskewed), the page's reading order is found before any text exists (heading cells band by band,
Nơi nhận before the signature block), each block is recognized on its own, lines are rebuilt
into paragraphs and Vietnamese conventions are restored through the lexicon.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import DocumentError
from ...i18n import _
from .engine import INSTALL_COMMAND, available, unavailable_reason
from .images import IMAGE_SIGNATURES, image_page_count, read_image
from .page import OcrPage, ocr_page

if TYPE_CHECKING:
    from PIL.Image import Image

OCR_MODES = ("auto", "force", "never")


def ocr_file_page(path: str | Path, image: Image, index: int) -> tuple[str, float]:
    """OCR page `index` (from 0) of a file: (text, mean word confidence; 0.0 for no words). A failure
    of the engine is a DocumentError naming the file and the page."""
    try:
        result = ocr_page(image, first_page=index == 0)
    except RuntimeError as exc:
        raise DocumentError(
            path, _("OCR failed on page {page} ({problem})").format(page=index + 1, problem=exc)
        ) from None
    return result.text, result.confidence if result.confidence is not None else 0.0


__all__ = [
    "INSTALL_COMMAND",
    "IMAGE_SIGNATURES",
    "OCR_MODES",
    "OcrPage",
    "available",
    "image_page_count",
    "ocr_file_page",
    "ocr_page",
    "read_image",
    "unavailable_reason",
]
