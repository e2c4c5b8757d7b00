"""Hostile templates: schema errors at once with file:line, no str.format, no reads outside
the templates folder, limits on what templates produce."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.compose import compose
from briefing.errors import TemplateError
from briefing.compose.templates import load_template
from fixtures_compose import build_corpus

ISSUE = dt.date(2026, 11, 22)


def _child(root: Path, toml: str, files: dict[str, str] | None = None, name: str = "t") -> Path:
    """A template `name` in `root` extending public, with extra TOML lines and files."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text('extends = "public"\n' + toml, encoding="utf-8")
    for rel, text in (files or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def _text_section(body: str) -> str:
    return 'sections = [{ kind = "text", title = "x", template = "sections/x.md.j2" }]\n', body


def _compose(root: Path) -> object:
    return compose(build_corpus(), load_template("t", (root,)), ISSUE)


BAD_TYPES = [
    ('[masthead]\ndistribution = "abc"\n', "distribution"),
    ('labels = "x"\n', "labels"),
    ('masthead = "x"\n', "masthead"),
    ("translations = 5\n", "translations"),
]


@pytest.mark.parametrize(("toml", "key"), BAD_TYPES)
def test_wrong_types_in_template_toml_are_errors_with_file_and_line(
    tmp_path: Path, toml: str, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _child(tmp_path, toml)
    with pytest.raises(TemplateError) as info:
        load_template("t", (tmp_path,))
    assert info.value.file and info.value.file.endswith("template.toml")
    assert f"{folder.name}/template.toml:" in str(info.value) and key in str(info.value)
    assert main(["templates", "--templates", str(tmp_path)]) == 2  # no traceback
    assert "t: error:" in capsys.readouterr().out


def test_every_template_schema_error_is_reported_at_once(tmp_path: Path) -> None:
    _child(tmp_path, 'labels = "x"\ntranslations = 5\n')
    with pytest.raises(TemplateError) as info:
        load_template("t", (tmp_path,))
    message = str(info.value)
    assert "template.toml:2" in message and "template.toml:3" in message, message


def test_a_huge_range_in_a_template_is_a_template_error(tmp_path: Path) -> None:
    sections, body = _text_section("{% for i in range(1000000) %}x{% endfor %}\n")
    _child(tmp_path, sections, {"sections/x.md.j2": body})
    with pytest.raises(TemplateError) as info:
        _compose(tmp_path)
    assert "x.md.j2" in str(info.value)


@pytest.mark.parametrize(
    "toml",
    ['title = "{kind.__class__.__mro__}"\n', '[masthead]\nissue_no = "{n.__class__.__mro__}"\n'],
)
def test_template_strings_cannot_reach_python_internals(tmp_path: Path, toml: str) -> None:
    _child(tmp_path, toml)
    try:
        briefing = _compose(tmp_path)
    except TemplateError as err:
        assert "template.toml" in str(err)
        return
    shown = briefing.title + briefing.masthead.issue_no
    assert "class" not in shown and "object" not in shown, shown


def test_placeholders_still_fill_title_and_issue_number(tmp_path: Path) -> None:
    _child(tmp_path, 'title = "{year}年{kind}：{name}"\n[masthead]\nname = "动态"\n'
                     'issue_no = "{year}年第{n}期"\nissue_number = "iso_week"\n')
    briefing = _compose(tmp_path)
    assert briefing.title == "2026年解读：动态"
    assert briefing.masthead.issue_no == "2026年第47期"


def test_a_style_path_outside_the_templates_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text("kinsoku = true\n", encoding="utf-8")
    _child(tmp_path / "tpl", f'style = "{"../" * 12}{str(outside.with_suffix(""))[1:]}"\n')
    with pytest.raises(TemplateError) as info:
        load_template("t", (tmp_path / "tpl",))
    assert "style" in str(info.value)


def test_a_section_file_linked_outside_the_templates_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LINE\n", encoding="utf-8")
    sections, _ = _text_section("")
    folder = _child(tmp_path / "tpl", sections)
    (folder / "sections").mkdir()
    (folder / "sections" / "x.md.j2").symlink_to(secret)
    try:
        briefing = _compose(tmp_path / "tpl")
    except TemplateError as err:
        assert "outside" in str(err) and "x.md.j2" in str(err)
        return
    pytest.fail(f"the linked file was read: {briefing.blocks}")


@pytest.mark.parametrize(
    ("toml", "words"),
    [('titel = "x"\n', "titel"), ('sections = [{ kind = "headline", limitt = 3 }]\n', "limitt"),
     ('language = "fr"\n', "language")],
)
def test_unknown_template_keys_and_languages_are_errors_with_file_and_line(
    tmp_path: Path, toml: str, words: str
) -> None:
    _child(tmp_path, toml)
    with pytest.raises(TemplateError) as info:
        load_template("t", (tmp_path,))
    assert words in str(info.value) and "template.toml:" in str(info.value)


@pytest.mark.parametrize(
    ("argv", "words"),
    [(["--templates", "/nonexistent"], "/nonexistent"), (["--audience", "base"], "abstract")],
)
def test_a_missing_templates_folder_and_an_abstract_audience_are_usage_errors(
    tmp_path: Path, argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "articles"
    empty.mkdir()
    assert main(["--articles", str(empty), "--out", str(tmp_path / "out"), *argv]) == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "out" / "base").exists()


@pytest.mark.parametrize(
    ("toml", "files"),
    [
        (_text_section("{{ 'A' * 5000000 }}\n")[0], {"sections/x.md.j2": "{{ 'A' * 5000000 }}\n"}),
        (_text_section("")[0], {"sections/x.md.j2": "{% for i in range(99999) %}"
                                "{{ 'AAAAAAAAAA' * 99 }}\n{% endfor %}"}),
    ],
    ids=["string-product", "long-loop"],
)
def test_template_output_is_limited_in_size_and_time(
    tmp_path: Path, toml: str, files: dict[str, str]
) -> None:
    _child(tmp_path, toml, files)
    started = time.perf_counter()
    with pytest.raises(TemplateError) as info:
        _compose(tmp_path)
    assert time.perf_counter() - started < 5
    assert "limit" in str(info.value) or "too" in str(info.value), str(info.value)


def test_a_10mb_masthead_name_is_refused_quickly(tmp_path: Path) -> None:
    _child(tmp_path, '[masthead]\nname = "' + "名" * 10_000_000 + '"\n')
    started = time.perf_counter()
    with pytest.raises(TemplateError) as info:
        _compose(tmp_path)
    assert time.perf_counter() - started < 5
    assert "limit" in str(info.value), str(info.value)


def test_a_silent_endless_loop_stops_at_the_render_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.compose.templates as templates

    monkeypatch.setattr(templates, "MAX_RENDER_SECONDS", 0.5)
    sections, _ = _text_section("")
    loop = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    _child(tmp_path, sections, {"sections/x.md.j2": loop})
    started = time.perf_counter()
    with pytest.raises(TemplateError) as info:
        _compose(tmp_path)
    assert time.perf_counter() - started < 5
    assert "limit" in str(info.value) and "x.md.j2" in str(info.value)


def test_output_counts_before_whitespace_collapses(tmp_path: Path) -> None:
    body = '{{ "x".center(2000000) }}\n'
    _child(tmp_path, _text_section(body)[0], {"sections/x.md.j2": body})
    with pytest.raises(TemplateError, match="limit"):
        _compose(tmp_path)


#: Values that would take gigabytes if they were made: padding, formatting, joining, indenting.
HUGE = ['{{ "x".center(2000000000) }}', '{{ "x"|center(2000000000) }}',
        '{{ "x".ljust(2000000000) }}', '{{ "x".zfill(2000000000) }}',
        '{{ "%2000000000s"|format("x") }}', '{{ "{:>2000000000}".format("x") }}',
        '{{ ("x" * 999999).join(["a"] * 100000) }}', '{{ "a\\tb".expandtabs(2000000000) }}',
        '{{ ("a" * 900000).replace("a", "b" * 10000) }}',
        '{{ ("a\\n" * 400000)|indent(100000) }}',
        '{{ ("a " * 400000)|wordwrap(1, wrapstring="x" * 900000) }}',
        '{% set ns = namespace(s="xx") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}'
        '{% endfor %}{{ ns.s|length }}',
        '{% set ns = namespace(s=["x"]) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}'
        '{% endfor %}{{ ns.s|length }}']


def test_huge_values_are_refused_before_they_take_memory(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = f"""
import resource, sys, time
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_hostile_templates import HUGE, _child, _compose, _text_section
from briefing.errors import TemplateError
for n, body in enumerate(HUGE):
    root = Path({str(tmp_path)!r}) / str(n)
    _child(root, _text_section(body)[0], {{"sections/x.md.j2": body}})
    started = time.perf_counter()
    try:
        _compose(root)
        print("built", body)
    except TemplateError as err:
        print("refused" if "limit" in str(err) else f"other {{err}}", body)
    assert time.perf_counter() - started < 10, body
# VmHWM is this process's own peak: ru_maxrss keeps the parent's peak across fork and exec,
# so under a long pytest run it reports pytest's size, not the template's.
status = Path("/proc/self/status")
if status.exists():
    peak_kb = int(status.read_text().split("VmHWM:")[1].split()[0])
else:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("peak MB", peak_kb // 1024)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=600, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert [line for line in lines if not line.startswith(("refused", "peak"))] == []
    assert int(lines[-1].split()[-1]) < 800, lines[-1]
