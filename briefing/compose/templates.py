"""Audience templates: templates/<name>/template.toml + jinja2 files, with `extends`.

Contract:
    load_template(name: str, extra_dirs: tuple[Path, ...]) -> Template   raises TemplateError
    list_templates(extra_dirs) -> list[Template]

Lookup: each --templates DIR first, then the built-in templates/ folder. A template's chain is
itself, its parent, the parent's parent …; TOML tables merge (child wins) and jinja2 files are
found most-specific-first (a ChoiceLoader over the chain), while "<parent>:file" names one
ancestor's file explicitly (a PrefixLoader), e.g. {% extends "base:sections/quotes.md.j2" %}.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import string
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from briefing.compose import kinds
from briefing.compose.figures import joined_name, subject_word
from briefing.compose.glossary import to_language
from briefing.compose.markup import escape
from briefing.compose.numbers import ordinal
from briefing.compose.template_schema import MAX_TOML_BYTES, check_config
from briefing.errors import ConfigError, TemplateError
from briefing.schema import read_toml

BUILTIN_DIR = Path(__file__).resolve().parents[1] / "builtin_templates"  # package data: ships in the wheel
CONFIG_NAME = "template.toml"
MAX_DEPTH = 8
_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

#: Every section kind a template.toml may list, and every [limits] key: from the registry.
SECTION_KINDS = kinds.kind_names()
LIMIT_KEYS = kinds.limit_keys()


class Raw(Markup):
    """Text a helper produced as markup on purpose (cite markers, chart lines): not escaped."""


@dataclass(eq=False)
class Template:
    """One loaded audience template: merged TOML settings plus a sandboxed jinja2 env."""

    name: str
    folder: Path
    chain: tuple[Path, ...]  #: this folder first, then each ancestor's
    config: dict[str, Any]
    env: SandboxedEnvironment = field(repr=False)

    @property
    def config_file(self) -> str:
        """The template.toml path as a user would type it."""
        return display_path(self.folder / CONFIG_NAME)

    def get(self, key: str, default: Any = None) -> Any:
        """A merged top-level setting."""
        return self.config.get(key, default)

    @property
    def description(self) -> str:
        return str(self.get("description", ""))

    @property
    def audience(self) -> str:
        return str(self.get("audience", self.name))

    @property
    def language(self) -> str:
        return str(self.get("language", "zh"))

    @property
    def extends(self) -> str:
        return str(self.get("extends", ""))

    @property
    def abstract(self) -> bool:
        return bool(self.get("abstract", False))

    @property
    def limits(self) -> dict[str, int]:
        return dict(self.get("limits", {}))

    def limit(self, key: str, default: int) -> int:
        """A limit from [limits], or `default` when the template sets none."""
        return int(self.limits.get(key, default))

    def has_file(self, name: str) -> bool:
        """Whether any template in the chain provides `name`."""
        return any((d / name).is_file() for d in self.chain)

    def render(self, file: str, context: Mapping[str, Any]) -> str:
        """Render one jinja2 file of the chain; every failure is a TemplateError with file:line."""
        try:
            return _limited_render(self.env.get_template(file), context)
        except TemplateError as err:
            if err.file is None:  # raised by a helper such as cite(): point at the template line
                err.line, err.file = _template_frame(err, self.file_path(file))
            raise
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"syntax error: {exc.message}", file=_where(exc.filename, file),
                                line=exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            line, where = _template_frame(exc, file)
            raise TemplateError(f"template {exc.name!r} not found in {self.search_path()}",
                                file=where, line=line) from None
        except RecursionError:
            raise TemplateError("a template extends or includes itself", file=self.file_path(file)) \
                from None
        except _RenderTimeout:
            raise TemplateError(f"rendering took over the limit of {MAX_RENDER_SECONDS:g} s",
                                file=self.file_path(file)) from None
        except OverflowError as exc:  # the sandbox's range() limit
            line, where = _template_frame(exc, self.file_path(file))
            raise TemplateError(f"over a limit: {exc}", file=where, line=line) from None
        except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError,
                ValueError, KeyError, AttributeError, ZeroDivisionError) as exc:
            line, where = _template_frame(exc, file)
            kind = "unknown name" if isinstance(exc, jinja2.UndefinedError) else "error"
            raise TemplateError(f"{kind}: {exc}", file=where, line=line) from None

    def search_path(self) -> str:
        return ", ".join(display_path(d) for d in self.chain)

    def file_path(self, name: str) -> str:
        """The path of the file the chain resolves `name` to (for messages)."""
        for d in self.chain:
            if (d / name).is_file():
                return display_path(d / name)
        return name


# --------------------------------------------------------------------------- loading


def search_dirs(extra_dirs: tuple[Path, ...] | list[Path] = ()) -> tuple[Path, ...]:
    """Where templates are looked up: extra dirs first, then the built-in folder.

    A --templates folder that does not exist is a ConfigError, not a silent no-op.
    """
    for d in extra_dirs:
        if not Path(d).is_dir():
            raise ConfigError("templates folder not found", file=str(d))
    return (*(Path(d) for d in extra_dirs), BUILTIN_DIR)


def available(extra_dirs: tuple[Path, ...] | list[Path] = ()) -> list[str]:
    """Names of every template folder on the search path (abstract ones included)."""
    names: set[str] = set()
    for d in search_dirs(extra_dirs):
        if d.is_dir():
            names.update(p.name for p in d.iterdir() if (p / CONFIG_NAME).is_file())
    return sorted(names)


def load_template(name: str, extra_dirs: tuple[Path, ...] | list[Path] = ()) -> Template:
    """Find template `name`, resolve its `extends` chain and validate its settings."""
    dirs = search_dirs(extra_dirs)
    folder = _find_folder(name, dirs, skip=())
    if folder is None:
        raise TemplateError(
            f"no template named {name!r}; available: {', '.join(available(extra_dirs))}",
            file=", ".join(display_path(d) for d in dirs),
        )
    chain, configs = _resolve_chain(name, folder, dirs, extra_dirs)
    config = _merge_configs(configs)
    config["abstract"] = bool(configs[0][1].get("abstract", False))  # never inherited
    _validate(config, chain)
    template = Template(name, folder, tuple(chain), config, _make_env(chain))
    _add_name_filters(template)
    return template


def list_templates(extra_dirs: tuple[Path, ...] | list[Path] = ()) -> list[Template]:
    """Every loadable template on the search path, abstract ones included."""
    return [load_template(n, extra_dirs) for n in available(extra_dirs)]


def audience_names(extra_dirs: tuple[Path, ...] | list[Path] = ()) -> list[str]:
    """Every template a default build makes: all but the abstract ones.

    A template that fails to load is kept, so the build reports its error instead of
    silently leaving that audience out.
    """
    names = []
    for name in available(extra_dirs):
        try:
            if load_template(name, extra_dirs).abstract:
                continue
        except TemplateError:
            pass
        names.append(name)
    return names


def _find_folder(name: str, dirs: tuple[Path, ...], skip: tuple[Path, ...]) -> Path | None:
    """The first template folder `name` on the search path; one that resolves (through a
    symlink) outside its templates folder, or whose template.toml does, is refused."""
    if not _TEMPLATE_NAME.match(name):
        raise TemplateError(f"{name!r} is not a template name (letters, digits, - and _)",
                            file=", ".join(display_path(d) for d in dirs))
    for d in dirs:
        candidate = (d / name).resolve()
        if candidate not in skip and (candidate / CONFIG_NAME).is_file():
            root = d.resolve()
            if not (candidate / CONFIG_NAME).resolve().is_relative_to(root):
                raise TemplateError(f"template {name!r} resolves outside {display_path(d)}; "
                                    "refused", file=display_path(d / name))
            return candidate
    return None


def _resolve_chain(
    name: str, folder: Path, dirs: tuple[Path, ...], extra_dirs: Any
) -> tuple[list[Path], list[tuple[Path, dict[str, Any]]]]:
    """Follow `extends` from `folder`; a parent of the same name is looked up further down."""
    chain: list[Path] = []
    configs: list[tuple[Path, dict[str, Any]]] = []
    current: Path | None = folder
    while current is not None:
        config = _read_toml(current / CONFIG_NAME)
        chain.append(current)
        configs.append((current, config))
        parent = config.get("extends")
        if not parent:
            break
        toml_file = display_path(current / CONFIG_NAME)
        line = _toml_line(current / CONFIG_NAME, "extends")
        if not isinstance(parent, str):
            raise TemplateError("'extends' must be a template name", file=toml_file, line=line)
        if len(chain) > MAX_DEPTH:
            raise TemplateError(f"'extends' chain deeper than {MAX_DEPTH}", file=toml_file, line=line)
        same_name = tuple(c for c in chain if c.name == parent)
        current = _find_folder(parent, dirs, skip=same_name)
        if current is None:
            cycle = [c.name for c in chain if c.name == parent]
            why = "cycle in extends: " + " → ".join([*[c.name for c in chain], parent]) if cycle \
                else f"parent template {parent!r} not found"
            raise TemplateError(f"{why}; available: {', '.join(available(extra_dirs))}",
                                file=toml_file, line=line)
        if current in chain:
            names = " → ".join([*[c.name for c in chain], current.name])
            raise TemplateError(f"cycle in extends: {names}", file=toml_file, line=line)
    return chain, configs


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse one template.toml and check it against the schema (every error at once)."""
    config = read_toml(path, MAX_TOML_BYTES, TemplateError, display_path(path))
    check_config(config, path, display_path(path), SECTION_KINDS, LIMIT_KEYS)
    return config


