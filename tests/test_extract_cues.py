"""The examples of briefing/data/cues.yaml, run through the rules that use each list.

Every cue list names texts its rule fires on (`match`) and texts it must not fire on
(`no_match`); `RULES` says, for each list, what "the rule fires" means, through the
extractor's own functions. A list without a rule here, or without examples, fails.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefing.compose.fragments import is_fragment
from briefing.compose.views import is_goal_frame
from briefing.extract._enum_parts import classify, deciding_cues
from briefing.extract._text import make_article
from briefing.extract.candidates import Candidate, find_candidates
from briefing.extract.english import find_english_candidates
from briefing.extract.enumerations import extract_enumerations
from briefing.extract.figures import extract_figures
from briefing.extract.lexicon import cues, lexicon
from briefing.extract.metric_labels import noun_phrase_before
from briefing.extract.periods import PRESENT_CUES
from briefing.extract.quotes import extract_quotes
from briefing.extract.salience import figure_signals
from briefing.extract.scopes import (
    ArticleScope,
    article_scope,
    body_mentions,
    own_place,
    source_names,
)


def _chinese(text: str) -> list[Candidate]:
    return find_candidates(lexicon(), text)


def _units(text: str, unit: str, sign: int = 0) -> bool:
    """Whether a Chinese sentence has a figure of `unit` (of that sign, when given)."""
    return any(c.unit == unit and c.value * sign >= 0 for c in _chinese(text))


def _english_units(text: str, unit: str, sign: int = 0) -> bool:
    return any(c.unit == unit and c.value * sign >= 0 for c in find_english_candidates(text))


def _qualified(text: str, qualifier: str) -> bool:
    return any(c.qualifier == qualifier for c in _chinese(text))


def _english_qualified(text: str, qualifier: str) -> bool:
    return any(c.qualifier == qualifier for c in find_english_candidates(text))


def _decides(name: str) -> Callable[[str], bool]:
    """The list decides the kind of a list framed by the text (earlier rules first)."""
    return lambda text: (deciding_cues(text) or ("", ""))[1] == name


def _list_kind(kind: str) -> Callable[[str], bool]:
    """The text names its list's items as this kind (a list in it, or a frame before one)."""
    def decides(text: str) -> bool:
        found = extract_enumerations(make_article(text))
        return any(e.kind == kind for e in found) or classify(text, ["甲", "乙"]) == kind
    return decides


def _enumeration_cues(text: str) -> list[str]:
    return [e.cue for e in extract_enumerations(make_article(text))]


def _quoted(text: str) -> bool:
    return bool(extract_quotes(make_article(text)))


def _is_change(text: str) -> bool:
    """A figure of the sentence is the amount of a change (salience's change signal)."""
    article = make_article(text)
    figures = extract_figures(article)
    return any(s.change for s in figure_signals(article, figures))


def _own(scope: ArticleScope, text: str) -> str | None:
    return own_place(scope, text, 0, len(text))


_HANGZHOU = ArticleScope(city="杭州市", province="浙江省", local=False)
_HANGZHOU_ONLY = ArticleScope(city="杭州市", province="浙江省", local=True)


def _respective(text: str) -> bool:
    """The figures after 分别 each go to the name listed at their position."""
    subjects = [f.subject for f in extract_figures(make_article(text))]
    return len(subjects) >= 2 and len(set(subjects)) == len(subjects)


def _coordinated_body(text: str) -> bool:
    """Two bodies joined by a coordinator are one subject (市民主页和企业专属网页)."""
    return any(
        any(w in m.canon for w in cues().words("coordinators"))
        for m in body_mentions(lexicon(), text)
    )


