"""Command line: `vanban parse | tasks | batch | query | compare | graph | eval | serve | export-gold |
schema`.

Every message a user reads goes through `i18n` (Vietnamese by default, English when the locale
asks for it); option values are checked by click types and callbacks, so a bad value is a usage
error naming the option, never a traceback.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer
import typer.core
from rich.console import Console
from rich.markup import escape

from . import __version__
from .errors import DocumentError
from .i18n import _, ngettext, translate_click
from .io import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, Limits
from .model import Task

translate_click()


def _flags_without_type(self: typer.core.TyperOption, ctx: Any) -> str | None:
    """Boolean flags are shown as flags in --help, not as `--overdue <bool>`."""
    if self.is_flag and not self.count:
        return None
    return _typer_display_type(self, ctx)


def _argument_without_type(self: Any, ctx: Any) -> str | None:
    """An argument's metavar (FILE…) already says what it takes: no `<list[Path]>` beside it."""
    return None


_typer_display_type = typer.core.TyperOption.display_type_rich
typer.core.TyperOption.display_type_rich = _flags_without_type  # type: ignore[method-assign]
typer.core.TyperArgument.display_type_rich = _argument_without_type  # type: ignore[method-assign]

app = typer.Typer(
    name="vanban",
    help=_("Read Vietnamese official documents into structured, trackable obligations."),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["--help", "-h"]},
)
err = Console(stderr=True, soft_wrap=True)

MEGABYTE = 1048576
DEFAULT_MAX_MB = DEFAULT_MAX_BYTES / MEGABYTE
ENCODINGS = ("utf-8", "utf-16", "cp1258", "tcvn3", "vni")


