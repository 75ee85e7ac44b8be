"""Import of REFI-QDA files shaped the ways other tools really write them, and of files they damage.

Each fixture is made by hand, small, after what MAXQDA, NVivo, ATLAS.ti, QualCoder, Quirkos and
others are known to write (QualCoder's importer and issue tracker document most of these habits):
texts in sources/ or Sources/ under a GUID name with or without ".txt", relative and absolute
paths, Word or PDF copies instead of plain text, UTF-16 texts, GUIDs in braces or upper case,
positions counted in UTF-16 units or with CRLF as one character, annotations tied by links,
media codings, namespaces with prefixes or none, and parts from a newer standard.
"""
from __future__ import annotations

import io
import sqlite3
import uuid
import zipfile
from pathlib import Path

import pytest

from desktop.exchange.refi_export import export_qdpx
from desktop.exchange.refi_import import import_project
from desktop.services import Library, UserError
from tests.exchange.conftest import write_qdpx

NS = "urn:QDA-XML:project:1.0"
TEXT = ("Veltra ports report record cargo\n\n"
        "The Veltra port authority handled 3.1 million tonnes of cargo in 2025, its annual report said.\n\n"
        "Transport minister Ilse Varno said the Dunmarsh ferry terminal would open in spring.")
CARGO = "handled 3.1 million tonnes of cargo"
TERMINAL = "the Dunmarsh ferry terminal would open in spring"


def g(n: int) -> str:
    return str(uuid.UUID(int=n + 0x2000))


def at(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return start, start + len(passage)


def selection(n: int, start: int, end: int, code: int | None = 100, name: str | None = None, inner: str = "") -> str:
    named = f' name="{name}"' if name is not None else ""
    coding = f'<Coding guid="{g(n + 500)}"><CodeRef targetGUID="{g(code)}"/></Coding>' if code is not None else ""
    return (f'<PlainTextSelection guid="{g(n)}"{named} startPosition="{start}" endPosition="{end}">'
            f'{inner}{coding}</PlainTextSelection>')


def project(sources: str, codes: str = f'<Code guid="{g(100)}" name="Cargo" isCodable="true"/>',
            extra: str = "", attrs: str = "") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{NS}" name="Veltra ports"{attrs}>'
            f'<CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{sources}</Sources>{extra}</Project>')


def cargo_source(guid: str, attrs: str) -> str:
    s, e = at(TEXT, CARGO)
    return f'<TextSource guid="{guid}" name="Port report" {attrs}>{selection(1, s, e)}</TextSource>'


@pytest.fixture
def lib(tmp_path):
    lib = Library.open(tmp_path / "lib.sqlite", annotator="tester", seed_codebook=False)
    yield lib
    lib.close()


def claims_of(lib: Library, result) -> list[tuple[str, tuple[str, ...]]]:
    ids = [i for _name, i in result.articles]
    return [(c.text, c.tag_names) for i in ids for c in lib.claims.for_article(i)]


# ---- where the text is

@pytest.mark.parametrize("ref, member", [
    (f"internal://{g(1)}.txt", f"sources/{g(1)}"),  # the file without the extension the reference gives
    (f"internal://{g(1)}", f"sources/{g(1)}.txt"),  # the reference without the file's extension
    (f"internal://{g(1).upper()}.txt", f"sources/{g(1)}.txt"),  # the GUID in another case
    (f"internal://{{{g(1)}}}.txt", f"Sources/{g(1)}.txt"),  # braces in the reference, Sources/ capitalised
    (f"internal://{g(1)}.txt", f"sources\\{g(1)}.txt"),  # a Windows zipper's separator
    (f"internal:///sources/{g(1)}.txt", f"sources/{g(1)}.txt"),  # the folder named in the reference
    (f"absolute://C:\\Users\\mira\\Veltra\\{g(1)}.txt", f"sources/{g(1)}.txt"),  # the author's disk; packed in
])
def test_an_internal_text_is_found_under_its_guid_however_it_is_spelled(lib, tmp_path, ref, member):
    qde = project(cargo_source(g(1), f'plainTextPath="{ref}"'))
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", qde, {member: TEXT}))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]
    assert lib.articles.get(result.articles[0][1]).body == TEXT


def test_a_text_named_in_path_instead_of_plain_text_path_is_read(lib, tmp_path):
    qde = project(cargo_source(g(1), f'path="internal://{g(1)}.txt"'))
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", qde, {f"sources/{g(1)}.txt": TEXT}))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]


