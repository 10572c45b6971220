"""Cited documents: administrative (2463/UBND-TH), normative (73/2023/NĐ-CP) and Party (924-TB/TU)
numbers with their type, date and issuer; lists sharing a type word; short re-mentions ("Công
điện số 280", "văn bản số 698 nêu trên", "Thông báo nêu trên") resolved to the full citation.

The eyecite way, in passes that each return new values: `find` (candidates) -> `context` (dates,
issuers, shared type words) -> `resolve` (References, short forms and anaphors linked). The
number helpers of `numbers` are public: the heading, attribute pages, the graph and `vanban eval`
use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import DateMention, Reference
from .context import with_context_issuers, with_list_types, with_shared_issuers, with_tails
from .find import candidates
from .model import Citation
from .numbers import (
    CODE,
    CODE_LOOSE,
    canonical_code,
    canonical_number,
    doc_type_for,
    number_at_start,
    number_key,
)
from .resolve import resolve

__all__ = [
    "CODE", "CODE_LOOSE", "Citation", "Citations", "canonical_code", "canonical_number", "doc_type_for",
    "find_citations", "find_references", "number_at_start", "number_key",
]  # fmt: skip


@dataclass
class Citations:
    references: list[Reference]
    reference_dates: set[tuple[int, int]] = field(
        default_factory=set
    )  # spans of dates read as citation dates


def find_citations(
    text: str,
    dates: list[DateMention] | None = None,
    own_number: str | None = None,
    own_span: tuple[int, int] | None = None,
) -> Citations:
    """All cited documents, once per canonical number, in order of first mention, and which date
    mentions are their dates."""
    from ..dates import find_dates

    dates = dates if dates is not None else find_dates(text)
    found = candidates(text)
    found = with_tails(text, found, dates)
    found = with_list_types(text, found)
    found = with_context_issuers(text, found)
    found = with_shared_issuers(text, found)
    references = resolve(found, text, own_number, own_span)
    return Citations(references, {c.date_span for c in found if c.date_span is not None})


def find_references(
    text: str,
    dates: list[DateMention] | None = None,
    own_number: str | None = None,
    own_span: tuple[int, int] | None = None,
) -> list[Reference]:
    return find_citations(text, dates, own_number, own_span).references
