"""Stage 4, compose: Corpus + audience Template → Briefing (blocks, charts, sources, statements).

Contract:
    compose(corpus: Corpus, template: Template, issue_date: date) -> Briefing

Sections are rendered in template order; if the body is longer than `max_body_chars`, items of
the lowest-priority section are dropped one at a time (whole items, never part of a sentence,
so a kept figure keeps its citation) until it fits. Sources are numbered by first citation.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
import re
from collections.abc import Callable
from typing import Any

from briefing.compose import kinds
from briefing.compose import sections as sec
from briefing.compose.citations import CitationRegistry, number_sources, resolve, source_entries
from briefing.compose.markup import plain_text
from briefing.compose.material import Material, Section
from briefing.compose.punctuation import chinese_punctuation, punctuation_for
from briefing.compose.templates import Raw, Template, fill
from briefing.compose.views import ChartData, subject_word
from briefing.compose.whats_new import WhatsNew, summarize
from briefing.errors import TemplateError
from briefing.models import (
    Article,
    Block,
    Briefing,
    ChartSeries,
    ChartSpec,
    Corpus,
    Masthead,
    Span,
)
from briefing.printed import MIN_PART, core, printed_body, run_text, statement_runs
from briefing.reissue.changes import Changes

log = logging.getLogger(__name__)
_DIGITS = re.compile(r"\d")


def compose(corpus: Corpus, template: Template, issue_date: _dt.date, *,
            issue_number: int | None = None, changes: Any = None,
            page_count: Callable[[Briefing], int] | None = None) -> Briefing:
    """Pick, order and word the corpus for one audience template.

    `issue_number` is the archive's issue counter (build() passes it; without it the 期号
    follows `masthead.issue_number`); `changes` (briefing.reissue.changes.Changes) is what's new
    since the previous issue, `changes` in every section's context. `page_count` measures a
    composed brief (build passes the PDF layout); with it, a template's `max_pages` is met by
    dropping whole items of the lowest-priority section.
    """
    articles = {a.id: a for a in corpus.articles}
    material = sec.build_material(corpus, template, {i: source_name(a) for i, a in articles.items()},
                                  issue_date)
    news = summarize(changes, corpus, sec.number_style(template), template.language,
                     int(dict(template.get("whats_new", {})).get("max_lines", 6)))
    specs = sec.section_specs(template)
    caps = {s.index: s.cap for s in specs}
    max_chars = template.limits.get("max_body_chars")
    max_pages = template.limits.get("max_pages") if page_count else None
    repeats: frozenset[str] = frozenset()
    while True:
        blocks, registry, counts, runs = _render_all(template, specs, caps, material, articles,
                                                     issue_date, changes, repeats, news)
        more = repeated_runs(runs) - repeats
        if more and len(repeats) < _MAX_REPEATS:  # leave the repeated items out, render again
            repeats |= more
            continue
        if max_chars is not None and body_length(blocks) > max_chars \
                and _trim_one(specs, caps, counts):
            continue
        briefing = _assemble(template, material, blocks, registry, articles, issue_date,
                             issue_number)
        if max_pages is None or page_count is None:
            break
        pages = page_count(briefing)
        if pages <= max_pages:
            break
        if not _trim_one(specs, caps, counts):
            log.warning("%s: %d pages, over max_pages %d with nothing left to trim",
                        template.name, pages, max_pages)
            break
    if max_chars is not None and body_length(briefing.blocks) > max_chars:
        log.warning("%s: body is %d characters, over max_body_chars %d after trimming",
                    template.name, body_length(briefing.blocks), max_chars)
    return briefing


def _assemble(template: Template, material: Material, blocks: tuple[Block, ...],
              registry: CitationRegistry, articles: dict[str, Article],
              issue_date: _dt.date, counter: int | None = None) -> Briefing:
    """The Briefing of rendered blocks: charts, cleaned text, resolved citations, sources."""
    placed = {b.chart_id for b in blocks if b.kind == "chart"}
    charts = _chart_specs(template, material, registry, articles, placed)
    blocks, statements = resolve(tuple(_clean_block(b, template.language) for b in blocks),
                                 registry)
    return Briefing(
        audience=template.name,
        title=punctuation_for(_title(template, blocks, issue_date), template.language),
        date=issue_date.isoformat(),
        language=template.language,
        style=str(template.get("style", "gongwen")),
        masthead=masthead(template, issue_date, counter),
        blocks=blocks,
        charts=charts,
        sources=source_entries(registry, articles, template.language),
        statements=statements,
        labels=tuple((str(k), str(v)) for k, v in dict(template.get("labels", {})).items()),
        reference_doc=reference_doc(template),
    )


def reference_doc(template: Template) -> str:
    """`reference_doc` of template.toml: a .docx found like any template file (this folder,
    then the ones it extends); its styles replace the DOCX writer's. "" when not set."""
    name = str(template.get("reference_doc", ""))
    if not name:
        return ""
    for folder in template.chain:
        if (folder / name).is_file():
            return str((folder / name).resolve())
    raise TemplateError(f"reference_doc {name!r} not found in {template.search_path()}",
                        file=template.config_file)