def _merge_configs(configs: list[tuple[Path, dict[str, Any]]]) -> dict[str, Any]:
    """Merge from the root ancestor down; tables merge key by key, other values replace."""
    merged: dict[str, Any] = {}
    for folder, config in reversed(configs):
        _deep_merge(merged, config)
        # Remember where each section list and limit came from, for error lines.
        merged.setdefault("_files", {})
        for key in config:
            merged["_files"][key] = folder / CONFIG_NAME
        for key in config.get("limits", {}):
            merged["_files"][f"limits.{key}"] = folder / CONFIG_NAME
    return merged


def _deep_merge(into: dict[str, Any], new: Mapping[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _deep_merge(into[key], value)
        else:
            into[key] = value


def _validate(config: dict[str, Any], chain: list[Path]) -> None:
    """Reject unknown section kinds and limits that are not whole numbers."""
    files: dict[str, Path] = config.get("_files", {})
    limits = config.get("limits", {})
    if not isinstance(limits, dict):
        _fail(files.get("limits", chain[0]), "limits", "[limits] must be a table")
    for key, value in limits.items():
        if key not in LIMIT_KEYS:
            path = files.get(f"limits.{key}", chain[0] / CONFIG_NAME)
            _fail(path, key, f"unknown limit {key!r}; known: {', '.join(LIMIT_KEYS)}")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            path = files.get(f"limits.{key}", chain[0] / CONFIG_NAME)
            _fail(path, key, f"limit {key} must be a whole number ≥ 0, got {value!r}")
    sections = config.get("sections", [])
    path = files.get("sections", chain[0] / CONFIG_NAME)
    if not isinstance(sections, list):
        _fail(path, "sections", "'sections' must be a list")
    for section in sections:
        kind = section if isinstance(section, str) else section.get("kind") if isinstance(
            section, dict) else None
        if kind not in SECTION_KINDS:
            _fail(path, f'"{kind}"' if kind else "sections",
                  f"unknown section kind {kind!r}; known: {', '.join(SECTION_KINDS)}")
        if kind == "chart" and isinstance(section, dict):
            chart_id = section.get("chart")
            if chart_id not in config.get("charts", {}):
                _fail(path, "chart", f"chart section names {chart_id!r}, not one of "
                      f"[charts.*]: {', '.join(config.get('charts', {}))}")
        if isinstance(section, dict) and "limit" in section:
            value = section["limit"]
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                _fail(path, "limit", f"section limit must be a whole number ≥ 0, got {value!r}")


def _fail(path: Path, key: str, message: str) -> None:
    raise TemplateError(message, file=display_path(path), line=_toml_line(path, key))


def _toml_line(path: Path, key: str) -> int | None:
    """The first line of a TOML file that sets `key` (or mentions it), for messages."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    setting = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for pattern in (setting, re.compile(re.escape(key))):
        for n, text in enumerate(lines, start=1):
            if pattern.search(text):
                return n
    return None


# --------------------------------------------------------------------------- jinja2


class _ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses a file whose real path (symlinks resolved) is not inside
    the template folder it was found in."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        if filename is not None:
            real = Path(filename).resolve()
            roots = [Path(p).resolve() for p in self.searchpath]
            found_in = next((r for p, r in zip(self.searchpath, roots)
                             if os.path.abspath(filename).startswith(os.path.abspath(p) + os.sep)),
                            None)
            if found_in is None or not real.is_relative_to(found_in):
                raise TemplateError(f"{template} resolves to {real}, outside the template "
                                    f"folder; refused", file=display_path(filename))
        return source, filename, uptodate


MAX_OUTPUT_CHARS = 1_000_000  #: what one jinja2 file may produce (a brief is ~10,000)
MAX_RENDER_SECONDS = 10.0  #: wall time one jinja2 file may take to render
#: Part of the bytecode cache's folder name: compiled code of an older code generator (without
#: the checked `~`) must not be loaded.
_CODE_GENERATION = "bounded-1"


class _RenderTimeout(Exception):
    """Raised inside a render that ran over MAX_RENDER_SECONDS."""


# Output is checked before any value is made, not only as it is written: a value passes
# through escape() (which collapses whitespace: "x".center(2000000000) prints as " x ") and
# would otherwise take gigabytes before the output limit saw a few characters. So each way a
# template can make a long value from short ones is checked on its arguments: * + % ~, the
# str methods that pad, repeat or join, and the filters that do; whatever else returns text
# is checked on its result.


def _refuse_over(size: int, what: str) -> None:
    """TemplateError when a value of `size` characters would pass the output limit."""
    if size > MAX_OUTPUT_CHARS:
        raise TemplateError(f"{what} would make {size:,} characters, over the output limit of "
                            f"{MAX_OUTPUT_CHARS:,}")


def _text_size(value: Any) -> int:
    return len(value) if isinstance(value, str) else len(str(value))


def _int_or(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _replace_size(text: str, old: Any, new: Any, count: Any = -1) -> int:
    """An upper bound of len(text.replace(old, new, count))."""
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    hits = text.count(old) if old else len(text) + 1
    count = _int_or(count, -1)
    if count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _percent_size(form: str, values: Any) -> int:
    """An upper bound of len(form % values): the form, the values, every width and precision
    (a `*` one takes the largest whole number among the values)."""
    items = values if isinstance(values, tuple) else (values,)
    if isinstance(values, dict):
        items = tuple(values.values())
    star = max((_int_or(v, 0) for v in items), default=0)
    widths = sum(star if w == "*" else int(w) for m in _PERCENT_SPEC.finditer(form)
                 for w in m.groups() if w)
    return len(form) + widths + sum(_text_size(v) for v in items)


def _format_size(form: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> int:
    """An upper bound of len(form.format(*args, **kwargs)), widths and precisions included
    (a nested {field} width takes the largest whole number among the arguments)."""
    values = (*args, *kwargs.values())
    star = max((_int_or(v, 0) for v in values), default=0)
    widths = 0
    try:
        for _literal, _field, spec, _conversion in string.Formatter().parse(form):
            if spec:
                widths += sum(map(int, re.findall(r"\d+", spec))) + (star if "{" in spec else 0)
    except ValueError:  # not a valid format string: format() itself will say so
        return len(form)
    return len(form) + widths + sum(_text_size(v) for v in values)


_PADDING = frozenset({"center", "ljust", "rjust", "zfill"})


def _method_size(method: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> int | None:
    """An upper bound of what a str method that can grow its text returns; None for others."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return None
    name = getattr(method, "__name__", "")
    first = args[0] if args else next(iter(kwargs.values()), None)
    if name in _PADDING:
        return max(len(owner), _int_or(first, 0))
    if name == "expandtabs":
        return len(owner) * max(_int_or(first if first is not None else 8, 8), 1)
    if name == "replace" and len(args) >= 2:
        return _replace_size(owner, *args[:3])
    return None


def _joined_size(separator: str, items: list[Any]) -> int:
    return len(separator) * max(len(items) - 1, 0) + sum(_text_size(i) for i in items)


def _bounded_filters(env: jinja2.Environment) -> None:
    """The built-in filters that can make a long value from a short one, checked first."""
    filters = env.filters

    def check_first(name: str, size: Callable[..., int]) -> None:
        original = filters[name]

        @functools.wraps(original)  # keeps jinja's pass_context/… marker
        def bounded(*args: Any, **kwargs: Any) -> Any:
            _refuse_over(size(*args, **kwargs), f"the {name} filter")
            return original(*args, **kwargs)

        filters[name] = bounded

    check_first("center", lambda value, width=80: max(_text_size(value), _int_or(width, 0)))
    check_first("indent", lambda s, width=4, *_a, **_k: _text_size(s) + (
        str(s).count("\n") + 1) * (len(width) if isinstance(width, str) else _int_or(width, 0)))
    check_first("wordwrap", lambda env_, s, width=79, break_long_words=True, wrapstring=None,
                *_a, **_k: len(s) + (len(s) // max(_int_or(width, 1), 1) + s.count("\n") + 1)
                * len(wrapstring if isinstance(wrapstring, str) else env_.newline_sequence))
    check_first("format", lambda value, *args, **kwargs: _percent_size(
        str(value), kwargs if kwargs else tuple(args)))
    check_first("replace", lambda ctx, s, old, new, count=None: _replace_size(
        str(s), old, new, -1 if count is None else count))
    original_join = filters["join"]

    @functools.wraps(original_join)
    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        items = list(value)
        if attribute is None:
            _refuse_over(_joined_size(str(d), items), "the join filter")
        return _checked_result(original_join(eval_ctx, items, d, attribute), "the join filter")

    filters["join"] = join


def _checked_result(value: Any, what: str) -> Any:
    if isinstance(value, str):
        _refuse_over(len(value), what)
    return value


class _BoundedCodeGenerator(CodeGenerator):
    """jinja2's code generator with `a ~ b` checked before it joins (see bounded_concat)."""

    @optimizeconst
    def visit_Concat(self, node: jinja2.nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.bounded_concat({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _LimitedEnvironment(SandboxedEnvironment):
    """The sandbox, plus size checks before a value is made: on `*`, `**`, `+`, `%` and `~`,
    on the str methods and filters that pad, repeat or join (10 ** 10 ** 9, 'A' * 5000000,
    "x".center(2000000000)), and on any other call's text result."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCodeGenerator

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    if len(seq) * times > MAX_OUTPUT_CHARS:
                        raise TemplateError(f"a product of {len(seq):,} × {times:,} is over the "
                                            f"output limit of {MAX_OUTPUT_CHARS:,}")
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right > 0 and right * max(abs(left).bit_length(), 1) > 4096:
                raise TemplateError(f"{left} ** {right} is over the size limit of 4096 bits")
        if operator == "+" and isinstance(left, (str, list, tuple)) \
                and isinstance(right, (str, list, tuple)):
            _refuse_over(len(left) + len(right), "a sum")
        if operator == "%" and isinstance(left, str):
            _refuse_over(_percent_size(left, right), "a % format")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: N805 (jinja's)
             *args: Any, **kwargs: Any) -> Any:
        size = _method_size(__obj, args, kwargs)
        if size is not None:
            _refuse_over(size, f"{getattr(__obj, '__name__', 'a call')}()")
        if getattr(__obj, "__name__", "") == "join" and isinstance(
                getattr(__obj, "__self__", None), str) and len(args) == 1:
            items = list(args[0])
            _refuse_over(_joined_size(__obj.__self__, items), "join()")
            args = (items,)
        return _checked_result(super().call(__context, __obj, *args, **kwargs), "a call")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format / format_map, sandboxed by jinja2, with their widths checked first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        form = value.__self__
        is_map = value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            mapping = args[0] if is_map and args and isinstance(args[0], Mapping) else kwargs
            _refuse_over(_format_size(form, () if is_map else args, mapping), "format()")
            return _checked_result(wrapped(*args, **kwargs), "format()")

        return bounded

    def bounded_concat(self, join: Callable[[Any], str], parts: tuple[Any, ...]) -> str:
        """`a ~ b ~ …`, refused when the parts add up to more than the output limit."""
        _refuse_over(sum(_text_size(p) for p in parts), "joining with ~")
        return join(parts)


def _limited_render(tmpl: jinja2.Template, context: Mapping[str, Any]) -> str:
    """Render `tmpl`, stopping at MAX_OUTPUT_CHARS of output or MAX_RENDER_SECONDS."""
    chunks: list[str] = []
    size = 0
    with _time_limit(MAX_RENDER_SECONDS):
        for chunk in tmpl.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateError(f"output is over the limit of {MAX_OUTPUT_CHARS:,} characters")
            chunks.append(chunk)
    return "".join(chunks)


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _RenderTimeout in the block after `seconds` (a SIGALRM timer: main thread only;
    elsewhere the output limit still holds)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _RenderTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept per machine (jinja2 recompiles when a file's source changes):
    compiling the section files was half of a build with nothing to redo. None when the
    folder cannot be made."""
    # the machine cache folder; imported here: the render package loads matplotlib and
    # reportlab, which a build with nothing to render never needs
    from briefing.render.fonts import font_cache_dir

    folder = font_cache_dir().parent / f"jinja-{jinja2.__version__}-{_CODE_GENERATION}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _make_env(chain: list[Path]) -> SandboxedEnvironment:
    """A sandboxed env: most specific file first, '<ancestor>:file' for an explicit one."""
    # A name shared by child and parent (public extends public) means the ancestor.
    by_name = {folder.name: _ContainedLoader(str(folder)) for folder in chain}
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader(by_name, delimiter=":"),
        _ContainedLoader([str(folder) for folder in chain]),
    ])
    env = _LimitedEnvironment(
        loader=loader,
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # autoescape only so that macro output comes back as Markup (already escaped); the
        # escaping itself is ours: _finalize turns every plain value into escaped Markup.
        autoescape=True,
    )
    _bounded_filters(env)
    env.filters["esc"] = lambda v: Raw(escape(_within_limit(v)))
    env.filters["raw"] = lambda v: Raw(v)
    env.filters["ordinal"] = ordinal
    env.filters["en_amount"] = english_amount
    env.filters["en_value"] = english_value
    return env


def _add_name_filters(template: Template) -> None:
    """`tr` and `subject`: a name in the brief's language — the template's [translations]
    first (中国 → 我国 in Chinese briefs), then the glossary (briefing/compose/glossary.py:
    网民规模 → Internet users in English, National Government Service Platform → 国家政务服务平台
    in Chinese); a name neither gives stays as it is."""
    translations = {str(k): str(v) for k, v in dict(template.get("translations", {})).items()}
    lang = template.language

    def name(value: Any) -> str:
        text = str(value or "")
        return translations.get(text) or to_language(text, lang) or text

    template.env.filters["tr"] = name
    template.env.filters["subject"] = lambda s: name(subject_word(s, lang))
    template.env.filters["joined_name"] = lambda subject, metric: joined_name(subject, metric, lang)
    template.env.filters["quoted"] = lambda text, note="": quoted(str(text), lang, str(note))

    def source_name(value: Any) -> str:
        """A source's name in the brief's language, else quoted as the source prints it."""
        text = name(value)
        foreign = bool(_HAS_CJK.search(text)) if lang == "en" else not _HAS_CJK.search(text)
        return quoted(text, lang) if foreign else text

    template.env.filters["source_name"] = source_name


_HAS_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def quoted(text: str, lang: str, note: str = "") -> str:
    """Filter `quoted`: a source's words in quotation marks (inner “” become ‘’), followed by
    `note` when they are in another language than the brief ("(in Chinese)" in an English
    brief, "（英文）" in a Chinese one): quoted words are the only other-language text a
    brief prints."""
    inner = text.strip().replace("“", "‘").replace("”", "’")
    foreign = bool(_HAS_CJK.search(text)) if lang == "en" else not _HAS_CJK.search(text)
    gap = " " if lang == "en" else ""
    return f"“{inner}”" + (f"{gap}{note}" if foreign and note else "")


def _finalize(value: Any) -> Any:
    """Every {{ … }} goes through escape() unless it is markup already (Raw, macro output);
    its size is checked before escape() collapses its whitespace."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Markup(value)
    return Markup(escape(_within_limit(value)))


def _within_limit(value: Any) -> Any:
    """`value`, when as text it is within the output limit; else TemplateError."""
    _refuse_over(_text_size(value), "a value")
    return value


def english_amount(value: float) -> str:
    """1319000000 → '1.319 billion', 20400000 → '20.4 million', 2100 → '2,100'."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.6g} {word}"
    return f"{value:,.6g}" if value != int(value) else f"{int(value):,}"


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
#: Fills template.toml strings ("{year}年第{n}期"): plain values only, no filters, no autoescape.
_STRING_ENV = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)


def fill(template: Template, pattern: str, key: str, **values: Any) -> str:
    """Fill the `{name}` placeholders of a template.toml string, in the sandbox.

    Only plain names of `values` are allowed (`{{`/`}}` are literal braces): no attribute,
    index or format spec, so a string in template.toml can never reach Python internals. The
    text around the placeholders is passed as values too, never parsed as jinja2.
    """
    source: list[str] = []
    context: dict[str, Any] = {}
    literal: list[str] = []

    def flush() -> None:
        if literal:
            name = f"_text{len(context)}"
            context[name] = "".join(literal)
            source.append("{{ %s }}" % name)
            literal.clear()

    pos = 0
    for m in _PLACEHOLDER.finditer(pattern):
        literal.append(pattern[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        name = m.group(1)
        if name is None or name not in values:
            raise TemplateError(f"{key} {pattern[:80]!r}: unknown placeholder {token!r}; "
                                f"known: {', '.join('{%s}' % v for v in values)}",
                                file=template.config_file, line=_toml_line(
                                    template.folder / CONFIG_NAME, key.rsplit(".", 1)[-1]))
        flush()
        source.append("{{ %s }}" % name)
        context[name] = values[name]
    literal.append(pattern[pos:])
    flush()
    return _STRING_ENV.from_string("".join(source)).render(context)


def english_value(value: float | None, unit: str) -> str:
    """A figure in English by its unit: rank 9 → '9th', percent → '82%', else english_amount."""
    if value is None:
        return "–"
    if unit == "rank":
        return ordinal(int(value))
    if unit == "percent":
        return f"{value:g}%"
    return english_amount(value)


def display_path(path: Path | str) -> str:
    """`path` relative to the current directory when it is below it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def _where(filename: str | None, fallback: str) -> str:
    return display_path(filename) if filename else fallback


def _template_frame(exc: BaseException, fallback: str) -> tuple[int | None, str]:
    """The innermost template file and line in a render traceback (jinja rewrites frames)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") and os.path.exists(frame.filename):
            return frame.lineno, display_path(frame.filename)
    return None, fallback
