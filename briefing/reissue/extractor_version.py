"""The version of the reading and extraction rules, which keys every cached article.

Bump EXTRACTOR_VERSION whenever a rule, a lexicon or a reader changes what an article yields,
so cached readings made by older rules are not reused. `tests/test_extractor_version.py`
fails when the rule files (briefing/extract/*.py, briefing/read/*.py, briefing/data/*) differ
from RULES_FINGERPRINT; after changing them, run

    python -m briefing.reissue.extractor_version --bump

which increments EXTRACTOR_VERSION and pins the new fingerprint in this file.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

EXTRACTOR_VERSION = 60
RULES_FINGERPRINT = "8a734c623537fd7946ece12679abc9959c37707d1a2e9c8040b077ca1071f0ba"

PACKAGE = Path(__file__).resolve().parents[1]
#: The files whose content decides what reading and extraction produce.
RULE_GLOBS = ("extract/*.py", "read/*.py", "data/*")


def rule_files() -> list[Path]:
    """Every rule file, sorted by path relative to the package."""
    files = {p for pattern in RULE_GLOBS for p in PACKAGE.glob(pattern) if p.is_file()}
    return sorted(files, key=lambda p: p.relative_to(PACKAGE).as_posix())


def rules_fingerprint() -> str:
    """sha256 over every rule file's relative path and bytes (line endings normalized)."""
    digest = hashlib.sha256()
    for path in rule_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def bump(source: Path = Path(__file__)) -> tuple[int, str]:
    """Increment EXTRACTOR_VERSION and pin the current fingerprint in this module's file."""
    text = source.read_text(encoding="utf-8")
    version = int(re.search(r"^EXTRACTOR_VERSION = (\d+)$", text, re.M).group(1)) + 1
    fingerprint = rules_fingerprint()
    text = re.sub(r"^EXTRACTOR_VERSION = \d+$", f"EXTRACTOR_VERSION = {version}", text, flags=re.M)
    text = re.sub(r'^RULES_FINGERPRINT = ".*"$', f'RULES_FINGERPRINT = "{fingerprint}"', text,
                  flags=re.M)
    source.write_text(text, encoding="utf-8")
    return version, fingerprint


def main(argv: list[str]) -> int:
    """`python -m briefing.reissue.extractor_version [--bump]`: print (or bump and pin) the version."""
    if argv == ["--bump"]:
        version, fingerprint = bump()
        print(f"EXTRACTOR_VERSION = {version}, RULES_FINGERPRINT = {fingerprint}")
        return 0
    current = rules_fingerprint()
    state = "pinned" if current == RULES_FINGERPRINT else "CHANGED: run with --bump"
    print(f"EXTRACTOR_VERSION = {EXTRACTOR_VERSION}; rules {current} ({state})")
    return 0 if current == RULES_FINGERPRINT else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
