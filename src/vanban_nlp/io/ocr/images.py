"""PNG, JPEG and TIFF (multi-page) files: each frame is a page for OCR."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ...errors import CorruptFileError, LimitExceededError
from ...i18n import _

IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
MAX_PIXELS = 120_000_000  # an A3 page at 600 dpi is 70 Mpx
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def image_page_count(path: str | Path) -> int:
    try:
        with Image.open(path) as image:
            return int(getattr(image, "n_frames", 1))
    except _UNREADABLE as exc:
        raise CorruptFileError(
            path, _("corrupt or unreadable image file ({detail})").format(detail=exc)
        ) from None


def read_image(path: str | Path, max_pages: int | None = None) -> Iterator[Image.Image]:
    """The pages of an image file as RGB or grayscale images. Raises DocumentError naming the file."""
    frames = image_page_count(path)
    if max_pages is not None and frames > max_pages:
        raise LimitExceededError(
            path,
            _("image has {frames} pages, more than the limit of {limit}").format(
                frames=frames, limit=max_pages
            ),
        )
    with Image.open(path) as image:
        for index in range(frames):
            try:
                image.seek(index)
                if image.width * image.height > MAX_PIXELS:
                    raise LimitExceededError(
                        path,
                        _("page {page} is {width}×{height} pixels, too large to OCR").format(
                            page=index + 1, width=image.width, height=image.height
                        ),
                    )
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                    page = _page_image(image)
            except (Image.DecompressionBombError, *_UNREADABLE) as exc:
                raise CorruptFileError(
                    path, _("corrupt or unreadable image file ({detail})").format(detail=exc)
                ) from None
            yield page


def _page_image(frame: Image.Image) -> Image.Image:
    if frame.mode in ("RGBA", "LA", "P", "PA"):
        converted = frame.convert("RGBA")
        background = Image.new("RGB", frame.size, "white")
        background.paste(converted, mask=converted.getchannel("A"))
        return background
    if frame.mode in ("RGB", "L"):
        return frame.copy()
    return frame.convert("RGB")
