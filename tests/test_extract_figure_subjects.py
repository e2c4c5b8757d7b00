"""Who a figure is about (extract/figure_subjects.py), on sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace

from briefing.extract._text import make_article
from briefing.extract.figure_subjects import chained_object
from briefing.extract.figures import _sentence_figures, extract_figures
from briefing.extract.labels import body_phrase_before
from briefing.extract.lexicon import Lexicon, lexicon
from briefing.extract.scopes import article_scope, body_mentions, source_names
from briefing.extract.sentence_context import SentenceContext


def context(text: str) -> tuple[Lexicon, SentenceContext]:
    """The lexicon and the context of the first sentence of `text`."""
    article = replace(make_article(text), date="2023-05-01")
    lex = lexicon()
    scope = article_scope(lex, article)
    _, ctx = _sentence_figures(lex, article, article.paragraphs[0].sentences[0], (None, None), scope, None)
    return lex, ctx


def subjects(*paragraphs: str) -> dict[str, str | None]:
    """Each figure's printed number → its subject (one paragraph per argument)."""
    article = replace(make_article("\n".join(paragraphs)), date="2023-05-01")
    return {f.raw: f.subject for f in extract_figures(article)}


# --- a set named as the whole (在N个X中，…) frames the clause after it


def test_a_subset_counted_in_a_framed_set_is_about_the_set() -> None:
    found = subjects("在150个参评城市中，有98个城市开通了移动端服务。")
    assert found["98个"] == "参评城市"
    assert found["150个"] == "参评城市"


def test_a_share_of_framed_items_is_about_the_items() -> None:
    found = subjects("各地上报的1.2万项公共服务事项中，约64%的事项实现了全程网办。")
    assert found["64%"] == "公共服务事项"
    assert found["1.2万项"] == "公共服务事项"


def test_a_frame_counted_in_a_place_keeps_the_place_for_its_population() -> None:
    found = subjects("全国8亿手机网民中，平均每5个网民中有2个使用过政务小程序。")
    assert found["5个"] == "全国手机网民"
    assert found["8亿"] == "中国"  # a population counted in a place is the place's


def test_a_rank_inside_a_framed_set_is_the_ranked_ones() -> None:
    found = subjects("在31个省份中，江苏排名第4位。")
    assert found["第4位"] == "江苏省"


# --- counts of the sets that other things come from


def test_a_count_of_owners_of_a_second_count_is_about_the_owners() -> None:
    found = subjects("目前，省政务服务平台汇聚了260个省直部门的9000余项服务事项。")
    assert found["260个"] == "省直部门"
    assert found["9000余项"] != "省直部门"


def test_without_a_topic_a_counted_object_is_about_its_own_words() -> None:
    found = subjects(
        "完成了与数据交换平台的联调；接入了25个市级部门业务系统，贯通了9个重点行业的数据链路；"
        "建成了包含12万条记录的信用信息库。"
    )
    assert found["25个"] == "市级部门"
    assert found["9个"] == "重点行业"
    assert found["12万条"] == "信用信息库"


def test_with_a_topic_counted_objects_stay_the_topics() -> None:
    found = subjects("通过省数据交换平台，接入了25个市级部门业务系统，贯通了9个重点行业的数据链路。")
    assert found["25个"] == found["9个"] == "省数据交换平台"


def test_a_locative_scope_qualifies_the_counted_object() -> None:
    assert subjects("在全省范围内建成300个便民服务站。")["300个"] == "全省便民服务站"
    assert subjects("在全国开通5000个服务站点。")["5000个"] == "全国服务站点"
    assert subjects("全国开通5000个服务站点。")["5000个"] == "中国"  # a topic, not a locative
    assert subjects("在杭州,接入了300个市级部门业务系统。")["300个"] == "杭州市"


# --- bare class nouns (国家, 城市) take the place they were counted in


def test_a_bare_class_noun_takes_the_place_of_the_paragraph() -> None:
    found = subjects("全球数字政府建设明显加快。其中，40个国家发布了数据战略，比两年前增加了6个国家。")
    assert found["40个"] == found["6个"] == "全球"


