"""Benchmark: batched LLM decisions vs one call per agent vs bare ``model.generate``.

Builds a random-weight Llama of SmolLM2-135M shape (hidden 576, intermediate 1536, 30
layers, 9 heads, 3 KV heads, vocab 49152) with a BPE tokenizer trained on the benchmark's
own prompts (so a prompt is a realistic ~250 tokens; the config pads the vocabulary to
49152), and times, on CPU, for N NPCs and T new tokens:

  (a) ``LLMBrain.decide_batch`` over the transformers backend: one batched generate;
  (b) the same prompts as sequential per-agent calls (batch size 1), as peers do;
  (c) bare ``model.generate`` on the same left-padded batch (no prompts, no parsing);
  (d) the same decisions replayed from the recorded calls in SQLite (no model);

then, side by side in the same run, the brain as a run uses it (schema on, retry rule on,
skip rule off, answers ended by the model or the grammar, not forced to T tokens):

  (e) constrained decoding in-process (llguidance) vs (f) the same model unconstrained:
      LLM calls per active agent-step (decision calls, retries included, per decision the
      model was asked for), the share of first answers that are schema-valid JSON, and
      completion tokens per second;
  (g) through ``transformers serve`` on 127.0.0.1 (``--server``; it ignores
      ``response_format``, so answers are unconstrained): the same figures;
  (i) the batch of (a) with the transformers backend's shared-prefix cache on (the default)
      and off, alternating: the wall time of each and the speedup, with the share of prompt
      tokens the batch shares (the world brief the prompts open with);
  (h) a whole world (harbor_town, memory on with the default MiniLM embedder) run live on
      the model for ``--world-steps`` steps, then replayed from its database with no model
      and no embedder (recorded LLM calls and stored text vectors answer): both timed end
      to end, world start included, and the two databases proved identical.

Every variant is forced to generate exactly T tokens per request (``min_new_tokens =
max_new_tokens``), so they do equal work even though random weights would stop early.
Random weights write junk, so the brain's retry batch is off here (``retry_invalid=False``)
to compare one generation pass with one generation pass; parsing and defaulting still run.
(b) is measured on the first ``--seq-sample`` agents (default 8): its rate is per
decision and does not depend on how many agents wait their turn, so a sample keeps the
run short; pass ``--seq-sample 0`` to time all of them.

    python experiments/bench/bench_llm.py --npcs 32 --new-tokens 32
    python experiments/bench/bench_llm.py --npcs 32 --new-tokens 16 --only-prefix
    python experiments/bench/bench_llm.py --npcs 16 --new-tokens 96 --only-constraints --server
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import jsonschema
import torch
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

import simverse.store  # noqa: F401  (registers every table)
from simverse.core.decisions import ActionSpec, DecisionRequest, FactView, MemoryView, Turn
from simverse.core.llm_protocol import SamplingParams
from simverse.llm.brain import LLMBrain
from simverse.llm.openai_backend import OpenAIBackend
from simverse.llm.prompts import decision_messages
from simverse.llm.recording import RecordingBackend, ReplayBackend, store_calls
from simverse.llm.tiny_model import SMOLLM2_135M, build_tiny_model
from simverse.llm.transformers_backend import TransformersBackend, shared_prefix_length
from simverse.store.base import Base
from simverse.store.digest import differing_tables, run_digest
from simverse.world.model import World

NAMES = ["Mara", "Tom", "Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivo",
         "Jule", "Kai", "Lena", "Milo", "Nora"]
PLACES = ["bakery", "square", "harbor", "tavern", "mill", "market", "chapel", "dock"]
ACTIONS = [
    ActionSpec("wait", "do nothing for a while"),
    ActionSpec("move", "walk to a neighbouring place", {"place": "place"}),
    ActionSpec("talk", "say something to someone here", {"npc": "npc"}),
    ActionSpec("buy", "buy an item sold here", {"item": "item"}),
]


WORLD_BRIEF = ("The world: a river town of eight places (" + ", ".join(PLACES) + "). People trade bread, "
               "apples and fish for coins, talk about what they saw, and keep their secrets from those "
               "they do not trust.\n" + "\n".join(f"- {a.name}: {a.description}" for a in ACTIONS))


def synthetic_request(i: int) -> DecisionRequest:
    """A realistic act request for NPC ``i`` (varied place, people, memories, talk)."""
    npc = f"{NAMES[i % len(NAMES)]}{i // len(NAMES) or ''}"
    place = PLACES[i % len(PLACES)]
    others = [NAMES[(i + k) % len(NAMES)] for k in (1, 3, 5)][: 1 + i % 3]
    return DecisionRequest(
        step=12, npc=npc, seed=1000 + i, mode="reply" if i % 4 == 3 else "act",
        persona=f"{npc} works at the {place}; talkative, a little suspicious of strangers.",
        traits=["curious", "stubborn"], goals=["earn enough coins for winter"],
        time_label="day 2, late morning", hour=10.0 + i % 3, weather="drizzle",
        place=place, place_description=f"The {place}, busy at this hour.",
        neighbours=[PLACES[(i + 1) % 8], PLACES[(i + 3) % 8]],
        people_here=[npc, *others], items_here=["bread", "apples"][: 1 + i % 2],
        inventory=["coins"], needs={"hunger": 0.1 * (i % 7), "energy": 0.6},
        properties={"coins": 10 + i}, schedule_place=PLACES[(i + 1) % 8],
        schedule_activity="trade at the market", schedule_action="buy", actions=ACTIONS,
        facts=[FactView(f"f{i}", f"The mill on the river burned down on day {1 + i % 2}.",
                        "mill", "state", "burned"),
               FactView(f"g{i}", "The harbor master owes the baker ten coins.",
                        "harbor master", "owes", "baker")],
        memories=[MemoryView(f"{others[0]} looked worried at the {place} this morning.",
                             "observation", 11, 0.7)],
        observations=[f"{others[0]} said: 'Did you hear about the mill?'",
                      "It started to drizzle."],
        partner=others[0] if i % 4 == 3 else None,
        conversation=[Turn(others[0], "Did you hear about the mill?")] if i % 4 == 3 else [],
        relationships={others[0]: 0.4},
        world_brief=WORLD_BRIEF,
    )


def build_model(workdir: Path, requests: list[DecisionRequest]) -> Path:
    """Random SmolLM2-135M-shaped Llama with a tokenizer trained on these prompts."""
    corpus = [m.content for r in requests for m in decision_messages(r)]
    return build_tiny_model(workdir, SMOLLM2_135M, corpus=corpus * 3, tokenizer_vocab=4096)


def timed(fn):
    """Wall seconds and process CPU seconds taken by ``fn()``, and its result. CPU time
    (all threads) is reported too because wall time on a shared machine is noisy."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def bare_generate(backend: TransformersBackend, requests: list[DecisionRequest],
                  new_tokens: int) -> tuple[float, float]:
    """(c): render, tokenize (left padded) and one ``model.generate``, nothing else."""
    prompts = [backend.tokenizer.apply_chat_template(
        [{"role": m.role, "content": m.content} for m in decision_messages(r)],
        add_generation_prompt=True, tokenize=False) for r in requests]
    enc = backend.tokenizer(prompts, return_tensors="pt", padding=True,
                            add_special_tokens=False)
    with torch.inference_mode():
        elapsed, out = timed(lambda: backend.hf_model.generate(
            **enc, do_sample=False, max_new_tokens=new_tokens, min_new_tokens=new_tokens,
            pad_token_id=backend.tokenizer.pad_token_id))
    assert out.shape[1] - enc["input_ids"].shape[1] == new_tokens
    return elapsed


