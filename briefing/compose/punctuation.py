"""Clean Chinese text on the page: full-width punctuation and Chinese quotation marks.

Source pages mix ASCII and full-width forms ("加强集约化建设,从统一入口到资源融通",
"《张楠:中国电子政务…》", "(1981年—1992年)", 「…」). What a brief prints in Chinese uses one
form: ，：；（）？！ and “…” ‘…’. A mark is Chinese when a Chinese character stands next to it
(spaces skipped), so English text, decimals (0.7948), thousands separators (1,319), times
(10:30) and URLs (https://…) are left alone. Only the printed text changes: the audit
record's citations keep the source sentence as it was.
"""

from __future__ import annotations

import re

# Han characters and CJK punctuation/fullwidth forms count as "Chinese" neighbours.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARK = re.compile(rf"(?<=[{_CJK}]) *([,:;?!()]) *| *([(]) *(?=[{_CJK}])"
                   rf"| *([,:;?!)]) *(?=[{_CJK}])")
_CORNER = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
_ASCII_QUOTED = re.compile(rf'"([^"\n]*[{_CJK}][^"\n]*)"')
_HAS_CJK = re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff]")
#: brackets left empty (an emoji the reader blanked out, "网(🎂)络" → "网( )络")
_EMPTY_BRACKETS = re.compile(r"[(（][ \u3000]*[)）]")


def chinese_punctuation(text: str) -> str:
    """`text` with ASCII punctuation next to Chinese made full-width, and Chinese quotes."""
    if not _HAS_CJK.search(text):
        return text
    text = _EMPTY_BRACKETS.sub("", text.translate(_CORNER))
    text = _ASCII_QUOTED.sub(lambda m: f"“{m.group(1)}”", text)
    text = _MARK.sub(lambda m: _HALF_TO_FULL[next(g for g in m.groups() if g)], text)
    return _balance_parentheses(text)


_QUOTED_SPAN = re.compile(r"“[^“”]*”|《[^《》]*》")


def punctuation_for(text: str, language: str) -> str:
    """`text` in the punctuation of its brief's language: a Chinese brief's text through
    chinese_punctuation; an English brief's only inside its quotation and title marks (a
    quoted Chinese sentence keeps its own marks, the English around it keeps colons and
    commas: "New figure: …", never "New figure：…")."""
    if language != "en":
        return chinese_punctuation(text)
    return _QUOTED_SPAN.sub(lambda m: chinese_punctuation(m.group(0)), text)


def _balance_parentheses(text: str) -> str:
    """A pair opened full-width closes full-width ("（1981年—1992年)" → "（1981年—1992年）")."""
    out, opened = [], []
    for ch in text:
        if ch in "(（":
            opened.append(ch)
        elif ch in ")）" and opened:
            ch = "）" if opened.pop() == "（" else ")"
        out.append(ch)
    # An ASCII "(" whose pair was made full-width becomes full-width too.
    result = "".join(out)
    return re.sub(r"\(([^()（）]*)）", r"（\1）", result)


__all__ = ["chinese_punctuation", "punctuation_for"]
