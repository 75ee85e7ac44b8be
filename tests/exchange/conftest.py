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
