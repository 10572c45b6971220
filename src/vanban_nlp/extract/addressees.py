"""Kính gửi (addressees) and Nơi nhận (recipients with their purpose, and the `Lưu:` archive line)."""

from __future__ import annotations

import re

from .. import lexicon
from ..layout.sections import ARCHIVE_LINE, Layout
from ..model import Recipient
from ..text.chars import fold

_LEADING = re.compile(r"^\s*[-+•·*~_¬;]\s*")  # a dash as OCR reads it, ";" included
_TRAILING = re.compile(r"[\s;.,:\-_~`'\"]+$")
# OCR specks after a name: "Lãnh đạo Tổng cục Thuế; ~", "Phó TCTr Vũ Chí Hùng, 7"
_TRAILING_SPECKS = re.compile(r"(?:[;,]\s*(?:\S{1,2}|[^\w\s]+)\s*)+$")
_PURPOSE_WORDS = lexicon.words("recipient_purposes").alternation()
_DE = r"(?:để|dé|đê|đề|de)"
_PARENTHESIS = re.compile(r"\(\s*(?P<p>[^()]{1,60}?)\s*\)")
_BARE_PURPOSE = re.compile(rf"\s(?P<q>{_DE}\s+{_PURPOSE_WORDS}[^;.()]*?)\s*[;.,]?\s*$", re.IGNORECASE)
_IS_PURPOSE = re.compile(rf"^{_DE}\b|{_PURPOSE_WORDS}", re.IGNORECASE)
# "Lưu: VT, VP." and OCR's "Luu", "Lm:", "Em:", "Lan:" before the Văn thư code
_AS_ABOVE = re.compile(
    r"^(?:Như|Nhu|Nhw)\s*(?:trên|trén|tren|kính gửi|Điều\s+\d+|Khoản\s+\d+)", re.IGNORECASE
)
# what follows a name that is not part of it: an address, OCR's runs of dots
_ADDRESS = re.compile(r"\s*(?:\(|,\s*)?\s*Địa chỉ\s*:.*$|\s*\.{2,}.*$|\s*…\s.*$", re.IGNORECASE)
_ADDRESS_PARENTHESIS = re.compile(
    r"\s*\([^()]*\b(?:phường|quận|thị xã|huyện|xã|đường|KCN|khu công nghiệp|tầng|số nhà)\b[^()]*\)\s*$",
    re.IGNORECASE,
)
_PAGE_BREAK = re.compile(r"PAGE\s*BREAK", re.IGNORECASE)


def extract_addressees(layout: Layout) -> list[str]:
    out = []
    for line in layout.addressee_lines:
        name = _LEADING.sub("", line.text)
        name = _ADDRESS_PARENTHESIS.sub("", _ADDRESS.sub("", name))
        name = _TRAILING.sub("", name).strip()
        if name:
            out.append(name)
    return out


def extract_recipients(layout: Layout) -> tuple[list[Recipient], list[str]]:
    recipients: list[Recipient] = []
    archive: list[str] = []
    for text, start, end in _entries(layout):
        body = _LEADING.sub("", text).strip()
        if _PAGE_BREAK.search(body):
            continue
        archive_match = ARCHIVE_LINE.match(fold(body))
        if archive_match:
            archive.extend(_archive_units(body[archive_match.end() :]))
            continue
        as_above = _AS_ABOVE.match(body)
        if as_above:  # "Như trên" is the whole recipient; the rest of its line is the signature column
            recipients.append(Recipient(name=as_above.group(0), purpose=None, span=(start, end)))
            continue
        name, purpose = _name_and_purpose(body)
        if name:
            recipients.append(Recipient(name=name, purpose=purpose, span=(start, end)))
    return recipients, archive


def _entries(layout: Layout) -> list[tuple[str, int, int]]:
    """One entry per dash line, with the lines it wraps onto."""
    merged: list[tuple[str, int, int]] = []
    for line in layout.recipient_lines:
        text = line.text.strip()
        if merged and not _LEADING.match(text):
            prev_text, start, _ = merged[-1]
            merged[-1] = (f"{prev_text} {text}", start, line.end)
        else:
            merged.append((text, line.start, line.end))
    return merged


def _name_and_purpose(body: str) -> tuple[str, str | None]:
    for match in _PARENTHESIS.finditer(body):
        content = match["p"]
        if _IS_PURPOSE.search(content):
            purpose = re.sub(r"^(?:dé|đê|đề|de)\b", "để", content.strip(), flags=re.IGNORECASE)
            return _clean_name(body[: match.start()]), purpose  # what follows is the signature column
    bare = _BARE_PURPOSE.search(body)
    if bare:
        return _clean_name(body[: bare.start()]), re.sub(r"^(?:dé|đê|đề|de)\b", "để", bare["q"].strip())
    return _clean_name(body), None


def _clean_name(text: str) -> str:
    return _TRAILING.sub("", _TRAILING_SPECKS.sub("", text.strip())).strip()


# a unit code ("VT", "KK&KTT", "TrHT", "QHĐP") or "Văn thư"; what follows it on the line is the
# number of copies and the drafter's initials (ô 12 of NĐ 30/2020 Phụ lục I), or OCR specks
_UNIT = re.compile(r"^(?:Văn thư|[A-ZĐ][A-Za-zĐđ]*(?:&[A-ZĐ][A-Za-zĐđ]*)*(?:-[A-ZĐ][A-Za-zĐđ&]*)?)")


# "VP(TKTH)", "TCT (VT, KK)": a unit with its sub-units; "(3b)", "(02 bản)": how many copies are kept
_SUB_UNITS = re.compile(r"^\s?\((?P<inner>[^()\d]{2,40})\)")


def _archive_parts(rest: str) -> list[str]:
    """The entries of a Lưu line, split at commas and semicolons outside parentheses."""
    parts: list[str] = []
    depth = start = 0
    for i, char in enumerate(rest):
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char in ",;" and depth == 0:
            parts.append(rest[start:i])
            start = i + 1
    parts.append(rest[start:])
    return parts


def _archive_units(rest: str) -> list[str]:
    units = []
    for part in _archive_parts(rest):
        part = part.strip(" .:-_~'\"(")
        first = part.split(" ", 1)[0]
        if sum(c.isupper() for c in first) < 2 and not first.startswith("Văn thư"):
            # a Party storage line names the office in full: "Lưu Văn phòng Huyện ủy."
            name = _TRAILING.sub("", re.sub(r"\(.*$", "", part)).strip()
            if sum(c.isalpha() for c in name) >= 0.8 * len(name.replace(" ", "")) > 3:
                units.append(name)
            continue
        unit = _UNIT.match(part)
        if unit and sum(c.isalpha() for c in unit.group(0)) >= 2:
            name = unit.group(0)
            sub_units = _SUB_UNITS.match(part[unit.end() :])
            if sub_units and re.search(r"[A-ZĐ]{2,}", sub_units["inner"]):  # not "(Ib)": a copy count
                name += re.sub(r"\s+", " ", sub_units.group(0))
            units.append(name)
    return units
