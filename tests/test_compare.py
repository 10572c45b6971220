"""Comparison of implementing letters with a central directive, and the citation graph."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from vanban_nlp import parse
from vanban_nlp.cli import app
from vanban_nlp.compare.align import compare
from vanban_nlp.compare.graph import build_graph, implementing_tree, most_cited

from .conftest import CORPORA

COMPARE = CORPORA / "compare"
CENTRAL = COMPARE / "ct-15-ubnd-ky-luat.txt"
LETTERS = {
    "cv-so-noi-vu-thuc-hien-ct15.txt": ({1, 2, 3}, [4]),
    "cv-ubnd-huyen-thuc-hien-ct15.txt": ({1, 4, 5, 6}, [4]),
    "cv-so-y-te-thuc-hien-ct15.txt": ({2, 6}, [2, 3]),
}
runner = CliRunner()


def test_each_letter_covers_exactly_the_items_it_implements() -> None:
    comparison = compare(parse(CENTRAL), [(name, parse(COMPARE / name)) for name in LETTERS])
    assert len(comparison.central) == 6
    for coverage in comparison.documents:
        covered, additions = LETTERS[coverage.doc]
        assert {m.central + 1 for m in coverage.matches} == covered, coverage.doc
        assert [i + 1 for i in coverage.additions] == additions, coverage.doc
        assert {j + 1 for j in coverage.omissions} == set(range(1, 7)) - covered
        assert abs(coverage.coverage - len(covered) / 6) < 1e-9
        assert all(m.score >= 62 for m in coverage.matches)


def test_report_formats() -> None:
    args = ["compare", str(CENTRAL), *(str(COMPARE / n) for n in LETTERS)]
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    item_6 = data["central_items"][5]
    assert {c["doc"].split("/")[-1] for c in item_6["covered_by"]} == {
        "cv-ubnd-huyen-thuc-hien-ct15.txt",
        "cv-so-y-te-thuc-hien-ct15.txt",
    }
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--format", "csv"]).stdout.lstrip("\ufeff")))
    )
    statuses = [(r["doc"].split("/")[-1], r["central_index"], r["status"]) for r in rows]
    assert ("cv-so-y-te-thuc-hien-ct15.txt", "0", "omitted") in statuses
    assert sum(1 for _, _, s in statuses if s == "addition") == 4
    page = runner.invoke(app, [*args, "--format", "html"]).stdout
    assert "Không triển khai" in page and "Nội dung bổ sung" in page and "50%" in page


def test_citation_graph_and_implementation_tree(tmp_path: Path) -> None:
    documents = [parse(p, obligations=False).to_dict() for p in sorted(COMPARE.glob("*.txt"))]
    graph = build_graph(documents)
    assert most_cited(graph, 1) == [("15/CT-UBND", 3)]
    tree = implementing_tree(graph, "15/CT-UBND")
    assert tree["issuer"] == "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH" and tree["date"] == "2024-04-02"
    assert [c["number"] for c in tree["implemented_by"]] == ["640/SNV-VP", "455/UBND-NV", "1102/SYT-VP"]
    for suffix in ("json", "graphml", "dot"):
        out = tmp_path / f"g.{suffix}"
        result = runner.invoke(app, ["graph", str(COMPARE), "--out", str(out), "--focus", "15/CT-UBND"])
        assert result.exit_code == 0, result.output
        assert "455/UBND-NV" in result.stdout
    # the folder holds sub-corpora too (cd-31-chay-rung): the command read them all
    whole = build_graph(parse(p, obligations=False).to_dict() for p in sorted(COMPARE.rglob("*.txt")))
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == whole.number_of_edges()
    assert "->" in (tmp_path / "g.dot").read_text(encoding="utf-8")


def test_graph_from_a_batch_store(tmp_path: Path) -> None:
    from vanban_nlp.batch.run import run_batch

    run_batch([str(COMPARE)], tmp_path / "kho.sqlite", workers=1, options={"obligations": False})
    result = runner.invoke(
        app,
        ["graph", str(tmp_path / "kho.sqlite"), "--out", str(tmp_path / "g.json"), "--focus", "15/CT-UBND"],
    )
    assert result.exit_code == 0 and "1102/SYT-VP" in result.stdout
