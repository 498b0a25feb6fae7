"""The words the content filter blocks: glin-profanity's maintained lists, made precise.

`glin-profanity <https://pypi.org/project/glin-profanity/>`_ ships profanity lists for 24
languages (MIT, no dependencies); we read the lists of :data:`LANGUAGES`. Compared with
better-profanity (English only) and alt-profanity-check (an English bag-of-words SVM) on
the labelled set in ``tests/worlds/content_filter_set.jsonl`` it was the only one to cover
the other languages (figures in ``experiments/bench/bench_content_filter.py``). Its lists
are broad rather than precise, so this module takes three things out or apart:

* :data:`ORDINARY` — entries whose everyday sense is the common one (``veuve`` widow,
  ``martillo`` hammer, ``cerveja`` beer, ``escort``, ``nude``, ``con``): never blocked.
* :data:`SENSES` — words with an innocent sense (a bitch whelps, a cock crows, a blue tit
  feeds, an ass carries flour): blocked unless a word of that sense is in the same text.
* :data:`SUPPLEMENT` — a few common English insults missing from the English list.
* :data:`COMPOUND_STEMS` — the few stems that build vulgar compounds at either end
  (``shithead``, ``clusterfuck``), matched inside longer words only at the start or end,
  so ``Scunthorpe`` or ``Penistone`` never match.
"""

from __future__ import annotations

from functools import lru_cache

from glin_profanity.data.dictionary import DictionaryLoader

from simverse.core.filter_text import fold_entry

LANGUAGES = ("english", "french", "german", "spanish", "italian", "portuguese", "dutch", "polish", "russian",
             "swedish")

