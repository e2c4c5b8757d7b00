"""Template lookup, inheritance, the `templates` command, and broken templates of every kind."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path

import pytest

from briefing.compose import compose
from briefing.errors import TemplateError
from briefing.compose.markup import plain_text
from briefing.cli import main
from briefing.compose.templates import BUILTIN_DIR, SECTION_KINDS, list_templates, load_template
from fixtures_compose import build_corpus

AUDIENCES = ("leadership", "department", "public", "english")
ISSUE = dt.date(2026, 11, 22)


def _all_text(briefing) -> str:
    runs = []
    for b in briefing.blocks:
        runs += [b.spans, *b.items, *(c for row in b.rows for c in row)]
    return "\n".join(plain_text(r) for r in runs)


def _child(root: Path, name: str, toml: str, files: dict[str, str] | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(toml, encoding="utf-8")
    for rel, text in (files or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", AUDIENCES)
def test_builtin_audiences_load_with_base_in_their_chain(name: str) -> None:
    t = load_template(name)
    assert t.chain[-1] == BUILTIN_DIR / "base"
    assert not t.abstract
    assert t.description


def test_base_is_abstract_and_listed_as_such() -> None:
    names = {t.name: t for t in list_templates()}
    assert set(AUDIENCES) <= set(names)
    assert names["base"].abstract


def test_templates_command_lists_name_audience_language_extends(capsys) -> None:
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    assert "english" in out and "en" in out and "(abstract)" in out
    line = next(l for l in out.splitlines() if l.startswith("leadership"))
    assert "base" in line and "领导参阅" in line


def test_copied_audience_in_a_templates_dir_builds_without_code_change(tmp_path: Path) -> None:
    """Done-when: copy department, edit only TOML and one .md.j2, build it."""
    shutil.copytree(BUILTIN_DIR / "department", tmp_path / "my_audience")
    toml = tmp_path / "my_audience" / "template.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('audience = "department"', 'audience = "my_audience"')
    text = text.replace('name = "电子政务专报"', 'name = "数字政府周报"')
    text = text.replace('title = "十、对策建议"', 'title = "十、我们的建议"')
    toml.write_text(text, encoding="utf-8")
    note = tmp_path / "my_audience" / "sections" / "editor_note.md.j2"
    note.write_text("::: editor-note\n本周报供内部交流。\n:::\n", encoding="utf-8")

    t = load_template("my_audience", (tmp_path,))
    b = compose(build_corpus(), t, ISSUE)
    text = _all_text(b)
    assert b.masthead.name == "数字政府周报"
    assert "本周报供内部交流。" in text and "十、我们的建议" in text
    assert main(["templates", "--templates", str(tmp_path)]) == 0


def test_extra_dir_wins_and_child_can_extend_the_builtin_of_the_same_name(tmp_path: Path) -> None:
    _child(tmp_path, "public", 'extends = "public"\ndescription = "本地版"\n', {
        "sections/headline.md.j2": '{% extends "public:sections/headline.md.j2" %}\n',
        "sections/measures.md.j2": "## 本地举措\n\n{% for i in items %}\n- {{ i.heading }}{{ cite(i) }}\n{% endfor %}\n",
    })
    t = load_template("public", (tmp_path,))
    assert t.description == "本地版" and t.chain[1] == BUILTIN_DIR / "public"
    text = _all_text(compose(build_corpus(), t, ISSUE))
    assert "本地举措" in text and "排名数字越小越靠前" in text


def test_prefix_loader_reaches_base_partials(tmp_path: Path) -> None:
    _child(tmp_path, "mini", 'extends = "base"\nsections = [{ kind = "quotes", title = "观点" }]\n', {
        "sections/quotes.md.j2": '{% extends "base:sections/quotes.md.j2" %}\n',
    })
    b = compose(build_corpus(), load_template("mini", (tmp_path,)), ISSUE)
    assert "杨小伟" in _all_text(b)


@pytest.mark.parametrize("kind", SECTION_KINDS)
def test_every_section_kind_has_a_base_file(kind: str) -> None:
    assert (BUILTIN_DIR / "base" / "sections" / f"{kind}.md.j2").is_file()


# --------------------------------------------------------------------------- broken templates

BROKEN = {
    "syntax": ('extends = "base"\nsections = ["quotes"]\n',
               {"sections/quotes.md.j2": "## 观点\n{% for q in items %}\n- {{ q.speaker }\n"},
               "sections/quotes.md.j2", 3, "syntax"),
    "unknown_name": ('extends = "base"\nsections = ["quotes"]\n',
                     {"sections/quotes.md.j2": "## 观点\n\n{{ no_such_thing }}\n"},
                     "sections/quotes.md.j2", 3, "no_such_thing"),
    "unknown_attribute": ('extends = "base"\nsections = ["quotes"]\n',
                          {"sections/quotes.md.j2": "{% for q in items %}\n{{ q.nope }}\n{% endfor %}\n"},
                          "sections/quotes.md.j2", 2, "nope"),
    "bad_markup": ('extends = "base"\nsections = ["quotes"]\n',
                   {"sections/quotes.md.j2": "## 观点\n> 引用\n"},
                   "sections/quotes.md.j2", 2, "block quotes"),
    "unknown_section_kind": ('extends = "base"\n\nsections = [\n  "headline",\n  "weather",\n]\n',
                             {}, "template.toml", 5, "weather"),
    "non_numeric_limit": ('extends = "base"\n[limits]\nmax_quotes = 3\nmax_recommendations = "five"\n',
                          {}, "template.toml", 4, "max_recommendations"),
    "toml_syntax": ('extends = "base"\ntitle = \n', {}, "template.toml", 2, "TOML"),
    "missing_parent": ('description = "x"\nextends = "nowhere"\n', {}, "template.toml", 2,
                       "available: base"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_template_raises_template_error_with_file_and_line(tmp_path: Path, case: str,
                                                                  monkeypatch) -> None:
    toml, files, bad_file, line, words = BROKEN[case]
    _child(tmp_path, "broken", toml, files)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateError) as err:
        compose(build_corpus(), load_template("broken", (tmp_path,)), ISSUE)
    assert err.value.file == str(Path("broken") / bad_file)
    assert err.value.line == line
    assert words in err.value.message
    assert err.value.exit_code == 2


def test_cycle_in_extends_names_the_chain(tmp_path: Path) -> None:
    _child(tmp_path, "alpha", 'extends = "beta"\n')
    _child(tmp_path, "beta", 'description = "b"\nextends = "alpha"\n')
    with pytest.raises(TemplateError) as err:
        load_template("alpha", (tmp_path,))
    assert "cycle" in err.value.message and "alpha → beta → alpha" in err.value.message
    assert err.value.file.endswith("template.toml") and err.value.line == 2


def test_unknown_template_lists_the_available_ones() -> None:
    with pytest.raises(TemplateError, match="available: .*leadership"):
        load_template("nobody")


def test_template_error_message_reads_file_colon_line(tmp_path: Path, monkeypatch) -> None:
    _child(tmp_path, "broken", *BROKEN["unknown_name"][:2])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateError) as err:
        compose(build_corpus(), load_template("broken", (tmp_path,)), ISSUE)
    assert str(err.value).startswith("broken/sections/quotes.md.j2:3: ")


def test_article_text_cannot_inject_markup(tmp_path: Path) -> None:
    _child(tmp_path, "inj", 'extends = "base"\nsections = ["text"]\n', {
        "sections/text.md.j2": "{{ evil }}\n\n{{ evil|esc }}\n",
    })
    t = load_template("inj", (tmp_path,))
    text = t.render("sections/text.md.j2", {"evil": "# 标题 | 表 [^1] **粗**\n- 列表"})
    from briefing.compose.markup import parse

    blocks = parse(text, "x")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert plain_text(blocks[0].spans) == "# 标题 | 表 [^1] **粗** - 列表"


@pytest.mark.parametrize(
    ("toml", "line", "words"),
    [
        ('extends = "base"\n[limits]\nmax_recomendations = 5\n', 3, "unknown limit"),
        ('extends = "base"\nsections = [\n  { kind = "chart", chart = "gdp" },\n]\n', 3, "gdp"),
        ('extends = "base"\n[limits]\nmax_body_chars = -1\n', 3, "≥ 0"),
        ('extends = "base"\n[limits]\nmax_quotes = true\n', 3, "whole number"),
    ],
)
def test_bad_limits_and_chart_ids_name_the_toml_line(tmp_path: Path, toml: str, line: int,
                                                     words: str) -> None:
    _child(tmp_path, "broken", toml)
    with pytest.raises(TemplateError) as err:
        load_template("broken", (tmp_path,))
    assert err.value.file.endswith("template.toml") and err.value.line == line
    assert words in err.value.message


def test_helper_error_points_at_the_template_line(tmp_path: Path, monkeypatch) -> None:
    _child(tmp_path, "broken", 'extends = "base"\nsections = ["quotes"]\n', {
        "sections/quotes.md.j2": "## 观点\n\n{{ cite(42) }}\n",
    })
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateError) as err:
        compose(build_corpus(), load_template("broken", (tmp_path,)), ISSUE)
    assert (err.value.file, err.value.line) == (str(Path("broken/sections/quotes.md.j2")), 3)


#: Every name a section file may use: the common context, section variables and helpers.
KNOWN_NAMES = {
    "audience", "lang", "issue_date", "labels", "masthead", "settings", "headline", "data",
    "section", "items", "groups", "events", "chart_id", "chart_data", "sources", "source_count",
    "cite", "chart", "changes", "whats_new",
}  # fmt: skip


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(BUILTIN_DIR) for p in BUILTIN_DIR.glob("*/**/*.md.j2")), ids=str
)
def test_builtin_files_use_only_documented_variables(path: Path) -> None:
    from jinja2 import meta

    t = load_template(path.parts[0])
    source = (BUILTIN_DIR / path).read_text(encoding="utf-8")
    names = meta.find_undeclared_variables(t.env.parse(source))
    assert names <= KNOWN_NAMES, names - KNOWN_NAMES


def test_the_kind_registry_is_what_validation_and_compose_use() -> None:
    """One registry: templates.py's kinds and limits are the registry's, each kind has a file."""
    from briefing.compose import kinds

    assert SECTION_KINDS == kinds.kind_names()
    for kind in kinds.KINDS.values():
        assert (BUILTIN_DIR / "base" / "sections" / f"{kind.name}.md.j2").is_file(), kind.name
        assert kind.limit_key in ("", *kinds.limit_keys())
    base = load_template("base")
    assert set(base.limits) <= set(kinds.limit_keys())
    # every limit key the registry knows caps something or is global
    used = {k.limit_key for k in kinds.KINDS.values()} | set(kinds.GLOBAL_LIMITS)
    assert set(kinds.limit_keys()) <= used


def test_every_label_a_template_sets_is_read_by_a_template_file_or_a_writer() -> None:
    """No dead labels: each [labels] key is printed by a section file or a writer."""
    import re

    root = BUILTIN_DIR.parent  # the briefing package
    readers = [p.read_text(encoding="utf-8") for p in BUILTIN_DIR.rglob("*.j2")]
    readers += [p.read_text(encoding="utf-8") for p in (root / "render").glob("*.py")]
    code = "\n".join(readers)
    for template in list_templates():
        for name in dict(template.get("labels", {})):
            used = re.search(rf"labels\.{name}\b|label\(\s*briefing,\s*\"{name}\"", code)
            assert used, f"{template.name}: label {name!r} is read by nothing"


@pytest.mark.parametrize(
    ("subject", "metric", "name"),
    [
        ("甲市", "政务服务事项", "甲市政务服务事项"),
        ("城市数字政府", "城市数字政府发展水平", "城市数字政府发展水平"),  # the metric holds it
        ("乙省60岁及以上网民", "网民", "乙省60岁及以上网民"),  # a count of the group itself
    ],
)
def test_a_figures_name_never_repeats_its_subject_or_metric(subject: str, metric: str, name: str) -> None:
    template = load_template("public")  # the real environment: its filters and sandbox
    macros = template.env.get_template("_macros.md.j2").make_module({"labels": {}})
    figure = argparse.Namespace(subject=subject, metric=metric)
    assert str(macros.figure_name(figure)).strip() == name
