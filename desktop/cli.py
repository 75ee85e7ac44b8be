"""The `claimdesk` command: the app with no sub-command, the scriptable core with one."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from db.paths import LibraryOpenError
from desktop import cli_cluster, cli_similar
from desktop.edits import CreateClaim, EditHistory
from desktop.services import Library, UserError
from desktop.services.claims import find_passage
from desktop.services.dto import VERDICTS
from desktop.terminal import one_line
from desktop.worker_lifetime import workers_die_with_this_process

log = logging.getLogger(__name__)


def _db_option(parser: argparse.ArgumentParser, default=argparse.SUPPRESS) -> None:
    parser.add_argument("--db", default=default, metavar="PATH_OR_URL",
                        help="library file or SQLAlchemy URL (default: your library in the user data folder)")
    parser.add_argument("--user", default=default, metavar="NAME",
                        help="who is working, recorded with every edit (default: $CLAIMDESK_USER, "
                             "the name set in the app, the system's full name)")


MAX_LIMIT = 10_000


def _count(text: str) -> int:
    """A --limit: a whole number from 1 to MAX_LIMIT ('1e20' or a 30-digit number is refused in one line)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text} is out of range; give a number from 1 to {MAX_LIMIT:,}")
    return value


TEXT_OPTIONS = ("text", "tag", "note", "speaker", "query", "passages")
POSITIONAL = ("query", "passages")


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Words given on the command line are stored or searched: bytes that are not UTF-8 (a Latin-1
    terminal) are refused with the option named, not stored as garbage or failing in the database."""
    for name in TEXT_OPTIONS:
        values = getattr(args, name, None)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    option = name if name in POSITIONAL else f"--{name}"
                    raise UserError(f"the {option} text is not valid UTF-8; use a UTF-8 terminal or "
                                    "fix the text") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimdesk", description="Read the news, see who is named and quoted, "
                                "tag claims, export annotated Word reports. With no command, opens the app.")
    _db_option(p, default=None)
    p.add_argument("--screenshot", metavar="OUT.png", help="render the main window to a PNG and exit")
    p.add_argument("--article", type=int, metavar="ID", help="with --screenshot: the article to show")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    imp = sub.add_parser("import", help="import files, folders or REFI-QDA projects (.qdpx, .qde, .qdc); "
                         "exit 1 if any failed")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--no-analysis", action="store_true", help="store the articles without analysing them")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    _db_option(imp)
    cli_cluster.add_import_options(imp)

    ana = sub.add_parser("analyze", help="analyse files without storing them and print the results")
    ana.add_argument("paths", nargs="*", metavar="PATH")
    ana.add_argument("--json", action="store_true", help="print JSON (the only format so far)")
    cli_cluster.add_analyze_options(ana)
    _db_option(ana)

    lst = sub.add_parser("list", help="the library's articles")
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--sort", default="imported", help="title, outlet, author, published, status, claims, imported")
    lst.add_argument("--status", choices=("unread", "read", "done"))
    _db_option(lst)

    sea = sub.add_parser("search", help="full-text search over articles and claims")
    sea.add_argument("query")
    sea.add_argument("--limit", type=_count, default=50, help="at most this many hits (1 to 10,000)")
    sea.add_argument("--json", action="store_true")
    _db_option(sea)

    claim = sub.add_parser("claim", help="work with claims")
    claim_sub = claim.add_subparsers(dest="claim_command", metavar="ACTION", required=True)
    add = claim_sub.add_parser("add", help="tag an exact passage of an article as a claim")
    add.add_argument("--article", type=int, required=True, metavar="ID")
    add.add_argument("--text", required=True, metavar="PASSAGE", help="the exact words, as in the article")
    add.add_argument("--tag", action="append", default=[], metavar="TAG",
                     help="tag name or path (Parent/Child); created if the codebook lacks it; repeatable")
    add.add_argument("--verdict", default="unverified", choices=VERDICTS)
    add.add_argument("--note", default="")
    add.add_argument("--speaker", default=None, help="who made the claim, as written")
    add.add_argument("--occurrence", type=int, help="which occurrence, when the passage appears more than once")
    add.add_argument("--json", action="store_true")
    _db_option(add)
    claim_sub.add_parser("list", help="all claims").add_argument("--json", action="store_true")
    _db_option(claim_sub.choices["list"])

    exp = sub.add_parser("export", help="export an annotated Word report (or CSV/JSON data, or a REFI-QDA project)")
    exp.add_argument("--out", required=True, metavar="FILE",
                     help=".docx for the report; .csv or .json for data; .qdpx for a REFI-QDA project")
    exp.add_argument("--tag", action="append", default=[], metavar="TAG", help="only claims with this tag")
    exp.add_argument("--article", type=int, action="append", default=[], metavar="ID", help="only this article")
    exp.add_argument("--excerpts", action="store_true", help="tagged excerpts instead of full texts")
    exp.add_argument("--no-charts", action="store_true")
    exp.add_argument("--agreement", action="store_true", help="add a table of agreement between coders")
    _db_option(exp)

    agr = sub.add_parser("agreement", help="agreement between coders: Cohen's kappa and Krippendorff's alpha")
    agr.add_argument("--coders", metavar="A,B,...", help="the coders to compare (default: everyone with claims)")
    agr.add_argument("--tag", metavar="TAG", help="only this tag (and the tags under it)")
    agr.add_argument("--json", action="store_true")
    _db_option(agr)
    from desktop import backup_cli

    backup_cli.add_parser(sub, _db_option)
    cli_similar.add_parser(sub, _db_option)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _check_text_arguments(args)
        return _dispatch(args)
    except (UserError, LibraryOpenError) as exc:
        print(f"claimdesk: {one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("claimdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a fault of ours, not the user's: one line here, the details in the log
        folder = _log_failure(exc)
        print(f"claimdesk: unexpected error ({type(exc).__name__}: {_first_line(exc)}); "
              f"details in {folder / 'claimdesk.log'}", file=sys.stderr)
        return 1


def _log_failure(exc: Exception) -> Path:
    from desktop.logs import log_folder, setup_logging

    try:
        setup_logging()
    except OSError:
        return log_folder()  # nowhere to write the details; the one line still goes out
    log.error("unexpected error", exc_info=exc)
    return log_folder()


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        _check_display(args.screenshot)
        from desktop.ui.app import run_app  # Qt is only loaded for the window

        return run_app(db=args.db, screenshot=args.screenshot, article_id=args.article, user=args.user)
    if args.command == "analyze":
        return cli_cluster.analyze_library(args) if args.library else _analyze(args)
    if args.command == "backup":  # without opening the library: it may be the one that cannot be opened
        from desktop import backup_cli

        return backup_cli.run(args)
    from desktop.services.identity import display_name

    new_file = _new_library_file(args.db)
    command = f"claim {args.claim_command}" if args.command == "claim" else args.command
    if new_file is not None and command not in CREATING:
        raise UserError(f"no library at {new_file} (claimdesk import PATH --db {new_file} makes one)")
    if args.command == "similar":
        return cli_similar.run(args)
    with Library.open(args.db, annotator=display_name(args.user)) as lib:
        if new_file is not None:
            print(f"claimdesk: created a new library at {new_file}", file=sys.stderr)
        handler = {"import": _import, "list": _list, "search": _search, "export": _export,
                   "agreement": _agreement}.get(args.command)
        if handler is None:
            handler = {"add": _claim_add, "list": _claim_list}[args.claim_command]
        return handler(lib, args)


def _check_display(screenshot: str | None) -> None:
    """Without a screen Qt aborts with advice about xcb libraries; say what is really wrong instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
        return
    raise UserError("no display found (DISPLAY and WAYLAND_DISPLAY are unset): the window needs a desktop; "
                    "without one use the commands (claimdesk --help), claimdesk --screenshot OUT.png, "
                    "or QT_QPA_PLATFORM=offscreen")


