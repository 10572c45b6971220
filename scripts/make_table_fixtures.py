"""Writes our three kế hoạch with assignment tables (DOCX, PDF, HTML) into corpora/raw and the
table part of their gold into corpora/gold.

    .venv/bin/python scripts/make_table_fixtures.py

The documents are written by us on the real format (NĐ 30/2020; phụ lục phân công nhiệm vụ of
provincial kế hoạch); names of bodies are real kinds of bodies, the wording is ours. Each table
row states what a careful reader takes from it (actors, collaborators, deadline, recurrence,
output), written here by hand: that is the gold the parser is scored against. The rest of each gold
file (heading, citations, dates, items, prose obligations) is written by hand in `write_gold`,
beside the text it describes. Table rows are not items (they are in `tables`, and their tasks
carry their place in the table as the item path).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpora" / "raw"
GOLD = ROOT / "corpora" / "gold"
FONT = ROOT / "tests" / "fixtures" / "fonts" / "DejaVuSans.ttf"

MERGED = None  # a cell merged with the one above (vertical merge / rowspan)


@dataclass
class Row:
    """One task row: its cells as written, and what it means."""

    stt: str
    task: str
    lead: str | None
    support: str | None
    time: str
    output: str
    actors: list[str]
    collaborators: list[str] = field(default_factory=list)
    deadline: str | None = None
    recurrence: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Group:
    label: str
    title: str


# --- 1. DOCX: UBND tỉnh, kế hoạch chuyển đổi số, phụ lục I (assignments) and II (statistics) ------

KH_CDS = "Sở Khoa học và Công nghệ"
DOCX_ROWS: list[Group | Row] = [
    Group("I", "HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH VỀ CHUYỂN ĐỔI SỐ"),
    Row(
        "1",
        "Rà soát, đề xuất sửa đổi các quy định của tỉnh về quản lý, vận hành hệ thống thông tin dùng chung",
        KH_CDS,
        "Sở Tư pháp; Văn phòng UBND tỉnh",
        "Quý II/2026",
        "Báo cáo rà soát; dự thảo Quyết định của UBND tỉnh",
        [KH_CDS],
        ["Sở Tư pháp", "Văn phòng UBND tỉnh"],
        "2026-06-30",
    ),
    Row(
        "2",
        "Xây dựng Quy chế quản lý, khai thác, chia sẻ dữ liệu trên địa bàn tỉnh",
        MERGED,
        "Các sở, ban, ngành",
        "Tháng 6/2026",
        "Quyết định ban hành Quy chế",
        [KH_CDS],
        ["Các sở, ban, ngành"],
        "2026-06",
    ),
    Row(
        "3",
        "Ban hành danh mục dữ liệu mở của cơ quan nhà nước tỉnh năm 2026",
        MERGED,
        MERGED,
        "Trước 30/7/2026",
        "Danh mục dữ liệu mở",
        [KH_CDS],
        ["Các sở, ban, ngành"],
        "2026-07-30",
    ),
    Row(
        "4",
        "Xây dựng cơ chế hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
        "Sở Tài chính",
        "Sở Khoa học và Công nghệ; Hiệp hội Doanh nghiệp tỉnh",
        "Quý III/2026",
        "Đề án trình UBND tỉnh",
        ["Sở Tài chính"],
        [KH_CDS, "Hiệp hội Doanh nghiệp tỉnh"],
        "2026-09-30",
    ),
    Group("II", "PHÁT TRIỂN HẠ TẦNG SỐ VÀ NỀN TẢNG DÙNG CHUNG"),
    Row(
        "1",
        "Nâng cấp Trung tâm dữ liệu tỉnh bảo đảm an toàn thông tin cấp độ 3",
        KH_CDS,
        "Công an tỉnh",
        "Quý IV/2026",
        "Trung tâm dữ liệu được nâng cấp",
        [KH_CDS],
        ["Công an tỉnh"],
        "2026-12-31",
    ),
    Row(
        "2",
        "Mở rộng mạng truyền số liệu chuyên dùng đến 100% xã, phường",
        MERGED,
        "VNPT Quảng Trị; UBND các xã, phường",
        "Tháng 9/2026",
        "Kết nối mạng tại các xã, phường",
        [KH_CDS],
        ["VNPT Quảng Trị", "UBND các xã, phường"],
        "2026-09",
    ),
    Row(
        "3",
        "Duy trì vận hành Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
        MERGED,
        "Các sở, ban, ngành",
        "Thường xuyên",
        "Báo cáo vận hành",
        [KH_CDS],
        ["Các sở, ban, ngành"],
        None,
    ),
    Row(
        "4",
        "Triển khai hệ thống giám sát, điều hành an toàn thông tin mạng (SOC) của tỉnh",
        "Công an tỉnh",
        KH_CDS,
        "Năm 2026",
        "Hệ thống SOC hoạt động",
        ["Công an tỉnh"],
        [KH_CDS],
        "2026",
    ),
    Row(
        "5",
        "Phủ sóng di động 4G/5G tại các thôn, bản vùng sâu, vùng xa",
        KH_CDS,
        "Các doanh nghiệp viễn thông; UBND các xã",
        "Năm 2026",
        "Báo cáo kết quả phủ sóng",
        [KH_CDS],
        ["Các doanh nghiệp viễn thông", "UBND các xã"],
        "2026",
    ),
    Group("III", "PHÁT TRIỂN CHÍNH QUYỀN SỐ"),
    Row(
        "1",
        "Cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục hành chính đủ điều kiện",
        "Văn phòng UBND tỉnh",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Quý II/2026",
        "Danh mục dịch vụ công trực tuyến toàn trình",
        ["Văn phòng UBND tỉnh"],
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        "2026-06-30",
    ),
    Row(
        "2",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
        MERGED,
        MERGED,
        "Tháng 10/2026",
        "Kho dữ liệu hồ sơ số hóa",
        ["Văn phòng UBND tỉnh"],
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        "2026-10",
    ),
    Row(
        "3",
        "Vận hành Hệ thống thông tin báo cáo của tỉnh, kết nối với Hệ thống thông tin báo cáo Chính phủ",
        MERGED,
        KH_CDS,
        "Hằng quý",
        "Báo cáo định kỳ",
        ["Văn phòng UBND tỉnh"],
        [KH_CDS],
        None,
        ["P3M"],
    ),
    Row(
        "4",
        "Triển khai hồ sơ điện tử cán bộ, công chức, viên chức",
        "Sở Nội vụ",
        KH_CDS,
        "Trước ngày 30/9/2026",
        "Cơ sở dữ liệu cán bộ, công chức, viên chức",
        ["Sở Nội vụ"],
        [KH_CDS],
        "2026-09-30",
    ),
    Row(
        "5",
        "Đánh giá, xếp hạng mức độ chuyển đổi số của các sở, ngành và địa phương",
        KH_CDS,
        "Sở Nội vụ",
        "Hằng năm",
        "Báo cáo đánh giá, xếp hạng",
        [KH_CDS],
        ["Sở Nội vụ"],
        None,
        ["P1Y"],
    ),
    Row(
        "6",
        "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã",
        "Sở Nội vụ",
        "- Sở Khoa học và Công nghệ\n- UBND các xã, phường",
        "Quý III/2026",
        "10 lớp tập huấn",
        ["Sở Nội vụ"],
        [KH_CDS, "UBND các xã, phường"],
        "2026-09-30",
    ),
    Row(
        "7",
        "Cấp chứng thư chữ ký số cho cán bộ, công chức có nhu cầu",
        KH_CDS,
        "Công an tỉnh",
        "Tháng 6/2026",
        "Chứng thư số được cấp",
        [KH_CDS],
        ["Công an tỉnh"],
        "2026-06",
    ),
    Group("IV", "PHÁT TRIỂN KINH TẾ SỐ, XÃ HỘI SỐ"),
    Row(
        "1",
        "Hỗ trợ hộ kinh doanh, hợp tác xã đưa sản phẩm lên sàn thương mại điện tử",
        "Sở Công Thương",
        "Sở Nông nghiệp và Môi trường; UBND các xã, phường",
        "Năm 2026",
        "500 hộ kinh doanh được hỗ trợ",
        ["Sở Công Thương"],
        ["Sở Nông nghiệp và Môi trường", "UBND các xã, phường"],
        "2026",
    ),
    Row(
        "2",
        "Thu học phí, viện phí không dùng tiền mặt tại trường học và bệnh viện",
        "Sở Giáo dục và Đào tạo; Sở Y tế",
        "Các tổ chức tín dụng trên địa bàn",
        "Quý IV/2026",
        "Tỷ lệ trường học, bệnh viện thu không dùng tiền mặt",
        ["Sở Giáo dục và Đào tạo", "Sở Y tế"],
        ["Các tổ chức tín dụng trên địa bàn"],
        "2026-12-31",
    ),
    Row(
        "3",
        "Triển khai hồ sơ sức khỏe điện tử cho người dân",
        "Sở Y tế",
        "Bảo hiểm xã hội tỉnh",
        "Tháng 12/2026",
        "Hồ sơ sức khỏe điện tử",
        ["Sở Y tế"],
        ["Bảo hiểm xã hội tỉnh"],
        "2026-12",
    ),
    Row(
        "4",
        "Số hóa di sản văn hóa, điểm du lịch tiêu biểu của tỉnh",
        "Sở Văn hóa, Thể thao và Du lịch",
        KH_CDS,
        "2026 - 2027",
        "Cơ sở dữ liệu di sản số",
        ["Sở Văn hóa, Thể thao và Du lịch"],
        [KH_CDS],
        "2027",
    ),
    Row(
        "5",
        "Phổ biến kỹ năng số cho người dân qua Tổ công nghệ số cộng đồng",
        "UBND các xã, phường",
        "Tỉnh đoàn; Hội Liên hiệp Phụ nữ tỉnh",
        "Thường xuyên",
        "-",
        ["UBND các xã, phường"],
        ["Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh"],
        None,
    ),
    Row(
        "6",
        "Tuyên truyền về chuyển đổi số trên báo chí và mạng xã hội",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Báo và Phát thanh, Truyền hình Quảng Trị",
        "Hằng quý",
        "Tin, bài, phóng sự",
        ["Sở Văn hóa, Thể thao và Du lịch"],
        ["Báo và Phát thanh, Truyền hình Quảng Trị"],
        None,
        ["P3M"],
    ),
    Row(
        "7",
        "Sơ kết 6 tháng thực hiện Kế hoạch",
        KH_CDS,
        "Các sở, ban, ngành; UBND các xã, phường",
        "6 tháng đầu năm 2026",
        "Báo cáo sơ kết",
        [KH_CDS],
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        "2026-06-30",
    ),
    Row(
        "8",
        "Tổng kết thực hiện Kế hoạch, đề xuất nhiệm vụ năm 2027",
        MERGED,
        MERGED,
        "Trước 15/12/2026",
        "Báo cáo tổng kết",
        [KH_CDS],
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        "2026-12-15",
    ),
]
DOCX_STATISTICS = [
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Kế hoạch năm 2026", "Ghi chú"],
    ["1", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến", "%", "45", "60", ""],
    ["2", "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa", "%", "70", "90", ""],
    ["3", "Số nền tảng số dùng chung của tỉnh", "Nền tảng", "5", "8", "Tăng 3 nền tảng"],
    ["4", "Doanh thu thương mại điện tử", "Tỷ đồng", "820", "1.000", "Ước tính"],
]
DOCX_TEXT = {
    "heading_left": ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", "", "Số: 58/KH-UBND"],
    "heading_right": [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Quảng Trị, ngày 20 tháng 01 năm 2026",
    ],
    "body": [
        "KẾ HOẠCH",
        "Chuyển đổi số, phát triển chính quyền số tỉnh Quảng Trị năm 2026",
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
        "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát "
        "triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử;",
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2026 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Đưa hoạt động của các cơ quan nhà nước lên môi trường số, phục vụ người dân và doanh "
        "nghiệp tốt hơn.",
        "- Hình thành dữ liệu dùng chung làm nền tảng cho chỉ đạo, điều hành dựa trên dữ liệu.",
        "2. Yêu cầu",
        "- Mỗi nhiệm vụ có cơ quan chủ trì, thời hạn và sản phẩm cụ thể; người đứng đầu chịu trách nhiệm "
        "về kết quả thực hiện.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "Các nhiệm vụ cụ thể, cơ quan chủ trì, cơ quan phối hợp, thời gian hoàn thành và sản phẩm tại "
        "Phụ lục I kèm theo Kế hoạch này; các chỉ tiêu tại Phụ lục II.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Khoa học và Công nghệ chủ trì theo dõi, đôn đốc việc triển khai Kế hoạch; tổng hợp, báo "
        "cáo Ủy ban nhân dân tỉnh kết quả thực hiện trước ngày 20/12/2026.",
        "2. Sở Tài chính tham mưu bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch theo phân cấp "
        "ngân sách hiện hành.",
        "3. Các sở, ban, ngành, UBND các xã, phường căn cứ nhiệm vụ được giao tại Phụ lục I, xây dựng kế "
        "hoạch chi tiết và tổ chức thực hiện; định kỳ hằng quý báo cáo kết quả về Sở Khoa học và Công nghệ.",
    ],
    "recipients": [
        "Nơi nhận:",
        "- Bộ Khoa học và Công nghệ (để b/c);",
        "- TT Tỉnh ủy, TT HĐND tỉnh (để b/c);",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Các sở, ban, ngành;",
        "- UBND các xã, phường;",
        "- Lưu: VT, KT.",
    ],
    "signature": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Lê Văn Hòa"],
}


def write_docx(path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION

    text = DOCX_TEXT
    document = docx.Document()
    heading = document.add_table(rows=len(text["heading_left"]), cols=2)
    for r, (left, right) in enumerate(zip(text["heading_left"], text["heading_right"], strict=True)):
        heading.cell(r, 0).text = left
        heading.cell(r, 1).text = right
    for paragraph in text["body"]:
        document.add_paragraph(paragraph)
    signature = document.add_table(rows=len(text["recipients"]), cols=2)
    for r, left in enumerate(text["recipients"]):
        signature.cell(r, 0).text = left
        if r < len(text["signature"]):
            signature.cell(r, 1).text = text["signature"][r]

    section = document.add_section(WD_SECTION.NEW_PAGE)  # the phụ lục on landscape pages
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_paragraph("PHỤ LỤC I")
    document.add_paragraph("DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026")
    document.add_paragraph("(Kèm theo Kế hoạch số 58/KH-UBND ngày 20/01/2026 của UBND tỉnh Quảng Trị)")
    _docx_assignments(document)
    document.add_paragraph("")
    document.add_paragraph("PHỤ LỤC II")
    document.add_paragraph("CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026")
    statistics = document.add_table(rows=len(DOCX_STATISTICS), cols=6)
    statistics.style = "Table Grid"
    for r, row in enumerate(DOCX_STATISTICS):
        for c, value in enumerate(row):
            statistics.cell(r, c).text = value
    document.core_properties.author = "vanban-nlp fixtures"
    document.core_properties.created = document.core_properties.modified = datetime(2026, 1, 20, 8, 0)
    document.save(path)
    _fixed_zip_times(path)


def _docx_assignments(document) -> None:
    """The phụ lục table: group rows in one cell across, lead and support cells merged down."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.table import _Cell

    header = ["STT", "Nhiệm vụ", "Cơ quan\nchủ trì", "Cơ quan\nphối hợp", "Thời gian\nhoàn thành", "Sản phẩm"]
    table = document.add_table(rows=1 + len(DOCX_ROWS), cols=6)
    table.style = "Table Grid"
    for c, name in enumerate(header):
        _docx_cell_text(table.cell(0, c), name)
    for r, entry in enumerate(DOCX_ROWS, start=1):
        if isinstance(entry, Group):  # one cell across the row
            merged = table.cell(r, 0).merge(table.cell(r, 5))
            _docx_cell_text(merged, f"{entry.label}. {entry.title}")
    for r, entry in enumerate(DOCX_ROWS, start=1):
        if isinstance(entry, Group):
            continue
        for c, value in enumerate(cells_of(entry)):
            tc = table.rows[r]._tr.tc_lst[c]
            if value is MERGED:  # continues the cell above, which starts the merge
                _vmerge(tc, OxmlElement, qn, "continue")
                top = r - 1
                while cells_of(DOCX_ROWS[top - 1])[c] is MERGED:
                    top -= 1
                _vmerge(table.rows[top]._tr.tc_lst[c], OxmlElement, qn, "restart")
            else:
                _docx_cell_text(_Cell(tc, table), value)


