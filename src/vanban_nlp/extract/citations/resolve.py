"""The resolve pass: full citations merged by canonical number into References, then short forms
("Công điện số 280") and anaphors ("Công văn nêu trên") linked to the full citation they name,
like eyecite's resolution of short cites and "id."."""

from __future__ import annotations

import re

from ...model import Reference
from .model import Citation
from .numbers import TYPE_WORDS, doc_type_for, number_key


def resolve(
    citations: list[Citation], text: str, own_number: str | None, own_span: tuple[int, int] | None
) -> list[Reference]:
    refs: dict[str, Reference] = {}
    order: list[str] = []
    own_key = number_key(own_number) if own_number else None
    last_of_type: dict[str, str] = {}
    for cit in citations:
        if cit.anaphor:
            key = last_of_type.get(TYPE_WORDS.get(cit.type_word.lower() if cit.type_word else "") or "")
            if key is not None:
                refs[key].mentions.append((cit.start, cit.end))
            continue
        if not cit.full:
            continue
        if own_span and own_span[0] <= cit.start < own_span[1] + 5:
            continue
        key = number_key(cit.number)
        if key == own_key and own_number and not own_number.startswith("/"):
            continue
        _merge(refs, order, key, cit, text)
        last_of_type[refs[key].doc_type or ""] = key
    for cit in citations:
        if cit.short:
            _resolve_short(refs, order, cit)
    for ref in refs.values():
        ref.mentions.sort()
    return [refs[k] for k in order]


def _merge(refs: dict[str, Reference], order: list[str], key: str, cit: Citation, text: str) -> None:
    span = (cit.start, cit.tail_end)
    if key not in refs:
        refs[key] = Reference(
            number=cit.number,
            doc_type=doc_type_for(cit.number, cit.type_word),
            date=cit.date,
            issuer=cit.issuer,
            text=text[span[0] : span[1]],
            span=span,
            mentions=[span],
        )
        order.append(key)
        return
    ref = refs[key]
    ref.mentions.append(span)
    ref.date = ref.date or cit.date
    ref.issuer = ref.issuer or cit.issuer
    if (
        cit.type_word
        and TYPE_WORDS.get(cit.type_word.lower())
        and ref.doc_type == doc_type_for(ref.number, None)
    ):
        ref.doc_type = doc_type_for(ref.number, cit.type_word)


def _resolve_short(refs: dict[str, Reference], order: list[str], cit: Citation) -> None:
    """ "Công điện số 280" -> 280/CĐ-TTg when one full citation starts with that number."""
    matches = [k for k in order if re.match(rf"{re.escape(cit.number)}[/\-]", refs[k].number)]
    wanted = TYPE_WORDS.get((cit.type_word or "").lower())
    if wanted:
        matches = [k for k in matches if refs[k].doc_type == wanted] or matches
    if len(matches) == 1:
        refs[matches[0]].mentions.append((cit.start, cit.end))
