"""Cited documents: administrative (2463/UBND-TH), normative (73/2023/NĐ-CP) and Party (924-TB/TU)
numbers with their type, date and issuer; lists sharing a type word; short re-mentions
("Công điện số 280", "văn bản số 698 nêu trên") resolved to the full citation.

Like eyecite: a tokenizer pass finds candidate numbers, a small model class holds each citation,
and a resolve pass links short forms to full ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..lexicon import doc_types
from ..model import DateMention, Reference
from .patterns import UPPER_CLASS, SpanSet, StartIndex

_LEX = doc_types()
TYPE_WORDS: dict[str, str | None] = _LEX["type_words"]
TYPE_CODES: dict[str, str] = _LEX["type_codes"]
ASCII_CODES: dict[str, str] = _LEX["ascii_codes"]
PARTY_TYPE_CODES: dict[str, str] = _LEX["party_type_codes"]
CASED_CODES = {c.upper(): c for c in _LEX["issuer_codes_with_case"]}

_TYPE_WORD_ALT = "|".join(sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True))
# the type word (and "số") right before a number
_TYPE_BEFORE = re.compile(
    rf"(?P<word>(?<!\w)(?:{_TYPE_WORD_ALT}))(?:\s+(?:khẩn|hỏa tốc|thượng khẩn|liên tịch))?\s*(?:số\s*:?\s*)?$",
    re.IGNORECASE,
)
# laws are cited by name: "Luật Ngân sách nhà nước số 83/2015/QH13", "Bộ luật Lao động số 45/2019/QH14"
_NAMED_LAW_BEFORE = re.compile(
    r"(?P<word>(?<!\w)(?:Bộ luật|Luật|Pháp lệnh|Hiến pháp))\s+(?:[A-ZĐÀ-Ỹ][^\d\n,;.()]{0,80}?)\s+số\s*:?\s*$"
)
_SO_BEFORE = re.compile(r"(?<!\w)số\s*:?\s*$", re.IGNORECASE)
_CODE = rf"(?:{UPPER_CLASS}|&)[A-Za-zĐđ&À-ỹ0-9]*"
_CODE_LOOSE = r"[A-Za-zĐđ&][A-Za-zĐđ&0-9]*"
_NUM = r"\d{1,5}(?:\.\d{1,3})?[a-zA-Z]?"
_DASH = r"[-\u2010-\u2015\u2212]"

# 280/CĐ-TTg, 73/2023/NĐ-CP, 9000/VPCP -TH, 1/ TCT, 32 /2026/TT- NHNN; stray spaces tolerated
_STATE = re.compile(
    rf"(?<![\w/.\-])(?P<num>{_NUM})\s?/\s?(?:(?P<year>(?:19|20)\d{{2}})\s?/\s?)?"
    rf"(?P<tail>{_CODE}(?:\s?{_DASH}\s?{_CODE_LOOSE})*)"
)
# 924-TB/TU, 77-KL/TW, 924 -TB/TU
_PARTY = re.compile(
    rf"(?<![\w/.\-])(?P<num>\d{{1,5}})\s?{_DASH}\s?(?P<type>[A-ZĐ][A-Za-zĐđ]{{0,4}})\s?/\s?(?P<issuer>{_CODE}(?:{_DASH}{_CODE_LOOSE})*)"
)
# a number without its ký hiệu after a type word: "Công điện số 280", "văn bản số 698"
_SHORT = re.compile(r"(?<!\w)số\s*:?\s*(?P<num>\d{1,5})(?![\d/\-])", re.IGNORECASE)
# what precedes a number that is not a document citation
_NOT_A_CITATION = re.compile(
    r"(mẫu|mẫu số|biểu|biểu số|phụ lục|phụ lục số|tờ khai|tờ khai mẫu)\s*(số\s*)?:?\s*$", re.IGNORECASE
)
_DATE_AFTER = re.compile(r"^\s*[,(]?\s*(?:ban hành\s+|ký\s+)?(?=ng[àa]y)", re.IGNORECASE)
_ISSUER_AFTER = re.compile(r"^\s*,?\s*(?:của|do)\s+", re.IGNORECASE)
_ISSUER_STOP = re.compile(
    r"\s(?:về|V/v|quy định|hướng dẫn|ban hành|đề nghị|trả lời|thì|tại|theo|gửi|đã|nêu trên|trên đây|"
    r"triển khai|thực hiện|ngày|năm|khi|để|với|cho|sửa đổi|bổ sung|phê duyệt|chỉ đạo|yêu cầu|giao|"
    r"trong|đến|từ|là|có|được|này|như|nhằm|vừa|kèm|thông qua)(?=\s|$)"
    r"|[.;:()\[\]\"\n]|,(?!\s+(?:Thể|Du|Thương|Xã|Gia|Khoa|Thông|Văn|Phát)\b)",
)


@dataclass
class _Citation:
    start: int
    end: int
    number: str
    type_word: str | None
    type_start: int
    short: bool = False
    date: str | None = None
    issuer: str | None = None
    tail_end: int = 0
    inherits: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


def canonical_number(num: str, year: str | None, tail: str) -> str:
    """Spaces removed, dashes unified, ASCII-folded type codes restored (CD-TTg -> CĐ-TTg)."""
    head = f"{num}/{year}/" if year else f"{num}/"
    return head + canonical_code(tail)


def canonical_code(tail: str) -> str:
    """The ký hiệu after the number: "CD -TTg" -> "CĐ-TTg", "NĐCP" -> "NĐ-CP"."""
    parts = [p for p in re.split(rf"\s*{_DASH}\s*", tail.strip()) if p]
    if len(parts) == 1:
        parts = _split_fused_code(parts[0])
    if parts and parts[0] in ASCII_CODES:
        parts[0] = ASCII_CODES[parts[0]]
    parts = [CASED_CODES.get(p.upper(), p) for p in parts]
    return "-".join(parts)


def _split_fused_code(code: str) -> list[str]:
    """NĐCP -> NĐ, CP ; QĐUBND -> QĐ, UBND (hyphen lost in typing or OCR)."""
    for type_code in sorted(set(TYPE_CODES) | set(ASCII_CODES), key=len, reverse=True):
        if code.startswith(type_code) and len(code) - len(type_code) >= 2 and code[len(type_code)].isupper():
            if type_code in ("CT", "TT", "BC", "HD", "PA", "DA", "PC", "PB", "PG", "SL", "SY", "TC", "BB"):
                continue  # too short and common as unit codes to split safely
            return [type_code, code[len(type_code) :]]
    return [code]


def number_at_start(text: str) -> tuple[str, re.Match[str]] | None:
    """A số/ký hiệu at the start of `text` (Party or state form), canonical, with its match."""
    match = _PARTY.match(text)
    if match:
        issuer = re.sub(_DASH, "-", match["issuer"])
        return f"{match['num']}-{ASCII_CODES.get(match['type'], match['type'])}/{issuer}", match
    match = _STATE.match(text)
    if match:
        return canonical_number(match["num"], match["year"], match["tail"]), match
    return None


def doc_type_for(number: str, type_word: str | None) -> str | None:
    """From the type word, else the ký hiệu's type code, else Công văn for an admin number."""
    if type_word:
        name = TYPE_WORDS.get(type_word.lower())
        if name:
            return name
    if "-" in number.split("/")[0]:  # Party: 924-TB/TU
        code = number.split("/")[0].split("-", 1)[1]
        return PARTY_TYPE_CODES.get(code) or TYPE_CODES.get(code) or TYPE_CODES.get(ASCII_CODES.get(code, ""))
    pieces = number.split("/")
    tail = pieces[-1]
    first = tail.split("-")[0]
    if first in TYPE_CODES:
        return TYPE_CODES[first]
    if first.upper() in {k.upper() for k in TYPE_CODES} and len(first) > 2:
        return next(v for k, v in TYPE_CODES.items() if k.upper() == first.upper())
    if len(pieces) == 3:  # normative number with a year but an unknown code (QH14, UBTVQH15)
        return None
    return "Công văn"


