"""Structured output for decisions: the JSON schema a model must follow, and the parser.

Model text is data. It is parsed with ``json.loads`` only, checked field by field against
the :class:`DecisionRequest` it answers, and then either accepted (``valid``), fixed in
small, named ways (``repaired``: code fences, junk around the object, trailing commas,
near-miss names matched with :mod:`difflib`, out-of-range importance, unknown facts
dropped), or rejected with an error message meant to be shown to the model on its one
retry. :func:`default_decision` is the safe answer when that retry fails too.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simverse.core.decisions import ActionSpec, Decision, DecisionRequest
from simverse.core.json_extract import extract_json
from simverse.core.llm_protocol import EncodedSchema

MAX_UTTERANCE_CHARS = 400
MAX_TEXT_ARG_CHARS = 200
NON_BLANK = r"^\S[\s\S]*$"
"""A string that starts with a visible character (so it is never empty or blank)."""
FUZZY_CUTOFF = 0.6
DEFAULT_IMPORTANCE = 3
CHOICE_KINDS = {"place", "npc", "item"}


class DecisionPayload(BaseModel):
    """The JSON object a model answers with (shape only; meaning is checked separately)."""

    model_config = ConfigDict(extra="ignore")

    action: str
    args: dict[str, str] = Field(default_factory=dict)
    utterance: str | None = None
    told_facts: list[str] = Field(default_factory=list)
    importance: int = Field(default=DEFAULT_IMPORTANCE, ge=1, le=10)
    end_conversation: bool = False


def decision_schema(request: DecisionRequest) -> dict[str, Any]:
    """JSON schema of a decision for this request: one variant per usable action, with the
    action's name, its required arguments drawn from what exists here (places reachable,
    people here, items here or carried), and an utterance required when the answer must
    speak (``talk``, or any reply). An answer that fits the schema is also meaningful, so a
    constrained decoder never produces a decision the checks below would reject.

    Built for every request of every step, so what the variants share is built once."""
    choices = {kind: schema_choices(request, kind) for kind in CHOICE_KINDS}
    keys = [f.key for f in request.facts]
    tail: dict[str, Any] = {"told_facts": {"type": "array", "items": {"type": "string", "enum": keys},
                                           "maxItems": len(keys)}} if keys else {}
    tail |= {"importance": IMPORTANCE, "end_conversation": BOOLEAN}
    variants = [v for spec in request.actions if (v := _variant(request, spec, choices, tail)) is not None]
    if not variants:  # nothing usable here: let the model wait
        variants = [_variant(request, ActionSpec("wait", "do nothing"), choices, tail)]
    schema = {"title": "Decision", "anyOf": variants}
    # orjson writes what json.dumps(sort_keys=True, compact, ensure_ascii=False) writes for
    # the strings, ints and booleans a schema holds (floats it writes differently; there
    # are none), several times faster.
    return EncodedSchema(schema, orjson.dumps(schema, option=orjson.OPT_SORT_KEYS).decode())


WORDS = {"type": "string", "minLength": 1, "maxLength": MAX_UTTERANCE_CHARS, "pattern": NON_BLANK}
MAYBE_WORDS = {"anyOf": [WORDS, {"type": "null"}]}
FREE_TEXT = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_ARG_CHARS, "pattern": NON_BLANK}
IMPORTANCE = {"type": "integer", "minimum": 1, "maximum": 10}
BOOLEAN = {"type": "boolean"}


def _variant(request: DecisionRequest, spec: ActionSpec, choices: dict[str, list[str] | None],
             tail: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of a decision that takes ``spec``; None when an argument has no value.
    The pieces it shares with other variants are shared objects: read them, never change them."""
    args: dict[str, Any] = {}
    for name, kind in spec.args.items():
        values = choices.get(kind)
        if values is not None and not values:
            return None
        args[name] = {"type": "string", "enum": values} if values is not None else FREE_TEXT
    speaks = spec.name == "talk" or request.mode == "reply"
    props: dict[str, Any] = {
        "action": {"type": "string", "enum": [spec.name]},
        "args": {"type": "object", "properties": args, "required": list(args),
                 "additionalProperties": False},
        "utterance": WORDS if speaks else MAYBE_WORDS,
        **tail,
    }
    required = ["action", "args", *(["utterance"] if speaks else [])]
    return {"type": "object", "properties": props, "required": required,
            "additionalProperties": False}