RULES: dict[str, Callable[[str], bool]] = {
    "rank_verbs": lambda t: _units(t, "rank"),
    "rank_move_verbs": lambda t: _units(t, "rank"),
    "rank_places": lambda t: any(  # the change's span takes the whole place noun
        c.unit == "rank_change" and t[c.start : c.end].endswith(cues().words("rank_places"))
        for c in _chinese(t)
    ),
    "first_place_words": lambda t: _units(t, "rank"),
    "area_scopes": lambda t: _units(t, "rank"),
    "rank_rise_verbs": lambda t: _units(t, "rank_change", 1),
    "rank_fall_verbs": lambda t: _units(t, "rank_change", -1),
    "english_rank_rise_verbs": lambda t: _english_units(t, "rank_change", 1),
    "english_rank_fall_verbs": lambda t: _english_units(t, "rank_change", -1),
    "change_verbs": _is_change,
    "over_words": lambda t: _qualified(t, "over"),
    "about_words": lambda t: _qualified(t, "about"),
    "under_words": lambda t: _qualified(t, "under"),
    "over_words_after": lambda t: _qualified(t, "over"),
    "about_words_after": lambda t: _qualified(t, "about"),
    "under_words_after": lambda t: _qualified(t, "under"),
    "english_over_words": lambda t: _english_qualified(t, "over"),
    "english_about_words": lambda t: _english_qualified(t, "about"),
    "english_under_words": lambda t: _english_qualified(t, "under"),
    "english_people_nouns": lambda t: _english_units(t, "persons"),
    "english_people_groups": lambda t: _english_units(t, "persons"),
    "score_words": lambda t: _units(t, "index"),
    "present_cues": lambda t: PRESENT_CUES.search(t) is not None,
    "source_cues": lambda t: bool(source_names(t)),
    "own_city_words": lambda t: _own(_HANGZHOU, t) == "杭州市",
    "own_province_words": lambda t: _own(_HANGZHOU, t) == "浙江省",
    "city_level_words": lambda t: _own(_HANGZHOU_ONLY, t) == "杭州市",
    "province_level_words": lambda t: _own(_HANGZHOU_ONLY, t) == "浙江省",
    "national_scope_words": lambda t: not article_scope(lexicon(), make_article(t)).local,
    "speech_verbs": _quoted,
    "speech_verbs_before_punctuation": _quoted,
    "english_speech_verbs": _quoted,
    "interview_markers": lambda t: not _enumeration_cues(t),  # 答:… is no list
    "list_nouns": lambda t: any(c.startswith("、") for c in _enumeration_cues(t)),
    "point_nouns": lambda t: any(c.endswith("段首句") for c in _enumeration_cues(t)),
    "intention_markers": lambda t: any(c.startswith("下一步") for c in _enumeration_cues(t)),
    "example_cues": lambda t: any(c.startswith("、") for c in _enumeration_cues(t)),
    "next_step_markers": _decides("next_step_markers"),
    "problem_markers": _decides("problem_markers"),
    "prescription_markers": _decides("prescription_markers"),
    "measure_markers": _decides("measure_markers"),
    "achievement_markers": _decides("achievement_markers"),
    "goal_markers": is_goal_frame,
    "goal_met_words": lambda text: not is_goal_frame(text),
    "problem_nouns": _list_kind("problem"),
    "task_nouns": _list_kind("measure"),
    "stage_nouns": _list_kind("stage"),
    "component_nouns": _list_kind("component"),
    "named_part_nouns": lambda t: any(c.startswith("、") for c in _enumeration_cues(t)),
    "result_nouns": _list_kind("achievement"),
    "addressing_verbs": lambda t: classify(t, ["甲", "乙"]) != "problem",
    "shortcoming_words": lambda t: classify("", [t, t]) == "problem",
    "intention_words": lambda t: classify("", [t, t]) == "measure",
    "predicate_verbs": lambda t: len(noun_phrase_before(t)) < len(t) - 2,
    "phrase_scopes": lambda t: noun_phrase_before(t) != t,
    "coordinators": _coordinated_body,
    "respective_words": _respective,
    "connectives": _quoted,
    "dangling_endings": is_fragment,
    "open_prepositions": is_fragment,
    "clause_prepositions": is_fragment,
    "closing_localizers": lambda t: not is_fragment(t),
}

EXAMPLES = [
    pytest.param(name, text, expected, id=f"{name}-{'match' if expected else 'no_match'}-{i}")
    for name, cue_list in cues().lists.items()
    for expected, texts in ((True, cue_list.match), (False, cue_list.no_match))
    for i, text in enumerate(texts)
]


def test_every_cue_list_has_a_rule_and_examples_both_ways() -> None:
    assert set(RULES) == set(cues().lists)
    for name, cue_list in cues().lists.items():
        assert cue_list.match and cue_list.no_match, f"{name} needs match and no_match examples"


@pytest.mark.parametrize(("name", "text", "expected"), EXAMPLES)
def test_cue_list_examples_fire_the_rule_that_uses_the_list(
    name: str, text: str, expected: bool
) -> None:
    assert RULES[name](text) is expected, f"{name}: {text!r}"
