class Model:
    """A model."""

    rate: float = 0.5
    """The rate, from :cite:t:`attr2024`."""

    def __init__(self) -> None:
        self.c = 3
        """An instance attribute, documented as in :cite:`instance2024`."""
