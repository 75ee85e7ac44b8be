"""One throwaway PostgreSQL server for the whole test run, and a fresh database per test module.

The server runs as a non-root user (PostgreSQL refuses root; as root it runs as the postgres
account). Tests that use it are skipped where the machine has no server programs or psycopg
is missing; scripts/test.sh installs both, so CI runs them.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def _server_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; there it runs as the postgres account."""
    if os.geteuid() != 0:
        return args
    if shutil.which("runuser") is None:
        pytest.skip("running as root without runuser to start PostgreSQL as another user")
    return ["runuser", "-u", "postgres", "--", *args]


@pytest.fixture(scope="session")
def pg_server():
    """The server's base URL (without a database name)."""
    pytest.importorskip("psycopg")
    bin_dir = _server_bin()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server programs on this machine")
    # Not under pytest's temporary folder: that one is private to this user, and the server
    # may run as another.
    root = Path(tempfile.mkdtemp(prefix="claimdesk-pg-"))
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    run = lambda *a: subprocess.run(_as_server_user(list(a)), check=True, capture_output=True, timeout=120)  # noqa: E731
    run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "claimdesk")
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"),
        "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=100", "start")
    try:
        deadline = time.monotonic() + 30
        while subprocess.run([str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                             capture_output=True).returncode != 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        yield f"postgresql+psycopg://claimdesk@127.0.0.1:{port}"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


_numbers = itertools.count(1)


def new_database(server_url: str) -> str:
    """A new, empty database on the server; its SQLAlchemy URL."""
    import psycopg

    name = f"t{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(server_url.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url}/{name}"


@pytest.fixture(scope="module")
def pg_url(pg_server):
    """A database of its own for each test module, on the one server."""
    return new_database(pg_server)
