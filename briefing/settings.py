"""Settings: every value a build or a command takes, from flags, briefing.toml or a default.

    SETTINGS                           one entry per setting: name, flag, default, description
    add_flags(parser, names)           the command-line flag of each named setting
    add_config_flag(parser)            --config FILE
    load_settings(args) -> Settings    flags over briefing.toml over defaults, with the source
    markdown_table() -> str            the README's settings table

`briefing.toml` in the working folder (or the file `--config` names) sets any setting by its
name, as a top-level key. It is checked whole against a schema (briefing.schema, as
template.toml is): an unknown key or a wrong type is an error naming the file and line, every
error at once. Relative paths in the file are relative to the file's folder; relative paths on
the command line and the defaults are relative to the working folder (as Sphinx's conf.py and
MkDocs's mkdocs.yml).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError
from briefing.parallel import EXECUTOR_SPEC
from briefing.reissue.lock import DEFAULT_TIMEOUT as LOCK_TIMEOUT
from briefing.schema import (
    Check,
    boolean,
    calendar_date,
    listing,
    number,
    raise_problems,
    read_toml,
    table,
    text,
    whole,
)

CONFIG_NAME = "briefing.toml"
MAX_CONFIG_BYTES = 1024 * 1024  #: a settings file larger than this is refused unread
DEFAULT = "default"  #: the source of a value neither a flag nor the file set
FLAG = "flag"
_AUDIENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_PATH = text(4096, re.compile(r"\s*\S"), "a path (not blank: a blank path means the working "
              "folder, never what was meant)")
MAX_WAIT = 86_400  #: seconds; --wait and `wait`
MAX_DEBOUNCE = 600_000  #: milliseconds; --debounce and `debounce`
_WAIT = number(MAX_WAIT)
_DEBOUNCE = whole(MAX_DEBOUNCE)


def _checked(check: Check, convert: Callable[[str], Any], what: str,
             result: Callable[[Any], Any] = lambda value: value) -> Callable[[str], Any]:
    """argparse type: `convert` the text, then the same check briefing.toml's value passes."""

    def parse(raw: str) -> Any:
        try:
            value = convert(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {raw!r}") from None
        problems = check(value, ())
        if problems:
            raise argparse.ArgumentTypeError(problems[0].message)
        return result(value)

    return parse


_PATH_FLAG = _checked(_PATH, str, "a path", Path)
_EXECUTOR = text(300, EXECUTOR_SPEC, "`local` or `dask://HOST:PORT`")


def _positive_int(value: str) -> int:
    """argparse type: a whole number ≥ 1."""
    try:
        number_ = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number_ < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number_}")
    return number_


def _port(value: str) -> int:
    """argparse type: a TCP port, 1–65535."""
    port = _positive_int(value)
    if port > 65_535:
        raise argparse.ArgumentTypeError(f"a port is at most 65535, got {port}")
    return port


def _path(value: Any, base: Path) -> Path:
    return base / Path(value).expanduser()


def _paths(values: Any, base: Path) -> tuple[Path, ...]:
    return tuple(_path(v, base) for v in values)


def _names(values: Any, base: Path) -> tuple[str, ...]:
    return tuple(values)


def _same(value: Any, base: Path) -> Any:
    return value


def _seconds(value: Any, base: Path) -> float:
    return float(value)


def _beside_articles(name: str) -> Callable[[Mapping[str, Any]], Path | None]:
    """A default: `name` beside the articles folder, when that file exists."""

    def default(values: Mapping[str, Any]) -> Path | None:
        path = Path(values["articles"]).resolve().parent / name
        return path if path.is_file() else None

    return default


