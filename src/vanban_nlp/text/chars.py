"""Character classes of Vietnamese text, defined once: upper and lower case letters, dashes,
diacritic folding and the upper-case tests every stage uses.

`[A-ZĐÀ-Ỹ]` is not an upper-case class (the range À-Ỹ holds lower-case letters such as à, ư,
ơ and đ too); the classes here list the letters.
"""

from __future__ import annotations

import re
import unicodedata

_VOWELS_UPPER = "AĂÂEÊIOÔƠUƯY"
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def _with_tones(letters: str) -> str:
    return "".join(unicodedata.normalize("NFC", base + tone) for base in letters for tone in ("", *_TONES))


UPPER_LETTERS = "".join(sorted(set("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ" + _with_tones(_VOWELS_UPPER))))
LOWER_LETTERS = UPPER_LETTERS.lower()
UPPER = f"[{UPPER_LETTERS}]"
"""Regex class of one upper-case Vietnamese (or Latin) letter."""
LOWER = f"[{LOWER_LETTERS}]"
"""Regex class of one lower-case Vietnamese (or Latin) letter."""

DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
DASH = "[" + re.escape(DASH_CHARS) + "]"
"""Regex class of any dash or hyphen; normalization folds them all to "-"."""
_DASH_TABLE = dict.fromkeys(map(ord, DASH_CHARS[1:]), "-")

_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]+")
_NON_LETTERS = re.compile(r"[\W\d_]+")


def fold_dashes(text: str) -> str:
    """Every dash variant as "-" (same length)."""
    return text.translate(_DASH_TABLE)


def fold(text: str) -> str:
    """Upper case without diacritics, for OCR-tolerant matching of fixed formulas ("THONG BAO").

    Each letter of NFC text stays one letter, so a position in the folded text is a position in
    the text."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return _COMBINING_MARKS.sub("", decomposed).upper()


def is_upper_text(text: str) -> bool:
    """Mostly upper-case letters (headings, titles, OCR'd capitals with a few misread letters)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(1 for c in letters if c.isupper()) >= 0.8 * len(letters)


def is_upper_line(line: str) -> bool:
    """Only upper-case letters, at least four of them (a heading line, not a sentence)."""
    letters = _NON_LETTERS.sub("", line)
    return len(letters) >= 4 and letters.isupper()


def starts_upper(text: str) -> bool:
    """The first letter of the text is upper case ("Đề nghị", "Ủy ban")."""
    return bool(text) and text[0].isupper()
