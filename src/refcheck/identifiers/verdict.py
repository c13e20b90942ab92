"""What a validator says about one identifier."""

from __future__ import annotations

from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Final


class Verdict(FrozenValue):
    """``problem``: why the value is invalid, None when it is valid.  ``normalized``: the
    value a fix would write instead, when one follows from the value alone (a prefix
    or a trailing full stop removed); None when only a person can tell (a wrong check
    digit: recomputing it would hide the typo it caught)."""

    __slots__ = ("problem", "normalized")
    problem: Final[str | None]
    normalized: Final[str | None]

    def __init__(self, problem: str | None = None, normalized: str | None = None) -> None:
        self.problem = problem
        self.normalized = normalized

    @property
    def valid(self) -> bool:
        return self.problem is None


VALID = Verdict()
