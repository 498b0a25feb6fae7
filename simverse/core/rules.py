"""The rule language of world files: conditions and effects, parsed by a grammar, never eval'd.

Conditions compare two operands and combine with ``and``, ``or``, ``not`` and parentheses::

    item.place == actor.place        actor.coins >= item.price
    actor.inventory has item         not (here.weather == 'storm' or world.time >= '20:00')

Effects change one property::

    item.quantity -= 1               (op "remove": subtract a number, or drop a list element)
    actor.inventory += item          (op "add": add a number, or append a list element)
    here.festival = true             (op "set")
    item.owner.coins += item.price   (a chained path: the NPC named by ``item.owner``)
    move actor to target             (op "move": change where an NPC or item is)

An operand is a number, ``true``/``false``, a quoted string, or a path: a role (``actor``,
``here``, ``world``, an action argument, or an entity id) and zero or more properties. The
grammar is Lark's (LALR, so parsing is linear and a bad rule names the column at fault);
this module only builds plain dataclasses from the tree and evaluates them through a
``read`` callback, so it knows nothing of world state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import LarkError, UnexpectedInput

COMPARATORS = ("==", "!=", "<=", ">=", "<", ">", "has", "lacks")
_OPS = {"=": "set", "+=": "add", "-=": "remove"}
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_RULE = 500

GRAMMAR = r"""
?condition: or_expr
?or_expr: and_expr | or_expr "or" and_expr -> either
?and_expr: not_expr | and_expr "and" not_expr -> both
?not_expr: "not" not_expr -> negate | atom
?atom: comparison | "(" or_expr ")"
comparison: operand COMPARATOR operand
COMPARATOR: "==" | "!=" | "<=" | ">=" | "<" | ">" | "has" | "lacks"

effect: path ASSIGN operand -> assign
      | "move" path "to" operand -> move
ASSIGN: "+=" | "-=" | "="

?operand: NUMBER -> number
        | "true" -> true
        | "false" -> false
        | STRING -> string
        | path
path: NAME ("." NAME)*

