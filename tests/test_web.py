"""The clerk's desk (`vanban serve`) through its JSON API and pages, with FastAPI's TestClient."""

from __future__ import annotations

import io
import json
import re
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from vanban_nlp.cli import app as cli
from vanban_nlp.store.sqlite import Store
from vanban_nlp.web import ServeConfig, create_app
from vanban_nlp.web.desk import Desk
from vanban_nlp.web.intake import UploadLimits

from .web_fixtures import (
    AUTH,
    CHI_THI,
    SCRIPT_LETTER,
    TOKEN,
    letter_numbered,
    sample_bytes,
    wait_uploads,
    zip_of,
)

runner = CliRunner()
BASE = "http://127.0.0.1"


def make_client(tmp_path: Path, **options) -> TestClient:
    config = ServeConfig(db=tmp_path / "kho.sqlite", token=TOKEN, workers=0, **options)
    return TestClient(create_app(config), base_url=BASE)


@pytest.fixture
def client(tmp_path: Path):
    with make_client(tmp_path) as test_client:
        yield test_client


def upload(client: TestClient, name: str, data: bytes) -> dict:
    answer = client.post("/api/documents", files={"file": (name, data)}, headers=AUTH)
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def test_an_uploaded_letter_becomes_a_document_with_its_tasks_and_a_duplicate_is_recognised(client) -> None:
    first = client.post("/api/documents", files={"file": ("công văn.txt", sample_bytes())}, headers=AUTH)
    assert first.status_code == 201
    body = first.json()
    assert body["document"]["header"]["number"] == "1247/STTTT-VP" and body["duplicate"] is False
    assert [t["id"] for t in body["tasks"]] == [
        "1247/STTTT-VP#1.",
        "1247/STTTT-VP#2.a)",
        "1247/STTTT-VP#2.b)",
        "1247/STTTT-VP#3.",
        "1247/STTTT-VP#4.",
        "1247/STTTT-VP#đoạn",  # the closing "nếu có khó khăn, vướng mắc, các phòng, đơn vị báo cáo …"
    ]
    assert {t["status"] for t in body["tasks"]} == {"open"}
    assert body["tasks"][0]["deadline"] == "2024-03-29"
    again = client.post("/api/documents", files={"file": ("ban-sao.txt", sample_bytes())}, headers=AUTH)
    assert again.status_code == 200 and again.json()["duplicate"] is True and again.json()["id"] == body["id"]
    listing = client.get("/api/documents").json()
    assert listing["total"] == 1
    inbox = client.get("/").text
    assert "1247/STTTT-VP" in inbox and "Trùng văn bản đã có" in inbox and "ban-sao.txt" in inbox


