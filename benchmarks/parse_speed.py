"""Parse-stage throughput: text documents of ../shared/corpus/archive (or our corpora when absent).

Prints docs/s, MB/s and peak RSS for the whole pipeline (normalize + layout + extraction) on
in-memory text, single process, and the same with file reading included.

    python benchmarks/parse_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from vanban_nlp import parse, parse_text

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpus" / "archive"


def text_files() -> list[Path]:
    if ARCHIVE.exists():
        files = sorted(ARCHIVE.glob("*/*.txt")) + sorted(ARCHIVE.glob("*/txt/*.txt"))
        if files:
            return files
    return sorted((ROOT / "corpora" / "raw").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = text_files()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    size = sum(len(t.encode("utf-8")) for t in texts)
    parse_text(texts[0])  # warm-up: imports, compiled patterns, the tagger's model
    n = len(texts) * args.repeat
    print(
        f"documents: {len(texts)} text files, {size / len(texts) / 1024:.1f} KB average, repeated {args.repeat}x"
    )
    for label, with_obligations in (
        ("extraction (heading, references, dates, items)", False),
        ("full parse (with obligations)", True),
    ):
        start = time.perf_counter()
        for _ in range(args.repeat):
            for text in texts:
                parse_text(text, obligations=with_obligations)
        elapsed = time.perf_counter() - start
        six_kb = n / elapsed * (size / len(texts)) / 6144
        print(
            f"{label}: {n / elapsed:.0f} docs/s, {size * args.repeat / elapsed / 1e6:.2f} MB/s "
            f"= {six_kb:.0f} six-kilobyte letters/s (1 core)"
        )
    start = time.perf_counter()
    for path in files:
        parse(path)
    elapsed = time.perf_counter() - start
    print(f"from files (read + detect encoding + parse): {len(files) / elapsed:.0f} docs/s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
