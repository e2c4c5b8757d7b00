"""The extractor's data files are checked against their schemas when loaded.

Broken copies of the shipped files must stop with one ConfigError that names every problem
with file and line; the shipped files themselves must be valid.
"""

from __future__ import annotations

from importlib import resources

import pytest

from briefing.errors import ConfigError
from briefing.extract.data_schema import SCHEMAS
from briefing.extract.lexicon import check_data_text, check_domain_words

DATA = resources.files("briefing") / "data"


def _shipped(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _errors(name: str, source: str) -> str:
    """The message of the error a broken copy of data file `name` raises."""
    with pytest.raises(ConfigError) as info:
        check_data_text(name, source, f"copy/{name}")
    return str(info.value)


def _line_of(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_data_files_are_valid(name: str) -> None:
    assert check_data_text(name, _shipped(name), name) is not None


def test_shipped_domain_words_are_valid() -> None:
    assert check_domain_words(_shipped("domain_words.txt"), "domain_words.txt")


def test_every_data_file_has_a_schema() -> None:
    shipped = {p.name for p in DATA.iterdir() if p.name.endswith(".yaml")}
    assert shipped == set(SCHEMAS)


def test_broken_metrics_file_reports_every_problem_with_its_line() -> None:
    source = _shipped("metrics.yaml")
    source = source.replace("    unit: index\n", "    unit: [index]\n", 1)
    source = source.replace("    key: true\n", "    key: true\n    colour: red\n", 1)
    source = source.replace("  - name: 网民规模\n", "  - name: \"\"\n", 1)
    source = source.replace("aliases: [网民规模, 网民数量,", "aliases: [网民规模, 网民规模, 网民数量,", 1)
    source = source.replace("  人次: person_times\n", "  人次: person_times\n  人次: times\n", 1)
    message = _errors("metrics.yaml", source)
    assert "5 errors in copy/metrics.yaml" in message, message
    expected = [
        ("unit: [index]", "must be text"),
        ("colour: red", "unknown metric option 'colour'"),
        ('name: ""', "must not be empty"),
        ("aliases: [网民规模, 网民规模", "'网民规模' is listed twice"),
        ("人次: times", "is set twice"),
    ]
    for text, problem in expected:
        line = _line_of(source, text)
        assert any(f"copy/metrics.yaml:{line}:" in row and problem in row
                   for row in message.splitlines()), (text, message)


def test_an_alias_of_two_metrics_is_an_error() -> None:
    source = _shipped("metrics.yaml").replace("aliases: [互联网普及率,", "aliases: [网民规模, 互联网普及率,", 1)
    assert "'网民规模' is also an alias of '网民规模'" in _errors("metrics.yaml", source)


def test_a_family_must_name_a_metric_of_the_file() -> None:
    source = _shipped("metrics.yaml").replace("family: 在线服务指数\n", "family: 在线指数\n", 1)
    message = _errors("metrics.yaml", source)
    assert "names no metric of the file: '在线指数'" in message
    assert f"copy/metrics.yaml:{_line_of(source, 'family: 在线指数')}" in message


def test_broken_cue_lists_report_every_problem() -> None:
    source = _shipped("cues.yaml")
    source = source.replace("  words: [首位, 榜首]", "  words: [首位, 榜首, 首位, \"\"]", 1)
    source = source.replace("rank_places:\n", "Rank Places:\n", 1)
    source = source.replace(
        "    - {word: 需, not_before: 必, not_after: [求]}",
        "    - {word: 需, not_before: 必, not_after: [求], after: 要}",
        1,
    )
    message = _errors("cues.yaml", source)
    assert "4 errors in copy/cues.yaml" in message, message
    assert "'首位' is listed twice" in message and "must not be empty" in message
    assert "must be a name of lower-case letters" in message
    assert "unknown cue option 'after'" in message
    assert f"copy/cues.yaml:{_line_of(source, 'Rank Places:')}:" in message


def test_a_cue_list_without_examples_is_an_error() -> None:
    source = _shipped("cues.yaml").replace(
        "  words: [位次, 名次]\n", "  words: [位次, 名次]\n  example: 提升了20个位次\n", 1
    )
    message = _errors("cues.yaml", source)
    assert "unknown cue list option 'example'" in message


def test_an_enumeration_kind_must_name_a_cue_list() -> None:
    source = _shipped("enumeration_kinds.yaml").replace(
        "cues: problem_markers", "cues: problems", 1
    )
    message = _errors("enumeration_kinds.yaml", source)
    assert "names no list of cues.yaml: 'problems'" in message
    assert f"copy/enumeration_kinds.yaml:{_line_of(source, 'cues: problems')}" in message


def test_wrong_types_in_small_files_are_errors() -> None:
    salience = _shipped("salience.yaml").replace("users_at_least: 1000000", "users_at_least: x")
    assert "must be a whole number" in _errors("salience.yaml", salience)
    assert "must be a list" in _errors("themes.yaml", "数字鸿沟: 老年人\n")
    events = "not_before: []\nnot_after: []\nenglish_verbs: []\n"
    assert "needs a 'verbs'" in _errors("events.yaml", events)
    assert "unknown key 'verbs'" in _errors(
        "roles.yaml", _shipped("roles.yaml") + "verbs: {loose: [表示], strict: [说]}\n"
    )


def test_invalid_yaml_names_the_file_and_line() -> None:
    message = _errors("places.yaml", "countries:\n  中国: [China\ncities: {}\n")
    assert message.startswith("copy/places.yaml:") and "not valid YAML" in message


def test_broken_domain_words_report_every_line() -> None:
    source = "# comment\n依申请 1000 b\n本级 many b\n可控 1000 B!\n依申请 10\n月活 1 n extra\n"
    with pytest.raises(ConfigError) as info:
        check_domain_words(source, "copy/domain_words.txt")
    message = str(info.value)
    assert "4 errors in copy/domain_words.txt" in message, message
    assert "copy/domain_words.txt:3: 本级: frequency must be a whole number" in message
    assert "copy/domain_words.txt:4: 可控: tag must be a jieba part-of-speech tag" in message
    assert "copy/domain_words.txt:5: 依申请: '依申请' is listed twice (also line 2)" in message
    assert "copy/domain_words.txt:6: 月活: has 4 fields" in message
