"""The first-start demo library: invented articles, found correctly, with claims to show."""
from __future__ import annotations

import re

from desktop.services import Library
from desktop.services.demo import DEMO_CLAIMS, sample_paths, seed_demo

REAL_NAMES = ["Russia", "Kazakhstan", "Ukraine", "China", "United States", "America", "Putin", "Biden",
              "Trump", "Clinton", "European Union", "Obama", "Moscow", "Washington", "Beijing", "NATO"]


def test_seeds_every_sample_with_metadata_and_claims(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as lib:
        report = seed_demo(lib)
        assert report.failed == [] and len(report.added) == len(sample_paths()) >= 5
        rows = lib.articles.rows()
        assert all(r.author and r.published and r.outlet for r in rows)
        assert {"txt", "md", "html"} <= {lib.articles.get(r.id).source_format for r in rows}
        claims = lib.claims.all()
        assert len(claims) == len(DEMO_CLAIMS)
        assert all(c.tag_ids for c in claims)
        assert any(lib.claims.links(c.id) for c in claims)
        assert seed_demo(lib).added == []
        assert len(lib.claims.all()) == len(DEMO_CLAIMS)


def test_samples_name_no_real_country_or_politician():
    for path in sample_paths():
        text = path.read_text(encoding="utf-8")
        for name in REAL_NAMES:
            assert not re.search(rf"\b{re.escape(name)}\b", text), (path.name, name)
