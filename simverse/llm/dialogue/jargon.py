"""Words of office, business and IT talk and their plain equivalents ("the routing from here to
the chapel", "monetise your catch", "procure a loaf", "leverage the fractions book"). The
reader reads them as the plain words, as it reads slang and old words (:mod:`.typed`), unless
the world uses the word in a name. Plain English, no world's words: only words whose sense in
talk is the plain one; asks to be briefed ("loop me in on", "give me a status update on") are
read by :mod:`.stated`.
"""

from __future__ import annotations

JARGON = {
    "routing": "route", "relocate": "move", "relocating": "moving", "reposition": "move", "repositioning": "moving",
    "monetise": "sell", "monetize": "sell", "monetising": "selling", "monetizing": "selling", "offload": "sell",
    "offloading": "selling", "procure": "buy", "procuring": "buying", "utilise": "use", "utilize": "use",
    "utilising": "using", "utilizing": "using", "leverage": "use", "leveraging": "use", "pricing": "price",
    "liaise": "talk", "liaising": "talking", "signage": "signs", "workstream": "work", "workstreams": "work",
}
"""Office and business words, each read as the plain word after it."""
