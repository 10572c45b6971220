"""Deadlines and recurrence of an instruction.

Absolute ("trước ngày 15/12/2023", "chậm nhất ngày 10 tháng 5 năm 2026", "hoàn thành trong tháng
6/2026"), relative ("trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản") resolved against
the document date (working days skip weekends and Vietnamese public holidays, from the maintained
`holidays` package), vague ("kịp thời", "ngay") kept as text. Recurrence as ISO 8601 periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..model import DateMention

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
_MONTH_DEADLINE = re.compile(
    r"(?:hoàn thành|xong|thực hiện)\s+(?:trong|trước)\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
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
        (d for d in inside if d.role == "deadline" and not precedes(d.value, document_date)), None
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


def precedes(value: str | None, document_date: str | None) -> bool:
    """`value` (an ISO date, month or year) lies wholly before `document_date`, at the precision both have."""
    if not value or not document_date:
        return False
    common = min(len(value), len(document_date))
    return value[:common] < document_date[:common]


def _cue_and_text(text: str, mention: DateMention) -> str:
    before = text[max(0, mention.span[0] - 25) : mention.span[0]]
    cue = re.search(
        r"(trước|chậm nhất(?: là)?|đến hết|hạn|không quá|muộn nhất|hoàn thành(?: trước)?)\s*(?:ngày\s*)?$",
        before,
        re.IGNORECASE,
    )
    return (cue.group(0) if cue else "") + mention.text
