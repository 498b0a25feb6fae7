"""Seeded mutations of world files, and a runner that loads each and reports what happened.

Run as a script (``python tests/core/world_fuzz.py SEED COUNT OUTDIR``) it writes COUNT
mutated files, loads each with ``load_world`` and prints one JSON line: how many loaded,
how many failed with a one-line ``WorldFileError``, and every other outcome (an exception
of another type, or an error message of more than one line) with its file.
"""

from __future__ import annotations

import json
import random
import sys
import tomllib
import warnings
from pathlib import Path
from typing import Any

import tomli_w

WORLDS = Path(__file__).resolve().parents[2] / "worlds"
ODD_VALUES: list[Any] = ["1", 1, 1.5, True, "", "x" * 5000, [], {}, ["a", 1], {"k": "v"}, -3, "../../etc",
                         "\u202e\u200b", "Mara", "harbour", "[/bold]", "25:00", 1e308]


def mutate_text(text: str, rng: random.Random) -> bytes:
    """One textual mutation of a TOML file."""
    data = text.encode("utf-8")
    kind = rng.randrange(7)
    if kind == 0:  # flip bytes
        raw = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    lines = text.splitlines(keepends=True)
    if kind == 1:  # delete lines
        for _ in range(rng.randint(1, 5)):
            lines.pop(rng.randrange(len(lines)))
    elif kind == 2:  # duplicate a line
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == 3:  # truncate
        return data[: rng.randrange(len(data))]
    elif kind == 4:  # deep nesting
        depth = rng.choice([50, 500, 5000])
        lines.insert(rng.randrange(len(lines)), "deep = " + "[" * depth + "]" * depth + "\n")
    elif kind == 5:  # unicode junk inside a line
        i = rng.randrange(len(lines))
        junk = rng.choice(["\u0000", "\ud7ff", "\ufeff", "é", "\u202e", "\x1b[31m", "'''", '"""', "{", "]"])
        cut = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:cut] + junk + lines[i][cut:]
    else:  # swap two lines
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines).encode("utf-8", "surrogatepass")


def mutate_data(data: dict, rng: random.Random) -> bytes:
    """One structural mutation: a leaf of another type, a renamed key or a removed key."""
    path = _random_path(data, rng)
    parent, key = _parent(data, path)
    kind = rng.randrange(3)
    if kind == 0:
        parent[key] = rng.choice(ODD_VALUES)
    elif kind == 1 and isinstance(parent, dict):
        parent[str(key) + rng.choice(["s", "_", "X"])] = parent.pop(key)
    elif isinstance(parent, dict):
        parent.pop(key)
    else:
        parent[key] = rng.choice(ODD_VALUES)
    return tomli_w.dumps(data).encode("utf-8")


def _random_path(node: Any, rng: random.Random) -> list:
    path: list = []
    while isinstance(node, dict | list) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = rng.choice(keys)
        path.append(key)
        node = node[key]
        if rng.random() < 0.25:
            break
    return path or ["name"]


def _parent(data: dict, path: list) -> tuple[Any, Any]:
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    return node, path[-1]


def run(seed: int, count: int, out: Path) -> dict[str, Any]:
    from simverse.core.loader import WorldFileError, load_world

    rng = random.Random(seed)
    sources = sorted(WORLDS.glob("*/world.toml"))
    report: dict[str, Any] = {"loaded": 0, "refused": 0, "other": []}
    for i in range(count):
        source = rng.choice(sources).read_text(encoding="utf-8")
        blob = mutate_text(source, rng) if i % 2 else mutate_data(tomllib.loads(source), rng)
        path = out / f"m{i:03d}" / "world.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                load_world(path)
            report["loaded"] += 1
        except WorldFileError as exc:
            report["refused"] += 1
            if "\n" in str(exc) or not str(exc).startswith(str(path)):
                report["other"].append([str(path), f"bad message: {str(exc)[:200]!r}"])
        except Exception as exc:
            report["other"].append([str(path), f"{type(exc).__name__}: {str(exc)[:200]}"])
    return report


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))))
