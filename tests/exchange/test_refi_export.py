"""Export to REFI-QDA: valid against the schema, stable GUIDs, positions in code points, a full round trip."""
from __future__ import annotations

import zipfile

from desktop.cli import main
from desktop.exchange.refi_export import export_qdpx
from desktop.exchange.refi_import import import_project
from desktop.services import Library
from tests.exchange.conftest import read_qde, source_texts, without_timestamps
from tests.helpers import add_article

NS = {"q": "urn:QDA-XML:project:1.0"}
HARBOUR = ("Port Kessa handled 4.2 million tonnes of grain last year, the harbour board said on Monday.\n\n"
           "Minister Dalia Orsek said the new quay would open in May. Traders doubted it.")
# An emoji (outside the Basic Multilingual Plane) before the claim: one code point, two UTF-16 units.
EMOJI = "Ferry news \N{SHIP} today: the Marenhal crossing carried 9,000 passengers in June, up by a fifth."


def _annotated(lib: Library) -> dict:
    first = add_article(lib, HARBOUR, title="Harbour figures", outlet="The Coastal Ledger", author="Mara Quell",
                        source_url="https://ledger.example/harbour")
    second = add_article(lib, EMOJI, title="Ferry numbers")
    figures = lib.tags.ensure_path("Economy/Trade figures")
    lib.tags.update(figures.id, description="Numbers about trade that can be checked")
    promise = lib.tags.ensure_path("Promise")
    c1 = lib.claims.create(first, 0, HARBOUR.index(" of grain"), [figures.id], verdict="disputed",
                           note="board report says 3.9", speaker_text="harbour board")
    start = HARBOUR.index("the new quay")
    c2 = lib.claims.create(first, start, start + len("the new quay would open in May"), [promise.id, figures.id])
    start = EMOJI.index("the Marenhal")
    c3 = lib.claims.create(second, start, EMOJI.index(" in June"), [figures.id], verdict="supported")
    lib.claims.link(c1.id, c3.id, "contradicts")
    return {"articles": (first, second), "claims": (c1, c2, c3), "tags": (figures, promise)}


def test_the_export_validates_against_the_refi_qda_schema(library, tmp_path, project_schema):
    _annotated(library)
    summary = export_qdpx(library, tmp_path / "library.qdpx")
    root = read_qde(tmp_path / "library.qdpx")
    assert project_schema.validate(root), project_schema.error_log
    assert (summary.articles, summary.claims) == (2, 3)
    assert summary.tags == len(library.tags.list())
    # Each source's text sits in sources/ under the name its plainTextPath gives.
    texts = source_texts(tmp_path / "library.qdpx")
    for src in root.iterfind(".//q:TextSource", NS):
        name = src.get("plainTextPath").removeprefix("internal://")
        assert f"sources/{name}" in texts


