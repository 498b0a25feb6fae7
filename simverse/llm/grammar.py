"""Schema-constrained decoding for the in-process backend, with llguidance.

A request's JSON schema is compiled once into an llguidance matcher for the backend's
tokenizer (:class:`SchemaGrammars`, an LRU cache keyed by the schema's canonical JSON);
each row of a batched ``generate`` gets a copy of the compiled matcher, and
:class:`SchemaConstraint`, a logits processor, masks every token that would leave the
schema, for all constrained rows at once. Rows without a schema in the same batch are
left alone.

Why llguidance: see docs/llm.md (measured on the decision schemas: ~3-13 ms to compile a
schema and ~0.1 ms per token mask, a 3 MB wheel with no dependencies; xgrammar is as fast
but requires triton, outlines-core took ~1 s per schema).

Finishing within the token budget. A schema allows free text (an utterance), which a
weak model may never close. When a row's remaining budget gets close to the number of
tokens it needs to finish, the constraint *closes* the answer: it picks tokens itself by
a fixed policy (the longest allowed closer ``"``/``}``/``]``, else end-of-sequence, else
the longest allowed token, which moves through keys and names the schema forces). That
need is measured exactly by running the same policy on a copy of the matcher, so every
constrained answer is complete, schema-valid JSON whenever the budget allows one at all.
The policy is deterministic, so seeded runs stay reproducible.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

try:  # transformers is a core dependency; the guard keeps import errors readable.
    from transformers import LogitsProcessor
except ImportError:  # pragma: no cover - exercised only without transformers
    LogitsProcessor = object  # type: ignore[misc,assignment]

CLOSE_WINDOW = 48
"""Rows with at most this many tokens left check whether they must start closing."""
CLOSE_MARGIN = 8
"""Start closing when the closing path needs this close to the remaining budget (one
sampled token can lengthen the closing path by a few tokens, e.g. by opening a key)."""
COMPILE_OPTIONS = {"whitespace_flexible": False, "lenient": True}
"""Compact JSON (no whitespace runs a weak model could fill its budget with); keywords
llguidance does not implement (``format``, say) are ignored rather than refused."""


class GrammarError(ValueError):
    """A request's JSON schema cannot be compiled into a grammar."""


def llguidance_available() -> bool:
    """True when the llguidance package can be imported."""
    try:
        import llguidance  # noqa: F401
    except ImportError:
        return False
    return True


class SchemaGrammars:
    """Compiled matchers for one tokenizer, one per distinct schema (least recently used
    dropped beyond ``max_schemas``); also the token tables the closing policy needs."""

    def __init__(self, tokenizer: Any, vocab_size: int, eos_ids: Sequence[int],
                 max_schemas: int = 512) -> None:
        import llguidance
        import llguidance.hf

        self.vocab_size = int(vocab_size)
        self.eos_ids = sorted(eos_ids)
        self.ll_tokenizer = llguidance.hf.from_tokenizer(tokenizer, n_vocab=self.vocab_size,
                                                         eos_token=self.eos_ids or None)
        self.max_schemas = max_schemas
        self.compiled = 0
        self._cache: OrderedDict[str, Any] = OrderedDict()
        lengths = np.zeros(self.vocab_size, dtype=np.int64)
        closer = np.zeros(self.vocab_size, dtype=bool)
        for token in range(min(self.vocab_size, self.ll_tokenizer.vocab_size)):
            if self.ll_tokenizer.is_special_token(token):
                continue
            raw = self.ll_tokenizer.decode_bytes([token])
            lengths[token] = len(raw)
            closer[token] = bool(raw) and all(b in b'"}]' for b in raw)
        self.token_lengths = lengths
        self.closer_lengths = np.where(closer, lengths, 0)

    def matcher(self, schema: dict[str, Any]) -> Any:
        """A fresh matcher for ``schema`` (compiled on first use, then copied)."""
        import llguidance

        key = json.dumps(schema, sort_keys=True, separators=(",", ":"))
        template = self._cache.get(key)
        if template is None:
            grammar = llguidance.LLMatcher.grammar_from_json_schema(schema, defaults=COMPILE_OPTIONS)
            template = llguidance.LLMatcher(self.ll_tokenizer, grammar, log_level=0)
            if template.is_error():
                raise GrammarError(f"JSON schema {schema.get('title', '')!r} cannot be "
                                   f"compiled: {template.get_error()}")
            self.compiled += 1
            self._cache[key] = template
            if len(self._cache) > self.max_schemas:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return template.deep_copy()

    def allowed(self, matcher: Any) -> np.ndarray:
        """Boolean mask over the vocabulary of the tokens ``matcher`` allows next."""
        raw = np.frombuffer(matcher.compute_bitmask(), dtype=np.uint8)
        return np.unpackbits(raw, bitorder="little")[: self.vocab_size].astype(bool)

    def closing_token(self, matcher: Any, allowed: np.ndarray | None = None) -> int:
        """The closing policy's next token (see the module docstring)."""
        mask = self.allowed(matcher) if allowed is None else allowed
        closers = np.where(mask, self.closer_lengths, 0)
        if closers.max() > 0:
            return int(closers.argmax())
        for eos in self.eos_ids:
            if eos < self.vocab_size and mask[eos]:
                return eos
        return int(np.where(mask, self.token_lengths, -1).argmax())

    def closing_length(self, matcher: Any, limit: int) -> int:
        """Tokens the closing policy needs to finish from here (stops counting at ``limit``)."""
        probe = matcher.deep_copy()
        for used in range(limit):
            if probe.is_stopped() or probe.is_error():
                return used
            token = self.closing_token(probe)
            if token in self.eos_ids:
                return used + 1
            probe.consume_token(token)
        return limit


