"""An in-process Hugging Face causal LM behind the :class:`Backend` protocol.

Use it when the model fits on this machine: every request of one ``generate_batch`` call
goes through batched ``model.generate`` (left padding, chat template, at most
``max_batch_size`` rows per call), which is where simverse gets its speed over one call
per agent.

Reproducible sampling, per request. Sampled and greedy rows share one ``generate`` call:
decoding is greedy, and a :class:`SeededGumbelSampler` logits processor turns the argmax
into a draw from ``softmax(logits / temperature)`` (top-p filtered) by adding Gumbel noise
from a ``torch.Generator`` seeded with *that request's* seed (the Gumbel-max trick). A
request's draws therefore depend on its own seed only, not on which other requests share
its batch; outputs match bit for bit for the same batch, and up to floating-point effects
of padding otherwise. Rows with ``temperature == 0`` are left untouched (plain greedy).

Constrained decoding. A request with a ``json_schema`` is decoded under that schema
(:mod:`simverse.llm.grammar`, llguidance): every token that would leave the schema is
masked before sampling, the grammar of each distinct schema is compiled once and cached,
and a row running out of budget is closed, so even a random-weight model answers with
complete, schema-valid JSON. ``constrain=False`` turns this off (benchmarks compare both).

Shared prompt prefixes. A step's prompts start with what all NPCs share (the world brief,
:mod:`simverse.llm.prompts`). With ``prefix_cache`` on, a sub-batch whose prompts share at
least ``MIN_PREFIX_TOKENS`` leading tokens computes that prefix's key/value cache once
(kept for the next sub-batches and steps, a few prefixes at most), and each row is laid out
as ``[prefix][padding][its own tokens]``: the model reads only the rows' own tokens.
Positions follow the attention mask, so a row reads the same positions as unpadded.

Accounting: ``prompt_tokens`` counts the prompt without padding; ``completion_tokens``
counts generated tokens up to and including the first end-of-sequence token; each
request's ``latency_s`` is its sub-batch's wall time divided by the sub-batch's size.
"""

from __future__ import annotations

import copy
import time
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from typing import Any

from simverse.core.llm_protocol import LLMRequest, LLMResponse
from simverse.llm.errors import tagged
from simverse.llm.grammar import GrammarError, SchemaConstraint, SchemaGrammars

try:  # transformers is a core dependency; the guard keeps import errors readable.
    from transformers import LogitsProcessor
except ImportError:  # pragma: no cover - exercised only without transformers
    LogitsProcessor = object  # type: ignore[misc,assignment]

MIN_PREFIX_TOKENS = 16
PREFIX_CACHE_ENTRIES = 4
try:  # ``generate`` calls a given cache ``cache`` from transformers 5.24 on, ``past_key_values`` before
    from transformers.generation.utils import ALL_CACHE_NAMES as _CACHE_NAMES
    CACHE_ARGUMENT = "cache" if "cache" in _CACHE_NAMES else "past_key_values"
except ImportError:
    CACHE_ARGUMENT = "past_key_values"


class SeededGumbelSampler(LogitsProcessor):
    """Make greedy decoding sample per row with that row's own seed (Gumbel-max)."""

    def __init__(self, seeds: Sequence[int], temperatures: Sequence[float],
                 top_ps: Sequence[float]) -> None:
        self.seeds = list(seeds)
        self.temperatures = list(temperatures)
        self.top_ps = list(top_ps)
        self._generators: list[Any] | None = None

    def __call__(self, input_ids, scores):
        """Add each sampled row's own Gumbel noise to its temperature-scaled logits."""
        import torch

        if self._generators is None:
            self._generators = [
                torch.Generator(device=scores.device).manual_seed(int(s) & 0xFFFF_FFFF_FFFF)
                for s in self.seeds
            ]
        temps = torch.tensor(self.temperatures, device=scores.device)
        sampled = temps > 0
        if not bool(sampled.any()):
            return scores
        logits = scores.float() / temps.clamp(min=1e-5).unsqueeze(1)
        top_ps = torch.tensor(self.top_ps, device=scores.device)
        if bool(((top_ps < 1.0) & sampled).any()):
            logits = _top_p_filter(logits, top_ps)
        uniform = torch.stack([
            torch.rand(logits.shape[1], generator=g, device=scores.device)
            for g in self._generators
        ])
        gumbel = -torch.log(-torch.log(uniform.clamp_(1e-10, 1.0 - 1e-7)))
        return torch.where(sampled.unsqueeze(1), (logits + gumbel).to(scores.dtype), scores)


def _top_p_filter(logits, top_ps):
    """Per row, keep the smallest set of tokens whose probability mass reaches top_p."""
    import torch

    sorted_logits, order = torch.sort(logits, dim=-1, descending=True)
    cumulative = torch.softmax(sorted_logits, dim=-1).cumsum(dim=-1)
    drop = cumulative > top_ps.unsqueeze(1)
    drop[:, 1:] = drop[:, :-1].clone()
    drop[:, 0] = False
    return logits.masked_fill(drop.scatter(1, order, drop), float("-inf"))


