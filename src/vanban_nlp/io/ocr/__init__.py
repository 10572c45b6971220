"""OCR reader: page images (scanned PDF pages, PNG/JPEG/TIFF) to text with Tesseract (Vietnamese).

Pixels are cleaned (red seals, rules, frames, received-stamp boxes, signature strokes removed;
deskewed), the page's reading order is found before any text exists (heading cells band by band,
Nơi nhận before the signature block), each block is recognized on its own, lines are rebuilt
into paragraphs and Vietnamese conventions are restored through the lexicon.
"""

from __future__ import annotations

from .engine import INSTALL_COMMAND, available, unavailable_reason
from .images import IMAGE_SIGNATURES, image_page_count, read_image
from .page import OcrPage, ocr_page

OCR_MODES = ("auto", "force", "never")

__all__ = [
    "INSTALL_COMMAND",
    "IMAGE_SIGNATURES",
    "OCR_MODES",
    "OcrPage",
    "available",
    "image_page_count",
    "ocr_page",
    "read_image",
    "unavailable_reason",
]
