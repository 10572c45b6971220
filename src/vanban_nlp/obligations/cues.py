"""One matcher for the cue rules of the obligation stage (lexicon/obligation_cues.yaml).

Like medspaCy's ConText rules, each rule is data: a literal or a regex, a category (directive,
modal, prohibition, permission, commitment, background, basis, condition, closing, lead_in,
continues, reporting, pseudo), a direction and a position. The matcher compiles each category
once and answers "where does a cue of this category occur in this text", skipping the cues that
lie inside a pseudo-cue; the obligation stage decides what a cue means for the unit it is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import lexicon
from ..lexicon import tone_spellings
from ..text.chars import fold
from ..text.prefilter import Prefilter, lowered

POSITIONS = ("start", "end", "any")
# a phrase that holds a cue's words without being that cue ("số thuế phải nộp": an amount, not a
# duty), like medspaCy's PSEUDO modifiers: no cue of another category is found inside it
PSEUDO = "pseudo"
DIRECTIONS = ("forward", "backward", "both")
_LEADING = r"^[\s,;:\-(\"'_~]*"


@dataclass(frozen=True)
class CueRule:
    category: str
    direction: str
    position: str
    source: str  # the literal or the pattern as written in the table
    folded: bool = False  # matched on fold(text)


@dataclass(frozen=True)
class Cue:
    category: str
    start: int
    end: int
    text: str


def _core(rule: dict) -> str:
    if rule.get("fold"):  # matched on folded text (no diacritics, upper case): OCR's "bao gôm" too
        if "literal" in rule:
            return re.escape(fold(rule["literal"])).replace(r"\ ", r"\s+")
        return rule["pattern"]  # written folded already
    if "literal" in rule:
        spellings = sorted(tone_spellings(rule["literal"]), key=len, reverse=True)
        return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in spellings)
    return rule["pattern"]


def _compile(rule: dict) -> re.Pattern[str]:
    core = _core(rule)
    position = rule.get("position", "any")
    literal = "literal" in rule
    if position == "start":
        body = rf"{_LEADING}(?P<cue>{core})" + (r"(?![^\W\d_])" if literal else "")
    elif position == "end":
        body = rf"(?P<cue>{core})[\s.;:\"'/]*$"
    else:
        body = (
            (r"(?<![^\W\d_])" if literal else "") + rf"(?P<cue>{core})" + (r"(?![^\W\d_])" if literal else "")
        )
    return re.compile(body, re.IGNORECASE)


class CueMatcher:
    """The cue table compiled by category; rules keep their table order within a category."""

    def __init__(self, rules: tuple[dict, ...]) -> None:
        self.rules: dict[str, list[tuple[CueRule, re.Pattern[str]]]] = {}
        # words a rule cannot match without (rules anchored at the start fail fast already)
        self.prefilters: dict[str, list[Prefilter | None]] = {}
        for rule in rules:
            if ("literal" in rule) == ("pattern" in rule):
                raise ValueError(f"a cue rule needs exactly one of literal and pattern: {rule!r}")
            position = rule.get("position", "any")
            direction = rule.get("direction", "forward")
            if position not in POSITIONS or direction not in DIRECTIONS:
                raise ValueError(f"bad position or direction in cue rule {rule!r}")
            meta = CueRule(
                rule["category"],
                direction,
                position,
                rule.get("literal") or rule["pattern"],
                bool(rule.get("fold")),
            )
            pattern = _compile(rule)
            self.rules.setdefault(rule["category"], []).append((meta, pattern))
            prefilter = Prefilter.of(pattern.pattern, pattern.flags) if position != "start" else None
            self.prefilters.setdefault(rule["category"], []).append(prefilter)

    @property
    def categories(self) -> set[str]:
        return set(self.rules)

    def find(self, text: str, category: str) -> Cue | None:
        """The earliest cue of the category in the text (for `start` rules: at its start)."""
        best: Cue | None = None
        screen = _Screen(text)
        for (meta, pattern), prefilter in zip(
            self.rules.get(category, ()), self.prefilters.get(category, ()), strict=True
        ):
            if prefilter is not None and not screen.admits(prefilter, meta.folded):
                continue
            target = screen.folded() if meta.folded else text
            match = pattern.search(target)
            if match is not None and category != PSEUDO and screen.hidden(match.start("cue"), self):
                match = self._search_past(pattern, target, screen, match)
            if match and (best is None or match.start("cue") < best.start):
                best = Cue(
                    category,
                    match.start("cue"),
                    match.end("cue"),
                    text[match.start("cue") : match.end("cue")],
                )
        return best

    def find_all(self, text: str, category: str) -> list[Cue]:
        found: dict[int, Cue] = {}
        screen = _Screen(text)
        for (meta, pattern), prefilter in zip(
            self.rules.get(category, ()), self.prefilters.get(category, ()), strict=True
        ):
            if prefilter is not None and not meta.folded and not screen.admits(prefilter, False):
                continue
            for match in pattern.finditer(text):
                if category != PSEUDO and screen.hidden(match.start("cue"), self):
                    continue
                found.setdefault(
                    match.start("cue"), Cue(category, match.start("cue"), match.end("cue"), match["cue"])
                )
        return [found[k] for k in sorted(found)]

    def _search_past(
        self, pattern: re.Pattern[str], text: str, screen: _Screen, match: re.Match[str] | None
    ) -> re.Match[str] | None:
        """The first match after `match` whose cue is not inside a pseudo-cue ("số thuế phải nộp"
        holds no modal)."""
        while match is not None and screen.hidden(match.start("cue"), self):
            match = pattern.search(text, match.start("cue") + 1)
        return match

    def pseudo_spans(self, text: str, screen: _Screen | None = None) -> list[tuple[int, int]]:
        """The spans of the text's pseudo-cues (rules whose prefilter rules the text out are skipped)."""
        screen = screen or _Screen(text)
        return [
            (match.start("cue"), match.end("cue"))
            for (_, pattern), prefilter in zip(
                self.rules.get(PSEUDO, ()), self.prefilters.get(PSEUDO, ()), strict=True
            )
            if prefilter is None or screen.admits(prefilter, False)
            for match in pattern.finditer(text)
        ]

    def has(self, text: str, category: str) -> bool:
        return self.find(text, category) is not None


class _Screen:
    """The folded and lower-case forms of one text that rules and prefilters read, made once."""

    __slots__ = ("text", "_folded", "forms", "_pseudo")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self.forms: dict[bool, str | None] = {}
        self._pseudo: list[tuple[int, int]] | None = None

    def hidden(self, pos: int, matcher: CueMatcher) -> bool:
        """Whether pos lies inside a pseudo-cue of the text (found once, when first asked)."""
        if self._pseudo is None:
            self._pseudo = matcher.pseudo_spans(self.text, self)
        return any(start <= pos < end for start, end in self._pseudo)

    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def admits(self, prefilter: Prefilter, folded: bool) -> bool:
        if folded not in self.forms:
            self.forms[folded] = lowered(self.folded() if folded else self.text)
        form = self.forms[folded]
        return form is None or prefilter.admits(form)


@cache
def cues() -> CueMatcher:
    return CueMatcher(lexicon.table("obligation_cues"))
