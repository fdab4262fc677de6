"""Casualty mentions in one sentence: the counts of dead and injured, and who they were.

:func:`_mentions` finds the counts of dead ("killed 21", "21 were killed", "the death toll
rose to 45", "among those slain") and of injured, with their qualifiers and victims
("including nine children"), each a :class:`_Mention`; counts in rhetoric, denials or mixed
tallies ("killed or wounded") are not used. :func:`_mask` blanks asides and quote marks
(offsets kept) before a sentence is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon as lx
from ._tokens import _scan, _Toks
from .numbers import COUNT_PATTERN, Count, parse_count

_ASIDE_RE = re.compile(
    r"\s[—–]\s[^—–\n]{1,160}?\s[—–](?=\s)|\s-\s(?=[A-Za-z])[^\n]{1,160}?\s-(?=\s)"
    r"|\([^()\n]{0,200}\)|\[[^\[\]\n]{0,200}\]"
)
_QUOTES_RE = re.compile(r"[“”\"«»]")

#: A quotation in single quote marks ("killing 'at least a dozen'"), not "Dar'a" or "Homs'".
_SINGLE_QUOTED_RE = re.compile(r"(?<![A-Za-z])['‘]([^'‘’\n]{1,80}?)['’](?![A-Za-z])")
_HASHTAG_RE = re.compile(r"#(\w[\w-]*)")
_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\b(?:which|that|who|while|but|whereas|after|before)\b")
_UNIT_AFTER_RE = re.compile(
    r"^\s*(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|percent|per\s+cent|%|days?|weeks?"
    r"|months?|years?|hours?|minutes?|times|tons?|tonnes?"
    # animals: "Dozens of sheep were also killed"
    r"|(?:of\s+(?:the\s+|their\s+|his\s+)?)?(?:[a-z]+\s+)?(?:sheep|goats?|cows?|cattle|livestock"
    r"|camels?|horses?|donkeys?|mules?|animals|dogs|chickens|poultry|birds|heads?\s+of))\b",
    re.I,
)
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")

_DEMONYMS = frozenset(
    """
    syrian russian turkish iranian iraqi israeli american kurdish arab lebanese jordanian
    saudi qatari western european british french german chinese afghan palestinian islamic
    shia shiite sunni alawite druze christian assyrian armenian circassian emirati egyptian
    """.split()
)

#: How far back a clause may start (characters).
_CLAUSE_REACH = 160

_BREAKDOWN_WORDS = ("includ", "among", "whom", "mostly", "most of", "of them")
_OF_THEM_RE = re.compile(
    rf"[^.;]{{0,40}}?(?<![\w-])(?P<num>{COUNT_PATTERN})\s+of\s+(?:them|whom)\s+(?:were\s+)?"
    r"(?P<vict>children|women|rescuers|civilians|fighters|soldiers|minors|girls|boys"
    r"|volunteers|paramedics)\b"
)

#: Victims named between commas as some of those just counted: ", a woman and her three
#: children among them,".
_AMONG_THEM_AFTER_RE = re.compile(r",\s+[^,;.()]{1,60}?\s+among\s+(?:them|the\s+dead)(?=\s*[,;.])")
#: A count right after "including": a part of the count before it.
_INCLUDING_BEFORE_RE = re.compile(r"\b(?:including|among\s+them|of\s+whom)\s+$", re.I)
#: An "including" list of counts whose last item follows: "including 18 children and seven
#: women, and ".
_INCLUDING_LIST_END_RE = re.compile(
    r"\bincluding\s+(?:\d+|[a-z]+)\s+[^.;:]{0,80}?,\s+and\s+$", re.I
)
#: "five more", "three others": more dead, not a part.
_MORE_AFTER_RE = re.compile(r"\s*(?:more|others|other|another|further|additional)\b", re.I)

#: The bounds given with a best estimate: "(low 10, high 15)".
_LOW_HIGH_RE = re.compile(r"\s*\(\s*low\s+(\d+)\s*[,;]\s*high\s+(\d+)\s*\)", re.I)
#: A toll that grew: an update of the count before it, not another source's figure.
_RISE_RE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|jumped|mounted|reached|surpassed"
    r"|passed|exceeded|raising|raised|bringing|brought|now|new|updated|final)\b"
)

#: A source raising its own toll, just before the toll phrase: a rise, not another figure.
_RAISED_TOLL_RE = re.compile(
    # "..., raising the toll to seven", "bringing the death toll to 45"
    r"\b(?:raised|raising|bringing|brought|pushing|pushed|revised\s+up|updated|increased)\s+"
    r"(?:its|their|the|his|her)\s*(?:death\s+)?$",
    re.I,
)

#: "seven of them", "about 50 of the dead": a part of dead already counted.
_SUBSET_AFTER_RE = re.compile(
    r"\s+of\s+(?:them|whom|those(?:\s+killed)?|the\s+(?:dead|victims|killed|fatalities"
    r"|casualties|bodies|wounded|injured"
    # "eight of the civilians were killed in Ras al-Ain": some of those counted before
    # (not "two of the militants were killed": often the attackers, not those counted)
    r"|civilians|children|women|people))\b",
    re.I,
)
#: Verbs that count the dead only when what they count is bodies.
_BODY_VERBS = ("count", "found", "recover", "retriev", "pulled", "discover", "unearth")
_BODIES_RE = re.compile(r"\b(?:bodies|corpses|dead)$")
#: Words that open a breakdown of the dead just counted.
_AMONG_RE = re.compile(r"\b(?:among\s+them|among\s+whom|of\s+whom)\b")
#: Verbs of military statements that count the dead only when what they count is people.
_ELIMINATE_VERBS = ("eliminat", "liquidat")
#: A verb right after an item of a list of victims: the item is the subject of a clause of
#: its own ("..., and 11 civilians were killed"), not one more victim of the verb before.
_OWN_VERB_RE = re.compile(
    r"\s+(?:were|was|are|is|have|has|had|died|perished|remain|remained|lost|also|later)\b", re.I
)
#: "... and around fifteen in Kafr Nabl": a further count of dead with its own place.
_ELLIPTIC_RE = re.compile(
    # ("4,500" is one number: after a digit the comma needs a space to start a list)
    rf"[^.;]{{0,160}}?(?:(?<!\d),\s*(?:and\s+)?|,\s+(?:and\s+)?|\s+and\s+|;\s*"
    # "143 martyrs today: 53 in Homs, 40 in Idlib, ...": the total's breakdown
    rf"|(?P<colon>:\s*))"
    rf"(?P<num>{COUNT_PATTERN})"
    # "... and eight fighters of the Syrian Democratic Forces near Tal Abyad"
    # "... and 50 al Qaeda-linked Nusra Front fighters in the west of Aleppo province"
    rf"\s+(?:(?:more|others?|(?:[\w'’-]+\s+){{0,4}}?(?:{lx._PLURAL_VICTIMS}))"
    rf"(?:\s+of\s+(?:the\s+)?[\w'’-]+"
    r"(?:\s+[\w'’-]+){0,4}?)?\s+)?(?=(?:in|at|near|on)\s+(?:the\s+)?[a-z])"
)
#: How far after a count its colon may stand ("143 martyrs today:").
_COLON_REACH = 24
#: The victims named right after a count ("12 rebels", "12 members of the SDF").
_FIELD_VICTIMS_RE = re.compile(rf"\s+(?:[\w'’-]+\s+){{0,2}}?(?:{lx._PLURAL_VICTIMS})\b", re.I)
#: The other dead told after a passive count's verb and place: "..., along with 20 IS fighters".
_ALONG_WITH_RE = re.compile(
    rf"[^.;]{{0,120}}?,?\s+(?:along\s+with|together\s+with|as\s+well\s+as)\s+"
    rf"(?P<num>{COUNT_PATTERN})\s+(?P<vict>(?:[\w'’-]+\s+){{0,2}}?(?:{lx._PLURAL_VICTIMS}))\b",
    re.I,
)


@dataclass(slots=True)
class _Mention:
    kind: str  # "killed" or "injured"
    start: int
    end: int
    verb: int
    count: Count
    victims: tuple[str, ...] = ()
    children: int | None = None
    women: int | None = None
    rescuers: int | None = None
    cumulative: bool = False
    toll: bool = False
    #: Part of dead counted before ("seven of them", "five children were among the dead").
    subset: bool = False
    #: A toll that rose ("rose to 20"), not another source's figure ("gave a toll of 20").
    rise: bool = True


def _bracket_governorate(inner: str) -> str | None:
    """The governorate a bracket after a place names, as written: the last of its names
    ("al-Hol (Al-Hasakeh)", "Ithriyah (Salamiyeh, Hama)"); None when that is no
    governorate."""
    last = inner.split(",")[-1].strip()
    return last if last.lower() in lx.GOVERNORATE_NAMES else None


def _mask(text: str) -> str:
    """Blank out asides ("— names —", "(...)") and quote marks, keeping offsets."""

    def blank(m: re.Match[str]) -> str:
        g = m.group()
        if g[0] == "(" and _bracket_governorate(g[1:-1]) is not None:
            # "Mayadin (Deir-ez-Zor)", "Ithriyah (Salamiyeh, Hama)": the governorate of the
            # place before it
            return g
        if _LOW_HIGH_RE.match(g):
            return g  # "Deaths: best estimate 12 (low 10, high 15)"
        return " " * len(g)

    if "—" in text or "–" in text or "(" in text or "[" in text or " - " in text:
        text = _ASIDE_RE.sub(blank, text)
    if "#" in text:  # "#Busra_al-Sham" is the place Busra al-Sham
        text = _HASHTAG_RE.sub(lambda m: " " + m.group(1).replace("_", " "), text)
    if "'" in text or "‘" in text:
        text = _SINGLE_QUOTED_RE.sub(lambda m: f" {m.group(1)} ", text)
    return _QUOTES_RE.sub(" ", text)


def _count_of(m: re.Match[str]) -> Count | None:
    if m.group("one"):
        return Count(1, 1, 1)
    raw = m.group("num") or m.group("family")
    if raw is None:
        return None
    return parse_count(raw)


def _the_item(m: re.Match[str]) -> bool:
    """True for an item "the <person>" ("the police chief"): a speaker or a subject, never
    one more item of a list of victims."""
    return (m.group("one") or "").lower() == "the"


def _eliminated_people(vict: str | None) -> bool:
    """Whether what a military statement says it eliminated is people ("30 militants"), not
    things or things of people ("5 positions of the militants")."""
    if not vict:
        return False
    return " of " not in vict.lower() and _victim_class(vict) is not None


@lru_cache(maxsize=4096)
def _victim_class(text: str | None) -> str | None:
    if not text:
        return None
    t = " ".join(text.lower().split())
    for key in ("white helmets", "civil defence", "civil defense", "rescue workers"):
        if key in t:
            return "rescuers"
    last = t.split(" ")[-1]
    return lx.VICTIM_CLASSES.get(last)


@lru_cache(maxsize=4096)  # asked again for the same count by several rules
def _clause_start(text: str, pos: int) -> int:
    """Start of the clause that holds ``pos`` (after the last comma, "which", "that"...)."""
    lo = max(0, pos - _CLAUSE_REACH)
    start = lo
    for m in _CLAUSE_BREAK_RE.finditer(text, lo, pos):
        start = m.end()
    return start


def _breakdown(text: str, end: int, mention: _Mention) -> None:
    """Read "including nine children and three women" after a count of dead."""
    window = text[end : end + 60]
    if not any(w in window for w in _BREAKDOWN_WORDS):
        return
    of_them = _OF_THEM_RE.match(text, end)
    if of_them is not None:  # "12 people were killed, 5 of them children"
        items = [(parse_count(of_them.group("num")), of_them.group("vict"))]
    else:
        m = lx.BREAKDOWN_RE.match(text, end)
        if not m:
            return
        items = []
        pos = m.end()
        for _ in range(6):
            item = lx.BREAKDOWN_ITEM_RE.match(text, pos)
            if not item or _the_item(item):
                break
            items.append((_count_of(item), item.group("vict") or item.group("vict1")))
            pos = item.end()
    for count, vict in items:
        cls = _victim_class(vict)
        if count is None or count.best is None or cls is None:
            break
        if cls == "children":
            mention.children = (mention.children or 0) + count.best
        elif cls == "women":
            mention.women = (mention.women or 0) + count.best
        elif cls == "rescuers":
            mention.rescuers = (mention.rescuers or 0) + count.best
        if cls not in mention.victims and cls != "others":
            mention.victims = (*mention.victims, cls)


_ONE = Count(1, 1, 1)


def _plus(a: Count, b: Count, *, vague: bool = False) -> Count:
    """Two counts of dead added up: bounds only where both give them."""
    return Count(
        None if a.low is None or b.low is None else a.low + b.low,
        None if a.best is None or b.best is None else a.best + b.best,
        None if a.high is None or b.high is None else a.high + b.high,
        vague,
    )


_KIN_CHILDREN = frozenset({"child", "children", "baby", "infant", "grandchild", "grandchildren"})


#: Victims named as a group whose members a list after a comma may name ("three people, a
#: woman and her two sons").
_COLLECTIVE_RE = re.compile(
    r"\b(?:people|persons|civilians|members|relatives|residents|villagers|individuals"
    r"|family)\b",
    re.I,
)


def _add_kin(mention: _Mention, kin: re.Match[str]) -> None:
    """Add the relatives killed with a victim ("and his wife": one more; "and her three
    children": three more, children). A plural with no number adds nothing (unknown)."""
    word = kin.group("kin")
    if kin.group("kinnum"):
        more = parse_count(kin.group("kinnum"))
        n = more.best if more is not None else None
    else:
        n = None if word.endswith("s") or word in ("children", "grandchildren") else 1
    c = mention.count
    if not n or c.best is None:
        return
    mention.count = _plus(c, Count(n, n, n))
    if word in _KIN_CHILDREN:
        mention.children = (mention.children or 0) + n
        if "children" not in mention.victims:
            mention.victims = (*mention.victims, "children")


#: A report denied just before the clause of a count: "denied reports circulated on social
#: media that ...", "dismissed claims that ...".
_DENIED_REPORT_RE = re.compile(
    r"\b(?:denied|deny|denies|denying|dismissed|refuted|rejected)\s+(?:the\s+|these\s+)?"
    r"(?:[\w-]+\s+)?(?:reports?|claims?|rumou?rs?|allegations?|accounts?)\b[^.;]{0,70}$",
    re.I,
)


_DENIED_WORDS = ("deni", "deny", "dismissed", "refuted", "rejected")
#: Characters that ``re.IGNORECASE`` matches to an ASCII letter though they are not ASCII
#: (dotted and dotless i, long s, the Kelvin sign).
_ASCII_FOLDS_RE = re.compile("[\u0130\u0131\u017f\u212a]")


def _lacks(text: str, words: tuple[str, ...], *, end: bool = False) -> bool:
    """True when ``text`` holds none of ``words`` (lowercase ASCII; with ``end``, does not
    end with one before trailing whitespace), in any case, as ``re.IGNORECASE`` compares:
    a cheap proof that a pattern needing one of them there cannot match in ``text``."""
    low = text.lower()
    if end:
        if low.rstrip().endswith(words):
            return False
    else:
        for w in words:
            if w in low:
                return False
    return text.isascii() or _ASCII_FOLDS_RE.search(text) is None


#: "one of the deadliest attacks since ...": a count of attacks, not of dead.
_OF_SUPERLATIVE_RE = re.compile(
    r"\s+of\s+the\s+(?:deadliest|worst|bloodiest|biggest|largest|heaviest|most\s+(?!of\b)\w+)\b"
)


def _usable(masked: str, m: re.Match[str], count: Count | None, verb_pos: int) -> bool:
    if count is None:
        return False
    for name in ("num", "one"):
        if name in m.re.groupindex and m.group(name):
            if _OF_SUPERLATIVE_RE.match(masked, m.end(name)):
                return False
            break
    num = m.group("num") if "num" in m.re.groupindex else None
    vict = None
    for name in ("vict", "vict1"):
        if name in m.re.groupindex and m.group(name):
            vict = m.group(name)
    if num is not None and m.group("num"):
        after = masked[m.end("num") :]
        if _UNIT_AFTER_RE.match(after):
            return False
        if _YEAR_RE.match(num.strip()) and not vict:
            return False
    if count.best is not None and count.best >= lx.MAX_INCIDENT_KILLED:
        return False
    cstart = _clause_start(masked, min(m.start(), verb_pos))
    clause = masked[cstart : m.end()]
    if lx.NEGATION_RE.search(clause):
        return False
    before = masked[max(0, cstart - 100) : cstart]
    if not _lacks(before, _DENIED_WORDS) and _DENIED_REPORT_RE.search(
        masked, max(0, cstart - 100), cstart
    ):
        return False  # "denied reports ... that 20 people had been killed"
    window = masked[max(0, min(m.start(), verb_pos) - 80) : m.end()]
    return not lx.RHETORIC_RE.search(window)


def _add_list_before(
    masked: str, start: int, mention: _Mention, overlaps: Callable[[int, int], bool]
) -> None:
    """Add "18 soldiers and" to "11 rebels were killed" (one list of victims)."""
    for _ in range(6):  # "five children, three women and two men were killed"
        pm = lx.LIST_BEFORE_RE.search(masked, max(0, start - 120), start)
        if pm is None or not (pm.group("vict") or pm.group("vict1")):
            return
        if _the_item(pm):
            return
        first = next(g for g in ("num", "one", "family") if pm.group(g))
        if overlaps(pm.start(first), pm.end()):
            return
        more = _count_of(pm)
        total = mention.count
        if more is None or more.best is None or total.best is None:
            return
        mention.count = _plus(total, more)
        _add_victims(mention, pm.group("vict") or pm.group("vict1"), more.best, first=True)
        start = mention.start = pm.start(first)


def _add_victims(mention: _Mention, vict: str | None, n: int, *, first: bool = False) -> None:
    """Record the class of one more item of a list of victims ("and three women")."""
    cls = _victim_class(vict)
    if cls and cls not in mention.victims and cls != "others":
        mention.victims = (cls, *mention.victims) if first else (*mention.victims, cls)
    if cls in ("children", "women", "rescuers"):
        setattr(mention, cls, (getattr(mention, cls) or 0) + n)


#: A named person before "and N others", at the head of a clause: "Hezbollah said Jihad
#: Mughniyeh and five others were killed".
_NAMED_AND_RE = re.compile(
    r"(?:^|\b(?:said|says|that|confirmed)\s+|,\s+)(?P<name>[A-Z][\w'’.-]+\s+"
    r"(?:(?:[A-Z]|al-|el-|bin\s|ibn\s)[\w'’.-]*\s+){0,4})and\s+$"
)


def _mentions(masked: str, toks: _Toks, cased: str = "") -> list[_Mention]:
    """Every usable count of dead and injured in one (masked, lowercased) sentence;
    ``cased`` is the same sentence before lowercasing, offset for offset."""
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in taken)

    def add(kind: str, m: re.Match[str], verb: int, *, active: bool) -> None:
        count = _count_of(m)
        if not _usable(masked, m, count, verb):
            return
        assert count is not None
        first = next(g for g in ("num", "one", "family") if m.group(g))
        span = (m.start(first), m.end())
        if overlaps(*span):
            return
        vict_text = m.group("vict") or m.group("vict1")
        start = m.start()
        if kind == "killed" and not active and vict_text and vict_text.lower() == "others":
            named = _NAMED_AND_RE.search(cased, max(0, start - 60), start) if cased else None
            if named is not None and count.best is not None:
                # "Jihad Mughniyeh and five others were killed": the named man is one more.
                count = _plus(count, _ONE, vague=count.vague)
                start = named.start("name")
        mention = _Mention(kind, start, m.end(), verb, count)
        if kind == "killed":
            mention.subset = bool(
                (m.group("num") and _SUBSET_AFTER_RE.match(masked, m.end("num")))
                or (not active and m.group("verb").lower().startswith(("were among", "among")))
                # "85 were killed ..., including dozens shot dead in raids"
                or (
                    _INCLUDING_BEFORE_RE.search(masked, max(0, start - 14), start) is not None
                    and any(x.kind == "killed" and x.start < start for x in out)
                )
                # the last item of such a list: "including 18 children and seven women (adult
                # female), and four deaths due to torture"
                or (
                    "including" in masked[max(0, start - 120) : start]
                    and _INCLUDING_LIST_END_RE.search(masked, max(0, start - 120), start)
                    is not None
                    and not _MORE_AFTER_RE.match(masked, m.end("num") if m.group("num") else start)
                )
            )
        cls = _victim_class(vict_text)
        if cls and cls != "others":
            mention.victims = (cls,)
            if kind == "killed" and count.best is not None:
                if cls == "children":
                    mention.children = count.best
                elif cls == "women":
                    mention.women = count.best
                elif cls == "rescuers":
                    mention.rescuers = count.best
        # "killed five civilians, a woman and her three children among them": the items
        # between the commas name some of the five, they add none
        among = kind == "killed" and active and _AMONG_THEM_AFTER_RE.match(masked, m.end())
        if among:
            mention.end = among.end()
        if kind == "killed" and active and not among:
            # "killing 5 soldiers and 3 rebels": a list of victims adds up.
            pos = m.end()
            total = count
            while vict_text:
                cont = lx.LIST_CONT_RE.match(masked, pos)
                if not cont or not (cont.group("vict") or cont.group("vict1")):
                    break
                if lx.SPEAKER_AFTER_RE.match(masked, cont.end()) or _AND_SPEAKERS_RE.match(
                    masked, cont.end()
                ):
                    # "killed 31 people, the police chief said", "killing 14 people, a
                    # doctor and local residents said": speakers
                    break
                if _the_item(cont) and not (
                    # "killing four children and the driver": the last item of the list
                    cont.group().lstrip().startswith("and")
                    and not lx.LIST_CONT_RE.match(masked, cont.end())
                    and not _OWN_VERB_RE.match(masked, cont.end())
                ):
                    # "the defence minister" after a comma is a speaker or an apposition,
                    # unless a last item follows it: "killing X's brother-in-law, the defence
                    # minister and a senior general"
                    last = lx.LIST_CONT_RE.match(masked, cont.end())
                    if (
                        last is None
                        or not last.group().lstrip().startswith("and")
                        or lx.SPEAKER_AFTER_RE.match(masked, last.end())
                    ):
                        break
                if cont.group("num") and _SUBSET_AFTER_RE.match(masked, cont.end("num")):
                    break  # "killing three men, two of whom were ...": a part, not more
                if (
                    pos == m.end()
                    and m.group("one")
                    and cont.group("one")
                    and cont.group().lstrip().startswith(",")
                    and not lx.LIST_CONT_RE.match(masked, cont.end())
                ):
                    break  # "killing its driver, a local man": the same one
                if _OWN_VERB_RE.match(masked, cont.end()):
                    break  # "killed 18 fighters, and 11 civilians were killed": a new clause
                more = _count_of(cont)
                if more is None or more.best is None or total.best is None:
                    break
                total = _plus(total, more)
                _add_victims(mention, cont.group("vict") or cont.group("vict1"), more.best)
                pos = cont.end()
            mention.count = total
            mention.end = pos
        elif kind == "killed" and vict_text and (m.group("num") or m.group("one")):
            _add_list_before(masked, m.start(), mention, overlaps)
        if kind == "killed" and not among:
            # "killing a man and his wife", "a woman and her two sons were killed".
            kin_at = mention.end if active else (m.start("kinpart") if m.group("kinpart") else -1)
            named = _APPOSED_NAME_RE.match(cased, kin_at) if cased and kin_at >= 0 else None
            if named is not None:
                kin_at = named.end()  # "killed a nine-year-old girl, Maria, and her grandmother"
            kin = lx.KIN_CONT_RE.match(masked, kin_at) if kin_at >= 0 else None
            if kin is not None:
                _add_kin(mention, kin)
                if active:
                    mention.end = kin.end()
            if (
                active
                and count.best
                and mention.count.best == 2 * count.best
                and masked.startswith(",", m.end())
                and _COLLECTIVE_RE.search(vict_text or "")
            ):
                # "three members of one family, a father and his two sons": the list after the
                # comma names the three, it adds none.
                mention.count = count
                mention.children = count.best if cls == "children" else None
        if kind == "killed":
            after = (
                m.end("vict") if m.group("vict") else m.end("num") if m.group("num") else m.end()
            )
            _breakdown(masked, mention.end if active else after, mention)
        taken.append(span)
        out.append(mention)

    def elliptic(pos: int) -> None:
        """ "killed 5 people in X and 3 in Y": further counts of dead with their own place."""
        subset = bool(out) and out[-1].subset  # "Seven of them in X, and five others in Y"
        first = pos
        for n in range(8):
            e = _ELLIPTIC_RE.match(masked, pos)
            if e is None or overlaps(e.start("num"), e.end("num")):
                break
            if not subset and _AMONG_RE.search(masked, first, e.start("num")):
                subset = True  # "19 were killed ..., among them six in X and four in Y"
            if e.group("colon"):
                if n or e.start("colon") - pos > _COLON_REACH:
                    break
                subset = True  # the list after a count's colon breaks it down
            count = parse_count(e.group("num"))
            if count is None or count.best is None:
                break
            out.append(
                _Mention(
                    "killed", e.start("num"), e.end("num"), e.start("num"), count, subset=subset
                )
            )
            taken.append((e.start("num"), e.end("num")))
            pos = e.end()

    def field_list(mention: _Mention, pos: int) -> None:
        """An event note's deaths field listing the dead by side: "Deaths: 12 rebels and 7
        soldiers" is 19."""
        v = _FIELD_VICTIMS_RE.match(masked, pos)
        if v is None:
            return
        pos = v.end()
        for _ in range(4):
            cont = lx.LIST_CONT_RE.match(masked, pos)
            if cont is None:
                break
            if cont.group("num"):
                more = parse_count(cont.group("num"))
                if not cont.group("vict") and (more is None or more.best != 1):
                    break  # a bare number is no item of the list; "1 soldier" is
            elif cont.group("one") and cont.group("vict1"):
                more = Count(1, 1, 1)  # "... and 1 soldier"
            else:
                break
            if more is None or more.best is None or mention.count.best is None:
                break
            mention.count = _plus(mention.count, more)
            taken.append((cont.start(), cont.end()))
            pos = mention.end = cont.end()

    def along_with(mention: _Mention, pos: int) -> None:
        """ "30 soldiers were killed in the assault on X, along with 20 IS fighters": the
        dead of the other side, told after the verb, add to the count."""
        if "along" not in masked and "together" not in masked and "as well" not in masked:
            return
        a = _ALONG_WITH_RE.match(masked, pos)
        if a is None or overlaps(a.start("num"), a.end("num")):
            return
        more = parse_count(a.group("num"))
        if more is None or more.best is None or mention.count.best is None:
            return
        mention.count = _plus(mention.count, more)
        _add_victims(mention, a.group("vict"), more.best)
        taken.append((a.start("num"), a.end("num")))
        mention.end = a.end()

    if not toks.has("casualty"):
        return out
    for m in _scan(lx.TOLL_RE, "toll", toks, masked):
        count = parse_count(m.group("num"))
        if count is None or not _usable_toll(masked, m, count) or count.best == 0:
            continue  # "Fatalities: 0" gives no count of dead
        bounds = _LOW_HIGH_RE.match(masked, m.end())
        if bounds is not None and count.best is not None:
            lo, hi = int(bounds.group(1)), int(bounds.group(2))
            if lo <= count.best <= hi:
                count = Count(lo, count.best, hi, count.vague)
        mention = _Mention("killed", m.start(), m.end(), m.start(), count, toll=True)
        # A rise updates the count; so does an event note's field ("Fatalities: 3"), the
        # coder's own figure. Any other toll phrase is another source's figure.
        mention.rise = (
            _RISE_RE.search(masked, m.start(), m.start("num")) is not None
            # "the Observatory had raised its toll to 72"
            or _RAISED_TOLL_RE.search(masked, max(0, m.start() - 30), m.start()) is not None
            or ":" in masked[m.start() : m.start("num")]
            or "=" in masked[m.start() : m.start("num")]
        )
        mention.cumulative = bool(lx.CUMULATIVE_RE.search(masked[m.start() : m.end()]))
        taken.append((m.start("num"), m.end("num")))
        if ":" in masked[m.start() : m.start("num")]:
            field_list(mention, m.end())  # "Deaths: 12 rebels and 7 soldiers"
        out.append(mention)
    for m in _scan(lx.KILL_ACTIVE_RE, "kill", toks, masked):
        verb = m.group("verb").lower()
        if verb.startswith(("left", "leaving")) or verb in ("shot", "shooting"):
            vict = (m.group("vict") or "").lower()
            if not vict.endswith("dead") and not lx.LEFT_DEAD_RE.match(masked, m.end()):
                continue
        if verb.startswith(_BODY_VERBS) and not _BODIES_RE.search(m.group("vict") or ""):
            continue  # "found 3 weapons" is no count of dead; "found 12 bodies" is
        if verb.startswith(_ELIMINATE_VERBS) and not _eliminated_people(m.group("vict")):
            continue  # "eliminated 146 facilities" is no count of dead; "30 militants" is
        if verb.startswith("claim") and "lives" not in verb:
            if not (m.group("vict") or "").lower().endswith("lives"):
                continue  # "claimed 3 attacks" is not a toll; "claimed 12 lives" is
        add("killed", m, m.start("verb"), active=True)
        elliptic(out[-1].end if out and out[-1].start == m.start() else m.end())
    for m in _scan(lx.KILL_PASSIVE_RE, "number_k", toks, masked):
        if m.group("verb").startswith(_ELIMINATE_VERBS) and not _eliminated_people(
            m.group("vict") or m.group("vict1")
        ):
            continue  # "40 facilities were eliminated"
        if m.group("verb").startswith(_BODY_VERBS) and not _BODIES_RE.search(
            m.group("vict") or ""
        ):
            continue
        vpos = m.start("verb")
        if m.group("vict") and not masked[m.end("vict") : vpos].strip() and any(
            x.kind == "killed" and x.verb == vpos for x in out
        ):
            continue  # "Two gunmen killed five people": the two are the killers
        n = len(out)
        add("killed", m, vpos, active=False)
        if len(out) > n:  # "7 were killed in X and 4 in Y"
            along_with(out[-1], m.end())
            elliptic(m.end())
    for m in _scan(lx.DEATHS_OF_RE, "deaths_of", toks, masked):
        if m.group("included") and not m.group("num"):
            continue  # "the dead included an Iranian expert": who, not how many
        n = len(out)
        add("killed", m, m.start(), active=True)
        if m.group("included") and len(out) > n:
            out[-1].subset = True  # who the dead were: a part of any count told before
    for m in _scan(lx.INJURE_ACTIVE_RE, "injure", toks, masked):
        add("injured", m, m.start(), active=True)
    for m in _scan(lx.INJURE_PASSIVE_RE, "number_i", toks, masked):
        add("injured", m, m.end(), active=False)
    if cased and not any(x.kind == "killed" for x in out):
        named = _named_dead(cased)
        if named is not None and not overlaps(named.start, named.end):
            out.append(named)
            # "Hilal al-Assad has been killed in the Kessab clashes along with seven other
            # NDF members": the others add to the named
            along_with(named, named.end)
    out.sort(key=lambda x: x.start)
    return out


