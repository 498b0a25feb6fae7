"""A random-weight student for offline distillation: a tiny Llama and a copy-friendly tokenizer.

A decision copies names from its prompt (someone present, an adjacent place, an item
here) into its JSON answer. A GPT-2-style byte-level BPE gives a word a *leading* space,
so the same name is two different tokens: `` Tomas`` in "People here: Jonas, Tomas." and
``Tomas`` in ``"npc": "Tomas"``; a model trained from random weights must then learn one
mapping per name before it can copy. Here a word keeps its *trailing* space instead, so a
name followed by punctuation (as in the prompt's lists and in the answer) is one and the
same token wherever it stands, and copying is attending to it and repeating it. The text
round-trips exactly and prompts come out about as long as with the GPT-2 split. The BPE is
trained on the given corpus only (a dataset's train split: nothing downloaded).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from simverse.llm.tiny_model import CHAT_TEMPLATE, SPECIAL_TOKENS, TinyShape, build_tiny_model

WORDS_KEEP_TRAILING_SPACE = r"'(?:s|t|re|ve|m|ll|d)|\p{L}+ ?|\p{N} ?|[^\s\p{L}\p{N}]+ ?|\s+"
"""Pre-tokenizer pieces: a word, one digit or a run of punctuation, each with at most one
space after it; other whitespace on its own."""


def train_copy_tokenizer(corpus: Iterable[str], vocab_size: int):
    """A byte-level BPE over :data:`WORDS_KEEP_TRAILING_SPACE` pieces, trained on ``corpus``,
    with the tiny model's special tokens and chat template."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(WORDS_KEEP_TRAILING_SPACE), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(list(corpus), trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<|pad|>", eos_token="<|eos|>",
                                   chat_template=CHAT_TEMPLATE)
    fast.padding_side = "left"
    return fast


def build_student(path: str | Path, shape: TinyShape, corpus: Iterable[str], seed: int = 0) -> Path:
    """Save a random-weight Llama of ``shape`` with a copy-friendly tokenizer trained on
    ``corpus`` under ``path``; return it."""
    texts = list(corpus)
    out = build_tiny_model(path, shape=shape, seed=seed, corpus=texts, tokenizer_vocab=shape.vocab_size)
    from transformers import AutoConfig

    tokenizer = train_copy_tokenizer(texts, shape.vocab_size)
    config = AutoConfig.from_pretrained(out)
    if len(tokenizer) > config.vocab_size or (tokenizer.pad_token_id, tokenizer.eos_token_id) != (
            config.pad_token_id, config.eos_token_id):
        raise ValueError(f"{out}: the copy tokenizer does not fit the model's vocabulary or special tokens")
    tokenizer.save_pretrained(out)
    return out
