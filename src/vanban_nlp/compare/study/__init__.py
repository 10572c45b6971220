"""How one central directive was carried out across provinces: `study()` gathers the texts that
implement it (from a batch store or files) and returns a `Study` with pandas DataFrames, charts
and an offline HTML report."""

from __future__ import annotations

from .build import study
from .collect import StudyError
from .result import Study

__all__ = ["Study", "StudyError", "study"]
