"""Names to keys: how one person or organisation is recognised across articles.

Pure functions; the loader uses them with the people and organisations tables. The key itself
comes from the entity module, so that within-article and cross-article matching agree.
"""
from __future__ import annotations

from etl.entity_names import entity_key

__all__ = ["entity_key", "surname_key"]


def surname_key(key: str) -> str:
    """Last word of a person key: 'mark rutte' -> 'rutte'."""
    return key.rsplit(" ", 1)[-1]
