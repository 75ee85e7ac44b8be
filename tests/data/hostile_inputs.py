"""The hostile-inputs folder: every file that once took an import down, made here, not committed.

    python -m tests.data.hostile_inputs [FOLDER] [--big]

writes them to FOLDER (default tests/data/hostile, ignored by git). The tests call the same
functions on a temporary folder. --big adds the full-size slow inputs (a 7 MB .docx holding
about 190 MB of XML, a .docx of 73,000 paragraphs, a 500-page PDF whose pages share one 70 MB
content stream, a 2 MB article); without it only the small ones are written.
Every text is invented, set in the demo's fictional country.
"""
from __future__ import annotations

import os
import random
import sys
import zipfile
from pathlib import Path

FIRST = ["Mira", "Tomas", "Dalia", "Aurel", "Piet", "Ilsa", "Ada", "Jonas", "Lena", "Oskar", "Vera", "Emil",
         "Nora", "Kasper", "Elin", "Matej", "Saga", "Bruno", "Hedda", "Anton"]
LAST = ["Halvard", "Brenn", "Orsek", "Danek", "Aalders", "Roavik", "Quell", "Marsk", "Tolvin", "Vennick",
        "Harkonen", "Lindqvist", "Stavros", "Kettel", "Arnholt", "Bergmann", "Ostrava", "Selin", "Varga", "Hollis"]
PLACES = ["Veltra", "Marenhal", "Port Kessa", "Osterlund", "Kessa North", "Dunmore", "Tarvik", "Lund Bay"]
BODIES = ["the Northern Sea Council", "the central bank", "the Ministry of Trade", "the Harbour Workers' Union",
          "the Veltran Grain Board", "the Coastal Ledger"]
ROLES = ["Finance Minister", "Opposition leader", "Senator", "Mayor", "union chair", "trade envoy"]


def long_article(n_chars: int, seed: int = 18) -> str:
    """A news story of about n_chars characters with many people, places, quotations and figures."""
    rng = random.Random(seed)
    people = [f"{f} {s}" for f in FIRST for s in LAST]
    out = ["Veltra's Long Winter: A Harbour Economy Under Strain\n\nBy Mara Quell\n\n"]
    size = len(out[0])
    while size < n_chars:
        person, other = rng.choice(people), rng.choice(people)
        place, body = rng.choice(PLACES), rng.choice(BODIES)
        pct, money, year = rng.randint(2, 60), rng.randint(10, 900), rng.randint(2015, 2026)
        para = rng.choice([
            f"“The harbour in {place} handled {pct}% more grain than in {year},” said {rng.choice(ROLES)} "
            f"{person}. {other.split()[1]} said the figure was inflated because {body} counted every ship twice.",
            f"According to {person}, “prices rose because the subsidies were cut, not because of the ban.” "
            f"{body[0].upper() + body[1:]} said exports fell by {money} million crowns last year.",
            f"{person} told reporters in {place} that the reserve held enough wheat for {pct} days, "
            f"the lowest level since {year}. “We will not ship grain abroad while families queue for bread,” she said.",
            f"In {place}, {other} of {body} warned that freight costs had doubled. “This is the worst season "
            f"we have seen,” {other.split()[1]} said, adding that {pct} ships were still waiting at the quay.",
            f"{body[0].upper() + body[1:]} expects food inflation to peak at {pct}% in April, higher than any "
            f"forecast made in {place} since {year}, {person} said on Tuesday.",
        ])
        out.append(para + "\n\n")
        size += len(para) + 2
    return "".join(out)


# ---- Word files written as raw parts: python-docx is too slow to write 73,000 paragraphs.
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '</Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _styles(n_styles: int) -> str:
    styles = ['<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>']
    styles += [f'<w:style w:type="paragraph" w:styleId="Body{i}"><w:name w:val="Body {i}"/></w:style>'
               for i in range(n_styles)]
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>'


def write_docx(path: Path, paragraphs, n_styles: int = 50) -> Path:
    """A minimal valid .docx; `paragraphs` is an iterable of (style id or None, text) streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        zf.writestr("word/styles.xml", _styles(n_styles))
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
                     .encode())
            for style, text in paragraphs:
                props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
                fh.write(f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>".encode())
            fh.write(b"</w:body></w:document>")
    return path


def many_paragraphs_docx(path: Path, n: int = 73_000) -> Path:
    """Short paragraphs, each with a style (a style lookup per paragraph took 115 s)."""
    def paras():
        yield "Title", "Harbour notes from Veltra"
        for i in range(n):
            yield f"Body{i % 50}", f"Ship {i} left Port Kessa."
    return write_docx(path, paras())


def big_xml_docx(path: Path, xml_mb: int = 192) -> Path:
    """Mostly markup: runs of formatting around little text, compressing about 26 times, under the
    zip-bomb ratio, so only the reader's own limits can stop it."""
    rng = random.Random(7)
    runs = [f'<w:r><w:rPr><w:b/><w:color w:val="{rng.randrange(1 << 24):06X}"/><w:sz w:val="{rng.randint(8, 40)}"/>'
            f'</w:rPr><w:t>{rng.choice(FIRST)[:rng.randint(1, 4)]}</w:t></w:r>' for _ in range(4096)]
    fillers = ["".join(rng.choices(runs, k=40)) for _ in range(8)]  # 8 of them: deflate gets about 26x

    def paras():
        size = 0
        while size < xml_mb * 1_000_000:
            filler = rng.choice(fillers)
            yield None, f"{rng.choice(FIRST)} {rng.choice(LAST)} said </w:t></w:r>{filler}<w:r><w:t>."
            size += len(filler) + 80
    return write_docx(path, paras())


