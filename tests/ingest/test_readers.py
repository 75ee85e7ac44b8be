"""Every format comes out as a clean body with its metadata; hostile files are refused politely."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.ingest import content_hash, iter_article_files, read_article, read_bytes
from desktop.ingest.types import IngestError
from tests.ingest.conftest import HEADLINE, PARAGRAPHS

CORPUS = next((p / "shared" / "corpus" for p in Path(__file__).resolve().parents[3:5]
               if (p / "shared" / "corpus").is_dir()), Path("/nonexistent"))


def test_plain_text_metadata(files):
    a = read_article(files["plain.txt"])
    assert a.title == HEADLINE
    assert a.author == "Mara Quell"
    assert a.published == dt.date(2026, 3, 14)
    assert a.outlet == "The Coastal Ledger"
    assert a.body.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize("name", ["utf16.txt", "latin1.txt"])
def test_encodings(files, name):
    a = read_article(files[name])
    assert a.title == HEADLINE and "grain exports rose 14%" in a.body
    if name == "latin1.txt":
        assert "Ilsé Roavik" in a.body


def test_cp1251(files):
    a = read_article(files["cp1251.txt"])
    assert a.title == "Порт Вельтры открыт"
    assert "Ильза Роавик" in a.body


@pytest.mark.parametrize("name", ["page.html", "page_named.txt"])
def test_html_goes_through_trafilatura(files, name):
    a = read_article(files[name])
    assert a.format == "html"
    assert "grain exports rose 14%" in a.body and "Osterlund" in a.body
    for chrome in ("alert", "Advertisement", "Home", "Subscribe"):
        assert chrome not in a.body
    assert a.author == "Mara Quell" and a.published == dt.date(2026, 3, 14)
    assert "Harbour Tariff Lifted" in a.title


def test_docx(files):
    a = read_article(files["story.docx"])
    assert a.format == "docx" and a.title == HEADLINE and a.author == "Mara Quell"
    assert a.body.split("\n\n") == PARAGRAPHS


def test_pdf(files):
    a = read_article(files["story.pdf"])
    assert a.format == "pdf" and a.title == HEADLINE and a.author == "Mara Quell"
    assert "grain exports rose 14%" in a.body


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty"), ("binary.txt", "binary"), ("truncated.pdf", "PDF"), ("encrypted.pdf", "encrypted"),
    ("bomb.docx", "bomb"), ("laughs.html", "entit"), ("fake.pdf", "not a valid PDF"),
])
def test_hostile_files_refused_with_a_reason(files, name, reason):
    start = time.perf_counter()
    with pytest.raises(IngestError, match=reason):
        read_article(files[name])
    assert time.perf_counter() - start < 10


def test_missing_and_folder(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="folder"):
        read_article(tmp_path)


def test_oversize(tmp_path, monkeypatch):
    import desktop.ingest.limits as limits

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    with pytest.raises(IngestError, match="too large"):
        read_article(big)


def test_duplicates_across_formats_share_a_hash(files):
    hashes = {content_hash(read_article(files[n]).body) for n in ("plain.txt", "story.docx", "utf16.txt")}
    assert len(hashes) == 1


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for p in ("b/z.txt", "a.md", ".hidden/x.txt", "b/img.png", "c.HTML"):
        (tmp_path / p).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_article_files([tmp_path])] == ["a.md", "b/z.txt", "c.HTML"]


def test_markdown(tmp_path):
    md = tmp_path / "note.md"
    md.write_text("# " + HEADLINE + "\n\nBy Mara Quell\n\n" + "\n\n".join(PARAGRAPHS).replace(
        "grain exports", "**grain exports**") + "\n\n[a link](http://x) and ![img](y.png)\n")
    a = read_article(md)
    assert a.title == HEADLINE and "grain exports rose 14%" in a.body and "**" not in a.body


@pytest.mark.skipif(not CORPUS.exists(), reason="the sample corpus is not beside the project")
def test_sample_corpus_chrome_removed():
    for path in sorted(CORPUS.glob("*.txt")):
        a = read_article(path)
        for chrome in ("Leave a", "Subscribe", "profile image", "shutterstock", "Similar post"):
            assert chrome not in a.body, (path.name, chrome)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf", ".xyz"]))
def test_random_bytes_only_raise_ingest_error(data, suffix):
    try:
        read_bytes(data, suffix)
    except IngestError:
        pass


@settings(max_examples=50, deadline=None)
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]),
       st.binary(max_size=2000))
def test_random_bytes_behind_magic_numbers(magic, rest):
    for suffix in (".pdf", ".docx", ".html", ".txt"):
        try:
            read_bytes(magic + rest, suffix)
        except IngestError:
            pass