ORDINARY: frozenset[str] = frozenset(fold_entry(w) for w in (
    # English: anatomy, crime, adult-content terms and ordinary words that are not profanity
    "anal", "anus", "auto erotic", "autoerotic", "bareback", "barenaked", "bastardized", "bastinado",
    "big black", "bondage", "booty call", "bs", "busty", "butt", "clitoris", "domination", "ejaculation",
    "erotic", "erotism", "escort", "eunuch", "fecal", "fingering", "genitals", "girl on", "girl on top",
    "grope", "hard core", "hardcore", "homoerotic", "hot chick", "how to kill", "how to murder", "huge fat",
    "incest", "intercourse", "jelly donut", "kinky", "lolita", "lovemaking", "masturbate", "mf", "negro",
    "nipple", "nipples", "nude", "nudity", "octopussy", "orgasm", "panties", "panty", "penis", "playboy",
    "poof", "pornography", "rape", "raping", "rapist", "rectum", "retard", "sadism", "scat", "semen", "sex",
    "sexo", "sexy", "snatch", "sodomy", "strappado", "suck", "sucks", "swastika", "swinger", "tainted love",
    "taste my", "testbad01", "threesome", "tied up", "tight white", "tongue in a", "topless", "tushy", "twink",
    "twinkie", "undressing", "vagina", "voyeur", "vulva", "xx", "xxx", "dominatrix", "sultry women", "simp",
    # French
    "baiser", "bander", "bosser", "bourré", "bourrée", "cailler", "caca", "chatte", "clito", "con", "conne",
    "drague", "folle", "gerbe", "gerber", "gueule", "jouir", "meuf", "ménage à trois", "péter", "pipi", "ramoner",
    "suce", "bitte", "tanche", "teuf", "trique", "veuve", "zizi", "pédale", "tapette", "bordel", "cul",
    # German
    "bimbo", "bonze", "fratze", "kimme", "lümmel", "milf", "mufti", "nackt", "nippel", "orgasmus", "popel",
    "porno", "rosette", "pinkeln", "ische", "reudig",
    # Spanish
    "asesinato", "asno", "concha", "drogas", "esperma", "heroína", "idiota", "imbécil", "infierno", "maldito",
    "martillo", "nazi", "orina", "pervertido", "pezón", "prostituta", "racista", "sádico", "semen", "sexo",
    "sexo oral", "travesti", "trio", "vulva", "fiesta de salchichas", "haciendo el amor", "chupada", "chupetón",
    "pedo", "pis", "caca", "tía buena", "maciza", "macizorra", "pinche", "coprofagía",
    # Italian
    "anale", "assatanato", "bagnarsi", "balle", "battere", "biga", "bocchino", "cadavere", "cammello",
    "cappella", "carciofo", "carità", "casci", "cozza", "duro", "fava", "femminuccia", "finocchio", "grilletto",
    "guanto", "lumaca", "manico", "monta", "montare", "nave scuola", "nudo", "palle", "patacca", "pecorina",
    "pesce", "pipa", "pipì", "pisello", "pistola", "pompa", "porca", "quaglia", "regina", "sbattere",
    "sbattersi", "sega", "spagnola", "tirare", "topa", "uccello", "vacca", "vangare", "venire", "mona",
    "zio cantante", "brinca", "chiappa", "lecchino", "ruffiano", "checca", "cagna",
    # Portuguese
    "aborto", "amador", "aranha", "ariano", "bissexual", "boob", "bumbum", "burro", "camisinha", "cerveja",
    "chupar", "clitoris", "cocaína", "comer", "consolo", "corno", "dum raio", "fecal", "frango assado", "gozar",
    "grelho", "heroína", "heterosexual", "homem gay", "homoerótico", "homosexual", "inferno", "lésbica",
    "lolita", "mama", "pau", "pênis", "pinto", "saco", "torneira", "transar", "vibrador", "cu", "peidar",
    "passar um cheque", "bicha", "veado",
    # Dutch
    "aardappels afgieten", "achter het raam zitten", "anita", "asbak", "aso", "balen", "bekken", "beurt",
    "boemelen", "buffelen", "de hond uitlaten", "de koffer induiken", "del", "driehoog achter wonen", "gat",
    "gras maaien", "griet", "hol", "huisdealer", "johny", "knor", "matje", "muts", "naaien", "naakt", "nicht",
    "paal", "palen", "poot", "pot", "remsporen", "reutelen", "schatje", "slempen", "spuiten", "standje",
    "stootje", "toeter", "tongzoen", "vergallen", "watje", "zaadje", "zuigen", "zuiplap", "eikel", "engerd",
    "kanen", "mof", "teef", "afrossen", "aftrekken", "bedonderen", "belazeren", "dombo", "flikken", "galbak",
    "gedoogzone", "kwakkie", "lummel", "mafketel", "penoze", "poep", "raaskallen", "schoft", "sufferd",
    "welzijnsmafia", "wippen", "opzouten", "oprotten", "klooien", "vingeren", "triootje",
    # Polish
    "dmuchać", "duperele", "jajco", "jajeczko", "jajko", "jajo", "pieprzyć", "rzygać", "syf", "sraczka", "debil",
    "cyc", "burdel", "pierdoła",
    # Russian (and its transliterations)
    "бардак", "бугор", "голый", "другой дразнится", "какая разница", "курите мою трубку", "мент", "обнаженный",
    "половое сношение", "секс", "фига", "хапать", "хрен", "офигеть", "на фиг", "byk", "gol", "uboy", "petuh",
    "perdet", "сиски",
    # Swedish
    "fan", "hård", "satan", "stake", "sås", "tusan", "olla", "pippa", "mutta", "prutt", "pök", "helvete",
    "moona", "moonade", "moonar", "moonat", "brutta", "för helvete", "dra åt helvete", "sätta på", "kötthuvud",
))

SUPPLEMENT: frozenset[str] = frozenset(fold_entry(w) for w in (
    # common English insults the library's English list lacks (it covers the rarer ones)
    "whore", "whores", "prick", "pricks", "crap", "crappy", "damn", "goddamn", "piss", "wanker", "wankers",
    "arse", "arses", "bugger", "dickhead", "bellend", "knobhead", "douchebag", "skank", "shag", "shagging",
    "scumbag", "motherfucking", "fucking", "fucks", "bullshitting",
))

DOG = ("dog", "dogs", "puppy", "puppies", "pup", "pups", "litter", "whelp", "whelped", "whelping", "breeder",
       "breeders", "breeding", "bred", "kennel", "kennels", "sire", "dam", "stud", "pedigree", "hound", "hounds",
       "terrier", "spaniel", "retriever", "mated", "mating", "canine", "vet", "heat", "breed", "show")
