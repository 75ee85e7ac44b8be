"""Ten client processes tag the same articles at once: no claim is lost, nothing is left half-written."""
from __future__ import annotations

from sqlalchemy import func, select

from db.models import AuditEntry, Claim, claim_tags
from desktop.services import Library
from tests.helpers import add_article
from tests.team.load_client import run_clients

ARTICLES = [
    "The port authority of Veltra said on Monday that grain exports would resume next week after the strike.",
    "Osterlund's council voted to raise the ferry levy by a third, citing fuel costs and the new timetable.",
    "A spokesman for the fishing cooperative said the quota cut would cost two hundred jobs on the islands.",
]


def prepare(url: str) -> tuple[list[int], list[int], list[int]]:
    with Library.open(url, annotator="Setup") as lib:
        articles = [add_article(lib, body, title=f"Load {i}") for i, body in enumerate(ARTICLES)]
        tags = [t.id for t in lib.tags.list()][:6]
        shared = [lib.claims.create(articles[i], 0, 20, [tags[0]]).id for i in range(3)]
    return articles, tags, shared


def check_consistent(url: str, results, shared: list[int]) -> None:
    """Every claim a client was told it made is there, whole; versions agree with the audit trail."""
    with Library.open(url, annotator="Check") as lib:
        bodies = {a.id: a.body for a in lib.articles.get_many(lib.articles.ids())}
        made = {cid: spec for r in results for cid, spec in r.created.items()}
        stored = {c.id: c for c in lib.claims.all()}
        assert set(made) <= set(stored), f"lost claims: {sorted(set(made) - set(stored))}"
        assert len(stored) == len(made) + len(shared)  # nothing stored that nobody was told about
        for cid, (article, start, end, tags) in made.items():
            c = stored[cid]
            assert (c.article_id, c.start, c.end, c.text) == (article, start, end, bodies[article][start:end])
            assert set(c.tag_ids) == set(tags)
        with lib.store.read() as s:
            # One audit entry per write, in the write's own transaction: each claim's version is
            # 1 + the edits recorded for it, or an edit was half-written.
            edits = dict(s.execute(select(AuditEntry.claim_id, func.count()).where(
                AuditEntry.action.in_(("claim.update", "claim.tags"))).group_by(AuditEntry.claim_id)).all())
            versions = dict(s.execute(select(Claim.id, Claim.version)).all())
            creates = s.scalar(select(func.count()).where(AuditEntry.action == "claim.create"))
            orphans = s.scalar(select(func.count()).select_from(claim_tags).where(
                claim_tags.c.claim_id.not_in(select(Claim.id))))
        assert all(versions[cid] == 1 + edits.get(cid, 0) for cid in versions)
        assert creates == len(stored) and orphans == 0
        for target in shared:  # the shared claims took exactly the edits their clients saw succeed
            assert versions[target] == 1 + sum(r.shared_edits.get(target, 0) for r in results)


def test_ten_client_processes_lose_no_claim_on_postgresql(pg_url):
    articles, tags, shared = prepare(pg_url)
    results, _wall = run_clients(pg_url, 10, articles, tags, shared, claims=8)
    assert sum(len(r.created) for r in results) == 80
    check_consistent(pg_url, results, shared)
    assert {r.coder for r in results} == {f"Coder {i:02d}" for i in range(1, 11)}


def test_ten_client_processes_lose_no_claim_on_sqlite(tmp_path):
    url = str(tmp_path / "team.sqlite")
    articles, tags, shared = prepare(url)
    results, _wall = run_clients(url, 10, articles, tags, shared, claims=5)
    check_consistent(url, results, shared)
