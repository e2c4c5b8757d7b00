"""The extractor's data, loaded once and checked: cue words, metrics, counters, subjects.

Every file of briefing/data is read here (`data_file`, `domain_words`) and checked against
its schema (briefing.extract.data_schema) first, so a broken file stops with one message
naming each problem with file and line. `cues()` gives the named word lists of cues.yaml
that the extraction rules share; `lexicon()` the compiled metrics and subjects (countries
and cities from world.yaml, generated from standards by scripts/generate_world.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from briefing.errors import ConfigError
from briefing.extract.data_schema import SCHEMAS, DomainWord, parse_domain_words
from briefing.schema import Path_, Problem, checked_yaml, report


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
    call_nouns: tuple[str, ...]  #: nouns of acts: 次 before one counts calls (次接口核验)
    name_heads: tuple[str, ...]  #: heads that make a metric word part of a name (…交换平台)
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


@cache
def data_file(name: str) -> Any:
    """A YAML file of briefing/data, parsed and checked against its schema (read once)."""
    source = (resources.files("briefing") / "data" / name).read_text(encoding="utf-8")
    return check_data_text(name, source, f"briefing/data/{name}")


def check_data_text(name: str, source: str, display: str) -> Any:
    """The data of `source`, the text of the data file `name`; raises one ConfigError naming
    every problem (unknown keys, wrong types, empty or repeated words, keys set twice, lists
    named that do not exist), each as display:line."""
    schema, cross = SCHEMAS[name], _CROSS_CHECKS.get(name)

    def check(data: Any, where: Path_) -> list[Problem]:
        problems = schema(data, where)
        return problems + (cross(data) if cross is not None and not problems else [])

    return checked_yaml(source, check, display, ConfigError)


def _known_cue_lists(data: Any) -> list[Problem]:
    """enumeration_kinds.yaml: each rule's cues (and unless) name a list of cues.yaml."""
    known = cues().lists
    return [
        Problem((stage, i, key), f"names no list of cues.yaml: {rule[key]!r}")
        for stage in ("nouns", "rules", "headings", "weak")
        for i, rule in enumerate(data[stage])
        for key in ("cues", "unless")
        if key in rule and rule[key] not in known
    ]


def _known_families(data: Any) -> list[Problem]:
    """metrics.yaml: a metric's family names a metric of the file."""
    names = {m["name"] for m in data["metrics"]}
    return [
        Problem(("metrics", i, "family"), f"names no metric of the file: {m['family']!r}")
        for i, m in enumerate(data["metrics"])
        if m.get("family") and m["family"] not in names
    ]


_CROSS_CHECKS: dict[str, Callable[[Any], list[Problem]]] = {
    "enumeration_kinds.yaml": _known_cue_lists,
    "metrics.yaml": _known_families,
}


@cache
def domain_words() -> tuple[DomainWord, ...]:
    """The field's words jieba must keep whole (briefing/data/domain_words.txt), checked."""
    name = "domain_words.txt"
    source = (resources.files("briefing") / "data" / name).read_text(encoding="utf-8")
    return check_domain_words(source, f"briefing/data/{name}")


def check_domain_words(source: str, display: str) -> tuple[DomainWord, ...]:
    """The words of a domain_words.txt text; raises one ConfigError naming every bad line."""
    found, problems = parse_domain_words(source.splitlines())
    report(problems, display, lambda where: None, ConfigError)
    return tuple(found)


# --------------------------------------------------------------------------- cues.yaml


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word, and what around it makes it part of another word (应 is no "should" in
    响应: `not_before` holds 响)."""

    word: str
    not_before: str = ""  #: characters that may not stand right before the word
    not_after: tuple[str, ...] = ()  #: strings that may not follow it

    @property
    def latin(self) -> bool:
        """An English cue: matched as whole words, whatever their case."""
        return self.word[:1].isascii() and self.word[:1].isalpha()

    def pattern(self) -> str:
        """The regex of this cue (its guards as lookarounds; English ones as whole words)."""
        core = rf"(?i:\b{re.escape(self.word)}\b)" if self.latin else re.escape(self.word)
        before = f"(?<![{re.escape(self.not_before)}])" if self.not_before else ""
        after = f"(?!{'|'.join(map(re.escape, self.not_after))})" if self.not_after else ""
        return f"{before}{core}{after}"


@dataclass(frozen=True, slots=True)
class CueList:
    """A named list of cues.yaml: its words, what they mean, and examples for the tests."""

    name: str
    description: str
    cues: tuple[Cue, ...]
    match: tuple[str, ...] = ()  #: texts the rule that uses the list must fire on
    no_match: tuple[str, ...] = ()  #: texts it must not fire on

    @property
    def words(self) -> tuple[str, ...]:
        """The words as listed (an order some rules use: first found wins)."""
        return tuple(c.word for c in self.cues)


@dataclass(frozen=True)
class Cues:
    """The cue lists of cues.yaml by name."""

    lists: dict[str, CueList]

    def words(self, *names: str) -> tuple[str, ...]:
        """The words of the named lists, in list order, each once."""
        return tuple(dict.fromkeys(w for n in names for w in self.lists[n].words))

    def pattern(self, *names: str) -> str:
        """A non-capturing regex group matching any cue of the named lists, longest first
        (so that 位居 is tried before 居), each with its guards."""
        unique: dict[str, Cue] = {}
        for name in names:
            for cue in self.lists[name].cues:
                unique.setdefault(cue.word, cue)
        cues = sorted(unique.values(), key=lambda c: len(c.word), reverse=True)
        return "(?:" + "|".join(c.pattern() for c in cues) + ")"


def _cue(entry: str | dict[str, Any]) -> Cue:
    if isinstance(entry, str):
        return Cue(entry)
    return Cue(entry["word"], entry.get("not_before", ""), tuple(entry.get("not_after", ())))


@cache
def cues() -> Cues:
    """The cue lists of briefing/data/cues.yaml, loaded once and checked."""
    data = data_file("cues.yaml")
    return Cues({
        name: CueList(
            name,
            spec["description"],
            tuple(_cue(e) for e in spec["words"]),
            tuple(spec.get("match", ())),
            tuple(spec.get("no_match", ())),
        )
        for name, spec in data.items()
    })


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
    data = data_file("metrics.yaml")
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
    subjects = data_file("subjects.yaml")
    subject_by_alias: dict[str, str] = {}
    for canon, aliases in subjects["subjects"].items():
        for alias in [canon, *aliases]:
            subject_by_alias[alias.lower()] = canon
    kinds = {canon: "other" for canon in subjects["subjects"]}
    for full, short in subjects["provinces"].items():
        subject_by_alias[full.lower()] = full
        subject_by_alias[short.lower()] = full
        kinds[full] = "province"
    places, world = data_file("places.yaml"), data_file("world.yaml")
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
        call_nouns=tuple(data.get("call_nouns", ())),
        name_heads=tuple(data.get("name_heads", ())),
        person_words=tuple(data.get("person_words", ())),
        organisation_words=tuple(data.get("organisation_words", ())),
        key_units=frozenset(rules.get("units", ())),
        subject_pattern=_alternation(list(subject_by_alias)),
        subject_by_alias=subject_by_alias,
        subject_kinds=kinds,
        city_province=city_province,
        topic_only=frozenset(subjects.get("topic_only", ())),
    )
