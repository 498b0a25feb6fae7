"""A line's first word read as a shortened name ("nads, ..." for Nadia, "walt, ..." for Walter)."""

from __future__ import annotations

from functools import lru_cache

from simverse.core.spelling import is_common


def nickname_of(token: str, names: frozenset[str]) -> str | None:
    """The one name ``token`` shortens ("nads" for Nadia, "walt" for Walter: its first three
    letters or more, and maybe an "s" or "y" after them), when it is no everyday word."""
    stems = {token, token[:-1]} if token[-1:] in ("s", "y") else {token}
    by_start = _names_by_start(names)
    found = {n for stem in stems if len(stem) >= 3 for n in by_start.get(stem[:3], ())
             if len(n) > len(stem) + 1 and n.startswith(stem)}
    return found.pop() if len(found) == 1 and token.isalpha() and not is_common(token) else None


@lru_cache(maxsize=64)
def _names_by_start(names: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """``names`` by their first three letters: a line's first word is looked up among the
    few names it could shorten, not all of a 1,000-NPC world's (a fifth of a step)."""
    grouped: dict[str, list[str]] = {}
    for name in names:
        grouped.setdefault(name[:3], []).append(name)
    return {start: tuple(group) for start, group in grouped.items()}
