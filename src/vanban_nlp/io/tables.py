"""Tables as the readers find them (DOCX, PDF, HTML), carried beside the raw text.

A reader fills a `TableGrid` cell by cell (row and column spans resolved: a cell covered by a merged
cell points at the cell that holds the text) and writes the table into its text one row per line,
cells separated by tabs, a cell's paragraphs joined by spaces, so the extractors still read one
line per row. A `RawTable` records where each cell's text lies in the raw text. After
normalization, `locate_tables` maps those spans into the normalized text: the Document's tables.

Only data tables are kept as tables: at least two rows and three columns holding text. Two-column
layout tables (cơ quan | Quốc hiệu, Nơi nhận | chữ ký) stay the readers' business.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Table
    from ..text.normalize import Text
    from ..text.offsets import OffsetMap

RawSpan = tuple[int, int]
Origin = tuple[int, int]  # (row, column) of the grid cell that holds a text

MIN_ROWS = 2
MIN_COLUMNS = 3
MAX_SPAN = 500  # a rowspan/colspan beyond this is a broken file, not a table
_CELL_SPACE = re.compile(r"\s+")


@dataclass
class RawTable:
    """Spans into the raw text of every cell, row by row (the header row first). A merged cell
    shares the span of the cell that holds its text; None where a short row has no cell."""

    rows: list[list[RawSpan | None]]
    page: int | None = None

    def shifted(self, offset: int) -> RawTable:
        return RawTable(
            rows=[[None if s is None else (s[0] + offset, s[1] + offset) for s in row] for row in self.rows],
            page=self.page,
        )

    @property
    def span(self) -> RawSpan:
        spans = [s for row in self.rows for s in row if s is not None]
        return min(s[0] for s in spans), max(s[1] for s in spans)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


class TableText(str):
    """The text a reader writes for one table, with that table (spans relative to this text)."""

    table: RawTable


def cell_text(text: str) -> str:
    """A cell's paragraphs on one line: line breaks and tabs become single spaces."""
    return _CELL_SPACE.sub(" ", text).strip()


@dataclass
class TableGrid:
    """A table's grid filled row by row; merged cells resolved to the cell holding their text."""

    origins: list[list[Origin | None]] = field(default_factory=list)
    texts: dict[Origin, str] = field(default_factory=dict)
    _reserved: dict[Origin, Origin] = field(default_factory=dict)

    def new_row(self) -> None:
        self.origins.append([])
        self._fill_reserved()

    def cell(self, text: str, colspan: int = 1, rowspan: int = 1) -> None:
        """A cell holding `text`, spanning columns to its right and rows below (HTML, PDF)."""
        row_index = len(self.origins) - 1
        row = self.origins[row_index]
        origin = (row_index, len(row))
        self.texts[origin] = text
        colspan, rowspan = _clamp(colspan), _clamp(rowspan)
        for dc in range(colspan):
            column = origin[1] + dc
            row.append(origin)
            for dr in range(1, rowspan):
                self._reserved[(row_index + dr, column)] = origin
        self._fill_reserved()

    def continue_above(self, colspan: int = 1) -> None:
        """A cell that continues the cell above it (DOCX vertical merge)."""
        row_index = len(self.origins) - 1
        row = self.origins[row_index]
        above = self.origins[row_index - 1] if row_index > 0 else []
        column = len(row)
        if column >= len(above) or above[column] is None:
            self.cell("", colspan)
            return
        for dc in range(_clamp(colspan)):
            row.append(above[column + dc] if column + dc < len(above) else above[column])
        self._fill_reserved()

    def empty(self, count: int = 1) -> None:
        """Grid positions without a cell (DOCX gridBefore / gridAfter)."""
        for _ in range(_clamp(count)):
            self.origins[-1].append(None)
        self._fill_reserved()

    def _fill_reserved(self) -> None:
        row_index = len(self.origins) - 1
        row = self.origins[row_index]
        while (row_index, len(row)) in self._reserved:
            row.append(self._reserved.pop((row_index, len(row))))

    def is_data_table(self) -> bool:
        rows, columns = self._kept()
        return len(rows) >= MIN_ROWS and len(columns) >= MIN_COLUMNS

    def _kept(self) -> tuple[list[int], list[int]]:
        """Rows that hold some text, and columns where some cell with text starts (a column only
        ever covered by cells of the column before it is a drawing artefact, not a column)."""
        filled = {origin for origin, text in self.texts.items() if cell_text(text)}
        rows = [r for r, row in enumerate(self.origins) if any(o in filled for o in row)]
        columns = sorted({origin[1] for origin in filled})
        return rows, columns

    def reading_order(self) -> list[list[Origin]]:
        """Per row with text, the cells that hold their own text, left to right (a row whose cells
        all continue from above has none)."""
        rows, columns = self._kept()
        order = []
        for r in rows:
            row = self.origins[r]
            own = (row[c] for c in columns if c < len(row))
            order.append(list(dict.fromkeys(o for o in own if o is not None and o[0] == r)))
        return order

    def raw_table(self, spans: dict[Origin, RawSpan]) -> RawTable:
        """The table of the rows and columns with text, each position with the span of its cell."""
        rows, columns = self._kept()

        def span_at(row: list[Origin | None], column: int) -> RawSpan | None:
            origin = row[column] if column < len(row) else None
            return spans.get(origin) if origin is not None else None

        return RawTable(rows=[[span_at(self.origins[r], c) for c in columns] for r in rows])

    def render(self) -> TableText:
        """The table as text (one line per row, cells separated by tabs) with its cell spans.

        Rows and columns without text are left out; every merged position gets the span of the
        cell that holds its text."""
        lines: list[str] = []
        spans: dict[Origin, RawSpan] = {}
        pos = 0
        for own in self.reading_order():
            pieces = [cell_text(self.texts.get(origin, "")) for origin in own]
            if not any(pieces):
                continue  # a row whose cells all continue from above takes no line of its own
            for origin, piece in zip(own, pieces, strict=True):
                spans[origin] = (pos, pos + len(piece))
                pos += len(piece) + 1  # the tab after this cell, or the line break after the row
            lines.append("\t".join(pieces))
        rendered = TableText("\n".join(lines))
        rendered.table = self.raw_table(spans)
        return rendered


