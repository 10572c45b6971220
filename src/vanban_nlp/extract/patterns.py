"""Building blocks shared by the extractors."""

from __future__ import annotations

# Upper-case Vietnamese letters: Python's str.isupper covers them; regex classes use this helper.
UPPER_CLASS = r"[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"


class SpanSet:
    """Non-overlapping [start, end) spans kept sorted; overlap tests in O(log n)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        from bisect import bisect_right

        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end

    def contains(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)

    def add(self, start: int, end: int) -> None:
        from bisect import bisect_right

        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


class StartIndex:
    """Values sorted by their span start, for "which values start in [lo, hi)" in O(log n)."""

    def __init__(self, values: list, start_of) -> None:
        from bisect import bisect_left

        self._bisect_left = bisect_left
        self.values = sorted(values, key=start_of)
        self.starts = [start_of(v) for v in self.values]

    def between(self, lo: int, hi: int) -> list:
        i = self._bisect_left(self.starts, lo)
        j = self._bisect_left(self.starts, hi)
        return self.values[i:j]

    def first_between(self, lo: int, hi: int):
        found = self.between(lo, hi)
        return found[0] if found else None