CREATING = ("import", "claim add")  # the only commands that may make a library; the rest only read one


def _new_library_file(db: str | None) -> Path | None:
    """The library file a command would create, or None when it exists (or is a server URL)."""
    from db.paths import default_library_path

    text = str(db) if db is not None else str(default_library_path())
    if "://" in text:
        return None
    path = Path(text).expanduser()
    return None if path.exists() else path


def _import(lib: Library, args: argparse.Namespace) -> int:
    def show(done: int, total: int, what: str) -> None:
        if what and sys.stderr.isatty():
            print(f"\r[{done}/{total}] {what[:60]:60}", end="", file=sys.stderr, flush=True)

    if args.cluster:
        report = cli_cluster.import_on_cluster(lib, args)
    else:
        report = lib.importer.import_paths(args.paths, analyse=not args.no_analysis, progress=show)
    if sys.stderr.isatty():
        print("\r" + " " * 80 + "\r", end="", file=sys.stderr)
    if args.json:
        print(json.dumps({"added": report.added, "duplicates": report.duplicates, "failed": report.failed,
                          "warnings": report.notes, "analysed": report.analysed, "stopped": report.stopped,
                          "revised": [{"path": p, "article_id": r.article_id, "previous_id": r.previous_id,
                                       "claims": r.claims, "flagged": r.flagged} for p, r in report.revised],
                          "projects": [p.as_json() for p in report.projects]}, ensure_ascii=False, indent=1))
    else:
        for path, article_id in report.added:
            print(f"imported  {article_id:>6}  {one_line(path)}")
        for path, article_id in report.duplicates:
            print(f"duplicate {article_id:>6}  {one_line(path)} (already in the library)")
        for path, reason in report.failed:
            print(f"failed            {one_line(path)}: {one_line(reason)}")
        for path, note in report.notes:
            print(f"warning           {one_line(path)}: {one_line(note)}")
        for path, revised in report.revised:
            print(f"revised   {revised.article_id:>6}  {one_line(path)} (new version of article {revised.previous_id}: "
                  f"{revised.claims} claims carried over, {revised.flagged} flagged for review)")
        for project in report.projects:
            print("\n".join(project.lines()))
        print(report.summary())
    return 130 if report.cancelled else 1 if report.failed or report.stopped else 0


