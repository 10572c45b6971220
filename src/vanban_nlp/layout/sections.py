"""Sectioning of a normalized document (NĐ 30/2020 layout, HD 36 for Party documents).

Finds, as line spans: the heading block (cơ quan, Quốc hiệu, số/ký hiệu, địa danh + ngày), the tên
loại + trích yếu (or `V/v`), Kính gửi (or the addressees after "… điện:" in a công điện), the
body, the signature block and Nơi nhận. Reading order varies (PDF columns, OCR interleaving two
columns on one line), so each part is found by its own pattern rather than by position alone.
A text with none of the heading parts is a news article (`kind: article`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from ..lexicon import doc_types
from ..text.normalize import RULE_LINE


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Layout:
    kind: str
    lines: list[Line]
    heading_end: int = 0  # index of the first line after the heading block
    issuer_lines: list[Line] = field(default_factory=list)
    number_line: Line | None = None
    place_date_line: Line | None = None
    title_line: Line | None = None
    subject_lines: list[Line] = field(default_factory=list)
    addressee_lines: list[Line] = field(default_factory=list)
    recipient_lines: list[Line] = field(default_factory=list)
    signer_lines: list[Line] = field(default_factory=list)
    signer_fragments: list[Line] = field(default_factory=list)  # signer text OCR put on Nơi nhận lines
    body_start: int = 0  # character offsets into the text
    body_end: int = 0


_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Upper case without diacritics, for OCR-tolerant matching of fixed formulas.
    Each letter of NFC text stays one letter, so positions in the folded text are positions in the text."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return _COMBINING_MARKS.sub("", decomposed).upper()


def _noisy(*phrases: str) -> re.Pattern[str]:
    """A fixed formula matched on folded text, tolerating OCR noise between its letters."""
    alternatives = []
    for phrase in phrases:
        letters = phrase.replace(" ", "")
        alternatives.append(r"[\W_]{0,3}".join(re.escape(c) for c in letters))
    return re.compile("|".join(alternatives))


QUOC_HIEU = _noisy("CONG HOA XA HOI CHU NGHIA", "XA HOI CHU NGHIA VIET", "DANG CONG SAN VIET NAM")
TIEU_NGU = _noisy("DOC LAP TU DO", "TU DO HANH PHUC")
NUMBER_LINE = re.compile(
    r"^\W{0,3}S[ốô]\s*:?\s*(?=[\d.…_ ]*\s?[/-])|(?:^|\s)(?:S[ốôoóồộỐÔO]|sé|sô)\s*:\s*(?=[\d.…_ /-]|[^\s/]{1,6}\s?[/-])"
    r"|^\S{1,3}\s?:\s*(?=\d{1,5}\s?/\s?[A-ZĐ])",  # OCR: "$6:990/TB-TCT"
    re.IGNORECASE,
)
PLACE_DATE = re.compile(r",\s*ng[àaá]y\b|,\s*ngay\d", re.IGNORECASE)
VV_LINE = re.compile(r"^\W{0,3}(?:V/v|V/V|v/v|Về việc)\b\s*:?", re.IGNORECASE)
KINH_GUI = re.compile(r"(?:^|\s)(?:Đồng\s+)?[Kk]ính\s*gửi\s*:?", re.IGNORECASE)
DIEN_LINE = re.compile(r"\bđiện\s*:\s*$", re.IGNORECASE)
NOI_NHAN = re.compile(r"^\W{0,2}N[ơo]i\s*nh[ậa]n\s*:?", re.IGNORECASE)
DASH_ITEM = re.compile(r"^\s*[-+•·*~]\s*")  # "~" is how OCR often reads a dash
AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L|TUQ)[./]?\s+\S", re.UNICODE)
SIGNER_TITLE_WORDS = (
    "GIÁM ĐỐC",
    "CHỦ TỊCH",
    "TRƯỞNG",
    "THỦ TƯỚNG",
    "BÍ THƯ",
    "CHÁNH",
    "CHỦ NHIỆM",
    "TỔNG",
    "HIỆU",
    "ỦY VIÊN",
    "CHỈ HUY",
    "TƯ LỆNH",
    "CHÍNH ỦY",
    "PHÓ",
    "KẾ TOÁN",
    "CHỦ TỌA",
    "THƯ KÝ",
    "TM.",
    "KT.",
    "TL.",
)
ARTICLE_TAIL = re.compile(
    r"^(?:TIN LIÊN QUAN|Tin liên quan|Ý kiến bình luận|Ý KIẾN BẠN ĐỌC|ĐƯỜNG DÂY NÓNG|Thống kê truy cập|"
    r"Bản quyền|Các tin khác|CÁC TIN KHÁC|Tin cùng chuyên mục|TIN CÙNG CHUYÊN MỤC|Gửi bình luận|"
    r"BÌNH LUẬN|Bình luận|Chia sẻ bài viết|Từ khóa|Tags?:|Tin mới|TIN MỚI|Xem thêm)\b"
)
BODY_START = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo|Xét|Trả lời|Ngày|Nhằm|Để|Trong|Qua|Trên cơ sở|Thời gian qua)\b"
)


def _type_titles() -> dict[str, str]:
    words = doc_types()["type_words"]
    titles = {w.upper(): name for w, name in words.items() if name}
    titles["THÔNG BÁO KẾT LUẬN"] = "Thông báo"
    return titles


TYPE_TITLES = _type_titles()
# matched on folded text (fold keeps the length of NFC text), so "THONG BAO" from OCR counts too
FOLDED_TITLES = {fold(title): name for title, name in TYPE_TITLES.items()}
TITLE_LINE = re.compile(
    r"^(?P<title>"
    + "|".join(sorted((re.escape(t) for t in FOLDED_TITLES), key=len, reverse=True))
    + r")\b\s*[:.]?",
)


def match_title(text: str) -> re.Match[str] | None:
    """The tên loại at the start of an upper-case line ("CHỈ THỊ", "KẾ HOẠCH …")."""
    return TITLE_LINE.match(fold(text))


def _line_index(lines: list[Line], line: Line) -> int:
    """Index of the line holding `line.start` (parts cut from a line map to that line)."""
    starts = [l.start for l in lines]
    return max(0, bisect_right(starts, line.start) - 1)


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def is_upper_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(1 for c in letters if c.isupper()) >= 0.8 * len(letters)


def analyze_layout(text: str) -> Layout:
    lines = split_lines(text)
    layout = Layout(kind="unknown", lines=lines, body_end=len(text))
    head_limit = min(len(lines), 40)
    quoc_hieu = None
    for i in range(head_limit):
        line = lines[i]
        folded = fold(line.text)
        if quoc_hieu is None and QUOC_HIEU.search(folded):
            quoc_hieu = i
        if layout.number_line is None and NUMBER_LINE.search(line.text) and "/" in line.text and i < 25:
            if not KINH_GUI.search(line.text) and len(line.text) < 160:
                layout.number_line = line
        if (
            layout.place_date_line is None
            and PLACE_DATE.search(line.text)
            and re.search(r"th[áa]ng", line.text)
        ):
            if len(line.text) < 160:
                layout.place_date_line = line
    addressee_index = _find_addressees(layout, lines)
    recipients_index = _find_recipients(layout, lines)
    first_lines = [i for i, l in enumerate(lines[:40]) if l.text.strip()][:4]
    opens_as_letter = any(
        KINH_GUI.match(lines[i].text.strip())
        or (match_title(lines[i].text.strip()) and is_upper_text(lines[i].text))
        for i in first_lines
    )  # a copy whose heading was cut off still opens with "Kính gửi:" or its tên loại
    is_letter = (
        quoc_hieu is not None
        or layout.number_line is not None
        or opens_as_letter
        or (addressee_index is not None and recipients_index is not None)
    )
    if not is_letter:
        layout.kind = "article"
        layout.number_line = None
        layout.place_date_line = None
        layout.addressee_lines = []
        layout.recipient_lines = []
        layout.body_start = 0
        layout.body_end = _article_end(lines, len(text))
        return layout
    layout.kind = "letter"
    _find_issuer_lines(layout, lines, quoc_hieu)
    title_end = _find_title_and_subject(layout, lines)
    _find_signer(layout, lines, recipients_index)
    heading_parts = [l for l in (layout.number_line, layout.place_date_line, layout.title_line) if l]
    heading_parts += layout.subject_lines + layout.issuer_lines
    head_end_index = max([_line_index(lines, l) for l in heading_parts] + [title_end, quoc_hieu or 0])
    if layout.addressee_lines:
        head_end_index = max(head_end_index, _line_index(lines, layout.addressee_lines[-1]))
    layout.heading_end = head_end_index + 1
    layout.body_start = lines[head_end_index].end + 1 if head_end_index + 1 < len(lines) else len(text)
    ends = [len(text)]
    if recipients_index is not None:
        ends.append(lines[recipients_index].start)
    if layout.signer_lines:
        ends.append(layout.signer_lines[0].start)
    layout.body_end = max(layout.body_start, min(ends))
    return layout


def _find_issuer_lines(layout: Layout, lines: list[Line], quoc_hieu: int | None) -> None:
    stop = (
        _line_index(lines, layout.number_line)
        if layout.number_line
        else (quoc_hieu if quoc_hieu is not None else 0)
    )
    out = []
    for line in lines[:stop]:
        text = line.text.strip()
        if not text or RULE_LINE.match(text):
            continue
        folded = fold(text)
        cut = QUOC_HIEU.search(folded) or TIEU_NGU.search(folded)
        if cut:
            # OCR puts both columns on one line: keep the left (issuer) part
            left = text[: cut.start()].strip()
            if len(left) > 3 and is_upper_text(left):
                offset = line.text.index(left)
                out.append(Line(line.start + offset, line.start + offset + len(left), left))
            continue
        if is_upper_text(text):
            out.append(line)
    layout.issuer_lines = out


def _find_title_and_subject(layout: Layout, lines: list[Line]) -> int:
    """Tên loại line + trích yếu lines, or the V/v lines of a công văn. Returns the last index used."""
    last = 0
    start = 0
    for i, line in enumerate(lines[:60]):
        text = line.text.strip()
        if VV_LINE.match(text) and i < 30 and not layout.subject_lines:
            layout.subject_lines = _subject_from(lines, i)
            last = max(last, _line_index(lines, layout.subject_lines[-1]))
            continue
        match = match_title(text)
        if match and layout.title_line is None and i < 40 and _is_title(text, match):
            layout.title_line = line
            start = i
            rest = text[match.end() :].strip()
            if rest and not rest.startswith("số"):
                layout.subject_lines = [Line(line.start + text.index(rest), line.end, rest)]
                last = i
            else:
                layout.subject_lines = _subject_from(lines, i + 1)
                last = _line_index(lines, layout.subject_lines[-1]) if layout.subject_lines else i
            break
    return max(last, start)


def _is_title(text: str, match: re.Match[str]) -> bool:
    """An upper-case tên loại line ("CHỈ THỊ", "KẾ HOẠCH tổ chức…"), not body text in capitals."""
    return is_upper_text(text[: match.end("title")]) and len(text) < 200 and not text.endswith((",", ";"))


def _subject_from(lines: list[Line], index: int) -> list[Line]:
    out: list[Line] = []
    for line in lines[index : index + 6]:
        text = line.text.strip()
        if not text:
            if out:
                break
            continue
        if RULE_LINE.match(text) or KINH_GUI.search(text) or NOI_NHAN.match(text) or DIEN_LINE.search(text):
            break
        if out and (
            BODY_START.match(text)
            or PLACE_DATE.search(text)
            or NUMBER_LINE.match(text)
            or QUOC_HIEU.search(fold(text))
        ):
            break
        if out and len(text) > 250:
            break
        out.append(line)
        if text.endswith("."):
            break
    return out


def _find_addressees(layout: Layout, lines: list[Line]) -> int | None:
    """Lines after "Kính gửi:" (same line, or a dash list) or after "THỦ TƯỚNG CHÍNH PHỦ điện:"."""
    for i in range(min(len(lines), 60)):
        text = lines[i].text
        match = KINH_GUI.search(text)
        dien = DIEN_LINE.search(text)
        if dien and not is_upper_text(text[: dien.start()]):
            dien = None
        if not match and not dien:
            continue
        out: list[Line] = []
        if match:
            rest = text[match.end() :].strip()
            if rest.strip("-:. "):
                offset = text.index(rest, match.end())
                out.append(Line(lines[i].start + offset, lines[i].end, rest))
        for line in lines[i + 1 : i + 40]:
            if not line.text.strip():
                continue
            # OCR may put a column of junk before the dash: "BENGE Ca... - Bộ Tài chính;"
            dash = DASH_ITEM.match(line.text)
            if dash is None and not (match and text[match.end() :].strip()):
                junk_then_dash = re.search(r"\s[-+•]\s+(?=\S)", line.text)
                if junk_then_dash and len(line.text) < 120 and line.text.rstrip().endswith((";", ".")):
                    dash = junk_then_dash
            if dash is None:
                break
            out.append(Line(line.start + dash.start(), line.end, line.text[dash.start() :]))
        layout.addressee_lines = out
        return i
    return None


# OCR of a two-column footer: "- Như trên; PHÓ CỤC TRƯỞNG" (Nơi nhận | chữ ký on one line)
_SIGNER_TAIL = re.compile(
    r"(?:(?<=[;:,.])|(?<=^))\s+(?P<tail>(?:(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)[./]?\s+)?"
    r"(?:[A-ZĐ][A-ZĐÀ-Ỹ]*\s*){1,6})$"
)


def _split_signer_tail(layout: Layout, line: Line) -> Line:
    """Move an upper-case signer fragment at the end of a Nơi nhận line to the signer candidates."""
    match = _SIGNER_TAIL.search(line.text)
    if match and _has_title_word(match["tail"]) and is_upper_text(match["tail"]):
        start = line.start + match.start("tail")
        layout.signer_fragments.append(Line(start, line.end, match["tail"].strip()))
        return Line(line.start, line.start + match.start(), line.text[: match.start()])
    return line


def _find_recipients(layout: Layout, lines: list[Line]) -> int | None:
    for i in range(len(lines) - 1, max(-1, len(lines) - 80), -1):
        if NOI_NHAN.match(lines[i].text.strip()):
            out = []
            label = NOI_NHAN.match(lines[i].text)
            rest_line = Line(lines[i].start + label.end(), lines[i].end, lines[i].text[label.end() :])
            rest_line = _split_signer_tail(
                layout, Line(rest_line.start, rest_line.end, " " + rest_line.text.strip())
            )
            if rest_line.text.strip().startswith("-"):
                out.append(
                    Line(lines[i].end - len(rest_line.text.strip()), lines[i].end, rest_line.text.strip())
                )
            for line in lines[i + 1 :]:
                stripped = line.text.strip()
                if not stripped:
                    continue
                if DASH_ITEM.match(stripped):
                    out.append(_split_signer_tail(layout, line))
                    continue
                if (
                    out
                    and not out[-1].text.rstrip().endswith((";", "."))
                    and not is_upper_text(stripped)
                    and not _is_person_name(stripped)
                ):
                    out.append(line)  # a recipient wrapped onto the next line
                    continue
                break
            layout.recipient_lines = out
            return i
    return None


def _find_signer(layout: Layout, lines: list[Line], recipients_index: int | None) -> None:
    """Authority (TM./KT./TL./TUQ./Q.), title and name: the last such block in the document."""
    recipient_set = {id(l) for l in layout.recipient_lines}
    start = max(0, len(lines) - 40)
    candidates = [l for l in lines[start:] if id(l) not in recipient_set]
    for pos in range(len(candidates) - 1, -1, -1):
        line = candidates[pos]
        text = line.text.strip()
        if not _is_person_name(text):
            continue
        block: list[Line] = []
        for j in range(pos - 1, max(-1, pos - 7), -1):
            prev = candidates[j]
            prev_text = prev.text.strip()
            if not prev_text or re.fullmatch(
                r"\(?\s*(?:Đã ký|đã ký|Ký|ký, đóng dấu|Đã ký và đóng dấu)\s*\)?", prev_text
            ):
                continue
            if AUTHORITY.match(prev_text) or (is_upper_text(prev_text) and _has_title_word(prev_text)):
                block.insert(0, prev)
                continue
            break
        if block:
            layout.signer_lines = block + [line]
            return
        if layout.signer_fragments and line.start > layout.signer_fragments[-1].start:
            layout.signer_lines = layout.signer_fragments + [line]
            return
    if layout.signer_fragments:
        layout.signer_lines = list(layout.signer_fragments)  # title known, name not in the text (OCR)


_FOLDED_TITLE_WORDS = tuple(fold(w) for w in SIGNER_TITLE_WORDS)


def _has_title_word(text: str) -> bool:
    """A signer's title word, also when OCR lost or changed its diacritics (PHO TONG CUC TRƯỜNG)."""
    folded = fold(text)
    return len(text) < 80 and any(w in folded for w in _FOLDED_TITLE_WORDS)


def _is_person_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or any(c.isdigit() for c in text):
        return False
    return all(
        w[0].isupper() and (len(w) == 1 or not w.isupper() or len(w) <= 2) for w in words
    ) and not text.endswith((":", ";", ",", "."))


def _article_end(lines: list[Line], default: int) -> int:
    for line in lines:
        if ARTICLE_TAIL.match(line.text.strip()):
            return line.start
    return default
