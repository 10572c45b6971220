"""What table reading costs the PDF reader.

On PDFs without ruled tables the reader only counts each page's path objects (pdfplumber is never
opened): this prints the reading time with and without that check, which must stay within 1.5x.
On PDFs with tables it prints the time of pdfplumber's table finder on the pages that draw a grid,
and what was found.

    python benchmarks/pdf_tables.py [--repeat 5]

PDFs: those of ../shared/corpus/archive with a text layer (or our corpora/raw when absent), split
by whether the reader finds a table in them.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from unittest import mock

from vanban_nlp.errors import DocumentError
from vanban_nlp.io import pdf as pdf_reader

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpus" / "archive"


def pdf_files() -> list[Path]:
    files = sorted(ARCHIVE.rglob("*.pdf")) if ARCHIVE.exists() else []
    return files or sorted((ROOT / "corpora" / "raw").glob("*.pdf"))


def read_times(path: Path, repeat: int) -> tuple[float, float]:
    """Best CPU time of `repeat` readings (seconds) by the reader before tables and by ours, run
    in turns so that a busy machine slows both alike."""
    before, after = [], []
    for _ in range(repeat):
        for times, check in ((before, False), (after, True)):
            start = time.process_time()
            if check:
                pdf_reader.read_pdf(path)
            else:
                with mock.patch.object(pdf_reader, "likely_ruled_table", return_value=False):
                    pdf_reader.read_pdf(path)
            times.append(time.process_time() - start)
    return min(before), min(after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    without: list[tuple[Path, int]] = []
    with_tables: list[tuple[Path, int, int]] = []
    for path in pdf_files():
        try:
            result = pdf_reader.read_pdf(path)
        except DocumentError:
            continue  # scanned or broken: no text layer to read tables from
        if result.tables:
            with_tables.append((path, len(result.pages), len(result.tables)))
        else:
            without.append((path, len(result.pages)))
    pages = sum(n for _, n in without)
    timed = [read_times(p, args.repeat) for p, _ in without]
    before, after = sum(b for b, _ in timed), sum(a for _, a in timed)
    median = statistics.median(a / b for b, a in timed)
    print(f"PDFs without tables: {len(without)} files, {pages} pages (CPU time, best of {args.repeat})")
    print(f"  reader before tables: {before:.3f} s ({before / pages * 1000:.2f} ms/page)")
    print(f"  reader with the ruled-page check: {after:.3f} s ({after / pages * 1000:.2f} ms/page)")
    print(f"  ratio {after / before:.2f}x in all (median per file {median:.2f}x; target <= 1.5x)")
    if with_tables:
        pages = sum(n for _, n, _ in with_tables)
        timed = [read_times(p, 1) for p, _, _ in with_tables]
        found = sum(n for _, _, n in with_tables)
        print(f"PDFs with tables: {len(with_tables)} files, {pages} pages, {found} tables on their pages")
        print(
            f"  reader before tables: {sum(b for b, _ in timed):.3f} s; with tables (pdfplumber on "
            f"ruled pages): {sum(a for _, a in timed):.3f} s"
        )


if __name__ == "__main__":
    main()