#: A victim's name between commas: "a nine-year-old girl, Maria, and her grandmother".
_APPOSED_NAME_RE = re.compile(r",\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2},(?=\s)")
#: More speakers joined to an item after a count: "..., a doctor and local residents said".
_AND_SPEAKERS_RE = re.compile(
    r"\s+and\s+(?:[\w-]+\s+){0,3}?(?:said|say|says|told|reported|reports)\b", re.I
)
_PLACE_PREPS = r"(?:in|on|at|near|from|to|into|around|across|outside|inside|by|along|off|over)"
_NAME_WORD = r"(?:[A-Z][\w'’-]+|(?:al|el|bin|ibn|abu|Abu|Al|Bin)[-\s][A-Z][\w'’-]+)"
#: A person's name: two to five capitalised words ("Ahmad Khalid al-Zoubi").
_PERSON = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"
_TITLE_WORDS = (
    r"(?:(?:former|deputy|defen[cs]e|interior|foreign|minister|general|colonel|brigadier"
    r"|commander|president|governor|sheikh|his|her|their)\s+){0,3}"
)
def _who_he_was(least: int, most: int) -> str:
    """A description of a person between commas, its first letter followed by ``least`` to
    ``most`` characters: ", an orthopaedic surgeon,", ", a cousin of the president,"."""
    return rf",\s+(?:a|an|the|his|her)\s+[a-z][^,.;]{{{least},{most}}},"


