"""Data, not code: the vocabulary of Vietnamese official documents, one concept per file.

A word list is a YAML file with `description`, `source` (the format rule or the observation it
comes from), `examples` (texts the compiled alternation must match, checked by the integrity
test), optional `counterexamples`, `words`, and optional `matching` (how the code matches them:
`words`, the default, case-insensitive on word boundaries; `case-sensitive`; `folded`, on the
letters without marks, spaces and punctuation, for formulas OCR damages). A rule table has
`rules`, each a mapping with `literal` or `pattern`, a `category` and a `direction` (see
obligations/cues.py). Entries are
read in NFC with the new tone-mark convention (hòa, thủy, Ủy), so a linguist may write either
spelling; the loader sorts alternatives longest first and lets a space match any run of spaces.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..text.tones import apply_tone_style

try:  # libyaml's loader is several times faster where it is built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader


def canonical(word: str) -> str:
    """NFC, new tone style, single spaces: how every entry and every lookup key is compared."""
    text = unicodedata.normalize("NFC", word)
    return re.sub(r"\s+", " ", apply_tone_style(text, "new")).strip()


def tone_spellings(text: str) -> tuple[str, ...]:
    """The text in the new and the old tone-mark convention (one item when they agree)."""
    old = apply_tone_style(text, "old")
    return (text,) if old == text else (text, old)


@dataclass(frozen=True)
class WordList:
    """One concept's words ("actor heads", "action verbs") with what checks them."""

    name: str
    words: tuple[str, ...]
    description: str = ""
    source: str = ""
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def alternation(self, *, upper: bool = False) -> str:
        """The words as one regex alternation, longest first; a space matches any spaces, and
        both tone-mark conventions match (the text may be normalized with either)."""
        words = {
            spelling.upper() if upper else spelling for w in self.words for spelling in tone_spellings(w)
        }
        escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        return "(?:" + "|".join(escaped) + ")"

    def keys(self) -> frozenset[str]:
        """Case-folded words, for set membership."""
        return frozenset(w.casefold() for w in self.words)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and canonical(text).casefold() in self.keys()

    def __iter__(self):
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


def _read_yaml(name: str) -> dict[str, Any]:
    text = resources.files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    if not isinstance(data, dict):
        raise ValueError(f"lexicon/{name}.yaml: expected a mapping at the top level")
    return data


@cache
def words(name: str) -> WordList:
    """The word list lexicon/<name>.yaml."""
    data = _read_yaml(name)
    entries = data.get("words")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"lexicon/{name}.yaml: 'words' must be a non-empty list")
    known = {"words", "description", "source", "examples", "counterexamples"}
    return WordList(
        name=name,
        words=tuple(dict.fromkeys(canonical(str(w)) for w in entries)),
        description=str(data.get("description", "")),
        source=str(data.get("source", "")),
        examples=tuple(canonical(str(e)) for e in data.get("examples") or ()),
        counterexamples=tuple(canonical(str(e)) for e in data.get("counterexamples") or ()),
        extra={k: v for k, v in data.items() if k not in known},
    )


@cache
def table(name: str) -> tuple[dict[str, Any], ...]:
    """The rule table lexicon/<name>.yaml: its `rules`, each entry's strings in canonical form."""
    data = _read_yaml(name)
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise ValueError(f"lexicon/{name}.yaml: 'rules' must be a non-empty list")
    out = []
    for rule in rules:
        if not isinstance(rule, dict):
            raise ValueError(f"lexicon/{name}.yaml: every rule must be a mapping, got {rule!r}")
        out.append({k: _canonical_field(k, v) for k, v in rule.items()})
    return tuple(out)


def _canonical_field(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key == "pattern":  # a regex keeps its spacing; only its letters are made canonical
        return apply_tone_style(unicodedata.normalize("NFC", value), "new")
    return canonical(value)


def available() -> list[str]:
    """Names of every YAML file in the lexicon."""
    return sorted(p.name[:-5] for p in resources.files(__name__).iterdir() if p.name.endswith(".yaml"))


@cache
def load_json(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


def doc_types() -> dict[str, Any]:
    return load_json("doc_types.json")
