"""OCR accuracy on real scans of ../shared/corpus/archive (skipped when it is absent).

- gov-pdf: character error rate of page 1 as `vanban text FILE --pages 1` prints it (the same
  reader call), against the human-corrected page-1 text: Levenshtein distance over NFC text with
  runs of whitespace collapsed to one space, divided by the gold length. Also seconds per page,
  and whether the heading's số/ký hiệu matches gov-pdf/manifest.jsonl and its date matches the
  date of the human-corrected page.
- scans: whether the heading number read from page 1 is the one the file name gives
  (1009-ttg -> 1009/<type code read from the page>-TTg).
- --archive: how many files of the whole archive still end with "OCR needed".

    python benchmarks/ocr_accuracy.py [--archive] [--no-restore] [--only TEXT] [--no-scans]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from vanban_nlp import parse
from vanban_nlp.errors import DocumentError
from vanban_nlp.io import read
from vanban_nlp.io.ocr import unavailable_reason
from vanban_nlp.pipeline import parse_raw, parse_text

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpus" / "archive"
GOV = ARCHIVE / "gov-pdf"
SCANS = ARCHIVE / "scans"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def cer(hypothesis: str, gold: str) -> float:
    gold = squash(gold)
    return Levenshtein.distance(squash(hypothesis), gold) / len(gold)


def gov_pdf(only: str) -> None:
    manifest = {}
    for line in (GOV / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        manifest[meta["doc_id"]] = meta
    rows = []
    print(f"{'document':<30} {'CER':>6} {'s/page':>7}  {'number read':<20} {'manifest':<16} date")
    for pdf in sorted(p for p in (GOV / "image-only").glob("*.pdf") if only in p.name):
        gold_text = (GOV / "text" / f"{pdf.stem}.txt").read_text(encoding="utf-8")
        started = time.perf_counter()
        raw = read(pdf, pages=range(0, 1))
        seconds = time.perf_counter() - started
        error = cer(raw.text, gold_text)
        header = parse_raw(raw, obligations=False).header
        expected = manifest[pdf.stem]["so_hieu"]
        gold_header = parse_text(gold_text, obligations=False).header
        number_ok = header.number == expected
        date_ok = header.date is not None and header.date == gold_header.date
        rows.append((error, seconds, number_ok, date_ok, gold_header.number == expected))
        print(
            f"{pdf.stem:<30} {error:6.3f} {seconds:7.2f}  {header.number or '-':<20} {expected:<16} "
            f"{header.date or '-'} ({'ok' if date_ok else 'gold ' + str(gold_header.date)})"
        )
    errors = [r[0] for r in rows]
    print(
        f"\nmean CER {statistics.mean(errors):.3f} (median {statistics.median(errors):.3f}); "
        f"{statistics.mean(r[1] for r in rows):.2f} s per page"
    )
    print(
        f"heading number = manifest: {sum(r[2] for r in rows)} of {len(rows)} "
        f"(the page itself shows the manifest's number on {sum(r[4] for r in rows)}); "
        f"heading date = corrected page: {sum(r[3] for r in rows)} of {len(rows)}"
    )


def scans(only: str) -> None:
    right = 0
    files = sorted(p for p in SCANS.glob("*.pdf") if only in p.name)
    for pdf in files:
        digits = pdf.name.split("-")[0]
        raw = read(pdf, pages=range(0, 1))
        number = parse_raw(raw, obligations=False).header.number or "-"
        ok = re.fullmatch(rf"{digits}/[A-ZĐ]{{2,4}}-TTg", number) is not None
        right += ok
        print(f"{pdf.name:<24} {number:<16} {'ok' if ok else 'expected ' + digits + '/…-TTg'}")
    print(f"scans: heading number right on {right} of {len(files)}")


def archive() -> None:
    files = sorted(p for p in ARCHIVE.rglob("*") if p.is_file() and p.suffix not in (".jsonl", ".json"))
    needed = []
    started = time.perf_counter()
    for path in files:
        try:
            parse(path, obligations=False)
        except DocumentError as exc:
            if "OCR needed" in exc.message:
                needed.append(path.relative_to(ARCHIVE))
    print(
        f"archive: {len(files)} files, {len(needed)} end with 'OCR needed' "
        f"({time.perf_counter() - started:.0f} s with OCR)"
    )
    for path in needed:
        print(f"  {path}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--archive", action="store_true", help="also parse the whole archive (minutes)")
    parser.add_argument("--no-restore", action="store_true", help="measure without the lexicon restoration")
    parser.add_argument("--only", default="", metavar="TEXT", help="only the files whose name holds TEXT")
    parser.add_argument("--no-scans", action="store_true", help="skip the signed scans of archive/scans")
    args = parser.parse_args()
    if not ARCHIVE.exists():
        sys.exit(f"{ARCHIVE} is not present: nothing to measure")
    reason = unavailable_reason()
    if reason:
        sys.exit(f"OCR cannot run: {reason}")
    if args.no_restore:
        from vanban_nlp.io.ocr import page

        page.restore = lambda text: text  # type: ignore[assignment]
    gov_pdf(args.only)
    if not args.no_scans:
        print()
        scans(args.only)
    if args.archive:
        print()
        archive()


if __name__ == "__main__":
    main()
