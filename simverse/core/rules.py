"""The tiny rule language of world files: preconditions and effects, parsed, never eval'd.

Preconditions compare two operands::

    item.place == actor.place        actor.coins >= item.price
    here.open == true                actor.inventory has item
    world.weather != 'storm'

Effects change one property::

    item.quantity -= 1               (op "remove": subtract a number, or drop a list element)
    actor.inventory += item          (op "add": add a number, or append a list element)
    here.festival = true             (op "set")
    move actor to target             (op "move": change where an NPC or item is)

An operand is a number, ``true``/``false``, a quoted string, a role (``actor``, ``here``,
``world``, an action argument, or in scheduled events an entity id) or ``role.property``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

COMPARATORS = ("==", "!=", "<=", ">=", "<", ">", "has", "lacks")
_CONDITION = re.compile(r"^\s*(\S+)\s+(==|!=|<=|>=|<|>|has|lacks)\s+(.+?)\s*$")
_ASSIGN = re.compile(r"^\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*(\+=|-=|=)\s*(.+?)\s*$")
_MOVE = re.compile(r"^\s*move\s+([A-Za-z_]\w*)\s+to\s+(\S+)\s*$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_PATH = re.compile(r"^([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?$")
_OPS = {"=": "set", "+=": "add", "-=": "remove"}


class RuleSyntaxError(ValueError):
    """A precondition or effect that does not parse; the message says what is wrong."""


@dataclass(frozen=True)
class Operand:
    """A literal (``role is None``) or a reference to a role or one of its properties."""

    literal: object = None
    role: str | None = None
    prop: str | None = None

    def describe(self) -> str:
        if self.role is None:
            return repr(self.literal)
        return f"{self.role}.{self.prop}" if self.prop else self.role


@dataclass(frozen=True)
class Condition:
    left: Operand
    op: str
    right: Operand
    text: str


@dataclass(frozen=True)
class EffectRule:
    role: str
    prop: str
    op: str
    value: Operand
    text: str


def parse_operand(text: str, roles: Iterable[str]) -> Operand:
    """Parse one operand; a bare name must be a known role."""
    text = text.strip()
    if _NUMBER.match(text):
        return Operand(literal=float(text) if "." in text else int(text))
    if text in ("true", "false"):
        return Operand(literal=text == "true")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return Operand(literal=text[1:-1])
    match = _PATH.match(text)
    if not match:
        raise RuleSyntaxError(f"cannot read operand {text!r}")
    role, prop = match.group(1), match.group(2)
    if role not in set(roles):
        raise RuleSyntaxError(f"unknown name {role!r} (known: {', '.join(sorted(set(roles)))})")
    return Operand(role=role, prop=prop)


def parse_condition(text: str, roles: Iterable[str]) -> Condition:
    """Parse ``left OP right``."""
    roles = list(roles)
    match = _CONDITION.match(text)
    if not match:
        raise RuleSyntaxError(f"{text!r} is not 'left OP right' with OP one of {COMPARATORS}")
    left, op, right = match.groups()
    return Condition(parse_operand(left, roles), op, parse_operand(right, roles), text.strip())


def parse_effect(text: str, roles: Iterable[str]) -> EffectRule:
    """Parse ``role.prop = | += | -= value`` or ``move role to destination``."""
    roles = list(roles)
    move = _MOVE.match(text)
    if move:
        who, where = move.groups()
        parse_operand(who, roles)
        return EffectRule(who, "place", "move", parse_operand(where, roles), text.strip())
    match = _ASSIGN.match(text)
    if not match:
        raise RuleSyntaxError(f"{text!r} is not 'role.property = value' (or +=, -=) or 'move X to Y'")
    role, prop, op, value = match.groups()
    parse_operand(role, roles)
    return EffectRule(role, prop, _OPS[op], parse_operand(value, roles), text.strip())


def compare(left: object, op: str, right: object) -> bool:
    """Apply a comparator; mismatched types compare as unequal rather than raising."""
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op in ("has", "lacks"):
        present = isinstance(left, list) and right in left
        return present if op == "has" else not present
    if not isinstance(left, int | float) or not isinstance(right, int | float):
        return False
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]
