"""Long articles are analysed in paragraph blocks with exact offsets; one failed analysis is
recorded, shown and not retried, and never stops the others (issue 18, items 5 and 6)."""
from __future__ import annotations

import pytest

from desktop.analysis import Analysis, AnalysisFailure, analyze_many, chunks
from tests.data.hostile_inputs import long_article


def test_blocks_cover_the_text_exactly_and_end_at_paragraphs():
    text = long_article(30_000)
    ranges = chunks.blocks(text, 4_000)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert all(end - start <= 4_000 for start, end in ranges)
    assert all(text[end - 2:end] == "\n\n" for _start, end in ranges[:-1])


def test_a_paragraph_longer_than_a_block_is_cut_after_a_sentence_or_a_space():
    text = ("Mira Halvard said the harbour was full. " * 300).strip()  # one paragraph of 12,000 characters
    ranges = chunks.blocks(text, 1_000)
    assert "".join(text[a:b] for a, b in ranges) == text
    assert all(text[b - 1] == " " for _a, b in ranges[:-1])
    no_spaces = "x" * 5_000
    assert [b - a for a, b in chunks.blocks(no_spaces, 1_000)] == [1_000] * 5


def test_a_text_past_the_block_size_is_analysed_in_blocks_with_exact_offsets(monkeypatch):
    monkeypatch.setattr(chunks, "BLOCK_CHARS", 2_500)
    text = long_article(12_000, seed=5)
    assert len(chunks.blocks(text)) >= 4
    (result,) = analyze_many([text])
    assert isinstance(result, Analysis)
    for e in result.entities:
        assert all(text[m.start:m.end] == m.text for m in e.mentions)
    for q in result.quotes:
        assert text[q.start:q.end] == q.text
    for s in result.suggestions:
        assert text[s.start:s.end] == s.text
    # Mentions from every block, of one entity per name: a name said in the first and last block is one entity.
    assert max(m.start for e in result.entities for m in e.mentions) > len(text) - 2_500
    names = [(e.name, e.type) for e in result.entities]
    assert len(names) == len(set(names))
    assert any(q.speaker for q in result.quotes if q.start > 5_000)
    assert len(result.suggestions) <= 12


def test_an_article_whose_analysis_fails_is_reported_and_the_next_goes_on(monkeypatch):
    import desktop.analysis as analysis

    real = analysis.analyse_doc

    def fragile(doc):
        if "Tarvik lighthouse" in doc.text:
            raise ValueError("the parser tripped")
        return real(doc)

    monkeypatch.setattr(analysis, "analyse_doc", fragile)
    good = "Mira Halvard said the ferry to Lund Bay runs again."
    bad = "The Tarvik lighthouse keeper said nothing at all to anyone."
    results = list(analyze_many([good, bad, good + " Twice."]))
    assert [type(r) for r in results] == [Analysis, AnalysisFailure, Analysis]
    assert "ValueError" in results[1].reason and "the parser tripped" in results[1].reason


@pytest.fixture
def fragile_analysis(monkeypatch):
    """One article's analysis fails (the fault injected where no user reaches); the rest is real."""
    import desktop.analysis as analysis

    real = analysis.analyse_doc

    def fragile(doc):
        if "Tarvik lighthouse" in doc.text:
            raise MemoryError("out of memory in the parser")
        return real(doc)

    monkeypatch.setattr(analysis, "analyse_doc", fragile)


def test_a_failed_analysis_is_stored_shown_and_not_retried(library, fragile_analysis, tmp_path, capsys):
    from desktop.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Ferries in Lund Bay\n\nMira Halvard said the ferry to Lund Bay runs again.\n")
    (folder / "b.txt").write_text("Lighthouse news\n\nThe Tarvik lighthouse keeper said nothing at all.\n")
    (folder / "c.txt").write_text("Harbour news\n\nTomas Brenn said the harbour of Port Kessa is full.\n")
    report = library.importer.import_paths([folder])
    assert len(report.added) == 3 and report.analysed == 3
    by_path = {p: i for p, i in report.added}
    failed_id = by_path[str(folder / "b.txt")]
    rows = library.articles.rows_by_id([i for _p, i in report.added])
    assert rows[failed_id].analysis_error and "MemoryError" in rows[failed_id].analysis_error
    assert all(rows[i].analysis_error is None for i in rows if i != failed_id)
    good_id = by_path[str(folder / "a.txt")]
    assert library.entities.article_counts([good_id])[good_id].entities > 0  # the others were analysed
    assert library.importer.pending_analysis() == []  # not tried again at the next start
    library.close()
    assert main(["list", "--db", str(tmp_path / "library.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "[not analysed: the analysis failed (MemoryError" in out
