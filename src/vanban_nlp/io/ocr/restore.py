"""Vietnamese conventions restored after OCR, only where the lexicon is sure; digits never change.

Tesseract's commonest slips on Vietnamese are lost or swapped marks: ố read as ô, ề as ê, ổ as ồ
(Quyêt, sô, quyên, đôi bô for Quyết, số, quyền, đổi bổ). A syllable is changed only to another
spelling of the same letters (same skeleton once every mark is stripped) and only when that makes
a word of the dictionary (underthesea's Viet74K) or a phrase of our administrative lexicon
(`lexicon/ocr_phrases.txt`) with a neighbour, or when the syllable as read is not Vietnamese at
all. A best path over each run of syllables (Viterbi) weighs these, so a syllable that already
forms a word as read stays. Fixed lines (Quốc hiệu, motto, Kính gửi, Nơi nhận) are matched with
rapidfuzz on their skeletons, and ASCII-folded type codes in numbers get their Đ back.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from ...text.tones import apply_tone_style

NUMBER = "#"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# a number written as a number (with its ký hiệu): 3722/VPCP-CN, 64/2025/QH15, 17/3/2026, 10.5
NUMERIC = re.compile(r"\d")

CHANGE_COST = 2.5  # what a change must win back through the words it makes
CAPITALS_CHANGE_COST = 1.5  # marks over capitals are the ones tesseract loses most
PAIR_BONUS = 3.0  # two neighbours that make a word of the dictionary
PHRASE_BONUS = 4.5  # two neighbours inside a phrase of our administrative lexicon
MARGIN = 1.0  # how much the chosen spelling must beat the next best
INVALID_COST = 6.0  # a syllable that is no Vietnamese syllable at all
PRIOR_WEIGHT = 1.0  # per Zipf unit (a tenfold frequency) of the syllable in Vietnamese text

FORMULAS = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Kính gửi:",
    "Nơi nhận:",
)


def skeleton(word: str) -> str:
    """The letters without any mark: 'Quyết' -> 'quyet', 'Đổi' -> 'doi'."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def to_key(word: str) -> str:
    """Lowercase, NFC, new tone style: how syllables are looked up."""
    return _key(word)


def _key(word: str) -> str:
    return apply_tone_style(unicodedata.normalize("NFC", word.lower()), "new")


@dataclass
class Lexicon:
    syllables: dict[str, int]  # syllable (new tone style) -> number of dictionary entries using it
    pairs: set[tuple[str, str]]  # adjacent syllables inside a dictionary word
    phrase_pairs: set[tuple[str, str]]  # adjacent syllables inside a phrase of ocr_phrases.txt
    by_skeleton: dict[str, list[str]]  # skeleton -> syllables spelled with those letters


