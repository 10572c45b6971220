"""Reports of a comparison: JSON and CSV for analysis, HTML side by side for reading (Vietnamese)."""

from __future__ import annotations

import csv
import html
import io
import json

from .align import Comparison


def to_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2)


def to_csv(comparison: Comparison) -> str:
    """One row per (central item, implementing text): long format, ready for pandas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "central_index",
            "central_item",
            "central_text",
            "doc",
            "status",
            "score",
            "doc_item",
            "doc_text",
            "doc_coverage",
        ]
    )
    for cov in comparison.documents:
        by_central = {m.central: m for m in cov.matches}
        for unit in comparison.central:
            match = by_central.get(unit.index)
            other = comparison.others[cov.doc][match.other] if match else None
            writer.writerow(
                [
                    unit.index,
                    unit.label,
                    unit.text,
                    cov.doc,
                    "covered" if match else "omitted",
                    round(match.score, 1) if match else "",
                    other.label if other else "",
                    other.text if other else "",
                    round(cov.coverage, 3),
                ]
            )
        for index in cov.additions:
            other = comparison.others[cov.doc][index]
            writer.writerow(
                ["", "", "", cov.doc, "addition", "", other.label, other.text, round(cov.coverage, 3)]
            )
    return "\ufeff" + buffer.getvalue()


def to_html(comparison: Comparison) -> str:
    esc = html.escape
    parts = [
        f"<h1>So sánh việc triển khai: {esc(comparison.central_title)}</h1>",
        "<h2>Mức độ bao phủ</h2>",
        "<table><tr><th>Văn bản triển khai</th><th>Bao phủ</th><th>Mục được triển khai</th><th>Bổ sung</th>"
        "<th>Bỏ sót</th></tr>",
    ]
    for cov in comparison.documents:
        parts.append(
            f"<tr><td>{esc(cov.title)}<br><small>{esc(cov.doc)}</small></td><td>{cov.coverage:.0%}</td>"
            f"<td>{len(cov.matches)}</td><td>{len(cov.additions)}</td><td>{len(cov.omissions)}</td></tr>"
        )
    parts.append("</table>")
    for cov in comparison.documents:
        parts.append(
            f"<h2>{esc(cov.title)}</h2><table><tr><th>Mục của văn bản gốc</th><th>Nội dung triển khai</th>"
            "<th>Độ tương đồng</th></tr>"
        )
        by_central = {m.central: m for m in cov.matches}
        for unit in comparison.central:
            match = by_central.get(unit.index)
            if match:
                other = comparison.others[cov.doc][match.other]
                parts.append(
                    f'<tr><td class="hit">{esc(unit.label or "")} {esc(unit.text)}</td>'
                    f'<td class="hit">{esc(other.label or "")} {esc(other.text)}</td>'
                    f"<td>{match.score:.0f}</td></tr>"
                )
            else:
                parts.append(
                    f'<tr><td class="miss">{esc(unit.label or "")} {esc(unit.text)}</td>'
                    '<td class="miss"><em>Không triển khai</em></td><td></td></tr>'
                )
        for index in cov.additions:
            other = comparison.others[cov.doc][index]
            parts.append(
                f'<tr><td class="add"><em>Nội dung bổ sung</em></td><td class="add">{esc(other.label or "")} '
                f"{esc(other.text)}</td><td></td></tr>"
            )
        parts.append("</table>")
    style = (
        "body{font-family:'Times New Roman',serif;margin:2em}"
        "table{border-collapse:collapse;width:100%;margin-bottom:2em}"
        "td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}"
        ".hit{background:#dcfce7}.miss{background:#fee2e2}"
        ".add{background:#e0f2fe}"
    )
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>So sánh văn bản</title>'
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n"
    )
