"""Extractors on text written by us in the shapes real documents use."""

from __future__ import annotations

import pytest

from vanban_nlp import parse, parse_text
from vanban_nlp.extract.citations import find_references
from vanban_nlp.extract.dates import find_dates
from vanban_nlp.extract.items import find_items

from .conftest import SAMPLE_LETTER


def refs(text: str) -> list[tuple]:
    return [(r.number, r.doc_type, r.date, r.issuer) for r in find_references(text)]


@pytest.mark.parametrize(
    "text,number,doc_type",
    [
        ("thực hiện Công điện số 280/CĐ-TTg của", "280/CĐ-TTg", "Công điện"),
        ("theo Nghị định 73/2023/NĐ-CP quy định", "73/2023/NĐ-CP", "Nghị định"),
        ("Thông báo số 924 -TB/TU về", "924-TB/TU", "Thông báo"),
        ("Công văn số 9000/VPCP –TH", "9000/VPCP-TH", "Công văn"),
        ("văn bản số 698/UBND-NC nêu trên", "698/UBND-NC", "Công văn"),
        ("Luật số 45/2019/QH14 và", "45/2019/QH14", "Luật"),
        ("Kết luận số 77-KL/TW của Bộ Chính trị", "77-KL/TW", "Kết luận"),
        ("Công điện 541/CD-TTg khẩn", "541/CĐ-TTg", "Công điện"),
        ("Nghị định số 61/2018/NĐCP của Chính phủ", "61/2018/NĐ-CP", "Nghị định"),
        ("Quyết định số: 1206 /QĐ-HVTC", "1206/QĐ-HVTC", "Quyết định"),
        ("áp dụng 56/ 2015/ NĐ - CP cho", "56/2015/NĐ-CP", "Nghị định"),
        ("theo văn bản 4977/SGDĐT-GDTrH", "4977/SGDĐT-GDTrH", "Công văn"),
    ],
)
def test_citation_variants(text: str, number: str, doc_type: str) -> None:
    found = find_references(text)
    assert [(r.number, r.doc_type) for r in found] == [(number, doc_type)]


def test_date_and_issuer_after_the_number() -> None:
    text = (
        "Thực hiện Công văn số 1520/UBND-KGVX ngày 07/6/2024 của UBND tỉnh Nam Định về việc tăng cường "
        "quản lý; Thông báo số 88-TB/TU, ngày 13 tháng 02 năm 2024 của Ban Thường vụ Tỉnh ủy."
    )
    assert refs(text) == [
        ("1520/UBND-KGVX", "Công văn", "2024-06-07", "UBND tỉnh Nam Định"),
        ("88-TB/TU", "Thông báo", "2024-02-13", "Ban Thường vụ Tỉnh ủy"),
    ]


def test_list_sharing_a_type_word_and_issuer() -> None:
    text = "Căn cứ các Công văn số 12/UBND-VP, 13/UBND-VP và số 14/UBND-VP của UBND huyện Ý Yên."
    assert refs(text) == [
        (n, "Công văn", None, "UBND huyện Ý Yên") for n in ("12/UBND-VP", "13/UBND-VP", "14/UBND-VP")
    ]


def test_issuer_named_before_a_list_covers_its_members() -> None:
    text = (
        "Xét đề nghị của Ủy ban nhân dân tỉnh Phú Thọ tại Tờ trình số 83/TTr-UBND ngày 31 tháng 3 năm "
        "2026, các văn bản số 1407/UBND-NNMT ngày 05 tháng 4 năm 2026; và Báo cáo số 139/BC-UBND ngày "
        "23 tháng 4 năm 2026."
    )
    assert [(n, issuer) for n, _, _, issuer in refs(text)] == [
        ("83/TTr-UBND", "Ủy ban nhân dân tỉnh Phú Thọ"),
        ("1407/UBND-NNMT", "Ủy ban nhân dân tỉnh Phú Thọ"),
        ("139/BC-UBND", "Ủy ban nhân dân tỉnh Phú Thọ"),
    ]


def test_short_re_mentions_resolve_to_the_full_citation() -> None:
    text = (
        "Thực hiện Công điện số 112/CĐ-TTg ngày 05/3/2024 của Thủ tướng Chính phủ. Để triển khai "
        "Công điện số 112 của Thủ tướng, Sở yêu cầu các phòng thực hiện nghiêm Công điện số 112/CĐ-TTg."
    )
    found = find_references(text)
    assert [r.number for r in found] == ["112/CĐ-TTg"]
    assert len(found[0].mentions) == 3
    for start, end in found[0].mentions:
        assert text[start:end].startswith("Công điện số 112")


