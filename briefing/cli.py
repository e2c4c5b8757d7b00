"""Command line: `briefing [command] [options]`; `build` is the default command.

    briefing [build] [--articles DIR] [--out DIR] [--audience NAME ...] [--templates DIR ...]
                     [--cache DIR] [--force] [--corrections FILE] [--delivery FILE] [--date D]
                     [--wait SECONDS] [--workers N] [--config FILE]
    briefing watch [build options] [--debounce MS]
    briefing review [build options] [--host ADDRESS] [--port N]
    briefing articles | facts | eval | templates | corrections | settings  [options]
    briefing --version | -q/--quiet | -v/--verbose

The same CLI runs as `briefing` (the installed script), `python -m briefing` and
`python generate.py` in a checkout. Each verb is a module of briefing.commands; this module
only builds the parser from them and dispatches. Settings come from flags, then
`briefing.toml`, then the defaults (briefing.settings); relative defaults are relative to the
working folder.

Exit codes: 0 success, 1 some input was skipped, 2 usage, configuration, template or
output-location error, 3 another build holds the output folder (see briefing.reissue.lock).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import sys
import tomllib
from pathlib import Path
from types import ModuleType

from briefing.commands import (
    articles,
    build,
    corrections,
    facts,
    review,
    settings,
    templates,
    watch,
)
from briefing.commands import eval as eval_command
from briefing.errors import BriefingError, OutputError

#: Every verb and the module that runs it, in the order `--help` lists them.
COMMANDS: dict[str, ModuleType] = {
    "build": build,
    "watch": watch,
    "articles": articles,
    "facts": facts,
    "eval": eval_command,
    "templates": templates,
    "corrections": corrections,
    "review": review,
    "settings": settings,
}
DEFAULT_COMMAND = "build"
GLOBAL_FLAGS = ("-v", "--verbose", "-q", "--quiet")  #: accepted before or after the command
STOP_WORDS = ("-h", "--help", "--version")  #: never mean `build`
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
#: Libraries that log their internals at INFO (fontTools lists every glyph it subsets).
NOISY_LOGGERS = ("fontTools", "matplotlib", "PIL", "jieba", "trafilatura", "htmldate")


def version() -> str:
    """The installed package's version, else the one pyproject.toml of a checkout states."""
    try:
        return importlib.metadata.version("briefing")
    except importlib.metadata.PackageNotFoundError:
        pass
    try:
        return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def entry_point_name() -> str:
    """How the user started us: `briefing`, `generate.py` or `python -m briefing`."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "briefing"
    return "python -m briefing" if name == "__main__.py" else name


def _make_parser(prog: str = "briefing") -> argparse.ArgumentParser:
    """The parser: global flags, then one sub-parser per command of COMMANDS."""
    parser = argparse.ArgumentParser(
        prog=prog, description="Build cited policy briefs from articles.",
        epilog=f"Without a command, {prog} builds (`{prog} build --help` lists its options).")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true", help="show debug messages")
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="only warnings and errors (no progress or `wrote` lines)")
    sub = parser.add_subparsers(dest="command", metavar="command", title="commands")
    for name, module in COMMANDS.items():
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def _normalize_argv(argv: list[str]) -> list[str]:
    """Make `build` the default command: `generate.py --audience x` means `generate.py build …`.

    Global flags (-v/--verbose, -q/--quiet) stay in front of the command they belong to.
    """
    flags = [a for a in argv if a in GLOBAL_FLAGS]
    rest = [a for a in argv if a not in GLOBAL_FLAGS]
    if rest and (rest[0] in COMMANDS or rest[0] in STOP_WORDS or not rest[0].startswith("-")):
        return [*flags, *rest]  # a word that is no command is reported by main()
    return [*flags, DEFAULT_COMMAND, *rest]


def unknown_command(argv: list[str]) -> str | None:
    """The first word of `argv` when it is neither an option nor a command."""
    rest = [a for a in argv if a not in GLOBAL_FLAGS]
    if rest and not rest[0].startswith("-") and rest[0] not in COMMANDS:
        return rest[0]
    return None


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 input skipped, 2 usage/config error, 3 busy)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _make_parser(prog or entry_point_name())
    try:
        word = unknown_command(argv)
        if word is not None:
            parser.error(f"unknown command {word!r} (commands: {', '.join(COMMANDS)})")
        args = parser.parse_args(_normalize_argv(argv))
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help and --version
        return int(exc.code or 0)
    _configure_logging(verbose=args.verbose, quiet=args.quiet)
    try:
        return COMMANDS[args.command].run(args)
    except BriefingError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except OSError as exc:  # e.g. facts --csv into a missing folder: one line, not a trace
        err = OutputError.from_os_error(exc, "")
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code


class _MessageFormatter(logging.Formatter):
    """Info lines as they are (they are the command's report); others with their level."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text if record.levelno == logging.INFO else f"{record.levelname}: {text}"


def _configure_logging(*, verbose: bool, quiet: bool) -> None:
    """Messages on stderr: debug with -v, only warnings and errors with -q, else info."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_MessageFormatter("%(message)s"))
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
