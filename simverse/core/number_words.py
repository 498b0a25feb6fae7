"""Numbers written as words ("three" -> 3): the one table, for reading prompts and answers.

Used where text from people or models gives a count or a rating in words: the world
prompt reader (``"a village with twelve fishers"``) and the memory importance parser
(``"I'd say seven"``). Each takes the range it accepts with :func:`number_words`.
"""

from __future__ import annotations

_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_WORDS)}


def number_words(low: int = 0, high: int = 20) -> dict[str, int]:
    """The words for ``low`` .. ``high`` (inclusive), smallest first."""
    return {word: value for word, value in NUMBER_WORDS.items() if low <= value <= high}


__all__ = ["NUMBER_WORDS", "number_words"]
