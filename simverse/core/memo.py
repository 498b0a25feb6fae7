"""A bounded table of a pure function's results, for hot paths that meet the same inputs.

A world's talk repeats: the same words reach the content filter and the name finder line
after line, step after step. :class:`Memo` keeps each input's result so that work is done
once. It is emptied whole when full, which keeps memory bounded without the bookkeeping of
an LRU, and it is a plain object (a dict and a callable), so what holds it still pickles for
Ray workers, which ``functools.lru_cache`` on a bound method would not. Only for functions
whose result depends on the argument alone: a cached result must be the one a fresh call
would give, so runs stay deterministic whatever the cache held.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Container, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """``compute(key)`` once per key, at most ``limit`` results kept."""

    def __init__(self, compute: Callable[[K], V], limit: int = 1 << 16) -> None:
        self.compute = compute
        self.limit = limit
        self._results: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        try:
            return self._results[key]
        except KeyError:
            value = self.compute(key)
            if len(self._results) >= self.limit:
                self._results.clear()
            self._results[key] = value
            return value

    def __len__(self) -> int:
        return len(self._results)


_KEPT: OrderedDict[tuple[int, str], tuple[object, object]] = OrderedDict()
KEPT_OWNERS = 64
"""Values kept by :func:`kept_for`, the oldest dropped first: a few worlds are in use at once."""


def kept_for(owner: object, kind: str, build: Callable[[], V]) -> V:
    """``build()`` once per ``owner`` and ``kind``: what follows from an object that never
    changes once built (a world's spec, its name index), so a kept value stays right. The
    owner is held with its value, so its id is not reused while the value is kept."""
    hit = _KEPT.get((id(owner), kind))
    if hit is not None and hit[0] is owner:
        return hit[1]  # type: ignore[return-value]
    value = build()
    _KEPT[(id(owner), kind)] = (owner, value)
    while len(_KEPT) > KEPT_OWNERS:
        _KEPT.popitem(last=False)
    return value


class _Asked(Container[str]):
    """A set of words that notes each word it is asked about and its answer; it answers
    nothing else (no iteration, no set algebra), so a reader that did more would fail."""

    __slots__ = ("asked", "words")

    def __init__(self, words: Container[str]) -> None:
        self.words = words
        self.asked: list[tuple[object, bool]] = []

    def __contains__(self, word: object) -> bool:
        answer = word in self.words
        self.asked.append((word, answer))
        return answer


class AskedMemo(Generic[K, V]):
    """``compute(key, words)`` kept per key and per the answers ``words`` gave, for a pure
    function that asks of ``words`` only whether it holds one word or another. A reader
    asks of a listener's own words about few of a line's words, so one result serves every
    listener whose words answer those alike; the function is deterministic, so the same
    answers lead it down the same path to the same result."""

    def __init__(self, compute: Callable[[K, Container[str]], V], limit: int = 1 << 16) -> None:
        self.compute = compute
        self.limit = limit
        self._results: dict[K, tuple[Any, ...]] = {}
        """Per key, its answers and result, then the next answers and result...: one flat
        tuple, so a key costs the cyclic collector one object, not a list and a pair each."""

    def __call__(self, key: K, words: Container[str]) -> V:
        kept = self._results.get(key, ())
        pairs = iter(kept)
        for asked, value in zip(pairs, pairs, strict=True):  # (answers, result) pairs
            if all((word in words) == answer for word, answer in asked):
                return value
        probe = _Asked(words)
        value = self.compute(key, probe)
        if not kept and len(self._results) >= self.limit:
            self._results.clear()
        self._results[key] = (*kept, tuple(probe.asked), value)
        return value
