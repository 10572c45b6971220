"""`vanban eval`: accuracy against gold annotations (format of corpus/README.md).

Metrics follow the annotation rules and the shared scorer (`shared/eval/score.py`, whose figures
these equal): references by canonical number (with type/date/issuer accuracy), dates as a
multiset of ISO values, items matched in order on depth + label + text start, addressees and
recipients by fuzzy name, obligations by their gold anchor inside the predicted text (in order)
with actor F1, modality, deadline and recurrence; header fields. Figures are micro-averaged over
the documents of a folder, or of several folders together; each document also keeps its own
scores (the worst-first table) and every miss its failure class (`MISS_CLASSES`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .extract.citations import number_key
from .i18n import N_, _

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_NAME_ABBREVIATIONS = [
    (re.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (re.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (re.compile(r"\bttg\b"), "thủ tướng chính phủ"),
    (re.compile(r"\bttcp\b"), "thủ tướng chính phủ"),
    (re.compile(r"\bvpcp\b"), "văn phòng chính phủ"),
    (re.compile(r"\bpgđ\b"), "phó giám đốc"),
    (re.compile(r"\bđ/c\b"), "đồng chí"),
    (re.compile("uỷ"), "ủy"),
]
HEADLINE = ("references", "dates", "items", "addressees", "recipients", "obligations", "obligations.actors")
# The per-document table's columns: short name -> report key (`header` is added by Scores.summary)
SUMMARY_FIELDS = {
    "items": "items",
    "obligations": "obligations",
    "actors": "obligations.actors",
    "collaborators": "obligations.collaborators",
    "addressees": "addressees",
    "recipients": "recipients",
    "archive": "archive",
    "references": "references",
    "dates": "dates",
}
# Failure classes of the misses, in the order they are listed when their counts tie
MISS_CLASSES = {
    "item.missed": N_("Items missed"),
    "item.spurious": N_("Spurious items"),
    "obligation.missed": N_("Obligations missed"),
    "obligation.spurious": N_("Spurious obligations"),
    "actor": N_("Obligation actors wrong or missing"),
    "collaborator": N_("Collaborators wrong or missing"),
    "deadline": N_("Wrong deadlines"),
    "recurrence": N_("Wrong recurrence"),
    "modality": N_("Wrong modality (obligation, recommendation, prohibition, commitment)"),
    "addressee": N_("Kính gửi differs"),
    "recipient": N_("Nơi nhận differs"),
    "archive": N_("Lưu differs"),
    "reference.missed": N_("Cited documents missed"),
    "reference.spurious": N_("Spurious cited documents"),
    "reference.detail": N_("Wrong type, date or issuer of a cited document"),
    "date.missed": N_("Dates missed"),
    "date.spurious": N_("Spurious dates"),
    "header.number": N_("Wrong heading number"),
    "header.doc_type": N_("Wrong document type"),
    "header.date": N_("Wrong heading date"),
    "header.place": N_("Wrong place name"),
    "header.issuer": N_("Wrong issuer"),
    "header.parent_issuer": N_("Wrong parent issuer"),
    "header.subject": N_("Wrong subject"),
    "header.signer.title": N_("Wrong signer title"),
    "header.signer.name": N_("Wrong signer name"),
}


def plain(value: Any) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_DASHES).casefold()
    return re.sub(r"\s+", " ", text).strip().strip(" ;:.,-–")


def name_key(value: Any) -> str:
    text = plain(value)
    for pattern, replacement in _NAME_ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return text


def label_key(value: Any) -> str:
    return plain(value).strip("()[] .:,")


@dataclass(frozen=True)
class Miss:
    """One difference from the gold: its document, its failure class (`MISS_CLASSES`) and the line
    that says it (the shared scorer's wording)."""

    document: str
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.document}: {self.text}"


