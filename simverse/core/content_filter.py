"""Screen generated and NPC text against word lists and an optional classifier.

Used wherever text enters a world or a report from a model or a prompt (world generation,
NPC lines shown to viewers). Matching is whole-word and case-insensitive, so "class" never
trips on "ass". What is blocked is never dropped silently: every block is logged at WARNING
and kept as a :class:`BlockedText` record in :attr:`ContentFilter.blocked`, which the caller
can persist (e.g. to the run's database) for review.

The shipped :data:`DEFAULT_WORDS` is deliberately short and mild: common English profanity,
no slurs. Projects that need stricter screening load extra lists with ``word_files`` (one word
or phrase per line, ``#`` starts a comment) or plug in a classifier, a callable
``text -> (blocked, reason)``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

Classifier = Callable[[str], tuple[bool, str]]

DEFAULT_WORDS: tuple[str, ...] = (
    "fuck",
    "fucking",
    "motherfucker",
    "shit",
    "bullshit",
    "bitch",
    "bastard",
    "asshole",
    "dickhead",
    "cunt",
)
DEFAULT_PLACEHOLDER = "[removed by content filter]"


@dataclass(frozen=True)
class FilterResult:
    """The verdict on one text; ``text`` is what to use (the original, or the placeholder)."""

    allowed: bool
    text: str
    reason: str = ""
    matched: tuple[str, ...] = ()


@dataclass(frozen=True)
class BlockedText:
    """A record of one blocked text, kept so the block can be reviewed and persisted."""

    source: str
    text: str
    reason: str
    matched: tuple[str, ...] = ()


def read_word_file(path: str | Path) -> list[str]:
    """Words or phrases from a text file: one per line, blank lines and ``#`` comments skipped."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.append(entry)
    return words


@dataclass
class ContentFilter:
    """A configurable screen for text; see the module docstring for what it matches."""

    words: Iterable[str] = DEFAULT_WORDS
    word_files: Iterable[str | Path] = ()
    classifier: Classifier | None = None
    placeholder: str = DEFAULT_PLACEHOLDER
    blocked: list[BlockedText] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        entries = {w.strip().lower() for w in self.words if w.strip()}
        for path in self.word_files:
            entries.update(w.lower() for w in read_word_file(path))
        self.words = tuple(sorted(entries))
        self._pattern = _whole_word_pattern(self.words)

    def screen(self, text: str, source: str) -> FilterResult:
        """Judge ``text`` (from ``source``, e.g. ``"generator:npcs[2].persona"``); log blocks."""
        matched = self._matches(text)
        if matched:
            reason = f"contains blocked word(s): {', '.join(matched)}"
            return self._block(text, source, reason, matched)
        if self.classifier is not None:
            try:
                is_blocked, why = self.classifier(text)
            except Exception as exc:  # a broken classifier fails closed, and says so
                return self._block(text, source, f"classifier failed: {exc!r}", ())
            if is_blocked:
                return self._block(text, source, f"classifier: {why or 'blocked'}", ())
        return FilterResult(allowed=True, text=text)

    def redact(self, text: str, source: str, replacement: str = "") -> str:
        """``text`` with each blocked word replaced (blocks logged); for prompts we still use."""
        result = self.screen(text, source)
        if result.allowed:
            return text
        if not result.matched:
            return self.placeholder
        return re.sub(r"\s+", " ", self._pattern.sub(replacement, text)).strip()

    def _matches(self, text: str) -> tuple[str, ...]:
        if self._pattern is None:
            return ()
        found = {m.group(0).lower() for m in self._pattern.finditer(text)}
        return tuple(sorted(found))

    def _block(self, text: str, source: str, reason: str, matched: tuple[str, ...]) -> FilterResult:
        record = BlockedText(source=source, text=text, reason=reason, matched=matched)
        self.blocked.append(record)
        logger.warning("content filter blocked text from %s: %s", source, reason)
        return FilterResult(allowed=False, text=self.placeholder, reason=reason, matched=matched)


def _whole_word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any entry as a whole word; spaces in phrases match any whitespace."""
    parts = [r"\s+".join(re.escape(piece) for piece in w.split()) for w in words]
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
