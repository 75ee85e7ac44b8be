"""Names for SQLAlchemy's generic types that the services pass around, and a mapped class's table.

A Select of any columns, and a type variable for the helpers that add a WHERE to one and hand
back the same kind of statement (its column types kept for the caller).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

from sqlalchemy import Table

if TYPE_CHECKING:
    from sqlalchemy import Row, Select
    from sqlalchemy.orm import QueryableAttribute
    from sqlalchemy.sql.elements import ColumnElement

    from db.models import Base

AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"
AnyRow: TypeAlias = "Row[*tuple[Any, ...]]"
IdColumn: TypeAlias = "ColumnElement[int] | QueryableAttribute[int]"
SelectT = TypeVar("SelectT", bound="Select[*tuple[Any, ...]]")


def table_of(model: type[Base]) -> Table:
    """A mapped class's table, for Core bulk INSERTs: SQLAlchemy types __table__ as any FromClause,
    and a declarative class's is always a Table."""
    return cast(Table, model.__table__)
