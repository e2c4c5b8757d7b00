"""Whether a figure's value is plausible for its unit (ranges in briefing/data/plausible.yaml).

    implausible_range(value, unit) -> (low, high) | None   the range a value falls outside
    flag_claim(claim) -> Claim                             an implausible claim flagged
    IMPLAUSIBLE_RULE                                       the rule id a flagged figure carries

A figure of 10³⁰ persons is a misreading or a typing error in the source, not news. Its claim
is graded unknown (briefs print structured figures only from stated claims), is never a key
figure, carries the rule id `value.implausible`, and the build warns about it; the facts sheet
flags its row the same way (briefing.consolidate.fact_sheet).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from functools import cache
from importlib import resources
from typing import Any

import yaml

from briefing import schema
from briefing.errors import ConfigError
from briefing.extract.grades import UNKNOWN
from briefing.models import Claim

IMPLAUSIBLE_RULE = "value.implausible"
DATA_FILE = "data/plausible.yaml"

log = logging.getLogger(__name__)


def _bounds(value: Any, where: schema.Path_) -> list[schema.Problem]:
    """[lowest, highest]: two numbers, the first not above the second."""
    if not isinstance(value, list) or len(value) != 2 or any(
            isinstance(v, bool) or not isinstance(v, int | float) for v in value):
        return [schema.Problem(where, f"must be [lowest, highest], got {schema.got(value)}")]
    if value[0] > value[1]:
        return [schema.Problem(where, "its lowest value is above its highest")]
    return []


SCHEMA: schema.Check = schema.table({"units": schema.mapping(_bounds, 200, 40),
                                     "default": _bounds})


@cache
def ranges() -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """The range of each unit and the default range, from briefing/data/plausible.yaml."""
    text = resources.files("briefing").joinpath(DATA_FILE).read_text(encoding="utf-8")
    document = schema.parse_yaml(text, DATA_FILE, ConfigError)
    problems = SCHEMA(document.data, ())
    if problems or "default" not in document.data:
        raise ConfigError(f"{DATA_FILE} is malformed: "
                          f"{'; '.join(p.message for p in problems) or 'needs a default'}")
    units = {unit: (float(low), float(high))
             for unit, (low, high) in document.data.get("units", {}).items()}
    low, high = document.data["default"]
    return units, (float(low), float(high))


def implausible_range(value: float, unit: str) -> tuple[float, float] | None:
    """The plausible range of `unit` when `value` falls outside it (or is not finite); None
    for a plausible value."""
    units, default = ranges()
    low, high = units.get(unit, default)
    if math.isfinite(value) and low <= value <= high:
        return None
    return low, high


def flag_claim(claim: Claim) -> Claim:
    """`claim`, or, when its value is implausible for its unit, the claim graded unknown,
    never key, carrying IMPLAUSIBLE_RULE, with a warning naming its sources."""
    bounds = implausible_range(claim.value, claim.unit)
    if bounds is None:
        return claim
    files = ", ".join(dict.fromkeys(ref.file for ref in claim.refs))
    log.warning("%s: %s (%s) is beyond the plausible range of %g to %g; flagged, not printed "
                "as a figure", files, claim.raw, claim.unit, *bounds)
    return dataclasses.replace(claim, grade=UNKNOWN, key=False,
                               rules=(*claim.rules, IMPLAUSIBLE_RULE))


__all__ = ["IMPLAUSIBLE_RULE", "flag_claim", "implausible_range", "ranges"]
