"""The cache codec and entries: round trips, and untrusted files are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.extract import extract
from briefing.ingest import read_and_extract
from briefing.models import Skipped
from briefing.read import Crashed, read_article
from briefing.reissue.cache import BuildCache, CacheEntryError, decode, encode, entry_checksum

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "000_1b8e26d3558f27a7.txt"


def test_article_and_extraction_round_trip_through_json() -> None:
    article = read_article(SAMPLE)
    extraction = extract(article)
    for value in (article, extraction):
        assert decode(json.loads(json.dumps(encode(value), ensure_ascii=False))) == value


def test_decode_refuses_unknown_types() -> None:
    with pytest.raises(CacheEntryError, match="unknown type"):
        decode({"__model__": "os.system", "x": 1})
    with pytest.raises(CacheEntryError, match="does not match"):
        decode({"__model__": "Sentence", "start": 0})


def test_a_cached_article_is_reused_and_an_untrusted_entry_discarded(tmp_path: Path) -> None:
    path = tmp_path / "a" / SAMPLE.name
    path.parent.mkdir()
    path.write_bytes(SAMPLE.read_bytes())
    first = BuildCache(tmp_path / "c")
    key = first.file_key(path)
    assert key is not None and first.cached_article(path, key) is None
    outcome = read_and_extract(path)
    first.remember_article(path, key, outcome)
    assert first.stats.read == first.stats.extracted == [SAMPLE.name]

    second = BuildCache(tmp_path / "c")
    assert second.cached_article(path, key) == outcome and second.stats.reused == [SAMPLE.name]

    (entry,) = (tmp_path / "c" / "articles").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["article"]["file"] = "other.txt"  # an entry for another file under this key
    _resign(data)
    entry.write_text(json.dumps(data), encoding="utf-8")
    third = BuildCache(tmp_path / "c")
    assert third.cached_article(path, key) is None
    assert third.stats.reused == [] and "another file" in third.stats.discarded[0]
    assert not entry.exists()


def _resign(data: dict) -> None:
    """Give an edited entry the checksum of its new content, as a tool rewriting it would."""
    data["checksum"] = entry_checksum({"article": data["article"],
                                       "extraction": data["extraction"]})


def _first_figure(data: dict) -> dict:
    return data["extraction"]["figures"][0]


@pytest.mark.parametrize("edit", [
    lambda d: _first_figure(d).update(value="45"),  # a number as text
    lambda d: _first_figure(d).update(qualifier=None),
    lambda d: d["article"].update(paragraphs=[1, 2]),
    lambda d: _first_figure(d)["ref"].update(sentence="2020年排名第3位。"),  # not the text
    lambda d: _first_figure(d)["ref"].update(start=0),  # the span moved
    lambda d: _first_figure(d).update(raw="第3位"),  # not in its sentence
    lambda d: d["article"]["paragraphs"][0]["sentences"][0].update(text="另一句。"),
    lambda d: d["article"].update(id="0" * 64) or d["extraction"].update(article_id="0" * 64),
])
def test_an_entry_that_does_not_match_its_article_is_discarded(tmp_path: Path, edit) -> None:
    path = tmp_path / "a" / SAMPLE.name
    path.parent.mkdir()
    path.write_bytes(SAMPLE.read_bytes())
    cache = BuildCache(tmp_path / "c")
    key = cache.file_key(path)
    cache.remember_article(path, key, read_and_extract(path))
    (entry,) = (tmp_path / "c" / "articles").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    edit(data)
    _resign(data)
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = BuildCache(tmp_path / "c")
    assert again.file_key(path) == key
    assert again.cached_article(path, key) is None and len(again.stats.discarded) == 1
    assert not entry.exists()


def test_a_skipped_reason_is_kept_but_a_crash_is_not(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"")
    cache = BuildCache(tmp_path / "c")
    key = cache.file_key(path)
    cache.remember_article(path, key, Skipped("bad.txt", "the file is empty"))
    assert BuildCache(tmp_path / "c").cached_article(path, key) == Skipped(
        "bad.txt", "the file is empty")

    crashed = tmp_path / "crashed.txt"
    crashed.write_bytes(b"x")
    crash_key = cache.file_key(crashed)
    cache.remember_article(crashed, crash_key, Crashed("crashed.txt", "could not be read"))
    assert cache.stats.read == ["bad.txt", "crashed.txt"] and cache.stats.extracted == []
    assert BuildCache(tmp_path / "c").cached_article(crashed, crash_key) is None


def test_a_file_that_cannot_be_read_has_no_key(tmp_path: Path) -> None:
    assert BuildCache(tmp_path).file_key(tmp_path / "missing.txt") is None


def test_a_changed_byte_is_a_new_key(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    data = SAMPLE.read_bytes()
    assert cache.article_key("a.txt", data) != cache.article_key("a.txt", data + b"\n")
    assert cache.article_key("a.txt", data) != cache.article_key("a.md", data)
