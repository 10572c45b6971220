"""Readers: every format and encoding a clerk's archive holds, and clear errors for bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from vanban_nlp.errors import (
    CorruptFileError,
    DocumentError,
    EncryptedPDFError,
    ScannedPDFError,
    UnsupportedFormatError,
)
from vanban_nlp.io import read

from .conftest import FIXTURES, HEADING_LEFT, HEADING_RIGHT

LETTER = (
    "Kính gửi: Ủy ban nhân dân các huyện.\nSở Tài chính đề nghị các đơn vị thực hiện báo cáo của năm trước.\n"
)


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
    ],
)
def test_unicode_text_files(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(bom + LETTER.encode(encoding))
    assert read(path).text == LETTER


@pytest.fixture(autouse=True)
def _english_messages(english):
    """These tests read the English wording of reader errors (Vietnamese: tests/test_i18n.py)."""


def test_cp1258_text_is_detected(tmp_path: Path) -> None:
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"

    def cp1258_form(char: str) -> str:
        # cp1258 has the letters ă â ê ô ơ ư đ; tones are stored as combining marks after them
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        return base + "".join(c for c in decomposed if c in tones)

    path = tmp_path / "cp1258.txt"
    path.write_bytes("".join(map(cp1258_form, LETTER)).encode("cp1258", errors="strict"))
    raw = read(path)
    assert raw.encoding == "cp1258"
    assert unicodedata.normalize("NFC", raw.text) == LETTER


def test_tcvn3_file_is_converted() -> None:
    raw = read(FIXTURES / "tcvn3-cong-van.txt")
    assert raw.encoding == "tcvn3"
    assert "ủy ban nhân dân huyện kim bảng" in raw.text
    assert "Thực hiện Công văn số 1432/UBND-VP ngày 28/10/2009" in raw.text


def test_vni_file_is_converted() -> None:
    raw = read(FIXTURES / "vni-cong-van.txt")
    assert raw.encoding == "vni"
    assert raw.text.startswith("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
    assert "Quyết định số 120/QĐ-UBND" in raw.text and "trách nhiệm báo cáo" in raw.text


def test_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "forced.txt"
    path.write_bytes((FIXTURES / "tcvn3-cong-van.txt").read_bytes())
    assert "văn phòng hđnd" in read(path, encoding="tcvn3").text
    with pytest.raises(DocumentError, match="unknown encoding 'klingon'"):
        read(path, encoding="klingon")


def test_binary_garbage_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DocumentError) as info:
        read(path)
    assert "noise.txt" in str(info.value)


def test_docx_heading_table_reads_left_column_then_right(heading_docx: Path) -> None:
    text = read(heading_docx).text
    lines = [line for line in text.split("\n") if line.strip()]
    left_positions = [lines.index(line) for line in HEADING_LEFT]
    right_positions = [lines.index(line) for line in HEADING_RIGHT]
    assert left_positions == sorted(left_positions)
    assert max(left_positions) < min(right_positions), "heading columns must not interleave"
    assert lines.index("Nơi nhận:") < lines.index("- Lưu: VT, CCVC.") < lines.index("KT. GIÁM ĐỐC")


def test_docx_text_box_is_read(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Đoạn văn chính.")
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>HỎA TỐC</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(box)
    path = tmp_path / "textbox.docx"
    document.save(path)
    text = read(path).text
    assert "Đoạn văn chính." in text and "HỎA TỐC" in text
    assert "Đoạn văn chính.HỎA TỐC" not in text


def test_truncated_docx_is_a_clear_error(tmp_path: Path, heading_docx: Path) -> None:
    data = heading_docx.read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError, match="corrupt DOCX") as info:
        read(broken)
    assert "broken.docx" in str(info.value)


def test_pdf_two_column_heading_is_split(heading_pdf: Path) -> None:
    raw = read(heading_pdf)
    assert raw.format == "pdf" and raw.pages == 2
    lines = [line.strip() for line in raw.text.split("\n") if line.strip()]
    left = [lines.index(line) for line in HEADING_LEFT]
    right = [lines.index(line) for line in HEADING_RIGHT]
    assert max(left) < min(right), f"columns interleaved: {lines[:8]}"
    # the page number printed at the top of page 2 is page furniture
    assert "2" not in lines
    assert any(line.startswith("3. Các cơ quan") for line in lines)


def test_scanned_pdf_is_a_clear_error(scanned_pdf: Path) -> None:
    with pytest.raises(ScannedPDFError, match="no text layer; OCR needed"):
        read(scanned_pdf)


def test_encrypted_pdf_is_a_clear_error(encrypted_pdf: Path) -> None:
    with pytest.raises(EncryptedPDFError, match="encrypted PDF") as info:
        read(encrypted_pdf)
    assert "encrypted.pdf" in str(info.value)


def test_truncated_pdf_is_a_clear_error(tmp_path: Path, heading_pdf: Path) -> None:
    broken = tmp_path / "cut.pdf"
    broken.write_bytes(heading_pdf.read_bytes()[:300])
    with pytest.raises(DocumentError) as info:
        read(broken)
    assert "cut.pdf" in str(info.value)


def test_pdf_named_docx_is_read_as_pdf(tmp_path: Path, heading_pdf: Path) -> None:
    wrong = tmp_path / "really-a-pdf.docx"
    wrong.write_bytes(heading_pdf.read_bytes())
    assert read(wrong).format == "pdf"


def test_broken_image_and_old_word_files_are_refused(tmp_path: Path) -> None:
    png = tmp_path / "scan.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(DocumentError, match="image file"):  # images are OCR'd; this one is broken
        read(png)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(UnsupportedFormatError, match=r"\.doc"):
        read(doc)


def test_html_main_text_without_page_noise(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><title>Tin tức</title><script>var x = 1;</script></head><body>
    <nav class="menu"><a href="/">Trang chủ</a><a href="/tin">Tin tức</a></nav>
    <div class="article-content">
      <h1>Tỉnh yêu cầu chấn chỉnh kỷ luật hành chính</h1>
      <p>Chủ tịch UBND tỉnh vừa ban hành Công văn số 1520/UBND-NC ngày 03/5/2024 yêu cầu các sở, ngành
      tăng cường kỷ luật, kỷ cương hành chính trong thực thi công vụ.</p>
      <p>Theo đó, Giám đốc các sở chịu trách nhiệm kiểm tra việc chấp hành giờ làm việc của công chức.</p>
    </div>
    <div class="comment-box"><form><textarea>Nội dung bình luận</textarea></form><p>Ý kiến bạn đọc</p></div>
    <footer><p>Bản quyền thuộc Cổng thông tin điện tử tỉnh</p><p>Lượt truy cập: 1.234.567</p></footer>
    </body></html>"""
    path = tmp_path / "tin.html"
    path.write_text(page, encoding="utf-8")
    text = read(path).text
    assert "Công văn số 1520/UBND-NC" in text and "Giám đốc các sở chịu trách nhiệm" in text
    for noise in ("Trang chủ", "bình luận", "Bản quyền", "Lượt truy cập", "var x"):
        assert noise not in text


def test_vbpl_style_heading_table_in_html(tmp_path: Path) -> None:
    rows = "".join(
        f"<tr><td><p>{l}</p></td><td><p>{r}</p></td></tr>"
        for l, r in zip(HEADING_LEFT, HEADING_RIGHT + ["", ""])
    )
    body = "Nội dung văn bản. " * 20
    page = f"<html><body><div class='preview-content'><table>{rows}</table><p>{body}</p></div></body></html>"
    path = tmp_path / "vbpl.html"
    path.write_text(page, encoding="utf-8")
    lines = [l for l in read(path).text.split("\n") if l.strip()]
    assert max(lines.index(l) for l in HEADING_LEFT) < min(lines.index(l) for l in HEADING_RIGHT)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="file not found"):
        read(tmp_path / "none.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(DocumentError, match="empty file"):
        read(empty)
