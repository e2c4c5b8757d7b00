"""The Markdown subset templates render, parsed once into Blocks for every writer.

Syntax (one construct per line; see docs/templates.md):

    # Title / ## Section / ### Sub-section      headings, levels 1–3
    text lines                                  a paragraph; consecutive lines join, blank line ends it
    - item                                      bullet list (one line per item)
    1. item                                     numbered list (one line per item)
    | a | b |  then  |---|---|  then rows        pipe table; the first row is the header
    [[chart:egdi_rank]]                         chart placeholder (what {{ chart("egdi_rank") }} prints)
    [[pagebreak]]                               page break
    ---                                         horizontal rule
    {: .lead}                                   on the line after a block: sets that block's role
    ::: note  …  :::                            fence: every block inside gets role "note"
    **bold**                                    inline bold
    [^1,3]                                      citation of sources 1 and 3 (what {{ cite(x) }} prints
                                                is the internal form [^@7], resolved by compose)
    \\x                                          a literal x (escape() writes these for article text)

Anything else that looks like markup (####, > quote, * bullet, ``` fences, <html>, a table
without its separator line, an unclosed ** or :::) is a TemplateError naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from briefing.errors import TemplateError
from briefing.models import Block, Span

_HEADING = re.compile(r"^(#{1,3}) (\S.*)$")
_BAD_HEADING = re.compile(r"^#+")
_BULLET = re.compile(r"^- (\S.*)$")
_ORDERED = re.compile(r"^\d+\. (\S.*)$")
_CHART = re.compile(r"^\[\[chart:([A-Za-z0-9_.-]+)\]\]$")
_DIRECTIVE = re.compile(r"^\[\[.*\]\]$")
_ROLE = re.compile(r"^\{: *\.([A-Za-z][\w-]*) *\}$")
_FENCE_OPEN = re.compile(r"^::: *([A-Za-z][\w-]*)$")
_TABLE_SEP = re.compile(r"^\|( *:?-{3,}:? *\|)+$")
_UNSUPPORTED = (
    (re.compile(r"^> "), "block quotes ('> ') are not supported; use '::: quote'"),
    (re.compile(r"^[*+] "), "use '- ' for bullets"),
    (re.compile(r"^```"), "code fences are not supported"),
    (re.compile(r"^<[A-Za-z/!]"), "HTML is not supported"),
    (re.compile(r"^ {2,}[-\d]"), "nested lists are not supported"),
)
_INLINE = re.compile(r"\\(.)|\*\*|\[\^(@?[0-9][0-9,@ ]*)\]|\[\^")
_CITE_KEYS = re.compile(r"^\d+( *, *\d+)*$")
_CITE_GROUP = re.compile(r"^@\d+$")

#: Characters escape() protects anywhere in a line, and those it protects at a line start.
_INLINE_SPECIAL = re.compile(r"([\\*|\[\]{}])")
_WHITESPACE = re.compile(r"\s+")
_LINE_START = re.compile(r"^(#|-|:|>|\+|`|<|\d+\.)")


def escape(text: object) -> str:
    """Make article text inert: it can never open a heading, list, table, cite or bold."""
    # a newline would end a paragraph or start a block; a leading space would hide a line-start
    # mark from the escape below (' ---' parses as a rule once the line is stripped)
    flat = _WHITESPACE.sub(" ", str(text)).strip()
    flat = _INLINE_SPECIAL.sub(r"\\\1", flat)
    return _LINE_START.sub(r"\\\1", flat)


def plain_text(spans: tuple[Span, ...]) -> str:
    """The printed text of spans, citation markers left out."""
    return "".join(s.text for s in spans if s.kind != "cite")


@dataclass
class _Parser:
    file: str
    blocks: list[Block] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)
    list_items: list[tuple[Span, ...]] = field(default_factory=list)
    list_ordered: bool = False
    table: list[tuple[tuple[Span, ...], ...]] = field(default_factory=list)
    table_start: int = 0
    fence_role: str = ""
    fence_line: int = 0
    para_line: int = 0

    def error(self, line: int, message: str) -> TemplateError:
        return TemplateError(message, file=self.file, line=line)

    # ----------------------------------------------------------------- block assembly
    def add(self, block: Block) -> None:
        if self.fence_role and not block.role:
            block = _with_role(block, self.fence_role)
        self.blocks.append(block)

    def flush(self) -> None:
        """Close the paragraph, list or table being collected."""
        if self.paragraph:
            text = _join_lines(self.paragraph)
            self.add(Block("paragraph", spans=self.inline(text, self.para_line)))
            self.paragraph = []
        if self.list_items:
            self.add(Block("list", ordered=self.list_ordered, items=tuple(self.list_items)))
            self.list_items = []
        if self.table:
            if len(self.table) < 2 or self.table[1] != ():
                raise self.error(self.table_start, "a table needs a '|---|---|' line after its header")
            self.add(Block("table", rows=(self.table[0], *self.table[2:])))
            self.table = []

    # ----------------------------------------------------------------- lines
    def line(self, n: int, raw: str) -> None:
        text = raw.rstrip()
        stripped = text.strip()
        if not stripped:
            self.flush()
            return
        if self.table and not stripped.startswith("|"):
            self.flush()
        if self.list_items and not (_BULLET.match(stripped) or _ORDERED.match(stripped)):
            self.flush()
        if self.structural(n, text, stripped):
            return
        self.text_line(n, text, stripped)

    def structural(self, n: int, text: str, s: str) -> bool:
        """Handle a line that is block syntax; False when it is paragraph text."""
        if s.startswith("\\"):
            return False
        if m := _ROLE.match(s):
            self.role(n, m.group(1))
        elif s == ":::":
            if not self.fence_role:
                raise self.error(n, "':::' closes a fence that was never opened")
            self.flush()
            self.fence_role = ""
        elif m := _FENCE_OPEN.match(s):
            if self.fence_role:
                raise self.error(n, "fences cannot nest; close the open ':::' first")
            self.flush()
            self.fence_role, self.fence_line = m.group(1), n
        elif s.startswith((":::", "{:")):
            raise self.error(n, f"malformed role line {s!r}; use '{{: .name}}' or '::: name'")
        elif m := _HEADING.match(s):
            self.flush()
            self.add(Block("heading", spans=self.inline(m.group(2), n), level=len(m.group(1))))
        elif _BAD_HEADING.match(s):
            raise self.error(n, f"headings are '# ', '## ' or '### ' followed by text: {s!r}")
        elif s == "---":
            self.flush()
            self.add(Block("rule"))
        elif m := _CHART.match(s):
            self.flush()
            self.add(Block("chart", chart_id=m.group(1)))
        elif s == "[[pagebreak]]":
            self.flush()
            self.add(Block("pagebreak"))
        elif _DIRECTIVE.match(s):
            raise self.error(n, f"unknown directive {s!r}; known: [[chart:id]], [[pagebreak]]")
        elif s.startswith("|"):
            self.table_row(n, s)
        elif (m := _BULLET.match(s)) or (m := _ORDERED.match(s)):
            self.list_item(n, s, m.group(1))
        else:
            for pattern, why in _UNSUPPORTED:
                if pattern.match(text):
                    raise self.error(n, f"{why}: {s!r}")
            return False
        return True

    def text_line(self, n: int, text: str, stripped: str) -> None:
        if not self.paragraph:
            self.para_line = n
        self.paragraph.append(stripped)

    def role(self, n: int, role: str) -> None:
        self.flush()
        if not self.blocks:
            raise self.error(n, f"'{{: .{role}}}' must follow the block it applies to")
        self.blocks[-1] = _with_role(self.blocks[-1], role, force=True)

    def list_item(self, n: int, s: str, body: str) -> None:
        ordered = bool(_ORDERED.match(s)) and not _BULLET.match(s)
        if self.paragraph:
            self.flush()
        if self.list_items and ordered != self.list_ordered:
            self.flush()
        self.list_ordered = ordered
        self.list_items.append(self.inline(body, n))

    def table_row(self, n: int, s: str) -> None:
        if self.paragraph or self.list_items:
            self.flush()
        if not s.endswith("|") or s.endswith("\\|"):
            raise self.error(n, f"a table row starts and ends with '|': {s!r}")
        if not self.table:
            self.table_start = n
        if _TABLE_SEP.match(s):
            if len(self.table) != 1:
                raise self.error(n, "the '|---|' line goes right after the header row")
            self.table.append(())
            return
        cells = tuple(self.inline(c.strip(), n) for c in _split_cells(s[1:-1]))
        if self.table and self.table[0] and len(cells) != len(self.table[0]):
            raise self.error(n, f"row has {len(cells)} cells, the header has {len(self.table[0])}")
        self.table.append(cells)

    # ----------------------------------------------------------------- inline
    def inline(self, text: str, n: int) -> tuple[Span, ...]:
        """Split a line's text into text, bold and cite spans."""
        spans: list[Span] = []
        buf: list[str] = []
        bold = False
        pos = 0
        for m in _INLINE.finditer(text):
            buf.append(text[pos : m.start()])
            pos = m.end()
            if m.group(1) is not None:
                buf.append(m.group(1))
            elif m.group(0) == "**":
                _push(spans, "".join(buf), "bold" if bold else "text")
                buf, bold = [], not bold
            elif m.group(2) is not None:
                _push(spans, "".join(buf), "bold" if bold else "text")
                buf = []
                spans.append(self.cite(m.group(2).strip(), n))
            else:
                raise self.error(n, f"malformed citation in {text!r}; write [^1,3]")
        buf.append(text[pos:])
        if bold:
            raise self.error(n, f"unclosed '**' in {text!r}")
        _push(spans, "".join(buf), "text")
        return tuple(spans)

    def cite(self, body: str, n: int) -> Span:
        if _CITE_GROUP.match(body):
            return Span(body, kind="cite")  # compose resolves @N to source keys
        if _CITE_KEYS.match(body):
            return Span("", kind="cite", keys=tuple(int(k) for k in body.split(",")))
        raise self.error(n, f"malformed citation [^{body}]; write [^1,3]")