def test_a_bare_class_noun_without_a_place_stays() -> None:
    assert subjects("其中，40个国家发布了数据战略。")["40个"] == "国家"


def test_a_counted_set_keeps_its_bracketed_kinds() -> None:
    assert subjects("全国21个市(州)均已开通政务服务热线。")["21个"] == "全国市(州)"


# --- governments by level, sources, and verbs that are no part of a body's name


def test_a_government_named_by_its_level_is_a_body() -> None:
    names = [m.canon for m in body_mentions(lexicon(), "当年，地方政府投入的专项资金超过20亿元。")]
    assert "地方政府" in names
    assert subjects("当年，地方政府投入的专项资金超过20亿元。")["20亿元"] == "地方政府"


def test_a_share_of_a_countrys_governments_names_them_with_the_country() -> None:
    assert subjects("计划到2025年实现90%的我国各级政府完成数据目录编制。")["90%"] == "我国各级政府"


def test_a_place_inside_a_cited_source_is_not_the_subject() -> None:
    text = "据中国信息协会统计中心统计，各级政府注册的政务新媒体账号已有1.6万个。"
    assert [m.canon for m in source_names(text)] == ["中国信息协会统计中心"]
    assert subjects(text)["1.6万个"] == "各级政府"


def test_a_verb_of_building_is_no_part_of_a_bodys_name() -> None:
    text = "中央政府已安装服务器300多台，建设数据库约40个。"
    assert "建设数据库" not in [m.canon for m in body_mentions(lexicon(), text)]
    assert subjects(text)["40个"] == "中央政府"


# --- topic chains: a clause stating a quantity without naming whose


def test_a_quantity_after_a_body_object_is_the_bodys() -> None:
    found = subjects("该省去年建成了统一的公共资源交易平台，入场交易项目超过1.8万个，是三年前的5倍。")
    assert found["1.8万个"] == "公共资源交易平台"
    assert found["5倍"] == "公共资源交易平台"  # 是…倍 goes on about the clause before


def test_a_verbs_counted_object_is_no_quantity_of_the_body_before() -> None:
    text = "杭州市建成了城市大脑中枢系统，新增了1200个应用场景。"
    lex, ctx = context(text)
    assert chained_object(lex, ctx, ctx.text.index("1200")) is None  # 新增了…: an act, no quantity


def test_a_share_right_after_bodies_is_of_those_bodies() -> None:
    found = subjects("到2027年底，全省各级政府门户网站、移动客户端95%完成无障碍改造。")
    assert found["95%"] == "各级政府门户网站、移动客户端"


def test_an_english_share_is_of_its_sentences_subject() -> None:
    found = subjects(
        "Under the plan, the country will expand its cloud services. "
        "The revenue of the cloud computing sector is expected to account for 4.5% of GDP "
        "by 2030, up from 2.1% in 2022."
    )
    assert found["4.5%"] == "cloud computing sector"
    assert found["2.1%"] == "cloud computing sector"  # the from-value of the same share


def test_an_english_subject_takes_the_possessor_its_paragraph_gave_it() -> None:
    found = subjects(
        "By 2030, Kenya’s mobile money market will keep growing. The value of the transactions "
        "of mobile money market is expected to account for 12% of GDP."
    )
    assert found["12%"] == "transactions of Kenya's mobile money market"


def test_a_common_noun_possessor_adds_nothing() -> None:
    found = subjects(
        "By 2030, the country’s mobile money market will keep growing. The value of the "
        "transactions of mobile money market is expected to account for 12% of GDP."
    )
    assert found["12%"] == "transactions of mobile money market"


def test_who_visited_a_body_is_no_part_of_its_name() -> None:
    assert body_phrase_before("记者登录浙江省政务服务网上大厅") == "浙江省政务服务网上大厅"
    assert body_phrase_before("已建成的省级网上政务服务平台") == "省级网上政务服务平台"
