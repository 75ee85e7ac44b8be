"""kill -9 at random moments of a first start and of an upgrade: every library opens afterwards
and holds every claim confirmed before. Slow: 30 kills of each (pytest -m slow -s prints the tally)."""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.engine import LibraryOpenError, make_engine
from db.migrate import HEAD, alembic_config
from desktop.services import Library
from tests.helpers import add_article

ROOT = Path(__file__).resolve().parents[2]
KILLS = 30
OPENER = """
import sys
from desktop.services import Library
print("ready", flush=True)
Library.open(sys.argv[1]).close()
print("done", flush=True)
"""


def _start(path: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", OPENER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _open_time(path: Path) -> float:
    proc = _start(path)
    t = time.monotonic()
    assert proc.stdout.readline().strip() == "done"
    elapsed = time.monotonic() - t
    proc.wait(timeout=30)
    return elapsed


def _kill_at(proc: subprocess.Popen, delay: float) -> bool:
    """Kill after delay; True when the process was still working (not already done)."""
    time.sleep(delay)
    alive = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    return alive


def _opens(path: Path) -> bool:
    try:
        with Library.open(path, seed_codebook=False) as lib:
            lib.articles.ids()
    except LibraryOpenError as exc:
        print(f"\nunopenable: {exc}")
        return False
    with sqlite3.connect(path) as raw:
        return raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_kill_during_first_start(tmp_path):
    window = _open_time(tmp_path / "timing.sqlite")
    rng = random.Random(18)
    unopenable = interrupted = 0
    for i in range(KILLS):
        path = tmp_path / f"new{i}.sqlite"
        interrupted += _kill_at(_start(path), rng.uniform(0, window))
        unopenable += not _opens(path)
    print(f"\nfirst start ({window:.2f} s) killed {KILLS} times ({interrupted} while still working): "
          f"{unopenable} unopenable libraries")
    assert unopenable == 0
    assert interrupted >= KILLS // 2


def _old_library(path: Path) -> dict[int, tuple[str, str]]:
    """A library at revision 0001 holding 40 confirmed claims and enough mentions for 0002 to take a while."""
    with Library.open(path, annotator="tester") as lib:
        body = "The harbour master of Veltra said grain barges would wait three days at the lock. " * 40
        aid = add_article(lib, body)
        claims = {}
        for n in range(40):
            c = lib.claims.create(aid, n * 10, n * 10 + 9, [1], note=f"note {n}")
            claims[c.id] = (c.text, c.note)
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO entities (name, type, name_by_user, type_by_user, created_at) "
                    "VALUES ('Veltra', 'GPE', 0, 0, '2026-01-01')")
        raw.executemany("INSERT INTO entity_mentions (article_id, entity_id, start, \"end\", text, analyser_version) "
                        "VALUES (?, 1, ?, ?, 'Veltra', 'x')", [(aid, i, i + 6) for i in range(300_000)])
    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    from alembic import command
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    engine.dispose()
    return claims


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_kill_during_an_upgrade(tmp_path, isolated_user_dirs):
    template = tmp_path / "template.sqlite"
    claims = _old_library(template)
    shutil.copy(template, tmp_path / "timing.sqlite")
    window = _open_time(tmp_path / "timing.sqlite")
    rng = random.Random(180)
    unopenable = lost = interrupted = 0
    for i in range(KILLS):
        path = tmp_path / f"old{i}.sqlite"
        shutil.copy(template, path)
        interrupted += _kill_at(_start(path), rng.uniform(0, window))
        if not _opens(path):
            unopenable += 1
            continue
        with Library.open(path) as lib:
            assert lib.engine.dialect.name == "sqlite"
            stored = {c.id: (c.text, c.note) for c in lib.claims.all()}
            lost += sum(stored.get(k) != v for k, v in claims.items())
            with lib.engine.connect() as conn:
                assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    print(f"\nupgrade 0001 -> {HEAD} ({window:.2f} s) killed {KILLS} times ({interrupted} while still working): "
          f"{unopenable} unopenable libraries, {lost} of {len(claims) * KILLS} confirmed claims lost")
    assert unopenable == 0 and lost == 0
    assert interrupted >= KILLS // 2
