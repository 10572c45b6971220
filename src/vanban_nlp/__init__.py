"""vanban-nlp: Vietnamese official documents into structured, trackable obligations.

>>> from vanban_nlp import parse
>>> doc = parse("cong-van.docx")
>>> doc.header.number, [r.number for r in doc.references]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import DocumentError  # noqa: E402
from .pipeline import parse, parse_text  # noqa: E402

if TYPE_CHECKING:
    from .compare.study import Study


def study(central: str, *sources: Any, **options: Any) -> Study:
    """How the directive numbered `central` was carried out: a Study with pandas DataFrames
    (texts, coverage, additions, tasks…) and an HTML report. See `vanban_nlp.compare.study.study`.

    >>> s = study("280/CĐ-TTg", db="kho.sqlite")
    >>> s.texts.groupby("province")["lag_days"].min()
    """
    from .compare.study import study as run_study

    return run_study(central, *sources, **options)


__all__ = ["DocumentError", "parse", "parse_text", "study", "__version__"]
