"""NPC lines are checked against the world's policies (the clinic's refer-not-diagnose)."""

from __future__ import annotations

import signal
import time

import pytest
from pydantic import ValidationError

from simverse.core.loader import load_world
from simverse.core.policies import check_utterance
from simverse.core.schema import Policy


@pytest.fixture(scope="module")
def clinic_policies() -> list[Policy]:
    return load_world("clinic").policies


def test_clinic_advisor_who_diagnoses_is_flagged(clinic_policies):
    violations = check_utterance(clinic_policies, "Nadia", "You probably have the flu.", None)
    assert [v.policy for v in violations] == ["refer_not_diagnose"]
    assert violations[0].speaker == "Nadia"
    assert "forbidden" in violations[0].reason


def test_symptom_question_answered_without_referral_is_flagged(clinic_policies):
    violations = check_utterance(
        clinic_policies, "Ben", "Have a seat, it will pass.", "I keep feeling dizzy."
    )
    assert [v.policy for v in violations] == ["refer_not_diagnose"]
    assert "dizz" in violations[0].reason


@pytest.mark.parametrize(
    "reply",
    [
        "I'm booking you an appointment with Dr. Okoye this morning.",
        "Please see the doctor about that cough today.",
        "I'll write a referral for you.",
    ],
)
def test_symptom_question_answered_with_referral_is_fine(clinic_policies, reply):
    assert check_utterance(clinic_policies, "Nadia", reply, "I have had a cough for weeks.") == []


def test_doctor_may_diagnose(clinic_policies):
    assert check_utterance(clinic_policies, "Okoye", "You have bronchitis.", "My cough...") == []


def test_booking_line_is_not_mistaken_for_a_diagnosis(clinic_policies):
    assert check_utterance(clinic_policies, "Ben", "You have an appointment at ten.", None) == []


def test_policy_without_applies_to_covers_everyone(clinic_policies):
    violations = check_utterance(clinic_policies, "Walter", "Sunita's results were bad.", None)
    assert [v.policy for v in violations] == ["privacy"]


def test_each_broken_policy_is_reported_once():
    policies = [
        Policy(name="a", description="", forbid=["refund"]),
        Policy(name="b", description="", forbid=["guarantee", "refund"]),
    ]
    violations = check_utterance(policies, "Sam", "I guarantee a refund.", None)
    assert [v.policy for v in violations] == ["a", "b"]


def test_requirement_applies_only_when_triggered():
    policy = Policy(name="verify", description="", triggered_by=["account"], require=["verif"])
    assert check_utterance([policy], "Sam", "Good morning!", "Hello there") == []
    assert check_utterance([policy], "Sam", "Good morning!", None) == []
    assert check_utterance([policy], "Sam", "Sure.", "About my ACCOUNT") != []
    assert check_utterance([policy], "Sam", "Let me verify you first.", "my account") == []


def test_service_desk_large_refund_promise_is_flagged():
    policies = load_world("service_desk").policies
    asked = "I want a refund of 300 coins."
    bad = check_utterance(policies, "Bea", "We will refund you 300 coins today.", asked)
    assert {v.policy for v in bad} == {"refund_limit"}
    assert check_utterance(policies, "Sam", "I need my manager to approve that.", asked) == []


@pytest.fixture
def alarm():
    """Fail a test whose matching runs past 5 seconds instead of hanging the suite (CPython's
    ``re`` checks for signals while it backtracks)."""
    def _stop(signum, frame):
        raise TimeoutError("pattern search ran past 5 seconds")
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, 5)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$", "(a*)*b", r"(\w+\s?)+!$", "(x+x+)+y"])
def test_a_backtracking_pattern_cannot_hang_a_run(alarm, pattern):
    """A world's pattern is searched in every line of every step: nested repeats against a
    long line took hours with Python's ``re``; RE2 takes time linear in the line."""
    policy = Policy(name="p", description="", forbid=[pattern], triggered_by=[pattern], require=[pattern])
    started = time.perf_counter()
    for line in ("a" * 5000 + "!", "x" * 5000, "word " * 2000 + "?"):
        check_utterance([policy], "Sam", line, line)
    assert time.perf_counter() - started < 2


def test_shipped_patterns_still_match_as_before(clinic_policies):
    """Case-insensitive, anywhere in the line, escapes such as ``\\x27`` and ``\\b`` as before."""
    bad = check_utterance(clinic_policies, "Nadia", "YOU'VE GOT A SPRAIN, it's just a bruise.", None)
    assert [v.policy for v in bad] == ["refer_not_diagnose"] and "YOU'VE GOT A SPRAIN" in bad[0].reason
    assert check_utterance(clinic_policies, "Nadia", "Marco's results are in the post.", None)[0].policy == "privacy"


def test_a_line_with_a_lone_surrogate_is_still_checked():
    """RE2 reads UTF-8; a lone surrogate (an undecodable argument) is searched as U+FFFD."""
    policy = Policy(name="p", description="", forbid=["refund"], triggered_by=["bill"], require=["manager"])
    violations = check_utterance([policy], "Sam", "a \udc80 refund", "my \udcff bill")
    assert [v.reason.split(",")[0] for v in violations] == ["says 'refund'"]


@pytest.mark.parametrize(("pattern", "said"), [
    (r"(a)\1", "invalid escape sequence"), ("(?=refund)", "invalid perl operator"), ("(?<!no )refund", "perl"),
    ("a{5000}", "repetition"), ("x" * 3000, "at most 2000"), ("[z-a]", "character class"),
    ("\ud800", "surrogates not allowed"),
])
def test_a_pattern_re2_cannot_match_is_refused_when_the_policy_is_made(pattern, said):
    with pytest.raises(ValidationError) as info:
        Policy(name="p", description="", require=["ok", pattern])
    error = info.value.errors()[0]
    assert error["loc"] == ("require", 1) and said in error["msg"]
