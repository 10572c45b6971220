"""Legacy Vietnamese font encodings: TCVN3 (ABC, .VnTime) and VNI-Windows, converted to Unicode.

Text in these encodings reaches us either as bytes (a .txt saved by an old editor) or as a
Unicode string whose characters are the Latin-1/cp1252 look-alikes of those bytes (a DOCX or a
web page typed in a .VnTime or VNI font). Both paths go through `from_tcvn3` / `from_vni`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

# Marks used by VNI-Windows after a base letter, in Latin-1 (lower case) form.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
# Circumflex (â) and breve (ê) marks, alone or fused with a tone.
_VNI_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# Single characters that stand for a whole Vietnamese letter.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}

# Common words: used to decide which decoding of an unknown byte string is Vietnamese.
_COMMON_WORDS = re.compile(
    r"(?<!\w)(của|và|các|được|trong|những|người|không|thực hiện|theo|với|ngày|tháng|năm|"
    r"về|đã|cho|có|này|số|tỉnh|công|việc|đơn vị|quy định|nhân dân)(?!\w)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = {}
    data = resources.files("vanban_nlp.lexicon").joinpath("tcvn3.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if not line or line.startswith("#"):
            continue
        code, char = line.split("\t")
        table[int(code, 16)] = char
    return table


@lru_cache(maxsize=1)
def _tcvn3_translation() -> dict[int, str]:
    """Latin-1 code points and their cp1252 look-alikes (0x80-0x9F) -> Unicode letters."""
    trans: dict[int, str] = {}
    for byte, char in _tcvn3_table().items():
        trans[byte] = char
        if 0x80 <= byte <= 0x9F:
            try:
                trans[ord(bytes([byte]).decode("cp1252"))] = char
            except UnicodeDecodeError:
                pass
    return trans


def from_tcvn3(text: str) -> str:
    """Convert TCVN3 look-alike characters (as decoded by Latin-1 or cp1252) to Unicode."""
    return text.translate(_tcvn3_translation())


@lru_cache(maxsize=1)
def _vni_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table = _vni_vowel_table()
    for single, letter in _VNI_SINGLE.items():
        table[single] = letter
        table[single.upper()] = letter.upper()
    # ơ (ô) and ư (ö) take a tone mark after them: ôù = ớ, ÖØ = Ừ
    for single, letter in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in _VNI_TONES.items():
            for s, l in ((single, letter), (single.upper(), letter.upper())):
                for m in (mark, mark.upper()):
                    table[s + m] = unicodedata.normalize("NFC", l + tone)
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


def _vni_vowel_table() -> dict[str, str]:
    """A vowel followed by VNI's tone, circumflex or breve characters -> the composed letter."""
    table: dict[str, str] = {}
    for base in "aeiouyAEIOUY":
        for mark, tone in _VNI_TONES.items():
            for m, b in ((mark, base), (mark.upper(), base)):
                table[b + m] = unicodedata.normalize("NFC", b + tone)
    for base in "aeoAEO":
        for mark, tone in _VNI_CIRCUMFLEX.items():
            for m in (mark, mark.upper()):
                table[base + m] = unicodedata.normalize("NFC", base + "\u0302" + tone)
    for base in "aA":
        for mark, tone in _VNI_BREVE.items():
            for m in (mark, mark.upper()):
                table[base + m] = unicodedata.normalize("NFC", base + "\u0306" + tone)
    return table


def from_vni(text: str) -> str:
    """Convert VNI-Windows look-alike characters (as decoded by cp1252) to Unicode."""
    pattern, table = _vni_pattern()
    return pattern.sub(lambda m: table[m.group(0)], text)


def vietnamese_score(text: str) -> float:
    """Common Vietnamese words per 100 characters: high for real Vietnamese, ~0 for mojibake."""
    if not text:
        return 0.0
    sample = text[:20000]
    return 100.0 * len(_COMMON_WORDS.findall(sample)) / max(len(sample), 1)


def looks_like_tcvn3(text: str) -> bool:
    """A Unicode string that is TCVN3 bytes shown through Latin-1 (a .VnTime document)."""
    sample = text[:20000]
    converted = from_tcvn3(sample)
    return converted != sample and vietnamese_score(converted) > 1.5 * vietnamese_score(sample) + 0.5


def looks_like_vni(text: str) -> bool:
    sample = text[:20000]
    converted = from_vni(sample)
    return converted != sample and vietnamese_score(converted) > 1.5 * vietnamese_score(sample) + 0.5
