"""Additions that several texts share: groups of similar instructions, scored with the ratios the
alignment uses (mean of rapidfuzz's token sort and token set ratios), here on syllables: telling
near-copies apart needs no word segmentation, and skipping it saves a tagger call per addition.

Grouping follows the leader algorithm: each addition joins the group of the most similar leader
when the score reaches the threshold, and otherwise leads a new group. Members are close to their
leader, so a group never chains "bố trí người trực chòi canh" to "cấm đốt nương rẫy" through a
middle text that shares words with both, and each addition is scored against the leaders only,
not against every other addition. Additions are taken most typical first (sharing most of their
syllables with most others, a cheap matrix product), so groups are led by a central member rather
than by whichever came first; identical additions are scored once."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process, utils

CLUSTER_THRESHOLD = 60.0
TYPICAL_COSINE = 0.5
BLOCK = 2000


def typicality(texts: list[str], weights: list[int]) -> np.ndarray:
    """For each text, how many texts (counting copies) share most of its syllables (cosine of
    syllable sets at least TYPICAL_COSINE)."""
    vocabulary: dict[str, int] = {}
    columns = [[vocabulary.setdefault(s, len(vocabulary)) for s in set(t.split())] for t in texts]
    matrix = np.zeros((len(texts), max(len(vocabulary), 1)), dtype=np.float32)
    for row, cols in enumerate(columns):
        if cols:
            matrix[row, cols] = 1.0 / np.sqrt(len(cols))
    counts = np.asarray(weights, dtype=np.float32)
    degree = np.zeros(len(texts), dtype=np.float32)
    for start in range(0, len(texts), BLOCK):
        close = (matrix[start : start + BLOCK] @ matrix.T) >= TYPICAL_COSINE
        degree[start : start + BLOCK] = close.astype(np.float32) @ counts
    return degree


def cluster(texts: list[str], threshold: float = CLUSTER_THRESHOLD) -> tuple[list[int], list[int]]:
    """A group number for each text and the index of each group's leader (its first occurrence)."""
    copies: dict[str, int] = {}
    for text in texts:
        copies[text] = copies.get(text, 0) + 1
    distinct = list(copies)
    processed = [utils.default_process(t) for t in distinct]
    degree = typicality(processed, [copies[t] for t in distinct])
    group_of: dict[int, int] = {}
    leaders: list[int] = []
    for i in sorted(range(len(distinct)), key=lambda k: (-degree[k], k)):
        if leaders:
            candidates = [processed[j] for j in leaders]
            scores = process.cdist([processed[i]], candidates, scorer=fuzz.token_sort_ratio, dtype=np.uint8)
            scores = scores.astype(np.uint16) + process.cdist(
                [processed[i]], candidates, scorer=fuzz.token_set_ratio, dtype=np.uint8
            )
            best = int(np.argmax(scores[0]))
            if scores[0, best] >= 2 * threshold:
                group_of[i] = group_of[leaders[best]]
                continue
        group_of[i] = len(leaders)
        leaders.append(i)
    position = {t: i for i, t in enumerate(distinct)}
    first = {text: i for i, text in reversed(list(enumerate(texts)))}
    return [group_of[position[t]] for t in texts], [first[distinct[i]] for i in leaders]