def test_changes_need_the_token_and_reads_are_open_on_loopback(client) -> None:
    files = {"file": ("a.txt", sample_bytes())}
    assert client.post("/api/documents", files=files).status_code == 401
    wrong = client.post("/api/documents", files=files, headers={"Authorization": "Bearer sai"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    upload(client, "a.txt", sample_bytes())
    assert client.get("/api/tasks").status_code == 200
    task_url = "/api/tasks/1247/STTTT-VP%231."
    assert client.patch(task_url, json={"status": "done"}).status_code == 401
    # a page session without its CSRF token is not enough either
    client.get("/")
    assert client.patch(task_url, json={"status": "done"}).status_code == 401
    token = csrf_of(client.get("/").text)
    assert client.patch(task_url, json={"status": "done"}, headers={"X-CSRF-Token": token}).status_code == 200


def test_the_clerks_corrections_are_kept_apart_from_the_machines_tasks(client, tmp_path: Path) -> None:
    upload(client, "cv.txt", sample_bytes())
    url = "/api/tasks/1247/STTTT-VP%231."
    task = client.get(url).json()
    edited = client.patch(
        url,
        json={
            "deadline": "2024-04-05",
            "actors": ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính"],
            "text": "Rà soát hồ sơ công việc trên Hệ thống quản lý văn bản",
            "recurrence": ["P1M"],
            "version": task["version"],
        },
        headers=AUTH,
    )
    assert edited.status_code == 200, edited.text
    result = edited.json()
    assert result["deadline"] == "2024-04-05" and result["corrected"] is True
    assert result["actors"] == ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính"] and result["recurrence"] == [
        "P1M"
    ]
    # the machine's task is untouched in the store (what vanban tasks --db prints)
    store = Store(tmp_path / "kho.sqlite", read_only=True)
    machine = store.find_tasks(ids=["1247/STTTT-VP#1."])[0]
    store.close()
    assert machine.deadline == "2024-03-29" and machine.actors == ["Trưởng các phòng, đơn vị thuộc Sở"]
    # the board filters on the corrected values
    assert [t["id"] for t in client.get("/api/tasks", params={"actor": "phong ke hoach"}).json()] == [
        "1247/STTTT-VP#1."
    ]
    page = client.get("/documents/1").text
    assert "Máy đề xuất" in page and "Đã sửa" in page
    # setting a field back to the machine's value leaves no correction
    back = client.get(url).json()
    restored = client.patch(
        url,
        json={
            "deadline": "2024-03-29",
            "actors": machine.actors,
            "text": machine.content,
            "recurrence": [],
            "version": back["version"],
        },
        headers=AUTH,
    ).json()
    assert restored["corrected"] is False and restored["deadline"] == "2024-03-29"


def test_a_stale_edit_gets_409_and_changes_nothing(client) -> None:
    upload(client, "cv.txt", sample_bytes())
    url = "/api/tasks/1247/STTTT-VP%233."
    seen = client.get(url).json()["version"]
    first = client.patch(url, json={"deadline": "2024-05-01", "version": seen}, headers=AUTH)
    assert first.status_code == 200 and first.json()["version"] == seen + 1
    stale = client.patch(url, json={"deadline": "2024-06-01", "version": seen}, headers=AUTH)
    assert stale.status_code == 409 and stale.json()["version"] == seen + 1
    assert client.get(url).json()["deadline"] == "2024-05-01"
    # a status change made elsewhere (vanban tasks --set-status) makes a page's version stale too
    current = client.get(url).json()["version"]
    desk = Desk(Store(client.app.web.config.db))
    assert desk.store.set_status("1247/STTTT-VP#3.", "in_progress") == 1
    desk.store.close()
    assert client.patch(url, json={"status": "done", "version": current}, headers=AUTH).status_code == 409


def test_pages_need_the_csrf_token_and_a_stale_page_edit_is_refused(client) -> None:
    upload(client, "cv.txt", sample_bytes())
    page = client.get("/documents/1").text
    token = csrf_of(page)
    version = re.search(
        r'name="task_id" value="1247/STTTT-VP#4."\s*>\s*<input type="hidden" name="version" value="(\d+)"',
        page,
    )
    form = {
        "task_id": "1247/STTTT-VP#4.",
        "version": version.group(1),
        "status": "in_progress",
        "back": "/tasks",
    }
    refused = client.post("/tasks/edit", data=form, follow_redirects=False)
    assert refused.status_code == 403
    done = client.post("/tasks/edit", data={**form, "csrf": token}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/tasks"
    again = client.post("/tasks/edit", data={**form, "csrf": token, "status": "done"}, follow_redirects=False)
    assert again.status_code == 409 and "Người khác vừa sửa" in again.text
    # "back" never leads off the site
    version_now = str(client.get("/api/tasks/1247/STTTT-VP%234.").json()["version"])
    away = client.post(
        "/tasks/edit",
        data={**form, "csrf": token, "version": version_now, "back": "//evil.example/x"},
        follow_redirects=False,
    )
    assert away.headers["location"] == "/"


def test_board_filters_counts_and_exports_of_the_current_view(client) -> None:
    from openpyxl import load_workbook

    upload(client, "cv.txt", sample_bytes())
    soon = (date.today() + timedelta(days=1)).isoformat()
    if date.today().weekday() == 6:  # Sunday: tomorrow is next week
        soon = date.today().isoformat()
    client.patch("/api/tasks/1247/STTTT-VP%234.", json={"deadline": soon}, headers=AUTH)
    client.patch("/api/tasks/1247/STTTT-VP%232.a)", json={"status": "done"}, headers=AUTH)
    board = client.get("/tasks").text
    assert re.search(r'id="count-overdue">1<', board)  # 29/3/2024, not done
    assert re.search(r'id="count-week">1<', board)
    overdue = client.get("/api/tasks", params={"overdue": "true"}).json()
    assert [t["id"] for t in overdue] == ["1247/STTTT-VP#1."]
    done = client.get("/api/tasks", params={"status": "done"}).json()
    assert [t["id"] for t in done] == ["1247/STTTT-VP#2.a)"]
    by_number = client.get("/api/tasks", params={"document": "1247/stttt-vp"}).json()
    assert len(by_number) == 6
    before = client.get("/api/tasks", params={"due_before": "2024-04-01"}).json()
    assert [t["id"] for t in before] == ["1247/STTTT-VP#1."]
    # the export holds exactly the filtered view
    workbook = load_workbook(io.BytesIO(client.get("/api/tasks.xlsx", params={"actor": "trung tâm"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Mã nhiệm vụ" and sorted(r[0] for r in rows[1:]) == [
        "1247/STTTT-VP#2.a)",
        "1247/STTTT-VP#2.b)",
    ]
    assert {r[8] for r in rows[1:]} == {"Đã hoàn thành", "Chưa thực hiện"}
    csv_text = client.get("/api/tasks.csv", params={"status": "done"}).content.decode("utf-8-sig")
    assert csv_text.count("\n") == 2 and "1247/STTTT-VP#2.a)" in csv_text
    ics = client.get("/api/tasks.ics").text
    assert ics.count("BEGIN:VTODO") == 6 and "STATUS:COMPLETED" in ics
    assert 'href="/api/tasks.xlsx?actor=' in client.get("/tasks", params={"actor": "Văn phòng"}).text
    assert client.get("/api/tasks", params={"due_before": "29/03/2024"}).status_code == 422


def test_search_finds_a_number_and_everything_citing_it(client) -> None:
    letter = upload(client, "cv.txt", sample_bytes())
    directive = upload(client, "ct.txt", CHI_THI.encode())
    found = client.get("/api/documents", params={"q": "05/CT-UBND"}).json()["documents"]
    assert [(d["id"], d["reasons"][0]) for d in found] == [
        (directive["id"], "number"),
        (letter["id"], "cites"),
    ]
    # the same with another spelling and with search syntax that stays text
    assert len(client.get("/api/documents", params={"q": "05/ct-ubnd"}).json()["documents"]) == 2
    assert client.get("/api/documents", params={"q": 'NEAR( "05 * OR'}).status_code == 200
    by_words = client.get("/api/documents", params={"q": "chữ ký số"}).json()["documents"]
    assert sorted(d["id"] for d in by_words) == sorted([letter["id"], directive["id"]])
    assert (
        client.get("/api/documents", params={"q": "thư điện tử cá nhân"}).json()["documents"][0]["id"]
        == letter["id"]
    )
    page = client.get("/", params={"q": "05/CT-UBND"}).text
    assert "viện dẫn văn bản này" in page and "đúng số, ký hiệu" in page
    # the citation on the letter's page links to the stored directive, and the directive lists it
    assert (
        f'<a href="/documents/{directive["id"]}">05/CT-UBND</a>'
        in client.get(f"/documents/{letter['id']}").text
    )
    assert "Được viện dẫn bởi" in client.get(f"/documents/{directive['id']}").text


def test_document_text_is_always_shown_as_text(client) -> None:
    document = upload(client, "<img src=x onerror=alert(1)>.txt", SCRIPT_LETTER.encode())
    page = client.get(f"/documents/{document['id']}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>lạ</b>" not in page
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page and "&lt;b&gt;lạ&lt;/b&gt;" in page
    for url in ("/", "/tasks", "/?q=script"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


def test_adding_a_task_from_a_passage_rejecting_one_and_confirming(client) -> None:
    document = upload(client, "cv.txt", sample_bytes())
    text = document["document"]["text"]
    passage = "cập nhật đầy đủ tình trạng xử lý"  # a step of task 1 the clerk keeps as its own task
    start = text.index(passage)
    added = client.post(
        f"/api/documents/{document['id']}/tasks",
        json={
            "start": start,
            "end": start + len(passage),
            "actors": ["Các phòng, đơn vị thuộc Sở"],
            "deadline": "2024-12-31",
        },
        headers=AUTH,
    )
    assert added.status_code == 201, added.text
    assert added.json()["id"] == "1247/STTTT-VP#thêm-1" and added.json()["content"] == passage
    rejected = client.patch("/api/tasks/1247/STTTT-VP%233.", json={"rejected": True}, headers=AUTH).json()
    assert rejected["rejected"] is True
    ids = [t["id"] for t in client.get("/api/tasks").json()]
    assert "1247/STTTT-VP#thêm-1" in ids and "1247/STTTT-VP#3." not in ids
    details = client.get(f"/api/documents/{document['id']}").json()
    order = [t["id"] for t in details["tasks"]]
    # in the order of the text: the step of task 1 right after it
    assert order.index("1247/STTTT-VP#thêm-1") == order.index("1247/STTTT-VP#1.") + 1
    confirmed = client.post(f"/api/documents/{document['id']}/confirm", json={}, headers=AUTH).json()
    assert confirmed["confirmed_at"]
    assert "Đã xác nhận" in client.get("/").text
    # a change to the list afterwards asks for a new confirmation
    client.patch(
        "/api/tasks/1247/STTTT-VP%234.", json={"text": "Văn phòng Sở tổng hợp kết quả"}, headers=AUTH
    )
    assert client.get(f"/api/documents/{document['id']}").json()["review"]["confirmed_at"] is None
    bad = client.post(f"/api/documents/{document['id']}/tasks", json={"start": 5, "end": 10**7}, headers=AUTH)
    assert bad.status_code == 422


def test_export_gold_feeds_vanban_eval(client, tmp_path: Path) -> None:
    document = upload(client, "cv.txt", sample_bytes())
    doc_id = document["id"]
    text = document["document"]["text"]
    passage = "cập nhật đầy đủ tình trạng xử lý"  # a step of task 1 the clerk keeps as its own task
    start = text.index(passage)
    client.post(
        f"/api/documents/{doc_id}/tasks",
        json={"start": start, "end": start + len(passage), "actors": ["Các phòng, đơn vị thuộc Sở"]},
        headers=AUTH,
    )
    client.patch("/api/tasks/1247/STTTT-VP%231.", json={"deadline": "2024-04-05"}, headers=AUTH)
    client.patch(f"/api/documents/{doc_id}", json={"subject": "V/v chuyển đổi số"}, headers=AUTH)
    out = tmp_path / "gold-out"
    nothing = runner.invoke(cli, ["export-gold", "--db", str(tmp_path / "kho.sqlite"), "--out", str(out)])
    assert nothing.exit_code == 0 and "Chưa có văn bản nào được xác nhận" in nothing.stderr
    client.post(f"/api/documents/{doc_id}/confirm", headers=AUTH)
    result = runner.invoke(cli, ["export-gold", "--db", str(tmp_path / "kho.sqlite"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 văn bản đã xác nhận" in result.stderr
    [gold_file] = list((out / "gold").glob("*.json"))
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    assert gold["raw"].startswith("raw/") and (out / gold["raw"]).read_bytes() == sample_bytes()
    assert gold["header"]["number"] == "1247/STTTT-VP" and gold["header"]["subject"] == "V/v chuyển đổi số"
    assert len(gold["obligations"]) == 7 and gold["obligations"][0]["deadline"] == "2024-04-05"
    assert passage in [o["anchor"] for o in gold["obligations"]]
    report = tmp_path / "report.json"
    scored = runner.invoke(cli, ["eval", str(out / "gold"), "--json", str(report)])
    assert scored.exit_code == 0, scored.output
    figures = json.loads(report.read_text(encoding="utf-8"))["report"]
    assert figures["obligations"]["gold"] == 7 and figures["obligations"]["tp"] == 6  # the clerk's addition
    assert figures["obligations.deadline"]["acc"] < 1  # the corrected deadline is not what the machine read
    assert figures["header.subject"]["acc"] == 0


def test_zip_uploads_limits_and_names_that_are_never_paths(tmp_path: Path) -> None:
    limits = UploadLimits(max_bytes=64 * 1024, max_files=3)
    with make_client(tmp_path, limits=limits) as client:
        archive = zip_of(
            {
                "thu-muc/cv-1.txt": letter_numbered(101),
                "thu-muc/cv-2.txt": letter_numbered(102),
                "cv-1-ban-sao.txt": letter_numbered(101),
                "chuong-trinh.exe": b"MZ\x90\x00",
                "__MACOSX/._cv-1.txt": b"\x00",
            }
        )
        answer = client.post(
            "/api/uploads",
            files=[
                ("file", ("../../../etc/ho-so.zip", archive)),
                ("file", ("lon.txt", b"a" * (64 * 1024 + 1))),
            ],
            headers=AUTH,
        )
        assert answer.status_code == 202, answer.text
        uploads = wait_uploads(client, [u["id"] for u in answer.json()["uploads"]])
        states = sorted((u["name"], u["state"], u["reason"]) for u in uploads)
        assert states == [
            ("ho-so.zip › chuong-trinh.exe", "failed", "unsupported-format"),
            ("ho-so.zip › cv-1-ban-sao.txt", "duplicate", None),
            ("ho-so.zip › cv-1.txt", "done", None),
            ("ho-so.zip › cv-2.txt", "done", None),
            ("lon.txt", "failed", "limit-exceeded"),
        ]
        assert client.get("/api/documents").json()["total"] == 2
        assert not list(tmp_path.glob("**/ho-so*")) and not Path("/etc/ho-so.zip").exists()
        too_many = [("file", (f"{n}.txt", letter_numbered(n))) for n in range(4)]
        assert client.post("/api/uploads", files=too_many, headers=AUTH).status_code == 413
        huge = client.post(
            "/api/documents",
            content=b"x" * 10,
            headers={
                **AUTH,
                "Content-Length": str(64 * 1024 * 3 + 1048576 + 1),
                "Content-Type": "text/plain",
            },
        )
        assert huge.status_code == 413


def test_unreadable_upload_is_reported_not_raised(client) -> None:
    answer = client.post("/api/documents", files={"file": ("hong.pdf", b"%PDF-1.4 broken")}, headers=AUTH)
    assert answer.status_code == 422 and answer.json()["reason"] == "corrupt-file"
    empty = client.post("/api/documents", files={"file": ("rong.txt", b"   ")}, headers=AUTH)
    assert empty.status_code == 422 and empty.json()["reason"] == "empty-file"
    assert "Không đọc được" in client.get("/").text
    archive = zip_of({"cv.txt": letter_numbered(9)})
    refused = client.post("/api/documents", files={"file": ("ho-so.zip", archive)}, headers=AUTH)
    assert refused.status_code == 422 and "/api/uploads" in refused.json()["detail"]
    assert client.get("/api/documents").json()["total"] == 0


def test_same_content_uploaded_at_once_is_stored_once(client) -> None:
    results: list[int] = []

    def send() -> None:
        results.append(
            client.post(
                "/api/documents", files={"file": ("x.txt", CHI_THI.encode())}, headers=AUTH
            ).status_code
        )

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200] * 5 + [201]
    assert client.get("/api/documents").json()["total"] == 1


def test_unfinished_uploads_are_parsed_after_a_restart(tmp_path: Path) -> None:
    import hashlib

    db = tmp_path / "kho.sqlite"
    desk = Desk(Store(db))
    data = letter_numbered(7)
    upload_id = desk.add_upload("cv-7.txt", hashlib.sha256(data).hexdigest(), data, "parsing")
    desk.store.close()
    with make_client(tmp_path) as client:
        [row] = wait_uploads(client, [upload_id])
        assert row["state"] == "done" and row["number"] == "7/SNV-VP" and row["tasks"] == 2


def test_host_header_must_name_the_loopback_server(client) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_with_a_password_pages_and_reads_need_signing_in(tmp_path: Path) -> None:
    with make_client(tmp_path, password="mat-khau-dai") as client:
        first = client.get("/tasks", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"].startswith("/dang-nhap")
        assert client.get("/api/tasks").status_code == 401
        assert client.get("/api/tasks", headers=AUTH).status_code == 200
        login = client.get(first.headers["location"]).text
        token = csrf_of(login)
        wrong = client.post("/dang-nhap", data={"csrf": token, "password": "sai", "next": "/tasks"})
        assert wrong.status_code == 401 and "Mật khẩu không đúng" in wrong.text
        client.app.web.throttle.succeeded()  # no waiting in the test
        right = client.post(
            "/dang-nhap",
            data={"csrf": token, "password": "mat-khau-dai", "next": "/tasks"},
            follow_redirects=False,
        )
        assert right.status_code == 303 and right.headers["location"] == "/tasks"
        assert client.get("/tasks").status_code == 200 and client.get("/api/tasks").status_code == 200
        away = client.post("/dang-nhap", data={"csrf": "x", "password": "y", "next": "https://evil.example"})
        assert "evil.example" not in away.url.host


def test_serve_refuses_a_network_address_without_a_password(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("VANBAN_PASSWORD", raising=False)
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "k.sqlite"), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "VANBAN_PASSWORD" in result.stderr
    empty = tmp_path / "mat-khau.txt"
    empty.write_text("\n", encoding="utf-8")
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--password-file", str(empty)])
    assert result.exit_code == 2 and "trống" in result.stderr
    assert runner.invoke(cli, ["serve", "--port", "0"]).exit_code == 2


def test_api_is_documented_at_docs(client) -> None:
    page = client.get("/docs").text
    for path in ("/api/documents", "/api/tasks", "/api/tasks/{task_id}", "/api/tasks.xlsx", "/api/uploads"):
        assert f"<code>{path}</code>" in page
    schema = client.get("/openapi.json").json()
    assert "patch" in schema["paths"]["/api/tasks/{task_id}"]


def test_heading_fields_are_corrected_on_the_page_in_the_clerks_date_format(client) -> None:
    upload(client, "cv.txt", sample_bytes())
    page = client.get("/documents/1").text
    assert 'name="date" value="14/03/2024"' in page
    version = re.search(r'action="/documents/1/header".*?name="version" value="(\d+)"', page, re.S).group(1)
    fields = {
        "csrf": csrf_of(page),
        "version": version,
        "number": "1247/STTTT-VP",
        "doc_type": "Công văn",
        "issuer": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "place": "Hà Nam",
        "date": "14/3/2024",
        "subject": "V/v chuyển đổi số",
    }
    assert client.post("/documents/1/header", data=fields, follow_redirects=False).status_code == 303
    review = client.get("/api/documents/1").json()["review"]
    assert review["header"] == {"subject": "V/v chuyển đổi số"}  # the unchanged date is no correction
    assert "Máy đọc: V/v triển khai thực hiện Chỉ thị" in client.get("/documents/1").text
    assert client.post("/documents/1/header", data=fields).status_code == 409  # the page's version is old
    wrong_date = {**fields, "version": str(review["version"]), "date": "31/02/2024"}
    answer = client.post("/documents/1/header", data=wrong_date)
    assert answer.status_code == 422 and "31/02/2024" in answer.text


def test_the_upload_form_works_without_javascript(client) -> None:
    token = csrf_of(client.get("/").text)
    files = [("file", ("cv.txt", sample_bytes())), ("file", ("ct.txt", CHI_THI.encode()))]
    assert (
        client.post("/upload", files=files, data={"csrf": "sai"}, follow_redirects=False).status_code == 403
    )
    answer = client.post("/upload", files=files, data={"csrf": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    uploads = wait_uploads(client, [u["id"] for u in client.get("/api/uploads").json()["uploads"]])
    assert sorted(u["number"] for u in uploads) == ["05/CT-UBND", "1247/STTTT-VP"]
