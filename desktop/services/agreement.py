"""Agreement between coders: their claims aligned into units, then Cohen's kappa and Krippendorff's alpha.

Units. In each article, the claims of all compared coders are laid on the text; claims whose
spans overlap (transitively) form one unit. A coder who made at least one claim in the article
"coded" it: in each of its units their value is the set of tags they gave there (empty when
they marked nothing there). A coder with no claim in the article did not code it, and their
values there are missing. So units exist only where somebody marked something: agreement is
on what was marked and how it was tagged, not on the unmarked text.

Figures. Per tag, each coder's value in a unit is whether they gave that tag there (1/0);
overall, it is the whole set of tags they gave there (one nominal category per distinct set,
"nothing" included). Cohen's kappa (two coders: scikit-learn's cohen_kappa_score, on the units
both coded) and Krippendorff's alpha (any number, missing values allowed: the `krippendorff`
package, nominal level) are computed by those libraries, not here; a figure that is undefined
(every value the same) is None.
"""
from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.services.dto import ClaimInfo
from desktop.services.errors import UserError

if TYPE_CHECKING:
    from desktop.services.claims import ClaimService
    from desktop.services.tags import TagService

OVERALL = "(all tags)"


@dataclass(frozen=True)
class CodedSpan:
    coder: str
    claim_id: int
    start: int
    end: int
    text: str
    tags: frozenset[str]


@dataclass(frozen=True)
class Unit:
    article_id: int
    article_title: str
    start: int
    end: int
    # coder -> the tags they gave in this unit; a coder absent did not code the article (missing)
    values: dict[str, frozenset[str]]
    spans: tuple[CodedSpan, ...]

    @property
    def agrees(self) -> bool:
        return len(set(self.values.values())) <= 1


@dataclass(frozen=True)
class AgreementRow:
    tag: str  # a tag's path, or OVERALL
    units: int  # units that at least two of the coders coded
    kappa: float | None  # two coders only
    alpha: float | None


@dataclass(frozen=True)
class AgreementReport:
    coders: tuple[str, ...]
    units: tuple[Unit, ...]
    rows: tuple[AgreementRow, ...]  # OVERALL first, then each tag by path

    @property
    def articles(self) -> int:
        return len({u.article_id for u in self.units})

    def disagreements(self) -> list[Unit]:
        """The units where the coders who coded them gave different tags (or one marked nothing)."""
        return [u for u in self.units if not u.agrees]


def align(spans_by_article: dict[int, list[CodedSpan]], coders: tuple[str, ...],
          titles: dict[int, str] | None = None) -> list[Unit]:
    """Overlapping spans of any coders in one article become one unit (see the module's docstring)."""
    units: list[Unit] = []
    for article_id in sorted(spans_by_article):
        spans = sorted(spans_by_article[article_id], key=lambda c: (c.start, c.end, c.claim_id))
        coded = {c.coder for c in spans}
        group: list[CodedSpan] = []
        end = -1
        for span in [*spans, None]:
            if span is not None and group and span.start < end:
                group.append(span)
                end = max(end, span.end)
                continue
            if group:
                values = {coder: frozenset().union(*(g.tags for g in group if g.coder == coder))
                          for coder in coders if coder in coded}
                units.append(Unit(article_id, (titles or {}).get(article_id, ""), group[0].start, end,
                                  values, tuple(group)))
            if span is not None:
                group, end = [span], span.end
    return units


def reliability_matrix(units: list[Unit], coders: tuple[str, ...],
                       value: Callable[[frozenset[str]], float]) -> list[list[float]]:
    """coders x units, with value(tags) where the coder coded the unit and NaN where not."""
    return [[value(u.values[c]) if c in u.values else math.nan for u in units] for c in coders]


