"""Words of war reporting: compiled regexes and keyword tables (data, no logic).

Everything here is matched case-insensitively unless said otherwise. The tables are ordered:
where two entries can match at the same place, the longer, more specific one comes first.
"""

from __future__ import annotations

import re

from .numbers import COUNT_PATTERN, NUMBER_WORDS

_I = re.IGNORECASE


def _lc(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive pattern for text already lowercased (much faster in ``re``).

    The patterns use only lowercase escapes (``\\s``, ``\\w``, ``\\d``, ``\\b``), so lowering
    the pattern text keeps its meaning.
    """
    return re.compile(pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="))


#: Who is driven out of a place, up to the word before it: "drove the Islamic State group out
#: of", "ousted rebels from" (not "drove his car from", "drove on the road from").
_EXPELLED = (
    r"\s+(?:[\w'’-]+\s+){0,4}?(?:is|isis|isil|daesh|state|militants|jihadists|rebels|fighters"
    r"|forces|troops|terrorists|insurgents|group|army|extremists|gunmen|nusra|ypg|sdf|regime"
    r"|opposition)\s+(?:from|out\s+of)\b"
)


# --------------------------------------------------------------------------------------------
# Event types. Each entry: (event_type, regex fragment, specific?). A generic cue ("attack",
# "strikes", "bombed") gives way to a specific one in the same sentence.
EVENT_CUES: tuple[tuple[str, str, bool], ...] = (
    (
        "airstrike",
        r"barrel[-\s]bombs?(?:ing)?|(?:vacuum|cluster|phosphorus|incendiary)\s+bombs?",
        True,
    ),
    (
        "missile",
        r"(?:ballistic|cruise|guided|surface-to-surface|anti-tank)\s+missiles?"
        r"|missile\s+(?:strikes?|attacks?|fire)|missiles?|tomahawks?|scud",
        True,
    ),
    (
        "airstrike",
        r"air[-\s]?strikes?|air[-\s]?raids?|air\s+attacks?|aerial\s+(?:bombardment|"
        r"bombing|attacks?|strikes?)|drone\s+(?:strikes?|attacks?)|warplanes?|war\s+planes?"
        r"|fighter\s+jets?|jets?|helicopters?|gunships?|aircraft|bombers?|drones?"
        r"|air\s+force|planes?|sorties",
        True,
    ),
    (
        "shelling",
        r"artillery(?:\s+(?:fire|shells?|strikes?))?|shell(?:ing|ed|s)|mortars?(?:\s+"
        r"(?:fire|shells?|rounds?|bombs?))?|rocket\s+(?:fire|attacks?|launchers?)"
        r"|rockets?|grad|tank\s+(?:fire|shells?)|bombarded|bombardment|shell",
        True,
    ),
    (
        "bombing",
        r"car[-\s]bomb(?:s|ings?)?|suicide\s+(?:bomb(?:ing|ers?|s)?|attacks?|attackers?"
        r"|car\s+bombs?)|truck\s+bombs?|(?:vehicle-borne\s+)?improvised\s+explosive"
        r"(?:\s+devices?)?|v?ieds?|explosive\s+devices?|booby[-\s]trap(?:ped|s)?"
        r"|land\s?mines?|explosions?|exploded|explod(?:ing|es)|blasts?|detonat(?:ed|ion|ing)"
        r"|bomb(?:ing|ings|s|ed)?",
        True,
    ),
    (
        "ground_assault",
        r"ground\s+(?:assaults?|offensive|attacks?|operations?|incursions?)"
        r"|counter[-\s]?(?:attacks?|offensive)|assaults?|offensives?|clash(?:es|ed)"
        r"|fighting|battles?|storm(?:ed|ing)|incursions?|(?:re)?captur(?:e|ed|ing)"
        r"|seiz(?:e|ed|ing)|advance[sd]?|took\s+(?:full\s+)?control\s+of|taken\s+control\s+of"
        r"|overran|overrun|fought|liberat(?:ed|ion)|operations?\s+against"
        r"|(?:military|security|army|combing|intensive)\s+operations?",
        True,
    ),
    (
        # Not violence, but events an analyst maps with it (ACLED's protests and arrests).
        "other",
        r"protest(?:ed|ers|s)?|demonstrat(?:ed|ors|ions?)|arrest(?:ed|s)?|detain(?:ed|s)?"
        r"|raided\s+(?:homes|houses)|sieges?",
        True,
    ),
    (
        "attack",
        r"shoot(?:ing|ings)|shot\s+dead|gunmen|gunfire|gunshots?|snipers?|sniper\s+fire"
        r"|ambush(?:ed|es)?|opened\s+fire|(?:came|comes|come|coming)\s+under\s+(?:heavy\s+)?fire"
        r"|exchang(?:ed|ing)\s+(?:heavy\s+)?fire|assassinat(?:ed|ion|ions)|executed|executions?"
        r"|massacres?|stabb(?:ed|ing)|beheaded|abduct(?:ed|ing|ions?)|kidnapp(?:ed|ing|ings)"
        # Turkish and Russian military statements: killed, captured or surrendered, uncounted
        r"|neutrali[sz](?:ed|ing)",
        True,
    ),
    ("airstrike", r"strikes?|struck|raids?", False),
    # A takeover by force ("Kurdish fighters have driven jihadists from the town of X"), but
    # not the one that an attack came after ("a car bomb struck ..., a day after rebels drove
    # IS out of the town"): not specific, so it types an event only when no other word does.
    ("ground_assault", rf"(?:drove|driven|ousted)(?={_EXPELLED})", False),
    ("attack", r"attack(?:s|ed|ing)?", False),
)
#: An air platform in the same sentence turns a generic "bombs/bombed/bombing" into an airstrike.
AIR_PLATFORM_RE = _lc(
    r"\b(?:air[-\s]?strikes?|air[-\s]?raids?|warplanes?|jets?|helicopters?|aircraft|bombers?"
    r"|planes?|drones?|air\s+force)\b",
)
EVENT_RE = _lc(
    "|".join(f"(?P<e{i}>\\b(?:{pattern})\\b)" for i, (_, pattern, _) in enumerate(EVENT_CUES)),
)
#: Verbs that say something struck a place (used to link a place sentence to the next one).
STRIKE_VERB_RE = _lc(
    r"\b(?:hit|hits|struck|strikes?|targeted|targeting|pounded|pounding|bombed|shelled|"
    r"raided|attacked|stormed|exploded|rained\s+down|slammed"
    # an attack fought off is an attack: "troops repelled an attack on a post near Marea"
    r"|repelled|repulsed|thwarted|foiled|came\s+under\s+(?:attack|fire))\b",
)

# --------------------------------------------------------------------------------------------
# Actors: (normalised name, regex fragment). Order matters: combined forms first.
_MIL = (
    r"(?:air\s*strikes?|air\s+raids?|air\s+force|jets?|warplanes?|war\s+planes?|planes?|aircraft"
    r"|bombers?|helicopters?|drones?|forces?|troops?|army|military|soldiers|artillery|strikes?"
    r"|raids?|bombing|bombardment|shelling|missiles?|units?|militias?|fighters)"
)
ACTORS: tuple[tuple[str, str], ...] = (
    (
        "Russia",
        r"(?:Syrian|regime|government|(?-i:SARG))(?:\s+and\s+|/)Russian|Russian(?:\s+and\s+|/)"
        r"(?:Syrian|regime|government|(?-i:SARG))|Russia(?:n)?[-\s]regime|Russia\s+and\s+the\s+regime",
    ),
    (
        "US-led coalition",
        r"U\.?S\.?[-\s]led(?:\s+(?:international\s+)?coalition)?"
        r"|(?:international|anti-IS|anti-ISIS|global|western)\s+coalition"
        r"|coalition|American\s+"
        + _MIL
        + r"|U\.?S\.?\s+"
        + _MIL
        + r"|Pentagon|United\s+States\s+"
        + _MIL,
    ),
    (
        "Russia",
        r"Russian\s+Federation|Russian\s+" + _MIL + r"|Russian\s+"
        r"(?:Su-\d+|Sukhoi)|Russia|Russians|Moscow's\s+" + _MIL,
    ),
    ("Israel", r"Israeli\s+" + _MIL + r"|Israel|(?-i:IDF)|Israelis"),
    (
        "Turkey",
        r"Turkish[-\s]backed|Turkey[-\s]backed|Turkish\s+" + _MIL + r"|Turkey|Turks"
        r"|Operation\s+(?:Olive\s+Branch|Euphrates\s+Shield|Peace\s+Spring)",
    ),
    (
        "HTS",
        r"Hayat\s+Tahrir\s+al[-\s]Sham|Tahrir\s+al[-\s]Sham|(?-i:HTS)|(?:al[-\s])?Nusra(?:\s+Front)?"
        r"|Jabhat\s+(?:Fateh|Fatah)\s+al[-\s]Sham|Jabhat\s+al[-\s]Nusra",
    ),
    (
        "IS",
        r"Islamic\s+State(?:\s+group)?|(?-i:ISIS|ISIL)|Daesh|Daish|(?-i:IS)\s+"
        + _MIL
        + r"|(?-i:IS)(?=\s|,|\.)",
    ),
    (
        "SDF",
        r"Syrian\s+Democratic\s+Forces|(?-i:SDF|YPG|YPJ)|Kurdish[-\s]led(?:\s+forces)?"
        r"|Kurdish\s+" + _MIL + r"|(?-i:PKK)|People's\s+Protection\s+Units",
    ),
    (
        "pro-Assad forces",
        r"pro[-\s]Assad(?:\s+" + _MIL + r")?|pro[-\s](?:government|regime)"
        r"(?:\s+" + _MIL + r")?|regime(?:\s+" + _MIL + r")?|Assad(?:'s|’s)?\s+"
        r"(?:regime|government|" + _MIL + r")|Syrian\s+(?:Arab\s+)?(?:government"
        r"|regime|army|air\s+force|"
        + _MIL
        + r")|government\s+"
        + _MIL
        + r"|(?-i:SAA)|loyalists?|Hezbollah|Tiger\s+Forces|Iranian[-\s]backed\s+"
        + _MIL
        + r"|Iranian\s+"
        + _MIL
        + r"|Shabiha|National\s+Defen[cs]e\s+"
        r"Forces|(?-i:NDF)"
        # event-note (ACLED) names of the government's forces
        r"|(?-i:SARG)|Military\s+Forces\s+of\s+Syria|Government\s+of\s+Syria",
    ),
    (
        "rebels",
        r"Free\s+Syrian\s+Army|(?-i:FSA)|rebels?(?:\s+" + _MIL + r")?|insurgents|opposition\s+"
        r"(?:forces|fighters|groups|factions|militants)|Jaish\s+al[-\s]\w+|Ahrar\s+"
        r"al[-\s]Sham|Faylaq\s+al[-\s]Rahman|armed\s+(?:opposition|groups?)",
    ),
)
ACTOR_RE = re.compile(
    "|".join(
        f"(?P<a{i}>\\b(?:{pattern})\\b(?![-\\s](?:held|controlled|dominated|besieged)))"
        for i, (_, pattern) in enumerate(ACTORS)
    ),
    _I,
)

# --------------------------------------------------------------------------------------------
# Victims. Plural and singular nouns; each maps to a victim class.
VICTIM_CLASSES: dict[str, str] = {
    "children": "children",
    "child": "children",
    "kids": "children",
    "boys": "children",
    "boy": "children",
    "girls": "children",
    "girl": "children",
    "infants": "children",
    "infant": "children",
    "babies": "children",
    "baby": "children",
    "minors": "children",
    "schoolchildren": "children",
    "toddler": "children",
    "toddlers": "children",
    "women": "women",
    "woman": "women",
    "mothers": "women",
    "mother": "women",
    "rescuers": "rescuers",
    "rescuer": "rescuers",
    "volunteers": "rescuers",
    "volunteer": "rescuers",
    "paramedics": "rescuers",
    "paramedic": "rescuers",
    "medics": "rescuers",
    "medic": "rescuers",
    "responders": "rescuers",
    "rescue workers": "rescuers",
    "white helmets": "rescuers",
    "civil defence": "rescuers",
    "civil defense": "rescuers",
    "civilians": "civilians",
    "civilian": "civilians",
    "citizens": "civilians",
    "citizen": "civilians",
    "people": "civilians",
    "persons": "civilians",
    "person": "civilians",
    "residents": "civilians",
    "resident": "civilians",
    "villagers": "civilians",
    "farmers": "civilians",
    "farmer": "civilians",
    "men": "civilians",
    "man": "civilians",
    "family": "civilians",
    "relatives": "civilians",
    "shepherd": "civilians",
    **dict.fromkeys(
        "shepherds hunters hunter herders herder labourers laborers labourer laborer drivers"
        " mourners guests tourists neighbour neighbor neighbours neighbors relative friend"
        " friends guest".split(),
        "civilians",
    ),
    "police": "troops",
    "agents": "troops",
    "students": "civilians",
    "doctors": "civilians",
    "doctor": "civilians",
    "nurses": "civilians",
    "nurse": "civilians",
    "journalists": "civilians",
    "journalist": "civilians",
    "workers": "civilians",
    "worker": "civilians",
    "teachers": "civilians",
    "displaced": "civilians",
    "refugees": "civilians",
    "patients": "civilians",
    "worshippers": "civilians",
    "fighters": "fighters",
    "fighter": "fighters",
    "militants": "fighters",
    "militant": "fighters",
    "rebels": "fighters",
    "rebel": "fighters",
    "jihadists": "fighters",
    "jihadist": "fighters",
    "terrorists": "fighters",
    "terrorist": "fighters",
    "insurgents": "fighters",
    "gunmen": "fighters",
    "gunman": "fighters",
    "attackers": "fighters",
    "assailants": "fighters",
    "extremists": "fighters",
    "guerrillas": "fighters",
    "jihadis": "fighters",
    "loyalists": "fighters",
    "combatants": "fighters",
    "members": "fighters",
    "member": "fighters",
    "militiamen": "fighters",
    "commanders": "fighters",
    "commander": "fighters",
    "leader": "fighters",
    "leaders": "fighters",
    "troops": "troops",
    "soldiers": "troops",
    "soldier": "troops",
    "personnel": "troops",
    "servicemen": "troops",
    "serviceman": "troops",
    "officers": "troops",
    "officer": "troops",
    "policemen": "troops",
    "policeman": "troops",
    "guards": "troops",
    "conscripts": "troops",
    "others": "others",
    # Titles of one person killed ("the mukhtar of X", "the head of the council").
    **dict.fromkeys(
        "head chief director deputy minister spokesman spokesperson mukhtar mayor imam sheikh"
        " judge official governor".split(),
        "others",
    ),
    **dict.fromkeys("brigadier colonel general captain lieutenant major".split(), "troops"),
    "other": "others",
    "more": "others",
}
_PLURAL_VICTIMS = (
    r"people|persons|civilians|citizens|children|kids|boys|girls|infants|babies|minors|schoolchildren"
    r"|toddlers|women|mothers|rescuers|volunteers|paramedics|medics|responders|rescue\s+workers"
    r"|residents|villagers|farmers|men|family\s+members|relatives|students|doctors|nurses"
    r"|journalists|workers|teachers|displaced|refugees|patients|worshippers|fighters|militants"
    r"|rebels|jihadists|terrorists|insurgents|gunmen|combatants|members|militiamen|commanders"
    r"|leaders|troops|soldiers|personnel|servicemen|officers|policemen|guards|conscripts"
    r"|others|dead|bodies|victims|individuals|pilgrims|shoppers|passengers|detainees|prisoners"
    r"|youths|teenagers|adults|elderly|siblings|brothers|sisters|sons|daughters|people's|lives"
    r"|service\s+members|servicemen|marines|sailors|airmen|contractors|crew\s+members|crew"
    r"|advisers|advisors|experts|generals|colonels|officers|guardsmen|mercenaries|recruits"
    r"|passengers|officials|employees|staff\s+members|staff|volunteers|protesters|demonstrators"
    r"|scholars|academics|archaeologists|artists|writers"
    r"|hunters|herders|shepherds|labou?rers|drivers|mourners|guests|police|agents|tourists"
    r"|nationals|americans|russians|iranians|turks|iraqis|lebanese|afghans|palestinians|kurds"
    r"|neighbou?rs|friends|attackers|assailants|extremists|guerrillas|jihadis|loyalists"
    # "Four more were killed": the number's own noun (not "more than")
    r"|(?<!scores\s)(?<!dozens\s)(?<!hundreds\s)(?<!thousands\s)(?<!several\s)(?<!many\s)"
    r"more(?!\s+than)"
)
_SINGULAR_VICTIMS = (
    r"child|boy|girl|infant|baby|toddler|woman|mother|father|rescuer|volunteer|paramedic"
    r"|medic|civilian|citizen|person|resident|farmer|man|shepherd|doctor|nurse|journalist|worker"
    r"|teacher|fighter|militant|rebel|jihadist|terrorist|insurgent|gunman|member|commander"
    r"|leader|soldier|officer|policeman|guard|teenager|student|elderly\s+man|elderly\s+woman"
    r"|pilot|driver|activist|photographer|mukhtar|mayor|imam|sheikh|judge|official|governor"
    r"|citizen|cameraman|reporter|nurse|surgeon|pharmacist|engineer|lawyer|priest|head|chief"
    r"|director|deputy|minister|spokesman|spokesperson|grandson|granddaughter|old\s+man"
    r"|old\s+woman|service\s+member|marine|contractor|protester|employee|brigadier|colonel"
    r"|general|captain|lieutenant|major|hunter|herder|labou?rer|american|russian|iranian"
    r"|owner|passenger|shopkeeper|merchant|trader|bodyguard|cleric|preacher|elder"
    r"|neighbou?r|relative|friend|guest|brother-in-law|son-in-law|schoolteacher|schoolboy"
    r"|schoolgirl|baker|fisherman|vendor|scholar|archaeologist|academic|professor|poet|writer"
    r"|artist|singer|actor|footballer|athlete|businessman|dentist|midwife|anaesthetist|patient"
    r"|detainee|prisoner|hostage|captive|inmate"
)
#: Modifier words allowed between a count and its victim noun ("pro-Assad", "White Helmets").
#: A number word or a conjunction is never one: in "three women and two men" the victims of
#: "three" are "women", and "two men" is the next item of the list.
_NOT_MOD = (
    r"(?!(?:and|or|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    # but an age is one: "a nine-year-old girl"
    + r")\b(?!-(?:years?|months?|weeks?|days?)-old))"
)
_MOD = rf"(?:(?!\d){_NOT_MOD}\w[\w’'./-]*\s+){{0,4}}?"
VICTIM_NOUN = rf"(?:{_MOD}(?:{_PLURAL_VICTIMS}))"
SINGULAR_VICTIM = rf"(?:{_MOD}(?:{_SINGULAR_VICTIMS}))"
#: "members of the regime forces", "a fighter of the Hamza Division": whose victims they were.
_UNIT = (
    r"(?:forces|army|militias?|groups?|factions?|brigades?|division|police|regime|front"
    r"|movement|units?|battalions?|council|organi[sz]ation|defen[cs]e|helmets|guards?"
    r"|committees?|crews?|teams?|staff|services?|municipality|ministry|directorate|hospital"
    r"|ndf|sdf|ypg|ypj|fsa|hts|isis|isil|sna|pkk|nusra|jabhat|hezbollah|irgc|asayish)"
)
_OF_UNIT = (
    # ("members of the regime forces": the unit may be two of its words)
    rf"(?:\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,4}}?{_UNIT}(?:\s+{_UNIT})?"
    # ("... and allied militiamen", never "... and 19 fighters": a count is the next item)
    rf"(?:\s+(?:and|or)\s+(?:the\s+)?(?:(?!\d){_NOT_MOD}[\w’'-]+\s+){{0,2}}?(?:{_UNIT}"
    rf"|militiamen|fighters"
    rf"|troops|soldiers|gunmen|members))?)"
)
#: The day of a date ("March 7 two civilians ...") is never a count. One lookbehind per
#: length of month name (a lookbehind's alternatives must be as long as each other): the
#: same test as one per name, with fewer steps for ``re``.
_MONTH_WORDS: dict[int, list[str]] = {}
for _m in (
    "jan feb mar apr may jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug."
    " sep. sept. oct. nov. dec. january february march april june july august september"
    " october november december"
).split():
    _MONTH_WORDS.setdefault(len(_m), []).append(re.escape(_m))
_NOT_AFTER_MONTH = "".join(
    rf"(?<!\b(?:{'|'.join(words)})\s)" for _, words in sorted(_MONTH_WORDS.items())
)
#: Words before one victim: "a child", "the driver", "their teacher".
ONE_LEADS = ("a", "an", "another", "one", "the", "its", "his", "her", "their")
_NUMV = (
    # not the minutes of a clock time ("09:15 – Five soldiers were killed")
    rf"(?:(?<![\w-])(?<!\d:){_NOT_AFTER_MONTH}(?P<num>{COUNT_PATTERN})(?:\s+of)?(?:\s+(?:the|them|whom|those|their"
    rf"|its))?"
    rf"(?:\s+(?P<vict>{VICTIM_NOUN}(?:\s+(?:and|or)\s+{VICTIM_NOUN})?)(?:\s+of\s+(?:the\s+same|one|a\s+single|a|his|her"
    rf"|their)\s+family|{_OF_UNIT})?)?(?![\w-])"
    # "the governor's driver", "Bashar al-Assad's brother-in-law" (a possessive before one)
    rf"|(?P<one>\b(?:{'|'.join(ONE_LEADS)}|1)\b"
    rf"|(?<![\w-])(?:[\w-]+\s+){{0,3}}[\w-]+['’]s)\s+"
    # the last noun of a compound: "a former rebel commander" is a commander
    rf"(?P<vict1>{SINGULAR_VICTIM})\b(?!['’]s)(?!\s+(?:{_SINGULAR_VICTIMS})\b){_OF_UNIT}?"
    rf"|(?<![\w-])(?:(?:a|an|one|the|an\s+entire|a\s+whole)\s+)?family\s+of\s+"
    rf"(?P<family>{COUNT_PATTERN}))"
)
_AUX = (
    r"(?:(?:were|was|have|has|had|been|being|are|is|reportedly|also|all|later|allegedly"
    r"|reported|confirmed|believed|feared|said\s+to\s+be|to\s+be|left|were\s+left|now|since"
    r"|subsequently|later|killed\s+and|found)\s+){0,4}"
)
_MIXED = r"(?!\s*(?:or|and|/)\s+(?:injured|wounded|hurt|maimed)\b)"

#: Active voice: "killed 21", "killing at least 12 civilians", "claimed the lives of 5".
KILL_ACTIVE_RE = _lc(
    r"\b(?P<verb>kill(?:ed|ing|s)?|claim(?:ed|ing|s)?\s+the\s+lives\s+of|claim(?:ed|ing|s)?"
    r"|massacr(?:ed|ing)|martyr(?:ed|ing)"
    r"|execut(?:e|ed|ing|es)|shot\s+dead|shooting\s+dead|gunned\s+down|slaughtered"
    # "shot one of the pilots dead": only with "dead" after the victims (checked by the reader)
    r"|shot|shooting"
    r"|took\s+the\s+lives\s+of|taking\s+the\s+lives\s+of|left|leaving"
    r"|assassinat(?:ed|ing|es)|behead(?:ed|ing|s)"
    # a military statement's "eliminated 30 militants": only with people (checked by the reader)
    r"|eliminat(?:ed|ing)|liquidat(?:ed|ing)"
    # "UN observers counted at least 92 bodies": only with bodies (checked by the reader)
    r"|counted|found|recovered|retrieved|pulled\s+out|discovered|unearthed)\s+"
    # "shot dead on Wednesday a member of the council": the day before the victims
    r"(?:(?:late\s+|early\s+)?on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s+)?"
    # "a missile hit the car, killing the two men inside"
    r"(?:the\s+(?=(?:two|three|four|five|six|seven|eight|nine|ten|\d)))?" + _NUMV,
)
#: "left 5 dead": the active forms "left"/"leaving" need a following "dead".
LEFT_DEAD_RE = _lc(r"\s*(?:people\s+|civilians\s+|others\s+)?dead\b")
#: Passive voice and nouns: "21 were killed", "five people died", "3 dead", "12 deaths".
KILL_PASSIVE_RE = _lc(
    _NUMV
    + r"(?P<kinpart>\s+(?:and|along\s+with|together\s+with)\s+(?:his|her|their)\s+"
    + rf"(?:{COUNT_PATTERN}\s+)?"
    + r"(?:wife|husband|son|daughter|child|baby|infant|brother|sister|mother|father|sons"
    r"|daughters|children|brothers|sisters|parents|grandchildren|grandchild|grandson"
    r"|granddaughter|grandsons|granddaughters|nephew|niece|cousin|uncle|aunt|grandfather"
    r"|grandmother))?"
    + r"(?:\s+(?:on\s+board|aboard))?"
    + r"(?:\s+(?:from|of|in)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?[\w'’-]+"
    + r"(?:\s+[\w'’-]+){0,2}?(?=\s+(?:was|were|had|has|have|died|killed)\b))?"
    + r"(?:\s*,\s*(?:including|among\s+them|mostly|most\s+of\s+them|also\s+known\s+as"
    # "Two civilians, a farmer and his nephew, were killed": the two, named again
    + r"|(?:a|an|both|two|three|four|five)\s"
    + r"|known\s+as|better\s+known\s+as|who|all\s+of\s+them|most\s+of\s+whom)[^,]{0,80},"
    + r"|\s+(?:including|among\s+them)\s[^,.;]{0,60}?"
    # any other apposition before "were"/"was": "two children, brothers aged nine and 12,
    # were killed", "Four of them, truffle hunters from one family, were killed"
    # (not after an age: "The young man (M. A.), 24, from the city of X, was killed")
    + r"|(?<![,)]\s\d)(?<![,)]\s\d\d)\s*,\s[^,.;]{1,80},(?=\s+(?:were|was)\s))?\s+"
    # "103 citizens who were killed"; "a former fighter who had joined the settlement was
    # killed" (a short relative clause before the verb)
    + r"(?:who\s+(?:(?:had|has|have|lived|worked|returned|joined)\s[^,.;]{1,60}?\s+"
    + r"(?=(?:was|were)\s))?"
    # "two young men accused of fighting for the Free Syrian Army were shot dead"
    + r"|(?:accused|suspected|convicted)\s+of\s[^,.;]{1,60}?\s+(?=(?:was|were)\s))?"
    + _AUX
    + r"(?P<verb>killed|slain|dead|died|perished|martyred|executed|drowned|lost\s+their\s+lives"
    r"|(?:civilian\s+)?deaths|(?:civilian\s+)?fatalities|found|recovered|retrieved|discovered"
    r"|pulled\s+from|were\s+among\s+(?:those|the)\s+(?:killed|slain|dead|victims)"
    r"|among\s+(?:those|the)\s+(?:killed|slain|dead)|shot\s+dead|gunned\s+down"
    r"|assassinated|beheaded|fell\s+(?:as\s+)?martyrs|martyrs|eliminated|liquidated"
    r"|fell\s+in\s+(?:the\s+)?(?:fighting|battle|battles|clashes|combat))\b(?!-)" + _MIXED,
)
#: Death toll phrases: "the death toll rose to 45", "a toll of 12 dead".
#: Also the fatalities field of an event note (ACLED style): "Fatalities: 2".
TOLL_RE = _lc(
    r"(?:\b(?:death|casualty|civilian|fatality)?\s*toll\b[^.;:]{0,160}?\b(?:to|at|of|is|was"
    r"|reached|hit|be|stood|stands|climbed|rose|risen|surpassed|passed|exceeded)\s+"
    r"|\b(?:fatalities|deaths|killed|dead|best(?:\s+estimate)?)"
    # "Deaths in the clashes on 29 February: 9 FSA fighters and 4 soldiers"
    r"(?:\s+(?:in|from|during|among)\s+[^:.;]{1,50}?)?"
    r"\s*[:=]\s*(?:best(?:\s+estimate)?\s+)?"
    # "the number of people killed in the shelling rose to 7"
    # "the number of Al-Sheitaat tribe members who were executed ... has risen to 700"
    r"|\bnumber\s+of\s+(?:[\w'’-]+\s+){0,6}?(?:killed|dead|deaths|died|slain|martyrs|martyred"
    r"|fatalities|executed)\b[^.;:]{0,160}?\b(?:rose|risen|climbed|increased|reached|jumped|stands"
    r"|stood|hit)\s+(?:to\s+|at\s+)?)(?P<num>" + COUNT_PATTERN + r")(?!\s*(?:injured|wounded))",
)
#: "the deaths of dozens of troops", "the death of 3 civilians"; "The dead included 127
#: civilians and 88 fighters" (who the dead were: a part of a count told before, or the count).
DEATHS_OF_RE = _lc(
    # "the body of a man", not "a body of 45 members"
    r"\b(?:(?:deaths?|killing|murder|bodies|body(?=\s+of\s+(?:a|an|one|the)\s+(?!\d))"
    r"|remains|martyrdom|(?:field\s+)?executions?"
    r"|massacre)\s+of|(?P<included>(?:dead|victims|fatalities)\s+includ(?:ed|es|e)))\s+" + _NUMV,
)
#: Injured: active ("wounding 10"), passive ("139 people were injured", "five wounded").
INJURE_ACTIVE_RE = _lc(
    r"\b(?:injur(?:ed|ing|es)|wound(?:ed|ing|s)|maim(?:ed|ing))\s+" + _NUMV,
)
INJURE_PASSIVE_RE = _lc(
    _NUMV + r"\s+" + _AUX + r"(?:injured|wounded|hurt|maimed|injuries|sustained\s+injuries)\b",
)
#: "killed or wounded", "dead and injured": a mixed count that gives no number of deaths.
MIXED_RE = _lc(
    r"\b(?:killed|dead|deaths)\s+(?:or|and|/)\s+(?:injured|wounded|hurt|maimed)\b|\bcasualties\b",
)
#: Cheap pre-filter: a sentence without any of these is skipped.
CASUALTY_CUE_RE = _lc(
    r"\b(?:kill|killed|killing|kills|dead|died|die|dies|death|deaths|slain|perish|martyr"
    r"|toll|fatalit|injur|wound|hurt|maim|lives|massacr|execut|shot\s+dead|gunned\s+down"
    r"|slaughter|bodies)",
)
#: Subset introducers for the victim breakdown ("including nine children and three women").
BREAKDOWN_RE = _lc(
    r"[^.;]{0,40}?\b(?:including|among\s+them|among\s+whom|of\s+whom|amongst\s+them"
    r"|mostly|most\s+of\s+them|among\s+the\s+dead\s+(?:were|are)|among\s+those\s+killed"
    r"\s+(?:were|are))\b",
)
BREAKDOWN_ITEM_RE = _lc(r"\s*(?:,|and|as\s+well\s+as|plus)?\s*" + _NUMV)
#: "a man and his wife", "a woman and her three children": relatives killed with a victim.
KIN_CONT_RE = _lc(
    r"\s+(?:and|along\s+with|together\s+with|with)\s+(?:his|her|their)\s+"
    rf"(?:(?P<kinnum>{COUNT_PATTERN})\s+)?"
    r"(?P<kin>wife|husband|son|daughter|child|baby|infant|brother|sister|mother|father"
    r"|sons|daughters|children|brothers|sisters|parents|grandchildren|grandchild|grandson"
    r"|granddaughter|grandsons|granddaughters|nephew|niece|cousin|uncle|aunt|grandfather"
    r"|grandmother)\b"
)
#: "5 soldiers and 3 rebels": list continuation after an active count.
LIST_CONT_RE = _lc(
    # ("4,500" is one number: after a digit the comma needs a space to start a list)
    r"\s*(?:(?<!\d),\s*(?:and\s+)?|,\s+(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
    r"(?:(?:his|her|their|its)\s+)?" + _NUMV
)
#: "18 soldiers and ..." just before a passive count ("... and 11 rebels were killed"):
#: the first part of a list of victims, at the start of its clause.
LIST_BEFORE_RE = _lc(
    # ", and at least 27 IS fighters and eight Kurdish militiamen were killed"
    r"(?:^|[,:;—]\s*(?:(?:and|but)\s+)?|\s[-–]\s+|\b(?:said|says|saying|reported|that|while)\s+)"
    + _NUMV
    + r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)$"
)

# --------------------------------------------------------------------------------------------
# Negation, rhetoric and cumulative tolls.
NEGATION_RE = _lc(
    r"\b(?:not|n't|never|no\s+one|nobody|none|denied|den(?:y|ies)|without\s+(?:any\s+)?"
    r"(?:casualties|injuries|deaths)|no\s+(?:casualties|deaths|injuries|fatalities|victims"
    r"|reports?\s+of)|false|fake|rumou?rs?|refuted|failed\s+to)\b",
)
RHETORIC_RE = _lc(
    r"\b(?:murderer|butcher|tyrant|criminal|war\s+criminal|dictator|who\s+has\s+killed"
    r"|killed\s+(?:his|their)\s+own|genocide\s+against|threaten(?:ed|s)?\s+to|would\s+kill"
    r"|could\s+kill|will\s+kill|may\s+have\s+killed|if\s+)\b",
)
CUMULATIVE_RE = _lc(
    r"\b(?:since\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the\s+start"
    r"|the\s+beginning|\d{4}|January|February|March|April|May|June|July|August|September"
    r"|October|November|December|last\s+\w+|early|late|mid)|so\s+far|to\s+date|in\s+total"
    r"|total\s+(?:death\s+)?toll|overall\s+(?:death\s+)?toll|cumulative|(?<!time\s)this\s+(?:week|month|year)"
    r"|past\s+(?:\w+\s+)?(?:days|weeks|months|years|decades?)"
    # "over the past week", not "over the past 24 hours" (one day's toll)
    r"|over\s+the\s+(?:past|last)(?!\s+(?:24|twenty-four|12|twelve|few)\s+hours|\s+day|\s+night)"
    r"|(?:over|during|in)\s+(?:the\s+same|that|this)\s+period|in\s+the\s+first\s+(?:\w+\s+)?(?:days|weeks"
    r"|months)"
    r"|(?:in|during|within)\s+the\s+(?:past|last)\s+(?:week|month|year|fortnight)|in\s+recent"
    r"\s+(?:days|weeks|months)|since\s+the\s+(?:war|conflict|uprising|offensive|campaign"
    r"|assault|attack|start|beginning|operation|bombardment|siege|escalation|revolution)"
    # "since the establishment of the Civil Defence", "since its founding", "since the
    # resumption of the air campaign", "since the announcement of the agreement"
    r"|since\s+(?:the|its|their|our|his)\s+(?:establishment|founding|creation|formation"
    r"|inception|resumption|renewal|launch|onset|outbreak|announcement|signing|declaration)"
    # "between April 23 and May 23": a span of dates
    r"|between\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)(?:\s+\d{1,2})?\s+and\s+(?:\d{1,2}\s+)?(?:January|February"
    r"|March|April|May|June|July|August|September|October|November|December)\b"
    r"|in\s+(?:the\s+(?:past|last)\s+)?(?:two|three|four|five|six|several|\d+)\s+days"
    # "bringing to 250 the number of people killed there in 48 hours": two days and more
    r"|(?:in|over|within)\s+(?:the\s+(?:past|last)\s+)?(?:36|48|72|96|forty-eight"
    r"|seventy-two)\s+hours"
    # "the toll over two days", "the toll from four days of fighting"
    r"|(?:over|from)\s+(?:the\s+(?:past|last)\s+)?(?:two|three|four|five|six|\d+)\s+days"
    r"|(?:days|weeks|months|years)\s+in\s+which"
    # "in the government's two-month crackdown", "during a four-day offensive"
    r"|(?:in|during|over)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,2}?(?:[\w]+-(?:day|week"
    r"|month|year)|(?:days|weeks|months|years)-long)\s+(?:[\w-]+\s+)?(?:crackdown|campaign"
    r"|offensive|war|conflict|uprising|siege|battle|bombardment|fighting|operation|assault)"
    r"|since\s+then|since\s+(?:the\s+|last\s+|early\s+|late\s+)?(?:spring|summer|autumn|fall"
    r"|winter)|since\s+(?:[\w-]+\s+){1,3}?(?:was|were|began|begun|started|erupted|entered"
    r"|launched|took\s+over|broke\s+out|flared(?:\s+up)?|resumed|intensified|escalated"
    r"|stepped\s+up|captured|seized"
    r"|took|overran|stormed|fell|arrived)|(?:whole|entire)\s+(?:campaign|war|conflict|operation|offensive)"
    r"|throughout\s+the\s+(?:campaign|war|conflict|operation|offensive)"
    r"|\w+-day\s+(?:death\s+)?toll|(?:days?|weeks?|months?|years?)-long"
    r"\s+(?:\w+\s+)?(?:campaign|offensive|bombardment|assault|siege|operation|escalation)"
    # "killed in the shelling during August": a month's toll; "in March alone"
    r"|during\s+(?:the\s+month\s+of\s+)?(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b(?!\s+\d)"
    r"|in\s+(?:the\s+month\s+of\s+)?(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+alone\b"
    r"|(?:the\s+)?(?:war|conflict)\s+(?:has|have)\s+(?:killed|claimed)|during\s+the\s+(?:war"
    r"|conflict)|in\s+the\s+(?:war|conflict))\b",
)
#: Counts at or above this are war-wide totals, never one incident.
MAX_INCIDENT_KILLED = 50_000

# --------------------------------------------------------------------------------------------
# Targets: (normalised name, regex fragment).
TARGETS: tuple[tuple[str, str], ...] = (
    ("blood bank", r"blood\s+banks?"),
    ("hospital", r"hospitals?|field\s+hospital|maternity\s+hospital"),
    (
        "medical facility",
        r"medical\s+(?:facilit(?:y|ies)|cent(?:er|re)s?|points?)|health\s+cent(?:er|re)s?",
    ),
    ("clinic", r"clinics?"),
    ("school", r"schools?|kindergartens?"),
    ("market", r"markets?|marketplaces?|souks?|bazaars?"),
    ("mosque", r"mosques?"),
    ("church", r"churches"),
    ("church", r"church"),
    ("headquarters", r"headquarters|HQ|command\s+cent(?:er|re)"),
    (
        "civil defence centre",
        r"civil\s+defen[cs]e\s+(?:cent(?:er|re)s?|facilit(?:y|ies)|stations?)",
    ),
    ("bakery", r"bakery|bakeries"),
    (
        "residential building",
        r"residential\s+(?:buildings?|areas?|neighbou?rhoods?|blocks?)"
        r"|apartment\s+(?:buildings?|blocks?)|homes?|houses?",
    ),
    ("camp", r"(?:IDP|refugee|displacement|displaced)\s+camps?|camps?"),
    ("convoy", r"(?:aid\s+)?convoys?"),
    ("checkpoint", r"checkpoints?"),
    ("base", r"(?:military|air)\s+bases?|bases?|barracks"),
    ("airport", r"airports?|airbases?|air\s+base|airfields?"),
    ("bridge", r"bridges?"),
    ("water station", r"water\s+(?:stations?|plants?|pumping\s+stations?|facilit(?:y|ies))"),
    ("power station", r"power\s+(?:stations?|plants?)|electricity\s+(?:stations?|plants?)"),
    ("gas plant", r"gas\s+(?:plants?|fields?|facilit(?:y|ies))"),
    ("oil field", r"oil\s+(?:fields?|wells?|refiner(?:y|ies))"),
    ("prison", r"prisons?|jails?"),
    ("position", r"positions?|posts?"),
    ("vehicle", r"vehicles?|cars?|bus(?:es)?|trucks?"),
)
TARGET_RE = _lc(
    "|".join(f"(?P<t{i}>\\b(?:{pattern})\\b)" for i, (_, pattern) in enumerate(TARGETS)),
)

# --------------------------------------------------------------------------------------------
# Places.
#: Words that may join the capitalised words of an Arabic place name ("Deir ez-Zor").
_PARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez|en|et|bin|ibn|um|umm|abu|bani|beni|wa)"
_CAPWORD = r"(?:" + _PARTICLE + r"[-\s‘’'`])?[A-Z][\w‘’'`-]*"
#: A capitalised span of up to four words (case-sensitive).
CAPSPAN = rf"{_CAPWORD}(?:\s{_CAPWORD}){{0,3}}"
#: Feature words after a name ("Idlib province") or before it ("the town of Erbin").
FEATURE_HINTS: dict[str, str | None] = {
    "town": "populated",
    "village": "populated",
    "city": "populated",
    "hamlet": "populated",
    "neighbourhood": "populated",
    "neighborhood": "populated",
    "suburb": "populated",
    "suburbs": "populated",
    "municipality": "populated",
    "camp": "populated",
    "outskirts": "populated",
    "district": "admin2",
    "province": "admin1",
    "governorate": "admin1",
    "countryside": "admin1",
    "region": "region",
    "area": None,
    "stronghold": None,
    "bastion": None,
    "enclave": "region",
    "border town": "populated",
    "capital": "populated",
    "desert": "region",
    "plain": "region",
    "plains": "region",
    "vicinity": None,
    "surroundings": None,
    "environs": None,
    "edge": None,
    "edges": None,
    "outskirt": "populated",
    "towns": "populated",
    "villages": "populated",
    "cities": "populated",
    "neighbourhoods": "populated",
    "neighborhoods": "populated",
    "districts": "admin2",
    "areas": None,
    "camps": "populated",
    "subdistrict": "admin2",
    "port": "populated",
    # Facilities the gazetteer holds (airbases, airports, crossings, dams, prisons).
    "airbase": "facility",
    "air base": "facility",
    "airport": "facility",
    "military airport": "facility",
    "airfield": "facility",
    "crossing": "facility",
    "border crossing": "facility",
    "dam": "facility",
    "prison": "facility",
    "sub-district": "admin2",
}
_COMPASS = (
    r"north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west"
    r"|south-east|south-west"
)
_FEAT_BEFORE = (
    r"towns|villages|cities|neighbou?rhoods|districts|areas|camps"
    r"|town|village|city|hamlet|neighbou?rhood|suburbs?|municipality|camp|outskirts|district"
    r"|sub-?district|province|governorate|countryside|region|area|stronghold|bastion|enclave"
    r"|border\s+town|capital|desert|vicinity|surroundings|environs|edges?|outskirt"
    r"|parts?|sectors?|side|half|port|heart|cent(?:re|er)|entrances?|" + _COMPASS
)
#: Feature words that place an event beside a place, not in it.
NEAR_FEATURES = frozenset(
    "outskirts outskirt vicinity surroundings environs edge edges entrance entrances "
    "north south east west "
    "northeast northwest southeast southwest north-east north-west south-east south-west".split()
)
_FEAT_AFTER = (
    r"province|governorate|countryside|city|town|village|district|area|region|suburbs?"
    r"|neighbou?rhood|camp|desert|plains?|subdistrict|sub-district|air\s?base|(?:military\s+)?airport"
    r"|airfield|(?:border\s+)?crossing|dam|prison"
)
_MODS = (
    r"(?:(?:[\w-]+-(?:held|controlled|besieged)|besieged|embattled|northern|southern|eastern"
    r"|western|central|north-?western|north-?eastern|south-?western|south-?eastern|rural|nearby"
    r"|neighbou?ring|opposition|rebel|regime|government|IS|ISIS|Kurdish|small|key|strategic"
    r"|northwestern|northeastern|southwestern|southeastern|jihadist|restive|last"
    # "seized the capital Damascus", "the provincial capital Idlib"
    r"|(?:provincial\s+)?capital)\s+){0,3}"
)
#: Prepositions and verbs that introduce the place where something happened.
PLACE_CUES = (
    r"in|at|on|near|outside|around|inside|across|into|toward|towards|targeting|targeted|hit"
    r"|hitting|struck|striking|pounded|pounding|shelled|bombed|bombarded|attacked|attacking"
    r"|raided|stormed|storming|captured|capturing|capture|seized|seize|recaptured|retake"
    r"|retook|besieged|besieging|over|throughout|through|within|residents\s+of|people\s+of"
    r"|inhabitants\s+of|villagers\s+of|control\s+of|took\s+over|overran|location:"
    # the place taken by force: "drove IS out of Dabiq", "ousted rebels from Qusayr"
    rf"|(?:drove|driven|ousted){_EXPELLED}"
    # "Turkish shelling of Afrin", "the bombardment of Douma", "an assault against Saraqib":
    # an attack noun with "of"/"against" names the place attacked.
    r"|(?:shelling|bombardments?|bombings?|(?:air\s*)?strikes?|airstrikes?|(?:air\s+)?raids?"
    r"|attacks?|assaults?|offensive|siege|barrage|pounding|liberation)\s+(?:of|against)"
)
PLACE_CUE_RE = re.compile(
    rf"\b(?P<cue>(?i:{PLACE_CUES}))\s+(?i:the\s+)?(?P<mods>(?i:{_MODS}))"
    rf"(?:(?P<feat>(?i:{_FEAT_BEFORE}))\s+of\s+(?i:the\s+)?(?P<mods2>{_MODS}))?"
    rf"(?P<name>{CAPSPAN})"
    rf"(?:\s+(?P<feat2>(?i:{_FEAT_AFTER}))\b)?"
)
#: "Syria's Tal Abyad", "Syria's northwestern Idlib province": a place named as the
#: country's, with or without a preposition before it.
SYRIAS_PLACE_RE = re.compile(
    rf"\bSyria['’]s\s+(?P<mods>(?i:{_MODS}))"
    rf"(?:(?P<feat>(?i:{_FEAT_BEFORE}))\s+of\s+(?i:the\s+)?(?P<mods2>{_MODS}))?"
    rf"(?P<name>{CAPSPAN})"
    rf"(?:\s+(?P<feat2>(?i:{_FEAT_AFTER}))\b)?"
)
#: "Idlib province", "Homs countryside" without a preposition; "the Erbin area".
PLACE_FEAT_RE = re.compile(
    rf"(?<![\w-])(?P<name>{CAPSPAN})\s+(?P<feat2>(?i:province|governorate|countryside"
    rf"|district|area|region|city|town|village|neighbou?rhood|suburbs?|subdistrict|air\s?base"
    rf"|(?:military\s+)?airport|airfield|(?:border\s+)?crossing|dam|prison))\b"
)
#: "the town of X" with no preposition before it ("The town of X was shelled").
PLACE_OF_RE = re.compile(
    rf"\b(?P<feat>(?i:{_FEAT_BEFORE}))\s+of\s+(?i:the\s+)?(?P<mods2>{_MODS})"
    rf"(?P<name>{CAPSPAN})"
)
# After "of", only lowercase modifiers ("districts of eastern Aleppo"): a capitalised
# "Eastern" there begins a name ("the town of Eastern Bekar").
#: A capitalised span anywhere (candidates for gazetteer tagging).
CAPSPAN_RE = re.compile(rf"(?<![\w-])(?P<name>{CAPSPAN})")
#: Place context that is "near", not "in": the incident is beside it, not at it.
NEAR_CUES = frozenset({"near", "outside", "around", "toward", "towards"})
#: Words that follow a name used as a speaker or source ("Washington said", "Damascus condemned").
SPEAKER_AFTER_RE = re.compile(
    r"(?:\s*(?:,|has|have|had|also|would|will|on\s+\w+)){0,3}\s*"
    r"(?:said|says|say|told|tells|announced|accused|accuses|condemned|condemns|denied|denies"
    r"|blamed|blames|warned|warns|insisted|reported|reports|stated|responded"
    r"|rejected|called|urged|demanded|described|dismissed|confirmed|believes|wants|supports"
    r"|backs|argued|leads|already)\b",
    _I,
)
#: Words after a name that make it a source or an organisation, not a place.
SOURCE_AFTER_RE = re.compile(
    r"(?:['’]s)?\s*(?-i:[A-Z][\w-]*\s+){0,2}(?:TV|television|news|agency|newspaper|radio|post"
    r"|times|daily|channel|network|observatory|ministry|government|regime|officials?|authorities"
    r"|embassy|president|foreign|defen[cs]e|media|report|press|state\s+media)\b",
    _I,
)
#: Phrases before a name that make it a source or an addressee, not a place.
SOURCE_BEFORE = (
    "courtesy of",
    "according to",
    "told",
    "reported by",
    "quoted by",
    "cited by",
    "via",
    "said to",
    "blamed on",
    "blamed it on",
    "accused",
    "accusing",
    "accuses",
    "pressure on",
    "sanctions on",
    "letter to",
    "visit to",
    "talks in",
    "talks with",
    "meeting in",
    "summit in",
    "conference in",
    "briefing in",  # where it was told: "told reporters in Ankara", "a briefing in Moscow"
    "reporters in",
    "journalists in",
    "speaking in",
    "envoy to",
    "ambassador to",
    "delegation to",
    "trip to",
    "flew to",
    "returned to",
    "fled to",
    "moved to",
    "travelled to",
    "traveled to",
    "based in",
    "headquartered in",
    "exile in",
    "born in",
)
#: Governorate names as news writes them: "Kafr Nabl, Idlib" names the enclosing area.
GOVERNORATE_NAMES = frozenset(
    """
    idlib idleb aleppo halab hama homs latakia lattakia tartus tartous daraa dar'a deraa
    raqqa ar-raqqa al-raqqa raqa hasakah hasakeh al-hasakeh hassakeh deir-ez-zor sweida
    as-sweida suwayda quneitra damascus
    """.split()
) | {
    "rural damascus", "deir ez-zor", "deir ez zor", "deir el-zor", "deir al-zor", "al-hasakah",
    "deir ezzor", "deir al-zour", "dayr az zawr", "al-hasaka",
}
#: How articles spell each governorate, as parts of a lowercased sentence ("deir ez" holds
#: "Deir ez-Zor" and "Deir Ezzor"), under the OCHA names that locations carry.
GOVERNORATE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Aleppo": ("aleppo", "halab"),
    "Idleb": ("idlib", "idleb"),
    "Hama": ("hama",),
    "Homs": ("homs",),
    "Lattakia": ("latakia", "lattakia", "latakiya"),
    "Tartous": ("tartous", "tartus"),
    "Damascus": ("damascus",),
    "Rural Damascus": ("rural damascus", "damascus countryside", "rif dimashq", "ghouta"),
    "Dar'a": ("daraa", "deraa", "dar'a", "dara'a"),
    "As-Sweida": ("sweida", "suwayda", "suweida", "swaida"),
    "Quneitra": ("quneitra", "qunaytirah"),
    "Ar-Raqqa": ("raqqa", "rakka"),
    "Deir-ez-Zor": ("deir ez", "deir el", "deir al-z", "deir ezzor", "dayr az", "deir-ez"),
    "Al-Hasakeh": ("hasak", "hassak"),
}
#: Places abroad that Syria reports name often and that the Syrian gazetteer lacks (its world
#: layer holds only countries and capitals); a namesake village must not take their place.
FOREIGN_PLACES = frozenset(
    """
    mosul tikrit fallujah falluja ramadi erbil irbil sinjar kirkuk basra najaf karbala samarra
    qaim al-qaim haditha rutba gaziantep kilis hatay antakya reyhanli sanliurfa urfa akcakale
    ceylanpinar nusaybin mardin adana incirlik istanbul ankara izmir arsal tripoli sidon tyre
    baalbek hermel beirut irbid mafraq zarqa ramtha amman haifa jerusalem tel-aviv sochi astana
    geneva vienna munich riyadh doha cairo tehran moscow washington paris london brussels
    """.split()
) | {"tel aviv", "new york", "the hague", "golan heights israel"}
#: Names that are never the place of an incident.
NOT_PLACES = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december the a an it this that he she they we
    un u.n. nato eu white helmets sdf ypg is isis isil daesh hts fsa saa ministry observatory
    syrian observatory russia's god allah reuters afp ap sana bbc cnn assad putin erdogan
    erdoğan trump obama mattis lavrov kerry tillerson pompeo khamenei nasrallah
    fatalities notes note source sources location event date update deaths death killed dead best
    injured wounded total totals breaking urgent video photos toll casualties victims summary
    snhr sohr ocha unocha unicef who hrw msf acled ucdp airwars sams icrc ifrc sarc unhcr wfp
    ohchr amnesty dpa upi tass ria interfax xinhua irna anha qna aljazeera civil
    newsreader presenter anchor host reporter correspondent interviewer narrator caption
    """.split()
)
#: Attribution clauses whose places are not where things happened (leading words of the clause).
ATTRIBUTION_RE = re.compile(
    r"\b(?:said|says|told|reported|according\s+to|announced|stated|claimed)\b", _I
)


