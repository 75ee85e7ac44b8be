"""Settings declared once, with their types and defaults; everything a person expects to find again next time.

Keys are a closed set (`Key`): a misspelt key or a value of the wrong type is a type error,
not a setting silently lost. The store carries a version; an older store is migrated once,
before this release first writes to it (MIGRATIONS): a look (--screenshot) writes nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Literal, overload

from PySide6.QtCore import QByteArray, QSettings

ORG, APP = "ClaimDesk", "ClaimDesk"
VERSION = 1  # of the store's layout; a change of a key's meaning or type adds a migration
VERSION_KEY = "settings/version"

Key = Literal[
    "window/geometry", "window/state", "window/splitter", "window/list_header", "window/panel_tab",
    "view/scheme", "library/recent", "library/last_article", "list/sort",
    "reader/zoom", "reader/hidden_types", "reader/speaker_labels",
]
BytesKey = Literal["window/geometry", "window/state", "window/splitter", "window/list_header"]
IntKey = Literal["window/panel_tab", "reader/zoom", "reader/speaker_labels"]
TextKey = Literal["view/scheme", "list/sort"]
ListKey = Literal["library/recent", "reader/hidden_types"]
MapKey = Literal["library/last_article"]

DEFAULTS: dict[Key, QByteArray | int | str | list[str] | dict[str, int]] = {
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


def open_store() -> QSettings:
    """The settings file, in the default format's place: the platform's usual one, or the folder a
    QSettings.setPath gave it (each GUI test has its own). QSettings(ORG, APP) would ignore the latter:
    it always takes the native format, whose place is fixed when it is first used."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORG, APP)


class Settings:
    def __init__(self) -> None:
        self._q = open_store()
        self._migrated = False

    @overload
    def get(self, key: BytesKey) -> QByteArray: ...
    @overload
    def get(self, key: IntKey) -> int: ...
    @overload
    def get(self, key: TextKey) -> str: ...
    @overload
    def get(self, key: ListKey) -> list[str]: ...
    @overload
    def get(self, key: MapKey) -> dict[str, int]: ...

    def get(self, key: Key) -> QByteArray | int | str | list[str] | dict[str, int]:
        value = _typed(key, self._q.value(key))
        return DEFAULTS[key] if value is None else value

    @overload
    def set(self, key: BytesKey, value: QByteArray) -> None: ...
    @overload
    def set(self, key: IntKey, value: int) -> None: ...
    @overload
    def set(self, key: TextKey, value: str) -> None: ...
    @overload
    def set(self, key: ListKey, value: list[str]) -> None: ...
    @overload
    def set(self, key: MapKey, value: dict[str, int]) -> None: ...

    def set(self, key: Key, value: QByteArray | int | str | list[str] | dict[str, int]) -> None:
        assert key in DEFAULTS, key
        self._migrate_once()
        self._q.setValue(key, value)

    def remember_library(self, location: str) -> None:
        recent = [x for x in self.get("library/recent") if x != location]
        self.set("library/recent", [location, *recent][:MAX_RECENT])

    def last_article(self, location: str) -> int | None:
        return self.get("library/last_article").get(location)

    def set_last_article(self, location: str, article_id: int) -> None:
        value = dict(self.get("library/last_article"))
        value[location] = article_id
        self.set("library/last_article", value)

    def sync(self) -> None:
        self._migrate_once()
        self._q.sync()

    def _migrate_once(self) -> None:
        # Reading needs no migration (get() reads an older store's values as their types too).
        if not self._migrated:
            migrate(self._q)
            self._migrated = True


def _typed(key: Key, value: object) -> QByteArray | int | str | list[str] | dict[str, int] | None:
    """The stored value as its key's type, or None when there is none or it cannot be read as one.

    The store gives back what its format keeps: on Linux an INI file, where a number comes back
    as text and a list of one as its only item.
    """
    default = DEFAULTS[key]
    if value is None:
        return None
    if isinstance(default, QByteArray):
        return value if isinstance(value, QByteArray) else None
    if isinstance(default, int):
        return _as_int(value)
    if isinstance(default, str):
        return value if isinstance(value, str) else None
    if isinstance(default, list):
        items = value if isinstance(value, list) else [value] if value else []
        return [str(x) for x in items]
    if isinstance(value, dict):
        out: dict[str, int] = {}
        for k, v in value.items():
            if (n := _as_int(v)) is not None:  # else that library just opens at its first article
                out[str(k)] = n
        return out
    return None


def _as_int(value: object) -> int | None:
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def _v0_to_v1(q: QSettings) -> None:
    """Before versions: every value as the store happened to keep it. Each declared key is
    rewritten as its type, one that cannot be read as one is removed (its default applies)."""
    for key in DEFAULTS:
        if not q.contains(key):
            continue
        value = _typed(key, q.value(key))
        if value is None:
            q.remove(key)
        else:
            q.setValue(key, value)


MIGRATIONS: dict[int, Callable[[QSettings], None]] = {0: _v0_to_v1}  # from version n to n + 1


def migrate(q: QSettings) -> None:
    """Bring an older store up to VERSION; a newer release's store is read as it is and left alone."""
    found = _as_int(q.value(VERSION_KEY, 0)) or 0  # text in an INI file
    if found >= VERSION:
        return
    for version in range(found, VERSION):
        MIGRATIONS[version](q)
    q.setValue(VERSION_KEY, VERSION)
    q.sync()
