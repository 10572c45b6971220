"""`vanban eval` on our own gold corpus: a regression in any extractor fails CI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vanban_nlp.cli import app
from vanban_nlp.evaluate import Scores, evaluate, score_document
from vanban_nlp.pipeline import parse

from .conftest import CORPORA

# Floors below the current figures (all 1.000 on corpora/gold when this was written), so a real
# regression fails while a harmless one-off change in a single document does not.
THRESHOLDS = {
    "references": 0.97,
    "dates": 0.97,
    "items": 0.95,
    "addressees": 0.92,
    "recipients": 0.92,
    "obligations": 0.92,
    "obligations.actors": 0.92,
}
ACCURACY = {"obligations.modality": 0.95, "obligations.deadline": 0.95, "obligations.recurrence": 0.95}
HEADER_ACCURACY = 0.9


def test_our_gold_corpus_meets_the_thresholds() -> None:
    gold_files = list((CORPORA / "gold").glob("*.json"))
    assert len(gold_files) >= 20
    report, misses = evaluate(CORPORA / "gold", lambda path: parse(path).to_dict())
    for key, floor in THRESHOLDS.items():
        assert report[key]["f1"] >= floor, (key, report[key], [m for m in misses if key[:-1] in m])
    for key, value in report.items():
        if key.startswith("header."):
            assert value["acc"] >= HEADER_ACCURACY, (key, value, misses)
    assert report["references.date"]["acc"] >= 0.95 and report["references.issuer"]["acc"] >= 0.9
    for key, floor in ACCURACY.items():
        assert report[key]["acc"] >= floor, (key, report[key], misses)


def test_the_scorer_counts_misses() -> None:
    gold = {
        "id": "x",
        "references": [{"number": "280/CĐ-TTg"}],
        "dates": ["2024-01-02"],
        "items": [{"label": "1.", "text": "Rà soát"}],
    }
    scores = Scores()
    score_document(
        "x",
        gold,
        {"references": [{"number": "280/CD-TTg"}, {"number": "9/UBND-VP"}], "dates": [], "items": []},
        scores,
    )
    report = scores.report()
    assert report["references"]["tp"] == 1 and report["references"]["pred"] == 2
    assert report["dates"]["r"] == 0.0 and report["items"]["r"] == 0.0


def test_eval_command(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["eval", str(CORPORA / "gold"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "references" in result.stdout and "macro F1" in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["report"]["items"]["gold"] > 50
