"""simverse.authoring — making worlds: generation from a prompt, repair, prompt reading.

* :mod:`~simverse.authoring.generator`          template generator with an LLM hook
* :mod:`~simverse.authoring.world_repair`       repair of a generated world until it loads
* :mod:`~simverse.authoring.prompt_reading`     what a one-line prompt asks for
* :mod:`~simverse.authoring.content_generation` NPCs, places and quests, filtered
"""
