"""Property-based tests: no input makes reading or the Markdown-subset parser raise anything but
the project's own error type (BriefingError: InputError, TemplateError)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import BriefingError, InputError, TemplateError
from briefing.compose.markup import escape, parse, plain_text
from briefing.read import read_article
from briefing.read.decode import decode

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "read" / "article.txt"
LINES = FIXTURE.read_text(encoding="utf-8").splitlines()

#: Text made of article lines, markup, controls and arbitrary characters.
pieces = st.one_of(
    st.sampled_from(LINES),
    st.sampled_from(["<b>", "&amp;", "]]>", "{{ x }}", "{% if %}", "\x07", "\x00", "\ufeff",
                     "\r\n", "\n\n", "---\n", "# ", "- ", "| a |", "**", "[^1]", "\ud800"]),
    st.text(max_size=40),
)
texts = st.lists(pieces, max_size=30).map("".join)
codecs = st.sampled_from(["utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be", "utf-16"])


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    """Bytes as a file might hold them: encoded text, raw bytes, or text cut anywhere."""
    kind = draw(st.sampled_from(["encoded", "raw", "cut"]))
    if kind == "raw":
        return draw(st.binary(max_size=3000))
    data = draw(texts).encode(draw(codecs), errors="ignore")
    return data[: draw(st.integers(0, len(data)))] if kind == "cut" else data


@SETTINGS
@given(data=article_bytes())
def test_decode_raises_only_input_error(data: bytes) -> None:
    try:
        decoded = decode(data, "x.txt")
    except InputError:
        return
    assert isinstance(decoded.text, str)


@SETTINGS
@given(data=article_bytes(), suffix=st.sampled_from([".txt", ".md", ".html", ".docx"]))
def test_read_article_raises_only_briefing_errors(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"a{suffix}"
        path.write_bytes(data)
        try:
            article = read_article(path)
        except BriefingError:
            return
    for p in article.paragraphs:  # whatever is read, offsets index the text
        assert article.text[p.start : p.end] == p.text
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in article.text)


@SETTINGS
@given(text=texts)
def test_markup_parse_raises_only_template_error(text: str) -> None:
    try:
        parse(text, "x.md.j2")
    except TemplateError:
        pass


@SETTINGS
@given(text=texts)
def test_escaped_text_always_parses_back_to_itself(text: str) -> None:
    blocks = parse(escape(text), "x.md.j2")
    shown = " ".join(plain_text(b.spans) for b in blocks)
    assert shown == " ".join(text.split())
