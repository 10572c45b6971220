"""Time to compare 1,000 implementing documents with one central directive.

Implementing documents are made from corpora/compare's letters (numbers and wording varied) so
the run needs nothing but the repository.

    python benchmarks/compare_speed.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from vanban_nlp import parse, parse_text
from vanban_nlp.compare.align import compare

COMPARE = Path(__file__).resolve().parent.parent / "corpora" / "compare"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    central = parse(COMPARE / "ct-15-ubnd-ky-luat.txt")
    letters = [p.read_text(encoding="utf-8") for p in sorted(COMPARE.glob("cv-*.txt"))]
    start = time.perf_counter()
    # every item line gets words of its own, so no two documents share a text (no cache help)
    documents = [
        (
            f"doc-{i}",
            parse_text(
                re.sub(
                    r"(?m)^(\d\. .*)\.$",
                    rf"\1 tại đơn vị số {i}.",
                    letters[i % len(letters)].replace("Số: ", f"Số: {i}", 1),
                )
            ),
        )
        for i in range(args.docs)
    ]
    parsed = time.perf_counter() - start
    start = time.perf_counter()
    result = compare(central, documents)
    aligned = time.perf_counter() - start
    mean = sum(d.coverage for d in result.documents) / len(result.documents)
    print(
        f"{args.docs} documents: parse {parsed:.1f} s, alignment {aligned:.1f} s "
        f"({args.docs / aligned:.0f} documents/s), mean coverage {mean:.2f}"
    )


if __name__ == "__main__":
    main()
