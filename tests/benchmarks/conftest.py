"""Benchmarks are kept out of the default run; run them with `-m benchmark -s`."""
import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "benchmarks" in str(item.fspath):
            item.add_marker(pytest.mark.benchmark)
