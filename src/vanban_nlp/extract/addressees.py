"""Kính gửi (addressees) and Nơi nhận (recipients with their purpose, and the `Lưu:` archive line)."""

from __future__ import annotations

import re

from ..layout.sections import Layout
from ..model import Recipient

_LEADING = re.compile(r"^\s*[-+•·*~]\s*")
_TRAILING = re.compile(r"[\s;.,:]+$")
_PURPOSE = re.compile(
    r"\(\s*(?P<p>(?:(?:để|dé|đê)\s+)?[^()]*?)\s*\)\s*[;.,]?\s*$|\s(?P<q>(?:để|dé|đê)\s+(?:b/c|biết|t/h|th/h|ph/h|thực hiện|báo cáo|"
    r"chỉ đạo|phối hợp|theo dõi|đưa tin|đăng tải|giám sát|thi hành)[^;.]*?)\s*[;.,]?\s*$",
    re.IGNORECASE,
)
_ARCHIVE = re.compile(r"^L[ưu]u\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)


def extract_addressees(layout: Layout) -> list[str]:
    out = []
    for line in layout.addressee_lines:
        name = _TRAILING.sub("", _LEADING.sub("", line.text)).strip()
        if name:
            out.append(name)
    return out


def extract_recipients(layout: Layout) -> tuple[list[Recipient], list[str]]:
    recipients: list[Recipient] = []
    archive: list[str] = []
    merged: list[tuple[str, int, int]] = []
    for line in layout.recipient_lines:
        text = line.text.strip()
        if merged and not _LEADING.match(text):
            prev_text, start, _ = merged[-1]
            merged[-1] = (f"{prev_text} {text}", start, line.end)
        else:
            merged.append((text, line.start, line.end))
    for text, start, end in merged:
        body = _LEADING.sub("", text).strip()
        archive_match = _ARCHIVE.match(body)
        if archive_match:
            archive.extend(_archive_units(archive_match["rest"]))
            continue
        purpose = None
        match = _PURPOSE.search(body)
        if match:
            purpose = (match["p"] or match["q"]).strip()
            purpose = re.sub(r"^(?:dé|đê)\b", "để", purpose)  # OCR reads "để" as "dé"
            if not purpose.lower().startswith("để") and not re.search(r"b/c|t/h|biết|báo cáo", purpose, re.I):
                purpose = None  # a parenthesis that is part of the name, e.g. "(Vụ TH)"
            else:
                body = body[: match.start()]
        name = _TRAILING.sub("", body).strip()
        if name:
            recipients.append(Recipient(name=name, purpose=purpose, span=(start, end)))
    return recipients, archive


def _archive_units(rest: str) -> list[str]:
    units = []
    for part in re.split(r"[,;]", rest):
        unit = re.sub(r"\(.*?\)", "", part)
        unit = re.sub(r"\s+\d+\s*b?\.?$", "", unit)
        unit = _TRAILING.sub("", unit).strip()
        letters = sum(c.isalpha() for c in unit)
        if letters >= 2 and letters >= 0.6 * len(unit.replace(" ", "")):  # OCR specks are not units
            units.append(unit)
    return units