@dataclass(frozen=True)
class Setting:
    """One setting: its briefing.toml key, flag, default and one-line description."""

    name: str  #: key in briefing.toml, and in Settings
    flag: str  #: the command-line option
    default: Any  #: the value when neither the flag nor the file sets it
    default_text: str  #: the default as the README and `briefing settings` show it
    description: str  #: one line: README, `briefing settings`, --help
    check: Check  #: the briefing.toml schema of the value
    from_file: Callable[[Any, Path], Any] = _same  #: TOML value, file's folder → value
    #: argparse keywords of the flag (type, action, metavar)
    flag_options: Mapping[str, Any] = field(default_factory=dict)
    #: a default computed from the other settings (e.g. a file beside the articles folder)
    derive: Callable[[Mapping[str, Any]], Any] | None = None


#: Every setting, in the order `briefing settings` and the README list them.
SETTINGS: tuple[Setting, ...] = (
    Setting("articles", "--articles", Path("data/articles"), "`data/articles`",
            "folder of article files (.txt, .html, .md, .docx)", _PATH, _path,
            {"type": _PATH_FLAG, "metavar": "DIR"}),
    Setting("out", "--out", Path("out"), "`out`",
            "output folder: `<audience>/brief.docx`, `.pdf`, `.json` and the archive", _PATH,
            _path, {"type": _PATH_FLAG, "metavar": "DIR"}),
    Setting("audiences", "--audience", (), "every audience template",
            "audience templates to build (the flag is repeatable)",
            listing(text(64, _AUDIENCE, "a template name"), 100), _names,
            {"action": "append", "metavar": "NAME"}),
    Setting("templates", "--templates", (), "none",
            "extra template folders, searched before the built-in ones; their `_styles/` "
            "too (the flag is repeatable)", listing(_PATH, 20), _paths,
            {"action": "append", "type": _PATH_FLAG, "metavar": "DIR"}),
    Setting("cache", "--cache", None, "`.cache` beside the output folder",
            "build cache folder (safe to delete)", _PATH, _path,
            {"type": _PATH_FLAG, "metavar": "DIR"}),
    Setting("corrections", "--corrections", None,
            "`corrections.yaml` beside the articles folder, when it exists",
            "staff corrections of extracted figures", _PATH, _path,
            {"type": _PATH_FLAG, "metavar": "FILE"}, _beside_articles("corrections.yaml")),
    Setting("delivery", "--delivery", None,
            "`delivery.toml` beside the articles folder, when it exists",
            "e-mail delivery of each new issue (SMTP server)", _PATH, _path,
            {"type": _PATH_FLAG, "metavar": "FILE"}, _beside_articles("delivery.toml")),
    Setting("date", "--date", None, "today",
            "date of issue of a new issue (YYYY-MM-DD)", calendar_date, _same,
            {"type": _dt.date.fromisoformat, "metavar": "YYYY-MM-DD"}),
    Setting("force", "--force", False, "`false`",
            "read, extract and render everything again, ignoring the cache", boolean, _same,
            {"action": "store_true"}),
    Setting("wait", "--wait", LOCK_TIMEOUT, f"`{LOCK_TIMEOUT:g}`",
            "seconds to wait for another build writing the same output folder (then exit 3)",
            _WAIT, _seconds, {"type": _checked(_WAIT, float, "a number"), "metavar": "SECONDS"}),
    Setting("workers", "--workers", None, "`$BRIEFING_WORKERS`, else the free cores",
            "processes that read and extract a large folder (1: no pool)", whole(256, 1), _same,
            {"type": _positive_int, "metavar": "N"}),
    Setting("executor", "--executor", None, "none (here, or a pool of local processes)",
            "read and extract on Dask: `local` (a LocalCluster of `workers` processes) or "
            "`dask://HOST:PORT` (a running scheduler whose workers see the articles folder at "
            "the same path); needs `pip install 'briefing[dask]'`",
            _EXECUTOR, _same,
            {"type": _checked(_EXECUTOR, str, "an executor"), "metavar": "local|dask://HOST:PORT"}),
    Setting("debounce", "--debounce", 1600, "`1600`",
            "`watch`: milliseconds to let a burst of changes settle before rebuilding",
            _DEBOUNCE, _same, {"type": _checked(_DEBOUNCE, int, "a whole number"), "metavar": "MS"}),
    Setting("host", "--host", "127.0.0.1", "`127.0.0.1`",
            "`review`: the address the review page listens on (another interface only when "
            "set)", text(255), _same, {"metavar": "ADDRESS"}),
    Setting("port", "--port", None, "a free port",
            "`review`: the port of the review page", whole(65_535, 1), _same,
            {"type": _port, "metavar": "N"}),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
SCHEMA: Check = table({s.name: s.check for s in SETTINGS}, "setting")


@dataclass(frozen=True)
class Settings:
    """The value of every setting and where it came from (default, the file, or flag)."""

    values: Mapping[str, Any]
    sources: Mapping[str, str]
    config_file: Path | None = None  #: the briefing.toml read, if any

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


# --------------------------------------------------------------------------- flags


def add_flags(parser: argparse.ArgumentParser, names: Iterable[str]) -> None:
    """Add the flag of each named setting; its default is None, so a flag given is known."""
    for name in names:
        setting = BY_NAME[name]
        parser.add_argument(setting.flag, dest=setting.name, default=None,
                            help=plain(f"{setting.description} (default: {setting.default_text})"),
                            **setting.flag_options)


def plain(text: str) -> str:
    """A description as a terminal shows it: without Markdown's backticks."""
    return text.replace("`", "")


def add_config_flag(parser: argparse.ArgumentParser) -> None:
    """--config FILE: the settings file."""
    parser.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help=f"settings file (default: {CONFIG_NAME} in the working folder, "
                             "when it exists)")


