"""The demo library a new user sees on first start: invented articles from an invented country.

Veltra, its people, outlets and institutions are fictional, so no real person is ever
given words they did not say. A few claims are tagged so tagging is visible at once.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import NamedTuple

from desktop.services.claims import find_passage
from desktop.services.importer import ImportReport
from desktop.services.library import Library
from desktop.services.progress import CancelToken, ProgressFn, no_progress


class DemoClaim(NamedTuple):
    sample: str
    passage: str  # exactly as in the sample's text
    tag_path: str
    verdict: str
    note: str
    speaker: str | None


DEMO_CLAIMS = [
    DemoClaim("01_grain_ban.txt", "the winter harvest had come in 18% below last year's", "Factual claim/Statistic",
              "unverified", "Compare with the statistics office's harvest bulletin.", "The government of Veltra"),
    DemoClaim("01_grain_ban.txt", "blamed the shortage on the government's own fertiliser subsidies", "Causal claim",
              "disputed", "The ministry blames the drought instead (see Veltra Today, 26 March).", "Tomas Brenn"),
    DemoClaim("02_council_sanctions.txt", "Osterlund buys less than 5% of its wheat from us", "Factual claim/Statistic",
              "disputed", "Osterlund's minister says nearly a fifth.", "Dalia Orsek"),
    DemoClaim("02_council_sanctions.txt", "Veltran grain made up \"nearly a fifth\" of Osterlund's imports",
              "Factual claim/Statistic", "unverified", "Conflicts with Orsek's 5%.", "Karel Voss"),
    DemoClaim("03_central_bank.txt", "bread prices in Marenhal rose 34% between January and March", "Factual claim/Statistic",
              "supported", "Matches the Ledger's 'by a third'.", None),
    DemoClaim("06_ban_eased.html", "bread prices were still 30% higher than a year ago", "Factual claim/Statistic",
              "misleading", "The statistics office says 24%.", None),
]
LINKS = [(2, 3, "contradicts"), (5, 4, "contradicts")]  # indexes into DEMO_CLAIMS


def sample_paths() -> list[Path]:
    folder = resources.files("resources").joinpath("samples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name[0].isdigit())


def seed_demo(lib: Library, progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> ImportReport:
    """Import the demo articles and tag a few claims; does nothing in a library that has articles."""
    if lib.articles.count():
        return ImportReport()
    return add_demo(lib, progress, cancel)


def add_demo(lib: Library, progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> ImportReport:
    """Help ▸ Add demo articles: into any library; those already there are left as they are."""
    report = lib.importer.import_paths(sample_paths(), analyse=False, progress=progress, cancel=cancel)
    by_name = {Path(path).name: article_id for path, article_id in report.added}
    made = [_claim(lib, by_name.get(c.sample), c) for c in DEMO_CLAIMS]
    for a, b, kind in LINKS:
        first, second = made[a], made[b]
        if first and second:
            lib.claims.link(first, second, kind)
    return report


def _claim(lib: Library, article_id: int | None, claim: DemoClaim) -> int | None:
    if article_id is None:
        return None
    body = lib.articles.get(article_id).body
    if claim.passage not in body:
        return None
    start, end = find_passage(body, claim.passage, 1)
    tag = lib.tags.ensure_path(claim.tag_path)
    return lib.claims.create(article_id, start, end, [tag.id], verdict=claim.verdict, note=claim.note,
                             speaker_text=claim.speaker).id


class DemoRemoval(NamedTuple):
    removed: int
    kept: int  # demo articles that carry a person's own claims stay


def demo_article_ids(lib: Library) -> list[int]:
    """The demo's articles in this library, known by their text's fingerprint (found even after a rename)."""
    from desktop.ingest import content_hash, read_article

    found = (lib.articles.id_for_hash(content_hash(read_article(path).body)) for path in sample_paths())
    return [i for i in found if i is not None]


def remove_demo(lib: Library) -> DemoRemoval:
    """Help ▸ Remove demo articles: the demo's articles and the demo's own claims; a person's work stays."""
    removed = kept = 0
    demo_notes = {(c.passage, c.note) for c in DEMO_CLAIMS}
    for article_id in demo_article_ids(lib):
        claims = lib.claims.for_article(article_id)
        for claim in claims:
            if (claim.text, claim.note) in demo_notes:
                lib.claims.delete(claim.id)
        if any((c.text, c.note) not in demo_notes for c in claims):
            kept += 1
            continue
        lib.articles.delete(article_id)
        removed += 1
    return DemoRemoval(removed, kept)