class ParseFormat(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    table = "table"


class ToneStyle(StrEnum):
    new = "new"
    old = "old"
    keep = "keep"


class TaskFormat(StrEnum):
    md = "md"
    csv = "csv"
    xlsx = "xlsx"
    ics = "ics"
    json = "json"


class Status(StrEnum):
    open = "open"
    in_progress = "in_progress"
    done = "done"


class CompareFormat(StrEnum):
    html = "html"
    json = "json"
    csv = "csv"


# --- option checks (a bad value is a usage error naming the option) -----------------------------
def _check_encoding(value: str | None) -> str | None:
    if value is None:
        return None
    from .io.txt import LEGACY_NAMES

    if value.lower() in LEGACY_NAMES:
        return value
    try:
        codecs.lookup(value)
    except LookupError:
        raise typer.BadParameter(
            _("unknown encoding '{encoding}' (try utf-8, utf-16, cp1258, tcvn3 or vni)").format(
                encoding=value
            )
        ) from None
    return value


_SCHEDULER = re.compile(r"^(?:tcp|tls|inproc|ucx|ws|wss)://[^\s/:]+(?::\d{1,5})?/?$|^[^\s/:]+:\d{1,5}$")


def _check_scheduler(value: str | None) -> str | None:
    if value is None:
        return None
    if not _SCHEDULER.match(value):
        raise typer.BadParameter(
            _("'{value}' is not a scheduler address like tcp://HOST:PORT").format(value=value)
        )
    return value


def _check_graph_out(value: Path) -> Path:
    from .compare.graph import GRAPH_FORMATS

    if value.suffix.lower() not in GRAPH_FORMATS:
        raise typer.BadParameter(
            _("'{value}' must end in .json, .graphml or .dot (the format is chosen by the suffix)").format(
                value=value
            )
        )
    return value


def _check_set_status(value: tuple[str, str] | None) -> tuple[str, str] | None:
    if not value or value[0] is None:
        return None
    task_id, status = value
    if status not in Status.__members__:
        raise typer.BadParameter(
            _("status '{status}' is not one of: {choices}").format(
                status=status, choices=", ".join(Status.__members__)
            )
        )
    return task_id, status


def _check_positive(value: float) -> float:
    if not (value > 0 and math.isfinite(value)):  # also refuses NaN and infinity
        raise typer.BadParameter(_("{value} is not a positive number").format(value=value))
    return value


def _bytes(megabytes: float) -> int:
    """A size limit in bytes (a limit past what any file can be is no limit)."""
    return int(min(megabytes * MEGABYTE, sys.maxsize))


class OcrMode(StrEnum):
    auto = "auto"
    force = "force"
    never = "never"


OcrOption = Annotated[
    OcrMode,
    typer.Option(
        "--ocr",
        help=_("auto: OCR scanned pages and images; force: OCR every page; never: text layers only."),
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vanban-nlp {__version__}")
        raise typer.Exit()


def _say(style: str, text: str) -> str:
    """Console markup for a message in a colour, the message itself never read as markup."""
    return f"[{style}]{escape(text)}[/]"


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(_say("red", _("error")) + " " + escape(message), highlight=False)
    raise typer.Exit(code=code)


def _report_error(path: str, message: str) -> None:
    err.print(_say("red", _("error")) + f" {escape(path)}: {escape(message)}", highlight=False)


MaxMb = Annotated[
    float,
    typer.Option(
        "--max-mb",
        callback=_check_positive,
        metavar=_("MB"),
        help=_("Refuse files larger than this many megabytes."),
    ),
]
MaxPages = Annotated[
    int, typer.Option("--max-pages", min=1, metavar=_("N"), help=_("Refuse PDFs with more pages than this."))
]
Encoding = Annotated[
    Optional[str],
    typer.Option(
        "--encoding",
        callback=_check_encoding,
        metavar=_("ENCODING"),
        help=_("Force the text encoding of TXT inputs: utf-8, utf-16, cp1258, tcvn3 or vni."),
    ),
]


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Print the version and exit.")),
    ] = False,
) -> None:
    """vanban-nlp: parse, evaluate and export Vietnamese official documents."""


@app.command(
    help=_(
        "Parse documents into document JSON 1.1 (or a Markdown, HTML or table view).\n\n"
        "A file that cannot be read is reported with its reason; the others are still processed "
        "and the exit code is 2 at the end."
    )
)
def parse(
    files: Annotated[
        list[Path], typer.Argument(metavar=_("FILE"), help=_("Documents to parse (TXT, DOCX, PDF, HTML)."))
    ],
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            "-o",
            file_okay=False,
            metavar=_("DIR"),
            help=_("Write DIR/<name>.<ext>, one file per input (names made unique)."),
        ),
    ] = None,
    fmt: Annotated[
        ParseFormat,
        typer.Option("--format", "-f", help=_("Output: json, md, html (values highlighted) or table.")),
    ] = ParseFormat.json,
    encoding: Encoding = None,
    tone_style: Annotated[
        ToneStyle,
        typer.Option(
            help=_("Tone-mark convention of the normalized text: new (hòa, thủy), old (hoà, thuỷ) or keep.")
        ),
    ] = ToneStyle.new,
    max_mb: MaxMb = DEFAULT_MAX_MB,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    from .export.document_json import to_json
    from .export.markdown import to_markdown
    from .export.table import print_table
    from .pipeline import parse as parse_file

    limits = Limits(max_bytes=_bytes(max_mb), max_pages=max_pages)
    if out is None and len(files) > 1 and fmt == ParseFormat.json:
        err.print(
            _say("yellow", _("Several files and no --out: writing one JSON document per line (JSONL)."))
        )
    targets = _output_names(files, fmt) if out is not None else {}
    if out is not None:
        _make_folder(out)
    failed = 0
    stdout = Console(soft_wrap=True)
    for path in files:
        try:
            document = parse_file(
                path, encoding=encoding, tone_style=tone_style.value, limits=limits, ocr=ocr.value
            )
        except DocumentError as exc:
            failed += 1
            _report_error(exc.path, exc.message)
            continue
        for warning in document.warnings:
            err.print(
                _say("yellow", _("warning")) + f" {escape(str(path))}: {escape(warning)}", highlight=False
            )
        if fmt == ParseFormat.table:
            print_table(document, stdout)
            continue
        if fmt == ParseFormat.md:
            rendered = to_markdown(document)
        elif fmt == ParseFormat.html:
            from .export.html import to_html

            rendered = to_html(document)
        else:
            rendered = to_json(document, indent=None if out is None and len(files) > 1 else 2)
        if out is not None:
            _output(rendered, out / targets[path])
        else:
            sys.stdout.write(rendered + ("" if rendered.endswith("\n") else "\n"))
    if failed:
        err.print(
            ngettext(
                "{failed} of {total} file could not be read.",
                "{failed} of {total} files could not be read.",
                len(files),
            ).format(failed=failed, total=len(files))
        )
        raise typer.Exit(code=2)


def _output_names(files: list[Path], fmt: ParseFormat) -> dict[Path, str]:
    """One output name per input: `<stem>.<ext>`; inputs that share a stem keep their own suffix
    (`a.docx.json`, `a.pdf.json`), and any name still taken gets `-2`, `-3`, …"""
    suffix = {ParseFormat.md: ".md", ParseFormat.html: ".html"}.get(fmt, ".json")
    stems: dict[str, int] = {}
    for path in files:
        stems[path.stem.casefold()] = stems.get(path.stem.casefold(), 0) + 1
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in files:
        if path in names:
            continue
        base = path.stem if stems[path.stem.casefold()] == 1 else path.name
        name, repeat = f"{base}{suffix}", 1
        while name.casefold() in taken:
            repeat += 1
            name = f"{base}-{repeat}{suffix}"
        taken.add(name.casefold())
        names[path] = name
    return names


