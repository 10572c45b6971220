"""The tokenizer pass: candidate citations in a text, the way eyecite's tokenizers find candidate
reporters. Full numbers (state and Party forms), short forms after a type word ("Công điện số
280") and anaphors ("Công văn nêu trên"). OCR splits numbers ("số 1 17/2018/NĐ-CP", "03/202 1/")
and sprinkles specks into ký hiệu ("TT- ‘BTC"): a repaired view of the same length is matched, so
every span still points into the text."""

from __future__ import annotations

import re

from ..patterns import SpanSet
from .model import Citation
from .numbers import PARTY, STATE, TYPE_WORDS, canonical_number, party_number

TYPE_WORD_ALT = "|".join(sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True))
# the type word (and "số") right before a number
_TYPE_BEFORE = re.compile(
    rf"(?P<word>(?<!\w)(?:{TYPE_WORD_ALT}))(?:\s+(?:khẩn|hỏa tốc|thượng khẩn|liên tịch))?\s*(?:số\s*:?\s*)?$",
    re.IGNORECASE,
)
# laws are cited by name: "Luật Ngân sách nhà nước số 83/2015/QH13", "Bộ Luật lao động số 45/2019/QH14"
_NAMED_LAW_BEFORE = re.compile(
    r"(?P<word>(?<!\w)(?:(?i:Bộ luật)|Luật|Pháp lệnh|Hiến pháp))"
    r"\s+(?:[^\W\d][^\d\n,;.()]{0,80}?)\s+số\s*:?\s*$"
)
_SO_BEFORE = re.compile(r"(?<!\w)số\s*:?\s*$", re.IGNORECASE)
# a number without its ký hiệu after a type word: "Công điện số 280", "văn bản số 698"
_SHORT = re.compile(r"(?<!\w)số\s*:?\s*(?P<num>\d{1,5})(?![\d/\-])", re.IGNORECASE)
_ANAPHOR = re.compile(
    rf"(?<!\w)(?P<word>{TYPE_WORD_ALT})\s+(?:nêu trên|nói trên|trên đây|đã nêu)\b", re.IGNORECASE
)
# what precedes a number that is not a document citation: forms, appendices ("mẫu số 03- 1A/TNDN"),
# technical standards, whose year follows a colon ("QCVN 41:2019/BGTVT", "TCVN 7271:2003")
_NOT_A_CITATION = re.compile(
    r"(?:mẫu|biểu|phụ lục|tờ khai)(?:\s*số)?\s*:?\s*(?:[\w.]{1,6}\s?[-–]\s?)?$"
    r"|(?-i:QCVN|TCVN|ISO)\s*[\d.\-]{1,12}:$",
    re.IGNORECASE,
)
# OCR repairs, each of the same length: "số 1 17/" -> "số 117 /", "/202 1/" -> "/2021 /",
# "- ‘BTC" -> "-  BTC", "/T T-BTC" -> "/TT-BTC "
_SPLIT_NUMBER = re.compile(r"(?<=số )(\d{1,2}) (\d{1,3})(?=\s?/)", re.IGNORECASE)
_SPLIT_YEAR = re.compile(r"(?<=/)((?:19|20)\d) (\d)(?=\s?/)")
_SPECK_IN_CODE = re.compile(r"(?<=[-–])\s?[‘’'|`\"\-]\s?(?=[A-ZĐ])")  # "QĐ- -TTg" too
# "22/2010/T T-BTC": a two-letter type code split by a space
_SPLIT_CODE = re.compile(r"(?<=(?:19|20)\d\d/)([A-ZĐ]) ([A-ZĐ][-–][A-ZĐ]+)")


def repaired(text: str) -> str:
    text = _SPLIT_NUMBER.sub(lambda m: m[1] + m[2] + " ", text)
    text = _SPLIT_YEAR.sub(lambda m: m[1] + m[2] + " ", text)
    text = _SPLIT_CODE.sub(lambda m: m[1] + m[2] + " ", text)
    return _SPECK_IN_CODE.sub(lambda m: " " * len(m[0]), text)


def candidates(text: str) -> list[Citation]:
    """Every candidate citation of the text, in order of position."""
    view = repaired(text)
    found: list[Citation] = []
    taken = SpanSet()
    for match in PARTY.finditer(view):
        cit = _make(text, match.start(), match.end(), party_number(match))
        if cit:
            found.append(cit)
            taken.add(match.start(), match.end())
    for match in STATE.finditer(view):
        if taken.overlaps(match.start(), match.end()):
            continue
        tail = match["tail"]
        if not _plausible_tail(tail, match["year"]):
            continue
        number = canonical_number(match["num"].replace(" ", ""), match["year"], tail)
        end = match.start("tail") + len(tail.rstrip(" -\u2013\u2014"))
        while end < len(text) and text[end].isalnum() and view[end] == " ":
            end += 1  # "/T T-BTC" read as "/TT-BTC ": the span ends where the text's code does
        cit = _make(text, match.start(), end, number)
        if cit:
            found.append(cit)
            taken.add(match.start(), end)
    found += _short_forms(text, taken)
    found += [
        Citation(start=m.start(), end=m.end(), number="", type_word=m["word"], anaphor=True)
        for m in _ANAPHOR.finditer(text)
        if not taken.contains(m.start())
    ]
    found.sort(key=lambda c: c.start)
    return found


def _short_forms(text: str, taken: SpanSet) -> list[Citation]:
    """Number-only mentions after a type word or "số": resolved later, never reported alone."""
    out = []
    for match in _SHORT.finditer(text):
        if taken.contains(match.start("num")):
            continue
        before = text[max(0, match.end() - 60) : match.end() - len(match["num"])]
        tb = _TYPE_BEFORE.search(before)
        if not tb:
            continue
        start = match.end() - len(match["num"]) - (len(before) - tb.start())
        out.append(
            Citation(start=start, end=match.end(), number=match["num"], type_word=tb["word"], short=True)
        )
    return out


def _plausible_tail(tail: str, year: str | None) -> bool:
    letters = re.sub(r"[^A-Za-zĐđÀ-ỹ]", "", tail)
    uppers = sum(1 for c in letters if c.isupper())
    if year:
        return uppers >= 1
    return uppers >= 2 or (uppers >= 1 and "-" in tail)


def _make(text: str, start: int, end: int, number: str) -> Citation | None:
    before = text[max(0, start - 60) : start]
    if _NOT_A_CITATION.search(before):
        return None
    tb = _TYPE_BEFORE.search(before) or _NAMED_LAW_BEFORE.search(text[max(0, start - 120) : start])
    if tb:
        type_start = start - (len(tb.string) - tb.start())
        return Citation(start=type_start, end=end, number=number, type_word=tb["word"], tail_end=end)
    so = _SO_BEFORE.search(before)
    begin = start - (len(before) - so.start()) if so else start
    return Citation(start=begin, end=end, number=number, type_word=None, tail_end=end)
