"""`vanban eval`: accuracy against gold annotations (format of corpus/README.md).

Metrics follow the annotation rules: references by canonical number (with type/date/issuer
accuracy), dates as a multiset of ISO values, items matched in order on depth + label + text
start, addressees and recipients by fuzzy name, obligations by their gold anchor inside the
predicted text (in order) with actor F1, modality, deadline and recurrence; header fields.
All figures are micro-averaged over documents.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .extract.citations import number_key

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


@dataclass
class Scores:
    counts: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def prf(self, key: str, tp: int, predicted: int, gold: int) -> None:
        self.counts[f"{key}.tp"] += tp
        self.counts[f"{key}.pred"] += predicted
        self.counts[f"{key}.gold"] += gold

    def accuracy(self, key: str, ok: bool) -> None:
        self.counts[f"{key}.ok"] += int(ok)
        self.counts[f"{key}.n"] += 1

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
    for s, _, i, j in scored:
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
    scores.misses += [f"{doc_id}: reference missed: {wanted[k]['number']}" for k in set(wanted) - hits]
    scores.misses += [f"{doc_id}: reference spurious: {found[k]['number']}" for k in set(found) - hits]
    for key in hits:
        g, p = wanted[key], found[key]
        if g.get("doc_type"):
            ok = plain(g["doc_type"]) == plain(p.get("doc_type"))
            scores.accuracy("references.doc_type", ok)
            if not ok:
                scores.misses.append(
                    f"{doc_id}: ref {g['number']} doc_type {p.get('doc_type')!r} != {g['doc_type']!r}"
                )
        if g.get("date"):
            ok = g["date"] == p.get("date")
            scores.accuracy("references.date", ok)
            if not ok:
                scores.misses.append(f"{doc_id}: ref {g['number']} date {p.get('date')!r} != {g['date']!r}")
        if g.get("issuer"):
            ok = fuzz.token_set_ratio(name_key(g["issuer"]), name_key(p.get("issuer"))) >= 85
            scores.accuracy("references.issuer", ok)
            if not ok:
                scores.misses.append(
                    f"{doc_id}: ref {g['number']} issuer {p.get('issuer')!r} != {g['issuer']!r}"
                )


def _score_dates(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    wanted = Counter(gold.get("dates", []))
    found = Counter(d.get("value") for d in pred.get("dates") or [])
    found -= Counter(gold.get("dates_optional", []))
    scores.prf("dates", sum((wanted & found).values()), sum(found.values()), sum(wanted.values()))
    scores.misses += [f"{doc_id}: date missed: {v}" for v in (wanted - found).elements()]
    scores.misses += [f"{doc_id}: date spurious: {v}" for v in (found - wanted).elements()]


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
    scores.misses += [
        f"{doc_id}: item missed: depth {d} {it['label']} {it['text'][:50]}"
        for i, (d, it) in enumerate(wanted)
        if i not in hit_g
    ]
    scores.misses += [
        f"{doc_id}: item spurious: depth {d} {it.get('label')} {str(it.get('text'))[:50]}"
        for j, (d, it) in enumerate(found)
        if j not in hit_p
    ]


def _score_names(doc_id: str, gold: dict, pred: dict, scores: Scores) -> None:
    if "addressees" in gold:
        g = [name_key(a) for a in gold["addressees"]]
        p = [name_key(a) for a in pred.get("addressees") or []]
        pairs = best_first_matches(g, p, fuzz.ratio, 85)
        scores.prf("addressees", len(pairs), len(p), len(g))
        if len(pairs) < max(len(g), len(p)):
            scores.misses.append(f"{doc_id}: addressees {p} vs gold {g}")
    if "recipients" in gold:
        g_rec = gold["recipients"]
        p_rec = [r if isinstance(r, dict) else {"name": r} for r in pred.get("recipients") or []]
        pairs = best_first_matches(
            g_rec, p_rec, lambda a, b: fuzz.ratio(name_key(a["name"]), name_key(b.get("name"))), 85
        )
        scores.prf("recipients", len(pairs), len(p_rec), len(g_rec))
        if len(pairs) < max(len(g_rec), len(p_rec)):
            scores.misses.append(
                f"{doc_id}: recipients {[r.get('name') for r in p_rec]} vs gold {[r['name'] for r in g_rec]}"
            )
        for i, j in pairs:
            scores.accuracy(
                "recipients.purpose", plain(g_rec[i].get("purpose")) == plain(p_rec[j].get("purpose"))
            )
    if "archive" in gold:
        g_arch = {plain(a) for a in gold["archive"]}
        p_arch = {plain(a) for a in pred.get("archive") or []}
        scores.prf("archive", len(g_arch & p_arch), len(p_arch), len(g_arch))


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
                        scores.misses.append(f"{doc_id}: signer.{sub} {p_sig.get(sub)!r} != {g_sig[sub]!r}")
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
            scores.misses.append(f"{doc_id}: header.{key} {p_val!r} != {g_val!r}")


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
    scores.misses += [
        f"{doc_id}: obligation missed: {o['anchor'][:70]}"
        for i, o in enumerate(wanted)
        if i not in hit_g and not o.get("optional")
    ]
    scores.misses += [
        f"{doc_id}: obligation spurious: {str(o.get('text'))[:70]}"
        for j, o in enumerate(found)
        if j not in hit_p
    ]
    for i, j in pairs:
        g, p = wanted[i], found[j]
        if g.get("optional"):
            continue
        g_act = [name_key(a) for a in g.get("actors", [])]
        p_act = [name_key(a) for a in p.get("actors") or []]
        matched = best_first_matches(g_act, p_act, fuzz.token_set_ratio, 85)
        scores.prf("obligations.actors", len(matched), len(p_act), len(g_act))
        if len(matched) < len(g_act):
            scores.misses.append(f"{doc_id}: actors {p_act} vs gold {g_act} for: {g['anchor'][:40]}")
        if g.get("collaborators"):
            g_col = [name_key(a) for a in g["collaborators"]]
            p_col = [name_key(a) for a in p.get("collaborators") or []]
            scores.prf(
                "obligations.collaborators",
                len(best_first_matches(g_col, p_col, fuzz.token_set_ratio, 85)),
                len(p_col),
                len(g_col),
            )
        if g.get("modality"):
            scores.accuracy("obligations.modality", plain(g["modality"]) == plain(p.get("modality")))
        if g.get("deadline"):
            ok = g["deadline"] == p.get("deadline")
            scores.accuracy("obligations.deadline", ok)
            if not ok:
                scores.misses.append(f"{doc_id}: deadline {p.get('deadline')!r} != {g['deadline']!r}")
        if g.get("recurrence"):
            ok = sorted(g["recurrence"]) == sorted(p.get("recurrence") or [])
            scores.accuracy("obligations.recurrence", ok)
            if not ok:
                scores.misses.append(f"{doc_id}: recurrence {p.get('recurrence')!r} != {g['recurrence']!r}")


def evaluate(
    gold_dir: Path, predict: Callable[[Path], dict], problems: list[str] | None = None
) -> tuple[dict, list[str]]:
    """Score `predict(raw_path)` against every gold JSON in gold_dir.

    Raw paths are relative to gold_dir's parent (or a folder above it, as `real/gold` points into
    `archive/`). A gold file that is not valid JSON, is not a gold annotation (a document JSON
    left in the folder) or names a raw file that does not exist is not scored: it is appended to
    `problems` as "FILE: reason". FileNotFoundError when no gold file can be scored at all.
    """
    from .i18n import _

    problems = [] if problems is None else problems
    scores = Scores()
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise FileNotFoundError(_("no gold files in {folder}").format(folder=gold_dir))
    scored = 0
    for gold_path in gold_files:
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{gold_path}: " + _("not valid JSON ({problem})").format(problem=exc))
            continue
        if not isinstance(gold, dict) or "schema" in gold or not isinstance(gold.get("raw"), str):
            problems.append(
                f"{gold_path}: "
                + _('not a gold annotation (it needs an "id" and a "raw" path; see corpus/README.md)')
            )
            continue
        raw = gold["raw"]
        raw_path = _raw_path(gold_dir, raw)
        if raw_path is None:
            problems.append(f"{gold_path}: " + _("raw file {raw} not found").format(raw=raw))
            continue
        score_document(gold.get("id", gold_path.stem), gold, predict(raw_path), scores)
        scored += 1
    if not scored:
        raise FileNotFoundError(_("no gold file in {folder} could be scored").format(folder=gold_dir))
    report = scores.report()
    f1s = [report[k]["f1"] for k in HEADLINE if k in report]
    report["_macro_f1"] = {"f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0}
    report["_documents"] = {"n": scored}
    return report, scores.misses


def _raw_path(gold_dir: Path, raw: str) -> Path | None:
    for base in (gold_dir.parent, *gold_dir.parent.parents[:2]):
        candidate = base / raw
        if candidate.is_file():
            return candidate
    return None
