"""A reference document (pandoc's --reference-doc): an office's own DOCX whose styles win.

Only styles are taken (document defaults, latent styles and every w:style by id); the reference
document's text, page setup and headers are ignored. Styles the reference does not define keep
the writer's definitions, so a letterhead .docx may restyle Normal and Heading 1 and nothing else.
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn

from briefing.errors import ConfigError


def apply_reference_styles(document: DocumentObject, path: str | Path) -> int:
    """Replace `document`'s styles by those of the DOCX at `path`; return how many were taken."""
    try:
        reference = docx.Document(str(path))
    except Exception as err:  # python-docx raises several types for a bad package
        raise ConfigError(f"reference_doc is not a readable .docx: {err}", file=str(path)) from err
    ours, theirs = document.styles.element, reference.styles.element
    for tag in ("w:docDefaults", "w:latentStyles"):
        replace_child(ours, theirs.find(qn(tag)), ours.find(qn(tag)))
    by_id = {s.get(qn("w:styleId")): s for s in ours.findall(qn("w:style"))}
    taken = 0
    for style in theirs.findall(qn("w:style")):
        replace_child(ours, style, by_id.get(style.get(qn("w:styleId"))))
        taken += 1
    return taken


def replace_child(parent: object, new: object | None, old: object | None) -> None:
    """Put a copy of `new` where `old` is (or at the end); nothing when `new` is None."""
    if new is None:
        return
    clone = copy.deepcopy(new)
    if old is not None:
        old.addprevious(clone)  # type: ignore[attr-defined]
        parent.remove(old)  # type: ignore[attr-defined]
    else:
        parent.append(clone)  # type: ignore[attr-defined]
