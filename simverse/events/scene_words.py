"""The words scene perception knows: weather, light, moods, verbs, numbers and times.

Plain tables and small pure functions, no world knowledge: :mod:`simverse.events.scene_names`
grounds names in a world, :mod:`simverse.events.scene_read` reads a clause with both.
The canonical values follow ``worlds/README.md`` (Directing).
"""

from __future__ import annotations

import re

WEATHER_WORDS: tuple[tuple[str, str], ...] = (
    (r"snow\w*|blizzards?|sleet", "snow"),
    (r"hail\w*", "hail"),
    (r"storm\w*(?! (?:off|out|away|in|into|over to|back))|thunder\w*|lightning|gales?|tempests?|hurricanes?"
     r"|typhoons?|squalls?", "storm"),
    (r"rain\w*|drizzl\w*|showers?|downpours?|pour(?:s|ing)?|wet weather", "rain"),
    (r"fog\w*|mist\w*|haze|hazy", "fog"),
    (r"heat ?waves?|scorching|sweltering|baking hot|it is hot|it's hot", "heat"),
    (r"wind\w*|breez\w*|blustery", "wind"),
    (r"cloud\w*|overcast|grey skies|gray skies", "cloudy"),
    (r"sunny|sunshine|sun (?:comes|came|is|goes) out|sun (?:shines?|shone|shining|breaks through|broke through)",
     "sunny"),
    (r"clear skies|sky clears|skies clear|(?:skies|sky|weather) (?:has |have )?cleared|clears up|cleared up"
     r"|weather clears|fine weather|good weather|clear weather|weather (?:is|turns) (?:fine|clear|nice|good)", "clear"),
)
WEATHER_ENDS = (r"stop\w*|end\w*|pass(?:es|ed)?|is over|are over|over now|lift\w*|clear(?:s|ed)?|subsid\w*"
                r"|dies? down|died down|eas(?:es|ed)|abat\w*|blows? over|blew over|break(?:s)? up|broke up"
                r"|peters? out|let up|lets up|dissipat\w*|melt\w*|no more|finished|is gone|has gone|goes away"
                r"|went away|moves? on|moved on")
NEGATION = r"no longer|not|\w+n't|cannot|never|no more"
ANYMORE = r"any ?more|again"
FUTURE = (r"\bwill\b|'ll\b|\bwon't\b|\b(?:is|are|am)\s+(?:going|about)\s+to\b|\bgonna\b|\bmight\b|\bmay\b"
          r"|\bnext week\b|\bsoon\b|\bin the future\b|\bforecast\b|^(?:if|unless|when|whenever|once|in case)\b"
          r"|\b(?:maybe|perhaps|possibly|probably|tonight|later today|would|should|could)\b")
NEGATIVE_ORDER = (r"^(?:please\s+)?(?:don't|do not|dont|never|stop\s+\w+ing\b|avoid|nobody should|no one should"
                  r"|let's not|let us not|let not|no need to)")
QUESTION = r"^(?:is|are|does|do|did|what|who|where|why|how|when|was|were|has|have|can|could|would)\b.*\?\s*$"

LIGHT_DARK = (r"lights? (?:go|goes|went|gone|are|is|turned|switched|cut) (?:out|off)"
              r"|turn(?:s|ed)? (?:out|off) the lights?"
              r"|switch(?:es|ed)? off the lights?|black ?out|power (?:cut|failure|goes out)|goes dark|go dark|went dark"
              r"|plunged into dark\w*|in (?:the )?dark(?:ness)?|pitch dark|is dark|(?:gets|got|grows|grew|becomes"
              r"|became|turns|turned|falls|fell) dark")
LIGHT_DIM = r"dim\w*|lights? (?:flicker|flickers|flickered|fade|fades|faded)|gloomy"
LIGHT_BRIGHT = (r"lights? (?:come|comes|came|are|is|go|goes|went|turned|switched) (?:back )?on"
                r"|turn(?:s|ed)? on the lights?|switch(?:es|ed)? on the lights?|lights? (?:up|back up)|lit up"
                r"|brightly lit|power (?:is |comes |came |goes )?(?:back|restored)|power returns|power returned"
                r"|lights? back on")

MOODS = {
    "happy": "happy", "glad": "happy", "joyful": "happy", "cheerful": "happy", "delighted": "happy",
    "sad": "sad", "unhappy": "sad", "upset": "sad", "miserable": "sad", "gloomy": "sad",
    "angry": "angry", "furious": "angry", "cross": "angry", "mad": "angry", "livid": "angry",
    "calm": "calm", "relaxed": "calm", "peaceful": "calm",
    "merry": "merry", "tipsy": "merry", "jolly": "merry",
    "worried": "worried", "anxious": "worried", "concerned": "worried",
    "scared": "scared", "afraid": "scared", "frightened": "scared", "terrified": "scared",
    "content": "content", "satisfied": "content",
    "excited": "excited", "thrilled": "excited",
    "nervous": "nervous", "jumpy": "nervous",
    "tired": "tired", "exhausted": "tired", "sleepy": "tired", "weary": "tired",
}
HUNGER = (
    (r"starving|starved|famished|ravenous", 1.0),
    (r"not hungry|no longer hungry|has eaten|have eaten|had (?:a )?(?:meal|lunch|dinner|breakfast)|fed|full"
     r"|sated", 0.0),
    (r"hungry|peckish", 0.7),
)

