"""Issue 11, reading: hostile files are read within limits or skipped with one clear message."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.read import read_article, read_articles
from briefing.read.decode import decode

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "read" / "article.txt"
TEXT = FIXTURE.read_text(encoding="utf-8")
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "000_1b8e26d3558f27a7.txt"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_hole13_utf16_without_bom_is_detected(codec: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")  # mostly Chinese: few NUL bytes in UTF-16
    decoded = decode(text.encode(codec), "a.txt")
    assert decoded.text == text
    assert decoded.encoding == "utf-16"
