"""The number of a signed document, written by hand after 'Số:' (729/QĐ-TTg with 729 in pen).

Tesseract reads printed text; handwritten digits come out as '#2?', 'ƒo£' or, worse, as
confident wrong digits ('4033' for a 1039 whose ones have the long lead-in stroke of Vietnamese
handwriting). The field between 'Số:' and the '/' of the ký hiệu is cut out, and when its digits
are handwritten (heights that vary or stand well above the printed capitals, or tesseract saw no
digits at all) each digit is deslanted and classified by nearest neighbour against the handwritten
digits of UCI optdigits (43 writers; crossed sevens), deslanted alike, and against drawn '1's of the
Vietnamese school model (an up-stroke from the lower left, then the stem), which those writers do
not make. The data ships in `vanban_nlp/models/optdigits.npz` (see its card there).
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


GRID = 32  # optdigits' bitmaps: 32×32, ink counted in 4×4 blocks (8×8 features of 0..16)


@cache
def _model() -> tuple[np.ndarray, np.ndarray]:
    """Training features: optdigits deslanted like the digits read, and the Vietnamese school '1'."""
    with resources.files("vanban_nlp.models").joinpath("optdigits.npz").open("rb") as handle:
        data = np.load(handle)
        blocks, labels = data["features"].astype(np.float32), data["labels"].astype(np.int64)
    optdigits = np.array([_pool(_deslant(_upsample(block))) for block in blocks])
    ones = np.array([features(one) for one in school_ones()])
    return np.vstack([optdigits, ones]), np.concatenate([labels, np.ones(len(ones), np.int64)])


def school_ones() -> list[np.ndarray]:
    """The '1' of Vietnamese handwriting (the school model: an up-stroke from the lower left to the
    top, then the stem down), which optdigits' writers do not make: drawn with up-strokes starting
    from a third to nine tenths of the height down and a fifth to three fifths of it to the left,
    stems upright to leaning 30°, three pen widths."""
    height, ones = 80, []
    for drop in (0.35, 0.5, 0.65, 0.8, 0.9):
        for reach in (0.2, 0.3, 0.45, 0.6):
            for lean in (0, 10, 20, 30):
                for pen in (9, 12, 15):
                    canvas = np.zeros((140, 160), np.uint8)
                    shift = height * float(np.tan(np.radians(lean)))
                    top, bottom = (int(80 + shift / 2), 30), (int(80 - shift / 2), 30 + height)
                    start = (int(top[0] - reach * height), int(30 + drop * height))
                    cv2.line(canvas, start, top, 255, pen)
                    cv2.line(canvas, top, bottom, 255, pen)
                    ink = canvas > 0
                    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
                    ones.append(ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1])
    return ones


def features(component: np.ndarray) -> np.ndarray:
    """optdigits features of an ink shape: scaled (aspect kept) into 32×32, deslanted, ink counted in
    4×4 blocks."""
    height, width = component.shape
    side = max(height, width)
    square = np.zeros((side, side), np.uint8)
    top, left = (side - height) // 2, (side - width) // 2
    square[top : top + height, left : left + width] = component.astype(np.uint8) * 255
    bitmap = cv2.resize(square, (GRID, GRID), interpolation=cv2.INTER_AREA) > 64
    return _pool(_deslant(bitmap.astype(np.float32)))


def _upsample(block: np.ndarray) -> np.ndarray:
    """An optdigits 8×8 block back to a 32×32 ink image (0..1)."""
    return cv2.resize(
        (block.reshape(8, 8) / 16).astype(np.float32), (GRID, GRID), interpolation=cv2.INTER_LINEAR
    )


def _deslant(image: np.ndarray) -> np.ndarray:
    """The image sheared so that its ink's main axis stands upright (second moments): hands slant
    their digits, Vietnamese clerks' to the right."""
    moments = cv2.moments(image)
    if abs(moments["mu02"]) < 1e-2:
        return image
    skew = moments["mu11"] / moments["mu02"]
    shear = np.array([[1, skew, -0.5 * GRID * skew], [0, 1, 0]], np.float32)
    return cv2.warpAffine(image, shear, (GRID, GRID), flags=cv2.WARP_INVERSE_MAP | cv2.INTER_LINEAR)


def _pool(image: np.ndarray) -> np.ndarray:
    return image.reshape(8, 4, 8, 4).sum(axis=(1, 3)).reshape(-1).astype(np.float32)


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
    field = _field_end(words, label, char_height)
    if field is None:
        return words
    end_index, cut, head, rest, merged_slash = field
    slash_word = words[end_index]
    if cut - start < 0.5 * char_height:
        return words
    top = first.box[1] - int(0.6 * char_height)
    bottom = first.box[3] + int(0.6 * char_height)
    region = image[max(0, top) : bottom, start : cut - 1]
    if region.size == 0:
        return words
    digits = digit_components(region, char_height)
    if not digits or len(digits) > 6:
        return words
    if merged_slash:
        digits[-1] = _drop_slash(digits[-1], char_height)
    as_read = "".join(w.text for w in words[label + 1 : end_index]) + head
    if as_read.isdigit() and not handwritten(digits, char_height):
        return words
    number = "".join(str(classify(d)) for d in digits)
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


KY_HIEU = re.compile(r"^(?P<head>[^A-ZĐ]+)(?P<code>[A-ZĐ]{1,5}-[A-Za-zĐđ-]+\S*)$")


def _field_end(words: list[Word], label: int, char_height: float) -> tuple[int, int, str, str, bool] | None:
    """Where the number field after 'Số:' ends: (index of the word holding its end, x of the end,
    the word's text before the end, its text from the '/' on, whether the '/' is inside the field).
    At the '/' before the ký hiệu; when tesseract merged the '/' into the last handwritten digit
    ('723QĐ-TTg'), at the ký hiệu's first letter."""
    first = words[label]
    for index in range(label, min(label + 4, len(words))):
        word = words[index]
        slash = next((box for ch, box in word.symbols if ch == "/"), None)
        if "/" in word.text:
            if slash is None:
                return None
            head = word.text.split("/", 1)[0]
            if word is first:
                head = head.split(":", 1)[-1]
            return index, slash[0], head, word.text[word.text.index("/") :], False
    for index in range(label + 1, min(label + 4, len(words))):
        match = KY_HIEU.match(words[index].text)
        if match and len(words[index].symbols) == len(words[index].text):
            letter = words[index].symbols[len(match["head"])][1]
            return index, letter[0], match["head"], "/" + match["code"], True
    return None


def _drop_slash(component: np.ndarray, char_height: float) -> np.ndarray:
    """A handwritten digit without the printed '/' that touches it: in each row, a last run of ink in
    the right part of the shape, thin (a printed stroke) and apart from the rest of the row."""
    out = component.copy()
    width = component.shape[1]
    for index, row in enumerate(component):
        cols = np.flatnonzero(row)
        gaps = np.flatnonzero(np.diff(cols) > 1)
        if not len(gaps):
            continue
        start = int(cols[gaps[-1] + 1])
        if start > 0.55 * width and cols[-1] - start + 1 <= 0.2 * char_height:
            out[index, start:] = False
    rows, cols = np.flatnonzero(out.any(axis=1)), np.flatnonzero(out.any(axis=0))
    return out[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
