"""CJK fonts: the bundled Noto faces are CFF, and the subset+convert step makes embeddable TrueType."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from briefing.render import fonts
from briefing.errors import RenderError

TEXT = "关于我国电子政务发展情况的综述：排名第45位，提升20位。"
DIGITS = "0123456789"
PRIVATE_USE = "\ue000"  # no font has a glyph for a private-use code point
RARE = "龘"  # in Noto Sans SC, but not in a subset made for TEXT


@pytest.fixture(autouse=True)
def _no_configured_font(monkeypatch):
    """The env override would replace the bundled faces these tests are about."""
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)


@pytest.fixture
def fresh_memory_cache(monkeypatch):
    """An empty in-process cache, so a call really converts (or reads the disk cache)."""
    monkeypatch.setattr(fonts, "_MEMORY_CACHE", {})


@pytest.fixture(scope="module")
def subset_bytes() -> bytes:
    return fonts.truetype_subset(fonts.bundled_font_path("sans"), TEXT + DIGITS)


@pytest.mark.parametrize("face", sorted(fonts.BUNDLED_FACES))
def test_bundled_faces_are_cff(face):
    path = fonts.bundled_font_path(face)
    assert path.is_file()
    assert fonts.outline_format(path) == "cff"


@pytest.mark.parametrize("face", sorted(fonts.BUNDLED_FACES))
def test_require_truetype_rejects_cff_naming_the_file(face):
    path = fonts.bundled_font_path(face)
    with pytest.raises(RenderError) as err:
        fonts.require_truetype(path)
    assert path.name in str(err.value)
    assert "CFF" in str(err.value)


def test_unknown_bundled_face_is_an_error():
    with pytest.raises(RenderError, match="unknown bundled CJK face"):
        fonts.bundled_font_path("monospace")


def test_outline_format_of_a_non_font_is_a_render_error(tmp_path):
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_bytes(b"this is not a font")
    with pytest.raises(RenderError, match="not-a-font.ttf"):
        fonts.outline_format(bogus)


def test_subset_is_truetype(subset_bytes, tmp_path):
    font = TTFont(io.BytesIO(subset_bytes))
    assert "glyf" in font
    assert "CFF " not in font and "CFF2" not in font
    assert font.sfntVersion == "\x00\x01\x00\x00"
    # and require_truetype accepts it once it is a file
    path = tmp_path / "subset.ttf"
    path.write_bytes(subset_bytes)
    assert fonts.outline_format(path) == "truetype"
    fonts.require_truetype(path)


def test_subset_has_glyphs_for_the_requested_text(subset_bytes):
    font = TTFont(io.BytesIO(subset_bytes))
    cmap = font.getBestCmap()
    glyf = font["glyf"]
    for char in set(TEXT + DIGITS) - {" "}:
        assert ord(char) in cmap, f"{char!r} missing from the subset"
        glyph = glyf[cmap[ord(char)]]
        assert glyph.numberOfContours != 0, f"{char!r} has an empty outline"


def test_subset_keeps_advance_widths(subset_bytes):
    original = TTFont(fonts.bundled_font_path("sans"), lazy=True)
    subset = TTFont(io.BytesIO(subset_bytes))
    for char in "国务2045":
        name_orig = original.getBestCmap()[ord(char)]
        name_sub = subset.getBestCmap()[ord(char)]
        assert subset["hmtx"][name_sub][0] == original["hmtx"][name_orig][0]


def test_subset_is_the_machine_base_and_much_smaller_than_the_original(subset_bytes):
    original = fonts.bundled_font_path("sans").stat().st_size
    assert len(subset_bytes) < original / 3
    cmap = TTFont(io.BytesIO(subset_bytes)).getBestCmap()
    assert ord("啊") in cmap and ord("齄") in cmap  # first and last hanzi of GB 2312


def test_subset_leaves_out_characters_not_asked_for(subset_bytes):
    assert ord(RARE) in TTFont(fonts.bundled_font_path("sans"), lazy=True).getBestCmap()
    assert ord(RARE) not in TTFont(io.BytesIO(subset_bytes)).getBestCmap()


def test_check_coverage_reports_a_missing_character():
    path = fonts.bundled_font_path("sans")
    with pytest.raises(RenderError) as err:
        fonts.check_coverage(path, "电子政务" + PRIVATE_USE)
    message = str(err.value)
    assert "U+E000" in message
    assert path.name in message
    assert fonts.missing_glyphs(path, set("电子政务" + PRIVATE_USE)) == [PRIVATE_USE]


def test_check_coverage_accepts_covered_text_and_ignores_controls():
    fonts.check_coverage(fonts.bundled_font_path("serif"), TEXT + "\n\t\u200b" + DIGITS)


def test_check_coverage_on_the_subset(subset_bytes, tmp_path):
    path = tmp_path / "subset.ttf"
    path.write_bytes(subset_bytes)
    fonts.check_coverage(path, TEXT)
    with pytest.raises(RenderError, match=r"U\+9F98"):
        fonts.check_coverage(path, RARE)


@pytest.fixture
def small_machine(tmp_path, monkeypatch, fresh_memory_cache):
    """A machine cache of its own with a small base charset, so converting it takes no time."""
    monkeypatch.setenv(fonts.ENV_CACHE, str(tmp_path / "machine"))
    monkeypatch.setattr(fonts, "BASE_CHARSET", frozenset(fonts.BASE_CHARS + "数字政府电子政务"))
    return tmp_path / "machine" / "fonts"


def test_font_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(fonts.ENV_CACHE, str(tmp_path / "mine"))
    assert fonts.font_cache_dir() == tmp_path / "mine" / "fonts"
    monkeypatch.delenv(fonts.ENV_CACHE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert fonts.font_cache_dir() == tmp_path / "xdg" / "briefing" / "fonts"


def test_text_inside_the_base_gets_the_base_itself(small_machine):
    path = fonts.bundled_font_path("sans")
    first = fonts.truetype_subset(path, "数字政府")
    assert fonts.truetype_subset(path, "电子政务") == first
    assert [p.name.split("-")[2] for p in small_machine.glob("*.ttf")] == ["base"]


def test_base_is_converted_once_per_machine(small_machine, monkeypatch, caplog):
    path = fonts.bundled_font_path("sans")
    with caplog.at_level("INFO", logger="briefing.render.fonts"):
        first = fonts.truetype_subset(path, "数字政府电子")
    assert "once per machine" in caplog.text  # the first build says what it prepares
    assert not list(small_machine.glob("*.tmp*"))

    # A new process (empty memory cache) into another out/ folder: converting again is a bug.
    monkeypatch.setattr(fonts, "_MEMORY_CACHE", {})

    def no_convert(*_args, **_kwargs):
        raise AssertionError("converted again instead of reading the machine cache")

    monkeypatch.setattr(fonts, "_subset_and_convert", no_convert)
    assert fonts.truetype_subset(path, "政务电子", cache_dir=small_machine.parent / "x") == first


def test_characters_outside_the_base_come_as_a_merged_supplement(small_machine):
    path = fonts.bundled_font_path("sans")
    base = TTFont(io.BytesIO(fonts.truetype_subset(path, "数字")))
    merged_bytes = fonts.truetype_subset(path, "数字" + RARE + "建设")
    merged = TTFont(io.BytesIO(merged_bytes))
    cmap = merged.getBestCmap()
    original = TTFont(path, lazy=True)
    for char in "数字" + RARE + "建设A":
        assert merged["glyf"][cmap[ord(char)]].numberOfContours > 0, char
        width = original["hmtx"][original.getBestCmap()[ord(char)]][0]
        assert merged["hmtx"][cmap[ord(char)]][0] == width, char
    assert len(merged.getGlyphOrder()) == len(base.getGlyphOrder()) + 3
    assert merged["maxp"].numGlyphs == len(merged.getGlyphOrder())
    assert [p.name.split("-")[2] for p in sorted(small_machine.glob("*.ttf"))] == ["base", "plus"]
    fonts._MEMORY_CACHE.clear()
    assert fonts.truetype_subset(path, "数字" + RARE + "建设") == merged_bytes  # from disk


def test_merged_font_prints_in_reportlab(small_machine):
    from reportlab.pdfbase import pdfmetrics

    name = fonts.register_reportlab_font("serif", "数字" + RARE)
    assert pdfmetrics.stringWidth(RARE + "数", name, 10) == pytest.approx(20, rel=0.05)


def test_character_map_is_read_once(monkeypatch):
    path = fonts.bundled_font_path("sans")
    fonts.missing_glyphs(path, {"电"})
    before = fonts._font_facts.cache_info()
    for _ in range(5):
        fonts.check_coverage(path, TEXT)
    after = fonts._font_facts.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 5


def test_subset_is_deterministic(fresh_memory_cache, monkeypatch):
    path = fonts.bundled_font_path("serif")
    first = fonts.truetype_subset(path, TEXT)
    monkeypatch.setattr(fonts, "_MEMORY_CACHE", {})
    assert fonts.truetype_subset(path, TEXT) == first


def test_register_reportlab_font(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    name = fonts.register_reportlab_font("serif", TEXT, cache_dir=tmp_path)
    assert name in pdfmetrics.getRegisteredFontNames()
    assert pdfmetrics.stringWidth("电子政务", name, 16) == pytest.approx(64, rel=0.05)
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont(name, 16)
    pdf.drawString(72, 720, TEXT)
    pdf.save()
    assert out.getvalue().startswith(b"%PDF")


def test_register_reportlab_font_refuses_uncovered_text(tmp_path):
    with pytest.raises(RenderError, match=r"U\+E000"):
        fonts.register_reportlab_font("sans", "电子" + PRIVATE_USE, cache_dir=tmp_path)


def test_configured_font_that_does_not_exist(monkeypatch, tmp_path):
    monkeypatch.setenv(fonts.ENV_FONT, str(tmp_path / "missing.ttf"))
    with pytest.raises(RenderError, match=fonts.ENV_FONT):
        fonts.resolve_font_path("serif")


def test_configured_truetype_font_wins(monkeypatch, tmp_path, subset_bytes):
    ttf = tmp_path / "mine.ttf"
    ttf.write_bytes(subset_bytes)
    monkeypatch.setenv(fonts.ENV_FONT, str(ttf))
    assert fonts.resolve_font_path("serif") == Path(ttf)


def test_bold_face_is_bundled_and_draws_simplified_chinese_forms():
    """The bold face (Noto Sans CJK JP Bold, pip noto-cjk-sans-jp-bold) carries Simplified-
    Chinese shapes behind its locl ZHS feature; the subset must map the text to those."""
    from briefing.render.font_locale import localise_cmap

    path = fonts.bundled_font_path("bold")
    assert fonts.outline_format(path) == "cff"
    with TTFont(path, lazy=True) as raw:
        before = raw.getBestCmap()[ord("与")]
        assert localise_cmap(raw) > 1000  # thousands of shared code points differ by region
        after = raw.getBestCmap()[ord("与")]
    assert before != after
    subset = TTFont(io.BytesIO(fonts.truetype_subset(path, "与全化高")))
    assert "glyf" in subset and all(ord(c) in subset.getBestCmap() for c in "与全化高")


def test_localising_a_simplified_chinese_font_keeps_its_common_forms():
    from briefing.render.font_locale import localise_cmap

    with TTFont(fonts.bundled_font_path("sans"), lazy=True) as sc:
        before = sc.getBestCmap()[ord("国")]
        localise_cmap(sc)
        assert sc.getBestCmap()[ord("国")] == before


def test_a_fonts_character_map_is_kept_per_machine_and_read_back_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    path = fonts.bundled_font_path("sans")
    parts = fonts._identity_parts(path)
    fonts._font_facts.cache_clear()
    read = fonts._font_facts(*parts, 0)  # read from the font, then kept
    kept = list((tmp_path / "fonts" / "cmaps").iterdir())
    fonts._font_facts.cache_clear()
    assert len(kept) == 1 and fonts._font_facts(*parts, 0) == read  # read back from the file
    assert read == fonts._read_font_facts(parts[0], 0) and ord("政") in read[1]
    kept[0].write_text("not json", encoding="utf-8")  # a damaged file: the font is read again
    fonts._font_facts.cache_clear()
    assert fonts._font_facts(*parts, 0) == read
    fonts._font_facts.cache_clear()
