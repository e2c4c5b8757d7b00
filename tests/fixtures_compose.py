"""A hand-built Corpus over the five sample articles, for compose and template tests.

Built without the extractors or consolidate(): each claim, item and quote points at the real
sentence of the real article (found by an evidence string), so citations can be checked.
"""

from __future__ import annotations

import functools
from pathlib import Path

from briefing.models import (
    Article,
    Claim,
    Conflict,
    Corpus,
    Enumeration,
    EnumItem,
    Event,
    Quote,
    Series,
    SeriesPoint,
    SourceRef,
    ThemeMention,
    ThemeSummary,
)
from briefing.read import read_articles

ARTICLES_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"
A000, A001, A002, A003, A004 = (
    "000_1b8e26d3558f27a7.txt",
    "001_e608aa0ff266004d.txt",
    "002_42a05bb00b98c60b.txt",
    "003_f8897310d64f0dfe.txt",
    "004_41c6d9978f3fd55e.txt",
)


@functools.cache
def articles() -> dict[str, Article]:
    """The sample articles by file name, read by the project's reader."""
    read, _ = read_articles(ARTICLES_DIR)
    return {a.file: a for a in read}


def ref(file: str, evidence: str) -> SourceRef:
    """The SourceRef of the sentence of `file` that contains `evidence`."""
    article = articles()[file]
    for s in article.sentences:
        if evidence in s.text:
            return SourceRef(article.id, file, s.start, s.end, s.text)
    start = article.text.index(evidence)  # reader split differently: cite the evidence itself
    end = start + len(evidence)
    return SourceRef(article.id, file, start, end, article.text[start:end])


def claim(metric, subject, period, value, unit, raw, *refs, key=True, qualifier="exact",
          grade="stated") -> Claim:
    """A claim as its sources state it (value, subject and period in their own sentences)."""
    return Claim(metric, subject, period, value, unit, qualifier, raw, tuple(refs), key=key,
                 grade=grade)


def enum(kind, file, items, *, frame="", speaker=None, label=None, cue="一是…") -> Enumeration:
    enum_items = tuple(EnumItem(h, h, ref(file, h)) for h in items)
    frame_ref = ref(file, frame) if frame else enum_items[0].ref
    return Enumeration(kind, cue, frame, enum_items, frame_ref, speaker=speaker, label=label)


