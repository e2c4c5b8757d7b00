"""Schema checks for configuration and data files, every problem reported at once.

A schema is a `Check`: a function from a loaded value and where it is to the problems found
there. Checks compose (`table`, `listing`, `mapping` …), so a file's whole schema is one check;
`report` turns the problems of one file into one error naming each as file:line, with the line
found by a locator that knows the file's format: TOML (`toml_line_of`, for template.toml and
briefing.toml) or YAML (`yaml_line_of`, from the parser's own node positions).

    problems = checks(data, ())            # list[Problem], empty when the data is valid
    report(problems, display, locate, ErrorClass)   # raises one error listing them all
    raise_problems(problems, path, display, ErrorClass)   # the same for a TOML file

Sizes keep a file from making a brief of gigabytes or a long build.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import BriefingError

Path_ = tuple[str | int, ...]  # where a value is: ("sections", 2, "limit")


@dataclass(frozen=True)
class Problem:
    """One schema error: where in the data, what is wrong, and its line when already known."""

    where: Path_
    message: str
    line: int | None = None  #: set when the path alone cannot find it (a key given twice)


Check = Callable[[Any, Path_], list[Problem]]
Locate = Callable[[Path_], int | None]


def _type_name(value: Any) -> str:
    return {str: "text", bool: "true/false", int: "a whole number", float: "a number",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _got(value: Any) -> str:
    shown = repr(value)
    return f"{_type_name(value)} {shown[:40]}{'…' if len(shown) > 40 else ''}"


def text(max_len: int, pattern: re.Pattern[str] | None = None, what: str = "",
         min_len: int = 0) -> Check:
    """A string of `min_len` to `max_len` characters (matching `pattern`, when given)."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, str):
            return [Problem(where, f"must be text, got {_got(value)}")]
        if len(value) > max_len:
            return [Problem(where, f"is {len(value):,} characters, over the limit of {max_len:,}")]
        if len(value.strip()) < min_len:
            return [Problem(where, "must not be empty" if min_len == 1
                            else f"must have at least {min_len} characters, got {value!r}")]
        if pattern is not None and not pattern.match(value):
            return [Problem(where, f"must be {what}, got {value[:40]!r}")]
        return []

    return check


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


def listing(item: Check, max_items: int, unique: bool = False) -> Check:
    """A list of at most `max_items` values, each checked by `item`; with `unique`, no value
    twice."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, list):
            return [Problem(where, f"must be a list, got {_got(value)}")]
        if len(value) > max_items:
            return [Problem(where, f"has {len(value):,} entries, over the limit of {max_items}")]
        problems = [p for i, v in enumerate(value) for p in item(v, (*where, i))]
        return problems + (_duplicates(value, where) if unique else [])

    return check


def _duplicates(values: list[Any], where: Path_) -> list[Problem]:
    """A problem for each repeated entry of a list, naming the entry it repeats."""
    first: dict[str, int] = {}
    problems = []
    for i, value in enumerate(values):
        key = repr(value)
        if key in first:
            problems.append(Problem((*where, i), f"{value!r} is listed twice "
                                                 f"(also entry {first[key] + 1})"))
        else:
            first[key] = i
    return problems


def pair(first: Check, second: Check) -> Check:
    """A list of exactly two values."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, list) or len(value) != 2:
            return [Problem(where, f"must be a pair [\"…\", \"…\"], got {_got(value)}")]
        return [*first(value[0], (*where, 0)), *second(value[1], (*where, 1))]

    return check


def table(fields: dict[str, Check], what: str = "key", required: tuple[str, ...] = ()) -> Check:
    """A table with only the keys of `fields`; those in `required` must be there."""

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
        problems += [Problem(where, f"needs a {key!r}") for key in required if key not in value]
        return problems

    return check


