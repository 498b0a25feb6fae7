"""The in-process backend: one batched, left-padded generate per batch; seeds reproduce."""

from __future__ import annotations

import pytest

from tests.llm.conftest import llm_request


@pytest.fixture
def generate_spy(tiny_backend, monkeypatch):
    """Record the inputs of every ``model.generate`` call."""
    calls = []
    real = tiny_backend.hf_model.generate

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(tiny_backend.hf_model, "generate", spy)
    return calls


def prompts(n: int, temperature: float = 0.0, max_new_tokens: int = 8):
    return [llm_request("the baker says " + "bread " * (i * 3), seed=100 + i,
                        temperature=temperature, max_new_tokens=max_new_tokens)
            for i in range(n)]


def test_a_batch_is_one_generate_call(tiny_backend, generate_spy):
    responses = tiny_backend.generate_batch(prompts(6))
    assert len(generate_spy) == 1 and len(responses) == 6
    assert generate_spy[0]["input_ids"].shape[0] == 6
    assert all(r.error is None for r in responses)


def test_batches_are_bounded_by_max_batch_size(tiny_backend, generate_spy, monkeypatch):
    monkeypatch.setattr(tiny_backend, "max_batch_size", 4)
    tiny_backend.generate_batch(prompts(6))
    assert [c["input_ids"].shape[0] for c in generate_spy] == [4, 2]


def test_prompts_are_left_padded(tiny_backend, generate_spy):
    tiny_backend.generate_batch(prompts(3))
    mask = generate_spy[0]["attention_mask"]
    assert mask[:, -1].tolist() == [1, 1, 1]          # every prompt ends at the right edge
    assert mask[0, 0].item() == 0                     # the shortest one is padded on the left
    assert tiny_backend.tokenizer.padding_side == "left"


def test_greedy_decoding_is_deterministic(tiny_backend):
    first = [r.text for r in tiny_backend.generate_batch(prompts(4))]
    second = [r.text for r in tiny_backend.generate_batch(prompts(4))]
    assert first == second


def test_seeded_sampling_reproduces_and_depends_on_the_seed(tiny_backend):
    batch = prompts(4, temperature=1.0, max_new_tokens=16)
    first = [r.text for r in tiny_backend.generate_batch(batch)]
    again = [r.text for r in tiny_backend.generate_batch(batch)]
    assert first == again
    reseeded = [llm_request(r.messages[0].content, seed=r.seed + 7, temperature=1.0,
                            max_new_tokens=16) for r in batch]
    assert [r.text for r in tiny_backend.generate_batch(reseeded)] != first
    greedy = [r.text for r in tiny_backend.generate_batch(prompts(4, max_new_tokens=16))]
    assert greedy != first


def test_a_requests_sample_does_not_depend_on_its_batch_mates(tiny_backend):
    same_length = [llm_request(f"word{i} word word", seed=5 + i, temperature=1.0,
                               max_new_tokens=12) for i in range(3)]
    together = [r.text for r in tiny_backend.generate_batch(same_length)]
    alone = [tiny_backend.generate_batch([r])[0].text for r in same_length]
    assert together == alone


def test_tokens_and_latency_are_counted(tiny_backend):
    request = llm_request("count my tokens please", max_new_tokens=8)
    [response] = tiny_backend.generate_batch([request])
    prompt = tiny_backend.render(request)
    expected = len(tiny_backend.tokenizer(prompt, add_special_tokens=False)["input_ids"])
    assert response.prompt_tokens == expected
    assert 1 <= response.completion_tokens <= 8
    assert response.latency_s > 0


def test_different_lengths_are_grouped_per_max_new_tokens(tiny_backend, generate_spy):
    batch = prompts(2, max_new_tokens=4) + prompts(2, max_new_tokens=9)
    responses = tiny_backend.generate_batch(batch)
    assert len(generate_spy) == 2
    assert all(r.completion_tokens <= 4 for r in responses[:2])


def test_forcing_generates_exactly_max_new_tokens(tiny_backend, monkeypatch):
    monkeypatch.setattr(tiny_backend, "force_max_new_tokens", True)
    responses = tiny_backend.generate_batch(prompts(3, max_new_tokens=10))
    assert [r.completion_tokens for r in responses] == [10, 10, 10]
