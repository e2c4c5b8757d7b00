"""The build cache: each article's reading and extraction, and each audience's rendered files.

    .cache/                       (default: beside the output folder; `--cache DIR`)
        articles/<key>.json       Article + Extraction (or the reason the file was skipped),
                                  key = sha256(file name, sha256 of the bytes, EXTRACTOR_VERSION)
        outputs/<key>.json        the sha256 of each file an audience's brief rendered to;
                                  valid while its `render_key` matches and the files do
        fonts/                    font subsets (see briefing.render.fonts)

Entries are JSON written to a temp file and renamed, so a killed build leaves either the old
entry or the new one. JSON rather than pickle, because a foreign file must not be able to run
code when loaded. An entry is discarded with a warning (and its article read again), never
trusted, when it does not parse or nests too deeply, names another key or cache format,
builds an object whose fields have the wrong types (each checked against the model's type
hints), no longer matches its own checksum (a hand edit: 45 → 3), or does not match its
article: the article's id is not the sha256 of the file, or a paragraph, sentence or cited
sentence is not the article's text at its span, or a figure's printed form is not in its
sentence. A cache that cannot be written to (read-only) is only read. The cache is safe to
delete.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import json
import logging
import os
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import models
from briefing.machine_cache import machine_key
from briefing.models import Article, Briefing, Extraction, Skipped, SourceRef
from briefing.read import Crashed
from briefing.read.names import display_name
from briefing.reissue.extractor_version import EXTRACTOR_VERSION

log = logging.getLogger(__name__)

CACHE_FORMAT = "briefing-cache/2"  #: /2: article entries carry a checksum of their content
DEFAULT_NAME = ".cache"
#: Model classes an entry may contain; anything else in a file makes it foreign.
_MODEL_TYPES = {
    name: cls for name, cls in vars(models).items()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}
_PACKAGE = Path(__file__).resolve().parents[1]


class CacheEntryError(ValueError):
    """A cache file that cannot be trusted (corrupt, foreign or stale)."""


# --------------------------------------------------------------------------- codec


def encode(value: Any) -> Any:
    """Model dataclasses → JSON-able data ({"__model__": name, field: …}; tuples → lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"__model__": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = encode(getattr(value, f.name))
        return out
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(data: Any, types: dict[str, type] | None = None) -> Any:
    """The inverse of encode(): lists become tuples (models hold tuples only).

    Only the model classes (plus `types`) can be built, so a foreign file cannot make
    anything else.
    """
    known = {**_MODEL_TYPES, **(types or {})}
    if isinstance(data, list):
        return tuple(decode(v, types) for v in data)
    if isinstance(data, dict):
        name = data.get("__model__")
        if name is None:
            return {k: decode(v, types) for k, v in data.items()}
        cls = known.get(name)
        if cls is None:
            raise CacheEntryError(f"unknown type {name!r}")
        try:
            value = cls(**{k: decode(v, types) for k, v in data.items() if k != "__model__"})
        except TypeError as exc:  # fields added or removed since the entry was written
            raise CacheEntryError(f"{name} does not match the current model ({exc})") from None
        _check_field_types(value)
        return value
    return data


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _check_field_types(value: Any) -> None:
    """CacheEntryError naming the first field of a decoded model whose value has the wrong
    type (its nested models were checked when they were decoded)."""
    for name, hint in _field_types(type(value)).items():
        if not _conforms(getattr(value, name), hint):
            shown = repr(getattr(value, name))
            raise CacheEntryError(f"{type(value).__name__}.{name} is not {hint} "
                                  f"({shown[:40]}{'…' if len(shown) > 40 else ''})")


def _conforms(value: Any, hint: Any) -> bool:
    """Whether `value` is of the type `hint` (the forms the models use: classes, X | None,
    tuple[X, ...] and fixed tuples; an int is a float, a bool is neither)."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return any(_conforms(value, h) for h in typing.get_args(hint))
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_conforms(v, args[0]) for v in value)
        return len(value) == len(args) and all(map(_conforms, value, args))
    if hint is type(None):
        return value is None
    if hint in (int, float):
        return isinstance(value, int | float if hint is float else int) \
            and not isinstance(value, bool)
    return isinstance(hint, type) and isinstance(value, hint)


def digest(*parts: str | bytes) -> str:
    """sha256 hex over the parts, each length-prefixed so ("ab", "c") ≠ ("a", "bc")."""
    h = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(f"{len(raw)}:".encode())
        h.update(raw)
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 hex of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_json_atomically(target: Path, data: Any) -> None:
    """Write JSON to a temp file beside `target`, fsync it, then rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


# --------------------------------------------------------------------------- the cache


@dataclass
class CacheStats:
    """What a build had to redo: files parsed, articles extracted, audiences rendered."""

    read: list[str] = field(default_factory=list)  #: files the reader parsed (cache misses)
    extracted: list[str] = field(default_factory=list)  #: files read and extracted
    reused: list[str] = field(default_factory=list)  #: files taken from the cache
    rendered: list[str] = field(default_factory=list)  #: audiences whose files were written
    discarded: list[str] = field(default_factory=list)  #: cache entries thrown away, with why

    @property
    def nothing_redone(self) -> bool:
        return not (self.read or self.extracted or self.rendered)


class BuildCache:
    """One cache folder. `force=True` ignores what is stored (and overwrites it);
    `read_only=True` looks entries up but never writes or deletes one (the review page)."""

    def __init__(self, root: Path, *, force: bool = False, read_only: bool = False):
        self.root = Path(root)
        self.force = force
        self.read_only = read_only
        self.stats = CacheStats()
        self._file_ids: dict[Path, str] = {}  #: sha256 of each file file_key read

    @property
    def fonts_dir(self) -> Path:
        return self.root / "fonts"

    # ---------------------------------------------------------------- entries

    def _load(self, kind: str, key: str) -> dict[str, Any] | None:
        path = self.root / kind / f"{key}.json"
        if self.force or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
                raise CacheEntryError("not an entry of this cache format")
            if data.get("key") != key:
                raise CacheEntryError("entry is stored under another key")
            return data
        except RecursionError:
            self._discard(path, "nested too deeply")
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, CacheEntryError) as exc:
            self._discard(path, str(exc))
        return None

    def _discard(self, path: Path, why: str) -> None:
        """Warn and remove an untrusted entry; a read-only cache keeps it (it stays untrusted:
        the next build checks it again)."""
        log.warning("%s: cache entry discarded (%s)", path, why)
        self.stats.discarded.append(f"{path.name}: {why}")
        if self.read_only:
            return
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("%s: cannot remove the discarded entry (%s)", path,
                        exc.strerror or exc)

    def _store(self, kind: str, key: str, payload: dict[str, Any]) -> None:
        if self.read_only:
            return
        try:
            write_json_atomically(self.root / kind / f"{key}.json",
                                  {"format": CACHE_FORMAT, "key": key, **payload})
        except OSError as exc:  # a read-only cache slows the next build, it does not stop this one
            log.warning("%s: cannot write cache entry (%s)", self.root, exc.strerror)

    def remembered_number(self, kind: str, key: str, compute: Callable[[], int]) -> int:
        """A whole number stored under `key` (e.g. a brief's page count), computed once."""
        entry = self._load(kind, key)
        if entry is not None and isinstance(entry.get("value"), int):
            return entry["value"]
        value = compute()
        self._store(kind, key, {"value": value})
        return value

    # ---------------------------------------------------------------- articles

    def article_key(self, name: str, data: bytes) -> str:
        return digest("article", name, hashlib.sha256(data).hexdigest(), str(EXTRACTOR_VERSION),
                      CACHE_FORMAT)

    def file_key(self, path: Path) -> str | None:
        """article_key of the file's name and bytes; None when its bytes cannot be read (the
        reader words that error, and nothing is cached for it)."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        self._file_ids[path] = hashlib.sha256(data).hexdigest()
        return self.article_key(path.name, data)

    def cached_article(self, path: Path, key: str) -> tuple[Article, Extraction] | Skipped | None:
        """What an earlier build got from this file (counted as reused), or None for a miss.

        An entry that cannot be trusted is discarded with a warning, and is a miss.
        """
        entry = self._load("articles", key)
        if entry is None:
            return None
        try:
            outcome = _article_outcome(path, entry, self._file_ids.get(path))
        except CacheEntryError as exc:
            self._discard(self.root / "articles" / f"{key}.json", str(exc))
            return None
        except RecursionError:
            self._discard(self.root / "articles" / f"{key}.json", "nested too deeply")
            return None
        self.stats.reused.append(path.name)
        return outcome

    def remember_article(self, path: Path, key: str,
                         outcome: tuple[Article, Extraction] | Skipped) -> None:
        """Count a file just read (and extracted) and keep what it gave under `key`.

        A file the reader rejected is kept too (as its reason), so an unchanged bad file is
        not parsed again; a Crashed one is not (its error may not recur).
        """
        self.stats.read.append(path.name)
        if isinstance(outcome, Crashed):
            return
        if isinstance(outcome, Skipped):
            self._store("articles", key, {"skipped": outcome.reason})
            return
        self.stats.extracted.append(path.name)
        article, extraction = outcome
        payload = {"article": encode(article), "extraction": encode(extraction)}
        self._store("articles", key, {**payload, "checksum": entry_checksum(payload)})

    # ---------------------------------------------------------------- outputs

    def _output_key(self, dest_dir: Path, audience: str) -> str:
        # By audience only, so a copied out/ + .cache/ pair stays valid; the files' sha256
        # are checked anyway, so two out folders sharing one cache only cost re-renders.
        del dest_dir
        return digest("output", audience)

    def outputs_current(self, dest_dir: Path, audience: str, render_key: str) -> bool:
        """Whether dest_dir holds exactly the files last rendered under `render_key`."""
        entry = self._load("outputs", self._output_key(dest_dir, audience))
        if entry is None or entry.get("render_key") != render_key:
            return False
        files = entry.get("files")
        if not isinstance(files, dict) or not files:
            return False
        for name, sha in files.items():
            path = dest_dir / str(name)
            if not path.is_file() or file_sha256(path) != sha:
                return False
        return True

    def remember_outputs(self, dest_dir: Path, audience: str, render_key: str,
                         paths: Iterable[Path]) -> None:
        """Record the files just rendered (by name and sha256) under `render_key`."""
        self.stats.rendered.append(audience)
        files = {p.name: file_sha256(p) for p in paths}
        self._store("outputs", self._output_key(dest_dir, audience),
                    {"render_key": render_key, "files": files})


def entry_checksum(payload: dict[str, Any]) -> str:
    """HMAC-sha256, under this machine's key (briefing.machine_cache.machine_key), of an
    entry's content (an article's {"article": …, "extraction": …}, a build's results:
    briefing.reissue.recall) as canonical JSON: an entry whose content was edited no longer
    matches it, even when its checksum is computed again (that takes the key)."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hmac.new(machine_key(), text, hashlib.sha256).hexdigest()


