"""Normalization of raw document text into the text every span points into.

Passes: line endings; invisible characters; NFC; one tone-mark convention; space, dash and quote
variants; electronic-signature metadata lines; hard-wrapped lines re-joined while paragraph and
list-item breaks are kept. Each pass that changes length records an OffsetMap, so
`Text.to_raw(pos)` takes any normalized position back to the raw text (and the original
spelling is recoverable from `Text.raw`).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from .. import lexicon
from .offsets import OffsetMap, substitute
from .tones import apply_tone_style

# Same-length character substitutions.
_CHAR_MAP = {
    **dict.fromkeys(
        map(
            ord,
            "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
            "\u202f\u205f\u3000\t\u000b",
        ),
        " ",
    ),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"), "-"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'),
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'"),
    ord("\u00d0"): "Đ",  # Icelandic eth, a common stand-in for Đ
    ord("\u2026"): "…",
}

_MAPPED_CHARS = re.compile("[" + re.escape("".join(map(chr, _CHAR_MAP))) + "]")
_LOWER_VI = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# newline runs that may be joined: any in hard-wrapped text, else only before a lower-case letter
_BREAKS_ANY = re.compile(r"\n{1,2}")
_BREAKS_BEFORE_LOWER = re.compile(rf"\n{{1,2}}(?=[{_LOWER_VI}])")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e]+")
# C0/C1 control characters (besides tab, line feed, vertical tab and form feed, handled elsewhere) and
# Unicode non-characters (U+FFFE from PDF text layers, U+FDD0..U+FDEF, the last two of every plane):
# never text, and not allowed in XML (XLSX, ICS, HTML exports), so they go, offsets kept.
_CONTROL_CHARS = r"\x00-\x08\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
_CONTROLS = re.compile(f"[{_CONTROL_CHARS}]+")
_CONTROLS_ASTRAL = re.compile(  # the same with the planes beyond the BMP, only for a text that has them
    f"[{_CONTROL_CHARS}" + "".join(rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(1, 17)) + "]+"
)
_BMP_END = "\uffff"
# A page break (form feed, or the "--- PAGE BREAK ---" marker of text exports) with the page number
# printed at the foot of the page before it: not a paragraph break, the sentence may go on across it.
# OCR exports add a "--- PAGE 4 ---" line and the number printed at the top of the next page, and
# leave specks of the page edge ("Ne", "xo", "|") as lines of their own above the break.
_PAGE_BREAK = re.compile(
    r"\n*(?:(?:(?<=\n)|\A)(?:[ \t]*(?:\d{1,4}|[^\s\d.)(:;,]{1,3})[ \t]*\n+){1,4})?"
    r"[ \t]*(?:\x0c|-{2,}[ \t]*PAGE BREAK[ \t]*-{2,})[ \t]*(?:\n[ \t]*)*"
    r"(?:-{2,}[ \t]*PAGE[ \t]+\d{1,4}[ \t]*-{2,}[ \t]*(?:\n[ \t]*)*"  # "--- PAGE 4 ---"
    r"(?:-?[ \t]*\d{1,4}[ \t]*-?[ \t]*(?:\n[ \t]*)+)?)?"  # and the number printed at the top of the page
)
_COMBINING = re.compile(r".[\u0300-\u036f]+", re.DOTALL)
_ANY_COMBINING = re.compile(r"[\u0300-\u036f]")
_SPACES = re.compile(r" *\n +| +\n| {2,}|^ +| +$")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Portal signature stamps printed at the top of downloaded copies.
# (Their "Thời gian ký: 26.07.2021" line stays: the signing time is a date of the document.)
_SIGNATURE_META = re.compile(
    r"\A(?:(?:Người ký|Email|Cơ quan|Ký bởi|Signed by)\s*:[^\n]*\n+)+", re.IGNORECASE
)

# The same stamps when a page break puts them in the middle of the text.
_SIGNATURE_STAMP_LINE = re.compile(
    r"^(?:Ký bởi|Người ký|Signed by)\s*:[^\n]*(?:\n|\Z)", re.MULTILINE | re.IGNORECASE
)
RULE_LINE = re.compile(r"^[\s\-_=*.~]{3,}$")

# Công báo running header ("CÔNG BÁO/Số 302/Ngày 02-06-2026 70") and the page number under it.
_GAZETTE_FURNITURE = re.compile(
    r"^CÔNG\s*BÁO\s*/\s*Số\s*[\d\s+]+/\s*Ngày\s*[\d\-./]+[ \d]*\n(?:\d{1,4}\n)?(?:[ \t]*\n)*",
    re.MULTILINE | re.IGNORECASE,
)

# A line that starts a new block: list markers, article/chapter headings, dashes, bullets, the
# ordinal and Party number labels ("Thứ tư, …", "Hai là, …"; lexicon/ordinal_words, number_words).
_ORDINAL = lexicon.words("ordinal_words").alternation()
_NUMBER_WORD = "(?:" + "|".join(w[:1].upper() + w[1:] for w in lexicon.words("number_words").words) + ")"
_BLOCK_START = re.compile(
    r"(?:[-+•*·▪●○◦]\s|[-+•]\S|\(?\d{1,3}[.)/](?!\d)|\(\d{1,3}\)|[a-zđ]\)|[IVXLC]{1,6}[.\-/]\s|"
    rf"(?:Điều|Chương|Mục|Phần|Khoản)\s+[\dIVXLC]+[a-z]?\s*(?:[.:]|$)|Thứ\s+{_ORDINAL}|"
    rf"{_NUMBER_WORD}\s+là\b|"
    r"Nơi nhận|Kính gửi|V/[vV]\b|Về việc|[Ss][ốô]\s*:|Căn cứ|Theo đề nghị|Xét đề nghị)"
)
_TERMINAL = re.compile(r"[.:;!?…]\s*[\"')\]]*$|\./\.$")


@dataclass
class Text:
    """Normalized text with its way back to the raw text."""

    text: str
    raw: str
    maps: list[OffsetMap] = field(default_factory=list)

    def to_raw(self, pos: int) -> int:
        for omap in reversed(self.maps):
            pos = omap.to_old(pos)
        return pos

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_raw(start), self.to_raw(end)


def normalize(raw: str, tone_style: str = "new") -> Text:
    maps: list[OffsetMap] = []

    def run(text: str, pattern: re.Pattern[str], repl) -> str:
        new, omap = substitute(text, pattern, repl)
        if len(omap.new_starts) > 1:
            maps.append(omap)
        return new

    text = run(raw, _NEWLINES, lambda m: "\n")
    text = run(text, _INVISIBLE, lambda m: "")
    text = run(text, _CONTROLS_ASTRAL if text and max(text) > _BMP_END else _CONTROLS, lambda m: "")
    if "\x0c" in text or "PAGE BREAK" in text:  # the pattern's optional lead-in is slow to rule out
        text = run(text, _PAGE_BREAK, _page_break)
    if _ANY_COMBINING.search(text):  # most text is NFC already: skip the pass
        text = run(text, _COMBINING, lambda m: unicodedata.normalize("NFC", m.group(0)))
    if not unicodedata.is_normalized("NFC", text):
        text = run(text, re.compile(r".", re.DOTALL), lambda m: unicodedata.normalize("NFC", m.group(0)))
    text = _MAPPED_CHARS.sub(lambda m: _CHAR_MAP[ord(m.group(0))], text)
    text = apply_tone_style(text, tone_style)
    text = run(text, _SPACES, _space_run)
    text = run(text, _SIGNATURE_META, lambda m: "")
    text = run(text, _SIGNATURE_STAMP_LINE, lambda m: "")
    text = run(text, _GAZETTE_FURNITURE, lambda m: "")
    text = _rejoin_wrapped_lines(text, run)
    text = run(text, _BLANK_RUNS, lambda m: "\n\n")
    stripped = text.strip("\n ")
    if stripped != text:
        text = run(text, re.compile(r"\A[\n ]+|[\n ]+\Z"), lambda m: "")
    return Text(text=text, raw=raw, maps=maps)


def _page_break(match: re.Match[str]) -> str:
    """A page break joins like a line break inside a paragraph; at the start or end of the text it goes."""
    start, end = match.span()
    return "" if start == 0 or end == len(match.string) else "\n"


def _space_run(match: re.Match[str]) -> str:
    """Spaces at a line edge go; a run inside a line becomes one space."""
    run = match.group(0)
    if "\n" in run:
        return "\n"
    start, end = match.span()
    at_edge = start == 0 or end == len(match.string)
    return "" if at_edge else " "


def _rejoin_wrapped_lines(text: str, run) -> str:
    wrapped = _is_hard_wrapped(text)
    width = _typical_width(text)

    def join(match: re.Match[str]) -> str:
        before = _line_before(match.string, match.start())
        after = _line_after(match.string, match.end())
        breaks = match.group(0).count("\n")
        if _should_join(before, after, wrapped, width, blank_between=breaks > 1):
            return " "
        return match.group(0)

    return run(text, _BREAKS_ANY if wrapped else _BREAKS_BEFORE_LOWER, join)


def _line_before(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    return text[start:pos]


def _line_after(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos:] if end < 0 else text[pos:end]


def _should_join(before: str, after: str, wrapped: bool, width: float, blank_between: bool) -> bool:
    if not before or not after:
        return False
    starts_lower = after[0].islower()
    if not starts_lower and (blank_between or not wrapped):
        return False  # the common case, decided before any pattern runs
    if (
        (
            _TERMINAL.search(before[-8:])
            and not _stray_period_before_lower(before, after, blank_between)
            and not _colon_before_lower(before, after, blank_between)
        )
        or _BLOCK_START.match(after)
        or _RECIPIENTS_LABEL.match(before)
        or RULE_LINE.match(before)
        or RULE_LINE.match(after)
    ):
        return False
    if _is_upper_line(before) or _is_upper_line(after):
        return False
    if blank_between:
        # a paragraph split by a page break or a scraper: the sentence goes on in lower case
        return starts_lower and len(before) > 30
    if starts_lower:
        return True
    # upper-case or digit start: only in hard-wrapped text, after a line that ran to the margin
    return wrapped and len(before) >= 0.7 * width


_NON_LETTERS = re.compile(r"[\W\d_]+")
# "Nơi nhận:" (the signature's title may share its line): the list starts on the next line
_RECIPIENTS_LABEL = re.compile(r"^\W{0,2}N[ơoóòờ]i\s*nh[ậâaà]n\b", re.IGNORECASE)
_WORD_PERIOD = re.compile(r"[^\W\d_]{2,}\.$")


def _stray_period_before_lower(before: str, after: str, blank_between: bool) -> bool:
    """ "… thì Công ty có trách nhiệm.\nđăng ký bổ sung …": no Vietnamese sentence starts in lower
    case, so a period at a word's end before a lower-case line is OCR's speck, not a sentence end."""
    return not blank_between and after[:1].islower() and _WORD_PERIOD.search(before) is not None


def _colon_before_lower(before: str, after: str, blank_between: bool) -> bool:
    """ "- Áp dụng nguyên tắc quản lý rủi ro:\nsử dụng các tiêu chí …", "… trước khi ban hành;\nhoàn
    thành trước ngày 10 tháng 6": after a colon or a semicolon the sentence goes on in lower case on
    the next line of the same paragraph (a list would open with its label, a paragraph in capitals)."""
    if blank_between or not before.rstrip().endswith((":", ";")):
        return False
    first = after.split(maxsplit=1)[0] if after.strip() else ""
    return len(first) >= 2 and first.isalpha() and first.islower()  # a word, not a label ("f.", "a.1)")


def _is_upper_line(line: str) -> bool:
    letters = _NON_LETTERS.sub("", line)
    return len(letters) >= 4 and letters.isupper()


def _is_hard_wrapped(text: str) -> bool:
    lines = [ln for ln in text.split("\n") if len(ln) > 20]
    if len(lines) < 5:
        return False
    unterminated = sum(1 for ln in lines if not _TERMINAL.search(ln[-8:]))
    if unterminated / len(lines) <= 0.5 or statistics.median(len(ln) for ln in lines) >= 120:
        return False
    # wrapped text runs to one margin: most lines are close to the typical width (menus are not)
    width = _typical_width(text)
    near_margin = sum(1 for ln in lines if 0.75 * width <= len(ln) <= 1.1 * width)
    return width >= 40 and near_margin / len(lines) >= 0.5


def _typical_width(text: str) -> float:
    lengths = sorted(len(ln) for ln in text.split("\n") if len(ln) > 20)
    if not lengths:
        return 80.0
    return float(lengths[int(0.8 * (len(lengths) - 1))])
