"""Style presets as data: _styles/<name>.toml → Style (fonts, sizes, colours, margins).

A preset is looked up in `_styles/` of each --templates folder, then in the built-in
briefing/builtin_templates/_styles (briefing.style_files).

Every key has a default here (the gongwen values); a preset file only states what differs.
Unknown sections or keys, and values of the wrong type, raise ConfigError naming the file.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import ConfigError
from briefing.schema import read_toml
from briefing.style_files import BUILTIN_STYLE_DIR, find_style_file

MAX_STYLE_BYTES = 1024 * 1024  #: a style preset larger than this is refused unread

STYLE_DIR = BUILTIN_STYLE_DIR


@dataclass(frozen=True, slots=True)
class PageStyle:
    """Paper and margins (mm); page-number format and placement."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    margin_top_mm: float = 37.0
    margin_bottom_mm: float = 35.0
    margin_left_mm: float = 28.0
    margin_right_mm: float = 26.0
    number_format: str = "— {n} —"
    number_alternate: bool = True  #: odd pages right, even pages left (GB/T 9704 7.5)
    number_baseline_mm: float = 23.5  #: PDF: baseline above the page bottom
    footer_distance_mm: float = 22.0  #: DOCX: footer distance from the page bottom


@dataclass(frozen=True, slots=True)
class FontStyle:
    """DOCX font names (the reader's machine supplies them) and PDF faces (embedded).

    PDF faces are "serif" / "sans" / "bold" (the bundled Noto SC faces and Noto Sans CJK Bold
    with Simplified-Chinese forms) or a path to a font file.
    """

    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    heading3: str = "仿宋_GB2312"
    title: str = "方正小标宋简体"
    masthead: str = "方正小标宋简体"
    lead: str = "楷体_GB2312"
    page_number: str = "宋体"
    latin: str = "Times New Roman"
    latin_heading: str = "Times New Roman"
    pdf_body: str = "serif"
    pdf_heading: str = "bold"
    pdf_title: str = "serif"
    pdf_bold: str = "bold"  #: bold runs (the CJK text faces have no bold weight)


@dataclass(frozen=True, slots=True)
class SizeStyle:
    """Font sizes in pt (三号 16, 二号 22, 四号 14)."""

    body: float = 16.0
    title: float = 22.0
    heading1: float = 16.0
    heading2: float = 16.0
    heading3: float = 16.0
    masthead_name: float = 36.0
    masthead_meta: float = 16.0
    table: float = 14.0
    sources: float = 14.0
    distribution: float = 14.0
    note: float = 14.0
    page_number: float = 14.0
    citation: float = 10.0
    footnote: float = 9.0  #: 小五: DOCX footnotes


@dataclass(frozen=True, slots=True)
class SpacingStyle:
    """Line heights in pt (exact), indents in characters, chart width in mm."""

    line_pt: float = 28.95
    title_line_pt: float = 35.0
    small_line_pt: float = 22.0  #: tables, sources, distribution block
    footnote_line_pt: float = 11.5  #: DOCX footnotes
    sources_line_pt: float = 22.0  #: the numbered source list (PDF)
    first_line_indent_chars: float = 2.0
    space_after_pt: float = 0.0
    heading_space_before_pt: float = 0.0
    title_lines_after: int = 1  #: blank lines between title and body
    chart_width_mm: float = 150.0


@dataclass(frozen=True, slots=True)
class ColorStyle:
    """Colours as RRGGBB hex."""

    text: str = "000000"
    masthead: str = "FF0000"
    rule: str = "FF0000"
    heading: str = "000000"
    title: str = "000000"
    title_bar: str = ""  #: fill behind the title ("" = none)
    title_bar_text: str = "FFFFFF"
    link: str = "000000"
    table_header: str = ""  #: fill of the table's header row ("" = none)
    note: str = "404040"


@dataclass(frozen=True, slots=True)
class MastheadStyle:
    """Whether and how to draw the red 报头 and the 报尾 rules."""

    draw: bool = True
    rule_pt: float = 1.5
    space_before_lines: float = 1.0  #: blank lines above the 报头 name
    end_rule_pt: float = 1.0


