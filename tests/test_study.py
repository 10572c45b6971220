"""vanban study: implementing texts of one central directive across provinces, as DataFrames,
exports and an offline HTML report with charts (rendered in Chromium)."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import vanban_nlp
from vanban_nlp import parse, parse_text
from vanban_nlp.cli import app
from vanban_nlp.compare.study import Study, StudyError
from vanban_nlp.compare.study.places import (
    LEVELS,
    _key,
    _levels,
    find_province,
    origin_of,
    provinces,
)
from vanban_nlp.web.local import CHROMIUM as LOCAL_CHROMIUM
from vanban_nlp.web.local import CHROMIUM_ARGS

from .conftest import CORPORA, SHARED

FIRE = CORPORA / "compare" / "cd-31-chay-rung"
CENTRAL = "31/CĐ-TTg"
runner = CliRunner()


@pytest.fixture(scope="module")
def fire() -> Study:
    return vanban_nlp.study(CENTRAL, FIRE)


def by_number(study: Study) -> pd.DataFrame:
    texts = study.texts.copy()
    texts["key"] = [n if isinstance(n, str) else Path(d).name for n, d in zip(texts["number"], texts["doc"])]
    return texts.set_index("key")


# --- the province lexicon -------------------------------------------------------------------------


def in_force(day: str) -> set[str]:
    return {p.name for p in provinces() if p.in_force(day)}


def test_province_lexicon_counts_units_as_the_law_does() -> None:
    assert len(in_force("2025-07-01")) == 34  # Nghị quyết 202/2025/QH15
    assert len(in_force("2025-03-01")) == 63  # Huế already a centrally-run city, 63 units
    assert len(in_force("2024-06-01")) == 63
    assert len(in_force("2006-01-01")) == 64  # Hà Tây until 1/8/2008
    assert len(in_force("2003-06-01")) == 61  # before the 2004 splits
    assert "Thừa Thiên Huế" in in_force("2024-06-01") and "Huế" not in in_force("2024-06-01")
    cities = {p.name for p in provinces() if p.kind == "thành phố" and p.in_force("2025-07-01")}
    assert cities == {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh"}


def test_province_lexicon_integrity() -> None:
    current = {p.name for p in provinces() if p.until is None}
    keys: dict[str, str] = {}
    for province in provinces():
        if province.until is None:
            assert province.successor is None, province.name
        else:
            assert province.successor in current, f"{province.name} -> {province.successor}"
            assert province.current in current
        assert province.kind in ("tỉnh", "thành phố")
        for day in (province.since, province.until):
            assert day is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
        for name in (province.name, *province.aliases):
            key = _key(name)
            assert keys.setdefault(key, province.name) == province.name, f"{name} names two units"
            assert find_province(f"Ủy ban nhân dân tỉnh {name}") == province, name
    merged = [p for p in provinces() if p.until == "2025-06-30"]
    assert len(merged) == 29 and {p.current for p in merged} <= current
    # every level word appears once across levels, so the longest match decides alone
    words = [(_key(w), level) for level in (*LEVELS, "city") if level in _levels() for w in _levels()[level]]
    assert len({w for w, _ in words}) == len(words)


@pytest.mark.parametrize(
    ("issuer", "parent", "place", "expected"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH", None, "Nam Định", ("Nam Định", "Ninh Bình", "province")),
        ("SỞ NỘI VỤ", "UBND TỈNH HÀ GIANG", "Hà Giang", ("Hà Giang", "Tuyên Quang", "department")),
        ("ỦY BAN NHÂN DÂN HUYỆN HẢI HẬU", None, "Hải Hậu", (None, None, "district")),
        # huyện Hòa Bình lies in Bạc Liêu: a district's name is never read as a province
        ("ỦY BAN NHÂN DÂN HUYỆN HÒA BÌNH", None, "Hòa Bình", (None, None, "district")),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ KON TUM", None, "Kon Tum", ("Kon Tum", "Quảng Ngãi", "district")),
        (
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
            None,
            "Thành phố Hồ Chí Minh",
            ("Hồ Chí Minh", "Hồ Chí Minh", "province"),
        ),
        ("THỦ TƯỚNG CHÍNH PHỦ", None, "Hà Nội", (None, None, "central")),
        ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", None, "Hà Nội", (None, None, "central")),
        ("CỤC THUẾ TỈNH BẮC GIANG", "TỔNG CỤC THUẾ", "Bắc Giang", ("Bắc Giang", "Bắc Ninh", "department")),
        (
            "CHI CỤC KIỂM LÂM",
            "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH ĐẮK NÔNG",
            "Đắk Nông",
            ("Đắk Nông", "Lâm Đồng", "department"),
        ),
        ("UY BAN NHAN DAN TINH THUA THIEN HUE", None, None, ("Thừa Thiên Huế", "Huế", "province")),
        ("CÔNG AN TỈNH BÀ RỊA – VŨNG TÀU", None, None, ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "department")),
        ("ỦY BAN NHÂN DÂN XÃ ĐẠ SAR", None, "Đạ Sar", (None, None, "commune")),
    ],
)
def test_origin_from_the_heading(issuer, parent, place, expected) -> None:
    origin = origin_of(
        {"kind": "letter", "header": {"issuer": issuer, "parent_issuer": parent, "place": place}}
    )
    assert (origin.province, origin.province_current, origin.level) == expected


def test_origin_of_a_letter_without_issuer_and_of_a_news_report() -> None:
    letter = origin_of({"kind": "letter", "header": {"number": "/SCT-VP", "place": "Hải Dương"}, "text": ""})
    assert (letter.province, letter.province_current, letter.level) == (
        "Hải Dương",
        "Hải Phòng",
        "department",
    )
    report = origin_of(
        {
            "kind": "article",
            "header": {},
            "text": "Hòa Bình trên biên giới\n\nNgày 03/4/2025, UBND tỉnh Lạng Sơn yêu cầu các sở …",
        }
    )
    assert (report.province, report.level, report.source) == ("Lạng Sơn", "province", "text")


# --- the study of our own corpus -------------------------------------------------------------------


def test_study_finds_the_implementing_texts_and_their_tree(fire: Study) -> None:
    texts = by_number(fire)
    assert fire.central.found and fire.central.number == CENTRAL and fire.central.date == "2025-03-14"
    assert len(fire.central.items) == 10
    assert set(texts.index) == {
        "1876/UBND-NN",
        "03/CĐ-UBND",
        "912/UBND-NL",
        "655/UBND-NNTN",
        "2290/UBND-NN",
        "801/UBND-KTTH",
        "tin-quang-nam-chay-rung.txt",
        "1520/BNNMT-KL",
        "402/SNNMT-KL",
        "315/UBND-NN",
        "118/CCKL-QLBVR",
        "233/UBND-KT",
        "508/UBND-NN",
    }  # the Sở Tài chính letter citing another province's 1876/UBND-NN is not one of them
    parents = texts["parent_number"].to_dict()
    assert parents["402/SNNMT-KL"] == parents["315/UBND-NN"] == "1876/UBND-NN"
    assert parents["118/CCKL-QLBVR"] == "03/CĐ-UBND" and parents["233/UBND-KT"] == "655/UBND-NNTN"
    assert parents["508/UBND-NN"] == "2290/UBND-NN"
    assert texts.loc["315/UBND-NN", "depth"] == 2 and texts.loc["912/UBND-NL", "depth"] == 1
    # Lạc Dương cites only the provincial letter; Tương Dương also names the Công điện
    assert not texts.loc["315/UBND-NN", "cites_central"] and texts.loc["508/UBND-NN", "cites_central"]
    assert [c["number"] for c in fire.tree["implemented_by"] if c["number"]] == [
        "03/CĐ-UBND",
        "1520/BNNMT-KL",
        "1876/UBND-NN",
        "912/UBND-NL",
        "655/UBND-NNTN",
        "2290/UBND-NN",
        "801/UBND-KTTH",
    ]


def test_provinces_levels_and_lag(fire: Study) -> None:
    texts = by_number(fire)
    rows = texts[["province", "province_current", "level", "province_source", "lag_days"]]
    assert tuple(rows.loc["03/CĐ-UBND"]) == ("Đắk Nông", "Lâm Đồng", "province", "heading", 3)
    assert tuple(rows.loc["801/UBND-KTTH"]) == ("Hà Giang", "Tuyên Quang", "province", "heading", 25)
    assert tuple(rows.loc["233/UBND-KT"]) == ("Kon Tum", "Quảng Ngãi", "district", "heading", 17)
    # district headings do not name the province: from the citation, or from the text implemented
    assert tuple(rows.loc["315/UBND-NN"]) == ("Lâm Đồng", "Lâm Đồng", "district", "citation", 13)
    assert tuple(rows.loc["508/UBND-NN"]) == ("Nghệ An", "Nghệ An", "district", "parent", 24)
    assert rows.loc["1520/BNNMT-KL", "level"] == "central" and pd.isna(rows.loc["1520/BNNMT-KL", "province"])
    report = rows.loc["tin-quang-nam-chay-rung.txt"]
    assert (report["province"], report["province_source"]) == ("Quảng Nam", "text") and pd.isna(
        report["lag_days"]
    )
    assert texts.loc["tin-quang-nam-chay-rung.txt", "kind"] == "article"
    assert fire.texts["province"].nunique() == 7
    assert any("không rõ ngày" in n for n in fire.notes)


def test_item_coverage(fire: Study) -> None:
    coverage = fire.coverage
    assert len(coverage) == 13 * 10
    numbers = by_number(fire)["doc"].to_dict()

    def covered(key: str) -> set[str]:
        rows = coverage[(coverage["doc"] == numbers[key]) & coverage["covered"]]
        return set(rows["central_item"])

    assert covered("1876/UBND-NN") == {"1.a)", "1.b)", "1.c)", "1.đ)", "1.e)"}
    assert covered("912/UBND-NL") == {"1.b)", "1.c)", "1.đ)", "1.e)"}
    assert covered("655/UBND-NNTN") == {"1.a)", "1.d)"}
    assert covered("801/UBND-KTTH") == {"1.a)", "1.d)", "1.e)"}
    assert covered("1520/BNNMT-KL") == {"2."}
    # what was addressed to the Ministries of Public Security and Defence reached no province
    assert not coverage[coverage["central_item"].isin(["3.", "4.", "5."])]["covered"].any()
    lam_dong = by_number(fire).loc["1876/UBND-NN"]
    assert lam_dong["covered_items"] == 5 and lam_dong["coverage"] == pytest.approx(0.5)
    assert lam_dong["additions"] == 1


def test_additions_common_to_several_provinces(fire: Study) -> None:
    common = fire.common_additions
    groups = {row["province_names"]: row for _, row in common.iterrows()}
    assert set(groups) == {"Kon Tum; Lâm Đồng; Quảng Nam; Đắk Nông", "Hà Giang; Kon Tum; Đắk Nông"}
    assert "chòi canh lửa" in groups["Kon Tum; Lâm Đồng; Quảng Nam; Đắk Nông"]["text"]
    assert "nương rẫy" in groups["Hà Giang; Kon Tum; Đắk Nông"]["text"]
    # Nghệ An's "tổ đội quần chúng" is added twice, but in one province only
    additions = fire.additions
    crowd = additions[additions["text"].str.contains("tổ đội quần chúng")]
    assert len(crowd) == 2 and crowd["cluster"].nunique() == 1 and set(crowd["cluster_provinces"]) == {1}


def test_tasks_actors_and_deadlines(fire: Study) -> None:
    tasks = fire.tasks.set_index("task_id")
    first = tasks.loc["912/UBND-NL#1."]
    assert first["actors"] == "Sở Nông nghiệp và Môi trường" and first["collaborators"] == "Công an tỉnh"
    assert first["deadline"] == pd.Timestamp("2025-04-05") and first["central_item"] == "1.b)"
    assert tasks.loc["1876/UBND-NN#6.", "recurrence"] == "P1W"
    assert tasks.loc["801/UBND-KTTH#3.", "modality"] == "prohibition"
    actors = fire.actors
    assert set(actors["role"]) == {"actor", "collaborator"}
    police = actors[(actors["actor"] == "Công an tỉnh") & (actors["role"] == "actor")]
    assert set(police["province"]) == {"Lâm Đồng", "Gia Lai", "Nghệ An"}
    texts = by_number(fire)
    assert texts.loc["912/UBND-NL", "first_deadline"] == pd.Timestamp("2025-04-05")
    assert texts.loc["912/UBND-NL", "deadlines"] == 1


def test_a_citation_of_another_provinces_number_is_not_followed(fire: Study) -> None:
    """Gia Lai's Sở Xây dựng cites a 1876/UBND-NN of its own UBND tỉnh; Lâm Đồng has one too."""
    other = parse_text(
        "UBND TỈNH GIA LAI\nSỞ XÂY DỰNG\n\nSố: 77/SXD-QLN\nV/v sửa chữa trụ sở\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Gia Lai, ngày 26 tháng 3 năm 2025\n\nKính gửi: Các phòng thuộc Sở.\n\n"
        "Thực hiện Công văn số 1876/UBND-NN của UBND tỉnh về sửa chữa trụ sở, "
        "Sở Xây dựng yêu cầu:\n\n1. Phòng Quản lý nhà lập dự toán sửa chữa trước ngày 10/4/2025.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nĐào Văn Lộc\n",
        path="so-xay-dung-gia-lai.txt",
    )
    result = vanban_nlp.study(CENTRAL, FIRE, other)
    assert "77/SXD-QLN" not in set(result.texts["number"].dropna())
    assert len(result.texts) == len(fire.texts)


