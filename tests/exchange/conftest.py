"""Small REFI-QDA files made by hand, shaped the way each tool writes them."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

DATA = Path(__file__).with_name("data")
TIMESTAMP = re.compile(r"DateTime$")


@pytest.fixture(scope="session")
def project_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATA / "Project.xsd")))


def write_qdpx(path: Path, qde: str | bytes, sources: dict[str, bytes | str] | None = None,
               qde_name: str = "project.qde") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(qde_name, qde.encode("utf-8") if isinstance(qde, str) else qde)
        for name, data in (sources or {}).items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("project.qde"))


def without_timestamps(root: etree._Element) -> bytes:
    """The project as canonical XML with every *DateTime attribute taken out."""
    root = etree.fromstring(etree.tostring(root))
    for el in root.iter():
        for attr in [a for a in el.attrib if TIMESTAMP.search(a)]:
            del el.attrib[attr]
    return etree.tostring(root, method="c14n")


def source_texts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("sources/")}


def _g(n: int) -> str:
    import uuid

    return str(uuid.UUID(int=n + 0x1000))


def big_project(path: Path, n_sources: int = 10) -> Path:
    """A project as another tool writes a real study: 300 codes (30 themes of 9), ten long sources
    with 50 coded selections each, texts in sources/."""
    codes, first = [], 100
    for top in range(30):
        kids = "".join(f'<Code guid="{_g(first + top * 10 + k)}" name="Code {top}.{k}" isCodable="true" '
                       f'color="#4E79A7"><Description>child {k}</Description></Code>' for k in range(1, 10))
        codes.append(f'<Code guid="{_g(first + top * 10)}" name="Theme {top}" isCodable="true">{kids}</Code>')
    sources, files = [], {}
    text = " ".join(f"Sentence {i} about the harbour and its grain." for i in range(400))
    for s in range(n_sources):
        sels = "".join(
            f'<PlainTextSelection guid="{_g(10_000 + s * 100 + k)}" startPosition="{k * 40}" '
            f'endPosition="{k * 40 + 30}"><Coding guid="{_g(20_000 + s * 100 + k)}">'
            f'<CodeRef targetGUID="{_g(first + (k % 30) * 10 + 1)}"/></Coding></PlainTextSelection>' for k in range(50))
        guid = _g(5_000 + s)
        sources.append(f'<TextSource guid="{guid}" name="Source {s}" plainTextPath="internal://{guid}.txt">{sels}'
                       f'</TextSource>')
        files[f"sources/{guid}.txt"] = f"Report number {s}\n\n" + text
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="big">'
           f'<CodeBook><Codes>{"".join(codes)}</Codes></CodeBook><Sources>{"".join(sources)}</Sources></Project>')
    return write_qdpx(path, qde, files)
