"""Check what the pages of a build show a reader (issue: pages a reader accepts).

    python scripts/check_pages.py OUT [--lo DIR] [--templates DIR]

For every audience folder of OUT (brief.pdf, brief.docx): the PDF's page count; sentences
printed twice (PDF pages; DOCX body and footnotes); the lines of what's new against the
template's `[whats_new] max_lines`; CJK outside quotation marks in an English brief, Latin
words that are no acronym in a Chinese one (the body; the source list apart); words split
over two lines in the PDF (and, with --lo, in PDFs LibreOffice made of the DOCX files:
DIR/<audience>/brief.pdf). Exit 1 when any check fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.compose.templates import load_template  # noqa: E402
from briefing.evaluate import pages  # noqa: E402


def check_audience(folder: Path, lo: Path | None, templates: list[Path]) -> list[str]:
    """Problems of one audience's brief, and a summary line printed first."""
    template = load_template(folder.name, templates)
    language = template.language
    pdf = pages.pdf_pages(folder / "brief.pdf")
    document = pages.docx_text(folder / "brief.docx")
    problems = []
    for what, texts in (("pdf", pdf), ("docx", (*document.body, *document.footnotes))):
        for sentence in pages.repeated_sentences(texts):
            problems.append(f"{what} repeats: {sentence[:80]}")
    limit = int(dict(template.get("whats_new", {})).get("max_lines", 0) or 0)
    title = next((str(s.get("title", "")) for s in template.get("sections", ())
                  if isinstance(s, dict) and "whats_new" in str(s.get("template", ""))), "")
    news = (pages.section_lines(document.body, title, document.headings, document.styles)
            if title else [line for line in document.body if line.startswith("本期新增")])
    if limit and len(news) > limit:
        problems.append(f"what's new: {len(news)} lines, over max_lines {limit}")
    body = "\n".join(document.lines_except("Brief Source"))  # the source list apart
    for word in pages.foreign_words(body, language):
        problems.append(f"{language} brief prints {word!r}")
    vocabulary = pages.latin_vocabulary((*document.body, *document.footnotes))
    sets = [("pdf", pdf)]
    if lo is not None and (lo / folder.name / "brief.pdf").exists():
        sets.append(("docx", pages.pdf_pages(lo / folder.name / "brief.pdf")))
    for what, texts in sets:
        lines = [line for text in texts for line in text.splitlines()]
        for broken in pages.broken_words(lines, vocabulary):
            problems.append(f"{what} breaks a word: {broken}")
    print(f"{folder.name}: {len(pdf)} PDF pages, what's new {len(news)} lines, "
          f"{len(problems)} problems")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lo", type=Path, help="PDFs LibreOffice made of the DOCX files")
    parser.add_argument("--templates", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    failed = False
    for folder in sorted(p for p in args.out.iterdir() if (p / "brief.pdf").exists()):
        for problem in check_audience(folder, args.lo, args.templates):
            failed = True
            print(f"  {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
