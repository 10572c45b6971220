"""Sectioning of a normalized document (NĐ 30/2020 layout, HD 36 for Party documents).

Finds, as line spans: the heading block (cơ quan, Quốc hiệu, số/ký hiệu, địa danh + ngày), the tên
loại + trích yếu (or `V/v`), Kính gửi (or the addressees after "… điện:" in a công điện), the
body, the signature block, Nơi nhận, and what is attached after them (phụ lục, mẫu). Reading
order varies (PDF columns, OCR interleaving two columns on one line), so each part is found by
its own pattern rather than by position alone, and fixed formulas are matched on folded text
(no diacritics), as OCR often loses them. A text with none of the heading parts is a news
article (`kind: article`).

Each finder returns what it found; `analyze_layout` assembles the Layout once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from .. import lexicon
from ..lexicon import doc_types
from ..model import Kind
from ..text.chars import fold, is_upper_line, is_upper_text
from ..text.normalize import RULE_LINE

__all__ = [
    "FOLDED_TITLES", "Layout", "Line", "NUMBER_LINE", "VV_LINE", "analyze_layout", "place_date",
    "fold", "has_title_word", "is_upper_text", "match_title", "split_lines", "SIGNER_AUTHORITY",
]  # fmt: skip


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass
class Layout:
    kind: Kind
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
    body_start: int = 0  # character offsets into the text
    body_end: int = 0
    appendix_start: int | None = None  # where attached texts (phụ lục, mẫu) begin, after Nơi nhận
    # the Nơi nhận blocks of attached texts (a copy of an agreement ends with its own), (start, end)
    appendix_recipients: list[tuple[int, int]] = field(default_factory=list)


def _noisy(words: lexicon.WordList) -> re.Pattern[str]:
    """Fixed formulas matched on folded text, tolerating OCR noise between their letters."""
    alternatives = []
    for phrase in words:
        letters = phrase.replace(" ", "")
        alternatives.append(r"[\W_]{0,3}".join(re.escape(c) for c in letters))
    return re.compile("|".join(alternatives))


QUOC_HIEU = _noisy(lexicon.words("quoc_hieu"))
TIEU_NGU = _noisy(lexicon.words("tieu_ngu"))
NUMBER_LINE = re.compile(
    r"^\W{0,3}S[ốô]\s*:?\s*(?=[\d.…_ ]*\s?[/-])"
    r"|(?:^|\s)(?:S[ốôoóồộỐÔO]|sé|sô)\s*:\s*(?=[\d.…_ /-]|[^\s/]{1,6}\s?[/-])"
    r"|^\S{1,3}\s?:[\s.]*(?=\d{1,5}\s?/\s?[A-ZĐ])",  # OCR: "$6:990/TB-TCT", "8é:.2953 /TCT"
    re.IGNORECASE,
)
# ", ngày … tháng … năm …" after the địa danh, on folded text: OCR's "ngdy,", "ngàyä4", ". ngày",
# "ngayl4thing", "ngàu:" count, so the place before it is found
_PLACE_DATE = re.compile(r"(?<=[^\W\d_])\s*[,.]\s*NG[A-Z]{0,3}(?=[^A-Z]|[A-Z]*\s*TH)")
_DATE_WORDS = re.compile(r"TH[A-Z]?NG|HANG|NAM\s*\d|\d{4}")


def place_date(text: str) -> re.Match[str] | None:
    """The ", ngày" that ends the địa danh of a heading line ("Hà Nội, ngày 09 tháng 11 năm 2023"),
    positions as in the text; None when the line has no date words after it."""
    folded = fold(text)
    for match in _PLACE_DATE.finditer(folded):
        if _DATE_WORDS.search(folded, match.end()):
            return match
    return None


# matched on folded text: "V/v", "V/V", "Về việc", and OCR's "Vw", "VW", "V/ "
VV_LINE = re.compile(r"^\W{0,3}(?:V\s?/\s?V\b|VW\b|VIV\b|V/(?=\s)|VE VIEC\b)\s*:?")
_KINH_GUI = re.compile(r"(?:^|\s)(?:DONG\s+)?KINH\s*GUI\s*:?")  # on folded text: "Kính gui:" too
DIEN_LINE = re.compile(r"\bđiện\s*:\s*$", re.IGNORECASE)
_NOI_NHAN = re.compile(r"^\W{0,2}N[OE]I\s*NHAN\b\s*:?")  # on folded text: "Noi nhận", "Nơi nhân"
DASH_ITEM = re.compile(r"^\s*[-+•·*~_¬]\s*")  # OCR reads a dash as "~", "_" or "¬"
# the last entry of Nơi nhận, on folded text: "Lưu: VT, TH." ("Luu", "LƯU", "kưu"; "ú: VT" when OCR
# lost the word but kept the Văn thư code)
ARCHIVE_LINE = re.compile(
    r"^(?:L\W?U\W?U\b|LUU\b|\w{1,4}\s*:\s*(?=V\.?T\b|VAN THU\b))\s*:?\s*", re.IGNORECASE
)

SIGNER_AUTHORITY = re.compile(
    r"^" + lexicon.words("signer_authorities").alternation(upper=True) + r"[./]?\s+\S", re.UNICODE
)
_SIGNATURE_MARK = re.compile(
    r"^\(?\s*" + lexicon.words("signature_marks").alternation() + r"\s*\)?$", re.IGNORECASE
)
_FOLDED_TITLE_WORDS = tuple(fold(w) for w in lexicon.words("signer_titles"))
ARTICLE_TAIL = re.compile(r"^" + lexicon.words("article_tail").alternation() + r"\b")
BODY_START = re.compile(r"^" + lexicon.words("body_openers").alternation() + r"\b")
# "Như trên" stands for the Kính gửi list, "Như Điều 3" for the bodies named in that article: each
# is a whole recipient; whatever follows on its line is the signature column read across
_AS_ABOVE = re.compile(
    r"^(?:Như|Nhu|Nhw)\s*(?:trên|trén|tren|kính gửi|Điều\s+\d+|Khoản\s+\d+)", re.IGNORECASE
)


def _type_titles() -> dict[str, str]:
    words = doc_types()["type_words"]
    titles = {w.upper(): name for w, name in words.items() if name}
    titles["THÔNG BÁO KẾT LUẬN"] = "Thông báo"
    return titles


TYPE_TITLES = _type_titles()
# matched on folded text (fold keeps the length of NFC text), so "THONG BAO" from OCR counts too
FOLDED_TITLES = {fold(title): name for title, name in TYPE_TITLES.items()}
_TITLES = "|".join(sorted((re.escape(t) for t in FOLDED_TITLES), key=len, reverse=True))
TITLE_LINE = re.compile(rf"^(?P<title>{_TITLES})\b\s*[:.]?")


def match_title(text: str) -> re.Match[str] | None:
    """The tên loại at the start of an upper-case line ("CHỈ THỊ", "KẾ HOẠCH …")."""
    return TITLE_LINE.match(fold(text))


def has_title_word(text: str) -> bool:
    """A signer's title word, also when OCR lost or changed its diacritics (PHO TONG CUC TRƯỜNG)."""
    folded = fold(text)
    return len(text) < 80 and any(w in folded for w in _FOLDED_TITLE_WORDS)


