"""The facts sheet: one row per extracted figure, with its stable id, for staff to check.

    fact_rows(articles) -> list[dict]      id, file, value, unit, qualifier, period, subject,
                                           metric, label, grade, rules (ids of the rules that
                                           found it), sentence, wrong ("" for staff to mark)
    write_csv(rows, target)                UTF-8 with BOM for a file (Excel), plain for '-'
    write_xlsx(rows, target)               an Excel sheet named "facts"

`briefing facts` writes it; staff edit it and `briefing corrections --import SHEET` turns
their edits into corrections (briefing.consolidate.corrections).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.consolidate.corrections import figure_ids
from briefing.consolidate.merge import figure_rules
from briefing.extract.figures import extract_figures
from briefing.models import Article

FACT_COLUMNS = ("id", "file", "value", "unit", "qualifier", "period", "subject", "metric",
                "label", "grade", "rules", "sentence", "wrong")


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def fact_rows(articles: Iterable[Article]) -> list[dict[str, Any]]:
    """One row per extracted figure, in article order, each with its stable id."""
    rows = []
    for article in articles:
        figures = extract_figures(article)
        for fid, f in zip(figure_ids(article.id, figures), figures, strict=True):
            rows.append(
                {
                    "id": fid,
                    "file": article.file,
                    "value": _plain(f.value),
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "period": f.period,
                    "subject": f.subject,
                    "metric": f.metric,
                    "label": f.label,
                    "grade": f.grade,
                    "rules": " ".join(figure_rules(f)),
                    "sentence": f.ref.sentence,
                    "wrong": "",  # staff mark a wrong figure here (see briefing.consolidate.corrections)
                }
            )
    return rows


def _frame(rows: list[dict[str, Any]]):  # type: ignore[no-untyped-def]  (a pandas DataFrame)
    import pandas as pd  # heavy: loaded only when a sheet is written

    # object dtype keeps 193 an integer in the file (a float column would print 193.0)
    return pd.DataFrame(rows, columns=list(FACT_COLUMNS), dtype=object)


def write_csv(rows: list[dict[str, Any]], target: Path) -> None:
    """Write the rows as CSV: UTF-8 with BOM for files (Excel), plain UTF-8 for '-' (stdout)."""
    if str(target) == "-":
        _frame(rows).to_csv(sys.stdout, index=False)
    else:
        _frame(rows).to_csv(target, index=False, encoding="utf-8-sig")


def write_xlsx(rows: list[dict[str, Any]], target: Path) -> None:
    """Write the rows as an Excel sheet named "facts"."""
    _frame(rows).to_excel(target, index=False, sheet_name="facts", engine="openpyxl")


__all__ = ["FACT_COLUMNS", "fact_rows", "write_csv", "write_xlsx"]