def build_corpus() -> Corpus:
    """A realistic Corpus: corroborated claims, a conflict, series, lists, quotes, themes."""
    rank45 = claim("电子政务发展指数排名", "中国", "2020", 45, "rank", "第45位",
                   ref(A004, "提升至2020年第45位"), ref(A000, "位居45名"),
                   ref(A001, "已提升至全球第45位"))
    rank65 = claim("电子政务发展指数排名", "中国", "2018", 65, "rank", "第65位",
                   ref(A004, "从2018年全球第65位"))
    egdi18 = claim("电子政务发展指数", "中国", "2018", 0.6811, "index", "0.6811",
                   ref(A002, "2018年的0.6811"))
    egdi20 = claim("电子政务发展指数", "中国", "2020", 0.7948, "index", "0.7948",
                   ref(A002, "2020年的0.7948"))
    osi9 = claim("在线服务指数排名", "中国", "2020", 9, "rank", "第9位",
                 ref(A001, "跃升至第9位"), ref(A002, "提升全球第9位"))
    osi34 = claim("在线服务指数排名", "中国", "2018", 34, "rank", "第34位",
                  ref(A001, "由全球第34位"))
    osi12 = claim("在线服务指数排名", "中国", "2020", 12, "rank", "第12位",
                  ref(A002, "国家排名位居第12位"), key=False)
    mobile = claim("移动互联网用户规模", "中国", "2019", 1319000000, "persons", "13.19亿",
                   ref(A000, "13.19亿"))
    users = claim("实名注册用户", "全国一体化政务服务平台", "2020", 500000000, "persons",
                  "超过5亿人", ref(A001, "实名注册用户超过5亿人"), qualifier="over")
    share = claim("数据共享交换条次", "国家共享数据交换平台", "2018-04", 30500000000, "count",
                  "超过305亿条次", ref(A003, "超过305亿条次"), qualifier="over")
    bj = claim("网上政务服务大厅个人用户总数", "北京市", None, 20400000, "persons", "2040万",
               ref(A001, "个人用户总数2040万"))
    claims = (rank45, rank65, egdi18, egdi20, osi9, osi34, osi12, mobile, users, share, bj)
    conflict = Conflict("在线服务指数排名", "中国", "2020", (osi9, osi12),
                        "002 gives 9 (指数排名) and 12 (国家排名); 001 gives 9")
    series = (
        Series("电子政务发展指数排名", "中国", "rank", (
            SeriesPoint("2018", 65, rank65.refs), SeriesPoint("2020", 45, rank45.refs))),
        Series("电子政务发展指数", "中国", "index", (
            SeriesPoint("2018", 0.6811, egdi18.refs), SeriesPoint("2020", 0.7948, egdi20.refs))),
        Series("在线服务指数排名", "中国", "rank", (
            SeriesPoint("2018", 34, osi34.refs), SeriesPoint("2020", 9, osi9.refs))),
    )
    enumerations = (
        enum("recommendation", A000, ("加强集约化建设", "加强数据应用", "固化创新成果",
                                      "兼顾数据安全与隐私保护"),
             frame="需要在以下四个方面进一步发展与创新", label="十四五四个方向", cue="第一…第四"),
        enum("recommendation", A004, ("构建整体化定制化服务", "搭建政府数据治理框架",
                                      "建立一体化安全保障体系"),
             frame="需要从以下三个方面发力", label="三个着力点"),
        enum("measure", A001, ("提升国家治理效能", "激发数字经济动能", "挖掘服务群众潜能",
                               "完善网络安全机制"), speaker="庄荣文"),
        enum("problem", A002, ("政务数据共享的长效机制还亟待完善", "在线服务水平和人民群众需求还有距离",
                               "数据鸿沟问题日益凸显"), speaker="杨小伟"),
        enum("achievement", A001, ("电子政务制度规则体系更加健全", "统筹协调机制更加完善"),
             speaker="王钦敏"),
        enum("stage", A003, ("从萌芽到办公自动化(1981年—1992年)", "从“三金工程”到政府上网(1993年—2000年)"),
             label="电子政务发展四个阶段"),
        enum("component", A004, ("建立健全信息安全法律体系", "构建信息安全管理体系"),
             label="一体化信息安全保障体系"),
    )
    quotes = (
        Quote("杨小伟", "中央网信办副主任", "指出", "政治意愿、领导力和机构能力是电子政务发展的关键因素",
              ref(A002, "政治意愿、领导力和机构能力")),
        Quote("卢向东", "国务院办公厅电子政务办公室主任", "说",
              "各地区各部门政务平台建设经历了建起来、用起来、连起来、统起来的发展过程",
              ref(A001, "建起来、用起来、连起来、统起来")),
        Quote("何毅亭", None, "说", "我国电子政务经过20多年发展，取得显著成就",
              ref(A001, "我国电子政务经过20多年发展")),
    )
    events = (
        Event("1993", "我国启动了“三金工程”", ref(A003, "我国启动了“三金工程”")),
        Event("1999", "国家启动了政府上网工程", ref(A003, "国家启动了政府上网工程")),
    )
    themes = (
        ThemeSummary("数字鸿沟", (
            ThemeMention("数字鸿沟", "数字鸿沟", ref(A001, "需重视“数字鸿沟”问题")),
            ThemeMention("数字鸿沟", "数据鸿沟", ref(A002, "数据鸿沟问题日益凸显")),
        ), (articles()[A001].id, articles()[A002].id), (articles()[A001].id, articles()[A002].id)),
        ThemeSummary("数据安全与隐私保护", (
            ThemeMention("数据安全与隐私保护", "隐私", ref(A000, "疫情期间数据应用快速发展也带来")),
        ), (articles()[A000].id,)),
        ThemeSummary("政府信息化", (
            ThemeMention("政府信息化", "内部", ref(A003, "辅助政府内部进行相应的政务工作")),
        ), (articles()[A003].id,)),  # one mention: mentioned, not discussed
    )
    return Corpus(
        articles=tuple(articles().values()),
        extractions=(),
        claims=claims,
        conflicts=(conflict,),
        series=series,
        themes=themes,
        enumerations=enumerations,
        quotes=quotes,
        events=events,
    )