def find_references(
    text: str,
    dates: list[DateMention] | None = None,
    own_number: str | None = None,
    own_span: tuple[int, int] | None = None,
) -> list[Reference]:
    """All cited documents, once per canonical number, in order of first mention."""
    from .dates import find_dates

    dates = dates if dates is not None else find_dates(text)
    citations = _candidates(text)
    date_index = StartIndex(dates, lambda d: d.span[0])
    for cit in citations:
        _attach_tail(text, cit, date_index)
    _inherit_list_types(text, citations)
    _attach_issuer_from_context(text, citations)
    _share_list_tail(text, citations)
    return _resolve(citations, text, own_number, own_span)


def _candidates(text: str) -> list[_Citation]:
    found: list[_Citation] = []
    taken = SpanSet()
    for match in _PARTY.finditer(text):
        issuer = re.sub(_DASH, "-", match["issuer"])
        number = f"{match['num']}-{ASCII_CODES.get(match['type'], match['type'])}/{issuer}"
        cit = _make(text, match.start(), match.end(), number)
        if cit:
            found.append(cit)
            taken.add(match.start(), match.end())
    for match in _STATE.finditer(text):
        if taken.overlaps(match.start(), match.end()):
            continue
        tail = match["tail"]
        if not _plausible_tail(tail, match["year"]):
            continue
        number = canonical_number(match["num"], match["year"], tail)
        end = match.start("tail") + len(tail.rstrip(" -\u2013\u2014"))
        cit = _make(text, match.start(), end, number)
        if cit:
            found.append(cit)
            taken.add(match.start(), end)
    # number-only mentions after a type word or "số": resolved later, never reported alone
    for match in _SHORT.finditer(text):
        if taken.contains(match.start("num")):
            continue
        before = text[max(0, match.end() - 60) : match.end() - len(match["num"])]
        tb = _TYPE_BEFORE.search(before)
        if not tb:
            continue
        start = match.end() - len(match["num"]) - (len(before) - tb.start())
        found.append(
            _Citation(
                start=start,
                end=match.end(),
                number=match["num"],
                type_word=tb["word"],
                type_start=start,
                short=True,
            )
        )
    found.sort(key=lambda c: c.start)
    return found


