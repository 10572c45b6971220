"""The documents of a study: read from a batch store (only those that can belong to the study) or
parsed from files, then linked — each citation resolved to a document of the corpus — into the
tree of texts implementing the central directive, directly or through an intermediate text.

Numbers alone do not identify a document: every provincial People's Committee numbers its letters
`NNNN/UBND-XX`, so two provinces can each have a `1876/UBND-NN`. A citation is linked to a document
with its number only when the citation's date and province (named in the citation, or else the
citing text's own) do not contradict the document's."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from ...extract.citations import number_key
from ...i18n import _
from ..graph import implementing_tree
from .places import Origin, find_province, origin_of

ROOT_PREFIX = "central:"
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
ErrorHandler = Callable[[str, str], None]


class StudyError(Exception):
    """A source the study cannot use (missing store, not a vanban store); the message is for users."""


@dataclass
class Linked:
    """The implementing texts of one central directive and how they are linked."""

    central_number: str
    central: dict[str, Any] | None  # the central text itself, when the corpus holds it
    texts: dict[str, dict[str, Any]]  # doc id -> document JSON, every text implementing the central one
    parent: dict[str, str]  # doc id -> the doc id it implements through, or ROOT
    depth: dict[str, int]
    cites_central: set[str]
    origins: dict[str, Origin]
    tree: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def doc_id(doc: dict[str, Any]) -> str:
    return str(doc["source"]["path"])


def is_store(path: Path) -> bool:
    return path.suffix.lower() in STORE_SUFFIXES


# --- reading -------------------------------------------------------------------------------------


def read_store(path: str | Path, central_number: str) -> list[dict[str, Any]]:
    """The documents of a batch store that cite the central number, or cite a document that does,
    and so on (by number only: linking decides later which of them really belong)."""
    path = Path(path)
    if not path.is_file():
        raise StudyError(_("{path}: no such store").format(path=path))
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # read only: a study changes nothing
    except sqlite3.Error as exc:
        raise StudyError(
            _("{path}: the store cannot be opened ({problem})").format(path=path, problem=exc)
        ) from None
    try:
        numbers = connection.execute("SELECT id, number FROM documents").fetchall()
        cited = connection.execute("SELECT doc_id, number FROM doc_references").fetchall()
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise StudyError(
            _("{path}: not a document store written by vanban batch ({problem})").format(
                path=path, problem=exc
            )
        ) from None
    try:
        citing: dict[str, set[int]] = {}
        for row_id, number in cited:
            citing.setdefault(number_key(number), set()).add(row_id)
        own_key = {row_id: number_key(number) for row_id, number in numbers if number}
        wanted: set[int] = set()
        frontier = {number_key(central_number)}
        seen_keys = set(frontier)
        while frontier:
            found = set().union(*(citing.get(key, set()) for key in frontier)) - wanted
            wanted |= found
            frontier = {own_key[i] for i in found if i in own_key} - seen_keys
            seen_keys |= frontier
        central_rows = [row_id for row_id, key in own_key.items() if key == number_key(central_number)]
        ids = sorted(wanted | set(central_rows))
        documents = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for (text,) in connection.execute(f"SELECT json FROM documents WHERE id IN ({marks})", chunk):
                documents.append(json.loads(text))
        return documents
    finally:
        connection.close()


def read_files(paths: Iterable[str | Path], on_error: ErrorHandler) -> list[dict[str, Any]]:
    """Parse documents, folders, glob patterns or ZIP archives (obligations included), the way a
    batch worker does: a file that cannot be read is reported and the others go on."""
    from ...batch.inputs import expand_inputs
    from ...batch.worker import process_one

    sources, problems = expand_inputs([str(p) for p in paths])
    for item, problem in problems:
        on_error(item, problem)
    documents = []
    for source in sources:
        result = process_one(source, {"obligations": True})
        if result["ok"]:
            documents.append(result["document"])
        else:
            on_error(result["name"], result["message"])
    return documents


# --- linking -------------------------------------------------------------------------------------


def _same_day(a: str | None, b: str | None) -> bool:
    """Dates that do not contradict each other ("2023-06" agrees with "2023-06-07")."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


