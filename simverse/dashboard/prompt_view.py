"""The prompt viewer: one decision and the model calls behind it, drawn for reading.

Order: what the decision was (status, repair or default note), the parse result, then per
model call the raw output, then the prompt as a chat (system / user / assistant
messages), with the JSON schema and sampling settings folded away. Every text is shown
with ``st.text`` / ``st.code`` / ``st.json`` (never Markdown), and words the content
filter blocked are hidden by the page's :class:`~simverse.dashboard.minds.Redactor`; a
call stored with the filter's placeholder shows what it held only when the viewer reveals.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from simverse.dashboard.minds import Redactor, parse_result

AVATARS = {"system": ":material/settings:", "user": ":material/person:", "assistant": ":material/smart_toy:"}


def show_decision(detail: dict[str, Any], llm: str, redact: Redactor) -> None:
    """Draw a decision (from :func:`simverse.dashboard.minds.decision_detail`)."""
    if not detail:
        st.text("No decision recorded for this line.")
        return
    st.text(f"decision {detail['id']} · step {detail['step']} · {detail['npc']} · mode {detail['mode']} · "
            f"status {detail['status']}")
    if detail["note"]:
        st.text(f"{detail['status']}: {redact(detail['note'])}")
    st.caption("parse result")
    result = parse_result(detail)
    result["utterance"] = redact(result["utterance"]) if result["utterance"] is not None else None
    st.code(json.dumps(result, indent=2, ensure_ascii=False), language="json", wrap_lines=True)
    if not detail["calls"]:
        if llm == "scripted":
            st.text("Scripted brain: no model was asked; the seeded rule brain made this decision.")
        else:
            st.text("No model call recorded for this decision.")
        return
    for call in detail["calls"]:
        show_call(call, redact)


def show_call(call: dict[str, Any], redact: Redactor) -> None:
    """One recorded model call: raw output first, then the prompt as a chat. Text the
    filter kept out of the call (``call["blocked"]``) is shown only when revealed."""
    st.text(f"model call {call['id']} · {call['backend']} {call['model']} · {call['prompt_tokens']} prompt + "
            f"{call['completion_tokens']} completion tokens · {call['latency_s']:.2f} s"
            + (f" · error: {call['error']}" if call["error"] else ""))
    kept = call.get("blocked") or {}
    if kept and not redact.reveal:
        st.caption("the content filter removed text from this call: reveal it with the toggle above")
    shown = kept if redact.reveal else {}
    st.caption("raw model output")
    st.code(redact(shown.get("response", call["response"])) or "(empty)", language=None, wrap_lines=True)
    messages = shown.get("messages", call["messages"])
    st.caption(f"prompt: {len(messages)} messages")
    for role, content in messages:
        with st.chat_message(role if role in ("user", "assistant") else "system", avatar=AVATARS.get(role)):
            st.caption(role)
            st.code(redact(content), language=None, wrap_lines=True)
    with st.expander("JSON schema and sampling settings", expanded=False):
        st.json({"schema": call["schema"], "params": call["params"], "seed": call["seed"]}, expanded=False)
