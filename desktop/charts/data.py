"""What the charts count, as plain data: the dashboard and the report draw the same list (no Qt here)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.services.dto import Count, OutletTrail, Undated
from desktop.services.stats import StatsService

BAR_COLOUR = "#4e79a7"
ARTICLE_COLOUR, CLAIM_COLOUR = "#8cb3d9", "#e07b39"
TRAIL_COLOUR = "#76b7b2"
# Colours that read as their meaning (green supported, red false) without a legend.
VERDICT_COLOURS = {"supported": "#59a14f", "disputed": "#f28e2b", "misleading": "#b07aa1", "false": "#e15759",
                   "unverified": "#9d9d9d", "opinion": "#4e79a7"}


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one value per series of the chart
    payload: object  # handed back when the bar is clicked: a tag id, a verdict, an entity id, a month
    colour: str = BAR_COLOUR


@dataclass(frozen=True)
class Chart:
    key: str  # tags | verdicts | named | quoted | trails | time: tells the dashboard what a click filters by
    title: str
    bars: tuple[Bar, ...]
    series: tuple[tuple[str, str], ...] = (("", BAR_COLOUR),)  # (name, colour); more than one gets a legend
    columns: bool = False  # upright columns along a time axis instead of labelled horizontal bars

    @property
    def empty(self) -> bool:
        return not any(v for bar in self.bars for v in bar.values)


def library_charts(stats: StatsService, tag_colours: dict[int, str], article_ids: list[int] | None = None,
                   limit: int = 10) -> list[Chart]:
    """The five charts of the dashboard and the report, for the whole library or the given articles."""
    return [
        Chart("tags", "Claims per tag", tuple(Bar(c.label, (c.n,), c.key, _colour(tag_colours, c.key))
                                              for c in stats.claims_per_tag(article_ids))),
        Chart("verdicts", "Claims per verdict",
              tuple(Bar(c.label, (c.n,), c.label, VERDICT_COLOURS.get(c.label, BAR_COLOUR))
                    for c in stats.claims_per_verdict(article_ids))),
        Chart("named", "Most named (articles)",
              tuple(Bar(c.label, (c.n,), c.key) for c in stats.top_entities(article_ids, limit=limit))),
        Chart("quoted", "Most quoted (quotations)",
              tuple(Bar(c.label, (c.n,), c.key) for c in stats.top_speakers(article_ids, limit=limit))),
        over_time(stats.articles_per_month(article_ids), stats.claims_per_month(article_ids),
                  stats.undated(article_ids)),
    ]


def trail_chart(per_outlet: list[OutletTrail]) -> Chart:
    """Claims across articles: how many linked claims each outlet carries (a click lists those articles)."""
    return Chart("trails", "Claims across articles (linked claims per outlet)",
                 tuple(Bar(outlet, (n,), article_ids, TRAIL_COLOUR) for outlet, n, article_ids in per_outlet))


UNDATED = "undated"  # the month chart's last column: articles with no date are counted, not dropped


def _colour(tag_colours: dict[int, str], tag_id: int | None) -> str:
    return tag_colours.get(tag_id, BAR_COLOUR) if tag_id is not None else BAR_COLOUR


NONE_UNDATED = Undated(0, 0)


def over_time(articles: list[Count], claims: list[Count], undated: Undated = NONE_UNDATED) -> Chart:
    """Articles and claims per month side by side; months with neither are left out; undated ones come last."""
    per_article = {c.label: c.n for c in articles}
    per_claim = {c.label: c.n for c in claims}
    months = sorted(set(per_article) | set(per_claim))
    bars = [Bar(_month_label(m), (per_article.get(m, 0), per_claim.get(m, 0)), m) for m in months]
    if (undated.articles or undated.claims) and bars:  # beside dated months; alone it would be a time line without time
        bars.append(Bar(UNDATED, (undated.articles, undated.claims), UNDATED))
    return Chart("time", "Articles and claims per month", tuple(bars),
                 series=(("Articles", ARTICLE_COLOUR), ("Claims", CLAIM_COLOUR)), columns=True)


def _month_label(month: str) -> str:
    """'2026-03' -> 'Mar 2026'; anything else (a malformed date) is shown as it is."""
    try:
        return dt.date.fromisoformat(f"{month}-01").strftime("%b %Y")
    except ValueError:
        return month
