"""How far the text states a figure: stated, inferred or unknown (rules in data/grades.yaml).

A brief prints structured statements (tables, charts, conflicts, composed sentences) only from
*stated* figures; any other figure is shown, if at all, in the source's own words. The grade is
read off the rules that found the figure's subject and period and the scope they looked in, so a
figure is stated only when its own clause or sentence writes all three: value, subject, period.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from briefing.extract.lexicon import data_file
from briefing.extract.sentence_context import fold_width
from briefing.models import Figure

STATED, INFERRED, UNKNOWN = "stated", "inferred", "unknown"
GRADES = (STATED, INFERRED, UNKNOWN)
#: The period rule of a figure whose period a person confirmed or set (corrections.yaml, the
#: review page): the brief prints that period though no cited sentence writes it.
STAFF_PERIOD_RULE = "staff.period"
#: The period rule of a figure a plan or forecast expects for its year (到2025年…达到, by 2050):
#: printed marked as expected, never plotted as data.
TARGET_PERIOD_RULE = "period.target"


@dataclass(frozen=True)
class GradePolicy:
    """Which scopes and rules state an attribute (the rest infer it)."""

    stated_scopes: frozenset[str]
    subject_rules: frozenset[str]
    period_rules: frozenset[str]
    timeless_units: frozenset[str]


@cache
def policy() -> GradePolicy:
    """The policy of briefing/data/grades.yaml, loaded once."""
    data = data_file("grades.yaml")
    return GradePolicy(
        stated_scopes=frozenset(data["stated_scopes"]),
        subject_rules=frozenset(data["stated_subject_rules"]),
        period_rules=frozenset(data["stated_period_rules"]),
        timeless_units=frozenset(data["timeless_units"]),
    )


def grade_of(figure: Figure, rules: GradePolicy | None = None) -> str:
    """stated | inferred | unknown for one figure, from the rules and scopes that found it."""
    rules = rules or policy()
    if not figure.subject or (not figure.period and figure.unit not in rules.timeless_units):
        return UNKNOWN
    subject_stated = (figure.subject_rule in rules.subject_rules
                      and figure.subject_scope in rules.stated_scopes)
    period_stated = figure.unit in rules.timeless_units and not figure.period or (
        figure.period_rule in rules.period_rules
        and figure.period_scope in rules.stated_scopes
        and _year_written(figure))
    return STATED if subject_stated and period_stated else INFERRED


def _year_written(figure: Figure) -> bool:
    """Whether the figure's sentence, or the sentence its period cites, prints the year (今年
    and 明年 name a year only through the article's date)."""
    year = (figure.period or "")[:4]
    evidence = [figure.ref.sentence] + ([figure.period_ref.sentence] if figure.period_ref else [])
    return any(year in fold_width(text) for text in evidence)


def graded(figures: tuple[Figure, ...] | list[Figure]) -> tuple[Figure, ...]:
    """The figures with their grade set."""
    rules = policy()
    return tuple(replace(f, grade=grade_of(f, rules)) for f in figures)
