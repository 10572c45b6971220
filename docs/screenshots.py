"""Screenshots of the desk for the README (docs/*.png): inbox, a document page and the tasks board.

Starts `vanban serve` on a loopback port over a fresh store, uploads sample letters of corpora/raw
through the API, and photographs the pages with Debian's Chromium through Playwright:

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

from vanban_nlp.web.local import CHROMIUM, CHROMIUM_ARGS, local_desk

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ["cv-so-yte-bao-cao-dinh-ky.txt", "cd-ttg-nang-nong.txt", "cv-so-tttt-chuyen-doi-so.txt"]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="vanban-shots-"))
    with local_desk(folder / "kho.sqlite", "anh-chup-man-hinh") as base:
        headers = {"Authorization": "Bearer anh-chup-man-hinh"}
        ids = []
        for name in LETTERS:
            data = (ROOT / "corpora" / "raw" / name).read_bytes()
            answer = httpx.post(
                base + "/api/documents", files={"file": (name, data)}, headers=headers, timeout=120
            )
            ids.append(answer.json()["id"])
        # a clerk's day: a task done, a deadline moved to this week
        this_week = (date.today() + timedelta(days=(6 - date.today().weekday()) // 2)).isoformat()
        httpx.patch(base + "/api/tasks/1247/STTTT-VP%232.a)", json={"status": "done"}, headers=headers)
        httpx.patch(base + "/api/tasks/1247/STTTT-VP%234.", json={"deadline": this_week}, headers=headers)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, "--lang=vi-VN"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            page.goto(base + "/")
            page.screenshot(path=str(ROOT / "docs" / "inbox.png"))
            page.goto(f"{base}/documents/{ids[-1]}")
            page.set_viewport_size({"width": 1280, "height": 1500})
            page.screenshot(path=str(ROOT / "docs" / "document.png"))
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(base + "/tasks")
            page.screenshot(path=str(ROOT / "docs" / "tasks.png"))
            browser.close()


if __name__ == "__main__":
    main()