def schema_choices(request: DecisionRequest, kind: str) -> list[str] | None:
    """Values an argument of ``kind`` may take as the world checks it (``move`` and every
    other place argument: a neighbouring place); None means free text."""
    if kind == "place":
        return sorted(request.neighbours)
    if kind == "npc":  # a reply may always be to its partner (the person talks from outside the world)
        partner = [request.partner] if request.mode == "reply" and request.partner else []
        return sorted({*(p for p in request.people_here if p != request.npc), *partner})
    if kind == "item":
        return sorted(dict.fromkeys([*request.items_here, *request.inventory]))
    return None


# --------------------------------------------------------------------------- JSON text


# --------------------------------------------------------------------------- meaning


def closest(value: str, choices: list[str]) -> str | None:
    """``value`` itself, a case-insensitive match, or the nearest ``difflib`` match."""
    if value in choices:
        return value
    lowered = {c.lower(): c for c in choices}
    if value.strip().lower() in lowered:
        return lowered[value.strip().lower()]
    near = difflib.get_close_matches(value.strip().lower(), list(lowered), n=1,
                                     cutoff=FUZZY_CUTOFF)
    return lowered[near[0]] if near else None


@dataclass
class ParseOutcome:
    """Result of parsing one answer: a decision (valid or repaired) or an error.

    ``failure`` says what failed: ``form`` (no decision-shaped JSON object), ``meaning``
    (a well-formed decision that names something this NPC cannot do or use), ``backend``
    (no answer at all), or ``""`` when a decision came out."""

    decision: Decision | None
    error: str = ""
    repairs: list[str] = field(default_factory=list)
    failure: str = ""


def _coerce_shape(raw: dict[str, Any], repairs: list[str]) -> dict[str, Any]:
    """Loosen types a model commonly gets wrong (numbers as strings, args as non-strings)."""
    data = dict(raw)
    if isinstance(data.get("args"), dict):
        args = {str(k): v if isinstance(v, str) else json.dumps(v)
                for k, v in data["args"].items() if v is not None}
        if args != data["args"]:
            repairs.append("coerced args to strings")
        data["args"] = args
    elif data.get("args") is None:
        data["args"] = {}
    imp = data.get("importance")
    if isinstance(imp, str) and imp.strip().isdigit():
        data["importance"] = int(imp.strip())
        repairs.append("importance given as text")
    if isinstance(data.get("importance"), float):
        data["importance"] = round(data["importance"])
    if isinstance(data.get("importance"), int) and not 1 <= data["importance"] <= 10:
        data["importance"] = min(10, max(1, data["importance"]))
        repairs.append("clamped importance to 1-10")
    if data.get("importance") is None:
        data.pop("importance", None)
    end = data.get("end_conversation")
    if isinstance(end, str) and end.strip().lower() in {"true", "false"}:
        data["end_conversation"] = end.strip().lower() == "true"
        repairs.append("end_conversation given as text")
    if data.get("told_facts") is None:
        data["told_facts"] = []
    return data


def _check_action(payload: DecisionPayload, request: DecisionRequest,
                  repairs: list[str]) -> tuple[ActionSpec | None, str]:
    """The allowed action the payload names (near misses matched)."""
    by_name = {a.name: a for a in request.actions}
    name = closest(payload.action, list(by_name))
    if name is None:
        return None, f"action {payload.action!r} is not one of {sorted(by_name)}"
    if name != payload.action:
        repairs.append(f"action {payload.action!r} -> {name!r}")
    return by_name[name], ""


def _check_args(spec: ActionSpec, payload: DecisionPayload, request: DecisionRequest,
                repairs: list[str]) -> tuple[dict[str, str], list[str]]:
    """Arguments of ``spec`` checked against what exists here (near misses matched)."""
    given = dict(payload.args)
    args: dict[str, str] = {}
    errors: list[str] = []
    for name, kind in spec.args.items():
        value = given.pop(name, None)
        if value is None and kind == "npc" and request.mode == "reply" and request.partner:
            value = request.partner
            repairs.append(f"args.{name} missing -> conversation partner")
        if value is None:
            errors.append(f"{spec.name} needs args.{name} ({kind})")
            continue
        choices = schema_choices(request, kind)
        if choices is None:
            if not value.strip():
                errors.append(f"args.{name} must be non-empty text")
            else:
                args[name] = value.strip()
            continue
        match = closest(value, choices)
        if match is None:
            errors.append(f"args.{name} {value!r} must be one of {choices}")
        else:
            if match != value:
                repairs.append(f"args.{name} {value!r} -> {match!r}")
            args[name] = match
    if given:
        repairs.append(f"dropped unknown args {sorted(given)}")
    return args, errors