def parse(text: str, template_file: str) -> tuple[Block, ...]:
    """Parse rendered template text into Blocks; TemplateError names `template_file` and line."""
    parser = _Parser(template_file)
    for n, raw in enumerate(text.splitlines(), start=1):
        parser.line(n, raw)
    parser.flush()
    if parser.fence_role:
        raise parser.error(parser.fence_line, f"'::: {parser.fence_role}' is never closed")
    return tuple(parser.blocks)


def _push(spans: list[Span], text: str, kind: str) -> None:
    if text:
        if spans and spans[-1].kind == kind == "text":
            spans[-1] = Span(spans[-1].text + text)
        else:
            spans.append(Span(text, kind=kind))


def _split_cells(inner: str) -> list[str]:
    """Split a row's inside on '|' that is not escaped."""
    cells, buf, i = [], [], 0
    while i < len(inner):
        ch = inner[i]
        if ch == "\\" and i + 1 < len(inner):
            buf.append(inner[i : i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    cells.append("".join(buf))
    return cells


def _join_lines(lines: list[str]) -> str:
    """Join paragraph lines: no space between CJK characters, one space otherwise."""
    out = lines[0]
    for line in lines[1:]:
        sep = "" if _is_cjk(out[-1]) or _is_cjk(line[0]) else " "
        out += sep + line
    return out


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def _with_role(block: Block, role: str, *, force: bool = False) -> Block:
    if block.role and not force:
        return block
    return replace(block, role=role)
