"""Offset maps: each normalization pass records where its edits are, so a position in the
normalized text can be taken back to the raw text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Anchors (new_pos, old_pos) where the shift between new and old text changes.

    Between anchors the two texts run in step; inside a replaced stretch a position maps to the
    start of the old stretch plus its offset, clamped to the old stretch.
    """

    new_starts: list[int] = field(default_factory=lambda: [0])
    old_starts: list[int] = field(default_factory=lambda: [0])
    old_limits: list[int | None] = field(default_factory=lambda: [None])

    def to_old(self, pos: int) -> int:
        i = bisect_right(self.new_starts, pos) - 1
        old = self.old_starts[i] + (pos - self.new_starts[i])
        limit = self.old_limits[i]
        return old if limit is None else min(old, limit)


def substitute(
    text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]
) -> tuple[str, OffsetMap]:
    """re.sub that also returns the offset map of its edits."""
    pieces: list[str] = []
    omap = OffsetMap()
    new_pos = 0
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        replacement = repl(match)
        if replacement == match.group(0):
            continue
        pieces.append(text[last:start])
        new_pos += start - last
        omap.new_starts.append(new_pos)
        omap.old_starts.append(start)
        omap.old_limits.append(end)
        pieces.append(replacement)
        new_pos += len(replacement)
        omap.new_starts.append(new_pos)
        omap.old_starts.append(end)
        omap.old_limits.append(None)
        last = end
    if len(omap.new_starts) == 1:
        return text, omap
    pieces.append(text[last:])
    return "".join(pieces), omap
