"""The schemas of the extractor's data files (briefing/data/*.yaml, domain_words.txt).

Each file is checked when it is loaded (briefing.extract.lexicon.data_file): unknown keys,
wrong types, empty words and names, words listed twice and keys set twice are reported
together, each with file and line, through the checks of briefing.schema (the same ones
template.toml uses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from briefing.schema import (
    Check,
    Path_,
    Problem,
    boolean,
    got,
    listing,
    mapping,
    one_of,
    table,
    text,
    whole,
)

_MAX_WORD = 60  #: a word, alias or name; a longer one is a pasting accident
_MAX_WORDS = 5000  #: entries of one list (places.yaml names about 250 countries and cities)
#: A cue list's or a theme's name.
_LIST_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
#: A unit of figures: count, persons, rank_change …
_UNIT = re.compile(r"^[a-z][a-z0-9_]*$")

word = text(_MAX_WORD, min_len=1)
words = listing(word, _MAX_WORDS, unique=True)
name = text(_MAX_WORD, min_len=1)


def _distinct(items: Check, field: str, fold: bool = False) -> Check:
    """`items` (a list of tables) where no two tables share the value of `field`."""

    def check(value: Any, where: Path_) -> list[Problem]:
        problems = items(value, where)
        if not isinstance(value, list):
            return problems
        seen: dict[str, int] = {}
        for i, entry in enumerate(value):
            key = entry.get(field) if isinstance(entry, dict) else None
            if not isinstance(key, str):
                continue
            folded = key.lower() if fold else key
            if folded in seen:
                problems.append(Problem((*where, i, field), f"{key!r} is named twice "
                                                            f"(also entry {seen[folded] + 1})"))
            else:
                seen[folded] = i
        return problems

    return check


def _aliases_once(metrics: Check) -> Check:
    """metrics.yaml's metrics, where no alias is printed twice (Latin ones case-folded, as
    they are matched): an alias of two metrics would name whichever came last."""

    def check(value: Any, where: Path_) -> list[Problem]:
        problems = metrics(value, where)
        owners: dict[str, str] = {}
        for i, entry in enumerate(value if isinstance(value, list) else []):
            aliases = entry.get("aliases") if isinstance(entry, dict) else None
            metric = str(entry.get("name")) if isinstance(entry, dict) else ""
            own: set[str] = set()
            for j, alias in enumerate(aliases if isinstance(aliases, list) else []):
                if not isinstance(alias, str) or alias in aliases[:j]:
                    continue  # not text, or listed twice as printed: `words` says so
                folded, at = alias.lower(), (*where, i, "aliases", j)
                if folded in own:
                    problems.append(Problem(at, f"{alias!r} repeats an alias of this metric "
                                                "(Latin aliases match whatever their case)"))
                elif owners.get(folded, metric) != metric:
                    problems.append(Problem(at, f"{alias!r} is also an alias of "
                                                f"{owners[folded]!r}"))
                own.add(folded)
                owners.setdefault(folded, metric)
        return problems

    return check


def _cue(value: Any, where: Path_) -> list[Problem]:
    """A cue word, or a table of a word with the characters that make it another word."""
    if isinstance(value, dict):
        return table({"word": word, "not_before": text(_MAX_WORD, min_len=1),
                      "not_after": words}, "cue option", required=("word",))(value, where)
    return word(value, where)


_CUE_LIST = table(
    {
        "description": text(500, min_len=1),
        "words": listing(_cue, _MAX_WORDS, unique=True),
        "match": listing(text(200, min_len=1), 50),
        "no_match": listing(text(200, min_len=1), 50),
    },
    "cue list option",
    required=("description", "words", "match", "no_match"),
)

_LIST_KEY = text(60, _LIST_NAME, "a name of lower-case letters, digits and _")
# An ISO 3166-1 alpha-2 code: GB, KR.
_ISO_CODE = re.compile(r"^[A-Z]{2}$")
# The kinds of list a brief has sections for.
_ENUM_KIND = one_of("recommendation", "measure", "problem", "achievement", "stage", "component")
# A rule id: the attribute, a dot, the rule's name (subject.clause_topic, period.own_time).
_RULE_ID = re.compile(r"^(?:subject|period|value|metric)\.[a-z_]+$")

def _bounds(value: Any, where: Path_) -> list[Problem]:
    """[lowest, highest]: two numbers, the first not above the second."""
    if not isinstance(value, list) or len(value) != 2 or any(
            isinstance(v, bool) or not isinstance(v, int | float) for v in value):
        return [Problem(where, f"must be [lowest, highest], got {got(value)}")]
    if value[0] > value[1]:
        return [Problem(where, "its lowest value is above its highest")]
    return []


SCHEMAS: dict[str, Check] = {
    "cues.yaml": mapping(_CUE_LIST, 200, key_check=_LIST_KEY),
    "metrics.yaml": table(
        {
            "metrics": _aliases_once(_distinct(listing(table(
                {
                    "name": name,
                    "kind": one_of("index"),
                    "unit": text(30, _UNIT, "a unit name such as count or rank_change"),
                    "key": boolean,
                    "family": name,
                    "of": one_of("population"),
                    "aliases": words,
                },
                "metric option",
                required=("name", "unit"),
            ), 1000), "name")),
            "counters": mapping(text(30, _UNIT, "a unit name such as count or persons"), 500,
                                key_check=word),
            "call_verbs": words,
            "call_nouns": words,
            "name_heads": words,
            "person_words": words,
            "organisation_words": words,
            "key_rules": table({"units": words}, "key rule"),
        },
        required=("metrics", "counters"),
    ),
    "subjects.yaml": table(
        {
            "subjects": mapping(words, _MAX_WORDS, key_check=word),
            "topic_only": words,
            "provinces": mapping(word, 100, key_check=word),
        },
        required=("subjects", "provinces"),
    ),
    "places.yaml": table(
        {
            # names of countries by ISO 3166-1 code, where the standards lack the press's name
            "country_names": mapping(words, 300, key_check=text(2, _ISO_CODE, "an ISO code")),
            "city_short_names": words,
            "cities_outside_standard": mapping(word, 100, key_check=word),
            "regions": mapping(words, _MAX_WORDS, key_check=word),
            "groups": mapping(words, _MAX_WORDS, key_check=word),
        },
        required=("country_names", "city_short_names", "regions", "groups"),
    ),
    # generated by scripts/generate_world.py from pycountry, babel and cpca
    "world.yaml": table(
        {
            "countries": mapping(words, _MAX_WORDS, key_check=word),
            "cities": mapping(word, _MAX_WORDS, key_check=word),
        },
        required=("countries", "cities"),
    ),
    "roles.yaml": table(
        {
            "title_suffixes": words,
            "surnames": words,
            "not_names": words,
            "not_name_endings": words,
            "role_prefixes": words,
            "pronouns": words,
            "unnamed_roles": words,
        },
        required=("title_suffixes", "surnames", "not_names", "not_name_endings",
                  "role_prefixes", "pronouns"),
    ),
    "events.yaml": table(
        {"verbs": words, "not_before": words, "not_after": words, "english_verbs": words},
        required=("verbs", "not_before", "not_after", "english_verbs"),
    ),
    "salience.yaml": table(
        {"user_words": words, "users_at_least": whole(10**12), "online_rate_words": words},
        required=("user_words", "users_at_least", "online_rate_words"),
    ),
    "themes.yaml": mapping(words, 200, key_check=name),
    # names a brief prints in its own language (briefing/compose/glossary.py)
    "glossary.yaml": table(
        {
            "terms": mapping(text(120, min_len=1), _MAX_WORDS, key_check=word),
            "aliases": mapping(word, _MAX_WORDS, key_check=text(120, min_len=1)),
            "divisions": mapping(text(120, min_len=1), 100, key_check=word),
        },
        required=("terms", "aliases", "divisions"),
    ),
    "grades.yaml": table(
        {
            "stated_scopes": listing(one_of("clause", "sentence", "paragraph", "chain", "article"),
                                     10, unique=True),
            "stated_subject_rules": mapping(text(200, min_len=1), 100,
                                            key_check=text(60, _RULE_ID, "a rule id: subject.…")),
            "stated_period_rules": mapping(text(200, min_len=1), 100,
                                           key_check=text(60, _RULE_ID, "a rule id: period.…")),
            "timeless_units": words,
        },
        required=("stated_scopes", "stated_subject_rules", "stated_period_rules",
                  "timeless_units"),
    ),
    # briefing.consolidate.plausibility: the values a unit's figures can plausibly take
    "plausible.yaml": table({"units": mapping(_bounds, 200, 40, key_check=text(30, _UNIT,
                                                                            "a unit name")),
                             "default": _bounds}, required=("default",)),
    "enumeration_kinds.yaml": table(
        {
            stage: listing(table({"kind": _ENUM_KIND, "cues": _LIST_KEY, "unless": _LIST_KEY},
                                 "rule option", required=("kind", "cues")), 50)
            for stage in ("nouns", "rules", "headings", "weak")
        } | {"default": _ENUM_KIND},
        required=("nouns", "rules", "headings", "weak", "default"),
    ),
}


# --------------------------------------------------------------------------- domain_words.txt


@dataclass(frozen=True, slots=True)
class DomainWord:
    """A line of domain_words.txt: a word jieba must keep whole, its frequency and tag."""

    word: str
    frequency: int | None = None
    tag: str | None = None


_TAG = re.compile(r"^[a-z]{1,4}$")  #: a jieba part-of-speech tag: n, vn, nz, eng …


def parse_domain_words(lines: Iterable[str]) -> tuple[list[DomainWord], list[Problem]]:
    """The words of domain_words.txt (jieba's user-dictionary format: word [frequency] [tag];
    lines starting with # are comments) and the problems of its lines, each with its line."""
    found: list[DomainWord] = []
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts or line.startswith("#"):
            continue
        line_problems = _domain_line_problems(parts, number, first)
        first.setdefault(parts[0], number)
        problems += line_problems
        if not line_problems:
            frequency = int(parts[1]) if len(parts) > 1 else None
            found.append(DomainWord(parts[0], frequency, parts[2] if len(parts) > 2 else None))
    return found, problems


def _domain_line_problems(parts: list[str], number: int, first: dict[str, int]) -> list[Problem]:
    """What is wrong with one line of domain_words.txt, split into its fields."""
    where: Path_ = (parts[0],)
    if len(parts) > 3:
        return [Problem(where, f"has {len(parts)} fields; a line is: word [frequency] [tag]",
                        number)]
    problems = []
    if len(parts) > 1 and not parts[1].isdigit():
        problems.append(Problem(where, f"frequency must be a whole number, got {parts[1]!r}",
                                number))
    if len(parts) > 2 and not _TAG.match(parts[2]):
        problems.append(Problem(where, "tag must be a jieba part-of-speech tag (n, vn, nz …), "
                                       f"got {parts[2]!r}", number))
    if parts[0] in first:
        problems.append(Problem(where, f"{parts[0]!r} is listed twice (also line "
                                       f"{first[parts[0]]})", number))
    return problems
