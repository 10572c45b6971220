"""Reading order of a page from its ink, before any text exists.

Rows are the bands between horizontal white gaps. Consecutive rows that share a white gutter in the
middle of the page form a two-column zone; the rest are one-column zones. The first two-column
zone of page 1 is the heading of NĐ 30/2020 (cơ quan | Quốc hiệu, then số, trích yếu | địa danh,
ngày): it is read band by band, left cell before right cell, so the number stays under its
issuer and the date under the motto. Any later two-column zone (Nơi nhận beside the signature)
is read as two blocks, left then right, so neither is cut into the other's lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass
class Block:
    left: int
    top: int
    right: int
    bottom: int
    role: str  # heading-left | heading-right | body | left | right

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass
class _Row:
    top: int
    bottom: int
    free: np.ndarray  # bool per column: no ink in this row


def layout_mask(ink: np.ndarray, char_height: float) -> np.ndarray:
    """Ink without specks: the components that can be letters, digits or their marks."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    keep = np.zeros(count, dtype=bool)
    sizes = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep[1:] = sizes[1:] >= max(4, 0.35 * char_height)
    return keep[labels]


def _rows(mask: np.ndarray, char_height: float) -> list[_Row]:
    profile = mask.sum(axis=1)
    inked = profile > 0
    runs: list[list[int]] = []
    y = 0
    height = len(inked)
    while y < height:
        if inked[y]:
            start = y
            while y < height and inked[y]:
                y += 1
            runs.append([start, y])
        y += 1
    # a run of marks only (a row of tone marks above capitals, a dot line) joins its neighbour
    merged: list[list[int]] = []
    for run in runs:
        if (
            merged
            and (run[0] - merged[-1][1] < 0.3 * char_height)
            and (run[1] - run[0] < 0.65 * char_height or merged[-1][1] - merged[-1][0] < 0.65 * char_height)
        ):
            merged[-1][1] = run[1]
        else:
            merged.append(run)
    rows = []
    for top, bottom in merged:
        band = mask[top:bottom]
        # a row needs something letter-sized; lone dots and speck lines are noise
        if bottom - top < 0.45 * char_height:
            continue
        rows.append(_Row(top=top, bottom=bottom, free=np.logical_not(band.any(axis=0))))
    return rows


def _gutter(free: np.ndarray, width: int, char_height: float) -> tuple[int, int] | None:
    """The widest white interval inside the middle of the page, if it is wide enough."""
    lo, hi = int(0.25 * width), int(0.75 * width)
    best: tuple[int, int] | None = None
    x = lo
    while x < hi:
        if free[x]:
            start = x
            while x < hi and free[x]:
                x += 1
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
        x += 1
    if best is None or best[1] - best[0] < 1.2 * char_height:
        return None
    return best


def _extent(row: _Row) -> tuple[int, int] | None:
    cols = np.flatnonzero(~row.free)
    return (int(cols[0]), int(cols[-1]) + 1) if len(cols) else None


def _page_axis(rows: list[_Row], width: int) -> float:
    """The centre line of the body text (titles are centred on it)."""
    centres = []
    for row in rows:
        extent = _extent(row)
        if extent and extent[1] - extent[0] > 0.6 * width:
            centres.append((extent[0] + extent[1]) / 2)
    return float(np.median(centres)) if centres else width / 2


class _Zone:
    """Rows sharing a gutter; the axes are the centres of the left and right cells seen so far."""

    def __init__(self, row: _Row, gutter: tuple[int, int], width: int, char_height: float):
        self.rows = [row]
        self.free = row.free.copy()
        self.width = width
        self.char_height = char_height
        self.gutter = gutter
        self.two_sided = 1
        self.left_axes: list[float] = []
        self.right_axes: list[float] = []
        self._note_axes(row)

    def _note_axes(self, row: _Row) -> None:
        split = (self.gutter[0] + self.gutter[1]) // 2
        for part, axes, offset in (
            (row.free[:split], self.left_axes, 0),
            (row.free[split:], self.right_axes, split),
        ):
            cols = np.flatnonzero(~part)
            if len(cols):
                axes.append(offset + (cols[0] + cols[-1]) / 2)

    def accepts(self, row: _Row, page_axis: float) -> bool:
        joined = self.free & row.free
        gutter = _gutter(joined, self.width, self.char_height)
        if gutter is None:
            return False
        extent = _extent(row)
        if extent is None:
            return True
        if extent[1] - extent[0] < 2 * self.char_height:  # a mark, a stray digit: no say in the layout
            return True
        left_side = extent[1] <= gutter[0]
        right_side = extent[0] >= gutter[1]
        if not (left_side or right_side):
            return not _centred_line(row, extent, page_axis, self.width, self.char_height)
        # a one-sided row belongs here unless it is centred on the page (a title under the heading)
        centre = (extent[0] + extent[1]) / 2
        axes = self.left_axes if left_side else self.right_axes
        if not axes:
            return abs(centre - page_axis) > 2 * self.char_height
        return abs(centre - float(np.median(axes))) < abs(centre - page_axis)

    def add(self, row: _Row) -> None:
        self.rows.append(row)
        self.free &= row.free
        self.gutter = _gutter(self.free, self.width, self.char_height) or self.gutter
        extent = _extent(row)
        if extent and extent[0] < self.gutter[0] and extent[1] > self.gutter[1]:
            self.two_sided += 1
        self._note_axes(row)


