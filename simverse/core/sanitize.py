"""Make model text safe to store, print and show to the next prompt.

A model (or a hostile server) can answer with anything: lone surrogates (``\\udcff``,
which no UTF-8 encoder accepts), NUL bytes, terminal escape sequences, bidirectional
overrides, invalid UTF-8. :func:`clean_text` turns any of that into plain text: lone
surrogates and undecodable bytes become U+FFFD, ANSI escape sequences and control
characters other than newline and tab are removed. :func:`clean_json` does the same to
every string (keys included) of a parsed JSON value, since JSON escapes (``\\u0000``) can
smuggle them past a clean transport. :func:`cap_text` bounds stored completions.

A person's text (an injected event, a line said to an NPC) is not cleaned but refused by
:func:`check_plain_text` when it holds what :func:`clean_text` would drop: a lone surrogate
(bytes that are not UTF-8 on the command line) cannot be stored or tokenized, and a NUL
cuts the line short in every SQLite reader.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
CUT_MARK = "\n[cut: {total} characters in all]"


def clean_bytes(data: bytes) -> str:
    """Decode UTF-8, undecodable bytes as U+FFFD, then :func:`clean_text`."""
    return clean_text(data.decode("utf-8", errors="replace"))


def clean_text(text: str) -> str:
    """``text`` without lone surrogates, escape sequences or control characters (newline
    and tab are kept); clean text comes back unchanged (the same object)."""
    if text.isprintable():
        return text
    cleaned = _SURROGATE.sub(REPLACEMENT, text)
    cleaned = _ANSI.sub("", cleaned)
    cleaned = _CONTROL.sub("", cleaned)
    return cleaned if cleaned != text else text


def check_plain_text(text: str, what: str) -> None:
    """Raise ``ValueError`` naming ``what`` and the first character :func:`clean_text` would
    drop or replace (a lone surrogate, NUL, an escape or other control character, a bidi
    override); newline and tab pass."""
    problem = plain_text_problem(text)
    if problem:
        raise ValueError(f"{what}: the text {problem}; give plain text")


def check_person_text(text: str, what: str, noun: str, limit: int, empty_hint: str = "") -> None:
    """Raise ``ValueError`` naming ``what`` (the command or field) when a person's ``noun``
    (an event text, a world prompt) is empty (``empty_hint`` says what to give), longer
    than ``limit`` characters, or not plain text (:func:`check_plain_text`)."""
    if not text.strip():
        raise ValueError(f"{what}: the {noun} is empty{empty_hint}")
    if len(text.strip()) > limit:
        raise ValueError(f"{what}: the {noun} has {len(text.strip())} characters; the limit is {limit}")
    check_plain_text(text, what)


def plain_text_problem(text: str) -> str:
    """What keeps ``text`` from being plain text (``holds ..., U+XXXX at character N``), or ''."""
    bad = _SURROGATE.search(text) or _CONTROL.search(text)
    if bad is None:
        return ""
    kind = "a lone surrogate (not UTF-8 text)" if _SURROGATE.match(bad.group()) else "a control character"
    return f"holds {kind}, U+{ord(bad.group()):04X} at character {bad.start() + 1}"


def clean_json(value: Any) -> Any:
    """``value`` with :func:`clean_text` applied to every string and key (iteratively, so
    a deeply nested value cannot exhaust the stack)."""
    if isinstance(value, str):
        return clean_text(value)
    if not isinstance(value, dict | list):
        return value
    root: list[Any] = [value]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, value)]
    while stack:
        parent, key, node = stack.pop()
        if isinstance(node, dict):
            fresh: dict[str, Any] = {}
            for k, v in node.items():
                fresh[clean_text(k)] = v
            parent[key] = fresh
            stack.extend((fresh, k, v) for k, v in fresh.items() if isinstance(v, str | dict | list))
        elif isinstance(node, list):
            fresh_list = list(node)
            parent[key] = fresh_list
            stack.extend((fresh_list, i, v) for i, v in enumerate(fresh_list)
                         if isinstance(v, str | dict | list))
        else:
            parent[key] = clean_text(node)
    return root[0]


def cap_text(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending with a note of its full length
    (text within the limit comes back unchanged, so capping twice changes nothing)."""
    if len(text) <= limit:
        return text
    mark = CUT_MARK.format(total=len(text))
    return text[: max(0, limit - len(mark))] + mark
