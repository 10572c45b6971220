"""Messages in the user's language: Vietnamese by default, English when the locale asks for it.

Messages are written in English in the code and marked with `_()`; the gettext catalogs in
`vanban_nlp/locale/<lang>/LC_MESSAGES/vanban_nlp.po` (extracted and compiled with Babel, the
compiled `.mo` files shipped in the package) give the Vietnamese. The language comes from
`VANBAN_LANG`, then the usual locale variables (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`):
English when the first one set names English, Vietnamese otherwise (including `C`/`POSIX`).

Error reason codes (`DocumentError.reason`) are never translated: programs read those.
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "vanban_nlp"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_ENVIRONMENT = ("VANBAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: _gettext.NullTranslations | None = None
_language: str | None = None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """`en` when the first locale variable that names a language names English, else `vi`."""
    environ = os.environ if environ is None else environ
    for variable in _ENVIRONMENT:
        for value in environ.get(variable, "").split(":"):
            code = value.strip().split(".")[0].split("@")[0].lower()
            if code in ("", "c", "posix"):
                continue
            return "en" if code == "en" or code.startswith(("en_", "en-")) else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str | None = None) -> str:
    """Choose the message language (`vi` or `en`; None: from the environment). Returns it."""
    global _translation, _language
    chosen = language or language_from_environment()
    if chosen not in LANGUAGES:
        chosen = DEFAULT_LANGUAGE
    _translation = _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[chosen], fallback=True)
    _language = chosen
    return chosen


def current_language() -> str:
    if _language is None:
        set_language()
    assert _language is not None
    return _language


def _catalog() -> _gettext.NullTranslations:
    if _translation is None:
        set_language()
    assert _translation is not None
    return _translation


def gettext(message: str) -> str:
    """The message in the current language."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalog().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction without translating it here (it is translated where used)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for extraction."""
    return singular, plural


_ = gettext


# Messages of click and typer that a user of `vanban` sees (usage, help panels, option errors).
# Marked here so that extraction puts them in our catalogs; `translate_click()` routes those
# libraries' messages through our catalog.
THIRD_PARTY_MESSAGES = [
    N_("Usage:"),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Error"),
    N_("Aborted!"),
    N_("Aborted."),
    N_("Show this message and exit."),
    N_("[default: {}]"),
    N_("[env var: {}]"),
    N_("[required]"),
    N_("required"),
    N_("default: {default}"),
    N_("(dynamic)"),
    N_("(deprecated) "),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
    N_("Try '{command} {option}' for help."),
    N_("Error: {message}"),
]

# click's and typer's usage errors, in the English they are raised in, and our message for each.
# (typer vendors its own click without gettext, so its texts are matched here, once, at display.)
_USAGE_ERRORS: list[tuple[str, str]] = [
    (
        r"Invalid value for (?P<param_hint>.+?): (?P<message>.*)",
        N_("Invalid value for {param_hint}: {message}"),
    ),
    (r"Invalid value: (?P<message>.*)", N_("Invalid value: {message}")),
    (r"Missing argument (?P<param_hint>.+?)\.(?: .*)?", N_("Missing argument {param_hint}.")),
    (r"Missing option (?P<param_hint>.+?)\.(?: .*)?", N_("Missing option {param_hint}.")),
    (r"Missing parameter:? (?P<param_hint>.+?)\.?", N_("Missing parameter {param_hint}.")),
    (
        r"No such option:? (?P<name>\S+?)\.? \(Possible options: (?P<possibilities>.*)\)",
        N_("No such option: {name} (possible options: {possibilities})"),
    ),
    (r"No such option:? (?P<name>\S+?)\.?", N_("No such option: {name}")),
    (r"No such command:? (?P<name>.+?)\.?", N_("No such command: {name}")),
    (r"Missing command\.", N_("Missing command.")),
    (
        r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)",
        N_("Unexpected extra argument(s): {args}"),
    ),
    (r"Option (?P<name>\S+) requires an argument\.", N_("Option {name} needs a value.")),
    (r"Option (?P<name>\S+) requires (?P<nargs>\d+) arguments\.", N_("Option {name} needs {nargs} values.")),
    (r"Option (?P<name>\S+) does not take a value\.", N_("Option {name} does not take a value.")),
    (r"Argument (?P<name>\S+) takes (?P<nargs>\d+) values\.", N_("Argument {name} takes {nargs} values.")),
    # details of an invalid value (click's types, typer's pydantic validation)
    (
        r"(?:Value error, )?(?P<value>.+?) is not one of (?P<choices>.+?)\.",
        N_("{value} is not one of {choices}."),
    ),
    (
        r"(?:Value error, )?(?P<value>.+?) is not (?P<choices>'[^']*')\.",
        N_("{value} is not one of {choices}."),
    ),
    (
        r"(?:Value error, )?(?P<value>.+?) does not match the formats? '%Y-%m-%d'\.",
        N_("{value} is not a date written YYYY-MM-DD."),
    ),
    (
        r"(?:Value error, )?(?P<value>.+?) does not match the formats? (?P<formats>.+?)\.",
        N_("{value} does not match the format {formats}."),
    ),
    (r"Input should be greater than or equal to (?P<limit>\S+)", N_("must be at least {limit}")),
    (r"Input should be greater than (?P<limit>\S+)", N_("must be more than {limit}")),
    (r"Input should be less than or equal to (?P<limit>\S+)", N_("must be at most {limit}")),
    (r"Input should be less than (?P<limit>\S+)", N_("must be less than {limit}")),
    (r"Input should be a valid integer.*", N_("must be a whole number")),
    (r"Input should be a finite number.*", N_("must be a number")),
    (r"Input should be a valid number.*", N_("must be a number")),
    (r"(?P<value>.+?) is not a valid integer(?: range)?\.?", N_("{value} must be a whole number")),
    (r"(?P<value>.+?) is not a valid float(?: range)?\.?", N_("{value} must be a number")),
    (r"(?P<value>\S+) is not in the range (?P<range>.+?)\.", N_("{value} is not in the range {range}.")),
    (r"(?i:file|directory|path) (?P<name>.+?) does not exist\.", N_("{name} does not exist.")),
    (r"(?i:file|directory|path) (?P<name>.+?) is a directory\.", N_("{name} is a folder.")),
    (r"(?i:file|directory|path) (?P<name>.+?) is a file\.", N_("{name} is a file, not a folder.")),
    (
        r"(?i:file|directory|path) (?P<name>.+?) is not readable\.",
        N_("{name} cannot be read (no permission)."),
    ),
    (
        r"(?i:file|directory|path) (?P<name>.+?) is not writable\.",
        N_("{name} cannot be written (no permission)."),
    ),
    (r"Value error, (?P<message>.*)", "{message}"),
]
_USAGE_PATTERNS = [(re.compile(pattern, re.DOTALL), template) for pattern, template in _USAGE_ERRORS]
_INNER = {"message"}