def mapping(value_check: Check, max_items: int, max_key: int = 200,
            key_check: Check | None = None) -> Check:
    """A table with free keys (labels, translations, chart ids), each checked by `key_check`."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, dict):
            return [Problem(where, f"must be a table, got {_got(value)}")]
        if len(value) > max_items:
            return [Problem(where, f"has {len(value):,} entries, over the limit of {max_items}")]
        problems = [Problem((*where, k), f"key is over the limit of {max_key} characters")
                    for k in value if len(str(k)) > max_key]
        if key_check is not None:
            problems += [p for k in value for p in key_check(k, (*where, k))]
        return problems + [p for k, v in value.items() for p in value_check(v, (*where, k))]

    return check


def report(problems: list[Problem], display: str, locate: Locate,
           error: type[BriefingError]) -> None:
    """Raise one `error` naming every problem of the file `display`, each as file:line."""
    if not problems:
        return
    located = [(p.line or locate(p.where), p) for p in problems]
    first_line = located[0][0]

    def one(p: Problem) -> str:
        return f"{'.'.join(map(str, p.where)) or 'file'}: {p.message}"

    if len(located) == 1:
        raise error(one(problems[0]), file=display, line=first_line)
    details = "\n".join(f"  {display}:{line or '?'}: {one(p)}" for line, p in located)
    raise error(f"{len(located)} errors in {display}:\n{details}", file=display,
                line=first_line)


# --------------------------------------------------------------------------- TOML files


def raise_problems(problems: list[Problem], path: Path, display: str,
                   error: type[BriefingError]) -> None:
    """Raise one `error` naming every problem of the TOML file at `path` with its line."""
    if not problems:
        return
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    report(problems, display, lambda where: toml_line_of(lines, where), error)


def toml_line_of(lines: list[str], where: Path_) -> int | None:
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


# --------------------------------------------------------------------------- YAML files


def checked_yaml(source: str, check: Check, display: str, error: type[BriefingError]) -> Any:
    """The data of a YAML text, raising one `error` for a syntax error or for every problem
    `check` and the parser find (keys set twice), each as display:line."""
    loader = yaml.SafeLoader(source)
    try:
        tree = loader.get_single_node()
        data = loader.construct_document(tree) if tree is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"not valid YAML: {problem}", file=display,
                    line=mark.line + 1 if mark is not None else None) from None
    finally:
        loader.dispose()
    problems = yaml_duplicate_keys(tree) + check(data, ())
    located = sorted(problems, key=lambda p: p.line or yaml_line_of(tree, p.where) or 0)
    report(located, display, lambda where: yaml_line_of(tree, where), error)
    return data


def _child(node: yaml.Node, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) of a mapping's key, or (item, item) of a list's index."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                return k, v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key], node.value[key]
    return None


def yaml_line_of(tree: yaml.Node | None, where: Path_) -> int | None:
    """The line of a YAML file where the value at `where` is (its key's line for a mapping
    entry, the nearest enclosing value's when the path goes further than the file)."""
    node, line = tree, (tree.start_mark.line + 1 if tree is not None else None)
    for key in where:
        found = _child(node, key) if node is not None else None
        if found is None:
            return line
        key_node, node = found
        line = key_node.start_mark.line + 1
    return line


def yaml_duplicate_keys(tree: yaml.Node | None, where: Path_ = ()) -> list[Problem]:
    """A problem for each key a YAML mapping sets twice (the parser keeps only the last)."""
    if tree is None:
        return []
    problems = []
    for key, node in _children(tree):
        problems += yaml_duplicate_keys(node, (*where, key))
    if isinstance(tree, yaml.MappingNode):
        seen: dict[str, int] = {}
        for k, _ in tree.value:
            line = k.start_mark.line + 1
            if k.value in seen:
                problems.append(Problem((*where, k.value), f"is set twice (also on line "
                                                           f"{seen[k.value]})", line))
            else:
                seen[k.value] = line
    return problems


def _children(node: yaml.Node) -> Iterator[tuple[str | int, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        yield from ((k.value, v) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        yield from enumerate(node.value)
