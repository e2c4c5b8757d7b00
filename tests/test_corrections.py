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


# --------------------------------------------------------------------------- the file, hostile


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_yaml_aliases_in_corrections_are_refused_with_their_line(tmp_path: Path) -> None:
    bomb = ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\ncorrections:\n"
            "  - id: 0123456789ab\n    wrong: true\n    note: *b\n")
    with pytest.raises(ConfigError, match="alias") as caught:
        load_corrections(_write(tmp_path / "corrections.yaml", bomb))
    assert caught.value.line == 2


def test_a_quoted_false_is_not_read_as_wrong(tmp_path: Path) -> None:
    path = _write(tmp_path / "corrections.yaml",
                  "corrections:\n  - id: 0123456789ab\n    wrong: 'false'\n")
    with pytest.raises(ConfigError, match="true or false") as caught:
        load_corrections(path)
    assert caught.value.line == 3


def test_every_bad_correction_value_is_reported_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "corrections.yaml", (
        "corrections:\n"
        "  - id: 0123456789ab\n    subject: [1, 2]\n"
        "  - id: 0123456789ac\n    period: {a: 1}\n"
        "  - id: 0123456789ad\n    period: '99999-99'\n"
        "  - id: 0123456789ae\n    subject: \"北京\u202e市\"\n"))
    with pytest.raises(ConfigError) as caught:
        load_corrections(path)
    message = str(caught.value)
    assert "4 errors" in message
    for line in (3, 5, 7, 9):
        assert f"corrections.yaml:{line}:" in message


def test_an_overlong_corrected_subject_is_refused(tmp_path: Path) -> None:
    for size in (1_000, 200_000):
        path = _write(tmp_path / "corrections.yaml",
                      f"corrections:\n  - id: 0123456789ab\n    subject: {'国' * size}\n")
        with pytest.raises(ConfigError, match="over the limit"):
            load_corrections(path)


def test_a_mistyped_or_folder_corrections_path_is_an_error(site: Path, capsys) -> None:
    assert _build(site, "--corrections", str(site / "data" / "corections.yaml")) == 2
    assert "corections.yaml" in capsys.readouterr().err
    (site / "data" / "folder.yaml").mkdir()
    assert _build(site, "--corrections", str(site / "data" / "folder.yaml")) == 2
    assert "not a file" in capsys.readouterr().err
    assert not (site / "out" / "leadership" / "brief.json").exists()


def test_a_corrections_file_saved_in_gbk_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "corrections.yaml",
                  "corrections:\n  - id: 0123456789ab\n    subject: 北京市\n"
                  "    note: 调查年份，不是发布年份\n", encoding="gbk")
    (correction,) = load_corrections(path)
    assert correction.subject == "北京市" and correction.note == "调查年份，不是发布年份"


def test_unknown_correction_ids_are_reported_once_and_summed_up(site: Path, capsys) -> None:
    ids = [f"{n:012x}" for n in range(1, 301)]
    (site / "data" / "corrections.yaml").write_text(
        "corrections:\n" + "".join(f"  - id: '{i}'\n    wrong: true\n" for i in ids),
        encoding="utf-8")
    assert _build(site) == 0
    err = capsys.readouterr().err
    assert err.count(f"correction {ids[0]}:") == 1
    assert f"correction {ids[-1]}:" not in err  # the rest are counted, not listed
    assert "290 more" in err


# --------------------------------------------------------------------------- sheets, hostile

EVIL = '=HYPERLINK("http://evil.example","点此")'


def _evil_site(tmp_path: Path) -> Path:
    articles = tmp_path / "data" / "articles"
    articles.mkdir(parents=True)
    (articles / "evil.txt").write_text(
        f"数字政府建设情况\n\n{EVIL}2025年全国政务服务平台注册用户达到10亿人。\n\n"
        "@SUM(1+1)截至2024年底，全国一体化政务服务平台实名注册用户超过8亿人。\n",
        encoding="utf-8")
    return articles