def test_relative_and_absolute_paths_find_texts_beside_the_project(lib, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    for n in (1, 2, 3, 4):
        (texts / f"report {n}.txt").write_text(TEXT.replace("2025", f"202{n}"), encoding="utf-8")
    s, e = at(TEXT, CARGO)
    sources = "".join(
        f'<TextSource guid="{g(10 + n)}" name="Report {n}" plainTextPath="{ref}">{selection(20 + n, s, e)}</TextSource>'
        for n, ref in enumerate([
            "relative:///report%201.txt",  # against basePath, percent-encoded
            "relative://texts/report 2.txt",  # no basePath match: against the project's own folder
            f"absolute://{texts}/report 3.txt",
            "absolute:///Users/someone/Veltra/report 4.txt",  # moved: the same name beside the project
            "relative:///report 9.txt",  # not there
        ], start=1))
    (tmp_path / "report 4.txt").write_text(TEXT.replace("2025", "2024"), encoding="utf-8")
    qde = project(sources, attrs=f' basePath="{texts}"')
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", qde))
    assert [name for name, _ in result.articles] == ["Report 1", "Report 2", "Report 3", "Report 4"]
    assert {text for text, _tags in claims_of(lib, result)} == {CARGO}
    assert result.skipped_sources == [("Report 5", "its text relative:///report 9.txt is missing")]


def test_a_project_cannot_make_the_import_read_any_file_of_the_disk(lib, tmp_path):
    secret = tmp_path / "keys"
    secret.mkdir()
    (secret / "id_veltra").write_text("PRIVATE KEY of the Dunmarsh desk", encoding="utf-8")
    sources = (f'<TextSource guid="{g(1)}" name="Keys" plainTextPath="absolute://{secret}/id_veltra"/>'
               f'<TextSource guid="{g(2)}" name="Keys again" plainTextPath="internal://../keys/id_veltra"/>')
    (tmp_path / "sources").mkdir()
    (tmp_path / "project.qde").write_text(project(sources), encoding="utf-8")
    result = import_project(lib.store, tmp_path / "project.qde")
    assert result.articles == [] and [n for n, _why in result.skipped_sources] == ["Keys", "Keys again"]
    assert all(why.endswith("is missing") for _n, why in result.skipped_sources)


def test_a_bare_qde_finds_its_texts_in_the_sources_folder_beside_it(lib, tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / f"{g(1)}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "project.qde").write_text(project(cargo_source(g(1), f'plainTextPath="internal://{g(1)}.txt"')),
                                          encoding="utf-8")
    result = import_project(lib.store, tmp_path / "project.qde")
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]


def test_a_text_kept_only_as_word_or_pdf_is_skipped_with_its_reason_and_the_rest_comes_in(lib, tmp_path):
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    sources = (cargo_source(g(1), f'plainTextPath="internal://{g(1)}.txt" richTextPath="internal://{g(1)}.docx"')
               + f'<TextSource guid="{g(2)}" name="Minister" richTextPath="internal://{g(2)}.docx"/>'
               + f'<TextSource guid="{g(3)}" name="Budget" plainTextPath="internal://{g(3)}.pdf"/>'
               + f'<TextSource guid="{g(4)}" name="Ferries" plainTextPath="internal://{g(4)}.txt"/>')
    files = {f"sources/{g(1)}.txt": TEXT, f"sources/{g(1)}.docx": docx.getvalue(),
             f"sources/{g(2)}.docx": docx.getvalue(), f"sources/{g(3)}.pdf": b"%PDF-1.7 ...",
             f"sources/{g(4)}.txt": docx.getvalue()}  # a Word file under a .txt name
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", project(sources), files))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]  # the plain text beside the Word copy is used
    assert result.skipped_sources == [
        ("Minister", f"no plain text, only a Word file ({g(2)}.docx)"),
        ("Budget", f"its text is a PDF ({g(3)}.pdf), not the plain text its codings count in"),
        ("Ferries", f"its text {g(4)}.txt is a Word or other zipped file, not plain text"),
    ]


# ---- how the text is encoded

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-16-le", "utf-32",
                                      "cp1252"])
def test_a_text_in_any_encoding_windows_tools_write_comes_in_with_its_codings_in_place(lib, tmp_path, encoding):
    text = TEXT.replace("Ilse Varno", "Zoë Brannik-Ågren")
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)  # "utf-16" and "utf-32" write a byte order mark; "utf-16-le" does not
    s, e = at(text, "Zoë Brannik-Ågren said")
    src = f'<TextSource guid="{g(1)}" name="Minister" plainTextPath="internal://{g(1)}.txt">{selection(1, s, e)}' \
          f'</TextSource>'
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", project(src), {f"sources/{g(1)}.txt": data}))
    assert claims_of(lib, result) == [("Zoë Brannik-Ågren said", ("Cargo",))]
    assert lib.articles.get(result.articles[0][1]).body == text


