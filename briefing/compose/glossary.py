"""Names in the brief's own language: one language per brief.

An English brief prints English names: the glossary's terms (briefing/data/glossary.yaml:
metrics, bodies, groups, themes, outlets), countries by their CLDR English name
(briefing/data/world.yaml), UN M49 regions (places.yaml), China's provinces and cities by
their official romanisation (pypinyin of the short name, 杭州市 → Hangzhou; the glossary's
`divisions` where that is not the pinyin, 陕西省 → Shaanxi), a place followed by a population
group (中国60岁及以上老年网民 → Internet users aged 60 and over in China). A Chinese brief prints
Chinese names for the English names sources use ("National Government Service Platform" →
国家政务服务平台). Acronyms stay.

    to_language(name, lang) -> str | None   the name in `lang`, None when there is none
    readable(name, lang) -> bool            the name reads in `lang` as it is or translated
    romanised(name, person=False) -> str    pinyin: Hangzhou, Xi'an, Pan Jie
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing.extract.lexicon import data_file

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: a Latin word that is no acronym (EGDI, OSI, 5G, IPv6 are acronyms)
_LATIN_WORD = re.compile(r"[A-Za-z]*[a-z]{2,}[A-Za-z]*")
#: suffixes of China's divisions, longest first: what pinyin leaves out (浙江省 → Zhejiang)
_DIVISION_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|"
                              r"地区|新区|省|市|盟)$")
#: syllables that open with a vowel take an apostrophe inside a romanised name (Xi'an)
_VOWEL = ("a", "o", "e")


@dataclass(frozen=True)
class Glossary:
    """Both directions of every name the data files give."""

    english: dict[str, str]  #: Chinese name → English name
    chinese: dict[str, str]  #: English name, case-folded → Chinese name
    divisions: frozenset[str]  #: China's provinces and cities (full and short names)
    groups: dict[str, str]  #: a population group's words → its canonical name


@cache
def glossary() -> Glossary:
    """The names of glossary.yaml, world.yaml and places.yaml, loaded once."""
    data = data_file("glossary.yaml")
    world, places, subjects = (data_file(n) for n in ("world.yaml", "places.yaml",
                                                      "subjects.yaml"))
    extras = {n for names in places["country_names"].values() for n in names}
    english: dict[str, str] = {}
    chinese: dict[str, str] = {}
    for zh, names in world["countries"].items():
        latin = [n for n in names if not _CJK.search(n)]
        common = [n for n in latin if n not in extras] or latin
        if common:
            english[zh] = common[0]  # CLDR's English name comes first after the extras
        for name in latin:
            chinese.setdefault(name.casefold(), zh)
    for zh, names in places["regions"].items():
        latin = [n for n in names if not _CJK.search(n)]
        if latin:
            english[zh] = latin[0]  # the UN M49 name comes first
            for name in latin:
                chinese.setdefault(name.casefold(), zh)
    english.update(data["divisions"])
    english.update(data["terms"])
    for zh, en in data["terms"].items():
        chinese[en.casefold()] = zh
        bare = re.sub(r"\s*\([^)]*\)$", "", en)  # "Online Service Index (OSI)" → its name
        chinese.setdefault(bare.casefold(), zh)
    chinese.update({en.casefold(): zh for en, zh in data["aliases"].items()})
    provinces = subjects["provinces"]
    divisions = frozenset({*provinces, *provinces.values(), *world["cities"],
                           *(_DIVISION_SUFFIX.sub("", c) for c in world["cities"])})
    groups = {word: name for name, words in places["groups"].items() for word in words}
    return Glossary(english, chinese, divisions, groups)


def romanised(name: str, person: bool = False) -> str:
    """`name` in pinyin without tones: a place as one word (杭州 → Hangzhou, 西安 → Xi'an), a
    person's name as surname and given name (潘洁 → Pan Jie)."""
    # pypinyin costs 0.15 s to import: only a brief that romanises a name pays it, never a
    # build that recalls the last one (briefing.reissue.recall)
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(name, style=Style.NORMAL, errors="default") if s]
    if person and len(syllables) >= 2 and all(_CJK.match(ch) for ch in name):
        return f"{syllables[0].capitalize()} {_joined(syllables[1:])}"
    return _joined(syllables)


def _joined(syllables: list[str]) -> str:
    word = "".join(s if i == 0 or not s.startswith(_VOWEL) else f"'{s}"
                   for i, s in enumerate(syllables))
    return word[:1].upper() + word[1:]


def to_language(name: str, lang: str) -> str | None:
    """`name` as a brief in `lang` prints it, or None when the data give no such name.

    A name already in the brief's language is itself (acronyms count for both)."""
    if not name:
        return name
    if lang == "en":
        return name if not _CJK.search(name) else _english(name)
    if not _LATIN_WORD.search(name):
        return name
    return glossary().chinese.get(name.strip().casefold())


def readable(name: str | None, lang: str) -> bool:
    """Whether `name` reads in a brief of `lang` (as it is, or through the glossary)."""
    return not name or to_language(name, lang) is not None


def _english(name: str) -> str | None:
    g = glossary()
    if name in g.english:
        return g.english[name]
    if name in g.divisions:
        short = _DIVISION_SUFFIX.sub("", name) or name
        return g.english.get(name) or romanised(short)
    for place, english in _place_prefixes(name):  # 中国60岁及以上老年网民
        rest = name[len(place):]
        group = g.english.get(g.groups.get(rest, rest))
        if group:
            return f"{group} in {english}"
    return None


def _place_prefixes(name: str) -> list[tuple[str, str]]:
    """(place, its English name) for each known place `name` starts with, longest first."""
    g = glossary()
    found = [(p, g.english[p]) for p in ("中国", "全国", "全球", "我国")
             if name.startswith(p) and p in g.english]
    return sorted(found, key=lambda pe: -len(pe[0]))


__all__ = ["Glossary", "glossary", "readable", "romanised", "to_language"]