def _page_range(spec: str | None) -> range | None:
    """'1-3' -> range(0, 3); '2' -> range(1, 2); '4-' -> from page 4 on."""
    if not spec:
        return None
    first, dash, last = spec.strip().partition("-")
    try:
        start = int(first)
        end = int(last) if last.strip() else 1_000_000 if dash else start
    except ValueError:
        raise typer.BadParameter(
            _("'{spec}' is not a page range like 1-3").format(spec=spec), param_hint="--pages"
        ) from None
    if start < 1 or end < start:
        raise typer.BadParameter(
            _("'{spec}' is not a page range like 1-3").format(spec=spec), param_hint="--pages"
        )
    return range(start - 1, end)


@app.command()
def text(
    files: Annotated[
        list[Path], typer.Argument(help=_("Documents (TXT, DOCX, PDF, HTML, PNG, JPEG, TIFF)."))
    ],
    pages: Annotated[
        Optional[str], typer.Option("--pages", help=_("Pages of a PDF or TIFF to read, e.g. 1-3 or 2."))
    ] = None,
    ocr: OcrOption = OcrMode.auto,
    encoding: Annotated[
        Optional[str], typer.Option(help=_("Force a text encoding for TXT inputs."), callback=_check_encoding)
    ] = None,
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
            _report_error(exc.path, exc.message)
            continue
        for warning in raw.warnings:
            err.print(_say("yellow", _("warning")) + " " + escape(f"{path}: {warning}"), highlight=False)
        if len(files) > 1:
            sys.stdout.write(("\n" if printed else "") + f"==> {path} <==\n")
        sys.stdout.write(raw.text + ("" if raw.text.endswith("\n") else "\n"))
        printed += 1
    if failed:
        raise typer.Exit(code=2)


@app.command(
    help=_(
        "Turn the obligations of documents into a task list: who, what, with whom, by when, how often.\n\n"
        "One row per obligation with a stable id (document number + item path). Unreadable files "
        "are reported and skipped; the exit code is then 2. With --db the tasks come from a batch "
        "store, filtered by the options marked --db."
    )
)
def tasks(
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar=_("FILE"), help=_("Documents whose obligations become tasks.")),
    ] = None,
    fmt: Annotated[
        TaskFormat, typer.Option("--format", "-f", help=_("Output: md, csv, xlsx, ics or json."))
    ] = (TaskFormat.md),
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            "-o",
            dir_okay=False,
            metavar=_("FILE"),
            help=_("Write to this file (required for xlsx)."),
        ),
    ] = None,
    encoding: Encoding = None,
    db: Annotated[
        Optional[Path],
        typer.Option("--db", metavar=_("STORE"), help=_("Read tasks from a batch store instead of files.")),
    ] = None,
    actor: Annotated[
        Optional[str],
        typer.Option(
            metavar=_("TEXT"),
            help=_("--db: tasks whose đơn vị chủ trì contains this (case and diacritics ignored)."),
        ),
    ] = None,
    deadline_before: Annotated[
        Optional[datetime],
        typer.Option(
            formats=["%Y-%m-%d"], metavar=_("YYYY-MM-DD"), help=_("--db: tasks due before this date.")
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help=_("--db: tasks past their deadline and not done."))
    ] = False,
    cites: Annotated[
        Optional[str],
        typer.Option(
            metavar=_("NUMBER"), help=_("--db: tasks of documents citing this number (e.g. 280/CĐ-TTg).")
        ),
    ] = None,
    status: Annotated[Optional[Status], typer.Option(help=_("--db: tasks with this status."))] = None,
    set_status: Annotated[
        Optional[tuple[str, str]],
        typer.Option(
            "--set-status",
            callback=_check_set_status,
            metavar=_("TASK_ID STATUS"),
            help=_("--db: set a task's status (open, in_progress or done) and print that task."),
        ),
    ] = None,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    from .export import tasks as task_export

    if db is None and not files:
        _fail(_("give document files or --db STORE"))
    if db is None and (actor or deadline_before or overdue or cites or status or set_status):
        _fail(_("--actor, --deadline-before, --overdue, --cites, --status and --set-status need --db STORE"))
    if fmt == TaskFormat.xlsx and out is None:
        _fail(_("--format xlsx needs --out FILE.xlsx"))
    failed = 0
    if db is not None:
        filters = {
            "actor": actor,
            "deadline_before": deadline_before.date().isoformat() if deadline_before else None,
            "overdue": overdue,
            "cites": cites,
            "status": status.value if status else None,
        }
        all_tasks = _tasks_from_store(db, filters, set_status)
    else:
        all_tasks, failed = _tasks_from_files(files or [], encoding, ocr.value)
    renderers: dict[TaskFormat, Callable[[list[Task]], str | bytes]] = {
        TaskFormat.md: task_export.to_markdown,
        TaskFormat.csv: task_export.to_csv,
        TaskFormat.xlsx: task_export.to_xlsx,
        TaskFormat.ics: task_export.to_ics,
        TaskFormat.json: task_export.to_json,
    }
    rendered = renderers[fmt](all_tasks)
    _output(rendered, out)
    if out is not None:
        err.print(
            ngettext("{count} task -> {out}", "{count} tasks -> {out}", len(all_tasks)).format(
                count=len(all_tasks), out=out
            ),
            highlight=False,
        )
    if failed:
        raise typer.Exit(code=2)


