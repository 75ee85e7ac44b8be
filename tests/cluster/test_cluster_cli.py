"""The command line on a real LocalCluster: `import --cluster` and `analyze --library --cluster`."""
from __future__ import annotations

import shutil

from sqlalchemy import update

from db.models import Article
from desktop.analysis import ANALYSER_VERSION
from desktop.cli import main
from desktop.cluster import connect
from desktop.services import Library
from tests.cluster.libraries import assert_same_library, polnear_dev_files, snapshot


def test_import_on_the_cluster_from_the_command_line(cluster, tmp_path, capsys):
    files = [str(p) for p in polnear_dev_files(4)]
    db = str(tmp_path / "lib.sqlite")
    assert main(["import", *files, "--cluster", cluster.scheduler_address, "--db", db]) == 0
    out = capsys.readouterr().out
    assert "4 imported, 0 already in the library, 0 failed" in out
    assert "read by the workers; 4 analysed on the cluster" in out
    assert main(["import", *files, "--cluster", cluster.scheduler_address, "--db", db]) == 0
    assert "0 imported, 4 already in the library, 0 failed" in capsys.readouterr().out


def test_a_scheduler_that_is_not_there_is_one_line(tmp_path, capsys):
    assert main(["import", str(tmp_path), "--cluster", "nonsense", "--db", str(tmp_path / "l.sqlite")]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == "claimdesk: 'nonsense' is not a scheduler address; give it as tcp://HOST:PORT (8786 by default)"
    try:
        connect("tcp://127.0.0.1:9", timeout_s=1)
    except Exception as exc:  # noqa: BLE001 - the message is what is checked
        assert str(exc).startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    else:
        raise AssertionError("connected to nothing")


def _persons_work(lib: Library) -> dict:
    """Claims with their notes and tags, merges and renames, dismissals: what a person made."""
    ents = {e.name: e for e in lib.entities.list()}
    return {"claims": sorted((c.article_id, c.start, c.end, c.text, c.note, tuple(c.tag_names))
                             for c in lib.claims.all()),
            "entities": sorted((e.name, e.type) for e in ents.values()),
            "open suggestions": sorted((g.article_id, g.text) for a in lib.articles.ids()
                                       for g in lib.suggestions.for_article(a))}


def test_reanalysis_on_the_cluster_keeps_a_persons_work_as_a_local_one_does(cluster, tmp_path, capsys):
    files = polnear_dev_files(5)
    before = tmp_path / "before.sqlite"
    with Library.open(before, annotator="tester") as lib:
        lib.importer.import_paths(files)
        first = lib.articles.ids()[0]
        body = lib.articles.get(first).body
        lib.claims.create(first, 0, 40, [1], note="check against the harbour records")
        people = [e for e in lib.entities.list() if e.type == "PERSON"]
        lib.entities.merge([people[1].id], people[0].id)
        lib.entities.rename(people[2].id, "Renamed By Hand")
        dismissed = lib.suggestions.for_article(first)[0]
        lib.suggestions.dismiss(first, dismissed.text)
        with lib.store.write() as s:  # an analyser upgrade: every article's analysis is now out of date
            s.execute(update(Article).values(analyser_version="claimdesk-analysis-0"))
        made = _persons_work(lib)
    assert body[:40] in [c[3] for c in made["claims"]]
    for name in ("here", "there"):
        shutil.copy(before, tmp_path / f"{name}.sqlite")

    assert main(["analyze", "--library", "--db", str(tmp_path / "here.sqlite")]) == 0
    assert main(["analyze", "--library", "--cluster", cluster.scheduler_address,
                 "--db", str(tmp_path / "there.sqlite")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "5 of 5 articles analysed"
    with Library.open(tmp_path / "here.sqlite") as here, Library.open(tmp_path / "there.sqlite") as there:
        assert_same_library(snapshot(there), snapshot(here))
        kept = _persons_work(there)
        assert kept == _persons_work(here)
        assert kept["claims"] == made["claims"]
        assert ("Renamed By Hand", "PERSON") in kept["entities"]
        assert people[1].name not in [n for n, _t in kept["entities"]]  # the merge held
        assert dismissed.text not in [t for _a, t in kept["open suggestions"]]
        assert {a[-1] for a in snapshot(there)["articles"]} == {ANALYSER_VERSION}
