"""Import of REFI-QDA projects as MAXQDA, ATLAS.ti and QualCoder write them, made small by hand."""
from __future__ import annotations

import time
import uuid

import pytest

from desktop.cli import main
from desktop.exchange.refi_import import import_project
from desktop.services import Library, UserError
from tests.exchange.conftest import big_project, write_qdpx

TEXT_A = ("Harbour board reports record tonnage\n\n"
          "Port Kessa handled 4.2 million tonnes of grain last year, the harbour board said.\n\n"
          "Minister Dalia Orsek promised a new quay by May.")
TEXT_B = "Ferry fares rise\n\nFares on the Marenhal crossing will rise by 8% from June, the operator said."


def g(n: int) -> str:
    """A fixed GUID per number, so files can refer to each other's parts."""
    return str(uuid.UUID(int=n + 0x1000))


def span(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return start, start + len(passage)


def maxqda_style(tmp_path):
    """MAXQDA: upper-case GUIDs, texts in sources/ as internal://GUID.txt beside a .docx, nested codes,
    a BOM before the XML, every optional attribute it has."""
    a, b = g(1).upper(), g(2).upper()
    s1, e1 = span(TEXT_A, "Port Kessa handled 4.2 million tonnes")
    s2, e2 = span(TEXT_A, "promised a new quay by May")
    qde = f"""\ufeff<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="Harbour study" origin="MAXQDA 2022"
 creationDateTime="2026-03-04T10:11:12Z" xmlns="urn:QDA-XML:project:1.0">
  <Users><User guid="{g(90).upper()}" name="Mira Tallis" /></Users>
  <CodeBook><Codes>
    <Code guid="{g(10).upper()}" name="Economy" isCodable="true" color="#2E86AB">
      <Description>All things money</Description>
      <Code guid="{g(11).upper()}" name="Shipping" isCodable="true" color="#F18F01">
        <Code guid="{g(12).upper()}" name="Tonnage" isCodable="true" color="#C73E1D" />
      </Code>
    </Code>
    <Code guid="{g(13).upper()}" name="Promises" isCodable="true" color="#3B1F2B" />
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{a}" name="Harbour board.docx" richTextPath="internal://{a}.docx"
     plainTextPath="internal://{a}.txt" creatingUser="{g(90).upper()}" creationDateTime="2026-03-04T10:00:00Z">
      <PlainTextSelection guid="{g(20).upper()}" name="Port Kessa handled" startPosition="{s1}" endPosition="{e1}"
       creatingUser="{g(90).upper()}" creationDateTime="2026-03-04T10:05:00Z">
        <Coding guid="{g(30).upper()}" creatingUser="{g(90).upper()}"><CodeRef targetGUID="{g(12).upper()}" /></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{g(21).upper()}" name="promised" startPosition="{s2}" endPosition="{e2}"
       creatingUser="{g(90).upper()}" creationDateTime="2026-03-04T10:06:00Z">
        <Coding guid="{g(31).upper()}" creatingUser="{g(90).upper()}"><CodeRef targetGUID="{g(13).upper()}" /></Coding>
        <NoteRef targetGUID="{g(40).upper()}" />
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="{b}" name="Ferry fares" plainTextPath="internal://{b}.txt" />
  </Sources>
  <Notes>
    <Note guid="{g(40).upper()}" name="Memo" creatingUser="{g(90).upper()}">
      <PlainTextContent>Check the ministry's budget line.</PlainTextContent>
    </Note>
  </Notes>
</Project>"""
    return write_qdpx(tmp_path / "maxqda.qdpx", qde.encode("utf-8"), {
        f"sources/{a}.txt": TEXT_A, f"sources/{a}.docx": b"PK\x03\x04 not read", f"sources/{b}.txt": TEXT_B})


def atlas_style(tmp_path):
    """ATLAS.ti: GUIDs in braces, a code group that cannot be coded (isCodable="false"), no colours,
    no users and no dates, and a text whose file is missing from the archive."""
    a, missing = g(3), g(4)
    s1, e1 = span(TEXT_B, "will rise by 8% from June")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project name="Ferries" origin="ATLAS.ti" xmlns="urn:QDA-XML:project:1.0">
  <CodeBook><Codes>
    <Code guid="{{{g(14)}}}" name="Prices" isCodable="false">
      <Code guid="{{{g(15)}}}" name="Fares" isCodable="true" />
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{{{a}}}" name="Ferry fares.txt" plainTextPath="internal://{a}.txt">
      <PlainTextSelection guid="{{{g(22)}}}" startPosition="{s1}" endPosition="{e1}">
        <Coding guid="{{{g(32)}}}"><CodeRef targetGUID="{{{g(15)}}}" /></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="{{{missing}}}" name="Lost interview" plainTextPath="internal://{missing}.txt" />
  </Sources>
</Project>"""
    return write_qdpx(tmp_path / "atlas.qdpx", qde, {f"sources/{a}.txt": "\ufeff" + TEXT_B})


def qualcoder_style(tmp_path):
    """QualCoder: texts inline as PlainTextContent, memos as notes, a picture and an audio source,
    a case and variables ClaimDesk does not use, and a selection outside its text."""
    s1, e1 = span(TEXT_A, "4.2 million tonnes")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder 3.5">
  <Users><User guid="{g(91)}" name="default" /></Users>
  <CodeBook><Codes>
    <Code guid="{g(16)}" name="Figures" isCodable="true" color="#AA00FF"><Description>numbers</Description></Code>
  </Codes></CodeBook>
  <Variables><Variable guid="{g(60)}" name="Region" typeOfVariable="Text" /></Variables>
  <Cases><Case guid="{g(61)}" name="North"><SourceRef targetGUID="{g(5)}" /></Case></Cases>
  <Sources>
    <TextSource guid="{g(5)}" name="harbour" creatingUser="{g(91)}" creationDateTime="2026-02-01T08:00:00Z">
      <PlainTextContent>{TEXT_A}</PlainTextContent>
      <PlainTextSelection guid="{g(23)}" name="4.2 million tonnes" startPosition="{s1}" endPosition="{e1}"
       creatingUser="{g(91)}" creationDateTime="2026-02-01T08:10:00Z">
        <Description>needs a source</Description>
        <Coding guid="{g(33)}" creatingUser="{g(91)}"><CodeRef targetGUID="{g(16)}" /></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{g(24)}" startPosition="5000" endPosition="5010">
        <Coding guid="{g(34)}"><CodeRef targetGUID="{g(16)}" /></Coding>
      </PlainTextSelection>
      <VariableValue><VariableRef targetGUID="{g(60)}" /><TextValue>North</TextValue></VariableValue>
    </TextSource>
    <PictureSource guid="{g(6)}" name="quay.jpg" path="internal://{g(6)}.jpg" />
    <AudioSource guid="{g(7)}" name="interview.mp3" path="internal://{g(7)}.mp3" />
  </Sources>
</Project>"""
    return write_qdpx(tmp_path / "qualcoder.qdpx", qde)


@pytest.fixture
def empty(tmp_path):
    lib = Library.open(tmp_path / "empty.sqlite", annotator="tester", seed_codebook=False)
    yield lib
    lib.close()


def test_maxqda_project(empty, tmp_path):
    result = import_project(empty.store, maxqda_style(tmp_path))
    assert [name for name, _ in result.articles] == ["Harbour board.docx", "Ferry fares"]
    paths = {t.path: t for t in empty.tags.list()}
    assert set(paths) == {"Economy", "Economy/Shipping", "Economy/Shipping/Tonnage", "Promises"}
    assert paths["Economy"].description == "All things money" and paths["Economy/Shipping"].color == "#f18f01"
    harbour = empty.articles.get(result.articles[0][1])
    assert harbour.body == TEXT_A and harbour.title == "Harbour board"
    claims = empty.claims.for_article(harbour.id)
    assert [(c.text, c.tag_names) for c in claims] == [("Port Kessa handled 4.2 million tonnes", ("Tonnage",)),
                                                       ("promised a new quay by May", ("Promises",))]
    assert claims[1].note == "Check the ministry's budget line."
    assert claims[0].created_at.isoformat() == "2026-03-04T10:05:00"
    assert result.users_added == 1 and result.skipped_sources == []


def test_atlas_ti_project(empty, tmp_path):
    result = import_project(empty.store, atlas_style(tmp_path))
    assert [t.path for t in empty.tags.list()] == ["Prices", "Prices/Fares"]  # the code group comes in as a parent
    (name, article_id), = result.articles
    article = empty.articles.get(article_id)
    assert article.body == TEXT_B  # the BOM of the text file is not part of the text
    (claim,) = empty.claims.for_article(article_id)
    assert claim.text == "will rise by 8% from June" and claim.tag_names == ("Fares",)
    assert result.skipped_sources == [("Lost interview", f"its text internal://{g(4)}.txt is missing")]


def test_qualcoder_project(empty, tmp_path):
    result = import_project(empty.store, qualcoder_style(tmp_path))
    (name, article_id), = result.articles
    (claim,) = empty.claims.for_article(article_id)
    assert (claim.text, claim.note, claim.tag_names) == ("4.2 million tonnes", "needs a source", ("Figures",))
    assert [n for n, _why in result.skipped_sources] == ["quay.jpg", "interview.mp3"]
    assert "lies outside the text" in result.skipped_codings[0][1]
    # The text reader still looks for details in the text, which stays exactly as given.
    assert empty.articles.get(article_id).body == TEXT_A


def test_a_codebook_file_merges_into_the_codebook(library, tmp_path):
    before = {t.path for t in library.tags.list()}
    existing = sorted(before)[0]
    qdc = f"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA">
  <Codes>
    <Code guid="{g(17)}" name="{existing}" isCodable="true" color="#000000">
      <Code guid="{g(18)}" name="Brand new child" isCodable="true" color="#123456"><Description>d</Description></Code>
    </Code>
    <Code guid="{g(19)}" name="Another root" isCodable="true" />
  </Codes>
</CodeBook>"""
    (tmp_path / "codes.qdc").write_text(qdc, encoding="utf-8")
    result = import_project(library.store, tmp_path / "codes.qdc")
    after = {t.path: t for t in library.tags.list()}
    assert set(after) == before | {f"{existing}/Brand new child", "Another root"}
    assert after[f"{existing}/Brand new child"].color == "#123456"
    assert after[existing].color != "#000000"  # the person's own colour stays
    assert (result.tags_added, result.tags_merged) == (2, 1)


def test_importing_the_same_project_twice_adds_nothing_the_second_time(empty, tmp_path):
    path = maxqda_style(tmp_path)
    import_project(empty.store, path)
    again = import_project(empty.store, path)
    assert (again.articles, again.claims_added, again.tags_added) == ([], 0, 0)
    assert len(again.existing) == 2 and again.claims_existing == 2
    assert empty.claims.count() == 2


@pytest.mark.parametrize("content, reason", [
    (b"not a zip at all", "not a REFI-QDA project"),
    (None, "no project.qde inside"),
    (b"<Project", "the XML is broken"),
])
def test_a_broken_file_is_one_clear_line(empty, tmp_path, content, reason):
    path = tmp_path / "broken.qdpx"
    if content is None:
        write_qdpx(path, "", qde_name="readme.txt")
    elif content.startswith(b"<"):
        write_qdpx(path, content)
    else:
        path.write_bytes(content)
    with pytest.raises(UserError, match=reason) as err:
        import_project(empty.store, path)
    assert "\n" not in str(err.value)


def test_command_line_import_lists_what_came_in_and_keeps_other_files_going(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    article = tmp_path / "note.txt"
    article.write_text("Budget talks\n\nThe finance committee met on Tuesday to discuss the harbour budget "
                       "and agreed to meet again next week.", encoding="utf-8")
    (tmp_path / "bad.qdpx").write_bytes(b"nothing")
    code = main(["import", str(qualcoder_style(tmp_path)), str(article), str(tmp_path / "bad.qdpx"),
                 "--no-analysis", "--db", db])
    out = capsys.readouterr().out
    assert code == 1  # one file failed, the others came in
    assert "1 article, 1 tag, 1 claim, 2 sources skipped" in out
    assert "skipped           quay.jpg: picture sources are not read" in out
    assert "bad.qdpx: not a REFI-QDA project" in out
    assert "note.txt" in out


def test_ten_sources_and_a_300_code_codebook_import_in_under_five_seconds(empty, tmp_path):
    path = big_project(tmp_path / "big.qdpx")
    began = time.perf_counter()
    result = import_project(empty.store, path)
    took = time.perf_counter() - began
    print(f"10 sources, 300 codes, 500 codings imported in {took:.2f} s")
    assert (len(result.articles), result.tags_added, result.claims_added) == (10, 300, 500)
    assert took < 5.0


def test_a_pdf_source_comes_in_through_its_text_representation(empty, tmp_path):
    s1, e1 = span(TEXT_B, "rise by 8%")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="nv" origin="NVivo">
  <CodeBook><Codes><Code guid="{g(70)}" name="Fares" isCodable="true" /></Codes></CodeBook>
  <Sources>
    <PDFSource guid="{g(8)}" name="fares.pdf" path="internal://{g(8)}.pdf">
      <Representation guid="{g(9)}" name="fares.txt" plainTextPath="internal://{g(9)}.txt">
        <PlainTextSelection guid="{g(25)}" startPosition="{s1}" endPosition="{e1}">
          <Coding guid="{g(35)}"><CodeRef targetGUID="{g(70)}" /></Coding>
        </PlainTextSelection>
      </Representation>
    </PDFSource>
    <VideoSource guid="{g(26)}" name="briefing.mp4" />
  </Sources>
</Project>"""
    result = import_project(empty.store, write_qdpx(tmp_path / "nvivo.qdpx", qde, {f"sources/{g(9)}.txt": TEXT_B}))
    (_name, article_id), = result.articles
    assert [c.text for c in empty.claims.for_article(article_id)] == ["rise by 8%"]
    assert result.skipped_sources == [("briefing.mp4", "video sources are not read")]


def test_a_source_already_here_with_other_spacing_gets_its_codings_on_the_same_words(library, tmp_path):
    from desktop.ingest import content_hash
    from desktop.ingest.types import ParsedArticle

    spaced = TEXT_A.replace("\n\n", "\n\n\n").replace("tonnes of", "tonnes  of")
    with library.store.write() as s:  # stored as an import would, fingerprinted by its words
        article = library.articles.add(s, ParsedArticle("Harbour", spaced, spaced), content_hash(spaced))
        s.flush()
        article_id = article.id
    result = import_project(library.store, maxqda_style(tmp_path))
    assert ("Harbour board.docx", article_id) in result.existing
    texts = [c.text for c in library.claims.for_article(article_id)]
    assert texts == ["Port Kessa handled 4.2 million tonnes", "promised a new quay by May"]


def test_a_project_holding_a_newer_text_of_an_article_revises_it(library, tmp_path):
    from tests.helpers import add_article

    old_id = add_article(library, TEXT_A, title="Harbour board reports record tonnage", outlet="Coastal Ledger")
    start = TEXT_A.index("Minister Dalia Orsek")
    mine = library.claims.create(old_id, start, start + len("Minister Dalia Orsek promised a new quay"), [])
    newer = TEXT_A.replace("by May", "by June") + "\n\nThe minister later confirmed the date."
    s1, e1 = span(newer, "confirmed the date")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="r">
  <Variables><Variable guid="{g(80)}" name="Title" typeOfVariable="Text" />
    <Variable guid="{g(81)}" name="Outlet" typeOfVariable="Text" /></Variables>
  <Sources><TextSource guid="{g(82)}" name="harbour v2"><PlainTextContent>{newer}</PlainTextContent>
    <PlainTextSelection guid="{g(83)}" startPosition="{s1}" endPosition="{e1}" />
    <VariableValue><VariableRef targetGUID="{g(80)}" /><TextValue>Harbour board reports record tonnage</TextValue>
    </VariableValue>
    <VariableValue><VariableRef targetGUID="{g(81)}" /><TextValue>Coastal Ledger</TextValue></VariableValue>
  </TextSource></Sources>
</Project>"""
    result = import_project(library.store, write_qdpx(tmp_path / "v2.qdpx", qde))
    (_name, previous, new_id), = result.revised
    assert previous == old_id
    claims = {c.id: c for c in library.claims.for_article(new_id)}
    assert claims[mine.id].text == "Minister Dalia Orsek promised a new quay"  # carried, unchanged words
    assert "confirmed the date" in {c.text for c in claims.values()}
    assert [r.id for r in library.articles.rows()] == [new_id]


def test_command_line_import_as_json(tmp_path, capsys):
    import json

    db = str(tmp_path / "lib.sqlite")
    assert main(["import", str(qualcoder_style(tmp_path)), "--no-analysis", "--json", "--db", db]) == 0
    (project,) = json.loads(capsys.readouterr().out)["projects"]
    assert (len(project["articles"]), project["claims_added"]) == (1, 1)
    assert [name for name, _why in project["skipped_sources"]] == ["quay.jpg", "interview.mp3"]


def test_a_fault_in_one_project_does_not_stop_the_other_files(tmp_path, monkeypatch):
    from desktop.exchange import refi_import

    lib = Library.open(tmp_path / "lib.sqlite")
    article = tmp_path / "note.txt"
    article.write_text("Budget talks\n\nThe finance committee met on Tuesday to discuss the harbour budget "
                       "and agreed to meet again next week.", encoding="utf-8")

    def broken(*_a, **_k):
        raise KeyError("a reader bug")

    monkeypatch.setattr(refi_import._Importer, "run", broken)  # a bug of ours, not the user's file
    report = lib.importer.import_paths([str(qualcoder_style(tmp_path)), str(article)], analyse=False)
    assert len(report.added) == 1 and report.added[0][0] == str(article)
    (path, reason), = report.failed
    assert path.endswith("qualcoder.qdpx") and reason.startswith("could not be imported (KeyError")
    lib.close()


def test_a_folder_with_a_project_and_articles_imports_both(tmp_path):
    folder = tmp_path / "study"
    folder.mkdir()
    qualcoder_style(folder)
    (folder / "note.txt").write_text("Budget talks\n\nThe finance committee met on Tuesday to discuss the harbour "
                                     "budget and agreed to meet again next week.", encoding="utf-8")
    lib = Library.open(tmp_path / "lib.sqlite")
    report = lib.importer.import_paths([str(folder)], analyse=False)
    assert len(report.projects) == 1 and len(report.added) == 2 and report.failed == []
    lib.close()
