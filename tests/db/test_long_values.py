"""Values longer than their columns, on SQLite and on a PostgreSQL server. SQLite stores any length, so
these went unnoticed; PostgreSQL refuses a value longer than its column, which made an author meta tag
of 600 characters fail a whole import batch, and a long correction, speaker, entity name or coder name an
"unexpected error". Now what a reader found is cut to fit, and what a person types is refused in a
sentence, the same on both."""
from __future__ import annotations

import pytest

from desktop.ingest.types import ParsedArticle
from desktop.services import Library, UserError
from tests.helpers import add_article

BODY = "Finance Minister Dalia Orsek said the harbour fees at Port Kessa would double in April."


@pytest.fixture(params=["sqlite", "postgresql"])
def lib(request, tmp_path):
    if request.param == "sqlite":
        url = str(tmp_path / "library.sqlite")
    else:
        from tests.postgres_server import new_database

        url = new_database(request.getfixturevalue("pg_server"))
    with Library.open(url, annotator="Mara Veld") as lib:
        yield lib


def test_what_a_reader_found_is_cut_to_fit(lib):
    parsed = ParsedArticle(title="T" * 1500, body=BODY, original_text=BODY, author="Ilsa Roavik " * 60,
                           outlet="Coastal Ledger " * 40)
    report = lib.importer.add_parsed([("long.html", parsed)])
    ((_path, article_id),) = report.added
    article = lib.articles.get(article_id)
    assert (len(article.title), len(article.author), len(article.outlet)) == (1000, 500, 500)
    assert article.author.startswith("Ilsa Roavik Ilsa Roavik")


@pytest.mark.parametrize("field, limit", [("title", 1000), ("author", 500), ("outlet", 500)])
def test_a_correction_longer_than_its_field_is_refused(lib, field, limit):
    article_id = add_article(lib, BODY, title="Fees to double")
    with pytest.raises(UserError, match=f"the {field} is too long \\({limit + 1:,} characters; at most {limit:,}\\)"):
        lib.articles.set_metadata(article_id, field, "x" * (limit + 1))
    lib.articles.set_metadata(article_id, field, "y" * limit)
    assert getattr(lib.articles.get(article_id), field) == "y" * limit


def test_a_correction_of_spaces_only_clears_it(lib):
    article_id = add_article(lib, BODY, title="Fees to double", outlet="Coastal Ledger")
    lib.articles.set_metadata(article_id, "title", "  Harbour fees  ")
    assert lib.articles.get(article_id).title == "Harbour fees"
    lib.articles.set_metadata(article_id, "title", "   ")
    lib.articles.set_metadata(article_id, "outlet", " \t ")
    article = lib.articles.get(article_id)
    assert (article.title, article.outlet) == ("Fees to double", "Coastal Ledger")  # what the reader found


def test_a_speaker_longer_than_its_field_is_refused(lib):
    article_id = add_article(lib, BODY, title="Fees to double")
    with pytest.raises(UserError, match="the speaker is too long \\(1,001 characters; at most 1,000\\)"):
        lib.claims.create(article_id, 0, 16, [], speaker_text="s" * 1001)
    claim = lib.claims.create(article_id, 0, 16, [], speaker_text="Dalia Orsek")
    with pytest.raises(UserError, match="the speaker is too long"):
        lib.claims.update(claim.id, speaker_text="s" * 1001)
    assert lib.claims.get(claim.id).speaker == "Dalia Orsek"


def test_an_entity_name_longer_than_its_field_is_refused(lib):
    from db.models import Entity

    with lib.store.write() as s:
        s.add(Entity(name="Dalia Orsek", type="PERSON", name_by_user=False, type_by_user=False))
    entity_id = 1  # the only entity
    with pytest.raises(UserError, match="the name is too long \\(501 characters; at most 500\\)"):
        lib.entities.rename(entity_id, "n" * 501)


def test_a_coder_name_longer_than_its_field_is_cut(lib):
    with Library.open(lib.url, annotator="Tomas Irle " * 30) as colleague:
        article_id = add_article(colleague, BODY, title="Fees to double")
        claim = colleague.claims.create(article_id, 0, 16, [])
    assert len(claim.annotator) <= 200 and claim.annotator.startswith("Tomas Irle Tomas Irle")