def test_a_project_file_written_in_utf16_is_read(lib, tmp_path):
    qde = project(cargo_source(g(1), f'plainTextPath="internal://{g(1)}.txt"')).replace('"utf-8"', '"UTF-16"')
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", qde.encode("utf-16"),
                                                  {f"sources/{g(1)}.txt": TEXT}))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]


# ---- GUIDs and codes

def test_guids_in_any_case_in_braces_with_dashes_or_not_guids_at_all_still_meet(lib, tmp_path):
    s, e = at(TEXT, CARGO)
    code = g(100)
    qde = project(
        f'<TextSource guid="report-7" name="Port report"><PlainTextContent>{TEXT}</PlainTextContent>'
        f'<PlainTextSelection guid="{g(1).replace("-", chr(0x2010))}" startPosition="{s}" endPosition="{e}">'
        f'<Coding guid="{{{g(2).upper()}}}"><CodeRef targetGUID="{{{code.upper()}}}"/></Coding>'
        f'<Coding guid="{g(3)}"><CodeRef targetGUID="code 12"/></Coding></PlainTextSelection></TextSource>',
        codes=f'<Code guid="{code}" name="Cargo" isCodable="true"/><Code guid="CODE 12" name="Ports" isCodable="true"/>')
    path = write_qdpx(tmp_path / "p.qdpx", qde)
    result = import_project(lib.store, path)
    assert claims_of(lib, result) == [(CARGO, ("Cargo", "Ports"))]
    again = import_project(lib.store, path)  # the same identifiers name the same things the second time
    assert (again.claims_added, again.claims_existing, again.tags_added) == (0, 1, 0)


def test_a_guid_written_twice_does_not_merge_two_sources_or_two_selections(lib, tmp_path):
    other = TEXT.replace("Veltra ports", "Dunmarsh ferries")
    src = "".join(f'<TextSource guid="{g(1)}" name="{name}"><PlainTextContent>{text}</PlainTextContent>'
                  f'{selection(2, *at(text, CARGO))}</TextSource>' for name, text in (("Ports", TEXT), ("Ferries", other)))
    path = write_qdpx(tmp_path / "p.qdpx", project(src))
    result = import_project(lib.store, path)
    assert [n for n, _ in result.articles] == ["Ports", "Ferries"] and claims_of(lib, result) == [
        (CARGO, ("Cargo",)), (CARGO, ("Cargo",))]
    again = import_project(lib.store, path)
    assert (again.claims_added, again.claims_existing, len(again.existing)) == (0, 2, 2)


def test_deep_unnamed_and_twice_named_codes_all_come_in_with_their_codings(lib, tmp_path):
    deep = "".join(f'<Code guid="{g(200 + d)}" name="Level {d}" isCodable="true">' for d in range(60)) + "</Code>" * 60
    codes = (f'<Code guid="{g(100)}" name="" isCodable="true"><Code guid="{g(101)}" name="Tonnage" isCodable="true"/>'
             f'</Code><Code guid="{g(102)}" isCodable="true"/>'
             f'<Code guid="{g(103)}" name="Ports" isCodable="true"/><Code guid="{g(104)}" name="Ports" isCodable="true"/>'
             f'<Code guid="{g(105)}" name="Group" isCodable="false"/>' + deep)
    s1, e1 = at(TEXT, CARGO)
    s2, e2 = at(TEXT, TERMINAL)
    src = (f'<TextSource guid="{g(1)}" name="Port report"><PlainTextContent>{TEXT}</PlainTextContent>'
           f'{selection(2, s1, e1, 101)}{selection(3, s2, e2, 103)}{selection(4, s2, e2, 104)}'
           f'{selection(5, s1, e1, 259)}</TextSource>')
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", project(src, codes)))
    paths = [t.path for t in lib.tags.list()]
    assert paths[:5] == ["(unnamed code)", "(unnamed code)/Tonnage", "Ports", "Group", "Level 0"]
    assert paths[-1] == "/".join(f"Level {d}" for d in range(60))
    assert result.tags_added == 64 and result.tags_merged == 2  # the second "(unnamed code)" and "Ports"
    assert sorted(claims_of(lib, result)) == [(CARGO, ("Level 59",)), (CARGO, ("Tonnage",)),
                                              (TERMINAL, ("Ports",)), (TERMINAL, ("Ports",))]


