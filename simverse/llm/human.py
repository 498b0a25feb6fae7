"""A person plays an NPC: the backend asks through files and waits for the person's answer.

``--brain "Mara=human"`` (or ``human:DIR#SECONDS``) makes Mara's decisions a person's. When
Mara must decide, the backend writes ``DIR/Mara/ask-SEED.json`` (her situation, as the
prompt an LLM would get, and the answer's schema) and waits up to SECONDS (default 60) for
``answer-SEED.json``, which ``simverse play Mara`` writes from what the person types. No
answer in time is an error the brain turns into a safe ``wait``. The answers are recorded
like any model's, so a run with people in it resumes and replays without them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

from simverse.core.llm_protocol import LLMRequest, LLMResponse

DEFAULT_DIR = Path("runs") / "players"
DEFAULT_TIMEOUT_S = 60.0
POLL_S = 0.1


class HumanBackend:
    """Answers from people, one folder per NPC; the NPC's name is read from the request tag."""

    name = "human"
    model = "person"

    def __init__(self, folder: str | Path = DEFAULT_DIR, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.folder = Path(folder)
        self.timeout_s = timeout_s

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """Ask every request's player at once, then collect the answers until the timeout."""
        waiting = {i: self._ask(r) for i, r in enumerate(requests)}
        answers: dict[int, LLMResponse] = {}
        started = time.monotonic()
        while waiting and time.monotonic() - started < self.timeout_s:
            for i, path in list(waiting.items()):
                if path.exists():
                    answers[i] = LLMResponse(text=path.read_text(encoding="utf-8"),
                                             latency_s=time.monotonic() - started)
                    path.unlink()
                    path.with_name(path.name.replace("answer-", "ask-")).unlink(missing_ok=True)
                    del waiting[i]
            time.sleep(POLL_S if waiting else 0)
        for i, path in waiting.items():
            path.with_name(path.name.replace("answer-", "ask-")).unlink(missing_ok=True)
            answers[i] = LLMResponse(text="", error=f"{requests[i].tag}: no answer from the player "
                                                   f"in {self.timeout_s:g} s", latency_s=self.timeout_s)
        return [answers[i] for i in range(len(requests))]

    def _ask(self, request: LLMRequest) -> Path:
        """Write the question; return where the answer will appear."""
        npc = npc_of(request.tag)
        folder = self.folder / npc
        folder.mkdir(parents=True, exist_ok=True)
        question = {"tag": request.tag, "npc": npc, "messages": [[m.role, m.content] for m in request.messages],
                    "schema": request.json_schema}
        ask = folder / f"ask-{request.seed}.json"
        ask.write_text(json.dumps(question, ensure_ascii=False), encoding="utf-8")
        return folder / f"answer-{request.seed}.json"


def npc_of(tag: str) -> str:
    """The NPC of a request tag such as ``step 3 npc Mara act``."""
    words = tag.split()
    return words[words.index("npc") + 1] if "npc" in words[:-1] else "unknown"


def parse_human_spec(target: str) -> HumanBackend:
    """``DIR#SECONDS`` (both optional) as a backend."""
    folder, _, seconds = target.partition("#")
    return HumanBackend(folder or DEFAULT_DIR, float(seconds) if seconds else DEFAULT_TIMEOUT_S)
