"""End-to-end: the CLI builds every audience from a folder, and handles bad input and usage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.cli import main

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
