"""Checking a TOML or YAML file against a schema: every error at once, each as file:line.

    table({...}) / text / printable / one_of / boolean / whole / number / calendar_date /
    listing / pair / mapping / optional
                                  build a schema (a Check) out of small checks
    parse_yaml(text, display, error) -> YamlDocument
                                  YAML data and the line of each value; aliases refused
    raise_problems(problems, path, display, error, locate=None)
                                  raise one error listing every problem with its line

template.toml (briefing.compose.template_schema), briefing.toml (briefing.settings),
delivery.toml (briefing.delivery_schema) and corrections.yaml
(briefing.consolidate.corrections) are all checked this way. Sizes keep a file from making a
brief of gigabytes or a long build.

YAML is read with PyYAML's libyaml parser (a staff file may hold thousands of entries) as a
node tree, which knows each value's line. Aliases are refused: `*a` repeats a whole subtree,
so nine nested aliases in a kilobyte make hundreds of megabytes once the data is written out.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import BriefingError

#: libyaml's C parser when PyYAML was built with it (its wheels are), else the Python one
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_LISTED = 50  #: problems listed one by one in an error; the rest are counted

Path_ = tuple[str | int, ...]  # where a value is: ("sections", 2, "limit")


@dataclass(frozen=True)
class Problem:
    """One schema error: where in the TOML data, and what is wrong."""

    where: Path_
    message: str


Check = Callable[[Any, Path_], list[Problem]]


def _type_name(value: Any) -> str:
    return {str: "text", bool: "true/false", int: "a whole number", float: "a number",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def got(value: Any) -> str:
    """A value as an error message shows it: its kind and the start of its repr."""
    return _got(value)


def _got(value: Any) -> str:
    shown = repr(value)
    return f"{_type_name(value)} {shown[:40]}{'…' if len(shown) > 40 else ''}"


def text(max_len: int, pattern: re.Pattern[str] | None = None, what: str = "") -> Check:
    """A string of at most `max_len` characters (matching `pattern`, when given)."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, str):
            return [Problem(where, f"must be text, got {_got(value)}")]
        if len(value) > max_len:
            return [Problem(where, f"is {len(value):,} characters, over the limit of {max_len:,}")]
        if pattern is not None and not pattern.match(value):
            return [Problem(where, f"must be {what}, got {value[:40]!r}")]
        return []

    return check


#: Characters a printed value must not hold: controls (but tab and newline where allowed) and
#: format characters (Unicode Cf: bidi overrides such as U+202E, zero-width spaces and joiners)
#: reorder or hide what a brief shows.
def _hidden_character(value: str, multiline: bool) -> str | None:
    allowed = "\t\n" if multiline else ""
    for ch in value:
        if ch not in allowed and unicodedata.category(ch) in ("Cc", "Cf"):
            return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}"
    return None


def printable(max_len: int, pattern: re.Pattern[str] | None = None, what: str = "",
              multiline: bool = False) -> Check:
    """Text as `text` checks it, without control or format characters (bidi, zero-width);
    `multiline` allows tabs and line breaks."""
    base = text(max_len, pattern, what)

    def check(value: Any, where: Path_) -> list[Problem]:
        problems = base(value, where)
        if problems:
            return problems
        hidden = _hidden_character(value, multiline)
        return [Problem(where, f"holds the invisible character {hidden}; delete it")] \
            if hidden else []

    return check


def optional(check: Check) -> Check:
    """`check`, or nothing (a YAML key given without a value)."""

    def optional_check(value: Any, where: Path_) -> list[Problem]:
        return [] if value is None else check(value, where)

    return optional_check


def one_of(*choices: str) -> Check:
    """One of the given strings."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if value not in choices:
            return [Problem(where, f"must be one of {', '.join(choices)}, got {_got(value)}")]
        return []

    return check


def boolean(value: Any, where: Path_) -> list[Problem]:
    """true or false."""
    if isinstance(value, bool):
        return []
    return [Problem(where, f"must be true or false, got {_got(value)}")]


def whole(maximum: int, minimum: int = 0) -> Check:
    """A whole number from `minimum` to `maximum`."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            return [Problem(where, f"must be a whole number ≥ {minimum} (at most {maximum:,}), "
                                   f"got {_got(value)}")]
        return []

    return check


def number(maximum: float) -> Check:
    """A number (whole or not) from 0 to `maximum`."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not 0 <= value <= maximum:
            return [Problem(where, f"must be a number ≥ 0 (at most {maximum:,}), got {_got(value)}")]
        return []

    return check


def calendar_date(value: Any, where: Path_) -> list[Problem]:
    """A TOML date without a time (2026-11-22)."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return []
    return [Problem(where, f"must be a date such as 2026-11-22 (no quotes), got {_got(value)}")]


def listing(item: Check, max_items: int) -> Check:
    """A list of at most `max_items` entries, each passing `item`."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, list):
            return [Problem(where, f"must be a list, got {_got(value)}")]
        if len(value) > max_items:
            return [Problem(where, f"has {len(value):,} entries, over the limit of {max_items}")]
        return [p for i, v in enumerate(value) for p in item(v, (*where, i))]

    return check


def pair(first: Check, second: Check) -> Check:
    """A list of exactly two values."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, list) or len(value) != 2:
            return [Problem(where, f"must be a pair [\"…\", \"…\"], got {_got(value)}")]
        return [*first(value[0], (*where, 0)), *second(value[1], (*where, 1))]

    return check


