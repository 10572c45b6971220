"""text/prefilter.py: the words a regex needs, and a cue matcher that answers as it did without them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanban_nlp.obligations.cues import CueMatcher, cues
from vanban_nlp.text.chars import fold
from vanban_nlp.text.prefilter import Prefilter, lowered


def test_requirements_of_cue_patterns() -> None:
    directive = Prefilter.of(r"(?<![^\W\d_])(?<!được )(?:đề nghị|dé nghị|để nghị)(?![^\W\d_])", re.I)
    assert directive is not None
    assert directive.requirements == (frozenset({"đề nghị", "dé nghị", "để nghị"}),)
    modal = Prefilter.of(r"(?<![^\W\d_])(?P<cue>có\s+trách\s+nhiệm)(?![^\W\d_])", re.I)
    assert modal is not None and modal.requirements == tuple(frozenset([w]) for w in ("có", "trách", "nhiệm"))
    assert Prefilter.of(r"\d+/\d{4}").requirements == (frozenset({"/"}),)
    assert Prefilter.of(r"\d+\s*[A-Z]+") is None  # no literal is certain
    assert Prefilter.of(r"(?:giao|\w+)") is None  # an alternative without a literal
    assert Prefilter.of(r"(?:Bộ\s+)?Tài chính", re.I).requirements == (frozenset({"tài chính"}),)


def test_admits_on_lower_case_text() -> None:
    prefilter = Prefilter.of(r"(?<![^\W\d_])yêu cầu", re.I)
    assert prefilter is not None
    assert prefilter.admits(lowered("Sở Tài chính YÊU CẦU các đơn vị") or "")
    assert not prefilter.admits(lowered("Các đơn vị báo cáo kết quả") or "")


def test_text_outside_the_safe_letters_is_not_screened() -> None:
    # the Kelvin sign matches "k" under re.IGNORECASE but lower-cases to itself: no screening
    assert lowered("\u212aính đề nghị") is None
    assert lowered("İ") is None and lowered("Σ") is None
    assert lowered("Kính gửi: Sở Tài chính “Hà Nội” – 2025…") == "kính gửi: sở tài chính “hà nội” – 2025…"


UNITS = [
    "Đề nghị Cục Thuế các tỉnh, thành phố triển khai thực hiện.",
    "Các đơn vị có trách nhiệm báo cáo định kỳ hằng tháng về Sở.",
    "Cục Thuế thông báo để Công ty biết và thực hiện./.",
    "được giao nhiệm vụ chủ trì",
    "Hồ sơ bao gồm:",
    "HỒ SƠ GÔM CÓ:",
    "Kính đề nghị Quý cơ quan xem xét",
    "\u212aính đề nghị Bộ Tài chính",  # Kelvin sign: the regex matches it, the prefilter must not refuse
    "bàn giao tài sản; giao Sở Nội vụ theo dõi",
    "Như sau:",
]


def _reference_find(matcher: CueMatcher, text: str, category: str):
    """The matcher's answer with every rule searched (no prefilter)."""
    best = None
    for (meta, pattern), _ in zip(matcher.rules[category], matcher.prefilters[category], strict=True):
        match = pattern.search(fold(text) if meta.folded else text)
        if match and (best is None or match.start("cue") < best[0]):
            best = (match.start("cue"), match.end("cue"))
    return best


@pytest.mark.parametrize("text", UNITS)
def test_matcher_answers_as_without_prefilters(text: str) -> None:
    matcher = cues()
    for category in matcher.categories:
        found = matcher.find(text, category)
        assert (None if found is None else (found.start, found.end)) == _reference_find(
            matcher, text, category
        )


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàạãảéèếềểịóòốồờởụủứừýK\u212a :;,./-", max_size=60))
def test_matcher_answers_as_without_prefilters_on_any_text(text: str) -> None:
    matcher = cues()
    for category in ("directive", "modal", "closing", "reporting", "lead_in", "enumeration"):
        found = matcher.find(text, category)
        assert (None if found is None else (found.start, found.end)) == _reference_find(
            matcher, text, category
        )
