"""Reaching a Dask scheduler and making sure its workers run the same ClaimDesk as this client."""
from __future__ import annotations

import re

from desktop.analysis import ANALYSER_VERSION
from desktop.services.errors import UserError

WORKER_WAIT_S = 60
CONNECT_TIMEOUT_S = 20
# What `dask scheduler` prints: tcp:// (or tls://) HOST:PORT; Dask retries until a timeout on anything else.
ADDRESS = re.compile(r"^(tcp|tls)://[^\s/:]+(:\d+)$|^\[?[^\s/]+\]?:\d+$")


def connect(address: str, wait_s: float = WORKER_WAIT_S, timeout_s: float = CONNECT_TIMEOUT_S):
    """A distributed.Client on the scheduler, its workers checked and their pipelines loaded."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise UserError("cluster work needs the cluster extra: pip install -e '.[cluster]'") from exc
    if not ADDRESS.match(address):
        raise UserError(f"{address!r} is not a scheduler address; give it as tcp://HOST:PORT (8786 by default)")
    try:
        client = Client(address, timeout=f"{timeout_s}s", set_as_default=False)
    except Exception as exc:  # OSError, TimeoutError, ValueError for a malformed address
        raise UserError(f"cannot reach the Dask scheduler at {address}: {_first_line(exc)}") from exc
    try:
        _check_workers(client, address, wait_s)
    except BaseException:
        client.close()
        raise
    return client


def _check_workers(client, address: str, wait_s: float) -> None:
    from desktop.cluster import tasks

    try:
        client.wait_for_workers(1, timeout=wait_s)
    except Exception as exc:
        raise UserError(f"no worker joined the scheduler at {address} within {wait_s:.0f} s "
                        "(start some with: dask worker ADDRESS --nthreads 1)") from exc
    try:
        # Registered with the scheduler, so a worker that joins or restarts later loads it too.
        client.register_plugin(tasks.PipelineLoader(), name="claimdesk-pipeline")
        versions = client.run(tasks.analyser_version)
    except Exception as exc:
        raise UserError("the workers cannot run ClaimDesk's analysis; install ClaimDesk with the cluster "
                        f"extra on every worker ({type(exc).__name__}: {_first_line(exc)})") from exc
    wrong = sorted({v for v in versions.values() if v != ANALYSER_VERSION})
    if wrong:
        raise UserError(f"workers run analyser {', '.join(wrong)} but this client {ANALYSER_VERSION}; "
                        "install the same ClaimDesk everywhere")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