def _analyze(args: argparse.Namespace) -> int:
    from desktop.analysis import AnalysisFailure, analyze_many, to_json_fields
    from desktop.ingest import read_article
    from desktop.ingest.types import IngestError

    if not args.paths:
        raise UserError("give files to analyse, or --library to analyse the library's articles")
    if args.cluster or args.all:
        raise UserError("--cluster and --all go with --library")
    records, failed = [], 0
    parsed_ok = []
    for path in args.paths:
        try:
            parsed_ok.append((path, read_article(Path(path))))
        except IngestError as exc:
            print(f"claimdesk: {one_line(path)}: {exc}", file=sys.stderr)
            failed += 1
    n_process = 2 if len(parsed_ok) >= 40 else 1
    analyses = analyze_many((p.body for _path, p in parsed_ok), n_process=n_process)
    with workers_die_with_this_process():
        for (path, parsed), analysis in zip(parsed_ok, analyses, strict=True):
            record = {"path": path, "title": parsed.title, "author": parsed.author,
                      "published": parsed.published.isoformat() if parsed.published else None,
                      "outlet": parsed.outlet, "body": parsed.body}
            if isinstance(analysis, AnalysisFailure):
                print(f"claimdesk: {one_line(path)}: {analysis.reason}", file=sys.stderr)
                failed += 1
                record["analysis_error"] = analysis.reason
            else:
                record.update(to_json_fields(analysis))
            records.append(record)
    print(json.dumps(records, ensure_ascii=False, indent=1))
    return 1 if failed else 0


