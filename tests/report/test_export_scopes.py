"""What an export holds when the person narrows it (the window's export dialog: articles, tags, verdicts),
read back from the CSV and JSON it writes: each narrowing keeps exactly the claims it names, a parent tag
takes in its children, the narrowings combine, and a narrowing that leaves nothing is refused in words
with nothing written."""
from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pytest

from desktop.report import export
from desktop.services import Library, UserError
from tests.helpers import add_article

BODIES = ("The harbour board of Marenhal said fees at Port Kessa would double from April.",
          "Ferry fares to Osterlund rose by a fifth over the winter, the island council said.",
          "Dock workers in Veltra will meet on Friday to discuss the new levy.")
CLAIMS = (  # article, words, tag path, verdict
    (0, "fees at Port Kessa would double", "Economy/Fees", "disputed"),
    (0, "The harbour board of Marenhal", "Opinion", "unverified"),
    (1, "Ferry fares to Osterlund rose by a fifth", "Economy/Fares", "supported"),
    (2, "Dock workers in Veltra will meet on Friday", "Opinion", "false"),
)


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory):
    with Library.open(Path(tmp_path_factory.mktemp("scopes")) / "library.sqlite", annotator="Mara Veld") as lib:
        ids = [add_article(lib, body, title=f"Report {n}") for n, body in enumerate(BODIES)]
        for article, words, tag, verdict in CLAIMS:
            body = BODIES[article]
            start = body.index(words)
            lib.claims.create(ids[article], start, start + len(words), [lib.tags.ensure_path(tag).id], verdict)
        yield lib, ids


_n = itertools.count()


def exported(lib: Library, tmp_path: Path, **scope) -> tuple[list[dict], list[dict]]:
    n = next(_n)
    export(lib, tmp_path / f"out{n}.csv", **scope)
    export(lib, tmp_path / f"out{n}.json", **scope)
    rows = list(csv.DictReader((tmp_path / f"out{n}.csv").open(encoding="utf-8-sig")))
    records = json.loads((tmp_path / f"out{n}.json").read_text(encoding="utf-8"))
    return [r for r in rows if r["kind"] == "claim"], [r for r in records if r["kind"] == "claim"]


@pytest.mark.parametrize("scope, expected", [
    ({}, {c[1] for c in CLAIMS}),
    ({"tags": ["Economy"]}, {CLAIMS[0][1], CLAIMS[2][1]}),
    ({"tags": ["Economy/Fees"]}, {CLAIMS[0][1]}),
    ({"tags": ["Fares", "Opinion"]}, {CLAIMS[1][1], CLAIMS[2][1], CLAIMS[3][1]}),
    ({"verdicts": ["disputed", "false"]}, {CLAIMS[0][1], CLAIMS[3][1]}),
    ({"tags": ["Opinion"], "verdicts": ["false"]}, {CLAIMS[3][1]}),
    ({"article_ids": "first"}, {CLAIMS[0][1], CLAIMS[1][1]}),
    ({"article_ids": "first", "tags": ["Opinion"]}, {CLAIMS[1][1]}),
])
def test_a_narrowed_export_holds_exactly_the_claims_it_names(lib, tmp_path, scope, expected):
    library, ids = lib
    if scope.get("article_ids") == "first":
        scope = {**scope, "article_ids": [ids[0]]}
    rows, records = exported(library, tmp_path, **scope)
    assert {r["text"] for r in rows} == expected
    assert {r["text"] for r in records} == expected
    for r in records:  # each claim with its own article's details
        article = BODIES.index(next(b for b in BODIES if r["text"] in b))
        assert (r["article_id"], r["article_title"]) == (ids[article], f"Report {article}")


@pytest.mark.parametrize("scope, words", [
    ({"verdicts": ["misleading"]}, "nothing to export: no claim has verdict 'misleading'"),
    ({"tags": ["Opinion"], "verdicts": ["supported"]}, "nothing to export: no claim has tag 'Opinion', verdict 'supported'"),
    ({"tags": ["Weather"]}, "no tag named 'Weather' in the codebook"),
    ({"article_ids": [999, 998]}, "no article with id 999, 998 in the library"),
])
def test_a_narrowing_that_leaves_nothing_is_refused_and_writes_nothing(lib, tmp_path, scope, words):
    library, _ids = lib
    for name in ("out.csv", "out.json", "out.docx"):
        with pytest.raises(UserError) as refused:
            export(library, tmp_path / name, **scope)
        assert str(refused.value) == words
        assert not (tmp_path / name).exists()
    assert list(tmp_path.iterdir()) == []  # no part file left behind either
