"""Read time in a scene command: a clock time, a named time of day, or time passing.

The clock is ``world.time`` (``HH:MM``) and ``world.day``; it only moves forward (a time
earlier than now is tomorrow, the time it is now changes nothing). See ``worlds/README.md``
(Directing, Time) for the named times and parts of the day.
"""

from __future__ import annotations

import re

from simverse.core.state import Effect
from simverse.events.scene_clause import Clause, Reading
from simverse.events.scene_words import NAMED_TIMES, NUMBER, PERIODS, TIME_CUES, UNITS, has, hhmm, in_period, minutes_of
from simverse.events.scene_words import number_value as _number

AMPM = r"a\.?m\.?|p\.?m\.?"
CLOCK = re.compile(rf"(?<![\w:])(\d{{1,2}})(?::(\d{{2}}))?\s*({AMPM}|o'?clock|h)?(?![\w:])")
HALF = re.compile(rf"\b(half|quarter|(?:{NUMBER})(?: minutes)?) (past|to|after|before) ({NUMBER})\b")
WORD_OCLOCK = re.compile(rf"\b({NUMBER}) o'?clock\b")
SPOKEN = re.compile(rf"\b({NUMBER})(?:[ -](thirty|fifteen|forty[ -]five|o five|ten|twenty))?\s+"
                    rf"(?=in the (?:morning|afternoon|evening)|at night|tonight|a\.?m\b|p\.?m\b)")
SPOKEN_MINUTES = {"thirty": 30, "fifteen": 15, "forty five": 45, "forty-five": 45, "o five": 5, "ten": 10,
                  "twenty": 20}
QUALIFIER = re.compile(r"in the (morning|afternoon|evening)|at night|tonight")
DURATION = re.compile(rf"\b(half an?|a quarter of an?|an?|{NUMBER})(?: and a half)? ({'|'.join(UNITS)})\b"
                      r"(?: and a half)?")
PASSING = (r"pass\w*|go(?:es)? by|went by|gone by|later|elapse\w*|skip\w*|jump\w*|fast[- ]?forward\w*|advanc\w*"
           r"|move[sd]? (?:on|ahead|forward)|wind (?:on|forward)|wait\w*|after|on by|ahead|forward")


def read_time(clause: Clause) -> Reading | None:
    """A time of day, a named time or a span of time; None when the clause is not about time."""
    text = clause.text
    duration = _duration(text)
    if duration is not None and has(PASSING, text):
        return _advance(clause, duration, f"{_span(duration)} pass")
    target = _clock(text)
    if target is None:
        named = _named(text)
        if named is None:
            return None
        return _to_named(clause, *named)
    minutes, match = target
    if not (has(TIME_CUES, text) or _only_time(text, match)):
        return None
    clause.consume(match)
    return _jump(clause, minutes, f"it is {hhmm(minutes)}")


def _duration(text: str) -> int | None:
    match = DURATION.search(text)
    if match is None:
        return None
    amount_word, unit = match.group(1), match.group(2)
    amount: float | None
    if amount_word.startswith("half"):
        amount = 0.5
    elif amount_word.startswith("a quarter"):
        amount = 0.25
    else:
        amount = _number(amount_word)
    if amount is None:
        return None
    if "and a half" in match.group(0):
        amount += 0.5
    return round(amount * UNITS[unit])


