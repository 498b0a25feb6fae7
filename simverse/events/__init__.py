"""Event inference: action rules, the events model, validation, scenes, prediction.

Map: the rule language (:mod:`simverse.core.rules`) -> ``resolver`` (``RuleResolver``) and ``inference`` (the
events model) -> ``validation`` (checks of proposed effects) -> ``resolution``
(``EventResolver``, the world's resolver) ; ``social`` (ATOMIC-style inferences),
``prediction`` (what-if on a copy of the state). Scene commands are read offline by
:mod:`simverse.events.scene`. Nothing here imports the world: the resolver takes state
and the place graph, and the step reads its counts and recorded calls back
(``begin_step`` / ``end_step``).
"""
