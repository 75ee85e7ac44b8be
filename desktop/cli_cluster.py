"""`claimdesk import … --cluster` and `claimdesk analyze --library [--cluster]`: options and runs."""
from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.services import Library, UserError
from desktop.services.importer import ImportReport
from desktop.services.progress import CancelToken, ProgressFn

QUIET_LINE_EVERY_S = 30  # progress lines when stderr is a log file rather than a terminal


def add_import_options(imp: argparse.ArgumentParser) -> None:
    imp.add_argument("--cluster", metavar="tcp://HOST:8786",
                     help="read and analyse on a Dask cluster (the cluster extra); this command writes the library")
    imp.add_argument("--send-files", action="store_true",
                     help="with --cluster: send the files' bytes to the workers (default: only when the "
                          "workers cannot read the files at the same paths)")


def add_analyze_options(ana: argparse.ArgumentParser) -> None:
    ana.add_argument("--library", action="store_true",
                     help="analyse the library's articles that this analyser has not analysed yet, and store it")
    ana.add_argument("--all", action="store_true", help="with --library: every article, not only those pending")
    ana.add_argument("--cluster", metavar="tcp://HOST:8786", help="with --library: analyse on a Dask cluster")


def import_on_cluster(lib: Library, args: argparse.Namespace) -> ImportReport:
    from desktop.cluster import ClusterImport, connect

    if args.no_analysis:
        raise UserError("--no-analysis and --cluster do not go together: the cluster is there to analyse")
    with _cancel_on_ctrl_c() as cancel:
        client = connect(args.cluster)
        try:
            job = ClusterImport(lib.store, client, send_files=True if args.send_files else None)
            report = job.import_paths(args.paths, progress=_progress_printer("files"), cancel=cancel)
        finally:
            client.close()
    _end_progress()
    if not args.json:
        print(f"files {'sent to' if job.send_files else 'read by'} the workers; "
              f"{report.analysed} analysed on the cluster")
    if report.cancelled:
        print("claimdesk: cancelled; run the same command again to resume", file=sys.stderr)
    return report


def analyze_library(args: argparse.Namespace) -> int:
    if args.paths:
        raise UserError("give files to analyse or --library, not both")
    from desktop.services.identity import display_name

    with Library.open(args.db, annotator=display_name(args.user)) as lib:
        from sqlalchemy import select

        from db.models import Article

        if args.all:
            with lib.store.read() as s:
                ids = list(s.scalars(select(Article.id).order_by(Article.id)))
        else:
            ids = lib.importer.pending_analysis()
        progress = _progress_printer("articles")
        with _cancel_on_ctrl_c() as cancel:
            if args.cluster:
                done, lost = _analyse_on_cluster(lib, args.cluster, ids, progress, cancel)
            else:
                done, lost = lib.importer.analyse(ids, progress, cancel), 0
        _end_progress()
        print(f"{done} of {len(ids)} articles analysed" + (f"; {lost} lost on the cluster" if lost else ""))
        if cancel.cancelled:
            print("claimdesk: cancelled; run the same command again to resume", file=sys.stderr)
            return 130
        return 1 if lost else 0


def _analyse_on_cluster(lib: Library, address: str, ids: list[int], progress: ProgressFn,
                        cancel: CancelToken) -> tuple[int, int]:
    from desktop.cluster import ClusterReanalysis, connect

    client = connect(address)
    try:
        job = ClusterReanalysis(lib.store, client)
        return job.analyse(ids, progress, cancel), len(job.failed)
    finally:
        client.close()


@contextmanager
def _cancel_on_ctrl_c() -> Iterator[CancelToken]:
    """The first Ctrl+C finishes the batch being written and stops; a second one stops at once."""
    cancel = CancelToken()

    def first(_sig, _frame) -> None:
        cancel.cancel()
        print("\nclaimdesk: cancelling after the batch in hand (Ctrl+C again to stop at once)", file=sys.stderr)
        signal.signal(signal.SIGINT, signal.default_int_handler)

    try:
        previous = signal.signal(signal.SIGINT, first)
    except ValueError:  # not the main thread (a test driving main() from a thread): no handler
        yield cancel
        return
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


def _progress_printer(unit: str) -> ProgressFn:
    started = time.monotonic()
    last_line = [0.0]
    first: list[int] = []  # what was done before this run (a resumed import skips stored files)

    def show(done: int, total: int, what: str) -> None:
        elapsed = time.monotonic() - started
        first[:] = first or [done]
        rate = (done - first[0]) / elapsed if elapsed > 0 else 0.0
        line = f"[{done}/{total}] {rate:.1f} {unit}/s  {what}"
        if sys.stderr.isatty():
            print(f"\r{line[:100]:100}", end="", file=sys.stderr, flush=True)
        elif elapsed - last_line[0] >= QUIET_LINE_EVERY_S or done == total:
            last_line[0] = elapsed
            print(line, file=sys.stderr, flush=True)

    return show


def _end_progress() -> None:
    if sys.stderr.isatty():
        print("\r" + " " * 100 + "\r", end="", file=sys.stderr)
