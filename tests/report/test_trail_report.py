"""Links and trails leave the desk: the Word report's "Claims across articles", CSV/JSON, the dossier."""
from __future__ import annotations

import csv
import json

import docx
import pytest

from desktop.report import export
from tests.claims_match.test_similar import COURIER, HARBOUR, TRIBUNE
from tests.claims_match.test_trail import claim_on, dated


@pytest.fixture
def trail_library(library):
    courier = dated(library, COURIER, "Northern Courier", 12)
    harbour = dated(library, HARBOUR, "Coastal Ledger", 3)
    tribune = dated(library, TRIBUNE, "Marenhal Tribune", 5)
    first = claim_on(library, harbour, HARBOUR, "Grain exports through Port Kessa fell by less than 5% in March",
                     speaker="Ilsa Roavik")
    middle = claim_on(library, tribune, TRIBUNE, "grain exports through Port Kessa fell by less than 5%")
    late = claim_on(library, courier, COURIER, "Grain exports through Port Kessa fell by nearly a fifth in March")
    library.claims.link(first.id, middle.id, "repeats")
    library.claims.link(late.id, first.id, "contradicts", note="customs disagree")
    return library, (first, middle, late)


def test_the_word_report_has_the_trail_as_a_table(trail_library, tmp_path):
    library, (first, middle, late) = trail_library
    out = export(library, tmp_path / "report.docx", charts=False)
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    at = headings.index("Claims across articles")
    assert headings[at + 1] == first.text and headings[at + 2] == "Claims"  # after the articles, before the table
    summary = next(p.text for p in document.paragraphs if p.text.startswith("In 3 articles"))
    assert "first seen 3 Mar 2026, Coastal Ledger" in summary and "nearly a fifth (Northern Courier)" in summary
    trail_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Date")
    rows = [[c.text for c in r.cells] for r in trail_table.rows[1:]]
    assert rows == [
        ["2026-03-03", "Coastal Ledger", "Ilsa Roavik", first.text, "less than 5%"],
        ["2026-03-05", "Marenhal Tribune", "", middle.text, "less than 5%"],
        ["2026-03-12", "Northern Courier", "", late.text, "nearly a fifth (changed)"],
    ]
    assert any(p.text == "Trail 1. The claim in 3 articles, by date" for p in document.paragraphs)


def test_a_report_without_links_has_no_such_section(library, tmp_path):
    harbour = dated(library, HARBOUR, "Coastal Ledger", 3)
    claim_on(library, harbour, HARBOUR, "Dock workers held a meeting")
    document = docx.Document(str(export(library, tmp_path / "plain.docx", charts=False)))
    assert all(p.text != "Claims across articles" for p in document.paragraphs)


def test_csv_and_json_carry_each_claims_links(trail_library, tmp_path):
    library, (first, middle, late) = trail_library
    with export(library, tmp_path / "data.csv").open(encoding="utf-8-sig", newline="") as fh:
        by_id = {int(r["id"]): r["links"] for r in csv.DictReader(fh) if r["kind"] == "claim"}
    assert by_id[first.id] == f"repeats claim {middle.id}; contradicts claim {late.id} (customs disagree)"
    assert by_id[middle.id] == f"repeats claim {first.id}"
    data = json.loads(export(library, tmp_path / "data.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["links"] for r in data if r["kind"] == "claim"}[late.id] == \
        f"contradicts claim {first.id} (customs disagree)"


def test_the_speakers_dossier_shows_the_trail(trail_library):
    from db.models import Entity
    from desktop.ui.dialogs import dossier_html

    library, (first, _middle, late) = trail_library
    with library.store.write() as s:
        person = Entity(name="Ilsa Roavik", type="PERSON")
        s.add(person)
        s.flush()
        entity_id = person.id
    dossier = library.dossiers.get(entity_id)
    assert [c.id for c in dossier.claims] == [first.id]  # her claim, by the speaker typed in
    (trail,) = dossier.trails
    assert [s.claim_id for s in trail.stops][0] == first.id and trail.stops[-1].claim_id == late.id
    html = dossier_html(dossier)
    assert "Claims across articles (1)" in html and "(figure changed)" in html and "Northern Courier" in html
