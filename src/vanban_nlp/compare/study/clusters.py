"""Additions that several texts share: groups of similar instructions, scored with the ratios the
alignment uses (mean of rapidfuzz's token sort and token set ratios), here on syllables: telling
near-copies apart needs no word segmentation, and skipping it saves a tagger call per addition.

Grouping follows the leader algorithm: each addition joins the group of the most similar leader
when the score reaches the threshold, and otherwise leads a new group. Members are close to their
leader, so a group never chains "bố trí người trực chòi canh" to "cấm đốt nương rẫy" through a
middle text that shares words with both. Additions are taken most typical first (sharing most of
their syllables with most others), so a group is led by a central member rather than by whichever
came first. Only leaders sharing at least SHARED_COSINE of an addition's syllables are scored: two
instructions below that share too little to be one addition (the ratios alone can reach 60 on
unrelated instructions of the same register), and the syllable overlaps of all pairs come from one
matrix product. Identical additions are scored once."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process, utils

CLUSTER_THRESHOLD = 60.0
SHARED_COSINE = 0.3  # cosine of the syllable sets, below which two additions are never grouped
TYPICAL_COSINE = 0.5  # … and above which they count toward each other's typicality
BLOCK = 2000


def overlaps(texts: list[str], weights: list[int]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Typicality of each text (how many texts, copies counted, share most of its syllables) and,
    for each text, the texts sharing at least SHARED_COSINE of them."""
    syllables = [set(t.split()) for t in texts]
    frequency: dict[str, int] = {}
    for found in syllables:
        for syllable in found:
            frequency[syllable] = frequency.get(syllable, 0) + 1
    # a syllable of one text only adds nothing to any overlap: the matrix keeps the shared ones
    vocabulary = {s: i for i, s in enumerate(s for s, n in frequency.items() if n > 1)}
    matrix = np.zeros((len(texts), max(len(vocabulary), 1)), dtype=np.float32)
    for row, found in enumerate(syllables):
        cols = [vocabulary[s] for s in found if s in vocabulary]
        if cols:
            matrix[row, cols] = 1.0 / np.sqrt(len(found))
    counts = np.asarray(weights, dtype=np.float32)
    degree = np.zeros(len(texts), dtype=np.float32)
    shared: list[np.ndarray] = []
    for start in range(0, len(texts), BLOCK):
        cosine = matrix[start : start + BLOCK] @ matrix.T
        degree[start : start + BLOCK] = (cosine >= TYPICAL_COSINE).astype(np.float32) @ counts
        shared.extend(np.flatnonzero(row >= SHARED_COSINE) for row in cosine)
    return degree, shared


def cluster(texts: list[str], threshold: float = CLUSTER_THRESHOLD) -> tuple[list[int], list[int]]:
    """A group number for each text and the index of each group's leader (its first occurrence)."""
    copies: dict[str, int] = {}
    for text in texts:
        copies[text] = copies.get(text, 0) + 1
    distinct = list(copies)
    processed = [utils.default_process(t) for t in distinct]
    degree, shared = overlaps(processed, [copies[t] for t in distinct])
    group_of = np.full(len(distinct), -1)
    is_leader = np.zeros(len(distinct), dtype=bool)
    leaders: list[int] = []
    for i in sorted(range(len(distinct)), key=lambda k: (-degree[k], k)):
        candidates = shared[i][is_leader[shared[i]]]
        if len(candidates):
            choices = [processed[j] for j in candidates]
            scores = process.cdist([processed[i]], choices, scorer=fuzz.token_sort_ratio, dtype=np.uint8)
            scores = scores.astype(np.uint16) + process.cdist(
                [processed[i]], choices, scorer=fuzz.token_set_ratio, dtype=np.uint8
            )
            best = int(np.argmax(scores[0]))
            if scores[0, best] >= 2 * threshold:
                group_of[i] = group_of[candidates[best]]
                continue
        group_of[i] = len(leaders)
        is_leader[i] = True
        leaders.append(i)
    position = {t: i for i, t in enumerate(distinct)}
    first = {text: i for i, text in reversed(list(enumerate(texts)))}
    return [int(group_of[position[t]]) for t in texts], [first[distinct[i]] for i in leaders]