@dataclass(frozen=True, slots=True)
class Style:
    """One style preset."""

    name: str = "gongwen"
    kinsoku: bool = True
    #: number headings 一、（一）1.（1） by level (GB/T 9704 7.3.3), replacing written numbers
    heading_numbers: bool = True
    #: DOCX citations: "footnotes" (Word footnotes, the sentence quoted in the note) or "list"
    #: (superscript [n] and the numbered source list at the end, laid out as the PDF is)
    citations: str = "footnotes"
    page: PageStyle = field(default_factory=PageStyle)
    fonts: FontStyle = field(default_factory=FontStyle)
    sizes: SizeStyle = field(default_factory=SizeStyle)
    spacing: SpacingStyle = field(default_factory=SpacingStyle)
    colors: ColorStyle = field(default_factory=ColorStyle)
    masthead: MastheadStyle = field(default_factory=MastheadStyle)

    @property
    def is_gongwen(self) -> bool:
        """GB/T 9704 layout: the gongwen preset or a variant of it named gongwen-* (gongwen-compact)."""
        return self.name == "gongwen" or self.name.startswith("gongwen-")

    @property
    def text_width_mm(self) -> float:
        """Width of the type area."""
        return self.page.width_mm - self.page.margin_left_mm - self.page.margin_right_mm


SECTIONS: dict[str, type] = {
    "page": PageStyle,
    "fonts": FontStyle,
    "sizes": SizeStyle,
    "spacing": SpacingStyle,
    "colors": ColorStyle,
    "masthead": MastheadStyle,
}
TOP_LEVEL = {"kinsoku": bool, "heading_numbers": bool, "citations": str}
CITATION_MODES = ("footnotes", "list")


def load_style(name: str, search_dirs: tuple[Path, ...] = ()) -> Style:
    """Load the preset `name` from the first of `search_dirs` (then the built-in presets) that
    has `name.toml`; ConfigError naming every folder searched when none has it."""
    folders = tuple(dict.fromkeys((*search_dirs, STYLE_DIR)))
    path = find_style_file(name, folders)
    if path is None:
        raise ConfigError(
            f"unknown style preset {name!r}; available: "
            f"{', '.join(available_styles(search_dirs)) or 'none'}; searched: "
            f"{', '.join(str(f) for f in folders)}")
    return parse_style_file(path, name)


def available_styles(search_dirs: tuple[Path, ...] = ()) -> list[str]:
    """Names of the presets in `search_dirs` and the built-in folder."""
    return sorted({p.stem for folder in (*search_dirs, STYLE_DIR) for p in folder.glob("*.toml")})


def parse_style_file(path: Path, name: str) -> Style:
    """Parse and validate one preset file."""
    data = read_toml(path, MAX_STYLE_BYTES, ConfigError)
    values: dict[str, object] = {"name": name}
    for key, value in data.items():
        if key in SECTIONS:
            values[key] = _build_section(SECTIONS[key], key, value, path)
        elif key in TOP_LEVEL:
            values[key] = _check_type(key, value, TOP_LEVEL[key], path)
            if key == "citations" and value not in CITATION_MODES:
                raise ConfigError(f"citations must be one of {', '.join(CITATION_MODES)}, "
                                  f"got {value!r}", file=str(path))
        else:
            known = sorted([*SECTIONS, *TOP_LEVEL])
            raise ConfigError(f"unknown key {key!r}; known: {', '.join(known)}", file=str(path))
    return Style(**values)  # type: ignore[arg-type]


def _build_section(cls: type, section: str, table: object, path: Path) -> object:
    if not isinstance(table, dict):
        raise ConfigError(f"[{section}] must be a table", file=str(path))
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, object] = {}
    for key, value in table.items():
        if key not in fields:
            raise ConfigError(
                f"unknown key {key!r} in [{section}]; known: {', '.join(fields)}", file=str(path)
            )
        expected = type(fields[key].default)
        kwargs[key] = _check_type(f"{section}.{key}", value, expected, path)
    return cls(**kwargs)


def _check_type(key: str, value: object, expected: type, path: Path) -> object:
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if type(value) is not expected:
        raise ConfigError(
            f"{key} must be {expected.__name__}, got {type(value).__name__} {value!r}",
            file=str(path),
        )
    return value