def world_replay(model: Path, workdir: Path, steps: int) -> None:
    """(h): live world run vs its replay, memory on (MiniLM), end to end; same database."""
    live_db, replay_db = workdir / "live.db", workdir / "replay.db"

    def live() -> World:
        world = World("harbor_town", seed=1, db=str(live_db), llm=f"transformers:{model}")
        world.run(steps)
        return world

    def replay() -> World:
        world = World("harbor_town", seed=1, db=str(replay_db), llm=f"transformers:{model}",
                      replay=str(live_db))
        world.run(steps)
        return world

    (t_live, _), live_world = timed(live)
    (t_replay, _), replayed = timed(replay)
    differ = differing_tables(run_digest(live_world.store, live_world.run_id),
                              run_digest(replayed.store, replayed.run_id))
    embedded = replayed.minds.stream.book.embedded
    live_world.close()
    replayed.close()
    npcs = len(live_world.npc_names)
    print(f"(h) harbor_town, {npcs} NPCs, {steps} steps, memory on (MiniLM), end to end:")
    print(f"    live on the model {t_live:.2f} s, replay {t_replay:.2f} s "
          f"(texts embedded in the replay: {embedded}) -> replay/live = {t_live / t_replay:.0f}x "
          f"(goal >= 20x); databases {'identical' if not differ else 'DIFFER in ' + ', '.join(differ)}")


