"""The Study object: DataFrames for notebooks, exports (JSON, CSV, parquet) and the HTML report."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .build import SCHEMAS, Central, frame

META_FILE = "study.json"


@dataclass
class Study:
    central: Central
    tree: dict[str, Any]
    texts: pd.DataFrame
    coverage: pd.DataFrame
    additions: pd.DataFrame
    common_additions: pd.DataFrame
    tasks: pd.DataFrame
    actors: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def frames(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in SCHEMAS}

    # --- exports ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "central": asdict(self.central),
            "tree": self.tree,
            "notes": self.notes,
            **{name: _records(data) for name, data in self.frames().items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_csv(self, folder: str | Path) -> list[Path]:
        """One CSV per table (UTF-8 with BOM, opens in Excel) and study.json for the rest."""
        return self._write_tables(
            folder, "csv", lambda data, target: data.to_csv(target, index=False, encoding="utf-8-sig")
        )

    def to_parquet(self, folder: str | Path) -> list[Path]:
        """One parquet file per table and study.json; `Study.read_parquet(folder)` reads them back."""
        return self._write_tables(
            folder, "parquet", lambda data, target: data.to_parquet(target, index=False)
        )

    def _write_tables(
        self, folder: str | Path, suffix: str, write: Callable[[pd.DataFrame, Path], None]
    ) -> list[Path]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = [self._write_meta(folder)]
        for name, data in self.frames().items():
            target = folder / f"{name}.{suffix}"
            write(data, target)
            written.append(target)
        return written

    @classmethod
    def read_parquet(cls, folder: str | Path) -> Study:
        folder = Path(folder)
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        tables = {}
        for name, schema in SCHEMAS.items():
            data = pd.read_parquet(folder / f"{name}.parquet")
            tables[name] = frame(data.to_dict("records"), schema) if data.empty else data.astype(schema)
        return cls(central=Central(**meta["central"]), tree=meta["tree"], notes=meta["notes"], **tables)

    def _write_meta(self, folder: Path) -> Path:
        target = folder / META_FILE
        meta = {"central": asdict(self.central), "tree": self.tree, "notes": self.notes}
        target.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        return target

    # --- views -----------------------------------------------------------------------------------
    def to_html(self) -> str:
        """The offline report: one HTML page, charts inline as SVG."""
        from .report import render

        return render(self)

    def _repr_html_(self) -> str:
        from .report import summary_html

        return summary_html(self)

    def __repr__(self) -> str:
        return (
            f"Study({self.central.number}: {len(self.texts)} văn bản triển khai, "
            f"{self.texts['province'].nunique()} tỉnh/thành phố)"
        )


def _records(data: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready rows: dates as ISO strings, missing values as null."""
    rows = []
    for record in data.to_dict("records"):
        row = {}
        for key, value in record.items():
            if isinstance(value, pd.Timestamp):
                row[key] = value.date().isoformat()
            elif (
                value is None
                or value is pd.NA
                or value is pd.NaT
                or (isinstance(value, float) and math.isnan(value))
            ):
                row[key] = None
            elif hasattr(value, "item"):
                row[key] = value.item()  # numpy scalars
            else:
                row[key] = value
        rows.append(row)
    return rows
