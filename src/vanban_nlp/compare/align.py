"""How implementing texts cover a central directive.

Units are obligations (leaf items and instruction paragraphs). Each unit's text is normalized
and word-segmented (underthesea), then every implementing text is scored against the central
one with rapidfuzz's vectorized `cdist` (token set and token sort ratios), plus a bonus for
citing the same documents and naming the same actors. Implementing texts are never compared with
each other, so the work grows linearly with the number of documents.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..model import Document

MATCH_THRESHOLD = 62.0
REF_BONUS = 8.0
ACTOR_BONUS = 4.0


@dataclass
class Unit:
    doc: str
    index: int
    label: str | None
    text: str
    segmented: str
    refs: set[str]
    actors: set[str]


@dataclass
class Match:
    central: int
    other_doc: str
    other: int
    score: float


@dataclass
class DocumentCoverage:
    doc: str
    title: str
    coverage: float
    matches: list[Match] = field(default_factory=list)
    additions: list[int] = field(default_factory=list)
    omissions: list[int] = field(default_factory=list)


@dataclass
class Comparison:
    central_title: str
    central: list[Unit]
    others: dict[str, list[Unit]]
    documents: list[DocumentCoverage]

    def to_dict(self) -> dict:
        def unit(u: Unit) -> dict:
            return {"index": u.index, "item": u.label, "text": u.text}

        central_items = []
        for c in self.central:
            covered_by = []
            for cov in self.documents:
                for m in cov.matches:
                    if m.central == c.index:
                        other = self.others[cov.doc][m.other]
                        covered_by.append(
                            {
                                "doc": cov.doc,
                                "score": round(m.score, 1),
                                "item": other.label,
                                "text": other.text,
                            }
                        )
            central_items.append({**unit(c), "covered_by": covered_by})
        return {
            "central": self.central_title,
            "central_items": central_items,
            "documents": [
                {
                    "doc": cov.doc,
                    "title": cov.title,
                    "coverage": round(cov.coverage, 3),
                    "matches": [
                        {"central": m.central, "other": m.other, "score": round(m.score, 1)}
                        for m in cov.matches
                    ],
                    "additions": [unit(self.others[cov.doc][i]) for i in cov.additions],
                    "omissions": [unit(self.central[i]) for i in cov.omissions],
                }
                for cov in self.documents
            ],
        }


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"[^\w/\-]+", " ", text).strip()


@lru_cache(maxsize=65536)
def segment(text: str) -> str:
    """Words joined by "_" (underthesea), so "rà soát" is one token and scores compare words."""
    from underthesea import word_tokenize

    return word_tokenize(_plain(text)[:600], format="text")


def units_of(document: Document, name: str) -> list[Unit]:
    out = []
    for index, obligation in enumerate(document.obligations):
        out.append(
            Unit(
                doc=name,
                index=index,
                label=obligation.item,
                text=obligation.text,
                segmented=segment(obligation.text),
                refs=set(obligation.refs),
                actors={a.casefold() for a in obligation.actors},
            )
        )
    return out


def title_of(document: Document, name: str) -> str:
    h = document.header
    return " ".join(p for p in (h.doc_type, f"số {h.number}" if h.number else None, h.issuer) if p) or name


def compare(
    central: Document,
    others: list[tuple[str, Document]],
    central_name: str = "central",
    threshold: float = MATCH_THRESHOLD,
) -> Comparison:
    central_units = units_of(central, central_name)
    central_texts = [u.segmented for u in central_units]
    result = Comparison(
        central_title=title_of(central, central_name), central=central_units, others={}, documents=[]
    )
    for name, document in others:
        units = units_of(document, name)
        result.others[name] = units
        coverage = DocumentCoverage(doc=name, title=title_of(document, name), coverage=0.0)
        if units and central_units:
            texts = [u.segmented for u in units]
            set_scores = process.cdist(texts, central_texts, scorer=fuzz.token_set_ratio, workers=1)
            sort_scores = process.cdist(texts, central_texts, scorer=fuzz.token_sort_ratio, workers=1)
            scored = []
            for i, unit in enumerate(units):
                for j, target in enumerate(central_units):
                    score = 0.5 * float(set_scores[i][j]) + 0.5 * float(sort_scores[i][j])
                    if unit.refs & target.refs:
                        score += REF_BONUS
                    if unit.actors & target.actors:
                        score += ACTOR_BONUS
                    if score >= threshold:
                        scored.append((min(score, 100.0), i, j))
            # one-to-one, best pairs first: an implementing item answers one central item
            used_other: set[int] = set()
            used_central: set[int] = set()
            for score, i, j in sorted(scored, reverse=True):
                if i in used_other or j in used_central:
                    continue
                used_other.add(i)
                used_central.add(j)
                coverage.matches.append(Match(central=j, other_doc=name, other=i, score=score))
            coverage.matches.sort(key=lambda m: m.central)
            coverage.additions = [i for i in range(len(units)) if i not in used_other]
            coverage.omissions = [j for j in range(len(central_units)) if j not in used_central]
            coverage.coverage = len(used_central) / len(central_units)
        else:
            coverage.omissions = list(range(len(central_units)))
            coverage.additions = list(range(len(units)))
        result.documents.append(coverage)
    return result