def _clock(text: str) -> tuple[int, re.Match[str]] | None:
    """Minutes after midnight of a clock time in the text (am/pm or a qualifier resolved;
    a bare hour without either is returned as a 12-hour reading, see :func:`_jump`)."""
    half = HALF.search(text)
    if half is not None:
        hour = _number(half.group(3))
        offset = {"half": 30, "quarter": 15}.get(half.group(1)) or _number(half.group(1).split()[0]) or 0
        if hour is None or hour > 23:
            return None
        minutes = hour * 60 + (offset if half.group(2) in ("past", "after") else -offset)
        return _qualified(text, minutes, hour), half
    spoken = SPOKEN.search(text)
    if spoken is not None and _number(spoken.group(1)) is not None and 1 <= _number(spoken.group(1)) <= 12:
        hour = int(_number(spoken.group(1)))
        minutes = hour * 60 + SPOKEN_MINUTES.get((spoken.group(2) or "").replace("-", " "), 0)
        if re.search(r"\bp\.?m\b", text[spoken.end():spoken.end() + 6]):
            return (minutes % 720) + 720, spoken
        if re.search(r"\ba\.?m\b", text[spoken.end():spoken.end() + 6]):
            return minutes % 720, spoken
        return _qualified(text, minutes, hour), spoken
    word = WORD_OCLOCK.search(text)
    if word is not None and _number(word.group(1)) is not None and _number(word.group(1)) <= 24:
        hour = int(_number(word.group(1)))
        return _qualified(text, hour * 60, hour), word
    for match in CLOCK.finditer(text):
        hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").replace(".", "")
        if hour > 24 or minute > 59 or (not suffix and match.group(2) is None):
            continue
        if suffix in ("am", "pm"):
            if hour > 12:
                continue
            hour = hour % 12 + (12 if suffix == "pm" else 0)
            return hour * 60 + minute, match
        if match.group(2) is not None:
            return (hour % 24) * 60 + minute, match
        return _qualified(text, hour * 60, hour), match
    return None


def _qualified(text: str, minutes: int, hour: int) -> int:
    """Apply 'in the evening' / 'at night'; otherwise mark a 1-12 hour as ambiguous (-1 - m)."""
    qualifier = QUALIFIER.search(text)
    if hour > 12:
        return minutes % 1440
    if qualifier is not None:
        part = qualifier.group(1) or "night"
        if part in ("afternoon", "evening") or (part == "night" and hour >= 6):
            return (minutes + 12 * 60) % 1440 if hour < 12 else minutes % 1440
        return minutes % (12 * 60) if hour == 12 else minutes % 1440
    return -1 - (minutes % 1440)


def _only_time(text: str, match: re.Match[str]) -> bool:
    rest = (text[:match.start()] + text[match.end():]).strip(" .!,")
    return rest in ("", "it is", "it's", "now", "it is now", "at")


def _named(text: str) -> tuple[str, bool, re.Match[str]] | None:
    """A named time with a cue (``make it evening``, ``night falls``, ``the next morning``)."""
    pattern = "|".join(sorted(NAMED_TIMES, key=len, reverse=True))
    match = re.search(rf"\b(?:the )?(next )?({pattern})\b", text)
    if match is None:
        return None
    next_day = bool(match.group(1)) or bool(re.search(r"\btomorrow\b|\bnext day\b", text))
    cue = has(TIME_CUES, text) or _only_time(text, match) or next_day
    if not cue:
        return None
    return match.group(2), next_day, match


def _to_named(clause: Clause, name: str, next_day: bool, match: re.Match[str]) -> Reading:
    clause.consume(match)
    now = minutes_of(str(clause.state.get("world", "time") or "00:00")) or 0
    if next_day:
        return _set_clock(clause, NAMED_TIMES[name], 1, f"it is {name} of the next day")
    if name in PERIODS and in_period(now, name):
        return Reading([], [f"it is already {name}"], matched=True)
    return _jump(clause, NAMED_TIMES[name], f"it is {name}")


def _jump(clause: Clause, minutes: int, said: str) -> Reading:
    """To the next time the clock shows ``minutes`` (a negative value: a 12-hour reading,
    either of its two times, whichever comes first)."""
    now = minutes_of(str(clause.state.get("world", "time") or "00:00")) or 0
    if minutes < 0:
        base = -1 - minutes
        options = [base % 1440, (base + 12 * 60) % 1440]
        minutes = min(options, key=lambda m: (m - now) % 1440 or 1440)
    if minutes == now:
        return Reading([], [f"it is already {hhmm(minutes)}"], matched=True)
    return _set_clock(clause, minutes, 1 if minutes < now else 0, said)


def _advance(clause: Clause, duration: int, said: str) -> Reading:
    now = minutes_of(str(clause.state.get("world", "time") or "00:00")) or 0
    total = now + duration
    return _set_clock(clause, total % 1440, total // 1440, said)


def _set_clock(clause: Clause, minutes: int, days: int, said: str) -> Reading:
    effects = []
    if hhmm(minutes) != clause.state.get("world", "time"):
        effects.append(Effect("world", "time", "set", hhmm(minutes)))
    if days:
        effects.append(Effect("world", "day", "add", days))
    return Reading(effects, [said], matched=True)


def _span(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minutes"
