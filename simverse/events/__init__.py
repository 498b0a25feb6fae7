"""Event inference: action rules, the events model, validation, scenes, prediction.

Map: ``access`` (what every action obeys: shut places, closed and locked connections,
locked containers) -> ``resolver`` (``RuleResolver``, over the rule language of
:mod:`simverse.core.rules`) and ``inference`` (the events model) -> ``validation`` (checks
of proposed effects, against the world's declared properties) -> ``resolution``
(``EventResolver``, the world's resolver); ``scene`` reads a director's words offline
(``scene_names`` grounds names, ``scene_clause`` / ``scene_read`` / ``scene_time`` /
``scene_people`` read a clause, ``scene_words`` is the vocabulary); ``triggers`` says when
world-file events fire and which facts stop holding; ``social`` (ATOMIC-style
inferences), ``prediction`` (what-if). Nothing here imports
the world: the resolver takes state and the place graph, and the step reads its counts and
recorded calls back (``begin_step`` / ``end_step``).
"""
