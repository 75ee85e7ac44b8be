"""Claims and quotes as CSV and JSON, with their article's details, for spreadsheets and notebooks."""
from __future__ import annotations

import csv
import json

import pytest

from desktop.report import export
from desktop.services import UserError

ARTICLE_FIELDS = ("article_id", "article_title", "outlet", "author", "published", "source")


def test_json_has_claims_and_quotes_with_article_details(report_library, tmp_path):
    rows = json.loads(export(report_library, tmp_path / "data.json").read_text(encoding="utf-8"))
    claims = [r for r in rows if r["kind"] == "claim"]
    quotes = [r for r in rows if r["kind"] == "quote"]
    assert sorted(r["text"] for r in claims) == sorted(c.text for c in report_library.claims.all())
    assert [(q["text"], q["speaker"], q["cue"]) for q in quotes] == [("The harbour is full again,", "Dalia Orsek",
                                                                       "told")]
    disputed = next(r for r in claims if r["verdict"] == "disputed")
    assert disputed["tags"] == "Statistic" and disputed["note"] == "Customs says 9% 🌊"
    assert {k: disputed[k] for k in ARTICLE_FIELDS[1:4]} == {
        "article_title": "Exports rise — Осterlund doubts", "outlet": "Coastal Ledger", "author": "Jonas Feldt"}
    kazakh = next(r for r in claims if "Һарбор" in r["text"])
    assert kazakh["tags"] == "Statistic; Framing" and kazakh["note"] == "Тексерілді: ә ғ қ ң ө ұ ү һ і"
    assert kazakh["article_title"] == "Council meets"
    assert all(set(ARTICLE_FIELDS) <= set(r) for r in rows)


def test_csv_reads_back_in_a_spreadsheet_encoding(report_library, tmp_path):
    out = export(report_library, tmp_path / "data.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["kind"] for r in rows} == {"claim", "quote"}
    texts = {r["text"] for r in rows}
    for claim in report_library.claims.all():
        assert claim.text in texts  # Cyrillic, Kazakh, Hebrew, Arabic and emoji unchanged
    rtl = next(r for r in rows if r["text"].startswith("שלום"))
    assert (rtl["article_title"], rtl["outlet"], rtl["note"]) == ("Council meets", "Northern Wire", "RTL")


def test_scope_applies_to_data_and_unknown_endings_are_refused(report_library, tmp_path):
    rows = json.loads(export(report_library, tmp_path / "o.json", tags=["Opinion"]).read_text(encoding="utf-8"))
    assert {r["article_title"] for r in rows} == {"Exports rise — Осterlund doubts"}
    assert [r["text"] for r in rows if r["kind"] == "claim"] == ["Айгерим Сапарова 🌊 called the figure invented"]
    with pytest.raises(UserError, match=r"\.docx"):
        export(report_library, tmp_path / "data.xlsx")
    assert not (tmp_path / "data.xlsx").exists()
