"""The desk in a real browser: `vanban serve` in its own process, driven with Playwright through
Debian's Chromium (launched by its path; no browser is ever downloaded). `.ci/run` installs the
`chromium` package when it is missing."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from vanban_nlp.web.local import CHROMIUM, CHROMIUM_ARGS, local_desk

from .conftest import SAMPLE_LETTER
from .web_fixtures import AUTH, SCRIPT_LETTER, TOKEN, letter_numbered

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with local_desk(tmp_path_factory.mktemp("desk") / "kho.sqlite", TOKEN) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


SELECT_PASSAGE = """(passage) => {
    const pre = document.getElementById("doc-text");
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    let text = "", nodes = [];
    while (walker.nextNode()) {
        nodes.push([walker.currentNode, text.length]);
        text += walker.currentNode.data;
    }
    const start = text.indexOf(passage), end = start + passage.length;
    const at = (offset) => {
        for (const [node, from] of nodes) if (offset <= from + node.data.length) return [node, offset - from];
    };
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(end));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    pre.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    return start;
}"""


def test_a_clerk_uploads_a_letter_corrects_its_tasks_and_exports_the_board(
    server, page, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    page.goto(server + "/")
    page.set_input_files("#file-input", str(SAMPLE_LETTER))
    # the upload is parsed in the background; the inbox shows it, then lists the document
    page.wait_for_selector("table.documents a:has-text('1247/STTTT-VP')")
    assert "Đã đọc xong" in page.inner_text("#uploads")
    page.click("table.documents a:has-text('1247/STTTT-VP')")
    tasks = page.locator("form.task[data-task-id^='1247/STTTT-VP#']")
    assert tasks.count() == 6
    first = page.locator("form.task[data-task-id='1247/STTTT-VP#1.']")
    assert first.locator("textarea[name=content]").input_value().startswith("Rà soát toàn bộ hồ sơ công việc")
    assert first.locator("input[name=deadline]").input_value() == "2024-03-29"

    # edit a deadline
    first.locator("input[name=deadline]").fill("2026-12-15")
    first.locator("button[value=save]").click()
    page.wait_for_load_state()
    first = page.locator("form.task[data-task-id='1247/STTTT-VP#1.']")
    assert first.locator("input[name=deadline]").input_value() == "2026-12-15"
    assert "Đã sửa" in first.inner_text()

    # add the task the machine missed, from a selection of the text, then confirm the list
    page.evaluate(SELECT_PASSAGE, "cập nhật đầy đủ tình trạng xử lý")
    adder = page.locator("#add-task")
    assert adder.locator("textarea[name=content]").input_value().startswith("cập nhật đầy đủ tình trạng")
    adder.locator("input[name=actors]").fill("Các phòng, đơn vị thuộc Sở")
    adder.locator("#add-task-button").click()
    page.wait_for_selector("form.task[data-task-id='1247/STTTT-VP#thêm-1']")
    page.click("text=Xác nhận danh sách nhiệm vụ")
    page.wait_for_selector("#confirmed")

    # the board: the corrected deadline, one task marked done
    page.click("nav >> text=Công việc")
    row = page.locator("tr[data-task-id='1247/STTTT-VP#1.']")
    assert "15/12/2026" in row.inner_text()
    done_row = page.locator("tr[data-task-id='1247/STTTT-VP#2.a)']")
    done_row.locator("select[name=status]").select_option("done")
    done_row.locator("button").click()
    page.wait_for_selector("tr.status-done[data-task-id='1247/STTTT-VP#2.a)']")
    assert page.locator("tr[data-task-id='1247/STTTT-VP#thêm-1']").count() == 1

    # export the current view and read it back
    with page.expect_download() as download:
        page.click("#export-xlsx")
    target = tmp_path / "nhiem-vu.xlsx"
    download.value.save_as(target)
    rows = {
        r[0]: r for r in load_workbook(io.BytesIO(target.read_bytes())).active.iter_rows(values_only=True)
    }
    assert rows["1247/STTTT-VP#1."][4] == datetime(2026, 12, 15)
    assert rows["1247/STTTT-VP#2.a)"][8] == "Đã hoàn thành"
    assert rows["1247/STTTT-VP#thêm-1"][1] == "Các phòng, đơn vị thuộc Sở"


def test_a_letter_with_a_script_tag_shows_it_as_text(server, page) -> None:
    answer = httpx.post(
        server + "/api/documents",
        files={"file": ("<script>.txt", SCRIPT_LETTER.encode())},
        headers=AUTH,
        timeout=120,
    )
    assert answer.status_code == 201, answer.text
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server}/documents/{answer.json()['id']}")
    assert "<script>alert('xss')</script>" in page.inner_text("p.subject")
    assert '<img src=x onerror="window.__xss=1">' in page.inner_text("#doc-text")
    page.goto(server + "/tasks")
    assert "<b>lạ</b>" in page.inner_text("table.board")
    assert page.evaluate("window.__xss") is None and dialogs == []


def test_several_letters_dropped_on_the_inbox_are_all_read(server, page) -> None:
    page.goto(server + "/")
    letters = [letter_numbered(n).decode() for n in (301, 302, 303)]
    page.evaluate(
        """(letters) => {
            const transfer = new DataTransfer();
            letters.forEach((text, i) =>
                transfer.items.add(new File([text], "cong-van-" + i + ".txt", {type: "text/plain"})));
            const zone = document.getElementById("upload-form");
            const options = {dataTransfer: transfer, bubbles: true, cancelable: true};
            const event = (name) => new DragEvent(name, options);
            zone.dispatchEvent(event("dragover"));
            zone.dispatchEvent(event("drop"));
        }""",
        letters,
    )
    for number in ("301/SNV-VP", "302/SNV-VP", "303/SNV-VP"):
        page.wait_for_selector(f"table.documents a:has-text('{number}')")
    listed = httpx.get(server + "/api/documents", params={"q": "SNV-VP"}).json()["documents"]
    assert sorted(d["number"] for d in listed) == ["301/SNV-VP", "302/SNV-VP", "303/SNV-VP"]
