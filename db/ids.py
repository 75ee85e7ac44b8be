"""A long list of ids as one bound parameter, for filters of tens of thousands of articles.

`column IN (?, ?, …)` binds one parameter per id, and PostgreSQL takes at most 65,535 of
them, SQLite builds 32,766 or 250,000. A longer list goes in as one JSON array that the
database unpacks itself (json_each on SQLite, json_array_elements_text on PostgreSQL).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, cast, literal_column, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

# Up to this many ids the plain IN list is used: the planner knows it best.
PLAIN_IN_MAX = 1000


class json_array_values(FunctionElement[Any]):
    """The elements of a JSON array as rows with one column, `value`."""

    inherit_cache = True
    name = "json_array_values"


@compiles(json_array_values)
def _sqlite(element: json_array_values, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_each({compiler.process(element.clauses, **kw)})"


@compiles(json_array_values, "postgresql")
def _postgresql(element: json_array_values, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array_elements_text(CAST({compiler.process(element.clauses, **kw)} AS JSON))"


def in_ids(column: ColumnElement[int] | QueryableAttribute[int], ids: Iterable[int]) -> ColumnElement[bool]:
    """`column IN ids` that works however long the list is."""
    listed = [int(i) for i in ids]
    if len(listed) <= PLAIN_IN_MAX:
        return column.in_(listed)
    values = select(cast(literal_column("value"), Integer)).select_from(json_array_values(json.dumps(listed)))
    return column.in_(values)