def test_a_same_numbered_directive_of_another_year_is_not_the_central_one() -> None:
    """Công điện numbers start again each year; without the central text its date comes from the
    citations, and a citation of 31/CĐ-TTg dated 2024 names another Công điện."""
    older = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 410/UBND-NLN\nV/v phòng, chống rét\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Lào Cai, ngày 12 tháng 02 năm 2024\n\nKính gửi: UBND các huyện.\n\n"
        "Thực hiện Công điện số 31/CĐ-TTg ngày 08/02/2024 của Thủ tướng Chính phủ, UBND tỉnh yêu cầu:\n\n"
        "1. UBND các huyện chủ động phòng, chống rét cho gia súc trước ngày 20/02/2024.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nMa Văn Tùng\n",
        path="ubnd-lao-cai-ret.txt",
    )
    letters = [p for p in sorted(FIRE.glob("*.txt")) if not p.name.startswith("cd-ttg")]
    result = vanban_nlp.study(CENTRAL, *letters, older)
    assert not result.central.found and result.central.date == "2025-03-14"
    assert "410/UBND-NLN" not in set(result.texts["number"].dropna())
    assert len(result.texts) == 13 and result.coverage.empty


def test_store_and_files_give_the_same_study(tmp_path: Path, fire: Study) -> None:
    from vanban_nlp.batch.run import run_batch

    run_batch([str(CORPORA / "compare")], tmp_path / "kho.sqlite", workers=1)
    before = (tmp_path / "kho.sqlite").read_bytes()
    stored = vanban_nlp.study(CENTRAL, db=tmp_path / "kho.sqlite")
    assert (tmp_path / "kho.sqlite").read_bytes() == before  # read only
    for name, data in fire.frames().items():
        pd.testing.assert_frame_equal(data, stored.frames()[name], obj=name)
    assert stored.tree == fire.tree
    # the Chỉ thị 15 corpus in the same store is a study of its own
    nam_dinh = vanban_nlp.study("15/CT-UBND", db=tmp_path / "kho.sqlite")
    assert set(nam_dinh.texts["province"]) == {"Nam Định"}
    assert set(nam_dinh.texts["level"]) == {"department", "district"}
    with pytest.raises(StudyError, match="không có kho"):
        vanban_nlp.study(CENTRAL, db=tmp_path / "missing.sqlite")
    (tmp_path / "notes.sqlite").write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    with pytest.raises(StudyError, match="không phải kho"):
        vanban_nlp.study(CENTRAL, db=tmp_path / "notes.sqlite")


