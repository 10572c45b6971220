"""Page clean-up before recognition: coloured ink (red seals, blue signatures and stamps) out,
deskew, and the marks that are not text (rules, frames, seal rings, signature strokes, received-
stamp boxes with their contents) removed from the ink mask.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

# a pixel is coloured ink when its saturation is high and it is not near-white
SATURATION_MIN = 0.35
MAX_SKEW_DEGREES = 4.0


@dataclass
class CleanPage:
    gray: np.ndarray  # uint8, coloured ink and non-text marks painted white, deskewed
    ink: np.ndarray  # bool, text ink only
    char_height: float  # typical height of a capital letter/ascender line in pixels
    skew: float  # degrees the page was rotated by
    rules: list[tuple[int, int, int, int]]  # removed horizontal rules: left, top, right, bottom


def without_colour(image: Image.Image) -> np.ndarray:
    """Grayscale page with red ink (seals, red stamps) painted white; a number or date written with a
    blue pen must stay, blue signatures go with the other large strokes."""
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image.mode == "L":
        return np.asarray(image, dtype=np.uint8).copy()
    rgb = np.asarray(image, dtype=np.int16)
    high = rgb.max(axis=2)
    gray = np.asarray(image.convert("L"), dtype=np.uint8).copy()
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    # red and magenta ink: seals; blue pen (handwritten numbers and dates) stays
    reddish = (red == high) & (red - np.maximum(green, blue) > np.maximum(SATURATION_MIN * high, 40))
    gray[reddish] = 255
    return gray


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink mask (True = ink) by Otsu's threshold; a blank page gives an empty mask."""
    if int(gray.max()) - int(gray.min()) < 30:
        return np.zeros(gray.shape, dtype=bool)
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask > 0


def skew_angle(ink: np.ndarray) -> float:
    """Skew in degrees by the projection-profile method: text lines give the sharpest row profile
    when they are horizontal. Coarse then fine search on a reduced mask."""
    scale = 4
    small = cv2.resize(
        ink.astype(np.uint8) * 255, None, fx=1 / scale, fy=1 / scale, interpolation=cv2.INTER_AREA
    )
    if small.sum() == 0:
        return 0.0
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        rows = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-6, 0.5), key=sharpness)
    best = max(np.arange(best - 0.5, best + 0.5 + 1e-6, 0.1), key=sharpness)
    return round(float(best), 2)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def char_height(stats: np.ndarray) -> float:
    """Median height of letter-sized components (the text's cap/ascender height)."""
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    areas = stats[1:, cv2.CC_STAT_AREA]
    letters = heights[(heights >= 12) & (heights <= 120) & (widths <= 2 * heights) & (areas >= 30)]
    if len(letters) < 20:
        return 30.0
    return float(np.median(letters))


def clean(image: Image.Image, deskew: bool = True) -> CleanPage:
    gray = without_colour(image)
    ink = binarize(gray)
    angle = skew_angle(ink) if deskew else 0.0
    if abs(angle) >= 0.15:
        gray = rotate(gray, angle)
        ink = binarize(gray)
    else:
        angle = 0.0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    height = char_height(stats)
    remove = np.zeros(count, dtype=bool)
    erase_boxes: list[tuple[int, int, int, int]] = []
    rules: list[tuple[int, int, int, int]] = []
    page_h, page_w = ink.shape
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        if area <= 2:
            remove[label] = True
            continue
        rule = w > 4 * height and h < 0.35 * height
        # scan borders: dark bands along an edge of the sheet
        border = (w > 0.5 * page_w and h < 1.5 * height) or (h > 0.5 * page_h and w < 1.5 * height)
        vertical_rule = h > 4 * height and w < 0.35 * height
        large = w > 2.5 * height and h > 2.5 * height
        if rule or border or vertical_rule:
            remove[label] = True
            if rule and not border:
                rules.append((int(x), int(y), int(x + w), int(y + h)))
        elif large:
            remove[label] = True
            if h < 10 * height and _is_stamp_frame(labels[y : y + h, x : x + w] == label, page_w):
                erase_boxes.append((x, y, x + w, y + h))
    mask = remove[labels]
    for x0, y0, x1, y1 in erase_boxes:
        mask[y0:y1, x0:x1] = True
    # the anti-aliased rim of a removed mark is lighter than the threshold: take it too
    mask = cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    ink = ink & ~mask
    gray = gray.copy()
    gray[mask] = 255
    return CleanPage(gray=gray, ink=ink, char_height=height, skew=angle, rules=rules)


def _is_stamp_frame(component: np.ndarray, page_width: int) -> bool:
    """A rectangle outline (received stamp 'ĐẾN', 'CÔNG VĂN ĐẾN' box): its four sides drawn, little ink
    inside, and much narrower than a table."""
    h, w = component.shape
    if w > 0.45 * page_width:
        return False
    band_y = max(3, h // 12)
    band_x = max(3, w // 20)
    total = component.sum()
    if total == 0:
        return False
    fill = total / component.size
    # every side must be drawn, not only a corner bracket or an underline
    sides = (
        component[:band_y].any(axis=0).mean(),
        component[-band_y:].any(axis=0).mean(),
        component[:, :band_x].any(axis=1).mean(),
        component[:, -band_x:].any(axis=1).mean(),
    )
    return fill < 0.25 and min(sides) > 0.6
