"""The Word report: title page, summary with charts, one section per article, claims table, index."""
from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.shared import Inches, Pt, RGBColor
from docx.text.run import Run

from desktop.palette import ENTITY_TYPES, LIGHT, TYPE_LABELS, lighten
from desktop.report.charts import ChartRenderer
from desktop.report.docx_runs import (
    FastWriter,
    append_rows,
    comment_text,
    plain_first_column,
    set_widths,
    shade,
)
from desktop.report.scope import Scope
from desktop.report.segments import Piece, Span, paragraphs, pieces, xml_safe
from desktop.report.trails import write_section as write_trails
from desktop.services import Library
from desktop.services.dto import ClaimInfo
from desktop.services.progress import Cancelled, CancelToken, ProgressFn, no_progress

TABLE_STYLE = "Light Grid Accent 1"
SPEAKER_GREY = RGBColor(0x6B, 0x6B, 0x6B)
CLOSING_MARKS = "”’»\"'›」』"
CHART_WIDTH = Inches(5.6)
# Claim, tags, verdict, speaker, article, coder, note: the claim's words get the most room (7.1 in between margins).
CLAIM_COLUMNS = [Inches(1.9), Inches(0.85), Inches(0.85), Inches(0.8), Inches(1.0), Inches(0.7), Inches(1.0)]
TABLE_TEXT = Pt(9)
TABLE_WIDTH = 7.1  # inches between the claims section's margins
CHAR_WIDTH = 0.075  # inches per character at 9 pt, generously: a column's longest word must fit whole
CELL_PADDING = 0.2
INDEX_LIMIT = 60
DEFAULT_NAMES = ("library", "")


def build_report(lib: Library, scope: Scope, out: Path, excerpts_only: bool = False,
                 charts: ChartRenderer | None = None,
                 progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                 agreement: bool = False) -> None:
    doc = Document()
    _base_styles(doc)
    author = xml_safe(lib.store.annotator or "") or "ClaimDesk"
    _title_page(doc, lib, scope, author)
    _summary(doc, lib, scope, charts)
    colours = {t.id: t.color for t in lib.tags.list()}
    writer = FastWriter(doc)
    for n, article in enumerate(scope.articles):
        if cancel and cancel.cancelled:
            raise Cancelled()
        progress(n, len(scope.articles), article.title)
        _article(writer, doc, scope, article, colours, author, excerpts_only)
    write_trails(doc, lib.trails.trails_for(c.id for c in scope.all_claims()), TABLE_STYLE)
    _claims_table(doc, scope)
    if agreement:
        from desktop.report.agreement_table import add_agreement_section

        add_agreement_section(doc, lib, scope.narrowed_ids)
    _index(writer, doc, scope)
    doc.core_properties.title = xml_safe(f"ClaimDesk report — {Path(lib.location).stem}")
    doc.core_properties.author = author
    doc.save(str(out))
    progress(len(scope.articles), len(scope.articles), "")


def _base_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15


def _title_page(doc, lib: Library, scope: Scope, author: str) -> None:
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_before = Pt(120)  # the title sits a third down the page, as in print
    doc.add_paragraph("Claims, quotations and sources", style="Title")
    doc.add_paragraph(xml_safe(_subtitle(lib, scope)), style="Subtitle")
    details = doc.add_table(rows=0, cols=2)
    for label, value in (("Library", library_name(lib)), ("Date", dt.date.today().isoformat()),
                         ("Scope", scope.description), ("Prepared by", author),
                         ("Contents", f"{len(scope.articles)} articles, {len(scope.all_claims())} claims")):
        cells = details.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(xml_safe(value))
    set_widths(details, [Inches(1.4), Inches(4.6)])
    _reading_guide(doc)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _subtitle(lib: Library, scope: Scope) -> str:
    """The library's name when the person chose one; the default file's "library" says nothing."""
    name = library_name(lib)
    if name.lower() in DEFAULT_NAMES:
        return scope.description[:1].upper() + scope.description[1:]
    return name


def library_name(lib: Library) -> str:
    return Path(lib.location).stem.replace("_", " ") or "ClaimDesk library"


def _reading_guide(doc) -> None:
    """A key to the highlighting, so a colleague can read the article sections without the app."""
    guide = doc.add_paragraph()
    guide.paragraph_format.space_before = Pt(36)
    guide.add_run("How to read the article sections. ").bold = True
    for type_ in ("PERSON", "ORG", "GPE"):
        shade(guide.add_run(TYPE_LABELS[type_].lower()), LIGHT[type_])
        guide.add_run(", ")
    guide.add_run("other places and groups are shaded in their colours; ")
    guide.add_run("“quotations are in italics”").italic = True
    speaker = guide.add_run(" [with the speaker]")
    speaker.font.size = Pt(8)
    speaker.font.color.rgb = SPEAKER_GREY
    guide.add_run("; ")
    claim = guide.add_run("claims are underlined and shaded in their tag's colour")
    claim.underline = True
    shade(claim, lighten("#4e79a7", 0.55))
    guide.add_run(", and each carries a Word comment with its tags, verdict, speaker and note.")