# ---- positions

EMOJI_TEXT = "Veltra 🚢 ferry news\r\n\r\nThe 🌊 storm closed Dunmarsh harbour for two days.\r\nFares rise 🙁 in May."


def _emoji_source(starts: list[tuple[int, int]], names: list[str | None], attrs: str = "") -> str:
    sels = "".join(selection(10 + k, s, e, name=n) for k, ((s, e), n) in enumerate(zip(starts, names, strict=True)))
    return project(f'<TextSource guid="{g(1)}" name="Ferry news" plainTextPath="internal://{g(1)}.txt">{sels}'
                   f'</TextSource>', attrs=attrs)


def _import_emoji(lib, tmp_path, qde: str):
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", qde,
                                                  {f"sources/{g(1)}.txt": EMOJI_TEXT.encode("utf-8")}))
    body = lib.articles.get(result.articles[0][1]).body
    assert body == EMOJI_TEXT.replace("\r\n", "\n")  # stored as every other text: "\n" line ends
    return result, [text for text, _tags in claims_of(lib, result)]


PASSAGES = ["storm closed Dunmarsh harbour", "Fares rise 🙁 in May"]


def test_positions_in_code_points_with_crlf_and_emoji_land_on_the_same_words(lib, tmp_path):
    spans = [at(EMOJI_TEXT, p) for p in PASSAGES]  # the standard's counting, on the file as stored
    result, texts = _import_emoji(lib, tmp_path, _emoji_source(spans, [None, None]))
    assert texts == PASSAGES and result.positions == []


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_positions_in_utf16_units_are_recognised_by_the_selections_names(lib, tmp_path):
    spans = [(_utf16(EMOJI_TEXT, s), _utf16(EMOJI_TEXT, e)) for s, e in (at(EMOJI_TEXT, p) for p in PASSAGES)]
    result, texts = _import_emoji(lib, tmp_path, _emoji_source(spans, ["storm closed Dunm…", "Fares rise 🙁 in"]))
    assert texts == PASSAGES
    assert result.positions == [("Ferry news", "UTF-16 units")]
    assert "positions         Ferry news: counted in UTF-16 units" in "\n".join(result.lines())


def test_atlas_ti_positions_count_a_crlf_as_one_character(lib, tmp_path):
    flat = EMOJI_TEXT.replace("\r\n", "\n")
    spans = [at(flat, p) for p in PASSAGES]  # no names to tell by: the tool's known habit decides
    result, texts = _import_emoji(lib, tmp_path, _emoji_source(spans, [None, None], ' origin="ATLAS.ti 23"'))
    assert texts == PASSAGES
    assert result.positions == [("Ferry news", "code points, a CRLF line end counted as one")]


def test_bad_positions_are_listed_and_the_good_selections_still_come_in(lib, tmp_path):
    s, e = at(TEXT, CARGO)
    src = (f'<TextSource guid="{g(1)}" name="Port report"><PlainTextContent>{TEXT}</PlainTextContent>'
           f'{selection(2, e, s)}'  # marked from its end
           f'<PlainTextSelection guid="{g(3)}" startPosition="twelve" endPosition="20"/>'
           f'<PlainTextSelection guid="{g(4)}" endPosition="20"/>'
           f'{selection(5, 7, 7)}{selection(6, 10, 99999)}</TextSource>')
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", project(src)))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]
    assert [why for _name, why in result.skipped_codings] == [
        "2 selection(s) without start and end positions", "selection 7-7 is empty",
        f"selection 10-99999 lies outside the text (length {len(TEXT)})"]


# ---- codings, notes, descriptions