def _tasks_from_files(files: list[Path], encoding: str | None, ocr: str = "auto") -> tuple[list, int]:
    from .obligations.tasks import build_tasks_for
    from .pipeline import parse as parse_file

    documents, failed = [], 0
    for path in files:
        try:
            documents.append(parse_file(path, encoding=encoding, ocr=ocr))
        except DocumentError as exc:
            failed += 1
            _report_error(exc.path, exc.message)
    return build_tasks_for(documents), failed


def _tasks_from_store(db: Path, filters: dict[str, Any], set_status: tuple[str, str] | None) -> list:
    store = _open_store(db, read_only=set_status is None)
    try:
        if set_status:
            task_id, new_status = set_status
            if not store.set_status(task_id, new_status):
                _fail(_("no task {task_id} in {store}").format(task_id=task_id, store=db))
            err.print(f"{escape(task_id)}: {new_status}", highlight=False)
            if not any(filters.values()):
                return store.find_tasks(ids=[task_id])
        return store.find_tasks(**filters)
    except sqlite3.Error as exc:
        _fail(_("{store}: cannot read the store ({problem})").format(store=db, problem=exc))
    finally:
        store.close()


def _open_store(db: Path, read_only: bool):
    from .store.sqlite import Store, StoreError

    if not db.is_file():
        _fail(_("{store}: no such store").format(store=db))
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        _fail(f"{db}: {exc}")


@app.command(
    help=_(
        "Parse many documents in parallel into a SQLite store or JSONL files.\n\n"
        "Run it again with the same --out to resume: documents already stored (by content hash) are "
        "skipped, and a file whose content changed replaces its earlier version. Every input ends as "
        "a stored document or a recorded error. The exit code is 2 when an input was not found or "
        "nothing could be read."
    )
)
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(metavar=_("INPUT"), help=_("Folders, glob patterns, files or ZIP archives.")),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar=_("STORE|DIR"),
            help=_("x.sqlite for the SQLite store, or a folder for JSONL."),
        ),
    ],
    workers: Annotated[
        Optional[int],
        typer.Option(min=1, metavar=_("N"), help=_("Worker processes (default: the machine's cores).")),
    ] = None,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            callback=_check_scheduler,
            metavar=_("ADDRESS"),
            help=_("Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
        ),
    ] = None,
    chunk_size: Annotated[
        Optional[int], typer.Option(min=1, metavar=_("N"), help=_("Files per unit of work."))
    ] = None,
    no_obligations: Annotated[
        bool, typer.Option("--no-obligations", help=_("Skip the obligation stage (faster)."))
    ] = False,
    max_mb: MaxMb = DEFAULT_MAX_MB,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .batch.run import BatchSetupError, run_batch

    options = {
        "obligations": not no_obligations,
        "max_bytes": _bytes(max_mb),
        "max_pages": max_pages,
        "ocr": ocr.value,
    }
    started = time.perf_counter()
    files_per_second = _("{rate} files/s")
    try:
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
                rate = files_per_second.format(rate=f"{finished / elapsed:.1f}") if elapsed else ""
                bar.update(task, completed=finished, total=total, rate=rate)

            summary = run_batch(
                inputs,
                out,
                workers=workers,
                scheduler=scheduler,
                chunk_size=chunk_size,
                options=options,
                on_progress=on_progress,
            )
    except BatchSetupError as exc:
        _fail(str(exc))
    for item, problem in summary.bad_inputs:
        _report_error(item, problem)
    reasons = ", ".join(f"{reason}: {count}" for reason, count in summary.reasons.most_common())
    err.print(
        _(
            "Total {total} files: done {done}, failed {failed}{reasons}, skipped (already stored) {skipped}."
        ).format(
            total=summary.total,
            done=summary.done,
            failed=summary.failed,
            reasons=f" ({reasons})" if reasons else "",
            skipped=summary.skipped,
        ),
        highlight=False,
    )
    if summary.interrupted:
        err.print(_say("yellow", _("Stopped before the end; run the same command again to continue.")))
        raise typer.Exit(code=130)
    if summary.total == 0 and not summary.bad_inputs:
        _fail(_("no documents (TXT, DOCX, PDF, HTML or ZIP) in the inputs"))
    nothing_read = summary.failed > 0 and summary.done == 0 and summary.skipped == 0
    if summary.bad_inputs or nothing_read:
        if nothing_read:
            err.print(escape(_("No input could be read.")), highlight=False)
        raise typer.Exit(code=2)