def _summary(doc, lib: Library, scope: Scope, charts: ChartRenderer | None) -> None:
    doc.add_heading("Summary", level=1)
    quotes = sum(1 for qs in scope.quotes.values() for q in qs if not q.is_scare)
    people = {m.entity_id for ms in scope.mentions.values() for m in ms if m.type in ENTITY_TYPES}
    table = doc.add_table(rows=0, cols=2)
    table.style = TABLE_STYLE
    plain_first_column(table, header_row=False)
    for label, value in (("Articles", len(scope.articles)), ("Claims", len(scope.all_claims())),
                         ("Direct quotations", quotes), ("Named people, organisations and places", len(people))):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(value)
    set_widths(table, [Inches(3.6), Inches(1.0)])
    if charts and scope.articles:
        _charts(doc, lib, scope, charts)


def _charts(doc, lib: Library, scope: Scope, render_png: ChartRenderer) -> None:
    """The dashboard's charts for the report's articles, as pictures with numbered captions."""
    from desktop.report.charts import report_charts

    wanted = report_charts(lib, scope.narrowed_ids)
    if not wanted:
        return
    doc.add_heading("Charts", level=2)
    with tempfile.TemporaryDirectory(prefix="claimdesk-charts-") as folder:
        for figure, chart in enumerate(wanted, start=1):
            path = render_png(chart, Path(folder) / f"chart{figure}.png")
            doc.add_picture(str(path), width=CHART_WIDTH)
            doc.paragraphs[-1].paragraph_format.keep_with_next = True  # a chart never parts from its caption
            doc.add_paragraph(f"Figure {figure}. {chart.title}", style="Caption")


def _article(writer: FastWriter, doc, scope: Scope, article, colours: dict[int, str], author: str,
             excerpts_only: bool) -> None:
    writer.heading(xml_safe(article.title), level=1)
    meta = [x for x in (article.outlet, article.author, article.published.isoformat() if article.published else None)
            if x]
    p = doc.add_paragraph()
    p.add_run(xml_safe(" · ".join(meta) or "No details recorded")).italic = True
    source = article.source_url or (Path(article.source_path).name if article.source_path else None)
    if source:  # a file name, not the analyst's own folders, which mean nothing to a colleague
        p.add_run(xml_safe(f"\nSource: {source}")).font.size = Pt(8)
    if article.id in scope.revisions:
        p.add_run(xml_safe(f"\n{scope.revisions[article.id]}")).font.size = Pt(8)
    claims = scope.claims.get(article.id, [])
    spans = _spans(scope, article.id, claims)
    chosen = paragraphs(article.body)
    if excerpts_only:
        chosen = [(a, b) for a, b in chosen if any(c.start < b and c.end > a for c in claims)]
        if not chosen:
            doc.add_paragraph("No tagged passages in this article.").italic = True
    _body(writer, doc, article.body, chosen, spans, colours, author)


def _spans(scope: Scope, article_id: int, claims) -> list[Span]:
    spans = [Span(m.start, m.end, "entity", m) for m in scope.mentions.get(article_id, []) if m.type in ENTITY_TYPES]
    spans += [Span(q.start, q.end, "quote", q) for q in scope.quotes.get(article_id, []) if not q.is_scare]
    spans += [Span(c.start, c.end, "claim", c) for c in claims]
    return spans


def _body(writer: FastWriter, doc, body: str, chosen, spans: list[Span], colours: dict[int, str],
          author: str) -> None:
    """Write paragraphs run by run; a claim's comment is anchored on its first and last run."""
    first_run: dict[int, Run] = {}
    last_run: dict[int, Run] = {}
    claims = {s.ref.id: s.ref for s in spans if isinstance(s.ref, ClaimInfo)}
    labels: dict[int, str] = {}  # position -> speaker whose label goes there
    # Cut the text after each quotation's closing mark too, so its label can follow the mark.
    spans = spans + [Span(s.end, s.end + 1, "mark", None) for s in spans if s.kind == "quote"
                     and body[s.end:s.end + 1] in CLOSING_MARKS]
    for start, end in chosen:
        para = doc.add_paragraph()
        for piece in pieces(body, start, end, spans):
            run = writer.run(para, piece.text, *_look(piece, colours))
            for claim in piece.claims():
                first_run.setdefault(claim.id, run)
                last_run[claim.id] = run
            for quote in piece.quotes():
                if piece.end == quote.end and quote.speaker:
                    # after the closing mark if one follows, so the label is not read as quoted words
                    after = quote.end + 1 if body[quote.end:quote.end + 1] in CLOSING_MARKS and quote.end < end else quote.end
                    labels.setdefault(after, quote.speaker)
            inside_claim = any(c.end > piece.end for c in piece.of("claim"))  # a label must not split a claim
            if piece.end in labels and not inside_claim:
                label = para.add_run(xml_safe(f" [{labels.pop(piece.end)}]"))
                label.font.size = Pt(8)
                label.font.color.rgb = SPEAKER_GREY
    for claim_id, run in first_run.items():
        c = claims[claim_id]
        coder = c.annotator or author  # a comment is signed by the coder who made the claim
        doc.add_comment([run, last_run[claim_id]], text=xml_safe(comment_text(c.tag_names, c.verdict, c.speaker,
                                                                                c.note)),
                        author=xml_safe(coder), initials=_initials(coder))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split()[:3]).upper() or "CD"


