"""Distil the scripted brain of harbor_town into a tiny random-weight model, offline.

1. run harbor_town with the scripted brain for the train seeds and the test seeds;
2. ``simverse dataset``'s code builds the examples, the test seeds' runs held out whole
   (and any test prompt also seen in training dropped);
3. a tiny random-weight Llama is built from a config, its tokenizer trained on the train
   split's text only (no hub, nothing downloaded); by default the copy-friendly one of
   :mod:`simverse.finetune.student`, where a name is the same token in prompt and answer;
4. before and after fine-tuning (``simverse finetune``'s code: a pre-training pass on the
   train split's whole chats, then a pass on the answers; every weight by default, as a
   random-weight student needs, or ``--train lora``), the model answers the held-out
   examples through the transformers backend, greedy and WITHOUT constrained decoding,
   and we print: the share of schema-valid answers, agreement with the teacher's action
   next to the majority-action baseline, and tokens per second.

Run: ``python experiments/finetune/distil_scripted.py --threads 1`` (see docs/finetune.md
for its time and figures). Results go to ``WORK/results.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from simverse.core.loader import load_world
from simverse.core.seeds import derive_seed
from simverse.finetune.dataset import DatasetOptions, build_dataset, write_dataset
from simverse.finetune.evaluation import evaluate
from simverse.finetune.passes import finetune_in_passes
from simverse.finetune.repeats import parse_repeat
from simverse.finetune.report import report_lines, write_report
from simverse.finetune.student import build_student
from simverse.finetune.training import TrainConfig
from simverse.llm.tiny_model import TinyShape, build_tiny_model
from simverse.llm.transformers_backend import TransformersBackend
from simverse.world.model import World


def shape(args: argparse.Namespace) -> TinyShape:
    """The tiny model: ``--hidden`` wide, ``--layers`` deep, ``--vocab`` tokens."""
    return TinyShape(hidden_size=args.hidden, intermediate_size=2 * args.hidden, num_hidden_layers=args.layers,
                     num_attention_heads=args.heads, num_key_value_heads=args.heads // 2, vocab_size=args.vocab,
                     max_position_embeddings=2048)


def simulate(db: Path, seeds: list[int], steps: int) -> dict[int, int]:
    """Run harbor_town once per seed into ``db``; returns seed -> run id."""
    ids = {}
    for seed in seeds:
        started = time.perf_counter()
        world = World(load_world("harbor_town"), seed=seed, db=str(db), llm="scripted", memory=False)
        world.run(steps)
        world.close()
        ids[seed] = world.run_id
        print(f"  seed {seed}: run {world.run_id}, {steps} steps in {time.perf_counter() - started:.0f} s")
    return ids


def sample(rows: list[dict], limit: int) -> list[dict]:
    """A seeded, step-spread subset of at most ``limit`` examples."""
    ordered = sorted(rows, key=lambda r: derive_seed(0, "finetune-eval-sample", r["run_id"], r["decision_id"]))
    return ordered[:limit]


def show(label: str, result) -> None:
    print(f"  {label:<7} schema-valid {100 * result.schema_valid:5.1f}%   "
          f"action agreement {100 * result.agreement:5.1f}% (majority '{result.majority_action}' "
          f"{100 * result.majority_baseline:.1f}%)   act-only {100 * result.act_agreement:5.1f}% "
          f"(majority '{result.act_majority_action}' {100 * result.act_majority_baseline:.1f}%)   "
          f"{result.tokens_per_s:7.1f} tokens/s ({result.completion_tokens} tokens in {result.seconds:.1f} s)")


def distil(args: argparse.Namespace, base: str, data_dir: Path, out: Path):
    """``simverse finetune``'s two passes: ``--pretrain-epochs`` with the loss on whole chats
    (every weight; ``--full --prompt-loss-epochs``), then ``--epochs`` on the answers
    (``--train``: every weight, or a LoRA adapter with the norms and embeddings)."""
    config = TrainConfig(base=base, dataset=str(data_dir), out=str(out), epochs=args.epochs,
                         batch_size=args.batch_size, learning_rate=args.learning_rate, lora_r=args.lora_r,
                         lora_alpha=args.lora_alpha, train_norms=True, train_embeddings=True,
                         full=args.train == "full", lr_scheduler=args.scheduler, warmup_ratio=args.warmup,
                         repeat=dict(parse_repeat(spec) for spec in args.repeat),
                         device="cpu", save_steps=100, logging_steps=10, seed=0)
    first, result = finetune_in_passes(config, args.pretrain_epochs)
    if first is not None:
        print(f"  pre-training: {first.steps} steps; loss on whole chats {first.losses[0][1]:.3f} -> "
              f"{first.losses[-1][1]:.3f} in {first.seconds:.0f} s")
    return first, result


def parse_args() -> argparse.Namespace:
    """The command line (its defaults are the measured setting in docs/finetune.md)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=None, help="working directory (default: a new temporary one)")
    parser.add_argument("--steps", type=int, default=24, help="steps per run (30 simulated minutes each)")
    parser.add_argument("--train-seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5, 10, 11, 12, 13, 14])
    parser.add_argument("--test-seeds", type=int, nargs="+", default=[6, 7])
    parser.add_argument("--eval-limit", type=int, default=400, help="held-out examples to answer")
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--vocab", type=int, default=2048)
    parser.add_argument("--tokenizer", choices=["copy", "gpt2"], default="copy",
                        help="copy: words keep their trailing space, so names are the same token in prompt "
                             "and answer (simverse.finetune.student); gpt2: the usual leading space")
    parser.add_argument("--train", choices=["full", "lora"], default="full",
                        help="full: every weight (a random-weight student); lora: an adapter, with the "
                             "norms and embeddings trained in full")
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--lora-alpha", type=int, default=32)
    parser.add_argument("--scheduler", default="cosine")
    parser.add_argument("--warmup", type=float, default=0.05)
    parser.add_argument("--pretrain-epochs", type=float, default=3.0,
                        help="first learn the train split's whole chats (prompt and answer; 0: skip)")
    parser.add_argument("--epochs", type=float, default=1.5, help="then learn the answers")
    parser.add_argument("--repeat", nargs="*", default=["reply=4", "move=2"],
                        help="KIND=N: each train example of this mode or action appears N times (none: '--repeat')")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    work = Path(args.work or tempfile.mkdtemp(prefix="simverse-distil-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"work directory: {work}")
    print("1. scripted harbor_town runs")
    db = work / "harbor_town.db"
    if db.exists():
        db.unlink()
    runs = simulate(db, args.train_seeds + args.test_seeds, args.steps)

    print("2. dataset (test seeds held out)")
    t = time.perf_counter()
    train, test, meta = build_dataset(str(db), DatasetOptions(test_runs=[runs[s] for s in args.test_seeds]))
    data_dir = write_dataset(work / "dataset", train, test, meta)
    split = meta["split"]
    print(f"  {split['train']} train / {split['test']} test examples in {time.perf_counter() - t:.0f} s "
          f"({split['shared_prompts_dropped']} test prompts also in train dropped)")

    print("3. tiny random-weight model (tokenizer trained on the train split)")
    corpus = [m["content"] for e in train for m in e["messages"]]
    tiny = shape(args)
    if args.tokenizer == "copy":
        model_dir = build_student(work / "tiny", tiny, corpus)
    else:
        model_dir = build_tiny_model(work / "tiny", shape=tiny, corpus=corpus, tokenizer_vocab=tiny.vocab_size)
    held_out = sample(test, args.eval_limit)
    backend = TransformersBackend(str(model_dir), device="cpu", max_batch_size=16)
    answer_tokens = [len(backend.tokenizer(e["messages"][-1]["content"])["input_ids"]) for e in held_out]
    max_new = max(96, max(answer_tokens) + 8)
    print(f"  {len(held_out)} held-out examples; teacher answers up to {max(answer_tokens)} tokens; "
          f"max_new_tokens {max_new}")
    before = evaluate(backend, held_out, train, max_new_tokens=max_new)

    print(f"4. {args.pretrain_epochs:g} epochs on the train split's whole chats, then {args.epochs:g} "
          f"on the answers ({args.train})")
    first, result = distil(args, str(model_dir), data_dir, work / "distilled")
    report = write_report(result, first)
    for line in report_lines(report):
        print(f"  {line}")
    after = evaluate(TransformersBackend(result.output, device="cpu", max_batch_size=16), held_out, train,
                     max_new_tokens=max_new)

    print("5. held-out answers, greedy, no constrained decoding")
    show("before", before)
    show("after", after)
    total = time.perf_counter() - started
    print(f"total {total:.0f} s on a loaded machine")
    (work / "results.json").write_text(json.dumps({
        "args": vars(args), "runs": runs, "split": split, "max_new_tokens": max_new,
        "before": before.as_dict(), "after": after.as_dict(), "training": report, "seconds": total,
    }, indent=2) + "\n")


if __name__ == "__main__":
    main()
