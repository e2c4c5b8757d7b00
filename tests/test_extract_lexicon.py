"""Key figures by the lexicon's rules (briefing.extract.lexicon.Lexicon.is_key)."""

from __future__ import annotations

import pytest

from briefing.extract.lexicon import lexicon


@pytest.mark.parametrize(
    ("metric", "unit", "value", "qualifier", "key"),
    [
        ("电子政务发展指数排名", "rank", 45, "exact", True),  # a survey index's rank: by metric
        ("排名", "rank", 2, "exact", True),  # on the podium
        ("排名", "rank", 5, "exact", False),  # a fifth place in a list is a detail
        ("得分", "index", 88.5, "exact", True),
        ("得分", "index", 70, "over", False),  # 70分以上 is a bound, not a value
        ("排名", "rank", 3, "under", False),  # 前三名
        ("网民", "persons", 50_000_000, "exact", True),
        ("注册用户增加", "persons", 50_000_000, "exact", False),  # a change, not a level
    ],
)
def test_key_rules(metric: str, unit: str, value: float, qualifier: str, key: bool) -> None:
    assert lexicon().is_key(metric, unit, value, qualifier) is key
