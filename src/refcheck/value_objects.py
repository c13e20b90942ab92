"""Equality, hashing and repr for refcheck's small data classes, without dataclasses.

Each class writes its own ``__slots__`` and ``__init__``; these bases derive ``==``
and ``repr`` (and ``hash`` for immutable ones) from its public slots, in their order,
as ``@dataclass`` would.  Why not ``@dataclass``: importing it pulls in ``inspect``
(5 ms) and each decorated class costs another 0.3 ms to generate, which came to 15 ms
of a ``refcheck check`` run's start-up, a run that people repeat in every commit hook.
"""

from __future__ import annotations

_PUBLIC_SLOTS: dict[type, tuple[str, ...]] = {}


def _public_slots(cls: type) -> tuple[str, ...]:
    """The class's own slots but the private ones (caches), in their written order."""
    names = _PUBLIC_SLOTS.get(cls)
    if names is None:
        slots = cls.__dict__.get("__slots__", ())
        names = _PUBLIC_SLOTS[cls] = tuple(n for n in slots if not n.startswith("_"))
    return names


class ValueObject:
    """A mutable record: equal to another of its class with equal public slots;
    unhashable, like a dataclass with ``eq=True``."""

    __slots__ = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _public_slots(type(self)))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, ValueObject)
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _public_slots(type(self)))
        return f"{type(self).__name__}({shown})"


class FrozenValue(ValueObject):
    """An immutable record (its attributes are declared ``Final``, set once in
    ``__init__``): hashable by its public slots."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())
