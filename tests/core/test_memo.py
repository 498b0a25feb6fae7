"""The bounded result tables on the hot paths of talk (filter, name finding)."""

from __future__ import annotations

import pickle
from collections.abc import Container

from simverse.agents.names import world_names
from simverse.core.content_filter import ContentFilter
from simverse.core.loader import load_world
from simverse.core.memo import AskedMemo, Memo
from simverse.llm.dialogue.reading import _read, read


def test_memo_computes_each_key_once_and_stays_within_its_limit() -> None:
    calls: list[int] = []

    def square(n: int) -> int:
        calls.append(n)
        return n * n

    memo = Memo(square, limit=3)
    assert [memo(2), memo(2), memo(3)] == [4, 4, 9]
    assert calls == [2, 3]
    for n in range(10):
        assert memo(n) == n * n
    assert len(memo) <= 3


def test_names_found_the_same_when_kept_and_after_pickling() -> None:
    names = world_names(load_world("worlds/harbor_town"))
    lines = ["did pieters ledgr go missing?", "where is the harbor", "greta sells lanterns at the markt"]
    first = [names.find(line) for line in lines]
    assert first[0] and first[1]  # typos still reach the names
    assert [names.find(line) for line in lines] == first
    copy = pickle.loads(pickle.dumps(names))  # Ray ships worlds to workers
    assert [copy.find(line) for line in lines] == first


def test_filter_judges_a_repeated_line_the_same_and_logs_each_block() -> None:
    screen = ContentFilter(words=["grimsnark"])
    assert screen.screen("what a grimsnark", "t").allowed is False
    assert screen.screen("what a grimsnark", "t").allowed is False
    assert screen.screen("what a lovely day", "t").allowed is True
    assert len(screen.blocked) == 2
    assert pickle.loads(pickle.dumps(screen)).screen("grimsnark!", "t").allowed is False


def test_asked_memo_reuses_a_result_only_for_words_that_answer_alike() -> None:
    calls: list[str] = []

    def kept_words(line: str, keep: Container[str]) -> tuple[str, ...]:
        calls.append(line)
        return tuple(w for w in line.split() if w in keep)

    memo = AskedMemo(kept_words)
    assert memo("a b", {"a", "z"}) == ("a",)
    assert memo("a b", {"a", "y"}) == ("a",)  # "y" and "z" are never asked about
    assert calls == ["a b"]
    assert memo("a b", {"b"}) == ("b",)  # "a" answers otherwise: worked out anew
    assert calls == ["a b", "a b"]


def test_a_reading_kept_for_one_listener_is_the_one_another_would_get() -> None:
    names = world_names(load_world("worlds/harbor_town")).words
    lines = ("Greta, whereabouts is the ledgr?", "ur lookin well, wat's new", "nads, can u pour me an ale")
    owns = (frozenset(), frozenset({"ledgr", "lookin", "nads", "ale", "wat"}), frozenset({"greta", "new"}))
    for line in lines:
        for own in owns:  # read in turn, each kept reading met by the next listener
            assert read(line, own, names) == _read(line, own, names)  # the reader itself, nothing kept


def test_a_line_is_read_alike_however_it_is_cased() -> None:
    for line in ("Where's the Inn?", "WHERE\u2019S THE INN?", "  where's the inn?  "):
        assert read(line) == _read(line, frozenset(), None) == _read("where's the inn?", frozenset(), None)