def test_several_codings_notes_by_reference_and_by_link_and_descriptions_make_one_claim(lib, tmp_path):
    s, e = at(TEXT, CARGO)
    sel = (f'<PlainTextSelection guid="{g(1)}" startPosition="{s}" endPosition="{e}">'
           f'<Description>Check the annual report.</Description>'
           f'<Coding guid="{g(2)}"><CodeRef targetGUID="{g(100)}"/><NoteRef targetGUID="{g(41)}"/></Coding>'
           f'<Coding guid="{g(3)}"><CodeRef targetGUID="{g(101)}"/></Coding>'
           f'<Coding guid="{g(4)}"><CodeRef targetGUID="{g(102)}"/></Coding>'
           f'<NoteRef targetGUID="{g(40)}"/></PlainTextSelection>')
    notes = (f'<Notes><Note guid="{g(40)}" name="Memo" plainTextPath="internal://{g(40)}.txt"/>'
             f'<Note guid="{g(41)}" name="Coding memo"><PlainTextContent>Tonnage, not value.</PlainTextContent></Note>'
             f'<Note guid="{g(42)}" name="Annotation" richTextPath="internal://{g(42)}.docx" '
             f'plainTextPath="internal://{g(42)}.txt"><Description>d</Description></Note></Notes>'
             f'<Links><Link guid="{g(50)}" name="annotates" originGUID="{g(42)}" targetGUID="{g(1)}"/></Links>')
    codes = "".join(f'<Code guid="{g(100 + k)}" name="{n}" isCodable="true"><NoteRef targetGUID="{g(43)}"/></Code>'
                    for k, n in enumerate(["Cargo", "Ports", "Figures"]))
    notes = notes.replace("</Notes>", f'<Note guid="{g(43)}" name="Code memo"><PlainTextContent>Freight only.'
                                      '</PlainTextContent></Note></Notes>')
    qde = project(f'<TextSource guid="{g(9)}" name="Port report" plainTextPath="internal://{g(9)}.txt">{sel}'
                  f'<NoteRef targetGUID="{g(40)}"/></TextSource>', codes, notes)
    files = {f"sources/{g(9)}.txt": TEXT, f"sources/{g(40)}.txt": "Ask the port authority.",
             f"sources/{g(42)}.txt": "\ufeffFigure confirmed by Ilse Varno's office."}
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", qde, files))
    (claim,) = lib.claims.for_article(result.articles[0][1])
    assert sorted(claim.tag_names) == ["Cargo", "Figures", "Ports"]
    assert claim.note.split("\n\n") == ["Check the annual report.", "Tonnage, not value.", "Ask the port authority.",
                                        "Figure confirmed by Ilse Varno's office."]
    assert {t.description for t in lib.tags.list()} == {"Freight only."}  # a memo on a code describes it


def test_nvivo_annotations_inside_notes_become_claims_and_whole_source_notes_are_listed(lib, tmp_path):
    s, e = at(TEXT, TERMINAL)
    notes = (f'<Notes><Note guid="{g(40)}" name="Annotation"><PlainTextContent>Opening date unconfirmed.'
             f'</PlainTextContent><PlainTextSelection guid="{g(41)}" startPosition="{s}" endPosition="{e}"/></Note>'
             f'<TextSource guid="{g(42)}" name="Document memo"><PlainTextContent>Annual report, page 4.'
             f'</PlainTextContent></TextSource></Notes>')  # a note written as the TextSource it is by the schema
    src = (f'<TextSource guid="{g(1)}" name="Port report"><Description>From the port authority</Description>'
           f'<PlainTextContent>{TEXT}</PlainTextContent><NoteRef targetGUID="{g(40)}"/>'
           f'<NoteRef targetGUID="{g(42)}"/></TextSource>')
    notes = notes.replace("</Notes>", f'<Note guid="{g(43)}" name="Lost"><PlainTextContent>?</PlainTextContent>'
                                      f'<PlainTextSelection guid="{g(44)}" startPosition="0" endPosition="6"/></Note>'
                                      '</Notes>')  # marks a passage of no source
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", project(src, extra=notes)))
    (claim,) = lib.claims.for_article(result.articles[0][1])
    assert (claim.text, claim.note, claim.tag_names) == (TERMINAL, "Opening date unconfirmed.", ())
    assert result.skipped_codings == [
        ("notes", "1 passage(s) marked in notes that no source refers to, so there is no text to put them on"),
        ("Port report", "2 note(s) on the whole source not kept (a note belongs to a claim)")]


def test_a_project_file_cut_short_brings_in_what_came_before_the_break_and_says_where(lib, tmp_path):
    s, e = at(TEXT, CARGO)
    whole = project(f'<TextSource guid="{g(1)}" name="Port report"><PlainTextContent>{TEXT}</PlainTextContent>'
                    f'{selection(2, s, e)}</TextSource>'
                    f'<TextSource guid="{g(3)}" name="Ferries"><PlainTextContent>{TEXT.replace("Veltra", "Dunmarsh")}'
                    f'</PlainTextContent></TextSource>')
    cut = whole[:whole.index("Dunmarsh ports report") + 12]  # broken off inside the second text
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", cut))
    assert [name for name, _ in result.articles] == ["Port report"]  # the half text is not taken for a whole one
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]
    ((name, why),) = result.skipped_sources
    line = cut.count("\n") + 1
    assert (name, why) == ("p.qdpx", f"the project file breaks off at line {line} (Premature end of data in tag "
                                     "PlainTextContent); nothing after that was read")


