"""Content filter comparison: profanity libraries against simverse's filter on a labelled set.

Scores each screen on ``tests/worlds/content_filter_set.jsonl`` (bypass attempts labelled
``block``: leetspeak, spacing, homoglyphs, full-width, zero-width, inflections, compounds,
held letters, ten languages; innocent lines labelled ``allow``: place names, titles, dog
breeding, animals, quotation, substrings, other languages), and prints, per screen, the
share of bypasses caught and of innocent lines flagged, then the lines each one got wrong.

Screens: better-profanity 0.7 (English word list with leetspeak variants),
alt-profanity-check 1.9 (an English linear SVM, ``predict_prob > 0.5``), glin-profanity 4.1
(English list, then the ten languages simverse reads), and ``simverse`` (glin-profanity's
lists behind simverse's normalisation and context rules). A library that is not
installed is reported as such (better-profanity and alt-profanity-check are not
dependencies: ``pip install better-profanity alt-profanity-check`` to compare them).

Run: ``python experiments/bench/bench_content_filter.py [--set PATH] [--show]``.
Goal (issue 16): >= 90% of bypasses caught with <= 5% of innocent lines flagged.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "worlds" / "content_filter_set.jsonl"
Screen = Callable[[str], bool]


def screens() -> dict[str, Screen | str]:
    """Each screen as ``text -> blocked``, or why it is unavailable."""
    out: dict[str, Screen | str] = {}
    try:
        from better_profanity import profanity

        profanity.load_censor_words()
        out["better-profanity"] = profanity.contains_profanity
    except ImportError:
        out["better-profanity"] = "not installed"
    try:
        from profanity_check import predict_prob

        out["alt-profanity-check"] = lambda text: bool(predict_prob([text])[0] > 0.5)
    except ImportError:
        out["alt-profanity-check"] = "not installed"
    from glin_profanity import Filter

    from simverse.core.content_filter import ContentFilter
    from simverse.core.filter_lexicon import LANGUAGES

    out["glin-profanity (english)"] = Filter({"languages": ["english"]}).is_profane
    out["glin-profanity (10 languages)"] = Filter({"languages": list(LANGUAGES)}).is_profane
    screen = ContentFilter()
    out["simverse"] = lambda text: not screen.screen(text, "bench").allowed
    return out


def score(screen: Screen, rows: list[dict]) -> tuple[int, int, int, int, list[str], float]:
    """Caught bypasses, bypasses, flagged innocent lines, innocent lines, errors, seconds."""
    started = time.perf_counter()
    wrong, caught, flagged = [], 0, 0
    for row in rows:
        blocked = screen(row["text"])
        if row["label"] == "block":
            caught += blocked
        else:
            flagged += blocked
        if blocked != (row["label"] == "block"):
            wrong.append(f"{row['label']:5} {row['kind']:10} {row['text']!r}")
    bad = sum(r["label"] == "block" for r in rows)
    return caught, bad, flagged, len(rows) - bad, wrong, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="labelled JSONL set")
    parser.add_argument("--show", action="store_true", help="print the lines each screen got wrong")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    rows = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{args.set.name}: {sum(r['label'] == 'block' for r in rows)} bypass attempts, "
          f"{sum(r['label'] == 'allow' for r in rows)} innocent lines")
    print(f"{'screen':32} {'bypasses caught':>18} {'innocent flagged':>18} {'time':>8}")
    for name, screen in screens().items():
        if isinstance(screen, str):
            print(f"{name:32} {screen}")
            continue
        caught, bad, flagged, good, wrong, seconds = score(screen, rows)
        print(f"{name:32} {caught:>4}/{bad} ({100 * caught / bad:5.1f}%) {flagged:>4}/{good} "
              f"({100 * flagged / good:5.1f}%) {seconds:7.2f}s")
        if args.show:
            for line in wrong:
                print(f"    {line}")


if __name__ == "__main__":
    main()