def pick_device(device: str = "auto") -> str:
    """CUDA when available, else CPU, unless a device is named."""
    import torch

    if device != "auto":
        return device
    return "cuda" if torch.cuda.is_available() else "cpu"


class TransformersBackend:
    """Batched generation with a local (or, on users' machines, hub) causal LM."""

    name = "transformers"

    def __init__(
        self,
        model_path: str,
        *,
        device: str = "auto",
        dtype: str = "auto",
        max_batch_size: int = 32,
        force_max_new_tokens: bool = False,
        constrain: bool = True,
        prefix_cache: bool = True,
    ) -> None:
        """Load tokenizer and model with ``from_pretrained``.

        ``force_max_new_tokens`` sets ``min_new_tokens = max_new_tokens`` so every
        unconstrained row generates exactly the same number of tokens (benchmarks compare
        equal work). ``constrain`` decodes requests that carry a JSON schema under it.
        ``prefix_cache`` reuses the key/value cache of a sub-batch's shared prompt prefix.
        """
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.model = model_path
        self.device = pick_device(device)
        self.max_batch_size = max(1, int(max_batch_size))
        self.force_max_new_tokens = force_max_new_tokens
        self.generate_calls = 0
        self.tokenizer = AutoTokenizer.from_pretrained(model_path)
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        if dtype == "auto":
            torch_dtype: Any = torch.bfloat16 if self.device.startswith("cuda") else torch.float32
        else:
            torch_dtype = getattr(torch, dtype)
        self.hf_model = AutoModelForCausalLM.from_pretrained(model_path, dtype=torch_dtype)
        self.hf_model.to(self.device).eval()
        self._eos_ids = self._collect_eos_ids()
        self.constrain = constrain
        self.schemas_not_compiled = 0
        self._grammars: SchemaGrammars | None = None
        self.prefix_cache = prefix_cache
        self.prefix_tokens_reused = 0
        self._prefixes: OrderedDict[tuple[int, ...], Any] = OrderedDict()

    @property
    def grammars(self) -> SchemaGrammars:
        """The compiled-schema cache for this tokenizer (built on first use)."""
        if self._grammars is None:
            vocab = self.hf_model.get_output_embeddings().weight.shape[0]
            self._grammars = SchemaGrammars(self.tokenizer, vocab, sorted(self._eos_ids))
        return self._grammars

    def _collect_eos_ids(self) -> set[int]:
        """Token ids that end a completion (model config and tokenizer agree or add up)."""
        ids: set[int] = set()
        eos = self.hf_model.generation_config.eos_token_id
        if isinstance(eos, int):
            ids.add(eos)
        elif eos:
            ids.update(eos)
        if self.tokenizer.eos_token_id is not None:
            ids.add(self.tokenizer.eos_token_id)
        return ids

    def render(self, request: LLMRequest) -> str:
        """The prompt text for one request, through the tokenizer's chat template."""
        messages = [{"role": m.role, "content": m.content} for m in request.messages]
        return self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, tokenize=False
        )

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """Answer all requests with as few ``generate`` calls as the batch size allows.

        Requests are grouped by ``max_new_tokens`` (the only parameter ``generate`` needs
        per call) and sorted by prompt length so each sub-batch pads little.
        """
        responses: list[LLMResponse | None] = [None] * len(requests)
        ids = [self.tokenizer(self.render(r), add_special_tokens=False)["input_ids"] for r in requests]
        groups: dict[int, list[int]] = defaultdict(list)
        for i, req in enumerate(requests):
            groups[req.params.max_new_tokens].append(i)
        for max_new, idxs in groups.items():
            idxs.sort(key=lambda i: len(ids[i]))
            for start in range(0, len(idxs), self.max_batch_size):
                chunk = idxs[start:start + self.max_batch_size]
                try:
                    answers = self._generate_chunk([requests[i] for i in chunk],
                                                   [ids[i] for i in chunk], max_new)
                except Exception as exc:  # one failing sub-batch must not lose the step
                    answers = [LLMResponse(text="", error=tagged("generation", f"{requests[i].tag}: {exc!r}"))
                               for i in chunk]
                for i, ans in zip(chunk, answers, strict=True):
                    responses[i] = ans
        return [r if r is not None else LLMResponse(text="", error=tagged("generation", "not generated"))
                for r in responses]

    def _generate_chunk(self, requests: Sequence[LLMRequest], ids: Sequence[list[int]],
                        max_new_tokens: int) -> list[LLMResponse]:
        """One batched ``model.generate`` call for at most ``max_batch_size`` requests (their
        prompts' token ids)."""
        import torch
        from transformers import GenerationConfig, LogitsProcessorList

        shared = shared_prefix_length(ids)
        extra: dict[str, Any] = {}
        if self.prefix_cache and len(ids) > 1 and shared >= MIN_PREFIX_TOKENS:
            enc, extra[CACHE_ARGUMENT] = self._prefixed_inputs(ids, shared)
        else:
            enc = self.tokenizer.pad({"input_ids": list(ids)}, padding=True, return_tensors="pt").to(self.device)
        matchers = self._matchers(requests)
        constrained = any(m is not None for m in matchers)
        processors: list[Any] = []
        if constrained:
            processors.append(SchemaConstraint(self.grammars, matchers, max_new_tokens))
        sampler = SeededGumbelSampler(
            [r.seed for r in requests],
            [r.params.temperature for r in requests],
            [r.params.top_p for r in requests],
        )
        config = GenerationConfig(
            do_sample=False,
            max_new_tokens=max_new_tokens,
            min_new_tokens=max_new_tokens if self.force_max_new_tokens and not constrained else None,
            pad_token_id=self.tokenizer.pad_token_id,
            eos_token_id=sorted(self._eos_ids) or None,
        )
        started = time.perf_counter()
        with torch.inference_mode():
            self.generate_calls += 1
            out = self.hf_model.generate(
                **enc,
                generation_config=config,
                logits_processor=LogitsProcessorList([*processors, sampler]),
                **extra,
            )
        elapsed = time.perf_counter() - started
        prompt_len = enc["input_ids"].shape[1]
        prompt_counts = enc["attention_mask"].sum(dim=1).tolist()
        per_request = elapsed / len(requests)
        answers = []
        for row, prompt_tokens in enumerate(prompt_counts):
            new_ids = out[row, prompt_len:].tolist()
            kept = self._until_eos(new_ids)
            answers.append(LLMResponse(
                text=self.tokenizer.decode(kept, skip_special_tokens=True),
                prompt_tokens=int(prompt_tokens),
                completion_tokens=len(kept) + (1 if len(kept) < len(new_ids) else 0),
                latency_s=per_request,
            ))
        return answers

    def _prefixed_inputs(self, ids: Sequence[list[int]], shared: int) -> tuple[dict[str, Any], Any]:
        """Rows laid out as ``[prefix][padding][own tokens]`` and the prefix's cache, repeated
        for every row (a copy: ``generate`` extends the cache it is given)."""
        import torch

        prefix = list(ids[0][:shared])
        width = max(len(row) - shared for row in ids)
        pad = self.tokenizer.pad_token_id
        rows = [prefix + [pad] * (width - len(row) + shared) + list(row[shared:]) for row in ids]
        masks = [[1] * shared + [0] * (width - len(row) + shared) + [1] * (len(row) - shared) for row in ids]
        with torch.inference_mode():
            cache = copy.deepcopy(self._prefix_kv(tuple(prefix)))
            cache.batch_repeat_interleave(len(ids))
        self.prefix_tokens_reused += shared * (len(ids) - 1)
        enc = {"input_ids": torch.tensor(rows, device=self.device),
               "attention_mask": torch.tensor(masks, device=self.device)}
        return enc, cache

    def _prefix_kv(self, prefix: tuple[int, ...]) -> Any:
        """The key/value cache of ``prefix`` (computed once; the last few are kept)."""
        import torch

        if prefix in self._prefixes:
            self._prefixes.move_to_end(prefix)
            return self._prefixes[prefix]
        with torch.inference_mode():
            out = self.hf_model(input_ids=torch.tensor([list(prefix)], device=self.device), use_cache=True)
        cache = getattr(out, CACHE_ARGUMENT)
        self._prefixes[prefix] = cache
        while len(self._prefixes) > PREFIX_CACHE_ENTRIES:
            self._prefixes.popitem(last=False)
        return cache

    def _matchers(self, requests: Sequence[LLMRequest]) -> list[Any | None]:
        """One schema matcher per constrained request (None: decoded freely, also for a
        schema llguidance cannot compile, which is counted in ``schemas_not_compiled``)."""
        if not self.constrain:
            return [None] * len(requests)
        matchers: list[Any | None] = []
        for request in requests:
            matcher = None
            if request.json_schema is not None:
                try:
                    matcher = self.grammars.matcher(request.json_schema)
                except GrammarError:
                    self.schemas_not_compiled += 1
            matchers.append(matcher)
        return matchers

    def _until_eos(self, ids: list[int]) -> list[int]:
        """Generated ids before the first end-of-sequence token."""
        for pos, tok in enumerate(ids):
            if tok in self._eos_ids:
                return ids[:pos]
        return ids


def shared_prefix_length(ids: Sequence[Sequence[int]]) -> int:
    """How many leading tokens every row shares, leaving each row at least one of its own
    (the model must read one token per row to answer it)."""
    if not ids:
        return 0
    shortest = min(len(row) for row in ids) - 1
    first = ids[0]
    for pos in range(max(0, shortest)):
        token = first[pos]
        if any(row[pos] != token for row in ids):
            return pos
    return max(0, shortest)
