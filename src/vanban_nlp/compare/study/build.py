"""A study of how one central directive was carried out: the implementing texts and their tree,
the lag from the central text, item coverage, additions common to several provinces, and the
actors and deadlines each text assigns — as pandas DataFrames."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ...model import Document, Header, Obligation, Signer, Source
from ...obligations.tasks import build_tasks
from ..align import MATCH_THRESHOLD, Comparison, compare, title_of
from .clusters import CLUSTER_THRESHOLD, cluster
from .collect import ROOT_PREFIX, ErrorHandler, Linked, is_store, link, read_files, read_store

STRING = "string"
INT = "Int64"
DATE = "datetime64[ns]"
TEXTS: dict[str, str] = {
    "doc": STRING,
    "number": STRING,
    "doc_type": STRING,
    "title": STRING,
    "kind": STRING,
    "issuer": STRING,
    "level": STRING,
    "province": STRING,
    "province_current": STRING,
    "province_source": STRING,
    "place": STRING,
    "date": DATE,
    "date_text": STRING,
    "date_precision": STRING,
    "lag_days": INT,
    "depth": INT,
    "parent": STRING,
    "parent_number": STRING,
    "cites_central": "bool",
    "obligations": INT,
    "covered_items": INT,
    "coverage": "float64",
    "additions": INT,
    "deadlines": INT,
    "first_deadline": DATE,
}
ORIGIN = {"doc": STRING, "province": STRING, "level": STRING}
COVERAGE: dict[str, str] = {
    "central_index": INT,
    "central_item": STRING,
    "central_text": STRING,
    **ORIGIN,
    "covered": "bool",
    "score": "float64",
    "doc_item": STRING,
    "doc_text": STRING,
}
ADDITIONS: dict[str, str] = {
    **ORIGIN,
    "item": STRING,
    "text": STRING,
    "cluster": INT,
    "cluster_texts": INT,
    "cluster_provinces": INT,
}
COMMON_ADDITIONS: dict[str, str] = {
    "cluster": INT,
    "text": STRING,
    "texts": INT,
    "provinces": INT,
    "province_names": STRING,
    "docs": STRING,
}
TASKS: dict[str, str] = {
    **ORIGIN,
    "task_id": STRING,
    "item": STRING,
    "text": STRING,
    "actors": STRING,
    "collaborators": STRING,
    "action": STRING,
    "modality": STRING,
    "deadline": DATE,
    "deadline_text": STRING,
    "recurrence": STRING,
    "central_index": INT,
    "central_item": STRING,
    "score": "float64",
}
ACTORS: dict[str, str] = {**ORIGIN, "task_id": STRING, "actor": STRING, "role": STRING}
SCHEMAS = {
    "texts": TEXTS,
    "coverage": COVERAGE,
    "additions": ADDITIONS,
    "common_additions": COMMON_ADDITIONS,
    "tasks": TASKS,
    "actors": ACTORS,
}
JOIN = "; "


@dataclass
class Central:
    """The central directive: what the corpus says about it, and its items when the corpus holds it."""

    number: str
    title: str
    doc_type: str | None
    issuer: str | None
    date: str | None
    found: bool
    path: str | None = None
    items: list[dict[str, Any]] = field(default_factory=list)  # index, item, text


def frame(records: list[dict[str, Any]], schema: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly these columns and dtypes (so it round-trips through parquet)."""
    data = pd.DataFrame.from_records(records, columns=list(schema))
    for column, dtype in schema.items():
        if dtype == DATE:
            data[column] = pd.to_datetime(data[column], errors="coerce").astype(DATE)
        elif dtype == "bool":
            data[column] = data[column].fillna(False).astype(bool)
        elif dtype == "float64":
            data[column] = pd.to_numeric(data[column], errors="coerce").astype("float64")
        else:
            data[column] = data[column].astype(dtype)
    return data


