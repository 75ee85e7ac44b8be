"""`claimdesk backup list|now|restore`: the library's backups from the command line.

Works on a library that cannot be opened (that is when a restore is wanted), so it never
opens the library through Library.open.
"""
from __future__ import annotations

import argparse

from db.engine import LibraryOpenError
from desktop.services.backups import Backup, Backups
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


def run(args: argparse.Namespace) -> int:
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


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"
