"""What `vanban eval` prints: the report lines, a table per folder when there are several, the
documents worst first, and the misses grouped by failure class."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .evaluate import Evaluation, Scores, macro_f1, miss_class_title
from .i18n import _

# Rows of the document table when several folders are scored and --worst is not given
WORST_ROWS_OF_SEVERAL_FOLDERS = 15
# Width of the output when it goes to a file or a pipe (a terminal keeps its own width)
PIPE_WIDTH = 160


def print_evaluation(
    evaluation: Evaluation,
    *,
    worst: int | None = None,
    show_misses: bool = False,
    console: Console | None = None,
) -> None:
    console = console or _stdout_console()
    several = len(evaluation.folders) > 1
    report = evaluation.report()
    if several:
        console.print(
            _say("bold", _("All {count} folders together").format(count=len(evaluation.folders))),
            highlight=False,
        )
    _print_report_lines(console, report)
    _plain(
        console,
        _("macro F1 {f1:.3f} over {count} documents").format(
            f1=report["_macro_f1"]["f1"], count=report["_documents"]["n"]
        ),
    )
    if several:
        console.print(_folder_table(evaluation))
    if worst is None:
        worst = WORST_ROWS_OF_SEVERAL_FOLDERS if several else len(evaluation.documents)
    _print_document_table(console, evaluation, worst)
    if show_misses:
        _print_miss_classes(console, evaluation)


def _stdout_console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=PIPE_WIDTH)


def _say(style: str, text: str) -> str:
    return f"[{style}]{escape(text)}[/]"


def _plain(console: Console, text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def _print_report_lines(console: Console, report: dict[str, dict[str, float]]) -> None:
    width = max(len(key) for key in report)
    for key, value in report.items():
        if key.startswith("_"):
            continue
        if "f1" in value:
            line = (
                f"{key:<{width}}  P {value['p']:.3f}  R {value['r']:.3f}  F1 {value['f1']:.3f}  "
                f"(tp {value['tp']}, pred {value['pred']}, gold {value['gold']})"
            )
        else:
            line = f"{key:<{width}}  acc {value['acc']:.3f}  (n {value['n']})"
        _plain(console, line)


def _folder_table(evaluation: Evaluation) -> Table:
    columns: list[tuple[str, Scores, int]] = [
        (folder.label, folder.scores, len(folder.documents)) for folder in evaluation.folders
    ]
    columns.append((_("all"), evaluation.scores, len(evaluation.documents)))
    table = Table(title=_("By folder"), title_justify="left")
    table.add_column(_("Field"))
    for label, _scores, _count in columns:
        table.add_column(escape(label), justify="right")
    summaries = [scores.summary() for _label, scores, _count in columns]
    fields = list(dict.fromkeys(name for summary in summaries for name in summary))
    for name in fields:
        table.add_row(name, *(f"{summary[name]:.3f}" if name in summary else "—" for summary in summaries))
    table.add_row("macro F1", *(f"{macro_f1(scores.report()):.3f}" for _label, scores, _count in columns))
    table.add_row(_("documents"), *(str(count) for _label, _scores, count in columns))
    return table


def _print_document_table(console: Console, evaluation: Evaluation, rows: int) -> None:
    ranked = evaluation.worst_first()
    table = Table(
        title=_("Documents, worst first"),
        title_justify="left",
        caption=_("F1 of each field below 1; header: the share of heading fields read right."),
        caption_justify="left",
    )
    table.add_column(_("Document"), overflow="fold")
    table.add_column(_("Folder"))
    table.add_column("macro F1", justify="right")
    table.add_column(_("Fields below 1"))
    for document in ranked[:rows]:
        below = [f"{name} {value:.3f}" for name, value in document.scores.summary().items() if value < 1]
        table.add_row(
            escape(document.id), escape(document.folder), f"{document.macro_f1:.3f}", escape(", ".join(below))
        )
    console.print(table)
    if len(ranked) > rows:
        _plain(
            console,
            _("{count} more documents not shown (--worst N shows more)").format(count=len(ranked) - rows),
        )


def _print_miss_classes(console: Console, evaluation: Evaluation) -> None:
    for kind, misses in evaluation.miss_classes():
        console.print()
        console.print(_say("bold", f"{miss_class_title(kind)} ({len(misses)})"), highlight=False)
        for document, miss in misses:
            _plain(console, f"  {document.id}: {miss.text}")
