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
from typing import Any

from simverse.core.decision_check import MAX_UTTERANCE
from simverse.core.llm_protocol import LLMRequest, LLMResponse
from simverse.core.sanitize import check_plain_text

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
        write_whole(ask, json.dumps(question, ensure_ascii=False))
        return folder / f"answer-{request.seed}.json"


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader polling for it sees all of it or nothing:
    written beside it first, then renamed (the world reads an answer the moment it exists)."""
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    part.replace(path)


def npc_of(tag: str) -> str:
    """The NPC of a request tag such as ``step 3 npc Mara act``."""
    words = tag.split()
    return words[words.index("npc") + 1] if "npc" in words[:-1] else "unknown"


def open_questions(folder: Path) -> list[Path]:
    """The questions in a player's folder (``DIR/NPC``) not answered yet, oldest first."""
    asks = sorted(folder.glob("ask-*.json"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    return [a for a in asks if not a.with_name(a.name.replace("ask-", "answer-")).exists()]


def pending_question(folder: Path) -> Path | None:
    """The oldest open question in a player's folder, or None."""
    asks = open_questions(folder)
    return asks[0] if asks else None


def answer_all_with_wait(folder: Path) -> int:
    """Answer every open question with a wait (or, in a conversation, silence that ends it),
    so a step waiting for the person goes on; returns how many were answered."""
    asks = open_questions(folder)
    for ask in asks:
        answer_question(ask, "")
    return len(asks)


def answer_question(ask: Path, line: str) -> dict[str, Any]:
    """Answer the question in ``ask`` with what the person typed; returns the decision written.
    A line that is not a decision raises ValueError and the question stays open."""
    question = json.loads(ask.read_text(encoding="utf-8"))
    schema_args = ((question.get("schema") or {}).get("properties", {}).get("args") or {}).get("properties", {})
    decision = decision_from_line(line, question["tag"].endswith(" reply"), list(schema_args))
    answer = ask.with_name(ask.name.replace("ask-", "answer-"))
    write_whole(answer, json.dumps(decision, ensure_ascii=False))
    return decision


def decision_from_line(line: str, reply: bool, arg_names: list[str] | None = None) -> dict[str, Any]:
    """A decision as the schema's JSON from what the person typed: in a conversation the line is
    what the NPC says (empty or ``bye`` ends it); otherwise ``go PLACE``, ``talk NAME words...``,
    ``ACTION [ARGUMENT]`` or ``wait``. A bare action's argument fills the schema's first
    argument name that is not place or npc. A line that is not plain text, or longer than a
    line an NPC may say, is refused."""
    text = line.strip()
    check_plain_text(text, "play")
    if len(text) > MAX_UTTERANCE:
        raise ValueError(f"play: at most {MAX_UTTERANCE} characters per line (got {len(text)})")
    if reply:
        ending = not text or text.lower() in ("bye", "goodbye")
        return {"action": "wait", "args": {}, "utterance": text or None, "end_conversation": ending}
    words = text.split()
    if not words or words[0].lower() == "wait":
        return {"action": "wait", "args": {}}
    verb = words[0].lower()
    if verb in ("go", "move") and len(words) > 1:
        return {"action": "move", "args": {"place": " ".join(words[1:])}}
    if verb == "talk" and len(words) > 2:
        return {"action": "talk", "args": {"npc": words[1]}, "utterance": " ".join(words[2:])}
    if verb == "talk":
        raise ValueError("write: talk NAME what you say")
    names = [n for n in (arg_names or ["item"]) if n not in ("place", "npc")] or ["item"]
    args = {names[0]: " ".join(words[1:])} if len(words) > 1 else {}
    return {"action": verb, "args": args}


def parse_human_spec(target: str) -> HumanBackend:
    """``DIR#SECONDS`` (both optional) as a backend."""
    folder, _, seconds = target.partition("#")
    return HumanBackend(folder or DEFAULT_DIR, float(seconds) if seconds else DEFAULT_TIMEOUT_S)
