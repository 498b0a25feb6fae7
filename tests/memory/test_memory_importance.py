"""Importance: the scripted rule and tolerant parsing of LLM ratings."""

import pytest

from simverse.memory import ImportanceParser, LLMImportanceRater, rule_importance


@pytest.mark.parametrize(
    ("raw", "value"),
    [("7/10", 7), ("seven", 7), ("Rating: 9 - a fire!", 9), ("70/100", 7), ("7.5", 8), (4, 4)],
)
def test_readable_ratings_are_parsed(raw, value):
    parser = ImportanceParser()
    assert parser.parse(raw) == value
    assert parser.counts == {"parsed": 1, "clamped": 0, "defaulted": 0}


@pytest.mark.parametrize(("raw", "value"), [(42, 10), ("0", 1), (-3, 1), ("11/10", 10)])
def test_out_of_range_ratings_are_clamped_and_counted(raw, value):
    parser = ImportanceParser()
    assert parser.parse(raw) == value
    assert parser.counts["clamped"] == 1


@pytest.mark.parametrize("raw", ["", "very important", None, True, [7], float("nan")])
def test_unreadable_ratings_get_the_default_and_are_counted(raw):
    parser = ImportanceParser(default=4)
    assert parser.parse(raw) == 4
    assert parser.counts["defaulted"] == 1


def test_rule_rates_routine_low_news_and_events_high():
    assert rule_importance("observation", "Tom is at the bakery") == 1
    assert rule_importance("observation", "Tom buys rope") == 2
    assert rule_importance("dialogue", "Mara: nice weather") == 3
    assert rule_importance("dialogue", "Mara: did you know the baker left?") == 6
    assert rule_importance("observation", "The mill is on fire") == 7
    assert rule_importance("dialogue", "I heard the mill burned down") == 10
    assert rule_importance("reflection", "Tom is reliable") == 7


def test_llm_rater_asks_once_for_the_batch_and_tolerates_bad_answers(make_backend):
    answers = iter(["8", "seven/10", "no idea", "42"])
    backend = make_backend(lambda r: next(answers))
    rater = LLMImportanceRater(backend, seed=3)
    items = [("Mara", "observation", f"thing {i}") for i in range(4)]
    assert rater.rate_batch(items) == [8, 7, 3, 10]
    assert len(backend.batches) == 1
    assert rater.parser.counts == {"parsed": 2, "clamped": 1, "defaulted": 1}
    assert len({r.seed for r in backend.batches[0]}) == 4