def _check_talk(payload: DecisionPayload, action: str, request: DecisionRequest,
                repairs: list[str]) -> tuple[str | None, list[str]]:
    """The utterance, required when talking or replying (unless ending the talk)."""
    utterance = (payload.utterance or "").strip() or None
    errors: list[str] = []
    needs_words = action == "talk" or (request.mode == "reply" and not payload.end_conversation)
    if needs_words and utterance is None:
        errors.append("utterance is required when talking or replying")
    if utterance and len(utterance) > MAX_UTTERANCE_CHARS:
        utterance = utterance[:MAX_UTTERANCE_CHARS].rstrip()
        repairs.append("shortened utterance")
    return utterance, errors


def _check_facts(payload: DecisionPayload, request: DecisionRequest,
                 repairs: list[str]) -> list[str]:
    """Fact keys the NPC actually knows (near misses matched, unknown ones dropped)."""
    keys = [f.key for f in request.facts]
    told: list[str] = []
    for key in payload.told_facts:
        match = closest(key, keys)
        if match is None:
            repairs.append(f"dropped unknown fact {key!r}")
        else:
            if match != key:
                repairs.append(f"fact {key!r} -> {match!r}")
            if match not in told:
                told.append(match)
    return told


def _reply_default_action(raw: dict[str, Any], request: DecisionRequest,
                          repairs: list[str]) -> None:
    """A reply with no action is talk to the partner (or wait if talk is not allowed)."""
    if request.mode != "reply" or raw.get("action"):
        return
    names = {a.name for a in request.actions}
    if "talk" in names and request.partner:
        raw["action"] = "talk"
        raw.setdefault("args", {})
        if isinstance(raw["args"], dict):
            raw["args"].setdefault("npc", request.partner)
    else:
        raw["action"] = "wait"
    repairs.append(f"missing action in reply -> {raw['action']!r}")


def parse_decision(text: str, request: DecisionRequest) -> ParseOutcome:
    """Turn model text into a checked :class:`Decision` or an error for the retry prompt."""
    raw, repairs = extract_json(text)
    if raw is None:
        snippet = text.strip()[:60]
        return ParseOutcome(None, f"no JSON object found in the answer (got {snippet!r})",
                            repairs, "form")
    raw = _coerce_shape(raw, repairs)
    _reply_default_action(raw, request, repairs)
    try:
        payload = DecisionPayload.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'answer'}: {err['msg']}"
            for err in exc.errors()
        )
        return ParseOutcome(None, f"invalid decision JSON: {problems}", repairs, "form")
    spec, error = _check_action(payload, request, repairs)
    if spec is None:
        return ParseOutcome(None, error, repairs, "meaning")
    args, errors = _check_args(spec, payload, request, repairs)
    utterance, talk_errors = _check_talk(payload, spec.name, request, repairs)
    errors += talk_errors
    if errors:
        return ParseOutcome(None, "; ".join(errors), repairs, "meaning")
    decision = Decision(
        npc=request.npc,
        action=spec.name,
        args=args,
        utterance=utterance,
        told_facts=_check_facts(payload, request, repairs),
        end_conversation=payload.end_conversation,
        importance=payload.importance,
        status="repaired" if repairs else "valid",
        note="; ".join(repairs),
    )
    return ParseOutcome(decision, "", repairs)


def default_decision(request: DecisionRequest, reason: str) -> Decision:
    """The safe answer: ``wait`` (ending any conversation), with the reason in ``note``."""
    return Decision(
        npc=request.npc,
        action="wait",
        args={},
        utterance=None,
        end_conversation=request.mode == "reply",
        importance=1,
        status="defaulted",
        note=f"defaulted: {reason}",
    )