def _list(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.dto import ArticleFilter

    flt = ArticleFilter(status=args.status) if args.status else None
    rows = lib.articles.rows(flt, sort=args.sort)
    counts = lib.entities.article_counts([r.id for r in rows])
    if args.json:
        print(json.dumps([{"id": r.id, "title": r.title, "outlet": r.outlet, "author": r.author,
                           "published": r.published.isoformat() if r.published else None,
                           "status": r.status, "claims": r.claim_count, "analysis_error": r.analysis_error,
                           "entities": counts[r.id].entities, "quotes": counts[r.id].quotes}
                          for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        c = counts[r.id]
        date = r.published.isoformat() if r.published else "—"
        failed = f"  [not analysed: {one_line(r.analysis_error)}]" if r.analysis_error else ""
        print(f"{r.id:>6}  {date:10}  {one_line(r.outlet or '—')[:20]:20}  claims {r.claim_count:<3} "
              f"quotes {c.quotes:<3} entities {c.entities:<3} {one_line(r.title)}{failed}")
    print(f"{len(rows)} articles")
    return 0


def _search(lib: Library, args: argparse.Namespace) -> int:
    hits = lib.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([{"kind": h.kind, "article_id": h.article_id, "claim_id": h.claim_id, "title": h.title,
                           "snippet": h.snippet, "highlights": h.highlights} for h in hits],
                         ensure_ascii=False, indent=1))
        return 0
    for h in hits:
        print(f"{h.kind:7} {h.article_id:>6}  {one_line(h.title)}\n        {one_line(_marked(h.snippet, h.highlights))}")
    print(f"{len(hits)} hits")
    return 0


def _marked(snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out += [snippet[pos:a], "[", snippet[a:b], "]"]
        pos = b
    out.append(snippet[pos:])
    return " ".join("".join(out).split())


def _claim_add(lib: Library, args: argparse.Namespace) -> int:
    article = lib.articles.get(args.article)
    start, end = find_passage(article.body, args.text, args.occurrence)
    tag_ids = tuple(lib.tags.ensure_path(t).id for t in args.tag)
    # The same edit command the window pushes on its undo stack: one way to make a claim.
    edit = CreateClaim(args.article, start, end, tag_ids, verdict=args.verdict, note=args.note,
                       speaker_text=args.speaker)
    EditHistory(lib).push(edit)
    assert edit.claim_id is not None  # set by apply
    claim = lib.claims.get(edit.claim_id)
    if args.json:
        print(json.dumps({"id": claim.id, "article_id": claim.article_id, "start": claim.start, "end": claim.end,
                          "text": claim.text, "tags": claim.tag_names, "verdict": claim.verdict},
                         ensure_ascii=False))
    else:
        print(f"claim {claim.id} on article {claim.article_id} [{claim.start}:{claim.end}] "
              f"tags: {one_line(', '.join(claim.tag_names)) or '—'}; verdict: {claim.verdict}")
    return 0


def _claim_list(lib: Library, args: argparse.Namespace) -> int:
    claims = lib.claims.all()
    if args.json:
        print(json.dumps([{"id": c.id, "article_id": c.article_id, "start": c.start, "end": c.end, "text": c.text,
                           "tags": c.tag_names, "verdict": c.verdict, "speaker": c.speaker, "note": c.note}
                          for c in claims], ensure_ascii=False, indent=1))
        return 0
    for c in claims:
        print(f"{c.id:>6}  article {c.article_id:<5} {c.verdict:11} {one_line(', '.join(c.tag_names)):30} "
              f"{one_line(c.text[:70])}")
    print(f"{len(claims)} claims")
    return 0


def _export(lib: Library, args: argparse.Namespace) -> int:
    from desktop.report import check_project_scope, export

    if Path(args.out).suffix.lower() == ".qdpx":
        from desktop.exchange.refi_export import export_qdpx

        check_project_scope(lib, args.tag, None, args.article)
        done = export_qdpx(lib, Path(args.out), args.article or None)
        print(f"wrote {done.path}: {done.summary()} (REFI-QDA project)")
        return 0

    from desktop.charts.export import render_png

    out = export(lib, Path(args.out), tags=args.tag, article_ids=args.article or None,
                 excerpts_only=args.excerpts, charts=None if args.no_charts else render_png, agreement=args.agreement)
    print(f"wrote {out}")
    return 0


def _agreement(lib: Library, args: argparse.Namespace) -> int:
    from desktop.report.agreement_table import agreement_json, agreement_lines

    coders = [c.strip() for c in args.coders.split(",") if c.strip()] if args.coders else None
    report = lib.agreement.compute(coders, tag=args.tag)
    if args.json:
        print(json.dumps(agreement_json(report), ensure_ascii=False, indent=1))
    else:
        print("\n".join(agreement_lines(report)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
