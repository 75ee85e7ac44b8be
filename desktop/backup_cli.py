"""`claimdesk backup list|now|restore|keep`: the library's backups from the command line.

Works on a library that cannot be opened (that is when a restore is wanted), so it never
opens the library through Library.open.
"""
from __future__ import annotations

import argparse

from db.paths import LibraryOpenError
from desktop.services.backups import MAX_KEEP, Backup, Backups, keep_setting, save_keep_setting
from desktop.services.errors import UserError

PG_DUMP_HINT = ("a PostgreSQL library is backed up by its server: pg_dump --format=custom --file=claimdesk.dump "
                "DATABASE, restored with pg_restore")


def add_parser(sub, db_option) -> None:
    bak = sub.add_parser("backup", help="list, make or restore the library's backups")
    bak_sub = bak.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    db_option(bak_sub.add_parser("list", help="the backups, newest first, numbered"))
    db_option(bak_sub.add_parser("now", help="back the library up now"))
    restore = bak_sub.add_parser("restore", help="put a backup in the library's place (close the app first)")
    restore.add_argument("backup", metavar="N|FILE", help="a number from `backup list`, or a backup file")
    db_option(restore)
    keep = bak_sub.add_parser("keep", help="how many backups are kept of each library (the same setting as the app's)")
    keep.add_argument("count", nargs="?", type=_count, metavar="N", help=f"keep the last N (1 to {MAX_KEEP})")


def run(args: argparse.Namespace) -> int:
    if args.backup_command == "keep":
        if args.count is not None:
            save_keep_setting(args.count)
        print(f"the last {keep_setting()} backups of each library are kept")
        return 0
    backups = _backups(args.db)
    if args.backup_command == "list":
        found = backups.list()
        for n, b in enumerate(found, start=1):
            print(f"{n:>3}  {b.made:%Y-%m-%d %H:%M:%S}  {b.reason:16} {_size(b.size):>9}  {b.path}")
        print(f"{len(found)} backups of {backups.library} in {backups.folder}")
        return 0
    if args.backup_command == "now":
        if not backups.library.exists():
            raise UserError(f"no library at {backups.library}")
        print(f"wrote {backups.make('manual').path}")
        return 0
    chosen = _chosen(backups, args.backup)
    kept = backups.restore(chosen)
    print(f"restored {backups.library} from {chosen.path if isinstance(chosen, Backup) else chosen}")
    if kept is not None:
        print(f"what it held before is kept in {kept.path}")
    return 0


def _backups(db: str | None) -> Backups:
    backups = Backups.of(db)
    if backups is None:
        raise LibraryOpenError(PG_DUMP_HINT)
    return backups


def _chosen(backups: Backups, wanted: str):
    if wanted.isdigit():
        found = backups.list()
        n = int(wanted)
        if not 1 <= n <= len(found):
            raise UserError(f"no backup number {n}: `claimdesk backup list` shows {len(found)}")
        return found[n - 1]
    from pathlib import Path

    return Path(wanted)


def _count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_KEEP:
        raise argparse.ArgumentTypeError(f"a whole number from 1 to {MAX_KEEP}, not {text!r}")
    return int(text)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"