def test_exported_sheets_hold_formulas_as_text(tmp_path: Path) -> None:
    import csv

    import openpyxl

    articles = _evil_site(tmp_path)
    sheet, table = tmp_path / "facts.xlsx", tmp_path / "facts.csv"
    assert main(["facts", "--articles", str(articles), "--xlsx", str(sheet),
                 "--csv", str(table)]) == 0
    cells = [c for row in openpyxl.load_workbook(sheet)["facts"].iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert any(str(c.value).startswith(EVIL) for c in cells)  # kept, as text
    with table.open(encoding="utf-8-sig", newline="") as fh:
        fields = [f for row in csv.reader(fh) for f in row]
    assert not [f for f in fields if f[:1] in ("=", "+", "-", "@")]
    assert any(f.startswith("'" + EVIL) for f in fields)
    # the sheets import back as no change: the escape is undone, text is not a formula
    for path in (sheet, table):
        assert main(["corrections", "--articles", str(articles), "--import", str(path)]) == 0
    assert load_corrections(tmp_path / "data" / "corrections.yaml") == ()


def _sheet_with(site: Path, tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    import openpyxl

    sheet = tmp_path / "facts.xlsx"
    assert main(["facts", "--articles", str(site / "data" / "articles"), "--xlsx", str(sheet)]) == 0
    book = openpyxl.load_workbook(sheet)
    table = book["facts"]
    header = [c.value for c in table[1]]
    for row in table.iter_rows(min_row=2):
        if row[header.index("metric")].value == "电子政务发展指数排名":
            edit(table, header, row)
            break
    book.save(sheet)
    return sheet


def test_import_merges_field_by_field_and_keeps_comments(site: Path, tmp_path: Path) -> None:
    rank = _rank_row(_facts(site / "data" / "articles", tmp_path))
    target = site / "data" / "corrections.yaml"
    target.write_text(
        "# checked by the statistics desk\ncorrections:\n"
        f"  - id: '{rank['id']}'   # the EGDI rank\n    subject: 北京市\n    note: wrong place\n",
        encoding="utf-8")

    def new_period(table, header, row):  # type: ignore[no-untyped-def]
        row[header.index("period")].value = "2022"

    sheet = _sheet_with(site, tmp_path, new_period)
    assert main(["corrections", "--articles", str(site / "data" / "articles"),
                 "--import", str(sheet)]) == 0
    (merged,) = load_corrections(target)
    assert (merged.subject, merged.period, merged.note) == ("北京市", "2022", "wrong place")
    text = target.read_text(encoding="utf-8")
    assert "# checked by the statistics desk" in text and "# the EGDI rank" in text


def test_an_import_that_cannot_be_written_leaves_the_file_whole(site: Path,
                                                                tmp_path: Path) -> None:
    import subprocess
    import sys

    rows = _facts(site / "data" / "articles", tmp_path)
    target = site / "data" / "corrections.yaml"
    target.write_text("corrections:\n" + "".join(
        f"  - id: '{r['id']}'\n    note: checked {'。' * 40}\n    subject: 中国\n"
        for r in rows), encoding="utf-8")
    before = target.read_bytes()

    def new_subject(table, header, row):  # type: ignore[no-untyped-def]
        row[header.index("subject")].value = "中华人民共和国"

    sheet = _sheet_with(site, tmp_path, new_subject)
    # a file may not grow past half the old file: as on a disk that fills up mid-write
    limit = len(before) // 2
    script = ("import resource, signal, sys\n"
              "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
              "from briefing.cli import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", script, "corrections", "--articles",
                           str(site / "data" / "articles"), "--import", str(sheet)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "corrections.yaml" in done.stderr
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".")] == []


def test_renamed_columns_and_formula_cells_are_reported_not_imported(
        site: Path, tmp_path: Path, capsys) -> None:
    def formula(table, header, row):  # type: ignore[no-untyped-def]
        row[header.index("subject")].value = '=CONCAT("北京","市")'

    sheet = _sheet_with(site, tmp_path, formula)
    articles = str(site / "data" / "articles")
    assert main(["corrections", "--articles", articles, "--import", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert "formula" in err and "subject" in err

    rows = _facts(site / "data" / "articles", tmp_path)
    renamed = tmp_path / "renamed.csv"
    import pandas as pd

    frame = pd.DataFrame(rows).rename(columns={"subject": "Subject"})
    frame.loc[0, "Subject"] = "北京市"
    frame.to_csv(renamed, index=False, encoding="utf-8-sig")
    assert main(["corrections", "--articles", articles, "--import", str(renamed)]) == 2
    assert "subject" in capsys.readouterr().err
    assert not (site / "data" / "corrections.yaml").exists()


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
    ("corrections:\n  - source: a.txt\n    subject: x\n", "unknown key 'subject'"),
    ("corrections:\n  - source: a.txt\n", "sets nothing"),
    ("corrections:\n  - id: '0123456789ab'\n    value: many\n", "value: must be a number"),
    ("corrections:\n  - id: '0123456789ab'\n    title: x\n", "unknown key 'title'"),
    ("corrections:\n  - source: a.txt\n    date: 21/04/2021\n", "date: must be a date"),
    ("corrections:\n  - id: '0123456789ab'\n    confirm: 'yes'\n", "true or false"),
    ("corrections:\n  - source: a.txt\n    title: x\n  - source: a.txt\n    outlet: y\n",
     "corrects the same source as correction 1"),
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


def test_a_confirmed_or_reset_period_is_vouched_for_by_staff() -> None:
    from briefing.consolidate.corrections import Correction, apply_corrections, figure_ids
    from briefing.extract.grades import STAFF_PERIOD_RULE
    from briefing.ingest import read_and_extract

    article, extraction = read_and_extract(SAMPLE)
    ids = figure_ids(article.id, extraction.figures)
    confirmed, reset, subject_only = ids[:3]
    (corrected,), _ = apply_corrections((extraction,), (article,), (
        Correction(confirmed, confirm=True), Correction(reset, period="2019"),
        Correction(subject_only, subject="北京市")))
    rules = {i: f.period_rule for i, f in zip(ids, corrected.figures)}
    assert rules[confirmed] == rules[reset] == STAFF_PERIOD_RULE
    assert rules[subject_only] == extraction.figures[2].period_rule != STAFF_PERIOD_RULE


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


def test_a_confirmation_alone_and_unquoted_dates_and_times_are_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "corrections.yaml", (
        "corrections:\n  - id: '0123456789ab'\n    confirm: true\n"
        "    at: 2026-11-22T10:15:00+08:00\n"
        "  - source: a.txt\n    date: 2021-04-26\n"))
    confirmed, source = load_corrections(path)
    assert confirmed.confirm and confirmed.changes() == {}
    assert confirmed.at.startswith("2026-11-22") and source.date == "2021-04-26"


def test_a_review_decision_replaces_the_whole_entry_an_import_merges_into(
    tmp_path: Path,
) -> None:
    from briefing.consolidate.corrections import (
        Correction,
        merge_corrections,
        replace_correction,
    )

    path = _write(tmp_path / "corrections.yaml", (
        "# checked by the statistics desk\ncorrections:\n"
        "  - id: '0123456789ab'   # the EGDI rank\n    subject: 北京市\n    note: wrong place\n"
        "  - id: 'ba9876543210'\n    wrong: true\n"))
    merge_corrections(path, [Correction("0123456789ab", period="2022")])
    (merged, _) = load_corrections(path)
    assert (merged.subject, merged.period, merged.note) == ("北京市", "2022", "wrong place")

    replace_correction(path, "0123456789ab", Correction("0123456789ab", confirm=True,
                                                        reviewer="王芳"))
    replaced, kept = load_corrections(path)
    assert replaced == Correction("0123456789ab", confirm=True, reviewer="王芳")
    assert kept.wrong and kept.id == "ba9876543210"  # the others stay, in their place
    text = path.read_text(encoding="utf-8")
    assert "# checked by the statistics desk" in text and "# the EGDI rank" in text

    replace_correction(path, "source:a.txt", Correction("", source="a.txt", outlet="新华社"))
    replace_correction(path, "ba9876543210", None)
    assert [c.key for c in load_corrections(path)] == ["0123456789ab", "source:a.txt"]


def test_a_decision_the_file_cannot_hold_is_named_before_it_is_written() -> None:
    from briefing.consolidate.corrections import Correction, correction_problems

    assert correction_problems(Correction("0123456789ab", confirm=True)) == []
    (problem,) = correction_problems(Correction("0123456789ab", subject="北京\u202e市"))
    assert problem.startswith("subject:") and "invisible" in problem
    assert correction_problems(Correction("", source="a.txt", date="26/04/2021"))


def test_a_review_decision_leaves_every_other_line_of_the_file_as_it_was(tmp_path: Path) -> None:
    from briefing.consolidate.corrections import Correction, replace_correction

    head = "# desk notes\ncorrections:\n  - id: 'aaaaaaaaaaaa'  # kept\n    wrong: true\n"
    tail = "  # the sources\n  - source: a.txt\n    title:   标题\n# end\n"
    path = _write(tmp_path / "corrections.yaml",
                  head + "  - id: 'bbbbbbbbbbbb'\n    subject: 北京市\n" + tail)
    replace_correction(path, "bbbbbbbbbbbb", Correction("bbbbbbbbbbbb", wrong=True,
                                                        note="two\n\nlines"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(head) and text.endswith(tail)
    assert {c.key: c for c in load_corrections(path)}["bbbbbbbbbbbb"].note == "two\n\nlines"


def test_a_review_decision_in_a_flow_style_file_goes_through_the_round_trip(
    tmp_path: Path,
) -> None:
    from briefing.consolidate.corrections import Correction, replace_correction

    path = _write(tmp_path / "corrections.yaml",
                  "corrections: [{id: 'aaaaaaaaaaaa', wrong: true}]\n")
    replace_correction(path, "aaaaaaaaaaaa", Correction("aaaaaaaaaaaa", confirm=True))
    replace_correction(path, "source:a.txt", Correction("", source="a.txt", outlet="新华社"))
    assert load_corrections(path) == (Correction("aaaaaaaaaaaa", confirm=True),
                                      Correction("", source="a.txt", outlet="新华社"))
