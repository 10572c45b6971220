"""Tables: read from DOCX, PDF and HTML with their cell spans, and assignment tables ("Phụ lục phân
công nhiệm vụ") turned into tasks; statistics and forms never are."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from vanban_nlp import lexicon, parse
from vanban_nlp.export.document_json import json_schema
from vanban_nlp.export.tasks import item_words, to_csv, to_ics, to_markdown
from vanban_nlp.io import read
from vanban_nlp.model import Document, Table
from vanban_nlp.obligations.tables import ROLES, assignment_columns, column_role
from vanban_nlp.obligations.tasks import build_tasks
from vanban_nlp.obligations.timing import cell_timing

from .conftest import ARCHIVE, CORPORA

DOCX = CORPORA / "raw" / "kh-ubnd-tinh-chuyen-doi-so-phu-luc.docx"
PDF = CORPORA / "raw" / "kh-ubnd-tinh-cai-cach-hanh-chinh-phu-luc.pdf"
HTML = CORPORA / "raw" / "kh-so-y-te-phong-chong-dich.html"
FIXTURES = [DOCX, PDF, HTML]


@pytest.fixture(scope="module")
def parsed() -> dict[Path, Document]:
    return {path: parse(path) for path in FIXTURES}


def _gold(path: Path) -> dict:
    return json.loads((CORPORA / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))


def _table_rows(path: Path) -> list[dict]:
    return [o for o in _gold(path)["obligations"] if "item" in o]


# --- the reading layer -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.suffix)
def test_every_cell_is_its_span_of_the_text(path: Path, parsed: dict[Path, Document]) -> None:
    document = parsed[path]
    assert len(document.tables) == 2
    for table in document.tables:
        start, end = table.span
        for texts, spans in zip([table.header, *table.rows], table.cells, strict=True):
            assert len(texts) == len(spans)
            for text, span in zip(texts, spans, strict=True):
                if span is None:
                    assert text == ""
                    continue
                assert document.text[span[0] : span[1]] == text and text == text.strip()
                assert start <= span[0] <= span[1] <= end


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.suffix)
def test_rows_of_a_table_are_no_items(path: Path, parsed: dict[Path, Document]) -> None:
    """A group row ("I. HOÀN THIỆN THỂ CHẾ …") or the column numbers ("(1) (2) (3)") of an
    assignment table are cells, not enumerated items of the plan."""
    document = parsed[path]

    def starts(items: list) -> list[int]:
        return [i.span[0] for i in items] + [s for i in items for s in starts(i.children)]

    inside = [s for s in starts(document.items) for t in document.tables if t.span[0] <= s < t.span[1]]
    assert document.items and inside == []


def test_docx_merged_cells_take_the_value_of_the_cell_holding_it(parsed: dict[Path, Document]) -> None:
    table = parsed[DOCX].tables[0]
    assert table.header == [
        "STT",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Sản phẩm",
    ]
    assert len(table.rows) == 28
    # "I. HOÀN THIỆN THỂ CHẾ …" spans the row; rows 2 and 3 continue the lead cell of row 1
    assert len(set(table.rows[0])) == 1 and table.rows[0][0].startswith("I. HOÀN THIỆN")
    assert table.rows[1][2] == table.rows[2][2] == table.rows[3][2] == "Sở Khoa học và Công nghệ"
    assert table.cells[2][2] == table.cells[3][2] == table.cells[4][2]  # one cell, one span
    assert parsed[DOCX].tables[1].header[:3] == ["STT", "Chỉ tiêu", "Đơn vị tính"]


def test_pdf_table_over_a_page_break_on_landscape_pages_is_one_table(parsed: dict[Path, Document]) -> None:
    document = parsed[PDF]
    table, form = document.tables
    assert document.source.pages == 3 and table.page == 2 and form.page == 3
    # 6 groups, 20 tasks, the column-number row; the header repeated on page 3 is dropped
    assert len(table.rows) == 27 and sum(row[0] == "TT" for row in table.rows) == 0
    assert table.rows[0] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    group_vi = next(row for row in table.rows if row[0] == "VI")
    assert group_vi[1:] == ["XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"] * 5  # spanned title
    spanned_lead = [row[2] for row in table.rows[6:10]]
    assert spanned_lead == ["Văn phòng UBND tỉnh"] * 4  # II.1 its own, II.2-II.4 one cell
    assert form.header[:2] == ["STT", "Họ và tên"]


def test_html_rowspan_and_colspan(parsed: dict[Path, Document]) -> None:
    table = parsed[HTML].tables[1]
    assert table.header[-1] == "Ghi chú" and len(table.rows) == 19
    assert set(table.rows[0]) == {"A. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"}
    spread = [row for row in table.rows if row[0] in ("1", "2", "3")][3:6]  # B.1-B.3, rowspan 3
    assert {row[2] for row in spread} == {"Trung tâm Kiểm soát bệnh tật tỉnh"}


def test_tables_in_document_json_1_1(parsed: dict[Path, Document]) -> None:
    for document in parsed.values():
        data = document.to_dict()
        assert data["schema"] == "vanban-nlp/document/1.1"
        jsonschema.validate(data, json_schema())
        assert Document.from_dict(json.loads(json.dumps(data, ensure_ascii=False))) == document
        table = data["tables"][0]
        assert set(table) == {"span", "page", "header", "rows", "cells"}
    # the v1 schema stays published, and a 1.1 reader takes a v1 document
    assert json_schema("1")["properties"]["schema"] == {"const": "vanban-nlp/document/1"}
    old = parsed[HTML].to_dict()
    old["schema"] = "vanban-nlp/document/1"
    del old["tables"]
    for obligation in old["obligations"]:
        del obligation["output"]
    jsonschema.validate(old, json_schema())
    assert Document.from_dict(old).tables == []


def test_layout_tables_are_not_data_tables(tmp_path: Path) -> None:
    """The two-column heading and signature tables of a Word letter stay text, as before."""
    import docx

    document = docx.Document()
    heading = document.add_table(rows=2, cols=2)
    for r, (left, right) in enumerate(
        [("SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("Số: 1/SNV", "")]
    ):
        heading.cell(r, 0).text, heading.cell(r, 1).text = left, right
    document.add_paragraph("Sở Nội vụ đề nghị các phòng báo cáo trước ngày 20/12/2026.")
    path = tmp_path / "letter.docx"
    document.save(path)
    raw = read(path)
    assert raw.tables == [] and raw.text.splitlines()[:2] == ["SỞ NỘI VỤ", "Số: 1/SNV"]


def test_pdf_without_ruled_tables_reads_as_before(tmp_path: Path) -> None:
    """Text laid out in columns without rules is not a table (pdfplumber is not even asked)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from .conftest import FONT

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    path = tmp_path / "columns.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("DejaVu", 10)
    for row in range(5):
        for column, x in enumerate((60, 200, 340)):
            pdf.drawString(x, 780 - 16 * row, f"ô {row}.{column}")
    pdf.line(60, 700, 500, 700)  # a single rule under the text
    pdf.save()
    raw = read(path)
    assert raw.tables == [] and "ô 0.0" in raw.text


