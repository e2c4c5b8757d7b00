"""The schema of template.toml: allowed keys, types and sizes, every error reported at once.

    check_config(config: dict, path: Path, section_kinds, limit_keys) -> None
        raises one TemplateError listing every problem of the file, each as file:line

Each file of an `extends` chain is checked on its own (so each error names the file that has
it); keys are optional because a child sets only what it changes. Sizes keep a template from
making a brief of gigabytes (a 10 MB masthead name) and a file from making a long build. The
checks themselves (and the file:line reporting) are the shared ones of briefing.schema.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from briefing.compose.numbers import NumberStyle
from briefing.errors import TemplateError
from briefing.schema import (  # the checks are shared with the data files' schemas
    Check,
    Path_,
    Problem,
    boolean,
    listing,
    mapping,
    one_of,
    pair,
    raise_problems,
    table,
    text,
    whole,
)

MAX_TOML_BYTES = 1024 * 1024  #: a template.toml larger than this is refused unread
LANGUAGES = ("zh", "en")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def schema(section_kinds: Sequence[str], limit_keys: Sequence[str]) -> Check:
    """The whole template.toml schema."""
    name = text(64, _NAME, "a name of letters, digits, - and _ (no path)")
    kinds = one_of(*section_kinds)
    section_table = table({
        "kind": kinds, "title": text(200), "template": text(200, re.compile(r"^[\w./-]+$"),
                                                            "a file name inside the template"),
        "limit": whole(1000), "priority": whole(1000), "chart": text(64),
        # items the page-fit trim leaves however far over the limits the brief is
        "keep": whole(1000),
        # lists about the world ("global") or the country (default)
        "scope": one_of("national", "global"), "themes":
        listing(text(100), 50),
        # more list sections whose items a list section shows after its own
        "and": listing(one_of("recommendations", "measures", "problems", "achievements",
                              "stages", "components"), 5),
    }, "section option")

    def section(value: Any, where: Path_) -> list[Problem]:
        if isinstance(value, str):
            return kinds(value, where)
        problems = section_table(value, where)
        if isinstance(value, dict) and "kind" not in value:
            problems.append(Problem(where, "a section table needs a 'kind'"))
        return problems

    return table({
        "description": text(500), "abstract": boolean, "language": one_of(*LANGUAGES),
        "style": name, "kind": text(50), "title": text(200), "audience": text(100),
        "extends": name, "exclude_terms": listing(text(100), 500),
        "sections": listing(section, 50),
        "masthead": table({
            "name": text(100), "issuer": text(100), "issue_no": text(100),
            "issue_number": one_of("iso_week", "day_of_year", "month"),
            "classification": text(50),
            "distribution": listing(pair(text(20), text(500)), 20),
        }),
        "limits": table({k: whole(100_000) for k in limit_keys}, "limit"),
        "labels": mapping(text(1000), 200),
        "charts": mapping(table({
            "metric": text(200), "subject": text(100), "title": text(200),
            "kind": one_of("line", "bar", "timeline", "matrix"), "x_label": text(200),
            "y_label": text(200), "invert_y": boolean, "max_themes": whole(100), "max_sources": whole(100),
            # timeline: the dated events it draws name one of `milestones`, none of `not_milestones`
            "milestones": listing(text(30), 200), "not_milestones": listing(text(30), 200),
        }, "chart option"), 20),
        "numbers": numbers_table(),
        "reference_doc": text(200, re.compile(r"^[\w./-]+$"), "a file name inside the template"),
        "translations": mapping(text(200), 5000),
        "delivery": table({"to": listing(text(254), 100)}, "delivery option"),
        # what's new: lines at most (the counts line and the items that matter most)
        "whats_new": table({"max_lines": whole(1000)}, "whats_new option"),
        # advice older than max_age years: printed with its date, or left out
        "advice": table({"max_age": whole(100), "old": one_of("date", "drop")},
                        "advice option"),
    })


def numbers_table() -> Check:
    """[numbers]: one pattern per NumberStyle field (compose checks that the merged chain sets all)."""
    special: dict[str, Check] = {"scale": one_of("zh", "en"), "unit_words": boolean}
    return table({f.name: special.get(f.name, text(100)) for f in fields(NumberStyle)},
                 "[numbers] key")


def check_config(config: dict[str, Any], path: Path, display: str,
                 section_kinds: Sequence[str], limit_keys: Sequence[str]) -> None:
    """Raise one TemplateError naming every schema problem of one template.toml."""
    raise_problems(schema(section_kinds, limit_keys)(config, ()), path, display, TemplateError)
