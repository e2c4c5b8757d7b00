"""compose(): audiences differ as designed, every printed number is cited, limits hold."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import pytest

from briefing.build import BuildOptions, build
from briefing.compose import body_length, compose
from briefing.errors import TemplateError
from briefing.compose.markup import plain_text
from briefing.models import Block, Briefing, Corpus, Span
from briefing.compose.templates import load_template
from briefing.consolidate.merge import consolidate
from briefing.extract import extract
from briefing.read import read_articles
from fixtures_compose import A003, articles, build_corpus
from fixtures_numbers import folded_values, printed_numbers

AUDIENCES = ("leadership", "department", "public", "english")
ISSUE = dt.date(2026, 11, 22)  # ISO week 47
CURRENT = dt.date(2022, 11, 22)  # an issue within [advice] max_age of the sources' dates
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CJK_COUNT = re.compile(r"[一二三四五六七八九十两]+[个项条方篇家]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


@functools.cache
def fixture_corpus() -> Corpus:
    return build_corpus()


@functools.cache
def real_corpus() -> Corpus:
    read, skipped = read_articles(Path(__file__).resolve().parent.parent / "data" / "articles")
    return consolidate(read, tuple(extract(a) for a in read), skipped=skipped)


@functools.cache
def brief(audience: str, real: bool = False) -> Briefing:
    corpus = real_corpus() if real else fixture_corpus()
    return compose(corpus, load_template(audience), ISSUE)


def runs(block: Block) -> list[tuple[Span, ...]]:
    """Each paragraph, list item and table row of a block as one run of spans."""
    if block.kind in ("paragraph", "heading"):
        return [block.spans]
    if block.kind == "list":
        return list(block.items)
    return [tuple(s for cell in row for s in cell) for row in block.rows]


def all_text(b: Briefing) -> str:
    return "\n".join(plain_text(r) for block in b.blocks for r in runs(block))


def section(b: Briefing, heading_word: str) -> list[Block]:
    """The blocks after the heading containing `heading_word`, up to the next h2."""
    out, inside = [], False
    for block in b.blocks:
        if block.kind == "heading" and block.level <= 2:
            inside = heading_word in plain_text(block.spans)
            continue
        if inside:
            out.append(block)
    return out


def cases() -> list[tuple[str, bool]]:
    return [(a, real) for a in AUDIENCES for real in (False, True)]


# --------------------------------------------------------------------------- citations


@pytest.mark.parametrize(("audience", "real"), cases())
def test_every_number_printed_is_in_a_sentence_its_statement_cites(audience: str, real: bool) -> None:
    b = brief(audience, real)
    assert b.statements
    for st in b.statements:
        assert st.citations, st.text
        cited = " ".join(r.sentence for r in st.citations).translate(_FULLWIDTH)
        # House style restates figures (第九位 → 第9位, 13.19亿 → 1.319 billion): compare values.
        stated = folded_values(cited)
        for value in printed_numbers(st.text.translate(_FULLWIDTH)):
            assert value in stated, f"{audience}: {value} in {st.text!r} is not in {cited!r}"
        for word in _CJK_COUNT.findall(st.text):
            assert word in cited, f"{audience}: {word} in {st.text!r}"


@pytest.mark.parametrize(("audience", "real"), cases())
def test_uncited_text_prints_no_numbers(audience: str, real: bool) -> None:
    """Numbers appear only inside cited statements (source list and its count line aside)."""
    for block in brief(audience, real).blocks:
        if block.role in ("sources", "note") or block.kind == "heading":
            continue
        for run in runs(block):
            if not any(s.kind == "cite" for s in run):
                assert not _NUMBER.search(plain_text(run)), plain_text(run)


@pytest.mark.parametrize(("audience", "real"), cases())
def test_sources_are_numbered_by_first_citation_and_only_cited_ones(audience: str, real: bool) -> None:
    b = brief(audience, real)
    order: list[int] = []
    for block in b.blocks:
        for run in runs(block):
            for span in run:
                if span.kind == "cite":
                    order += [k for k in span.keys if k not in order]
    assert order == list(range(1, len(b.sources) + 1))
    assert [s.key for s in b.sources] == order
    cited_ids = {r.article_id for st in b.statements for r in st.citations}
    assert {s.article_id for s in b.sources} == cited_ids


def test_corroborated_figure_cites_all_three_sources() -> None:
    b = brief("department")
    st = next(s for s in b.statements if "电子政务发展指数排名" in s.text and "第45位" in s.text
              and "多源印证" in s.text)
    assert len({r.article_id for r in st.citations}) == 3


def test_statement_text_is_the_printed_text_without_markers() -> None:
    b = brief("leadership")
    lead = next(bl for bl in b.blocks if bl.role == "lead")
    assert b.statements[0].text == plain_text(lead.spans)
    assert b.statements[0].text == "我国电子政务发展指数排名由2018年第65位升至2020年第45位，指数达0.7948。"


# --------------------------------------------------------------------------- audiences


@pytest.mark.parametrize("real", [False, True])
def test_leadership_limits(real: bool) -> None:
    # issued while the sources' advice is current (the pages are of 2020–2021)
    corpus = real_corpus() if real else fixture_corpus()
    b = compose(corpus, load_template("leadership"), CURRENT)
    recs = [i for bl in section(b, "建议") if bl.kind == "list" for i in bl.items]
    assert 1 <= len(recs) <= 5
    assert body_length(b.blocks) <= 1500
    assert len(all_text(b)) <= 1500
    assert len(b.charts) == 1
    assert b.masthead.classification == "内部参阅"
    assert ("报", "领导同志") in b.masthead.distribution
    assert b.style.startswith("gongwen")  # the GB/T 9704 look, possibly a compact variant
    assert any(bl.kind == "heading" and "研判" in plain_text(bl.spans) for bl in b.blocks)


@pytest.mark.parametrize("real", [False, True])
def test_department_is_complete(real: bool) -> None:
    b = brief("department", real)
    text = all_text(b)
    assert "编者按" in text
    assert [k for k, _ in b.masthead.distribution] == ["报", "送", "发"]
    corpus = real_corpus() if real else fixture_corpus()
    sections = ("主要数据", "存在问题", "各方观点", "对策建议", "引文出处")
    for word in sections + (("来源差异",) if corpus.conflicts else ()):
        assert word in text, word
    assert {"egdi_rank", "egdi_index", "osi_rank"} <= {c.id for c in b.charts}  # + timeline, matrix
    recs = [i for bl in section(b, "建议") if bl.kind == "list" for i in bl.items]
    assert len(recs) > 5  # no leadership cap


@pytest.mark.parametrize("real", [False, True])
def test_public_has_no_internal_marks(real: bool) -> None:
    b = brief("public", real)
    assert b.masthead.classification == "" and b.masthead.distribution == ()
    everything = "\n".join([all_text(b), b.title, *(v for _, v in b.labels),
                            b.masthead.name, b.masthead.issuer])
    for mark in ("内部", "研判", "报：", "报:", "参阅"):
        assert mark not in everything, mark
    assert "排名数字越小越靠前" in everything
    assert b.style == "brief"


@pytest.mark.parametrize("real", [False, True])
def test_english_has_english_scaffolding_and_chinese_quotes(real: bool) -> None:
    b = brief("english", real)
    assert b.language == "en" and b.style == "brief"
    assert b.label("sources", "") == "Sources"
    headings = [plain_text(bl.spans) for bl in b.blocks if bl.kind == "heading"]
    assert headings[:2] == ["Executive summary", "Key findings"]
    assert all(h.isascii() for h in headings)
    lead = next(bl for bl in b.blocks if bl.role == "lead")
    assert "rose from 65th in 2018 to 45th in 2020" in plain_text(lead.spans)
    recs = [plain_text(i) for bl in section(b, "Recommendations") if bl.kind == "list"
            for i in bl.items]
    assert recs and all(re.search(r"[\u4e00-\u9fff]", r) for r in recs)
    assert len(recs) <= 5


@pytest.mark.parametrize("audience", AUDIENCES)
def test_briefing_basics(audience: str) -> None:
    b = brief(audience)
    assert b.audience == audience and b.date == "2026-11-22" and b.title
    assert dict(b.labels)["sources"]
    chart_blocks = {bl.chart_id for bl in b.blocks if bl.kind == "chart"}
    assert chart_blocks == {c.id for c in b.charts}


def test_issue_number_is_the_iso_week() -> None:
    assert brief("leadership").masthead.issue_no == "2026年第47期"
    assert brief("english").masthead.issue_no == "No. 47/2026"


def test_chart_is_built_from_the_series_with_sources() -> None:
    (chart,) = brief("leadership").charts
    assert chart.id == "egdi_rank" and chart.invert_y
    assert chart.series[0].points == (("2018", 65), ("2020", 45))
    assert chart.source_keys and "学习时报" in chart.note


def test_excluded_terms_drop_sentences_for_the_public_only() -> None:
    assert "辅助政府内部" in all_text(brief("department"))
    assert "辅助政府内部" not in all_text(brief("public"))


def test_uncited_article_is_not_a_source() -> None:
    assert articles()[A003].id not in {s.article_id for s in brief("leadership").sources}


# --------------------------------------------------------------------------- limits


def _custom(tmp_path: Path, toml: str, files: dict[str, str] | None = None) -> Briefing:
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / "template.toml").write_text(toml, encoding="utf-8")
    for rel, text in (files or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return compose(fixture_corpus(), load_template("custom", (tmp_path,)), ISSUE)


@pytest.mark.parametrize("max_chars", [250, 400, 700])
def test_max_body_chars_trims_whole_items_of_low_priority_sections(tmp_path: Path,
                                                                   max_chars: int) -> None:
    b = _custom(tmp_path, f'extends = "department"\n[limits]\nmax_body_chars = {max_chars}\n')
    assert body_length(b.blocks) <= max_chars
    assert b.blocks[0].role == "editor-note" or any(bl.role == "lead" for bl in b.blocks)
    assert any(bl.role == "lead" for bl in b.blocks)  # headline never trimmed
    corpus = fixture_corpus()
    whole_items = {i.heading for e in corpus.enumerations for i in e.items}
    for bl in b.blocks:
        if bl.kind == "list" and bl.role not in ("sources", "appendix"):
            for item in bl.items:
                assert any(s.kind == "cite" and s.keys for s in item)  # kept → still cited
    for bl in section(b, "建议"):
        for item in bl.items:
            assert plain_text(item).split("（")[0] in whole_items


def test_section_limit_and_max_recommendations(tmp_path: Path) -> None:
    b = _custom(tmp_path, 'extends = "leadership"\n[limits]\nmax_recommendations = 2\n'
                          '[advice]\nold = "date"\n')
    recs = [i for bl in section(b, "建议") if bl.kind == "list" for i in bl.items]
    assert len(recs) == 2


def test_issue_number_scheme_and_title_pattern(tmp_path: Path) -> None:
    b = _custom(tmp_path, 'extends = "leadership"\ntitle = "{name}：{headline}"\n'
                          '[masthead]\nissue_number = "day_of_year"\n')
    assert b.masthead.issue_no == "2026年第326期"
    assert b.title.startswith("领导参阅：我国电子政务发展指数排名由")


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('extends = "base"\ntitle = "{weather}"\n', "weather"),
        ('extends = "base"\n[masthead]\nissue_number = "fortnight"\n', "fortnight"),
        ('extends = "base"\nsections = [{ kind = "text", template = "sections/nope.md.j2" }]\n', "no file"),
        ('extends = "base"\nsections = [{ kind = "quotes", limit = "x" }]\n', "limit"),
    ],
)
def test_bad_settings_are_template_errors(tmp_path: Path, toml: str, words: str) -> None:
    (tmp_path / "custom").mkdir()
    (tmp_path / "custom" / "template.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(TemplateError, match=words) as err:
        compose(fixture_corpus(), load_template("custom", (tmp_path,)), ISSUE)
    assert err.value.file and err.value.file.endswith(".toml")


def test_build_marks_only_the_broken_audience_failed(tmp_path: Path) -> None:
    """A broken template stops its audience with exit code 2; the others still build."""
    broken = tmp_path / "tpl" / "broken"
    broken.mkdir(parents=True)
    (broken / "template.toml").write_text('extends = "base"\nsections = ["nonsense"]\n',
                                          encoding="utf-8")
    report = build(BuildOptions(Path(__file__).resolve().parent.parent / "data" / "articles",
                                tmp_path / "out", ("broken", "leadership"),
                                template_dirs=(tmp_path / "tpl",), issue_date=ISSUE))
    assert isinstance(report.failed["broken"], TemplateError)
    assert "template.toml:2" in str(report.failed["broken"])
    assert report.exit_code == 2
    assert "leadership" not in report.failed, report.failed["leadership"]
    assert report.written["leadership"]


def test_a_themes_section_shows_the_themes_it_names_in_its_order() -> None:
    """public names 数字鸿沟 first: the digital divide leads even though fewer articles discuss it."""
    read, _ = read_articles(Path(__file__).resolve().parent.parent / "data" / "articles")
    corpus = consolidate(read, tuple(extract(a) for a in read))
    brief = compose(corpus, load_template("public", ()), dt.date(2026, 11, 22))
    headings = [b for b in brief.blocks if b.kind == "heading" and b.level >= 2]
    names = ["".join(s.text for s in h.spans) for h in headings]
    assert "数字鸿沟" in names
    theme_names = [n for n in names if n in ("数字鸿沟", "数据安全与隐私保护", "一体化政务服务平台")]
    assert theme_names[0] == "数字鸿沟"


def test_only_quoted_words_get_quotation_marks() -> None:
    """Reported speech (某某表示,…) is printed as the article words it, never as a quotation."""
    from briefing.compose.views import _is_direct

    assert _is_direct("我国电子政务经过20多年发展", "“我国电子政务经过20多年发展,取得显著成就。”何毅亭说。")
    assert not _is_direct("目前北京建成覆盖四级的网上政务服务体系", "王红介绍说,目前北京建成覆盖四级的网上政务服务体系。")


# --------------------------------------------------------------------------- printed text and its facts

_ASCII_NEXT_TO_CJK = re.compile(r"[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]")
STATEMENT_KINDS = {"headline", "figure", "trend", "conflict", "chart", "recommendation",
                   "measure", "problem", "achievement", "stage", "component", "quotation",
                   "theme", "event", "citation"}


@pytest.mark.parametrize(("audience", "real"), cases())
def test_printed_chinese_has_full_width_punctuation(audience: str, real: bool) -> None:
    b = brief(audience, real)
    printed = [all_text(b), b.title, *(s.title or "" for s in b.sources),
               *(s.outlet or "" for s in b.sources), *(c.note for c in b.charts)]
    for text in printed:
        assert not _ASCII_NEXT_TO_CJK.search(text), _ASCII_NEXT_TO_CJK.search(text)


def test_citations_keep_the_source_sentence_as_it_was() -> None:
    b = brief("leadership", real=True)
    raw = [r.sentence for st in b.statements for r in st.citations if "," in r.sentence]
    assert raw, "the samples print ASCII commas: their citations must keep them"
    for st in b.statements:
        for r in st.citations:
            article = next(a for a in real_corpus().articles if a.id == r.article_id)
            assert article.text[r.start:r.end] == r.sentence


@pytest.mark.parametrize(("audience", "real"), cases())
def test_statements_carry_their_kind_and_the_facts_they_print(audience: str, real: bool) -> None:
    b = brief(audience, real)
    for st in b.statements:
        assert st.kind in STATEMENT_KINDS, (st.kind, st.text)
        cited = folded_values(" ".join(r.sentence for r in st.citations))
        for fact in st.facts:
            assert fact.metric and fact.unit
            assert round(abs(fact.value), 6) in cited, (fact, st.text)
    figures = [st for st in b.statements if st.kind == "figure"]
    assert figures and all(st.facts for st in figures)
    assert "headline" in {st.kind for st in b.statements}


@pytest.mark.parametrize("real", [False, True])
def test_figures_follow_the_house_style(real: bool) -> None:
    text = all_text(brief("leadership", real))
    assert "第45位" in text and "第9位" in text
    assert not re.search(r"\d名", text) and "第九位" not in text
    english = all_text(brief("english", real))
    assert "45th" in english
    if real:  # the samples state the 20-place rise (the hand-built corpus has no rank change)
        assert "提升20位" in text and "up 20 places" in english


def _variant(**changes) -> Corpus:
    import dataclasses

    return dataclasses.replace(fixture_corpus(), **changes)


_SYNTHETIC_OFFSETS = iter(range(10**6, 10**7, 1000))


def _synthetic_ref(sentence: str):
    """A ref to a sentence no sample states (for corpus variants; offsets kept distinct so
    refs are not merged as one sentence)."""
    from briefing.models import SourceRef

    article = articles()[A003]
    start = next(_SYNTHETIC_OFFSETS)
    return SourceRef(article.id, article.file, start, start + len(sentence), sentence)


def test_the_latest_period_of_each_metric_comes_first() -> None:
    from fixtures_compose import claim

    newer = claim("电子政务发展指数排名", "中国", "2022", 43, "rank", "第43位",
                  _synthetic_ref("2022年我国电子政务发展指数排名第43位。"))
    corpus = _variant(claims=(*fixture_corpus().claims, newer))
    b = compose(corpus, load_template("leadership"), ISSUE)
    rows = [plain_text(i) for bl in section(b, "主要数据") if bl.kind == "list" for i in bl.items]
    assert rows[0].startswith("我国电子政务发展指数排名（2022年）：第43位")
    assert not any("（2020年）：第45位" in r for r in rows)  # one row a metric in a short list


def test_a_sentence_joining_two_periods_names_each() -> None:
    from fixtures_compose import claim

    index22 = claim("电子政务发展指数", "中国", "2022", 0.8119, "index", "0.8119",
                    _synthetic_ref("2022年我国电子政务发展指数为0.8119。"))
    corpus = _variant(claims=(*fixture_corpus().claims, index22))
    lead = next(bl for bl in compose(corpus, load_template("leadership"), ISSUE).blocks
                if bl.role == "lead")
    assert plain_text(lead.spans) == (
        "我国电子政务发展指数排名由2018年第65位升至2020年第45位，2022年指数为0.8119。")
    english = next(bl for bl in compose(corpus, load_template("english"), ISSUE).blocks
                   if bl.role == "lead")
    assert "stood at 0.8119 in 2022" in plain_text(english.spans)


def test_a_conflict_across_subjects_or_periods_is_not_printed() -> None:
    from briefing.models import Conflict
    from fixtures_compose import claim

    world = claim("电子政务发展指数", "全球平均", "2020", 0.6, "index", "0.60",
                  _synthetic_ref("2020年全球平均电子政务发展指数为0.60。"))
    china = fixture_corpus().claims[3]
    bogus = Conflict("电子政务发展指数", "中国", "2020", (china, world), "subjects differ")
    b = compose(_variant(conflicts=(bogus,)), load_template("department"), ISSUE)
    assert not [st for st in b.statements if st.kind == "conflict"]


def test_a_chart_holds_every_period_of_its_metric_and_subject() -> None:
    from briefing.models import Series, SeriesPoint

    extra = Series("电子政务发展指数排名", "中国", "rank", (
        SeriesPoint("2012", 78, (_synthetic_ref("2012年我国排名第78位。"),)),
        SeriesPoint("2022", 43, (_synthetic_ref("2022年我国排名第43位。"),))))
    corpus = _variant(series=(*fixture_corpus().series, extra))
    b = compose(corpus, load_template("leadership"), ISSUE)
    (chart,) = b.charts
    assert [x for x, _ in chart.series[0].points] == ["2012", "2018", "2020", "2022"]
    # the headline reads the same joined series, and names the index's other period
    lead = next(bl for bl in b.blocks if bl.role == "lead")
    assert plain_text(lead.spans) == (
        "我国电子政务发展指数排名由2012年第78位升至2022年第43位，2020年指数为0.7948。")


def test_an_untitled_source_is_listed_by_its_opening_words_never_its_file() -> None:
    import dataclasses

    from briefing.render.text import source_text

    corpus = fixture_corpus()
    untitled = tuple(dataclasses.replace(a, title=None, outlet=None, site=None)
                     for a in corpus.articles)
    b = compose(_variant(articles=untitled), load_template("leadership"), ISSUE)
    for entry in b.sources:
        assert entry.title is None  # no made-up title in the audit record
        assert entry.opening and entry.file not in entry.opening
        printed = source_text(entry, "zh")
        assert printed.endswith("（无标题）" + entry.opening)  # marked, never dressed as 《title》
        assert entry.file not in printed
    assert all("txt" not in st.text for st in b.statements)


def test_single_source_key_figures_come_most_salient_first() -> None:
    import dataclasses

    from fixtures_compose import claim

    from briefing.compose.figures import key_figures
    from briefing.compose.sections import number_style

    detail = dataclasses.replace(claim("便民服务站点", "甲省", "2023", 1200, "count", "1200个",
                                       _synthetic_ref("甲省建成便民服务站点1200个。")),
                                 salience=2.0)
    headline = dataclasses.replace(claim("实名注册用户", "甲省", "2023", 3.2e7, "persons", "3200万",
                                         _synthetic_ref("甲省政务服务平台注册用户3200万。")),
                                   salience=6.0)
    corpus = _variant(claims=(detail, headline))
    rows = key_figures(corpus, number_style(load_template("department")))
    assert [r.metric for r in rows] == ["实名注册用户", "便民服务站点"]


@pytest.mark.parametrize(
    "period, sentence, printed",
    [
        ("2021-09", "截至2021年9月，甲省政务服务平台注册用户达3200万。", "2021-09"),
        ("2023-03", "As of March 2023, the platform had 1 billion registered users.", "2023-03"),
        ("2019-12", "截至2019年底，网民规模达9亿。", "2019"),  # no 12 printed: the year
        ("2019-05", "截至2019年底，网民规模达9亿。", ""),  # a month no sentence states
        ("2018", "网民规模达9亿。", ""),  # a year no sentence states
    ],
)
def test_a_period_prints_only_when_a_cited_sentence_states_it(
    period: str, sentence: str, printed: str
) -> None:
    from briefing.compose.figures import period_text

    assert period_text(period, (_synthetic_ref(sentence),)) == printed


def test_a_period_a_person_confirmed_prints_though_no_sentence_states_it() -> None:
    """Staff who confirm a figure vouch for its period: the key-figure row prints it, so the
    row shows what its audit facts say."""
    import dataclasses

    from briefing.compose.figures import claim_period_text, figure_row
    from briefing.compose.sections import number_style
    from briefing.extract.grades import STAFF_PERIOD_RULE
    from briefing.models import Claim

    ref = _synthetic_ref("国家政务服务平台个人用户注册数量为3.39亿。")
    found = Claim("政务服务平台个人用户注册数量", "国家政务服务平台", "2019", 3.39e8, "persons",
                  "exact", "3.39亿", (ref,), grade="stated", rules=("period.report",))
    confirmed = dataclasses.replace(found, rules=(STAFF_PERIOD_RULE,))
    style = number_style(load_template("department"))
    assert claim_period_text(found, style) == ""
    assert figure_row(confirmed, style).period == "2019年"
    assert figure_row(confirmed, style).facts[0].period == "2019"


def test_a_target_prints_marked_as_expected_and_is_never_plotted() -> None:
    from briefing.compose.figures import figure_row
    from briefing.compose.sections import number_style
    from briefing.consolidate.merge import build_series
    from briefing.models import Claim

    def claim(period: str, value: float, rule: str) -> Claim:
        ref = _synthetic_ref(f"到{period}年，甲省政务服务平台用户将达到{value:g}万。")
        return Claim("政务服务平台用户", "甲省", period, value * 1e4, "persons", "exact",
                     f"{value:g}万", (ref,), grade="stated", rules=(rule,))

    target = claim("2030", 5000, "period.target")
    zh = figure_row(target, number_style(load_template("department")))
    en = figure_row(target, number_style(load_template("english")))
    assert (zh.period, en.period) == ("预计2030年", "expected 2030")
    counted = [claim("2022", 3000, "period.own_time"), claim("2023", 4000, "period.own_time")]
    (series,) = build_series([*counted, target])
    assert [p.period for p in series.points] == ["2022", "2023"]


def test_compose_leaves_the_shared_template_environment_as_loaded() -> None:
    """cite() and chart() come with each render's context: a template loaded once composes
    any number of briefs, each citing into its own registry, its jinja2 environment unchanged."""
    template = load_template("department")
    loaded = (dict(template.env.globals), dict(template.env.filters))
    first = compose(fixture_corpus(), template, ISSUE)
    assert (dict(template.env.globals), dict(template.env.filters)) == loaded
    assert not {"cite", "chart"} & set(template.env.globals)
    assert compose(fixture_corpus(), template, ISSUE) == first == brief("department")


def _advice(b: Briefing) -> list[str]:
    return [plain_text(i) for bl in section(b, "建议") if bl.kind == "list" for i in bl.items]


def test_old_advice_is_printed_under_its_date_in_the_department_and_leadership_briefs() -> None:
    department = brief("department")
    # the fixture's proposals come from pages of 2020–2021: over three years before the issue
    assert "以下见于2021年4月的来源：" in all_text(department)
    assert _advice(department)  # still printed, under their date
    leaders = compose(fixture_corpus(), load_template("leadership"), ISSUE)
    assert "以下见于2021年4月的来源：" in all_text(leaders)
    assert _advice(leaders)


def test_a_template_that_drops_old_advice_prints_only_current_advice(tmp_path: Path) -> None:
    folder = tmp_path / "terse"
    folder.mkdir()
    (folder / "template.toml").write_text(
        'extends = "leadership"\n\n[advice]\nold = "drop"\n', encoding="utf-8"
    )
    terse = load_template("terse", (tmp_path,))
    assert _advice(compose(fixture_corpus(), terse, ISSUE)) == []
    assert _advice(compose(fixture_corpus(), terse, CURRENT))


def test_trimming_to_the_length_limit_leaves_a_section_its_keep(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "template.toml").write_text(
        'extends = "leadership"\n\n[limits]\nmax_body_chars = 100\n', encoding="utf-8"
    )
    tiny = compose(fixture_corpus(), load_template("tiny", (tmp_path,)), CURRENT)
    assert len(_advice(tiny)) == 3  # leadership keeps three recommendations however short
    full = compose(fixture_corpus(), load_template("leadership"), CURRENT)
    assert body_length(tiny.blocks) < body_length(full.blocks)  # the rest was trimmed


# --- figures shown in the source's words (另据原文)


def _sentence(article: str, start: int, text: str):
    from briefing.models import SourceRef
    return SourceRef(article, f"{article}.txt", start, start + len(text), text)


def _inferred(subject: str, value: float, raw: str, own: str, earlier: str):
    """A key claim whose period (2022) an earlier sentence of its paragraph writes."""
    from briefing.models import Claim
    period_ref = _sentence("a", 0, earlier)
    return Claim("电子政务发展指数", subject, "2022", value, "index", "exact", raw,
                 (_sentence("a", 100, own),), key=True, grade="inferred",
                 rules=("value.decimal", "subject.clause_topic", "period.paragraph"),
                 period_ref=period_ref)


def _quoted(*claims) -> tuple:
    from briefing.compose.views import source_figures
    return source_figures(Corpus((), (), tuple(claims), (), (), (), (), (), ()), (), "zh")


def test_a_figure_dated_by_an_earlier_sentence_is_quoted_beside_that_sentence_s_clause() -> None:
    (view,) = _quoted(_inferred("中国", 0.8119, "0.8119", "中国的EDGI值为0.8119，属于“非常高水平”。",
                                "2022年全球EDGI平均值为0.6102。"))
    assert view.text == "中国的EDGI值为0.8119"
    assert (view.period_source, view.period_scope) == ("2022年全球EDGI平均值为0.6102", "paragraph")
    assert [r.sentence for r in view.refs] == ["中国的EDGI值为0.8119，属于“非常高水平”。",
                                             "2022年全球EDGI平均值为0.6102。"]
    # the audit record holds the figure the page shows in full, still graded inferred
    assert [(f.subject, f.period, f.value, f.grade) for f in view.facts] == [
        ("中国", "2022", 0.8119, "inferred")]


def test_a_quoted_clause_that_names_its_subject_by_an_alias_shows_the_figure() -> None:
    (view,) = _quoted(_inferred("中国", 0.8119, "0.8119", "我国电子政务发展指数为0.8119。",
                                "2022年全球平均值为0.6102。"))
    assert [f.subject for f in view.facts] == ["中国"]
    (group,) = _quoted(_inferred("中国农村网民", 2.84e8, "2.84亿", "我国农村网民规模已达2.84亿。",
                                 "2022年我国网民规模稳步增长。"))
    assert [f.subject for f in group.facts] == ["中国农村网民"]


def test_a_quoted_clause_that_does_not_name_the_subject_records_no_figure() -> None:
    """The page shows the clause and the dating clause; whose figure it is stays the reader's
    reading of the source, so the audit record claims none."""
    (view,) = _quoted(_inferred("中国", 7e8, "7亿", "IPv6活跃用户数超7亿。",
                                "截至2022年底，我国开通5G基站231.2万个。"))
    assert view.period_source == "截至2022年底，我国开通5G基站231.2万个" and view.facts == ()


def test_the_clause_that_writes_a_year_runs_on_when_too_short_to_read_alone() -> None:
    from briefing.compose.views import year_clause
    assert year_clause("从2012年到2022年，我国排名从78位上升到43位。", "2022") == \
        "从2012年到2022年，我国排名从78位上升到43位"
    assert year_clause("2023年，网民规模稳步增长。", "2023") == "2023年，网民规模稳步增长"
    assert year_clause("全省办理业务12022万件，同比增长，2022年网民增长。", "2022") == "2022年网民增长"
    assert year_clause("数据资源体系加快建设。", "2022") == ""


def test_a_quotation_records_a_figure_only_when_its_whole_period_is_shown() -> None:
    """截至2022年， prints the year of a 2022-06 figure, not its month."""
    import dataclasses
    claim = _inferred("中国", 0.8119, "0.8119", "中国的EDGI值为0.8119。", "截至2022年，全球平均值为0.6102。")
    (view,) = _quoted(dataclasses.replace(claim, period="2022-06"))
    assert view.period_source and view.facts == ()
    (view,) = _quoted(dataclasses.replace(claim, period="2022-12", period_ref=_sentence(
        "a", 0, "截至2022年底，全球平均值为0.6102。")))
    assert [f.period for f in view.facts] == ["2022-12"]


def test_a_plan_s_goals_print_under_a_line_saying_they_are_goals_after_the_proposals() -> None:
    """到2025年具体实现以下目标：… listed bare under 建议与举措 reads as done."""
    import dataclasses
    corpus = fixture_corpus()
    recommendations = [e for e in corpus.enumerations if e.kind == "recommendation"]
    goals = dataclasses.replace(recommendations[0], frame="到2025年具体实现以下目标")
    rest = tuple(e for e in corpus.enumerations if e is not recommendations[0])
    with_goals = dataclasses.replace(corpus, enumerations=(goals, *rest))
    goal_item = recommendations[0].items[0].heading
    for audience in ("leadership", "department"):
        alone = all_text(compose(dataclasses.replace(corpus, enumerations=(goals,)),
                                 load_template(audience), CURRENT))
        assert alone.index("以下为来源提出的目标：") < alone.index(goal_item)
        # beside proposals, the goals come after them
        mixed = all_text(compose(with_goals, load_template(audience), CURRENT))
        if goal_item in mixed:
            other = next(e for e in rest if e.kind == "recommendation").items[0].heading
            assert mixed.index(other) < mixed.index(goal_item)


@pytest.mark.parametrize("frame", [
    "多地提出了建设数字政府的发展目标，在项目管理方面实现了统一归口管理",
    "“十三五”规划确定的主要目标任务全面完成，取得了以下成效：",
    "各地围绕总体目标，主要做法如下：",
    "我们的目标是让群众少跑腿，为此采取了以下措施：",
    "The targets are met; key achievements include:",
])
def test_a_list_that_says_what_was_done_is_no_goal_list(frame: str) -> None:
    from briefing.compose.views import is_goal_frame
    assert is_goal_frame("《规划》提出的主要目标是：")
    assert not is_goal_frame(frame)


def test_old_goals_print_under_their_date_and_the_goal_line() -> None:
    import dataclasses
    corpus = fixture_corpus()
    recommendation = next(e for e in corpus.enumerations if e.kind == "recommendation")
    goals = dataclasses.replace(recommendation, frame="到2025年具体实现以下目标")
    for audience in ("leadership", "department"):
        text = all_text(compose(dataclasses.replace(corpus, enumerations=(goals,)),
                                load_template(audience), ISSUE))  # sources over 3 years old
        assert text.index("以下见于2021年4月的来源：") < text.index("以下为来源提出的目标：") \
            < text.index(recommendation.items[0].heading)


@pytest.mark.parametrize(("subject", "metric", "name"), [
    ("全国县域", "县域政务服务在线办事率", "全国县域政务服务在线办事率"),
    ("城市数字政府", "城市数字政府发展水平", "城市数字政府发展水平"),
    ("中国60岁及以上网民", "网民", "中国60岁及以上网民"),
    ("国家政务服务平台", "平台用户", "国家政务服务平台用户"),
    ("我国", "国家政务服务平台用户", "我国国家政务服务平台用户"),  # one character is no shared word
    ("", "网民规模", "网民规模"),
])
def test_a_figure_s_name_prints_the_words_its_subject_and_metric_share_once(
        subject: str, metric: str, name: str) -> None:
    from briefing.compose.figures import joined_name
    assert joined_name(subject, metric) == name
