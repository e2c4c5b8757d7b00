"""Scoring extraction against a hand-made gold file (the `eval` command and the CI gate).

Contract:
    evaluate(gold_path, articles_dir) -> scores    read, extract and score a folder
    score_articles(gold, articles) -> scores       extract and score articles already read
    below_floors(scores, floors) -> problems       the CI gate; pin_floors re-pins the floors

Matching rules (documented here because the floors in tests/eval_floors.json depend on them):
    figures       same article, value within 1e-6 relative, and the figure's cited sentence
                  contains the gold evidence (both normalized: NFKC, simplified, no spaces).
                  One extracted figure matches at most one gold fact.
    key_figures   gold facts with key: true, matched as above by an extracted figure that is
                  key (Figure.key, set by briefing.extract.salience); precision over extracted
                  key figures.
    figures.<attr> for each gold fact found (the first extracted figure of the article that
                  matches value and evidence, as in ../shared/tools/score_facts_strict.py),
                  the share whose attribute is right: period (same text, year or YYYY-MM),
                  subject (folded gold subject inside the extracted one or the reverse,
                  我国 = 全国 = 中国), unit (same word), metric (one of the gold's `terms` in
                  the extracted label, English terms also by their Chinese label), qualifier
                  (same, default exact); `whole` when all five are right. The share is of
                  the gold facts found; key_figures.whole is of all gold key facts (a key
                  figure not found is not whole), as in the strict scorer.
    enumerations  gold items; an extracted item of the same article matches when, after
                  normalization and removing punctuation, one contains the other or at least
                  60% of the gold item's character bigrams occur in it.
    quotations    (article, speaker) pairs; the role must match the same fuzzy way.
    metadata.*    per field; a value counts when it equals the gold value after normalization
                  (site: lower case, without "www."); a value where gold says null is a false
                  positive.
    themes        (article, theme) pairs, for the themes the gold names; a mention stands for
                  the gold theme of its name and for every gold theme with a term that
                  contains the term it was found by or is contained in it. An article of the gold (any article in its metadata)
                  tagged with one it is not listed under is a false positive.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ConfigError
from briefing.extract import extract
from briefing.models import Article, Extraction, Figure
from briefing.read import read_articles
from briefing.read.glosses import strip_glosses

METADATA_FIELDS = ("title", "date", "outlet", "author", "site")
FUZZY_BIGRAM_SHARE = 0.6
VALUE_TOLERANCE = 1e-6
REPO_ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- normalization


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def normalize_text(text: str) -> str:
    """Comparison form: without reading glosses (a gold copied from a content farm's page
    keeps its 數(shù)據(jù); the reader removes them), NFKC (full-width → half-width),
    simplified Chinese, no whitespace."""
    return "".join(_t2s().convert(unicodedata.normalize("NFKC", strip_glosses(text))).split())


_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def _bare(text: str) -> str:
    return _PUNCT.sub("", normalize_text(text))


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def fuzzy_match(gold: str, found: str) -> bool:
    """Containment either way, or ≥60% of the gold text's character bigrams found."""
    g, f = _bare(gold), _bare(found)
    if not g or not f:
        return False
    if g in f or f in g:
        return True
    return len(_bigrams(g) & _bigrams(f)) / len(_bigrams(g)) >= FUZZY_BIGRAM_SHARE


def values_equal(a: float, b: float) -> bool:
    """Equal within 1e-6 relative."""
    return math.isclose(float(a), float(b), rel_tol=VALUE_TOLERANCE, abs_tol=1e-12)


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True, slots=True)
class Score:
    """True positives, false positives, false negatives and the ratios they give."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was extracted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when the gold has nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def as_dict(self) -> dict[str, float | int]:
        """The JSON form: precision, recall, tp, fp, fn."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _one_to_one(
    golds: Sequence[Any], founds: Sequence[Any], same: Callable[[Any, Any], bool]
) -> Score:
    """Greedy matching, each found item used once."""
    used: set[int] = set()
    tp = 0
    for g in golds:
        for i, f in enumerate(founds):
            if i not in used and same(g, f):
                used.add(i)
                tp += 1
                break
    return Score(tp, len(founds) - len(used), len(golds) - tp)