def _clamp(count: int) -> int:
    return max(1, min(count, MAX_SPAN))


def join_blocks(blocks: list[str], separator: str = "\n") -> tuple[str, list[RawTable]]:
    """Join a reader's text blocks; the tables among them with spans into the joined text."""
    tables: list[RawTable] = []
    pos = 0
    for index, block in enumerate(blocks):
        if index:
            pos += len(separator)
        if isinstance(block, TableText) and block.table.rows:
            tables.append(block.table.shifted(pos))
        pos += len(block)
    return separator.join(blocks), tables


def merge_continued(tables: list[RawTable], text: str) -> list[RawTable]:
    """A table that goes on from one PDF page to the next is one table: the part on the next page
    starts its page, has the same columns and repeats no header (a repeated header row is dropped)."""
    merged: list[RawTable] = []
    for table in tables:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.page is not None
            and table.page == previous.page + 1
            and table.width == previous.width
            and not text[previous.span[1] : table.span[0]].strip()
        ):
            rows = list(table.rows)
            repeated = 0
            while repeated < min(len(rows) - 1, len(previous.rows)) and _row_texts(
                rows[repeated], text
            ) == _row_texts(previous.rows[repeated], text):
                repeated += 1
            merged[-1] = RawTable(rows=previous.rows + rows[repeated:], page=previous.page)
            continue
        merged.append(table)
    return merged


def _row_texts(row: list[RawSpan | None], text: str) -> list[str]:
    return [cell_text(text[s[0] : s[1]]) if s else "" for s in row]


# --- from raw spans to the normalized text -------------------------------------------------------


def _to_new(omap: OffsetMap, pos: int) -> int:
    """A raw position through one normalization pass (the inverse of OffsetMap.to_old)."""
    i = bisect_right(omap.old_starts, pos) - 1
    old_start, new_start = omap.old_starts[i], omap.new_starts[i]
    if omap.old_limits[i] is None:
        return new_start + (pos - old_start)
    replaced = (omap.new_starts[i + 1] if i + 1 < len(omap.new_starts) else new_start) - new_start
    return new_start + min(pos - old_start, replaced)


def _to_normalized(normalized: Text, pos: int) -> int:
    for omap in normalized.maps:
        pos = _to_new(omap, pos)
    return min(pos, len(normalized.text))


def locate_tables(raw_tables: list[RawTable], normalized: Text) -> list[Table]:
    """The readers' tables in the normalized text: each cell's text is `text[start:end]`."""
    from ..model import Table

    text = normalized.text
    out: list[Table] = []
    for raw in raw_tables:
        spans: list[list[tuple[int, int] | None]] = []
        for row in raw.rows:
            cells: list[tuple[int, int] | None] = []
            for span in row:
                if span is None:
                    cells.append(None)
                    continue
                start = _to_normalized(normalized, span[0])
                end = max(start, _to_normalized(normalized, span[1]))
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                cells.append((start, end) if end > start else None)
            spans.append(cells)
        filled = [s for row in spans for s in row if s is not None]
        if not filled or len(spans) < MIN_ROWS:
            continue
        texts = [[text[s[0] : s[1]] if s else "" for s in row] for row in spans]
        out.append(
            Table(
                span=(min(s[0] for s in filled), max(s[1] for s in filled)),
                page=raw.page,
                header=texts[0],
                rows=texts[1:],
                cells=spans,
            )
        )
    return out
