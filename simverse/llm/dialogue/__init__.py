"""simverse.llm.dialogue — the scripted brain's talk: understanding a line and answering it
from what the NPC believes and remembers, in its own voice. Read in this order:

* :mod:`~simverse.llm.dialogue.typed` — how players type, opened up ("wasnt", "ur", "sarnie");
* :mod:`~simverse.llm.dialogue.elevated` — old and elevated words read as plain ones ("wilt",
  "tidings", "tariff"); :mod:`~simverse.llm.dialogue.jargon` the same for office words
  ("routing", "monetise");
* :mod:`~simverse.llm.dialogue.unmarked` — questions typed without a question mark;
* :mod:`~simverse.llm.dialogue.terse` — clipped questions said in full ("here why?" ->
  "why are you here?");
* :mod:`~simverse.llm.dialogue.courtly` — formal, roundabout lines said plainly ("kindly
  state where ..." -> "where ...?", "pray be so good as to take notes" -> "take notes.");
* :mod:`~simverse.llm.dialogue.stated` — asks said as statements or orders ("tell me what a
  loaf costs", "I'm after a mug of ale") said as the question or need they state, in
  :mod:`~simverse.llm.dialogue.question_order`; asks to be briefed ("debrief me on") as asks
  to be told;
* :mod:`~simverse.llm.dialogue.reading` — a line's words, question word and cues;
* :mod:`~simverse.llm.dialogue.way_asked` — whether a line asks the way, or only where;
* :mod:`~simverse.llm.dialogue.requesting` — the verb a line asks to be done (plainly,
  softly, as advice), or none;
* :mod:`~simverse.llm.dialogue.parts` — the part of a line that asks (an offer then a
  question; a question without what leads into it);
* :mod:`~simverse.llm.dialogue.intents` — what the line is for (cues, else the embedder);
* :mod:`~simverse.llm.dialogue.knowing` — relevant beliefs, kept secrets, memories, the map,
  and whether a belief answers what was asked (who, when, someone's something);
* :mod:`~simverse.llm.dialogue.synonyms` — words a line and a belief say differently,
  bridged word by word by the embedder;
* :mod:`~simverse.llm.dialogue.pertinent` — whether a belief says what a question asks or only
  shares its topic (then it is told after "I don't know");
* :mod:`~simverse.llm.dialogue.roles` — who does what ("who bakes the bread?", "who sells
  charms?") and questions about another time than now;
* :mod:`~simverse.llm.dialogue.charge` — who is in charge, whom to see about something
  ("who runs this museum?", "who do I see about a refund?");
* :mod:`~simverse.llm.dialogue.doers` — who does something, asked by the deed ("who examines
  the patients?"), matched by meaning to the roles and to how everyone knows each person;
* :mod:`~simverse.llm.dialogue.aims` — what the NPC is after, asked in other words ("what
  brings you out here?"), from its goals;
* :mod:`~simverse.llm.dialogue.bonds` — how it stands with a person it names ("are you and
  Theo close?") and whom it gets on with;
* :mod:`~simverse.llm.dialogue.voice` — tone from traits, warmth from the relationship;
* :mod:`~simverse.llm.dialogue.heard` — the line heard (:class:`Heard`), the reply
  (:class:`Said`), and the sayings every answer shares;
* :mod:`~simverse.llm.dialogue.people` — who someone is, and the NPC's relationships;
* :mod:`~simverse.llm.dialogue.answers` — questions: about something, the way; what a place's
  description says when a question echoes it (:mod:`~simverse.llm.dialogue.echoed`);
* :mod:`~simverse.llm.dialogue.news` — news asked for, and what weighs on the NPC;
* :mod:`~simverse.llm.dialogue.wares` — prices, of wares named or said in other words ("a cuppa");
* :mod:`~simverse.llm.dialogue.social` — greetings, small talk, news heard, "about you";
* :mod:`~simverse.llm.dialogue.orders` — requests to act (named by their words, else by
  meaning with the embedder), agreed only when the rules allow;
* :mod:`~simverse.llm.dialogue.walks` — requests to walk somewhere together, to a place named,
  someone's place or a place described;
* :mod:`~simverse.llm.dialogue.openers` — first lines: tell, ask, or small talk;
* :mod:`~simverse.llm.dialogue.replying` — the batch: hear, classify, answer, decide.

Brains never touch the world: everything comes from the ``DecisionRequest`` (its beliefs,
memories, the names the line uses, and what the NPC could do now).
"""