def _phrases() -> Iterable[str]:
    text = resources.files("vanban_nlp.lexicon").joinpath("ocr_phrases.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _dictionary_words() -> Iterable[str]:
    try:
        from underthesea.corpus import viet_dict_74K
    except ImportError:  # pragma: no cover - underthesea is a dependency
        return []
    return viet_dict_74K.words


@cache
def lexicon() -> Lexicon:
    syllables: dict[str, int] = defaultdict(int)
    pairs: set[tuple[str, str]] = set()
    phrase_pairs: set[tuple[str, str]] = set()
    sources = [(w, False) for w in _dictionary_words()] + [(p, True) for p in _phrases()]
    for entry, ours in sources:
        parts = [_key(p) for p in re.split(r"[\s\-–/,.:]+", entry) if p]
        if not all(p == NUMBER or WORD.fullmatch(p) for p in parts):
            continue
        variants = [_y_spelling(p) for p in parts]
        if variants != parts:  # kí / ký, lí / lý, mĩ / mỹ: both spellings are in use
            sources.append((" ".join(variants), ours))
        for part in parts:
            if part != NUMBER:
                syllables[part] += 1
        (phrase_pairs if ours else pairs).update(zip(parts, parts[1:], strict=False))
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for syllable in syllables:
        by_skeleton[skeleton(syllable)].append(syllable)
    return Lexicon(dict(syllables), pairs, phrase_pairs, dict(by_skeleton))


_FINAL_I = re.compile(r"^([bcdđghklmnpqrstvx]+)([iíìỉĩị])$")
_I_TO_Y = dict(zip("iíìỉĩị", "yýỳỷỹỵ", strict=True))


def _y_spelling(syllable: str) -> str:
    """The spelling with final y for a syllable written with final i after a consonant (kí -> ký)."""
    match = _FINAL_I.match(syllable)
    if not match or match.group(1) in ("gh", "ngh", "qu", "g"):
        return syllable
    return match.group(1) + _I_TO_Y[match.group(2)]


NUMBER_LINE = re.compile(r"^(\s*)S[OoÔôỐốỒồỔổỖỗỘộƠơỚớ]\s*[:;.](?=\s*[\d/])")
BASIS_LINE = re.compile(r"^\s*Căn cứ\b.*,\s*$")


def restore(text: str) -> str:
    """The OCR text with marks restored where the lexicon is sure, formulas and type codes fixed."""
    lines = [_restore_formula(line) for line in text.split("\n")]
    return "\n".join(_restore_format(_restore_syllables(line)) for line in lines)


def _restore_format(line: str) -> str:
    """NĐ 30/2020 conventions: the heading's 'Số:' before the number; each 'Căn cứ …' ends with ';'."""
    line = NUMBER_LINE.sub(lambda m: f"{m.group(1)}Số:", line, count=1)
    if BASIS_LINE.match(line):
        body = line.rstrip()
        line = body[:-1] + ";" + line[len(body) :]
    return line


def _restore_formula(line: str) -> str:
    stripped = line.strip()
    if not stripped or len(stripped) > 60:
        return line
    folded = skeleton(stripped).replace("—", "-").replace("–", "-")
    for formula in FORMULAS:
        target = skeleton(formula)
        if fuzz.ratio(folded, target) >= 92 and _same_digits(stripped, formula):
            return _tone_style_as_read(formula, stripped) if formula.isupper() is stripped.isupper() else line
    return line


def _tone_style_as_read(formula: str, read: str) -> str:
    """The formula with each word in the tone placement the page prints: 'CỘNG HOÀ' and 'CỘNG HÒA'
    are both in use, and tesseract reads which one it is."""
    words, seen = formula.split(" "), read.split()
    if len(words) != len(seen):
        return formula
    return " ".join(
        _with_case(unicodedata.normalize("NFC", theirs.lower()), word) if _key(theirs) == _key(word) else word
        for word, theirs in zip(words, seen, strict=True)
    )


def _same_digits(a: str, b: str) -> bool:
    return [c for c in a if c.isdigit()] == [c for c in b if c.isdigit()]


@dataclass
class _Token:
    start: int
    end: int
    text: str
    kind: str  # word | number | break


def _tokens(line: str) -> list[_Token]:
    """Words, numbers (anything holding a digit) and the punctuation that ends a phrase."""
    tokens: list[_Token] = []
    for match in re.finditer(r"\S+", line):
        chunk = match.group(0)
        if NUMERIC.search(chunk):
            tokens.append(_Token(match.start(), match.end(), chunk, "number"))
            continue
        position = match.start()
        for part in re.finditer(r"[^\W\d_]+|[^\w\s]+", chunk):
            kind = "word" if part.group(0)[0].isalpha() else "break"
            if kind == "break" and part.group(0) in ("-", "–", "—"):
                kind = "dash"
            tokens.append(_Token(position + part.start(), position + part.end(), part.group(0), kind))
    return tokens


def _restore_syllables(line: str) -> str:
    tokens = _tokens(line)
    if not tokens:
        return line
    replacements: dict[int, str] = {}
    run: list[_Token] = []
    after_number = False
    for index, token in enumerate(tokens):
        if token.kind == "word":
            run.append(token)
            continue
        if token.text == "," and run and index + 1 < len(tokens) and tokens[index + 1].kind == "word":
            run.append(token)  # "phòng, chống", "sửa đổi, bổ sung": phrases written with a comma
            continue
        # "Số: 12/QĐ-UBND", "Điều 3." : a colon between a word and its number keeps them together
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        numbered = token.kind == "number" or (
            token.text == ":" and following is not None and following.kind == "number"
        )
        _decide(run, replacements, after_number, before_number=numbered)
        run = []
        after_number = token.kind == "number"
    _decide(run, replacements, after_number, before_number=False)
    if not replacements:
        return line
    out = []
    last = 0
    for token in tokens:
        if token.start in replacements:
            out.append(line[last : token.start])
            out.append(replacements[token.start])
            last = token.end
    out.append(line[last:])
    return "".join(out)


def _candidates(word: str, lex: Lexicon) -> list[tuple[str, float]]:
    """(spelling, cost) for a word as read and its other spellings; lowercase, new tone style."""
    key = _key(word)
    if len(key) > 7 or not _looks_vietnamese(word):
        return [(key, 0.0)]
    known = key in lex.syllables
    options = [(key, 0.0 if known else INVALID_COST)]
    # in capitals the marks are small and crowded over the letters: any of them may be lost or wrong
    capitals = len(word) > 1 and word.isupper()
    for other in lex.by_skeleton.get(skeleton(key), []):
        if other == key:
            continue
        if _ocr_slip(key, other):
            options.append((other, CAPITALS_CHANGE_COST if capitals else CHANGE_COST))
        elif capitals:
            options.append((other, CHANGE_COST))
    return options


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
HATTED = set("âăêôơư")
HAT_SLIPS = {frozenset(p) for p in ("aâ", "aă", "âă", "eê", "oô", "oơ", "ôơ", "uư")}


def _split(char: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in decomposed if c in TONE_MARKS)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return base, tone


def _ocr_slip(read: str, true: str) -> bool:
    """Could tesseract have read `true` as `read`? Its slips are on stacked marks: the tone of a
    vowel with a hat or horn (ô ê â ơ ư ă) lost or changed, the hat lost under a tone (É for Ế,
    NAM for NĂM), or every tone of the syllable lost. A changed tone on a plain vowel (tỉnh /
    tình, hòa / hóa) or d / đ is a different word, not a slip."""
    if len(read) != len(true):
        return False
    read_toneless = all(_split(c)[1] == "" for c in read)
    for x, y in zip(read, true, strict=True):
        if x == y:
            continue
        (bx, tx), (by, ty) = _split(x), _split(y)
        if bx == by:
            if bx in HATTED or (read_toneless and tx == ""):
                continue
            return False
        # a hat lost or misread, the tone kept (or the whole syllable read without tones)
        if frozenset((bx, by)) not in HAT_SLIPS or (tx != ty and not read_toneless):
            return False
    return True


def _looks_vietnamese(word: str) -> bool:
    """Abbreviations (UBND, TTg, VPCP) and foreign words stay as they are."""
    if len(word) > 1 and word.isupper() and not any(c in "AEIOUYĂÂÊÔƠƯ" for c in skeleton(word).upper()):
        return False
    return not (any(c.isupper() for c in word[1:]) and not word.isupper())


def _prior(syllable: str, lex: Lexicon) -> float:
    return PRIOR_WEIGHT * _zipf(syllable)


@cache
def _zipf(syllable: str) -> float:
    """How common a syllable is in Vietnamese text (wordfreq's Zipf scale: 6 = once per thousand words)."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(syllable, "vi"), zipf_frequency(apply_tone_style(syllable, "old"), "vi"))


def _decide(run: list[_Token], replacements: dict[int, str], after_number: bool, before_number: bool) -> None:
    """Best spelling for each word of a run of words (no punctuation between them).

    Max-product forward and backward passes give, for each word and spelling, the score of the
    best whole-run reading through it (score = words made - changes + a small productivity
    prior). A word is changed only when its best spelling beats every other one, the spelling as
    read included, by MARGIN: two equally good corrections mean no correction.
    """
    # a comma inside the run only lets our phrases (written with it) span it
    commas = [i > 0 and run[i - 1].text == "," for i in range(len(run))]
    words = [(t, c) for t, c in zip(run, commas, strict=True) if t.text != ","]
    run = [t for t, _ in words]
    soft = [c for _, c in words]
    if not run:
        return
    lex = lexicon()
    options = [_candidates(t.text, lex) for t in run]
    if all(len(o) == 1 and o[0][1] == 0 for o in options):
        return
    local = [{s: -cost + _prior(s, lex) for s, cost in option} for option in options]
    for s in local[0]:
        local[0][s] += _pair(NUMBER, s, lex) if after_number else 0.0
    for s in local[-1]:
        local[-1][s] += _pair(s, NUMBER, lex) if before_number else 0.0
    forward = [dict(local[0])]
    for position in range(1, len(run)):
        forward.append(
            {
                s: value + max(f + _pair(p, s, lex, soft[position]) for p, f in forward[-1].items())
                for s, value in local[position].items()
            }
        )
    backward = [dict.fromkeys(local[-1], 0.0)]
    for position in range(len(run) - 2, -1, -1):
        following = backward[0]
        backward.insert(
            0,
            {
                s: max(
                    local[position + 1][n] + _pair(s, n, lex, soft[position + 1]) + b
                    for n, b in following.items()
                )
                for s in local[position]
            },
        )
    as_read = [_key(t.text) for t in run]
    titled = [_title_case(t.text) for t in run]
    for position, token in enumerate(run):
        # a run of capitalised words is a name (Nguyễn Văn Hùng, Bộ Công Thương): left as read
        if titled[position] and (
            (position > 0 and titled[position - 1]) or (position + 1 < len(run) and titled[position + 1])
        ):
            continue
        # a word that already makes a word with a neighbour as read is taken as right
        if (position > 0 and _pair(as_read[position - 1], as_read[position], lex, soft[position])) or (
            position + 1 < len(run)
            and _pair(as_read[position], as_read[position + 1], lex, soft[position + 1])
        ):
            continue
        through = {s: forward[position][s] + backward[position][s] for s in local[position]}
        ranked = sorted(through.items(), key=lambda item: item[1], reverse=True)
        best = ranked[0][0]
        if best == _key(token.text):
            continue
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < MARGIN:
            continue
        replacements[token.start] = _with_case(best, token.text)


def _title_case(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _pair(first: str, second: str, lex: Lexicon, across_comma: bool = False) -> float:
    if (first, second) in lex.phrase_pairs:
        return PHRASE_BONUS
    return PAIR_BONUS if (first, second) in lex.pairs and not across_comma else 0.0


def _with_case(spelling: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return spelling.upper()
    if model[:1].isupper():
        return spelling[:1].upper() + spelling[1:]
    return spelling