def _article_outcome(path: Path, entry: dict[str, Any],
                     file_id: str | None) -> tuple[Article, Extraction] | Skipped:
    """The Article and Extraction (or the Skipped) an article entry holds for `path`, whose
    bytes have the sha256 `file_id`; CacheEntryError when it cannot be trusted."""
    if "skipped" in entry:
        if not isinstance(entry["skipped"], str):
            raise CacheEntryError("the reason a file was skipped is not text")
        return Skipped(display_name(path.name), entry["skipped"])
    payload = {"article": entry.get("article"), "extraction": entry.get("extraction")}
    if entry.get("checksum") != entry_checksum(payload):
        raise CacheEntryError("its content does not match its checksum (edited)")
    article, extraction = decode(payload["article"]), decode(payload["extraction"])
    if not isinstance(article, Article) or not isinstance(extraction, Extraction):
        raise CacheEntryError("entry lacks an article or its extraction")
    if article.file != display_name(path.name) or extraction.article_id != article.id \
            or extraction.file != article.file \
            or (file_id is not None and article.id != file_id):
        raise CacheEntryError("entry belongs to another file")
    mismatch = _text_mismatch(article, extraction)
    if mismatch:
        raise CacheEntryError(f"{mismatch} does not match the article's text")
    return article, extraction


