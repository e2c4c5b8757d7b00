"""Regional glyph forms for a pan-CJK font: make its cmap point at the Simplified-Chinese shapes.

A Noto Sans CJK JP/TC file covers every Chinese character, but its cmap gives the Japanese or
Traditional shapes (与 全 化 高 … differ in strokes). The Simplified-Chinese shapes are in the
same file, reached through the OpenType `locl` feature for the language system ZHS. reportlab
does no shaping, so the substitution is applied to the cmap itself before subsetting. For a font
that is already Simplified Chinese (Noto Sans SC) there is no ZHS `locl` and nothing changes.
"""

from __future__ import annotations

from fontTools.ttLib import TTFont

#: OpenType language-system tag of Simplified Chinese
SIMPLIFIED_CHINESE = "ZHS"


def locl_substitutions(font: TTFont, language: str = SIMPLIFIED_CHINESE) -> dict[str, str]:
    """glyph name → glyph name of the single substitutions of `locl` for `language`."""
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    if not table.ScriptList or not table.FeatureList or not table.LookupList:
        return {}
    lookups: set[int] = set()
    for script in table.ScriptList.ScriptRecord:
        for lang in script.Script.LangSysRecord:
            if lang.LangSysTag.strip() != language:
                continue
            for index in lang.LangSys.FeatureIndex:
                record = table.FeatureList.FeatureRecord[index]
                if record.FeatureTag == "locl":
                    lookups.update(record.Feature.LookupListIndex)
    mapping: dict[str, str] = {}
    for index in sorted(lookups):
        for sub in table.LookupList.Lookup[index].SubTable:
            sub = getattr(sub, "ExtSubTable", sub)  # extension lookups wrap the real one
            mapping.update(getattr(sub, "mapping", None) or {})
    return mapping


def localise_cmap(font: TTFont, language: str = SIMPLIFIED_CHINESE) -> int:
    """Point every cmap entry with a `locl` form for `language` at that form; return how many."""
    mapping = locl_substitutions(font, language)
    if not mapping or "cmap" not in font:
        return 0
    changed = 0
    for subtable in font["cmap"].tables:
        if not subtable.isUnicode():
            continue
        for code, glyph in list(subtable.cmap.items()):
            if glyph in mapping:
                subtable.cmap[code] = mapping[glyph]
                changed += 1
    return changed
