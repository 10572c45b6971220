"""Calendar dates in Vietnamese official text.

Forms: `ngày 29 tháng 9 năm 2023`, `ngày tháng 6 năm 2023` (blank draft day -> `2023-06`),
`tháng 3 năm 2024`, `tháng 3/2024`, `19/4/2023`, `30-10-2023`, `30.10.2023`, web timestamps
(`11/03/2024 16:57`). OCR damage that is certain is read (`ngay30`, `nam 2016`, `O1` for `01`);
anything else is left out. Year-only mentions and periods are not dates; impossible dates are
rejected. Each date gets a role: issue, reference, deadline or other (set by the callers that
know the context; this module marks deadlines from their own cue words).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .. import lexicon
from ..model import DateMention, DateRole
from .patterns import SpanSet

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "Ô": "0", "ô": "0", "l": "1", "I": "1", "L": "1", "|": "1"})
_BLANK = r"(?:[\s.…_]*)"
_NGAY = r"(?<!\w)ng[àaá]y\s*"
_THANG = r"th[áa]ng"
_NAM = r"n[ăaâ]m"
_DAYTOK = r"[0-9OoIl|]{1,2}"

# ngày D tháng M năm Y, with blanks allowed for the day (drafts) and OCR-tolerant spellings
_LONG = re.compile(
    rf"{_NGAY}(?P<d>{_DAYTOK})?{_BLANK}\s*{_THANG}\s+(?P<m>{_DAYTOK})\s+{_NAM}\s+(?P<y>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# tháng M năm Y  |  tháng M/Y  |  tháng M, quý IV năm Y
_MONTH = re.compile(
    rf"(?<!\w){_THANG}\s+(?P<m>\d{{1,2}})(?:\s*,\s*quý\s+\S{{1,4}})?(?:\s+{_NAM}\s+|\s*/\s*)(?P<y>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# "từ 01/01 đến 30/9/2024": the first day of a range takes the year of the last
_RANGE_START = re.compile(
    r"(?<![\d/.\-])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])\s*(?:đến|-)\s*(?:hết\s+)?(?:ngày\s*)?"
    r"\d{1,2}/\d{1,2}/(?P<y>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
# D/M/Y, D-M-Y, D.M.Y  (not part of a longer number such as a document number 12/2016/TT-BTC)
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?P<d>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>(?:19|20)\d{2})(?![\d/]|-[A-ZĐ])"
)
_NGAY_BEFORE = re.compile(r"ngày\s*$", re.IGNORECASE)
# "trước ngày", "chậm nhất là", "hoàn thành trong" right before a date: a deadline
DEADLINE_CUE = re.compile(  # OCR's table-rule speck between cue and date too ("trước ngày| 15/10/2024")
    r"(?<![^\W\d_])" + lexicon.words("deadline_cues").alternation() + r"(?:\s+ngày)?[\s|]*$", re.IGNORECASE
)


@dataclass
class _Found:
    start: int
    end: int
    value: str


def find_dates(text: str) -> list[DateMention]:
    found: list[_Found] = []
    taken = SpanSet()

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    for match in _LONG.finditer(text):
        value = _long_value(match)
        if value:
            found.append(_Found(match.start(), match.end(), value))
            taken.add(*match.span())
    for match in _MONTH.finditer(text):
        if not free(*match.span()):
            continue
        value = _iso(int(match["y"]), int(match["m"]), None)
        if value:
            found.append(_Found(match.start(), match.end(), value))
            taken.add(*match.span())
    for match in _RANGE_START.finditer(text):
        value = _iso(int(match["y"]), int(match["m"]), int(match["d"]))
        if value and free(match.start(), match.end("m")):
            found.append(_Found(match.start(), match.end("m"), value))
            taken.add(match.start(), match.end("m"))
    for match in _NUMERIC.finditer(text):
        if not free(*match.span()):
            continue
        value = _iso(int(match["y"]), int(match["m"]), int(match["d"]))
        if value:
            start = match.start()
            ngay = _NGAY_BEFORE.search(text[max(0, start - 5) : start])
            if ngay:
                start -= len(ngay.group(0))  # "ngày 19/4/2023": the word belongs to the mention
            found.append(_Found(start, match.end(), value))
            taken.add(*match.span())
    found.sort(key=lambda f: f.start)
    out = []
    for f in found:
        role: DateRole = "deadline" if DEADLINE_CUE.search(text[max(0, f.start - 40) : f.start]) else "other"
        out.append(DateMention(value=f.value, text=text[f.start : f.end], span=(f.start, f.end), role=role))
    return out


def _long_value(match: re.Match[str]) -> str | None:
    year = int(match["y"])
    month = _ocr_int(match["m"])
    if month is None:
        return None
    day_token = match["d"]
    day = _ocr_int(day_token) if day_token else None
    if day_token and day is None:
        return None
    return _iso(year, month, day)


def _ocr_int(token: str) -> int | None:
    fixed = token.translate(_OCR_DIGITS)
    return int(fixed) if fixed.isdigit() else None


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
