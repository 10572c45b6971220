"""HTML reader (selectolax/lexbor): the main text of a web page or a vbpl.vn page.

Menus, headers, footers, forms (comment boxes), counters and scripts are dropped; the content
root is a known document container when the page has one, else the block with the most
paragraph text. Two-column tables (the vbpl.vn heading) are read left column, then right. A data
table (two rows and three columns with text or more) is read one line per row, rowspan and colspan
resolved, its cell spans kept (io/tables.py); marks around its cells survive the clean-up of
spaces and blank lines and are taken out at the end.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .tables import RawTable, TableGrid, cell_text

# Containers that hold a document's full text on common Vietnamese legal portals and news sites.
CONTENT_SELECTORS = (
    ".preview-content",  # vbpl.vn (2025 layout)
    "#toanvancontent",  # vbpl.vn (older layout)
    ".content1",  # thuvienphapluat.vn
    "#divContentDoc",
    ".fulltext",
    "article .content",
    ".detail-content",
    ".article-content",
    ".content-detail",
    "article",
    "main",
)
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "form",
    "aside",
    "iframe",
    "button",
    "select",
    "input",
    "textarea",
    "head",
)
NOISE_ATTR = re.compile(
    r"(^|[\s_-])(menu|nav|navbar|breadcrumb|footer|sidebar|comment|share|social|related|"
    r"banner|advert|ads|counter|thong-?ke|login|search|popup|modal|cookie|tags?)([\s_-]|$)",
    re.IGNORECASE,
)
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dd",
    "dt",
    "hr",
    "td",
    "th",
    "main",
}


# Private-use characters that mark a data table and its cells while the text is cleaned up.
_TABLE_START, _CELL_START, _CELL_END, _TABLE_END = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKS = str.maketrans(dict.fromkeys(map(ord, _TABLE_START + _CELL_START + _CELL_END + _TABLE_END)))


def read_html(data: str) -> str:
    return read_html_tables(data)[0]


def read_html_tables(data: str) -> tuple[str, list[RawTable]]:
    """The page's main text and its data tables (cell spans into that text)."""
    grids: list[TableGrid] = []
    text = _main_text(data.translate(_MARKS), grids)
    return _take_marks(text, grids)


def _main_text(data: str, grids: list[TableGrid]) -> str:
    tree = LexborHTMLParser(data)
    root = _content_root(tree)
    if root is None:
        return ""
    for node in list(root.css(",".join(DROP_TAGS))):
        node.decompose()
    for node in list(root.css("[class], [id]")):
        attrs = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if NOISE_ATTR.search(attrs) and not _is_content_root(node):
            node.decompose()
    parts: list[str] = []
    _walk(root, parts, grids)
    text = "".join(parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _is_content_root(node: LexborNode) -> bool:
    return any(node.css_matches(sel) for sel in CONTENT_SELECTORS[:6])


def _content_root(tree: LexborHTMLParser) -> LexborNode | None:
    for selector in CONTENT_SELECTORS:
        node = tree.css_first(selector)
        if node is not None and len(node.text(strip=True)) > 200:
            return node
    body = tree.body
    if body is None:
        return tree.root
    # the block whose direct paragraphs hold the most text
    best, best_len = body, 0
    for node in body.css("div, section, td"):
        length = sum(len(p.text(strip=True)) for p in node.iter() if p.tag == "p")
        if length > best_len:
            best, best_len = node, length
    return best if best_len > 200 else body


def _walk(node: LexborNode, out: list[str], grids: list[TableGrid] | None = None) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append(child.text_content or "")
            continue
        if tag in DROP_TAGS:
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag == "table":
            out.append("\n")
            _table(child, out, grids)
            out.append("\n")
            continue
        block = tag in BLOCK_TAGS
        if block:
            out.append("\n")
        _walk(child, out, grids)
        if block:
            out.append("\n")


def _table(table: LexborNode, out: list[str], grids: list[TableGrid] | None = None) -> None:
    if grids is not None:
        grid = _table_grid(table)
        if grid.is_data_table():
            grids.append(grid)
            out.append(_marked(grid))
            return
    rows: list[list[str]] = []
    for tr in table.css("tr"):
        if _nearest_table(tr) != table:
            continue
        cells = []
        for cell in tr.iter():
            if cell.tag in ("td", "th"):
                parts: list[str] = []
                _walk(cell, parts)
                cells.append("".join(parts).strip())
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    if width == 2:
        columns = [[r[0] for r in rows if r and r[0]], [r[1] for r in rows if len(r) > 1 and r[1]]]
        for column in columns:
            for text in column:
                out.append(text + "\n")
        return
    for row in rows:
        if any(row):
            out.append("\t".join(row) + "\n")


def _nearest_table(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


def _table_grid(table: LexborNode) -> TableGrid:
    """The table's cells on its grid, rowspan and colspan resolved (a nested table is cell text)."""
    grid = TableGrid()
    for tr in table.css("tr"):
        if _nearest_table(tr) != table:
            continue
        grid.new_row()
        for cell in tr.iter():
            if cell.tag in ("td", "th"):
                parts: list[str] = []
                _walk(cell, parts)
                grid.cell(
                    "".join(parts), colspan=_span_attr(cell, "colspan"), rowspan=_span_attr(cell, "rowspan")
                )
    return grid


def _span_attr(cell: LexborNode, name: str) -> int:
    value = (cell.attributes.get(name) or "1").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _marked(grid: TableGrid) -> str:
    """The table's lines with each cell that holds a text between marks, in reading order."""
    lines = [
        "\t".join(_CELL_START + cell_text(grid.texts[o]) + _CELL_END for o in own)
        for own in grid.reading_order()
    ]
    return _TABLE_START + "\n".join(lines) + _TABLE_END + "\n"


def _take_marks(text: str, grids: list[TableGrid]) -> tuple[str, list[RawTable]]:
    """Remove the marks; each marked table as a RawTable with its cells' spans in the clean text."""
    if not grids:
        return text, []
    out: list[str] = []
    tables: list[RawTable] = []
    pos = 0  # length of the clean text so far
    cells: list[tuple[int, int]] = []
    start = 0
    for piece in re.split(f"([{_TABLE_START}{_CELL_START}{_CELL_END}{_TABLE_END}])", text):
        if piece == _TABLE_START:
            cells = []
        elif piece == _CELL_START:
            start = pos
        elif piece == _CELL_END:
            cells.append((start, pos))
        elif piece == _TABLE_END:
            grid = grids[len(tables)]
            order = [o for own in grid.reading_order() for o in own]
            tables.append(grid.raw_table(dict(zip(order, cells, strict=False))))
        else:
            out.append(piece)
            pos += len(piece)
    return "".join(out), tables