def kinh_gui(text: str) -> re.Match[str] | None:
    """ "Kính gửi:" in a line (folded, so "Kính gui" counts), positions as in the line."""
    return _KINH_GUI.search(fold(text))


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def _line_index(lines: list[Line], line: Line) -> int:
    """Index of the line holding `line.start` (parts cut from a line map to that line)."""
    starts = [l.start for l in lines]
    return max(0, bisect_right(starts, line.start) - 1)


@dataclass
class _Heading:
    quoc_hieu: int | None = None
    number_line: Line | None = None
    place_date_line: Line | None = None


def _find_heading(lines: list[Line]) -> _Heading:
    found = _Heading()
    for i, line in enumerate(lines[:40]):
        if found.quoc_hieu is None and QUOC_HIEU.search(fold(line.text)):
            found.quoc_hieu = i
        if found.number_line is None and i < 25 and "/" in line.text and NUMBER_LINE.search(line.text):
            if not kinh_gui(line.text) and len(line.text) < 160:
                found.number_line = line
        if found.place_date_line is None and place_date(line.text):
            if len(line.text) < 160:
                found.place_date_line = line
    return found


def analyze_layout(text: str) -> Layout:
    lines = split_lines(text)
    layout = Layout(kind="unknown", lines=lines, body_end=len(text))
    heading = _find_heading(lines)
    addressee_index, layout.addressee_lines = _find_addressees(lines)
    recipients = _find_recipients(lines)
    first_lines = [i for i, l in enumerate(lines[:40]) if l.text.strip()][:4]
    opens_as_letter = any(
        kinh_gui(lines[i].text.strip()[:12])
        or (match_title(lines[i].text.strip()) and is_upper_text(lines[i].text))
        for i in first_lines
    )  # a copy whose heading was cut off still opens with "Kính gửi:" or its tên loại
    is_letter = (
        heading.quoc_hieu is not None
        or heading.number_line is not None
        or opens_as_letter
        or (addressee_index is not None and recipients is not None)
    )
    if not is_letter:
        return Layout(kind="article", lines=lines, body_end=_article_end(lines, len(text)))
    layout.kind = "letter"
    layout.number_line, layout.place_date_line = heading.number_line, heading.place_date_line
    layout.issuer_lines = _find_issuer_lines(lines, heading)
    layout.title_line, layout.subject_lines, title_end = _find_title_and_subject(lines)
    if recipients is not None:
        layout.recipient_lines = recipients.lines
    layout.signer_lines = _find_signer(lines, recipients)
    heading_parts = [l for l in (layout.number_line, layout.place_date_line, layout.title_line) if l]
    heading_parts += layout.subject_lines + layout.issuer_lines
    head_end_index = max([_line_index(lines, l) for l in heading_parts] + [title_end, heading.quoc_hieu or 0])
    if layout.addressee_lines:
        head_end_index = max(head_end_index, _line_index(lines, layout.addressee_lines[-1]))
    layout.heading_end = head_end_index + 1
    layout.body_start = lines[head_end_index].end + 1 if head_end_index + 1 < len(lines) else len(text)
    ends = [len(text)]
    if recipients is not None and recipients.index > head_end_index:
        ends.append(lines[recipients.index].start)
    signer_start = [l.start for l in layout.signer_lines if l.start > layout.body_start]
    if signer_start:
        ends.append(min(signer_start))
    layout.body_end = max(layout.body_start, min(ends))
    layout.appendix_start = _appendix_start(lines, layout, recipients)
    if layout.appendix_start is not None:
        layout.appendix_recipients = _later_recipient_blocks(lines, layout.appendix_start)
    return layout


