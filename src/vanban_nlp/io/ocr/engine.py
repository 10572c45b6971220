"""Tesseract through tesserocr: finding the Vietnamese data, one engine per process, words with
boxes and confidences.

tesserocr's wheel carries libtesseract itself; the language data comes from the system packages
(`tesseract-ocr-vie`, `tesseract-ocr-script-viet`), found in the usual tessdata folders or
through TESSDATA_PREFIX.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image

from ...i18n import _

# one thread per recognition: pages run in parallel in batch workers, and tesseract's OpenMP threads
# only slow it down on a busy machine (set before libtesseract loads)
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LANGUAGES = ("vie", "Vietnamese")
INSTALL_COMMAND = "sudo apt-get install -y tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet"
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
)


@dataclass
class Word:
    text: str
    confidence: float  # 0..1
    box: tuple[int, int, int, int]  # left, top, right, bottom in the recognized image
    line_start: bool  # first word of a text line
    paragraph_start: bool  # first word of a paragraph as tesseract sees it
    symbols: list[tuple[str, tuple[int, int, int, int]]] = field(default_factory=list)


def tessdata_dir() -> Path | None:
    """The folder holding vie.traineddata and Vietnamese.traineddata, or None."""
    candidates: list[Path] = []
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [Path(prefix), Path(prefix) / "tessdata"]
    candidates += [Path(p) for p in TESSDATA_DIRS]
    for folder in candidates:
        if all((folder / f"{lang}.traineddata").is_file() for lang in LANGUAGES):
            return folder
    return None


@cache
def unavailable_reason() -> str | None:
    """Why OCR cannot run here, with what to install; None when it can."""
    try:
        import tesserocr  # noqa: F401
    except ImportError as exc:  # the wheel is a dependency: only a broken install gets here
        return _(
            "the tesserocr library is missing ({detail}); reinstall vanban-nlp: pip install -e ."
        ).format(detail=exc)
    if tessdata_dir() is None:
        return _(
            "Tesseract's Vietnamese data (vie) is not installed; on Debian/Ubuntu run: {command}"
        ).format(command=INSTALL_COMMAND)
    return None


def available() -> bool:
    return unavailable_reason() is None


_local = threading.local()


def _api(psm: int):
    """One tesseract instance per thread and page-segmentation mode (loading the model costs ~0.2 s)."""
    import tesserocr

    apis = getattr(_local, "apis", None)
    if apis is None:
        apis = _local.apis = {}
    if psm not in apis:
        apis[psm] = tesserocr.PyTessBaseAPI(
            path=str(tessdata_dir()) + os.sep,
            lang="+".join(LANGUAGES),
            psm=psm,
            oem=tesserocr.OEM.LSTM_ONLY,
        )
        apis[psm].SetVariable("user_defined_dpi", "300")
    return apis[psm]


def recognize(image: Image.Image, psm: int = 6) -> list[Word]:
    """Words of one image region, in tesseract's reading order."""
    import tesserocr

    api = _api(psm)
    api.SetImage(image)
    api.Recognize()
    words: list[Word] = []
    iterator = api.GetIterator()
    if iterator is None:
        api.Clear()
        return words
    word_level, symbol_level = tesserocr.RIL.WORD, tesserocr.RIL.SYMBOL
    while True:
        if iterator.IsAtBeginningOf(word_level) and not iterator.Empty(word_level):
            text = iterator.GetUTF8Text(word_level)
            box = iterator.BoundingBox(word_level)
            words.append(
                Word(
                    text=(text or "").strip(),
                    confidence=max(0.0, iterator.Confidence(word_level)) / 100,
                    box=tuple(box) if box else (0, 0, 0, 0),
                    line_start=iterator.IsAtBeginningOf(tesserocr.RIL.TEXTLINE),
                    paragraph_start=iterator.IsAtBeginningOf(tesserocr.RIL.PARA),
                )
            )
        if words and not iterator.Empty(symbol_level):
            symbol_box = iterator.BoundingBox(symbol_level)
            if symbol_box:
                words[-1].symbols.append((iterator.GetUTF8Text(symbol_level) or "", tuple(symbol_box)))
        if not iterator.Next(symbol_level):
            break
    api.Clear()
    return [w for w in words if w.text]
