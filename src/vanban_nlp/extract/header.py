"""The document's own heading: cơ quan, số/ký hiệu, địa danh, ngày, tên loại, trích yếu, người ký."""

from __future__ import annotations

import re

from .. import lexicon
from ..layout.sections import (
    FOLDED_TITLES,
    NUMBER_LINE,
    SIGNER_AUTHORITY,
    VV_LINE,
    Layout,
    Line,
    has_title_word,
    match_title,
    place_date,
)
from ..model import DateMention, Header, Signer
from ..text.chars import fold, is_upper_text
from .citations import CODE, CODE_LOOSE, canonical_code, doc_type_for, number_at_start

# a heading line that starts a new body (SỞ NỘI VỤ under ỦY BAN NHÂN DÂN TỈNH X)
_UNITS = lexicon.words("unit_words")
_UNIT_WORDS = _UNITS.words
# "ỦY BAN THƯỜNG VỤ" + "QUỐC HỘI": a line that cannot end a name goes on on the next line
_NEEDS_COMPLEMENT = re.compile(
    r"\b(?:" + "|".join(re.escape(fold(w)) for w in _UNITS.extra["needs_complement"]) + r")$"
)
# a heading line that starts a new body (SỞ NỘI VỤ under ỦY BAN NHÂN DÂN TỈNH X); matched without
# diacritics so ASCII-typed headings ("PHONG TAI NGUYEN VA MOI TRUONG") count too
_UNIT_START = re.compile(
    r"^(?:" + "|".join(sorted({re.escape(fold(w)) for w in _UNIT_WORDS}, key=len, reverse=True)) + r")\b"
)
_BLANK_DAY_MONTH = re.compile(
    r"ng[àa]y[\s.…_]*th[áa]ng[\s.…_]*n[ăa]m\s*(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE
)
_NUMBER_BLANK = re.compile(rf"^[^\n/]{{0,8}}?\s?(?P<sep>[/-])\s?(?P<tail>{CODE}(?:\s?[-/]\s?{CODE_LOOSE})*)")


def extract_header(text: str, layout: Layout, dates: list[DateMention]) -> Header:
    header = Header()
    if layout.kind != "letter":
        return header
    _issuers(header, layout)
    _number(header, layout)
    _place_date(header, layout, dates)
    if header.date is None:
        _signing_date(header, text, dates)
    _type_and_subject(header, layout, text)
    _signer(header, layout)
    return header


_SIGNING_STAMP = re.compile(r"(?:Thời gian ký|Ngày ký)\s*:\s*$", re.IGNORECASE)


def _signing_date(header: Header, text: str, dates: list[DateMention]) -> None:
    """The heading's day unreadable (OCR), the portal's signing stamp ("Thời gian ký: 04.04.2022")
    dates the document; never a date of the body."""
    for date in dates:
        line_start = text.rfind("\n", 0, date.span[0]) + 1
        if _SIGNING_STAMP.search(text[line_start : date.span[0]]):
            header.date = date.value
            header.spans["date"] = date.span
            return


_FOLDED_UNITS = sorted({tuple(fold(w).split()) for w in _UNIT_WORDS if " " in w}, key=len, reverse=True)


def _starts_unit(folded: str) -> bool:
    """A heading line opening with a unit word, exactly or as OCR spelled one of its words
    ("TONG CYC THUE" for TỔNG CỤC THUẾ: one wrong letter in one word of a name of two words or more)."""
    if _UNIT_START.match(folded):
        return True
    words = folded.split()
    for unit in _FOLDED_UNITS:
        head = words[: len(unit)]
        if len(head) < len(unit):
            continue
        slips = [
            sum(a != b for a, b in zip(w, u, strict=True)) if len(w) == len(u) else 9
            for w, u in zip(head, unit, strict=True)
        ]
        if (
            max(slips) <= 1
            and sum(slips) == 1
            and all(len(u) >= 3 for u, s in zip(unit, slips, strict=True) if s)
        ):
            return True
    return False


def _issuers(header: Header, layout: Layout) -> None:
    groups: list[list[Line]] = []
    for line in layout.issuer_lines:
        text = line.text.strip()
        if groups and (
            not _starts_unit(fold(text)) or _NEEDS_COMPLEMENT.search(fold(groups[-1][-1].text.strip()))
        ):
            groups[-1].append(line)  # "ỦY BAN NHÂN DÂN" + "TỈNH HẢI DƯƠNG" is one name
        else:
            groups.append([line])
    names = [(" ".join(l.text.strip() for l in g), (g[0].start, g[-1].end)) for g in groups]
    junk = " -_\"'*.“”"
    names = [(re.sub(r"\s+", " ", n).strip(junk), span) for n, span in names if n.strip(junk)]
    if not names:
        return
    header.issuer, header.spans["issuer"] = names[-1]
    if len(names) > 1:
        header.parent_issuer, header.spans["parent_issuer"] = names[-2]


