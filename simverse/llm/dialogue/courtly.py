"""Lines in a formal, roundabout register, said again plainly so the rest of the reading
takes them as any question or order:

* a question put as a wish to learn or be told ("I should be most obliged to learn the sum
  you ask for a loaf", "it would assist my notes were you to tell me how many ...") or as
  an instruction to state it ("for the record, kindly state where ...", "please specify
  the location in which ..."): "how much is the sum you ask for a loaf?", "where ...?";
* an order put as a favour or a formal request ("I should count it a great kindness were
  you to kneel and pray", "pray be so good as to take notes", "would you do me the
  courtesy of greeting them", "you are hereby requested to hand in the kettle", "pray
  stoop and lift it"): "kneel and pray.";
* an apology for asking before the question ("forgive the intrusion, but ..."): the question;
  leave to remark before the remark ("may I say what a glorious morning it is"): the remark;
* what the speaker never learned, asked back ("I never caught your name; would you remind
  me?"): "what is your name?";
* the way asked through a supposition ("were a stranger to walk from the tavern to the
  chapel, by what way would you direct him?"): "how would one get from the tavern to the
  chapel?".

The cues are English word shapes; no world's words. A wrapper opens its clause (the line,
or what follows a comma after a form of address or a remark); a remark before it is kept
as a sentence of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.llm.dialogue.parts import SENTENCE_BREAK
from simverse.llm.dialogue.reading import AUX, WH
from simverse.llm.dialogue.reported import asked_in_order
from simverse.llm.dialogue.requesting import plain_verb

_FAVOUR = r"(?:kindness|courtesy|favou?r|honou?r|service|blessing|mercy|help|pleasure)"
_YOU_WOULD = (r"(?:were you to|should you|if you would|if you'd|if you were to|if you could|if you might|if you"
              r"|were you)")
_ORDER_WRAPS = (
    r"(?:i|we) (?:should|would|shall|will|'d) (?:count|take|consider|deem|regard|think) it (?:as )?(?:an? )?"
    r"(?:[a-z]+ ){0,2}" + _FAVOUR + r" " + _YOU_WOULD,
    r"(?:i|we)(?:'d| would| should| shall)(?: be)? (?:[a-z]+ ){0,2}(?:obliged|grateful|glad|pleased|thankful|indebted)"
    r" " + _YOU_WOULD,
    r"(?:could|can|may|might) i (?:possibly |just )?(?:ask|trouble|bother|prevail upon|beg) you to",
    r"(?:(?:pray|do|would you|could you|will you) )?(?:be so (?:good|kind|gracious) as to|be (?:good|kind) enough to"
    r"|have the (?:goodness|kindness|courtesy) to)|pray do",
    r"pray,?(?= (?!(?:for|that|to|with|at|in|over|together|now|here|you|and|quietly|silently|aloud|tell|say"
    r"|thee|ye)\b))",
    r"it (?:would|will|should|'d) (?:please|delight|gladden|oblige|help|assist|serve) (?:me|us)(?: [a-z]+){0,2} "
    + _YOU_WOULD,
    r"(?:would|could|will|might) you (?:kindly |please |perhaps )?do (?:me|us) the " + _FAVOUR + r" (?:of|to)",
    r"(?:(?:i|we) (?:wonder|wondered|was wondering|am wondering|'m wondering) (?:whether|if) )?"
    r"(?:you )?(?:would|could|will|might|can) (?:you )?(?:kindly )?oblige (?:me|us) by",
    r"might you(?: please| kindly| possibly| perhaps)?(?= (?!(?:know|have|be|like|want|think|tell|say|mind|recall"
    r"|remember|see|happen|need|wish|prefer|consider|agree|feel)\b))",
    r"(?:would|could|will|might) you (?:kindly |perhaps )?(?:care|deign|consent|condescend|be prepared|be minded"
    r"|be disposed|see your way(?: clear)?) to",
    r"you are (?:hereby |kindly |respectfully |formally |politely )?(?:requested|asked|required|instructed|invited"
    r"|directed|bidden|begged) to",
    r"(?:i|we) (?:must |would |should |shall |do |will |'d )?(?:formally |respectfully |humbly |kindly |politely "
    r"|earnestly )?(?:request|ask|beg|beseech|entreat|implore|urge|invite|require) (?:(?:of )?you to|that you)",
)
_ORDER = re.compile(r"^(?:" + "|".join(_ORDER_WRAPS) + r")\s+(?P<verb>[a-z]+)\b(?P<rest>.*)$", re.IGNORECASE)

_STATED = r"state|indicate|specify|identify|disclose|name|set out"
"""Verbs of an instruction to state something, which may take a thing ("kindly state the sum")."""
_TOLD = (r"describe|explain|outline|recount|relate|confide|share|say|confirm|inform (?:me|us)"
         r"|let (?:me|us) know|advise (?:me|us)|remind (?:me|us)|enlighten (?:me|us)")
"""Verbs of telling, which here only take a question ("describe what is in the cases",
"confirm whether ...", not "confirm my booking"); not
"tell me", which the reading knows ("could you tell me where ...") but for an order put as a
favour ("would you do me the kindness of telling me what ...")."""
_TELL_ME = re.compile(r"^tell (?:me|us)(?: (?:of|about))?\s+(?P<rest>.+)$", re.IGNORECASE)
_INSTRUCTED = re.compile(r"^(?:(?:would|could|will|can|might) you (?:kindly |please |perhaps )?)?"
                         r"(?:(?:please|kindly|pray|do|now|just)\s+)*(?P<verb>" + _STATED + "|" + _TOLD + r")"
                         r"(?: (?:for|to|with) (?:me|us))?(?: (?:of|as to|about|on))?\s+(?P<rest>.+)$", re.IGNORECASE)
_WISHED = re.compile(r"^(?:i|we|it)\b(?:\s+[a-z']+){0,6}?\s+(?:obliged|oblige|grateful|glad|pleased|delighted"
                     r"|thankful|indebted|assist|help|serve|aid|(?P<liking>like)|appreciate|kindness|courtesy|favou?r"
                     r"|honou?red)\b"
                     r"(?:\s+[a-z']+){0,6}?\s+(?:to (?:know|learn|hear|ascertain|be told|be informed|be reminded)"
                     r"|(?:were|should|if) you (?:to |would |could |were to )?(?:tell|inform|remind|advise|let)"
                     r" (?:me|us)(?: know)?"
                     r"|for (?:an? |any |some )?(?:indication|account|word|statement|idea|sense) of)"
                     r"(?: (?:of|as to|about))?\s+(?P<rest>.+)$", re.IGNORECASE)
"""A wish to learn or be told, with the courtesy that makes it a question ("I should be
most obliged to learn", "it would help our records no end to know", "we should be most
grateful for an indication of"); a liking to learn only asks a question ("I should like to
know which ...", not "I would like to learn the lute")."""
_ENQUIRED = re.compile(r"^(?:(?:permit|allow) me to|(?:i|we) (?:would like to|wish to|want to|need to|must"
                       r"|should like to)|(?:i|we) (?:would|should) (?:like|wish|want) to) (?:ask|enquire|inquire|know"
                       r"|learn)(?: (?:of )?you)?(?: (?:as to|about|after))?\s+(?P<rest>(?:[a-z]+ )?(?:what|which|who"
                       r"|whom|whose|where|when|why|how|whether)\b.+)$", re.IGNORECASE)
""""Permit me to ask where ...", "I wish to know who ...": a question said as the wish to
ask it (only a question follows: "I want to learn the fiddle" asks nothing)."""
_WH_PHRASE = re.compile(r"^(?P<wh>(?:(?:to|for|from|with|on|at|in|by|towards|toward|of|about) )?"
                        r"(?:what|which|who|whom|whose|where|when|why|how|whether|if))\b\s*(?P<rest>.*)$",
                        re.IGNORECASE)
_THING = re.compile(r"^(?:the|your|his|her|their|its|our|my|this|that|those|these|a|an|any)\b", re.IGNORECASE)
_HEADS = (
    ("how much", r"sums?|amounts?|figures?|prices?|costs?|fees?|charges?"),
    ("where", r"locations?|places?|whereabouts|spots?|sites?|position"),
    ("who", r"identity|identities|owners?|keepers?|person|people|man|woman|lady|fellow"),
    ("when", r"times?|hours?|dates?|days?"),
    ("why", r"reasons?|causes?|grounds"),
    ("how many", r"numbers?|count|total|quantity"),
)
_HEAD = [(wh, re.compile(r"^(?:(?!(?:you|you'd|you'll|you've|i|i'd|we|they|he|she|who|that|which|whom)\b)\S+ ){1,3}?"
                         r"(?:" + nouns + r")\b", re.IGNORECASE)) for wh, nouns in _HEADS]
"""What a thing to be stated asks by the noun that heads it ("the precise sum ..." asks how
much, "the location in which ..." where); not a word of a clause after it ("the colleague
you'd count as your friend" asks who, not how many)."""
_WAY_SUPPOSED = re.compile(
    r"^(?:were|if|suppose|supposing|should|say) (?:one|i|we|you|someone|somebody|anyone|anybody|an? [a-z]+)"
    r"(?: (?:were|was|wanted|wished|had|needed))?(?: to)? (?:set out|set off|walk|go|travel|head|get|wander|stroll"
    r"|make (?:[a-z']+ )?way|find (?:[a-z']+ )?way) from (?P<start>[^,;]+?) (?:to|for|towards?|as far as) "
    r"(?P<end>[^,;]+?)\s*[,;]\s+(?:[^?]*\b(?:way|route|path|direct|go|get|pass|part|road|turn|walk)\b[^?]*)\?$",
    re.IGNORECASE)


_APOLOGY = re.compile(r"^(?:(?:do|please) )?(?:(?:forgive|pardon|excuse)(?= (?:me|the|my|this|our)\b)"
                      r"|i hope you (?:do not|don't|won't|will not) mind)(?: [a-z']+){0,3}"
                      r"(?:,\s*(?:[a-z'.]+ ?){1,3})?,?\s+but\s+(?P<rest>.+)$", re.IGNORECASE)
""""Forgive the intrusion, Master Cobb, but ...", "I hope you don't mind my asking, but ...":
a short apology for asking, before what is asked. A longer one may say when or why ("forgive
me for intruding at so early an hour, but what ...?") and stays."""


_REMARK_LEAVE = re.compile(r"^(?:(?:may|might|can|could) i|let me|allow me to|permit me to)(?: just)?"
                          r"(?: be (?:allowed|permitted) to)? (?:say|remark|observe|add|mention|note)(?: that)?,?\s+"
                          r"(?P<rest>(?:what an? |how (?:very )?[a-z]+ (?:it|this|that|you|the)\b)?"
                          r"(?!(?:what|which|who|whom|whose|where|when|why|how|whether|if)\b).+)$", re.IGNORECASE)
""""May I say what a glorious morning it is", "allow me to remark that ...": leave to remark,
before the remark (not "may I say what I think?", which asks leave)."""
_FORGOTTEN = re.compile(r"\bi (?:do not|don't|did not|didn't|never|cannot|can't|can not)(?: believe i)?(?: ever)?"
                        r"(?: quite)? (?:learn(?:ed|t)?|know|knew|catch|caught|hear|heard|get|got|recall|remember)"
                        r" (?P<thing>(?:your|his|her|their) [a-z']+)\b[^.;?!]*?[.;,!\u2014-]+\s*(?:so |now )?"
                        r"(?:(?:would|could|will|can|might) you (?:kindly |please )?(?:remind|tell|enlighten) me"
                        r"(?: again)?|what (?:is|was|'s) it(?: again)?)\s*\?$", re.IGNORECASE)
""""I don't believe I ever learned your trade; would you remind me?", "I never caught your
name. What was it?": what the speaker says it never learned, asked."""


@lru_cache(maxsize=1 << 14)
def said_plainly(line: str) -> str:
    """``line`` with each sentence said in a formal, roundabout register said plainly, else
    unchanged (kept per text: a line is read again for each listener)."""
    if forgotten := _FORGOTTEN.search(line):
        return f"{line[:forgotten.start()]}what is {forgotten['thing']}?"
    sentences = SENTENCE_BREAK.split(line.strip())
    plain = [_sentence_plainly(s) for s in sentences]
    return " ".join(plain) if plain != sentences else line


def _sentence_plainly(sentence: str) -> str:
    """One sentence said plainly, its remark or form of address before the wrapper kept."""
    for start in _clause_starts(sentence):
        clause = sentence[start:]
        said = _plain_clause(clause.rstrip())
        if said is not None:
            before = sentence[:start].rstrip(" ,;:")
            if not before:
                return said
            return f"{before}, {said}" if len(before.split()) <= 3 else f"{before}. {said}"
    return sentence


def _clause_starts(sentence: str) -> list[int]:
    """Where a clause may open: the sentence's start and after each comma, semicolon or colon."""
    return [0, *(m.end() for m in re.finditer(r"[,;:]\s+", sentence))]


def _plain_clause(clause: str) -> str | None:
    """The clause said plainly, or ``None`` when no formal wrapper opens it."""
    if match := _REMARK_LEAVE.match(clause):
        return match["rest"]
    if match := _APOLOGY.match(clause):
        return _plain_clause(match["rest"]) or match["rest"]
    if match := _WAY_SUPPOSED.match(clause):
        return f"how would one get from {match['start']} to {match['end']}?"
    if match := _ORDER.match(clause):
        verb = match["verb"].lower()
        if verb in WH or verb in AUX:  # "pray, what is your name?": a question after the courtesy
            return clause[match.start("verb"):]
        verb = plain_verb(verb) if verb.endswith("ing") else verb
        order = f"{verb}{match['rest'].rstrip(' ?.!')}"
        return _asked(order, _TELL_ME.match(order)) or f"{order}."
    return _asked(clause)


def _asked(clause: str, told: re.Match[str] | None = None) -> str | None:
    """The question a wish to know or an instruction to state asks (``told``: the clause as
    "tell me ..." already matched), or ``None``."""
    match = told or _WISHED.match(clause) or _ENQUIRED.match(clause) or _INSTRUCTED.match(clause)
    if match is None:
        return None
    rest = match["rest"].rstrip(" ?.!")
    if wh := _WH_PHRASE.match(rest):
        return asked_in_order(wh["wh"].lower(), wh["rest"])
    said = match.groupdict()
    stated = re.fullmatch(_STATED, said["verb"].lower()) if "verb" in said else not said.get("liking")
    if not stated or not _THING.match(rest):
        return None
    asked = next((wh for wh, head in _HEAD if head.match(rest)), "what")
    return f"{asked} is {rest}?"
