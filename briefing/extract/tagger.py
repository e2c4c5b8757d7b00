"""jieba's part-of-speech tagger with the field's words, its tables prepared once per machine.

    tagger() -> jieba.posseg.POSTokenizer     built or loaded once per process, on first use

Building the tagger costs a process about 1.2 s of CPU: jieba's prefix dictionary (498,000
entries, from jieba's own marshal cache), the 349,000 tags of its dict.txt, the part-of-speech
HMM tables (imported from 5 MB of Python literals) and the field's words
(briefing/data/domain_words.txt), added one by one. The first process on a machine builds it
the ordinary way and keeps those tables in one pickle in the machine cache
(`<machine cache>/jieba/`, see briefing.machine_cache); every later process loads the pickle
(about 0.3 s) and hands the HMM tables to `jieba.posseg` instead of its table modules. Segments
and tags are the ones the ordinary build gives (tested), since they are the same tables.

The file's name is a hash of jieba's files (names, sizes, modification times), the field's
words and FORMAT, so another jieba or vocabulary makes a new file. A pickle can run code when
loaded, like the compiled templates jinja2 keeps beside it: the machine cache is the user's own
folder, and the file is written by this module only (owner-only, renamed into place). A file
that does not load is rebuilt. Compiled bindings were measured too and rejected: rjieba and
jieba-fast-dat give other segments or tags on a third of the development sets' sentences
(README, Performance).
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import logging
import os
import pickle
import sys
import tempfile
import types
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.extract.lexicon import domain_words as lexicon_domain_words
from briefing.machine_cache import machine_cache_dir

if TYPE_CHECKING:  # jieba is imported on first use: a build whose extractions are cached never
    from jieba.posseg import POSTokenizer  # loads it

log = logging.getLogger(__name__)

DOMAIN_WORDS = Path(__file__).resolve().parent.parent / "data" / "domain_words.txt"
FORMAT = "briefing-tagger/2"  #: change when the tables kept change
TABLES_FOR_JIEBA = "0.42.1"  #: the jieba whose tagger is rebuilt from tables; others are built
#: jieba.posseg's HMM table modules, each with one dict `P`: most of `import jieba.posseg`.
HMM_MODULES = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")

__all__ = ["DOMAIN_WORDS", "TaggerTables", "general_tokenizer", "tagger", "tables_file"]


@dataclass(frozen=True)
class TaggerTables:
    """Everything a POSTokenizer holds that takes time to make."""

    freq: dict[str, int]  #: jieba's prefix dictionary with the field's words (0 = a prefix)
    total: int  #: the sum of the frequencies
    tags: dict[str, str]  #: word → part of speech, the field's words included
    force_split: tuple[str, ...]  #: words added with frequency 0 (jieba's HMM never joins them)
    #: the field's words' tags in dict.txt (None: not there), for jieba's own default tagger
    stock_tags: dict[str, str | None]
    hmm: dict[str, Any]  #: HMM_MODULES name → its table
    #: the field's words' frequencies in jieba's own dictionary (0: not a word there) and its
    #: total, so jieba's general dictionary is these tables too (general_tokenizer)
    general: dict[str, int]
    general_total: int


@cache
def tagger() -> POSTokenizer:
    """The tagger of extraction, with the field's words: loaded from the machine cache, or
    built (and kept there for the next process)."""
    path = tables_file()
    tables = _load_tables(path)
    if tables is not None:
        return tagger_from_tables(tables)
    built = build_tagger()
    _save_tables(path, tables_of(built))
    return built


def tables_file() -> Path:
    """Where this jieba's and this vocabulary's tables are kept in the machine cache."""
    h = hashlib.sha256(FORMAT.encode())
    for path in _jieba_files():
        stat = path.stat()
        h.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    h.update(DOMAIN_WORDS.read_bytes())
    return machine_cache_dir() / "jieba" / f"tagger-{h.hexdigest()[:24]}.pickle"


def _jieba_files() -> list[Path]:
    """jieba's code and tables that the tagger's tables come from (found without importing
    jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed: pip install jieba")
    root = Path(spec.origin).parent
    return [root / "__init__.py", root / "dict.txt", root / "posseg" / "__init__.py",
            *(root / "posseg" / f"{name}.py" for name in HMM_MODULES)]


def domain_words() -> list[tuple[str, int | None, str | None]]:
    """(word, frequency or None, tag or None) of briefing/data/domain_words.txt, in its order,
    as the lexicon checks it (a frequency left out is suggested by jieba from the words
    before)."""
    return [(entry.word, entry.frequency, entry.tag) for entry in lexicon_domain_words()]


def build_tagger() -> POSTokenizer:
    """The tagger built the ordinary way: jieba's dictionary, then the field's words, on a
    private tokenizer so that other users of jieba are not affected."""
    jieba = _import_jieba()
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.check_initialized()
    words = domain_words()
    general = {word: tokenizer.FREQ.get(word, 0) for word, _, _ in words}
    general_total = tokenizer.total
    for word, freq, tag in words:
        tokenizer.add_word(word, freq, tag)
    built = jieba.posseg.POSTokenizer(tokenizer)
    built.general = general, general_total  # type: ignore[attr-defined]
    return built


def tables_of(built: POSTokenizer) -> TaggerTables:
    """The tables of a built tagger, to be kept."""
    posseg = sys.modules["jieba.posseg"]
    hmm = {name: getattr(posseg, attr) for name, attr in zip(
        HMM_MODULES, ("char_state_tab_P", "start_P", "trans_P", "emit_P"))}
    tokenizer = built.tokenizer
    force_split = tuple(w for w, freq, _ in domain_words() if freq == 0)
    stock_tags = {word: built.word_tag_tab.get(word) for word in tokenizer.user_word_tag_tab}
    built.makesure_userdict_loaded()  # the field's tags join dict.txt's (jieba does it on a cut)
    return TaggerTables(tokenizer.FREQ, tokenizer.total, built.word_tag_tab, force_split,
                        stock_tags, hmm, *built.general)


def tagger_from_tables(tables: TaggerTables) -> POSTokenizer:
    """A tagger made of kept tables, without reading jieba's dictionary or table modules."""
    jieba = _import_jieba()
    import jieba.finalseg

    if jieba.__version__ != TABLES_FOR_JIEBA:  # the attributes set below are this version's
        return build_tagger()
    jieba.setLogLevel(logging.WARNING)
    posseg = _import_posseg(tables)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tables.freq, tables.total
    tokenizer.initialized = True
    for word in tables.force_split:
        jieba.finalseg.add_force_split(word)
    # POSTokenizer() would read dict.txt's 349,000 tags again: set what it would hold
    made = object.__new__(posseg.POSTokenizer)
    made.tokenizer, made.word_tag_tab = tokenizer, tables.tags
    made.general = tables.general, tables.general_total
    return made


@cache
def general_tokenizer() -> Any:
    """jieba's own dictionary, without the field's words, as a private jieba.Tokenizer made
    from the tagger's tables (the same cuts as `jieba.Tokenizer()`, tested; loading jieba's
    dictionary a second time cost a cold build 0.6 s)."""
    jieba = _import_jieba()
    made = tagger()
    general, total = made.general
    freq = dict(made.tokenizer.FREQ)
    freq.update(general)  # a field's word jieba lacks stays a 0 entry: a prefix, no word
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return tokenizer


def _import_jieba() -> types.ModuleType:
    """`import jieba`, without the pkg_resources it imports only to open its own files (0.1 to
    0.3 s): without it jieba opens them by path."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # ImportError in jieba
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


def _import_posseg(tables: TaggerTables) -> types.ModuleType:
    """jieba.posseg, imported on the kept tables: its HMM table modules are given, and its
    module-level tagger (`jieba.posseg.dt`, unused here) gets dict.txt's tags from the kept
    ones instead of reading dict.txt."""
    jieba = _import_jieba()
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    for name in HMM_MODULES:
        module = types.ModuleType(f"jieba.posseg.{name}")
        module.P = tables.hmm[name]  # type: ignore[attr-defined]
        sys.modules[module.__name__] = module
    jieba.dt.get_dict_file = lambda: io.BytesIO()  # read by `dt = POSTokenizer(jieba.dt)`
    try:
        import jieba.posseg
    finally:
        del jieba.dt.get_dict_file
    stock = dict(tables.tags)
    for word, tag in tables.stock_tags.items():
        if tag is None:
            del stock[word]
        else:
            stock[word] = tag
    jieba.posseg.dt.word_tag_tab = stock
    return jieba.posseg


def _load_tables(path: Path) -> TaggerTables | None:
    """The kept tables, or None when there are none or they do not load (then rebuilt)."""
    try:
        with path.open("rb") as fh:
            tables = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign file: built again and replaced
        log.info("%s: the tagger's tables do not load (%s); building them again", path,
                 type(exc).__name__)
        return None
    return tables if isinstance(tables, TaggerTables) else None


def _save_tables(path: Path, tables: TaggerTables) -> None:
    """Keep the tables for the next process (owner-only temp file, renamed into place); a
    cache that cannot be written costs later processes time, never this one's result."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tagger-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(tables, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        log.warning("%s: cannot keep the tagger's tables (%s)", path.parent, exc.strerror)
