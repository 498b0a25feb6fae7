"""A custom brain: stays put unless hungry, then heads for food. Use it for some NPCs with

    simverse run harbor_town --brain "tag:fisher=plugin:examples.cautious_brain:CautiousBrain"

or in a world file: ``[[settings.brains]] who = "share:0.5"  llm = "plugin:examples.cautious_brain:CautiousBrain"``.
A brain only reads the requests it is given and answers one decision per request; it
never touches world state (the world checks and resolves what it decides).
"""

from __future__ import annotations

from collections.abc import Sequence

from simverse.core.decisions import Decision, DecisionRequest


class CautiousBrain:
    """Eats when hungry and carrying food, buys food where it is sold, else waits."""

    name = "cautious"

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        return [self._decide(r) for r in requests]

    @staticmethod
    def _decide(request: DecisionRequest) -> Decision:
        allowed = {a.name for a in request.actions}
        if request.mode == "reply":
            return Decision(request.npc, "wait", utterance="I'd rather keep to myself.", end_conversation=True)
        hungry = request.needs.get("hunger", 0.0) > 0.5
        edible = [i for i in request.inventory if request.item_info.get(i, {}).get("edible")]
        if hungry and edible and "eat" in allowed:
            return Decision(request.npc, "eat", args={"item": edible[0]})
        for_sale = [i for i in request.items_here if request.item_info.get(i, {}).get("edible")]
        if hungry and for_sale and "buy" in allowed:
            return Decision(request.npc, "buy", args={"item": for_sale[0]})
        return Decision(request.npc, "wait")
