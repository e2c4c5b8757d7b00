"""The figure extractor's data: metrics, counters and subjects from briefing/data/*.yaml
(world.yaml is generated from standards by scripts/generate_world.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Metric:
    """A metric from metrics.yaml."""

    name: str
    unit: str
    key: bool = False
    kind: str = ""  #: "index" for survey indices whose ranks are labelled "<name>排名"
    family: str = ""  #: the index a rank or rank change belongs to
    of: str = ""  #: "population" for a share of a population (互联网普及率)


@dataclass(frozen=True, slots=True)
class Mention:
    """A lexicon word found in a text: what it stands for and where."""

    canon: str
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    """Compiled metrics, counters and subjects."""

    metrics: dict[str, Metric]
    metric_pattern: re.Pattern[str]
    metric_by_alias: dict[str, str]
    counters: dict[str, str]
    counter_pattern: re.Pattern[str]
    call_verbs: tuple[str, ...]
    person_words: tuple[str, ...]
    organisation_words: tuple[str, ...]
    key_units: frozenset[str]
    subject_pattern: re.Pattern[str]
    subject_by_alias: dict[str, str]
    subject_kinds: dict[str, str] = field(default_factory=dict)  #: canon → country|province|city|group|other
    city_province: dict[str, str] = field(default_factory=dict)  #: 杭州市 → 浙江省
    topic_only: frozenset[str] = frozenset()  #: subjects only when they open their clause

    def metric_mentions(self, text: str) -> list[Mention]:
        """Every metric alias in `text`, left to right, longest match first."""
        return [
            Mention(self.metric_by_alias[m.group(0).lower()], m.start(), m.end())
            for m in self.metric_pattern.finditer(text)
        ]

    def subject_mentions(self, text: str) -> list[Mention]:
        """Every subject word in `text`, left to right, longest match first."""
        return [
            Mention(self.subject_by_alias[m.group(0).lower()], m.start(), m.end())
            for m in self.subject_pattern.finditer(text)
        ]

    def is_headline_metric(self, metric: str | None, unit: str) -> bool:
        """Whether a figure's metric is one briefs headline: its `key` flag or a key unit.

        Whether a figure is key in its article also depends on where and how the article
        states it: briefing.extract.salience.
        """
        spec = self.metrics.get(metric or "")
        return bool(spec is not None and spec.key) or unit in self.key_units


def _load(name: str) -> Any:
    path = resources.files("briefing") / "data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> re.Pattern[str]:
    """A case-insensitive regex of literal words, longest first; Latin words match whole."""
    unique = {w.lower() for w in words if w}
    latin = [w for w in unique if w[:1].isascii() and w[:1].isalpha()]
    other = [w for w in unique if not (w[:1].isascii() and w[:1].isalpha())]
    # Words as a trie (common prefixes shared, longer continuations tried first): Python's re
    # would otherwise try hundreds of alternatives at every position of every sentence.
    parts = ([rf"(?<![A-Za-z])(?:{_trie_pattern(latin)})(?![A-Za-z])"] if latin else [])
    parts += [_trie_pattern(other)] if other else []
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


def _trie_pattern(words: list[str]) -> str:
    """A regex matching the longest of `words` at a position, built from their prefix trie."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a word

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _city_provinces(
    cities: dict[str, str], short_names: list[str], subject_by_alias: dict[str, str]
) -> dict[str, str]:
    """Register every city by its full name and the unambiguous ones by their short name too
    (杭州 → 杭州市); return city → province. A short name without its city in world.yaml is a
    data error: it would name a city no province is known for."""
    for full in cities:
        subject_by_alias[full.lower()] = full
    for short in short_names:
        full = f"{short}市"
        if full not in cities:
            raise ValueError(f"places.yaml city_short_names: {short}: no {full} in world.yaml")
        subject_by_alias[short.lower()] = full
    return dict(cities)


@cache
def lexicon() -> Lexicon:
    """Load and compile the data files once."""
    data = _load("metrics.yaml")
    metrics: dict[str, Metric] = {}
    by_alias: dict[str, str] = {}
    for entry in data["metrics"]:
        metric = Metric(
            entry["name"],
            entry["unit"],
            bool(entry.get("key", False)),
            entry.get("kind", ""),
            entry.get("family", ""),
            entry.get("of", ""),
        )
        metrics[metric.name] = metric
        for alias in entry.get("aliases") or []:
            by_alias[alias.lower()] = metric.name
    subjects = _load("subjects.yaml")
    subject_by_alias: dict[str, str] = {}
    for canon, aliases in subjects["subjects"].items():
        for alias in [canon, *aliases]:
            subject_by_alias[alias.lower()] = canon
    kinds = {canon: "other" for canon in subjects["subjects"]}
    for full, short in subjects["provinces"].items():
        subject_by_alias[full.lower()] = full
        subject_by_alias[short.lower()] = full
        kinds[full] = "province"
    places, world = _load("places.yaml"), _load("world.yaml")
    for canon, aliases in world["countries"].items():
        for alias in [canon, *aliases]:
            subject_by_alias.setdefault(alias.lower(), canon)
        kinds.setdefault(canon, "country")
    kinds["中国"] = "country"
    for canon, aliases in places.get("regions", {}).items():
        for alias in [canon, *aliases]:
            subject_by_alias.setdefault(alias.lower(), canon)
        kinds.setdefault(canon, "region")
    city_province = _city_provinces(world["cities"], places["city_short_names"], subject_by_alias)
    kinds.update(dict.fromkeys(city_province, "city"))
    for canon, aliases in places["groups"].items():
        for alias in [canon, *aliases]:
            subject_by_alias[alias.lower()] = canon
        kinds[canon] = "group"
    counters = {str(k): str(v) for k, v in data["counters"].items()}
    rules = data.get("key_rules", {})
    return Lexicon(
        metrics=metrics,
        metric_pattern=_alternation(list(by_alias)),
        metric_by_alias=by_alias,
        counters=counters,
        counter_pattern=re.compile(
            "|".join(re.escape(c) for c in sorted(counters, key=len, reverse=True))
        ),
        call_verbs=tuple(data.get("call_verbs", ())),
        person_words=tuple(data.get("person_words", ())),
        organisation_words=tuple(data.get("organisation_words", ())),
        key_units=frozenset(rules.get("units", ())),
        subject_pattern=_alternation(list(subject_by_alias)),
        subject_by_alias=subject_by_alias,
        subject_kinds=kinds,
        city_province=city_province,
        topic_only=frozenset(subjects.get("topic_only", ())),
    )
