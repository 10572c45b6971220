"""One page image to text: clean, find the reading order, recognize block by block, rebuild
lines and paragraphs, restore Vietnamese conventions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from PIL import Image
from rapidfuzz import fuzz

from . import engine
from .clean import clean
from .digits import reread_date, reread_number
from .layout import Block, reading_blocks
from .restore import restore

LIST_MARKER = re.compile(
    r"^(?:[-–—+•*]|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]|[IVXLC]{1,6}\.|Điều\s+\d)", re.IGNORECASE
)


@dataclass
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence 0..1; None for a page without words
    words: int = 0
    skew: float = 0.0
    blocks: list[str] = field(default_factory=list)  # text of each block, in reading order


@dataclass
class _Line:
    words: list[engine.Word]

    @property
    def left(self) -> int:
        return min(w.box[0] for w in self.words)

    @property
    def right(self) -> int:
        return max(w.box[2] for w in self.words)

    @property
    def top(self) -> int:
        return min(w.box[1] for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.box[3] for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


TARGET_CHAR_HEIGHT = 32  # pixels: capitals of 12-13 pt type at 300 dpi, what tesseract reads best


def ocr_page(image: Image.Image, first_page: bool = True, psm: int = 6, restore_text: bool = True) -> OcrPage:
    """Text of one page image. `first_page` enables the heading layout (cơ quan | Quốc hiệu)."""
    page = clean(image)
    if not 20 <= page.char_height <= 56:
        # a photo or a low-resolution scan: bring the letters to the size tesseract was trained on
        factor = TARGET_CHAR_HEIGHT / page.char_height
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        page = clean(image.resize(size, Image.Resampling.LANCZOS))
    blocks = reading_blocks(page.ink, page.char_height, first_page=first_page, rules=page.rules)
    texts: list[str] = []
    confidences: list[float] = []
    for block in blocks:
        crop = _crop(page.gray, block, margin=int(page.char_height))
        words = engine.recognize(Image.fromarray(crop), psm=psm)
        if block.role == "heading-left":
            words = reread_number(words, crop, page.char_height)
        elif block.role == "heading-right":
            words = reread_date(words, crop, page.char_height)
        lines = [
            line
            for line in (
                _Line(_without_leading_speck([w for w in ln.words if not _noise(w)])) for ln in _lines(words)
            )
            if line.words and not _stamp(line)
        ]
        kept = [w for line in lines for w in line.words]
        if not kept or _margin_note(kept):
            continue
        confidences += [w.confidence for w in kept]
        joined = block.role == "body"
        block_text = _block_text(lines, page.char_height, joined)
        if block.role == "heading-left":
            block_text = ISSUER_STOP.sub(_issuer_stop, block_text)
        texts.append(restore(block_text) if restore_text else block_text)
    text = "\n".join(t for t in texts if t)
    confidence = round(float(np.mean(confidences)), 3) if confidences else None
    return OcrPage(text=text, confidence=confidence, words=len(confidences), skew=page.skew, blocks=texts)


def _crop(gray: np.ndarray, block: Block, margin: int) -> np.ndarray:
    """The block's pixels on a white canvas with a margin (nothing of its neighbours)."""
    region = gray[block.top : block.bottom, block.left : block.right]
    canvas = np.full((region.shape[0] + 2 * margin, region.shape[1] + 2 * margin), 255, dtype=np.uint8)
    canvas[margin : margin + region.shape[0], margin : margin + region.shape[1]] = region
    return canvas


# the received stamp (dấu "ĐẾN" of the văn thư: Số/Giờ/Ngày/Chuyển on dotted lines, often under the
# name of the receiving office), on skeletons (no marks: OCR mangles them)
STAMP_LINE = re.compile(
    r"cong\s*thong\s*tin\s*dien\s*tu|cong\s*van\s*den|kinh\s*chuyen\W*\.{2}"
    r"|\b(?:gio|ngay|so|chuyen)\s*[:.]?\s*\S{0,6}\.{3}|^\W*den\W*(?:gio|so|ngay)?\W*$"
)
BROKEN_CODE = re.compile(r"[\dA-ZĐ]-$")
KEEP_MARKS = ("-", "–", "/.", "./.", ";", ":", ",", ".", "(", ")", "+", "*")
CODE = re.compile(r"^[(\[/]?[\dA-ZĐ][\dA-Za-zĐđ./\-&]*[)\]]?[.,;:]?$")


# what tesseract makes of a rule's end or the page edge, sure or not: no letter prints these alone
STROKE_MARKS = re.compile(r"^[|`¡¦_]+$")
# a line never begins with these: a speck in the margin read as punctuation
LEADING_SPECK = re.compile(r"^[.,;:]+$")