#: "gunmen shot dead Ahmad al-Zoubi", "killing Defence Minister Dawoud Rajha and Hassan
#: Turkmani": people named, one dead each.
_NAMED_KILL_RE = re.compile(
    r"\b(?P<verb>killing|killed|shot\s+dead|shooting\s+dead|assassinated|assassinating"
    r"|gunned\s+down|executed|executing"
    # "documented the death of Mohammad Khaled al-Ahmad, 31, ... due to torture"
    rf"|(?:death|killing|murder|assassination|execution)\s+of)\s+(?:on\s+[A-Z][a-z]+day\s+)?"
    # a few words before the name ("killing local commander ..."), but no preposition: "killed
    # in strikes on Khan Sheikhoun" names a place
    rf"(?:(?!{_PLACE_PREPS}\s)[a-z]+\s+){{0,3}}?"
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Brig|Maj|Capt|Lt)\.?\s+)?"
    rf"(?P<name>{_PERSON})"
    rf"(?P<more>(?:(?:,\s+|,?\s+and\s+){_TITLE_WORDS}{_PERSON}(?!['’]s)){{0,4}})"
    # "killed Dr. Ali Darwish, an orthopaedic surgeon, and a patient": one more, unnamed
    rf"(?:{_who_he_was(0, 60)})?"
    rf"(?P<plus>,?\s+and\s+(?:a|an|one|another|his|her)\s+(?:[a-z-]+\s+){{0,2}}?"
    rf"(?:{lx._SINGULAR_VICTIMS})\b)?"
)
#: "Ahmad al-Zoubi was shot dead"; "its volunteer Khaled Hamoud, 27, who was killed on
#: Tuesday": an age between commas and "who" may stand between the name and the verb.
_NAMED_KILLED_RE = re.compile(
    rf"(?P<name>{_PERSON})(?:,\s+(?:aged\s+)?\d{{1,2}},"
    # "Hilal al-Assad, a cousin of the president and head of the NDF in Latakia, has been
    # killed": who he was, between commas
    rf"|{_who_he_was(1, 100)})?(?P<who>,?\s+who)?"
    r"\s+(?:was|has\s+been|had\s+been)\s+(?P<verb>killed|shot\s+dead"
    r"|assassinated|gunned\s+down|executed)\b"
    # "Hassan Turkmani, who headed the crisis cell, also died of his wounds"
    rf"|(?P<name2>{_PERSON}),\s+who\s+[^,.;]{{1,80}},\s+(?:also\s+)?(?P<verb2>died\s+of\s+"
    r"(?:his|her)\s+(?:wounds|injuries)|(?:was|has\s+been)\s+(?:also\s+)?killed)\b"
)
#: A relative clause that dates its killing in the past: "Imad Mughniyeh, who was
#: assassinated in Damascus in 2008" is background to the news.
_PAST_IN_CLAUSE_RE = re.compile(
    r"[^.;]*?\b(?:(?:19|20)\d\d\b|last\s+(?:year|month)|(?:years|months)\s+ago|the\s+late\b)"
)
_NAMED_SPLIT_RE = re.compile(r",\s+|,?\s+and\s+")
#: One victim told by a pronoun after the verb: "..., killing him instantly".
_KILLING_HIM_RE = re.compile(
    r"\b(?:(?:killing|killed)\s+(?:him|her)|(?:shot|shooting)\s+(?:him|her)\s+dead)\b"
    r"(?!\s+(?:and|with|along)\b)"
)
#: After a name, a plural noun makes it a unit or a people, not a person ("Free Army fighters").
_GROUP_AFTER_RE = re.compile(rf"\s+(?:[a-z-]+\s+){{0,2}}?(?:{lx._PLURAL_VICTIMS})\b")


