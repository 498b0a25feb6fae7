"""NPC lines are checked against the world's policies (the clinic's refer-not-diagnose)."""

from __future__ import annotations

import pytest

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
