"""Property-based tests: any Unicode text in, no exception, spans inside the text, evidence = text[span]."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban_nlp import parse_text
from vanban_nlp.extract.citations import find_references
from vanban_nlp.extract.dates import find_dates
from vanban_nlp.extract.items import find_items
from vanban_nlp.layout.sections import analyze_layout

# fragments of real formats, shuffled with arbitrary text, reach the interesting paths
FRAGMENTS = st.sampled_from(
    [
        "Số: 12/UBND-VP",
        "Công văn số 280/CĐ-TTg ngày 19/4/2023 của Thủ tướng Chính phủ",
        "924 -TB/TU",
        "ngày tháng 6 năm 2023",
        "Kính gửi:",
        "- Các phòng thuộc Sở;",
        "Nơi nhận:",
        "- Lưu: VT, VP.",
        "1. ",
        "a) ",
        "(1) ",
        "Thứ hai, ",
        "Một là, ",
        "Giám đốc Sở yêu cầu Trưởng các phòng thực hiện các nội dung sau:",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn A",
        "V/v ",
        "\n",
        "\n\n",
        "/",
        "-",
        "trước ngày 15/12/2023",
        "hằng tháng",
        "các Bộ: Công an, Tài chính",
        "(gọi chung là phòng)",
        "UBND tỉnh giao Sở Nội vụ",
        "không được",
    ]
)
DOCUMENTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=25).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(DOCUMENTS)
def test_references_spans(text: str) -> None:
    for ref in find_references(text):
        assert text[slice(*ref.span)] == ref.text
        assert all(0 <= s < e <= len(text) for s, e in ref.mentions)
        assert " " not in ref.number


@SETTINGS
@given(DOCUMENTS)
def test_dates_spans_and_values(text: str) -> None:
    for date in find_dates(text):
        assert text[slice(*date.span)] == date.text
        assert len(date.value) in (7, 10)


@SETTINGS
@given(DOCUMENTS)
def test_items_spans(text: str) -> None:
    stack = list(find_items(text))
    while stack:
        item = stack.pop()
        assert 0 <= item.span[0] < item.span[1] <= len(text)
        assert item.text in text
        stack.extend(item.children)


@SETTINGS
@given(DOCUMENTS)
def test_layout_never_fails(text: str) -> None:
    layout = analyze_layout(text)
    assert 0 <= layout.body_start <= layout.body_end <= len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_whole_parse_spans(text: str) -> None:
    document = parse_text(text)
    t = document.text
    for field, (start, end) in document.header.spans.items():
        assert 0 <= start <= end <= len(t), field
    for obligation in document.obligations:
        assert t[slice(*obligation.span)] == obligation.text
    for ref in document.references:
        assert t[slice(*ref.span)] == ref.text
