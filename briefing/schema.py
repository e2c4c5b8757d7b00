"""Schema checks for configuration, staff and data files, every problem reported at once.

A schema is a `Check`: a function from a loaded value and where it is to the problems found
there. Checks compose (`table`, `listing`, `mapping` …), so a file's whole schema is one check;
`report` turns the problems of one file into one error naming each as file:line, with the line
found by a locator that knows the file's format: TOML (`toml_line_of`, for template.toml,
briefing.toml and delivery.toml) or YAML (`yaml_line_of`, from the parser's own node
positions, for corrections.yaml and the data files of briefing/data).

    required(check, *keys), nullable(check), finite: a table's must-have keys, a JSON null, a
    number that is neither infinite nor NaN (the issue records and delivery.toml use them).

    problems = checks(data, ())            # list[Problem], empty when the data is valid
    report(problems, display, locate, ErrorClass)   # raises one error listing them all
    raise_problems(problems, path, display, ErrorClass)   # the same for a TOML file
    parse_yaml(text, display, ErrorClass) -> YamlDocument   YAML data and its lines
    checked_yaml(text, check, display, ErrorClass) -> data  parsed, checked, reported
    checked_document(…) -> YamlDocument    the same, with the node tree

YAML is read in one way: PyYAML's libyaml parser (a staff file may hold thousands of entries)
builds a node tree, which knows each value's line. Aliases are refused: `*a` repeats a whole
subtree, so nine nested aliases in a kilobyte make hundreds of megabytes once the data is
written out. A key set twice (the parser would keep the last silently) is one more problem.
Sizes keep a file from making a brief of gigabytes or a long build; past MAX_LISTED problems
an error counts the rest instead of listing them.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
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
    """One schema error: where in the data, what is wrong, and its line when already known."""

    where: Path_
    message: str
    line: int | None = None  #: set when the path alone cannot find it (a key given twice)


Check = Callable[[Any, Path_], list[Problem]]
Locate = Callable[[Path_], int | None]


def _type_name(value: Any) -> str:
    return {str: "text", bool: "true/false", int: "a whole number", float: "a number",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def got(value: Any) -> str:
    """A value as an error message shows it: its kind and the start of its repr."""
    return _got(value)


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
              multiline: bool = False, min_len: int = 0) -> Check:
    """Text as `text` checks it, without control or format characters (bidi, zero-width);
    `multiline` allows tabs and line breaks."""
    base = text(max_len, pattern, what, min_len)

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
    """Raise one `error` naming every problem of the file `display`, each as file:line (a
    problem's own line, else `locate`'s); none: return. Past MAX_LISTED problems the rest
    are counted, not listed."""
    if not problems:
        return
    located = [(p.line or locate(p.where), p) for p in problems[:MAX_LISTED]]
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


# --------------------------------------------------------------------------- TOML files


def read_toml(path: Path, max_bytes: int, error: type[BriefingError],
              display: str | None = None) -> dict[str, Any]:
    """The table of the TOML file at `path`; `error` naming the file (as `display`), and the
    line of a syntax error, when it is over `max_bytes`, unreadable, not UTF-8 or not TOML."""
    shown = display if display is not None else str(path)
    try:
        if path.stat().st_size > max_bytes:
            raise error(f"over the limit of {max_bytes:,} bytes; not read", file=shown)
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text (byte {exc.start})", file=shown) from None
    except OSError as exc:
        raise error(f"cannot read ({exc.strerror or exc})", file=shown) from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise error(f"not valid TOML ({exc})", file=shown,
                    line=int(line.group(1)) if line else None) from None


def raise_problems(problems: list[Problem], path: Path, display: str,
                   error: type[BriefingError]) -> None:
    """Raise one `error` naming every problem of the TOML file at `path` with its line."""
    if not problems:
        return
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
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


@dataclass(frozen=True)
class YamlDocument:
    """A YAML file's data and its node tree, which knows where each value is."""

    data: Any
    root: yaml.Node | None

    def line(self, where: Path_) -> int | None:
        """The line (from 1) where the value at `where` is set: its key's line in a table."""
        return yaml_line_of(self.root, where)