def _named_dead(cased: str) -> _Mention | None:
    """The dead a sentence names one by one, when it gives no number ("Gunmen shot dead Ahmad
    Khalid al-Zoubi, a former commander, in Tafas"): one each."""
    m = _NAMED_KILL_RE.search(cased) or _NAMED_KILLED_RE.search(cased)
    if m is None:
        him = _KILLING_HIM_RE.search(cased) if "him" in cased or "her" in cased else None
        if him is None:
            return None
        # "opened fire on a member of the SDF ..., killing him": one dead
        return _Mention("killed", him.start(), him.end(), him.start(), Count(1, 1, 1))
    groups = m.groupdict()
    name_group = "name2" if groups.get("name2") else "name"
    verb_group = "verb2" if groups.get("verb2") else "verb"
    name = m.group(name_group)
    if (groups.get("who") or groups.get("name2")) and _PAST_IN_CLAUSE_RE.match(cased, m.end()):
        return None
    first = name.split()[0].lower()
    if (
        first in _DEMONYMS
        or first in lx.NOT_PLACES
        or lx.ACTOR_RE.match(name) is not None
        or _GROUP_AFTER_RE.match(cased, m.end(name_group))
    ):
        return None
    more = groups.get("more") or ""
    n = 1 + len(_NAMED_SPLIT_RE.findall(more)) if more else 1
    if groups.get("plus"):
        n += 1
    verb = m.start(verb_group)
    return _Mention("killed", min(m.start(), verb), m.end(), verb, Count(n, n, n))


#: Between a toll word and its number, words that make the number count something else:
#: "the toll is expected to rise because of the number of people injured, estimated at 100".
_TOLL_GAP_OTHER_RE = re.compile(
    r"injur|wound|missing|displac|arrest|detain|expected\s+to|likely\s+to|could|may\s+rise"
    r"|to\s+rise|fate\s+of",
    re.I,
)


def _usable_toll(masked: str, m: re.Match[str], count: Count) -> bool:
    if count.best is not None and count.best >= lx.MAX_INCIDENT_KILLED:
        return False
    if _TOLL_GAP_OTHER_RE.search(masked, m.start(), m.start("num")):
        return False
    if _UNIT_AFTER_RE.match(masked[m.end("num") :]):
        return False
    clause = masked[_clause_start(masked, m.start()) : m.end()]
    return not lx.NEGATION_RE.search(clause)