def test_pdf_picture_audio_and_video_codings_are_counted_and_the_text_still_comes_in(lib, tmp_path):
    s, e = at(TEXT, CARGO)
    coding = f'<Coding guid="{g(90)}"><CodeRef targetGUID="{g(100)}"/></Coding>'
    sources = (
        f'<PDFSource guid="{g(1)}" name="report.pdf" path="internal://{g(1)}.pdf">'
        f'<PDFSelection guid="{g(2)}" page="1" firstX="1" firstY="1" secondX="9" secondY="9">{coding}</PDFSelection>'
        f'<PDFSelection guid="{g(3)}" page="2" firstX="1" firstY="1" secondX="9" secondY="9"/>'
        f'<Representation guid="{g(4)}" plainTextPath="internal://{g(4)}.txt">{selection(5, s, e)}</Representation>'
        f'</PDFSource>'
        f'<PictureSource guid="{g(6)}" name="quay.png" path="internal://{g(6)}.png">'
        f'<PictureSelection guid="{g(7)}" firstX="0" firstY="0" secondX="5" secondY="5">{coding}</PictureSelection>'
        f'</PictureSource>'
        f'<AudioSource guid="{g(8)}" name="interview.m4a" path="relative:///interview.m4a">'
        f'<Transcript guid="{g(9)}"><PlainTextContent>Yes.</PlainTextContent>'
        f'<TranscriptSelection guid="{g(10)}"/></Transcript>'
        f'<AudioSelection guid="{g(11)}" begin="0" end="900">{coding}</AudioSelection></AudioSource>'
        f'<VideoSource guid="{g(12)}" name="briefing.mp4"><VideoSelection guid="{g(13)}" begin="5" end="50"/>'
        f'</VideoSource>')
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", project(sources), {f"sources/{g(4)}.txt": TEXT}))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]
    assert result.media_codings == 6
    assert "6 codings of PDF areas, pictures, audio or video skipped" in result.summary()
    assert [n for n, _why in result.skipped_sources] == ["quay.png", "interview.m4a", "briefing.mp4"]


def test_sets_graphs_links_variables_and_cases_do_not_stop_an_import(lib, tmp_path):
    s, e = at(TEXT, CARGO)
    extra = (f'<Variables><Variable guid="{g(60)}" name="Outlet" typeOfVariable="Text"/>'
             f'<Variable guid="{g(61)}" name="Region" typeOfVariable="Text"/></Variables>'
             f'<Cases><Case guid="{g(62)}"><VariableValue><VariableRef targetGUID="{g(60)}"/>'
             f'<TextValue>Dunmarsh Courier</TextValue></VariableValue><SourceRef targetGUID="{g(1)}"/></Case>'
             f'<Case guid="{g(63)}" name="North"><SourceRef targetGUID="{g(1)}"/><SourceRef targetGUID="{g(2)}"/></Case>'
             f'</Cases>'
             f'<Links><Link guid="{g(64)}" name="is part of" originGUID="{g(100)}" targetGUID="{g(1)}"/></Links>'
             f'<Sets><Set guid="{g(65)}" name="Ports"><MemberSource targetGUID="{g(1)}"/><MemberCode '
             f'targetGUID="{g(100)}"/></Set></Sets>'
             f'<Graphs><Graph guid="{g(66)}" name="Map"><Vertex guid="{g(67)}" representedGUID="{g(100)}" '
             f'firstX="1" firstY="2"/><Edge guid="{g(68)}" sourceVertex="{g(67)}" targetVertex="{g(67)}"/></Graph>'
             f'</Graphs><Description>Port study</Description><NoteRef targetGUID="{g(69)}"/>')
    src = (f'<TextSource guid="{g(1)}" name="Port report"><PlainTextContent>{TEXT}</PlainTextContent>'
           f'{selection(3, s, e)}</TextSource>')
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", project(src, extra=extra)))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]
    assert lib.articles.get(result.articles[0][1]).outlet == "Dunmarsh Courier"  # from the case naming this source


# ---- archives and XML dialects

