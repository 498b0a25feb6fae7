"""Event inference: action rules, the events model, validation, scenes, prediction, forks.

Map: ``rules`` (rule language) -> ``resolver`` (``RuleResolver``) and ``inference`` (the
events model) -> ``validation`` (checks of proposed effects) -> ``resolution``
(``EventResolver``, the world's resolver) ; ``social`` (ATOMIC-style inferences),
``prediction`` (what-if), ``pending`` (inject into a stored run), ``compare`` (two runs),
``provenance`` (what an event caused), ``evaluation`` (scoring on labelled transitions).
Scene commands are read by :mod:`simverse.events.scene`.
"""
