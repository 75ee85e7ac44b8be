"""The article list's filters and sorts against a model: a library of articles with every kind of detail
(statuses, outlets found and corrected, dates found and corrected or none, claims by two coders with
nested tags, a named entity) is queried with random combinations of filters and sorts, and the ids must be
exactly those that plain Python finds in the same details, in the same order (ties by id)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.services import Library
from desktop.services.dto import ArticleFilter
from tests.helpers import add_article

OUTLETS = ("Coastal Ledger", "Marenhal Tribune", None)
STATUSES = ("unread", "read", "done")
TAGS = ("Economy", "Economy/Fees", "Economy/Fees/Port fees", "Opinion")
CODERS = ("Mara Veld", "Tomas Irle")


@dataclass
class Model:
    id: int
    title: str
    outlet: str | None
    author: str | None
    published: dt.date | None
    status: str
    tags: set[str] = field(default_factory=set)
    coders: set[str] = field(default_factory=set)
    claims: int = 0
    names_orsek: bool = False


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):
    """Eighteen articles whose details cycle through the choices above, some corrected by hand."""
    path = Path(tmp_path_factory.mktemp("filters")) / "library.sqlite"
    models: list[Model] = []
    with Library.open(path, annotator=CODERS[0]) as lib:
        tag_ids = {p: lib.tags.ensure_path(p).id for p in TAGS}
        with Library.open(path, annotator=CODERS[1]) as other:
            for n in range(18):
                outlet = OUTLETS[n % 3]
                published = None if n % 5 == 0 else dt.date(2026, 1 + n % 4, 1 + (n * 7) % 28)
                body = f"Report {n}: the harbour fees at Port Kessa rose by {n} percent, the board said."
                aid = add_article(lib, body, title=f"Harbour report {n:02}", outlet=outlet, published=published,
                                  author=None if n % 4 == 0 else f"Writer {n % 3}")
                m = Model(aid, f"Harbour report {n:02}", outlet, None if n % 4 == 0 else f"Writer {n % 3}",
                          published, STATUSES[n % 3])
                if n % 3:
                    lib.articles.set_status(aid, m.status)
                if n % 7 == 3:  # a person's corrections beat what the reader found
                    lib.articles.set_metadata(aid, "outlet", "Island Courier")
                    lib.articles.set_metadata(aid, "published", "2026-06-30")
                    lib.articles.set_metadata(aid, "title", f"Corrected report {n:02}")
                    m.outlet, m.published, m.title = "Island Courier", dt.date(2026, 6, 30), f"Corrected report {n:02}"
                for k, (who, tag) in enumerate(((lib, TAGS[n % 4]), (other, TAGS[(n + 1) % 4]))):
                    if (n + k) % 3 == 0:
                        continue
                    who.claims.create(aid, 0, 9 + k, [tag_ids[tag]])
                    m.tags.add(tag)
                    m.coders.add(CODERS[k])
                    m.claims += 1
                models.append(m)
        with lib.store.write() as s:
            from db.models import Entity, EntityMention

            orsek = Entity(name="Dalia Orsek", type="PERSON", name_by_user=False, type_by_user=False)
            s.add(orsek)
            s.flush()
            for m in models[::4]:
                s.add(EntityMention(article_id=m.id, entity_id=orsek.id, start=0, end=6, text="Report",
                                    analyser_version="test"))
                m.names_orsek = True
            entity_id = orsek.id
        yield lib, models, tag_ids, entity_id


def _under(tag: str, wanted: str) -> bool:
    return tag == wanted or tag.startswith(wanted + "/")


def expected(models: list[Model], flt: ArticleFilter, tag_path: str | None, sort: str, descending: bool) -> list[int]:
    kept = [m for m in models
            if (flt.status is None or m.status == flt.status)
            and (flt.outlet is None or m.outlet == flt.outlet)
            and (flt.date_from is None or (m.published is not None and m.published >= flt.date_from))
            and (flt.date_to is None or (m.published is not None and m.published <= flt.date_to))
            and (tag_path is None or any(_under(t, tag_path) for t in m.tags))
            and (flt.coder is None or flt.coder in m.coders)
            and (flt.entity_id is None or m.names_orsek)
            and (flt.article_ids is None or m.id in flt.article_ids)]
    key = {"title": lambda m: m.title, "outlet": lambda m: m.outlet, "author": lambda m: m.author,
           "published": lambda m: m.published, "status": lambda m: m.status, "claims": lambda m: m.claims,
           "imported": lambda m: m.id, "id": lambda m: m.id}[sort]
    # SQLite puts no value before any value; ties go by id in the same direction.
    ordered = sorted(kept, key=lambda m: (key(m) is not None, key(m) if key(m) is not None else 0, m.id))
    return [m.id for m in (reversed(ordered) if descending else ordered)]


dates = st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2026, 7, 31)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(status=st.one_of(st.none(), st.sampled_from(STATUSES)),
       outlet=st.one_of(st.none(), st.sampled_from(["Coastal Ledger", "Marenhal Tribune", "Island Courier"])),
       date_from=dates, date_to=dates, tag=st.one_of(st.none(), st.sampled_from(TAGS)),
       coder=st.one_of(st.none(), st.sampled_from([*CODERS, "Nobody"])), named=st.booleans(),
       some=st.one_of(st.none(), st.sets(st.integers(1, 20), max_size=8)),
       sort=st.sampled_from(["title", "outlet", "author", "published", "status", "claims", "imported", "id"]),
       descending=st.booleans())
def test_the_list_holds_exactly_the_articles_the_filters_describe_in_order(
        library, status, outlet, date_from, date_to, tag, coder, named, some, sort, descending):
    lib, models, tag_ids, entity_id = library
    flt = ArticleFilter(status=status, outlet=outlet, date_from=date_from, date_to=date_to,
                        tag_id=tag_ids[tag] if tag else None, coder=coder, entity_id=entity_id if named else None,
                        article_ids=tuple(sorted(some)) if some is not None else None)
    want = expected(models, flt, tag, sort, descending)
    assert lib.articles.ids(flt, sort=sort, descending=descending) == want
    assert lib.articles.count(flt) == len(want)
    rows = lib.articles.rows(flt, sort=sort, descending=descending, offset=1, limit=3)
    assert [r.id for r in rows] == want[1:4]
    by_id = {m.id: m for m in models}
    for r in rows:
        m = by_id[r.id]
        assert (r.title, r.outlet, r.author, r.published, r.status, r.claim_count) == (
            m.title, m.outlet, m.author, m.published, m.status, m.claims)
