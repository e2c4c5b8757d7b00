"""Staff corrections: stable figure ids, the corrections file, the sheet import, the audit mark."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.consolidate.corrections import load_corrections
from briefing.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "000_1b8e26d3558f27a7.txt"
OTHER = ROOT / "data" / "articles" / "004_41c6d9978f3fd55e.txt"


def _facts(articles: Path, tmp: Path) -> list[dict]:
    target = tmp / "facts.csv"
    assert main(["facts", "--articles", str(articles), "--csv", str(target)]) == 0
    import pandas as pd

    return pd.read_csv(target, dtype=str, encoding="utf-8-sig").fillna("").to_dict("records")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "data" / "articles").mkdir(parents=True)
    shutil.copy(SAMPLE, tmp_path / "data" / "articles")
    return tmp_path


def _rank_row(rows: list[dict]) -> dict:
    return next(r for r in rows if r["metric"] == "电子政务发展指数排名" and r["value"] == "45")


def _build(site: Path, *extra: str) -> int:
    return main(["--articles", str(site / "data" / "articles"), "--out", str(site / "out"),
                 "--audience", "leadership", "--date", "2026-11-22", *extra])


def test_ids_are_stable_across_runs(site: Path, tmp_path: Path) -> None:
    first = [r["id"] for r in _facts(site / "data" / "articles", tmp_path)]
    assert first == [r["id"] for r in _facts(site / "data" / "articles", tmp_path)]
    assert len(set(first)) == len(first)


def _statements(site: Path) -> list[str]:
    record = json.loads((site / "out" / "leadership" / "brief.json").read_text(encoding="utf-8"))
    return [s["text"] for s in record["statements"]]


def test_a_correction_changes_the_brief_and_survives_rebuilds(site: Path, tmp_path: Path) -> None:
    row = _rank_row(_facts(site / "data" / "articles", tmp_path))
    assert _build(site) == 0
    before = _statements(site)
    (site / "data" / "corrections.yaml").write_text(
        f"corrections:\n  - id: {row['id']}\n    subject: 北京市\n    note: wrong place\n"
        f"  - id: '000000000000'\n    wrong: true\n", encoding="utf-8")
    assert _build(site) == 0
    record = json.loads((site / "out" / "leadership" / "brief.json").read_text(encoding="utf-8"))
    (applied,) = record["corrections"]
    assert applied["id"] == row["id"] and applied["extracted"] == {"subject": "中国"}
    assert applied["corrected"] == {"subject": "北京市"}
    after = _statements(site)
    assert after != before
    assert any("北京市" in t and "45" in t for t in after)
    assert not any("北京市" in t and "45" in t for t in before)
    marked = [s for s in record["statements"]
              if any(c.get("corrections") == [row["id"]] for c in s["citations"])]
    assert marked

    shutil.copy(OTHER, site / "data" / "articles")  # a rebuild that re-renders
    assert _build(site) == 0
    record = json.loads((site / "out" / "leadership" / "brief.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in record["corrections"]] == [row["id"]]
    assert any("北京市" in t and "45" in t for t in _statements(site))


def test_a_correction_for_a_missing_figure_is_reported(site: Path, capsys) -> None:
    (site / "data" / "corrections.yaml").write_text(
        "corrections:\n  - id: 0123456789ab\n    wrong: true\n", encoding="utf-8")
    assert _build(site) == 0
    assert "correction 0123456789ab: no extracted figure has this id" in capsys.readouterr().err


def test_marking_wrong_drops_the_figure(site: Path, tmp_path: Path) -> None:
    row = _rank_row(_facts(site / "data" / "articles", tmp_path))
    (site / "data" / "corrections.yaml").write_text(
        f"corrections:\n  - id: {row['id']}\n    wrong: true\n", encoding="utf-8")
    assert _build(site) == 0
    record = json.loads((site / "out" / "leadership" / "brief.json").read_text(encoding="utf-8"))
    assert record["corrections"][0]["wrong"] is True
    charts = {c["id"] for c in record["charts"]}
    assert "egdi_rank" not in charts or all(
        p != ["2020", 45] for c in record["charts"] if c["id"] == "egdi_rank"
        for p in c["series"][0]["points"])


def test_importing_an_edited_sheet_writes_corrections(site: Path, tmp_path: Path) -> None:
    import openpyxl

    sheet = tmp_path / "facts.xlsx"
    articles = site / "data" / "articles"
    assert main(["facts", "--articles", str(articles), "--xlsx", str(sheet)]) == 0
    book = openpyxl.load_workbook(sheet)
    table = book["facts"]
    header = [c.value for c in table[1]]
    edited = None
    for row in table.iter_rows(min_row=2):
        if row[header.index("metric")].value == "电子政务发展指数排名":
            row[header.index("subject")].value = "中华人民共和国"
            edited = row[header.index("id")].value
            break
    last = table.max_row  # the last figure (not the rank) is marked wrong
    table.cell(row=last, column=header.index("wrong") + 1, value="x")
    wrong = table.cell(row=last, column=header.index("id") + 1).value
    assert wrong != edited
    book.save(sheet)
    assert main(["corrections", "--articles", str(articles), "--import", str(sheet)]) == 0
    corrections = {c.id: c for c in load_corrections(site / "data" / "corrections.yaml")}
    assert corrections[edited].subject == "中华人民共和国"
    assert corrections[wrong].wrong
    assert len(corrections) == 2


def test_a_malformed_corrections_file_names_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "corrections.yaml"
    bad.write_text("corrections:\n  - id: abc\n    colour: red\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key"):
        load_corrections(bad)


# --------------------------------------------------------------------------- decisions


def test_confirmations_sources_and_who_when_survive_a_save_and_load(tmp_path: Path) -> None:
    from briefing.consolidate.corrections import Correction, save_corrections

    path = tmp_path / "corrections.yaml"
    written = [
        Correction("0123456789ab", confirm=True, reviewer="王芳", at="2026-11-22T10:15:00+08:00"),
        Correction("ba9876543210", value=13.19, unit="persons", confirm=True),
        Correction("", source="a.txt", title="更正的标题", date="2021-04-26", reviewer="李明"),
        Correction("ffffffffffff", wrong=True, note="not a figure"),
    ]
    save_corrections(path, written)
    assert load_corrections(path) == tuple(written)
    assert [c.key for c in written][2] == "source:a.txt"


@pytest.mark.parametrize("text, message", [
    ("corrections:\n  - source: a.txt\n    subject: x\n", r"unknown key\(s\) subject"),
    ("corrections:\n  - source: a.txt\n", "sets nothing"),
    ("corrections:\n  - id: abc\n    value: many\n", "value must be a number"),
    ("corrections:\n  - id: abc\n    title: x\n", r"unknown key\(s\) title"),
])
def test_a_malformed_decision_names_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_corrections(path)
    assert str(path) in str(caught.value)


def test_a_confirmed_figure_counts_as_stated_and_others_keep_their_grade() -> None:
    from briefing.consolidate.corrections import Correction, apply_corrections, figure_ids
    from briefing.ingest import read_and_extract

    article, extraction = read_and_extract(SAMPLE)
    ids = figure_ids(article.id, extraction.figures)
    inferred = [(fid, f) for fid, f in zip(ids, extraction.figures) if f.grade == "inferred"]
    (fid, figure), *_ = inferred
    (corrected,), problems = apply_corrections((extraction,), (article,),
                                               (Correction(fid, confirm=True),))
    assert problems == []
    grades = {i: f.grade for i, f in zip(ids, corrected.figures)}
    assert grades[fid] == "stated"
    assert all(grades[i] == f.grade for i, f in zip(ids, extraction.figures) if i != fid)


def test_a_source_correction_for_a_missing_file_is_reported() -> None:
    from briefing.consolidate.corrections import Correction, apply_source_corrections
    from briefing.ingest import read_and_extract

    article, _ = read_and_extract(SAMPLE)
    fixes = (Correction("", source=article.file, outlet="中国政府网"),
             Correction("", source="gone.txt", title="x"))
    (fixed,), problems = apply_source_corrections((article,), fixes)
    assert fixed.outlet == "中国政府网" and fixed.title == article.title
    assert problems == ["correction of source gone.txt: no article has this file name any "
                        "more; update or delete it"]


def test_a_confirmed_inferred_figure_is_printed_in_the_department_key_figures(
    site: Path, tmp_path: Path
) -> None:
    def department() -> dict:
        assert main(["--articles", str(site / "data" / "articles"), "--out", str(site / "out"),
                     "--audience", "department", "--date", "2026-11-22"]) == 0
        return json.loads((site / "out" / "department" / "brief.json").read_text("utf-8"))

    def rows(record: dict, row: dict) -> list[dict]:
        return [s for s in record["statements"] if s["kind"] == "figure"
                and any(f["value"] == float(row["value"]) and f["unit"] == row["unit"]
                        for f in s["facts"])
                and any(c["sentence"] == row["sentence"] for c in s["citations"])]

    facts = _facts(site / "data" / "articles", tmp_path)
    before = department()
    row = next(r for r in facts if r["grade"] == "inferred" and r["period"][:4] in r["sentence"]
               and not rows(before, r))
    (site / "data" / "corrections.yaml").write_text(
        f"corrections:\n  - id: '{row['id']}'\n    confirm: true\n", encoding="utf-8")
    after = department()
    # the key-figure row (what's new of the second issue names the figure too)
    (printed,) = [s for s in rows(after, row) if not s["text"].startswith(("新增数据", "数据修订"))]
    assert printed["facts"][0]["grade"] == "stated"
    assert [c["corrections"] for c in printed["citations"] if c["sentence"] == row["sentence"]]
    (audit,) = after["corrections"]
    assert audit["decision"] == "confirmed" and audit["extracted"]["grade"] == "inferred"
