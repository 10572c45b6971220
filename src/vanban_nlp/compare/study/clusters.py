"""Additions that several texts share: groups of similar instructions, scored with the ratios the
alignment uses (mean of rapidfuzz's token sort and token set ratios), here on syllables: telling
near-copies apart needs no word segmentation, and skipping it saves a tagger call per addition.

Grouping is a star around a leader: the text with the most close neighbours leads a group of
those neighbours, then the next one among the rest, and so on. Unlike joining any two close texts,
this never chains "bố trí người trực chòi canh" to "cấm đốt nương rẫy" through a middle text that
shares words with both."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process, utils

CLUSTER_THRESHOLD = 60.0
BLOCK = 1000  # rows scored at once: memory stays near 3 × BLOCK × n bytes


def neighbours(texts: list[str], threshold: float) -> list[list[int]]:
    """For each text, the others whose score with it reaches the threshold (both ratios computed
    by rapidfuzz's vectorized cdist on all cores, a block of rows at a time)."""
    n = len(texts)
    found: list[list[int]] = [[] for _ in range(n)]
    for start in range(0, n, BLOCK):
        rows = texts[start : start + BLOCK]
        total = np.zeros((len(rows), n), dtype=np.uint16)
        for scorer in (fuzz.token_sort_ratio, fuzz.token_set_ratio):
            total += process.cdist(
                rows, texts, scorer=scorer, processor=utils.default_process, dtype=np.uint8, workers=-1
            )
        rows_found, columns_found = np.nonzero(total >= 2 * threshold)
        for i, j in zip(rows_found.tolist(), columns_found.tolist(), strict=True):
            if start + i != j:
                found[start + i].append(j)
    return found


def cluster(texts: list[str], threshold: float = CLUSTER_THRESHOLD) -> tuple[list[int], list[int]]:
    """A group number for each text (0 is the largest group) and the leader of each group.
    Identical texts (instructions copied word for word) are scored once."""
    distinct = list(dict.fromkeys(texts))
    position = {text: i for i, text in enumerate(distinct)}
    copies = [0] * len(distinct)
    for text in texts:
        copies[position[text]] += 1
    close = neighbours(distinct, threshold)
    weight = [copies[i] - 1 + sum(copies[j] for j in close[i]) for i in range(len(distinct))]
    labels = [-1] * len(distinct)
    leaders: list[int] = []
    for i in sorted(range(len(distinct)), key=lambda k: (-weight[k], k)):
        if labels[i] != -1:
            continue
        labels[i] = len(leaders)
        for j in close[i]:
            if labels[j] == -1:
                labels[j] = len(leaders)
        leaders.append(i)
    first = {text: i for i, text in reversed(list(enumerate(texts)))}
    return [labels[position[t]] for t in texts], [first[distinct[i]] for i in leaders]