def _figure_matches(gold: dict[str, Any], figure: tuple[str, Figure]) -> bool:
    file, fig = figure
    return (
        file == gold["article"]
        and values_equal(fig.value, gold["value"])
        and normalize_text(str(gold["evidence"])) in normalize_text(fig.ref.sentence)
    )


def score_figures(gold: dict[str, Any], extractions: Sequence[Extraction]) -> dict[str, Score]:
    """Figures and key figures."""
    facts = gold.get("facts") or []
    files = {f["article"] for f in facts}
    found = [(x.file, f) for x in extractions if x.file in files for f in x.figures]
    key_found = [(file, f) for file, f in found if f.key]
    key_gold = [f for f in facts if f.get("key")]
    return {
        "figures": _one_to_one(facts, found, _figure_matches),
        "key_figures": _one_to_one(key_gold, key_found, _figure_matches),
    }


def score_enumerations(gold: dict[str, Any], extractions: Sequence[Extraction]) -> Score:
    """Enumeration items, fuzzy-matched within the same article."""
    golds = [(e["article"], item) for e in gold.get("enumerations") or [] for item in e["items"]]
    files = {file for file, _ in golds}
    found = [
        (x.file, f"{item.heading} {item.text}")
        for x in extractions
        if x.file in files
        for enum in x.enumerations
        for item in enum.items
    ]
    return _one_to_one(golds, found, lambda g, f: g[0] == f[0] and fuzzy_match(g[1], f[1]))


def score_quotes(gold: dict[str, Any], extractions: Sequence[Extraction]) -> Score:
    """Quoted speakers per article, with a fuzzily matching role."""
    golds = [(q["article"], q["speaker"], q.get("role") or "") for q in gold.get("quotes") or []]
    files = {g[0] for g in golds}
    found = list(
        dict.fromkeys(
            (x.file, q.speaker, q.role or "")
            for x in extractions
            if x.file in files
            for q in x.quotes
        )
    )

    def same(g: tuple[str, str, str], f: tuple[str, str, str]) -> bool:
        role_ok = (not g[2] and not f[2]) or bool(g[2] and f[2] and fuzzy_match(g[2], f[2]))
        return g[0] == f[0] and _bare(g[1]) == _bare(f[1]) and role_ok

    return _one_to_one(golds, found, same)