def _find_issuer_lines(lines: list[Line], heading: _Heading) -> list[Line]:
    """The cơ quan ban hành block, above the số line (or the địa danh line, or beside the Quốc hiệu
    and Tiêu ngữ when OCR put both columns on the same lines)."""
    if heading.number_line is not None:
        stop = _line_index(lines, heading.number_line)
    elif heading.place_date_line is not None:
        stop = _line_index(lines, heading.place_date_line)
    else:
        stop = heading.quoc_hieu + 2 if heading.quoc_hieu is not None else 0
    out = []
    for index, line in enumerate(lines[: stop + 1]):
        text = line.text.strip()
        if not text or RULE_LINE.match(text):
            continue
        folded = fold(text)
        cut = QUOC_HIEU.search(folded) or TIEU_NGU.search(folded)
        if index == stop and (cut is None or stop == 0):
            break  # the số or địa danh line itself, unless the issuer's last line shares it with the motto
        if cut:
            # OCR puts both columns on one line: keep the left (issuer) part, its upper-case words
            left = _upper_prefix(text[: cut.start()])
            offset = line.text.find(left)  # the prefix rejoins words with single spaces: it may not be there
            if len(left) > 3 and is_upper_text(left) and offset >= 0:
                out.append(Line(line.start + offset, line.start + offset + len(left), left))
            continue
        if is_upper_text(text):
            out.append(line)
            continue
        left = _upper_prefix(text)  # "VIET NAM Độc lập - Ty do": the motto misread, the name kept
        offset = line.text.find(left)
        if len(left) > 3 and len(left.split()) >= 2 and offset >= 0:
            out.append(Line(line.start + offset, line.start + offset + len(left), left))
    return out


