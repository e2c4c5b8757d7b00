"""The extractor version must move whenever the reading or extraction rules change."""

from __future__ import annotations

from pathlib import Path

from briefing.reissue import extractor_version as ev


def test_rules_fingerprint_is_pinned_with_the_version() -> None:
    current = ev.rules_fingerprint()
    assert current == ev.RULES_FINGERPRINT, (
        "reading/extraction rules changed (briefing/extract/*.py, briefing/read/*.py or "
        "briefing/data/*) but EXTRACTOR_VERSION did not: cached articles would be reused "
        "with old results. Run `python -m briefing.reissue.extractor_version --bump` and commit "
        "briefing/reissue/extractor_version.py.")


def test_bump_increments_the_version_and_pins_the_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "extractor_version.py"
    copy.write_text(Path(ev.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    version, fingerprint = ev.bump(copy)
    text = copy.read_text(encoding="utf-8")
    assert version == ev.EXTRACTOR_VERSION + 1
    assert f"EXTRACTOR_VERSION = {version}\n" in text
    assert f'RULES_FINGERPRINT = "{fingerprint}"' in text and fingerprint == ev.rules_fingerprint()


def test_fingerprint_covers_rules_lexicons_and_readers() -> None:
    names = {p.relative_to(ev.PACKAGE).as_posix() for p in ev.rule_files()}
    assert {"data/metrics.yaml", "extract/figures.py", "read/clean.py"} <= names
