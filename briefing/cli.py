"""Command line: `python generate.py` builds every brief; sub-commands inspect each stage.

    python generate.py [--articles DIR] [--out DIR] [--audience NAME ...] [--templates DIR]
                       [--cache DIR] [--force] [--corrections FILE] [--delivery FILE]
    python generate.py watch [build options] [--debounce MS]
    python generate.py articles [--articles DIR] [--json]
    python generate.py facts [--articles DIR] (--json | --csv FILE | --xlsx FILE)
    python generate.py corrections --import SHEET [--corrections FILE]
    python generate.py eval --gold FILE [--articles DIR] [--json]
    python generate.py templates [--templates DIR]

Exit codes: 0 success, 1 some input was skipped, 2 usage, configuration, template or
output-location error, 3 another build holds the output folder (see briefing.reissue.lock).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import logging
import sys
from pathlib import Path

from briefing.errors import BriefingError, OutputError
from briefing.reissue.lock import DEFAULT_TIMEOUT as LOCK_TIMEOUT

COMMANDS = ("build", "articles", "facts", "eval", "templates", "watch", "corrections")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--articles",
        type=Path,
        default=PROJECT_ROOT / "data" / "articles",
        help="folder of article files (default: data/articles)",
    )


def _add_template_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--templates",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="extra template folder, searched before the built-in ones (repeatable)",
    )


def _make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="generate.py", description="Build cited policy briefs from articles.")
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug messages")
    sub = parser.add_subparsers(dest="command")

    b = sub.add_parser("build", help="build the briefs (the default command)")
    _add_build_options(b)

    w = sub.add_parser("watch", help="build, then rebuild whenever articles or templates change")
    _add_build_options(w)
    w.add_argument("--debounce", type=int, default=1600, metavar="MS",
                   help="wait this long for a burst of changes to settle (default: 1600 ms)")

    c = sub.add_parser("corrections", help="import staff corrections from an edited facts sheet")
    _add_input_options(c)
    c.add_argument("--import", dest="import_sheet", type=Path, required=True, metavar="FILE",
                   help="the edited facts sheet (.xlsx or .csv from `facts`)")
    c.add_argument("--corrections", type=Path, default=None, metavar="FILE",
                   help="corrections file to update (default: corrections.yaml beside the "
                        "articles folder)")
    return _add_other_commands(parser, sub)


def _add_build_options(b: argparse.ArgumentParser) -> None:
    _add_input_options(b)
    _add_template_options(b)
    b.add_argument("--out", type=Path, default=PROJECT_ROOT / "out", help="output folder")
    b.add_argument(
        "--audience",
        action="append",
        default=[],
        metavar="NAME",
        help="audience template to build (repeatable; default: every non-abstract template)",
    )
    b.add_argument(
        "--wait",
        type=float,
        default=LOCK_TIMEOUT,
        metavar="SECONDS",
        help="how long to wait for another build writing the same --out (default 60; then exit 3)",
    )
    b.add_argument(
        "--date",
        type=_dt.date.fromisoformat,
        default=None,
        help="date of issue, YYYY-MM-DD (default: today)",
    )
    b.add_argument("--cache", type=Path, default=None, metavar="DIR",
                   help="build cache folder (default: .cache beside the output folder)")
    b.add_argument("--force", action="store_true",
                   help="read, extract and render everything again, ignoring the cache")
    b.add_argument("--corrections", type=Path, default=None, metavar="FILE",
                   help="staff corrections (default: corrections.yaml beside the articles "
                        "folder, when it exists)")
    b.add_argument("--delivery", type=Path, default=None, metavar="FILE",
                   help="e-mail delivery settings (default: delivery.toml beside the articles "
                        "folder, when it exists)")


def _add_other_commands(parser: argparse.ArgumentParser,
                        sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    a = sub.add_parser("articles", help="list every article with its metadata and problems")
    _add_input_options(a)
    a.add_argument("--json", action="store_true", help="print a JSON array")

    f = sub.add_parser("facts", help="print every extracted figure")
    _add_input_options(f)
    f.add_argument("--json", action="store_true", help="print a JSON array")
    f.add_argument("--csv", type=Path, metavar="FILE", help="write a CSV table ('-' for stdout)")
    f.add_argument("--xlsx", type=Path, metavar="FILE", help="write an Excel sheet")

    e = sub.add_parser("eval", help="score extraction against a gold file")
    _add_input_options(e)
    e.add_argument("--gold", type=Path, required=True, help="gold file (format of seeds.yaml)")
    e.add_argument("--json", action="store_true", help="print scores as JSON")
    e.add_argument("--floors", type=Path, help="fail (exit 1) when a score is below these floors")

    t = sub.add_parser("templates", help="list the audience templates")
    _add_template_options(t)
    return parser


def _normalize_argv(argv: list[str]) -> list[str]:
    """Make `build` the default command: `generate.py --audience x` means `generate.py build …`.

    Global flags (-v/--verbose) stay in front of the command they belong to.
    """
    flags = [a for a in argv if a in ("-v", "--verbose")]
    rest = [a for a in argv if a not in ("-v", "--verbose")]
    if rest and (rest[0] in COMMANDS or rest[0] in ("-h", "--help")):
        return [*flags, *rest]
    return [*flags, "build", *rest]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 input skipped, 2 usage/config error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _make_parser()
    try:
        args = parser.parse_args(_normalize_argv(argv))
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    # Libraries log their internals at INFO (fontTools lists every glyph it subsets).
    for noisy in ("fontTools", "matplotlib", "PIL", "jieba", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return _dispatch(args)
    except BriefingError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except OSError as exc:  # e.g. facts --csv into a missing folder: one line, not a trace
        err = OutputError.from_os_error(exc, "")
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code


def _dispatch(args: argparse.Namespace) -> int:
    # Imports are per command so `generate.py articles` does not load matplotlib.
    if args.command == "articles":
        from briefing.read import run_articles

        return run_articles(args)
    if args.command == "facts":
        from briefing.evaluate.scores import run_facts

        return run_facts(args)
    if args.command == "eval":
        from briefing.evaluate.scores import run_eval

        return run_eval(args)
    if args.command == "templates":
        from briefing.compose.templates import run_templates

        return run_templates(args)
    if args.command == "watch":
        from briefing.commands.watch import run_watch

        return run_watch(args)
    if args.command == "corrections":
        from briefing.consolidate.corrections import run_import

        return run_import(args)
    return _run_build(args)


def beside_articles(args: argparse.Namespace, option: str, name: str) -> Path | None:
    """The file an option names, or `name` beside the articles folder when that exists."""
    given = getattr(args, option, None)
    if given is not None:
        return given
    default = args.articles.resolve().parent / name
    return default if default.is_file() else None


def _run_build(args: argparse.Namespace) -> int:
    from briefing.build import BuildOptions, build
    from briefing.compose.templates import audience_names

    if not args.articles.is_dir():
        print(f"error: {args.articles}: articles folder not found", file=sys.stderr)
        return 2
    audiences = args.audience or audience_names(tuple(args.templates))
    report = build(BuildOptions(
        articles=args.articles,
        out=args.out,
        audiences=tuple(audiences),
        template_dirs=tuple(args.templates),
        issue_date=args.date,
        lock_timeout=args.wait,
        cache_dir=args.cache,
        force=args.force,
        corrections=beside_articles(args, "corrections", "corrections.yaml"),
    ))
    delivery = beside_articles(args, "delivery", "delivery.toml")
    if delivery is not None:
        from briefing.reissue.delivery import deliver_new_issues

        for problem in deliver_new_issues(report, args.out, delivery):
            print(f"delivery: {problem}", file=sys.stderr)
    for audience, paths in report.written.items():
        for path in paths:
            print(f"wrote {path}")
    for skipped in report.skipped:
        print(f"skipped {skipped.file}: {skipped.reason}", file=sys.stderr)
    for audience, err in report.failed.items():
        print(f"failed {audience}: {err}", file=sys.stderr)
    if report.no_input:
        print(f"error: {args.articles}: no usable article; no brief was changed", file=sys.stderr)
    print(
        f"{report.article_count} articles read, {len(report.skipped)} skipped, "
        f"{len(report.written)} of {len(audiences)} audiences built",
        file=sys.stderr,
    )
    _print_incremental(report)
    return report.exit_code


def _print_incremental(report) -> None:  # noqa: ANN001 (BuildReport, imported lazily)
    """Say what the cache saved and which issue each audience is at."""
    stats = report.cache
    for problem in report.corrections:
        print(f"corrections: {problem}", file=sys.stderr)
    if report.nothing_changed:
        print("nothing changed: no article re-read, no brief re-rendered", file=sys.stderr)
    else:
        print(f"{len(stats.read)} articles read and extracted, {len(stats.reused)} from the "
              f"cache; {len(stats.rendered)} audiences rendered", file=sys.stderr)
    for audience, result in report.issues.items():
        state = "new issue" if result.new_issue else "unchanged"
        print(f"{audience}: issue {result.issue} of {result.date} ({state})", file=sys.stderr)