def _upper_prefix(text: str) -> str:
    """The leading upper-case words ("TONG CUC THUE" of "TONG CUC THUE Doc lọc", the right column's
    Tiêu ngữ that OCR misread)."""
    words = []
    for word in text.split():
        letters = [c for c in word if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) < 0.6 * len(letters):
            break  # "Độc" starts the motto; OCR's "CHi" in "HO CHi MINH" is still upper case
        words.append(word)
    return " ".join(words).strip()


def _find_title_and_subject(lines: list[Line]) -> tuple[Line | None, list[Line], int]:
    """Tên loại line + trích yếu lines, or the V/v lines of a công văn, and the last index used."""
    subject: list[Line] = []
    last = 0
    for i, line in enumerate(lines[:60]):
        text = line.text.strip()
        if VV_LINE.match(fold(text)) and i < 30 and not subject:
            subject = _subject_from(lines, i)
            # a công văn has no tên loại: a title further down belongs to an attached draft
            return None, subject, max([last, i] + [_line_index(lines, l) for l in subject[-1:]])
        match = match_title(text)
        if match and i < 40 and _is_title(text, match):
            rest = text[match.end() :].strip()
            if rest and not rest.startswith("số"):
                return line, [Line(line.start + text.index(rest), line.end, rest)], i
            subject = _subject_from(lines, i + 1)
            return line, subject, max(_line_index(lines, subject[-1]) if subject else i, i)
        stamped = _title_after_stamp(line) if i < 40 else None
        if stamped is not None:  # "DEN i: : _¬ CHỈ THỊ": the received stamp OCR'd beside the title
            subject = _subject_from(lines, i + 1)
            return stamped, subject, max(_line_index(lines, subject[-1]) if subject else i, i)
    return None, subject, last


# a tên loại closing a line after a few marks of the received stamp ("ĐẾN", its number, specks)
_TITLE_AT_END = re.compile(rf"(?P<title>{_TITLES})\s*$")
# a mark of the stamp: no word of four letters or more in lower case
_STAMP_MARKS = re.compile(r"^(?:(?:[^\s]{0,3}|[^\sa-zà-ỹđ]+)\s+)*\S{0,3}\s*$")


def _title_after_stamp(line: Line) -> Line | None:
    text = line.text.rstrip()
    match = _TITLE_AT_END.search(fold(text))
    if match is None or match.start() == 0 or match.start() > 20:
        return None
    title = text[match.start() :]
    if not is_upper_text(title) or not _STAMP_MARKS.match(text[: match.start()]):
        return None
    start = line.start + match.start()
    return Line(start, start + len(title), title)


def _is_title(text: str, match: re.Match[str]) -> bool:
    """An upper-case tên loại line ("CHỈ THỊ", "KẾ HOẠCH tổ chức…"), not body text in capitals."""
    return is_upper_text(text[: match.end("title")]) and len(text) < 200 and not text.endswith((",", ";"))


