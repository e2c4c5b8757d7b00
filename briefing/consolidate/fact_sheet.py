"""The facts sheet: one row per extracted figure, with its stable id, for staff to check.

    fact_rows(articles) -> list[dict]      id, file, value, unit, qualifier, period, subject,
                                           metric, label, grade, rules (ids of the rules that
                                           found it; value.implausible flags a value beyond
                                           its unit's range, graded unknown), sentence, wrong
                                           ("" for staff to mark)
    write_csv(rows, target)                UTF-8 with BOM for a file (Excel), plain for '-'
    write_xlsx(rows, target)               an Excel sheet named "facts"
    read_sheet(path) -> list[dict]         an edited sheet's rows, checked: every column the
                                           import compares, no formula

`briefing facts` writes it; staff edit it and `briefing corrections --import SHEET` turns
their edits into corrections (briefing.consolidate.corrections).

Cells hold article text, and a spreadsheet runs a cell that starts with = (or + - @) as a
formula: `=HYPERLINK("http://…")` in an article would become a live link (OWASP's "CSV
injection"). So every text cell is written as text: typed as a string in XLSX, and prefixed
with an apostrophe in CSV (the import takes the apostrophe off again).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.consolidate.corrections import FIELDS, figure_ids
from briefing.consolidate.merge import figure_rules
from briefing.consolidate.plausibility import IMPLAUSIBLE_RULE, implausible_range
from briefing.errors import ConfigError
from briefing.extract.figures import extract_figures
from briefing.extract.grades import UNKNOWN
from briefing.models import Article

FACT_COLUMNS = ("id", "file", "value", "unit", "qualifier", "period", "subject", "metric",
                "label", "grade", "rules", "sentence", "wrong")
#: The columns an import reads: a sheet without one of them cannot say what staff changed.
IMPORTED_COLUMNS = ("id", *FIELDS, "wrong")
#: What makes a spreadsheet read a cell as a formula (OWASP: = + - @, tab, carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_ESCAPE = "'"  #: put before such a text cell in CSV, so it stays text
MAX_LISTED = 10  #: formula cells named in an error; the rest are counted


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def fact_rows(articles: Iterable[Article]) -> list[dict[str, Any]]:
    """One row per extracted figure, in article order, each with its stable id."""
    rows = []
    for article in articles:
        figures = extract_figures(article)
        for fid, f in zip(figure_ids(article.id, figures), figures, strict=True):
            implausible = implausible_range(f.value, f.unit) is not None
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
                    "grade": UNKNOWN if implausible else f.grade,
                    "rules": " ".join((*figure_rules(f), *([IMPLAUSIBLE_RULE] if implausible
                                                           else []))),
                    "sentence": f.ref.sentence,
                    "wrong": "",  # staff mark a wrong figure here (see briefing.consolidate.corrections)
                }
            )
    return rows


def _frame(rows: list[dict[str, Any]]):  # type: ignore[no-untyped-def]  (a pandas DataFrame)
    import pandas as pd  # heavy: loaded only when a sheet is written

    # object dtype keeps 193 an integer in the file (a float column would print 193.0)
    return pd.DataFrame(rows, columns=list(FACT_COLUMNS), dtype=object)


def _csv_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, escaped so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return CSV_ESCAPE + value
    return value


def write_csv(rows: list[dict[str, Any]], target: Path) -> None:
    """Write the rows as CSV: UTF-8 with BOM for files (Excel), plain UTF-8 for '-' (stdout)."""
    frame = _frame([{k: _csv_cell(v) for k, v in row.items()} for row in rows])
    if str(target) == "-":
        frame.to_csv(sys.stdout, index=False)
    else:
        frame.to_csv(target, index=False, encoding="utf-8-sig")


def write_xlsx(rows: list[dict[str, Any]], target: Path) -> None:
    """Write the rows as an Excel sheet named "facts", every text cell typed as text."""
    import openpyxl  # heavy: loaded only when a sheet is written

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "facts"
    sheet.append(FACT_COLUMNS)
    for row in rows:
        sheet.append([row[c] for c in FACT_COLUMNS])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl reads a string starting with = as a formula
                cell.data_type = "s"
    book.save(target)


# --------------------------------------------------------------------------- reading back


def read_sheet(path: Path) -> list[dict[str, str]]:
    """The rows of an edited facts sheet (.xlsx, else CSV), every cell as text.

    ConfigError naming the file when it cannot be read, lacks a column the import compares
    (renamed or deleted: its edits would be lost without a word), or holds formulas (the
    sheet stores a formula, not the value staff see, so what it means is not known).
    """
    import pandas as pd  # heavy: loaded only when a sheet is read

    xlsx = path.suffix.lower() == ".xlsx"
    try:
        if xlsx:
            _refuse_formulas(path)
        frame = (pd.read_excel(path, dtype=str) if xlsx
                 else pd.read_csv(path, dtype=str, encoding="utf-8-sig"))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the facts sheet ({exc})", file=str(path)) from None
    missing = [c for c in IMPORTED_COLUMNS if c not in frame.columns]
    if missing:
        raise ConfigError(f"the sheet has no column {', '.join(map(repr, missing))} (renamed or "
                          f"deleted?); its columns must keep the names `briefing facts` gave "
                          f"them: {', '.join(FACT_COLUMNS)}", file=str(path))
    records = frame.fillna("").to_dict("records")
    return [{str(k): _unescaped(str(v)) for k, v in r.items()} for r in records]


def _unescaped(value: str) -> str:
    """A cell as written before write_csv escaped it."""
    if value.startswith(CSV_ESCAPE) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _refuse_formulas(path: Path) -> None:
    """ConfigError naming the first cells of the "facts" sheet that hold a formula."""
    import openpyxl  # heavy: loaded only when a sheet is read

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        table = book["facts"] if "facts" in book.sheetnames else book.worksheets[0]
        header: list[str] = []
        found: list[str] = []
        for number, row in enumerate(table.iter_rows(), 1):
            if number == 1:
                header = [str(c.value) for c in row]
            found += [f"{c.coordinate} ({header[i] if i < len(header) else '?'})"
                      for i, c in enumerate(row) if c.data_type == "f"]
    finally:
        book.close()
    if found:
        listed = ", ".join(found[:MAX_LISTED])
        more = f" and {len(found) - MAX_LISTED:,} more" if len(found) > MAX_LISTED else ""
        raise ConfigError(f"{len(found):,} cell(s) hold a formula, not a value: {listed}{more}; "
                          f"type the value itself", file=str(path))


__all__ = ["FACT_COLUMNS", "IMPORTED_COLUMNS", "fact_rows", "read_sheet", "write_csv",
           "write_xlsx"]
