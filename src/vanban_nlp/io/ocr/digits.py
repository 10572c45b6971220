"""The number of a signed document, written by hand after 'Số:' (729/QĐ-TTg with 729 in pen).

Tesseract reads printed text; handwritten digits come out as '#2?', 'ƒo£' or, worse, as
confident wrong digits ('4033' for a 1039 whose ones have the long lead-in stroke of Vietnamese
handwriting). The field between 'Số:' and the '/' of the ký hiệu is cut out, and when its digits
are handwritten (heights that vary or stand well above the printed capitals, or tesseract saw no
digits at all) each digit is classified against the handwritten digits of UCI optdigits (43
writers, European-style ones and crossed sevens, as in Vietnamese handwriting) by nearest
neighbour. The data ships in `vanban_nlp/models/optdigits.npz` (see its card there).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import cv2
import numpy as np

from .clean import binarize
from .engine import Word

NUMBER_LABEL = re.compile(r"^S[ốôoóồổỗộơỐÔOÓỒỔỖỘƠ][:;.]?$")


@cache
def _model() -> tuple[np.ndarray, np.ndarray]:
    with resources.files("vanban_nlp.models").joinpath("optdigits.npz").open("rb") as handle:
        data = np.load(handle)
        return data["features"].astype(np.float32), data["labels"].astype(np.int64)


def features(component: np.ndarray) -> np.ndarray:
    """optdigits features: the digit scaled (aspect kept) into 32×32, ink counted in 4×4 blocks."""
    height, width = component.shape
    side = max(height, width)
    square = np.zeros((side, side), np.uint8)
    top, left = (side - height) // 2, (side - width) // 2
    square[top : top + height, left : left + width] = component.astype(np.uint8) * 255
    bitmap = cv2.resize(square, (32, 32), interpolation=cv2.INTER_AREA) > 64
    return bitmap.reshape(8, 4, 8, 4).sum(axis=(1, 3)).reshape(-1).astype(np.float32)


def classify(component: np.ndarray) -> int:
    samples, labels = _model()
    distances = np.square(samples - features(component)).sum(axis=1)
    return int(labels[int(np.argmin(distances))])


def digit_components(region: np.ndarray, char_height: float) -> list[np.ndarray]:
    """Digit-sized ink shapes of the field, left to right; touching digits split at ink minima."""
    ink = binarize(region)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    order = sorted(
        (i for i in range(1, count) if stats[i, cv2.CC_STAT_HEIGHT] >= 0.5 * char_height),
        key=lambda i: stats[i, cv2.CC_STAT_LEFT],
    )
    digits: list[np.ndarray] = []
    for i in order:
        x, y, w, h = (int(v) for v in stats[i, :4])
        digits += _split(labels[y : y + h, x : x + w] == i)
    return digits


def _split(component: np.ndarray) -> list[np.ndarray]:
    height, width = component.shape
    pieces = max(1, round(width / (0.62 * height)))
    if pieces == 1:
        return [component]
    profile = component.sum(axis=0)
    cuts = []
    for j in range(1, pieces):
        centre = int(width * j / pieces)
        lo, hi = max(1, centre - int(0.15 * height)), min(width - 1, centre + int(0.15 * height))
        cuts.append(lo + int(np.argmin(profile[lo:hi])) if hi > lo else centre)
    parts, previous = [], 0
    for cut in [*cuts, width]:
        part = component[:, previous:cut]
        rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
        if len(rows) and len(cols):
            parts.append(part[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1])
        previous = cut
    return parts


def handwritten(digits: list[np.ndarray], char_height: float) -> bool:
    """Printed digits share one height close to the capitals'; a pen's vary or stand taller."""
    heights = [d.shape[0] / char_height for d in digits]
    return max(heights) - min(heights) > 0.1 or float(np.mean(heights)) > 1.45


def reread_number(words: list[Word], image: np.ndarray, char_height: float) -> list[Word]:
    """The words of a heading block with a handwritten number after 'Số:' read digit by digit."""
    for index, word in enumerate(words):
        if NUMBER_LABEL.match(word.text) or (word.text[:3].lower() in ("số:", "sô:") and "/" in word.text):
            return _reread_after(words, index, image, char_height)
    return words


def reread_date(words: list[Word], image: np.ndarray, char_height: float) -> list[Word]:
    """'ngày 23 tháng 4' with the day or month written by hand: each field read digit by digit."""
    out = list(words)
    for label, following in (("ngày", "tháng"), ("tháng", "năm")):
        start = next((i for i, w in enumerate(out) if w.text.lower().rstrip(",.") == label), None)
        if start is None:
            continue
        end = next(
            (i for i in range(start + 1, min(start + 4, len(out))) if out[i].text.lower() == following), None
        )
        if end is None:
            continue
        left, right = out[start].box[2] + 2, out[end].box[0] - 2
        if right - left < 0.5 * char_height:
            continue
        top = out[start].box[1] - int(0.6 * char_height)
        bottom = out[start].box[3] + int(0.6 * char_height)
        region = image[max(0, top) : bottom, left:right]
        digits = digit_components(region, char_height) if region.size else []
        as_read = "".join(w.text for w in out[start + 1 : end])
        if not digits or len(digits) > 2 or (as_read.isdigit() and not handwritten(digits, char_height)):
            continue
        value = "".join(str(classify(d)) for d in digits)
        field = Word(value, 0.9, (left, out[start].box[1], right, out[start].box[3]), False, False)
        out = [*out[: start + 1], field, *out[end:]]
    return out


def _reread_after(words: list[Word], label: int, image: np.ndarray, char_height: float) -> list[Word]:
    first = words[label]
    colon = next((box for ch, box in first.symbols if ch in ":;."), None)
    start = (colon or first.box)[2] + 2
    end_index = next((i for i in range(label, min(label + 4, len(words))) if "/" in words[i].text), None)
    if end_index is None:
        return words
    slash_word = words[end_index]
    slash = next((box for ch, box in slash_word.symbols if ch == "/"), None)
    if slash is None or slash[0] - start < 0.5 * char_height:
        return words
    top = first.box[1] - int(0.6 * char_height)
    bottom = first.box[3] + int(0.6 * char_height)
    region = image[max(0, top) : bottom, start : slash[0] - 1]
    if region.size == 0:
        return words
    digits = digit_components(region, char_height)
    if not digits or len(digits) > 6:
        return words
    head = slash_word.text.split("/", 1)[0]
    if first is slash_word:
        head = head.split(":", 1)[-1]
    as_read = "".join(w.text for w in words[label + 1 : end_index]) + head
    if as_read.isdigit() and not handwritten(digits, char_height):
        return words
    number = "".join(str(classify(d)) for d in digits)
    rest = slash_word.text[slash_word.text.index("/") :]
    label_text = first.text if first is not slash_word else first.text[: first.text.index(":") + 1]
    merged = Word(
        text=f"{number}{rest}",
        confidence=slash_word.confidence,
        box=(start, slash_word.box[1], slash_word.box[2], slash_word.box[3]),
        line_start=False,
        paragraph_start=False,
    )
    relabelled = Word(label_text, first.confidence, first.box, first.line_start, first.paragraph_start)
    return [*words[:label], relabelled, merged, *words[end_index + 1 :]]