@app.command(help=_("Show what a store holds, or search its document texts."))
def query(
    db: Annotated[
        Path, typer.Argument(metavar=_("STORE"), help=_("A store written by vanban batch --out x.sqlite."))
    ],
    text: Annotated[
        Optional[str],
        typer.Option(
            "--text",
            metavar=_("TEXT"),
            help=_('Documents whose text holds every word of this (e.g. "19/CĐ-TTg", "rét đậm").'),
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, metavar=_("N"), help=_("How many documents to list."))] = 20,
) -> None:
    from rich.table import Table

    store = _open_store(db, read_only=True)
    console = Console()
    try:
        if text is not None:
            table = Table(
                _("Number"),
                _("Type"),
                _("Date"),
                _("Subject"),
                _("File"),
                title=_("Search: {text}").format(text=text),
            )
            for row in store.search_documents(text, limit):
                table.add_row(
                    escape(row["number"] or ""),
                    escape(row["doc_type"] or ""),
                    row["date"] or "",
                    escape((row["subject"] or "")[:60]),
                    escape(row["path"]),
                )
            console.print(table)
        else:
            counts = store.counts()
            console.print(
                _(
                    "Schema version {version}: {documents} documents, {errors} errors, "
                    "{references} citations, {obligations} obligations, {tasks} tasks."
                ).format(
                    version=store.version,
                    documents=counts["documents"],
                    errors=counts["errors"],
                    references=counts["doc_references"],
                    obligations=counts["obligations"],
                    tasks=counts["tasks"],
                ),
                highlight=False,
            )
    except sqlite3.Error as exc:
        _fail(_("{store}: cannot read the store ({problem})").format(store=db, problem=exc))
    finally:
        store.close()


@app.command(
    help=_("How each implementing text covers the central directive: matches, additions, omissions.")
)
def compare(
    central: Annotated[
        Path,
        typer.Argument(
            metavar=_("CENTRAL"), help=_("The central directive (e.g. a Công điện of the Prime Minister).")
        ),
    ],
    others: Annotated[
        list[Path], typer.Argument(metavar=_("OTHER"), help=_("Implementing texts to compare with it."))
    ],
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help=_("Output: html, json or csv."))] = (
        CompareFormat.html
    ),
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            "-o",
            dir_okay=False,
            metavar=_("FILE"),
            help=_("Write the report here (default: stdout)."),
        ),
    ] = None,
) -> None:
    from .compare import report
    from .compare.align import compare as run_compare
    from .pipeline import parse as parse_file

    try:
        central_doc = parse_file(central)
    except DocumentError as exc:
        _report_error(exc.path, exc.message)
        raise typer.Exit(code=2) from None
    parsed, failed = [], 0
    for path in others:
        try:
            parsed.append((str(path), parse_file(path)))
        except DocumentError as exc:
            failed += 1
            _report_error(exc.path, exc.message)
    comparison = run_compare(central_doc, parsed, central_name=str(central))
    rendered = {
        CompareFormat.html: report.to_html,
        CompareFormat.json: report.to_json,
        CompareFormat.csv: report.to_csv,
    }[fmt](comparison)
    _output(rendered, out)
    if failed:
        raise typer.Exit(code=2)