@dataclass
class Scores:
    counts: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def prf(self, key: str, tp: int, predicted: int, gold: int) -> None:
        self.counts[f"{key}.tp"] += tp
        self.counts[f"{key}.pred"] += predicted
        self.counts[f"{key}.gold"] += gold

    def accuracy(self, key: str, ok: bool) -> None:
        self.counts[f"{key}.ok"] += int(ok)
        self.counts[f"{key}.n"] += 1

    def miss(self, doc_id: str, kind: str, text: str) -> None:
        self.misses.append(Miss(doc_id, kind, text))

    def add(self, other: Scores) -> None:
        """Counts and misses of `other` added to these (micro-averaging over documents)."""
        self.counts.update(other.counts)
        self.misses.extend(other.misses)

    def report(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for key in sorted({k.rsplit(".", 1)[0] for k in self.counts}):
            if f"{key}.gold" in self.counts or f"{key}.pred" in self.counts:
                tp, pred, gold = (self.counts[f"{key}.{x}"] for x in ("tp", "pred", "gold"))
                p = tp / pred if pred else (1.0 if gold == 0 else 0.0)
                r = tp / gold if gold else (1.0 if pred == 0 else 0.0)
                f1 = 2 * p * r / (p + r) if p + r else 0.0
                out[key] = {
                    "p": round(p, 4),
                    "r": round(r, 4),
                    "f1": round(f1, 4),
                    "tp": tp,
                    "pred": pred,
                    "gold": gold,
                }
            else:
                n = self.counts[f"{key}.n"]
                out[key] = {"acc": round(self.counts[f"{key}.ok"] / n, 4) if n else 1.0, "n": n}
        return out

    def summary(self) -> dict[str, float]:
        """F1 of each field in `SUMMARY_FIELDS` that was scored, and `header`: the share of heading
        fields (number, date, issuer, signer …) read right."""
        report = self.report()
        out = {name: report[key]["f1"] for name, key in SUMMARY_FIELDS.items() if key in report}
        header_n = sum(
            n for key, n in self.counts.items() if key.startswith("header.") and key.endswith(".n")
        )
        if header_n:
            header_ok = sum(
                n for key, n in self.counts.items() if key.startswith("header.") and key.endswith(".ok")
            )
            out["header"] = round(header_ok / header_n, 4)
        return out


def macro_f1(report: dict[str, dict[str, float]]) -> float:
    """The mean F1 of the headline fields present in `report`, as the shared scorer computes it."""
    f1s = [report[key]["f1"] for key in HEADLINE if key in report]
    return round(sum(f1s) / len(f1s), 4) if f1s else 0.0


def in_order_matches(
    gold: Sequence, pred: Sequence, similar: Callable[[Any, Any], bool]
) -> list[tuple[int, int]]:
    """The largest order-preserving one-to-one matching (longest common subsequence)."""
    n, m = len(gold), len(pred)
    ok = [[similar(g, p) for p in pred] for g in gold]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if ok[i][j] else 0)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if ok[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def best_first_matches(
    gold: Sequence, pred: Sequence, score: Callable[[Any, Any], float], threshold: float
) -> list[tuple[int, int]]:
    scored = sorted(
        ((score(g, p), -abs(i - j), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for s, _distance, i, j in scored:
        if s < threshold or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def _flat_items(items: list[dict] | None, depth: int = 0) -> list[tuple[int, dict]]:
    out = []
    for item in items or []:
        out.append((depth, item))
        out.extend(_flat_items(item.get("children"), depth + 1))
    return out


def score_document(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    _score_references(doc_id, gold, pred, scores)
    _score_dates(doc_id, gold, pred, scores)
    _score_items(doc_id, gold, pred, scores)
    _score_names(doc_id, gold, pred, scores)
    _score_header(doc_id, gold, pred, scores)
    _score_obligations(doc_id, gold, pred, scores)


def _score_references(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    every = {number_key(r["number"]): r for r in gold.get("references", [])}
    optional = {k for k, r in every.items() if r.get("optional")}
    wanted = {k: r for k, r in every.items() if k not in optional}
    found: dict[str, dict] = {}
    for r in pred.get("references") or []:
        key = number_key(r.get("number"))
        if key and key not in optional:
            found.setdefault(key, r)
    hits = set(wanted) & set(found)
    scores.prf("references", len(hits), len(found), len(wanted))
    for key in sorted(set(wanted) - hits):
        scores.miss(doc_id, "reference.missed", f"reference missed: {wanted[key]['number']}")
    for key in sorted(set(found) - hits):
        scores.miss(doc_id, "reference.spurious", f"reference spurious: {found[key]['number']}")
    for key in hits:
        g, p = wanted[key], found[key]
        if g.get("doc_type"):
            ok = plain(g["doc_type"]) == plain(p.get("doc_type"))
            scores.accuracy("references.doc_type", ok)
            if not ok:
                scores.miss(
                    doc_id,
                    "reference.detail",
                    f"ref {g['number']} doc_type {p.get('doc_type')!r} != {g['doc_type']!r}",
                )
        if g.get("date"):
            ok = g["date"] == p.get("date")
            scores.accuracy("references.date", ok)
            if not ok:
                scores.miss(
                    doc_id, "reference.detail", f"ref {g['number']} date {p.get('date')!r} != {g['date']!r}"
                )
        if g.get("issuer"):
            ok = fuzz.token_set_ratio(name_key(g["issuer"]), name_key(p.get("issuer"))) >= 85
            scores.accuracy("references.issuer", ok)
            if not ok:
                scores.miss(
                    doc_id,
                    "reference.detail",
                    f"ref {g['number']} issuer {p.get('issuer')!r} != {g['issuer']!r}",
                )


def _score_dates(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    wanted = Counter(gold.get("dates", []))
    found = Counter(d.get("value") for d in pred.get("dates") or [])
    matched = wanted & found
    # an optional reading left unmatched is neither credited nor penalized (as the shared scorer)
    found = matched + ((found - matched) - Counter(gold.get("dates_optional", [])))
    scores.prf("dates", sum(matched.values()), sum(found.values()), sum(wanted.values()))
    for value in (wanted - found).elements():
        scores.miss(doc_id, "date.missed", f"date missed: {value}")
    for value in (found - wanted).elements():
        scores.miss(doc_id, "date.spurious", f"date spurious: {value}")


def _score_items(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    wanted = _flat_items(gold.get("items"))
    found = _flat_items(pred.get("items"))

    def same(g: tuple[int, dict], p: tuple[int, dict]) -> bool:
        if g[0] != p[0] or label_key(g[1].get("label")) != label_key(p[1].get("label")):
            return False
        start = plain(g[1].get("text"))
        return fuzz.partial_ratio(start, plain(p[1].get("text"))[: len(start) + 40]) >= 90 if start else True

    pairs = in_order_matches(wanted, found, same)
    scores.prf("items", len(pairs), len(found), len(wanted))
    hit_g = {i for i, _ in pairs}
    hit_p = {j for _, j in pairs}
    for i, (depth, item) in enumerate(wanted):
        if i not in hit_g:
            scores.miss(
                doc_id, "item.missed", f"item missed: depth {depth} {item['label']} {item['text'][:50]}"
            )
    for j, (depth, item) in enumerate(found):
        if j not in hit_p:
            scores.miss(
                doc_id,
                "item.spurious",
                f"item spurious: depth {depth} {item.get('label')} {str(item.get('text'))[:50]}",
            )


def _score_names(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    if "addressees" in gold:
        g = [name_key(a) for a in gold["addressees"]]
        p = [name_key(a) for a in pred.get("addressees") or []]
        pairs = best_first_matches(g, p, fuzz.ratio, 85)
        scores.prf("addressees", len(pairs), len(p), len(g))
        if len(pairs) < max(len(g), len(p)):
            scores.miss(doc_id, "addressee", f"addressees {p} vs gold {g}")
    if "recipients" in gold:
        g_rec = gold["recipients"]
        p_rec = [r if isinstance(r, dict) else {"name": r} for r in pred.get("recipients") or []]
        pairs = best_first_matches(
            g_rec, p_rec, lambda a, b: fuzz.ratio(name_key(a["name"]), name_key(b.get("name"))), 85
        )
        scores.prf("recipients", len(pairs), len(p_rec), len(g_rec))
        if len(pairs) < max(len(g_rec), len(p_rec)):
            scores.miss(
                doc_id,
                "recipient",
                f"recipients {[r.get('name') for r in p_rec]} vs gold {[r['name'] for r in g_rec]}",
            )
        for i, j in pairs:
            scores.accuracy(
                "recipients.purpose", plain(g_rec[i].get("purpose")) == plain(p_rec[j].get("purpose"))
            )
    if "archive" in gold:
        g_arch = {plain(a) for a in gold["archive"]}
        p_arch = {plain(a) for a in pred.get("archive") or []}
        scores.prf("archive", len(g_arch & p_arch), len(p_arch), len(g_arch))
        if g_arch != p_arch:
            scores.miss(doc_id, "archive", f"archive {sorted(p_arch)} vs gold {sorted(g_arch)}")


def _score_header(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    g_head, p_head = gold.get("header"), pred.get("header") or {}
    if not g_head:
        return
    for key, g_val in g_head.items():
        p_val = p_head.get(key)
        if key == "signer":
            g_sig, p_sig = g_val or {}, p_val or {}
            for sub in ("title", "name"):
                if sub in g_sig:
                    ok = plain(g_sig[sub]) == plain(p_sig.get(sub))
                    scores.accuracy(f"header.signer.{sub}", ok)
                    if not ok:
                        scores.miss(
                            doc_id,
                            f"header.signer.{sub}",
                            f"signer.{sub} {p_sig.get(sub)!r} != {g_sig[sub]!r}",
                        )
            continue
        if key == "number":
            ok = number_key(g_val) == number_key(p_val)
        elif key in ("subject", "issuer", "parent_issuer"):
            ok = (g_val is None and not p_val) or (
                g_val is not None and fuzz.ratio(name_key(g_val), name_key(p_val)) >= 90
            )
        else:
            ok = plain(g_val) == plain(p_val)
        scores.accuracy(f"header.{key}", ok)
        if not ok:
            scores.miss(doc_id, f"header.{key}", f"header.{key} {p_val!r} != {g_val!r}")


def _score_obligations(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    if "obligations" not in gold:
        return  # a key absent from the gold file is not scored (corpus/README.md)
    wanted = gold["obligations"]
    found = [o for o in pred.get("obligations") or [] if isinstance(o, dict)]

    def same(g: dict, p: dict) -> bool:
        anchor, text = plain(g["anchor"]), plain(p.get("text"))
        return len(text) >= 0.6 * len(anchor) and fuzz.partial_ratio(anchor, text) >= 90

    pairs = in_order_matches(wanted, found, same)
    hit_g = {i for i, _ in pairs}
    hit_p = {j for _, j in pairs}
    required = sum(1 for o in wanted if not o.get("optional"))
    tp = sum(1 for i in hit_g if not wanted[i].get("optional"))
    scores.prf("obligations", tp, tp + sum(1 for j in range(len(found)) if j not in hit_p), required)
    for i, obligation in enumerate(wanted):
        if i not in hit_g and not obligation.get("optional"):
            scores.miss(doc_id, "obligation.missed", f"obligation missed: {obligation['anchor'][:70]}")
    for j, obligation in enumerate(found):
        if j not in hit_p:
            scores.miss(
                doc_id, "obligation.spurious", f"obligation spurious: {str(obligation.get('text'))[:70]}"
            )
    for i, j in pairs:
        if not wanted[i].get("optional"):
            _score_obligation_pair(doc_id, wanted[i], found[j], scores)


def _score_obligation_pair(doc_id: str, g: dict, p: dict, scores: Scores) -> None:
    """Actors, collaborators, modality, deadline and recurrence of a predicted obligation matched to g."""
    g_act = [name_key(a) for a in g.get("actors", [])]
    p_act = [name_key(a) for a in p.get("actors") or []]
    matched = best_first_matches(g_act, p_act, fuzz.token_set_ratio, 85)
    scores.prf("obligations.actors", len(matched), len(p_act), len(g_act))
    if len(matched) < len(g_act):
        scores.miss(doc_id, "actor", f"actors {p_act} vs gold {g_act} for: {g['anchor'][:40]}")
    if g.get("collaborators"):
        g_col = [name_key(a) for a in g["collaborators"]]
        p_col = [name_key(a) for a in p.get("collaborators") or []]
        matched = best_first_matches(g_col, p_col, fuzz.token_set_ratio, 85)
        scores.prf("obligations.collaborators", len(matched), len(p_col), len(g_col))
        if len(matched) < max(len(g_col), len(p_col)):
            scores.miss(
                doc_id, "collaborator", f"collaborators {p_col} vs gold {g_col} for: {g['anchor'][:40]}"
            )
    if g.get("modality"):
        ok = plain(g["modality"]) == plain(p.get("modality"))
        scores.accuracy("obligations.modality", ok)
        if not ok:
            scores.miss(doc_id, "modality", f"modality {p.get('modality')!r} != {g['modality']!r}")
    if g.get("deadline"):
        ok = g["deadline"] == p.get("deadline")
        scores.accuracy("obligations.deadline", ok)
        if not ok:
            scores.miss(doc_id, "deadline", f"deadline {p.get('deadline')!r} != {g['deadline']!r}")
    if g.get("recurrence"):
        ok = sorted(g["recurrence"]) == sorted(p.get("recurrence") or [])
        scores.accuracy("obligations.recurrence", ok)
        if not ok:
            scores.miss(doc_id, "recurrence", f"recurrence {p.get('recurrence')!r} != {g['recurrence']!r}")


def miss_class_title(kind: str) -> str:
    """The heading of a failure class in the user's language."""
    if kind in MISS_CLASSES:
        return _(MISS_CLASSES[kind])
    return _("Wrong heading field {field}").format(field=kind.removeprefix("header."))


@dataclass
class DocumentScore:
    """The scores of one gold document."""

    id: str
    folder: str
    scores: Scores

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.scores.report())

    def sort_key(self) -> tuple[float, float, str, str]:
        """Worst first: lowest macro F1, then the most lost over the table's fields."""
        lost = sum(1 - value for value in self.scores.summary().values())
        return (self.macro_f1, -lost, self.folder, self.id)


@dataclass
class FolderScore:
    """The documents of one gold folder, and their scores added up."""

    path: Path
    label: str
    documents: list[DocumentScore] = field(default_factory=list)

    @property
    def scores(self) -> Scores:
        return _added(document.scores for document in self.documents)


@dataclass
class Evaluation:
    """Every scored document of one or more gold folders. Figures are micro-averaged over the
    documents of a folder, or of all folders together; macro F1 is the mean of the headline F1s."""

    folders: list[FolderScore]

    @property
    def documents(self) -> list[DocumentScore]:
        return [document for folder in self.folders for document in folder.documents]

    @property
    def scores(self) -> Scores:
        return _added(document.scores for document in self.documents)

    def report(self) -> dict[str, dict[str, float]]:
        """The report over all documents: every field, `_macro_f1` and `_documents`."""
        return _full_report(self.scores, len(self.documents))

    def worst_first(self) -> list[DocumentScore]:
        return sorted(self.documents, key=DocumentScore.sort_key)

    def miss_classes(self) -> list[tuple[str, list[tuple[DocumentScore, Miss]]]]:
        """The misses grouped by failure class, the largest class first (ties: `MISS_CLASSES` order)."""
        groups: dict[str, list[tuple[DocumentScore, Miss]]] = {}
        for document in self.documents:
            for miss in document.scores.misses:
                groups.setdefault(miss.kind, []).append((document, miss))
        order = list(MISS_CLASSES)

        def rank(kind: str) -> tuple[int, int, str]:
            return (-len(groups[kind]), order.index(kind) if kind in order else len(order), kind)

        return [(kind, groups[kind]) for kind in sorted(groups, key=rank)]

    def to_json(self) -> dict[str, Any]:
        """Per-folder, overall, per-document (worst first) and per-class figures."""
        overall = self.scores
        return {
            "report": self.report(),
            "misses": [str(miss) for miss in overall.misses],
            "folders": [
                {
                    "path": str(folder.path),
                    "label": folder.label,
                    "documents": len(folder.documents),
                    "macro_f1": macro_f1(folder.scores.report()),
                    "fields": folder.scores.summary(),
                    "report": _full_report(folder.scores, len(folder.documents)),
                }
                for folder in self.folders
            ],
            "overall": {
                "documents": len(self.documents),
                "macro_f1": macro_f1(overall.report()),
                "fields": overall.summary(),
            },
            "documents": [
                {
                    "id": document.id,
                    "folder": document.folder,
                    "macro_f1": document.macro_f1,
                    "fields": document.scores.summary(),
                    "misses": len(document.scores.misses),
                }
                for document in self.worst_first()
            ],
            "classes": [
                {
                    "class": kind,
                    "title": miss_class_title(kind),
                    "count": len(misses),
                    "misses": [
                        {"document": document.id, "folder": document.folder, "text": miss.text}
                        for document, miss in misses
                    ],
                }
                for kind, misses in self.miss_classes()
            ],
        }


def _added(parts: Iterable[Scores]) -> Scores:
    total = Scores()
    for part in parts:
        total.add(part)
    return total


def _full_report(scores: Scores, documents: int) -> dict[str, dict[str, float]]:
    report = scores.report()
    report["_macro_f1"] = {"f1": macro_f1(report)}
    report["_documents"] = {"n": documents}
    return report


def folder_labels(folders: Sequence[Path]) -> list[str]:
    """Short names that tell the folders apart: their last path parts, as few as needed
    (`gold-real`, or `dev/gold` and `real/gold` when both are named `gold`)."""
    parts = [folder.absolute().parts for folder in folders]
    depth = 1
    while depth < max(len(p) for p in parts) and len({p[-depth:] for p in parts}) < len(parts):
        depth += 1
    return ["/".join(p[-depth:]) for p in parts]


def evaluate_folders(
    gold_dirs: Sequence[Path], predict: Callable[[Path], dict], problems: list[str] | None = None
) -> Evaluation:
    """Score `predict(raw_path)` against every gold JSON of each folder in gold_dirs.

    Raw paths are relative to a gold folder's parent or a folder above it (`real/gold` points
    into `archive/`), or to a `shared/corpus` folder beside one of those (`corpora/gold-real`
    points into `../shared/corpus`). A gold file that is not valid JSON, is not a gold annotation
    (a document JSON left in the folder) or names a raw file that does not exist is not scored: it
    is appended to `problems` as "FILE: reason", and so is a folder with nothing to score.
    FileNotFoundError when no gold file of any folder can be scored.
    """
    problems = [] if problems is None else problems
    unique = list(dict.fromkeys(gold_dirs))
    folders = [FolderScore(path, label) for path, label in zip(unique, folder_labels(unique), strict=True)]
    empty: list[str] = []
    for folder in folders:
        gold_files = sorted(folder.path.glob("*.json"))
        for gold_path in gold_files:
            document = _score_gold_file(gold_path, folder.label, predict, problems)
            if document is not None:
                folder.documents.append(document)
        if not gold_files:
            empty.append(_("no gold files in {folder}").format(folder=folder.path))
        elif not folder.documents:
            empty.append(_("no gold file in {folder} could be scored").format(folder=folder.path))
    scored = [folder for folder in folders if folder.documents]
    if not scored:
        raise FileNotFoundError("; ".join(empty))
    problems.extend(empty)
    return Evaluation(scored)


def evaluate(
    gold_dir: Path, predict: Callable[[Path], dict], problems: list[str] | None = None
) -> tuple[dict, list[str]]:
    """One gold folder: its report (every field, `_macro_f1`, `_documents`) and its miss lines.
    See `evaluate_folders`."""
    evaluation = evaluate_folders([gold_dir], predict, problems)
    return evaluation.report(), [str(miss) for miss in evaluation.scores.misses]


def _score_gold_file(
    gold_path: Path, folder: str, predict: Callable[[Path], dict], problems: list[str]
) -> DocumentScore | None:
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(f"{gold_path}: " + _("not valid JSON ({problem})").format(problem=exc))
        return None
    if not isinstance(gold, dict) or "schema" in gold or not isinstance(gold.get("raw"), str):
        problems.append(
            f"{gold_path}: "
            + _('not a gold annotation (it needs an "id" and a "raw" path; see corpus/README.md)')
        )
        return None
    raw = gold["raw"]
    raw_path = _raw_path(gold_path.parent, raw)
    if raw_path is None:
        problems.append(f"{gold_path}: " + _("raw file {raw} not found").format(raw=raw))
        return None
    doc_id = str(gold.get("id") or gold_path.stem)
    scores = Scores()
    score_document(doc_id, gold, predict(raw_path), scores)
    return DocumentScore(doc_id, folder, scores)


def _raw_path(gold_dir: Path, raw: str) -> Path | None:
    folder = gold_dir.absolute()
    bases = (folder.parent, *folder.parent.parents[:2])
    for base in (*bases, *(base / "shared" / "corpus" for base in bases)):
        candidate = base / raw
        if candidate.is_file():
            return candidate
    return None
