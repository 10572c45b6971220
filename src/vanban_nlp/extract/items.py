"""The tree of enumerated directive items in a document body.

Markers: `I.`/`I-`, `1.`/`1/`/`1)`, `1.1.`, `a)`/`đ)`, `-`, `+`, `•`, `(1)` at a line start, inline
`(1) … (2) …` inside a paragraph, ordinal words (`Thứ nhất,` … `Thứ mười,`, `Mười một,`, `Một là,`),
and `Điều 1.` in decisions. Nesting follows the marker kinds as they first appear: a kind already
open closes everything below it, a new kind opens a level under the current item. Paragraphs
without a marker continue the current item. A weekday ("Thứ hai, 11/03/2024") is not an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Item

ORDINALS = [
    "nhất",
    "hai",
    "ba",
    "tư",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mười một",
    "mười hai",
    "mười ba",
    "mười bốn",
    "mười lăm",
    "mười sáu",
    "mười bảy",
    "mười tám",
    "mười chín",
    "hai mươi",
]
NUMBER_WORDS = [
    "một",
    "hai",
    "ba",
    "bốn",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mười một",
    "mười hai",
    "mười ba",
    "mười bốn",
    "mười lăm",
]
_ORD_ALT = "|".join(sorted(map(re.escape, ORDINALS), key=len, reverse=True))
_NUMW_ALT = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("dieu", re.compile(r"^(?P<label>Điều\s+\d{1,3}[a-z]?)\s*[.:]\s*")),
    ("roman", re.compile(r"^(?P<label>[IVX]{1,5}\s*[.\-–])\s+(?=\S)")),
    ("arabic3", re.compile(r"^(?P<label>\d{1,2}\.\d{1,2}\.\d{1,2}\.?)\s+(?=\S)")),
    ("arabic2", re.compile(r"^(?P<label>\d{1,2}\.\d{1,2}\.?)\s+(?=[^\d\s])")),
    ("arabic", re.compile(r"^(?P<label>\d{1,2}[.)/])(?!\d)\s*(?=[^\W\d_]|\()")),
    ("letter", re.compile(r"^(?P<label>[a-zđ]\))\s*(?=\S)")),
    ("paren", re.compile(r"^(?P<label>\(\d{1,2}\))\s*(?=\S)")),
    ("dash", re.compile(r"^(?P<label>-)\s*(?=[^\W\d_]|\(|\d)")),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?=\S)")),
    ("bullet", re.compile(r"^(?P<label>[•·▪●○◦*])\s*(?=\S)")),
    ("ordinal", re.compile(rf"^(?P<label>Thứ\s+(?P<ord>{_ORD_ALT}))\s*[,:.]\s*(?=\S)")),
    ("ordinal", re.compile(rf"^(?P<label>(?P<num>{_NUMW_ALT})(?:\s+là)?)\s*[,:]\s*(?=\S)", re.IGNORECASE)),
]
_WEEKDAY_AFTER = re.compile(r"^\s*(?:ngày\s*)?\d{1,2}\s*[/-]\s*\d{1,2}|^\s*ngày\s+\d")
# A paragraph that speaks to the whole document again: closing instructions and formulas.
_ENDS_LIST = re.compile(
    r"^(?:Yêu cầu|Đề nghị|Kính đề nghị|Giao|Trên đây|Nhận được|Trong quá trình (?:triển khai|thực hiện|tổ chức)|"
    r"Quá trình (?:triển khai|thực hiện)|Văn phòng [^,.]{0,60} thông báo|Căn cứ (?:nội dung|Thông báo|Kế hoạch) này|"
    r"Yêu cầu các|Đề nghị các|[^,.]{0,60}\b(?:yêu cầu|đề nghị)\s+(?:Thủ trưởng|Giám đốc|Trưởng|Chủ tịch|các)\b[^.]{0,200}"
    r"(?:nghiêm túc|thực hiện)[^.]{0,60}(?:này|nêu trên))"
)
_INLINE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=:))\((?P<n>\d{1,2})\)\s*")


@dataclass
class _Open:
    kind: str
    item: Item
    ordinal: int = 0
    children_kinds: list[str] = field(default_factory=list)


def find_items(text: str, start: int = 0, end: int | None = None) -> list[Item]:
    """Items inside text[start:end], with spans into the whole text."""
    end = len(text) if end is None else end
    roots: list[Item] = []
    stack: list[_Open] = []
    last_ordinal = 0
    pos = start
    for raw_line in text[start:end].split("\n"):
        line_start, line_end = pos, pos + len(raw_line)
        pos = line_end + 1
        line = raw_line.strip()
        if not line:
            continue
        lead = len(raw_line) - len(raw_line.lstrip())
        marker = _marker(line, last_ordinal)
        if marker is None:
            if stack and _ENDS_LIST.match(line):
                stack.clear()  # the closing instruction after the last item is not part of it
            if stack:  # continuation paragraph
                _extend(stack, line_end)
            continue
        kind, match, ordinal = marker
        if kind == "ordinal":
            last_ordinal = ordinal
        label = match["label"]
        body_start = line_start + lead + match.end()
        item = Item(label=_clean_label(label), text=line[match.end() :], span=(line_start + lead, line_end))
        kinds = [o.kind for o in stack]
        if kind in kinds:
            del stack[kinds.index(kind) :]
        if stack:
            stack[-1].item.children.append(item)
        else:
            roots.append(item)
        _extend(stack, line_end)
        stack.append(_Open(kind=kind, item=item, ordinal=ordinal))
        _inline_children(text, item, body_start, line_end)
    return roots


def _marker(line: str, last_ordinal: int) -> tuple[str, re.Match[str], int] | None:
    for kind, pattern in _MARKERS:
        match = pattern.match(line)
        if not match:
            continue
        if kind == "ordinal":
            rank = _ordinal_rank(match)
            rest = line[match.end() :]
            if _WEEKDAY_AFTER.match(rest) or rank is None:
                return None  # "Thứ hai, 11/03/2024 16:57" is a date line
            # an ordinal list starts at one and goes on in sequence
            if rank != 1 and rank != last_ordinal + 1:
                return None
            return kind, match, rank
        return kind, match, 0
    return None


def _ordinal_rank(match: re.Match[str]) -> int | None:
    if match.groupdict().get("ord"):
        return ORDINALS.index(match["ord"]) + 1
    word = match["num"].lower()
    label = match["label"].lower()
    if not label.endswith("là") and word not in ("mười một", "mười hai", "mười ba", "mười bốn", "mười lăm"):
        return None  # "Hai, …" alone is too common in prose; "Hai là," is the Party form
    return NUMBER_WORDS.index(word) + 1


def _clean_label(label: str) -> str:
    label = re.sub(r"\s+", " ", label.strip())
    return re.sub(r"\s+là$", " là", label)


def _extend(stack: list[_Open], end: int) -> None:
    for open_item in stack:
        open_item.item.span = (open_item.item.span[0], max(open_item.item.span[1], end))


def _inline_children(text: str, item: Item, start: int, end: int) -> None:
    """ "… như sau: (1) hoàn thành …; (2) chủ động …" gives children (1), (2) when numbered in order."""
    segment = text[start:end]
    found = list(_INLINE.finditer(segment))
    numbers = [int(m["n"]) for m in found]
    if len(found) < 2 or numbers != list(range(1, len(found) + 1)):
        return
    item.text = segment[: found[0].start()].rstrip(" :;,")
    for k, match in enumerate(found):
        child_end = found[k + 1].start() if k + 1 < len(found) else len(segment)
        child_text = segment[match.end() : child_end].rstrip(" ;,")
        item.children.append(
            Item(label=f"({match['n']})", text=child_text, span=(start + match.start(), start + child_end))
        )
