"""JsonWriter: the audit record — every statement with the source sentences behind it."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.models import Briefing, ChartSeries, Fact, SourceRef
from briefing.render.base import RenderContext


class JsonWriter:
    """brief.json: statements → citations (file, article id, sentence, span), charts, sources."""

    name = "json"
    suffix = ".json"
    help = "audit record: every statement with its source sentences and character spans"
    uses_chart_widths = False

    def write(self, briefing: Briefing, ctx: RenderContext, path: Path) -> None:
        """Write the audit record as UTF-8 JSON (ensure_ascii False, indent 2)."""
        text = json.dumps(audit_record(briefing), ensure_ascii=False, indent=2)
        path.write_text(text + "\n", encoding="utf-8")


def audit_record(briefing: Briefing) -> dict[str, object]:
    """The audit record as plain data."""
    return {
        "audience": briefing.audience,
        "title": briefing.title,
        "date": briefing.date,
        "language": briefing.language,
        "statements": [
            {"text": s.text, "kind": s.kind, "facts": [fact(f) for f in s.facts],
             "citations": [_marked(citation(r), briefing) for r in s.citations]}
            for s in briefing.statements
        ],
        "charts": [
            {
                "id": c.id,
                "title": c.title,
                "kind": c.kind,
                "invert_y": c.invert_y,
                "series": [series_record(s) for s in c.series],
                "caption": c.note,
                "source_keys": list(c.source_keys),
            }
            for c in briefing.charts
        ],
        "sources": [
            {
                "key": e.key,
                "file": e.file,
                "article_id": e.article_id,
                "title": e.title,
                "outlet": e.outlet,
                "date": e.date,
                "url": e.url,
                "site": e.site,
                "author": e.author,
                **({"opening": e.opening} if e.opening else {}),
            }
            for e in briefing.sources
        ],
        **({"corrections": corrections_record(briefing)} if briefing.corrections else {}),
    }


def _marked(cited: dict[str, object], briefing: Briefing) -> dict[str, object]:
    """A citation with the ids of staff corrections made to figures of its sentence."""
    ids = [c.id for c in briefing.corrections
           if (c.file, c.start, c.end) == (cited["file"], cited["start"], cited["end"])]
    return {**cited, "corrections": ids} if ids else cited


def corrections_record(briefing: Briefing) -> list[dict[str, object]]:
    """Each applied correction: the figure, the extracted value kept beside the corrected one."""
    return [
        {"id": c.id, "kind": c.kind, "decision": c.decision, "file": c.file,
         "sentence": c.sentence, "start": c.start, "end": c.end, "raw": c.raw, "wrong": c.wrong,
         "extracted": dict(c.extracted), "corrected": dict(c.corrected), "note": c.note,
         **({"reviewer": c.reviewer} if c.reviewer else {}), **({"at": c.at} if c.at else {})}
        for c in briefing.corrections
    ]


def citation(ref: SourceRef) -> dict[str, object]:
    """One citation: where the sentence is and what it says."""
    return {
        "file": ref.file,
        "article_id": ref.article_id,
        "sentence": ref.sentence,
        "start": ref.start,
        "end": ref.end,
    }


def series_record(series: ChartSeries) -> dict[str, object]:
    """A chart series as drawn: its points, plus a timeline's event texts and stage ends."""
    record: dict[str, object] = {"name": series.name, "points": [[x, y] for x, y in series.points]}
    if series.labels:
        record["labels"] = list(series.labels)
    if series.ends:
        record["ends"] = list(series.ends)
    if any(series.open_ends):
        record["open_ends"] = list(series.open_ends)
    return record


def fact(f: Fact) -> dict[str, object]:
    """One figure a statement prints: metric, subject, period, value, unit, qualifier, and how
    far its sources state it (grade, the ids of the rules that found it)."""
    return {"metric": f.metric, "subject": f.subject, "period": f.period, "value": f.value,
            "unit": f.unit, "qualifier": f.qualifier, "grade": f.grade, "rules": list(f.rules)}