def _number(header: Header, layout: Layout) -> None:
    line = layout.number_line
    if line is None:
        return
    so = NUMBER_LINE.search(line.text)
    offset = so.end() if so else 0
    rest = line.text[offset:]
    found = number_at_start(rest)
    if found:
        number, match = found
    else:
        blank = _NUMBER_BLANK.match(rest)
        if not blank:
            return
        tail = re.sub(r"\s+", "", blank["tail"])
        number = ("/" if blank["sep"] == "/" else "-") + canonical_code(tail)
        match = blank
    header.number = number
    header.spans["number"] = (line.start + offset + match.start(), line.start + offset + match.end())


def _place_date(header: Header, layout: Layout, dates: list[DateMention]) -> None:
    line = layout.place_date_line
    if line is None:
        return
    cut = place_date(line.text)
    if cut is None:
        return
    before = line.text[: cut.start()]
    words = before.split()
    place: list[str] = []
    for word in reversed(words):
        if word[0].isupper() or word in ("phố", "-", "TP.") or (place and word == "Thành"):
            code = (
                sum(c.isupper() for c in word) >= 2 and not any(c.islower() for c in word) and word != "TP."
            )
            if (
                code
                or any(c.isdigit() for c in word)
                or "/" in word
                or word.endswith((".", ":"))
                and word != "TP."
            ):
                break  # the tail of the số/ký hiệu OCR put on the same line ("CT-KK Hà Nội")
            place.insert(0, word)
        else:
            break
    while place and place[0] == "-":
        place.pop(0)
    if place:
        header.place = " ".join(place)
        start = line.start + before.rfind(place[0])
        header.spans["place"] = (start, line.start + len(before.rstrip()))
    for date in dates:
        if line.start <= date.span[0] < line.end:
            header.date = date.value
            header.spans["date"] = date.span
            break
    else:
        blank = _BLANK_DAY_MONTH.search(line.text)
        if blank:  # "Hà Nội, ngày    tháng    năm 2026" of a draft or a signed PDF: the year alone
            header.date = blank["year"]
            header.spans["date"] = (line.start + blank.start(), line.start + blank.end())


def _type_and_subject(header: Header, layout: Layout, text: str) -> None:
    if layout.title_line is not None:
        stripped = layout.title_line.text.strip()
        match = match_title(stripped)
        if match is not None:
            header.doc_type = FOLDED_TITLES.get(match["title"])
            start = layout.title_line.start + layout.title_line.text.index(stripped)
            header.spans["doc_type"] = (start, start + match.end("title"))
    if layout.subject_lines:
        first, last = layout.subject_lines[0], layout.subject_lines[-1]
        subject = " ".join(l.text.strip() for l in layout.subject_lines)
        # OCR puts "Hà Nội, ngày …" on the V/v line: cut it out
        if layout.place_date_line is not None and layout.place_date_line in layout.subject_lines:
            place_line = layout.place_date_line.text.strip()
            cut = place_date(place_line)
            place_span = header.spans.get("place")
            if place_span is not None and layout.place_date_line.start <= place_span[0]:
                offset = place_span[0] - layout.place_date_line.start  # from the place ("Hà Nội, ngày …")
                raw_line = layout.place_date_line.text
                subject = subject.replace(raw_line[offset:].strip(), " ")
            elif cut is not None:
                subject = subject.replace(place_line[place_line.rfind(" ", 0, cut.start()) :], " ")
        header.subject = re.sub(r"\s+", " ", subject).strip()
        header.spans["subject"] = (first.start, last.end)
        if header.doc_type is None and VV_LINE.match(fold(first.text.strip())):
            header.doc_type = "Công văn"
    if header.doc_type is None and header.number and re.match(r"^\d*[/-]", header.number):
        number = header.number if header.number[0].isdigit() else "0" + header.number
        header.doc_type = doc_type_for(number, None)


def _signer(header: Header, layout: Layout) -> None:
    if not layout.signer_lines:
        return
    *titles, last = layout.signer_lines
    name: Line | None = last
    if _has_title(last.text):  # no name line: every line is a title or an authority
        titles, name = layout.signer_lines, None
    authority = [l.text.strip() for l in titles if SIGNER_AUTHORITY.match(l.text.strip())]
    plain = [l.text.strip() for l in titles if l.text.strip() not in authority]
    # the signer's own title; with the authority line alone ("KT. CỤC TRƯỞNG"), that line as written
    title = plain[-1] if plain else (authority[-1] if authority else None)
    header.signer = Signer(
        authority="; ".join(authority) or None, title=title, name=name.text.strip() if name else None
    )
    header.spans["signer"] = (layout.signer_lines[0].start, layout.signer_lines[-1].end)


def _has_title(text: str) -> bool:
    return is_upper_text(text) and has_title_word(text)


__all__ = ["extract_header"]