def _plausible_tail(tail: str, year: str | None) -> bool:
    letters = re.sub(r"[^A-Za-zĐđÀ-ỹ]", "", tail)
    uppers = sum(1 for c in letters if c.isupper())
    if year:
        return uppers >= 1
    return uppers >= 2 or (uppers >= 1 and "-" in tail)


def _make(text: str, start: int, end: int, number: str) -> _Citation | None:
    before = text[max(0, start - 60) : start]
    if _NOT_A_CITATION.search(before):
        return None
    tb = _TYPE_BEFORE.search(before) or _NAMED_LAW_BEFORE.search(text[max(0, start - 120) : start])
    if tb:
        type_start = start - (len(tb.string) - tb.start())
        return _Citation(
            start=type_start, end=end, number=number, type_word=tb["word"], type_start=type_start
        )
    so = _SO_BEFORE.search(before)
    begin = start - (len(before) - so.start()) if so else start
    return _Citation(start=begin, end=end, number=number, type_word=None, type_start=begin)


def _attach_tail(text: str, cit: _Citation, dates: StartIndex) -> None:
    """Date ("ngày …") and issuer ("của …") right after the number, in either order."""
    pos = cit.end
    cit.tail_end = pos
    for _ in range(2):
        rest = text[pos : pos + 200]
        if cit.date is None and _DATE_AFTER.match(rest):
            date = dates.first_between(pos, pos + 13)
            if date:
                cit.date = date.value
                date.role = "reference"
                pos = cit.tail_end = date.span[1]
                continue
        issuer_match = _ISSUER_AFTER.match(rest)
        if cit.issuer is None and issuer_match:
            issuer, length = _issuer_phrase(rest[issuer_match.end() :])
            if issuer:
                cit.issuer = issuer
                pos = cit.tail_end = pos + issuer_match.end() + length
                continue
        break


def _issuer_phrase(text: str) -> tuple[str | None, int]:
    """The issuer named after "của": up to a stop word, punctuation or the next citation."""
    window = text[:150]
    stop = _ISSUER_STOP.search(" " + window)
    end = stop.start() - 1 if stop else len(window)
    next_citation = _NEXT_CITATION.search(window[:end])
    if next_citation:
        end = next_citation.start()
    phrase = window[:end].rstrip(" ,-")
    if not phrase or not (phrase[0].isupper() or phrase.lower().startswith(("quý", "các"))):
        return None, 0
    return phrase, len(phrase)


_NEXT_CITATION = re.compile(rf"[,;]?\s+(?:và\s+)?(?:{_TYPE_WORD_ALT})\s+(?:số|\d)", re.IGNORECASE)


def _inherit_list_types(text: str, citations: list[_Citation]) -> None:
    """ "các Công văn số 12/UBND-VP, 13/UBND-VP và số 14/UBND-VP": later numbers share the type word."""
    previous: _Citation | None = None
    for cit in citations:
        if cit.short:
            continue
        if cit.type_word is None and previous is not None and previous.type_word:
            gap = text[previous.tail_end : cit.start]
            if len(gap) < 40 and re.fullmatch(r"\s*(?:,|;|và|hoặc)\s*(?:và\s*)?(?:số\s*:?)?\s*", gap):
                cit.type_word = previous.type_word
                cit.inherits = True
        previous = cit


def _share_list_tail(text: str, citations: list[_Citation]) -> None:
    """ "các Công văn số 12/UBND-VP, 13/UBND-VP của UBND tỉnh" and "Nghị định số A ngày … và Nghị định
    số B ngày … của Chính phủ": the issuer after the last citation of a coordinated list covers all."""
    group: list[_Citation] = []
    for cit in [c for c in citations if not c.short] + [None]:
        joined = (
            cit is not None
            and group
            and (cit.inherits or re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[group[-1].tail_end : cit.start]))
        )
        if joined and group[-1].issuer is None:
            group.append(cit)
            continue
        if len(group) > 1 and group[-1].issuer:
            for member in group[:-1]:
                member.issuer = member.issuer or group[-1].issuer
        group = [cit] if cit is not None else []