@app.command(
    help=_(
        "The citation graph of a corpus, its most-cited documents and, with --focus, an implementation tree."
    )
)
def graph(
    inputs: Annotated[
        list[Path],
        typer.Argument(metavar=_("INPUT"), help=_("Documents, folders, or a batch store (x.sqlite).")),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            callback=_check_graph_out,
            dir_okay=False,
            metavar=_("FILE"),
            help=_("graph.json, graph.graphml or graph.dot (the format follows the suffix)."),
        ),
    ],
    focus: Annotated[
        Optional[str],
        typer.Option(metavar=_("NUMBER"), help=_("Print the tree of documents implementing this number.")),
    ] = None,
    top: Annotated[
        int, typer.Option(min=1, metavar=_("N"), help=_("How many most-cited documents to list."))
    ] = 10,
) -> None:
    from .compare.graph import build_graph, implementing_tree, most_cited, render_graph

    documents = list(_documents_for_graph(inputs))
    citation_graph = build_graph(documents)
    _output(render_graph(citation_graph, out.suffix), out)
    err.print(
        _("{nodes} documents, {edges} citations -> {out}").format(
            nodes=citation_graph.number_of_nodes(), edges=citation_graph.number_of_edges(), out=out
        ),
        highlight=False,
    )
    console = Console()
    console.print(_say("bold", _("Most cited documents")))
    for number, count in most_cited(citation_graph, top):
        console.print(f"  {escape(number)}: {count}", highlight=False)
    if focus:
        tree = implementing_tree(citation_graph, focus)
        if tree is None:
            err.print(_say("yellow", _("{number} is not in the graph").format(number=focus)))
            raise typer.Exit(code=1)
        from rich.tree import Tree

        def label(data: dict) -> str:
            return escape(
                " ".join(p for p in (data["doc_type"], data["number"], data["issuer"], data["date"]) if p)
            )

        def add(node: Tree, data: dict) -> None:
            for child in data["implemented_by"]:
                add(node.add(label(child) or escape(child["path"])), child)

        root = Tree(label(tree))
        add(root, tree)
        console.print(root)


def _documents_for_graph(inputs: list[Path]):
    from .batch.inputs import expand_inputs
    from .pipeline import parse as parse_file

    for path in inputs:
        if path.suffix.lower() in (".sqlite", ".sqlite3", ".db"):
            store = _open_store(path, read_only=True)
            try:
                for (text,) in store.db.execute("SELECT json FROM documents"):
                    yield json.loads(text)
            finally:
                store.close()
            continue
        sources, problems = expand_inputs([str(path)])
        for item, problem in problems:
            _report_error(item, problem)
        for source in sources:
            if source.is_zip_member:
                continue
            try:
                yield parse_file(source.name, obligations=False).to_dict()
            except DocumentError as exc:
                _report_error(exc.path, exc.message)


class StudyFormat(StrEnum):
    html = "html"
    json = "json"
    csv = "csv"
    parquet = "parquet"


@app.command()
def study(
    central: Annotated[str, typer.Argument(help=_("Number of the central directive, e.g. 280/CĐ-TTg."))],
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(help=_("Documents, folders or ZIP archives (with or instead of --db).")),
    ] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help=_("A store written by vanban batch."))] = None,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", "-o", help=_("report.html or study.json (default stdout); a folder for csv, parquet.")
        ),
    ] = None,
    fmt: Annotated[
        Optional[StudyFormat],
        typer.Option("--format", "-f", help=_("html (report with charts), json, csv or parquet (tables).")),
    ] = None,
) -> None:
    """How a central directive was carried out: the texts implementing it by province and level,
    their lag, which of its items each one carries, additions shared by several provinces, actors
    and deadlines. Writes an offline HTML report with charts, or the tables for pandas."""
    from .compare.study import StudyError
    from .compare.study import study as run_study

    if not files and db is None:
        _fail(_("give --db STORE or document files"))
    if fmt is None:
        fmt = StudyFormat.json if out is not None and out.suffix.lower() == ".json" else StudyFormat.html
    if fmt in (StudyFormat.csv, StudyFormat.parquet) and out is None:
        _fail(_("--format {format} needs --out FOLDER (one file per table)").format(format=fmt.value))
    failed = 0

    def on_error(name: str, message: str) -> None:
        nonlocal failed
        failed += 1
        _report_error(name, message)

    try:
        result = run_study(central, *(files or []), db=db, on_error=on_error)
    except StudyError as exc:
        _fail(str(exc))
    if result.texts.empty:
        err.print(
            _say("yellow", _("No text implementing {number} in the data given.").format(number=central))
        )
        raise typer.Exit(code=1)
    if fmt == StudyFormat.csv:
        result.to_csv(out)
    elif fmt == StudyFormat.parquet:
        result.to_parquet(out)
    else:
        _output(result.to_html() if fmt == StudyFormat.html else result.to_json() + "\n", out)
    summary = _("{texts} texts implementing {number}, {provinces} provinces").format(
        texts=len(result.texts), number=result.central.number, provinces=result.texts["province"].nunique()
    )
    err.print(escape(summary + (f" -> {out}" if out else "")), highlight=False)
    if failed:
        raise typer.Exit(code=2)


