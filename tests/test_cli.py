"""End-to-end: the CLI builds every audience from a folder, and handles bad input and usage."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

import briefing
from briefing.cli import COMMANDS, _make_parser, _normalize_argv, main, version
from briefing.commands.build import build_options
from briefing.settings import SETTINGS, load_settings, markdown_table

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
AUDIENCES = ("leadership", "department", "public", "english")


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    out = tmp_path_factory.mktemp("out")
    code = main(["--articles", str(ARTICLES), "--out", str(out), "--date", "2026-11-22"])
    return code, out


def test_build_writes_docx_pdf_json_for_every_audience(sample_build: tuple[int, Path]) -> None:
    code, out = sample_build
    assert code == 0
    for audience in AUDIENCES:
        for suffix in (".docx", ".pdf", ".json"):
            files = list((out / audience).glob(f"*{suffix}"))
            assert len(files) == 1, (audience, suffix, files)
            assert files[0].stat().st_size > 1000


def test_pdf_is_a_pdf_and_docx_is_a_zip(sample_build: tuple[int, Path]) -> None:
    _, out = sample_build
    for audience in AUDIENCES:
        assert next((out / audience).glob("*.pdf")).read_bytes()[:5] == b"%PDF-"
        assert next((out / audience).glob("*.docx")).read_bytes()[:2] == b"PK"


def test_bad_input_is_skipped_and_reported_and_the_rest_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(ARTICLES, articles)
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (articles / "slides.pptx").write_bytes(b"PK\x03\x04 not an article")
    out = tmp_path / "out"
    code = main(["--articles", str(articles), "--out", str(out), "--audience", "leadership"])
    err = capsys.readouterr().err
    assert code == 1
    for name in ("empty.txt", "binary.txt", "slides.pptx"):
        assert name in err
    assert list((out / "leadership").glob("*.pdf"))


def test_failed_audience_keeps_the_last_good_brief(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["--articles", str(ARTICLES), "--out", str(out), "--audience", "public"]) == 0
    pdf = next((out / "public").glob("*.pdf"))
    before = pdf.read_bytes()
    broken = tmp_path / "tpl" / "public"
    shutil.copytree(ROOT / "briefing" / "builtin_templates" / "public", broken)
    (broken / "template.toml").write_text("this is = = not toml", encoding="utf-8")
    code = main(["--articles", str(ARTICLES), "--out", str(out), "--audience", "public",
                 "--templates", str(tmp_path / "tpl")])
    assert code == 2
    assert pdf.read_bytes() == before


@pytest.mark.parametrize("argv", [
    ["--audience", "no-such-audience"],
    ["--articles", "/no/such/folder"],
    ["--no-such-flag"],
    ["eval"],  # --gold is required
])
def test_usage_and_configuration_errors_exit_2(argv: list[str], tmp_path: Path) -> None:
    assert main([*argv, "--out", str(tmp_path)] if argv[0] != "eval" else argv) == 2


@pytest.mark.parametrize("argv", [
    ["--verbose", "templates"],
    ["templates", "--verbose"],
    ["-v", "--audience", "no-such-audience"],
])
def test_verbose_goes_anywhere(argv: list[str], tmp_path: Path) -> None:
    code = main([*argv, "--out", str(tmp_path)] if "--audience" in argv else argv)
    assert code in (0, 2)
    assert code == (2 if "--audience" in argv else 0)


# --------------------------------------------------------------------------- entry points


def _run(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *argv], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def test_python_dash_m_briefing_prints_the_package_version(tmp_path: Path) -> None:
    result = _run("-m", "briefing", "--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.split() == ["python", "-m", "briefing", version()]
    assert version() != "unknown"


def test_usage_names_the_entry_point_the_user_ran(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("generate.py", "--help").stdout.startswith("usage: generate.py ")
    assert main(["--help"], prog="briefing") == 0
    assert capsys.readouterr().out.startswith("usage: briefing ")


def test_a_mistyped_command_is_an_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["biuld", "--audience", "public"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'biuld'" in err
    assert all(name in err for name in COMMANDS)
    assert "unrecognized arguments" not in err


def test_an_option_first_still_means_build() -> None:
    args = _make_parser().parse_args(_normalize_argv(["--audience", "public", "-q"]))
    assert (args.command, args.audiences, args.quiet) == ("build", ["public"], True)


def _folder_with_articles(root: Path, count: int = 2) -> Path:
    """A working folder holding data/articles/ with the first `count` samples."""
    articles = root / "data" / "articles"
    articles.mkdir(parents=True)
    for path in sorted(ARTICLES.iterdir())[:count]:
        shutil.copy(path, articles)
    return root


def test_a_build_reads_data_articles_and_writes_out_of_the_working_folder_and_q_silences_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_folder_with_articles(tmp_path))
    assert main(["--audience", "public"]) == 0
    assert (tmp_path / "out" / "public" / "brief.pdf").is_file()
    assert "wrote out/public/brief.pdf" in capsys.readouterr().err
    assert main(["-q", "--audience", "public"]) == 0  # nothing changed: only info to say
    assert capsys.readouterr() == ("", "")


# --------------------------------------------------------------------------- settings


def _settings_rows(capsys: pytest.CaptureFixture[str]) -> dict[str, tuple[str, str]]:
    """`briefing settings` output as name → (value, source)."""
    lines = capsys.readouterr().out.splitlines()[1:]
    rows = {}
    for line in lines:
        name, value, source = re.split(r"\s{2,}", line)[:3]
        rows[name] = (value, source)
    return rows


def test_a_flag_overrides_briefing_toml_which_overrides_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing.toml").write_text('out = "site"\nwait = 5\n', encoding="utf-8")
    assert main(["settings", "--wait", "7"]) == 0
    rows = _settings_rows(capsys)
    assert rows["out"] == ("site", "briefing.toml")
    assert rows["wait"] == ("7", "flag")
    assert rows["articles"] == (str(Path("data/articles")), "default")
    assert set(rows) == {s.name for s in SETTINGS}


def test_paths_in_a_settings_file_are_relative_to_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "site" / "settings.toml"
    config.parent.mkdir()
    config.write_text('articles = "inbox"\ntemplates = ["house"]\n', encoding="utf-8")
    assert main(["settings", "--config", str(config)]) == 0
    rows = _settings_rows(capsys)
    assert rows["articles"] == (str(config.parent / "inbox"), str(config))
    assert rows["templates"][0] == str(config.parent / "house")


def test_briefing_toml_chooses_what_a_build_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_folder_with_articles(tmp_path))
    (tmp_path / "briefing.toml").write_text(
        'audiences = ["public"]\nout = "site"\ndate = 2026-11-22\n', encoding="utf-8")
    assert main([]) == 0
    assert sorted(p.name for p in (tmp_path / "site").iterdir() if p.is_dir()) == ["public"]
    assert json.loads((tmp_path / "site" / "public" / "brief.json").read_text(
        encoding="utf-8"))["date"] == "2026-11-22"


def test_every_error_of_a_settings_file_is_reported_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing.toml").write_text(
        'outt = "site"\n# a comment\nwait = "soon"\naudiences = "public"\n', encoding="utf-8")
    assert main(["--audience", "public"]) == 2
    err = capsys.readouterr().err
    assert "3 errors in briefing.toml" in err
    assert "briefing.toml:1: outt: unknown setting 'outt'" in err
    assert "briefing.toml:3: wait:" in err and "briefing.toml:4: audiences:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("argv", "words"), [
    (["--config", "nowhere.toml"], "nowhere.toml: settings file not found"),
    (["--workers", "0"], "must be 1 or more"),
])
def test_a_missing_settings_file_or_a_bad_value_is_a_usage_error(
    argv: list[str], words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert words in capsys.readouterr().err


def test_the_workers_setting_reaches_the_build() -> None:
    args = _make_parser().parse_args(["build", "--workers", "3", "--audience", "public"])
    assert build_options(load_settings(args)).workers == 3


def test_the_readme_settings_table_is_the_one_the_code_prints(
    capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "--markdown"]) == 0
    table = capsys.readouterr().out.strip()
    assert table == markdown_table()
    assert table in (ROOT / "README.md").read_text(encoding="utf-8")


def test_stages_do_not_import_the_command_line() -> None:
    code = ("import sys, briefing.evaluate.scores, briefing.consolidate.fact_sheet, "
            "briefing.consolidate.corrections, briefing.build\n"
            "print(sorted(m for m in sys.modules if m == 'briefing.cli' "
            "or m.startswith('briefing.commands')))")
    result = _run("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------- style presets


def _house_style(root: Path, body_pt: int, style: str = "house") -> Path:
    """A templates folder: `_styles/house.toml` and a `public` that uses `style`."""
    templates = root / "tpl"
    (templates / "_styles").mkdir(parents=True, exist_ok=True)
    (templates / "public").mkdir(exist_ok=True)
    (templates / "_styles" / "house.toml").write_text(
        f'[sizes]\nbody = {body_pt}\n[colors]\nheading = "1F4E79"\n', encoding="utf-8")
    (templates / "public" / "template.toml").write_text(
        f'extends = "public"\nstyle = "{style}"\n', encoding="utf-8")
    return templates


def _build_public(root: Path, out: Path, *template_flags: str) -> int:
    """Build `public` from one sample article (copied under `root` once) into `out`."""
    site = root / "site"
    if not site.exists():
        _folder_with_articles(site, 1)
    return main(["--articles", str(site / "data" / "articles"), "--out", str(out),
                 "--audience", "public", "--date", "2026-11-22", *template_flags])


def _body_size(docx: Path) -> float:
    return Document(str(docx)).styles["Normal"].font.size.pt


def test_a_style_preset_in_a_templates_folder_restyles_the_brief(tmp_path: Path) -> None:
    templates = _house_style(tmp_path, 12)
    assert _build_public(tmp_path, tmp_path / "out", "--templates", str(templates)) == 0
    assert _body_size(tmp_path / "out" / "public" / "brief.docx") == 12
    assert _build_public(tmp_path, tmp_path / "builtin") == 0
    assert _body_size(tmp_path / "builtin" / "public" / "brief.docx") != 12


def test_editing_a_user_style_preset_renders_the_brief_again(tmp_path: Path) -> None:
    templates = _house_style(tmp_path, 12)
    assert _build_public(tmp_path, tmp_path / "out", "--templates", str(templates)) == 0
    _house_style(tmp_path, 13)
    assert _build_public(tmp_path, tmp_path / "out", "--templates", str(templates)) == 0
    assert _body_size(tmp_path / "out" / "public" / "brief.docx") == 13


def test_an_unknown_style_preset_names_the_folders_searched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = _house_style(tmp_path, 12, style="nowhere")
    assert _build_public(tmp_path, tmp_path / "out", "--templates", str(templates)) == 2
    err = capsys.readouterr().err
    assert "unknown style preset 'nowhere'" in err
    assert str(templates / "_styles") in err
    assert str(Path("builtin_templates") / "_styles") in err


def test_the_documented_style_preset_works_from_briefing_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/templates.md's worked example, with the templates folder set in briefing.toml
    (relative to the file) and the build run from another folder."""
    project = tmp_path / "project"
    templates = project / "my_templates"
    (templates / "_styles").mkdir(parents=True)
    (templates / "public").mkdir()
    builtin = Path(briefing.__file__).parent / "builtin_templates" / "_styles" / "brief.toml"
    preset = re.sub(r"(\[sizes\][^\[]*?\nbody = )\d+", r"\g<1>12",
                    builtin.read_text(encoding="utf-8"))
    (templates / "_styles" / "house.toml").write_text(preset, encoding="utf-8")
    (templates / "public" / "template.toml").write_text('extends = "public"\nstyle = "house"\n',
                                                        encoding="utf-8")
    _folder_with_articles(project, 1)
    (project / "briefing.toml").write_text(
        'articles = "data/articles"\nout = "out"\ntemplates = ["my_templates"]\n'
        'audiences = ["public"]\ndate = 2026-11-22\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--config", str(project / "briefing.toml")]) == 0
    assert _body_size(project / "out" / "public" / "brief.docx") == 12


# --------------------------------------------------------------------------- option values


@pytest.mark.parametrize(("argv", "words"), [
    (["--wait", "nan"], "--wait"),
    (["--wait", "inf"], "--wait"),
    (["--wait", "-1"], "--wait"),
    (["watch", "--debounce", "-5"], "--debounce"),
    (["watch", "--debounce", "1" + "0" * 30], "--debounce"),
    (["--out", ""], "--out"),
    (["--articles", " "], "--articles"),
    (["--corrections", ""], "--corrections"),
])
def test_an_option_value_out_of_range_is_a_usage_error_before_anything_runs(
    argv: list[str], words: str, tmp_path: Path
) -> None:
    """Run in a child: a value the checks miss would wait forever or write here."""
    from briefing.reissue.lock import build_lock

    (tmp_path / "articles").mkdir()
    shutil.copy(next(ARTICLES.iterdir()), tmp_path / "articles")
    rest = ["--articles", "articles", "--out", "out", "--audience", "public"]
    given = {a for a in argv if a.startswith("--")}
    rest = [v for i, v in enumerate(rest) if v not in given and rest[i - 1] not in given]
    with build_lock(tmp_path / "out", timeout=0):  # a build that got past the checks waits
        result = subprocess.run([sys.executable, str(ROOT / "generate.py"), *argv, *rest],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out"]


@pytest.mark.parametrize("line", ['out = ""', "wait = nan", 'templates = [""]'])
def test_a_blank_path_or_a_nan_in_briefing_toml_is_reported_with_file_and_line(
    line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing.toml").write_text(f"# settings\n{line}\n", encoding="utf-8")
    assert main(["settings"]) == 2
    assert "briefing.toml:2:" in capsys.readouterr().err


def test_the_lock_refuses_a_wait_that_is_not_a_finite_number(tmp_path: Path) -> None:
    from briefing.reissue.lock import build_lock

    with pytest.raises(ValueError, match="finite"), build_lock(tmp_path, timeout=float("nan")):
        pass
