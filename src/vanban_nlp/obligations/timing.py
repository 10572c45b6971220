"""Deadlines and recurrence of an instruction.

Absolute ("trước ngày 15/12/2023", "chậm nhất ngày 10 tháng 5 năm 2026", "hoàn thành trong tháng
6/2026"), relative ("trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản") resolved against
the document date (working days skip weekends and Vietnamese public holidays, from the maintained
`holidays` package), vague ("kịp thời", "ngay") kept as text. Recurrence as ISO 8601 periods.

The time cell of an assignment table (`cell_timing`) says only when: "Quý II/2026" (the quarter's
last day), "Tháng 6/2026" (`2026-06`), "Năm 2026" (`2026`), "6 tháng đầu năm 2026", "Trước
30/7/2026", a range ("Từ tháng 3 đến tháng 6/2026", "2026-2027": its end), "Thường xuyên" (no
deadline), "Hằng quý" (a recurrence); the cell is kept as written in `deadline_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..extract.dates import DEADLINE_CUE
from ..model import DateMention
from ..text.chars import fold

RECURRENCE = [
    (re.compile(r"\b(?:hằng|hàng)\s+ngày\b", re.IGNORECASE), "P1D"),
    (re.compile(r"\b(?:hằng|hàng)\s+tuần\b|định kỳ\s+(?:hằng\s+)?tuần", re.IGNORECASE), "P1W"),
    (re.compile(r"\b(?:hằng|hàng)\s+tháng\b|định kỳ\s+(?:hằng\s+)?tháng\b(?!\s*\d)", re.IGNORECASE), "P1M"),
    (re.compile(r"\b(?:hằng|hàng)\s+quý\b|định kỳ\s+(?:hằng\s+)?quý", re.IGNORECASE), "P3M"),
    (re.compile(r"(?:định kỳ|hằng|hàng|mỗi)\s+(?:0?6|sáu)\s+tháng", re.IGNORECASE), "P6M"),
    (
        re.compile(
            r"\b(?:hằng|hàng)\s+năm\b|định kỳ\s+(?:hằng\s+)?năm\b|(?:,|và)\s+năm\b(?=\s+báo cáo)",
            re.IGNORECASE,
        ),
        "P1Y",
    ),
]
_RELATIVE = re.compile(
    r"(?:trong\s+(?:thời hạn|vòng)|chậm nhất(?:\s+là)?|không quá|sau)\s+(?P<n>\d{1,3})\s+"
    r"(?P<unit>ngày làm việc|ngày)"
    r"\s*(?:,\s*)?kể từ\s+(?:ngày|khi)\s+(?P<from>nhận được|ký|ban hành|có hiệu lực)?",
    re.IGNORECASE,
)
# "hoàn thành trong tháng 6/2026"; "…, báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2020." — a
# month that closes the instruction's clause is when it is due ("Trong tháng 10 năm 2024, …" opens
# a background sentence and is followed by a comma)
_MONTH_DEADLINE = re.compile(
    r"(?:(?P<cue>hoàn thành|xong|thực hiện)\s+(?:trong|trước)|\btrong)\s+tháng\s+(?P<m>\d{1,2})"
    r"\s*(?:/|năm)\s*(?P<y>\d{4})(?(cue)|(?=\s*(?:[.;)]|$)))",
    re.IGNORECASE,
)
# documents are often signed some days after the meeting or the draft that set their deadlines
_SIGNING_GRACE_DAYS = 31
_VAGUE = re.compile(r"\b(?:ngay|kịp thời|khẩn trương|sớm|thường xuyên|trước mắt)\b", re.IGNORECASE)


@dataclass
class Timing:
    deadline: str | None = None
    deadline_text: str | None = None
    recurrence: list[str] = field(default_factory=list)


@lru_cache(maxsize=8)
def _vietnam_holidays(year: int) -> set[date]:
    import holidays

    return set(holidays.country_holidays("VN", years=[year, year + 1]).keys())


def add_working_days(start: date, days: int) -> date:
    """`days` working days after `start`, skipping Saturdays, Sundays and Vietnamese public holidays."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in _vietnam_holidays(current.year):
            remaining -= 1
    return current


def find_timing(text: str, start: int, end: int, dates, document_date: str | None) -> Timing:
    """Deadline and recurrence inside text[start:end]. `dates`: a list, or a StartIndex of them."""
    segment = text[start:end]
    timing = Timing()
    for pattern, period in RECURRENCE:
        if pattern.search(segment) and period not in timing.recurrence:
            timing.recurrence.append(period)
    inside = (
        dates.between(start, end)
        if hasattr(dates, "between")
        else [d for d in dates if start <= d.span[0] < end]
    )
    # a date before the document's own date is a condition ("người sinh trước ngày 01/01/1995"),
    # never a deadline the document sets
    deadline = next(
        (
            d
            for d in inside
            if d.role == "deadline" and not precedes(d.value, document_date, _SIGNING_GRACE_DAYS)
        ),
        None,
    )
    if deadline:
        timing.deadline, timing.deadline_text = deadline.value, _cue_and_text(text, deadline)
        return timing
    month = _MONTH_DEADLINE.search(segment)
    month_value = f"{int(month['y']):04d}-{int(month['m']):02d}" if month else None
    if month and 1 <= int(month["m"]) <= 12 and not precedes(month_value, document_date):
        timing.deadline, timing.deadline_text = month_value, month.group(0)
        return timing
    relative = _RELATIVE.search(segment)
    if relative:
        timing.deadline_text = relative.group(0).strip()
        if document_date and len(document_date) == 10:
            base = date.fromisoformat(document_date)
            n = int(relative["n"])
            due = add_working_days(base, n) if "làm việc" in relative["unit"] else base + timedelta(days=n)
            timing.deadline = due.isoformat()
        return timing
    vague = _VAGUE.search(segment)
    if vague and not timing.recurrence:
        timing.deadline_text = vague.group(0)
    return timing


