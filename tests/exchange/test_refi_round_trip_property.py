"""A REFI-QDA project carries every claim across exactly, whatever the article and the claims hold: random
articles (accents, combining marks, emoji, a form feed from a PDF, blank lines), random overlapping
claims with nested tags (two tags of one name under different parents), notes, verdicts, speakers and
links, exported and read into another library, must come back with the same words at the same places,
the same tag paths, note, verdict, speaker and links."""
from __future__ import annotations

import itertools
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.exchange.refi_export import export_qdpx
from desktop.exchange.refi_import import import_project
from desktop.services import Library
from desktop.services.dto import LINK_KINDS, VERDICTS
from tests.helpers import add_article

PIECES = ("harbour", "Kessa", "café", "Zoë", "naïve", "e\u0301te\u0301", "🌊", "—", "14%", "“fees”", "\x0c",
          "\n\n", ",", ".", "Marenhal", "levy", "Ωmega")
TAG_PATHS = ("Economy/Fees", "Economy/Ports", "Trade/Ports", "Opinion", "Trade")
NOTE_WORDS = ("check", "the", "port", "ledger", "ü", "✓", "<b>", "&amp;", "\"quoted\"", "a\nsecond line", "12 > 9")
SPEAKERS = (None, "Dalia Orsek", "the harbour board", "Zoë Brenn-Ålund")
_serial = itertools.count()


@pytest.fixture(scope="module")
def libraries(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("round-trip")
    source = Library.open(folder / "source.sqlite", annotator="Mara Veld", seed_codebook=False)
    target = Library.open(folder / "target.sqlite", annotator="someone else", seed_codebook=False)
    tags = {path: source.tags.ensure_path(path).id for path in TAG_PATHS}
    yield source, target, tags, folder
    source.close()
    target.close()


@st.composite
def articles(draw) -> tuple[str, list[dict]]:
    body = " ".join(draw(st.lists(st.sampled_from(PIECES), min_size=3, max_size=40)))
    claims = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(body) - 1))
        end = draw(st.integers(start + 1, len(body)))
        if not body[start:end].strip():
            continue
        claims.append({
            "start": start, "end": end,
            "tags": draw(st.lists(st.sampled_from(TAG_PATHS), max_size=3, unique=True)),
            "note": " ".join(draw(st.lists(st.sampled_from(NOTE_WORDS), max_size=6))),
            "verdict": draw(st.sampled_from(VERDICTS)),
            "speaker": draw(st.sampled_from(SPEAKERS)),
        })
    links = draw(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.sampled_from(LINK_KINDS)),
                          max_size=3, unique=True))
    return body, claims, links


def seen(lib: Library, article_id: int) -> set[tuple]:
    paths = {t.id: t.path for t in lib.tags.list()}
    return {(c.start, c.end, c.text, tuple(sorted(paths[t] for t in c.tag_ids)), c.note, c.verdict, c.speaker)
            for c in lib.claims.for_article(article_id)}


def links_of(lib: Library, article_id: int) -> set[tuple]:
    claims = {c.id: (c.start, c.end, c.note) for c in lib.claims.for_article(article_id)}
    return {(claims[lk.from_claim_id], claims[lk.to_claim_id], lk.kind)
            for cid in claims for lk in lib.claims.links(cid) if lk.from_claim_id == cid}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=articles())
def test_every_claim_comes_back_exactly_from_a_project(libraries, drawn):
    source, target, tags, folder = libraries
    body, claims, links = drawn
    body = f"{body} Tollhouse {next(_serial)}"  # the library keeps one copy of a text
    article_id = add_article(source, body, title="Harbour fees")
    made = [source.claims.create(article_id, c["start"], c["end"], [tags[p] for p in c["tags"]], c["verdict"],
                                 c["note"], speaker_text=c["speaker"]).id for c in claims]
    for a, b, kind in links:
        if a < len(made) and b < len(made) and a != b:
            source.claims.link(made[a], made[b], kind)
    out = folder / f"article-{article_id}.qdpx"
    summary = export_qdpx(source, out, [article_id])
    assert (summary.articles, summary.claims) == (1, len(made))
    with zipfile.ZipFile(out) as z:
        (text_file,) = [n for n in z.namelist() if n.startswith("sources/")]
        assert z.read(text_file).decode("utf-8") == body
    result = import_project(target.store, out)
    ((_name, new_id),) = result.articles
    assert result.claims_added == len(made) and result.skipped_codings == []
    assert target.articles.get(new_id).body == body
    assert seen(target, new_id) == seen(source, article_id)
    assert links_of(target, new_id) == links_of(source, article_id)
