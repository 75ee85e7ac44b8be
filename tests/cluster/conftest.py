"""A real Dask cluster on this machine (two worker processes) for the cluster tests.

Skipped where the cluster extra is missing (`pip install -e '.[cluster]'`); scripts/test.sh
installs it, so CI runs these.
"""
from __future__ import annotations

import pytest

pytest.importorskip("distributed")


@pytest.fixture(scope="package")
def cluster():
    from tests.cluster.libraries import start_cluster

    with start_cluster() as local:
        yield local


@pytest.fixture(scope="package")
def client(cluster):
    from desktop.cluster import connect

    c = connect(cluster.scheduler_address)
    yield c
    c.close()
