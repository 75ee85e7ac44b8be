"""A bulk import killed during analysis leaves no worker processes behind, and the next
import analyses what it left, even when every file it reads is already in the library."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from db.engine import LibraryOpenError
from desktop.services import Library
from desktop.worker_lifetime import workers_die_with_this_process
from tests.helpers import add_article

ROOT = Path(__file__).resolve().parents[2]
PLACES = ["Ostrel", "Veltra", "Marrow Bay", "Kessik", "Dunholm", "Arvik"]


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    rng = random.Random(8)
    for i in range(n):
        place = rng.choice(PLACES)
        text = (f"Ferry timetable {i} for {place}\n\n"
                f"Harbour master Lena Ostrova said on Monday that ferries to {place} would run "
                f"{i + 2} times a day from June. \"We expect {i * 10 + 40} passengers a crossing,\" "
                f"she said. The council of {place} agreed. " * 3)
        (folder / f"timetable-{i:03}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_reimport_of_duplicates_analyses_what_an_earlier_run_left(library, tmp_path):
    folder = _articles(tmp_path / "in", 3)
    first = library.importer.import_paths([folder], analyse=False)  # as if killed before analysis
    assert len(first.added) == 3 and len(library.importer.pending_analysis()) == 3
    again = library.importer.import_paths([folder])
    assert len(again.duplicates) == 3 and again.added == []
    assert again.analysed == 3 and library.importer.pending_analysis() == []


def test_a_forked_worker_dies_with_its_parent(tmp_path):
    """Fork a child, which forks a grandchild inside the guard; kill the child: the grandchild goes too."""
    marker = tmp_path / "grandchild.pid"
    code = f"""
import os, sys, time
from desktop.worker_lifetime import workers_die_with_this_process
with workers_die_with_this_process():
    pid = os.fork()
if pid == 0:
    open({str(marker)!r}, "w").write(str(os.getpid()))
    time.sleep(60)
    os._exit(0)
time.sleep(60)
"""
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    deadline = time.monotonic() + 30
    while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    grandchild = int(marker.read_text())
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert _gone(grandchild, within=5)


def test_a_fork_outside_the_guard_is_left_alone():
    with workers_die_with_this_process():
        pass
    pid = os.fork()
    if pid == 0:
        os._exit(0 if os.getppid() > 0 else 1)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":  # dead, waiting for its (new) parent to collect it
            return True
        time.sleep(0.05)
    return False


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                state = (entry / "stat").read_text().split(") ")[-1][0]
                if state != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
@pytest.mark.timeout(3600)  # 30 starts of spaCy on a busy machine
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_during_bulk_import_leaves_no_orphans(tmp_path):
    """Each round: a library holding 60 unanalysed articles and a confirmed claim; `claimdesk import`
    of the same folder (all duplicates) analyses them with two workers and is killed meanwhile."""
    folder = _articles(tmp_path / "in", 60)  # over the bulk threshold: two analysis processes
    template = tmp_path / "template.sqlite"
    with Library.open(template, annotator="tester") as lib:
        aid = add_article(lib, "The lock keeper of Kessik said the canal would close for repairs.")
        confirmed = lib.claims.create(aid, 4, 15, [1], note="before the imports").id
        lib.importer.import_paths([folder], analyse=False)
    rng = random.Random(81)
    kills, interrupted, orphans, hung_pipes, lost, unopenable = 30, 0, 0, 0, 0, 0
    for i in range(kills):
        path = tmp_path / f"lib{i}.sqlite"
        shutil.copy(template, path)
        marker = f"CLAIMDESK_KILL_TEST={uuid.uuid4()}"
        key, value = marker.split("=")
        proc = subprocess.Popen([sys.executable, "-m", "desktop.cli", "import", str(folder), "--db", str(path)],
                                cwd=ROOT, env={**os.environ, key: value}, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while len(_processes_with(marker)) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)  # until both workers run
        time.sleep(rng.uniform(0, 3))
        interrupted += proc.poll() is None
        proc.kill()
        try:
            proc.communicate(timeout=15)  # returns only once no worker holds the output pipe
        except subprocess.TimeoutExpired:
            hung_pipes += 1
        time.sleep(0.5)
        left = _processes_with(marker)
        orphans += len(left)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        try:
            with Library.open(path) as lib:
                lost += lib.claims.get(confirmed).note != "before the imports"
        except LibraryOpenError:
            unopenable += 1
    with Library.open(path) as lib:  # the last round's library: the next import finishes the work
        unfinished = len(lib.importer.pending_analysis())
        report = lib.importer.import_paths([folder])
        left_after = len(lib.importer.pending_analysis())
    print(f"\nbulk import killed {kills} times during analysis ({interrupted} while still working): "
          f"{orphans} orphan processes, {hung_pipes} output pipes held, {unopenable} unopenable libraries, "
          f"{lost} confirmed claims lost; the next import (all {len(report.duplicates)} files duplicates) "
          f"analysed {report.analysed} of the {unfinished} left unanalysed, {left_after} left")
    assert orphans == 0 and hung_pipes == 0 and lost == 0 and unopenable == 0 and left_after == 0
    assert interrupted >= kills // 2