# ---- PDFs written with pypdf's objects
def _pdf_writer():
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    resources = writer._add_object(DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}))
    return writer, resources


def _text_stream(lines: list[str]) -> bytes:
    ops = ["BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _add_page(writer, resources, contents) -> None:
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    page = writer.add_blank_page(612, 792)
    page[NameObject("/Resources")] = resources
    page[NameObject("/Contents")] = contents
    page[NameObject("/MediaBox")] = ArrayObject([FloatObject(0), FloatObject(0), FloatObject(612), FloatObject(792)])


def _stream(writer, data: bytes, compress: bool = True):
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream.flate_encode() if compress else stream)


def pages_pdf(path: Path, n_pages: int, encrypt_empty: bool = False) -> Path:
    """One short paragraph per page, the page number in it ("Page 501 of the harbour log.")."""
    writer, resources = _pdf_writer()
    for i in range(1, n_pages + 1):
        _add_page(writer, resources, _stream(writer, _text_stream(
            [f"Page {i} of the harbour log. Ships left Port Kessa for Osterlund."])))
    if encrypt_empty:
        writer.encrypt(user_password="", owner_password="harbour-owner", algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def shared_stream_pdf(path: Path, n_pages: int = 500, stream_mb: float = 70) -> Path:
    """Every page draws the same huge content stream (about 30 minutes of text extraction once)."""
    writer, resources = _pdf_writer()
    line = "(Veltra grain exports fell in quarter {} of the ledger, the ministry said.) '\n"
    n_lines = int(stream_mb * 1_000_000 // len(line))
    data = ("BT /F1 11 Tf 72 760 Td 14 TL\n" + "".join(line.format(i) for i in range(n_lines)) + "ET").encode()
    shared = _stream(writer, data)
    for _ in range(n_pages):
        _add_page(writer, resources, shared)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


# ---- the folder
MARKUP_TEXT = ("Harbour Board Minutes\n\n"
               "The board of Port Kessa met on Monday. <font color=red size=7>BIG RED</font> and <i>tilted</i> "
               "were pasted from a web page into the minutes.\n\n"
               "=HYPERLINK(\"http://example.invalid\",\"click\") was the next line of the minutes, and "
               "the clerk \x1b[31mcoloured\x1b[0m a word with a terminal escape.\n")


def write_small(folder: Path) -> dict[str, Path]:
    """The inputs that are fast to make and to import: the default test run uses these."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def text(name: str | bytes, data: bytes) -> Path:
        target = folder / (name if isinstance(name, str) else os.fsdecode(name))
        target.write_bytes(data)
        return target

    made["latin1_name"] = text(b"Marenhal caf\xe9 report.txt",
                               "Caf\u00e9 owners in Marenhal\n\nThe owners of six caf\u00e9s in Marenhal said "
                               "trade fell by a third this winter.\n".encode())
    made["one_bad_byte"] = text("one bad byte.txt",
                                "Zo\u00eb Halvard in Dunmore\n\nZo\u00eb Halvard, the mayor of Dunmore, said the caf"
                                "\u00e9 tax would go. ".encode() + b"\xff" + " Na\u00efve plans, she said.\n".encode())
    made["double_escape"] = text("double escape.html", (
        b"<html><head><title>Escapes in Osterlund</title></head><body><article><h1>Escapes in Osterlund</h1>"
        b"<p>The Osterlund council wrote the rule as &amp;lt;b&amp;gt; in its minutes, and the clerk kept "
        b"the less-than sign &lt; as it was when the harbour report was printed on Monday.</p>"
        b"<p>Port Kessa officials said the minutes were published in full on the council website.</p>"
        b"</article></body></html>"))
    made["markup"] = text("markup in text.txt", MARKUP_TEXT.encode())
    made["newline_name"] = text("two\nlines.txt", b"Two Lines of Tarvik\n\nThe harbour of Tarvik opened "
                                                  b"a second quay on Monday, the mayor said.\n")
    made["over_500_pages"] = pages_pdf(folder / "harbour log 501 pages.pdf", 501)
    made["empty_password"] = pages_pdf(folder / "empty password.pdf", 2, encrypt_empty=True)
    made["shared_stream_small"] = shared_stream_pdf(folder / "shared stream small.pdf", 100, 0.02)
    made["many_paragraphs_small"] = many_paragraphs_docx(folder / "many paragraphs small.docx", 3000)
    made["big_xml_small"] = big_xml_docx(folder / "big xml small.docx", 4)
    made["good"] = text("good.txt", b"Good News from Lund Bay\n\nThe ferry to Lund Bay runs again, "
                                    b"the harbour master Ilsa Roavik said on Monday.\n")
    return made


def write_big(folder: Path) -> dict[str, Path]:
    """The slow inputs of issue 18, full size (a minute or two to make)."""
    folder.mkdir(parents=True, exist_ok=True)
    long_2mb = folder / "long article 2 MB.txt"
    long_2mb.write_text(long_article(2_000_000), encoding="utf-8")
    return {
        "long_2mb": long_2mb,
        "big_xml": big_xml_docx(folder / "big xml 192 MB.docx"),
        "many_paragraphs": many_paragraphs_docx(folder / "many paragraphs.docx"),
        "shared_stream": shared_stream_pdf(folder / "shared stream 500 pages.pdf"),
    }


def main(argv: list[str]) -> int:
    big = "--big" in argv
    args = [a for a in argv if a != "--big"]
    folder = Path(args[0]) if args else Path(__file__).with_name("hostile")
    made = write_small(folder)
    if big:
        made.update(write_big(folder))
    for name, path in made.items():
        print(f"{name:22} {path.stat().st_size:>12,} bytes  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