def _subject_from(lines: list[Line], index: int) -> list[Line]:
    """The trích yếu from line `index`: up to five short lines of the left column, across the blank
    lines a PDF or OCR put between them ("V/v chính sách thuế TNCN đối" … "với khoản trợ cấp"),
    ending at Kính gửi, the body, a full stop, or an upper-case line (a received stamp, a signature)."""
    out: list[Line] = []
    blank = False
    for line in lines[index : index + 10]:
        text = line.text.strip()
        if not text:
            if out and (out[-1].text.rstrip().endswith((".", ":")) or len(out) >= 5):
                break
            blank = bool(out)
            continue
        folded = fold(text)
        if RULE_LINE.match(text) or kinh_gui(text) or _NOI_NHAN.match(folded) or DIEN_LINE.search(text):
            break
        if out and (
            BODY_START.match(text)
            or (place_date(text) and not _subject_before_place(text))
            or NUMBER_LINE.match(text)
            or QUOC_HIEU.search(folded)
            or (is_upper_line(text) and not is_upper_line(out[0].text))
            or (blank and len(text) > 80)
        ):
            break
        if out and (len(text) > 250 or _STAMP_LABEL.match(text)):
            break  # "Ngày: 04/03/2019", "N ic: …": the received stamp's fields under the trích yếu
        if not out and (junk := _STAMP_BEFORE_ABOUT.match(text)) is not None:
            line = Line(line.start + junk.end(), line.end, text[junk.end() :])  # "Ig-Q612/2G20 -| Về …"
        out.append(line)
        if text.endswith("."):
            break
    return out


_STAMP_LABEL = re.compile(r"^[^\s:]{1,7}(?:\s[^\s:]{1,7})?\s*:(?=\s|$)")
# the received stamp's number and date before a Chỉ thị's or Quyết định's "Về …" trích yếu
_STAMP_BEFORE_ABOUT = re.compile(r"^(?:\S*[\d|¬_~]\S*\s+){1,3}(?=Về\s)")


def _subject_before_place(text: str) -> bool:
    """ "Thủ tướng Chính phủ phê duyệt Hà Nội, ngày 07 tháng 3 năm 2019": OCR put the địa danh line
    beside the trích yếu's second line; the words in lower case before the place go on the subject."""
    cut = place_date(text)
    before = text[: cut.start()].split() if cut else []
    return sum(1 for word in before if word[:1].islower()) >= 2


_JUNK_THEN_DASH = re.compile(r"\s[-+•~]\s+(?=\S)")


def _find_addressees(lines: list[Line]) -> tuple[int | None, list[Line]]:
    """Lines after "Kính gửi:" (same line, or a dash list, or plain lines up to the body) or
    after "THỦ TƯỚNG CHÍNH PHỦ điện:"."""
    for i in range(min(len(lines), 60)):
        text = lines[i].text
        match = kinh_gui(text)
        dien = DIEN_LINE.search(text)
        if dien and not is_upper_text(text[: dien.start()]):
            dien = None
        if not match and not dien:
            continue
        out: list[Line] = []
        same_line = ""
        if match:
            same_line = text[match.end() :].strip()
            if same_line.strip("-:. "):
                offset = text.index(same_line, match.end())
                out.append(Line(lines[i].start + offset, lines[i].end, same_line))
        out += _addressee_list(lines, i + 1, plain_lines=match is not None and not same_line.strip("-:. "))
        return i, out
    return None, []


def _addressee_list(lines: list[Line], start: int, plain_lines: bool) -> list[Line]:
    """The dash list under "Kính gửi:"; when "Kính gửi:" stands alone, plain lines count too,
    up to the first line of the body ("Thực hiện …", "Phúc đáp …", a long paragraph)."""
    out: list[Line] = []
    for line in lines[start : start + 40]:
        text = line.text.strip()
        if not text:
            continue
        dash = DASH_ITEM.match(line.text)
        if dash is None:
            # OCR may put a column of junk before the dash: "Rad ¿xo - Cục Thuế doanh nghiệp lớn;"
            junk_then_dash = _JUNK_THEN_DASH.search(line.text)
            if (
                junk_then_dash
                and junk_then_dash.start() < 20
                and line.text[junk_then_dash.end() : junk_then_dash.end() + 1].isupper()
                and len(line.text) < 120
            ):
                dash = junk_then_dash
        if dash is not None:
            out.append(Line(line.start + dash.start(), line.end, line.text[dash.start() :]))
            continue
        continues_list = not out or out[-1].text.rstrip().endswith((";", ","))
        if (
            plain_lines
            and continues_list
            and len(text) < 120
            and text[:1].isupper()
            and not BODY_START.match(text)
        ):
            out.append(line)  # "Kính gửi:" alone, then "Cục Thuế tỉnh Bình Dương" on its own line
            continue
        break
    return out


