"""Claims and quotes as CSV or JSON, with their article's details, for spreadsheets and notebooks."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from desktop.report.scope import Scope
from desktop.services.dto import LinkedClaim


def rows(scope: Scope) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for article in scope.articles:
        meta = {"article_id": article.id, "article_title": article.title, "outlet": article.outlet,
                "author": article.author, "published": article.published.isoformat() if article.published else None,
                "source": article.source_path or article.source_url}
        for c in scope.claims.get(article.id, []):
            out.append({"kind": "claim", "id": c.id, "text": c.text, "start": c.start, "end": c.end,
                        "tags": "; ".join(c.tag_names), "verdict": c.verdict, "speaker": c.speaker, "cue": None,
                        "note": c.note, "coder": c.annotator,
                        "links": _links(scope.links.get(c.id, [])), **meta})
        for q in scope.quotes.get(article.id, []):
            if not q.is_scare:
                out.append({"kind": "quote", "id": q.id, "text": q.text, "start": q.start, "end": q.end, "tags": "",
                            "verdict": None, "speaker": q.speaker, "cue": q.cue, "note": "", "coder": None, "links": "",
                            **meta})
    return out


def _links(links: list[LinkedClaim]) -> str:
    """'repeats claim 12; contradicts claim 15 (other month)': readable in a spreadsheet cell."""
    return "; ".join(f"{kind} claim {other}" + (f" ({note})" if note else "") for kind, other, note in links)


def write_csv(scope: Scope, out: Path) -> None:
    data = rows(scope)
    fields = list(data[0]) if data else ["kind", "id", "text", "article_id"]
    # utf-8-sig: spreadsheet programs then read Cyrillic and emoji correctly.
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows({k: neutralised(v) for k, v in row.items()} for row in data)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """Text that a spreadsheet would run as a formula ('=HYPERLINK(…)' from an article, a note
    starting with '-') gets a leading apostrophe, as OWASP advises for CSV injection; numbers stay
    numbers. The JSON export keeps the text exactly."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_json(scope: Scope, out: Path) -> None:
    out.write_text(json.dumps(rows(scope), ensure_ascii=False, indent=1), encoding="utf-8")