def _metadata_value(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = normalize_text(str(value))
    if field == "site":
        text = text.lower().removeprefix("www.")
    return text


def score_metadata(gold: dict[str, Any], articles: Sequence[Article]) -> dict[str, Score]:
    """Per metadata field, and all fields together as `metadata`."""
    by_file = {a.file: a for a in articles}
    counts = {field: [0, 0, 0] for field in METADATA_FIELDS}
    for entry in gold.get("metadata") or []:
        article = by_file.get(entry["article"])
        for field in METADATA_FIELDS:
            want = _metadata_value(field, entry.get(field))
            got = _metadata_value(field, getattr(article, field, None)) if article else None
            tp_fp_fn = counts[field]
            if got is not None and got == want:
                tp_fp_fn[0] += 1
                continue
            if got is not None:
                tp_fp_fn[1] += 1
            if want is not None:
                tp_fp_fn[2] += 1
    scores = {f"metadata.{field}": Score(*c) for field, c in counts.items()}
    scores["metadata"] = Score(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return scores


def _theme_of(mention_theme: str, term: str, gold_themes: list[dict[str, Any]]) -> list[str]:
    """The gold themes a mention stands for: the one of the same name, and every one with a
    term that contains the mention's term or is contained in it (a gold made elsewhere
    names its themes its own way; its terms say what each covers)."""
    folded = normalize_text(term).lower()

    def covers(gold_term: Any) -> bool:  # 电子政务调查 ~ 联合国电子政务调查
        g = normalize_text(str(gold_term)).lower()
        return bool(g) and (g in folded or folded in g) and min(len(g), len(folded)) >= 2

    return [
        t["theme"]
        for t in gold_themes
        if t["theme"] == mention_theme or any(covers(x) for x in t.get("terms") or [])
    ]


def score_themes(gold: dict[str, Any], extractions: Sequence[Extraction]) -> Score:
    """(article, theme) pairs, over the themes the gold annotates (others cannot be judged)."""
    gold_themes = gold.get("themes") or []
    golds = {(file, t["theme"]) for t in gold_themes for file in t["articles"]}
    files = {file for file, _ in golds} | {m["article"] for m in gold.get("metadata") or []}
    found = {
        (x.file, theme)
        for x in extractions
        if x.file in files
        for m in x.themes
        for theme in _theme_of(m.theme, m.term, gold_themes)
    }
    tp = len(golds & found)
    return Score(tp, len(found) - tp, len(golds) - tp)


def score_all(
    gold: dict[str, Any], articles: Sequence[Article], extractions: Sequence[Extraction]
) -> dict[str, Score | Share]:
    """Every category's score: Score (precision/recall) or Share (figure attributes)."""
    scores: dict[str, Score | Share] = dict(score_figures(gold, extractions))
    scores["enumerations"] = score_enumerations(gold, extractions)
    scores["quotations"] = score_quotes(gold, extractions)
    scores.update(score_metadata(gold, articles))
    scores["themes"] = score_themes(gold, extractions)
    scores.update(score_attributes(gold, extractions))
    return scores


# --------------------------------------------------------------------------- attributes


@dataclass(frozen=True, slots=True)
class Share:
    """How many of `of` items are right; the `share` is what floors are set on."""

    right: int
    of: int

    @property
    def share(self) -> float:
        """right / of; 1.0 when there is nothing to judge."""
        return self.right / self.of if self.of else 1.0

    def as_dict(self) -> dict[str, float | int]:
        """The JSON form: share, right, of."""
        return {"share": round(self.share, 4), "right": self.right, "of": self.of}


FIGURE_ATTRIBUTES = ("period", "subject", "unit", "metric", "qualifier")
# The strict scorer's folds: the gold writes 中国 where articles say 我国/全国/China.
SUBJECT_ALIASES = {
    "我国": "中国",
    "全国": "中国",
    "china": "中国",
    "denmark": "丹麦",
    "unitedkingdom": "英国",
    "uk": "英国",
    "unitednations": "联合国",
    "memberstates": "会员国",
    "estonia": "爱沙尼亚",
}
# English gold terms may be met by the Chinese canonical label the extractor prints.
TERM_IN_CHINESE = {
    "ranking": "排名",
    "rank": "排名",
    "e-governmentdevelopmentindex": "电子政务发展指数",
    "egdi": "电子政务发展指数",
    "onlineserviceindex": "在线服务指数",
    "uk": "英国",
    "unitedkingdom": "英国",
    "places": "位",
    "datasources": "数据资源",
    "dataresources": "数据资源",
    "share": "共享",
    "transfer": "调用",
}


def _fold(value: Any) -> str:
    """The strict scorer's comparison form: NFKC, lower case, no spaces, subject aliases."""
    text = "".join(unicodedata.normalize("NFKC", str(value or "")).lower().split())
    return SUBJECT_ALIASES.get(text, text)


def attribute_checks(gold: dict[str, Any], fig: Figure) -> dict[str, bool]:
    """Which of the five attributes of a found figure agree with its gold fact."""
    got_subject, want_subject = _fold(fig.subject), _fold(gold.get("subject"))
    metric = _fold(fig.metric)
    return {
        "period": str(gold.get("period") or "") == str(fig.period or ""),
        "subject": bool(got_subject)
        and (want_subject in got_subject or got_subject in want_subject),
        "unit": gold.get("unit") == fig.unit,
        "metric": any(
            _fold(t) in metric or TERM_IN_CHINESE.get(_fold(t), "\0") in metric
            for t in gold.get("terms") or []
        ),
        "qualifier": (gold.get("qualifier") or "exact") == (fig.qualifier or "exact"),
    }


def score_attributes(gold: dict[str, Any], extractions: Sequence[Extraction]) -> dict[str, Share]:
    """Per attribute, the share of found gold figures that have it right; and `whole`."""
    facts = gold.get("facts") or []
    found = [(x.file, f) for x in extractions for f in x.figures]
    right = dict.fromkeys((*FIGURE_ATTRIBUTES, "whole"), 0)
    n_found = key_whole = 0
    for fact in facts:
        hit = next((f for f in found if _figure_matches(fact, f)), None)
        if hit is None:
            continue
        n_found += 1
        checks = attribute_checks(fact, hit[1])
        for name, ok in checks.items():
            right[name] += ok
        whole = all(checks.values())
        right["whole"] += whole
        key_whole += whole and bool(fact.get("key"))
    scores = {f"figures.{name}": Share(n, n_found) for name, n in right.items()}
    scores["key_figures.whole"] = Share(key_whole, sum(bool(f.get("key")) for f in facts))
    return scores


# --------------------------------------------------------------------------- commands


def load_yaml(path: Path, what: str) -> Any:
    """Read a YAML (or JSON) file, or raise ConfigError naming it."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{what} not found", file=str(path)) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {what}: {exc}", file=str(path)) from exc


def evaluate(gold_path: Path, articles_dir: Path) -> dict[str, Score | Share]:
    """Read, extract and score the articles of a folder against a gold file."""
    if not articles_dir.is_dir():
        raise ConfigError("articles folder not found", file=str(articles_dir))
    articles, _ = read_articles(articles_dir)
    return score_articles(load_yaml(gold_path, "gold file") or {}, articles)


def score_articles(gold: dict[str, Any], articles: Sequence[Article]) -> dict[str, Score | Share]:
    """Extract the articles and score them against a loaded gold file."""
    return score_all(gold, articles, [extract(a) for a in articles])


def below_floors(
    scores: dict[str, Score | Share], floors: dict[str, dict[str, float]]
) -> list[str]:
    """One line per category and measure under its floor (a missing category counts as 0)."""
    problems = []
    for category, floor in floors.items():
        score = scores.get(category)
        for measure, minimum in floor.items():
            got = getattr(score, measure) if score else 0.0
            if got + 1e-9 < minimum:
                problems.append(f"{category} {measure} {got:.3f} < floor {minimum:.3f}")
    return problems


def pin_floors(
    scores: dict[str, Score | Share], margin: float = 0.02
) -> dict[str, dict[str, float]]:
    """Floors a little under the measured scores: each measure minus `margin`, rounded down."""

    def floor(value: float) -> float:
        return max(0.0, math.floor((value - margin) * 100 + 1e-9) / 100)

    pinned: dict[str, dict[str, float]] = {}
    for name, s in scores.items():
        if isinstance(s, Share):
            pinned[name] = {"share": floor(s.share)}
        else:
            pinned[name] = {"precision": floor(s.precision), "recall": floor(s.recall)}
    return pinned


def format_table(scores: dict[str, Score | Share]) -> str:
    """A plain-text table of the scores, then the figure attributes' shares."""
    lines = [f"{'category':<18}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}"]
    shares = []
    for name, s in scores.items():
        if isinstance(s, Share):
            shares.append(f"{name:<18}{s.share:>10.3f}{s.right:>8}{s.of:>5}")
        else:
            lines.append(
                f"{name:<18}{s.precision:>10.3f}{s.recall:>8.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
            )
    if shares:
        lines += ["", f"{'attribute':<18}{'share':>10}{'right':>8}{'of':>5}", *shares]
    return "\n".join(lines)


def floors_for(floors_file: dict[str, Any], gold_path: Path) -> dict[str, dict[str, float]]:
    """The floors of the set whose gold is `gold_path`, from a file of named sets.

    A floors file is either flat ({category: {measure: minimum}}) or holds named sets
    ({name: {"gold": path, "articles": path, "floors": {...}}}, paths relative to the
    repository root); an unknown gold file has no floors.
    """
    sets = [v for v in floors_file.values() if isinstance(v, dict) and "floors" in v]
    if not sets:
        return floors_file
    want = gold_path.resolve()
    for entry in sets:
        if (REPO_ROOT / entry["gold"]).resolve() == want:
            return entry["floors"]
    return {}
