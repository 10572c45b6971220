"""Obligations and tasks, on documents written by us in real formats."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from vanban_nlp import parse, parse_text
from vanban_nlp.cli import app
from vanban_nlp.obligations.actors import actor_at_start, split_actors
from vanban_nlp.obligations.tasks import build_tasks
from vanban_nlp.obligations.timing import add_working_days, find_timing

from .conftest import SAMPLE_LETTER

runner = CliRunner()


def test_lead_in_item_actors_collaborators_modality_and_timing() -> None:
    doc = parse(SAMPLE_LETTER)
    by_item = {o.item: o for o in doc.obligations}
    assert by_item["1."].actors == ["Trưởng các phòng, đơn vị thuộc Sở"]
    assert by_item["1."].deadline == "2024-03-29"
    assert by_item["2.a)"].actors == ["Trung tâm Công nghệ thông tin và Truyền thông"]
    assert by_item["2.a)"].collaborators == ["Văn phòng Sở"]
    assert by_item["3."].modality == "prohibition"
    assert by_item["4."].actors == ["Văn phòng Sở"] and by_item["4."].recurrence == ["P1M"]
    for obligation in doc.obligations:
        assert doc.text[slice(*obligation.span)] == obligation.text


def test_actor_phrases() -> None:
    phrase = actor_at_start("Các Bộ: Công an, Tư pháp, Nông nghiệp và Môi trường có ý kiến trước ngày 10/5")
    assert split_actors(phrase.text) == ["Bộ Công an", "Bộ Tư pháp", "Bộ Nông nghiệp và Môi trường"]
    phrase = actor_at_start(
        "Trưởng các phòng, đơn vị sự nghiệp trực thuộc Sở (gọi chung là phòng, đơn vị) tổ chức thực hiện"
    )
    assert split_actors(phrase.text) == ["Trưởng các phòng, đơn vị sự nghiệp trực thuộc Sở"]
    phrase = actor_at_start(
        "Giám đốc các sở; Thủ trưởng các ban, ngành; Chủ tịch UBND các xã, phường thực hiện"
    )
    assert split_actors(phrase.text) == [
        "Giám đốc các sở",
        "Thủ trưởng các ban, ngành",
        "Chủ tịch UBND các xã, phường",
    ]
    assert actor_at_start("Tổ chức quán triệt nghị quyết") is None
    assert actor_at_start("Ban hành quy chế làm việc") is None


def test_news_report_directives_and_background() -> None:
    doc = parse_text(
        "Tăng cường bảo vệ rừng\n\nThời gian qua, tỉnh đã triển khai nhiều giải pháp bảo vệ rừng.\n\n"
        "UBND tỉnh yêu cầu Sở Nông nghiệp và Môi trường tăng cường tuần tra rừng phòng hộ. "
        "UBND tỉnh giao Công an tỉnh phối hợp xử lý nghiêm các vụ vi phạm.\n\n"
        "UBND tỉnh sẽ kiểm tra kết quả thực hiện vào cuối năm."
    )
    assert doc.kind == "article"
    found = [(o.actors, o.modality) for o in doc.obligations]
    assert found == [
        (["Sở Nông nghiệp và Môi trường"], "obligation"),
        (["Công an tỉnh"], "obligation"),
        (["UBND tỉnh"], "commitment"),
    ]


def test_recommendation_depends_on_who_writes_to_whom() -> None:
    letter = (
        "UBND TỈNH BẮC NINH\nSỞ TÀI CHÍNH\nSố: 10/STC-NS\nV/v báo cáo\n\n"
        "Bắc Ninh, ngày 04 tháng 6 năm 2024\n\n"
        "Kính gửi: UBND các huyện.\n\n"
        "Sở Tài chính đề nghị UBND các huyện gửi báo cáo trước ngày 15/6/2024.\n\n"
        "Sở Tài chính đề nghị các phòng thuộc Sở theo dõi việc gửi báo cáo.\n\nGIÁM ĐỐC\n\nNguyễn Văn An"
    )
    modalities = [(o.actors, o.modality, o.deadline) for o in parse_text(letter).obligations]
    assert modalities == [
        (["UBND các huyện"], "recommendation", "2024-06-15"),
        (["các phòng thuộc Sở"], "obligation", None),
    ]


def test_relative_deadline_counts_working_days_and_holidays() -> None:
    # 27-28/4/2024 is a weekend; 29/4/2024 was a substituted day off, 30/4 and 1/5 are public holidays
    assert add_working_days(date(2024, 4, 26), 3) == date(2024, 5, 6)
    text = "Các đơn vị gửi báo cáo trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản."
    timing = find_timing(text, 0, len(text), [], "2024-04-26")
    assert timing.deadline == "2024-05-08" and "05 ngày làm việc" in timing.deadline_text
    vague = find_timing("Báo cáo kịp thời về Sở.", 0, 23, [], None)
    assert vague.deadline is None and vague.deadline_text == "kịp thời"


def test_recurrence_periods() -> None:
    text = "Định kỳ 6 tháng, hằng năm báo cáo; hằng quý tổng hợp; trước ngày 20 hằng tháng gửi số liệu."
    assert find_timing(text, 0, len(text), [], None).recurrence == ["P1M", "P3M", "P6M", "P1Y"]


def test_task_ids_are_stable_and_unique() -> None:
    first = [t.id for t in build_tasks(parse(SAMPLE_LETTER))]
    assert first == [t.id for t in build_tasks(parse(SAMPLE_LETTER))]
    assert len(set(first)) == len(first)
    assert first[0] == "1247/STTTT-VP#1."


def test_task_exports(tmp_path: Path) -> None:
    result = runner.invoke(app, ["tasks", str(SAMPLE_LETTER), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0]["Đơn vị chủ trì"] == "Trưởng các phòng, đơn vị thuộc Sở"
    assert rows[0]["Hạn xử lý"] == "2024-03-29" and rows[0]["Trạng thái"] == "Chưa thực hiện"
    assert rows[1]["Đơn vị phối hợp"] == "Văn phòng Sở"
    # "…, nếu có khó khăn, vướng mắc, các phòng, đơn vị báo cáo …"
    assert rows[-1]["Đơn vị chủ trì"] == "các phòng, đơn vị"

    xlsx = tmp_path / "nhiem-vu.xlsx"
    assert (
        runner.invoke(app, ["tasks", str(SAMPLE_LETTER), "--format", "xlsx", "--out", str(xlsx)]).exit_code
        == 0
    )
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet["A1"].value == "Mã nhiệm vụ" and sheet["E2"].value.date() == date(2024, 3, 29)
    assert "NhiemVu" in sheet.tables and sheet.tables["NhiemVu"].ref == "A1:I7"

    ics = runner.invoke(app, ["tasks", str(SAMPLE_LETTER), "--format", "ics"]).stdout
    from icalendar import Calendar

    todos = Calendar.from_ical(ics).walk("VTODO")
    assert len(todos) == 6  # items 1, 3, 4, item 2's two points, the closing "nếu có vướng mắc … báo cáo"
    assert todos[0]["DUE"].dt == date(2024, 3, 29)
    monthly = [t for t in todos if "RRULE" in t]
    assert len(monthly) == 1 and monthly[0]["RRULE"]["FREQ"] == ["MONTHLY"]

    markdown = runner.invoke(app, ["tasks", str(SAMPLE_LETTER)]).stdout
    assert "## Văn phòng Sở" in markdown and "- [ ] Không được sử dụng thư điện tử" in markdown
    assert "## Các phòng, đơn vị" in markdown  # the actor "các phòng, đơn vị" heads its group with a capital