class _Linker:
    def __init__(self, documents: list[dict[str, Any]], central_number: str):
        self.central_key = number_key(central_number)
        self.docs: dict[str, dict[str, Any]] = {}
        for doc in documents:
            key = doc_id(doc)
            if key in self.docs and self.docs[key]["source"]["sha256"] != doc["source"]["sha256"]:
                key = f"{key}#{doc['source']['sha256'][:8]}"
            self.docs[key] = doc
        self.origins = {key: origin_of(doc) for key, doc in self.docs.items()}
        self.by_number: dict[str, list[str]] = {}
        for key, doc in self.docs.items():
            number = doc["header"].get("number") or ""
            if number[:1].isdigit():
                self.by_number.setdefault(number_key(number), []).append(key)
        self.notes: list[str] = []

    def central(self) -> str | None:
        candidates = self.by_number.get(self.central_key, [])
        if len(candidates) > 1:
            central_level = [c for c in candidates if self.origins[c].level == "central"]
            candidates = sorted(central_level or candidates, key=lambda c: (self._date(c) or "9", c))
            number = self.docs[candidates[0]]["header"]["number"]
            self.notes.append(
                f"{len(self.by_number[self.central_key])} văn bản cùng số {number}; "
                f"dùng {candidates[0]} làm văn bản gốc."
            )
        return candidates[0] if candidates else None

    def _date(self, key: str) -> str | None:
        return self.docs[key]["header"].get("date")

    def resolve(self, citing: str, ref: dict[str, Any], central_date: str | None) -> str | None:
        """The document of the corpus a citation names, or None. Numbers of công điện and công văn
        start again every year: a citation dated otherwise names another text with the number."""
        key = number_key(ref["number"])
        if key == self.central_key:
            return ROOT_PREFIX if _same_day(ref.get("date"), central_date) else None
        candidates = [c for c in self.by_number.get(key, []) if c != citing]
        ref_province = find_province(ref.get("issuer"))
        own_province = self.origins[citing].province
        fitting = []
        for candidate in candidates:
            if not _same_day(ref.get("date"), self._date(candidate)):
                continue
            province = self.origins[candidate].province
            expected = ref_province.name if ref_province else own_province
            if self.origins[candidate].level != "central" and province and expected and province != expected:
                continue
            fitting.append(candidate)
        if len(fitting) > 1:
            same = [c for c in fitting if self.origins[c].province == own_province]
            if len(same) != 1:
                self.notes.append(
                    f"{citing}: trích dẫn {ref['number']} khớp {len(fitting)} văn bản; không nối được."
                )
                return None
            fitting = same
        return fitting[0] if fitting else None

    def link(self) -> Linked:
        central = self.central()
        root = ROOT_PREFIX + self.central_key
        graph = nx.DiGraph()
        graph.add_node(root, **self._root_attrs(central))
        central_date = graph.nodes[root]["date"] or None
        cites_central: set[str] = set()
        for key, doc in self.docs.items():
            if key == central:
                continue
            for ref in doc["references"]:
                target = self.resolve(key, ref, central_date)
                if target is None or target == key:
                    continue
                if target == ROOT_PREFIX:
                    cites_central.add(key)
                    target = root
                graph.add_edge(key, target)
        members = nx.ancestors(graph, root) if root in graph else set()
        for key in members:
            graph.nodes[key].update(self._attrs(key))
        # implementing_tree keys its root by number; our nodes are documents, so the root is renamed
        linked_graph = nx.relabel_nodes(graph.subgraph(members | {root}), {root: self.central_key})
        tree = implementing_tree(linked_graph, self.central_key) or {}
        parent: dict[str, str] = {}
        depth: dict[str, int] = {}

        def walk(node: dict[str, Any], parent_key: str, level: int) -> None:
            for child in node.get("implemented_by", []):
                parent[child["path"]] = parent_key
                depth[child["path"]] = level
                walk(child, child["path"], level + 1)

        walk(tree, ROOT_PREFIX, 1)
        origins = self._inherit(parent, central)
        return Linked(
            central_number=self._central_number(central),
            central=self.docs[central] if central else None,
            texts={key: self.docs[key] for key in parent},
            parent=parent,
            depth=depth,
            cites_central=cites_central & set(parent),
            origins=origins,
            tree=tree,
            notes=self.notes,
        )

    def _central_number(self, central: str | None) -> str:
        if central:
            return str(self.docs[central]["header"]["number"])
        for doc in self.docs.values():
            for ref in doc["references"]:
                if number_key(ref["number"]) == self.central_key:
                    return str(ref["number"])
        return self.central_key

    def _attrs(self, key: str) -> dict[str, Any]:
        header = self.docs[key]["header"]
        return {
            "number": header.get("number") or "",
            "doc_type": header.get("doc_type") or "",
            "issuer": header.get("issuer") or "",
            "date": header.get("date") or "",
            "path": key,
        }

    def _root_attrs(self, central: str | None) -> dict[str, Any]:
        if central:
            return self._attrs(central)
        cited = [
            r
            for d in self.docs.values()
            for r in d["references"]
            if number_key(r["number"]) == self.central_key
        ]

        def most_common(field_name: str) -> str:
            values = [r.get(field_name) for r in cited if r.get(field_name)]
            return max(sorted(set(values)), key=values.count) if values else ""

        return {
            "number": most_common("number") or self.central_key,
            "doc_type": most_common("doc_type"),
            "issuer": most_common("issuer"),
            "date": most_common("date"),
            "path": "",
        }

    def _inherit(self, parent: dict[str, str], central: str | None) -> dict[str, Origin]:
        """A district's heading does not name its province: take the province of the text it
        implements (the central one too, when it is a provincial directive), or of a provincial
        body its citations name."""
        origins = dict(self.origins)
        if central is not None:
            parent = {k: central if v == ROOT_PREFIX else v for k, v in parent.items()}

        def province_of(key: str, seen: set[str]) -> Origin:
            own = origins[key]
            if own.province or own.level == "central":
                return own
            for ref in self.docs[key]["references"]:
                named = find_province(ref.get("issuer"))
                if named:
                    return Origin(named.name, named.current, own.level, "citation")
            up = parent.get(key)
            if up and up in origins and up not in seen:
                found = province_of(up, seen | {key})
                if found.province:
                    return Origin(found.province, found.province_current, own.level, "parent")
            return own

        for key in parent:
            origins[key] = province_of(key, set())
        return origins


def link(documents: list[dict[str, Any]], central_number: str) -> Linked:
    return _Linker(documents, central_number).link()