# "chỉ đạo của Thủ tướng Chính phủ tại Công điện số …" ; "Giám đốc Sở X ban hành Công văn số …"
_OF_X_AT = re.compile(r"(?:của|do)\s+(?P<issuer>[^,.;:()\n]{3,80}?)\s+tại\s*$", re.IGNORECASE)
_X_ISSUED = re.compile(
    r"(?:^|[,.;:\n]\s*)(?:ngày\s+[\d/]+\s*,\s*)?(?P<issuer>[^,.;:\n]{3,80}?)\s+(?:đã\s+|vừa\s+)?(?:ký\s+)?"
    r"(?:ban hành|bàn hành|ban hanh)\s*$",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(
    r"ngày\s+(\d{1,2}/\d{1,2}/\d{4})\s*,[^,.;\n]{0,80}?(?:ban hành|bàn hành)\s*$", re.IGNORECASE
)


def _attach_issuer_from_context(text: str, citations: list[_Citation]) -> None:
    from .dates import find_dates

    group_issuer: str | None = None
    previous_end = -1
    for cit in citations:
        if cit.short:
            continue
        before = text[max(0, cit.start - 160) : cit.start]
        of_x = _OF_X_AT.search(before)
        issued = _X_ISSUED.search(before)
        if of_x:
            group_issuer = of_x["issuer"].strip()
        elif issued:
            # a news credit before the subject: "(Cổng TTĐT tỉnh) - Chủ tịch UBND tỉnh vừa ký ban hành …"
            group_issuer = re.sub(r"^\([^)]*\)\s*-?\s*", "", issued["issuer"].strip())
        elif not (
            cit.inherits
            or (
                0 <= cit.start - previous_end < 30
                and re.fullmatch(r"[\s,;và]*", text[previous_end : cit.start])
            )
        ):
            group_issuer = None
        if cit.issuer is None and group_issuer and group_issuer[0].isupper():
            cit.issuer = group_issuer
        if cit.date is None:
            date_before = _DATE_BEFORE.search(before)
            if date_before:
                values = find_dates(date_before.group(1))
                if values:
                    cit.date = values[0].value
        previous_end = cit.tail_end


def _resolve(
    citations: list[_Citation], text: str, own_number: str | None, own_span: tuple[int, int] | None
) -> list[Reference]:
    refs: dict[str, Reference] = {}
    order: list[str] = []
    own_key = number_key(own_number) if own_number else None
    for cit in citations:
        if cit.short:
            continue
        if own_span and own_span[0] <= cit.start < own_span[1] + 5:
            continue
        key = number_key(cit.number)
        if key == own_key and own_number and not own_number.startswith("/"):
            continue
        span = (cit.start, cit.tail_end)
        if key in refs:
            ref = refs[key]
            ref.mentions.append(span)
            ref.date = ref.date or cit.date
            ref.issuer = ref.issuer or cit.issuer
            if (
                cit.type_word
                and TYPE_WORDS.get(cit.type_word.lower())
                and (ref.doc_type == doc_type_for(ref.number, None))
            ):
                ref.doc_type = doc_type_for(ref.number, cit.type_word)
            continue
        refs[key] = Reference(
            number=cit.number,
            doc_type=doc_type_for(cit.number, cit.type_word),
            date=cit.date,
            issuer=cit.issuer,
            text=text[span[0] : span[1]],
            span=span,
            mentions=[span],
        )
        order.append(key)
    # short mentions: "Công điện số 280" -> 280/CĐ-TTg when one full citation starts with that number
    for cit in citations:
        if not cit.short:
            continue
        matches = [k for k in order if re.match(rf"{re.escape(cit.number)}[/\-]", refs[k].number)]
        wanted = TYPE_WORDS.get((cit.type_word or "").lower())
        if wanted:
            typed = [k for k in matches if refs[k].doc_type == wanted]
            matches = typed or matches
        if len(matches) == 1:
            refs[matches[0]].mentions.append((cit.start, cit.end))
    for ref in refs.values():
        ref.mentions.sort()
    return [refs[k] for k in order]


def number_key(value: object) -> str:
    """The identity of a số/ký hiệu for matching: NFC, one dash, no spaces, upper case, Đ read as D
    (OCR and ASCII typing drop the stroke). Used to merge citations, in the graph and by `vanban eval`."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = re.sub(_DASH, "-", text)
    return re.sub(r"\s+", "", text).upper().replace("Đ", "D")
