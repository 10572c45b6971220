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
    seals: list[tuple[int, int, int, int]] = []
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
            elif 0.75 < w / h < 1.33 and 7 * height < max(w, h) < 20 * height:
                seals.append((int(x), int(y), int(x + w), int(y + h)))  # a seal ring on its own
            elif max(w, h) > 7 * height:
                seals += _rings(labels[y : y + h, x : x + w] == label, int(x), int(y), height)
    mask = remove[labels]
    for seal in seals:
        mask |= _seal_contents(ink & ~mask, seal, height)
    for x0, y0, x1, y1 in erase_boxes:
        mask[y0:y1, x0:x1] = True
    # the anti-aliased rim of a removed mark is lighter than the threshold: take it too
    mask = cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    ink = ink & ~mask
    gray = gray.copy()
    gray[mask] = 255
    return CleanPage(gray=gray, ink=ink, char_height=height, skew=angle, rules=rules)


def _rings(component: np.ndarray, x: int, y: int, height: float) -> list[tuple[int, int, int, int]]:
    """Round seals within a large mark (a seal ring merged with the signature it covers)."""
    scale = 4
    small = cv2.resize(
        component.astype(np.uint8) * 255, None, fx=1 / scale, fy=1 / scale, interpolation=cv2.INTER_AREA
    )
    found = cv2.HoughCircles(
        cv2.GaussianBlur(small, (5, 5), 0),
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=int(8 * height / scale),
        param1=100,
        param2=25,
        minRadius=int(3.5 * height / scale),
        maxRadius=int(10 * height / scale),
    )
    if found is None:
        return []
    rings = []
    for cx, cy, radius in found[0][:2]:
        r = radius * scale
        # a real ring: ink along most of its circumference
        angles = np.linspace(0, 2 * np.pi, 72, endpoint=False)
        px = np.clip((cx * scale + r * np.cos(angles)).astype(int), 0, component.shape[1] - 1)
        py = np.clip((cy * scale + r * np.sin(angles)).astype(int), 0, component.shape[0] - 1)
        near = cv2.dilate(component.astype(np.uint8), np.ones((9, 9), np.uint8))[py, px]
        if near.mean() > 0.6:
            rings.append(
                (
                    int(x + cx * scale - r),
                    int(y + cy * scale - r),
                    int(x + cx * scale + r),
                    int(y + cy * scale + r),
                )
            )
    return rings


def _seal_contents(ink: np.ndarray, seal: tuple[int, int, int, int], height: float) -> np.ndarray:
    """The lettering and emblem inside a round seal, without the signature lines it is stamped over.

    A shape wholly inside the disc goes, unless its row of text carries on outside the disc (the
    title or name of the signer, whose first letters the seal covers).
    """
    x0, y0, x1, y1 = seal
    disc = np.zeros(ink.shape, np.uint8)
    cv2.ellipse(disc, ((x0 + x1) // 2, (y0 + y1) // 2), ((x1 - x0) // 2, (y1 - y0) // 2), 0, 0, 360, 1, -1)
    inside = disc.astype(bool)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (ink[y0:y1, x0:x1]).astype(np.uint8), connectivity=8
    )
    erase = np.zeros(ink.shape, bool)
    reach = int(2 * height)
    for label in range(1, count):
        cx, cy, w, h, _area = stats[label]
        component = labels[cy : cy + h, cx : cx + w] == label
        box = (slice(y0 + cy, y0 + cy + h), slice(x0 + cx, x0 + cx + w))
        if (component & ~inside[box]).any():
            continue  # reaches out of the disc
        rows = slice(y0 + cy, y0 + cy + h)
        outside_right = ink[rows, x1 : x1 + reach] & ~inside[rows, x1 : x1 + reach]
        outside_left = ink[rows, max(0, x0 - reach) : x0]
        if outside_right.any() or outside_left.any():
            continue  # a line of text that the seal only covers in part
        erase[box] |= component
    return erase


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