@dataclass
class _Recipients:
    index: int  # the Nơi nhận line
    lines: list[Line]
    end: int  # index of the last line of the block
    signer_fragments: list[Line]  # signer text OCR put on Nơi nhận lines


# OCR of a two-column footer: "- Như trên; PHÓ CỤC TRƯỞNG" (Nơi nhận | chữ ký on one line)
_SIGNER_TAIL = re.compile(r"(?:(?<=[;:,.])|(?<=^))\s+(?P<tail>[^;:]{2,60})$")
_PAGE_BREAK = re.compile(r"^-{2,}\s*PAGE BREAK\s*-{2,}$", re.IGNORECASE)


def _split_signer_tail(line: Line) -> tuple[Line, Line | None]:
    """An upper-case signer fragment at the end of a Nơi nhận line, cut off."""
    match = _SIGNER_TAIL.search(line.text)
    if match and has_title_word(match["tail"]) and is_upper_text(match["tail"]):
        tail = match["tail"].lstrip(" .,;:-_~'\"")
        start = line.start + match.end("tail") - len(tail)
        fragment = Line(start, line.end, tail.strip())
        return Line(line.start, line.start + match.start(), line.text[: match.start()]), fragment
    return line, None


def _find_recipients(lines: list[Line]) -> _Recipients | None:
    """The document's own Nơi nhận: the first one followed by recipient lines (a Nơi nhận in a
    form attached further down belongs to the form)."""
    for i, line in enumerate(lines):
        label = _NOI_NHAN.match(fold(line.text.strip()))
        if not label:
            continue
        found = _recipient_block(lines, i)
        if found.lines:
            return found
    return None


def _recipient_block(lines: list[Line], index: int) -> _Recipients:
    line = lines[index]
    lead = len(line.text) - len(line.text.lstrip())
    label = _NOI_NHAN.match(fold(line.text.strip()))
    assert label is not None
    rest_start = line.start + lead + label.end()
    rest, fragment = _split_signer_tail(Line(rest_start, line.end, line.text[lead + label.end() :]))
    fragments = [fragment] if fragment else []
    out: list[Line] = []
    if rest.text.strip().startswith("-"):
        stripped = rest.text.strip()
        out.append(Line(rest.start + rest.text.index(stripped), rest.end, stripped))
    end = index
    for j in range(index + 1, min(len(lines), index + 60)):
        stripped = lines[j].text.strip()
        if not stripped:
            continue
        if _PAGE_BREAK.match(stripped):
            break
        if DASH_ITEM.match(stripped):
            entry, fragment = _split_signer_tail(lines[j])
            out.append(entry)
            fragments += [fragment] if fragment else []
            end = j
            continue
        if (
            out
            and not out[-1].text.rstrip().endswith((";", "."))
            and not _is_archive_entry(out[-1].text)
            and not SIGNER_AUTHORITY.match(stripped)
            and not (is_upper_text(stripped) and has_title_word(stripped))
            and not _is_person_name(stripped)
        ):  # the Lưu entry closes the list; "KT. BỘ TRƯỞNG…" opens the signature
            out.append(lines[j])  # a recipient wrapped onto the next line
            end = j
            continue
        break
    if not out:  # OCR lost every dash: the lines down to "Lưu: …" are the list
        out, end = _undashed_block(lines, index)
    return _Recipients(index=index, lines=out, end=end, signer_fragments=fragments)


def _is_archive_entry(text: str) -> bool:
    """ "- Lưu: VT, TH.", "; Luu VT": the Lưu entry, whatever mark OCR read for its dash."""
    return ARCHIVE_LINE.match(fold(text.strip().lstrip(" -+•·*~_¬;.,:'\""))) is not None


