"""A revised article: a new version linked to the old, every claim carried or flagged, nothing lost, undoable."""
from __future__ import annotations

from desktop.cli import main
from desktop.edits import EditHistory, ImportRevision
from desktop.services import Library

HEADER = "Harbour Board Reports Record Grain Tonnage\n\nBy Ilse Varnow\n\nThe Coastal Ledger — 12 May 2026\n\n"
PARAGRAPHS = [
    "Port Kessa handled 4.2 million tonnes of grain last year, the harbour board said on Tuesday. "
    "The figure is the highest since the port opened its northern basin.",
    "Board chair Orla Fenwick said the new quay would be finished by September. "
    "She added that dredging had cost 18 million crowns.",
    "Finance Minister Dalia Orsek praised the result in a statement. "
    "Critics said the board had ignored safety warnings from dock workers.",
    "Exports to the Northern Sea Council rose by a third, according to customs data. "
    "Shipping agents expect further growth next spring.",
]
# Ten claims: (passage, tag) - the passage as it stands in the first version.
CLAIMS = [
    ("Port Kessa handled 4.2 million tonnes of grain last year", "Trade figures"),
    ("the highest since the port opened its northern basin", "Trade figures"),
    ("the new quay would be finished by September", "Promise"),
    ("dredging had cost 18 million crowns", "Trade figures"),
    ("praised the result in a statement", "Reaction"),
    ("Critics said the board had ignored safety warnings from dock workers.", "Reaction"),
    ("ignored safety warnings", "Safety"),
    ("Exports to the Northern Sea Council rose by a third", "Trade figures"),
    ("according to customs data", "Sourcing"),
    ("Shipping agents expect further growth next spring.", "Forecast"),
]


def _revised() -> str:
    paras = list(PARAGRAPHS)
    paras[0] = paras[0].replace("4.2 million", "4.5 million")  # a figure corrected
    paras[2] = "Finance Minister Dalia Orsek praised the result in a statement."  # a sentence removed
    paras.insert(2, "The board later corrected its figure after an audit of the weighbridge records.")  # added
    return HEADER + "\n\n".join(paras) + "\n"