# --------------------------------------------------------------------------------------------
# Triggers: the first word of every match of a pattern above, lowercased, as the whole word or
# its first four letters. The engine tries a pattern only where a sentence word is a trigger,
# which keeps it fast (Python's ``re`` has no fast scan for long alternations). A test checks
# that every match the full patterns find on test text starts at a trigger.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NUMBER_TRIGGERS = _words(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million a an another at no more over upwards in about around some
    approximately roughly nearly almost close estimated up as fewer less further additional
    total only just between tens hundreds thousands dozen dozens scores couple handful number
    several numerous the all its his her their
    """
)
EVENT_TRIGGERS = _words(
    """
    barr vacu clus phos ince ball crui guid surf anti miss toma scud air airs airr aeri dron
    warp war figh jet jets heli guns airc bomb plan sort arti shel mort rock grad tank car suic
    truc vehi impr ied ieds vied expl boob land blas deto grou coun assa offe clas batt stor
    incu capt reca seiz adva shoo shot gunm gunf snip ambu open exec mass stab behe stri stru
    raid atta abdu kidn took take over prot demo arre deta foug libe oper mili secu army comb
    inte sieg came come comi exch neut drov driv oust
    """
)
ACTOR_TRIGGERS = _words(
    """
    syri regi gove russ u us amer pent unit inte anti glob west coal isra idf turk oper haya
    tahr hts al nusr jabh isla isis isil daes dais is sdf ypg ypj kurd pkk peop pro assa saa
    loya hezb tige iran shab nati ndf free fsa rebe insu oppo jais ahra fayl arme mosc
    sarg mili
    """
)
TARGET_TRIGGERS = _words(
    """
    bloo hosp fiel mate medi heal clin scho kind mark souk baza mosq chur head hq comm civi
    bake resi apar home hous idp refu disp camp aid conv chec mili air base barr airp airb airf
    brid wate powe elec gas oil pris jail posi post vehi car cars bus buse truc
    """
)
KILL_ACTIVE_TRIGGERS = _words(
    "kill clai mass exec shot shoo gunn slau took taki left leav assa behe coun foun reco retr"
    " pull disc unea mart elim liqu"
)
TOLL_TRIGGERS = _words("deat casu civi fata toll numb best kill dead")
DEATHS_OF_TRIGGERS = _words("deat kill murd bodi body rema mart exec mass dead vict fata")
INJURE_ACTIVE_TRIGGERS = _words("inju woun maim")
PLACE_CUE_TRIGGERS = _words(
    """
    in at on near outside around inside across into toward towards targeting targeted hit
    hitting struck striking pounded pounding shelled bombed bombarded attacked attacking raided
    stormed storming captured capturing capture seized seize recaptured retake retook besieged
    besieging over throughout through within residents people inhabitants villagers control took
    overran drove driven ousted location shelling bombardment bombardments bombing bombings
    strike strikes airstrike airstrikes raid raids attack attacks assault assaults offensive
    siege barrage liberation
    """
)
FEATURE_BEFORE_TRIGGERS = _words(
    """
    town village city hamlet neighbourhood neighborhood suburb suburbs municipality camp
    outskirts district subdistrict sub province governorate countryside region area stronghold
    bastion enclave border capital desert vicinity surroundings environs edge edges outskirt
    towns villages cities neighbourhoods neighborhoods districts areas camps
    part parts sector sectors side half port heart centre center
    north south east west northeast northwest southeast southwest
    """
)
FEATURE_AFTER_TRIGGERS = _words(
    """
    province governorate countryside district area region city town village neighbourhood
    neighborhood suburb suburbs subdistrict airbase air airport airfield crossing border dam
    prison military
    """
)
CASUALTY_TRIGGERS = _words(
    """
    kill dead died die dies deat slai peri mart toll fata inju woun hurt maim live mass exec drow
    best
    shot gunn slau bodi body assa behe fell elim liqu
    """
)
NEGATION_TRIGGERS = _words(
    "not n t never no nobody none denied deny denies without false fake rumor rumors rumour "
    "rumours refuted failed"
)
STRIKE_TRIGGERS = _words(
    "hit hits struck strike strikes targeted targeting pounded pounding bombed shelled raided "
    "attacked stormed exploded rained slammed"
)
DATE_TRIGGERS = _words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays yesterday
    today tonight morning afternoon evening night overnight
    """
)