def _undashed_block(lines: list[Line], index: int) -> tuple[list[Line], int]:
    """ "Nơi nhận:" then "ú: DV, TCTT, PC,", "; Các cục: QLĐKKD," … "- Lưu: VT, QLKTTW.": up to twelve
    short lines that end at the Lưu line (the format's last entry) are recipients though their
    dashes were read as other marks."""
    taken: list[Line] = []
    for j in range(index + 1, min(len(lines), index + 24)):
        stripped = lines[j].text.strip()
        if not stripped:
            continue
        if _PAGE_BREAK.match(stripped) or len(stripped) > 100 or len(taken) >= 12:
            break
        if is_upper_text(stripped) and has_title_word(stripped) or _is_person_name(stripped):
            break
        taken.append(lines[j])
        if _is_archive_entry(stripped):
            return taken, j
    return [], index


def _find_signer(lines: list[Line], recipients: _Recipients | None) -> list[Line]:
    """Authority (TM./KT./TL./TUQ./Q.), title and name: near Nơi nhận when there is one (the two
    stand side by side), else the last such block in the document."""
    if recipients is not None:
        lo, hi = max(0, recipients.index - 14), min(len(lines), recipients.end + 16)
    else:
        lo, hi = max(0, len(lines) - 40), len(lines)
    recipient_starts = {l.start for l in recipients.lines} if recipients else set()
    candidates = [
        part
        for l in lines[lo:hi]
        if l.start not in recipient_starts
        and (recipients is None or l.start != lines[recipients.index].start)
        for part in _unglued(l)
    ]
    fragments = recipients.signer_fragments if recipients else []
    for pos in range(len(candidates) - 1, -1, -1):
        line = candidates[pos]
        name = _name_part(line)
        if name is None:
            continue
        block = _titles_above(candidates, pos)
        if block:
            # "TM. CHÍNH PHỦ" above, "THỦ TƯỚNG" read beside "Nơi nhận:": the title is that fragment
            later = [f for f in fragments if f.start > block[-1].start and f.start < line.start]
            return block + later + [name]
        if fragments and line.start > fragments[-1].start:
            return fragments + [name]
        if recipients is not None and line.start > lines[recipients.end].start:
            return [name]  # a name alone under the Nơi nhận block: the title was lost to OCR
    if fragments:
        return list(fragments)  # title known, name not in the text (OCR)
    # the name lost to OCR, the authority line alone beside or above Nơi nhận ("Q. CỤC TRƯỞNG")
    authority = [l for l in candidates if SIGNER_AUTHORITY.match(l.text.strip()) and is_upper_text(l.text)]
    return authority[-1:]


# A signature block whose line breaks a web page lost ("KT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Phạm Thị
# Thanh Trà"): it breaks before a title word glued to a capital, before "(Đã ký)", and before a name
# glued to the title ("TƯỚNGLê Thành Long")
_GLUED_TITLES = tuple(sorted({w.upper() for w in lexicon.words("signer_titles")}, key=len, reverse=True))
_SIGNED_MARK = ("(Đã ký)", "(đã ký)")


def _unglued(line: Line) -> list[Line]:
    text = line.text
    if not SIGNER_AUTHORITY.match(text.strip()):
        return [line]
    cuts = [0]
    for i in range(1, len(text) - 1):
        prev, char = text[i - 1], text[i]
        if not (prev.isupper() or prev == ")"):
            continue
        if (
            text.startswith(_SIGNED_MARK, i)
            or (char.isupper() and text[i + 1].islower())
            or (prev.isupper() and text.startswith(_GLUED_TITLES, i))
        ):
            cuts.append(i)
    cuts.append(len(text))
    return [Line(line.start + a, line.start + b, text[a:b]) for a, b in pairwise(cuts) if text[a:b].strip()]