# --- assignment tables -> obligations -------------------------------------------------------------


def _row_scores(path: Path, document: Document) -> tuple[int, int, list[str]]:
    """(rows right, rows in the gold, what went wrong) on actors, collaborators and deadline."""
    found = {o.item: o for o in document.obligations if o.item and "," in o.item}
    wrong = []
    right = 0
    for gold in _table_rows(path):
        got = found.get(gold["item"])
        if got is None:
            wrong.append(f"missing {gold['item']}")
            continue
        checks = {
            "actors": got.actors == gold["actors"],
            "collaborators": got.collaborators == gold["collaborators"],
            "deadline": got.deadline == gold.get("deadline"),
            "recurrence": got.recurrence == gold.get("recurrence", []),
            "deadline_text": got.deadline_text == gold["deadline_text"],
            "output": got.output == gold["output"],
            "text": got.text == gold["anchor"],
        }
        if all(checks.values()):
            right += 1
        else:
            wrong.append(f"{gold['item']}: {[k for k, ok in checks.items() if not ok]}")
    return right, len(_table_rows(path)), wrong


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.suffix)
def test_every_row_is_a_task_with_its_actors_collaborators_and_deadline(
    path: Path, parsed: dict[Path, Document]
) -> None:
    document = parsed[path]
    table_obligations = [o for o in document.obligations if o.item and "," in o.item]
    rows = _table_rows(path)
    assert len(rows) >= 16 and len(table_obligations) == len(rows)
    right, total, wrong = _row_scores(path, document)
    assert right / total >= 0.95, wrong
    tasks = build_tasks(document)
    assert len({t.id for t in tasks}) == len(tasks)
    assert {t.item for t in tasks} >= {row["item"] for row in rows}


