"""Train the reader of :mod:`simverse.llm.dialogue.nearest_answer` on the labelled sets.

Each knowable line is labelled with the kind of the thing the NPC could tell (belief,
goal, activity, person, place, ware, persona, a place's detail) that says its answer and is
closest to the line; each line the NPC cannot know is labelled ``none``. A network of one
hidden layer (scikit-learn's ``MLPClassifier``, a maintained implementation with Adam and
a fixed seed, so a retrain gives the same weights) learns the kind from the line's MiniLM
vector, its best cosine per kind and the rules' reading of its shape (intent, question
word, question mark); the NPC runs the exported layers with numpy. Leaving each set out in
turn, it told the answer for 82.5% of knowable lines where the softmax regression before it
told 76.8%, on the same lines, and stayed quiet as often on unknowable ones. Sets named by
``--exclude`` stay out, so that they can still measure it blind; ``--check`` leaves each
set out in turn and prints how often the kind chosen for its lines says the answer, and in
all how often the reader, used as the NPC uses it, tells the answer or stays quiet;
``--check-only`` leaves out only the sets it names, and ``--against`` scores earlier weights,
as they are, on the same sets (for which they may still be unseen).

    python experiments/dialogue/train_answer_kinds.py --exclude heldout57
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
from sklearn.neural_network import MLPClassifier

from simverse.agents.player import PLAYER_TURN_BASE, _hear
from simverse.core.decisions import Turn
from simverse.experiments.dialogue_eval import DEFAULT_SET, LabelledLine, load_lines, says
from simverse.llm.dialogue.claims import last_line_checked
from simverse.llm.dialogue.heard import Heard
from simverse.llm.dialogue.nearest_answer import (
    CLASSES,
    KINDS,
    SURE,
    WEIGHTS_FILE,
    Layers,
    best_per_kind,
    candidates,
    features,
    nearest_of,
    probabilities,
    told,
    weights_in,
)
from simverse.llm.dialogue.replying import hear
from simverse.llm.dialogue.voice import voice_for
from simverse.world.model import World

HIDDEN, ALPHA, MAX_ITER = 32, 0.1, 1000
"""Hidden units, L2 strength and most training epochs of the network."""


def sets(exclude: set[str]) -> list[str]:
    """The default set and every set folder, less ``exclude``."""
    folders = sorted(p.name for p in DEFAULT_SET.iterdir() if p.is_dir() and any(p.glob("*.jsonl")))
    return [s for s in ["default", *folders] if s not in exclude]


def examples(names: list[str]) -> tuple[np.ndarray, np.ndarray, list[str], list[list[bool]]]:
    """Features, class index, set name and, per class, whether that kind's nearest thing
    says the answer, for every knowable or unknowable line of the sets."""
    rows, labels, origin, right = [], [], [], []
    worlds: dict[str, World] = {}
    for name in names:
        for line in load_lines(DEFAULT_SET if name == "default" else DEFAULT_SET / name):
            if line.kind not in ("knowable", "unknown"):
                continue
            if line.world not in worlds:
                worlds[line.world] = World(line.world, seed=0, embedder="minilm")
            world = worlds[line.world]
            x, says_it, closest = _example(world, line)
            kinds = [k for k, ok in zip(CLASSES, says_it, strict=True) if ok]
            label = "none" if line.kind == "unknown" else next((k for k in closest if k in kinds), None)
            if label is None:
                continue  # nothing the NPC could tell says it (its own role, a count...)
            rows.append(x)
            labels.append(CLASSES.index(label))
            origin.append(name)
            right.append(says_it)
    for world in worlds.values():
        world.close()
    return np.stack(rows), np.asarray(labels), origin, right


def _example(world: World, line: LabelledLine) -> tuple[np.ndarray, list[bool], list[str]]:
    """The line's features, whether each class's nearest thing says the answer, and the
    kinds by the line's best cosine to each, closest first."""
    speaker = line.speaker or "Player"
    with world.store.session() as s, s.begin():
        req = _hear(world, s, line.npc, speaker, [Turn(speaker, line.line)], PLAYER_TURN_BASE)
    model = world.brain.intents
    found = candidates(req)
    reading, topics, cues = hear(req)
    x, close = features(model, last_line_checked(req), found, reading, model.classify([reading], [cues])[0])
    h = Heard(req, reading, "ask_about", topics, voice_for(req), random.Random(0))
    says_it = []
    for kind in CLASSES:
        best = nearest_of(kind, found, close)
        # a place's detail is told with the place's name, but only its sentence answers
        said = "" if best is None else best.said if best.kind == "detail" else told(h, best)[0]
        says_it.append((kind == "none" and line.kind == "unknown") or any(says(said, e) for e in line.expect))
    return x, says_it, [KINDS[i] for i in np.argsort(-np.asarray(best_per_kind(found, close)))]


