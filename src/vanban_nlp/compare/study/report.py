"""The study report: one self-contained HTML page in Vietnamese (inline CSS and SVG charts, no
script, nothing loaded from the network), and a shorter view for Jupyter."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pandas as pd

from ... import __version__
from . import charts
from .places import LEVEL_LABELS

if TYPE_CHECKING:
    from .result import Study

MAX_TASK_ROWS = 300
esc = html.escape

STYLE = """
body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:#111827;margin:0;background:#f9fafb}
main{max-width:1100px;margin:0 auto;padding:1.5em 2em 3em;background:#fff}
h1{font-size:1.5em;margin:.2em 0}
h2{font-size:1.15em;margin-top:2em;border-bottom:2px solid #e5e7eb;padding-bottom:.2em}
.sub{color:#4b5563;margin:.2em 0 1em}
.cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}
.card{flex:1 1 150px;border:1px solid #e5e7eb;border-radius:6px;padding:.6em .8em;background:#f9fafb}
.card b{display:block;font-size:1.5em;color:#1d4ed8}.card span{color:#4b5563;font-size:.85em}
figure{margin:1em 0;overflow-x:auto}figure svg{max-width:100%;height:auto}
figcaption{color:#4b5563;font-size:.85em;margin-top:.3em}
table{border-collapse:collapse;width:100%;font-size:.85em;margin:.6em 0}
th,td{border:1px solid #e5e7eb;padding:.3em .45em;vertical-align:top;text-align:left}
th{background:#f3f4f6}td.n{text-align:right;white-space:nowrap}
ul.tree{list-style:none;padding-left:1.2em}ul.tree li{margin:.2em 0}
.lv{display:inline-block;font-size:.75em;padding:0 .4em;border-radius:3px;color:#fff;margin-right:.3em}
.note{color:#92400e}
"""


def _day(value: Any) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else f"{value:%d/%m/%Y}"
    parts = str(value).split("-")
    return "/".join(reversed(parts))


def _text(value: Any) -> str:
    return (
        "" if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) else str(value)
    )


def _number(value: Any, suffix: str = "") -> str:
    text = _text(value)
    return f"{text}{suffix}" if text else ""


def _province(row: Any) -> str:
    province = _text(row["province"])
    if not province:
        return "Trung ương" if row["level"] == "central" else "Không rõ"
    current = _text(row.get("province_current"))
    return f"{province} (nay: {current})" if current and current != province else province


def _file(path: str | None) -> str:
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


def _level(level: str) -> str:
    colour = charts.LEVEL_COLOURS.get(level, "#9ca3af")
    return f'<span class="lv" style="background:{colour}">{esc(LEVEL_LABELS.get(level, level))}</span>'


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def headline(study: Study) -> dict[str, str]:
    """The figures at the top of the report."""
    texts = study.texts
    provinces = texts["province"].dropna().nunique()
    lags = texts["lag_days"].dropna()
    provincial = texts[texts["level"] == "province"]["lag_days"].dropna()
    figures = {
        "Văn bản triển khai": str(len(texts)),
        "Tỉnh, thành phố": str(provinces),
        "Độ trễ trung vị": f"{lags.median():.0f} ngày" if len(lags) else "–",
        "Độ trễ trung vị của UBND tỉnh": f"{provincial.median():.0f} ngày" if len(provincial) else "–",
    }
    coverage = texts["coverage"].dropna()
    figures["Mức bao phủ trung bình"] = f"{coverage.mean():.0%}" if len(coverage) else "–"
    figures["Nội dung bổ sung chung"] = str(len(study.common_additions))
    return figures


def _cards(study: Study) -> str:
    return (
        '<section class="cards">'
        + "".join(
            f'<div class="card"><b>{esc(v)}</b><span>{esc(k)}</span></div>'
            for k, v in headline(study).items()
        )
        + "</section>"
    )


def _title(study: Study) -> str:
    central = study.central
    sub = " · ".join(
        p for p in (f"ngày {_day(central.date)}" if central.date else "", central.issuer or "") if p
    )
    return f'<h1>Việc triển khai {esc(central.title)}</h1><p class="sub">{esc(sub)}</p>'


def _figure(svg: str | None, caption: str, empty: str) -> str:
    if svg is None:
        return f'<p class="note">{esc(empty)}</p>'
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption></figure>"


def _items_table(study: Study) -> str:
    if study.coverage.empty:
        return ""
    rows = []
    total = study.coverage["doc"].nunique()
    for (_, label, text), group in study.coverage.groupby(
        ["central_index", "central_item", "central_text"], dropna=False, sort=True
    ):
        covered = group[group["covered"]]
        provinces = sorted(covered["province"].dropna().unique())
        rows.append(
            [
                esc(_text(label)),
                esc(charts.short(_text(text), 160)),
                f"{len(covered)}/{total}",
                esc(", ".join(provinces)),
            ]
        )
    return _table(["Mục", "Nội dung của văn bản gốc", "Số văn bản triển khai", "Tỉnh, thành phố"], rows, {2})


def _tree(study: Study) -> str:
    levels = dict(zip(study.texts["doc"], study.texts["level"], strict=True))

    def node(data: dict[str, Any]) -> str:
        children = "".join(node(c) for c in data.get("implemented_by", []))
        level = levels.get(data.get("path") or "", "central")
        key = data.get("path")
        label = " ".join(p for p in (data.get("doc_type"), data.get("number")) if p) or _file(key)
        issuer, day = esc(data.get("issuer") or ""), esc(_day(data.get("date")))
        body = f"{_level(level)}<b>{esc(label)}</b> — {issuer} {day}"
        return f"<li>{body}" + (f'<ul class="tree">{children}</ul>' if children else "") + "</li>"

    if not study.tree:
        return ""
    return f'<ul class="tree">{node(study.tree)}</ul>'


def _texts_table(study: Study) -> str:
    rows = []
    for _, row in study.texts.sort_values(["province", "depth", "date"], na_position="last").iterrows():
        rows.append(
            [
                esc(_province(row)),
                _level(row["level"]) + esc(_text(row["issuer"]) or charts.short(_file(row["doc"]), 40)),
                esc(_text(row["number"])),
                esc(_day(row["date"]) or _day(row["date_text"])),
                esc(_number(row["lag_days"])),
                esc(f"{row['coverage']:.0%}" if not pd.isna(row["coverage"]) else ""),
                esc(_number(row["additions"])),
                esc(_day(row["first_deadline"])),
            ]
        )
    return _table(
        [
            "Tỉnh, thành phố",
            "Cơ quan ban hành",
            "Số, ký hiệu",
            "Ngày",
            "Độ trễ (ngày)",
            "Bao phủ",
            "Bổ sung",
            "Hạn xử lý sớm nhất",
        ],
        rows,
        {4, 5, 6},
    )


def _additions_table(study: Study) -> str:
    if study.common_additions.empty:
        return '<p class="note">Không có nội dung bổ sung nào chung cho từ hai tỉnh trở lên.</p>'
    rows = [
        [esc(charts.short(row["text"], 200)), str(row["texts"]), esc(row["province_names"])]
        for _, row in study.common_additions.iterrows()
    ]
    return _table(["Nội dung bổ sung (tiêu biểu)", "Số văn bản", "Tỉnh, thành phố"], rows, {1})


def _tasks_table(study: Study) -> str:
    tasks = study.tasks
    rows = []
    for _, row in tasks.head(MAX_TASK_ROWS).iterrows():
        rows.append(
            [
                esc(_text(row["province"]) or ("Trung ương" if row["level"] == "central" else "")),
                esc(_text(row["task_id"])),
                esc(_text(row["actors"])),
                esc(charts.short(_text(row["text"]), 180)),
                esc(_day(row["deadline"]) or _text(row["deadline_text"])),
                esc(_text(row["central_item"])),
            ]
        )
    more = (
        f'<p class="note">{len(tasks) - MAX_TASK_ROWS} nhiệm vụ nữa: '
        "xem bảng đầy đủ với --format csv hoặc parquet.</p>"
        if len(tasks) > MAX_TASK_ROWS
        else ""
    )
    return _table(["Tỉnh", "Nhiệm vụ", "Đơn vị chủ trì", "Nội dung", "Hạn xử lý", "Mục gốc"], rows) + more


def render(study: Study) -> str:
    central = study.central
    parts = [
        _title(study),
        _cards(study),
        "<h2>Mức độ triển khai từng nội dung</h2>",
        _figure(
            charts.coverage_heatmap(study),
            "Mỗi ô: văn bản triển khai × nội dung của văn bản gốc; số là độ tương đồng của đoạn triển khai "
            "(ô trống: không triển khai).",
            "Không tính được mức bao phủ: kho không có văn bản gốc.",
        ),
        _items_table(study),
        "<h2>Tiến độ ban hành văn bản triển khai</h2>",
        _figure(
            charts.lag_chart(study),
            f"Số văn bản triển khai đã ban hành, lũy kế theo ngày, từ văn bản gốc {central.number}.",
            "Không có văn bản triển khai nào rõ ngày ban hành.",
        ),
        "<h2>Đơn vị được giao nhiệm vụ theo tỉnh</h2>",
        _figure(
            charts.actors_chart(study),
            "Số nhiệm vụ mỗi tỉnh giao, chia theo đơn vị chủ trì (các đơn vị được giao nhiều nhất).",
            "Các văn bản triển khai không nêu đơn vị chủ trì.",
        ),
        "<h2>Cây văn bản triển khai</h2>",
        _tree(study),
        "<h2>Danh sách văn bản triển khai</h2>",
        _texts_table(study),
        "<h2>Nội dung bổ sung chung của nhiều tỉnh</h2>",
        _additions_table(study),
        "<h2>Nhiệm vụ và thời hạn</h2>",
        _tasks_table(study),
    ]
    if study.notes:
        parts.append("<h2>Ghi chú</h2><ul>" + "".join(f"<li>{esc(n)}</li>" for n in study.notes) + "</ul>")
    parts.append(f'<p class="sub">Tạo bởi vanban-nlp {esc(__version__)}.</p>')
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>Việc triển khai {esc(central.number)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(parts)}</main></body></html>\n"
    )


def _scoped(css: str, scope: str) -> str:
    """The style sheet applied only inside `scope` (a notebook page has its own styles)."""
    rules = []
    for rule in css.split("}"):
        if "{" not in rule:
            continue
        selectors, declarations = rule.split("{", 1)
        scoped = ",".join(
            scope if s.strip() == "body" else f"{scope} {s.strip()}"
            for s in selectors.split(",")
            if s.strip()
        )
        rules.append(f"{scoped}{{{declarations}}}")
    return "".join(rules)


def summary_html(study: Study) -> str:
    """The study in a notebook cell: headline figures, one chart and the first texts."""
    chart = charts.coverage_heatmap(study) or charts.lag_chart(study)
    head = study.texts.head(10)
    rows = [
        [
            esc(_province(r)),
            esc(_text(r["issuer"])),
            esc(_text(r["number"])),
            esc(_day(r["date"])),
            esc(_number(r["lag_days"])),
        ]
        for _, r in head.iterrows()
    ]
    more = (
        f"<p>… {len(study.texts) - 10} văn bản nữa trong <code>.texts</code>.</p>"
        if len(study.texts) > 10
        else ""
    )
    return (
        f'<div class="vanban-study"><style>{_scoped(STYLE, ".vanban-study")}</style>'
        f"{_title(study)}{_cards(study)}{f'<figure>{chart}</figure>' if chart else ''}"
        f"{_table(['Tỉnh, thành phố', 'Cơ quan ban hành', 'Số, ký hiệu', 'Ngày', 'Trễ (ngày)'], rows, {4})}"
        f"{more}</div>"
    )