def test_obligations_are_in_document_order_with_fresh_ids(parsed: dict[Path, Document]) -> None:
    for document in parsed.values():
        starts = [o.span[0] for o in document.obligations]
        assert starts == sorted(starts)
        assert [o.id for o in document.obligations] == [f"o{i}" for i in range(1, len(starts) + 1)]
        # nothing the prose rules read from a table's lines is left beside its rows
        spans = [t.span for t in document.tables]
        inside = [o for o in document.obligations if any(s <= o.span[0] < e for s, e in spans)]
        assert all(o.item and "," in o.item for o in inside)


def test_statistics_and_form_tables_give_no_tasks(parsed: dict[Path, Document]) -> None:
    statistics = [parsed[DOCX].tables[1], parsed[HTML].tables[0], parsed[PDF].tables[1]]
    for table in statistics:
        assert assignment_columns(table) is None, table.header
    for document, table in (
        (parsed[DOCX], statistics[0]),
        (parsed[HTML], statistics[1]),
        (parsed[PDF], statistics[2]),
    ):
        start, end = table.span
        assert not [o for o in document.obligations if start <= o.span[0] < end]


def _table(header: list[str], *rows: list[str]) -> Table:
    return Table(span=(0, 1), header=header, rows=[list(r) for r in rows])


@pytest.mark.parametrize(
    "header",
    [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Ghi chú"],  # a form
        ["TT", "Tên tiêu chí", "Nội dung tiêu chí", "Chỉ tiêu chung", "Yêu cầu đối với từng nhóm"],
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Kế hoạch năm 2026"],
        ["Tần số (MHz)", "Phân chia của Khu vực 3", "Phân chia của Việt Nam"],
        ["STT", "Nội dung", "Đơn vị thực hiện", "Số lượng", "Tỷ lệ (%)"],  # results, no time or product
    ],
)
def test_other_tables_are_not_assignment_tables(header: list[str]) -> None:
    assert assignment_columns(_table(header, ["1", "a", "b", "c", "d"][: len(header)])) is None


def test_header_words_tolerate_ocr_and_line_breaks() -> None:
    assert column_role("Cơ quan\nchủ trì") == "lead"
    assert column_role("Co quan chu tri") == "lead"
    assert column_role("Đơn vị phối hợp thực hiện") == "support"
    assert column_role("Cơ quan chủ trì, phối hợp") == "lead_support"
    assert column_role("Thòi gian hoàn thành") == "deadline"
    assert column_role("Thời gian bắt đầu") == "other"
    assert column_role("Kết quả/ sản phẩm") == "output"
    assert column_role("Số TT") == "number" and column_role("Đơn vị tính") is None


def test_two_row_header_and_a_column_naming_lead_and_support() -> None:
    table = _table(
        ["STT", "Nội dung công việc", "Cơ quan chủ trì, phối hợp", "Thời gian", "Thời gian"],
        ["STT", "Nội dung công việc", "Cơ quan chủ trì, phối hợp", "Bắt đầu", "Hoàn thành"],
        [
            "1",
            "Xây dựng đề án",
            "Sở Nội vụ (chủ trì); Sở Tài chính, Sở Tư pháp",
            "Tháng 3/2026",
            "Quý IV/2026",
        ],
        [
            "2",
            "Tổ chức hội nghị",
            "Chủ trì: Văn phòng UBND tỉnh; phối hợp: Sở Nội vụ",
            "Tháng 5/2026",
            "Tháng 6/2026",
        ],
    )
    columns = assignment_columns(table)
    assert columns is not None and columns.data_start == 2 and columns.roles["deadline"] == 4
    text = "\n".join("\t".join(row) for row in table.rows)
    document = Document(source=None, text=text, tables=[table])  # type: ignore[arg-type]
    task_starts = [text.index("Xây dựng đề án"), text.index("Tổ chức hội nghị")]
    table.cells = [[None] * 5, [None] * 5] + [
        [None, (start, start + len(row[1])), None, None, None]
        for start, row in zip(task_starts, table.rows[1:], strict=True)
    ]
    from vanban_nlp.obligations.tables import table_obligations

    first, second = table_obligations(document)
    assert first.actors == ["Sở Nội vụ"] and first.collaborators == ["Sở Tài chính", "Sở Tư pháp"]
    assert first.deadline == "2026-12-31" and first.item == "Bảng 1, 1"
    assert second.actors == ["Văn phòng UBND tỉnh"] and second.collaborators == ["Sở Nội vụ"]
    assert second.deadline == "2026-06"


