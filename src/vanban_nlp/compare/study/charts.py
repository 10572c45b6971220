"""Charts of a study as standalone SVG (matplotlib, no browser code, nothing fetched): the coverage
heatmap, the cumulative curve of implementing texts over time and the actors of each province.
Glyphs are drawn as paths from matplotlib's bundled DejaVu Sans, so Vietnamese shows the same in
every browser."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .places import LEVEL_LABELS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .result import Study

MAX_HEATMAP_ROWS = 40  # above this, rows are provinces (share of their texts) instead of texts
MAX_BAR_ROWS = 40
TOP_ACTORS = 8
LEVEL_COLOURS = {
    "central": "#6b7280",
    "province": "#1d4ed8",
    "department": "#059669",
    "district": "#d97706",
    "commune": "#9333ea",
    "unknown": "#9ca3af",
}


@contextmanager
def _style(name: str) -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "svg.fonttype": "path",
            "svg.hashsalt": f"vanban-{name}",  # ids differ between charts inlined in one page
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        yield


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text[text.index("<svg") :], flags=re.S)


def short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def place_label(province: object, level: object) -> str:
    if isinstance(province, str) and province:
        return province
    return "Trung ương" if level == "central" else "Không rõ tỉnh"


def text_label(texts: pd.DataFrame, doc: str) -> str:
    """A text's number, or its file name when it has none (news reports)."""
    number = texts.at[doc, "number"]
    return number if isinstance(number, str) and number else short(doc.rsplit("/", 1)[-1], 24)


def coverage_heatmap(study: Study) -> str | None:
    """Implementing texts (or provinces) × central items; colour is the similarity of the passage
    that carries the item, blank where the text does not carry it."""
    from matplotlib.figure import Figure

    coverage = study.coverage
    if coverage.empty:
        return None
    items = coverage.drop_duplicates("central_index").sort_values("central_index")
    columns = [
        short(label or str(i + 1), 8)
        for i, label in zip(items["central_index"], items["central_item"], strict=True)
    ]
    texts = study.texts.set_index("doc")
    compared = set(coverage["doc"])
    docs = [d for d in texts.index if d in compared]
    by_province = len(docs) > MAX_HEATMAP_ROWS
    if by_province:
        labelled = coverage.assign(
            group=[place_label(p, lv) for p, lv in zip(coverage["province"], coverage["level"], strict=True)]
        )
        share = labelled.pivot_table(index="group", columns="central_index", values="covered", aggfunc="mean")
        share = share.reindex(columns=items["central_index"])
        values = np.ma.masked_equal(share.to_numpy(dtype=float) * 100, 0)
        per_group = labelled.drop_duplicates("doc")["group"].value_counts()
        rows = [f"{group} ({per_group[group]})" for group in share.index]
        scale_label = "Tỷ lệ văn bản triển khai nội dung (%)"
    else:
        scores = coverage.pivot_table(index="doc", columns="central_index", values="score", aggfunc="max")
        scores = scores.reindex(index=docs, columns=items["central_index"])
        values = np.ma.masked_invalid(scores.to_numpy(dtype=float))
        rows = [
            short(
                f"{place_label(texts.at[d, 'province'], texts.at[d, 'level'])} · {text_label(texts, d)}", 44
            )
            for d in docs
        ]
        scale_label = "Độ tương đồng với nội dung gốc"
    with _style("heatmap"):
        import matplotlib as mpl

        colours = mpl.colormaps["Greens"].with_extremes(bad="#f3f4f6")
        height = 1.3 + 0.3 * len(rows)
        figure = Figure(figsize=(max(6.0, 2.6 + 0.55 * len(columns)), height))
        axes = figure.add_subplot()
        image = axes.imshow(values, aspect="auto", cmap=colours, vmin=0, vmax=100, interpolation="nearest")
        axes.set_xticks(range(len(columns)), columns)
        axes.set_yticks(range(len(rows)), rows)
        axes.xaxis.tick_top()
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        if values.size <= 600:
            for (r, c), value in np.ndenumerate(values.filled(np.nan)):
                if not np.isnan(value):
                    axes.text(
                        c,
                        r,
                        f"{value:.0f}",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if value > 70 else "#14532d",
                    )
        bar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02)
        bar.set_label(scale_label)
        return _svg(figure)


