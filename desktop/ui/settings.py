"""Settings declared once, with their defaults; everything a person expects to find again next time."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORG, APP = "ClaimDesk", "ClaimDesk"
DEFAULTS: dict[str, object] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/splitter": QByteArray(),
    "window/list_header": QByteArray(),  # column widths and order of the article list
    "window/panel_tab": 0,  # which side panel was open
    "view/scheme": "system",  # light, dark, or follow the desktop
    "library/recent": [],
    "library/last_article": {},  # library location -> article id
    "list/sort": "published desc",  # the article list's column and order: newest first until the person sorts
    "reader/zoom": 0,
    "reader/hidden_types": [],
    "reader/speaker_labels": 1,  # a quotation's speaker written after it (1) or only on hover (0)
}
MAX_RECENT = 8


class Settings:
    def __init__(self) -> None:
        self._q = QSettings(ORG, APP)

    def get(self, key: str):
        value = self._q.value(key, DEFAULTS[key])
        default = DEFAULTS[key]
        if isinstance(default, list) and not isinstance(value, list):
            return [value] if value else []
        if isinstance(default, int) and not isinstance(value, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        return value

    def set(self, key: str, value) -> None:
        assert key in DEFAULTS, key
        self._q.setValue(key, value)

    def remember_library(self, location: str) -> None:
        recent = [x for x in self.get("library/recent") if x != location]
        self.set("library/recent", [location, *recent][:MAX_RECENT])

    def last_article(self, location: str) -> int | None:
        value = self.get("library/last_article")
        try:
            return int(value.get(location)) if isinstance(value, dict) and value.get(location) else None
        except (TypeError, ValueError):
            return None

    def set_last_article(self, location: str, article_id: int) -> None:
        value = self.get("library/last_article")
        value = dict(value) if isinstance(value, dict) else {}
        value[location] = article_id
        self.set("library/last_article", value)

    def sync(self) -> None:
        self._q.sync()