NAME: /[A-Za-z_][A-Za-z0-9_]*/
NUMBER: /-?\d+(\.\d+)?/
STRING: /'[^'\n]*'/ | /"[^"\n]*"/
%import common.WS
%ignore WS
"""


class RuleSyntaxError(ValueError):
    """A condition or effect that does not parse; the message says what is wrong."""


@dataclass(frozen=True)
class Operand:
    """A literal (``role is None``) or a path: a role and the properties read after it."""

    literal: object = None
    role: str | None = None
    path: tuple[str, ...] = ()

    @property
    def prop(self) -> str | None:
        """The last property of the path (None for a bare role or a literal)."""
        return self.path[-1] if self.path else None

    def describe(self) -> str:
        if self.role is None:
            return repr(self.literal)
        return ".".join((self.role, *self.path))


@dataclass(frozen=True)
class Condition:
    """One comparison."""

    left: Operand
    op: str
    right: Operand
    text: str = ""


@dataclass(frozen=True)
class Not:
    inner: Expr


@dataclass(frozen=True)
class All:
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Any_:
    parts: tuple[Expr, ...]


Expr = Condition | Not | All | Any_


@dataclass(frozen=True)
class Rule:
    """A parsed condition with its source text."""

    expr: Expr
    text: str

    def comparisons(self) -> list[Condition]:
        return list(_walk(self.expr))

    def operands(self) -> list[Operand]:
        return [o for c in self.comparisons() for o in (c.left, c.right)]


@dataclass(frozen=True)
class EffectRule:
    """``target op value``: ``target`` is a path of at least one property (or, for
    ``move``, the thing moved, with ``prop == "place"``)."""

    target: Operand
    op: str
    value: Operand
    text: str

    @property
    def role(self) -> str:
        return str(self.target.role)

    @property
    def prop(self) -> str:
        return "place" if self.op == "move" else str(self.target.prop)

    @property
    def holder(self) -> Operand:
        """The operand naming the entity changed: the target without its last property."""
        if self.op == "move":
            return self.target
        return Operand(role=self.target.role, path=self.target.path[:-1])


class _Build(Transformer):
    @v_args(inline=True)
    def number(self, token: Token) -> Operand:
        text = str(token)
        return Operand(literal=float(text) if "." in text else int(text))

    def true(self, _: list) -> Operand:
        return Operand(literal=True)

    def false(self, _: list) -> Operand:
        return Operand(literal=False)

    @v_args(inline=True)
    def string(self, token: Token) -> Operand:
        return Operand(literal=str(token)[1:-1])

    def path(self, names: list[Token]) -> Operand:
        return Operand(role=str(names[0]), path=tuple(str(n) for n in names[1:]))

    @v_args(inline=True)
    def comparison(self, left: Operand, op: Token, right: Operand) -> Condition:
        return Condition(left, str(op), right)

    @v_args(inline=True)
    def negate(self, inner: Expr) -> Not:
        return Not(inner)

    @v_args(inline=True)
    def both(self, left: Expr, right: Expr) -> All:
        return All((*_flat(left, All), *_flat(right, All)))

    @v_args(inline=True)
    def either(self, left: Expr, right: Expr) -> Any_:
        return Any_((*_flat(left, Any_), *_flat(right, Any_)))

    @v_args(inline=True)
    def assign(self, target: Operand, op: Token, value: Operand) -> tuple:
        return (target, _OPS[str(op)], value)

    @v_args(inline=True)
    def move(self, target: Operand, value: Operand) -> tuple:
        return (target, "move", value)


def _flat(expr: Expr, kind: type) -> tuple[Expr, ...]:
    return expr.parts if isinstance(expr, kind) else (expr,)


@cache
def _parser() -> Lark:
    return Lark(GRAMMAR, start=["condition", "effect"], parser="lalr")


def _parse(text: str, start: str) -> object:
    if not isinstance(text, str):
        raise RuleSyntaxError(f"a rule must be text, not {type(text).__name__}")
    if len(text) > MAX_RULE:
        raise RuleSyntaxError(f"rule longer than {MAX_RULE} characters")
    try:
        return _Build().transform(_parser().parse(text, start=start))
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        column = getattr(exc, "column", None)
        if getattr(token, "type", "") == "$END" or not isinstance(column, int) or column < 1:
            where = " (it ends too soon)"
        else:
            where = f" at column {column} ({text[column - 1:][:12]!r})"
        raise RuleSyntaxError(f"cannot read {text.strip()!r}{where}") from None
    except LarkError as exc:
        raise RuleSyntaxError(f"cannot read {text.strip()!r}: {type(exc).__name__}") from None


def _check_roles(operands: Iterable[Operand], roles: Iterable[str]) -> None:
    known = set(roles)
    for operand in operands:
        if operand.role is not None and operand.role not in known:
            raise RuleSyntaxError(f"unknown name {operand.role!r} (known: {', '.join(sorted(known))})")


def parse_condition(text: str, roles: Iterable[str]) -> Rule:
    """Parse a condition (comparisons joined by and/or/not); every name must be a role."""
    rule = Rule(_parse(text, "condition"), text.strip())
    _check_roles(rule.operands(), roles)
    return rule


def parse_effect(text: str, roles: Iterable[str]) -> EffectRule:
    """Parse ``path = | += | -= value`` or ``move path to destination``."""
    target, op, value = _parse(text, "effect")
    if op != "move" and not target.path:
        raise RuleSyntaxError(f"{text.strip()!r} changes {target.role!r} itself; name a property, e.g. "
                              f"{target.role}.quantity")
    _check_roles((target, value), roles)
    return EffectRule(target, op, value, text.strip())


def _walk(expr: Expr) -> Iterator[Condition]:
    if isinstance(expr, Condition):
        yield expr
    elif isinstance(expr, Not):
        yield from _walk(expr.inner)
    else:
        for part in expr.parts:
            yield from _walk(part)


def evaluate(expr: Expr, read: Callable[[Operand], object]) -> bool:
    """Whether ``expr`` holds, reading operands with ``read`` (short-circuit, left first)."""
    if isinstance(expr, Condition):
        return compare(read(expr.left), expr.op, read(expr.right))
    if isinstance(expr, Not):
        return not evaluate(expr.inner, read)
    if isinstance(expr, All):
        return all(evaluate(p, read) for p in expr.parts)
    return any(evaluate(p, read) for p in expr.parts)


def compare(left: object, op: str, right: object) -> bool:
    """Apply a comparator; mismatched types compare as unequal rather than raising.
    Order comparisons take numbers, or two ``HH:MM`` times of day."""
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op in ("has", "lacks"):
        present = isinstance(left, list) and right in left
        return present if op == "has" else not present
    if _is_time(left) and _is_time(right):
        left, right = str(left), str(right)
    elif not _is_number(left) or not _is_number(right):
        return False
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]  # type: ignore[operator]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_time(value: object) -> bool:
    return isinstance(value, str) and bool(_HHMM.match(value))
