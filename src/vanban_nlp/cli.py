"""Command line: `vanban parse`, `vanban eval`, `vanban schema`."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .errors import DocumentError
from .io import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, Limits

app = typer.Typer(
    name="vanban",
    help="Read Vietnamese official documents into structured, trackable obligations.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)


class ParseFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"
    table = "table"


class ToneStyle(str, Enum):
    new = "new"
    old = "old"
    keep = "keep"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vanban-nlp {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """vanban-nlp: parse, evaluate and export Vietnamese official documents."""


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Documents to parse (TXT, DOCX, PDF, HTML).")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write DIR/<stem>.<ext>, one per input.")] = None,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="json, md, html (values highlighted) or table.")] = ParseFormat.json,
    encoding: Annotated[Optional[str], typer.Option(help="Force a text encoding: utf-8, utf-16, cp1258, tcvn3, vni.")] = None,
    tone_style: Annotated[ToneStyle, typer.Option(help="Tone-mark convention of the normalized text: new (hòa, thủy), old (hoà, thuỷ) or keep.")] = ToneStyle.new,
    max_mb: Annotated[float, typer.Option(help="Refuse files larger than this many MB.")] = DEFAULT_MAX_BYTES / 1048576,
    max_pages: Annotated[int, typer.Option(help="Refuse PDFs with more pages than this.")] = DEFAULT_MAX_PAGES,
) -> None:
    """Parse documents into document JSON v1 (or a Markdown / table summary).

    A file that cannot be read is reported with its reason; the others are still processed and
    the exit code is 2 at the end.
    """
    from .export.document_json import to_json
    from .export.markdown import to_markdown
    from .export.table import print_table
    from .pipeline import parse as parse_file

    limits = Limits(max_bytes=int(max_mb * 1048576), max_pages=max_pages)
    if out is None and len(files) > 1 and fmt == ParseFormat.json:
        err.print("[yellow]Several files and no --out: writing one JSON document per line (JSONL).[/]")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    failed = 0
    stdout = Console(soft_wrap=True)
    for path in files:
        try:
            document = parse_file(path, encoding=encoding, tone_style=tone_style.value, limits=limits)
        except DocumentError as exc:
            failed += 1
            err.print(f"[red]error[/] {exc.path}: {exc.message}", highlight=False)
            continue
        for warning in document.warnings:
            err.print(f"[yellow]warning[/] {path}: {warning}", highlight=False)
        if fmt == ParseFormat.table:
            print_table(document, stdout)
            continue
        if fmt == ParseFormat.md:
            rendered, suffix = to_markdown(document), ".md"
        elif fmt == ParseFormat.html:
            from .export.html import to_html

            rendered, suffix = to_html(document), ".html"
        else:
            one_line = out is None and len(files) > 1
            rendered, suffix = to_json(document, indent=None if one_line else 2), ".json"
        if out is not None:
            target = out / f"{path.stem}{suffix}"
            _write_atomic(target, rendered)
        else:
            sys.stdout.write(rendered + ("" if rendered.endswith("\n") else "\n"))
    if failed:
        err.print(f"{failed} of {len(files)} file(s) could not be read.")
        raise typer.Exit(code=2)


class TaskFormat(str, Enum):
    md = "md"
    csv = "csv"
    xlsx = "xlsx"
    ics = "ics"
    json = "json"


@app.command()
def tasks(
    files: Annotated[list[Path], typer.Argument(help="Documents whose obligations become tasks.")],
    fmt: Annotated[TaskFormat, typer.Option("--format", "-f", help="md, csv, xlsx, ics or json.")] = TaskFormat.md,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file (required for xlsx).")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Force a text encoding for TXT inputs.")] = None,
) -> None:
    """Turn the obligations of documents into a task list: who, what, with whom, by when, how often.

    One row per obligation with a stable id (document number + item path). Unreadable files are
    reported and skipped; the exit code is then 2.
    """
    from .export import tasks as task_export
    from .obligations.tasks import build_tasks
    from .pipeline import parse as parse_file

    all_tasks = []
    failed = 0
    for path in files:
        try:
            all_tasks.extend(build_tasks(parse_file(path, encoding=encoding)))
        except DocumentError as exc:
            failed += 1
            err.print(f"[red]error[/] {exc.path}: {exc.message}", highlight=False)
    if fmt == TaskFormat.xlsx and out is None:
        err.print("[red]error[/] --format xlsx needs --out FILE.xlsx")
        raise typer.Exit(code=2)
    rendered: str | bytes = {
        TaskFormat.md: task_export.to_markdown, TaskFormat.csv: task_export.to_csv, TaskFormat.xlsx: task_export.to_xlsx,
        TaskFormat.ics: task_export.to_ics, TaskFormat.json: task_export.to_json,
    }[fmt](all_tasks)
    if out is not None:
        data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(out)
        err.print(f"{len(all_tasks)} nhiệm vụ -> {out}")
    else:
        sys.stdout.write(rendered if isinstance(rendered, str) else rendered.decode("utf-8"))
    if failed:
        raise typer.Exit(code=2)


@app.command("eval")
def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (corpus/README.md format).")],
    show_misses: Annotated[bool, typer.Option("--show-misses", help="List every miss.")] = False,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the full report as JSON here.")] = None,
) -> None:
    """Parse each gold file's raw document and score the result (same metrics as the shared scorer)."""
    from .evaluate import evaluate
    from .pipeline import parse as parse_file

    def predict(raw_path: Path) -> dict:
        try:
            return parse_file(raw_path).to_dict()
        except DocumentError as exc:
            err.print(f"[red]error[/] {exc}")
            return {}

    try:
        report, misses = evaluate(gold_dir, predict)
    except FileNotFoundError as exc:
        err.print(f"[red]error[/] {exc}")
        raise typer.Exit(code=2)
    width = max(len(k) for k in report)
    for key, value in report.items():
        if key.startswith("_"):
            continue
        if "f1" in value:
            typer.echo(f"{key:<{width}}  P {value['p']:.3f}  R {value['r']:.3f}  F1 {value['f1']:.3f}  "
                       f"(tp {value['tp']}, pred {value['pred']}, gold {value['gold']})")
        else:
            typer.echo(f"{key:<{width}}  acc {value['acc']:.3f}  (n {value['n']})")
    typer.echo(f"macro F1 {report['_macro_f1']['f1']:.3f}")
    if show_misses:
        typer.echo("\n".join(misses))
    if json_out:
        json_out.write_text(json.dumps({"report": report, "misses": misses}, ensure_ascii=False, indent=2), encoding="utf-8")


@app.command()
def schema() -> None:
    """Print the JSON Schema of document JSON v1."""
    from .export.document_json import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def _write_atomic(target: Path, content: str) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(target)


if __name__ == "__main__":  # pragma: no cover
    app()