# --------------------------------------------------------------------------- resolving


def load_settings(args: argparse.Namespace) -> Settings:
    """Every setting: the flag when given, else briefing.toml's value, else the default."""
    config_file = _config_file(getattr(args, "config", None))
    in_file = read_config(config_file) if config_file is not None else {}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for setting in SETTINGS:
        given = getattr(args, setting.name, None)
        if given is not None:
            values[setting.name] = tuple(given) if isinstance(given, list) else given
            sources[setting.name] = FLAG
        elif setting.name in in_file:
            values[setting.name] = in_file[setting.name]
            sources[setting.name] = str(config_file)
        else:
            values[setting.name] = (setting.derive(values) if setting.derive is not None
                                    else setting.default)
            sources[setting.name] = DEFAULT
    return Settings(values, sources, config_file)


def _config_file(given: Path | None) -> Path | None:
    """The --config file (which must exist), else briefing.toml here when it exists."""
    if given is not None:
        if not given.is_file():
            raise ConfigError("settings file not found", file=str(given))
        return given
    default = Path(CONFIG_NAME)
    return default if default.is_file() else None


def read_config(path: Path) -> dict[str, Any]:
    """The settings of a briefing.toml, checked and converted; ConfigError naming file:line."""
    data = read_toml(path, MAX_CONFIG_BYTES, ConfigError)
    raise_problems(SCHEMA(data, ()), path, str(path), ConfigError)
    return {name: BY_NAME[name].from_file(value, path.parent) for name, value in data.items()}


# --------------------------------------------------------------------------- documentation


def markdown_table() -> str:
    """The settings as a Markdown table: setting, flag, default, description (the README's)."""
    rows = ["| setting | flag | default | description |", "|---|---|---|---|"]
    rows += [f"| `{s.name}` | `{s.flag}` | {s.default_text} | {s.description} |"
             for s in SETTINGS]
    return "\n".join(rows)


__all__ = [
    "BY_NAME",
    "CONFIG_NAME",
    "SETTINGS",
    "Setting",
    "Settings",
    "add_config_flag",
    "add_flags",
    "load_settings",
    "markdown_table",
    "plain",
    "read_config",
]
