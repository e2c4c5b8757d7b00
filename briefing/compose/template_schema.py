"""The schema of template.toml: allowed keys, types and sizes, every error reported at once.

    check_config(config: dict, path: Path, section_kinds, limit_keys) -> None
        raises one TemplateError listing every problem of the file, each as file:line

Each file of an `extends` chain is checked on its own (so each error names the file that has
it); keys are optional because a child sets only what it changes. Sizes keep a template from
making a brief of gigabytes (a 10 MB masthead name) and a file from making a long build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from briefing.compose.numbers import NumberStyle
from briefing.errors import TemplateError

MAX_TOML_BYTES = 1024 * 1024  #: a template.toml larger than this is refused unread
LANGUAGES = ("zh", "en")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
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
    def check(value: Any, where: Path_) -> list[Problem]:
        if value not in choices:
            return [Problem(where, f"must be one of {', '.join(choices)}, got {_got(value)}")]
        return []

    return check


def boolean(value: Any, where: Path_) -> list[Problem]:
    if isinstance(value, bool):
        return []
    return [Problem(where, f"must be true or false, got {_got(value)}")]


def whole(maximum: int) -> Check:
    """A whole number from 0 to `maximum`."""

    def check(value: Any, where: Path_) -> list[Problem]:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
            return [Problem(where, f"must be a whole number ≥ 0 (at most {maximum:,}), "
                                   f"got {_got(value)}")]
        return []

    return check


def listing(item: Check, max_items: int) -> Check:
    def check(value: Any, where: Path_) -> list[Problem]:
        if not isinstance(value, list):
            return [Problem(where, f"must be a list, got {_got(value)}")]
        if len(value) > max_items:
            return [Problem(where, f"has {len(value):,} entries, over the limit of {max_items}")]
        return [p for i, v in enumerate(value) for p in item(v, (*where, i))]

    return check


def pair(first: Check, second: Check) -> Check:
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


def schema(section_kinds: Sequence[str], limit_keys: Sequence[str]) -> Check:
    """The whole template.toml schema."""
    name = text(64, _NAME, "a name of letters, digits, - and _ (no path)")
    kinds = one_of(*section_kinds)
    section_table = table({
        "kind": kinds, "title": text(200), "template": text(200, re.compile(r"^[\w./-]+$"),
                                                            "a file name inside the template"),
        "limit": whole(1000), "priority": whole(1000), "chart": text(64), "themes":
        listing(text(100), 50),
    }, "section option")

    def section(value: Any, where: Path_) -> list[Problem]:
        if isinstance(value, str):
            return kinds(value, where)
        problems = section_table(value, where)
        if isinstance(value, dict) and "kind" not in value:
            problems.append(Problem(where, "a section table needs a 'kind'"))
        return problems

    return table({
        "description": text(500), "abstract": boolean, "language": one_of(*LANGUAGES),
        "style": name, "kind": text(50), "title": text(200), "audience": text(100),
        "extends": name, "exclude_terms": listing(text(100), 500),
        "sections": listing(section, 50),
        "masthead": table({
            "name": text(100), "issuer": text(100), "issue_no": text(100),
            "issue_number": one_of("iso_week", "day_of_year", "month"),
            "classification": text(50),
            "distribution": listing(pair(text(20), text(500)), 20),
        }),
        "limits": table({k: whole(100_000) for k in limit_keys}, "limit"),
        "labels": mapping(text(1000), 200),
        "charts": mapping(table({
            "metric": text(200), "subject": text(100), "title": text(200),
            "kind": one_of("line", "bar", "timeline", "matrix"), "x_label": text(200),
            "y_label": text(200), "invert_y": boolean, "max_themes": whole(100), "max_sources": whole(100),
        }, "chart option"), 20),
        "numbers": numbers_table(),
        "reference_doc": text(200, re.compile(r"^[\w./-]+$"), "a file name inside the template"),
        "translations": mapping(text(200), 5000),
        "delivery": table({"to": listing(text(254), 100)}, "delivery option"),
    })


def numbers_table() -> Check:
    """[numbers]: one pattern per NumberStyle field (compose checks that the merged chain sets all)."""
    special: dict[str, Check] = {"scale": one_of("zh", "en"), "unit_words": boolean}
    return table({f.name: special.get(f.name, text(100)) for f in fields(NumberStyle)},
                 "[numbers] key")


def check_config(config: dict[str, Any], path: Path, display: str,
                 section_kinds: Sequence[str], limit_keys: Sequence[str]) -> None:
    """Raise one TemplateError naming every schema problem of one template.toml."""
    problems = schema(section_kinds, limit_keys)(config, ())
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
        raise TemplateError(one(problems[0]), file=display, line=first_line)
    details = "\n".join(f"  {display}:{line or '?'}: {one(p)}" for line, p in located)
    raise TemplateError(f"{len(located)} errors in {display}:\n{details}", file=display,
                        line=first_line)


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