class SchemaConstraint(LogitsProcessor):
    """Mask each constrained row's logits to its schema; close rows running out of budget.

    ``matchers[i]`` is row *i*'s matcher (None: unconstrained). ``max_new_tokens`` is the
    generation budget shared by the batch.
    """

    def __init__(self, grammars: SchemaGrammars, matchers: Sequence[Any | None],
                 max_new_tokens: int) -> None:
        self.grammars = grammars
        self.matchers = list(matchers)
        self.max_new_tokens = max_new_tokens
        self.done = [m is None for m in self.matchers]
        self.closing = [False] * len(self.matchers)
        self.steps = 0

    def __call__(self, input_ids, scores):
        """Consume each row's last token, then mask (or force) its next one."""
        import torch

        if self.steps:
            self._consume(input_ids[:, -1].tolist())
        remaining = self.max_new_tokens - self.steps
        self.steps += 1
        rows = [i for i, done in enumerate(self.done) if not done]
        if not rows:
            return scores
        masks = self._masks(rows)
        vocab = scores.shape[1]
        width = min(vocab, self.grammars.vocab_size)
        allowed = np.ones((scores.shape[0], vocab), dtype=bool)
        for k, row in enumerate(rows):
            mask = masks[k]
            if not self.closing[row] and remaining <= CLOSE_WINDOW:
                need = self.grammars.closing_length(self.matchers[row], remaining)
                self.closing[row] = need >= remaining - CLOSE_MARGIN
            if self.closing[row] or not mask[:width].any():
                forced = self.grammars.closing_token(self.matchers[row], mask)
                mask = np.zeros_like(mask)
                mask[forced] = True
            allowed[row, :width] = mask[:width]
            allowed[row, width:] = False
        return scores.masked_fill(~torch.from_numpy(allowed).to(scores.device), float("-inf"))

    def _consume(self, last_tokens: list[int]) -> None:
        """Advance each live row's matcher by the token it just produced; a row is done
        after its end-of-sequence token (a stopped matcher allows only that one)."""
        eos = set(self.grammars.eos_ids)
        for row, token in enumerate(last_tokens):
            if self.done[row]:
                continue
            if token in eos or not self.matchers[row].consume_token(int(token)):
                self.done[row] = True

    def _masks(self, rows: list[int]) -> np.ndarray:
        """Allowed-token masks of ``rows``. Filled row by row: ~0.1 ms a row, where
        llguidance's thread-pool executor measured ten times slower on a busy 2-core
        machine."""
        import torch
        from llguidance.torch import allocate_token_bitmask, fill_next_token_bitmask

        bitmask = allocate_token_bitmask(len(rows), self.grammars.vocab_size)
        for k, row in enumerate(rows):
            fill_next_token_bitmask(self.matchers[row], bitmask, k)
        raw = bitmask.numpy().view(np.uint8) if isinstance(bitmask, torch.Tensor) else bitmask
        bits = np.unpackbits(raw, axis=1, bitorder="little")
        return bits[:, : self.grammars.vocab_size].astype(bool)