SENSES: dict[str, frozenset[str]] = {word: frozenset(cues) for word, cues in {
    "bitch": DOG, "bitches": DOG,
    "cock": ("crow", "crowed", "crows", "crowing", "hen", "hens", "rooster", "chicken", "chickens", "farm",
             "farmyard", "barnyard", "pheasant", "weathervane", "roost", "dawn", "gun", "pistol", "musket",
             "hammer", "trigger", "bird", "birds", "fight", "fighting", "comb", "spurs"),
    "cocks": ("crow", "crowed", "hens", "roosters", "chickens", "farm", "fight", "fighting", "birds"),
    "tit": ("bird", "birds", "blue", "great", "coal", "feeder", "nest", "wren", "finch", "sparrow", "robin",
            "marsh", "willow", "crested", "long-tailed", "bearded", "penduline"),
    "tits": ("bird", "birds", "blue", "great", "coal", "feeder", "nest", "nests", "finches", "sparrows"),
    "ass": ("donkey", "donkeys", "mule", "mules", "saddle", "bray", "brayed", "braying", "load", "loaded",
            "cart", "sack", "sacks", "stable", "balaam", "ox", "beast", "burden", "foal", "wild", "hay", "flour"),
    "pussy": ("cat", "cats", "kitten", "kittens", "kitty", "willow", "willows", "puss", "boots", "meow", "purr"),
    "dick": ("detective", "private", "spotted", "pudding", "moby", "tracy", "whittington", "turpin"),
    "bastard": ("son", "sons", "daughter", "child", "children", "born", "illegitimate", "king", "duke", "william",
                "sword", "swords", "title", "throne", "heir", "feudal", "medieval", "century", "conquered",
                "conqueror", "1066", "normandy", "legitimate", "lineage", "crown"),
    "hooker": ("rugby", "scrum", "prop", "lineout", "line-out", "pack", "forwards", "general", "army"),
    "hoe": ("garden", "soil", "weeds", "weed", "field", "fields", "rake", "spade", "dig", "till", "hoed",
            "tool", "tools", "plant", "plants", "row", "rows", "potatoes", "beans", "furrow"),
    "coon": ("raccoon", "hound", "hounds", "hunt", "hunting", "tail", "cap", "skin", "maine", "cat"),
    "cum": ("laude", "summa", "magna", "grano", "salis", "bedroom", "dining", "kitchen"),
    "faggot": ("wood", "sticks", "firewood", "bundle", "fire", "kindling", "meatball", "meatballs", "gravy",
               "onion", "pork", "liver"),
    "faggots": ("wood", "sticks", "firewood", "bundles", "fire", "kindling", "meatballs", "gravy", "pork"),
    "prick": ("thorn", "thorns", "needle", "pin", "finger", "thumb", "rose", "roses", "bramble", "felt", "skin"),
    "pricks": ("thorns", "needles", "pins", "conscience"),
    "shag": ("tobacco", "pipe", "carpet", "rug", "pile", "cormorant", "cormorants", "bird", "birds"),
    "bugger": ("all",),
    "spunk": ("courage", "pluck", "grit", "spirit", "nerve"),
    "tosser": ("coin", "pancake", "caber", "hay"),
    "boner": ("mistake", "blunder", "howler", "error"),
    "knockers": ("door", "doors", "brass", "iron"),
    "beaver": ("dam", "river", "pelt", "fur", "lodge", "teeth", "pond"),
    "dildo": ("newfoundland", "bay", "island", "harbour", "harbor"),
    "wank": ("mountain", "bavaria", "garmisch"),
}.items()}

COMPOUND_STEMS = ("fuck", "shit", "cunt", "wank", "twat", "piss", "bitch", "bollock", "scheiss", "arschloch",
                  "kurw", "cazz", "merd", "pizd", "хуй", "хуе", "пизд", "бляд", "ебан", "ебат")
INFLECTIONS = ("s", "r", "es", "ed", "d", "er", "ers", "ing", "in", "y", "ies", "ier", "iest", "ty", "ting", "ter",
               "ters", "head", "heads", "face", "faces", "hole", "holes", "ass")
MENTION_CUES = frozenset(("word", "words", "term", "terms", "title", "titled", "entitled", "called", "named",
                          "essay", "book", "novel", "song", "album", "film", "poem", "play", "spelled", "spelt",
                          "slang", "means", "meant", "meaning", "expression"))
PLACE_CUES = frozenset(("village", "town", "city", "hamlet", "parish", "county", "commune", "municipality"))


@lru_cache(maxsize=8)
def library_entries(languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """The library's entries for ``languages``, folded, without :data:`ORDINARY`."""
    loader = DictionaryLoader()
    unknown = [lang for lang in languages if lang not in loader.available_languages]
    if unknown:
        raise ValueError(f"content filter: unknown language(s) {', '.join(unknown)}; "
                         f"glin-profanity has {', '.join(loader.available_languages)}")
    entries = {fold_entry(w) for lang in languages for w in loader.get_words(lang)}  # type: ignore[arg-type]
    if "english" in languages:
        entries |= SUPPLEMENT
    return frozenset(e for e in entries if e and e not in ORDINARY)