# --------------------------------------------------------------------------------------------
# Developments: conflict events with no violence told (ACLED's "strategic developments" and
# "protests", and the humanitarian events OCHA reports), placed but never counted.
#: Category -> words that tell it (lowercased text).
DEVELOPMENT_CUES: dict[str, re.Pattern[str]] = {
    # The event, not people described by it ("displaced families from X", "who had fled"),
    # and people fleeing, not attackers who fled.
    "displacement": _lc(
        r"\b(?:(?:have|has|were|was|been|being)\s+(?:newly\s+)?displaced|displacement\s+of"
        r"|exodus|uprooted|evacuat(?:ed|ion|ions))\b"
        # "have helped evacuate some 1,150 people from the Old City of Homs"
        r"|\b(?:helped|began|begun|started|continued)\s+(?:to\s+)?evacuate\b"
        r"|\b(?:people|families|residents|civilians|idps|villagers|thousands|hundreds"
        r"|inhabitants|refugees|women|children)\b[^.;]{0,60}?\b(?<!had\s)(?:fled|flee|flees"
        r"|fleeing|(?<=(?<!who\s)have\s)left|(?<=(?<!who\s)has\s)left)\b"
    ),
    # People coming home, not "electricity returned to the city".
    "return": _lc(
        r"\breturnees\b|\b(?:refugees|displaced|families|residents|people|civilians|idps"
        r"|villagers|thousands|hundreds|inhabitants)\b[^.;]{0,60}?\b(?:returned|returning"
        r"|return)\s+(?:home\s+)?(?:to|from)\b"
    ),
    "aid": _lc(
        r"\b(?:aid|relief|humanitarian|food|medical)\s+(?:convoys?|trucks?|deliver(?:y|ies)"
        r"|supplies|shipments?|distributions?)\b|\bconvoys?\s+(?:of\s+)?(?:aid|food|relief)\b"
        r"|\bconvoys?\s+(?:[\w.]+\s+){0,4}?(?:delivered|carrying|reached|entered|arrived"
        r"|crossed)\b"
        # "42 trucks loaded with humanitarian aid crossed into Idlib"
        r"|\btrucks?\s+(?:loaded\s+with|carrying)\s+(?:[\w-]+\s+){0,2}?(?:aid|relief|food"
        r"|medicines?|flour)\b"
        # "The United Nations delivered food and hygiene supplies to ... Rukban"
        r"|\bdeliver(?:ed|ing)\s+(?:[\w-]+\s+){0,3}?(?:aid|relief|food|medicines?|medical"
        r"|supplies|assistance)\b"
    ),
    "protest": _lc(
        r"\b(?:protest(?:s|ers|ed)?|demonstrat(?:ed|ing|ion|ions|ors)|rall(?:y|ies|ied)"
        r"|sit-in)\b"
    ),
    "arrest": _lc(
        r"\b(?:arrest(?:s|ed|ing)?|detained|detaining|detention\s+campaign|abduct(?:ed|ion)"
        r"|kidnapp?ed)\b"
    ),
    "agreement": _lc(
        r"\b(?:ceasefire|cease-fire|truce|reconciliation\s+(?:deal|agreement)|surrender(?:ed)?"
        r"|evacuation\s+(?:deal|agreement)|prisoner\s+(?:exchange|swap)|handover)\b"
        # "Deal reached to evacuate rebels", "a deal had been agreed to evacuate fighters"
        r"|\b(?:deal|agreement)\s+(?:had\s+been\s+|has\s+been\s+|was\s+)?(?:reached|agreed"
        r"|struck|brokered|sealed)\b"
    ),
    # Control of a place changing hands with no fighting told: "rebels swept into
    # Damascus", "troops raised the national flag in Daraa", "declared victory in Raqqa".
    "territory": _lc(
        r"\b(?:took|taken|take|takes|taking|seized|seize|seizes|seizing|regained|regain"
        r"|retook|retake|wrested|assumed)\s+(?:full\s+|complete\s+|total\s+)?control\b"
        r"|\b(?:swept|sweep|sweeps|sweeping|rolled|rolls)\s+into\b"
        r"|\braised\s+(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}flags?\b"
        r"|\bdeclared\s+(?:\w+\s+)?victory\b|\bfell\s+to\b"
        r"|\bhand(?:ed|s|ing)?\s+(?:the\s+(?:\w+\s+){0,2})?over\s+(?:the\s+\w+\s+)?to\b"
        r"|\b(?:withdrew|withdrawn|withdraws|pulled\s+out)\s+from\b"
        # Syrian state media: "Army units restored security and stability to the villages of"
        r"|\brestored\s+(?:security|stability|control)(?:\s+and\s+(?:security|stability))?"
        r"\s+(?:to|in|over)\b"
    ),
}
#: Any development word (a cheap test before the categories).
DEVELOPMENT_CUE_RE = _lc(
    "|".join(f"(?:{rx.pattern})" for rx in DEVELOPMENT_CUES.values())
)
#: Words before a place that a development happened at, from or to ("fled Ras al-Ain",
#: "returned to Qusayr", "entered Douma").
DEVELOPMENT_PLACE_RE = re.compile(
    rf"\b(?P<cue>(?i:in|at|from|to|into|inside|near|around|outside|across|throughout|through"
    rf"|via|fled|flee|fleeing|left|leave|leaving|entered|entering|reached|reaching))\s+"
    rf"(?i:the\s+)?(?P<mods>(?i:{_MODS}))"
    rf"(?:(?P<feat>(?i:{_FEAT_BEFORE}))\s+of\s+(?i:the\s+)?(?P<mods2>{_MODS}))?"
    rf"(?P<name>{CAPSPAN})"
    rf"(?:\s+(?P<feat2>(?i:{_FEAT_AFTER}))\b)?"
)