def test_things_that_are_not_citations() -> None:
    text = (
        "Tại khoản 2 Điều 16 Luật Cán bộ, công chức; liên hệ số điện thoại 0236/3822123; tổng kinh phí "
        "1.250.000 đồng/người; tỷ lệ 45/100 hộ; kê khai theo Mẫu số 01/TK-SDDPNN; năm 2024; tháng 6/2024."
    )
    assert find_references(text) == []


def test_the_documents_own_number_is_not_a_reference() -> None:
    doc = parse(SAMPLE_LETTER)
    assert doc.header.number == "1247/STTTT-VP"
    assert "1247/STTTT-VP" not in [r.number for r in doc.references]
    assert [r.number for r in doc.references] == ["05/CT-UBND", "310/KH-UBND"]


@pytest.mark.parametrize(
    "text,values",
    [
        ("Hà Nội, ngày 05 tháng 01 năm 2024", ["2024-01-05"]),
        ("Hải Dương, ngày tháng 6 năm 2023", ["2023-06"]),
        ("ngày 19/4/2023 và ngày 30-10-2023", ["2023-04-19", "2023-10-30"]),
        ("Cập nhật 11/03/2024 16:57", ["2024-03-11"]),
        ("kế hoạch tháng 3 năm 2024 và tháng 5/2024", ["2024-03", "2024-05"]),
        ("6 tháng đầu năm 2024, năm 2023, quý III/2024", []),
        ("ngày 31/2/2023 hoặc ngày 30 tháng 13 năm 2023", []),
        ("ký ngay30 tháng 9 năm 2015", ["2015-09-30"]),
        ("Nghị định số 15/2020/NĐ-CP", []),
    ],
)
def test_dates(text: str, values: list[str]) -> None:
    assert [d.value for d in find_dates(text)] == values


def test_deadline_role() -> None:
    (date,) = find_dates("hoàn thành trước ngày 15/12/2023.")
    assert date.role == "deadline"


def test_item_tree_with_levels_inline_and_continuations() -> None:
    text = (
        "I. MỤC TIÊU\n1. Bảo đảm an toàn.\nĐoạn tiếp theo của mục 1.\n2. Các phòng phối hợp với Văn phòng: "
        "(1) rà soát hồ sơ; (2) cập nhật phần mềm.\nII. NHIỆM VỤ\n1. Văn phòng Sở:\n- Tham mưu kế hoạch;\n"
        "+ lập dự toán;\n- Theo dõi, đôn đốc."
    )
    items = find_items(text)
    assert [i.label for i in items] == ["I.", "II."]
    first = items[0]
    assert [c.label for c in first.children] == ["1.", "2."]
    assert text[first.children[0].span[0] : first.children[0].span[1]].endswith("Đoạn tiếp theo của mục 1.")
    assert [(c.label, c.text) for c in first.children[1].children] == [
        ("(1)", "rà soát hồ sơ"),
        ("(2)", "cập nhật phần mềm."),
    ]
    office = items[1].children[0]
    assert [c.label for c in office.children] == ["-", "-"]
    assert office.children[0].children[0].label == "+"
    for item in items:
        assert text[item.span[0] : item.span[1]].startswith(item.label)


def test_ordinal_words_and_weekdays() -> None:
    text = (
        "Thứ hai, 11/03/2024 16:57\nThứ nhất, rà soát quy chế.\nThứ hai, kiểm tra công vụ.\n"
        "Thứ ba, báo cáo kết quả.\nMột là, tăng cường lãnh đạo.\nHai là, đổi mới phương thức."
    )
    items = find_items(text)
    assert [i.label for i in items] == ["Thứ nhất", "Thứ hai", "Thứ ba", "Một là", "Hai là"]


def test_decision_articles() -> None:
    text = (
        "Điều 1. Phê duyệt kế hoạch.\n1. Mục tiêu chung.\na) Bảo đảm tiến độ.\nđ) Bảo đảm chất lượng.\n"
        "Điều 2. Tổ chức thực hiện."
    )
    items = find_items(text)
    assert [i.label for i in items] == ["Điều 1", "Điều 2"]
    assert [c.label for c in items[0].children[0].children] == ["a)", "đ)"]