def body_length(blocks: tuple[Block, ...]) -> int:
    """Characters of printed block text (headings, lists, tables, source list), no whitespace."""
    total = 0
    for block in blocks:
        runs = [block.spans, *block.items, *(cell for row in block.rows for cell in row)]
        total += sum(len("".join(plain_text(r).split())) for r in runs)
    return total


def source_name(article: Article) -> str:
    """How a brief names an article in running text: outlet, site or title (without digits).

    "" when it has none of them: never its file name (templates word the unnamed case).
    """
    for name in (article.outlet, article.site, article.title):
        if name and not _DIGITS.search(name):
            return chinese_punctuation(name)
    return ""


def masthead(template: Template, issue_date: _dt.date, counter: int | None = None) -> Masthead:
    """报头 and 报尾 text from [masthead], with the 期号 derived from the issue date."""
    m = dict(template.get("masthead", {}))
    distribution = tuple((str(a), str(b)) for a, b in m.get("distribution", ()))
    return Masthead(
        name=str(m.get("name", "")),
        issuer=str(m.get("issuer", "")),
        issue_no=issue_number(template, issue_date, counter),
        classification=str(m.get("classification", "")),
        distribution=distribution,
    )


def issue_number(template: Template, issue_date: _dt.date, counter: int | None = None) -> str:
    """期号 from `masthead.issue_no` ("{year}年第{n}期") and `masthead.issue_number`.

    With `counter` (the archive's issue number, see briefing.reissue.issues) n is the counter and year
    the year of issue. Without it, issue_number = "iso_week" (default: n = ISO week, year =
    ISO year), "day_of_year", or "month".
    """
    m = dict(template.get("masthead", {}))
    pattern = str(m.get("issue_no", ""))
    scheme = m.get("issue_number", "iso_week")
    iso = issue_date.isocalendar()
    numbers = {
        "iso_week": (iso.year, iso.week),
        "day_of_year": (issue_date.year, issue_date.timetuple().tm_yday),
        "month": (issue_date.year, issue_date.month),
    }
    if scheme not in numbers:
        raise TemplateError(f"masthead.issue_number must be one of {', '.join(numbers)}, "
                            f"got {scheme!r}", file=template.config_file)
    year, n = numbers[scheme]
    if counter is not None:
        year, n = issue_date.year, counter
    return _format(template, pattern, "masthead.issue_no", year=year, n=n)


def _title(template: Template, blocks: tuple[Block, ...], issue_date: _dt.date) -> str:
    """The title pattern filled in; `{headline}` is the headline section's printed sentence."""
    lead = next((b for b in blocks if b.role == "lead"), None)
    headline = plain_text(lead.spans).strip().rstrip("。.") if lead else ""
    m = dict(template.get("masthead", {}))
    return _format(template, str(template.get("title", "{headline}")), "title",
                   kind=template.get("kind", ""), headline=headline, year=issue_date.year,
                   name=m.get("name", ""))


def _format(template: Template, pattern: str, key: str, **values: Any) -> str:
    # Filled in the jinja2 sandbox, never by str.format (which reaches Python internals).
    return fill(template, pattern, key, **values)


# --------------------------------------------------------------------------- rendering


def _render_all(
    template: Template,
    specs: list[Section],
    caps: dict[int, int],
    material: Material,
    articles: dict[str, Article],
    issue_date: _dt.date,
    changes: Any = None,
    repeats: frozenset[str] = frozenset(),
    news: WhatsNew | None = None,
) -> tuple[tuple[Block, ...], CitationRegistry, dict[int, int], dict[int, list[str]]]:
    """Render body sections, number their sources, then the sources/appendix sections.

    The helpers go in the context of each render, never into the template's (shared) jinja2
    environment: `cite` records into this render's own registry. Items whose words stand in
    one of `repeats` (cores of statements printed elsewhere) are left out. Also returns the
    cores of the statements each list section printed (for repeated_runs).
    """
    registry = CitationRegistry()
    common = {**_common_context(template, material, issue_date), "changes": changes or Changes(),
              "whats_new": news or WhatsNew(None, None),
              "cite": registry.cite, "chart": _chart_marker}
    rendered: dict[int, tuple[Block, ...]] = {}
    counts: dict[int, int] = {}
    for phase_post in (False, True):
        post: dict[str, Any] = {"repeats": repeats}
        if phase_post:
            body = tuple(b for i in sorted(rendered) for b in rendered[i])
            number_sources(body, registry)
            printed = printed_body(body)
            quoted = sec.note_quoted(body, registry.refs_of, printed)
            post |= {"sources": source_entries(registry, articles, template.language),
                     "appendix": sec.appendix_entries(
                         registry.groups, registry.numbering, printed, quoted,
                         {i: a.text for i, a in articles.items()})}
        for spec in specs:
            if kinds.get(spec.kind).post != phase_post or caps[spec.index] <= 0:
                continue
            variables = sec.section_items(spec, material, caps[spec.index], post)
            if variables is None:
                continue
            counts[spec.index] = sec.item_count(spec, variables)
            rendered[spec.index] = sec.render_section(template, spec, variables, common)
    blocks = tuple(b for i in sorted(rendered) for b in rendered[i])
    runs = {spec.index: [core(run_text(r)) for b in rendered[spec.index]
                         if b.kind != "heading" for r in statement_runs(b)]
            for spec in specs if spec.index in rendered and kinds.get(spec.kind).has_items
            and not kinds.get(spec.kind).post}
    return blocks, registry, counts, runs


