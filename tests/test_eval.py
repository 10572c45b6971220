"""`vanban eval` on our own gold corpus and on the real gold sets: a regression in any extractor
fails CI. Also the scorer itself: several folders, the document table and the miss classes."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban_nlp.cli import app
from vanban_nlp.evaluate import (
    HEADLINE,
    Evaluation,
    Scores,
    evaluate,
    evaluate_folders,
    folder_labels,
    macro_f1,
    score_document,
)
from vanban_nlp.pipeline import parse

from .conftest import CORPORA, SAMPLE_LETTER, SHARED

# Floors below the current figures on corpora/gold (references, dates, items, addressees 1.000,
# recipients 0.983, obligations 0.982, actors 0.993 when last raised), so a real regression fails
# while a harmless one-off change in a single document does not.
THRESHOLDS = {
    "references": 0.98,
    "dates": 0.98,
    "items": 0.98,
    "addressees": 0.98,
    "recipients": 0.96,
    "obligations": 0.96,
    "obligations.actors": 0.97,
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


# Several folders at once ------------------------------------------------------------------------


def gold_folder(root: Path, name: str, doc_ids: list[str]) -> Path:
    """`root/name/gold/<id>.json` and `root/name/raw/…`: copies of our own gold documents."""
    for doc_id in doc_ids:
        gold = json.loads((CORPORA / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
        raw = root / name / gold["raw"]
        raw.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPORA / gold["raw"], raw)
        (root / name / "gold").mkdir(exist_ok=True)
        (root / name / "gold" / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return root / name / "gold"


def as_prediction(gold: dict) -> dict:
    """What a parser that reads everything right would return for this gold annotation."""
    obligation_keys = ("actors", "collaborators", "modality", "deadline", "recurrence")
    return {
        "references": copy.deepcopy(gold.get("references", [])),
        "dates": [{"value": value} for value in gold.get("dates", [])],
        "items": copy.deepcopy(gold.get("items", [])),
        "addressees": list(gold.get("addressees", [])),
        "recipients": copy.deepcopy(gold.get("recipients", [])),
        "archive": list(gold.get("archive", [])),
        "header": copy.deepcopy(gold.get("header", {})),
        "obligations": [
            {"text": o["anchor"], **{key: o[key] for key in obligation_keys if key in o}}
            for o in gold.get("obligations", [])
        ],
    }


def damaged_predictions(doc_id: str, prediction: dict) -> dict:
    """Known mistakes: every item of one letter lost, a wrong number and a lost date in another,
    two obligations too many in a third; the other documents read right."""
    if doc_id == "cv-so-tttt-chuyen-doi-so":
        prediction["items"] = []
    elif doc_id == "cv-huyen-uy-dang":
        prediction["header"]["number"] = "999/HU-VP"
        prediction["dates"] = prediction["dates"][1:]
    elif doc_id == "tb-ubnd-y-kien-ket-luan":
        prediction["obligations"] += [
            {"text": "Giao Văn phòng theo dõi chung."},
            {"text": "Báo cáo kết quả."},
        ]
    return prediction


def test_several_folders_are_scored_apart_and_together(tmp_path: Path) -> None:
    first = gold_folder(tmp_path, "mot", ["cv-so-tttt-chuyen-doi-so", "cd-ttg-nang-nong", "cv-huyen-uy-dang"])
    second = gold_folder(tmp_path, "hai", ["tb-ubnd-y-kien-ket-luan", "cv-vpcp-y-kien-tt"])

    def predict(raw_path: Path) -> dict:
        gold = json.loads((CORPORA / "gold" / f"{raw_path.stem}.json").read_text(encoding="utf-8"))
        return damaged_predictions(raw_path.stem, as_prediction(gold))

    problems: list[str] = []
    evaluation = evaluate_folders([first, second], predict, problems)
    assert problems == []
    assert [folder.label for folder in evaluation.folders] == ["mot/gold", "hai/gold"]
    folders = {folder.label: folder.scores.report() for folder in evaluation.folders}
    overall = evaluation.report()
    # micro over all documents: the counts of the folders add up
    assert (folders["mot/gold"]["items"]["tp"], folders["mot/gold"]["items"]["gold"]) == (6, 12)
    assert (folders["hai/gold"]["items"]["tp"], folders["hai/gold"]["items"]["gold"]) == (7, 7)
    counts = ("tp", "pred", "gold")
    assert [overall["items"][key] for key in counts] == [13, 13, 19]
    assert [overall["obligations"][key] for key in counts] == [17, 19, 17]  # one of them optional
    assert overall["header.number"] == {"acc": 0.8, "n": 5} and overall["_documents"] == {"n": 5}
    headline = [overall[key]["f1"] for key in HEADLINE if key in overall]
    assert overall["_macro_f1"]["f1"] == round(sum(headline) / len(headline), 4) < 1
    # worst first: no item found (items F1 0), two obligations too many, one date lost; then the rest
    ranked = [(document.id, document.folder, document.macro_f1) for document in evaluation.worst_first()]
    assert ranked == [
        ("cv-so-tttt-chuyen-doi-so", "mot/gold", round(6 / 7, 4)),
        ("tb-ubnd-y-kien-ket-luan", "hai/gold", round((5 + 0.8) / 6, 4)),
        ("cv-huyen-uy-dang", "mot/gold", round((6 + 6 / 7) / 7, 4)),
        ("cv-vpcp-y-kien-tt", "hai/gold", 1.0),
        ("cd-ttg-nang-nong", "mot/gold", 1.0),
    ]
    third = evaluation.worst_first()[2].scores
    heading_fields = sum(value["n"] for key, value in third.report().items() if key.startswith("header."))
    below_one = {field: value for field, value in third.summary().items() if value < 1}
    assert below_one == {"dates": round(6 / 7, 4), "header": round(1 - 1 / heading_fields, 4)}
    # misses by failure class, the largest class first, each miss with its document
    classes = [
        (kind, [(document.id, miss.text) for document, miss in misses])
        for kind, misses in evaluation.miss_classes()
    ]
    assert [(kind, len(misses)) for kind, misses in classes] == [
        ("item.missed", 6),
        ("obligation.spurious", 2),
        ("date.missed", 1),
        ("header.number", 1),
    ]
    assert {doc_id for doc_id, _text in classes[0][1]} == {"cv-so-tttt-chuyen-doi-so"}
    assert classes[3][1] == [("cv-huyen-uy-dang", "header.number '999/HU-VP' != '95-CV/HU'")]
    report = evaluation.to_json()
    assert [c["count"] for c in report["classes"]] == [6, 2, 1, 1] and report["classes"][3][
        "title"
    ] == "Số, ký hiệu sai"
    assert report["documents"][0]["fields"]["items"] == 0.0 and report["overall"]["documents"] == 5
    assert [f["documents"] for f in report["folders"]] == [3, 2]


def test_eval_command_over_two_folders(tmp_path: Path) -> None:
    first = gold_folder(tmp_path, "mot", ["cv-so-tttt-chuyen-doi-so", "cd-ttg-nang-nong"])
    second = gold_folder(tmp_path, "hai", ["tb-ubnd-y-kien-ket-luan", "cv-vpcp-y-kien-tt"])
    damaged = first / "cv-so-tttt-chuyen-doi-so.json"
    gold = json.loads(damaged.read_text(encoding="utf-8"))
    gold["items"], gold["header"]["number"] = (
        [],
        "999/STTTT-VP",
    )  # the parser will read 6 items and 1247/STTTT-VP
    damaged.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["eval", str(first), str(second), "--show-misses", "--worst", "2", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [folder["label"] for folder in report["folders"]] == ["mot/gold", "hai/gold"]
    assert report["overall"]["documents"] == report["report"]["_documents"]["n"] == 4
    assert report["report"]["items"]["tp"] == sum(f["report"]["items"]["tp"] for f in report["folders"])
    assert (
        report["documents"][0]["id"] == "cv-so-tttt-chuyen-doi-so"
        and report["documents"][0]["fields"]["items"] == 0
    )
    assert [c["count"] for c in report["classes"]] == sorted(
        (c["count"] for c in report["classes"]), reverse=True
    )
    spurious = next(c for c in report["classes"] if c["class"] == "item.spurious")
    assert spurious["count"] >= 6
    out_text = result.stdout
    assert "Cả 2 thư mục gộp lại" in out_text and "Theo thư mục" in out_text and "trên 4 văn bản" in out_text
    assert out_text.index("cv-so-tttt-chuyen-doi-so") < out_text.index("Còn 2 văn bản không hiện")
    assert out_text.index(f"Mục thừa ({spurious['count']})") < out_text.index("Số, ký hiệu sai (1)")
    assert "  cv-so-tttt-chuyen-doi-so: header.number '1247/STTTT-VP' != '999/STTTT-VP'" in out_text


def test_a_folder_with_nothing_to_score_is_reported_and_the_others_scored(tmp_path: Path) -> None:
    scored = gold_folder(tmp_path, "mot", ["cd-ttg-nang-nong"])
    (tmp_path / "rong").mkdir()
    result = CliRunner().invoke(app, ["eval", str(scored), str(tmp_path / "rong")])
    assert result.exit_code == 2 and "không có tệp chuẩn nào trong" in result.stderr
    assert "trên 1 văn bản" in result.stdout
    nothing = CliRunner().invoke(app, ["eval", str(tmp_path / "rong")])
    assert nothing.exit_code == 2 and "không có tệp chuẩn nào trong" in nothing.stderr and not nothing.stdout


def test_raw_files_are_found_in_a_shared_corpus_beside_the_repository(tmp_path: Path) -> None:
    (tmp_path / "shared" / "corpus" / "archive").mkdir(parents=True)
    shutil.copyfile(SAMPLE_LETTER, tmp_path / "shared" / "corpus" / "archive" / "thu.txt")
    folder = tmp_path / "repo" / "corpora" / "gold-real"
    folder.mkdir(parents=True)
    (folder / "thu.json").write_text(
        json.dumps({"id": "thu", "raw": "archive/thu.txt", "dates": []}), "utf-8"
    )
    seen: list[Path] = []
    evaluate_folders([folder], lambda path: seen.append(path) or {})
    assert seen == [tmp_path / "shared" / "corpus" / "archive" / "thu.txt"]


def test_folder_labels_tell_folders_of_the_same_name_apart() -> None:
    assert folder_labels([Path("/a/dev/gold"), Path("/a/real/gold"), Path("/r/corpora/gold-real")]) == [
        "dev/gold",
        "real/gold",
        "corpora/gold-real",
    ]
    assert folder_labels([Path("/r/corpora/gold")]) == ["gold"]


# Floors on the real documents -------------------------------------------------------------------

REAL_GOLD = SHARED / "corpus" / "real" / "gold"
# Measured on the 55 real documents (shared real/gold 19 + corpora/gold-real 36, eighteen of them
# annotated before the parser was run on them), last raised at: items 0.947, obligations 0.910,
# actors 0.931, collaborators 0.910, addressees 1.000, recipients 0.994, archive 0.989, references
# 0.984, dates 0.987, header 0.988, macro F1 0.965. Each floor is the figure rounded down to 0.01
# (less 0.01 where it sits on the boundary): raise them as the rules improve, never lower them.
REAL_FLOORS = {
    "items": 0.94,
    "obligations": 0.90,
    "actors": 0.92,
    "collaborators": 0.90,
    "addressees": 0.99,
    "recipients": 0.99,
    "archive": 0.98,
    "references": 0.98,
    "dates": 0.98,
    "header": 0.98,
}
REAL_MACRO_FLOOR = 0.95


@pytest.fixture(scope="module")
def real_sets() -> tuple[Evaluation, dict[str, dict]]:
    """Both real gold sets parsed once, with the predictions by document id."""
    if not REAL_GOLD.is_dir() or not (SHARED / "corpus" / "archive").is_dir():
        pytest.skip("../shared/corpus (real gold and archive) is not beside the repository")
    predictions: dict[str, dict] = {}

    def predict(raw_path: Path) -> dict:
        predictions[raw_path.stem] = parse(raw_path).to_dict()
        return predictions[raw_path.stem]

    problems: list[str] = []
    evaluation = evaluate_folders([REAL_GOLD, CORPORA / "gold-real"], predict, problems)
    assert problems == []
    return evaluation, predictions


def test_real_documents_keep_their_floors(real_sets: tuple[Evaluation, dict[str, dict]]) -> None:
    evaluation, _predictions = real_sets
    assert [len(folder.documents) for folder in evaluation.folders] == [19, 36]
    measured = evaluation.scores.summary()
    below = {
        field: (measured[field], floor) for field, floor in REAL_FLOORS.items() if measured[field] < floor
    }
    assert not below, below
    assert evaluation.report()["_macro_f1"]["f1"] >= REAL_MACRO_FLOOR


def test_the_figures_are_those_of_the_shared_scorer(
    real_sets: tuple[Evaluation, dict[str, dict]], tmp_path: Path
) -> None:
    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    evaluation, predictions = real_sets
    for name, prediction in predictions.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(prediction, ensure_ascii=False), encoding="utf-8")
    for folder in evaluation.folders:
        out = tmp_path / f"{folder.label.replace('/', '-')}.report.json"
        command = [
            sys.executable,
            str(scorer),
            "--gold",
            str(folder.path),
            "--pred",
            str(tmp_path),
            "--json",
            str(out),
        ]
        subprocess.run(command, check=True, capture_output=True)
        shared = json.loads(out.read_text(encoding="utf-8"))
        ours = folder.scores.report()
        for key, value in ours.items():
            figure = "f1" if "f1" in value else "acc"
            assert shared[key][figure] == value[figure], (folder.label, key, shared[key], value)
        assert shared["_macro_f1"] == macro_f1(ours)
