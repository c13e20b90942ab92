"""What a validator says about one identifier."""

from __future__ import annotations

from refcheck.i18n import _
from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Final


class Verdict(FrozenValue):
    """``problem``: why the value is invalid, None when it is valid.  ``normalized``: the
    value a fix would write instead, when one follows from the value alone (a prefix
    or a trailing full stop removed); None when only a person can tell (a wrong check
    digit: recomputing it would hide the typo it caught).

    ``problem`` is an English ``str.format`` template marked ``N_()`` for the message
    catalogue and ``values`` its placeholders' values: the validators' verdicts are cached
    across runs, so they hold no language; ``describe()`` words the problem in the run's."""

    __slots__ = ("problem", "normalized", "values")
    problem: Final[str | None]
    normalized: Final[str | None]
    values: Final[tuple[tuple[str, object], ...]]

    def __init__(
        self,
        problem: str | None = None,
        normalized: str | None = None,
        values: tuple[tuple[str, object], ...] = (),
    ) -> None:
        self.problem = problem
        self.normalized = normalized
        self.values = values

    def describe(self) -> str:
        """The problem in the active language, its values filled in ("" when valid)."""
        if self.problem is None:
            return ""
        text = _(self.problem)
        if not self.values and "{" not in text and "}" not in text:
            return text  # what format_map gives a text without braces (3,530 a 4 MB file)
        return text.format_map(dict(self.values))

    @property
    def valid(self) -> bool:
        return self.problem is None


VALID = Verdict()
