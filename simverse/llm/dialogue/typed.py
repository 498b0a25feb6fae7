"""How players type, opened up into the words they mean: contractions with and without
their apostrophe ("wasnt" is no misspelling of "want"), clitics ("what've", "where'd"),
text-speak ("whatcha", "d'you", "ur") and informal words ("tabs", "sarnie"). Tables of
ordinary English, no world's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Mapping
from functools import lru_cache

from simverse.core.spelling import is_common
from simverse.llm.dialogue.elevated import ELEVATED
from simverse.llm.dialogue.jargon import JARGON

CONTRACTIONS = {
    "what's": "what is", "where's": "where is", "who's": "who is", "how's": "how is", "when's": "when is",
    "that's": "that is", "it's": "it is", "there's": "there is", "let's": "let us", "i'd": "i would",
    "i'm": "i am", "you're": "you are", "don't": "do not", "doesn't": "does not", "didn't": "did not",
    "can't": "can not", "won't": "will not", "isn't": "is not", "aren't": "are not", "i'll": "i will",
    "wasn't": "was not", "haven't": "have not", "hasn't": "has not", "couldn't": "could not",
    "wouldn't": "would not", "you've": "you have", "i've": "i have", "whats": "what is", "wheres": "where is",
    "whos": "who is", "hows": "how is", "whens": "when is", "dont": "do not", "cant": "can not", "im": "i am",
    "ive": "i have",
    "whaddya": "what do you", "wanna": "want to", "gonna": "going to", "ya": "you", "u": "you", "ur": "your",
    "r": "are", "urself": "yourself", "urselves": "yourselves", "hw": "how", "wat": "what", "wot": "what",
    "cud": "could", "wud": "would", "wots": "what is", "wats": "what is",
    "pls": "please", "plz": "please", "thx": "thanks", "ty": "thank you",
    "whatcha": "what are you", "watcha": "what are you", "d'you": "do you", "dyou": "do you", "y'know": "you know",
    "gotta": "got to", "dunno": "do not know", "lemme": "let me", "gimme": "give me", "kinda": "kind of",
    "sorta": "sort of", "youre": "you are", "theyre": "they are", "thats": "that is", "theres": "there is",
    "tonite": "tonight", "2nite": "tonight", "2day": "today", "tmrw": "tomorrow", "b4": "before", "thru": "through",
    "tho": "though", "coz": "because", "cuz": "because", "ppl": "people", "abt": "about", "idk": "i do not know",
    "yous": "you", "youse": "you", "ye": "you", "y'all": "you all", "yall": "you all",
    "shes": "she is", "hes": "he is",
    "ain't": "is not", "aint": "is not", "wont": "will not", "shan't": "shall not", "n": "and",
    **{f"{verb}{nt}": f"{verb} not" for verb in ("is", "are", "was", "were", "does", "did", "has", "have", "had",
                                               "could", "would", "should", "must", "need", "might")
       for nt in ("n't", "nt")},
}
"""Contractions and text-speak opened up; a verb's "n't" also without its apostrophe ("wasnt"
is no misspelling of "want")."""
_ASKED_DID = frozenset({"you", "u", "ya", "he", "she", "they"})
"""After "where'd", "how'd", "what'd", these make the clitic "did" ("where'd you get it?"; "how'd I
get there" is "would")."""
_UR_ARE = frozenset({"a", "an", "the", "not", "so", "too", "very", "really", "always", "still", "just", "never",
                     "mad", "crazy", "daft", "right", "wrong", "welcome", "kidding", "joking", "late", "early", "busy",
                     "sure", "gonna", "here", "there", "in", "out", "off", "up", "back", "done", "new", "all", "only",
                     "lucky", "good", "bad", "ok", "okay", "fine", "free", "open", "closed", "meant", "supposed"})
"""After "ur" these make it "you are" ("ur mad not to", "ur not serious"), before a noun it is "your"."""
_YOUR_ARE = frozenset({"not", "here", "there", "welcome", "right", "wrong", "sure", "gonna", "kidding", "joking"})
"""After "your" these make it "you're" typed as it sounds ("your here too?"); an "-ing" word does
too, unless a verb follows it ("your cooking is great")."""
_CLAUSE_OPENS = frozenset({"bet", "guess", "think", "reckon", "suppose", "hope", "say", "if", "when", "while",
                           "because", "cause", "and", "but", "so", "that", "it", "sure", "know", "unless", "since",
                           "now", "maybe", "probably", "why", "where", "what", "who", "how"})
"""Words after which "your" opens a clause and so may be "you're" ("I bet your saving up"); after
any other it belongs to what follows ("earn your living", "on your right")."""
_BE_AFTER = frozenset({"is", "was", "are", "were", "has", "had", "will", "would", "looks", "seems"})
_UR_OWNED_AFTER = frozenset({"do", "does", "did", "doing", "done", "give", "get", "got", "make", "made", "take", "show",
                             "bring", "mind", "use", "on", "in", "for", "to", "with", "of", "about", "from", "at", "by",
                             "into", "off", "like", "love", "hate", "need", "want"})
"""After these "ur" is "your" whatever follows ("do ur welcome spiel", "on ur own")."""
_YOURE_OWNED_AFTER = frozenset({"on", "in", "for", "with", "of", "about", "from", "at", "by", "into", "off", "is",
                                "was", "whos", "whats", "who's", "what's"})
"""After these "you're" can only be "your" ("of you're lanterns"; not "looks like you're busy")."""
_YOU_HEADS = frozenset({"ye", "yous", "ya", "u"})
"""Ways to type "you" that may carry a verb ("ye're", "u'll")."""
_WHY_BEFORE = frozenset({"r", "are", "is", "do", "does", "did", "not", "would", "wud", "u", "you", "ya", "cant",
                         "dont", "didnt", "wont", "isnt", "arent", "was", "were", "have", "has", "should"})
"""After these a lone "y" is typed "why"."""
ING_NOUNS = frozenset({"morning", "evening", "thing", "things", "something", "nothing", "everything", "building",
                        "wedding", "feeling", "feelings", "meeting", "painting", "paintings", "clothing", "ring",
                        "king", "spring", "string", "darling", "sibling", "siblings", "lodging", "pudding", "ceiling",
                        "bedding", "earrings", "stockings", "wing", "wings", "outing", "offspring", "savings"})
"""Nouns in -ing: "ur morning" is "your morning", where "ur looking" is "you are looking"."""
_LET_US = frozenset({"go", "get", "head", "grab", "have", "see", "try", "walk", "pop", "nip", "take", "find", "check",
                     "do", "sit", "eat", "buy", "make", "start", "both", "all", "just"})
"""After "lets" these make it "let us" ("lets both go to the canteen"); "she lets me in" stays."""
_LETTING = frozenset({"he", "she", "it", "who", "that", "which", "never", "always", "often", "just", "still"})
"""Before "lets" these make it the verb "lets" ("she lets go of the rope")."""
_HEDGED = frozenset({"i", "you", "ya", "ye", "u", "we", "they", "he", "she", "it", "am", "is", "are", "was", "were",
                     "do", "does", "did", "be", "been", "seem", "seems", "look", "looks", "feel", "feels", "get",
                     "got", "just", "really", "also", "im", "i'm", "you're", "youre", "we're", "they're", "it's",
                     "that's", "he's", "she's"})
"""Before these "kinda" and "sorta" only soften what follows ("I kinda need help"); after any
other they ask a kind ("what kinda bread")."""
_NUMBER_WORDS = {"2": "to", "4": "for"}
_DETERMINERS = frozenset({"the", "a", "an", "my", "your", "ur", "his", "her", "our", "their", "this", "that", "me",
                          "us", "him", "them"})
"""Before these "2" and "4" are typed for "to" and "for", not counted ("2 the canteen", "4 me")."""
_CLITICS = {"ve": "have", "ll": "will", "re": "are", "d": "would", "m": "am"}
"""Verbs any word may carry after an apostrophe ("what've", "we'll", "you'd")."""

SLANG = {
    "tabs": "tablets", "meds": "medicines", "woozy": "dizzy", "bp": "blood pressure", "sarnie": "sandwich",
    "sarnies": "sandwiches", "butty": "sandwich", "butties": "sandwiches", "brekkie": "breakfast",
    "brekky": "breakfast", "cuppa": "cup of tea", "scran": "food", "grub": "food", "nosh": "food", "bevvy": "drink",
    "peckish": "hungry", "parched": "thirsty", "kip": "sleep", "knackered": "exhausted", "dosh": "money",
    "skint": "broke", "kitty": "fund", "gaff": "house", "boozer": "pub", "caff": "cafe", "brolly": "umbrella",
    "specs": "glasses", "telly": "television", "loo": "toilet", "footie": "football", "footy": "football",
    "kickabout": "football game", "nan": "grandmother", "nana": "grandmother", "gran": "grandmother",
    "grandad": "grandfather", "missus": "wife",
    "bairn": "child", "bairns": "children", "wean": "child", "weans": "children", "kirk": "church",
    "arvo": "afternoon", "summat": "something", "nowt": "nothing", "owt": "anything", "soz": "sorry", "ta": "thanks",
    "chuffed": "pleased", "gutted": "upset", "bezzie": "best friend", "bestie": "best friend",
    "whit": "what", "wha": "who", "efter": "after", "mair": "more", "dinnae": "do not", "cannae": "can not",
    "didnae": "did not", "isnae": "is not", "wisnae": "was not", "wetin": "what", "dem": "they",
    "leh": "let", "di": "the",
    "thou": "you", "thee": "you", "thy": "your", "thine": "your", "dost": "do", "doth": "does", "hast": "have",
    "hath": "has", "wouldst": "would", "couldst": "could", "shouldst": "should", "canst": "can", "shalt": "shall",
    "knowest": "know", "prithee": "please", "mayhap": "maybe", "naught": "nothing", "aught": "anything",
    "hither": "here", "whither": "where", "yonder": "over there", "lieth": "lies", "morn": "morning", "em": "them",
    "fer": "for", "afore": "before", "yer": "your", "yerself": "yourself", "yerselves": "yourselves",
    "tis": "it is", "twas": "it was", "aye": "yes", "nae": "no",
    "mebbe": "maybe", "allus": "always", "tryna": "trying to", "finna": "going to", "hafta": "have to",
    "oughta": "ought to", "outta": "out of", "lotta": "lot of", "shoulda": "should have", "coulda": "could have",
    "woulda": "would have", "betcha": "bet you", "gotcha": "got you", "dontcha": "do not you",
    "danke": "thanks", "grazie": "thanks", "merci": "thanks", "gracias": "thanks", "obrigado": "thanks",
    "obrigada": "thanks", "arigato": "thanks", "bitte": "please", "bonjour": "hello", "hola": "hello",
    "ciao": "hello", "buongiorno": "good morning",
}
"""Everyday informal words and their plain equivalents, read as the plain words unless the
world uses the word in a name (a cat called Kitty). Only words whose other senses are rare in
talk ("jab", as often a punch as a vaccine, is left out; a "kitty" that is a cat is usually a
name). The embedder and the rules know "tablets" and "dizzy" far better than "tabs" and
"woozy", and the speller would make "brekkie" a "trekkie" and "meds" a "mess". Some are
Scots ("whit", "efter", "dinnae"), the country and sea talk of old stories ("fer", "afore",
"yer", "'tis"), run-together American forms ("tryna", "hafta"), Nigerian Pidgin ("wetin",
"dem") and Caribbean ("leh", "di") words of the same kind, the old forms players use in
role-play ("dost thou", "hast", "prithee"), and the thanks, please and hello a visitor says in
their own language ("danke", "bitte", "grazie"), which the speller would make "dance" and
"bitter". The world's names
are found in the line said plainly too (:func:`plainly`), so "a cheese sarnie" names the
cheese sandwich."""
_PLAIN = {**SLANG, **ELEVATED, **JARGON}
"""Every word read as a plainer one: informal (:data:`SLANG`), old or elevated (:data:`~.elevated.ELEVATED`) and
of office talk (:data:`~.jargon.JARGON`)."""


def word_swapper(table: Mapping[str, str]) -> Callable[[str, frozenset[str]], str]:
    """A function that says each of ``table``'s words in a line as the plain word it maps to
    (whole words, any case), but for the words of ``keep`` (the world's name words)."""
    pattern = re.compile(r"\b(" + "|".join(sorted(table, key=len, reverse=True)) + r")\b", re.IGNORECASE)

    def swap(line: str, keep: frozenset[str] = frozenset()) -> str:
        return pattern.sub(lambda m: m[0] if m[0].lower() in keep else table[m[0].lower()], line)
    return swap


_said_plainly = word_swapper(_PLAIN)


@lru_cache(maxsize=1 << 16)
def plainly(line: str, keep: frozenset[str] = frozenset()) -> str:
    """``line`` with its informal words in plain words, but for ``keep`` (the world's name words);
    kept per line, as every listener of a line finds its names."""
    return _said_plainly(line, keep)


def as_read(line: str) -> str:
    """``line`` as the reader reads it: lower case, one apostrophe, "=" said as "is"
    ("denominator = the top bit"), a word cut short at its end in full ("an' mend them",
    "wi' me", "o' late"). Readings are kept per this text: "Where's..." and "where's..."
    are read once. Accents are dropped as the world's names drop them ("café's" -> "cafe's"),
    so a word is not cut at an accented letter."""
    if not line.isascii():
        line = "".join(c for c in unicodedata.normalize("NFKD", line) if not unicodedata.combining(c))
    said = _DROPPED_G.sub("ing", line.lower().replace("\u2019", "'").replace("=", " is "))  # "lookin'"
    return _CUT_SHORT.sub(lambda m: _CUT_SHORT_WORDS[m[1]], said).strip()


_CUT_SHORT_WORDS = {"an": "and", "o": "of", "wi": "with", "th": "the", "fro": "from"}
_CUT_SHORT = re.compile(r"\b(" + "|".join(_CUT_SHORT_WORDS) + r")'(?=\s|$)")
""""An'", "o'", "wi'": "and", "of", "with" with their last letters left off; a word's own
apostrophe stays ("o'clock")."""
_DROPPED_G = re.compile(r"(?<=[a-z]{2})in'(?=[\s,.!?;:]|$)")
""""Lookin'", "doin'": an "-ing" typed as it is said."""


WH = ("what", "who", "whom", "whose", "where", "when", "why", "how", "which")
"""The question words (here for "where'd you", read by :mod:`.reading` everywhere else)."""


_SOUNDS_LIKE: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {
    "weigh": ("way", frozenset({"the", "best", "which", "this", "that", "quickest", "fastest", "shortest", "right",
                                "wrong", "any", "other", "easiest"}),
              frozenset({"up", "down", "to", "towards", "into", "from", "back", "over", "round", "around", "through",
                         "there", "here", "across", "along", "home", "is", "would", "should", "do", "does", "of",
                         "for", "out"})),
    "no": ("know", frozenset({"to", "dont", "didnt", "i", "u", "you", "we", "they", "ya"}),
           frozenset({"whether", "wether", "if", "where", "what", "who", "when", "why", "how", "about", "which"})),
    "wether": ("whether", frozenset({"no", "know", "wonder", "ask", "asking", "see", "check"}), frozenset()),
    "by": ("buy", frozenset({"to", "can", "could", "i", "u", "you", "please", "and", "will", "wanna", "gonna"}),
           frozenset({"a", "an", "some", "me", "us", "one", "two", "three", "another", "myself", "yourself"})),
    "of": ("have", frozenset({"must", "should", "could", "would", "might", "may", "musta", "shoulda"}),
           frozenset({"been", "done", "seen", "had", "gone", "got", "heard", "known", "told", "said", "left"})),
}
"""Words typed as a word that sounds the same, read as it is meant where the words around it
leave no doubt: "the best weigh up" (not "you'd best weigh it"), "to no whether", "and by a
cuppa", "must of been"."""
_MAY_OPEN = frozenset({"ur", "your", "y", "lets", "be", *_SOUNDS_LIKE, *_NUMBER_WORDS, *CONTRACTIONS, *_PLAIN})
"""The tokens without an apostrophe that may stand for other words (after "thou", any may)."""


def _old_third_person(token: str) -> str | None:
    """The verb of "he" or "she" that an old "-eth" form is ("soundeth" -> "sounds", "maketh"
    -> "makes", "crosseth" -> "crosses"), or ``None`` where no everyday verb is behind it
    ("twentieth", "beneath")."""
    stem = token[:-3]
    for verb in (f"{stem}e", stem):
        if len(verb) > 1 and is_common(verb):
            return f"{verb}es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else f"{verb}s"
    return None


def opened_up(tokens: list[str], at: int, keep: Container[str] = frozenset()) -> list[str] | None:
    """The words token ``at`` of a line stands for, or ``None`` when it stands for itself.
    The last is a word of the tables; those before it may be the speaker's own (the "we" of
    "we'll") and are spelled as the reader spells any word."""
    token = tokens[at]
    if "'" not in token and token not in _MAY_OPEN and (not at or tokens[at - 1] != "thou") \
            and not token.endswith("eth"):
        return None  # most words of a line: one look, not every rule (it runs on each word read)
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    before = tokens[at - 1] if at else ""
    if token in ("ur", "yer") and before not in _UR_OWNED_AFTER and (
            after in _UR_ARE or (after.endswith("ing") and after not in ING_NOUNS)
            or (after.endswith("ed") and len(after) > 4)):
        return ["you", "are"]  # "ur mad", "ur looking well", "ur hunched over": "you are", not "your"
    if token == "your" and (at < 2 or before in _CLAUSE_OPENS) and (after in _YOUR_ARE or (
            after.endswith("ing") and len(after) > 4 and after not in ING_NOUNS
            and (tokens[at + 2:at + 3] or [""])[0] not in _BE_AFTER)):
        return ["you", "are"]  # "your saving up for something", "your here about the kettle": "you're"
    if token in ("you're", "youre") and before in _YOURE_OWNED_AFTER:
        return ["your"]  # "in you're rye bread", "when is you're big race": "your", typed as it sounds
    if (sounds := _SOUNDS_LIKE.get(token)) and before in sounds[1] and (not sounds[2] or after in sounds[2]):
        return [sounds[0]]  # "the best weigh up", "i need to no whether", "must of been": typed as it sounds
    if before == "thou" and token.endswith("est") and len(token) > 5:
        return [token[:-3]]  # "what thou askest", "thou holdest": the verb of "you"
    if token.endswith("eth") and len(token) > 4 and token not in keep and (verb := _old_third_person(token)):
        return [verb]  # "what soundeth when...", "he crosseth": "sounds", "crosses"
    if token in ("kinda", "sorta") and before in _HEDGED:
        return []  # "do you kinda look up to", "you seem kinda on edge": a hedge, no kind of anything
    if token == "be" and before in WH:
        return ["is"]  # "what be the one thing...", "where be the chapel": the old "is"
    if token == "y" and after in _WHY_BEFORE:
        return ["why"]  # "y r u in such a rush"
    if token in _NUMBER_WORDS and after in _DETERMINERS:
        return [_NUMBER_WORDS[token]]  # "take me 2 the canteen", "a seat 4 my gran"
    if token == "lets" and after in _LET_US and (at == 0 or tokens[at - 1] not in _LETTING):
        return ["let", "us"]
    plain = token.removesuffix("'s")  # "my nan's on them tabs": the grandmother's
    if opened := CONTRACTIONS.get(token) or (_PLAIN.get(plain) if plain in _PLAIN and plain not in keep else None):
        return opened.split()
    if token.endswith("'s") and plain in ("wat", "wot"):
        return ["what", "is"]  # "wat's ur morning looking like"
    head, _, tail = token.partition("'")
    if head and tail in _CLITICS:  # "what've", "we'll", "they're": the word and the verb it hides
        head = CONTRACTIONS.get(head, head) if head in _YOU_HEADS else head  # "ye're": "you are"
        return [head, "did" if tail == "d" and head in WH and after in _ASKED_DID else _CLITICS[tail]]
    return None