def _fixed_zip_times(path: Path) -> None:
    """The same bytes on every run: zip entries dated once and for all."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            target.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 1, 20, 8, 0, 0)), data, zipfile.ZIP_DEFLATED
            )


def _docx_cell_text(cell, value: str) -> None:
    """A cell's paragraphs, one per line of `value`."""
    lines = value.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def cells_of(row: Row) -> list[str | None]:
    return [row.stt, row.task, row.lead, row.support, row.time, row.output]


def _vmerge(tc, OxmlElement, qn, value: str) -> None:  # noqa: N803 - python-docx names
    properties = tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:vMerge")):
        properties.remove(old)
    merge = OxmlElement("w:vMerge")
    merge.set(qn("w:val"), value)
    properties.append(merge)


# --- 2. PDF: UBND tỉnh, kế hoạch cải cách hành chính; the phụ lục on landscape pages ---------------

VP = "Văn phòng UBND tỉnh"
PDF_ROWS: list[Group | Row] = [
    Group("I", "CẢI CÁCH THỂ CHẾ"),
    Row(
        "1",
        "Xây dựng, ban hành Kế hoạch kiểm tra, rà soát văn bản quy phạm pháp luật năm 2026",
        "Sở Tư pháp",
        "Các sở, ban, ngành",
        "Tháng 02/2026",
        "Kế hoạch của UBND tỉnh",
        ["Sở Tư pháp"],
        ["Các sở, ban, ngành"],
        "2026-02",
    ),
    Row(
        "2",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
        "Sở Tư pháp",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Quý IV/2026",
        "Báo cáo kết quả rà soát",
        ["Sở Tư pháp"],
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        "2026-12-31",
    ),
    Row(
        "3",
        "Theo dõi tình hình thi hành pháp luật về xử lý vi phạm hành chính",
        MERGED,
        "Công an tỉnh",
        "Hằng năm",
        "Báo cáo theo dõi thi hành pháp luật",
        ["Sở Tư pháp"],
        ["Công an tỉnh"],
        None,
        ["P1Y"],
    ),
    Group("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    Row(
        "1",
        "Rà soát, đơn giản hóa thủ tục hành chính, giấy tờ công dân liên quan đến quản lý dân cư",
        VP,
        "Các sở, ban, ngành",
        "Quý II/2026",
        "Phương án đơn giản hóa trình UBND tỉnh",
        [VP],
        ["Các sở, ban, ngành"],
        "2026-06-30",
    ),
    Row(
        "2",
        "Công bố, công khai danh mục thủ tục hành chính trên Cổng Dịch vụ công quốc gia",
        VP,
        "Các sở, ban, ngành",
        "Thường xuyên",
        "Quyết định công bố",
        [VP],
        ["Các sở, ban, ngành"],
        None,
    ),
    Row(
        "3",
        "Kiểm tra việc giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh",
        MERGED,
        "Sở Nội vụ",
        "Quý III/2026",
        "Báo cáo kết quả kiểm tra",
        [VP],
        ["Sở Nội vụ"],
        "2026-09-30",
    ),
    Row(
        "4",
        "Khảo sát mức độ hài lòng của người dân, doanh nghiệp đối với sự phục vụ của cơ quan hành chính",
        MERGED,
        "Sở Nội vụ; UBND các xã, phường",
        "Tháng 11/2026",
        "Báo cáo kết quả khảo sát",
        [VP],
        ["Sở Nội vụ", "UBND các xã, phường"],
        "2026-11",
    ),
    Row(
        "5",
        "Thí điểm tiếp nhận hồ sơ thủ tục hành chính không phụ thuộc địa giới hành chính",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Công an tỉnh; Bưu điện tỉnh",
        "Trước 30/6/2026",
        "Quy trình tiếp nhận được phê duyệt",
        ["Trung tâm Phục vụ hành chính công tỉnh"],
        ["Công an tỉnh", "Bưu điện tỉnh"],
        "2026-06-30",
    ),
    Group("III", "CẢI CÁCH TỔ CHỨC BỘ MÁY"),
    Row(
        "1",
        "Rà soát chức năng, nhiệm vụ, tổ chức bộ máy các cơ quan chuyên môn sau sắp xếp",
        "Sở Nội vụ",
        "Các sở, ban, ngành",
        "Quý I/2026",
        "Báo cáo rà soát",
        ["Sở Nội vụ"],
        ["Các sở, ban, ngành"],
        "2026-03-31",
    ),
    Row(
        "2",
        "Xây dựng Đề án vị trí việc làm trong cơ quan hành chính cấp xã",
        "Sở Nội vụ",
        "UBND các xã, phường",
        "Tháng 8/2026",
        "Đề án trình UBND tỉnh",
        ["Sở Nội vụ"],
        ["UBND các xã, phường"],
        "2026-08",
    ),
    Row(
        "3",
        "Kiểm tra công tác tổ chức bộ máy, biên chế tại các đơn vị sự nghiệp công lập",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Quý IV/2026",
        "Kết luận kiểm tra",
        ["Sở Nội vụ"],
        ["Sở Tài chính"],
        "2026-12-31",
    ),
    Group("IV", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
    Row(
        "1",
        "Tuyển dụng công chức cấp xã theo quy định mới",
        "Sở Nội vụ",
        "UBND các xã, phường",
        "Quý III/2026",
        "Kết quả tuyển dụng",
        ["Sở Nội vụ"],
        ["UBND các xã, phường"],
        "2026-09-30",
    ),
    Row(
        "2",
        "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2026",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Sở Nội vụ",
        "Tháng 12/2026",
        "Báo cáo kết quả đánh giá",
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        ["Sở Nội vụ"],
        "2026-12",
    ),
    Row(
        "3",
        "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho công chức giữ chức vụ cấp phòng",
        "Sở Nội vụ",
        "Trường Chính trị tỉnh",
        "Năm 2026",
        "05 lớp bồi dưỡng",
        ["Sở Nội vụ"],
        ["Trường Chính trị tỉnh"],
        "2026",
    ),
    Group("V", "CẢI CÁCH TÀI CHÍNH CÔNG"),
    Row(
        "1",
        "Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập",
        "Sở Tài chính",
        "Các sở, ban, ngành",
        "Quý II/2026",
        "Quyết định giao quyền tự chủ",
        ["Sở Tài chính"],
        ["Các sở, ban, ngành"],
        "2026-06-30",
    ),
    Row(
        "2",
        "Công khai ngân sách nhà nước theo quy định",
        "Sở Tài chính",
        "-",
        "Hằng quý",
        "Báo cáo công khai ngân sách",
        ["Sở Tài chính"],
        [],
        None,
        ["P3M"],
    ),
    Row(
        "3",
        "Thẩm tra, phê duyệt quyết toán vốn đầu tư công dự án hoàn thành",
        "Sở Tài chính",
        "Các chủ đầu tư",
        "Trước 31/10/2026",
        "Quyết định phê duyệt quyết toán",
        ["Sở Tài chính"],
        ["Các chủ đầu tư"],
        "2026-10-31",
    ),
    Group("VI", "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
    Row(
        "1",
        "Duy trì hệ thống quản lý văn bản và điều hành, gửi nhận văn bản điện tử bốn cấp",
        "Sở Khoa học và Công nghệ",
        VP,
        "Thường xuyên",
        "Hệ thống vận hành ổn định",
        ["Sở Khoa học và Công nghệ"],
        [VP],
        None,
    ),
    Row(
        "2",
        "Kết nối, chia sẻ dữ liệu dân cư với các hệ thống thông tin của tỉnh",
        "Công an tỉnh",
        "Sở Khoa học và Công nghệ",
        "Quý III/2026",
        "Dữ liệu được kết nối, chia sẻ",
        ["Công an tỉnh"],
        ["Sở Khoa học và Công nghệ"],
        "2026-09-30",
    ),
    Row(
        "3",
        "Báo cáo kết quả cải cách hành chính gửi Sở Nội vụ tổng hợp",
        "Các sở, ban, ngành; UBND các xã, phường",
        "-",
        "Định kỳ hằng quý, trước ngày 15 của tháng cuối quý",
        "Báo cáo quý",
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        [],
        None,
        ["P3M"],
    ),
]
PDF_SPANNED_GROUPS = {"II", "IV", "VI"}  # the title cell spans the row; the others sit in one cell
PDF_FORM = [
    ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Số điện thoại", "Ghi chú"],
    ["1", "", "", "", "", ""],
    ["2", "", "", "", "", ""],
    ["3", "", "", "", "", ""],
    ["...", "", "", "", "", ""],
]
PDF_TEXT = {
    "heading_left": ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "Số: 112/KH-UBND"],
    "heading_right": [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nghệ An, ngày 15 tháng 01 năm 2026",
    ],
    "body": [
        "KẾ HOẠCH",
        "Cải cách hành chính tỉnh Nghệ An năm 2026",
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
        "cải cách hành chính nhà nước giai đoạn 2021 - 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch cải "
        "cách hành chính năm 2026 như sau:",
        "I. MỤC TIÊU",
        "1. Nâng cao chỉ số cải cách hành chính (PAR INDEX) và chỉ số hài lòng của người dân đối với sự "
        "phục vụ của cơ quan hành chính nhà nước (SIPAS) của tỉnh.",
        "2. Bảo đảm trên 90% hồ sơ thủ tục hành chính được giải quyết đúng hạn.",
        "II. NHIỆM VỤ",
        "Nhiệm vụ cải cách hành chính năm 2026 của các cơ quan, đơn vị được phân công tại Phụ lục I kèm "
        "theo Kế hoạch này.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường chịu trách nhiệm trước Chủ tịch "
        "UBND tỉnh về kết quả cải cách hành chính của cơ quan, địa phương mình.",
        "2. Sở Nội vụ theo dõi, kiểm tra việc thực hiện Kế hoạch; tổng hợp, báo cáo UBND tỉnh trước ngày "
        "10/12/2026.",
        "3. Các cơ quan, đơn vị cử một công chức làm đầu mối theo mẫu tại Phụ lục II, gửi về Sở Nội vụ "
        "trước ngày 31/01/2026.",
    ],
    "recipients": [
        "Nơi nhận:",
        "- Bộ Nội vụ (để b/c);",
        "- TT Tỉnh ủy, TT HĐND tỉnh (để b/c);",
        "- Các sở, ban, ngành;",
        "- UBND các xã, phường;",
        "- Lưu: VT, NC.",
    ],
    "signature": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Đức Trung"],
}


def write_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=15, spaceAfter=6)
    centre = ParagraphStyle("centre", parent=body, alignment=1)
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=9, leading=11)

    def page_number(canvas, doc) -> None:
        if doc.page > 1:
            width, height = canvas._pagesize
            canvas.setFont("DejaVu", 9)
            canvas.drawCentredString(width / 2, height - 25, str(doc.page))

    portrait, wide = A4, landscape(A4)
    document = BaseDocTemplate(
        str(path), pagesize=portrait, title="Kế hoạch cải cách hành chính năm 2026", invariant=True
    )
    document.addPageTemplates(
        [
            PageTemplate(
                "portrait",
                [Frame(60, 50, portrait[0] - 110, portrait[1] - 100)],
                onPage=page_number,
                pagesize=portrait,
            ),
            PageTemplate(
                "landscape", [Frame(40, 40, wide[0] - 80, wide[1] - 90)], onPage=page_number, pagesize=wide
            ),
        ]
    )
    text = PDF_TEXT
    heading = Table(
        [
            [Paragraph(left, centre), Paragraph(right, centre)]
            for left, right in zip(text["heading_left"], text["heading_right"], strict=True)
        ],
        colWidths=[190, 280],
    )
    story: list = [heading, Spacer(1, 14)]
    for index, paragraph in enumerate(text["body"]):
        story.append(Paragraph(paragraph, centre if index < 2 else body))
    story.append(Spacer(1, 16))
    footer = [
        [Paragraph(left, body), Paragraph(right, centre)]
        for left, right in zip(text["recipients"], text["signature"] + [""] * 2, strict=True)
    ]
    story.append(Table(footer, colWidths=[240, 230]))
    story += [NextPageTemplate("landscape"), PageBreak()]
    story += [
        Paragraph(line, centre)
        for line in (
            "PHỤ LỤC I",
            "PHÂN CÔNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
            "(Kèm theo Kế hoạch số 112/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Nghệ An)",
        )
    ]
    header = ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Kết quả/sản phẩm"]
    data = [[Paragraph(h, cell) for h in header], [Paragraph(f"({i})", cell) for i in range(1, 7)]]
    styles = [
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
    ]
    for entry in PDF_ROWS:
        r = len(data)
        if isinstance(entry, Group):
            data.append([Paragraph(entry.label, cell), Paragraph(entry.title, cell), "", "", "", ""])
            if entry.label in PDF_SPANNED_GROUPS:
                styles.append(("SPAN", (1, r), (5, r)))
            continue
        values = [entry.stt, entry.task, entry.lead, entry.support, entry.time, entry.output]
        data.append([Paragraph(v, cell) if v is not MERGED else "" for v in values])
        for c, value in enumerate(values):
            if value is MERGED:  # the cell above spans down over this row
                top = r - 1
                while data[top][c] == "":
                    top -= 1
                styles = [s for s in styles if not (s[0] == "SPAN" and s[1] == (c, top))]
                styles.append(("SPAN", (c, top), (c, r)))
    table = Table(data, colWidths=[28, 250, 120, 130, 90, 140], repeatRows=1)
    table.setStyle(TableStyle(styles))
    story.append(Spacer(1, 8))
    story.append(table)
    story.append(Spacer(1, 14))
    story += [
        Paragraph(line, centre)
        for line in ("PHỤ LỤC II", "MẪU DANH SÁCH CÔNG CHỨC ĐẦU MỐI CẢI CÁCH HÀNH CHÍNH")
    ]
    form = Table(
        [[Paragraph(v, cell) for v in row] for row in PDF_FORM], colWidths=[30, 160, 110, 180, 100, 120]
    )
    form.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black")]))
    story.append(form)
    document.build(story)
    _rotate(path, page_index=1)


def _rotate(path: Path, page_index: int) -> None:
    """Make a landscape page a portrait page shown turned (/Rotate 90), as Công báo and scanners
    write landscape pages: the same picture, drawn in portrait user space."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[page_index]
        long_side, short_side = float(page.mediabox[2]), float(page.mediabox[3])
        # shown (x, y) on the landscape page is user space (short - y, x) on the portrait one
        page.contents_add(pikepdf.Stream(pdf, f"q 0 1 -1 0 {short_side:.4f} 0 cm\n".encode()), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, b"\nQ"))
        page.mediabox = pikepdf.Array([0, 0, short_side, long_side])
        page.obj.Rotate = 90
        pdf.save(path, deterministic_id=True)


# --- 3. HTML: Sở Y tế, kế hoạch phòng, chống dịch; the table inside the body ---------------------

CDC = "Trung tâm Kiểm soát bệnh tật tỉnh"
NV_Y = "Phòng Nghiệp vụ Y"
KHTC = "Phòng Kế hoạch - Tài chính"
HTML_ROWS: list[Group | Row] = [
    Group("A", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    Row(
        "1",
        "Xây dựng, trình ban hành Kế hoạch phòng, chống dịch bệnh truyền nhiễm năm 2026 của tỉnh",
        NV_Y,
        CDC,
        "Tháng 02/2026",
        "Kế hoạch được phê duyệt",
        [NV_Y],
        [CDC],
        "2026-02",
    ),
    Row(
        "2",
        "Kiện toàn Ban Chỉ đạo phòng, chống dịch bệnh của Sở",
        MERGED,
        "Văn phòng Sở",
        "Quý I/2026",
        "Quyết định kiện toàn",
        [NV_Y],
        ["Văn phòng Sở"],
        "2026-03-31",
    ),
    Row(
        "3",
        "Kiểm tra, giám sát công tác phòng, chống dịch tại các cơ sở khám bệnh, chữa bệnh",
        "Thanh tra Sở",
        f"{NV_Y};<br>{CDC}",
        "Quý II và Quý IV/2026",
        "Báo cáo kết quả kiểm tra",
        ["Thanh tra Sở"],
        [NV_Y, CDC],
        "2026-06-30",
        note="02 đợt",
    ),
    Row(
        "4",
        "Báo cáo tình hình dịch bệnh gửi Bộ Y tế, UBND tỉnh",
        CDC,
        NV_Y,
        "Hằng tuần",
        "Báo cáo tuần",
        [CDC],
        [NV_Y],
        None,
        ["P1W"],
    ),
    Row(
        "5",
        "Sơ kết 6 tháng công tác phòng, chống dịch bệnh",
        NV_Y,
        "Các đơn vị trực thuộc",
        "Tháng 7/2026",
        "Báo cáo sơ kết",
        [NV_Y],
        ["Các đơn vị trực thuộc"],
        "2026-07",
    ),
    Group("B", "CÔNG TÁC CHUYÊN MÔN"),
    Row(
        "1",
        "Giám sát chủ động bệnh sốt xuất huyết, tay chân miệng tại cộng đồng",
        CDC,
        "Trạm Y tế các xã, phường",
        "Thường xuyên",
        "Số liệu giám sát",
        [CDC],
        ["Trạm Y tế các xã, phường"],
    ),
    Row(
        "2",
        "Triển khai tiêm chủng mở rộng, bảo đảm tỷ lệ tiêm đủ mũi trên 95%",
        MERGED,
        "Trạm Y tế các xã, phường",
        "Hằng tháng",
        "Báo cáo tiêm chủng",
        [CDC],
        ["Trạm Y tế các xã, phường"],
        None,
        ["P1M"],
    ),
    Row(
        "3",
        "Xử lý ổ dịch, phun hóa chất diệt muỗi tại các điểm có nguy cơ",
        MERGED,
        MERGED,
        "Khi có ổ dịch",
        "Biên bản xử lý ổ dịch",
        [CDC],
        ["Trạm Y tế các xã, phường"],
    ),
    Row(
        "4",
        "Sẵn sàng thu dung, điều trị người bệnh, giảm tối đa tỷ lệ tử vong",
        "Các bệnh viện tuyến tỉnh",
        NV_Y,
        "Thường xuyên",
        "Phương án thu dung, điều trị",
        ["Các bệnh viện tuyến tỉnh"],
        [NV_Y],
    ),
    Row(
        "5",
        "Tập huấn chẩn đoán, điều trị bệnh truyền nhiễm cho nhân viên y tế",
        "Bệnh viện Đa khoa tỉnh",
        CDC,
        "Trước 30/5/2026",
        "03 lớp tập huấn",
        ["Bệnh viện Đa khoa tỉnh"],
        [CDC],
        "2026-05-30",
    ),
    Row(
        "6",
        "Truyền thông phòng, chống dịch bệnh trên các phương tiện thông tin đại chúng",
        CDC,
        "Báo và Phát thanh, Truyền hình tỉnh",
        "Hằng quý",
        "Tin, bài, phóng sự",
        [CDC],
        ["Báo và Phát thanh, Truyền hình tỉnh"],
        None,
        ["P3M"],
    ),
    Row(
        "7",
        "Giám sát, phát hiện sớm bệnh truyền nhiễm nhập cảnh qua cửa khẩu quốc tế",
        CDC,
        "Bộ đội Biên phòng tỉnh; Chi cục Hải quan cửa khẩu",
        "Thường xuyên",
        "Báo cáo giám sát",
        [CDC],
        ["Bộ đội Biên phòng tỉnh", "Chi cục Hải quan cửa khẩu"],
    ),
    Group("C", "CÔNG TÁC BẢO ĐẢM"),
    Row(
        "1",
        "Bảo đảm thuốc, vật tư, hóa chất phục vụ phòng, chống dịch",
        KHTC,
        CDC,
        "Quý I/2026",
        "Danh mục mua sắm được phê duyệt",
        [KHTC],
        [CDC],
        "2026-03-31",
    ),
    Row(
        "2",
        "Tham mưu bố trí kinh phí thực hiện Kế hoạch",
        MERGED,
        "Sở Tài chính",
        "Tháng 3/2026",
        "Dự toán kinh phí",
        [KHTC],
        ["Sở Tài chính"],
        "2026-03",
    ),
    Row(
        "3",
        "Kiểm tra cơ số thuốc, trang thiết bị dự phòng tại các bệnh viện",
        MERGED,
        "Phòng Nghiệp vụ Dược",
        "6 tháng cuối năm 2026",
        "Biên bản kiểm tra",
        [KHTC],
        ["Phòng Nghiệp vụ Dược"],
        "2026-12-31",
    ),
    Row(
        "4",
        "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch",
        NV_Y,
        "Các đơn vị trực thuộc",
        "Trước 15/12/2026",
        "Báo cáo tổng kết",
        [NV_Y],
        ["Các đơn vị trực thuộc"],
        "2026-12-15",
    ),
]
HTML_STATISTICS = [
    ["STT", "Bệnh", "Số ca mắc năm 2025", "Số ca tử vong", "So với năm 2024 (%)"],
    ["1", "Sốt xuất huyết", "1.245", "0", "-18"],
    ["2", "Tay chân miệng", "862", "0", "+7"],
    ["3", "Sởi", "37", "0", "-42"],
]
HTML_HEAD = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch 245/KH-SYT</title></head>
<body><nav class="menu"><a href="/">Trang chủ</a> | <a href="/van-ban">Văn bản</a></nav>
<div class="fulltext">
<table class="heading"><tr><td>UBND TỈNH HÀ TĨNH<br>SỞ Y TẾ</td>
<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr>
<tr><td>Số: 245/KH-SYT</td><td>Hà Tĩnh, ngày 05 tháng 02 năm 2026</td></tr></table>
<p style="text-align:center"><b>KẾ HOẠCH</b><br>Phòng, chống dịch bệnh truyền nhiễm năm 2026</p>
<p>Căn cứ Kế hoạch số 18/KH-UBND ngày 20/01/2026 của UBND tỉnh về phòng, chống dịch bệnh năm 2026, Sở Y
tế xây dựng Kế hoạch triển khai như sau:</p>
<p><b>I. TÌNH HÌNH DỊCH BỆNH NĂM 2025</b></p>
<p>Năm 2025, dịch bệnh truyền nhiễm trên địa bàn tỉnh được kiểm soát; số ca mắc một số bệnh như sau:</p>
"""
HTML_MIDDLE = """<p><b>II. NHIỆM VỤ CỤ THỂ</b></p>
<p>Phân công nhiệm vụ cho các đơn vị như sau:</p>
"""
HTML_TAIL = """<p><b>III. TỔ CHỨC THỰC HIỆN</b></p>
<p>1. Phòng Nghiệp vụ Y là đầu mối theo dõi, đôn đốc các đơn vị triển khai Kế hoạch.</p>
<p>2. Thủ trưởng các đơn vị trực thuộc xây dựng kế hoạch của đơn vị, gửi về Sở Y tế trước ngày 15/3/2026.</p>
<table class="chu-ky"><tr>
<td><b>Nơi nhận:</b><br>- UBND tỉnh (để b/c);<br>- Các đơn vị trực thuộc;<br>- Lưu: VT, NVY.</td>
<td>GIÁM ĐỐC<br><br>Phan Thị Minh</td></tr></table>
</div>
<footer class="footer">Cổng thông tin điện tử Sở Y tế</footer>
</body></html>
"""


