"""Old, bookish and elevated words and their plain equivalents: the grammar of old English
("wilt thou", "didst", "ere", "whilst", "whensoever") and the formal words a player reaches
for in role-play or in a museum-catalogue voice ("tidings", "victuals", "vend", "tariff",
"physician", "luncheon", "peruse"). The reader reads them as the plain words, as it reads
slang (:data:`~.typed.SLANG`), unless the world uses the word in a name. Plain English, no
world's words: each is a word whose plain sense is the one meant in talk ("patron" is a
customer there); words with a common other sense ("art", "fare", "pray", "dwelling") are left
out, and so are the old names of trades and callings ("physician", "parson", "merchant"), which
a world may give its own people. Verbs in "-eth" ("soundeth", "crosseth") are read in
:func:`~.typed.opened_up`.
"""

from __future__ import annotations

ELEVATED = {
    "wilt": "will", "didst": "did", "hadst": "had", "wast": "was", "thyself": "yourself", "ere": "before",
    "whilst": "while", "amongst": "among", "unto": "to", "wherefore": "why", "whensoever": "whenever",
    "wheresoever": "wherever", "whosoever": "whoever", "whatsoever": "whatever", "nigh": "near", "oft": "often",
    "perchance": "perhaps", "forsooth": "truly", "methinks": "i think", "beseech": "beg",
    "tidings": "news", "victuals": "food", "vittles": "food", "luncheon": "lunch", "repast": "meal",
    "vend": "sell", "vends": "sells", "purvey": "sell", "purveys": "sells", "purveyor": "seller",
    "purveyors": "sellers", "tariff": "price", "tariffs": "prices", "inoculate": "vaccinate",
    "inoculation": "vaccination", "inoculations": "vaccines", "influenza": "flu", "giddy": "dizzy",
    "giddiness": "dizziness", "malady": "illness", "ailment": "illness", "peruse": "read", "bashful": "shy",
    "covet": "want", "covets": "wants", "yearn": "want", "yearns": "wants", "mistrustful": "distrustful",
    "demeanour": "manner", "demeanor": "manner", "temperament": "manner", "wayfarer": "traveller",
    "wayfarers": "travellers", "placard": "sign", "placards": "signs", "cordage": "rope", "portal": "door",
    "emporium": "shop", "tankard": "mug", "tankards": "mugs", "patron": "customer", "patrons": "customers",
    "remonstrance": "complaint", "remonstrate": "complain", "abode": "home", "reside": "live", "resides": "lives",
    "commence": "start", "commences": "starts", "commencement": "start", "betake": "go", "tarry": "wait",
    "tarries": "waits", "tarrying": "waiting", "loiter": "wait", "loitering": "waiting",
    "recompense": "compensation", "apprise": "tell", "behold": "see",
    "beheld": "saw", "slumber": "sleep", "toil": "work", "toils": "works", "ascertain": "find out",
    "replenish": "refill", "chemist's": "pharmacy", "vestibule": "lobby", "chamber": "room", "chambers": "rooms",
    "refectory": "canteen", "dwells": "lives", "hearken": "listen",
}
"""Old and elevated words, each read as the plain word after it."""
