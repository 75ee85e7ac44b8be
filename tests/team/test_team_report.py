"""The report and the data exports carry the coder; the agreement table goes into the report on request."""
from __future__ import annotations

import json

from docx import Document

from desktop.cli import main
from desktop.services import Library
from tests.helpers import add_article

BODY = "The ferry to Osterlund will run twice a day from May. Tickets will cost a third more than last year."


def _two_coders(path) -> None:
    with Library.open(path, annotator="Mara Veld") as mara:
        aid = add_article(mara, BODY, title="Ferry fares")
        ferries = mara.tags.create("Ferries").id
        prices = mara.tags.create("Prices").id
        mara.claims.create(aid, 0, 20, [ferries], note="check the timetable")
        mara.claims.create(aid, BODY.index("Tickets"), len(BODY), [prices])
    with Library.open(path, annotator="Tomas Irle") as tomas:
        tomas.claims.create(aid, 4, 20, [ferries])
        tomas.claims.create(aid, BODY.index("a third"), BODY.index("a third") + 7, [ferries])


def test_the_report_names_coders_and_carries_the_agreement_table(tmp_path):
    path = tmp_path / "team.sqlite"
    _two_coders(path)
    out = tmp_path / "report.docx"
    assert main(["export", "--out", str(out), "--db", str(path), "--no-charts", "--agreement"]) == 0
    doc = Document(str(out))
    claims_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Claim")
    header = [c.text for c in claims_table.rows[0].cells]
    assert header[5] == "Coder"
    assert sorted(r.cells[5].text for r in claims_table.rows[1:]) == ["Mara Veld", "Mara Veld", "Tomas Irle",
                                                                      "Tomas Irle"]
    assert sorted({c.author for c in doc.comments}) == ["Mara Veld", "Tomas Irle"]
    agreement = next(t for t in doc.tables if t.rows[0].cells[0].text == "Tag")
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in agreement.rows[1:]}
    with Library.open(path) as lib:
        report = lib.agreement.compute()
    for row in report.rows:
        assert rows[row.tag][0] == str(row.units)
        assert rows[row.tag][2] == ("n/a" if row.alpha is None else f"{row.alpha:.3f}")
    assert any(p.text == "Agreement between coders" for p in doc.paragraphs)


def test_without_the_option_there_is_no_agreement_table_and_data_carries_the_coder(tmp_path):
    path = tmp_path / "team.sqlite"
    _two_coders(path)
    out = tmp_path / "report.docx"
    assert main(["export", "--out", str(out), "--db", str(path), "--no-charts"]) == 0
    assert not any(p.text == "Agreement between coders" for p in Document(str(out)).paragraphs)
    data = tmp_path / "data.json"
    assert main(["export", "--out", str(data), "--db", str(path)]) == 0
    coders = sorted(r["coder"] for r in json.loads(data.read_text(encoding="utf-8")) if r["kind"] == "claim")
    assert coders == ["Mara Veld", "Mara Veld", "Tomas Irle", "Tomas Irle"]


def test_a_script_names_its_coder_with_user_or_the_environment(tmp_path, monkeypatch, capsys):
    path = tmp_path / "l.sqlite"
    with Library.open(path) as lib:
        add_article(lib, BODY)
    assert main(["claim", "add", "--db", str(path), "--article", "1", "--text", "Tickets", "--tag", "Prices",
                 "--user", "Jon Aska"]) == 0
    monkeypatch.setenv("CLAIMDESK_USER", "Pia Lund")
    assert main(["claim", "add", "--db", str(path), "--article", "1", "--text", "ferry", "--tag", "Ferries"]) == 0
    with Library.open(path) as lib:
        assert sorted(c.annotator for c in lib.claims.all()) == ["Jon Aska", "Pia Lund"]