@app.command(
    "eval",
    help=_(
        "Parse each gold file's raw document and score the result (same metrics as the shared scorer).\n\n"
        "With several folders, each folder is scored and all of them together. A table lists the "
        "documents worst first with the fields they got wrong; --show-misses lists the misses grouped "
        "by failure class, the largest class first.\n\n"
        "A gold file that cannot be used (not JSON, not a gold annotation, raw file missing) is "
        "reported and the exit code is 2."
    ),
)
def eval_command(
    gold_dirs: Annotated[
        list[Path],
        typer.Argument(
            metavar=_("GOLD_DIR"),
            file_okay=False,
            help=_("Folders of gold JSON files (format of the shared corpus/README.md)."),
        ),
    ],
    show_misses: Annotated[
        bool, typer.Option("--show-misses", help=_("List every miss, grouped by failure class."))
    ] = False,
    worst: Annotated[
        Optional[int],
        typer.Option(
            "--worst",
            min=1,
            metavar=_("N"),
            help=_("Rows of the document table (default: every document of one folder, 15 for several)."),
        ),
    ] = None,
    json_out: Annotated[
        Optional[Path],
        typer.Option(
            "--json", dir_okay=False, metavar=_("FILE"), help=_("Write the full report as JSON here.")
        ),
    ] = None,
) -> None:
    from .evaluate import evaluate_folders
    from .pipeline import parse as parse_file

    unreadable: list[str] = []

    def predict(raw_path: Path) -> dict:
        try:
            return parse_file(raw_path).to_dict()
        except DocumentError as exc:
            unreadable.append(f"{exc.path}: {exc.message}")
            return {}

    problems: list[str] = []
    try:
        evaluation = evaluate_folders(gold_dirs, predict, problems)
    except FileNotFoundError as exc:
        for problem in problems:
            err.print(_say("red", _("error")) + " " + escape(problem), highlight=False)
        _fail(str(exc))
    for problem in problems + unreadable:
        err.print(_say("red", _("error")) + " " + escape(problem), highlight=False)
    from .evaluate_view import print_evaluation

    print_evaluation(evaluation, worst=worst, show_misses=show_misses)
    if json_out:
        content = json.dumps({**evaluation.to_json(), "problems": problems}, ensure_ascii=False, indent=2)
        _output(content, json_out)
    if problems or unreadable:
        raise typer.Exit(code=2)


@app.command(
    help=_(
        "Start the clerk's desk: a local web app over a store (inbox with uploads, document pages, "
        "tasks board, JSON API at /docs).\n\n"
        "It listens on 127.0.0.1 unless --host says otherwise; any other address needs a password "
        "(VANBAN_PASSWORD or --password-file). API calls that change something need the token from "
        "VANBAN_TOKEN, or the one printed at start."
    )
)
def serve(
    db: Annotated[
        Path,
        typer.Option(
            "--db", dir_okay=False, metavar=_("STORE"), help=_("The store to work on (created when missing).")
        ),
    ] = Path("kho.sqlite"),
    host: Annotated[str, typer.Option(metavar=_("HOST"), help=_("Address to listen on."))] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=1, max=65535, metavar=_("PORT"), help=_("Port to listen on."))
    ] = 8000,
    password_file: Annotated[
        Optional[Path],
        typer.Option(
            "--password-file",
            dir_okay=False,
            metavar=_("FILE"),
            help=_("File whose first line is the password for the pages (instead of VANBAN_PASSWORD)."),
        ),
    ] = None,
    max_mb: Annotated[
        float,
        typer.Option(
            "--max-mb",
            callback=_check_positive,
            metavar=_("MB"),
            help=_("Refuse uploaded files larger than this."),
        ),
    ] = 20.0,
    max_files: Annotated[
        int, typer.Option("--max-files", min=1, metavar=_("N"), help=_("Most files in one upload."))
    ] = 20,
    workers: Annotated[
        int,
        typer.Option(
            min=0, metavar=_("N"), help=_("Processes that parse uploads (0: parse inside the server).")
        ),
    ] = 1,
    open_browser: Annotated[
        bool, typer.Option("--open", help=_("Open the desk in the default web browser."))
    ] = False,
) -> None:
    import os
    import secrets

    from .web.security import is_loopback

    password = os.environ.get("VANBAN_PASSWORD") or None
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            _fail(
                _("{path}: cannot read the password file ({problem})").format(path=password_file, problem=exc)
            )
        password = lines[0].strip() if lines and lines[0].strip() else None
        if password is None:
            _fail(_("{path}: the password file is empty").format(path=password_file))
    if not is_loopback(host) and password is None:
        _fail(
            _(
                "refusing to listen on {host} without a password: anyone on the network could read and "
                "change the store. Set VANBAN_PASSWORD or give --password-file FILE."
            ).format(host=host)
        )
    _check_port_free(host, port)
    _open_store(db, read_only=False).close() if db.is_file() else _create_store(db)
    token = os.environ.get("VANBAN_TOKEN") or secrets.token_urlsafe(24)
    from .web import ServeConfig, create_app
    from .web.intake import UploadLimits

    config = ServeConfig(
        db=db,
        host=host,
        port=port,
        token=token,
        password=password,
        limits=UploadLimits(max_bytes=_bytes(max_mb), max_files=max_files),
        workers=workers,
    )
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{port}/"
    typer.echo(_("The desk is open at {url} (store {store}). Stop it with Ctrl+C.").format(url=url, store=db))
    if os.environ.get("VANBAN_TOKEN"):
        typer.echo(_("API token: the value of VANBAN_TOKEN."))
    else:
        typer.echo(_("API token (Authorization: Bearer …): {token}").format(token=token))
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.5, webbrowser.open, args=(url,)).start()
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, log_level="warning", access_log=False)


