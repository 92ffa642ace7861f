"""A dict that keeps only its most recently used entries, for caches that must not grow with
everything a long-running process (the app, a service) has ever seen.

``functools.lru_cache`` does this for a function; this is for caches that are also filled
in batches and asked what they hold. Each step is one operation of a C ``OrderedDict``,
atomic under the GIL, and a race between threads costs a recomputation, never a wrong value:
no lock, so none that a forked worker could inherit held.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """At most ``maxsize`` entries; adding one past them drops the least recently used."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        # No contextlib.suppress here: the hot path of every cache, it would cost more than
        # the lookup.
        data = self._data
        try:
            value = data[key]
        except KeyError:
            return None
        try:
            data.move_to_end(key)
        except KeyError:  # another thread dropped it meanwhile
            return value
        return value

    def __getitem__(self, key: K) -> V:
        value = self._data[key]
        try:
            self._data.move_to_end(key)
        except KeyError:  # another thread dropped it meanwhile
            return value
        return value

    def __setitem__(self, key: K, value: V) -> None:
        self._data[key] = value
        while len(self._data) > self.maxsize:
            try:
                self._data.popitem(last=False)
            except KeyError:  # another thread emptied it meanwhile
                break

    def many(self, keys: Iterable[K], compute: Callable[[list[K]], Iterable[V]]) -> dict[K, V]:
        """The value of each of ``keys``: those held, the others made by one call of
        ``compute`` (given them in order) and kept. What is made is returned as made, never
        read back: a batch larger than the room left drops its own first entries."""
        get = self.get
        held: dict[K, V] = {}
        todo: list[K] = []
        for key in dict.fromkeys(keys):
            value = get(key)
            if value is None:
                todo.append(key)
            else:
                held[key] = value
        if todo:
            fresh = list(zip(todo, compute(todo), strict=True))
            self.update(fresh)
            held.update(fresh)
        return held

    def update(self, items: Iterable[tuple[K, V]]) -> None:
        for key, value in items:
            self[key] = value

    def clear(self) -> None:
        self._data.clear()

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)
