"""Two colleagues on one library: the same tests on a shared SQLite file and on PostgreSQL."""
from __future__ import annotations

import pytest

from desktop.services import Library
from tests.postgres_server import new_database


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "team.sqlite")
    return new_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def pair(shared_url):
    """Mara's and Tomas's libraries: two connections to one database, as two windows would have."""
    mara = Library.open(shared_url, annotator="Mara Veld")
    tomas = Library.open(shared_url, annotator="Tomas Irle")
    yield mara, tomas
    mara.close()
    tomas.close()
