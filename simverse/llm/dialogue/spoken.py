"""A line spoken aloud and written down by a speech recogniser, as it would have been typed:
without its hesitations ("um", "uh", "er"), its repeated words ("is there is there"), the
start it gave up ("what are you uh why are you out here"), its fillers ("you like really
trust", "could you like pick", "you know", "i mean") and its trailing tags ("... today or",
"... or something", "... like").

A reply reads the line as :func:`fluent` writes it (:mod:`.replying`); the line said
is kept as said. Only a line with a mark that speech alone leaves (a hesitation, a repeat,
"so yeah", a "like" that can only fill) is changed, so typed lines ("is she someone you
know?", "the doc's Nadia, yeah?") and the lines NPCs say to each other read as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.core.names import word_set

HESITATIONS = word_set("um umm ummm uh uhh uhm er erm err hmm hmmm")
"""Sounds that only hold the floor: never a word of what is said."""
_OPENERS = word_set("what who whom whose where when why how which is are am was were do does did can could would "
                    "will shall should have has had may might")
"""Words a question starts with: a start given up is one, and so is the start that replaces it."""
_SUBJECTS = word_set("i you we they he she it")
_BE_HAVE_MODAL = word_set("is are am was were have has had can could will shall should may might must")
"""Before "you like ..." these make "like" a filler ("could you like pick", "are you like
saving"); "do you like" and "would you like" ask a liking or offer."""
_AFTER_FILLER_LIKE = word_set("really actually just literally totally honestly basically properly even maybe "
                              "too what who where when why how which")
"""Words "like" is a filler before: an adverb ("you like really trust") or a question word
that restates ("painted like what year")."""
_PLACING = word_set("for in at on above below behind near by with about from")
_LIKE_VERBS = word_set("look looks looked feel feels felt sound sounds seem seems taste tastes smell smells")
"""Verbs "like" follows as a word of its own ("it looks like in the picture")."""
_BARE_VERBS = word_set("get go do make have see pick head help take give come know need want trust keep find "
                       "say tell think put try bring fix check grab sort")
"""Verbs "like" cannot take bare ("do you like get on with"): a filler before them."""
_TRAILING = ("or something", "or whatever", "or anything", "or what", "or so", "you know", "yeah", "like", "or",
             "i mean", "so yeah")
"""Tags a spoken line may trail off with, longest first when tried."""
_WHAT_LIKE = re.compile(r"\b(?:what|how)(?:'s|s| is| are| was| were| does| do| did)\b((?:\s+\S+){0,3})\s+like$")
""""what's the weather like": "like" that ends a question about what something is like."""
_MARKED = re.compile(r"\b(?:um+|uh+|uhm|er+|erm|hmm+|like|yeah)\b|\b([\w']+(?:\s+[\w']+){0,3})\s+\1\b", re.IGNORECASE)
"""A cheap first look for :func:`_sounds_spoken`: a line with none of these is left as it is."""
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9']*|[^\sA-Za-z0-9]")
_BREAKS = frozenset(",;:.!?")


@lru_cache(maxsize=1 << 14)
def fluent(line: str) -> str:
    """``line`` without the marks of unscripted speech (see the module)."""
    if not _MARKED.search(line):
        return line
    said = _TOKEN.findall(line)
    if not _sounds_spoken(said):
        return line  # "is she someone you know?", "the doc's Nadia, yeah?": typed, and meant
    tokens = _without_trailing(_without_repeats(_without_fillers(_paused_as_breaks(_without_false_starts(said)))))
    tokens = _broken_before_asking(tokens)
    if tokens and not any(t in "?.!" for t in tokens) and _asks(_low(tokens)):
        tokens.append("?")  # a recogniser that writes no marks: "is there a test today"
    text = _joined(tokens)
    return text if text.strip(" ,?") else line


def _broken_before_asking(tokens: list[str]) -> list[str]:
    """A comma before a question or a request that follows what it is about ("the big
    noticeboard by the lockers what's pinned up on it" -> "..., what's pinned up on it"), as a
    writer would put one; not inside "do you know what they've got"."""
    low = [t.lower().replace("'", "") for t in tokens]
    out: list[str] = []
    for i, t in enumerate(tokens):
        after = low[i + 1] if i + 1 < len(low) else ""
        asks = low[i] in _WH_IS or (low[i] in _WH and (after in _OPENERS or _DOES.match(after) is not None)) or (
            low[i] in _BIDDING and after == "you")  # "when you've got a second, could you count out..."
        if asks and i > 0 and out[-1] not in _BREAKS and low[i - 1] not in _EMBEDDING | _OPENERS | _LEADING \
                and low[i - 1] not in _INCOMPLETE_ENDS:
            out.append(",")
        out.append(t)
    return out


_BIDDING = word_set("could can would will")
_DOES = re.compile(r"^[a-z]{2,}[^s]s$")
"""A verb of "he" or "it" after a question word ("what goes into them", "who makes them")."""


def _paused_as_breaks(tokens: list[str]) -> list[str]:
    """Hesitations out; one between two words marks where a clause ends, so it leaves a comma
    ("ms arden it's theo um sorry is there..." -> "..., sorry is there...")."""
    out: list[str] = []
    for t in tokens:
        if t.lower() not in HESITATIONS:
            out.append(t)
        elif out and out[-1] not in _BREAKS and out[-1].lower() not in _INCOMPLETE_ENDS:
            out.append(",")  # not "do you uh think": a clause is not over after its subject
    while out and out[-1] == ",":
        out.pop()
    return out


_LEADING = word_set("so okay ok and but sorry well right alright now then hey hi hello oh")
"""Words a clause may open with before its question ("so is there...", "sorry what...")."""
_ASKED_AFTER = word_set("you i we they he she it there the a an this that these those your my his her our their "
                        "anyone anybody someone somebody any")


def _asks(low: list[str]) -> bool:
    """Whether a clause asks: it opens with a question word (not "what a day") or an auxiliary
    before its subject ("is there", "could you") in its first three words after a leading
    word, or has an auxiliary before a subject pronoun later ("these pills, can they...",
    "all those coins, what are you saving them for") that no "so" or "than" leads."""
    words = [w.replace("'", "") for w in low]
    starts = [0, *(i + 1 for i, w in enumerate(words) if w in _BREAKS)]
    for start in starts:
        at = start
        while at < len(words) and at - start < 2 and words[at] in _LEADING:
            at += 1
        for i in range(at, min(at + 3, len(words) - 1)):
            if i > at and words[i - 1] in _EMBEDDING:
                break  # "I know what's wrong"
            if (words[i] in _WH and words[i + 1] not in ("a", "an")) or (
                    words[i] in _OPENERS and words[i + 1] in _ASKED_AFTER):
                return True
    inverted = any(w in _OPENERS and w not in _WH and words[i + 1] in _PRONOUNS and words[i - 1] not in _NOT_ASKING
                   for i, w in enumerate(words[1:-1], start=1))
    return inverted or any(w in _WH_IS and words[i - 1] not in _EMBEDDING for i, w in enumerate(words[1:-1], start=1))


_WH_IS = word_set("whats wheres whos hows whens whys")
"""A question word with its verb ("the noticeboard by the lockers, what's pinned up on it")."""
_EMBEDDING = word_set("know knew wonder wondered wondering tell told ask asked asking see saw guess sure idea "
                      "remember forget forgot find found out about matter care decide explain show learn understand")
"""Words after which a question word starts a clause of the sentence, not a question ("I know what's wrong")."""


_PRONOUNS = _SUBJECTS | {"there"}
_NOT_ASKING = word_set("so neither nor than as")
"""Words before "do you" that make it no question of its own ("so do I", "than they are")."""
_WH = word_set("what who whom whose where when why how which whats wheres whos hows")


def _sounds_spoken(tokens: list[str]) -> bool:
    """Whether a line bears a mark only speech leaves: a hesitation, a word or words said twice
    in a row, "so yeah" to open, or "like" that can only fill ("could you like pick",
    "you like really trust"). Only then are its tags and other fillers read past."""
    low = _low(tokens)
    return any(w in HESITATIONS for w in low) or low[:2] == ["so", "yeah"] or _without_repeats(tokens) != tokens \
        or any(w == "like" and i > 1 and low[i - 1] in _SUBJECTS and (
            low[i - 2] in _BE_HAVE_MODAL or low[i + 1:i + 2] in (["really"], ["actually"], ["just"]))
            for i, w in enumerate(low))


def _low(tokens: list[str]) -> list[str]:
    return [t.lower() for t in tokens]


def _without_false_starts(tokens: list[str]) -> list[str]:
    """Drop a question's start given up at a hesitation for another ("what are you uh why are
    you out", "have you um do you know"); what it named and the new start calls "he" or
    "she" takes the pronoun's place ("what does Pieter er what does he do")."""
    low = _low(tokens)
    for at, word in enumerate(low):
        pause = word in HESITATIONS or (word == "i" and low[at + 1:at + 2] == ["mean"])
        if not pause:
            continue
        after = at
        while after < len(low) and (low[after] in HESITATIONS or low[after:after + 2] == ["i", "mean"]):
            after += 2 if low[after] == "i" else 1
        start = _given_up(low, at)
        if start is None or after >= len(low) or not (low[after] in _OPENERS or _asks_later(low[after:])) \
                or low[start:at] == low[after:after + at - start]:
            continue  # no question given up, none started instead, or a repeat (:func:`_without_repeats`)
        named = [t for t in tokens[start:at] if t.lower() not in _INCOMPLETE_ENDS]
        return _without_false_starts(tokens[:start] + _pronoun_named(tokens[after:], named))
    return tokens


def _asks_later(low: list[str]) -> bool:
    """Whether words that start with a thing go on to ask about it ("the big noticeboard by
    the lockers what's pinned up on it")."""
    return any(w.replace("'", "") in _WH for w in low[1:])


_INCOMPLETE_ENDS = _OPENERS | _SUBJECTS | word_set("a an the there that this these those your my his her our their "
                                                    "some any to of")
"""Last words of a question's start that leave it unfinished ("what are you", "is there a")."""
_NEEDS_VERB = word_set("do does did can could will would shall should may might must")
"""Second words that leave a three-word start unfinished without a verb ("what does Pieter")."""


def _given_up(low: list[str], at: int) -> int | None:
    """Where a question begun in the four words before ``at`` and left unfinished there
    starts, or None (a finished one, "where is the inn um is it far", is kept)."""
    start = None
    for j in range(at - 1, max(at - 4, 0) - 1, -1):
        if low[j] in _BREAKS or low[j] in HESITATIONS or low[j] in ("so", "mean"):
            break
        if low[j] in _OPENERS:
            start = j
    if start is None:
        return None
    part = low[start:at]
    return start if part[-1] in _INCOMPLETE_ENDS or (len(part) == 3 and part[1] in _NEEDS_VERB) else None


def _pronoun_named(rest: list[str], named: list[str]) -> list[str]:
    """``rest`` with its first "he", "she" or "they" as ``named`` when the start given up named
    one thing (one or two words)."""
    if not 1 <= len(named) <= 2:
        return rest
    for i, t in enumerate(rest[:6]):
        if t.lower() in ("he", "she", "they"):
            return rest[:i] + named + rest[i + 1:]
    return rest


def _without_fillers(tokens: list[str]) -> list[str]:
    """Drop "like", "you know" and "i mean" where they fill, not where they say something
    ("do you like fishing", "do you know", "I mean to")."""
    low = _low(tokens)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word, before, after = low[i], low[i - 1] if i else "", low[i + 1] if i + 1 < len(low) else ""
        if word == "like" and _filler_like(low, i):
            i += 1
            continue
        if word == "i" and after == "mean" and (low[i + 2] if i + 2 < len(low) else "") not in ("to", "it", "that"):
            i += 2
            continue
        if word == "you" and after == "know" and before not in _ASKING_KNOW \
                and (low[i + 2] if i + 2 < len(low) else ",") not in _KNOWN_AFTER:
            i += 2
            continue
        if word in ("so", "okay", "ok") and after in ("yeah", "like") and not out:
            i += 2
            continue
        out.append(tokens[i])
        i += 1
    return out


_ASKING_KNOW = word_set("do did does don't didn't dont didnt would will might if as what how that since because "
                        "now whether")
"""Before "you know" these make it a clause of its own ("do you know", "as you know")."""
_KNOWN_AFTER = word_set("what who whom whose where when why how which if whether that about anything anyone any "
                        "the a an him her them it me much many")
"""After "you know" these make it a question ("you know where the inn is?"), not a filler."""


def _filler_like(low: list[str], i: int) -> bool:
    """Whether the "like" at ``i`` only fills: first in its clause ("so like one day"), before
    an adverb or a question word ("you like really trust", "painted like what year"), after
    "could you" or "are you" ("could you like pick"), or before a bare verb ("do you like get
    on with"); not "do you like fishing", "I'd like a loaf", "would you like to"."""
    before, after = low[i - 1] if i else "", low[i + 1] if i + 1 < len(low) else ""
    if not before or before in _BREAKS or before in ("so", "and", "but"):
        return after != "to"
    if after in _AFTER_FILLER_LIKE:
        return True
    if after in _PLACING and before not in _LIKE_VERBS and before != "it":
        return True  # "hanging from the ceiling like above the pews"; not "what's it like in there"
    if before in _SUBJECTS and i > 1 and low[i - 2] in _BE_HAVE_MODAL:
        return True
    return before in _SUBJECTS and after in _BARE_VERBS


def _without_repeats(tokens: list[str]) -> list[str]:
    """One of two same runs of one to four words in a row ("is there is there", "the the")."""
    tokens, low = list(tokens), _low(tokens)
    i = 0
    while i < len(low):
        for size in (4, 3, 2, 1):
            run = low[i:i + size]
            if len(run) == size and low[i + size:i + 2 * size] == run and any(w[0].isalpha() for w in run):
                del tokens[i:i + size], low[i:i + size]
                break
        else:
            i += 1
    return tokens


def _without_trailing(tokens: list[str]) -> list[str]:
    """Drop the tags a line trails off with (not "like" that ends "what's the weather like"),
    keeping its question mark."""
    mark = ["?"] if tokens and tokens[-1] == "?" else []
    while True:
        low = " ".join(_low(tokens)).rstrip(" ?.!,")
        tag = next((t for t in _TRAILING if low == t or low.endswith(" " + t)), None)
        if tag is None or (tag == "like" and _WHAT_LIKE.search(low)):
            return tokens if not mark or tokens[-1:] == mark else [*tokens, *mark]
        kept = _cut_words(tokens, len(tag.split()))
        if not any(t[0].isalnum() for t in kept):
            return tokens
        tokens = kept


def _cut_words(tokens: list[str], count: int) -> list[str]:
    """``tokens`` less their last ``count`` words and the breaks after and before them."""
    out = list(tokens)
    while out and out[-1] in _BREAKS:
        out.pop()
    for _ in range(count):
        out.pop()
        while out and out[-1] in _BREAKS:
            out.pop()
    return out


def _joined(tokens: list[str]) -> str:
    text = ""
    for t in tokens:
        text += t if t in _BREAKS and text else (" " + t if text else t)
    return text
