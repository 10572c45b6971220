"""Tone-mark placement in the open syllables oa, oe, uy: new style (hòa, khỏe, thủy, Ủy)
versus old style (hoà, khoẻ, thuỷ, Uỷ). Both spellings are correct Vietnamese; matching needs one.
Each rewrite swaps a tone between two adjacent letters, so the text keeps its length."""

from __future__ import annotations

import re
import unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"
STYLES = ("new", "old", "keep")


def _split_tone(char: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in decomposed if c in TONES)
    base = "".join(c for c in decomposed if c not in TONES)
    return unicodedata.normalize("NFC", base), tone


def _with_tone(char: str, tone: str) -> str:
    return unicodedata.normalize("NFC", char + tone)


def _letters_with_tones(bases: str) -> str:
    return "".join(_with_tone(b, t) for b in bases for t in TONES)


_LETTER = r"[^\W\d_]|[\u0300-\u036f]"
# old style -> new: tone sits on the last vowel of a word-final oa/oe/uy ("qu" is a consonant: quý stays)
_OLD = re.compile(
    rf"([oO])([{_letters_with_tones('aAeE')}])(?!{_LETTER})"
    rf"|([uU])([{_letters_with_tones('yY')}])(?!{_LETTER})"
)
# new style -> old: tone sits on the first vowel
_NEW = re.compile(
    rf"([{_letters_with_tones('oO')}])([aAeE])(?!{_LETTER})"
    rf"|([{_letters_with_tones('uU')}])([yY])(?!{_LETTER})"
)


def _move(match: re.Match[str], to_first: bool) -> str:
    start = match.start()
    if start > 0 and match.string[start - 1] in "qQ":
        return match.group(0)
    first = match.group(1) or match.group(3)
    second = match.group(2) or match.group(4)
    if to_first:
        base, tone = _split_tone(second)
        return _with_tone(first, tone) + base
    base, tone = _split_tone(first)
    return base + _with_tone(second, tone)


def apply_tone_style(text: str, style: str = "new") -> str:
    if style == "keep":
        return text
    if style == "new":
        return _OLD.sub(lambda m: _move(m, to_first=True), text)
    if style == "old":
        return _NEW.sub(lambda m: _move(m, to_first=False), text)
    raise ValueError(f"unknown tone style {style!r}; use one of {', '.join(STYLES)}")
