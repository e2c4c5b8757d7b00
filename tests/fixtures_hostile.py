"""A folder of every hostile input of issues 11 and 12 beside good articles (tests, benchmark)."""

from __future__ import annotations

import io
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "read" / "article.txt"
SAMPLES = sorted((ROOT / "data" / "articles").glob("*.txt"))
MARKUP = "<b>粗</b> &amp; ]]> {{ 1 + 1 }} {% if x %} <para>段</para> <w:t>字</w:t> [^9] **星**"
GBK_NAME = "国家政务.txt".encode("gbk")  # not UTF-8: a name saved by a GBK system


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def make_hostile_folder(folder: Path, *, many: int = 0) -> dict[str, str]:
    """Write good and hostile files into `folder`; returns bad display name → words of its reason.

    Good: the read fixture, a sample article, the fixture with markup and control characters in
    its sentences (as .md), the second sample under a file name with a newline, and the third
    under a GBK file name. `many` adds that many extra unusable files (one folder of 10,000).
    """
    folder.mkdir(parents=True, exist_ok=True)
    text = FIXTURE.read_text(encoding="utf-8")
    (folder / "good.txt").write_text(text, encoding="utf-8")
    (folder / "good sample.txt").write_bytes(SAMPLES[0].read_bytes())
    dense = text.replace("，", f"，{MARKUP}\x07").replace("。", "\x0b。\x1b", 5)
    (folder / "markup and controls.md").write_text(dense.replace("某市", "某县"), encoding="utf-8")
    (folder / "new\nline.txt").write_bytes(SAMPLES[1].read_bytes())
    with open(os.path.join(os.fsencode(folder), GBK_NAME), "wb") as f:
        f.write(SAMPLES[2].read_bytes())
    bad = {
        "empty.txt": (b"", "empty"),
        "binary.txt": (bytes(range(256)) * 64, "binary"),
        "misencoded.txt": (text.encode("utf-8").replace("近日".encode(), b"\xff\xfe\xfd" * 20),
                           "encoding"),
        "mixed encoding.txt": (SAMPLES[3].read_bytes()[:3000] + SAMPLES[4].read_text(
            encoding="utf-8").encode("gb18030")[:3000] + bytes(range(128, 256)) * 8, ""),
        "truncated.docx": (_docx_bytes(text)[:5000], ".docx"),
        "menu only.txt": ("首页 新闻 政务\n版权所有 某某网\n".encode(), "no article text"),
        "slides.pptx": (b"PK\x03\x04", "unsupported file type"),
        "megabyte line.txt": (("政务服务数字政府一网通办" * 90_000 + "\n").encode(), "no article text"),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    with open(folder / "huge.txt", "wb") as f:  # 100 MB, sparse: costs nothing to make
        f.truncate(100 * 1024 * 1024)
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop_a.txt").symlink_to(folder / "loop_b.txt")
    (folder / "loop_b.txt").symlink_to(folder / "loop_a.txt")
    (folder / "sub folder.txt").mkdir()
    os.mkfifo(folder / "fifo.txt")
    reasons = {name: words for name, (_, words) in bad.items()}
    reasons.update({"huge.txt": "over the 20 MB limit", "dangling.txt": "broken symbolic link",
                    "loop_a.txt": "loop", "loop_b.txt": "loop", "sub folder.txt": "folder",
                    "fifo.txt": "not a regular file"})
    if os.geteuid() != 0:  # chmod does not stop root
        (folder / "unreadable.txt").write_text(text, encoding="utf-8")
        (folder / "unreadable.txt").chmod(0)
        reasons["unreadable.txt"] = "Permission denied"
    for i in range(many):
        (folder / f"many_{i:05d}.txt").write_text(f"首页 新闻 {i}\n", encoding="utf-8")
        reasons[f"many_{i:05d}.txt"] = "no article text"
    return reasons


GOOD = ("good.txt", "good sample.txt", "markup and controls.md", "new\\nline.txt",
        "\\xb9\\xfa\\xbc\\xd2\\xd5\\xfe\\xce\\xf1.txt")
