"""A mapping worked out on its first read.

A reply request carries what the NPC could do now (:func:`~simverse.agents.hearing.doable_now`),
which costs a reading of the line and a try of the world's rules; the scripted brain looks at it
only for a line it takes as a request or a remark about work, and a language model's prompt
never does. So the request holds the computation and runs it once, when the brain first asks.
The brain answers within the step's decision phase, before any effect is applied, so the
result is what it would have been when the request was built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Deferred(Mapping[K, V]):
    """``compute()``'s mapping, computed on the first read and kept."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Callable[[], Mapping[K, V]]) -> None:
        self._compute: Callable[[], Mapping[K, V]] | None = compute
        self._value: Mapping[K, V] | None = None

    def _mapping(self) -> Mapping[K, V]:
        if self._value is None:
            assert self._compute is not None
            self._value, self._compute = self._compute(), None
        return self._value

    def __getitem__(self, key: K) -> V:
        return self._mapping()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())

    def __repr__(self) -> str:
        return repr(dict(self._mapping()))

    def __reduce__(self) -> tuple[Any, ...]:
        """A copy or a pickle carries the values, not the computation (which holds the world)."""
        return dict, (dict(self._mapping()),)