def table(fields: dict[str, Check], what: str = "key") -> Check:
    """A table with only the keys of `fields`, each optional."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, dict):
            return [Problem(where, f"must be a table, got {_got(value)}")]
        problems = []
        for key, v in value.items():
            if key not in fields:
                known = ", ".join(fields)
                problems.append(Problem((*where, key), f"unknown {what} {key!r}; known: {known}"))
            else:
                problems.extend(fields[key](v, (*where, key)))
        return problems

    return check


def mapping(value_check: Check, max_items: int, max_key: int = 200) -> Check:
    """A table with free keys (labels, translations, chart ids)."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, dict):
            return [Problem(where, f"must be a table, got {_got(value)}")]
        if len(value) > max_items:
            return [Problem(where, f"has {len(value):,} entries, over the limit of {max_items}")]
        problems = [Problem((*where, k), f"key is over the limit of {max_key} characters")
                    for k in value if len(k) > max_key]
        return problems + [p for k, v in value.items() for p in value_check(v, (*where, k))]

    return check


def raise_problems(problems: list[Problem], path: Path, display: str,
                   error: type[BriefingError],
                   locate: Callable[[Path_], int | None] | None = None) -> None:
    """Raise one `error` naming every problem of the file at `path` with its line; none: return.

    `locate` gives a value's line (a YAML file's, from parse_yaml); without it the line is
    looked up in the TOML text. Past MAX_LISTED problems the rest are counted, not listed.
    """
    if not problems:
        return
    if locate is None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        locate = lambda where: line_of(lines, where)  # noqa: E731
    located = [(locate(p.where), p) for p in problems[:MAX_LISTED]]
    first_line = located[0][0]

    def one(p: Problem) -> str:
        return f"{'.'.join(map(str, p.where)) or 'file'}: {p.message}"

    if len(problems) == 1:
        raise error(one(problems[0]), file=display, line=first_line)
    details = "\n".join(f"  {display}:{line or '?'}: {one(p)}" for line, p in located)
    if len(problems) > MAX_LISTED:
        details += f"\n  … and {len(problems) - MAX_LISTED:,} more"
    raise error(f"{len(problems):,} errors in {display}:\n{details}", file=display,
                line=first_line)


# --------------------------------------------------------------------------- YAML


@dataclass(frozen=True)
class YamlDocument:
    """A YAML file's data and its node tree, which knows where each value is."""

    data: Any
    root: yaml.Node | None

    def line(self, where: Path_) -> int | None:
        """The line (from 1) where the value at `where` is set: its key's line in a table."""
        node, line = self.root, None
        for step in where:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(step)), None)
                if pair is None:
                    break
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                    and 0 <= step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                break
        return line


def parse_yaml(text_: str, display: str, error: type[BriefingError]) -> YamlDocument:
    """The data of a YAML text with its lines; `error` naming display:line when it is not
    YAML, uses an alias (`*name`), repeats a key or nests too deeply."""
    if "*" in text_:  # only then can it hold an alias: look for one before building anything
        alias = _first_alias(text_, display, error)
        if alias is not None:
            raise error(f"uses the alias *{alias[1]}; aliases are not allowed here (write the "
                        f"value out)", file=display, line=alias[0])
    loader = _YAML_LOADER(text_)
    try:
        root = loader.get_single_node()
        if root is not None:
            _refuse_repeated_keys(root, display, error)
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, display, error) from None
    except RecursionError:
        raise error("nested too deeply", file=display) from None
    finally:
        loader.dispose()
    return YamlDocument(data, root)


def _first_alias(text_: str, display: str,
                 error: type[BriefingError]) -> tuple[int, str] | None:
    try:
        for event in yaml.parse(text_, Loader=_YAML_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, str(event.anchor)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, display, error) from None
    return None


def _refuse_repeated_keys(root: yaml.Node, display: str, error: type[BriefingError]) -> None:
    """A key given twice in one table: YAML would keep the last value silently."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise error(f"the key {key.value!r} is given twice",
                                    file=display, line=key.start_mark.line + 1)
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _yaml_error(exc: yaml.YAMLError, display: str,
                error: type[BriefingError]) -> BriefingError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return error(f"not valid YAML ({problem})", file=display,
                 line=mark.line + 1 if mark is not None else None)


def line_of(lines: list[str], where: Path_) -> int | None:
    """The line of a TOML file where the value at `where` is set (best effort, for messages)."""
    start = 0
    keys = [k for k in where if isinstance(k, str)]
    if len(keys) > 1 or (keys and len(where) > 1 and isinstance(where[-1], str)):
        header = re.compile(rf"^\s*\[\s*{re.escape(keys[0])}(\.|\s*\])")
        start = next((i for i, t in enumerate(lines) if header.match(t)), 0)
    target = keys[-1] if keys else None
    if target is None:
        return None
    patterns = [re.compile(rf"^\s*{re.escape(target)}\s*="),
                re.compile(rf"(^|[{{,\s]){re.escape(target)}\s*="),
                re.compile(rf"^\s*\[\s*{re.escape(target)}\s*\]")]
    if isinstance(where[-1], int) and where[0] == "sections":  # a kind given as a bare string
        index = where[-1]
        begin = next((i for i, t in enumerate(lines) if re.match(r"^\s*sections\s*=", t)), 0)
        hits = [i for i in range(begin, len(lines)) if "kind" not in lines[i]
                and re.search(r"[\"']\w+[\"']", lines[i])]
        if index < len(hits):
            return hits[index] + 1
    for pattern in patterns:
        for i in range(start, len(lines)):
            if pattern.search(lines[i]):
                return i + 1
    return None
