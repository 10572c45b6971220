"""HTML reader (selectolax/lexbor): the main text of a web page or a vbpl.vn page.

Menus, headers, footers, forms (comment boxes), counters and scripts are dropped; the content
root is a known document container when the page has one, else the block with the most
paragraph text. Two-column tables (the vbpl.vn heading) are read left column, then right.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

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


def read_html(data: str) -> str:
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
    _walk(root, parts)
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


def _walk(node: LexborNode, out: list[str]) -> None:
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
            _table(child, out)
            out.append("\n")
            continue
        block = tag in BLOCK_TAGS
        if block:
            out.append("\n")
        _walk(child, out)
        if block:
            out.append("\n")


def _table(table: LexborNode, out: list[str]) -> None:
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
            for cell in column:
                out.append(cell + "\n")
        return
    for row in rows:
        if any(row):
            out.append("\t".join(row) + "\n")


def _nearest_table(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent
