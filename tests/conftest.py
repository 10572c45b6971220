"""Shared fixtures: paths, and builders for DOCX and PDF documents written by us."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Messages are Vietnamese unless the locale asks for English: the suite pins Vietnamese, whatever
# the machine's locale, before anything of vanban_nlp is imported (CLI help is translated at import).
os.environ["VANBAN_LANG"] = "vi"

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"
ARCHIVE = SHARED / "corpus" / "archive"
DEV = SHARED / "corpus" / "dev"
FONT = FIXTURES / "fonts" / "DejaVuSans.ttf"

SAMPLE_LETTER = CORPORA / "raw" / "cv-so-tttt-chuyen-doi-so.txt"

HEADING_LEFT = [
    "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
    "SỞ NỘI VỤ",
    "Số: 356/SNV-CCVC",
    "V/v đôn đốc báo cáo kết quả",
    "đánh giá công chức năm 2024",
]
HEADING_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Ninh Bình, ngày 09 tháng 12 năm 2024",
]
BODY = [
    "Kính gửi: Thủ trưởng các cơ quan, đơn vị thuộc UBND tỉnh.",
    "Thực hiện Công văn số 4120/UBND-NC ngày 25/11/2024 của UBND tỉnh, Sở Nội vụ đề nghị:",
    "1. Các cơ quan, đơn vị gửi báo cáo kết quả đánh giá công chức năm 2024 trước ngày 20/12/2024.",
    "2. Văn phòng các sở tổng hợp danh sách công chức hoàn thành xuất sắc nhiệm vụ.",
]


@pytest.fixture
def english():
    """Library messages in English for the duration of a test (the suite's default is Vietnamese)."""
    from vanban_nlp import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("vi")


@pytest.fixture
def heading_docx(tmp_path: Path) -> Path:
    """A công văn whose heading is a two-column table, as Word templates lay it out."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=len(HEADING_LEFT), cols=2)
    for row, (left, right) in enumerate(zip(HEADING_LEFT, HEADING_RIGHT + ["", ""])):
        table.cell(row, 0).text = left
        table.cell(row, 1).text = right
    for paragraph in BODY:
        document.add_paragraph(paragraph)
    signature = document.add_table(rows=3, cols=2)
    for row, (left, right) in enumerate(
        zip(
            ["Nơi nhận:", "- Như trên;", "- Lưu: VT, CCVC."],
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đinh Văn Thành"],
        )
    ):
        signature.cell(row, 0).text = left
        signature.cell(row, 1).text = right
    path = tmp_path / "cong-van-snv.docx"
    document.save(path)
    return path


def _canvas(path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("DejaVu", 10)
    return pdf


@pytest.fixture
def heading_pdf(tmp_path: Path) -> Path:
    """A one-page letter whose two heading columns are drawn line by line, interleaved,
    the way word processors write them, so naive extraction mixes the columns."""
    path = tmp_path / "cong-van-snv.pdf"
    pdf = _canvas(path)
    y = 800
    for row in range(len(HEADING_LEFT)):
        pdf.drawString(60, y, HEADING_LEFT[row])
        if row < len(HEADING_RIGHT):
            pdf.drawString(330, y, HEADING_RIGHT[row])
        y -= 16
    y -= 20
    for paragraph in BODY:
        pdf.drawString(60, y, paragraph[:95])
        if len(paragraph) > 95:
            y -= 14
            pdf.drawString(60, y, paragraph[95:])
        y -= 20
    pdf.showPage()
    pdf.setFont("DejaVu", 10)
    pdf.drawString(290, 820, "2")
    pdf.drawString(
        60, 780, "3. Các cơ quan, đơn vị chịu trách nhiệm về tính chính xác của số liệu báo cáo./."
    )
    pdf.save()
    return path


@pytest.fixture
def scanned_pdf(tmp_path: Path) -> Path:
    """Pages with only drawings (a scan has images, no text layer)."""
    path = tmp_path / "scan.pdf"
    pdf = _canvas(path)
    for _ in range(2):
        pdf.rect(50, 50, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def encrypted_pdf(tmp_path: Path, heading_pdf: Path) -> Path:
    import pikepdf

    path = tmp_path / "encrypted.pdf"
    with pikepdf.open(heading_pdf) as source:
        source.save(path, encryption=pikepdf.Encryption(owner="chu-so-huu", user="mat-khau", R=6))
    return path
