"""What the words around a citation say about it: its date and issuer after the number ("ngày …
của …"), the type word a list shares ("các Công văn số 12/…, 13/…"), the issuer named before it
("chỉ đạo của Thủ tướng Chính phủ tại Công điện số …") or after the last member of its list. Each
pass takes citations and returns new ones."""

from __future__ import annotations

import re
from dataclasses import replace

from ... import lexicon
from ...model import DateMention
from ..patterns import StartIndex
from .find import TYPE_WORD_ALT
from .model import Citation

# "15/QĐ-TTg. ngày 30/3/2021": a stray OCR period before a lower-case "ngày" is no sentence end
_DATE_AFTER = re.compile(
    r"^\s*(?:[,(]|\.(?=\s*(?-i:ng)))?\s*(?:ban hành\s+|ký\s+)?(?=ng[àa]y)", re.IGNORECASE
)
_ISSUER_AFTER = re.compile(r"^\s*,?\s*(?:của|do)['’`]?\s+", re.IGNORECASE)
# where the issuer after "của" ends: a word of lexicon/issuer_ends.yaml, punctuation, or a comma not
# inside a body's name ("Bộ Văn hóa, Thể thao và Du lịch")
_ISSUER_STOP = re.compile(
    r"\s" + lexicon.words("issuer_ends").alternation() + r"(?=[\s,;.:]|$)"
    r"|[.;:()\[\]\"\n]|,(?!\s+(?:Thể|Du|Thương|Xã|Gia|Khoa|Thông|Văn|Phát)\b)",
)
_NEXT_CITATION = re.compile(rf"[,;]?\s+(?:và\s+)?(?:{TYPE_WORD_ALT})\s+(?:số|\d)", re.IGNORECASE)
# the gap between members of a coordinated list, a date OCR garbled included ("ngày 06/1 1/2013, ");
# the next member's type word may be one OCR misspelt beyond reading ("Thông tu sô 08/2013/…")
_LIST_GAP = re.compile(
    r"\s*(?:ngày\s*[\d/ .]{4,14}\s*)?(?:,|và|,\s*và)\s*(?:[^\W\d_]{2,8}\s+){0,2}(?:s[ốôo]\s*:?\s*)?"
)
# "chỉ đạo của Thủ tướng Chính phủ tại Công điện số …" ; "Giám đốc Sở X ban hành Công văn số …"
_OF_X_AT = re.compile(r"(?:của|do)\s+(?P<issuer>[^,.;:()\n]{3,80}?)\s+tại\s*$", re.IGNORECASE)
_X_ISSUED = re.compile(
    r"(?:^|[,.;:\n]\s*)(?:ngày\s+[\d/]+\s*,\s*)?(?P<issuer>[^,.;:\n]{3,80}?)\s+(?:đã\s+|vừa\s+)?(?:ký\s+)?"
    r"(?:ban hành|bàn hành|ban hanh)\s*$",
    re.IGNORECASE,
)
# between members of a list that an issuer named before it covers ("…; và Báo cáo số", ", các văn bản số")
_CARRY_GAP = re.compile(r"(?:\s|,|;|và|các|những)*")
_DATE_BEFORE = re.compile(
    r"ngày\s+(\d{1,2}/\d{1,2}/\d{4})\s*,[^,.;\n]{0,80}?(?:ban hành|bàn hành)\s*$", re.IGNORECASE
)


def with_tails(text: str, citations: list[Citation], dates: list[DateMention]) -> list[Citation]:
    index = StartIndex(dates, lambda d: d.span[0])
    return [_tail(text, cit, index) if cit.full else cit for cit in citations]


def _tail(text: str, cit: Citation, dates: StartIndex) -> Citation:
    """Date ("ngày …") and issuer ("của …") right after the number, in either order."""
    pos = cit.end
    for _ in range(2):
        rest = text[pos : pos + 200]
        if cit.date is None and _DATE_AFTER.match(rest):
            date = dates.first_between(pos, pos + 13)
            if date:
                cit = replace(cit, date=date.value, date_span=date.span, tail_end=date.span[1])
                pos = date.span[1]
                continue
        issuer_match = _ISSUER_AFTER.match(rest)
        if cit.issuer is None and issuer_match:
            issuer, length = _issuer_phrase(rest[issuer_match.end() :])
            if issuer:
                pos = pos + issuer_match.end() + length
                cit = replace(cit, issuer=issuer, tail_end=pos)
                continue
        break
    return cit


