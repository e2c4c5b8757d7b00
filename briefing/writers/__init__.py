"""Stage 5, render: Briefing → out/<audience>/<name>.docx, .pdf and .json (the audit record).

Contract:
    write_briefing(briefing: Briefing, dest_dir: Path) -> list[Path]
        writes every registered writer's file atomically (temp file, then os.replace)
"""

from __future__ import annotations