def _noise(word: engine.Word) -> bool:
    """What tesseract made of specks, stamps and strokes: marks without a letter, or an unsure
    word that is neither a Vietnamese syllable, a number nor a code."""
    if STROKE_MARKS.match(word.text):
        return True
    if not any(ch.isalnum() for ch in word.text):
        return word.confidence < 0.6 and word.text not in KEEP_MARKS
    if word.confidence >= 0.4:
        return False
    return not _plausible(word.text)


def _without_leading_speck(words: list[engine.Word]) -> list[engine.Word]:
    while len(words) > 1 and LEADING_SPECK.match(words[0].text):
        words = words[1:]
    return words


def _plausible(text: str) -> bool:
    core = text.strip(".,;:()\"'“”")
    if not core:
        return False
    if CODE.match(core) and (any(c.isdigit() for c in core) or core.isupper()):
        return True
    if "/" in core and any(c.isdigit() for c in core):  # a number with its ký hiệu, however misread
        return True
    return all(
        _known(part) or (len(part) == 1 and part.isupper()) for part in re.split(r"[-/.]", core) if part
    )


def _known(part: str) -> bool:
    from .restore import lexicon, to_key

    return to_key(part) in lexicon().syllables


STAMP_NAMES = ("congthongtindientuchinhphu", "congvanden")


def _stamp(line: _Line) -> bool:
    """A line of the received stamp, or a line of what tesseract made of a stamp or seal: most of
    its words are neither Vietnamese syllables, numbers nor codes, and tesseract is unsure."""
    from .restore import skeleton

    folded = skeleton(line.text)
    if STAMP_LINE.search(folded):
        return True
    squeezed = re.sub(r"[^a-z]", "", folded)
    if any(len(squeezed) >= len(name) and fuzz.partial_ratio(squeezed, name) >= 90 for name in STAMP_NAMES):
        return True
    worded = [w for w in line.words if any(c.isalpha() for c in w.text)]
    real = sum(_plausible(w.text) and len(w.text.strip(".,;:")) >= 2 for w in worded)
    return (
        len(worded) >= 3 and real < 0.4 * len(worded) and float(np.mean([w.confidence for w in worded])) < 0.7
    )


# 'ỦY. BAN NHÂN DÂN': the issuer's name in capitals has no period inside; an abbreviation keeps its
# own ('UBND TP. HÀ NỘI': 'TP' is no syllable)
ISSUER_STOP = re.compile(r"\b([^\W\d_a-zđ]{2,})\.(?= [^\W\d_]{2,})")


SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ng|nh|ch|[cmnpt])?$"
)


def _issuer_stop(match: re.Match[str]) -> str:
    from .restore import skeleton

    word = match.group(1)
    return word if word.isupper() and SYLLABLE.match(skeleton(word)) and _known(word) else match.group(0)


def _margin_note(words: list[engine.Word]) -> bool:
    """A clerk's initials or a stray mark alone in a block: a word or two, none a sure word."""
    sure = any(w.confidence >= 0.5 and _plausible(w.text) for w in words)
    numbered = any("/" in w.text and any(c.isdigit() for c in w.text) for w in words)
    return len(words) <= 3 and not sure and not numbered


def _lines(words: list[engine.Word]) -> list[_Line]:
    lines: list[_Line] = []
    for word in words:
        if word.line_start or not lines:
            lines.append(_Line([word]))
        else:
            lines[-1].words.append(word)
    return lines


def _block_text(lines: list[_Line], char_height: float, joined: bool) -> str:
    """Lines as they are (heading, Nơi nhận, signature) or joined into paragraphs (body)."""
    if not joined:
        return "\n".join(line.text for line in lines)
    # the block's margins from most lines, not from a speck beside one of them
    left = float(np.percentile([line.left for line in lines], 20))
    right = float(np.percentile([line.right for line in lines], 80))
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line in lines:
        starts = (
            previous is None
            or line.left - left > 1.2 * char_height  # first-line indent or a centred line
            # the previous line stopped short after a sentence
            or (right - previous.right > 3 * char_height and previous.text.rstrip()[-1:] in ".:;!?")
            or line.top - previous.bottom > 1.0 * char_height  # a blank line between
            or bool(LIST_MARKER.match(line.text))
        )
        if starts:
            paragraphs.append(line.text)
        elif BROKEN_CODE.search(paragraphs[-1]):  # 310/KH- | UBND: a ký hiệu broken at the line end
            paragraphs[-1] += line.text
        else:
            paragraphs[-1] += " " + line.text
        previous = line
    return "\n".join(paragraphs)