SHUT_VERBS = {
    "closed": (r"clos\w*|shut\w*|board(?:s|ed)? up|block\w*|barricad\w*|seal\w*|cordon\w*|off limits|out of bounds",
               r"open\w*|reopen\w*|unblock\w*|unseal\w*|unbarricad\w*"),
    "locked": (r"lock(?:s|ed)?\b|bolt(?:s|ed)?", r"unlock\w*|unbolt\w*"),
    "flooded": (r"flood\w*|under water|underwater|inundat\w*|swamp(?:s|ed)",
                r"reced\w*|drain\w*|dr(?:y|ies|ied) out|pumped out|water (?:goes|went) down|flood(?:water)?s? "
                r"(?:subsides?|subsided|goes down|went down)"),
    "burning": (r"on fire|catch(?:es)? fire|caught fire|burn(?:s|ing|ed)?(?: down)?|ablaze|in flames|set fire|sets fire"
                r"|fire (?:breaks|broke|starts|started|spreads|spread|rages|raged|erupts|erupted)|fire (?:in|at)"
                r"|goes up in flames|went up in flames|blaz\w*",
                r"put out|puts out|extinguish\w*|fire (?:is|was|has gone) out|fire dies|stops? burning"
                r"|stopped burning"),
}
ROUTE_NOUNS = (r"roads?|paths?|ways?|routes?|bridges?|gates?|doors?|doorways?|passages?|passageways?|lanes?|streets?"
               r"|tracks?|trails?|corridors?|connections?|links?|tunnels?|stairs?|staircases?|footpaths?|crossings?")
ROUTE_CLOSE = (r"clos\w*|block\w*|shut\w*|cut\w*|barricad\w*|obstruct\w*|collaps\w*|landslides?|rockslides?"
               r"|fallen|washed out|wash(?:es)? out|impassable|seal\w*|flood\w*")
ROUTE_LOCK = r"lock(?:s|ed)?\b|bolt(?:s|ed)?"
ROUTE_OPEN = r"open\w*|reopen\w*|clear\w*|unblock\w*|unlock\w*|passable|free again|usable"

ITEM_EMPTY = (r"sold out|sells? out|all sold|(?:is|are|was|were) sold|runs? out|ran out|running out|none left"
              r"|no more|no §+ (?:left|remaining|any ?more)|out of §+|all gone|is gone|are gone|all eaten"
              r"|used up|burn\w*|destroy\w*|smash\w*|ruin\w*|eaten up|nothing left")
RESERVED_WORDS = {
    "storm", "storms", "rain", "snow", "fog", "mist", "wind", "winds", "sun", "thunder", "hail", "cloud", "clouds",
    "fire", "fires", "flood", "floods", "water", "light", "lights", "lamp", "lamps", "door", "doors", "gate", "gates",
    "road", "roads", "path", "paths", "way", "bridge", "time", "clock", "morning", "evening", "night", "noon",
    "day", "dawn", "dusk", "coins", "coin", "gold", "money", "price", "everyone", "everybody", "passes", "passed",
    "falls", "closes", "opens", "locks", "burns", "rains", "hours", "minutes", "days",
}
"""Words the readers need: never a name of its own (a place *The Storm Inn* is still found
by its full name, but *storm* alone is weather)."""
NUMBER_WORDS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "couple": 2, "pair": 2,
}
_SPELLED = sorted((w for w in NUMBER_WORDS if w not in ("no", "a", "an")), key=len, reverse=True)
NUMBER = r"\d+(?:\.\d+)?|" + "|".join(_SPELLED)
COIN_WORDS = r"coins?|gold|silver|money|crowns?|pennies|pence|dollars?|euros?|pounds?|marks?"

NAMED_TIMES = {
    "dawn": 6 * 60, "sunrise": 6 * 60, "daybreak": 6 * 60, "morning": 8 * 60, "noon": 12 * 60,
    "midday": 12 * 60, "lunchtime": 12 * 60, "afternoon": 14 * 60, "evening": 18 * 60, "sunset": 19 * 60,
    "dusk": 19 * 60, "nightfall": 22 * 60, "night": 22 * 60, "midnight": 0,
}
PERIODS = {"morning": (5 * 60, 12 * 60), "afternoon": (12 * 60, 17 * 60), "evening": (17 * 60, 22 * 60),
           "night": (22 * 60, 5 * 60)}
TIME_CUES = (r"set the (?:time|clock)|time is|clock|it is|it's|make it|now|skip|jump|fast[- ]?forward|advance"
             r"|move (?:on|ahead|forward)|wind (?:on|forward)|falls|fall|breaks|comes|came|arrives|arrived|already"
             r"|turn(?:s|ed)? to|becomes|o'clock|until|till|straight to|go to|wait")
UNITS = {"minute": 1, "minutes": 1, "min": 1, "mins": 1, "hour": 60, "hours": 60, "hr": 60, "hrs": 60,
         "day": 1440, "days": 1440}


def has(pattern: str, text: str) -> re.Match[str] | None:
    """Whole-word search (case-insensitive input expected lower-case)."""
    return re.search(rf"(?<![\w'])(?:{pattern})(?![\w])", text)


def number_value(word: str) -> float | None:
    """``"4"`` -> 4, ``"four"`` -> 4, else None."""
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        value = float(word)
        return int(value) if value.is_integer() else value
    return NUMBER_WORDS.get(word)


def hhmm(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes_of(text: str) -> int | None:
    """``"18:30"`` -> 1110."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return int(match.group(1)) * 60 + int(match.group(2))


def in_period(now: int, period: str) -> bool:
    start, end = PERIODS[period]
    return start <= now < end if start < end else (now >= start or now < end)