def _first_version(lib: Library, tmp_path) -> tuple[int, dict[str, int]]:
    path = tmp_path / "v1" / "harbour.txt"
    path.parent.mkdir()
    path.write_text(HEADER + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    report = lib.importer.import_paths([path], analyse=False)
    (_p, article_id), = report.added
    body = lib.articles.get(article_id).body
    made = {}
    for passage, tag in CLAIMS:
        start = body.index(passage)
        claim = lib.claims.create(article_id, start, start + len(passage), [lib.tags.ensure_path(tag).id],
                                  note=f"note on {tag}", verdict="disputed")
        made[passage] = claim.id
    return article_id, made


def _import_revision(lib: Library, tmp_path, analyse: bool = True):
    path = tmp_path / "v2" / "harbour.html.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(_revised(), encoding="utf-8")
    return lib.importer.import_paths([path], analyse=analyse)


def test_a_revision_carries_every_claim_to_the_right_words_or_flags_it(library, tmp_path):
    old_id, made = _first_version(library, tmp_path)
    report = _import_revision(library, tmp_path)
    (_path, revised), = report.revised
    new_id = revised.article_id
    assert revised.previous_id == old_id and revised.claims == 10
    # the new version is analysed like any new article, and so is the first, which its own
    # import left unanalysed (analyse=False): an import analyses every article still pending
    assert report.analysed == 2
    assert library.articles.get(new_id).analyser_version is not None
    new_body = library.articles.get(new_id).body
    claims = {c.id: c for c in library.claims.all()}
    assert len(claims) == 10 and all(c.article_id == new_id for c in claims.values())  # nothing lost
    flags = library.revisions.flags(new_id)
    for passage, claim_id in made.items():
        claim = claims[claim_id]
        assert new_body[claim.start:claim.end] == claim.text
        if claim_id in flags:
            assert flags[claim_id] == f"text changed: was '{passage}'"
        else:
            assert claim.text == passage  # unchanged words: the very same words
        assert claim.note.startswith("note on") and claim.verdict == "disputed" and claim.tag_names
    figure = claims[made[CLAIMS[0][0]]]
    assert figure.id in flags and figure.text == "Port Kessa handled 4.5 million tonnes of grain last year"
    removed = claims[made[CLAIMS[5][0]]]
    assert removed.id in flags  # its sentence is gone: flagged, still there, on the nearest text
    inside_removed = claims[made[CLAIMS[6][0]]]
    assert inside_removed.id in flags
    assert set(flags) == {figure.id, removed.id, inside_removed.id}
    info = library.revisions.for_article(new_id)
    assert info.passages_changed == 3 and info.banner.endswith("3 passages changed") and info.version == 2
    # The list shows the newest version only; the old body is still stored, unchanged.
    assert [r.id for r in library.articles.rows()] == [new_id]
    diff = library.revisions.diff(new_id)
    assert diff.old == library.articles.get(old_id).body and len(diff.changes) == 3


def test_undo_of_the_revision_import_restores_the_previous_state(library, tmp_path):
    old_id, made = _first_version(library, tmp_path)
    library.importer.analyse([old_id], n_process=1)
    before_claims = {c.id: (c.article_id, c.start, c.end, c.text, c.note, c.tag_ids) for c in library.claims.all()}
    before_mentions = [(m.start, m.end) for m in library.entities.mentions(old_id)]
    assert before_mentions
    report = _import_revision(library, tmp_path, analyse=False)
    (_path, revised), = report.revised
    history = EditHistory(library)
    history.push(ImportRevision(revised.article_id))  # the import applied it; pushing records it for undo
    history.undo()
    after = {c.id: (c.article_id, c.start, c.end, c.text, c.note, c.tag_ids) for c in library.claims.all()}
    assert after == before_claims
    assert [r.id for r in library.articles.rows()] == [old_id]
    assert library.revisions.for_article(revised.article_id) is None
    assert library.importer.pending_analysis() == [old_id]  # its annotations come back with the analysis
    library.importer.analyse(library.importer.pending_analysis(), n_process=1)
    assert [(m.start, m.end) for m in library.entities.mentions(old_id)] == before_mentions
    history.redo()  # and forward again: the same version, the same claims carried
    assert [r.id for r in library.articles.rows()] == [revised.article_id]
    assert len(library.revisions.flags(revised.article_id)) == 3


def test_a_different_article_with_the_same_title_is_not_taken_for_a_revision(library, tmp_path):
    _first_version(library, tmp_path)
    other = tmp_path / "other.txt"
    other.write_text(HEADER + "Ferry operators on the Marenhal crossing announced a strike for Friday, "
                     "citing unpaid overtime and broken promises about new boats.\n", encoding="utf-8")
    report = library.importer.import_paths([other], analyse=False)
    assert report.revised == [] and len(report.added) == 1
    assert len(library.articles.rows()) == 2


def test_command_line_import_of_a_revision_says_so(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    lib = Library.open(db)
    _first_version(lib, tmp_path)
    lib.close()
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "harbour.txt").write_text(_revised(), encoding="utf-8")
    assert main(["import", str(tmp_path / "v2" / "harbour.txt"), "--no-analysis", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "10 claims carried over, 3 flagged for review" in out and "1 revised" in out


def test_the_word_report_uses_the_newest_version_and_says_so(library, tmp_path):
    import docx

    from desktop.report import export

    _first_version(library, tmp_path)
    report = _import_revision(library, tmp_path, analyse=False)
    (_path, revised), = report.revised
    out = export(library, tmp_path / "report.docx", charts=False)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Version 2, revised on" in text and "3 passages changed): this report uses the newest version." in text
    assert "4.5 million tonnes" in text and "4.2 million tonnes" not in text


def test_a_second_revision_is_version_three_and_claims_keep_moving_forward(library, tmp_path):
    _old_id, made = _first_version(library, tmp_path)
    report = _import_revision(library, tmp_path, analyse=False)
    v2 = report.revised[0][1].article_id
    third = tmp_path / "v3.txt"
    third.write_text(_revised().replace("next spring", "next summer"), encoding="utf-8")
    (_p, revised), = library.importer.import_paths([third], analyse=False).revised
    assert revised.previous_id == v2
    info = library.revisions.for_article(revised.article_id)
    assert info.version == 3 and info.passages_changed == 1
    assert len(library.claims.for_article(revised.article_id)) == 10
    flags = library.revisions.flags(revised.article_id)
    # The new change is flagged, and the three from the first revision still wait for review.
    assert flags[made["Shipping agents expect further growth next spring."]] == \
        "text changed: was 'Shipping agents expect further growth next spring.'"
    assert len(flags) == 4
    assert flags[made[CLAIMS[0][0]]] == f"text changed: was '{CLAIMS[0][0]}'"
    # Undoing the older revision first is refused: the newer one stands on it.
    import pytest

    from desktop.services import UserError

    with pytest.raises(UserError, match="newer version"):
        library.revisions.revert(v2)
