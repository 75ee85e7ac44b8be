import pytest


@pytest.fixture(scope="session")
def analyse():
    """The spaCy pipeline is loaded once per test session (get_nlp caches it)."""
    from desktop.analysis import analyze_text

    return analyze_text
