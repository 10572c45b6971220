"""DOCX reader (python-docx): paragraphs and tables in body order.

A two-column layout table (heading: cơ quan | Quốc hiệu; footer: Nơi nhận | chữ ký) is read left
column first, then right column, so the halves never interleave. A data table (two rows and three
columns with text or more) is read row by row, one line per row, with its merged cells resolved
(gridSpan, vMerge) and its cell spans kept (io/tables.py); other tables row by row, cells
separated by tabs. Text boxes inside paragraphs and the page header/footer of the first section
are included where python-docx reaches them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import CorruptFileError, LimitExceededError
from ..i18n import _
from .tables import RawTable, TableGrid, join_blocks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


def read_docx(path: str | Path) -> str:
    return read_docx_tables(path)[0]


def read_docx_tables(path: str | Path) -> tuple[str, list[RawTable]]:
    """The document's text and its data tables (cell spans into that text)."""
    _check_archive(path)
    import docx  # python-docx; imported here so text-only runs do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise CorruptFileError(path, _("corrupt DOCX: {problem}").format(problem=exc)) from None
    except Exception as exc:  # lxml XMLSyntaxError and friends
        raise CorruptFileError(
            path, _("corrupt DOCX: {problem}").format(problem=f"{type(exc).__name__}: {exc}")
        ) from None

    blocks: list[str] = []
    header = _story_text(document.sections[0].header) if document.sections else ""
    if header:
        blocks.append(header)
    blocks.extend(_body_blocks(document.element.body))
    footer = _story_text(document.sections[0].footer) if document.sections else ""
    if footer:
        blocks.append(footer)
    return join_blocks(blocks)


def _check_archive(path: str | Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        raise CorruptFileError(
            path, _("corrupt DOCX: not a valid ZIP archive (truncated or damaged file)")
        ) from None
    if "word/document.xml" not in names:
        raise CorruptFileError(path, _("corrupt DOCX: word/document.xml is missing"))
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO and total > 10 * 1024 * 1024:
        raise LimitExceededError(
            path,
            _("DOCX expands to {size} MB (possible ZIP bomb); refusing to open it").format(
                size=total // (1024 * 1024)
            ),
        )


def _story_text(story) -> str:
    try:
        if story.is_linked_to_previous and story._element is None:  # pragma: no cover - defensive
            return ""
        parts = _body_blocks(story._element)
    except Exception:
        return ""
    text = "\n".join(parts).strip()
    # a header/footer that only holds a page number is page furniture
    return "" if text.isdigit() else text


def _body_blocks(container) -> list[str]:
    blocks: list[str] = []
    for child in container.iterchildren():
        if child.tag == W + "p":
            blocks.append(_paragraph_text(child))
            blocks.extend(_textbox_paragraphs(child))
        elif child.tag == W + "tbl":
            blocks.extend(_table_blocks(child))
        elif child.tag == W + "sdt":  # content control wrapping paragraphs or tables
            content = child.find(W + "sdtContent")
            if content is not None:
                blocks.extend(_body_blocks(content))
    return blocks


def _paragraph_text(p) -> str:
    """Text of a paragraph's own runs (not its text boxes), tabs and breaks kept."""
    out: list[str] = []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "txbxContent"):
        if node.tag == W + "txbxContent":
            continue
        if _inside_textbox(node, p):
            continue
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag == W + "tab":
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _inside_textbox(node, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == W + "txbxContent":
            return True
        parent = parent.getparent()
    return False


def _textbox_paragraphs(p) -> list[str]:
    out = []
    seen = set()
    for box in p.iter(W + "txbxContent"):
        # Word writes each text box twice (DrawingML and VML fallback): keep one copy
        text = "\n".join(_body_blocks(box)).strip()
        if text and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def _table_blocks(tbl) -> list[str]:
    grid = _table_grid(tbl)
    if grid.is_data_table():
        return [grid.render()]
    rows = []
    for tr in tbl.iterchildren(W + "tr"):
        cells = []
        for tc in tr.iterchildren(W + "tc"):
            cells.append("\n".join(b for b in _body_blocks(tc)).strip("\n"))
        rows.append(cells)
    if not rows:
        return []
    width = max(len(r) for r in rows)
    if width == 2:
        # layout table: whole left column, then whole right column
        left = [r[0] for r in rows if r and r[0].strip()]
        right = [r[1] for r in rows if len(r) > 1 and r[1].strip()]
        return left + right
    return ["\t".join(c for c in r) for r in rows if any(c.strip() for c in r)]


def _table_grid(tbl) -> TableGrid:
    """The table's cells on its grid: a cell spanning columns (gridSpan) covers them, a cell
    continuing a vertical merge (vMerge without "restart") takes the text of the cell above."""
    grid = TableGrid()
    for tr in tbl.iterchildren(W + "tr"):
        grid.new_row()
        properties = tr.find(W + "trPr")
        before = _int_val(properties, "gridBefore", 0)
        if before:
            grid.empty(before)
        for tc in tr.iterchildren(W + "tc"):
            cell_properties = tc.find(W + "tcPr")
            span = _int_val(cell_properties, "gridSpan", 1)
            merge = cell_properties.find(W + "vMerge") if cell_properties is not None else None
            if merge is not None and merge.get(W + "val", "continue") == "continue":
                grid.continue_above(span)
            else:
                grid.cell("\n".join(_body_blocks(tc)), colspan=span)
    return grid


def _int_val(properties, name: str, default: int) -> int:
    node = properties.find(W + name) if properties is not None else None
    value = node.get(W + "val") if node is not None else None
    return int(value) if value is not None and value.isdigit() else default