def write_html(path: Path) -> None:
    from html import escape

    def cell(value: str) -> str:
        return escape(value).replace("&lt;br&gt;", "<br>")

    statistics = (
        '<table border="1">\n'
        + "".join(
            "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>\n" for row in HTML_STATISTICS
        )
        + "</table>\n"
    )
    lines = [
        '<table border="1" class="phan-cong">',
        "<tr><th>STT</th><th>Nội dung nhiệm vụ</th><th>Đơn vị thực hiện</th><th>Đơn vị phối hợp</th>"
        "<th>Tiến độ</th><th>Kết quả/Sản phẩm</th><th>Ghi chú</th></tr>",
    ]
    rows = HTML_ROWS
    for index, entry in enumerate(rows):
        if isinstance(entry, Group):
            lines.append(f'<tr><td colspan="7"><b>{entry.label}. {escape(entry.title)}</b></td></tr>')
            continue
        values = [entry.stt, entry.task, entry.lead, entry.support, entry.time, entry.output, entry.note]
        tds = []
        for c, value in enumerate(values):
            if value is MERGED:
                continue
            span = 1
            for below in rows[index + 1 :]:
                if isinstance(below, Group) or [below.stt, below.task, below.lead, below.support][
                    c : c + 1
                ] != [None]:
                    break
                span += 1
            attribute = f' rowspan="{span}"' if span > 1 else ""
            tds.append(f"<td{attribute}>{cell(value)}</td>")
        lines.append("<tr>" + "".join(tds) + "</tr>")
    lines.append("</table>")
    path.write_text(
        HTML_HEAD + statistics + HTML_MIDDLE + "\n".join(lines) + "\n" + HTML_TAIL, encoding="utf-8"
    )


