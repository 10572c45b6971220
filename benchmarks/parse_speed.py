"""Parse throughput, extraction only and full parse, in one run: text documents of
../shared/corpus/archive (or our corpora when absent), in memory, one process, one core.

Each round parses every document twice, once without and once with the obligation stage, one
pass right after the other, so both passes see the same load on a shared machine; the tagger's
cache is emptied before each full pass (a round never reuses the previous round's answers).
Prints, per round and as the median of the rounds: docs/s and MB/s of both passes and the ratio
full / extraction, measured on wall-clock time and on the process's CPU time (the CPU ratio is
what another user's load on the machine disturbs least); the CPU time of each stage (normalize,
layout, extraction, obligations) per document; then reading from files and the peak RSS.

    python benchmarks/parse_speed.py [--rounds 5] [--limit N]
"""

from __future__ import annotations

import argparse
import inspect
import resource
import statistics
import time
from pathlib import Path

from vanban_nlp import parse, parse_text

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpus" / "archive"
STAGES = ("normalize", "layout", "extraction", "obligations")
# versions before the stage-timing hook: throughput only
STAGE_TIMES = "timings" in inspect.signature(parse_text).parameters


def text_files() -> list[Path]:
    if ARCHIVE.exists():
        files = sorted(ARCHIVE.glob("*/*.txt")) + sorted(ARCHIVE.glob("*/txt/*.txt"))
        if files:
            return files
    return sorted((ROOT / "corpora" / "raw").glob("*.txt"))


def clear_caches() -> None:
    """Forget the tagger's answers, so a pass over the documents pays for all of them."""
    try:
        from vanban_nlp.obligations.tagger import tag
    except ImportError:  # a version without the tagger cache
        return
    tag.cache_clear()


def run_pass(texts: list[str], obligations: bool, timings: dict[str, float]) -> tuple[float, float]:
    """Parse every text once; (wall seconds, CPU seconds)."""
    if obligations:
        clear_caches()
    wall, cpu = time.perf_counter(), time.process_time()
    options = {"timings": timings} if STAGE_TIMES else {}
    for text in texts:
        parse_text(text, obligations=obligations, **options)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", "--repeat", type=int, default=5, help="passes of each kind (default 5)")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    args = parser.parse_args()
    files = text_files()[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    size = sum(len(t.encode("utf-8")) for t in texts)
    n = len(texts)
    parse_text(texts[0])  # warm-up: imports, compiled patterns, the tagger's models
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {n} text files, {size / n / 1024:.1f} KB average; {args.rounds} rounds")
    stage_cpu = {False: dict.fromkeys(STAGES, 0.0), True: dict.fromkeys(STAGES, 0.0)}
    rows = []
    for r in range(1, args.rounds + 1):
        ext_wall, ext_cpu = run_pass(texts, False, stage_cpu[False])
        full_wall, full_cpu = run_pass(texts, True, stage_cpu[True])
        rows.append((ext_wall, ext_cpu, full_wall, full_cpu))
        print(
            f"  round {r}: extraction {n / ext_wall:5.1f} docs/s, full {n / full_wall:5.1f} docs/s, "
            f"ratio {ext_wall / full_wall:.2f} (wall) / {ext_cpu / full_cpu:.2f} (CPU)"
        )
    ext_wall, ext_cpu, full_wall, full_cpu = (statistics.median(col) for col in zip(*rows, strict=True))
    wall_ratios = sorted(row[0] / row[2] for row in rows)
    cpu_ratios = sorted(row[1] / row[3] for row in rows)
    print("median of the rounds (1 core):")
    for label, wall, cpu in (
        ("extraction (heading, references, dates, items)", ext_wall, ext_cpu),
        ("full parse (with obligations)", full_wall, full_cpu),
    ):
        print(
            f"  {label}: {n / wall:.0f} docs/s, {size / wall / 1e6:.2f} MB/s = "
            f"{size / wall / 6144:.0f} six-kilobyte letters/s (wall); {size / cpu / 1e6:.2f} MB/s (CPU)"
        )
    print(
        f"  full / extraction throughput: {ext_wall / full_wall:.2f} (wall; rounds "
        f"{wall_ratios[0]:.2f}-{wall_ratios[-1]:.2f}), {ext_cpu / full_cpu:.2f} (CPU; rounds "
        f"{cpu_ratios[0]:.2f}-{cpu_ratios[-1]:.2f})"
    )
    docs = n * args.rounds
    total = sum(stage_cpu[True].values())
    if STAGE_TIMES:
        print("CPU time per document by stage (full parse; extraction-only pass in brackets):")
    for stage in STAGES if STAGE_TIMES else ():
        full, alone = stage_cpu[True][stage] / docs, stage_cpu[False][stage] / docs
        share = stage_cpu[True][stage] / total if total else 0.0
        bracket = f" [{alone * 1000:.2f} ms]" if stage != "obligations" else ""
        print(f"  {stage:<12} {full * 1000:6.2f} ms  {share:4.0%}{bracket}")
    start = time.perf_counter()
    for path in files:
        parse(path)
    elapsed = time.perf_counter() - start
    print(f"from files (read + detect encoding + full parse): {len(files) / elapsed:.0f} docs/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB ({rss_loaded:.0f} MB after the first document: code, lexicon, models)")


if __name__ == "__main__":
    main()
