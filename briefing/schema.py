"""Checking a TOML file against a schema: every error at once, each as file:line.

    table({...}) / text / one_of / boolean / whole / number / finite / calendar_date /
    listing / pair / mapping / required / nullable
                                  build a schema (a Check) out of small checks
    raise_problems(problems, path, display, error)
                                  raise one error listing every problem with its line

template.toml (briefing.compose.template_schema) and briefing.toml (briefing.settings) are
both checked this way. Sizes keep a file from making a brief of gigabytes or a long build.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError

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


def required(check: Check, *keys: str) -> Check:
    """`check`, and every one of `keys` present (a table's keys are otherwise optional)."""

    def check_required(value: Any, where: Path_) -> list[Problem]:
        missing = [Problem((*where, k), "is required") for k in keys
                   if isinstance(value, dict) and k not in value]
        return missing + check(value, where)

    return check_required


def nullable(check: Check) -> Check:
    """None, or a value passing `check` (JSON's null)."""

    def check_nullable(value: Any, where: Path_) -> list[Problem]:
        return [] if value is None else check(value, where)

    return check_nullable


def finite(value: Any, where: Path_) -> list[Problem]:
    """A number (whole or not) that is neither infinite nor NaN."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return [Problem(where, f"must be a finite number, got {_got(value)}")]
    return []


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
                   error: type[BriefingError]) -> None:
    """Raise one `error` naming every problem of the file at `path` with its line; none: return."""
    if not problems:
        return
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    located = [(line_of(lines, p.where), p) for p in problems]
    first_line = located[0][0]

    def one(p: Problem) -> str:
        return f"{'.'.join(map(str, p.where)) or 'file'}: {p.message}"

    if len(located) == 1:
        raise error(one(problems[0]), file=display, line=first_line)
    details = "\n".join(f"  {display}:{line or '?'}: {one(p)}" for line, p in located)
    raise error(f"{len(located)} errors in {display}:\n{details}", file=display, line=first_line)


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
