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

from briefing.extract.grades import UNKNOWN
from briefing.extract.lexicon import data_file
from briefing.models import Claim

IMPLAUSIBLE_RULE = "value.implausible"
DATA_FILE = "plausible.yaml"  #: in briefing/data

log = logging.getLogger(__name__)


@cache
def ranges() -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """The range of each unit and the default range, from briefing/data/plausible.yaml
    (checked against its schema in briefing.extract.data_schema)."""
    data = data_file(DATA_FILE)
    units = {unit: (float(low), float(high)) for unit, (low, high) in data.get("units", {}).items()}
    low, high = data["default"]
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
