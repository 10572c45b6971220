"""The citation graph of a corpus: documents (known by their heading number, or only cited) and
citations between them; the most-cited documents; the tree of documents implementing one."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from ..extract.citations import number_key


def build_graph(documents: Iterable[dict[str, Any]]) -> nx.DiGraph:
    """Edges go from the citing document to the cited one. Input: document JSON v1 dicts."""
    graph = nx.DiGraph()
    for doc in documents:
        header = doc["header"]
        source = (
            number_key(header["number"])
            if header.get("number") and header["number"][0].isdigit()
            else f"file:{doc['source']['path']}"
        )
        attrs = {
            "number": header.get("number") or "",
            "doc_type": header.get("doc_type") or "",
            "issuer": header.get("issuer") or "",
            "date": header.get("date") or "",
            "subject": header.get("subject") or "",
            "path": doc["source"]["path"],
            "known": True,
        }
        if graph.has_node(source):
            graph.nodes[source].update(attrs)
        else:
            graph.add_node(source, **attrs)
        for ref in doc["references"]:
            target = number_key(ref["number"])
            if target == source:
                continue
            if not graph.has_node(target):
                graph.add_node(
                    target,
                    number=ref["number"],
                    doc_type=ref.get("doc_type") or "",
                    issuer=ref.get("issuer") or "",
                    date=ref.get("date") or "",
                    subject="",
                    path="",
                    known=False,
                )
            node = graph.nodes[target]
            for key in ("doc_type", "issuer", "date"):
                if not node.get(key) and ref.get(key):
                    node[key] = ref[key]
            graph.add_edge(
                source, target, cited_date=ref.get("date") or "", citing_date=header.get("date") or ""
            )
    return graph


def most_cited(graph: nx.DiGraph, top: int = 10) -> list[tuple[str, int]]:
    ranked = sorted(graph.nodes, key=lambda n: (-graph.in_degree(n), n))
    return [(graph.nodes[n]["number"] or n, graph.in_degree(n)) for n in ranked[:top] if graph.in_degree(n)]


def implementing_tree(graph: nx.DiGraph, number: str) -> dict[str, Any] | None:
    """The documents citing `number`, then those citing them, and so on (each document once)."""
    root = number_key(number)
    if root not in graph:
        return None
    seen = {root}

    def node(key: str) -> dict[str, Any]:
        data = graph.nodes[key]
        children = []
        for citing in sorted(graph.predecessors(key), key=lambda k: (graph.nodes[k]["date"], k)):
            if citing not in seen:
                seen.add(citing)
                children.append(node(citing))
        return {
            "number": data["number"],
            "doc_type": data["doc_type"],
            "issuer": data["issuer"],
            "date": data["date"],
            "path": data["path"],
            "implemented_by": children,
        }

    return node(root)


GRAPH_FORMATS = (".json", ".graphml", ".dot")


def render_graph(graph: nx.DiGraph, suffix: str) -> bytes:
    """The graph as JSON, GraphML or Graphviz DOT, chosen by a file suffix (one of GRAPH_FORMATS)."""
    suffix = suffix.lower()
    if suffix == ".graphml":
        buffer = io.BytesIO()
        nx.write_graphml(graph, buffer)
        return buffer.getvalue()
    if suffix == ".dot":
        return _to_dot(graph).encode("utf-8")
    if suffix != ".json":
        raise ValueError(f"unknown graph format {suffix!r}: use one of {', '.join(GRAPH_FORMATS)}")
    data = {
        "nodes": [{"id": n, **graph.nodes[n]} for n in graph.nodes],
        "edges": [{"source": a, "target": b, **graph.edges[a, b]} for a, b in graph.edges],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def write_graph(graph: nx.DiGraph, out: Path) -> None:
    out.write_bytes(render_graph(graph, out.suffix))


def _to_dot(graph: nx.DiGraph) -> str:
    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["digraph citations {", "  rankdir=RL;", '  node [shape=box, fontname="Times New Roman"];']
    for key in graph.nodes:
        data = graph.nodes[key]
        parts = (f"{data['doc_type']} {data['number']}".strip(), data["issuer"], data["date"])
        # each part quoted on its own, then joined by DOT's line-break escape (kept unescaped)
        label = '"' + "\\n".join(quote(p)[1:-1] for p in parts if p) + '"'
        style = "" if data["known"] else ", style=dashed"
        lines.append(f"  {quote(key)} [label={label}{style}];")
    for a, b in graph.edges:
        lines.append(f"  {quote(a)} -> {quote(b)};")
    lines.append("}")
    return "\n".join(lines) + "\n"