def _plain(qde_name: str = "project.qde", prefix: str = "", junk: bool = False):
    def make(path: Path) -> Path:
        qde = project(cargo_source(g(1), f'plainTextPath="internal://{g(1)}.txt"'))
        files = {f"{prefix}sources/{g(1)}.txt": TEXT}
        if junk:
            files |= {"__MACOSX/._project.qde": b"\x00\x05\x16\x07", "._project.qde": b"\x00\x05\x16\x07"}
        return write_qdpx(path, qde, files, qde_name=f"{prefix}{qde_name}")
    return make


@pytest.mark.parametrize("make", [
    _plain("Veltra ports.qde"),  # named for the project
    _plain(prefix="Veltra ports/"),  # everything in a folder
    _plain(junk=True),  # zipped by macOS
], ids=["named", "folder", "macos"])
def test_archives_as_tools_and_zippers_make_them(lib, tmp_path, make):
    result = import_project(lib.store, make(tmp_path / "p.qdpx"))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]


def test_of_several_project_files_the_standard_one_at_the_top_is_read(lib, tmp_path):
    qde = project(cargo_source(g(1), f'plainTextPath="internal://{g(1)}.txt"'))
    path = write_qdpx(tmp_path / "p.qdpx", qde, {f"sources/{g(1)}.txt": TEXT, "project backup.qde": "<Project/>",
                                               "old/project.qde": "<Project/>"})
    assert claims_of(lib, import_project(lib.store, path)) == [(CARGO, ("Cargo",))]


def test_a_source_named_by_its_path_is_titled_by_its_file_name(lib, tmp_path):
    src = f'<TextSource guid="{g(1)}" name="C:\\Users\\mira\\Port report.docx"><PlainTextContent>{TEXT}' \
          '</PlainTextContent></TextSource>'
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", project(src)))
    assert lib.articles.get(result.articles[0][1]).title == "Port report"


def test_a_file_is_read_for_what_it_holds_not_what_it_is_called(lib, tmp_path):
    s, e = at(TEXT, CARGO)
    inline = project(f'<TextSource guid="{g(1)}" name="Port report"><PlainTextContent>{TEXT}</PlainTextContent>'
                     f'{selection(2, s, e)}</TextSource>')
    (tmp_path / "bare.qdpx").write_text(inline, encoding="utf-8")  # the XML alone, under the archive's name
    other = inline.replace(TEXT, TEXT + " Later.").replace(g(1), g(11)).replace(g(2), g(12))
    write_qdpx(tmp_path / "zipped.qde", other)  # the archive under the XML's name
    first = import_project(lib.store, tmp_path / "bare.qdpx")
    second = import_project(lib.store, tmp_path / "zipped.qde")
    assert claims_of(lib, first) == [(CARGO, ("Cargo",))]
    assert len(second.revised) + len(second.articles) == 1


@pytest.mark.parametrize("dialect", ["prefixed", "no namespace", "newer"])
def test_namespaces_spelled_any_way_and_parts_of_a_newer_standard(lib, tmp_path, dialect):
    qde = project(cargo_source(g(1), f'plainTextPath="internal://{g(1)}.txt"')
                  + f'<SpreadsheetSource guid="{g(7)}" name="survey.xlsx"/>')
    if dialect == "prefixed":
        qde = qde.replace(f'xmlns="{NS}"', f'xmlns:qda="{NS}"').replace("<", "<qda:").replace("<qda:/", "</qda:")
        qde = qde.replace("<qda:?xml", "<?xml")
    elif dialect == "no namespace":
        qde = qde.replace(f' xmlns="{NS}"', "")
    else:
        qde = qde.replace(NS, "urn:QDA-XML:project:2.0").replace(
            'isCodable="true"/>', 'isCodable="true" icon="anchor"><Synonym>freight</Synonym></Code>').replace(
            "<CodeBook>", '<Settings><Theme dark="true"/></Settings><CodeBook>').replace(
            "<PlainTextSelection ", '<PlainTextSelection confidence="0.9" ')
    result = import_project(lib.store, write_qdpx(tmp_path / "p.qdpx", qde, {f"sources/{g(1)}.txt": TEXT}))
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]
    assert result.skipped_sources == [("survey.xlsx", "a <SpreadsheetSource> is not a kind of source ClaimDesk reads")]


