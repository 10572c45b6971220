"""Words a regex cannot match without: a cheap test that skips searches bound to fail.

A cue rule such as `(?<![^\\W\\d_])(?<!được )(?:đề nghị|để nghị)(?![^\\W\\d_])` starts with a
lookbehind, so the regex engine tries it at every position of the text; most texts do not hold
"đề nghị" at all, which `in` tells in a fraction of the time. `Prefilter.of(pattern)` reads the
pattern's syntax tree (the `re` module's own parser) and keeps the literal runs every match must
contain: each requirement is a set of strings one of which must occur (a branch gives one
string per alternative), and every requirement must hold.

The test runs on lower-cased text and lower-cased literals, which is sound for case-insensitive
patterns only where lower-casing maps each character to one character the way `re.IGNORECASE`
compares them: ASCII, Vietnamese letters and punctuation. `lowered` returns None for any other
text, and the caller then searches as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import LOWER_LETTERS, UPPER_LETTERS

try:  # the regex parser of the standard library (Python 3.11+)
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no prefilter, every search runs
    _sre = _sre_parse = None

# characters whose str.lower() is one character and equals what re.IGNORECASE compares
_SAFE_CHARS = "\x00-\x7f" + UPPER_LETTERS + LOWER_LETTERS + "\u00a0-\u00b4\u00b6-\u00bf\u2000-\u206f"
_UNSAFE = re.compile(f"[^{_SAFE_CHARS}]")
_SAFE_LITERAL = re.compile(f"[{_SAFE_CHARS}]+")
Requirement = frozenset[str]
_REPEATS = tuple(
    getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, name)
)
_ATOMIC_GROUP = getattr(_sre, "ATOMIC_GROUP", None)


def lowered(text: str) -> str | None:
    """The text in lower case, when a prefilter may be applied to it (None otherwise)."""
    return None if _UNSAFE.search(text) else text.lower()


@dataclass(frozen=True)
class Prefilter:
    requirements: tuple[Requirement, ...]

    @classmethod
    def of(cls, pattern: str, flags: int = 0) -> Prefilter | None:
        """The prefilter of a pattern, or None when no literal is certain to occur in a match."""
        if _sre_parse is None:
            return None
        try:
            tree = _sre_parse.parse(pattern, flags)
        except (re.error, TypeError, ValueError, AttributeError):
            return None
        requirements = tuple(r for r in _sequence(list(tree)) if all(r))
        return cls(requirements) if requirements else None

    def admits(self, lowered_text: str) -> bool:
        """Could the pattern match a text whose lower-case form is this?"""
        for requirement in self.requirements:  # plain loops: this runs for every rule and text
            for option in requirement:
                if option in lowered_text:
                    break
            else:
                return False
        return True


def _literal(run: list[str]) -> Requirement | None:
    text = "".join(run).lower()
    return frozenset([text]) if text and _SAFE_LITERAL.fullmatch(text) and len(text) == len(run) else None


def _sequence(items: list) -> list[Requirement]:
    """Requirements of a sequence of nodes: its literal runs and those of the groups it must pass."""
    out: list[Requirement] = []
    run: list[str] = []

    def flush() -> None:
        literal = _literal(run)
        if literal:
            out.append(literal)
        run.clear()

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _sre.SUBPATTERN:
            out += _sequence(list(av[3]))
        elif op is _sre.BRANCH:
            branch = _branch(av[1])
            if branch:
                out.append(branch)
        elif op in _REPEATS:
            low, _high, body = av
            if low >= 1:
                out += _sequence(list(body))
        elif op is _ATOMIC_GROUP:
            out += _sequence(list(av))
        # anything else (classes, anchors, assertions, back-references) requires no literal
    flush()
    return out


def _branch(alternatives: list) -> Requirement | None:
    """One of the alternatives matches: each must contribute a string; the longest it requires."""
    union: set[str] = set()
    for alternative in alternatives:
        requirements = _sequence(list(alternative))
        if not requirements:
            return None
        union |= max(requirements, key=lambda r: min(len(s) for s in r))
    return frozenset(union)