def run_brain(brain: LLMBrain, requests: list[DecisionRequest]) -> dict[str, float]:
    """Decide once for all requests; the figures of (e), (f) and (g)."""
    backend = brain.backend
    seen: list = []
    real = backend.generate_batch

    def spy(batch):
        answers = real(batch)
        seen.extend(zip(batch, answers, strict=True))
        return answers

    backend.generate_batch = spy
    try:
        (wall, _), decisions = timed(lambda: brain.decide_batch(requests))
    finally:
        del backend.generate_batch
    stats = brain.take_stats()
    asked = len(decisions) - stats.skipped
    first = [(req, ans) for req, ans in seen if not req.tag.endswith("retry")]
    valid = sum(1 for req, ans in first if schema_valid(ans.text, req.json_schema))
    return {"calls_per_step": stats.llm_calls / max(1, asked), "valid_share": valid / max(1, len(first)),
            "tokens_per_s": stats.completion_tokens / max(wall, 1e-9), "wall": wall,
            "defaulted": stats.defaulted, "retried": stats.retried, "decisions": len(decisions)}


def schema_valid(text: str, schema: dict | None) -> bool:
    """True when the whole answer is JSON that fits the schema."""
    try:
        jsonschema.validate(json.loads(text), schema or {})
    except (ValueError, jsonschema.ValidationError):
        return False
    return True


def constraint_rows(path: Path, requests: list[DecisionRequest], sampling: SamplingParams,
                    repeats: int) -> list[tuple[str, dict[str, float]]]:
    """(e) constrained vs (f) unconstrained, alternating, best wall time of each kept."""
    backend = TransformersBackend(str(path), device="cpu", max_batch_size=len(requests))
    best: dict[bool, dict[str, float]] = {}
    for repeat in range(max(1, repeats)):
        for constrain in ((True, False) if repeat % 2 == 0 else (False, True)):
            backend.constrain = constrain
            brain = LLMBrain(backend, sampling=sampling, skip_idle=False)
            figures = run_brain(brain, requests)
            print(f"  timed ({'e' if constrain else 'f'}) {figures['wall']:.1f}s (wall)", flush=True)
            if constrain not in best or figures["wall"] < best[constrain]["wall"]:
                best[constrain] = figures
    return [("(e) in-process, constrained (llguidance)", best[True]),
            ("(f) in-process, unconstrained", best[False])]


