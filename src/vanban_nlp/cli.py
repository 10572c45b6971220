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


class OcrMode(str, Enum):
    auto = "auto"
    force = "force"
    never = "never"


OcrOption = Annotated[
    OcrMode,
    typer.Option(
        "--ocr",
        help="auto: OCR scanned pages and images; force: OCR every page; never: text layers only.",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vanban-nlp {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """vanban-nlp: parse, evaluate and export Vietnamese official documents."""


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Documents to parse (TXT, DOCX, PDF, HTML).")],
    out: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Write DIR/<stem>.<ext>, one per input.")
    ] = None,
    fmt: Annotated[
        ParseFormat, typer.Option("--format", "-f", help="json, md, html (values highlighted) or table.")
    ] = ParseFormat.json,
    encoding: Annotated[
        Optional[str], typer.Option(help="Force a text encoding: utf-8, utf-16, cp1258, tcvn3, vni.")
    ] = None,
    tone_style: Annotated[
        ToneStyle,
        typer.Option(
            help="Tone-mark convention of the normalized text: new (hòa, thủy), old (hoà, thuỷ) or keep."
        ),
    ] = ToneStyle.new,
    max_mb: Annotated[float, typer.Option(help="Refuse files larger than this many MB.")] = DEFAULT_MAX_BYTES
    / 1048576,
    max_pages: Annotated[
        int, typer.Option(help="Refuse PDFs with more pages than this.")
    ] = DEFAULT_MAX_PAGES,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    """Parse documents into document JSON 1.1 (or a Markdown / table summary).

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
            document = parse_file(
                path, encoding=encoding, tone_style=tone_style.value, limits=limits, ocr=ocr.value
            )
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


def _page_range(spec: str | None) -> range | None:
    """'1-3' -> range(0, 3); '2' -> range(1, 2); '4-' -> from page 4 on."""
    if not spec:
        return None
    first, dash, last = spec.strip().partition("-")
    try:
        start = int(first)
        end = int(last) if last.strip() else 1_000_000 if dash else start
    except ValueError:
        raise typer.BadParameter(f"'{spec}' is not a page range like 1-3", param_hint="--pages") from None
    if start < 1 or end < start:
        raise typer.BadParameter(f"'{spec}' is not a page range like 1-3", param_hint="--pages")
    return range(start - 1, end)


@app.command()
def text(
    files: Annotated[list[Path], typer.Argument(help="Documents (TXT, DOCX, PDF, HTML, PNG, JPEG, TIFF).")],
    pages: Annotated[
        Optional[str], typer.Option("--pages", help="Pages of a PDF or TIFF to read, e.g. 1-3 or 2.")
    ] = None,
    ocr: OcrOption = OcrMode.auto,
    encoding: Annotated[Optional[str], typer.Option(help="Force a text encoding for TXT inputs.")] = None,
) -> None:
    """Print the text the parser reads: text layer, DOCX, HTML or OCR (the pdftotext of vanban).

    With several files each text is preceded by a line '==> FILE <=='. A file that cannot be read is
    reported on stderr and the exit code is 2 at the end.
    """
    from .io import read

    wanted = _page_range(pages)
    failed = printed = 0
    for path in files:
        try:
            raw = read(path, encoding=encoding, ocr=ocr.value, pages=wanted)
        except DocumentError as exc:
            failed += 1
            err.print(f"[red]error[/] {exc.path}: {exc.message}", highlight=False)
            continue
        for warning in raw.warnings:
            err.print(f"[yellow]warning[/] {path}: {warning}", highlight=False)
        if len(files) > 1:
            sys.stdout.write(("\n" if printed else "") + f"==> {path} <==\n")
        sys.stdout.write(raw.text + ("" if raw.text.endswith("\n") else "\n"))
        printed += 1
    if failed:
        raise typer.Exit(code=2)


class TaskFormat(str, Enum):
    md = "md"
    csv = "csv"
    xlsx = "xlsx"
    ics = "ics"
    json = "json"


@app.command()
def tasks(
    files: Annotated[
        Optional[list[Path]], typer.Argument(help="Documents whose obligations become tasks.")
    ] = None,
    fmt: Annotated[
        TaskFormat, typer.Option("--format", "-f", help="md, csv, xlsx, ics or json.")
    ] = TaskFormat.md,
    out: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Write to this file (required for xlsx).")
    ] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Force a text encoding for TXT inputs.")] = None,
    db: Annotated[
        Optional[Path], typer.Option("--db", help="Read tasks from a batch store instead of files.")
    ] = None,
    actor: Annotated[
        Optional[str], typer.Option(help="With --db: tasks whose đơn vị chủ trì contains this.")
    ] = None,
    deadline_before: Annotated[
        Optional[str], typer.Option(help="With --db: deadline before this date (YYYY-MM-DD).")
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="With --db: past their deadline and not done.")
    ] = False,
    cites: Annotated[
        Optional[str], typer.Option(help="With --db: from documents citing this number.")
    ] = None,
    status: Annotated[Optional[str], typer.Option(help="With --db: open, in_progress or done.")] = None,
    set_status: Annotated[
        Optional[tuple[str, str]], typer.Option("--set-status", help="With --db: TASK_ID STATUS.")
    ] = None,
    ocr: OcrOption = OcrMode.auto,
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
    if db is not None:
        all_tasks = _tasks_from_store(db, actor, deadline_before, overdue, cites, status, set_status)
        files = []
    elif not files:
        err.print("[red]error[/] give document files or --db STORE")
        raise typer.Exit(code=2)
    for path in files:
        try:
            all_tasks.extend(build_tasks(parse_file(path, encoding=encoding, ocr=ocr.value)))
        except DocumentError as exc:
            failed += 1
            err.print(f"[red]error[/] {exc.path}: {exc.message}", highlight=False)
    if fmt == TaskFormat.xlsx and out is None:
        err.print("[red]error[/] --format xlsx needs --out FILE.xlsx")
        raise typer.Exit(code=2)
    rendered: str | bytes = {
        TaskFormat.md: task_export.to_markdown,
        TaskFormat.csv: task_export.to_csv,
        TaskFormat.xlsx: task_export.to_xlsx,
        TaskFormat.ics: task_export.to_ics,
        TaskFormat.json: task_export.to_json,
    }[fmt](all_tasks)
    _output(rendered, out)
    if out is not None:
        err.print(f"{len(all_tasks)} nhiệm vụ -> {out}")
    if failed:
        raise typer.Exit(code=2)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Folders, glob patterns, files or ZIP archives.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="x.sqlite for the SQLite store, or a folder for JSONL.")
    ],
    workers: Annotated[
        Optional[int], typer.Option(help="Worker processes (default: the machine's cores).")
    ] = None,
    scheduler: Annotated[
        Optional[str], typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    chunk_size: Annotated[Optional[int], typer.Option(help="Files per unit of work.")] = None,
    no_obligations: Annotated[
        bool, typer.Option("--no-obligations", help="Skip the obligation stage.")
    ] = False,
    max_mb: Annotated[float, typer.Option(help="Refuse files larger than this many MB.")] = DEFAULT_MAX_BYTES
    / 1048576,
    max_pages: Annotated[
        int, typer.Option(help="Refuse PDFs with more pages than this.")
    ] = DEFAULT_MAX_PAGES,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    """Parse many documents in parallel into a SQLite store or JSONL files.

    Run it again with the same --out to resume: documents already stored (by content hash) are
    skipped. Every input ends as a stored document or a recorded error (errors table / errors.jsonl).
    """
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .batch.run import run_batch

    options = {
        "obligations": not no_obligations,
        "max_bytes": int(max_mb * 1048576),
        "max_pages": max_pages,
        "ocr": ocr.value,
    }
    started = time.perf_counter()
    with Progress(
        TextColumn("[bold]vanban batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    ) as bar:
        task = bar.add_task("batch", total=None, rate="")

        def on_progress(finished: int, total: int) -> None:
            elapsed = time.perf_counter() - started
            bar.update(
                task,
                completed=finished,
                total=total,
                rate=f"{finished / elapsed:.1f} tệp/s" if elapsed else "",
            )

        summary = run_batch(
            inputs,
            out,
            workers=workers,
            scheduler=scheduler,
            chunk_size=chunk_size,
            options=options,
            on_progress=on_progress,
        )
    for item, problem in summary.bad_inputs:
        err.print(f"[red]error[/] {item}: {problem}", highlight=False)
    reasons = ", ".join(f"{reason}: {count}" for reason, count in summary.reasons.most_common())
    err.print(
        f"Tổng {summary.total} tệp — xong {summary.done}, lỗi {summary.failed}"
        + (f" ({reasons})" if reasons else "")
        + f", bỏ qua (đã có) {summary.skipped}."
    )
    if summary.interrupted:
        err.print("[yellow]Đã dừng giữa chừng; chạy lại cùng lệnh để tiếp tục.[/]")
        raise typer.Exit(code=130)
    if summary.bad_inputs:
        raise typer.Exit(code=2)


@app.command()
def query(
    db: Annotated[Path, typer.Argument(help="A store written by vanban batch --out x.sqlite.")],
    text: Annotated[Optional[str], typer.Option("--text", help="Full-text search in document texts.")] = None,
    limit: Annotated[int, typer.Option(help="How many documents to list.")] = 20,
) -> None:
    """Show what a store holds, or search its document texts."""
    from rich.table import Table

    from .store.sqlite import Store

    if not db.exists():
        err.print(f"[red]error[/] {db}: no such store")
        raise typer.Exit(code=2)
    store = Store(db)
    console = Console()
    if text:
        table = Table("Số, ký hiệu", "Loại", "Ngày", "Trích yếu", "Tệp", title=f"Tìm: {text}")
        for row in store.search_documents(text, limit):
            table.add_row(
                row["number"] or "",
                row["doc_type"] or "",
                row["date"] or "",
                (row["subject"] or "")[:60],
                row["path"],
            )
        console.print(table)
    else:
        counts = store.counts()
        console.print(
            f"Lược đồ phiên bản {store.version}: {counts['documents']} văn bản, {counts['errors']} lỗi, "
            f"{counts['doc_references']} lượt viện dẫn, {counts['obligations']} nghĩa vụ, {counts['tasks']} nhiệm vụ."
        )
    store.close()


class CompareFormat(str, Enum):
    html = "html"
    json = "json"
    csv = "csv"


@app.command()
def compare(
    central: Annotated[
        Path, typer.Argument(help="The central directive (e.g. a Công điện of the Prime Minister).")
    ],
    others: Annotated[list[Path], typer.Argument(help="Implementing texts to compare with it.")],
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="html, json or csv.")
    ] = CompareFormat.html,
    out: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Write the report here (default stdout).")
    ] = None,
) -> None:
    """How each implementing text covers the central directive: matches, additions, omissions."""
    from .compare import report
    from .compare.align import compare as run_compare
    from .pipeline import parse as parse_file

    try:
        central_doc = parse_file(central)
    except DocumentError as exc:
        err.print(f"[red]error[/] {exc.path}: {exc.message}", highlight=False)
        raise typer.Exit(code=2)
    parsed, failed = [], 0
    for path in others:
        try:
            parsed.append((str(path), parse_file(path)))
        except DocumentError as exc:
            failed += 1
            err.print(f"[red]error[/] {exc.path}: {exc.message}", highlight=False)
    comparison = run_compare(central_doc, parsed, central_name=str(central))
    rendered = {
        CompareFormat.html: report.to_html,
        CompareFormat.json: report.to_json,
        CompareFormat.csv: report.to_csv,
    }[fmt](comparison)
    _output(rendered, out)
    if failed:
        raise typer.Exit(code=2)


@app.command()
def graph(
    inputs: Annotated[list[Path], typer.Argument(help="Documents, folders, or a batch store (x.sqlite).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="graph.json, graph.graphml or graph.dot")],
    focus: Annotated[
        Optional[str], typer.Option(help="Print the tree of documents implementing this number.")
    ] = None,
    top: Annotated[int, typer.Option(help="How many most-cited documents to list.")] = 10,
) -> None:
    """The citation graph of a corpus, its most-cited documents and, with --focus, an implementation tree."""
    from .compare.graph import build_graph, implementing_tree, most_cited, write_graph

    documents = list(_documents_for_graph(inputs))
    citation_graph = build_graph(documents)
    write_graph(citation_graph, out)
    err.print(
        f"{citation_graph.number_of_nodes()} văn bản, {citation_graph.number_of_edges()} lượt viện dẫn -> {out}"
    )
    console = Console()
    console.print("[bold]Văn bản được viện dẫn nhiều nhất[/]")
    for number, count in most_cited(citation_graph, top):
        console.print(f"  {number}: {count}")
    if focus:
        tree = implementing_tree(citation_graph, focus)
        if tree is None:
            err.print(f"[yellow]{focus} không có trong đồ thị[/]")
            raise typer.Exit(code=1)
        from rich.tree import Tree

        def add(node: Tree, data: dict) -> None:
            for child in data["implemented_by"]:
                label = " ".join(
                    p for p in (child["doc_type"], child["number"], child["issuer"], child["date"]) if p
                )
                add(node.add(label or child["path"]), child)

        root = Tree(
            " ".join(p for p in (tree["doc_type"], tree["number"], tree["issuer"], tree["date"]) if p)
        )
        add(root, tree)
        console.print(root)


def _documents_for_graph(inputs: list[Path]):
    from .batch.inputs import expand_inputs
    from .pipeline import parse as parse_file

    for path in inputs:
        if path.suffix.lower() in (".sqlite", ".sqlite3", ".db"):
            import sqlite3

            connection = sqlite3.connect(path)
            for (text,) in connection.execute("SELECT json FROM documents"):
                yield json.loads(text)
            connection.close()
            continue
        sources, problems = expand_inputs([str(path)])
        for item, problem in problems:
            err.print(f"[red]error[/] {item}: {problem}", highlight=False)
        for source in sources:
            if source.is_zip_member:
                continue
            try:
                yield parse_file(source.name, obligations=False).to_dict()
            except DocumentError as exc:
                err.print(f"[red]error[/] {exc.path}: {exc.message}", highlight=False)


@app.command("eval")
def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (corpus/README.md format).")],
    show_misses: Annotated[bool, typer.Option("--show-misses", help="List every miss.")] = False,
    json_out: Annotated[
        Optional[Path], typer.Option("--json", help="Write the full report as JSON here.")
    ] = None,
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
            typer.echo(
                f"{key:<{width}}  P {value['p']:.3f}  R {value['r']:.3f}  F1 {value['f1']:.3f}  "
                f"(tp {value['tp']}, pred {value['pred']}, gold {value['gold']})"
            )
        else:
            typer.echo(f"{key:<{width}}  acc {value['acc']:.3f}  (n {value['n']})")
    typer.echo(f"macro F1 {report['_macro_f1']['f1']:.3f}")
    if show_misses:
        typer.echo("\n".join(misses))
    if json_out:
        json_out.write_text(
            json.dumps({"report": report, "misses": misses}, ensure_ascii=False, indent=2), encoding="utf-8"
        )


@app.command()
def schema() -> None:
    """Print the JSON Schema of document JSON v1."""
    from .export.document_json import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def _tasks_from_store(db: Path, actor, deadline_before, overdue, cites, status, set_status):
    from .model import Task
    from .store.sqlite import STATUSES, Store

    if not db.exists():
        err.print(f"[red]error[/] {db}: no such store")
        raise typer.Exit(code=2)
    store = Store(db)
    try:
        if set_status:
            task_id, new_status = set_status
            if new_status not in STATUSES:
                err.print(f"[red]error[/] status must be one of: {', '.join(STATUSES)}")
                raise typer.Exit(code=2)
            changed = store.set_status(task_id, new_status)
            if not changed:
                err.print(f"[red]error[/] no task {task_id} in {db}")
                raise typer.Exit(code=2)
            err.print(f"{task_id}: {new_status}")
        rows = store.find_tasks(
            actor=actor, deadline_before=deadline_before, overdue=overdue, cites=cites, status=status
        )
    finally:
        store.close()
    return [
        Task(
            id=r["id"],
            actors=r["actors"],
            collaborators=r["collaborators"],
            content=r["content"],
            action=None,
            deadline=r["deadline"] if r["deadline"] and r["deadline"][:1].isdigit() else None,
            deadline_text=r["deadline"],
            recurrence=r["recurrence"],
            modality=r["modality"],
            source_number=None,
            source_title=r["source"],
            item=None,
            refs=[],
            status=r["status"],
            source_path=r["path"],
        )
        for r in rows
    ]


def _write_atomic(target: Path, content: str | bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    tmp.replace(target)


def _output(rendered: str | bytes, out: Path | None) -> None:
    """A report to --out (atomically) or to stdout."""
    if out is not None:
        _write_atomic(out, rendered)
    else:
        sys.stdout.write(rendered if isinstance(rendered, str) else rendered.decode("utf-8"))


if __name__ == "__main__":  # pragma: no cover
    app()
