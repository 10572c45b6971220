"""Normalization: one spelling for matching, and every position traceable to the raw text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from vanban_nlp.text.normalize import normalize
from vanban_nlp.text.tones import apply_tone_style


def test_nfd_input_becomes_nfc_and_maps_back() -> None:
    raw = unicodedata.normalize("NFD", "Thủ tướng Chính phủ yêu cầu")
    text = normalize(raw)
    assert text.text == "Thủ tướng Chính phủ yêu cầu"
    start = text.text.index("Chính")
    raw_start, raw_end = text.raw_span(start, start + len("Chính"))
    assert unicodedata.normalize("NFC", raw[raw_start:raw_end]) == "Chính"


def test_tone_mark_convention_is_an_option() -> None:
    assert (
        apply_tone_style("ỦY BAN, Uỷ ban, hoà giải, thuỷ lợi, khoẻ mạnh, quý, hoàn thành")
        == "ỦY BAN, Ủy ban, hòa giải, thủy lợi, khỏe mạnh, quý, hoàn thành"
    )
    assert apply_tone_style("Ủy ban hòa giải thủy lợi", "old") == "Uỷ ban hoà giải thuỷ lợi"
    assert normalize("Thành uỷ Hà Nội", tone_style="keep").text == "Thành uỷ Hà Nội"
    text = normalize("Thành uỷ Hà Nội")
    assert text.text == "Thành ủy Hà Nội"
    assert text.raw[text.to_raw(6) : text.to_raw(8)] == "uỷ", "original spelling stays recoverable"


def test_invisible_characters_spaces_and_dashes() -> None:
    raw = "Số:\u00a0924\u200b –TB/TU\u00ad ngày\t13/02/2023"
    assert normalize(raw).text == "Số: 924 -TB/TU ngày 13/02/2023"


def test_hard_wrapped_lines_are_rejoined_but_paragraphs_and_items_kept() -> None:
    raw = (
        "trừ trường hợp theo chỉ đạo, ủy quyền của\n\ncấp trên; không tham mưu lạm dụng.\n\n"
        "2. Chủ động rà soát các kiến nghị\ncủa doanh nghiệp.\n- Văn phòng Sở tổng hợp;\n- Lưu: VT, VP."
    )
    text = normalize(raw).text
    assert "ủy quyền của cấp trên" in text
    assert "các kiến nghị của doanh nghiệp." in text
    assert "\n\n2. Chủ động" in text and "\n- Văn phòng Sở tổng hợp;\n- Lưu: VT, VP." in text


def test_what_a_colon_introduces_goes_on_in_lower_case_but_a_list_keeps_its_lines() -> None:
    raw = (
        "- Áp dụng nguyên tắc quản lý rủi ro trong kiểm tra thuế:\nsử dụng các tiêu chí rủi ro cao.\n"
        "a) Hồ sơ hoàn thuế dự án đầu tư:\na.1) Bản sao giấy chứng nhận đầu tư;\n"
        "Trường hợp nhà cung cấp nước ngoài tự kê khai:\nf. Nộp thuế trực tiếp."
    )
    text = normalize(raw).text
    assert "trong kiểm tra thuế: sử dụng các tiêu chí" in text
    wrapped = normalize(
        "báo cáo cấp ủy cùng cấp trước khi ban hành;\nhoàn thành trước ngày 10 tháng 6 năm 2026.\n"
    )
    assert "trước khi ban hành; hoàn thành trước ngày 10 tháng 6" in wrapped.text
    assert "dự án đầu tư:\na.1) Bản sao" in text and "tự kê khai:\nf. Nộp thuế" in text


def test_pdf_style_wrapping_of_capitalised_lines() -> None:
    lines = [
        "Bộ Tài chính đề nghị các Cục Thuế phổ biến, thông báo cho cán bộ thuế và",
        "Người nộp thuế trên địa bàn quản lý các nội dung quy định của Luật số",
        "106/2016/QH13, đồng thời triển khai một số nội dung mới của Luật như sau:",
        "1. Về hoàn thuế giá trị gia tăng:",
        "Cơ sở kinh doanh nộp thuế giá trị gia tăng theo phương pháp khấu trừ thuế",
        "nếu có số thuế chưa được khấu trừ hết trong tháng hoặc trong quý thì được",
        "khấu trừ vào kỳ tiếp theo.",
    ]
    text = normalize("\n".join(lines)).text
    assert "cho cán bộ thuế và Người nộp thuế" in text
    assert "của Luật số 106/2016/QH13" in text
    assert "như sau:\n1. Về hoàn thuế" in text


def test_gazette_running_header_and_signature_stamps_removed() -> None:
    raw = (
        "Người ký: Cổng Thông tin điện tử Chính phủ\nThời gian ký: 26/06/2025 15:19:01 +07:00\n"
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 21/CT-TTg\nnội dung trang một.\n"
        "CÔNG BÁO/Số 302/Ngày 02-06-2026 71\n2. Nội dung trang hai."
    )
    text = normalize(raw).text
    # who signed goes; when it was signed stays, a date of the document (corpus/README.md)
    assert text.startswith("Thời gian ký: 26/06/2025 15:19:01 +07:00\nTHỦ TƯỚNG CHÍNH PHỦ")
    assert "CÔNG BÁO" not in text and "Người ký" not in text
    assert "\n2. Nội dung trang hai." in text
    # a sentence that runs across the page goes on once the header and its blank lines are gone
    across = normalize(
        "xây dựng chương trình tuyên truyền về sắp xếp thôn và\n\nCÔNG BÁO/Số 302/Ngày 02-06-2026\n72\n"
        " \n \nbố trí người hoạt động không chuyên trách."
    )
    assert "sắp xếp thôn và bố trí người hoạt động" in across.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_normalizes_with_valid_offsets(raw: str) -> None:
    text = normalize(raw)
    assert unicodedata.is_normalized("NFC", text.text)
    previous = 0
    for pos in range(len(text.text) + 1):
        mapped = text.to_raw(pos)
        assert 0 <= mapped <= len(raw)
        assert mapped >= previous, "the map never runs backwards"
        previous = mapped


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđ hòà\n.-:;1/()AỦYĐ\u0301\u00a0")), max_size=200))
def test_normalization_is_idempotent(raw: str) -> None:
    once = normalize(raw).text
    assert normalize(once).text == once
