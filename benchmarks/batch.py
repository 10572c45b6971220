"""Batch throughput over the text, DOCX and PDF documents of ../shared/corpus/archive (or corpora/).

Prints, with the obligation stage off and on, for 1 and 2 worker processes: docs/s and pages/s
over the file list replicated to at least --files items, documents per CPU second of the workers
(what another user's load on a shared machine disturbs least), the scaling ratio, peak RSS per
worker after half and all of the run (a flat figure means memory does not grow with the batch);
then the throughput with obligations on against off, and the cost of our PDF reading against bare pypdfium2
text extraction on the same files.

    python benchmarks/batch.py [--files 5000] [--obligations both|on|off] [--ocr never|auto]
"""

from __future__ import annotations

import argparse
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpus" / "archive"


def corpus() -> list[Path]:
    if ARCHIVE.exists():
        files = [p for p in ARCHIVE.rglob("*") if p.suffix.lower() in (".txt", ".docx", ".pdf")]
        return sorted(p for p in files if "image-only" not in p.parts and p.parent.name != "scans")
    return sorted((ROOT / "corpora" / "raw").glob("*.txt"))


def work(names: list[str], obligations: bool, ocr: str) -> tuple[int, int, int]:
    """Parse a chunk; return (documents, pages, this worker's peak RSS in KB)."""
    from vanban_nlp.batch.worker import process_chunk

    results = process_chunk(names, {"obligations": obligations, "ocr": ocr})
    pages = sum((r["document"]["source"]["pages"] or 1) for r in results if r["ok"])
    return len(results), pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(names: list[str], workers: int, obligations: bool, ocr: str, chunk: int = 16) -> dict[str, float]:
    chunks = [names[i : i + chunk] for i in range(0, len(names), chunk)]
    half = len(chunks) // 2
    start = time.perf_counter()
    cpu_start = _children_cpu()
    docs = pages = 0
    rss_half = rss_end = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for index, (n, p, rss) in enumerate(
            pool.map(work, chunks, [obligations] * len(chunks), [ocr] * len(chunks))
        ):
            docs += n
            pages += p
            if index < half:
                rss_half = max(rss_half, rss)
            rss_end = max(rss_end, rss)
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu_start  # the workers have ended: their CPU time is counted
    return {
        "docs_s": docs / elapsed,
        "docs_cpu_s": docs / cpu,
        "pages_s": pages / elapsed,
        "seconds": elapsed,
        "rss_half_mb": rss_half / 1024,
        "rss_end_mb": rss_end / 1024,
    }


def pdf_ratio(pdfs: list[Path]) -> tuple[float, float]:
    import pypdfium2 as pdfium

    from vanban_nlp.errors import DocumentError
    from vanban_nlp.io.pdf import read_pdf

    def has_text(path: Path) -> bool:
        try:
            read_pdf(path)
            return True
        except DocumentError:
            return False

    pdfs = [p for p in pdfs if has_text(p)]
    start = time.perf_counter()
    for path in pdfs:
        document = pdfium.PdfDocument(str(path))
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    bare = time.perf_counter() - start
    start = time.perf_counter()
    for path in pdfs:
        read_pdf(path)
    ours = time.perf_counter() - start
    return bare, ours, len(pdfs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument(
        "--obligations",
        choices=("both", "on", "off"),
        default="both",
        help="obligation stage (default: both)",
    )
    parser.add_argument(
        "--ocr",
        choices=("never", "auto"),
        default="never",
        help="OCR of PDFs without a text layer (default never: they end with 'OCR needed' at once; "
        "benchmarks/ocr_accuracy.py measures OCR in seconds per page)",
    )
    args = parser.parse_args()
    files = corpus()
    names = [str(p) for p in files]
    replicated = (names * (args.files // len(names) + 1))[: max(args.files, len(names))]
    kinds = {s: sum(1 for p in files if p.suffix.lower() == s) for s in (".txt", ".docx", ".pdf")}
    print(f"{len(files)} distinct files {kinds}, replicated to {len(replicated)}")
    modes = {"both": (False, True), "on": (True,), "off": (False,)}[args.obligations]
    results: dict[tuple[bool, int], dict[str, float]] = {}
    for obligations in modes:
        for workers in (1, 2):
            results[obligations, workers] = r = run(replicated, workers, obligations, args.ocr)
            stage = "on " if obligations else "off"
            print(
                f"obligations {stage}, {workers} worker(s): {r['docs_s']:.1f} docs/s, "
                f"{r['pages_s']:.1f} pages/s, {r['seconds']:.1f} s, "
                f"{r['docs_cpu_s']:.1f} docs per CPU second; peak RSS per worker "
                f"{r['rss_half_mb']:.0f} MB at half, {r['rss_end_mb']:.0f} MB at the end"
            )
        scaling = results[obligations, 2]["docs_s"] / results[obligations, 1]["docs_s"]
        print(f"  scaling 2 workers / 1 worker: {scaling:.2f}x")
    if len(modes) == 2:
        for workers in (1, 2):
            on, off = results[True, workers], results[False, workers]
            print(
                f"obligations on / off, {workers} worker(s): {on['docs_s'] / off['docs_s']:.2f} (wall), "
                f"{on['docs_cpu_s'] / off['docs_cpu_s']:.2f} (CPU)"
            )
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    if pdfs:
        bare, ours, count = pdf_ratio(pdfs)
        print(
            f"PDF text: bare pypdfium2 {bare:.2f} s, vanban reader {ours:.2f} s over {count} PDFs with text "
            f"= {ours / bare:.2f}x"
        )


if __name__ == "__main__":
    main()