# --- gold ------------------------------------------------------------------------------------------

_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTH = re.compile(r"\b[Tt]háng (\d{1,2})/(\d{4})")


def cell_dates(*cells: str | None) -> list[str]:
    """The calendar days and months written in table cells (corpus rule: quarters, years and
    periods are not dates)."""
    out = []
    for text in cells:
        for d, m, y in _DAY.findall(text or ""):
            out.append(f"{int(y):04d}-{int(m):02d}-{int(d):02d}")
        for m, y in _MONTH.findall(text or ""):
            out.append(f"{int(y):04d}-{int(m):02d}")
    return out


def table_gold(rows: list[Group | Row], prefix: str) -> tuple[list[dict], list[str]]:
    """One gold obligation per task row (with the row's item path, time cell and product), and the
    dates its cells write."""
    obligations, dates = [], []
    group = ""
    for entry in rows:
        if isinstance(entry, Group):
            group = entry.label
            continue
        gold: dict = {
            "anchor": entry.task,
            "actors": entry.actors,
            "collaborators": entry.collaborators,
            "modality": "obligation",
            "item": f"{prefix}, {group}.{entry.stt}",
            "deadline_text": entry.time,
            "output": None if entry.output.strip() in ("", "-") else entry.output,
        }
        if entry.deadline:
            gold["deadline"] = entry.deadline
        if entry.recurrence:
            gold["recurrence"] = entry.recurrence
        obligations.append(gold)
        dates += cell_dates(entry.time, entry.task, entry.output)
    return obligations, dates