def _look(piece: Piece, colours: dict[int, str]) -> tuple[bool, bool, str | None]:
    """(italic, underlined, shading) of a piece: quotations in italics, claims underlined in their tag's
    colour, entities shaded in their type's."""
    claim = piece.claims()
    entity = piece.mentions()
    fill = None
    if claim:
        tag_ids = claim[-1].tag_ids
        fill = lighten(colours.get(tag_ids[0], "#999999") if tag_ids else "#999999", 0.55)
    elif entity:
        fill = LIGHT.get(entity[-1].type, "#eeeeee")
    return bool(piece.of("quote")), bool(claim), fill


def _claims_table(doc, scope: Scope) -> None:
    claims = scope.all_claims()
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.left_margin = section.right_margin = Inches(0.7)
    doc.add_heading("Claims", level=1)
    if not claims:
        doc.add_paragraph("No claims in this scope.")
        return
    titles = {a.id: a.title for a in scope.articles}
    rows = [(c.text, ", ".join(c.tag_names), c.verdict, c.speaker or "", titles.get(c.article_id, ""),
             c.annotator or "", c.note)
            for c in claims]
    # Above its table and kept with it: a caption never stays behind at the foot of a page.
    caption = doc.add_paragraph(f"Table 1. {len(claims)} claims", style="Caption")
    caption.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=7)
    table.style = TABLE_STYLE
    plain_first_column(table)
    for cell, label in zip(table.rows[0].cells,
                           ("Claim", "Tags", "Verdict", "Speaker", "Article", "Coder", "Note"), strict=True):
        cell.paragraphs[0].add_run(label).font.size = TABLE_TEXT
    table.rows[0].repeat_header = True  # a long table keeps its column names on every page
    set_widths(table, column_widths(rows))
    append_rows(table, rows, font_size=TABLE_TEXT)


def column_widths(rows: Sequence[tuple[str, ...]]) -> list:
    """Each column at least as wide as its longest word, so cells wrap between words, never inside one;
    what is left goes to the claim and the note in the usual proportions."""
    wanted = [x.inches for x in CLAIM_COLUMNS]
    floor = [min(max((len(word) for row in rows for word in row[i].split()), default=0) * CHAR_WIDTH
                 + CELL_PADDING, 2.0) for i in range(len(wanted))]
    widths = [max(w, f) for w, f in zip(wanted, floor, strict=True)]
    excess = sum(widths) - TABLE_WIDTH
    for i in (0, 6, 4):  # the claim, the note, then the article title give way first
        give = min(excess, widths[i] - max(floor[i], 0.8)) if excess > 0 else 0
        widths[i] -= max(give, 0)
        excess -= max(give, 0)
    return [Inches(w) for w in widths]


def _index_note(shown: int, twice: int, everyone: int) -> str:
    if not twice:
        return "No one is named in more than one place."
    capped = f"the {shown} most named of them" if shown < twice else "all of them"
    return (f"{twice} of the {everyone} people, organisations and places are named at least twice; {capped} "
            f"are listed here (at most {INDEX_LIMIT}). Those named once are left out.")


def _index(writer: FastWriter, doc, scope: Scope) -> None:
    doc.add_heading("Index", level=1)
    titles = {a.id: a.title for a in scope.articles}
    doc.add_heading("People, organisations and places", level=2)
    named: dict[tuple[str, str], set[int]] = {}
    places: dict[tuple[str, str], int] = {}
    for article_id, mentions in scope.mentions.items():
        for m in mentions:
            if m.type in ENTITY_TYPES:
                named.setdefault((m.entity_name, m.type), set()).add(article_id)
                places[(m.entity_name, m.type)] = places.get((m.entity_name, m.type), 0) + 1
    # Named once is mostly noise (a heading read as an organisation); the most named come first to the cap.
    kept = sorted((k for k, n in places.items() if n >= 2), key=lambda k: -places[k])
    shown = sorted(kept[:INDEX_LIMIT], key=lambda k: k[0].lower())
    doc.add_paragraph(_index_note(len(shown), len(kept), len(places))).italic = True
    for key in shown:
        name, type_ = key
        p = writer.paragraph(style="List Bullet")
        p.add_run(xml_safe(name)).bold = True
        p.add_run(xml_safe(f" ({TYPE_LABELS.get(type_, type_)}, named {places[key]} times) — "
                           + "; ".join(sorted(titles[i] for i in named[key]))))
    doc.add_heading("Speakers", level=2)
    speakers: dict[str, int] = {}
    for quotes in scope.quotes.values():
        for q in quotes:
            if q.speaker and not q.is_scare:
                speakers[q.speaker] = speakers.get(q.speaker, 0) + 1
    if not speakers:
        doc.add_paragraph("No attributed quotations.")
    for name, n in sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0])):
        writer.paragraph(xml_safe(f"{name} — {n} quotation{'s' if n > 1 else ''}"), style="List Bullet")
