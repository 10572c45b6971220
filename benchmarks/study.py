"""Time `vanban study` over a batch store of 1,000 documents.

The store is built from variants of our own texts (corpora/compare/cd-31-chay-rung and
corpora/raw), so the run needs nothing but the repository: for each of the 63 provinces of 2025,
one provincial letter implementing Công điện 31/CĐ-TTg and nine sở/huyện letters implementing
that letter (the central text cited or not); the rest of the store is unrelated letters with their
own numbers, some of them citing numbers that collide with the provincial ones. Every item line
gets words of its own, so no two documents share a text.

    python benchmarks/study.py [--docs 1000] [--workers 2] [--store kho.sqlite]
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
FIRE = ROOT / "corpora" / "compare" / "cd-31-chay-rung"
RAW = ROOT / "corpora" / "raw"
CENTRAL = "31/CĐ-TTg"
CENTRAL_DAY = date(2025, 3, 14)
# provincial letter -> (its province as written, its number, its date as cited)
PROVINCIAL = {
    "cv-ubnd-lam-dong-chay-rung.txt": ("Lâm Đồng", "1876/UBND-NN", "18/3/2025"),
    "cd-ubnd-dak-nong-chay-rung.txt": ("Đắk Nông", "03/CĐ-UBND", "17/3/2025"),
    "cv-ubnd-gia-lai-chay-rung.txt": ("Gia Lai", "912/UBND-NL", "21/3/2025"),
    "cv-ubnd-kon-tum-chay-rung.txt": ("Kon Tum", "655/UBND-NNTN", "25/3/2025"),
    "cv-ubnd-nghe-an-chay-rung.txt": ("Nghệ An", "2290/UBND-NN", "02/4/2025"),
    "cv-ubnd-ha-giang-chay-rung.txt": ("Hà Giang", "801/UBND-KTTH", "08/4/2025"),
}
# sở/huyện letter -> (province written in it, its own number, the provincial letter it cites)
LOCAL = {
    "cv-so-nnmt-lam-dong-chay-rung.txt": ("Lâm Đồng", "402/SNNMT-KL", "cv-ubnd-lam-dong-chay-rung.txt"),
    "cv-ubnd-huyen-lac-duong-chay-rung.txt": ("Lâm Đồng", "315/UBND-NN", "cv-ubnd-lam-dong-chay-rung.txt"),
    "cv-chi-cuc-kiem-lam-dak-nong-chay-rung.txt": (
        "Đắk Nông",
        "118/CCKL-QLBVR",
        "cd-ubnd-dak-nong-chay-rung.txt",
    ),
    "cv-ubnd-tp-kon-tum-chay-rung.txt": ("Kon Tum", "233/UBND-KT", "cv-ubnd-kon-tum-chay-rung.txt"),
    "cv-ubnd-huyen-tuong-duong-chay-rung.txt": ("Nghệ An", "508/UBND-NN", "cv-ubnd-nghe-an-chay-rung.txt"),
}
LOCAL_PER_PROVINCE = 9
T = TypeVar("T")
HEADING_DATE = re.compile(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}")
ITEM_LINE = re.compile(r"(?m)^(\d+\. .*?)([.;])$")


def provinces_of_2025() -> list[str]:
    from vanban_nlp.compare.study.places import provinces

    return sorted(p.name for p in provinces() if p.in_force("2025-03-01"))


def vary(text: str, old_name: str, new_name: str, words: str) -> str:
    text = text.replace(old_name.upper(), new_name.upper()).replace(old_name, new_name)
    return ITEM_LINE.sub(lambda m: f"{m.group(1)} {words}{m.group(2)}", text)


def heading_day(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def cited_day(day: date) -> str:
    return f"{day.day:02d}/{day.month}/{day.year}"


def make_corpus(folder: Path, total: int) -> int:
    """Write `total` documents; returns how many implement the central text."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cd-ttg-31.txt").write_text((FIRE / "cd-ttg-31-chay-rung.txt").read_text("utf-8"), "utf-8")
    written, implementing = 1, 0
    templates = list(PROVINCIAL)
    local_templates = list(LOCAL)
    serial = 5000
    for index, province in enumerate(provinces_of_2025()):
        if written + 1 + LOCAL_PER_PROVINCE > total:
            break
        name = templates[index % len(templates)]
        old_province, old_number, _ = PROVINCIAL[name]
        day = CENTRAL_DAY + timedelta(days=2 + (index * 7) % 41)
        # provinces number their letters independently: numbers repeat across provinces (dates differ)
        number = f"{1000 + index % 20}/UBND-NN"
        text = vary((FIRE / name).read_text("utf-8"), old_province, province, f"trên địa bàn tỉnh {province}")
        text = HEADING_DATE.sub(heading_day(day), text.replace(old_number, number), count=1)
        (folder / f"p{index:02d}-tinh.txt").write_text(text, "utf-8")
        written += 1
        implementing += 1
        for k in range(LOCAL_PER_PROVINCE):
            local = local_templates[k % len(local_templates)]
            local_province, local_number, parent = LOCAL[local]
            _, parent_number, parent_day = PROVINCIAL[parent]
            local_day = day + timedelta(days=3 + k)
            serial += 1
            text = vary(
                (FIRE / local).read_text("utf-8"),
                local_province,
                province,
                f"tại đơn vị số {k + 1} của tỉnh {province}",
            )
            text = text.replace(parent_number, number).replace(parent_day, cited_day(day))
            text = text.replace(local_number, f"{serial}/{local_number.split('/', 1)[1]}")
            text = HEADING_DATE.sub(heading_day(local_day), text, count=1)
            (folder / f"p{index:02d}-dv{k}.txt").write_text(text, "utf-8")
            written += 1
            implementing += 1
    raw = sorted(RAW.glob("*.txt")) + [FIRE / "cv-so-tai-chinh-gia-lai-du-toan.txt"]
    other = 0
    seen: set[str] = set()
    while written < total:
        source = raw[other % len(raw)]
        serial += 1
        text = source.read_text("utf-8")
        text = re.sub(r"(Số:\s*)(\d+)", rf"\g<1>{serial}", text, count=1)
        text = ITEM_LINE.sub(rf"\1 (bản {serial})\2", text)
        other += 1
        if text in seen:
            continue  # a letter without number or items cannot be varied: the store would keep one copy
        seen.add(text)
        (folder / f"khac-{other:04d}.txt").write_text(text, "utf-8")
        written += 1
    return implementing


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", type=Path, help="reuse (or keep) the store here")
    args = parser.parse_args()

    from vanban_nlp.batch.run import run_batch
    from vanban_nlp.compare.study.build import build
    from vanban_nlp.compare.study.collect import link, read_store

    with tempfile.TemporaryDirectory() as work:
        store = args.store or Path(work) / "kho.sqlite"
        if not store.exists():
            corpus = Path(work) / "corpus"
            implementing = make_corpus(corpus, args.docs)
            start = time.perf_counter()
            summary = run_batch([str(corpus)], store, workers=args.workers)
            print(
                f"store: {summary.done} documents ({implementing} implementing {CENTRAL}) "
                f"built in {time.perf_counter() - start:.1f} s with {args.workers} workers"
            )
        # wall time, and CPU time (this process, all threads): on a shared machine the CPU time
        # is what the run costs; on an idle one the wall time is about the same or less
        steps: list[tuple[str, float, float]] = []

        def timed(step: str, work: Callable[[], T]) -> T:
            wall, cpu = time.perf_counter(), time.process_time()
            value = work()
            steps.append((step, time.perf_counter() - wall, time.process_time() - cpu))
            return value

        documents = timed("read store", lambda: read_store(store, CENTRAL))
        linked = timed("link citations, tree, provinces", lambda: link(documents, CENTRAL))
        result = timed("alignment, additions, tasks (DataFrames)", lambda: build(linked))
        page = timed("HTML report with 3 charts", result.to_html)
        for step, wall, cpu in steps:
            print(f"  {step}: {wall:.2f} s ({cpu:.2f} s CPU)")
        print(
            f"study in process: {sum(s[1] for s in steps):.1f} s ({sum(s[2] for s in steps):.1f} s CPU) "
            f"for {len(result.texts)} texts, {result.texts['province'].nunique()} provinces, "
            f"{len(result.coverage)} coverage rows, {len(result.common_additions)} shared additions; "
            f"report {len(page) / 1024:.0f} KB"
        )
        report = Path(work) / "report.html"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "vanban_nlp.cli", "study", CENTRAL, "--db", str(store)]
        subprocess.run([*command, "--out", str(report)], check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(
            f"command line `vanban study {CENTRAL} --db kho.sqlite --out report.html`: "
            f"{time.perf_counter() - start:.1f} s ({cpu:.1f} s CPU; Python start and imports included)"
        )


if __name__ == "__main__":
    main()
