"""jieba's tagger with the field's words: built once per machine, loaded from the machine cache
by every later process, with the same segments and tags."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from briefing.extract import tagger as tagger_module
from briefing.read import read_article

ROOT = Path(__file__).resolve().parent.parent

# A child process: tag the sentences given on stdin with briefing's tagger; say whether the
# tables were on disk before, and how jieba's own default tagger tags them.
CHILD = """
import json, sys
from briefing.extract import tagger as T
had_tables = T.tables_file().is_file()
sentences = json.load(sys.stdin)
ours = [[list(p) for p in T.tagger().cut(s)] for s in sentences]
import jieba.posseg
stock = [[list(p) for p in jieba.posseg.cut(s)] for s in sentences]
general = [T.general_tokenizer().lcut(s, HMM=False) for s in sentences]
plain = jieba.Tokenizer()
jieba_cuts = [plain.lcut(s, HMM=False) for s in sentences]
words = [w for w, _, _ in T.domain_words()]
known = [T.general_tokenizer().FREQ.get(w, 0) > 0 for w in words]
jieba_known = [plain.FREQ.get(w, 0) > 0 for w in words]
print(json.dumps({"had_tables": had_tables, "ours": ours, "stock": stock, "general": general,
                  "jieba": jieba_cuts, "known": known, "jieba_known": jieba_known},
                 ensure_ascii=False))
"""


def sample_sentences() -> list[str]:
    """Every sentence of the sample articles, with the field's words among them."""
    texts = [read_article(p).text for p in sorted((ROOT / "data" / "articles").iterdir())]
    sentences = [s for t in texts for s in re.split(r"(?<=[。！？；\n])", t) if s.strip()]
    return sentences + [word for word, _, _ in tagger_module.domain_words()]


def tag_in_child(sentences: list[str], cache: Path) -> dict:
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(sentences),
                          capture_output=True, text=True, env=env, check=True, cwd=ROOT)
    return json.loads(proc.stdout)


def test_a_process_that_loads_the_kept_tables_tags_like_the_one_that_built_them(tmp_path):
    sentences = sample_sentences()
    first = tag_in_child(sentences, tmp_path)
    second = tag_in_child(sentences, tmp_path)
    assert not first["had_tables"] and second["had_tables"]
    assert second["ours"] == first["ours"]
    # jieba's own default tagger is left as jieba makes it (no field words, dict.txt's tags)
    assert second["stock"] == first["stock"]
    assert first["ours"] != first["stock"]  # the field's words do make a difference
    # jieba's general dictionary, made from the kept tables, cuts as jieba's own does
    for run in (first, second):
        assert run["general"] == run["jieba"] and run["known"] == run["jieba_known"]
    assert first["general"] != [[w for w, _ in cut] for cut in first["ours"]]


def test_tables_that_do_not_load_are_built_again_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    path = tagger_module.tables_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    made = tagger_module.tagger.__wrapped__()
    assert [tuple(p) for p in made.cut("依申请服务事项")][0] == ("依申请", "b")
    assert isinstance(tagger_module._load_tables(path), tagger_module.TaggerTables)


def test_another_vocabulary_keeps_its_tables_in_another_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    before = tagger_module.tables_file()
    words = tmp_path / "domain_words.txt"
    words.write_text("依申请 1000 b\n", encoding="utf-8")
    monkeypatch.setattr(tagger_module, "DOMAIN_WORDS", words)
    assert tagger_module.tables_file() != before
