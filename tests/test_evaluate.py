"""Scoring rules and the facts/eval commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.evaluate.scores import (
    Score,
    Share,
    attribute_checks,
    below_floors,
    floors_for,
    pin_floors,
    score_attributes,
    fuzzy_match,
    normalize_text,
    score_enumerations,
    score_figures,
    score_metadata,
    score_quotes,
    score_themes,
    values_equal,
)
from briefing.models import (
    Article,
    Enumeration,
    EnumItem,
    Extraction,
    Figure,
    Quote,
    SourceRef,
    ThemeMention,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("gold", "found", "expected"),
    [
        ("加强数据应用,驱动服务优化", "第二,加强数据应用,驱动服务优化。数据汇集不是目的", True),
        ("需高质量构建国家政务数据资源体系", "高质量构建国家政务数据资源体系", True),
        ("安全保障能力还须继续提升", "安全保障能力还需继续提升", True),
        ("电子政务制度规则体系更加健全", "统筹协调机制更加完善", False),
    ],
)
def test_fuzzy_match(gold: str, found: str, expected: bool) -> None:
    assert fuzzy_match(gold, found) is expected


def test_normalize_text_folds_width_and_script() -> None:
    assert normalize_text("截至２０１８年，還有 ８２％") == "截至2018年,还有82%"


def test_values_equal_is_relative() -> None:
    assert values_equal(1319000000, 1319000000.5)
    assert not values_equal(0.6811, 0.6812)


def _fig(value: float, sentence: str) -> Figure:
    return Figure(value, "count", str(value), SourceRef("a", "a.txt", 0, len(sentence), sentence))


def test_score_figures_needs_value_and_evidence_and_matches_once() -> None:
    gold = {
        "facts": [
            {"article": "a.txt", "value": 43, "evidence": "43个部委", "key": True},
            {"article": "a.txt", "value": 170, "evidence": "约170个"},
        ]
    }
    extracted = [
        Extraction(
            "a",
            "a.txt",
            figures=(
                _fig(43, "共43个部委建立了信息中心。"),
                _fig(43, "共43个部委建立了信息中心。"),
                _fig(171, "建设数据库约170个。"),
            ),
        )
    ]
    scores = score_figures(gold, extracted)
    assert (scores["figures"].tp, scores["figures"].fp, scores["figures"].fn) == (1, 2, 1)


def test_score_metadata_counts_values_where_gold_has_none_as_false() -> None:
    article = Article("a", "a.txt", "", "", (), title="标题", date="2020-01-02", site="www.x.cn")
    gold = {
        "metadata": [
            {
                "article": "a.txt",
                "title": "标题",
                "date": "2020-01-02",
                "outlet": None,
                "author": "张三",
                "site": "x.cn",
            }
        ]
    }
    scores = score_metadata(gold, [article])
    assert scores["metadata.site"].tp == 1
    assert (scores["metadata.author"].fn, scores["metadata"].fp) == (1, 0)


def test_score_themes_on_pairs() -> None:
    r = SourceRef("a", "a.txt", 0, 1, "x")
    extracted = [
        Extraction(
            "a",
            "a.txt",
            themes=(ThemeMention("数字鸿沟", "老年人", r), ThemeMention("其他", "y", r)),
        )
    ]
    extracted.append(Extraction("c", "c.txt", themes=(ThemeMention("数字鸿沟", "普惠", r),)))
    gold = {
        "themes": [{"theme": "数字鸿沟", "articles": ["a.txt", "b.txt"]}],
        "metadata": [{"article": "c.txt"}],
    }
    score = score_themes(gold, extracted)
    # 其他 is not a gold theme (not judged); c.txt is a gold article not listed under 数字鸿沟
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def test_score_themes_maps_a_differently_named_theme_by_the_gold_terms() -> None:
    r = SourceRef("a", "a.txt", 0, 1, "x")
    extracted = [Extraction("a", "a.txt", themes=(ThemeMention("数字鸿沟", "适老化", r),))]
    gold = {
        "themes": [
            {"theme": "数字鸿沟与适老化", "terms": ["適老化", "老年"], "articles": ["a.txt"]},
            {"theme": "数据共享", "terms": ["共享"], "articles": ["a.txt"]},
        ]
    }
    score = score_themes(gold, extracted)
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)


def test_below_floors_names_each_category() -> None:
    scores = {"figures": Score(9, 1, 0)}
    problems = below_floors(
        scores, {"figures": {"precision": 0.95, "recall": 0.9}, "themes": {"recall": 0.5}}
    )
    assert problems == [
        "figures precision 0.900 < floor 0.950",
        "themes recall 0.000 < floor 0.500",
    ]


def test_facts_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "x.txt").write_text(
        "标题\n截至2022年6月，我国网民规模达10.51亿。\n", encoding="utf-8"
    )
    assert main(["facts", "--articles", str(folder), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (
        row["value"] == 1051000000 and row["sentence"] == "截至2022年6月，我国网民规模达10.51亿。"
    )
    assert set(row) == {
        "id",
        "wrong",
        "file",
        "value",
        "unit",
        "qualifier",
        "period",
        "subject",
        "metric",
        "label",
        "grade",
        "rules",
        "sentence",
    }
    out = tmp_path / "facts.csv"
    assert main(["facts", "--articles", str(folder), "--csv", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,file,value,unit")
    assert ",1051000000,persons," in out.read_text(encoding="utf-8-sig")


def test_eval_floors_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"figures": {"precision": 1.01}}), encoding="utf-8")
    gold = str(ROOT / "tests" / "gold" / "seeds.yaml")
    assert main(["eval", "--gold", gold, "--json", "--floors", str(floors)]) == 1
    captured = capsys.readouterr()
    assert "figures precision" in captured.err
    assert json.loads(captured.out)["figures"]["recall"] >= 0.95


def test_score_enumerations_fuzzy_items_of_the_same_article() -> None:
    r = SourceRef("a", "a.txt", 0, 1, "x")
    items = (
        EnumItem("加强集约化建设", "第一,加强集约化建设,从统一入口到资源融通。", r),
        EnumItem("无关", "完全无关的一句话。", r),
    )
    extracted = [
        Extraction(
            "a", "a.txt", enumerations=(Enumeration("recommendation", "第一…", "", items, r),)
        )
    ]
    gold = {
        "enumerations": [
            {
                "article": "a.txt",
                "items": ["加强集约化建设,从统一入口到资源融通", "加强数据应用,驱动服务优化"],
            }
        ]
    }
    score = score_enumerations(gold, extracted)
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def test_score_quotes_needs_speaker_and_role() -> None:
    r = SourceRef("a", "a.txt", 0, 1, "x")
    extracted = [
        Extraction(
            "a",
            "a.txt",
            quotes=(
                Quote("王红", "北京市副市长", "介绍", "……", r),
                Quote("王红", "北京市副市长", "说", "……", r),
                Quote("刘玉江", "河南省省长", "表示", "……", r),
            ),
        )
    ]
    gold = {
        "quotes": [
            {"article": "a.txt", "speaker": "王红", "role": "北京市副市长"},
            {"article": "a.txt", "speaker": "刘玉江", "role": "国务院办公厅电子政务办公室主任"},
        ]
    }
    score = score_quotes(gold, extracted)
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def _figure(sentence: str, **attrs: object) -> Figure:
    ref = SourceRef("a", "a.txt", 0, len(sentence), sentence)
    value, unit = attrs.pop("value", 45), attrs.pop("unit", "rank")
    return Figure(value, unit, str(value), ref, **attrs)  # type: ignore[arg-type]


def test_attribute_checks_fold_subjects_and_match_metric_terms() -> None:
    gold = {"period": 2020, "subject": "中国", "unit": "rank", "terms": ["电子政务", "排名"]}
    fig = _figure("我国位居45名", period="2020", subject="我国", metric="电子政务发展指数排名")
    assert attribute_checks(gold, fig) == dict.fromkeys(
        ("period", "subject", "unit", "metric", "qualifier"), True
    )
    other = _figure("x", period="2020-12", subject="联合国", metric="成员国", qualifier="over")
    checks = attribute_checks(gold, other)
    assert [k for k, ok in checks.items() if not ok] == ["period", "subject", "metric", "qualifier"]


def test_english_terms_match_the_chinese_label() -> None:
    gold = {"subject": "China", "unit": "rank", "terms": ["ranking"]}
    fig = _figure("x", subject="中国", metric="电子政务发展指数排名")
    assert attribute_checks(gold, fig)["metric"]


def test_score_attributes_whole_and_key_share_over_all_key_facts() -> None:
    sentence = "中国位居45名,上升20位"
    gold = {
        "facts": [
            {"article": "a.txt", "value": 45, "unit": "rank", "period": 2020, "subject": "中国",
             "terms": ["名"], "evidence": "位居45名", "key": True},
            {"article": "a.txt", "value": 20, "unit": "rank_change", "period": 2020,
             "subject": "中国", "terms": ["上升"], "evidence": "上升20位"},
            {"article": "a.txt", "value": 7, "unit": "rank", "evidence": "7", "key": True},
        ]
    }
    figs = (
        _figure(sentence, period="2020", subject="中国", metric="排名"),
        _figure(sentence, value=20, unit="rank_change", period="2019", subject="中国", metric="上升"),
    )
    scores = score_attributes(gold, [Extraction("a", "a.txt", figures=figs)])
    assert scores["figures.whole"] == Share(1, 2)
    assert scores["figures.period"] == Share(1, 2)
    assert scores["figures.metric"] == Share(2, 2)
    assert scores["key_figures.whole"] == Share(1, 2)  # the unfound key fact counts against


def test_floors_for_picks_the_set_of_the_gold_file(tmp_path: Path) -> None:
    floors = {
        "samples": {"gold": "tests/gold/seeds.yaml", "articles": "data/articles",
                    "floors": {"figures": {"recall": 0.9}}},
        "other": {"gold": "../x.yaml", "articles": "x", "floors": {"themes": {"recall": 0.1}}},
    }
    seeds = ROOT / "tests" / "gold" / "seeds.yaml"
    assert floors_for(floors, seeds) == {"figures": {"recall": 0.9}}
    assert floors_for(floors, tmp_path / "unknown.yaml") == {}
    flat = {"figures": {"recall": 0.9}}
    assert floors_for(flat, tmp_path / "any.yaml") == flat


def test_pin_floors_subtracts_the_margin_and_rounds_down() -> None:
    pinned = pin_floors({"figures": Score(9, 1, 0), "figures.whole": Share(1, 2)}, margin=0.02)
    assert pinned == {
        "figures": {"precision": 0.88, "recall": 0.98},
        "figures.whole": {"share": 0.48},
    }
    problems = below_floors({"figures": Score(9, 1, 0), "figures.whole": Share(0, 2)}, pinned)
    assert problems == ["figures.whole share 0.000 < floor 0.480"]
