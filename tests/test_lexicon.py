"""The lexicon's integrity, the way dateparser checks its locale data: every file loads, says what
it holds and where it comes from, has no repeated entry, matches its own examples, and lists that
must not share a word do not."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from vanban_nlp import lexicon
from vanban_nlp.lexicon import canonical
from vanban_nlp.obligations.cues import cues
from vanban_nlp.text.chars import fold

NAMES = lexicon.available()


def _raw(name: str) -> dict:
    text = resources.files("vanban_nlp.lexicon").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


RULE_TABLES = [name for name in NAMES if "rules" in _raw(name)]
WORD_LISTS = [name for name in NAMES if name not in RULE_TABLES]

# lists whose words mean different things: a word in both would be read two ways
MUST_BE_DISJOINT = [
    ("bodies", "not_actors"),
    ("collective_actors", "not_actors"),
    ("private_parties", "not_actors"),
    ("bodies", "action_verbs"),
    ("signer_authorities", "signer_titles"),
    ("local_government", "private_parties"),
    ("local_government", "outside_bodies"),
    ("bodies", "recipient_purposes"),
    ("quoc_hieu", "tieu_ngu"),
    ("table_column_lead", "table_column_support"),
    ("table_column_task", "table_column_output"),
    ("table_column_deadline", "table_column_number"),
]


def test_the_lexicon_has_word_lists_and_the_cue_table() -> None:
    assert len(WORD_LISTS) >= 30 and "obligation_cues" in RULE_TABLES


@pytest.mark.parametrize("name", NAMES)
def test_every_file_says_what_it_holds_and_where_it_comes_from(name: str) -> None:
    data = _raw(name)
    assert str(data.get("description", "")).strip(), f"lexicon/{name}.yaml: no description"
    assert str(data.get("source", "")).strip(), f"lexicon/{name}.yaml: no source"


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text).lower())


@pytest.mark.parametrize("name", WORD_LISTS)
def test_a_word_list_loads_without_repeated_entries(name: str) -> None:
    matching = _raw(name).get("matching", "words")
    assert matching in {"words", "case-sensitive", "folded"}, f"lexicon/{name}.yaml: matching {matching!r}"
    key = {"words": str.casefold, "case-sensitive": str, "folded": _compact}[matching]
    entries = [key(canonical(str(word))) for word in _raw(name)["words"]]
    repeated = sorted({word for word in entries if entries.count(word) > 1})
    assert not repeated, f"lexicon/{name}.yaml repeats {repeated}"
    if matching != "folded":
        assert len(lexicon.words(name)) == len(entries)


@pytest.mark.parametrize("name", WORD_LISTS)
def test_a_word_list_matches_its_examples(name: str) -> None:
    word_list = lexicon.words(name)
    assert word_list.examples, f"lexicon/{name}.yaml: give at least one example"
    matching = word_list.extra.get("matching", "words")
    for example in word_list.examples:
        if matching == "folded":
            found = any(_compact(word) in _compact(example) for word in word_list)
        else:
            flags = 0 if matching == "case-sensitive" else re.IGNORECASE
            alternatives = [word_list.alternation(), *word_list.extra.get("patterns", [])]
            bounded = r"(?<![^\W\d_])(?:" + "|".join(alternatives) + r")(?![^\W\d_])"
            found = re.search(bounded, example, flags) is not None
        assert found, f"lexicon/{name}.yaml: no word of the list in example {example!r}"


@pytest.mark.parametrize(("first", "second"), MUST_BE_DISJOINT)
def test_lists_with_different_meanings_share_no_word(first: str, second: str) -> None:
    shared = lexicon.words(first).keys() & lexicon.words(second).keys()
    assert not shared, f"lexicon/{first}.yaml and lexicon/{second}.yaml both hold {sorted(shared)}"


def test_every_cue_rule_is_well_formed_and_compiles() -> None:
    rules = lexicon.table("obligation_cues")
    matcher = cues()
    for rule in rules:
        assert ("literal" in rule) != ("pattern" in rule), rule
        assert rule["direction"] in {"forward", "backward", "both"}, rule
        assert rule.get("position", "any") in {"start", "end", "any"}, rule
        assert rule["category"] in matcher.categories, rule
    keys = [(rule.get("literal") or rule.get("pattern"), rule["category"]) for rule in rules]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    assert not repeated, f"lexicon/obligation_cues.yaml repeats {repeated}"


def test_every_cue_category_is_pinned_by_a_case_file() -> None:
    """Each category of the cue table has at least one case in tests/cases/obligation_cues.tsv."""
    table = Path(__file__).parent / "cases" / "obligation_cues.tsv"
    lines = table.read_text(encoding="utf-8").splitlines()
    pinned = {line.split("\t")[1].removeprefix("cue.") for line in lines if line and not line.startswith("#")}
    missing = cues().categories - pinned
    assert not missing, f"no case for cue categories {sorted(missing)}"
