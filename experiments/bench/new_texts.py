"""Which texts a run embeds, and what a gist could save: every text new to the run's vector
book, by the memory kind (or recall cue) that asked for it, by shape, and counted again
under forms that drop a part of it.

The embedder's work in the default configuration is one MiniLM pass per text new to the
run, so this is the list to read before trying to embed less. It runs the benchmark town
(``bench_scripted.py``) with the hashing embedder, which asks for exactly the texts MiniLM
would be asked for (the book keys by text), and prints:

* new texts per agent-step, by memory kind (texts first asked for by a recall are ``cue``);
* the most common shapes, with NPC names (``N12``, ``n12``), places and numbers abstracted:
  how many new texts are the same sentence about other people;
* for the lines said (``A said to B: "..."``), the distinct texts left if a gist dropped a
  part: the lead-ins and acknowledgements, the listener, every name. Each saving is a change
  of vector and so of what is recalled; ``bench_gists.py`` measures that for a change made.

    python experiments/bench/new_texts.py --npcs 100 --steps 100
    python experiments/bench/new_texts.py --npcs 1000 --steps 100 --dump texts.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_scripted import generated_world

from simverse.core.loader import parse_world
from simverse.memory import stream as stream_module
from simverse.memory import vectors
from simverse.world.model import World

_SAID = re.compile(r'^(?P<speaker>\S+) said to (?P<listener>\S+): "(?P<line>.*)"$', re.DOTALL)
_ACK = (r"(Yes, you told me already\. |Yes, I know that already\. |Yes, I'd heard that too\. "
        r"|I know; \S+ told me\. |I don't know \S+ well enough to say\. )?")
_LEAD = (r"(That reminds me: |Also, |And I heard that |As you told me, |Have you heard\? "
         r"|Word around Place \d+ is that |Between you and me, |Did you know that )?")
_FRAMING = re.compile("^" + _ACK + _LEAD)
_NAME = re.compile(r"\b[Nnp]\d+\b")


def shape(text: str) -> str:
    """The text with NPC names, place ids, place names, clock times and numbers abstracted."""
    text = re.sub(r"\bN\d+\b", "N#", text)
    text = re.sub(r"\bn\d+\b", "n#", text)
    text = re.sub(r"\bp\d+\b", "p#", text)
    text = re.sub(r"\d\d:\d\d", "HH:MM", text)
    return re.sub(r"\d+", "#", text)


def record(npcs: int, places: int, steps: int) -> tuple[list[tuple[int, str, str]], int]:
    """Run the benchmark town with hashing memory: (step, kind, text) of every text new to
    the book, in the order asked, and the agent-steps run."""
    new: list[tuple[int, str, str]] = []
    kinds: dict[str, str] = {}
    store, add_many = vectors.VectorBook._store, stream_module.MemoryStream.add_many

    def logged_store(self, session, missing, step):  # type: ignore[no-untyped-def]
        new.extend((step, kinds.get(t, "cue"), t) for k, t in missing.items() if k not in self.recorded)
        return store(self, session, missing, step)

    def logged_add(self, session, memories):  # type: ignore[no-untyped-def]
        for m in memories:
            kinds.setdefault(m.gist if self.config.gists and m.gist else m.text, m.kind)
        return add_many(self, session, memories)

    vectors.VectorBook._store = logged_store
    stream_module.MemoryStream.add_many = logged_add
    try:
        spec = parse_world(generated_world(npcs, places), source="generated")
        with tempfile.TemporaryDirectory() as tmp:
            world = World(spec, seed=1, db=str(Path(tmp) / "t.db"), embedder="hashing")
            world.run(steps)
            world.close()
    finally:
        vectors.VectorBook._store, stream_module.MemoryStream.add_many = store, add_many
    return new, npcs * steps


def said_forms(texts: list[str]) -> dict[str, int]:
    """Distinct lines said, whole and with a part dropped (what a gist of that form keeps)."""
    said = [m for m in (_SAID.match(t) for t in texts) if m]
    forms = {
        "whole": lambda m: m.group(0),
        "without lead-ins and acknowledgements": lambda m: (m["speaker"], m["listener"],
                                                            _FRAMING.sub("", m["line"])),
        "without the listener": lambda m: (m["speaker"], m["line"]),
        "speaker and listener either way": lambda m: (frozenset((m["speaker"], m["listener"])), m["line"]),
        "without any name": lambda m: _NAME.sub("#", m["line"]),
    }
    return {name: len({form(m) for m in said}) for name, form in forms.items()}


def report(new: list[tuple[int, str, str]], agent_steps: int, top: int) -> None:
    """Print the tables the module docstring lists."""
    texts = [t for _, _, t in new]
    print(f"{len(texts):,} new texts, {len(texts) / agent_steps:.3f} per agent-step")
    print(f"\n{'asked for by':14s} {'texts':>8s} {'share':>7s} {'/agent-step':>12s}")
    for kind, n in Counter(k for _, k, _ in new).most_common():
        print(f"{kind:14s} {n:8,d} {n / len(texts):7.1%} {n / agent_steps:12.3f}")
    shapes = Counter(shape(t) for t in texts)
    print(f"\n{len(shapes)} shapes (names, places and numbers abstracted); the {top} most common:")
    for s, n in shapes.most_common(top):
        print(f"{n:8,d}  {s[:110]}")
    print("\nlines said, distinct texts if their gist dropped a part:")
    for name, n in said_forms(texts).items():
        print(f"{n:8,d}  {name}")
    last = max((s for s, _, _ in new), default=1)
    by_tenth = Counter(min(9, 10 * (s - 1) // max(1, last)) for s, _, _ in new)
    print("\nnew texts by tenth of the run:", ", ".join(f"{by_tenth[i]:,}" for i in range(10)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npcs", type=int, default=100)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--dump", default="", help="write every new text as JSON lines (step, kind, text)")
    args = parser.parse_args()
    new, agent_steps = record(args.npcs, args.places, args.steps)
    print(f"benchmark town, {args.npcs} NPCs x {args.steps} steps")
    report(new, agent_steps, args.top)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            out.writelines(json.dumps({"step": s, "kind": k, "text": t}) + "\n" for s, k, t in new)


if __name__ == "__main__":
    main()
