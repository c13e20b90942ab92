"""What a Sphinx extension keeps in the build environment: one object per extension."""

from __future__ import annotations

from typing import TypeVar

State = TypeVar("State")


def env_state(env: object, attribute: str, kind: type[State]) -> State:
    """The ``kind`` object kept on ``env`` under ``attribute``, made on first use.

    Kept on the environment, it is pickled with it (incremental builds) and sent to and
    from parallel readers like the rest of it.
    """
    state = getattr(env, attribute, None)
    if not isinstance(state, kind):
        state = kind()
        setattr(env, attribute, state)
    return state
