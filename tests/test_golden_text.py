"""What a reader sees, against reviewed snapshots: for the samples and ../shared/corpus2, the
text of every audience's PDF (pypdf) and DOCX (python-docx, footnotes included), built with a
fixed date of issue, must equal tests/golden/<set>/<audience>.<pdf|docx>.txt.

A change that moves what the briefs print fails here with a diff; when the change is meant,
regenerate the snapshots and review their diff before committing:

    python scripts/golden_text.py
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, required_path

SCRIPT = ROOT / "scripts" / "golden_text.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_text", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLDEN = _script()


@pytest.fixture(scope="module", params=sorted(GOLDEN.SETS))
def fresh(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """(set name, the snapshot texts of a fresh build of it)."""
    name = request.param
    articles = required_path(GOLDEN.SETS[name])
    return name, GOLDEN.snapshot(articles, tmp_path_factory.mktemp(f"golden-{name}"),
                                 redacted=name in GOLDEN.REDACTED)


def test_every_audience_has_a_snapshot_of_each_format(fresh: tuple[str, dict[str, str]]) -> None:
    name, texts = fresh
    kept = {p.name for p in (GOLDEN.GOLDEN / name).glob("*.txt")}
    assert kept == set(texts), "run python scripts/golden_text.py and review tests/golden/"
    assert {f.split(".")[1] for f in texts} == {"pdf", "docx"}


def test_what_a_reader_sees_matches_the_reviewed_snapshot(fresh: tuple[str, dict[str, str]]) -> None:
    name, texts = fresh
    diff = GOLDEN.differences(name, texts)
    assert not diff, ("the briefs print something else than the reviewed snapshots; if that is "
                      "meant, run python scripts/golden_text.py and review the diff:\n"
                      + "\n".join(diff))


def test_snapshots_are_text_a_reviewer_can_read() -> None:
    for path in sorted(Path(GOLDEN.GOLDEN).rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert text.strip() and "\x00" not in text, path


def test_the_shared_sets_snapshots_hold_no_run_of_their_source_text() -> None:
    for name in GOLDEN.REDACTED:
        articles = GOLDEN.SETS[name]
        if not articles.is_dir():
            continue
        sources = GOLDEN._source_texts(articles)
        for path in sorted((Path(GOLDEN.GOLDEN) / name).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            assert GOLDEN.redact(text, sources) == text, path