def test_claims_codes_notes_verdicts_and_users_are_all_in_the_project(library, tmp_path):
    made = _annotated(library)
    export_qdpx(library, tmp_path / "library.qdpx")
    root = read_qde(tmp_path / "library.qdpx")
    economy = root.find(".//q:Code[@name='Economy']", NS)
    nested = economy.find("q:Code[@name='Trade figures']", NS)
    assert nested is not None and nested.findtext("q:Description", namespaces=NS) == \
        "Numbers about trade that can be checked"
    assert nested.get("color").startswith("#")
    first = root.find(".//q:TextSource[@name='Harbour figures']", NS)
    sels = first.findall("q:PlainTextSelection", NS)
    assert [int(s.get("startPosition")) for s in sels] == [made["claims"][0].start, made["claims"][1].start]
    assert sels[0].findtext("q:Description", namespaces=NS) == "board report says 3.9"
    assert len(sels[1].findall("q:Coding", NS)) == 2
    note_guid = sels[0].find("q:NoteRef", NS).get("targetGUID")
    note = root.find(f".//q:Notes/q:Note[@guid='{note_guid}']", NS)
    assert note.findtext("q:PlainTextContent", namespaces=NS) == "verdict: disputed\nspeaker: harbour board"
    user = root.find(".//q:Users/q:User", NS)
    assert user.get("name") == "tester" and sels[0].get("creatingUser") == user.get("guid")
    values = {v.find("q:VariableRef", NS).get("targetGUID"): v[1].text for v in first.findall("q:VariableValue", NS)}
    names = {v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variable", NS)}
    assert {names[g]: value for g, value in values.items()}["Outlet"] == "The Coastal Ledger"
    link = root.find(".//q:Links/q:Link", NS)
    assert link.get("name") == "contradicts" and link.get("originGUID") == sels[0].get("guid")


def test_positions_count_code_points_so_an_emoji_does_not_shift_a_claim(library, tmp_path):
    made = _annotated(library)
    export_qdpx(library, tmp_path / "library.qdpx")
    root = read_qde(tmp_path / "library.qdpx")
    src = root.find(".//q:TextSource[@name='Ferry numbers']", NS)
    sel = src.find("q:PlainTextSelection", NS)
    start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
    text = source_texts(tmp_path / "library.qdpx")[f"sources/{src.get('guid')}.txt"].decode("utf-8")
    assert text[start:end] == "the Marenhal crossing carried 9,000 passengers" == made["claims"][2].text
    # In UTF-16 units the claim would start one later: the test would catch a switch of unit.
    assert len(EMOJI[:start].encode("utf-16-le")) // 2 == start + 1
    # And back in: the same characters.
    other = Library.open(tmp_path / "other.sqlite", seed_codebook=False)
    import_project(other.store, tmp_path / "library.qdpx")
    assert {c.text for c in other.claims.all()} == {c.text for c in made["claims"]}
    other.close()


def test_guids_are_stable_across_exports_and_edits(library, tmp_path):
    made = _annotated(library)
    export_qdpx(library, tmp_path / "one.qdpx")
    library.claims.update(made["claims"][1].id, note="asked the ministry")
    library.tags.update(made["tags"][1].id, color="#112233")
    export_qdpx(library, tmp_path / "two.qdpx")
    one, two = read_qde(tmp_path / "one.qdpx"), read_qde(tmp_path / "two.qdpx")
    guids = [[el.get("guid") for el in root.iter() if el.get("guid")] for root in (one, two)]
    assert guids[0] == guids[1] and len(set(guids[0])) == len(guids[0])
    assert two.find(".//q:Code[@name='Promise']", NS).get("color") == "#112233"


def test_round_trip_through_an_empty_library_gives_the_same_project(library, tmp_path):
    made = _annotated(library)
    library.articles.set_status(made["articles"][0], "done")
    library.articles.set_metadata(made["articles"][1], "published", "2026-06-30")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    export_qdpx(library, tmp_path / "a" / "library.qdpx")
    empty = Library.open(tmp_path / "empty.sqlite", annotator="someone else", seed_codebook=False)
    result = import_project(empty.store, tmp_path / "a" / "library.qdpx")
    assert (len(result.articles), result.claims_added, result.links_added) == (2, 3, 1)
    export_qdpx(empty, tmp_path / "b" / "library.qdpx")
    empty.close()
    first, again = tmp_path / "a" / "library.qdpx", tmp_path / "b" / "library.qdpx"
    assert without_timestamps(read_qde(first)) == without_timestamps(read_qde(again))
    assert source_texts(first) == source_texts(again)


def test_export_from_the_command_line(tmp_path, capsys, project_schema):
    db = str(tmp_path / "lib.sqlite")
    lib = Library.open(db)
    _annotated(lib)
    lib.close()
    assert main(["export", "--out", str(tmp_path / "out.qdpx"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "2 articles" in out and "3 claims" in out
    assert project_schema.validate(read_qde(tmp_path / "out.qdpx"))
    assert zipfile.is_zipfile(tmp_path / "out.qdpx")


def test_characters_xml_cannot_hold_do_not_stop_an_export(library, tmp_path, project_schema):
    body = "Page one of the budget\x0cPage two: the harbour fund grows by 3%."
    aid = add_article(library, body, title="Budget\x0b scan")
    library.claims.create(aid, 0, body.index(": the"), [], note="scanned\x01 from a PDF")
    export_qdpx(library, tmp_path / "scan.qdpx")
    root = read_qde(tmp_path / "scan.qdpx")
    assert project_schema.validate(root)
    # The text file keeps the body exactly (positions hold); only the XML's copies are mended.
    (text,) = source_texts(tmp_path / "scan.qdpx").values()
    assert text.decode("utf-8") == body
