"""Numeral parsing: Arabic, Chinese and scale words."""

from __future__ import annotations

import pytest

from briefing.extract.numbers import apply_scale, fraction_percent, parse_chinese, parse_numeral


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("九", 9),
        ("十", 10),
        ("十五", 15),
        ("四十五", 45),
        ("一百零三", 103),
        ("两千", 2000),
        ("三千万", 30_000_000),
        ("十三亿", 1_300_000_000),
        ("一万二千", 12_000),
    ],
)
def test_parse_chinese(text: str, value: int) -> None:
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["", "第九", "5G", "十四五x"])
def test_parse_chinese_rejects_non_numerals(text: str) -> None:
    assert parse_chinese(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,300", 1300.0), ("0.7948", 0.7948), ("45", 45.0), ("十余", None), ("十", 10.0)],
)
def test_parse_numeral(text: str, value: float | None) -> None:
    assert parse_numeral(text) == value


@pytest.mark.parametrize(
    ("value", "scale", "expected"),
    [
        (13.19, "亿", 1_319_000_000),
        (2040, "万", 20_400_000),
        (305, "亿", 30_500_000_000),
        (1.2, "万亿", 1_200_000_000_000),
        (10.51, "billion", 10_510_000_000),
        (7, None, 7),
    ],
)
def test_apply_scale(value: float, scale: str | None, expected: float) -> None:
    assert apply_scale(value, scale) == expected


@pytest.mark.parametrize(("text", "value"), [("三点五", 3.5), ("十二点零五", 12.05), ("点五", None)])
def test_parse_numeral_reads_chinese_decimals(text: str, value: float | None) -> None:
    assert parse_numeral(text) == value


def test_fraction_percent_rounds_to_six_decimals() -> None:
    assert fraction_percent(2, 3) == 66.666667
    assert fraction_percent(1, 4) == 25.0
