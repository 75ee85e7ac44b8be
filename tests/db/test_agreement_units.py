"""How coders' claims become units for agreement, as properties over random codings: every claim is in
exactly one unit, units of an article never overlap and cover their claims, a coder's value in a unit is
the union of the tags they gave there, and a coder with no claim in an article has no value there. The
figures: two coders who agree everywhere have kappa and alpha 1 (or undefined when nothing varies), and
swapping the coders changes neither figure."""
from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.services.agreement import CodedSpan, align, figures, paired_units

CODERS = ("Mara Veld", "Tomas Irle", "Ilsa Brandt")
TAGS = ("Ferries", "Prices", "Levy")


@st.composite
def codings(draw) -> dict[int, list[CodedSpan]]:
    """Claims by any of three coders in up to three articles, spans anywhere in 0..60."""
    out: dict[int, list[CodedSpan]] = {}
    claim_id = 0
    for article_id in range(1, draw(st.integers(1, 3)) + 1):
        spans = []
        for _ in range(draw(st.integers(0, 8))):
            start = draw(st.integers(0, 59))
            end = draw(st.integers(start + 1, 60))
            claim_id += 1
            spans.append(CodedSpan(draw(st.sampled_from(CODERS)), claim_id, start, end, "x" * (end - start),
                                   frozenset(draw(st.sets(st.sampled_from(TAGS), max_size=2)))))
        if spans:
            out[article_id] = spans
    return out


@settings(max_examples=80, deadline=None)
@given(codings())
def test_units_partition_the_claims_into_disjoint_stretches(spans_by_article):
    units = align(spans_by_article, CODERS)
    claims = [c.claim_id for spans in spans_by_article.values() for c in spans]
    in_units = [c.claim_id for u in units for c in u.spans]
    assert sorted(in_units) == sorted(claims)  # each claim in exactly one unit
    for u in units:
        assert u.start == min(c.start for c in u.spans) and u.end == max(c.end for c in u.spans)
    for article_id in spans_by_article:
        mine = [u for u in units if u.article_id == article_id]
        assert all(a.end <= b.start for a, b in zip(mine, mine[1:], strict=False))  # in order, never overlapping


@settings(max_examples=80, deadline=None)
@given(codings())
def test_a_coders_value_is_the_union_of_their_tags_and_missing_where_they_coded_nothing(spans_by_article):
    for u in align(spans_by_article, CODERS):
        coded_here = {c.coder for c in spans_by_article[u.article_id]}
        assert set(u.values) == coded_here
        for coder in coded_here:
            given_here = [c.tags for c in u.spans if c.coder == coder]
            assert u.values[coder] == frozenset().union(*given_here)
        assert u.agrees == (len(set(u.values.values())) == 1)


@settings(max_examples=30, deadline=None)
@given(codings())
def test_two_coders_who_code_alike_agree_perfectly(spans_by_article):
    """Tomas copies every claim Mara made: every figure is 1, or undefined when nothing varies."""
    mirrored = {a: [*spans, *(CodedSpan("Tomas Irle", c.claim_id + 10_000, c.start, c.end, c.text, c.tags)
                              for c in spans)]
                for a, spans in ((a, [c for c in s if c.coder == "Mara Veld"]) for a, s in spans_by_article.items())
                if spans}
    pair = ("Mara Veld", "Tomas Irle")
    units = align(mirrored, pair)
    assert paired_units(units) == len(units)
    if not units:
        return
    for tag in (None, *TAGS):
        row = figures(units, pair, tag)
        assert row.kappa in (None, 1.0) and row.alpha in (None, 1.0)
        assert row.units == len(units)


@settings(max_examples=30, deadline=None)
@given(codings())
def test_the_figures_do_not_depend_on_the_order_the_coders_are_named(spans_by_article):
    pair = ("Mara Veld", "Tomas Irle")
    units = align(spans_by_article, pair)
    values_of = [u for u in units if len(u.values) == 2]
    if not values_of:
        return
    for tag in (None, "Ferries"):
        ab = figures(units, pair, tag)
        ba = figures(align(spans_by_article, pair[::-1]), pair[::-1], tag)
        assert _same(ab.kappa, ba.kappa) and _same(ab.alpha, ba.alpha) and ab.units == ba.units


def test_claims_that_only_touch_are_separate_units():
    spans = {1: [CodedSpan("Mara Veld", 1, 0, 10, "x" * 10, frozenset({"Levy"})),
                 CodedSpan("Tomas Irle", 2, 10, 20, "x" * 10, frozenset({"Levy"}))]}
    units = align(spans, ("Mara Veld", "Tomas Irle"))
    assert [(u.start, u.end) for u in units] == [(0, 10), (10, 20)]
    assert [dict(u.values) for u in units] == [
        {"Mara Veld": frozenset({"Levy"}), "Tomas Irle": frozenset()},
        {"Mara Veld": frozenset(), "Tomas Irle": frozenset({"Levy"})}]
    assert all(not u.agrees for u in units)


def test_a_chain_of_overlaps_is_one_unit_though_its_ends_do_not_overlap():
    spans = {4: [CodedSpan("Mara Veld", 1, 0, 10, "", frozenset({"Levy"})),
                 CodedSpan("Tomas Irle", 2, 8, 18, "", frozenset({"Prices"})),
                 CodedSpan("Mara Veld", 3, 17, 30, "", frozenset({"Ferries"}))]}
    (unit,) = align(spans, ("Mara Veld", "Tomas Irle"), {4: "Ferry fares"})
    assert (unit.article_id, unit.article_title, unit.start, unit.end) == (4, "Ferry fares", 0, 30)
    assert unit.values == {"Mara Veld": frozenset({"Levy", "Ferries"}), "Tomas Irle": frozenset({"Prices"})}


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, abs_tol=1e-9))
