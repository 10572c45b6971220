"""Screenshots of the desk for the README (docs/*.png): inbox, a document page and the tasks board.

Starts `vanban serve` on a loopback port over a fresh store, uploads sample letters of corpora/raw
through the API, and photographs the pages with Debian's Chromium through Playwright:

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LETTERS = ["cv-so-yte-bao-cao-dinh-ky.txt", "cd-ttg-nang-nong.txt", "cv-so-tttt-chuyen-doi-so.txt"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="vanban-shots-"))
    port = free_port()
    env = {**os.environ, "VANBAN_TOKEN": "anh-chup-man-hinh", "VANBAN_LANG": "vi"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vanban_nlp.cli",
            "serve",
            "--db",
            str(folder / "kho.sqlite"),
            "--port",
            str(port),
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/api/uploads", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
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
                executable_path="/usr/bin/chromium", args=[*CHROMIUM_ARGS, "--lang=vi-VN"]
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
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
