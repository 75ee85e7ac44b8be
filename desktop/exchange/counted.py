"""A count with its noun, as the exchange's summaries say it to people ("1 claim", "2 claims")."""
from __future__ import annotations


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