def precedes(value: str | None, document_date: str | None, grace_days: int = 0) -> bool:
    """`value` (an ISO date, month or year) lies wholly before `document_date`, at the precision both
    have; a day less than `grace_days` before a dated document does not count."""
    if not value or not document_date:
        return False
    if grace_days and len(value) == 10 and len(document_date) == 10:
        try:
            return (date.fromisoformat(document_date) - date.fromisoformat(value)).days > grace_days
        except ValueError:
            pass
    common = min(len(value), len(document_date))
    return value[:common] < document_date[:common]


def _cue_and_text(text: str, mention: DateMention) -> str:
    before = text[max(0, mention.span[0] - 25) : mention.span[0]]
    cue = DEADLINE_CUE.search(before)
    return (cue.group(0) if cue else "") + mention.text


# --- the time cell of an assignment table --------------------------------------------------------

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
# on folded text (upper case, no marks): OCR'd or typed without diacritics reads the same
_YEAR = r"(?:\s*(?:/|-|NAM)\s*(?P<y>(?:19|20)\d{2}))?"
_QUARTERS = r"(?P<q>IV|I{1,3}|[1-4])\b(?:\s*(?:,|VA|-)\s*(?:IV|I{1,3}|[1-4])\b)*"
_CELL_QUARTER = re.compile(r"\bQUY\s+" + _QUARTERS + _YEAR)
_CELL_HALF = re.compile(r"\b(?:6|SAU)\s+THANG\s+(?P<h>DAU|CUOI)\s+NAM(?:\s+(?P<y>(?:19|20)\d{2}))?")
_CELL_MONTH = re.compile(r"\bTHANG\s+(?P<m>\d{1,2})(?!\s*/\s*\d{1,2}\s*/)" + _YEAR)
_CELL_YEAR = re.compile(r"(?:\bNAM\s+|(?<![\d/.]))(?P<y>(?:19|20)\d{2})(?![\d/])")
_RANGE_CUE = re.compile(r"\bDEN\b|\s[-–]\s|(?<=\d)\s*[-–]\s*(?=(?:19|20)\d{2}\b)|\bTOI\b")


def cell_timing(cell: str, document_date: str | None) -> Timing:
    """Deadline and recurrence of an assignment table's time cell (its whole text is the when).

    Each mention (a full date, a quarter, a half-year, a month, a year) becomes the last day or
    the month or year it names; the first mention is the deadline, the last one in a range. A year
    left out ("Quý III", "Tháng 6", "Trước 30/7") is the document's year, unless the cell recurs
    ("30/6 hằng năm"). A deadline before the document's own date is not one.
    """
    text = " ".join(cell.split())
    timing = Timing(deadline_text=text or None)
    if not text:
        return timing
    for pattern, period in RECURRENCE:
        if pattern.search(text) and period not in timing.recurrence:
            timing.recurrence.append(period)
    default_year = None if timing.recurrence or not document_date else document_date[:4]
    mentions = _cell_mentions(text, default_year)
    if not mentions:
        return timing
    value = mentions[-1][1] if len(mentions) > 1 and _RANGE_CUE.search(fold(text)) else mentions[0][1]
    if not precedes(value, document_date):
        timing.deadline = value
    return timing


def _cell_mentions(text: str, default_year: str | None) -> list[tuple[int, str]]:
    """(position, ISO value) of every time the cell names, in text order."""
    from ..extract.dates import find_dates

    folded = fold(text)
    found: list[tuple[int, int, str]] = []

    def add(start: int, end: int, value: str | None) -> None:
        if value and not any(s < end and start < e for s, e, _ in found):
            found.append((start, end, value))

    def year_after(match: re.Match[str]) -> str | None:
        """A mention without its year takes the next year the cell names ("Quý I và Quý II năm
        2027"), else the default."""
        if match.groupdict().get("y"):
            return match["y"]
        later = _CELL_YEAR.search(folded, match.end())
        return later["y"] if later else default_year

    for mention in find_dates(text):
        add(*mention.span, mention.value)
    for match in re.finditer(r"(?<![\d/])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])", text):
        year = year_after(match)  # "Trước 30/7": this year's
        add(*match.span(), _day_value(int(year), int(match["m"]), int(match["d"])) if year else None)
    for match in _CELL_QUARTER.finditer(folded):
        year = year_after(match)
        quarters_end = match.start("y") if match["y"] else match.end()
        last = re.findall(r"IV|I{1,3}|[1-4]", folded[match.start("q") : quarters_end])
        quarter = last[-1] if last else match["q"]
        number = _ROMAN.get(quarter) or int(quarter)
        add(*match.span(), f"{year}-{_QUARTER_END[number]}" if year else None)
    for match in _CELL_HALF.finditer(folded):
        year = year_after(match)
        add(*match.span(), f"{year}-{'06-30' if match['h'] == 'DAU' else '12-31'}" if year else None)
    for match in _CELL_MONTH.finditer(folded):
        year, month = year_after(match), int(match["m"])
        add(*match.span(), f"{year}-{month:02d}" if year and 1 <= month <= 12 else None)
    for match in _CELL_YEAR.finditer(folded):
        add(*match.span("y"), match["y"])
    return [(start, value) for start, _end, value in sorted(found)]


def _day_value(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
