"""How the demo draws: every choice comes from the run's one generator, so the same seed
gives the same rows. `Weights` is a weighted choice (a category, a feature, a place, a
name); `Draws` is what the story, the people and the rows share."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Weights(Generic[T]):
    """A weighted choice, drawn from the one generator of the run."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.values = [v for v, _ in pairs]
        total = 0.0
        self.cum: list[float] = []
        for _, w in pairs:
            total += w
            self.cum.append(total)

    def pick(self, rng: random.Random) -> T:
        return rng.choices(self.values, cum_weights=self.cum)[0]


class Draws:
    """A part of the demo that draws from the run's one generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def chance(self, p: float) -> bool:
        """True with probability `p`."""
        return self.rng.random() < p
