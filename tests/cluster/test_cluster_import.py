"""Import through a real Dask cluster (a LocalCluster of two worker processes) into a real library.

The cluster's library must be the one a local import makes of the same files: same articles and
metadata, entities, quotes and suggestions, analyser version (ids aside).
"""
from __future__ import annotations

import os
import signal

import pytest

from desktop.analysis import ANALYSER_VERSION
from desktop.cluster import ClusterImport
from desktop.services import Library
from desktop.services.progress import CancelToken
from tests.cluster.libraries import (
    assert_same_library,
    polnear_dev_files,
    snapshot,
    start_cluster,
)
from tests.postgres_server import new_database


def _local(url, files) -> dict:
    with Library.open(url) as lib:
        report = lib.importer.import_paths(files)
        assert report.analysed == len(report.added) == len(files)
        return snapshot(lib)


def test_a_cluster_import_into_postgresql_is_the_local_import(client, pg_server, tmp_path):
    files = polnear_dev_files(6)
    with Library.open(new_database(pg_server)) as lib:
        report = ClusterImport(lib.store, client, batch=3).import_paths(files)
        assert (len(report.added), report.analysed, report.failed) == (len(files), len(files), [])
        ours = snapshot(lib)
    assert sum(ours["mentions"].values()) > 50 and sum(ours["quotes"].values()) > 5
    assert_same_library(ours, _local(new_database(pg_server), files))


@pytest.mark.slow
def test_the_whole_polnear_dev_folder_through_the_cluster(client, pg_server):
    folder = polnear_dev_files()[0].parent
    with Library.open(new_database(pg_server)) as lib:
        report = ClusterImport(lib.store, client).import_paths([folder])
        assert (len(report.added), report.analysed, report.failed) == (84, 84, [])
        ours = snapshot(lib)
    with Library.open(new_database(pg_server)) as lib:
        lib.importer.import_paths([folder])
        assert_same_library(ours, snapshot(lib))


def test_files_sent_as_bytes_give_the_same_library(client, tmp_path):
    files = polnear_dev_files(4)
    with Library.open(tmp_path / "sent.sqlite") as lib:
        job = ClusterImport(lib.store, client, batch=2, send_files=True)
        report = job.import_paths(files)
        assert job.send_files and len(report.added) == len(files)
        sent = snapshot(lib)
    with Library.open(tmp_path / "read.sqlite") as lib:
        job = ClusterImport(lib.store, client, batch=2)
        job.import_paths(files)
        assert job.send_files is False  # the workers here see the same folder: they read it themselves
        assert_same_library(sent, snapshot(lib))


def test_bad_files_are_reported_and_the_rest_imported(client, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour tariffs\n\nThe Veltra harbour board said on Monday that the tariff "
                                  "on grain would be lifted in May, after a year of protests.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Harbour tariffs\n\nThe Veltra harbour board said on Monday that the tariff "
                                  "on grain would be lifted in May, after a year of protests.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "fake.pdf").write_bytes(b"this is not a pdf at all")
    for send in (False, True):
        with Library.open(tmp_path / f"lib-{send}.sqlite") as lib:
            report = ClusterImport(lib.store, client, send_files=send).import_paths([folder, tmp_path / "nowhere"])
        assert [p for p, _i in report.added] == [str(folder / "a.txt")]
        assert report.duplicates == [(str(folder / "b.txt"), report.added[0][1])]
        reasons = dict(report.failed)
        assert set(reasons) == {str(folder / "empty.txt"), str(folder / "fake.pdf"), str(tmp_path / "nowhere")}
        local = Library.open(tmp_path / f"local-{send}.sqlite").importer.import_paths([folder, tmp_path / "nowhere"])
        assert reasons == dict(local.failed)  # the same one-line reasons as a local import


def test_cancel_leaves_whole_batches_and_a_rerun_resumes(client, tmp_path):
    files = polnear_dev_files(6)
    cancel = CancelToken()

    def stop_after_first_batch(done, total, _what):
        if done >= 2:
            cancel.cancel()

    with Library.open(tmp_path / "resumed.sqlite") as lib:
        first = ClusterImport(lib.store, client, batch=2).import_paths(files, stop_after_first_batch, cancel)
        assert first.cancelled and 2 <= len(first.added) < len(files)
        stored = snapshot(lib)
        # Nothing half-written: every stored article carries its analysis.
        assert {a[-1] for a in stored["articles"]} == {ANALYSER_VERSION}
        assert {m[0] for m in stored["mentions"]} == {a[0] for a in stored["articles"]}
        again = ClusterImport(lib.store, client, batch=2).import_paths(files)
        assert sorted(again.duplicates) == sorted(first.added)  # skipped, not sent again
        assert len(first.added) + len(again.added) == len(files)
        resumed = snapshot(lib)
    assert_same_library(resumed, _local(tmp_path / "local.sqlite", files))


@pytest.mark.slow
def test_killing_a_worker_mid_import_loses_nothing(tmp_path):
    from desktop.cluster import connect

    files = polnear_dev_files(16)
    with start_cluster() as local:
        client = connect(local.scheduler_address)
        victim = next(iter(client.run(os.getpid).values()))
        killed = []

        def kill_after_first_batch(done, _total, _what):
            if done and not killed:
                os.kill(victim, signal.SIGKILL)
                killed.append(done)

        try:
            with Library.open(tmp_path / "survived.sqlite") as lib:
                report = ClusterImport(lib.store, client, batch=2).import_paths(files, kill_after_first_batch)
                survived = snapshot(lib)
        finally:
            client.close()
    assert killed and killed[0] < len(files)
    assert (len(report.added), report.analysed, report.failed) == (len(files), len(files), [])
    assert_same_library(survived, _local(tmp_path / "local.sqlite", files))
