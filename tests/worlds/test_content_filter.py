"""The content filter blocks listed words (whole words), consults a classifier, and logs blocks."""

from __future__ import annotations

import logging

from simverse.core.content_filter import DEFAULT_PLACEHOLDER, ContentFilter


def test_blocks_a_listed_word_case_insensitively():
    result = ContentFilter(words=["grobble"]).screen("What a GROBBLE day.", "npc:Mara")
    assert not result.allowed
    assert result.matched == ("grobble",)
    assert result.text == DEFAULT_PLACEHOLDER


def test_allows_clean_text_unchanged():
    result = ContentFilter().screen("The lantern festival starts at sunset.", "npc:Mara")
    assert result.allowed
    assert result.text == "The lantern festival starts at sunset."
    assert result.matched == ()


def test_matches_whole_words_only():
    screen = ContentFilter(words=["ass"], library=False)
    assert screen.screen("She passed the class with a brass band.", "t").allowed
    assert not screen.screen("What an ass!", "t").allowed


def test_default_lexicon_blocks_common_profanity():
    assert not ContentFilter().screen("Oh shit, the boat is sinking", "t").allowed


def test_loads_extra_words_and_phrases_from_a_file(tmp_path):
    extra = tmp_path / "extra.txt"
    extra.write_text("# house rules\nzorkmid\nbad   phrase  # a two-word entry\n\n")
    screen = ContentFilter(words=(), word_files=[extra])
    assert not screen.screen("Pay me a zorkmid", "t").allowed
    assert not screen.screen("that is a BAD\nphrase indeed", "t").allowed
    assert screen.screen("bad weather, no phrase", "t").allowed


def test_classifier_hook_can_block():
    def classifier(text: str) -> tuple[bool, str]:
        return ("threat" in text, "sounds threatening")

    screen = ContentFilter(words=(), classifier=classifier)
    assert screen.screen("a friendly hello", "t").allowed
    result = screen.screen("this is a threat", "t")
    assert not result.allowed
    assert "sounds threatening" in result.reason


def test_broken_classifier_blocks_and_says_why():
    def classifier(text: str) -> tuple[bool, str]:
        raise RuntimeError("model offline")

    result = ContentFilter(words=(), classifier=classifier).screen("anything", "t")
    assert not result.allowed
    assert "model offline" in result.reason


def test_blocked_text_is_logged_and_kept(caplog):
    screen = ContentFilter(words=["grobble"])
    with caplog.at_level(logging.WARNING, logger="simverse.core.content_filter"):
        screen.screen("grobble!", "npc:Tomas")
        screen.screen("fine words", "npc:Tomas")
    assert len(screen.blocked) == 1
    record = screen.blocked[0]
    assert (record.source, record.text, record.matched) == ("npc:Tomas", "grobble!", ("grobble",))
    assert any("npc:Tomas" in r.getMessage() for r in caplog.records)


def test_redact_removes_blocked_words_but_keeps_the_rest():
    screen = ContentFilter(words=["grobble"])
    assert screen.redact("a grobble castle with 3 knights", "prompt") == "a castle with 3 knights"
    assert len(screen.blocked) == 1