def lag_chart(study: Study) -> str | None:
    """How many implementing texts had been issued, day after day, from the central text on."""
    from matplotlib.dates import AutoDateLocator, DateFormatter
    from matplotlib.figure import Figure

    dated = study.texts.dropna(subset=["date"]).sort_values("date")
    if dated.empty:
        return None
    with _style("lag"):
        figure = Figure(figsize=(8.0, 3.6))
        axes = figure.add_subplot()
        central_day = pd.to_datetime(study.central.date, errors="coerce") if study.central.date else pd.NaT
        start = min(dated["date"].min(), central_day) if not pd.isna(central_day) else dated["date"].min()
        counts = np.arange(1, len(dated) + 1)
        axes.step(
            [start, *dated["date"]],
            [0, *counts],
            where="post",
            color="#111827",
            linewidth=1.6,
            label="Tất cả văn bản",
        )
        provincial = dated[dated["level"] == "province"]
        if not provincial.empty and len(provincial) < len(dated):
            axes.step(
                [start, *provincial["date"]],
                [0, *range(1, len(provincial) + 1)],
                where="post",
                color=LEVEL_COLOURS["province"],
                linestyle="--",
                linewidth=1.2,
                label="Văn bản của UBND tỉnh, thành phố",
            )
        for level, colour in LEVEL_COLOURS.items():
            mask = (dated["level"] == level).to_numpy()
            if mask.any():
                axes.scatter(
                    dated["date"][mask], counts[mask], s=22, color=colour, zorder=3, label=LEVEL_LABELS[level]
                )
        if not pd.isna(central_day):
            axes.axvline(
                central_day, color="#dc2626", linewidth=1, label=f"Văn bản gốc ({central_day:%d/%m/%Y})"
            )
        axes.xaxis.set_major_locator(AutoDateLocator(maxticks=7))
        axes.xaxis.set_major_formatter(DateFormatter("%d/%m/%Y"))
        for label in axes.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
        axes.set_ylabel("Số văn bản triển khai (lũy kế)")
        axes.set_xlabel("Ngày ban hành")
        axes.set_ylim(0, len(dated) * 1.08 + 0.5)
        axes.grid(axis="y", color="#e5e7eb")
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        return _svg(figure)


def actors_chart(study: Study) -> str | None:
    """Tasks assigned per province, split by the body that leads them (the most frequent ones)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    leads = study.actors[study.actors["role"] == "actor"]
    if leads.empty:
        return None
    leads = leads.assign(
        place=[place_label(p, lv) for p, lv in zip(leads["province"], leads["level"], strict=True)],
        who=[a[:1].upper() + a[1:] for a in leads["actor"]],
    )
    top = leads["who"].value_counts().index[:TOP_ACTORS].tolist()
    leads = leads.assign(who=[w if w in top else "Khác" for w in leads["who"]])
    table = leads.pivot_table(index="place", columns="who", values="task_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=[c for c in [*top, "Khác"] if c in table.columns])
    table = table.loc[table.sum(axis=1).sort_values(ascending=True).index[-MAX_BAR_ROWS:]]
    with _style("actors"):
        import matplotlib as mpl

        palette = [mpl.colormaps["tab10"](i) for i in range(10)]
        figure = Figure(figsize=(8.0, 1.6 + 0.32 * len(table)))
        axes = figure.add_subplot()
        left = np.zeros(len(table))
        for i, column in enumerate(table.columns):
            values = table[column].to_numpy()
            colour = "#d1d5db" if column == "Khác" else palette[i % len(palette)]
            axes.barh(table.index, values, left=left, color=colour, label=short(column, 40), height=0.7)
            left += values
        axes.set_xlabel("Số nhiệm vụ được giao (đơn vị chủ trì)")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        axes.grid(axis="x", color="#e5e7eb")
        axes.set_axisbelow(True)
        return _svg(figure)
