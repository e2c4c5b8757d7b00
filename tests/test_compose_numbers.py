"""compose/numbers.py: one house style per audience, never more precise than the source."""

from __future__ import annotations

import pytest

from briefing.compose.numbers import NumberStyle, ordinal
from briefing.compose.sections import number_style
from briefing.errors import TemplateError
from briefing.compose.templates import load_template

ZH = number_style(load_template("leadership"))
EN = number_style(load_template("english"))


@pytest.mark.parametrize(("value", "unit", "raw", "qualifier", "zh", "en"), [
    (45, "rank", "45名", "exact", "第45位", "45th"),
    (9, "rank", "第九位", "exact", "第9位", "9th"),
    (1, "rank", "第一", "exact", "第1位", "1st"),
    (20, "rank_change", "20名", "exact", "提升20位", "up 20 places"),
    (-3, "rank_change", "下降3位", "exact", "下降3位", "down 3 places"),
    (1319000000, "persons", "13.19亿", "exact", "13.19亿", "1.319 billion"),
    (20400000, "persons", "2040万", "exact", "2040万", "20.4 million"),
    (500000000, "persons", "5亿人", "over", "超过5亿人", "over 500 million"),
    (30000000, "persons", "3000多万", "exact", "超过3000万", "over 30 million"),
    (394000000, "persons", "394,000,000", "exact", "3.94亿", "394 million"),
    (100000000, "persons", "100 million", "exact", "1亿", "100 million"),
    (339000000, "persons", "3.39億", "exact", "3.39亿", "339 million"),  # traditional scales
    (73000000, "persons", "7300萬人", "exact", "7300万人", "73 million"),
    (45.5e12, "yuan", "45.5万亿元", "exact", "45.5万亿元", "45.5 trillion"),
    (0.545, "index", "0.5450", "exact", "0.5450", "0.5450"),
    (78.6, "percent", "78.6%", "exact", "78.6%", "78.6%"),
    (2900, "count", "2900个", "about", "约2900个", "about 2,900"),
])
def test_house_style(value: float, unit: str, raw: str, qualifier: str, zh: str, en: str) -> None:
    assert ZH.figure(value, unit, raw, qualifier) == zh
    assert EN.figure(value, unit, raw, qualifier) == en


def test_a_rank_rise_is_never_written_as_places_held() -> None:
    assert "名" not in ZH.figure(20, "rank_change", "20名")


def test_the_style_is_read_from_the_template_and_checked() -> None:
    assert ZH.rank == "第{n}位" and EN.scale == "en"
    table = {f: getattr(ZH, f) for f in ZH.__dataclass_fields__}
    with pytest.raises(TemplateError, match="unknown key"):
        NumberStyle.from_table({**table, "colour": "red"})
    with pytest.raises(TemplateError, match="missing rank"):
        NumberStyle.from_table({k: v for k, v in table.items() if k != "rank"})


def test_ordinal() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 45)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "45th"]


@pytest.mark.parametrize(("period", "zh", "en"), [
    ("2020", "2020年", "2020"),
    ("2018-12", "2018年12月", "December 2018"),
    ("2019-05", "2019年5月", "May 2019"),
])
def test_periods_are_worded_by_the_house_style(period: str, zh: str, en: str) -> None:
    assert ZH.period(period) == zh and EN.period(period) == en
