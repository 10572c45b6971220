"""Bounded loopback load test of `vanban serve`: 50 uploads from 10 concurrent clients, for a 6 KB
letter and for a 10-page PDF (both written here from our own text; the PDFs with reportlab), then
the same files again to check they are recognised as duplicates.

Every upload goes to POST /api/documents, which answers once the document is parsed and its tasks
are stored, so the time of each request is the upload-to-tasks latency. At the end the store must
hold exactly one document per distinct file: none lost, none duplicated. Traffic goes to 127.0.0.1
only; the run stops by itself (fixed request count, a timeout on every request).

    .venv/bin/python benchmarks/web_load.py [--uploads 50] [--clients 10] [--workers 1]
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from vanban_nlp.web.local import local_desk

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "tests" / "fixtures" / "fonts" / "DejaVuSans.ttf"
TOKEN = "tai-thu-nghiem"
REQUEST_TIMEOUT = 300.0

HEADING = """ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
SỞ KẾ HOẠCH VÀ ĐẦU TƯ

Số: {number}/SKHĐT-TH
V/v triển khai kế hoạch đầu tư công năm 2025

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Ninh Bình, ngày 15 tháng 01 năm 2025

Kính gửi:
- Các phòng thuộc Sở;
- Trung tâm Xúc tiến đầu tư.

Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2025 của UBND tỉnh về giao kế hoạch đầu tư công năm 2025, \
Giám đốc Sở Kế hoạch và Đầu tư yêu cầu các phòng, đơn vị thực hiện các nội dung sau:
"""
ITEM = (
    "{n}. Phòng Tổng hợp chủ trì, phối hợp với Phòng Đầu tư rà soát danh mục dự án nhóm {n}, "
    "cập nhật tiến độ giải ngân của từng dự án trên hệ thống thông tin, đối chiếu số liệu với Kho bạc "
    "Nhà nước tỉnh và báo cáo Giám đốc Sở trước ngày {day:02d}/02/2025.\n\n"
)
CLOSING = """Trong quá trình thực hiện, nếu có vướng mắc, các phòng, đơn vị báo cáo Giám đốc Sở để chỉ đạo./.

Nơi nhận:
- Như trên;
- UBND tỉnh (để b/c);
- Lưu: VT, TH.

GIÁM ĐỐC

Phạm Quang Huy
"""


def letter_text(number: int, items: int) -> str:
    body = "".join(ITEM.format(n=n, day=1 + n % 27) for n in range(1, items + 1))
    return HEADING.format(number=number) + "\n" + body + CLOSING


def six_kb_letter(number: int) -> bytes:
    return letter_text(number, 16).encode("utf-8")


def ten_page_pdf(number: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    lines = letter_text(number, 60).splitlines()
    per_page = (len(lines) + 9) // 10
    for page in range(10):
        pdf.setFont("DejaVu", 9)
        y = 800
        for line in lines[page * per_page : (page + 1) * per_page]:
            while line:  # wrap at 110 characters
                pdf.drawString(40, y, line[:110])
                line, y = line[110:], y - 12
            y -= 4
        pdf.drawString(290, 30, str(page + 1))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def run_round(base: str, files: list[tuple[str, bytes]], clients: int) -> list[tuple[float, int, dict]]:
    """Every file uploaded once by `clients` concurrent clients: (seconds, status, body) per file."""

    def send(item: tuple[str, bytes]) -> tuple[float, int, dict]:
        name, data = item
        with httpx.Client(timeout=REQUEST_TIMEOUT) as client:
            started = time.perf_counter()
            answer = client.post(
                base + "/api/documents",
                files={"file": (name, data)},
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            return time.perf_counter() - started, answer.status_code, answer.json()

    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(send, files))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(kind: str, results: list[tuple[float, int, dict]], wall: float) -> bool:
    seconds = [r[0] for r in results]
    created = sum(1 for r in results if r[1] == 201 and r[2].get("tasks"))
    print(
        f"{kind:<16} {len(results)} uploads in {wall:5.1f} s ({len(results) / wall:4.1f}/s): "
        f"p50 {statistics.median(seconds):5.2f} s, p95 {percentile(seconds, 0.95):5.2f} s, "
        f"max {max(seconds):5.2f} s; stored with tasks: {created}"
    )
    return created == len(results)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1, help="vanban serve --workers")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vanban-load-"))
    db = folder / "kho.sqlite"
    letters = [(f"cong-van-{n}.txt", six_kb_letter(1000 + n)) for n in range(options.uploads)]
    pdfs = [(f"cong-van-{n}.pdf", ten_page_pdf(5000 + n)) for n in range(options.uploads)]
    print(
        f"letter {len(letters[0][1]) / 1024:.1f} KB; PDF {len(pdfs[0][1]) / 1024:.0f} KB, 10 pages; "
        f"{options.clients} clients; vanban serve --workers {options.workers}"
    )
    ok = True
    serve_options = ("--workers", str(options.workers), "--max-mb", "20")
    with local_desk(db, TOKEN, *serve_options) as base:
        # one upload first, not counted: the parsing process loads its models
        run_round(base, [("khoi-dong.txt", six_kb_letter(999))], 1)
        for kind, files in (("6 KB letter", letters), ("10-page PDF", pdfs)):
            started = time.perf_counter()
            results = run_round(base, files, options.clients)
            ok &= report(kind, results, time.perf_counter() - started)
        again = run_round(base, letters[:10] + pdfs[:10], options.clients)
        duplicates = sum(1 for _s, status, body in again if status == 200 and body.get("duplicate"))
        print(f"the same 20 files again: {duplicates} recognised as duplicates")
        ok &= duplicates == 20
    with sqlite3.connect(db) as store:
        documents = store.execute(
            "SELECT count(*), count(DISTINCT sha256), count(DISTINCT number) FROM documents"
        )
        total, distinct, numbers = documents.fetchone()
        states = dict(store.execute("SELECT state, count(*) FROM uploads GROUP BY state").fetchall())
    expected = 2 * options.uploads + 1  # with the warm-up letter
    print(
        f"store: {total} documents ({distinct} distinct contents, {numbers} distinct numbers);"
        f" uploads {states}"
    )
    lost_or_doubled = total != expected or distinct != expected or numbers != expected
    print("none lost, none duplicated" if not lost_or_doubled and ok else "LOST OR DUPLICATED UPLOADS")
    raise SystemExit(1 if lost_or_doubled or not ok else 0)


if __name__ == "__main__":
    main()