def test_heading_addressees_recipients_and_signer_of_a_letter() -> None:
    doc = parse(SAMPLE_LETTER)
    h = doc.header
    assert doc.kind == "letter"
    assert (h.parent_issuer, h.issuer) == ("ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    assert (h.doc_type, h.place, h.date) == ("Công văn", "Hà Nam", "2024-03-14")
    assert h.subject.startswith("V/v triển khai thực hiện Chỉ thị số 05/CT-UBND")
    assert (h.signer.authority, h.signer.title, h.signer.name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Thị Minh Hằng",
    )
    assert doc.addressees == [
        "Trưởng các phòng, đơn vị thuộc Sở",
        "Trung tâm Công nghệ thông tin và Truyền thông",
    ]
    assert [(r.name, r.purpose) for r in doc.recipients] == [
        ("Như trên", None),
        ("UBND tỉnh", "để b/c"),
        ("Giám đốc, các PGĐ Sở", None),
    ]
    assert doc.archive == ["VT", "VP"]
    for field, (start, end) in h.spans.items():
        assert 0 <= start < end <= len(doc.text), field
    assert doc.text[slice(*h.spans["number"])] == "1247/STTTT-VP"


def test_news_article_has_no_invented_heading() -> None:
    doc = parse_text(
        "Tỉnh chấn chỉnh kỷ luật hành chính\n\nCập nhật 09:15, 12/4/2024\n\nChủ tịch UBND tỉnh vừa "
        "ký ban hành Công văn số 1180/UBND-NC yêu cầu các sở tăng cường kiểm tra công vụ.\n\n"
        "TIN LIÊN QUAN\nNgày 20/3/2024, hội nghị trực tuyến"
    )
    assert doc.kind == "article"
    assert doc.header.number is None and doc.header.signer is None
    assert [r.issuer for r in doc.references] == ["Chủ tịch UBND tỉnh"]
    assert [d.value for d in doc.dates] == ["2024-04-12"], "the related-news block is not the article"


def test_blank_draft_number_and_party_number() -> None:
    draft = parse_text(
        "UBND TỈNH HẢI DƯƠNG\nSỞ CÔNG THƯƠNG\nSố:      /SCT-QLTM\nV/v báo cáo\n\n"
        "Hải Dương, ngày tháng 6 năm 2023\n\nNội dung."
    )
    assert draft.header.number == "/SCT-QLTM" and draft.header.date == "2023-06"
    party = parse_text(
        "ĐẢNG BỘ TỈNH NAM ĐỊNH\nHUYỆN ỦY Ý YÊN\n*\nSố 125-TB/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Ý Yên, ngày 18 tháng 4 năm 2024\n\nTHÔNG BÁO\nkết luận của Ban Thường vụ Huyện ủy\n\nNội dung."
    )
    assert party.header.number == "125-TB/HU"
    assert party.header.doc_type == "Thông báo"
    assert party.header.issuer == "HUYỆN ỦY Ý YÊN"


def test_ocr_footer_with_signer_columns_on_recipient_lines() -> None:
    text = (
        "BỘ TÀI CHÍNH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 1520/TCT-KK Hà Nội, ngày 12 tháng 5 năm 2021\nV/v kê khai thuế\n\n"
        "Kính gửi: Cục Thuế các tỉnh.\n\n"
        "Tổng cục Thuế đề nghị các Cục Thuế hướng dẫn người nộp thuế kê khai đúng hạn./.\n\n"
        "Noi nhận: KT. TỔNG CỤC TRƯỞNG\n+ Như trên; . PHO TONG CUC TRƯỜNG\n"
        "~ Vụ Pháp chế (dé b/c);\n-Lưu VT, KK. ,„_ ồ\n"
    )
    doc = parse_text(text)
    assert doc.header.issuer == "TỔNG CỤC THUẾ" and doc.header.parent_issuer == "BỘ TÀI CHÍNH"
    assert (doc.header.number, doc.header.date, doc.header.place) == ("1520/TCT-KK", "2021-05-12", "Hà Nội")
    assert [(r.name, r.purpose) for r in doc.recipients] == [("Như trên", None), ("Vụ Pháp chế", "để b/c")]
    assert doc.archive == ["VT", "KK"]
    assert (doc.header.signer.authority, doc.header.signer.title, doc.header.signer.name) == (
        "KT. TỔNG CỤC TRƯỞNG",
        "PHO TONG CUC TRƯỜNG",
        None,
    )


def test_signing_stamp_dates_a_letter_whose_heading_day_is_unreadable() -> None:
    text = (
        "Thời gian ký: 04.04.2022 09:15\n\nBỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc\nSố: 1235/TCT-KK Hà Nội, ngày ## tháng ? năm 2022\n"
        "V/v hướng dẫn kê khai\n\nKính gửi: Cục Thuế các tỉnh, thành phố.\n\n"
        "Ngày 15/3/2022, Tổng cục Thuế nhận được văn bản của Cục Thuế tỉnh Bình Dương."
    )
    doc = parse_text(text, obligations=False)
    assert doc.header.date == "2022-04-04"  # the stamp, never the body's 15/3/2022
    assert [d.role for d in doc.dates] == ["issue", "other"]