#: statements left out as repeats at most (a guard: each render leaves out more)
_MAX_REPEATS = 500


def repeated_runs(runs: dict[int, list[str]]) -> frozenset[str]:
    """Cores of statements whose words another statement of the brief prints: one that
    stands inside a longer one, or the later of two equal ones (a sentence is printed once)."""
    flat = [(i, c) for i in sorted(runs) for c in runs[i] if len(c) >= MIN_PART]
    out = set()
    for n, (_, text) in enumerate(flat):
        for m, (_, other) in enumerate(flat):
            if n != m and text in other and (len(text) < len(other) or n > m):
                out.add(text)
                break
    return frozenset(out)


def _common_context(template: Template, material: Material,
                    issue_date: _dt.date) -> dict[str, Any]:
    return {
        "audience": template.name,
        "lang": template.language,
        "issue_date": issue_date.isoformat(),
        "labels": dict(template.get("labels", {})),
        "masthead": dict(template.get("masthead", {})),
        "settings": {k: v for k, v in template.config.items() if not k.startswith("_")},
        "headline": material.headline,
        "data": material.namespace(),
    }


def _clean_block(block: Block, language: str = "zh") -> Block:
    """A block in the punctuation of its language (punctuation_for: Chinese text in
    full-width marks; in an English brief only what is quoted), cites untouched."""
    def clean(spans: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(dataclasses.replace(s, text=punctuation_for(s.text, language))
                     if s.kind != "cite" else s for s in spans)

    return dataclasses.replace(
        block, spans=clean(block.spans), items=tuple(clean(i) for i in block.items),
        rows=tuple(tuple(clean(c) for c in row) for row in block.rows))


def _chart_marker(chart_id: str) -> Raw:
    """Template helper `chart(id)`: the line that places chart `id` (markup.parse)."""
    return Raw(f"[[chart:{chart_id}]]")


def _trim_one(specs: list[Section], caps: dict[int, int], counts: dict[int, int]) -> bool:
    """Drop one item from the lowest-priority trimmable section that holds more than its
    `keep`; False when nothing is left to drop."""
    candidates = [s for s in specs if kinds.get(s.kind).trimmable and s.index in counts
                  and min(caps[s.index], counts[s.index]) > s.keep]
    if not candidates:
        return False
    victim = min(candidates, key=lambda s: (s.priority, -s.index))
    caps[victim.index] = min(caps[victim.index], counts[victim.index]) - 1
    return True


def _chart_specs(template: Template, material: Material, registry: CitationRegistry,
                 articles: dict[str, Article], placed: set[str]) -> tuple[ChartSpec, ...]:
    """A ChartSpec for every chart the brief places and the corpus supports."""
    translate = template.env.filters["tr"]
    labels = dict(template.get("labels", {}))
    out = []
    for chart_id, data in material.charts.items():
        if chart_id not in placed:
            continue
        spec = dict(template.get("charts", {})).get(chart_id, {})
        keys = registry.keys_for(data.refs)
        names = "；".join(n for n in dict.fromkeys(source_name(articles[r.article_id])
                                                 for r in data.refs) if n)
        out.append(ChartSpec(
            id=chart_id,
            title=chinese_punctuation(str(spec.get("title", translate(data.metric)))),
            kind=str(spec.get("kind", "line")),
            series=getattr(data, "series", ()) or (ChartSeries(translate(subject_word(
                data.subject, template.language)) or translate(data.metric), data.points),),
            x_label=str(spec.get("x_label", "")),
            y_label=str(spec.get("y_label", translate(data.metric))),
            invert_y=bool(spec.get("invert_y", data.unit == "rank")),
            source_keys=keys,
            note=f"{labels.get('chart_source', '')}{names}",
        ))
    return tuple(out)


__all__ = ["ChartData", "body_length", "compose", "issue_number", "masthead", "source_name"]
