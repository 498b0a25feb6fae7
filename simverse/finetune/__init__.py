"""Fine-tuning NPC models from recorded runs: datasets, LoRA training, evaluation.

A stored run is a labelled dataset of (situation -> decision) pairs in the world's own
format. This package turns chosen runs into chat examples (:mod:`.dataset`), trains a
LoRA adapter on them with transformers + PEFT (:mod:`.training`), and measures a model on
held-out examples (:mod:`.evaluation`). The trained model loads with
``--llm transformers:DIR`` like any other.
"""