@pytest.mark.parametrize(
    ("cell", "deadline", "recurrence"),
    [
        ("Quý II/2026", "2026-06-30", []),
        ("Quý IV năm 2026", "2026-12-31", []),
        ("Tháng 6/2026", "2026-06", []),
        ("Năm 2026", "2026", []),
        ("Trước 30/7/2026", "2026-07-30", []),
        ("Trước 30/7", "2026-07-30", []),  # the document's year
        ("Thường xuyên", None, []),
        ("Hằng quý", None, ["P3M"]),
        ("Hằng năm", None, ["P1Y"]),
        ("Từ tháng 3 đến tháng 6/2027", "2027-06", []),
        ("2026 - 2027", "2027", []),
        ("6 tháng đầu năm 2026", "2026-06-30", []),
        ("Quy III/2026", "2026-09-30", []),  # typed without marks
        ("Quý III/2026; hằng năm", "2026-09-30", ["P1Y"]),
        ("Năm 2025", None, []),  # before the document: not a deadline
    ],
)
def test_time_cells(cell: str, deadline: str | None, recurrence: list[str]) -> None:
    timing = cell_timing(cell, "2026-01-20")
    assert (timing.deadline, timing.recurrence, timing.deadline_text) == (deadline, recurrence, cell)


def test_table_column_lexicon_integrity() -> None:
    """Each role's examples take that role, its counterexamples do not; no header word has two roles."""
    seen: dict[str, str] = {}
    for role in ROLES:
        words = lexicon.words(f"table_column_{role}")
        assert words.description and words.source and words.examples
        for example in words.examples:
            assert column_role(example) == role, (role, example)
        for counterexample in words.counterexamples:
            assert column_role(counterexample) != role, (role, counterexample)
        for word in words:
            assert seen.setdefault(word.casefold(), role) == role, (word, role, seen[word.casefold()])


# --- tasks and exports -----------------------------------------------------------------------------


def test_tasks_carry_the_product_and_say_where_the_row_is(parsed: dict[Path, Document]) -> None:
    tasks = build_tasks(parsed[DOCX])
    task = next(t for t in tasks if t.item == "Phụ lục I, II.5")
    assert task.id == "58/KH-UBND#Phụ lục I, II.5" and task.output == "Báo cáo kết quả phủ sóng"
    assert item_words(task.item) == "Phụ lục I, nhóm II, nhiệm vụ 5"
    assert item_words("2.a)") == "mục 2.a)"
    rows = list(csv.DictReader(io.StringIO(to_csv(tasks).lstrip("\ufeff"))))
    row = next(r for r in rows if r["Mã nhiệm vụ"] == task.id)
    assert row["Sản phẩm"] == "Báo cáo kết quả phủ sóng" and row["Hạn xử lý"] == "2026"
    assert row["Căn cứ"] == "Kế hoạch số 58/KH-UBND, Phụ lục I, nhóm II, nhiệm vụ 5"
    assert "sản phẩm: Báo cáo kết quả phủ sóng" in to_markdown(tasks)
    assert "Sản phẩm: Báo cáo kết quả phủ sóng" in to_ics(tasks).decode("utf-8").replace("\r\n ", "")
    # a letter without tables keeps its columns
    letter = [t for t in tasks if t.output is None][:1]
    assert "Sản phẩm" not in to_csv(letter).splitlines()[0]


# --- the real archive --------------------------------------------------------------------------------


@pytest.mark.skipif(not ARCHIVE.exists(), reason="../shared/corpus/archive is not present")
def test_archive_tables_are_read_and_criteria_tables_give_no_tasks() -> None:
    """Real DOCX criteria and frequency tables are tables, not assignments; a Công báo PDF with ruled
    tables keeps them."""
    for name in ("doc_000222.docx", "doc_000272.docx", "doc_000551.docx"):
        document = parse(ARCHIVE / "docx" / name)
        assert document.tables
        assert not [o for o in document.obligations if o.item and o.item.startswith(("Bảng", "Phụ lục"))]
    gazette = parse(ARCHIVE / "gazette" / "pdf" / "quyet-dinh-so-169-qd-bldtbxh-44203.pdf")
    assert len(gazette.tables) >= 5
    for table in gazette.tables:
        for texts, spans in zip([table.header, *table.rows], table.cells, strict=True):
            assert all(s is None or gazette.text[s[0] : s[1]] == t for t, s in zip(texts, spans, strict=True))
