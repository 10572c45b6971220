"""The shapes of Vietnamese document numbers (số/ký hiệu) and their canonical form.

Administrative numbers (2463/UBND-TH), normative ones (73/2023/NĐ-CP) and Party ones (924-TB/TU)
follow NĐ 30/2020 Phụ lục III, the Luật Ban hành VBQPPL and HD 36-HD/VPTW; the type and issuer
codes are data in lexicon/doc_types.json. These helpers are public: the heading, portal
attribute pages, the citation graph and `vanban eval` read numbers with them too.
"""

from __future__ import annotations

import re
import unicodedata

from ...lexicon import doc_types
from ...text.chars import UPPER

_LEX = doc_types()
TYPE_WORDS: dict[str, str | None] = _LEX["type_words"]
TYPE_CODES: dict[str, str] = _LEX["type_codes"]
ASCII_CODES: dict[str, str] = _LEX["ascii_codes"]
PARTY_TYPE_CODES: dict[str, str] = _LEX["party_type_codes"]
CASED_CODES = {c.upper(): c for c in _LEX["issuer_codes_with_case"]}
# short type codes that are also common unit codes: a fused "TTBTC" is not split on them
_UNSPLIT_CODES = frozenset(_LEX.get("unsplit_type_codes", ()))

CODE = rf"(?:{UPPER}|&)[A-Za-zĐđ&À-ỹ0-9]*"
"""One segment of a ký hiệu that starts with a capital ("UBND", "TTg", "NĐ")."""
CODE_LOOSE = r"[A-Za-zĐđ&][A-Za-zĐđ&0-9]*"
"""A later segment of a ký hiệu, any case ("CP", "btc" as OCR or typists write it)."""
DASH = r"[-\u2010-\u2015\u2212]"
_NUM = r"\d{1,5}(?:\.\d{1,3})?[a-zA-Z]?"

# 280/CĐ-TTg, 73/2023/NĐ-CP, 9000/VPCP -TH, 1/ TCT, 32 /2026/TT- NHNN; stray spaces tolerated
STATE = re.compile(
    rf"(?<![\w/.\-])(?P<num>{_NUM})\s?/\s?(?:(?P<year>(?:19|20)\d{{2}})\s?/\s?)?"
    rf"(?P<tail>{CODE}(?:\s{{0,2}}{DASH}\s{{0,2}}{CODE_LOOSE})*)"
)
# 924-TB/TU, 77-KL/TW, 924 -TB/TU
PARTY = re.compile(
    rf"(?<![\w/.\-])(?P<num>\d{{1,5}})\s?{DASH}\s?(?P<type>[A-ZĐ][A-Za-zĐđ]{{0,4}})\s?/\s?"
    rf"(?P<issuer>{CODE}(?:{DASH}{CODE_LOOSE})*)"
)


def canonical_number(num: str, year: str | None, tail: str) -> str:
    """Spaces removed, dashes unified, ASCII-folded type codes restored (CD-TTg -> CĐ-TTg)."""
    head = f"{num}/{year}/" if year else f"{num}/"
    return head + canonical_code(tail)


def canonical_code(tail: str) -> str:
    """The ký hiệu after the number: "CD -TTg" -> "CĐ-TTg", "NĐCP" -> "NĐ-CP"."""
    parts = [p for p in re.split(rf"\s*{DASH}\s*", tail.strip()) if p]
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
            if type_code in _UNSPLIT_CODES:
                continue  # too short and common as unit codes to split safely
            return [type_code, code[len(type_code) :]]
    return [code]


def party_number(match: re.Match[str]) -> str:
    issuer = re.sub(DASH, "-", match["issuer"])
    return f"{match['num']}-{ASCII_CODES.get(match['type'], match['type'])}/{issuer}"


def number_at_start(text: str) -> tuple[str, re.Match[str]] | None:
    """A số/ký hiệu at the start of `text` (Party or state form), canonical, with its match."""
    match = PARTY.match(text)
    if match:
        return party_number(match), match
    match = STATE.match(text)
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
    if len(pieces) == 3 and re.fullmatch(r"QH\d{1,2}", first):
        return "Luật"  # 64/2025/QH15: the Quốc hội numbers its laws by term (vn-document-format.md §2.3)
    if len(pieces) == 3:  # normative number with a year but an unknown code (UBTVQH15)
        return None
    return "Công văn"


def number_key(value: object) -> str:
    """The identity of a số/ký hiệu for matching: NFC, one dash, no spaces, upper case, Đ read as D
    (OCR and ASCII typing drop the stroke). Used to merge citations, in the graph and by `vanban eval`."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = re.sub(DASH, "-", text)
    return re.sub(r"\s+", "", text).upper().replace("Đ", "D")
