"""simverse.core — the ground floor: what every other package needs, importing nothing above.

* :mod:`~simverse.core.schema`         the world file format (strict pydantic models, versions 1 and 2)
* :mod:`~simverse.core.loader`         ``load_world``: TOML -> validated ``WorldSpec``, one-line errors
* :mod:`~simverse.core.world_check`    whole-world checks: names, rules, declared properties
* :mod:`~simverse.core.properties`     the ``Catalogue`` of declared properties and their types
* :mod:`~simverse.core.toml_lines`     the TOML line of a field, for error messages
* :mod:`~simverse.core.state`          ``WorldState``: places, items, NPC whereabouts and needs, the clock, connections
* :mod:`~simverse.core.clock`          ``Clock``: step -> day and time of day
* :mod:`~simverse.core.rules`          the rule language (a Lark grammar) of conditions and effects
* :mod:`~simverse.core.outcome`        ``Outcome`` and ``Effect``: what an action or event changes
* :mod:`~simverse.core.decisions`      what the world asks a brain and what a brain answers
* :mod:`~simverse.core.llm_protocol`   the batched text-generation protocol every backend implements
* :mod:`~simverse.core.decision_check` the world's own check of every decision
* :mod:`~simverse.core.policies`       speech policies (e.g. "refer, never diagnose")
* :mod:`~simverse.core.patterns`       policy patterns compiled with RE2 (linear-time matching)
* :mod:`~simverse.core.brain_spec`     the grammar of a brain spec (``--llm``, ``settings.llm``)
* :mod:`~simverse.core.content_filter` the filter for improper text
* :mod:`~simverse.core.versions`       library versions stored with every run
* :mod:`~simverse.core.runtime`        ``StepRuntime``: the between-steps record (inbox, queued injections, ids)
* :mod:`~simverse.core.seeds`          ``derive_seed``: every random stream from the world seed and a purpose
* :mod:`~simverse.core.json_extract`   ``extract_json``: the one JSON extractor for model text
* :mod:`~simverse.core.number_words`   numbers written as words ("three" -> 3)
"""
