"""Accuracy on every gold set, to run before and after a speed change.

Parses the raw file of each gold annotation with `vanban_nlp.parse`, writes `<id>.json` into a
scratch folder and runs the shared scorer (`../shared/eval/score.py`) on it; our own set
(`corpora/gold`) goes through `vanban eval`. Prints each set's macro F1 and, with `--show`, the
scorer's full table. `--snapshot DIR` also writes every prediction there, so two runs can be
compared document by document (`diff -r before/ after/`).

    python benchmarks/accuracy.py [--show] [--snapshot DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from vanban_nlp import parse
from vanban_nlp.errors import DocumentError

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"
# (name, gold folder, folder its `raw` paths are relative to)
SHARED_SETS = (
    ("dev", CORPUS / "dev" / "gold", CORPUS / "dev"),
    ("real", CORPUS / "real" / "gold", CORPUS),
    ("gold-real", ROOT / "corpora" / "gold-real", CORPUS),
)


def predict(gold_dir: Path, raw_root: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc_id = gold.get("id", gold_path.stem)
        try:
            document = parse(raw_root / gold["raw"])
        except DocumentError as error:
            print(f"  {doc_id}: {error}", file=sys.stderr)
            continue
        (out / f"{doc_id}.json").write_text(
            json.dumps(document.to_dict(), ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        count += 1
    return count


def macro_f1(output: str) -> str:
    return next((line for line in reversed(output.splitlines()) if "macro F1" in line), "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print the scorer's full tables")
    parser.add_argument("--snapshot", type=Path, help="keep the predictions in this folder")
    args = parser.parse_args()
    if not SCORER.exists():
        sys.exit(f"no shared scorer at {SCORER}")
    with tempfile.TemporaryDirectory() as scratch:
        base = args.snapshot or Path(scratch)
        for name, gold_dir, raw_root in SHARED_SETS:
            if not gold_dir.exists():
                print(f"{name}: no gold folder {gold_dir}")
                continue
            pred_dir = base / name
            count = predict(gold_dir, raw_root, pred_dir)
            result = subprocess.run(
                [sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(pred_dir)],
                capture_output=True,
                text=True,
                check=True,
            )
            if args.show:
                print(result.stdout)
            print(f"{name} ({count} documents): {macro_f1(result.stdout)}")
    vanban = Path(sys.executable).with_name("vanban")
    result = subprocess.run(
        [str(vanban), "eval", str(ROOT / "corpora" / "gold")], capture_output=True, text=True, check=False
    )
    if args.show:
        print(result.stdout)
    print(f"corpora/gold (vanban eval): {macro_f1(result.stdout)}")


if __name__ == "__main__":
    main()
