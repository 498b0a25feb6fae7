"""simverse.agents — the NPCs as Mesa agents and what they do in a step, never ``World`` itself.

* :mod:`~simverse.agents.npc`          ``NPC(mesa.CellAgent)``: identity from its ``NPCSpec``, state read from the world
* :mod:`~simverse.agents.perception`   ``build_requests``: one decision request per NPC from one snapshot
* :mod:`~simverse.agents.conversation` ``talk`` decisions paired into conversations
* :mod:`~simverse.agents.minds`        ``Minds``: plans, recall, memories, reflection (over :mod:`simverse.memory`)
* :mod:`~simverse.agents.player`       ``talk_to``: a person's exchange with an NPC, stored like any line

What they read of the world is a narrow protocol each (``Habitat``, ``Surroundings``,
``Audience``), which ``World`` satisfies.
"""
