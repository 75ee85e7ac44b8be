"""What runs on the workers: read and clean files, analyse texts. No database, no client state."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.analysis import ANALYSER_VERSION, Analysis, AnalysisFailure, analyze_many, get_nlp
from desktop.ingest import load_file
from desktop.ingest.budget import reading
from desktop.ingest.types import IngestError, ParsedArticle
from desktop.services.importer import read_one

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from distributed.diagnostics.plugin import WorkerPlugin
else:
    try:
        from distributed.diagnostics.plugin import WorkerPlugin
    except ImportError:  # the cluster extra is missing; connect() says so before anything runs
        WorkerPlugin = object


@dataclass(frozen=True)
class FileResult:
    path: str
    parsed: ParsedArticle | None = None
    failure: str | None = None  # why the file could not be read, one line
    analysis: Analysis | AnalysisFailure | None = None  # a failure is stored with its reason, as here


class PipelineLoader(WorkerPlugin):
    """Loads the spaCy pipeline once when a worker starts (or restarts), before its first batch."""

    def setup(self, worker=None) -> None:
        get_nlp()


def analyser_version() -> str:
    return ANALYSER_VERSION


def sees_files(sample: list[tuple[str, int]]) -> bool:
    """Whether this worker reads the client's files at the same paths (a shared folder)."""
    try:
        return all(os.stat(path).st_size == size for path, size in sample)
    except OSError:
        return False


def read_and_analyse(files: list[tuple[str, str | None, bytes | None]]) -> list[FileResult]:
    """A batch of files to cleaned articles and their analyses.

    Each file is (its path as the user gave it, shown as text; where this worker reads it, or
    its bytes as the client sent them); the article records the path as given, as a local
    import does.
    """
    read = [(path, _read(path, location, data)) for path, location, data in files]
    good = [parsed for _path, parsed in read if not isinstance(parsed, str)]
    analyses = iter(_analyse([p.body for p in good]))
    return [FileResult(path, failure=parsed) if isinstance(parsed, str)
            else FileResult(path, parsed=parsed, analysis=next(analyses)) for path, parsed in read]


def _read(path: str, location: str | None, data: bytes | None) -> ParsedArticle | str:
    with reading():  # the same time limit per file as a local import
        if data is None:
            assert location is not None, "the client sends where to read a file whenever it sends no bytes"
            try:
                data = load_file(Path(location))
            except IngestError as exc:
                return str(exc)
        return read_one(Path(path), data)


def analyse_articles(items: list[tuple[int, str]]) -> list[tuple[int, Analysis | AnalysisFailure]]:
    """Stored articles' bodies, by id, to fresh analyses."""
    return list(zip([i for i, _b in items], _analyse([b for _i, b in items]), strict=True))


def _analyse(bodies: list[str]) -> list[Analysis | AnalysisFailure]:
    try:
        return list(analyze_many(bodies))
    except Exception:
        # analyze_many answers a failure per text; this is the pipeline itself failing (memory, say):
        # again one text at a time, so only the text at fault is lost.
        log.exception("analysis of a batch failed; analysing its %d texts one by one", len(bodies))
    out: list[Analysis | AnalysisFailure] = []
    for body in bodies:
        try:
            out.append(next(analyze_many([body])))
        except Exception as exc:
            out.append(AnalysisFailure(ANALYSER_VERSION, f"the analysis failed ({type(exc).__name__}: "
                                                         f"{str(exc)[:120]})"))
    return out
