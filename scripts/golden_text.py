"""Golden text snapshots: what a reader sees in each brief, reviewed in a diff.

    python scripts/golden_text.py            rebuild the snapshots in tests/golden/
    python scripts/golden_text.py --check    compare (exit 1 and a diff when they differ)

For the samples (data/articles) and the shared corpus2 (../shared/corpus2/articles), every
audience is built with a fixed date of issue into a temporary folder, and the text of its PDF
(pypdf, page by page) and DOCX (python-docx: paragraphs, table rows, footnotes) is written to
tests/golden/<set>/<audience>.<pdf|docx>.txt (briefing/evaluate/pages.reader_text). Text, not
bytes: a change of what a reader sees shows up in review, a change of packing does not.
tests/test_golden_text.py compares a fresh build with these files. The shared sets' texts are
not copied in: their snapshots redact every run of source text to a fingerprint (REDACTED). After a change that moves
what the briefs print, run this script and review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import hashlib
import unicodedata
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.build import BuildOptions, build  # noqa: E402
from briefing.compose.templates import audience_names  # noqa: E402
from briefing.evaluate.pages import reader_text  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
#: the date of issue every snapshot is built for
ISSUE_DATE = dt.date(2026, 12, 7)
SETS = {
    "samples": ROOT / "data" / "articles",
    "corpus2": ROOT.parent / "shared" / "corpus2" / "articles",
}
#: Sets whose texts are not ours to copy (the shared development sets are kept outside the
#: repository): their snapshots show our own words and the shape of each page, and every run
#: of source text is replaced by a fingerprint, so a changed quotation still shows in a diff.
REDACTED = {"corpus2"}
QUOTED_RUN = 10  #: characters of source text in a row before a run is redacted


def _fold(ch: str) -> str:
    """One character as the comparison sees it (full-width forms and spaces folded)."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def redact(text: str, sources: list[str]) -> str:
    """`text` with every run of at least QUOTED_RUN characters that some source prints
    replaced by ⟦source text, N characters, sha1 prefix⟧."""
    grams = {src[i : i + QUOTED_RUN] for src in sources for i in range(len(src) - QUOTED_RUN + 1)}
    lines = []
    for line in text.split("\n"):
        folded = "".join(_fold(ch) for ch in line)
        covered = [False] * len(line)
        for i in range(len(folded) - QUOTED_RUN + 1):
            if folded[i : i + QUOTED_RUN] in grams:
                covered[i : i + QUOTED_RUN] = [True] * QUOTED_RUN
        out, i = [], 0
        while i < len(line):
            if not covered[i]:
                out.append(line[i])
                i += 1
                continue
            j = i
            while j < len(line) and covered[j]:
                j += 1
            run = line[i:j]
            out.append(f"⟦source text, {len(run)} characters, "
                       f"{hashlib.sha1(run.encode()).hexdigest()[:8]}⟧")
            i = j
        lines.append("".join(out))
    return "\n".join(lines)


def _source_texts(articles: Path) -> list[str]:
    """Every article's text, folded as redact() compares it."""
    texts = []
    for path in sorted(p for p in articles.iterdir() if p.is_file()):
        try:
            raw = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        texts.append("".join(_fold(ch) for ch in " ".join(raw.split())))
    return texts


def snapshot(articles: Path, work: Path, redacted: bool = False) -> dict[str, str]:
    """File name under tests/golden/<set>/ → its text, for one build of `articles` (source
    text redacted when asked: see REDACTED)."""
    out = work / "out"
    build(BuildOptions(articles=articles, out=out, audiences=tuple(audience_names()),
                       issue_date=ISSUE_DATE, cache_dir=work / "cache", workers=1))
    texts = {}
    sources = _source_texts(articles) if redacted else []
    for folder in sorted(p for p in out.iterdir() if (p / "brief.pdf").exists()):
        for kind, text in reader_text(folder).items():
            texts[f"{folder.name}.{kind}.txt"] = redact(text, sources) if redacted else text
    return texts


def differences(name: str, texts: dict[str, str], limit: int = 80) -> list[str]:
    """Unified-diff lines between the snapshots of set `name` and fresh `texts`."""
    folder = GOLDEN / name
    kept = {p.name for p in folder.glob("*.txt")} if folder.exists() else set()
    out = []
    for file in sorted(kept | set(texts)):
        old = (folder / file).read_text(encoding="utf-8") if file in kept else ""
        new = texts.get(file, "")
        if old != new:
            out += list(difflib.unified_diff(old.splitlines(), new.splitlines(),
                                             f"tests/golden/{name}/{file}", "fresh build",
                                             lineterm="", n=1))[:limit]
    return out


def write(name: str, texts: dict[str, str]) -> None:
    folder = GOLDEN / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        if old.name not in texts:
            old.unlink()
    for file, text in texts.items():
        (folder / file).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--set", choices=sorted(SETS), action="append",
                        help="only this set (repeatable)")
    args = parser.parse_args(argv)
    failed = False
    for name in args.set or sorted(SETS):
        if not SETS[name].is_dir():
            print(f"{name}: {SETS[name]} is missing, skipped")
            continue
        with tempfile.TemporaryDirectory() as work:
            texts = snapshot(SETS[name], Path(work), redacted=name in REDACTED)
        if args.check:
            diff = differences(name, texts)
            failed = failed or bool(diff)
            print("\n".join(diff) if diff else f"{name}: the same")
        else:
            write(name, texts)
            print(f"{name}: {len(texts)} snapshots written to tests/golden/{name}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
