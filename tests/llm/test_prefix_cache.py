"""The transformers backend reads a batch's shared prompt prefix once (its key/value cache
reused by every row) and answers as it does without the cache."""

from __future__ import annotations

from pathlib import Path

from simverse.core.llm_protocol import LLMRequest, Message, SamplingParams
from simverse.llm.transformers_backend import TransformersBackend, shared_prefix_length

BRIEF = ("You are a person in Harbor Town, a fishing village with a harbour, a market, a bakery, "
         "a tavern and a chapel. Answer with one JSON object naming your action and what you say.")


def requests() -> list[LLMRequest]:
    asks = ["Mara: what now?", "Tomas, the storm is coming in from the sea; what do you do?", "Nell?"]
    return [LLMRequest(messages=(Message("system", BRIEF), Message("user", ask)), seed=i,
                       params=SamplingParams(max_new_tokens=12, temperature=0.0), tag=f"step 1 npc N{i} act")
            for i, ask in enumerate(asks)]


def test_shared_prefix_leaves_every_row_a_token_of_its_own():
    assert shared_prefix_length([[1, 2, 3, 4], [1, 2, 5], [1, 2, 3]]) == 2
    assert shared_prefix_length([[1, 2, 3], [1, 2, 3]]) == 2
    assert shared_prefix_length([[7], [7, 8]]) == 0


def test_the_cached_prefix_gives_the_answers_of_the_plain_batch(tiny_model_dir: Path):
    cached = TransformersBackend(str(tiny_model_dir), device="cpu", prefix_cache=True)
    plain = TransformersBackend(str(tiny_model_dir), device="cpu", prefix_cache=False)
    with_cache = cached.generate_batch(requests())
    without = plain.generate_batch(requests())
    assert cached.prefix_tokens_reused > 0 and plain.prefix_tokens_reused == 0
    assert [r.text for r in with_cache] == [r.text for r in without]
    assert [r.prompt_tokens for r in with_cache] == [r.prompt_tokens for r in without]
    assert all(r.error is None for r in with_cache)
    again = cached.generate_batch(requests())  # the prefix's cache is kept, and copied per batch
    assert [r.text for r in again] == [r.text for r in with_cache]