def test_a_codebook_alone_with_a_prefix_and_unnamed_codes(lib, tmp_path):
    qdc = ('<?xml version="1.0" encoding="utf-8"?><cb:CodeBook xmlns:cb="urn:QDA-XML:codebook:1.0" origin="Quirkos">'
           f'<cb:Codes><cb:Code guid="{{{g(1).upper()}}}" name="Transport" isCodable="false">'
           f'<cb:Code guid="{g(2)}" name="" isCodable="true"><cb:Code guid="{g(3)}" name="Ferries" isCodable="true"/>'
           '</cb:Code></cb:Code></cb:Codes></cb:CodeBook>')
    (tmp_path / "codes.qdc").write_text(qdc, encoding="utf-8")
    result = import_project(lib.store, tmp_path / "codes.qdc")
    assert [t.path for t in lib.tags.list()] == ["Transport", "Transport/(unnamed code)",
                                                 "Transport/(unnamed code)/Ferries"]
    assert result.summary() == "codebook: 3 tags added, 0 already in the codebook"


# ---- damage

def test_a_text_damaged_in_the_archive_is_skipped_and_the_others_come_in(lib, tmp_path):
    other = TEXT.replace("Veltra ports report", "Dunmarsh ferries report")
    qde = project(cargo_source(g(1), f'plainTextPath="internal://{g(1)}.txt"')
                  + f'<TextSource guid="{g(2)}" name="Ferries" plainTextPath="internal://{g(2)}.txt"/>')
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("project.qde", qde)
        zf.writestr(f"sources/{g(1)}.txt", TEXT)
        zf.writestr(f"sources/{g(2)}.txt", other)
    data = path.read_bytes()
    at_byte = data.index(b"Dunmarsh ferries")
    path.write_bytes(data[:at_byte] + b"X" + data[at_byte + 1:])  # one flipped byte: its checksum fails
    result = import_project(lib.store, path)
    assert claims_of(lib, result) == [(CARGO, ("Cargo",))]
    ((name, why),) = result.skipped_sources
    assert name == "Ferries" and why.startswith(f"its text sources/{g(2)}.txt is damaged in the archive (")


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.write_bytes(b"PK\x03\x04 cut short"), "this one is damaged"),
    (lambda p: p.write_bytes(b"\x00\x01binary"), "a .qdpx is a zip archive"),
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: write_qdpx(p, "<Project><Sources>"), "the XML is broken"),
    (lambda p: write_qdpx(p, "<html><body/></html>"), "holds <html>"),
])
def test_a_file_that_cannot_be_read_is_one_line(lib, tmp_path, make, reason):
    path = tmp_path / "broken.qdpx"
    make(path)
    with pytest.raises(UserError, match=reason) as err:
        import_project(lib.store, path)
    assert "\n" not in str(err.value) and str(err.value).startswith(str(path))


# ---- all or nothing

def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as con:
        return {table: sorted(con.execute(f"SELECT * FROM {table}").fetchall())  # noqa: S608 - fixed names
                for table in ("articles", "claims", "tags", "claim_tags", "annotators", "exchange_ids", "claim_links")}


def test_an_import_cut_short_leaves_the_library_file_as_it_was(tmp_path, monkeypatch):
    from desktop.exchange import refi_import
    from tests.helpers import add_article

    db = tmp_path / "lib.sqlite"
    lib = Library.open(db, annotator="tester", seed_codebook=False)
    mine = add_article(lib, "Harbour dues\n\nDunmarsh raised its harbour dues by 4% this week, the council said.")
    lib.claims.create(mine, 14, 22, [lib.tags.ensure_path("Ports/Dues").id])
    export_qdpx(lib, tmp_path / "mine.qdpx")  # the library's GUID namespace is drawn and stored
    before = _snapshot(db)
    s, e = at(TEXT, CARGO)
    src = (f'<TextSource guid="{g(1)}" name="Port report"><PlainTextContent>{TEXT}</PlainTextContent>'
           f'{selection(2, s, e)}</TextSource>')
    path = write_qdpx(tmp_path / "p.qdpx", project(src, extra=f'<Users><User guid="{g(3)}" name="Ana"/></Users>'))

    def fails_late(self) -> None:  # a fault after articles, tags, coders and claims were written
        raise OSError("disk full")

    monkeypatch.setattr(refi_import._Importer, "_links", fails_late)
    with pytest.raises(OSError):
        import_project(lib.store, path)
    report = lib.importer.import_paths([str(path)], analyse=False)
    assert report.failed == [(str(path), "could not be imported (OSError: disk full)")]
    lib.close()
    assert _snapshot(db) == before
    monkeypatch.undo()
    again = Library.open(db, annotator="tester", seed_codebook=False)  # and the same file then imports whole
    result = import_project(again.store, path)
    assert claims_of(again, result) == [(CARGO, ("Cargo",))] and result.users_added == 1
    again.close()