def _check_port_free(host: str, port: int) -> None:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        _fail(
            _("cannot listen on {host}:{port} ({problem})").format(
                host=host, port=port, problem=exc.strerror or exc
            )
        )


def _create_store(db: Path) -> None:
    from .store.sqlite import Store, StoreError

    try:
        Store(db).close()
    except StoreError as exc:
        _fail(f"{db}: {exc}")


@app.command(
    "export-gold",
    help=_(
        "Write the documents confirmed in vanban serve as gold JSON (format of the shared "
        "corpus/README.md) with their original files: OUT/gold/*.json and OUT/raw/*, ready for vanban eval."
    ),
)
def export_gold(
    db: Annotated[Path, typer.Option("--db", metavar=_("STORE"), help=_("The store vanban serve works on."))],
    out: Annotated[
        Path, typer.Option("--out", "-o", file_okay=False, metavar=_("DIR"), help=_("Folder to write into."))
    ],
) -> None:
    from .web.desk import Desk
    from .web.gold import export_gold as write_gold

    store = _open_store(db, read_only=True)
    try:
        desk = Desk(store)
        if not desk.confirmed_documents():
            err.print(
                _(
                    "No confirmed document in {store}: confirm a document's tasks in vanban serve first."
                ).format(store=db),
                highlight=False,
            )
            return
        _make_folder(out)
        try:
            result = write_gold(desk, out)
        except OSError as exc:
            _fail(
                _("{path}: cannot write the file ({problem})").format(path=out, problem=exc.strerror or exc)
            )
    except sqlite3.Error as exc:
        _fail(_("{store}: cannot read the store ({problem})").format(store=db, problem=exc))
    finally:
        store.close()
    for path, _why in result.skipped:
        err.print(
            _say("yellow", _("skipped"))
            + " "
            + escape(
                _("{path}: the original file is neither kept in the store nor unchanged on disk").format(
                    path=path
                )
            ),
            highlight=False,
        )
    err.print(
        ngettext(
            "{count} confirmed document -> {out}", "{count} confirmed documents -> {out}", len(result.written)
        ).format(count=len(result.written), out=out),
        highlight=False,
    )


@app.command(help=_("Print the JSON Schema of document JSON 1.1."))
def schema() -> None:
    from .export.document_json import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


# --- output -------------------------------------------------------------------------------------
def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(
            _("{path}: cannot create the folder ({problem})").format(path=folder, problem=exc.strerror or exc)
        )


def _write_atomic(target: Path, content: str | bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file. A target that is not
    a plain file (/dev/null, /dev/stdout, a named pipe, a symbolic link) is written through."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        if target.is_symlink() or (target.exists() and not target.is_file()):
            with target.open("wb") as handle:
                handle.write(data)
            return
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        if tmp.parent.is_dir():
            tmp.unlink(missing_ok=True)
        _fail(_("{path}: cannot write the file ({problem})").format(path=target, problem=exc.strerror or exc))


def _output(rendered: str | bytes, out: Path | None) -> None:
    """A report to --out (atomically) or to stdout."""
    if out is not None:
        _write_atomic(out, rendered)
    else:
        sys.stdout.write(rendered if isinstance(rendered, str) else rendered.decode("utf-8"))


if __name__ == "__main__":  # pragma: no cover
    app()
