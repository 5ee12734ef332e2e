"""A weighted choice: how the demo draws every category, feature, place and name."""

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
