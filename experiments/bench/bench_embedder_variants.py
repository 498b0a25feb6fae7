"""MiniLM as shipped against cheaper variants of it, side by side in one process.

The issue on speed asks for ONNX or a quantised MiniLM "where it measurably helps". This
measures both halves of "helps" on the sentences a run embeds (every labelled player line
under ``experiments/dialogue``, as NPCs' lines are what a run embeds most): sentences per
second with the embedder's one thread, and how far each variant's vectors are from the
shipped model's (cosine per sentence; whether each sentence's nearest other sentence, and
its five nearest, stay the same: what memory retrieval ranks by).

Variants: bfloat16 matrix products under ``torch.autocast`` (what a run computes in by default
where the CPU has native bfloat16), torch dynamic int8 quantisation of every linear layer (per
tensor, and per output channel), and of the feed-forward layers alone; with ``onnxruntime`` and ``onnx`` installed
(not dependencies of simverse), the same model exported to ONNX, in float32.

Run: ``python experiments/bench/bench_embedder_variants.py [--threads 1] [--limit 1200]``.
"""

from __future__ import annotations

import argparse
import copy
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from simverse.memory.embedder import MiniLMEmbedder

SETS = Path(__file__).resolve().parents[1] / "dialogue"
Encode = Callable[[list[str]], np.ndarray]


def sentences(limit: int) -> list[str]:
    """Distinct labelled player lines, shortest first (as the run's batches sort them)."""
    lines = {json.loads(raw)["line"] for path in sorted(SETS.rglob("*.jsonl"))
             for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()}
    return sorted(lines, key=lambda t: (len(t), t))[:limit]


def torch_encoder(model: object, bfloat16: bool = False) -> Encode:
    def encode(texts: list[str]) -> np.ndarray:
        with torch.inference_mode(), torch.autocast("cpu", torch.bfloat16, enabled=bfloat16):
            return model.encode(texts, batch_size=64, normalize_embeddings=True,  # type: ignore[attr-defined]
                                convert_to_numpy=True, show_progress_bar=False)
    return encode


def quantised(model: object, layers: str, per_channel: bool) -> object:
    """A copy with int8 weights in its linear layers (``all`` or the feed-forward ``ffn``)."""
    from torch.ao.quantization import default_dynamic_qconfig, per_channel_dynamic_qconfig, quantize_dynamic

    qconfig = per_channel_dynamic_qconfig if per_channel else default_dynamic_qconfig
    linear = [n for n, m in model.named_modules() if isinstance(m, torch.nn.Linear)]  # type: ignore[attr-defined]
    if layers == "ffn":
        linear = [n for n in linear if "intermediate" in n or ("output.dense" in n and "attention" not in n)]
    return quantize_dynamic(copy.deepcopy(model), {n: qconfig for n in linear}, dtype=torch.qint8)


def onnx_encoder(model: object, threads: int, folder: Path) -> Encode | None:
    """The model exported to ONNX and run by onnxruntime, or ``None`` when not installed."""
    try:
        import onnxruntime
    except ImportError:
        return None
    bert, tokenizer = model[0].auto_model.eval(), model.tokenizer  # type: ignore[index,attr-defined]

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1)

    sample = tokenizer(["a line", "another line"], padding=True, return_tensors="pt")
    path = folder / "minilm.onnx"
    with torch.no_grad():
        torch.onnx.export(Pooled(), (sample["input_ids"], sample["attention_mask"]), str(path), dynamo=False,
                          input_names=["ids", "mask"], output_names=["vectors"], opset_version=17,
                          dynamic_axes={"ids": {0: "batch", 1: "tokens"}, "mask": {0: "batch", 1: "tokens"}})
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = threads
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def encode(texts: list[str]) -> np.ndarray:
        out = []
        for start in range(0, len(texts), 64):
            batch = tokenizer(texts[start:start + 64], padding=True, truncation=True, return_tensors="np")
            out.append(session.run(None, {"ids": batch["input_ids"].astype(np.int64),
                                          "mask": batch["attention_mask"].astype(np.int64)})[0])
        return np.concatenate(out)
    return encode


def timed(encode: Encode, texts: list[str]) -> tuple[np.ndarray, float]:
    encode(texts[:64])  # warm up
    started = time.perf_counter()
    vectors = encode(texts)
    return np.asarray(vectors, dtype=np.float32), time.perf_counter() - started


def agreement(base: np.ndarray, other: np.ndarray) -> tuple[float, float, float, float]:
    """Cosine to the shipped vectors (least, mean), same nearest sentence, overlap of the five nearest."""
    cosine = (base * other).sum(1)
    a, b = base @ base.T, other @ other.T
    np.fill_diagonal(a, -2.0)
    np.fill_diagonal(b, -2.0)
    top_a, top_b = np.argsort(-a, axis=1)[:, :5], np.argsort(-b, axis=1)[:, :5]
    five = float(np.mean([len(set(x) & set(y)) / 5 for x, y in zip(top_a, top_b, strict=True)]))
    return float(cosine.min()), float(cosine.mean()), float((a.argmax(1) == b.argmax(1)).mean()), five


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="threads (MiniLM's default on 2 CPUs: 1)")
    parser.add_argument("--limit", type=int, default=1200, help="at most this many sentences")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    texts = sentences(args.limit)
    model = MiniLMEmbedder(threads=args.threads)._loaded()
    variants: dict[str, Encode] = {
        "MiniLM float32 (shipped)": torch_encoder(model),
        "bfloat16 products (autocast; the default with native bfloat16)": torch_encoder(model, bfloat16=True),
        "int8, all linear layers, per tensor": torch_encoder(quantised(model, "all", False)),
        "int8, all linear layers, per channel": torch_encoder(quantised(model, "all", True)),
        "int8, feed-forward layers, per channel": torch_encoder(quantised(model, "ffn", True)),
    }
    with tempfile.TemporaryDirectory() as folder:
        if (exported := onnx_encoder(model, args.threads, Path(folder))) is not None:
            variants["ONNX float32 (onnxruntime)"] = exported
        base, base_seconds = timed(variants["MiniLM float32 (shipped)"], texts)
        print(f"{len(texts)} sentences, {args.threads} thread(s)")
        print("| variant | sentences/s | x shipped | cosine to shipped (least, mean) | same nearest | five kept |")
        print("|---|---|---|---|---|---|")
        for name, encode in variants.items():
            vectors, seconds = (base, base_seconds) if name.endswith("(shipped)") else timed(encode, texts)
            least, mean, nearest, five = agreement(base, vectors)
            print(f"| {name} | {len(texts) / seconds:,.0f} | {base_seconds / seconds:.2f} | {least:.4f}, {mean:.4f} "
                  f"| {100 * nearest:.1f}% | {100 * five:.1f}% |")


if __name__ == "__main__":
    main()