def _text_mismatch(article: Article, extraction: Extraction) -> str | None:
    """What of an entry is not the article's text at its span (a paragraph, a sentence, a
    cited sentence, a figure's printed form), else None."""
    text = article.text
    if len(article.norm) != len(text):
        return "the normalized text"
    for paragraph in article.paragraphs:
        if text[paragraph.start:paragraph.end] != paragraph.text:
            return f"paragraph {paragraph.start}–{paragraph.end}"
        for sentence in paragraph.sentences:
            if not paragraph.start <= sentence.start <= sentence.end <= paragraph.end \
                    or text[sentence.start:sentence.end] != sentence.text:
                return f"sentence {sentence.start}–{sentence.end}"
    for ref in _refs(extraction):
        if ref.article_id != article.id or text[ref.start:ref.end] != ref.sentence:
            return f"the cited sentence {ref.start}–{ref.end}"
    for figure in extraction.figures:
        if figure.raw not in figure.ref.sentence:
            return f"the figure {figure.raw!r}"
    return None


def _refs(extraction: Extraction) -> Iterable[SourceRef]:
    """Every sentence an extraction cites."""
    for figure in extraction.figures:
        yield figure.ref
        if figure.period_ref is not None:
            yield figure.period_ref
    for enumeration in extraction.enumerations:
        yield enumeration.ref
        yield from (item.ref for item in enumeration.items)
    for claim in (*extraction.quotes, *extraction.events, *extraction.themes):
        yield claim.ref


def content_key(briefing: Briefing) -> str:
    """Hash of everything a Briefing says: equal keys, equal briefs."""
    return digest(json.dumps(encode(briefing), ensure_ascii=False, sort_keys=True))


def render_key(briefing: Briefing, template_folders: Iterable[Path], style_file: Path | None) -> str:
    """The hash an audience's files depend on: its Briefing, template files, style, writers."""
    parts: list[str | bytes] = [content_key(briefing)]
    for folder in template_folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    if style_file is not None and style_file.is_file():
        parts += ["style", style_file.read_bytes()]
    parts.append(renderer_fingerprint())
    return digest(*parts)


def renderer_fingerprint() -> str:
    """Hash of the code that turns a Briefing into files (writers, charts, fonts)."""
    files = sorted([*(_PACKAGE / "render").glob("*.py"), _PACKAGE / "compose" / "markup.py"])
    return digest(*(p.read_bytes() for p in files if p.is_file()))


def default_cache_dir(out_dir: Path) -> Path:
    """`.cache/` beside the output folder: out/ → .cache/."""
    return Path(out_dir).resolve().parent / DEFAULT_NAME


__all__ = [
    "CACHE_FORMAT",
    "BuildCache",
    "CacheEntryError",
    "CacheStats",
    "content_key",
    "decode",
    "default_cache_dir",
    "digest",
    "encode",
    "entry_checksum",
    "render_key",
]
