"""Ruled tables of a PDF: which pages draw a grid (pypdfium2's path objects, cheap), and on those
pages pdfplumber's table finder, merged cells resolved, cell text from pypdfium2; the page's text
is then written again with each table one line per row and its cell spans (io/tables.py)."""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..i18n import _
from . import pdf as reader  # the page-text helpers (heading columns, page furniture)
from .tables import RawTable, TableGrid, TableText

MIN_VERTICAL_RULES = 4  # three columns need four vertical rules
MIN_HORIZONTAL_RULES = 3  # a header and one row need three horizontal ones
MAX_PATH_SEGMENTS = 400  # a path with more is a drawing (a seal, a signature), not rules
RULE_WIDTH = 3.0  # a rule is a line, or a box this thin
RULE_LENGTH = 6.0
FILLED_CELLS = 8  # filled boxes side by side draw a grid too (shaded cells), when there are enough
MAX_RULES = 2000  # rules looked at on one page (the check stays cheap on a page of drawings)


def likely_ruled_table(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> bool:
    """The page draws a grid of three columns: four vertical rules side by side (crossing one
    height) and three horizontal rules, with lines or with enough filled cells; and its text reads
    upright as the page is shown. Boxes around text (one or two columns) are not. Looking at path
    objects costs a fraction of the text extraction; pdfplumber (much slower) then only sees these
    pages."""
    paths = _path_objects(page.raw)
    if len(paths) < 2:
        return False
    rules = _Rules()
    cells = _Rules()  # the same, counting the sides of filled boxes
    filled = 0
    for obj in paths:
        lines, is_filled_box = _path_lines(obj)
        filled += is_filled_box
        for found in (cells,) if is_filled_box else (rules, cells):
            found.add(lines)
    grid = rules.grid() or (filled >= FILLED_CELLS and cells.grid())
    return grid and _reads_upright(page, textpage)


def _reads_upright(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, sample: int = 60) -> bool:
    """Most characters run the way the page is shown (a table printed sideways on an upright page
    reads backwards to every table finder)."""
    count = textpage.count_chars()
    if not count:
        return False
    expected = (360 - page.get_rotation()) % 360  # pdfium measures a character's angle the other way
    step = max(1, count // sample)
    angles = [
        round(math.degrees(pdfium_c.FPDFText_GetCharAngle(textpage.raw, i))) % 360
        for i in range(0, count, step)
    ]
    return sum(1 for a in angles if min(abs(a - expected), 360 - abs(a - expected)) <= 10) * 2 > len(angles)


class _Rules:
    """Vertical rules (x, from y, to y) and the heights of horizontal ones, 2 pt apart the same."""

    def __init__(self) -> None:
        self.vertical: set[tuple[int, int, int]] = set()
        self.horizontal: set[int] = set()

    def add(self, lines: list[tuple[float, float, float, float]]) -> None:
        for x0, y0, x1, y1 in lines:
            if abs(x1 - x0) <= RULE_WIDTH and abs(y1 - y0) >= RULE_LENGTH:
                low, high = sorted((y0, y1))
                self.vertical.add((round((x0 + x1) / 4), round(low), round(high)))
            elif abs(y1 - y0) <= RULE_WIDTH and abs(x1 - x0) >= RULE_LENGTH:
                self.horizontal.add(round((y0 + y1) / 4))

    def grid(self) -> bool:
        if (
            len(self.horizontal) < MIN_HORIZONTAL_RULES
            or len({v[0] for v in self.vertical}) < MIN_VERTICAL_RULES
        ):
            return False
        rules = sorted(self.vertical)[:MAX_RULES]
        for _x, low, high in rules:  # a height some rule spans: how many rules side by side cross it
            middle = (low + high) / 2
            if len({x for x, bottom, top in rules if bottom <= middle <= top}) >= MIN_VERTICAL_RULES:
                return True
        return False


def _path_lines(obj) -> tuple[list[tuple[float, float, float, float]], bool]:
    """The straight pieces a path draws, in page space: a thin path is one line (its bounds, stroked
    or filled as Word draws borders), a stroked box its four sides, a longer stroked path each of
    its line segments; a filled box its sides, flagged (alone it is shading, not a rule); any other
    filled shape (a seal, a logo) nothing."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(
        obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    ):
        return [], False
    l, b, r, t = left.value, bottom.value, right.value, top.value
    if r - l <= RULE_WIDTH or t - b <= RULE_WIDTH:
        return [(l, b, r, t)], False
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count <= 5:  # a rectangle
        return [(l, b, l, t), (r, b, r, t), (l, b, r, b), (l, t, r, t)], not stroke.value
    if count > MAX_PATH_SEGMENTS or not stroke.value:
        return [], False
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return [], False
    x, y = ctypes.c_float(), ctypes.c_float()
    points = []
    for i in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        page_x = matrix.a * x.value + matrix.c * y.value + matrix.e
        page_y = matrix.b * x.value + matrix.d * y.value + matrix.f
        points.append((kind == pdfium_c.FPDF_SEGMENT_LINETO, page_x, page_y))
    lines = [
        (x0, y0, x1, y1) for (_, x0, y0), (line, x1, y1) in zip(points, points[1:], strict=False) if line
    ]
    return lines, False


def _path_objects(raw_page) -> list:
    """Path objects of a page, those inside form XObjects one level down included."""
    paths = []
    for i in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        obj = pdfium_c.FPDFPage_GetObject(raw_page, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths.append(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            for j in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                inner = pdfium_c.FPDFFormObj_GetObject(obj, j)
                if pdfium_c.FPDFPageObj_GetType(inner) == pdfium_c.FPDF_PAGEOBJ_PATH:
                    paths.append(inner)
    return paths


def read_ruled_tables(
    path: str | Path, doc: pdfium.PdfDocument, ruled: list[int], pages: dict[int, str], warnings: list[str]
) -> list[RawTable]:
    """The data tables of the ruled pages; each such page's text is written again with its tables
    one line per row. A page pdfminer cannot read keeps the text it had."""
    if not ruled:
        return []
    import pdfplumber

    found: list[RawTable] = []
    try:
        plumber = pdfplumber.open(str(path))
    except Exception:  # pdfminer refuses files pdfium reads: their text stands without tables
        warnings.append(_("the PDF's tables cannot be read (they are read as plain text)"))
        return []
    with plumber:
        for index in ruled:
            page = doc[index]
            textpage = page.get_textpage()
            try:
                grids = _page_grids(plumber.pages[index], page, textpage)
                if grids:
                    pages[index], tables = _compose_page(page, textpage, grids, first=index == 0)
                    found += [RawTable(rows=t.rows, page=index + 1) for t in tables]
            except Exception:  # a page pdfminer cannot parse keeps the text it had
                warnings.append(
                    _("page {page}: its tables cannot be read (they are read as plain text)").format(
                        page=index + 1
                    )
                )
            finally:
                textpage.close()
                page.close()
    return found


@dataclass
class _Grid:
    top: float  # pdfplumber coordinates: from the top of the page
    bottom: float
    grid: TableGrid


Box = tuple[float, float, float, float]


class _PageSpace:
    """From pdfplumber's boxes (x0, top, x1, bottom on the page as shown, /Rotate applied, from its
    top left corner) to pdfium's text rectangles (left, bottom, right, top in PDF user space)."""

    def __init__(self, page: pdfium.PdfPage):
        self.rotation = page.get_rotation() % 360
        self.left, self.bottom, right, top = page.get_mediabox()
        self.width, self.height = right - self.left, top - self.bottom
        self.shown_width, self.shown_height = page.get_size()

    def rectangle(self, box: Box) -> Box:
        x0, top, x1, bottom = box
        w, h = self.width, self.height
        if self.rotation == 90:
            left, low, right, high = top, x0, bottom, x1
        elif self.rotation == 180:
            left, low, right, high = w - x1, top, w - x0, bottom
        elif self.rotation == 270:
            left, low, right, high = w - bottom, h - x1, w - top, h - x0
        else:
            left, low, right, high = x0, h - bottom, x1, h - top
        return left + self.left, low + self.bottom, right + self.left, high + self.bottom

    def text(self, textpage: pdfium.PdfTextPage, box: Box) -> str:
        return textpage.get_text_bounded(*self.rectangle(box))


def _page_grids(plumber_page, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[_Grid]:
    """The page's data tables found on its ruling lines, top to bottom, cell texts from pdfium."""
    space = _PageSpace(page)
    grids: list[_Grid] = []
    for table in sorted(plumber_page.find_tables(), key=lambda t: t.bbox[1]):
        _x0, top, _x1, bottom = table.bbox
        if any(g.top < bottom and top < g.bottom for g in grids):
            continue  # beside a table already taken
        grid = _table_grid(table, textpage, space)
        if grid.is_data_table():
            grids.append(_Grid(top, bottom, grid))
    return grids


def _table_grid(table, textpage: pdfium.PdfTextPage, space: _PageSpace) -> TableGrid:
    """pdfplumber's rows and columns; a position a merged cell covers takes that cell's origin.

    Cell text is pdfium's, like the rest of the page (pdfminer spaces out the letters of some
    fonts: "Đ i ề u"), unless pdfium lost the line breaks of a cell whose text is drawn turned
    ("vănbản") where pdfplumber has them."""
    rows = table.rows
    columns = table.columns
    extracted = table.extract()
    origins: list[list[tuple[int, int] | None]] = []
    texts: dict[tuple[int, int], str] = {}
    by_box: dict[tuple[float, float, float, float], tuple[int, int]] = {}
    for r, row in enumerate(rows):
        origins.append([])
        for c, box in enumerate(row.cells):
            if box is None:
                origins[r].append(None)
                continue
            by_box[box] = (r, c)
            origins[r].append((r, c))
            texts[(r, c)] = _cell_text(space.text(textpage, box), extracted[r][c] or "")
    for r, row in enumerate(rows):
        for c, box in enumerate(row.cells):
            if box is None and c < len(columns):
                x, y = columns[c].bbox[0] + 1, row.bbox[1] + 1  # just inside the position's corner
                origins[r][c] = next(
                    (o for b, o in by_box.items() if b[0] <= x <= b[2] and b[1] <= y <= b[3]), None
                )
    return TableGrid(origins=origins, texts=texts)


def _compose_page(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, grids: list[_Grid], first: bool
) -> tuple[str, list[RawTable]]:
    """The page's text top to bottom: the text between tables as pdfium reads it (page 1's heading
    in columns), each table one line per row; running headers and page numbers removed."""
    space = _PageSpace(page)
    width, height = space.shown_width, space.shown_height
    parts: list[str] = []
    above = 0.0
    for index, grid in enumerate(grids):
        band = None
        if first and index == 0 and not space.rotation:
            band = reader._heading_columns(page, textpage, floor=height - grid.top)
        if band is None:
            band = _clean_lines(space.text(textpage, (0, above, width, grid.top)))
        parts.append(reader._strip_furniture(band) if index == 0 else band)
        parts.append(grid.grid.render())
        above = grid.bottom
    parts.append(reader._strip_furniture(_clean_lines(space.text(textpage, (0, above, width, height)))))
    text = ""
    tables: list[RawTable] = []
    for part in parts:
        if not part.strip():
            continue
        if text:
            text += "\n"
        if isinstance(part, TableText):
            tables.append(part.table.shifted(len(text)))
            text += part
        else:
            text += part.strip("\n")
    return text, tables


def _clean_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")


def _cell_text(pdfium_text: str, plumber_text: str) -> str:
    """A cell's text on one line, from pdfium unless only pdfplumber saw the lines break."""
    lines_lost = "\n" in plumber_text and "\n" not in _clean_lines(pdfium_text).strip()
    if lines_lost and "(cid:" not in plumber_text:
        return _cell_lines(plumber_text)
    return _clean(pdfium_text)


_BROKEN_AFTER = re.compile(r"(?<=\S[/-])\n(?=\S)")  # "05/2024/" + "TT-BLĐTBXH", "TT-" + "BLĐTBXH"


def _cell_lines(text: str) -> str:
    """A cell's lines on one line: joined by a space, or by nothing after a slash or a hyphen
    that ends a word."""
    return " ".join(_BROKEN_AFTER.sub("", text).split())


def _clean(text: str) -> str:
    """A cell's text on one line; a word broken by a hyphen at a line end is joined again."""
    return " ".join(_clean_lines(text.replace("\ufffe\r\n", "-")).split())