def kappa(a: list[float], b: list[float]) -> float | None:
    """Cohen's kappa by scikit-learn over the units both coders coded."""
    from sklearn.metrics import cohen_kappa_score

    pairs = [(x, y) for x, y in zip(a, b, strict=True) if not (math.isnan(x) or math.isnan(y))]
    if not pairs:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one category only: kappa is undefined (NaN), said with warnings
        value = cohen_kappa_score([p[0] for p in pairs], [p[1] for p in pairs])
    return None if math.isnan(value) else float(value)


def alpha(matrix: list[list[float]]) -> float | None:
    """Krippendorff's alpha (nominal) by the krippendorff package; None where it is undefined."""
    import krippendorff
    import numpy as np

    data = np.array(matrix, dtype=float)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except ValueError:  # fewer than two distinct values, or no unit with two values
        return None
    return None if math.isnan(value) else float(value)


def paired_units(units: list[Unit]) -> int:
    return sum(1 for u in units if len(u.values) >= 2)


def figures(units: list[Unit], coders: tuple[str, ...], tag: str | None) -> AgreementRow:
    """One row: per tag (presence) or, with tag None, overall (the set of tags as one category)."""
    if tag is None:
        categories: dict[frozenset[str], int] = {}
        value = lambda tags: float(categories.setdefault(tags, len(categories)))  # noqa: E731
    else:
        value = lambda tags: float(tag in tags)  # noqa: E731
    matrix = reliability_matrix(units, coders, value)
    k = kappa(matrix[0], matrix[1]) if len(coders) == 2 else None
    return AgreementRow(tag or OVERALL, paired_units(units), k, alpha(matrix))


class AgreementService:
    def __init__(self, claims: ClaimService, tags: TagService) -> None:
        self._claims = claims
        self._tags = tags

    def coders(self) -> list[str]:
        """Everyone with at least one claim, by name."""
        return sorted({c.annotator for c in self._claims.all() if c.annotator}, key=str.lower)

    def compute(self, coders: list[str] | None = None, tag: str | None = None,
                article_ids: list[int] | None = None) -> AgreementReport:
        claims = [c for c in self._claims.all(article_ids=article_ids) if c.annotator]
        present = sorted({c.annotator for c in claims if c.annotator}, key=str.lower)
        chosen = tuple(dict.fromkeys(coders)) if coders else tuple(present)
        unknown = [c for c in chosen if c not in present]
        if unknown:
            raise UserError(f"no claims by {', '.join(unknown)}; coders here: {', '.join(present) or 'none'}")
        if len(chosen) < 2:
            raise UserError("agreement needs at least two coders; claims here are by "
                            f"{', '.join(present) or 'nobody yet'}")
        paths = {t.id: t.path for t in self._tags.list()}
        wanted = self._tag_path(tag) if tag else None
        spans: dict[int, list[CodedSpan]] = defaultdict(list)
        titles: dict[int, str] = {}
        for c in claims:
            if c.annotator not in chosen:
                continue
            tags = frozenset(paths[t] for t in c.tag_ids if t in paths)
            if wanted is not None and any(p.startswith(wanted + "/") for p in tags):
                tags = tags | {wanted}  # a tag under the chosen one counts as the chosen one
            spans[c.article_id].append(_span(c, tags))
            titles[c.article_id] = c.article_title
        units = align(spans, chosen, titles)
        if paired_units(units) == 0:
            raise UserError("the coders have no article in common to compare")
        tags_used = sorted({t for u in units for v in u.values.values() for t in v}, key=str.lower)
        # The units are the same with or without a tag chosen: --tag picks a row, not other units.
        if wanted is not None:
            rows = [figures(units, chosen, wanted)]
        else:
            rows = [figures(units, chosen, None)] + [figures(units, chosen, t) for t in tags_used]
        return AgreementReport(chosen, tuple(units), tuple(rows))

    def _tag_path(self, tag: str) -> str:
        found = self._tags.find(tag)
        if found is None:
            raise UserError(f"no tag {tag!r} in the codebook")
        return found.path


def _span(c: ClaimInfo, tags: frozenset[str]) -> CodedSpan:
    assert c.annotator is not None
    return CodedSpan(c.annotator, c.id, c.start, c.end, c.text, tags)
