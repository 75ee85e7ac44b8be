"""A text column as the article list sorts it: letters' case ignored, the same order on SQLite and PostgreSQL.

SQLite's lower() folds ASCII letters only and compares the result byte by byte. PostgreSQL's lower() and
its comparisons follow the database's locale (in most locales spaces and punctuation barely count), so
there the text is taken in the "C" collation first: ASCII folded, compared by code point, as on SQLite.
An index on the same expression (migration 0009) lets the list's first page be read off it."""
from __future__ import annotations

from typing import Any

from sqlalchemy import String, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement, coalesce


class folded(FunctionElement[str]):  # noqa: N801  (an SQL function, named as SQL names them)
    """lower(text) compared by code point; text is one expression (see sort_text)."""

    type = String()
    inherit_cache = True


@compiles(folded)
def _folded(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "postgresql")
def _folded_postgresql(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f'lower(({compiler.process(element.clauses, **kw)}) COLLATE "C")'


Text = ColumnElement[Any] | InstrumentedAttribute[Any]


def sort_text(corrected: Text, imported: Text) -> folded:
    """The person's correction, else the imported value, else '' (so an empty value sorts first on both
    databases, where a NULL would sort first on SQLite and last on PostgreSQL). The '' is written out, not
    bound: an index on an expression is used only for the very same expression."""
    return folded(coalesce(corrected, imported, literal_column("''")))