def _day(value: str | None) -> tuple[date | None, str | None]:
    """A heading date ("2025-03-18", "2023-06", "2024") as a day (the first of a month or year
    when only those are known) and its precision."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2])), "day"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), "month"
        return date(int(parts[0]), 1, 1), "year"
    except ValueError:
        return None, None


def as_document(doc: dict[str, Any]) -> Document:
    """The parts of a Document that alignment and tasks use, from document JSON v1."""
    header_fields = {k: v for k, v in doc["header"].items() if k not in ("signer", "spans")}
    signer = doc["header"].get("signer")
    header = Header(**header_fields, signer=Signer(**signer) if signer else None)
    obligations = [Obligation(**{**o, "span": tuple(o["span"])}) for o in doc["obligations"]]
    return Document(
        source=Source(**doc["source"]),
        text="",
        kind=doc.get("kind", "unknown"),
        header=header,
        obligations=obligations,
    )


def _without_actor(text: str, actors: set[str]) -> str:
    """An instruction without the body it opens with: groups of additions are about what is to be
    done, not by whom ("UBND các huyện chỉ đạo …" opens many unrelated instructions)."""
    folded = text.casefold()
    for actor in sorted(actors, key=len, reverse=True):
        if actor and folded.startswith(actor):
            return text[len(actor) :].lstrip(" ,:")
    return text


def _short_title(doc_type: str | None, number: str) -> str:
    return f"{doc_type} số {number}" if doc_type else f"văn bản số {number}"


def _central_info(linked: Linked) -> Central:
    root = linked.tree
    if linked.central is not None:
        document = as_document(linked.central)
        return Central(
            number=linked.central_number,
            title=_short_title(document.header.doc_type, linked.central_number),
            doc_type=document.header.doc_type,
            issuer=document.header.issuer,
            date=document.header.date,
            found=True,
            path=document.source.path,
            items=[{"index": i, "item": o.item, "text": o.text} for i, o in enumerate(document.obligations)],
        )
    doc_type = root.get("doc_type") or None
    issuer = root.get("issuer") or None
    return Central(
        number=linked.central_number,
        title=_short_title(doc_type, linked.central_number),
        doc_type=doc_type,
        issuer=issuer,
        date=root.get("date") or None,
        found=False,
    )


class _Builder:
    def __init__(self, linked: Linked, threshold: float, cluster_threshold: float):
        self.linked = linked
        self.central = _central_info(linked)
        self.documents = {key: as_document(doc) for key, doc in linked.texts.items()}
        self.comparison: Comparison | None = None
        if linked.central is not None and self.central.items:
            self.comparison = compare(
                as_document(linked.central),
                list(self.documents.items()),
                central_name=self.central.number,
                threshold=threshold,
            )
        self.cluster_threshold = cluster_threshold

    def origin(self, key: str) -> dict[str, Any]:
        origin = self.linked.origins[key]
        return {"doc": key, "province": origin.province, "level": origin.level}

    def texts(self) -> list[dict[str, Any]]:
        central_day, _ = _day(self.central.date)
        coverage = {c.doc: c for c in self.comparison.documents} if self.comparison else {}
        rows = []
        for key, document in self.documents.items():
            header = document.header
            origin = self.linked.origins[key]
            day, precision = _day(header.date)
            parent = self.linked.parent[key]
            parent_doc = self.linked.texts.get(parent)
            deadlines = sorted(o.deadline for o in document.obligations if o.deadline)
            cov = coverage.get(key)
            rows.append(
                {
                    "doc": key,
                    "number": header.number,
                    "doc_type": header.doc_type,
                    "title": title_of(document, key),
                    "kind": document.kind,
                    "issuer": header.issuer,
                    "level": origin.level,
                    "province": origin.province,
                    "province_current": origin.province_current,
                    "province_source": origin.source,
                    "place": header.place,
                    "date": day,
                    "date_text": header.date,
                    "date_precision": precision,
                    "lag_days": (day - central_day).days if day and central_day else None,
                    "depth": self.linked.depth[key],
                    "parent": self.central.number if parent == ROOT_PREFIX else parent,
                    "parent_number": (
                        self.central.number
                        if parent == ROOT_PREFIX
                        else (parent_doc["header"].get("number") if parent_doc else None)
                    ),
                    "cites_central": key in self.linked.cites_central,
                    "obligations": len(document.obligations),
                    "covered_items": len(cov.matches) if cov else None,
                    "coverage": cov.coverage if cov else None,
                    "additions": len(cov.additions) if cov else None,
                    "deadlines": len(deadlines),
                    "first_deadline": deadlines[0] if deadlines else None,
                }
            )
        return rows

    def coverage(self) -> list[dict[str, Any]]:
        if self.comparison is None:
            return []
        rows = []
        for cov in self.comparison.documents:
            by_central = {m.central: m for m in cov.matches}
            for unit in self.comparison.central:
                match = by_central.get(unit.index)
                other = self.comparison.others[cov.doc][match.other] if match else None
                rows.append(
                    {
                        "central_index": unit.index,
                        "central_item": unit.label,
                        "central_text": unit.text,
                        **self.origin(cov.doc),
                        "covered": match is not None,
                        "score": round(match.score, 1) if match else None,
                        "doc_item": other.label if other else None,
                        "doc_text": other.text if other else None,
                    }
                )
        return rows

    def additions(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Each addition with its cluster, and the clusters that span several provinces."""
        if self.comparison is None:
            return [], []
        units = [
            (cov.doc, self.comparison.others[cov.doc][i])
            for cov in self.comparison.documents
            for i in cov.additions
        ]
        labels, centres = cluster(
            [_without_actor(u.text, u.actors) for _, u in units], self.cluster_threshold
        )
        provinces: dict[int, set[str]] = {}
        docs: dict[int, list[str]] = {}
        for (key, _), label in zip(units, labels, strict=True):
            docs.setdefault(label, []).append(key)
            province = self.linked.origins[key].province
            if province:
                provinces.setdefault(label, set()).add(province)
        rows = [
            {
                **self.origin(key),
                "item": unit.label,
                "text": unit.text,
                "cluster": label,
                "cluster_texts": len(set(docs[label])),
                "cluster_provinces": len(provinces.get(label, ())),
            }
            for (key, unit), label in zip(units, labels, strict=True)
        ]
        common = [
            {
                "cluster": label,
                "text": units[centres[label]][1].text,
                "texts": len(set(docs[label])),
                "provinces": len(provinces[label]),
                "province_names": JOIN.join(sorted(provinces[label])),
                "docs": JOIN.join(dict.fromkeys(docs[label])),
            }
            for label in sorted(provinces, key=lambda lb: (-len(provinces[lb]), -len(docs[lb]), lb))
            if len(provinces[label]) >= 2
        ]
        return rows, common

    def tasks(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        matched: dict[tuple[str, int], tuple[int, float]] = {}
        if self.comparison is not None:
            for cov in self.comparison.documents:
                for m in cov.matches:
                    matched[(cov.doc, m.other)] = (m.central, m.score)
        labels = {item["index"]: item["item"] for item in self.central.items}
        tasks: list[dict[str, Any]] = []
        actors: list[dict[str, Any]] = []
        for key, document in self.documents.items():
            for index, (obligation, task) in enumerate(
                zip(document.obligations, build_tasks(document), strict=True)
            ):
                central_index, score = matched.get((key, index), (None, None))
                tasks.append(
                    {
                        **self.origin(key),
                        "task_id": task.id,
                        "item": obligation.item,
                        "text": task.content,
                        "actors": JOIN.join(obligation.actors),
                        "collaborators": JOIN.join(obligation.collaborators),
                        "action": obligation.action,
                        "modality": obligation.modality,
                        "deadline": obligation.deadline,
                        "deadline_text": obligation.deadline_text,
                        "recurrence": JOIN.join(obligation.recurrence),
                        "central_index": central_index,
                        "central_item": labels.get(central_index) if central_index is not None else None,
                        "score": round(score, 1) if score is not None else None,
                    }
                )
                for role, names in (("actor", obligation.actors), ("collaborator", obligation.collaborators)):
                    actors.extend(
                        {**self.origin(key), "task_id": task.id, "actor": name, "role": role}
                        for name in names
                    )
        return tasks, actors


def build(linked: Linked, threshold: float = MATCH_THRESHOLD, cluster_threshold: float = CLUSTER_THRESHOLD):
    from .result import Study

    builder = _Builder(linked, threshold, cluster_threshold)
    additions, common = builder.additions()
    tasks, actors = builder.tasks()
    notes = list(linked.notes)
    if not builder.central.found:
        notes.append(
            f"Kho không có văn bản gốc {builder.central.number}: không tính được mức bao phủ từng nội dung."
        )
    undated = sum(1 for d in builder.documents.values() if not d.header.date)
    if undated:
        notes.append(
            f"{undated} văn bản không rõ ngày ban hành (tin bài, văn bản thiếu ngày): không tính độ trễ."
        )
    return Study(
        central=builder.central,
        tree=linked.tree,
        texts=frame(builder.texts(), TEXTS)
        .sort_values(["date", "doc"], na_position="last")
        .reset_index(drop=True),
        coverage=frame(builder.coverage(), COVERAGE),
        additions=frame(additions, ADDITIONS),
        common_additions=frame(common, COMMON_ADDITIONS),
        tasks=frame(tasks, TASKS),
        actors=frame(actors, ACTORS),
        notes=notes,
    )


def study(
    central: str,
    *sources: str | Path | Document | dict[str, Any],
    db: str | Path | None = None,
    on_error: ErrorHandler | None = None,
    threshold: float = MATCH_THRESHOLD,
    cluster_threshold: float = CLUSTER_THRESHOLD,
):
    """Study how the directive numbered `central` (e.g. "280/CĐ-TTg") was carried out.

    Sources: a batch store (`db=` or a path ending in .sqlite), documents, folders, glob patterns
    or ZIP archives, or parsed Documents / document JSON dicts. Files that cannot be read are
    passed to `on_error(name, message)` (by default listed in the study's notes) and skipped.
    """
    problems: list[str] = []
    report: Callable[[str, str], None] = on_error or (
        lambda name, message: problems.append(f"{name}: {message}")
    )
    documents: list[dict[str, Any]] = []
    paths: list[str | Path] = []
    for source in (*sources, *([db] if db is not None else [])):
        if isinstance(source, Document):
            documents.append(source.to_dict())
        elif isinstance(source, dict):
            documents.append(source)
        elif is_store(Path(source)):
            documents.extend(read_store(source, central))
        else:
            paths.append(source)
    if paths:
        documents.extend(read_files(paths, report))
    result = build(link(documents, central), threshold, cluster_threshold)
    result.notes.extend(f"Không đọc được {p}" for p in problems)
    return result
