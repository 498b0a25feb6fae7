"""eval-dialogue with --llm: a model is scored on the same lines, through the same prompts."""

from __future__ import annotations

import json
from typing import Any

from simverse.experiments.dialogue_eval import LabelledLine, evaluate, summarise


def _answer(body: dict[str, Any]) -> str:
    """A model that answers from the beliefs in its prompt: the festival's start if shown."""
    prompt = " ".join(m["content"] for m in body["messages"])
    said = "It starts at sunset." if "sunset" in prompt else "I don't know."
    return json.dumps({"action": "talk", "args": {}, "utterance": said, "told_facts": [], "importance": 3,
                       "end_conversation": False})


def test_a_model_is_asked_through_the_decision_prompt_with_the_beliefs_the_line_brings_up(fake):
    server = fake(_answer)
    lines = [
        LabelledLine(id="k", world="harbor_town", npc="Mara", line="When does the festival start?", kind="knowable",
                     expect=["sunset"]),
        LabelledLine(id="u", world="harbor_town", npc="Finn", line="When does the festival start?", kind="unknown"),
    ]
    scored = evaluate(lines, llm=f"openai:{server.url}#m", embedder="hashing")
    assert [s.reply for s in scored] == ["It starts at sunset.", "I don't know."]
    summary = summarise(scored)
    assert summary.right["knowable"] == 100.0 and summary.right["unknown"] == 100.0
    assert summary.latency_ms["median"] > 0
