"""The one error type for input a user or a script got wrong.

Every refusal must name the field and say what is wrong, so the command line can print
one line and exit 2, and the window can put the message next to the field.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: names the offending field (dotted path) and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