def translate_usage_error(text: str) -> str:
    """click's/typer's English usage-error text in the current language (unknown text unchanged)."""
    for pattern, template in _USAGE_PATTERNS:
        match = pattern.fullmatch(text.strip())
        if match is None:
            continue
        fields = {
            key: (translate_usage_error(value) if key in _INNER else value)
            for key, value in match.groupdict().items()
            if value is not None
        }
        return gettext(template).format(**fields) if template != "{message}" else fields["message"]
    return text


# typer's help-panel titles, computed when typer is imported: set again in our language.
_TYPER_CONSTANTS = {
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "DEPRECATED_STRING": "(deprecated) ",
}
_installed = False


def translate_click() -> None:
    """Show the usage, help panels and option errors of click and typer in our language (CLI only).

    click marks its messages for gettext: its modules' `_` is pointed at our catalog. typer (≥ 0.2x)
    vendors a click without gettext: its help option, usage prefix and error texts are wrapped."""
    global _installed
    if _installed:
        return
    _installed = True
    import importlib

    for name in (
        "click.core",
        "click.decorators",
        "click.exceptions",
        "click.formatting",
        "click.parser",
        "click.types",
        "click.termui",
        "click.utils",
        "typer.core",
        "typer.main",
    ):
        module = _import(importlib, name)
        if module is not None and hasattr(module, "_"):
            module._ = gettext
    rich_utils = _import(importlib, "typer.rich_utils")
    if rich_utils is not None:
        for constant, message in _TYPER_CONSTANTS.items():
            if hasattr(rich_utils, constant):
                setattr(rich_utils, constant, gettext(message))
    _wrap_exceptions(_import(importlib, "typer.exceptions"))
    for package in ("click", "typer._click"):
        _wrap_exceptions(_import(importlib, f"{package}.exceptions"))
        _wrap_usage_prefix(_import(importlib, f"{package}.formatting"))
        _wrap_help_option(_import(importlib, f"{package}.core"))


def _import(importlib, name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _wrap_exceptions(module) -> None:
    if module is None:
        return
    for cls in list(vars(module).values()):
        if not (isinstance(cls, type) and issubclass(cls, Exception) and "format_message" in vars(cls)):
            continue
        original = vars(cls)["format_message"]

        def format_message(self, _original=original) -> str:
            return translate_usage_error(_original(self))

        cls.format_message = format_message  # type: ignore[attr-defined]


def _wrap_usage_prefix(module) -> None:
    formatter = getattr(module, "HelpFormatter", None) if module is not None else None
    if formatter is None or not hasattr(formatter, "write_usage"):
        return
    original = formatter.write_usage

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        original(self, prog, args, gettext("Usage:") + " " if prefix is None else prefix)

    formatter.write_usage = write_usage


def _wrap_help_option(module) -> None:
    command = getattr(module, "Command", None) if module is not None else None
    if command is None or not hasattr(command, "get_help_option"):
        return
    original = command.get_help_option

    def get_help_option(self, ctx):
        option = original(self, ctx)
        if option is not None:
            option.help = gettext("Show this message and exit.")
        return option

    command.get_help_option = get_help_option