def server_rows(path: Path, requests: list[DecisionRequest],
                sampling: SamplingParams) -> list[tuple[str, dict[str, float]]]:
    """(g): the brain through ``transformers serve`` of the same model on 127.0.0.1."""
    exe = Path(sys.executable).with_name("transformers")
    command = str(exe) if exe.exists() else shutil.which("transformers")
    if command is None:
        print("  (g) skipped: the `transformers serve` command is not installed")
        return []
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([command, "serve", str(path), "--host", "127.0.0.1", "--port", str(port),
                             "--device", "cpu", "--log-level", "error"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).is_success:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        backend = OpenAIBackend(f"http://127.0.0.1:{port}/v1", str(path), timeout_s=600)
        seed = backend.probe_seed()
        figures = run_brain(LLMBrain(backend, sampling=sampling, skip_idle=False), requests)
        print(f"  timed (g) {figures['wall']:.1f}s (wall); server seed support: {seed}", flush=True)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    return [("(g) transformers serve (ignores response_format)", figures)]


def print_constraint_rows(rows: list[tuple[str, dict[str, float]]]) -> None:
    """The calls-per-agent-step, validity and tokens/s table, and the tokens/s ratio."""
    print(f"{'variant':48s} {'calls/agent-step':>16s} {'schema-valid':>12s} {'tokens/s':>9s} "
          f"{'retried':>8s} {'defaulted':>9s}")
    for label, f in rows:
        print(f"{label:48s} {f['calls_per_step']:16.2f} {100 * f['valid_share']:11.0f}% "
              f"{f['tokens_per_s']:9.1f} {f['retried']:8d} {f['defaulted']:9d}")
    e, f = rows[0][1], rows[1][1]
    print(f"(e)/(f) constrained / unconstrained tokens per second = "
          f"{e['tokens_per_s'] / max(f['tokens_per_s'], 1e-9):.2f} (same run, side by side)")


def main() -> None:
    """Run all variants once and print rates and ratios side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npcs", type=int, default=32)
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--seq-sample", type=int, default=8,
                        help="time (b) on the first this many agents (0 = all); its "
                             "rate is per decision, so a sample keeps the run short")
    parser.add_argument("--temperature", type=float, default=0.7,
                        help="LLMBrain sampling temperature (top_p 0.95); 0 = greedy like (c)")
    parser.add_argument("--repeats", type=int, default=1,
                        help="time (a) and (c), and (e) and (f), this many times, alternating; keep the best")
    parser.add_argument("--only-constraints", action="store_true", help="skip (a)-(d)")
    parser.add_argument("--only-prefix", action="store_true", help="run only (i), the shared-prefix cache")
    parser.add_argument("--server", action="store_true", help="also run (g) through transformers serve")
    parser.add_argument("--world-steps", type=int, default=3,
                        help="(h): steps of the live and replayed world run (0 skips it)")
    args = parser.parse_args()

    requests = [synthetic_request(i) for i in range(args.npcs)]
    sampling = SamplingParams(max_new_tokens=args.new_tokens, temperature=args.temperature,
                              top_p=0.95)
    with tempfile.TemporaryDirectory() as tmp:
        (t_build, _), path = timed(lambda: build_model(Path(tmp) / "smol", requests))
        print(f"model: SmolLM2-135M shape, random weights, built in {t_build:.1f}s; "
              f"torch threads {torch.get_num_threads()}", flush=True)
        if args.only_prefix:
            prefix_cache_rows(path, requests, sampling, args.repeats)
            return
        if not args.only_constraints:
            throughput(path, requests, sampling, args)
            prefix_cache_rows(path, requests, sampling, args.repeats)
        rows = constraint_rows(path, requests, sampling, args.repeats)
        if args.server:
            rows += server_rows(path, requests, sampling)
        if args.world_steps:
            world_replay(path, Path(tmp), args.world_steps)
    print(f"{args.npcs} NPCs, up to {args.new_tokens} new tokens, temperature {args.temperature}, "
          "skip rule off, retry rule on")
    print_constraint_rows(rows)


def throughput(path: Path, requests: list[DecisionRequest], sampling: SamplingParams,
               args: argparse.Namespace) -> None:
    """(a)-(d): batched vs per-agent vs bare generate vs replay, forced to T tokens."""
    backend = TransformersBackend(str(path), device="cpu", max_batch_size=args.npcs,
                                  force_max_new_tokens=True)
    bare_generate(backend, requests[:4], 2)  # warm up kernels and allocator
    t_a = t_c = (float("inf"), float("inf"))
    for repeat in range(max(1, args.repeats)):  # alternate the order: no position bias
        recorder = RecordingBackend(backend, run_id=1)
        brain = LLMBrain(recorder, sampling=sampling, use_schema=False, skip_idle=False,
                         retry_invalid=False)
        if repeat % 2:
            bare = bare_generate(backend, requests, args.new_tokens)
        elapsed, decisions = timed(lambda: brain.decide_batch(requests))  # noqa: B023
        if not repeat % 2:
            bare = bare_generate(backend, requests, args.new_tokens)
        t_a, t_c = min(t_a, elapsed), min(t_c, bare)
        print(f"  timed (a) {elapsed[0]:.1f}s, (c) {bare[0]:.1f}s (wall)", flush=True)
    stats = brain.take_stats()
    prompt_mean = stats.prompt_tokens / max(1, stats.llm_calls)
    completion_mean = stats.completion_tokens / max(1, stats.llm_calls)

    seq = requests[: args.seq_sample or len(requests)]
    single = LLMBrain(backend, sampling=sampling, use_schema=False, skip_idle=False,
                      retry_invalid=False)
    t_b, _ = timed(lambda: [single.decide_batch([r]) for r in seq])
    print(f"  timed (b) {t_b[0]:.1f}s for {len(seq)} agents (wall)", flush=True)

    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        store_calls(session, recorder.drain())
        session.commit()
        replay = LLMBrain(ReplayBackend.from_session(session, 1), sampling=sampling,
                          use_schema=False, skip_idle=False, retry_invalid=False)
        t_d, replayed = timed(lambda: replay.decide_batch(requests))
    assert replayed == decisions, "replay diverged from the live run"

    n, n_seq = len(requests), len(seq)
    print(f"{args.npcs} NPCs, {args.new_tokens} new tokens each, prompt mean "
          f"{prompt_mean:.0f} tokens, completion mean {completion_mean:.0f}")
    print(f"statuses (random weights): {stats.valid} valid, {stats.repaired} repaired, "
          f"{stats.defaulted} defaulted")
    rows = [("(a) LLMBrain, one batched generate", t_a, n),
            (f"(b) sequential per-agent calls ({n_seq} timed)", t_b, n_seq),
            ("(c) bare model.generate, same batch", t_c, n),
            ("(d) replay from SQLite, no model", t_d, n)]
    print(f"{'variant':44s} {'wall s':>9s} {'cpu s':>9s} {'dec/s wall':>11s} {'dec/cpu-s':>10s}")
    for label, (wall, cpu), count in rows:
        print(f"{label:44s} {wall:9.3f} {cpu:9.3f} {count / wall:11.2f} "
              f"{count / max(cpu, 1e-9):10.2f}")

    def ratio(x, nx, y, ny, k):
        return (nx / x[k]) / (ny / y[k])

    for name, (x, nx), (y, ny), goal in (("(a)/(b)", (t_a, n), (t_b, n_seq), "2.3"),
                                         ("(a)/(c)", (t_a, n), (t_c, n), "0.85")):
        print(f"{name} = {ratio(x, nx, y, ny, 0):.2f} wall, {ratio(x, nx, y, ny, 1):.2f} cpu"
              f"  (goal >= {goal})")
    print(f"(d)/(a) replay vs live = {ratio(t_d, n, t_a, n, 0):.0f}x (wall)")


def prefix_cache_rows(path: Path, requests: list[DecisionRequest], sampling: SamplingParams,
                      repeats: int) -> None:
    """(i): the same batched decisions with the shared-prefix cache on and off, alternating."""
    best = {True: float("inf"), False: float("inf")}
    backends = {on: TransformersBackend(str(path), device="cpu", max_batch_size=len(requests),
                                        force_max_new_tokens=True, prefix_cache=on) for on in (True, False)}
    for repeat in range(max(1, repeats)):
        for on in ((True, False) if repeat % 2 == 0 else (False, True)):
            brain = LLMBrain(backends[on], sampling=sampling, use_schema=False, skip_idle=False,
                             retry_invalid=False)
            (wall, _), _ = timed(lambda: brain.decide_batch(requests))  # noqa: B023
            best[on] = min(best[on], wall)
            print(f"  timed (i) prefix cache {'on' if on else 'off'} {wall:.1f}s (wall)", flush=True)
    tokenizer = backends[True].tokenizer
    ids = [tokenizer.apply_chat_template([{"role": m.role, "content": m.content} for m in decision_messages(r)],
                                         add_generation_prompt=True, tokenize=True) for r in requests]
    ids = [list(row["input_ids"]) if isinstance(row, dict) or hasattr(row, "keys") else list(row) for row in ids]
    shared = shared_prefix_length(ids)
    print(f"(i) shared prefix {shared} of {sum(map(len, ids)) / len(ids):.0f} prompt tokens on average "
          f"({100 * shared * len(ids) / sum(map(len, ids)):.0f}%); batch of {len(requests)}: "
          f"cache on {best[True]:.2f} s, off {best[False]:.2f} s, speedup {best[False] / best[True]:.2f}x (wall)")


if __name__ == "__main__":
    main()