def train(x: np.ndarray, y: np.ndarray) -> Layers:
    """A network of one hidden layer (scikit-learn's ``MLPClassifier``: Adam, L2, a fixed
    seed), as the reader's layers."""
    net = MLPClassifier((HIDDEN,), activation="tanh", alpha=ALPHA, max_iter=MAX_ITER, random_state=0)
    net.fit(x, y)
    if list(net.classes_) != list(range(len(CLASSES))):
        raise ValueError(f"every class needs labelled lines; these have only {[CLASSES[c] for c in net.classes_]}")
    return tuple((np.asarray(w, dtype=np.float32), np.asarray(b, dtype=np.float32))
                 for w, b in zip(net.coefs_, net.intercepts_, strict=True))


def check(x: np.ndarray, y: np.ndarray, origin: list[str], right: list[list[bool]], names: list[str],
          against: Layers | None = None) -> None:
    """Leave each of ``names`` out in turn: per set, how often the kind chosen says the answer
    (or is none, where unknowable); in all, as the reader is used (a kind only when at least
    :data:`SURE` sure), the share of knowable lines whose answer it tells and of unknowable
    ones where it adds nothing; with ``against``, the same for those weights, kept as they
    are (a reader trained before, for which these sets may still be unseen)."""
    where = np.asarray(origin)
    none = CLASSES.index("none")
    told = dict.fromkeys(["retrained", *(["against"] if against is not None else [])], 0)
    quiet = dict(told)
    for name in names:
        rows = np.flatnonzero(where == name)
        nets = {"retrained": train(x[where != name], y[where != name])} | (
            {"against": against} if against is not None else {})
        for label, layers in nets.items():
            p = probabilities(layers, x[rows])
            chosen = p.argmax(axis=1)
            share = np.mean([right[r][c] for r, c in zip(rows, chosen, strict=True)])
            print(f"{name} ({label}): the kind chosen says the answer (or none, where unknowable) for {share:.1%}")
            adds = (chosen != none) & (p.max(axis=1) >= SURE)
            for r, c, added in zip(rows, chosen, adds, strict=True):
                if y[r] == none:
                    quiet[label] += not added
                else:
                    told[label] += bool(added and right[r][c])
    left_out = np.isin(where, names)
    unknowable = int(np.sum(y[left_out] == none))
    knowable = int(np.sum(left_out)) - unknowable
    for label in told:
        print(f"in all ({label}), at least {SURE} sure: the answer told for {told[label] / knowable:.1%} of "
              f"{knowable} knowable lines, nothing added to {quiet[label] / unknowable:.1%} of {unknowable} unknowable")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exclude", nargs="*", default=[], help="sets kept out of training")
    parser.add_argument("--check", action="store_true", help="leave each set out in turn and score it")
    parser.add_argument("--check-only", nargs="*", default=None, help="with --check: leave out only these sets")
    parser.add_argument("--against", type=Path, help="with --check: score these weights too, as they are")
    args = parser.parse_args()
    names = sets(set(args.exclude))
    x, y, origin, right = examples(names)
    print(f"{len(y)} lines from {len(names)} sets; by kind: "
          + ", ".join(f"{k} {int(np.sum(y == i))}" for i, k in enumerate(CLASSES)))
    if args.check:
        against = weights_in(args.against) if args.against else None
        check(x, y, origin, right, args.check_only or names, against)
    layers = train(x, y)
    WEIGHTS_FILE.write_text(json.dumps({
        "classes": list(CLASSES), "encoder": "minilm", "sets": names, "lines": len(y),
        "layers": [{"weights": [[round(float(v), 6) for v in row] for row in w],
                    "bias": [round(float(v), 6) for v in b]} for w, b in layers]}) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