def _issuer_phrase(text: str) -> tuple[str | None, int]:
    """The issuer named after "của": up to a stop word, punctuation or the next citation."""
    window = text[:150]
    stop = _ISSUER_STOP.search(" " + window)
    end = stop.start() - 1 if stop else len(window)
    next_citation = _NEXT_CITATION.search(window[:end])
    if next_citation:
        end = next_citation.start()
    phrase = window[:end].rstrip(" ,-")
    if not phrase or not (phrase[0].isupper() or phrase.lower().startswith(("quý", "các"))):
        return None, 0
    return phrase, len(phrase)


def with_list_types(text: str, citations: list[Citation]) -> list[Citation]:
    """ "các Công văn số 12/UBND-VP, 13/UBND-VP và số 14/UBND-VP": later numbers share the type word."""
    out: list[Citation] = []
    previous: Citation | None = None
    for cit in citations:
        if cit.full:
            if cit.type_word is None and previous is not None and previous.type_word:
                gap = text[previous.tail_end : cit.start]
                if len(gap) < 40 and re.fullmatch(r"\s*(?:,|;|và|hoặc)\s*(?:và\s*)?(?:số\s*:?)?\s*", gap):
                    cit = replace(cit, type_word=previous.type_word, inherits=True)
            previous = cit
        out.append(cit)
    return out


def with_shared_issuers(text: str, citations: list[Citation]) -> list[Citation]:
    """ "các Công văn số 12/UBND-VP, 13/UBND-VP của UBND tỉnh" and "Nghị định số A ngày … và Nghị định
    số B ngày … của Chính phủ": the issuer after the last citation of a coordinated list covers all."""
    issuers: dict[int, str] = {}
    group: list[Citation] = []
    for cit in [c for c in citations if c.full] + [None]:
        joined = (
            cit is not None
            and group
            and (cit.inherits or _LIST_GAP.fullmatch(text[group[-1].tail_end : cit.start]))
        )
        if joined and group[-1].issuer is None:
            group.append(cit)  # type: ignore[arg-type]
            continue
        if len(group) > 1 and group[-1].issuer:
            for member in group[:-1]:
                issuers.setdefault(member.start, group[-1].issuer)
        group = [cit] if cit is not None else []
    return [
        replace(c, issuer=issuers[c.start]) if c.issuer is None and c.start in issuers else c
        for c in citations
    ]


def with_context_issuers(text: str, citations: list[Citation]) -> list[Citation]:
    """The issuer named before a citation ("… của Thủ tướng Chính phủ tại Công điện số …", "Sở X ban
    hành Công văn số …"), carried along a list that follows it; a date before "ban hành"."""
    from ..dates import find_dates

    out: list[Citation] = []
    group_issuer: str | None = None
    previous_end = -1
    for cit in citations:
        if not cit.full:
            out.append(cit)
            continue
        before = text[max(0, cit.start - 160) : cit.start]
        of_x = _OF_X_AT.search(before)
        issued = _X_ISSUED.search(before)
        if of_x:
            group_issuer = of_x["issuer"].strip()
        elif issued:
            # a news credit before the subject: "(Cổng TTĐT tỉnh) - Chủ tịch UBND tỉnh vừa ký ban hành …"
            group_issuer = re.sub(r"^\([^)]*\)\s*-?\s*", "", issued["issuer"].strip())
        elif not (
            cit.inherits
            or (0 <= cit.start - previous_end < 30 and _CARRY_GAP.fullmatch(text[previous_end : cit.start]))
        ):
            group_issuer = None
        if cit.issuer is None and group_issuer and group_issuer[0].isupper():
            cit = replace(cit, issuer=group_issuer)
        if cit.date is None:
            date_before = _DATE_BEFORE.search(before)
            values = find_dates(date_before.group(1)) if date_before else []
            if values:
                cit = replace(cit, date=values[0].value)
        previous_end = cit.tail_end
        out.append(cit)
    return out