def _titles_above(candidates: list[Line], pos: int) -> list[Line]:
    """The authority and title lines above a name; an upper-case unit name between the title and the
    name ("KT. CỤC TRƯỞNG" / "CỤC THANH TRA - KIỂM TRA THUẾ" / name) is passed over."""
    block: list[Line] = []
    unit_skipped = False
    for j in range(pos - 1, max(-1, pos - 9), -1):
        prev_text = candidates[j].text.strip()
        if not prev_text or _SIGNATURE_MARK.match(prev_text) or not any(c.isalpha() for c in prev_text):
            continue  # blank, "(Đã ký)", or an OCR speck ("[") between the title and the name
        if SIGNER_AUTHORITY.match(prev_text) or (is_upper_text(prev_text) and has_title_word(prev_text)):
            block.insert(0, candidates[j])
            continue
        if not block and not unit_skipped and is_upper_text(prev_text) and len(prev_text) < 60:
            unit_skipped = True  # the unit's name under the title, not part of it
            continue
        break
    return block


_SIGNED_SUFFIX = re.compile(r"\s*\((?:đã ký|Đã ký|ký)\)\s*$")


_SURNAMES = frozenset(fold(w) for w in lexicon.words("surnames"))


_NAME_SPECK = re.compile(r"(?<=[^\W\d_])[!|¡](?=\s)")  # "Dang! Ngọc Minh": a speck on a word of the name


def _name_part(line: Line) -> Line | None:
    """The line as a signer's name ("Phan Văn Anh (đã ký)" gives "Phan Văn Anh"), or None."""
    text = line.text.strip()
    suffix = _SIGNED_SUFFIX.search(text)
    name = text[: suffix.start()] if suffix else text
    cleaned = _NAME_SPECK.sub("", name)
    if cleaned != name and _is_person_name(cleaned):
        start = line.start + line.text.index(name)
        return Line(start, start + len(name), cleaned)
    if not _is_person_name(name):
        name = _name_after_scribble(name) or ""
        if not name:
            return None
    start = line.start + line.text.index(name)
    return Line(start, start + len(name), name)


_STRUCTURE_HEADING = re.compile(r"^(?:Chương|Phần|Mục|Điều|Phụ lục)\s+[IVXLC\d]", re.IGNORECASE)


def _name_after_scribble(text: str) -> str | None:
    """ "*. Sue Nguyên Nam Bình": a signature's scribble OCR'd before the name, a few marks of at
    most three letters each; the name starts at its family name (lexicon/surnames.yaml)."""
    words = text.split()
    for k in (1, 2):
        if len(words) <= k + 1 or fold(words[k]) not in _SURNAMES:
            continue
        if all(len(re.sub(r"[\W\d_]", "", w)) <= 3 for w in words[:k]):
            name = " ".join(words[k:])
            return name if _is_person_name(name) else None
    return None


def _is_person_name(text: str) -> bool:
    words = text.split()
    if (
        not 2 <= len(words) <= 5
        or any(c.isdigit() for c in text)
        or any(c in ",;:" for c in text[:-1])
        or _STRUCTURE_HEADING.match(text)
    ):
        return False  # "Chương I" of an attached regulation is no name
    return all(w[0].isupper() and (len(w) == 1 or not w.isupper() or len(w) <= 2) for w in words) and not (
        text.endswith((":", ";", ",", "."))
    )


def _appendix_start(lines: list[Line], layout: Layout, recipients: _Recipients | None) -> int | None:
    """Text attached after the Nơi nhận list and the signature (phụ lục, mẫu, a copy's own
    heading): where it begins, when there is more than a few lines of it."""
    if recipients is None:
        return None
    last = max([recipients.end] + [_line_index(lines, l) for l in layout.signer_lines])
    rest = [l for l in lines[last + 1 :] if l.text.strip() and not _PAGE_BREAK.match(l.text.strip())]
    if sum(len(l.text) for l in rest) < 200:
        return None
    return rest[0].start


def _later_recipient_blocks(lines: list[Line], start: int) -> list[tuple[int, int]]:
    """The spans of the Nơi nhận blocks that begin at or after `start`."""
    blocks = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.start >= start and _NOI_NHAN.match(fold(line.text.strip())):
            block = _recipient_block(lines, index)
            blocks.append((line.start, lines[block.end].end))
            index = block.end
        index += 1
    return blocks


def _article_end(lines: list[Line], default: int) -> int:
    for line in lines:
        if ARTICLE_TAIL.match(line.text.strip()):
            return line.start
    return default