def parse_yaml(source: str, display: str, error: type[BriefingError]) -> YamlDocument:
    """The data of a YAML text with its lines; `error` naming display:line when it is not
    YAML, uses an alias (`*name`) or nests too deeply. Keys set twice are not refused here:
    `yaml_duplicate_keys` lists them with the other problems (`checked_yaml`)."""
    if "*" in source:  # only then can it hold an alias: look for one before building anything
        alias = _first_alias(source, display, error)
        if alias is not None:
            raise error(f"uses the alias *{alias[1]}; aliases are not allowed here (write the "
                        f"value out)", file=display, line=alias[0])
    loader = _YAML_LOADER(source)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, display, error) from None
    except RecursionError:
        raise error("nested too deeply", file=display) from None
    finally:
        loader.dispose()
    return YamlDocument(data, root)


def checked_yaml(source: str, check: Check, display: str, error: type[BriefingError]) -> Any:
    """The data of a YAML text, raising one `error` for a syntax error or an alias, or for
    every problem `check` and the parser find (keys set twice), each as display:line."""
    return checked_document(source, check, display, error).data


def checked_document(source: str, check: Check, display: str,
                     error: type[BriefingError]) -> YamlDocument:
    """checked_yaml's document: the data and the node tree (for a writer that edits the text
    where a value is)."""
    document = parse_yaml(source, display, error)
    problems = yaml_duplicate_keys(document.root) + check(document.data, ())
    if problems:
        lines = {id(p): p.line or document.line(p.where) or 0 for p in problems}
        problems.sort(key=lambda p: lines[id(p)])
        report(problems, display, document.line, error)
    return document


def _first_alias(source: str, display: str,
                 error: type[BriefingError]) -> tuple[int, str] | None:
    try:
        for event in yaml.parse(source, Loader=_YAML_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, str(event.anchor)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, display, error) from None
    return None


def _yaml_error(exc: yaml.YAMLError, display: str,
                error: type[BriefingError]) -> BriefingError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return error(f"not valid YAML: {problem}", file=display,
                 line=mark.line + 1 if mark is not None else None)


def _child(node: yaml.Node, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) of a mapping's key, or (item, item) of a list's index."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                return k, v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) \
            and 0 <= key < len(node.value):
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


def yaml_duplicate_keys(tree: yaml.Node | None) -> list[Problem]:
    """A problem for each key a YAML mapping sets twice (the parser keeps only the last).

    Walked with a stack, not recursion (a staff file may nest as deep as the parser allows),
    and the paths are followed only once a key is known to be set twice: a file of 200,000
    entries is walked in a fraction of a second.
    """
    if tree is None or not _has_duplicate_key(tree):
        return []
    problems = []
    stack: list[tuple[yaml.Node, Path_]] = [(tree, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for k, _ in node.value:
                line = k.start_mark.line + 1
                if k.value in seen:
                    problems.append(Problem((*where, k.value), f"is set twice (also on line "
                                                               f"{seen[k.value]})", line))
                else:
                    seen[k.value] = line
        stack.extend((child, (*where, key)) for key, child in _children(node)
                     if isinstance(child, yaml.MappingNode | yaml.SequenceNode))
    return problems


def _has_duplicate_key(tree: yaml.Node) -> bool:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value]
            if len(set(keys)) != len(keys):
                return True
            stack.extend(v for _, v in node.value if not isinstance(v, yaml.ScalarNode))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(v for v in node.value if not isinstance(v, yaml.ScalarNode))
    return False


def _children(node: yaml.Node) -> Iterator[tuple[str | int, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        yield from ((k.value, v) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        yield from enumerate(node.value)
