"""The Markdown subset: every construct, every error, and escape() of article text."""

from __future__ import annotations

import pytest

from briefing.errors import TemplateError
from briefing.compose.markup import escape, parse, plain_text
from briefing.models import Block, Span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# 标题", Block("heading", spans=(Span("标题"),), level=1)),
        ("### 小标题", Block("heading", spans=(Span("小标题"),), level=3)),
        ("一段\n接着", Block("paragraph", spans=(Span("一段接着"),))),
        ("one\ntwo", Block("paragraph", spans=(Span("one two"),))),
        ("- 甲\n- 乙", Block("list", items=((Span("甲"),), (Span("乙"),)))),
        ("1. 甲\n2. 乙", Block("list", ordered=True, items=((Span("甲"),), (Span("乙"),)))),
        ("---", Block("rule")),
        ("[[pagebreak]]", Block("pagebreak")),
        ("[[chart:egdi_rank]]", Block("chart", chart_id="egdi_rank")),
        ("重点**加粗**文字", Block("paragraph", spans=(Span("重点"), Span("加粗", "bold"), Span("文字")))),
        ("第45位[^1,3]", Block("paragraph", spans=(Span("第45位"), Span("", "cite", (1, 3))))),
        ("导语\n{: .lead}", Block("paragraph", spans=(Span("导语"),), role="lead")),
    ],
)
def test_each_construct_parses_to_its_block(text: str, expected: Block) -> None:
    assert parse(text, "t.md.j2") == (expected,)


def test_table_first_row_is_header_and_separator_is_dropped() -> None:
    (table,) = parse("| 指标 | 数值 |\n|---|---|\n| 排名 | 第45位[^2] |", "t.md.j2")
    assert table.kind == "table"
    assert [[plain_text(c) for c in row] for row in table.rows] == [["指标", "数值"], ["排名", "第45位"]]
    assert table.rows[1][1][-1] == Span("", "cite", (2,))


def test_fence_gives_role_to_every_block_inside() -> None:
    blocks = parse("::: note\n甲\n\n- 乙\n:::\n丙", "t.md.j2")
    assert [(b.kind, b.role) for b in blocks] == [("paragraph", "note"), ("list", "note"),
                                                  ("paragraph", "")]


def test_internal_cite_group_is_kept_for_compose() -> None:
    (para,) = parse("句子[^@7]", "t.md.j2")
    assert para.spans[-1] == Span("@7", "cite")


def test_blank_lines_separate_paragraphs() -> None:
    assert len(parse("甲\n\n乙\n\n\n丙", "t.md.j2")) == 3


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("ok\n#### 四级", 2, "headings"),
        ("#标题", 1, "headings"),
        ("> 引用", 1, "block quotes"),
        ("* 项目", 1, "bullets"),
        ("```\ncode", 1, "code fences"),
        ("<b>x</b>", 1, "HTML"),
        ("| a | b |\n| 1 | 2 |", 1, "'|---|---|'"),
        ("| a | b |\n|---|---|\n| 1 |", 3, "cells"),
        ("**未闭合", 1, "unclosed"),
        ("文字[^x]", 1, "citation"),
        ("::: note\n文字", 1, "never closed"),
        (":::", 1, "never opened"),
        ("[[video:x]]", 1, "unknown directive"),
        ("{: .lead}", 1, "must follow"),
        ("{: lead}", 1, "malformed role"),
    ],
)
def test_markup_outside_the_subset_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(TemplateError) as err:
        parse(text, "templates/x/sections/a.md.j2")
    assert err.value.file == "templates/x/sections/a.md.j2"
    assert err.value.line == line
    assert words in err.value.message


@pytest.mark.parametrize(
    "article_text",
    [
        "# 不是标题",
        "- 不是列表",
        "1. 不是编号",
        "a | b | c",
        "数据[^1]不是引用",
        "**不是粗体**",
        "---",
        "[[chart:x]]",
        "::: note",
        "{: .lead}",
        "反斜杠\\n与星号*",
        "多行\n# 文本",
    ],
)
def test_escaped_article_text_prints_literally(article_text: str) -> None:
    (para,) = parse(escape(article_text), "t.md.j2")
    assert para.kind == "paragraph"
    assert para.spans == (Span(" ".join(article_text.split("\n"))),)


def test_escaped_text_inside_a_table_cell_keeps_its_pipe() -> None:
    (table,) = parse(f"| h |\n|---|\n| {escape('a|b')} |", "t.md.j2")
    assert plain_text(table.rows[1][0]) == "a|b"


def test_text_whose_whitespace_hides_a_line_mark_is_still_escaped() -> None:
    from briefing.compose.markup import escape, parse, plain_text

    blocks = parse(escape("\r\n---\n"), "x.md.j2")
    assert [plain_text(b.spans) for b in blocks] == ["---"]
