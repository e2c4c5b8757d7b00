"""The cache codec and entries: round trips, and untrusted files are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.reissue.cache import BuildCache, CacheEntryError, decode, encode
from briefing.extract import extract
from briefing.read import read_article

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


def test_cached_reader_reuses_and_discards(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    first = BuildCache(tmp_path / "c")
    read, got = first.reader(read_article, extract)
    article = read(folder / SAMPLE.name)
    assert first.stats.read == [SAMPLE.name] and got[article.id].article_id == article.id

    second = BuildCache(tmp_path / "c")
    read2, got2 = second.reader(read_article, lambda a: pytest.fail("extracted again"))
    assert read2(folder / SAMPLE.name) == article and second.stats.reused == [SAMPLE.name]

    (entry,) = (tmp_path / "c" / "articles").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["article"]["file"] = "other.txt"  # an entry for another file under this key
    entry.write_text(json.dumps(data), encoding="utf-8")
    third = BuildCache(tmp_path / "c")
    read3, _ = third.reader(read_article, extract)
    assert read3(folder / SAMPLE.name) == article
    assert third.stats.read == [SAMPLE.name] and "another file" in third.stats.discarded[0]


def test_a_changed_byte_is_a_new_key(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    data = SAMPLE.read_bytes()
    assert cache.article_key("a.txt", data) != cache.article_key("a.txt", data + b"\n")
    assert cache.article_key("a.txt", data) != cache.article_key("a.md", data)
