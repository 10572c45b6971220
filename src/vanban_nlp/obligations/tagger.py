"""underthesea's part-of-speech tagger, with the tagger's features built in one pass per sentence.

`underthesea.pos_tag(text)` segments words (regex tokens, then a CRF over features built by
underthesea-core's compiled featurizer), then tags them with a second CRF over 22 feature
templates built in pure Python: one regex parse of the template for every feature of every word,
which made the tagger most of the obligation stage. `tag` gives exactly the same answer — the same
segmentation (underthesea's own `word_tokenize`), the same packaged model (`pos_crf_2017_10_11.bin`,
run by underthesea-core's CRFTagger), fed the same feature strings — with those strings built once
per sentence from each word's lower-case form and title test. Answers are cached by text: letters
repeat their openings ("Quyết định này có hiệu lực …"). When the packaged model is not where this
version of underthesea keeps it, `underthesea.pos_tag` itself is used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

Tagged = tuple[tuple[str, str], ...]

# underthesea/pipeline/pos_tag/model_crf.py: the templates the packaged model was trained with,
# in its order; column [1] of a row is the placeholder tag "X"
TEMPLATES = (
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-3][1]", "T[-2][1]", "T[-1][1]",
    "T[-3,-2][1]", "T[-2,-1][1]",
)  # fmt: skip
MODEL = "pos_crf_2017_10_11.bin"


def _istitle(word: str) -> str:
    """tagged_feature.text_istitle: every space-separated part starts with a title-case letter."""
    return str(bool(word) and all(part and part[0].istitle() for part in word.split(" ")))


def features(words: Sequence[str]) -> list[list[str]]:
    """What underthesea's tagged_feature.word2features gives each word for TEMPLATES: the value
    at an offset before the sentence is BOS, past its end EOS (an n-gram: where it starts or ends)."""
    n = len(words)
    word = ["BOS", "BOS", *words, "EOS", "EOS"]  # word[i + 2] is words[i]
    lower = ["BOS", "BOS", *(w.lower() for w in words), "EOS", "EOS"]
    title = ["BOS", *(_istitle(w) for w in words), "EOS"]  # title[i + 1]
    rows = []
    for i in range(n):
        j = i + 2
        rows.append([
            "T[-2].lower=" + lower[j - 2], "T[-1].lower=" + lower[j - 1], "T[0].lower=" + lower[j],
            "T[1].lower=" + lower[j + 1], "T[2].lower=" + lower[j + 2],
            "T[0].istitle=" + title[i + 1], "T[-1].istitle=" + title[i], "T[1].istitle=" + title[i + 2],
            "T[-2]=" + word[j - 2], "T[-1]=" + word[j - 1], "T[0]=" + word[j], "T[1]=" + word[j + 1],
            "T[2]=" + word[j + 2],
            "T[-2,-1]=" + (word[j - 2] + " " + word[j - 1] if i >= 2 else "BOS"),
            "T[-1,0]=" + (word[j - 1] + " " + word[j] if i >= 1 else "BOS"),
            "T[0,1]=" + (word[j] + " " + word[j + 1] if i + 1 < n else "EOS"),
            "T[1,2]=" + (word[j + 1] + " " + word[j + 2] if i + 2 < n else "EOS"),
            "T[-3][1]=" + ("X" if i >= 3 else "BOS"), "T[-2][1]=" + ("X" if i >= 2 else "BOS"),
            "T[-1][1]=" + ("X" if i >= 1 else "BOS"),
            "T[-3,-2][1]=" + ("X X" if i >= 3 else "BOS"), "T[-2,-1][1]=" + ("X X" if i >= 2 else "BOS"),
        ])  # fmt: skip
    return rows


def _load() -> Callable[[str], list[tuple[str, str]]]:
    from underthesea import word_tokenize
    from underthesea.pipeline import pos_tag as pos_tag_package

    model_path = Path(pos_tag_package.__file__).parent / MODEL
    try:
        from underthesea_core import CRFTagger

        model = CRFTagger()
        model.load(str(model_path))
    except (ImportError, OSError, ValueError):  # another underthesea layout: its own tagger
        return pos_tag_package.pos_tag

    def pos_tag(text: str) -> list[tuple[str, str]]:
        words = word_tokenize(text)
        return list(zip(words, model.tag(features(words)), strict=True)) if words else []

    return pos_tag


@lru_cache(maxsize=1)
def _pos_tag() -> Callable[[str], list[tuple[str, str]]]:
    return _load()


@lru_cache(maxsize=2048)
def tag(text: str) -> Tagged:
    """(word, tag) pairs of the text, exactly as underthesea.pos_tag(text) gives them."""
    return tuple(_pos_tag()(text))