def _centred_line(
    row: _Row, extent: tuple[int, int], page_axis: float, width: int, char_height: float
) -> bool:
    """A title centred on the page whose only gap is a (letter-spaced) word space."""
    inner = row.free.copy()
    inner[: extent[0]] = False
    inner[extent[1] :] = False
    gap = _gutter(inner, width, char_height)
    narrow = gap is None or gap[1] - gap[0] < 2.5 * char_height
    return narrow and abs((extent[0] + extent[1]) / 2 - page_axis) < 1.5 * char_height


def _two_sided_gutter(row: _Row, width: int, char_height: float, page_axis: float) -> tuple[int, int] | None:
    gutter = _gutter(row.free, width, char_height)
    if gutter is None:
        return None
    extent = _extent(row)
    if extent is None or not (extent[0] < gutter[0] and extent[1] > gutter[1]):
        return None
    if _centred_line(row, extent, page_axis, width, char_height):
        return None
    return gutter


def reading_blocks(
    ink: np.ndarray,
    char_height: float,
    first_page: bool = True,
    rules: list[tuple[int, int, int, int]] | None = None,
) -> list[Block]:
    """Blocks of the page in reading order."""
    height, width = ink.shape
    mask = layout_mask(ink, char_height)
    rows = _rows(mask, char_height)
    page_axis = _page_axis(rows, width)
    zones: list[tuple[list[_Row], tuple[int, int] | None]] = []
    i = 0
    while i < len(rows):
        gutter = _two_sided_gutter(rows[i], width, char_height, page_axis)
        if gutter is not None:
            zone = _Zone(rows[i], gutter, width, char_height)
            j = i + 1
            while j < len(rows) and zone.accepts(rows[j], page_axis):
                zone.add(rows[j])
                j += 1
            # one row split by a wide space is a justified line, not two columns
            wide = zone.gutter[1] - zone.gutter[0] >= 3 * char_height
            if zone.two_sided >= 2 or wide:
                zones.append((zone.rows, zone.gutter))
                i = j
                continue
        if zones and zones[-1][1] is None:
            zones[-1][0].append(rows[i])
        else:
            zones.append(([rows[i]], None))
        i += 1
    blocks: list[Block] = []
    seen_text = False
    for zone_rows, gutter in zones:
        if gutter is None:
            blocks.append(_box(mask, zone_rows, 0, width, "body"))
            seen_text = seen_text or any(
                (e := _extent(r)) is not None and e[1] - e[0] > 0.5 * width for r in zone_rows
            )
            continue
        split = (gutter[0] + gutter[1]) // 2
        if first_page and not seen_text and zone_rows[0].top < 0.4 * height:
            for band in _bands(zone_rows, char_height, rules or []):
                blocks += [
                    _box(mask, band, 0, split, "heading-left"),
                    _box(mask, band, split, width, "heading-right"),
                ]
        else:
            blocks += [_box(mask, zone_rows, 0, split, "left"), _box(mask, zone_rows, split, width, "right")]
        seen_text = True
    return [b for b in blocks if b.width > 0 and b.height > 0]


def _both_sides(rows: list[_Row], gutter: tuple[int, int]) -> bool:
    left = any((~row.free[: gutter[0]]).any() for row in rows)
    right = any((~row.free[gutter[1] :]).any() for row in rows)
    return left and right


def _bands(rows: list[_Row], char_height: float, rules: list[tuple[int, int, int, int]]) -> list[list[_Row]]:
    """Rows of the heading grouped into its cells' bands.

    The short rules under the issuer and under the motto close the first band (cơ quan | Quốc
    hiệu); number, trích yếu and date follow. A gap clearly wider than a line gap also separates
    bands (Kính gửi below a long trích yếu is not part of its cell).
    """
    top, bottom = rows[0].top, rows[-1].bottom
    cuts = sorted({r[3] for r in rules if top <= r[1] <= bottom})
    bands = [[rows[0]]]
    for previous, row in zip(rows, rows[1:], strict=False):
        ruled = any(previous.top < cut <= row.top for cut in cuts)
        if ruled or row.top - previous.bottom > 1.5 * char_height:
            bands.append([row])
        else:
            bands[-1].append(row)
    return bands


def _box(mask: np.ndarray, rows: list[_Row], x0: int, x1: int, role: str) -> Block:
    top, bottom = rows[0].top, rows[-1].bottom
    region = mask[top:bottom, x0:x1]
    cols = np.flatnonzero(region.any(axis=0))
    lines = np.flatnonzero(region.any(axis=1))
    if len(cols) == 0:
        return Block(x0, top, x0, top, role)
    return Block(
        x0 + int(cols[0]), top + int(lines[0]), x0 + int(cols[-1]) + 1, top + int(lines[-1]) + 1, role
    )