def item(label: str, text: str, *children: dict) -> dict:
    return {"label": label, "text": text, "children": list(children)}


def obligation(anchor: str, actors: list[str], **more) -> dict:
    return {"anchor": anchor, "actors": actors, "modality": "obligation", **more}


def write_gold() -> None:
    documents = []
    rows, dates = table_gold(DOCX_ROWS, "Phụ lục I")
    documents.append(
        {
            "id": "kh-ubnd-tinh-chuyen-doi-so-phu-luc",
            "raw": "raw/kh-ubnd-tinh-chuyen-doi-so-phu-luc.docx",
            "kind": "letter",
            "header": {
                "issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
                "number": "58/KH-UBND",
                "doc_type": "Kế hoạch",
                "place": "Quảng Trị",
                "date": "2026-01-20",
                "subject": "Chuyển đổi số, phát triển chính quyền số tỉnh Quảng Trị năm 2026",
                "signer": {"title": "PHÓ CHỦ TỊCH", "name": "Lê Văn Hòa"},
            },
            "addressees": [],
            "recipients": [
                {"name": "Bộ Khoa học và Công nghệ", "purpose": "để b/c"},
                {"name": "TT Tỉnh ủy, TT HĐND tỉnh", "purpose": "để b/c"},
                {"name": "Chủ tịch, các PCT UBND tỉnh", "purpose": None},
                {"name": "Các sở, ban, ngành", "purpose": None},
                {"name": "UBND các xã, phường", "purpose": None},
            ],
            "archive": ["VT", "KT"],
            "references": [
                {
                    "number": "57-NQ/TW",
                    "doc_type": "Nghị quyết",
                    "date": "2024-12-22",
                    "issuer": "Bộ Chính trị",
                },
                {
                    "number": "06/QĐ-TTg",
                    "doc_type": "Quyết định",
                    "date": "2022-01-06",
                    "issuer": "Thủ tướng Chính phủ",
                },
            ],
            "dates": ["2026-01-20", "2024-12-22", "2022-01-06", "2026-12-20", "2026-01-20", *dates],
            "items": [
                item(
                    "I.",
                    "MỤC ĐÍCH, YÊU CẦU",
                    item(
                        "1.",
                        "Mục đích",
                        item("-", "Đưa hoạt động của các cơ quan nhà nước"),
                        item("-", "Hình thành dữ liệu dùng chung"),
                    ),
                    item("2.", "Yêu cầu", item("-", "Mỗi nhiệm vụ có cơ quan chủ trì")),
                ),
                item("II.", "NHIỆM VỤ, GIẢI PHÁP"),
                item(
                    "III.",
                    "TỔ CHỨC THỰC HIỆN",
                    item("1.", "Sở Khoa học và Công nghệ chủ trì theo dõi"),
                    item("2.", "Sở Tài chính tham mưu bố trí kinh phí"),
                    item("3.", "Các sở, ban, ngành, UBND các xã, phường căn cứ"),
                ),
            ],
            "obligations": [
                obligation(
                    "Sở Khoa học và Công nghệ chủ trì theo dõi, đôn đốc việc triển khai Kế hoạch",
                    ["Sở Khoa học và Công nghệ"],
                    deadline="2026-12-20",
                ),
                obligation("Sở Tài chính tham mưu bố trí kinh phí thực hiện các nhiệm vụ", ["Sở Tài chính"]),
                obligation(
                    "Các sở, ban, ngành, UBND các xã, phường căn cứ nhiệm vụ được giao tại Phụ lục I",
                    ["Các sở, ban, ngành", "UBND các xã, phường"],
                    recurrence=["P3M"],
                ),
                *rows,
            ],
        }
    )
    rows, dates = table_gold(PDF_ROWS, "Phụ lục I")
    documents.append(
        {
            "id": "kh-ubnd-tinh-cai-cach-hanh-chinh-phu-luc",
            "raw": "raw/kh-ubnd-tinh-cai-cach-hanh-chinh-phu-luc.pdf",
            "kind": "letter",
            "header": {
                "issuer": "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
                "number": "112/KH-UBND",
                "doc_type": "Kế hoạch",
                "place": "Nghệ An",
                "date": "2026-01-15",
                "subject": "Cải cách hành chính tỉnh Nghệ An năm 2026",
                "signer": {"title": "CHỦ TỊCH", "name": "Nguyễn Đức Trung"},
            },
            "addressees": [],
            "recipients": [
                {"name": "Bộ Nội vụ", "purpose": "để b/c"},
                {"name": "TT Tỉnh ủy, TT HĐND tỉnh", "purpose": "để b/c"},
                {"name": "Các sở, ban, ngành", "purpose": None},
                {"name": "UBND các xã, phường", "purpose": None},
            ],
            "archive": ["VT", "NC"],
            "references": [
                {"number": "76/NQ-CP", "doc_type": "Nghị quyết", "date": "2021-07-15", "issuer": "Chính phủ"},
            ],
            "dates": ["2026-01-15", "2021-07-15", "2026-12-10", "2026-01-31", "2026-01-15", *dates],
            "items": [
                item(
                    "I.",
                    "MỤC TIÊU",
                    item("1.", "Nâng cao chỉ số cải cách hành chính"),
                    item("2.", "Bảo đảm trên 90% hồ sơ"),
                ),
                item("II.", "NHIỆM VỤ"),
                item(
                    "III.",
                    "TỔ CHỨC THỰC HIỆN",
                    item("1.", "Thủ trưởng các sở, ban, ngành, Chủ tịch UBND"),
                    item("2.", "Sở Nội vụ theo dõi, kiểm tra"),
                    item("3.", "Các cơ quan, đơn vị cử một công chức"),
                ),
            ],
            "obligations": [
                obligation(
                    "Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường chịu trách nhiệm",
                    ["Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các xã, phường"],
                ),
                obligation(
                    "Sở Nội vụ theo dõi, kiểm tra việc thực hiện Kế hoạch",
                    ["Sở Nội vụ"],
                    deadline="2026-12-10",
                ),
                obligation(
                    "Các cơ quan, đơn vị cử một công chức làm đầu mối",
                    ["Các cơ quan, đơn vị"],
                    deadline="2026-01-31",
                ),
                *rows,
            ],
        }
    )
    rows, dates = table_gold(HTML_ROWS, "Bảng 2")
    documents.append(
        {
            "id": "kh-so-y-te-phong-chong-dich",
            "raw": "raw/kh-so-y-te-phong-chong-dich.html",
            "kind": "letter",
            "header": {
                "issuer": "SỞ Y TẾ",
                "number": "245/KH-SYT",
                "doc_type": "Kế hoạch",
                "place": "Hà Tĩnh",
                "date": "2026-02-05",
                "subject": "Phòng, chống dịch bệnh truyền nhiễm năm 2026",
                "signer": {"title": "GIÁM ĐỐC", "name": "Phan Thị Minh"},
            },
            "addressees": [],
            "recipients": [
                {"name": "UBND tỉnh", "purpose": "để b/c"},
                {"name": "Các đơn vị trực thuộc", "purpose": None},
            ],
            "archive": ["VT", "NVY"],
            "references": [
                {"number": "18/KH-UBND", "doc_type": "Kế hoạch", "date": "2026-01-20", "issuer": "UBND tỉnh"},
            ],
            "dates": ["2026-02-05", "2026-01-20", *dates, "2026-03-15"],
            "items": [
                item("I.", "TÌNH HÌNH DỊCH BỆNH NĂM 2025"),
                item("II.", "NHIỆM VỤ CỤ THỂ"),
                item(
                    "III.",
                    "TỔ CHỨC THỰC HIỆN",
                    item("1.", "Phòng Nghiệp vụ Y là đầu mối"),
                    item("2.", "Thủ trưởng các đơn vị trực thuộc"),
                ),
            ],
            "obligations": [
                *rows,
                obligation("Phòng Nghiệp vụ Y là đầu mối theo dõi, đôn đốc", ["Phòng Nghiệp vụ Y"]),
                obligation(
                    "Thủ trưởng các đơn vị trực thuộc xây dựng kế hoạch của đơn vị",
                    ["Thủ trưởng các đơn vị trực thuộc"],
                    deadline="2026-03-15",
                ),
            ],
        }
    )
    for gold in documents:
        path = GOLD / f"{gold['id']}.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_docx(RAW / "kh-ubnd-tinh-chuyen-doi-so-phu-luc.docx")
    write_pdf(RAW / "kh-ubnd-tinh-cai-cach-hanh-chinh-phu-luc.pdf")
    write_html(RAW / "kh-so-y-te-phong-chong-dich.html")
    write_gold()
