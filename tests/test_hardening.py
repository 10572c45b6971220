"""Issue 15: every defect a hostile first user found, each with the check that reproduced it."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban_nlp import parse_text
from vanban_nlp.batch.run import run_batch
from vanban_nlp.cli import app
from vanban_nlp.compare.graph import build_graph, render_graph
from vanban_nlp.export.tasks import to_ics, to_markdown, to_xlsx
from vanban_nlp.model import Task
from vanban_nlp.obligations.tasks import build_tasks, build_tasks_for
from vanban_nlp.pipeline import parse
from vanban_nlp.store.sqlite import Store, fold, fts_phrases
from vanban_nlp.text.normalize import normalize

from .conftest import CORPORA, SAMPLE_LETTER

runner = CliRunner()


def letter(
    number: str, body: str, date: str = "ngày 05 tháng 3 năm 2024", issuer: str = "SỞ TÀI CHÍNH"
) -> str:
    """A công văn written by us, on the NĐ 30/2020 layout."""
    return (
        f"UBND TỈNH HÀ NAM\n{issuer}\n\nSố: {number}\nV/v triển khai nhiệm vụ năm 2024\n\n"
        f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHà Nam, {date}\n\n"
        f"Kính gửi: Các phòng, đơn vị thuộc Sở.\n\n{body}\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n"
    )


ITEMS = (
    "Sở Tài chính đề nghị các đơn vị thực hiện các nội dung sau:\n"
    "1. Phòng Ngân sách rà soát dự toán chi thường xuyên, báo cáo trước ngày 20/3/2024.\n"
    "2. Văn phòng Sở tổng hợp báo cáo tình hình thực hiện hằng tháng, gửi Giám đốc Sở."
)


@pytest.fixture(scope="module")
def store_of_raw(tmp_path_factory) -> Path:
    """The store of our own sample letters (corpora/raw), with obligations."""
    db = tmp_path_factory.mktemp("kho") / "kho.sqlite"
    summary = run_batch([str(CORPORA / "raw")], db, workers=1)
    assert summary.done == len([p for p in (CORPORA / "raw").iterdir() if p.is_file()])
    return db


# 1. user text given to --text is quoted into FTS5 phrases --------------------------------------
@pytest.mark.parametrize(
    "text",
    ["19/CĐ-TTg", "V/v", "it's", '"a" OR', "*", "NEAR(", "COVID-19", "02/CĐ-UBND", 'rét "đậm'],
    ids=repr,
)
def test_query_text_is_never_fts5_syntax(store_of_raw: Path, text: str) -> None:
    result = runner.invoke(app, ["query", str(store_of_raw), "--text", text])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.exception is None


def test_a_document_number_is_found_by_full_text_search(store_of_raw: Path) -> None:
    store = Store(store_of_raw, read_only=True)
    assert [r["number"] for r in store.search_documents("02/CĐ-UBND")] == ["02/CĐ-UBND"]
    assert [r["number"] for r in store.search_documents("rét đậm")] == ["02/CĐ-UBND"]
    assert store.search_documents("*") == [] and store.search_documents("") == []
    store.close()
    assert fts_phrases('"a" OR b*') == '"""a""" "OR" "b*"'


# 2. non-characters and C0 controls: cleaned at normalization, offsets kept ----------------------
def test_non_characters_and_controls_are_removed_with_offsets() -> None:
    raw = "Thông tư số 05/2024/TT\ufffe-BLĐTBXH\x00 ngày 10/5/2024\x07 của Bộ\uffff Lao động"
    text = normalize(raw)
    assert text.text == "Thông tư số 05/2024/TT-BLĐTBXH ngày 10/5/2024 của Bộ Lao động"
    start = text.text.index("ngày")
    assert raw[text.to_raw(start) : text.to_raw(start + 4)] == "ngày"
    body = "Căn cứ Thông tư số 05/2024/TT-\ufffeBLĐTBXH\x01 ngày 10/5/2024 của Bộ Lao động.\n" + ITEMS
    document = parse_text(letter("125/STC-NS", body))
    assert "05/2024/TT-BLĐTBXH" in [r.number for r in document.references]
    workbook = to_xlsx(build_tasks(document))  # openpyxl refuses control characters
    assert workbook[:2] == b"PK"


def test_pdf_hyphen_marker_becomes_a_hyphen(tmp_path: Path) -> None:
    gazette = Path(__file__).resolve().parents[2] / "shared/corpus/archive/gazette/pdf"
    pdf = gazette / "quyet-dinh-so-169-qd-bldtbxh-44203.pdf"
    if not pdf.exists():
        pytest.skip("needs ../shared/corpus")
    document = parse(pdf)
    assert "\ufffe" not in document.text
    assert "05/2024/TT-BLĐTBXH" in {r.number for r in document.references}
    result = runner.invoke(app, ["tasks", str(pdf), "-f", "xlsx", "--out", str(tmp_path / "nv.xlsx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "nv.xlsx").read_bytes()[:2] == b"PK"


# 3. task ids unique within and across documents ------------------------------------------------
def test_task_ids_are_unique_when_item_paths_collide() -> None:
    body = (
        "Sở Tài chính yêu cầu các phòng thực hiện:\n"
        "1. Phòng Ngân sách rà soát dự toán.\n"
        "1.1. Phòng Tin học cập nhật phần mềm kế toán.\n"
        "2. Văn phòng Sở báo cáo kết quả trước ngày 30/4/2024."
    )
    document = parse_text(letter("88/STC-VP", body))
    tasks = build_tasks(document)
    for repeat in (tasks[0], tasks[-1]):  # force the collisions a real document can hold
        document.obligations.append(document.obligations[tasks.index(repeat)])
    ids = [t.id for t in build_tasks(document)]
    assert len(ids) == len(set(ids))


def test_blank_or_shared_numbers_carry_the_content_hash(tmp_path: Path) -> None:
    first = parse_text(letter("/LĐTBXH-LĐTL", ITEMS), path="a.txt")
    second = parse_text(letter("/LĐTBXH-LĐTL", ITEMS.replace("20/3/2024", "25/3/2024")), path="b.txt")
    assert first.header.number == second.header.number == "/LĐTBXH-LĐTL"
    ids = [t.id for t in build_tasks_for([first, second])]
    assert len(ids) == len(set(ids)) == len(first.obligations) + len(second.obligations)
    assert ids[0] == f"/LĐTBXH-LĐTL~{first.source.sha256[:8]}#1."
    same_a = parse_text(letter("12/STC-NS", ITEMS), path="c.txt")
    same_b = parse_text(letter("12/STC-NS", ITEMS + "\n3. Phòng Tin học cập nhật dữ liệu."), path="d.txt")
    shared = [t.id for t in build_tasks_for([same_a, same_b])]
    assert len(shared) == len(set(shared)) and all("~" in i for i in shared)
    assert [t.id for t in build_tasks(same_a)][0] == "12/STC-NS#1.", "a number of its own stays readable"
    uids = re.findall(rb"UID:(.*)\r\n", to_ics(build_tasks_for([first, second, same_a, same_b])))
    assert len(uids) == len(set(uids))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(letter("/LĐTBXH-LĐTL", ITEMS), encoding="utf-8")
    (folder / "b.txt").write_text(letter("/LĐTBXH-LĐTL", ITEMS.replace("20/3", "22/3")), encoding="utf-8")
    db = tmp_path / "kho.sqlite"
    run_batch([str(folder)], db, workers=1)
    store = Store(db)
    stored = store.find_tasks()
    assert len({t.id for t in stored}) == len(stored) == store.counts()["obligations"]
    assert store.set_status(stored[0].id, "done") == 1, "one letter's task, not two"
    store.close()


# 4. the store round-trips a task exactly -------------------------------------------------------
def test_tasks_from_the_store_equal_tasks_from_the_files(store_of_raw: Path) -> None:
    raw_files = sorted(p for p in (CORPORA / "raw").iterdir() if p.is_file())  # TXT, DOCX, PDF, HTML
    from_files = {t.id: t for p in raw_files for t in build_tasks(parse(p))}
    store = Store(store_of_raw, read_only=True)
    from_store = {t.id: t for t in store.find_tasks()}
    store.close()
    assert from_store == from_files
    recurring = [t for t in from_files.values() if t.recurrence]
    assert recurring, "the sample letters have recurring reports"
    result = runner.invoke(app, ["tasks", "--db", str(store_of_raw), "-f", "ics"])
    assert result.stdout.count("RRULE:") == to_ics(list(from_files.values())).count(b"RRULE:")


def test_task_json_round_trip() -> None:
    for task in build_tasks(parse(SAMPLE_LETTER)):
        from dataclasses import asdict

        assert Task.from_dict(json.loads(json.dumps(asdict(task)))) == task


# 5. ICS keeps the RRULE when the issue date has no day -----------------------------------------
def test_ics_recurrence_with_a_month_only_issue_date() -> None:
    task = Task(
        id="/SCT-VP#7.",
        actors=["Văn phòng Sở"],
        collaborators=[],
        content="Văn phòng Sở tổng hợp báo cáo định kỳ hằng quý.",
        action="tổng hợp báo cáo",
        deadline=None,
        deadline_text=None,
        recurrence=["P3M"],
        modality="obligation",
        source_number="/SCT-VP",
        source_title="Công văn số /SCT-VP",
        item="7.",
        refs=[],
        issued="2023-06",
    )
    ics = to_ics([task]).decode()
    assert "RRULE:FREQ=MONTHLY;INTERVAL=3" in ics and "DTSTART;VALUE=DATE:20230601" in ics
    task.issued = "2023"
    assert "DTSTART;VALUE=DATE:20230101" in to_ics([task]).decode()


# 6. a page break is not a paragraph break ------------------------------------------------------
@pytest.mark.parametrize(
    "page_break",
    [
        "\n\n2\n\n--- PAGE BREAK ---\n\n",
        "\n\x0c\n",
        "\x0c",
        # an OCR export: specks of the page edge, the marker, "--- PAGE 3 ---" and the page number
        "\n\nNe\n\nxo\n\n\n--- PAGE BREAK ---\n\n--- PAGE 3 ---\n3\n\n",
    ],
)
def test_items_continue_across_a_page_break(page_break: str) -> None:
    body = (
        "Sở Tài chính đề nghị các đơn vị thực hiện:\n"
        "1. Phòng Ngân sách rà soát dự toán, chú trọng các doanh"
        f"{page_break}nghiệp nhỏ và vừa trên địa bàn tỉnh.\n"
        "2. Văn phòng Sở tổng hợp kết quả."
    )
    document = parse_text(letter("77/STC-NS", body))
    first = document.items[0].text if document.items[0].label == "1." else document.items[0].children[0].text
    assert "chú trọng các doanh nghiệp nhỏ và vừa" in first
    assert "PAGE" not in document.text and "\x0c" not in document.text


# 8. DOT labels break lines, not print "\n" -----------------------------------------------------
def test_dot_labels_use_line_breaks() -> None:
    documents = [parse(p).to_dict() for p in sorted((CORPORA / "raw").glob("c*.txt"))[:3]]
    dot = render_graph(build_graph(documents), ".dot").decode()
    labels = re.findall(r'label="((?:[^"\\]|\\.)*)"', dot)
    assert labels and any("\\n" in label for label in labels)
    assert not any("\\\\n" in label for label in labels), "a literal backslash-n would show as text"


# 9. unwritable outputs and read-only stores ----------------------------------------------------
def test_output_to_a_device_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "ong"
    os.mkfifo(fifo)
    import threading

    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["tasks", str(SAMPLE_LETTER), "-f", "csv", "--out", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert fifo.exists() and not fifo.is_file(), "the pipe is still a pipe, not replaced by a file"
    assert received and received[0].startswith("\ufeffMã nhiệm vụ".encode())


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "tep-thuong"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    for args in (
        ["parse", str(SAMPLE_LETTER), "--out", str(blocker / "ra")],
        ["tasks", str(SAMPLE_LETTER), "--out", str(blocker / "nv.csv"), "-f", "csv"],
        ["batch", str(SAMPLE_LETTER), "--out", str(blocker / "kho.sqlite")],
        ["batch", str(SAMPLE_LETTER), "--out", str(blocker / "jsonl")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert str(blocker) in result.stderr and "lỗi" in result.stderr


def test_reading_a_store_writes_nothing(store_of_raw: Path, tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "chi-doc" / "kho.sqlite"
    copy.parent.mkdir()
    copy.write_bytes(store_of_raw.read_bytes())
    content = copy.read_bytes()
    assert runner.invoke(app, ["query", str(copy)]).exit_code == 0
    assert runner.invoke(app, ["tasks", "--db", str(copy), "--overdue", "-f", "json"]).exit_code == 0
    assert copy.read_bytes() == content
    for extra in copy.parent.glob("kho.sqlite-*"):
        extra.unlink()
    # a folder we may not write (root writes through permissions, so the check is stood in for)
    from vanban_nlp.store import sqlite as store_module

    monkeypatch.setattr(store_module, "_writable_folder", lambda folder: False)
    result = runner.invoke(app, ["query", str(copy)])
    documents = len([p for p in (CORPORA / "raw").iterdir() if p.is_file()])
    assert result.exit_code == 0 and f"{documents} văn bản" in result.stdout, result.output
    assert sorted(p.name for p in copy.parent.iterdir()) == ["kho.sqlite"], "no -wal/-shm files made"
    monkeypatch.undo()
    if os.geteuid() != 0:
        copy.parent.chmod(0o555)
        try:
            assert runner.invoke(app, ["query", str(copy)]).exit_code == 0
        finally:
            copy.parent.chmod(0o755)


def test_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    fake = tmp_path / "kho.sqlite"
    fake.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    result = runner.invoke(app, ["query", str(fake)])
    assert result.exit_code == 2 and "không phải kho dữ liệu vanban" in result.stderr


# 10. ZIP members are refused by their declared size and ratio, before reading ------------------
def test_zip_member_limits_are_checked_before_reading(tmp_path: Path) -> None:
    archive = tmp_path / "lo.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("to.txt", b"a" * (3 * 1048576))  # 3 MB of one letter: packs to a few KB
        zipped.writestr("bom.txt", b"0" * (12 * 1048576))  # ratio > 200 and past 10 MB
        zipped.writestr("thu.txt", SAMPLE_LETTER.read_bytes())
    out = tmp_path / "ra"
    result = runner.invoke(app, ["batch", str(archive), "--out", str(out), "--workers", "1", "--max-mb", "2"])
    assert result.exit_code == 0, result.output
    errors = {Path(e["file"]).name: e for e in map(json.loads, (out / "errors.jsonl").open(encoding="utf-8"))}
    assert errors["to.txt"]["reason"] == "limit-exceeded" and "2 MB" in errors["to.txt"]["message"]
    assert errors["bom.txt"]["reason"] == "limit-exceeded"
    assert len((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("bom.txt", b"0" * (12 * 1048576))
    summary = run_batch([str(bomb)], tmp_path / "kho.sqlite", workers=1)
    assert summary.reasons == {"limit-exceeded": 1}


# 11. broken symbolic links end as error records ------------------------------------------------
def test_dangling_and_looping_links_are_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "thu.txt").write_bytes(SAMPLE_LETTER.read_bytes())
    (folder / "mat.txt").symlink_to(folder / "khong-co.txt")
    (folder / "vong.txt").symlink_to(folder / "vong.txt")
    summary = run_batch([str(folder)], tmp_path / "kho.sqlite", workers=1)
    assert (summary.total, summary.done, summary.failed) == (3, 1, 2)
    assert summary.reasons == {"broken-link": 2}
    connection = sqlite3.connect(tmp_path / "kho.sqlite")
    messages = dict(connection.execute("SELECT path, message FROM errors"))
    connection.close()
    assert (
        "vòng" in messages[str(folder / "vong.txt")] and "không tồn tại" in messages[str(folder / "mat.txt")]
    )
    result = runner.invoke(app, ["batch", str(folder / "vong.txt"), "--out", str(tmp_path / "k2.sqlite")])
    assert result.exit_code == 2 and "Tổng 1 tệp" in result.stderr and "lỗi 1" in result.stderr


# 12. eval: unusable gold files are reported, never scored as perfect ---------------------------
def test_eval_reports_missing_raw_files_and_stray_json(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "mat.json").write_text(json.dumps({"id": "mat", "raw": "raw/khong-co.txt", "dates": []}), "utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2 and "không tìm thấy văn bản gốc raw/khong-co.txt" in result.stderr
    assert "1.000" not in result.stdout
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "thu.txt").write_bytes(SAMPLE_LETTER.read_bytes())
    (gold / "thu.json").write_text(json.dumps({"id": "thu", "raw": "raw/thu.txt", "references": []}), "utf-8")
    (gold / "hong.json").write_text('{"id": "hong", "raw": ', "utf-8")
    (gold / "van-ban.json").write_text(json.dumps(parse(SAMPLE_LETTER).to_dict()), "utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "hong.json: không phải JSON hợp lệ" in result.stderr
    assert "van-ban.json: không phải chú giải chuẩn" in result.stderr
    assert "trên 1 văn bản" in result.stdout


# 13. options are validated: a bad value is a usage error naming the option ---------------------
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["tasks", "--db", "x.sqlite", "--deadline-before", "2024-13-45"], "--deadline-before"),
        (["tasks", "--db", "x.sqlite", "--deadline-before", "hôm qua"], "--deadline-before"),
        (["tasks", "--db", "x.sqlite", "--status", "bogus"], "--status"),
        (["tasks", "--db", "x.sqlite", "--set-status", "1/UBND#1.", "xong"], "--set-status"),
        (["batch", "x", "--out", "k.sqlite", "--max-mb", "-1"], "--max-mb"),
        (["batch", "x", "--out", "k.sqlite", "--workers", "-3"], "--workers"),
        (["batch", "x", "--out", "k.sqlite", "--scheduler", "127.0.0.1"], "--scheduler"),
        (["graph", "x", "--out", "g.png"], "--out"),
        (["parse", "x", "--encoding", "klingon"], "--encoding"),
        (["query", "x.sqlite", "--limit", "0"], "--limit"),
    ],
)
def test_bad_option_values_are_usage_errors(args: list[str], option: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert option in result.output and "Giá trị không hợp lệ" in result.output
    assert "Traceback" not in result.output


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    from vanban_nlp.batch import run

    monkeypatch.setattr(run, "DASK_CONNECT_TIMEOUT", "1s")
    result = runner.invoke(
        app,
        [
            "batch",
            str(SAMPLE_LETTER),
            "--out",
            str(tmp_path / "k.sqlite"),
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert result.exit_code == 2 and "không kết nối được bộ lập lịch Dask" in result.stderr


# 14. actors fold case and diacritics the Vietnamese way; LIKE wildcards mean nothing -----------
def test_actor_filter_folds_vietnamese_case_and_diacritics(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = (
        "Tổng cục Thuế đề nghị:\n1. Cục Thuế các tỉnh rà soát hồ sơ hoàn thuế.\n"
        "2. CỤC THUẾ TP HÀ NỘI báo cáo kết quả trước ngày 30/6/2024.\n3. Văn phòng Tổng cục theo dõi."
    )
    (folder / "tct.txt").write_text(letter("2150/TCT-KK", body, issuer="TỔNG CỤC THUẾ"), encoding="utf-8")
    run_batch([str(folder)], tmp_path / "kho.sqlite", workers=1)
    store = Store(tmp_path / "kho.sqlite", read_only=True)
    counts = {q: len(store.find_tasks(actor=q)) for q in ("Cục Thuế", "cục thuế", "CỤC THUẾ", "cuc thue")}
    assert len(set(counts.values())) == 1 and counts["Cục Thuế"] >= 2, counts
    assert store.find_tasks(actor="%") == [] and store.find_tasks(actor="_") == []
    store.close()
    assert fold("Đơn vị CHỦ TRÌ") == "don vi chu tri"


# 15. Markdown groups fold case; a date before the document's own is not a deadline -------------
def test_markdown_groups_actors_case_insensitively() -> None:
    tasks = build_tasks(parse(SAMPLE_LETTER))[:2]
    tasks[0].actors, tasks[1].actors = ["các Cục Thuế"], ["Các Cục Thuế"]
    assert to_markdown(tasks).count("## ") == 1


def test_condition_dates_before_the_document_are_not_deadlines() -> None:
    body = (
        "Sở Lao động đề nghị:\n1. Phòng Việc làm lập danh sách người sinh trước ngày 01/01/1995 "
        "tham gia đào tạo nghề.\n2. Văn phòng Sở báo cáo kết quả trước ngày 15/6/2024."
    )
    document = parse_text(letter("45/SLĐTBXH-VL", body))
    deadlines = {o.item: o.deadline for o in document.obligations}
    assert deadlines.get("1.") is None and deadlines.get("2.") == "2024-06-15", deadlines


# 16. one NUL byte does not make a letter binary ------------------------------------------------
def test_a_stray_nul_byte_is_not_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "thu.txt"
    data = SAMPLE_LETTER.read_bytes()
    path.write_bytes(data[:400] + b"\x00" + data[400:])
    document = parse(path)
    assert document.header.number == "1247/STTTT-VP" and "\x00" not in document.text
    noise = tmp_path / "nhi-phan.txt"
    noise.write_bytes(b"\x00\x01\x02abc" * 2000)
    result = runner.invoke(app, ["parse", str(noise)])
    assert result.exit_code == 2 and "tệp nhị phân" in result.stderr


# 17. an edited file replaces its earlier version -----------------------------------------------
def test_an_edited_file_replaces_its_earlier_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "cv.txt"
    path.write_text(letter("310/STC-NS", ITEMS), encoding="utf-8")
    db = tmp_path / "kho.sqlite"
    run_batch([str(folder)], db, workers=1)
    path.write_text(letter("310/STC-NS", ITEMS.replace("20/3/2024", "27/3/2024")), encoding="utf-8")
    summary = run_batch([str(folder)], db, workers=1)
    assert (summary.done, summary.skipped) == (1, 0)
    store = Store(db, read_only=True)
    assert store.counts()["documents"] == 1
    tasks = store.find_tasks()
    assert len(tasks) == len({t.id for t in tasks}) and any(t.deadline == "2024-03-27" for t in tasks)
    assert not any(t.deadline == "2024-03-20" for t in tasks)
    assert store.search_documents("27/3/2024") and not store.search_documents("20/3/2024")
    store.close()
    path.write_text("   ", encoding="utf-8")  # now unreadable: the error is the current version
    run_batch([str(folder)], db, workers=1)
    store = Store(db, read_only=True)
    assert store.counts()["documents"] == 0 and store.counts()["errors"] == 1 and store.find_tasks() == []
    store.close()


# 18. --set-status answers with the task it changed; a batch where nothing could be read fails ----
def test_set_status_prints_only_the_changed_task(store_of_raw: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kho.sqlite"
    copy.write_bytes(store_of_raw.read_bytes())
    result = runner.invoke(
        app, ["tasks", "--db", str(copy), "--set-status", "1247/STTTT-VP#1.", "in_progress"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("- [") == 1 and "1247/STTTT-VP#1." in result.stdout
    missing = runner.invoke(app, ["tasks", "--db", str(copy), "--set-status", "không-có#1.", "done"])
    assert missing.exit_code == 2 and "không có nhiệm vụ không-có#1." in missing.stderr


def test_batch_fails_when_no_input_could_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rong.txt").write_text("  ", encoding="utf-8")
    (folder / "hong.pdf").write_bytes(b"not a pdf")
    result = runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "kho.sqlite")])
    assert result.exit_code == 2 and "Không đọc được đầu vào nào" in result.stderr
    empty = tmp_path / "trong"
    empty.mkdir()
    result = runner.invoke(app, ["batch", str(empty), "--out", str(tmp_path / "k2.sqlite")])
    assert result.exit_code == 2 and "không có văn bản nào" in result.stderr


def test_a_version_1_store_is_upgraded_and_keeps_task_statuses(tmp_path: Path) -> None:
    from vanban_nlp.store.sqlite import MIGRATIONS

    document = parse(SAMPLE_LETTER).to_dict()
    db = tmp_path / "cu.sqlite"
    connection = sqlite3.connect(db)
    connection.executescript(f"{MIGRATIONS[0]}; CREATE TABLE schema_version (version INTEGER NOT NULL);")
    connection.execute("INSERT INTO schema_version VALUES (1)")
    connection.execute(
        "INSERT INTO documents(id, path, sha256, number, json) VALUES (1, ?, ?, ?, ?)",
        (str(SAMPLE_LETTER), document["source"]["sha256"], "1247/STTTT-VP", json.dumps(document)),
    )
    connection.execute("INSERT INTO tasks(id, doc_id, status) VALUES ('1247/STTTT-VP#1.', 1, 'done')")
    connection.commit()
    connection.close()
    result = runner.invoke(app, ["tasks", "--db", str(db), "--status", "done", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert [t["id"] for t in json.loads(result.stdout)] == ["1247/STTTT-VP#1."]
    store = Store(db, read_only=True)
    assert store.version == 3 and len(store.find_tasks()) == len(document["obligations"])
    store.close()