def test_dataframes_round_trip_through_parquet(tmp_path: Path, fire: Study) -> None:
    for name, data in fire.frames().items():
        buffer = io.BytesIO()
        data.to_parquet(buffer, index=False)
        pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(buffer.getvalue())), data, obj=name)
    fire.to_parquet(tmp_path / "pq")
    again = Study.read_parquet(tmp_path / "pq")
    for name, data in fire.frames().items():
        pd.testing.assert_frame_equal(again.frames()[name], data, obj=name)
    assert again.central == fire.central and again.tree == fire.tree and again.notes == fire.notes
    assert again.to_html() == fire.to_html()


def test_json_and_csv_exports(tmp_path: Path, fire: Study) -> None:
    data = json.loads(fire.to_json())
    assert data["central"]["number"] == CENTRAL and len(data["texts"]) == 13
    lam_dong = next(t for t in data["texts"] if t["number"] == "1876/UBND-NN")
    assert lam_dong["date"] == "2025-03-18" and lam_dong["lag_days"] == 4
    assert next(t for t in data["texts"] if t["kind"] == "article")["lag_days"] is None
    fire.to_csv(tmp_path / "csv")
    texts = pd.read_csv(tmp_path / "csv" / "texts.csv", encoding="utf-8-sig")
    assert len(texts) == 13 and "Đắk Nông" in set(texts["province"])
    assert (tmp_path / "csv" / "texts.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_html_report_and_notebook_views(fire: Study) -> None:
    page = fire.to_html()
    assert page.count("<svg") == 3 and "<script" not in page and "<metadata" not in page
    # nothing to fetch: no external source, link or style url (SVG namespaces are names, not loads)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", page)
    for heading in (
        "Mức độ triển khai từng nội dung",
        "Tiến độ ban hành",
        "Đơn vị được giao nhiệm vụ",
        "Cây văn bản triển khai",
        "Nội dung bổ sung chung",
        "Kon Tum (nay: Quảng Ngãi)",
    ):
        assert heading in page
    summary = fire._repr_html_()
    assert "<svg" in summary and "Công điện số 31/CĐ-TTg" in summary and "<html" not in summary
    card = parse(FIRE / "cv-ubnd-gia-lai-chay-rung.txt")._repr_html_()
    assert "912/UBND-NL" in card and "ỦY BAN NHÂN DÂN TỈNH GIA LAI" in card and "5 nghĩa vụ" in card
    assert "hạn 2025-04-05" in card
    odd = parse_text("Kính gửi: <Phòng A & B>\n\n1. Phòng A & B báo cáo <kết quả>.\n")
    assert "<Phòng" not in odd._repr_html_()


def test_cli(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = runner.invoke(app, ["study", CENTRAL, str(FIRE), "--out", str(report)])
    assert result.exit_code == 0, result.output
    assert "13 văn bản triển khai" in result.output and report.read_text(encoding="utf-8").count("<svg") == 3
    result = runner.invoke(app, ["study", CENTRAL, str(FIRE), "--format", "json"])
    assert json.loads(result.stdout)["central"]["title"] == "Công điện số 31/CĐ-TTg"
    result = runner.invoke(app, ["study", CENTRAL, str(FIRE), "-f", "parquet", "-o", str(tmp_path / "pq")])
    assert result.exit_code == 0 and len(pd.read_parquet(tmp_path / "pq" / "tasks.parquet")) == len(
        vanban_nlp.study(CENTRAL, FIRE).tasks
    )
    result = runner.invoke(app, ["study", CENTRAL, str(FIRE), "-f", "csv"])
    assert result.exit_code == 2 and "--out" in result.output
    result = runner.invoke(app, ["study", "99/CĐ-TTg", str(FIRE)])
    assert result.exit_code == 1 and "Không có văn bản nào triển khai 99/CĐ-TTg" in result.output
    result = runner.invoke(app, ["study", CENTRAL, "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2 and "none.sqlite: không có kho này" in result.output
    # an unreadable file is reported, the report is still written, the exit code says so
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.7 truncated")
    result = runner.invoke(app, ["study", CENTRAL, str(FIRE), str(tmp_path / "hong.pdf"), "-o", str(report)])
    assert result.exit_code == 2 and "hong.pdf" in result.output and report.exists()
    assert runner.invoke(app, ["study", CENTRAL]).exit_code == 2


# --- real texts citing Công điện 280/CĐ-TTg -------------------------------------------------------


def real_citing_280() -> list[Path]:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        return []
    found = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix.lower() in (".txt", ".html", ".htm") and "gold" not in path.parts:
            if re.search(r"280\s*/\s*C[ĐD]", path.read_text(encoding="utf-8", errors="ignore")):
                found.append(path)
    return found


def test_real_texts_citing_280() -> None:
    files = real_citing_280()
    if not files:
        pytest.skip("../shared/corpus with texts citing 280/CĐ-TTg is not here")
    result = vanban_nlp.study("280/CĐ-TTg", *files)
    assert set(result.texts["doc"]) == {str(f) for f in files}
    assert (result.texts["depth"] == 1).all() and result.texts["cites_central"].all()
    assert result.central.date == "2023-04-19" and not result.central.found
    assert result.coverage.empty and any("không tính được mức bao phủ" in n for n in result.notes)
    for _, row in result.texts.iterrows():
        document = parse(row["doc"], obligations=False)
        place = document.header.place
        if document.kind == "letter" and place and find_province(f"tỉnh {place}"):
            assert row["province"] == find_province(f"tỉnh {place}").name
        if pd.notna(row["date"]):
            assert row["lag_days"] > 0
    page = result.to_html()
    assert page.count("<svg") >= 1 and "Kho không có văn bản gốc 280/CĐ-TTg" in page


# --- the report in Chromium ------------------------------------------------------------------------

CHROMIUM = str(LOCAL_CHROMIUM)  # Debian's Chromium, the one the web app's browser tests drive


def test_report_charts_show_in_chromium(tmp_path: Path, fire: Study) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from PIL import Image

    report = tmp_path / "report.html"
    report.write_text(fire.to_html(), encoding="utf-8")
    shot = tmp_path / "report.png"
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            fetched: list[str] = []
            page.on("request", lambda request: fetched.append(request.url))
            page.route(re.compile(r"^https?://"), lambda route: route.abort())  # offline means offline
            page.goto(report.as_uri())
            page.wait_for_load_state("networkidle")
            assert fetched == [report.as_uri()]
            boxes = [figure.bounding_box() for figure in page.locator("figure svg").all()]
            assert len(boxes) == 3
            assert all(box and box["width"] > 400 and box["height"] > 150 for box in boxes)
            heatmap = boxes[0]
            tree_heading = page.locator("h2", has_text="Cây văn bản triển khai").bounding_box()
            page.screenshot(path=str(shot), full_page=True)
            assert page.locator("h1").inner_text().startswith("Việc triển khai Công điện số 31/CĐ-TTg")
        finally:
            browser.close()
    image = Image.open(shot).convert("RGB")
    region = image.crop(
        (
            int(heatmap["x"]),
            int(heatmap["y"]),
            int(heatmap["x"] + heatmap["width"]),
            int(heatmap["y"] + heatmap["height"]),
        )
    )
    rgb = np.asarray(region, dtype=int)
    green = (rgb[..., 1] > rgb[..., 0] + 40) & (rgb[..., 1] > rgb[..., 2] + 20)  # covered cells are green
    assert green.mean() > 0.05
    if os.environ.get("VANBAN_STUDY_SCREENSHOT"):
        target = Path(os.environ["VANBAN_STUDY_SCREENSHOT"])
        charts_part = image.crop((0, 0, image.width, int(tree_heading["y"]) - 10))  # for the README
        charts_part.quantize(colors=256).save(target, optimize=True)
