"""Write a new migration from the difference between the models and the migrations.

Usage: python -m db.revision "what changed"
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import Script

from db.engine import make_engine
from db.migrate import alembic_config, upgrade_to_head


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].strip():
        print('usage: python -m db.revision "what changed"', file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.sqlite'}")
        upgrade_to_head(engine)
        script = command.revision(alembic_config(engine), argv[0], autogenerate=True)
        engine.dispose()
    if not isinstance(script, Script):  # a list or None only with several heads or branches, which this chain never has
        print("no single revision was written", file=sys.stderr)
        return 1
    print(f"now set HEAD = {script.revision!r} in db/migrate.py")  # the cached head the app opens with
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
