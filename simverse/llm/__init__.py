"""simverse.llm: the brains that decide for NPCs, and the only way to a model.

Read in this order:

* :mod:`~simverse.llm.spec` — ``--llm`` text to backends and brains (``scripted``,
  ``transformers:PATH``, ``openai:URL#MODEL``).
* :mod:`~simverse.llm.brain` — ``LLMBrain``: one batched call per phase, parsing, the retry
  rule, the skip rule, per-step counters; a dead LLM raises ``LLMUnavailable``.
* :mod:`~simverse.llm.structured` — the decision JSON schema (one variant per usable action)
  and the parser (valid / repaired / rejected on form or meaning).
* :mod:`~simverse.llm.prompts` — the decision prompt (others' words quoted as data).
* :mod:`~simverse.llm.transformers_backend` and :mod:`~simverse.llm.grammar` — in-process
  batched generation, seeded per request, constrained to the schema with llguidance.
* :mod:`~simverse.llm.openai_backend` — any OpenAI-compatible server, concurrent, retried,
  ``response_format`` sent, the seed probe.
* :mod:`~simverse.llm.recording` — every call recorded (answers cleaned and capped first);
  replay from a recording with no model.
* :mod:`~simverse.llm.provenance` and :mod:`~simverse.llm.errors` — what a run records about
  its models (seed support, decoding) and the kinds of LLM failure.
* :mod:`~simverse.llm.scripted`, :mod:`~simverse.llm.population`, :mod:`~simverse.llm.human`
  — the rule-based brain, several brains in one world, a person playing an NPC.
* :mod:`~simverse.llm.tiny_model` — random-weight models for tests and benchmarks.

See docs/llm.md for what a run with a model guarantees.
"""
