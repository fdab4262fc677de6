"""A deterministic synthetic corpus of Syrian-war news articles and event notes for benchmarks.

The corpus is built from ~50 incident sentence structures (active and passive voice, counts in
digits and words with qualifiers and ranges, victims, actors, weapons, targets, relative and
explicit dates, event-note and wire-copy styles) and ~30 filler structures (diplomacy,
displacement, quotations, numbers that count something other than deaths, negations), filled
with Syrian place names drawn from the embedded gazetteer. The same seed gives the same bytes.

It measures speed, not accuracy: the sentences are varied so that every code path of an
extractor (number words, place look-ups, date resolution, negation) is exercised at a realistic
mix, but they are not a gold standard.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

_ASCII_NAME = re.compile(r"[A-Za-z][A-Za-z']*(?:[ -][A-Za-z']+){0,3}")

ONES = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ACTORS = [
    "Russian warplanes",
    "Russian jets",
    "Syrian government helicopters",
    "regime forces",
    "pro-Assad forces",
    "government troops",
    "the US-led coalition",
    "coalition aircraft",
    "Turkish jets",
    "Turkish artillery",
    "Islamic State militants",
    "IS fighters",
    "the SDF",
    "Kurdish YPG fighters",
    "rebel groups",
    "Hayat Tahrir al-Sham fighters",
    "Iranian-backed militias",
    "Syrian army artillery",
    "unidentified warplanes",
    "government forces and their allies",
]
WEAPONS = [
    "air strikes",
    "airstrikes",
    "barrel bombs",
    "artillery shelling",
    "rocket fire",
    "mortar shells",
    "cluster munitions",
    "a car bomb",
    "a roadside bomb",
    "an IED",
    "a suicide bomber",
    "missile strikes",
    "a drone strike",
    "Grad rockets",
    "air raids",
    "a motorcycle bomb",
    "heavy shelling",
    "vacuum bombs",
]
TARGETS = [
    "a hospital",
    "a field hospital",
    "a school",
    "a market",
    "a crowded market",
    "a mosque",
    "a bakery",
    "a White Helmets centre",
    "a civil defence headquarters",
    "a displacement camp",
    "a water station",
    "a residential building",
    "a checkpoint",
    "a medical clinic",
    "the central blood bank",
    "a power plant",
    "a bus station",
    "a refugee camp",
]
VICTIMS = [
    "civilians",
    "people",
    "children",
    "fighters",
    "soldiers",
    "rebels",
    "militants",
    "members of the same family",
    "residents",
    "rescue workers",
    "pro-government troops",
]
SOURCES = [
    "the Syrian Observatory for Human Rights said",
    "activists said",
    "the White Helmets reported",
    "state news agency SANA said",
    "a local council official told reporters",
    "the UK-based monitor said",
    "medical sources said",
    "the Violations Documentation Center said",
    "opposition media reported",
    "a doctor at the hospital said",
    "the defence ministry said in a statement",
    "witnesses said",
]
QUALIFIERS = ["at least", "more than", "about", "nearly", "up to", "some", "around", ""]
VAGUE = ["dozens of", "scores of", "hundreds of", "a dozen", "several", "a number of"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
PEOPLE = [
    "the UN envoy",
    "the foreign minister",
    "a spokesman for the opposition",
    "the Kremlin",
    "the State Department",
    "a senior Western diplomat",
    "the Red Cross",
    "the World Food Programme",
    "Amnesty International",
    "Human Rights Watch",
]

INCIDENT_TEMPLATES = [
    "{actor_cap} struck {place} {date}, killing {n} {victims}, {source}.",
    "{n_cap} {victims} were killed and {m} wounded when {weapon} hit {target} in {place} {date}.",
    "{weapon_cap} on {place} killed {n} people, including {c} children and {w} women, {source}.",
    "The death toll from {weekday}'s {weapon} on {place} rose to {n}, {source}.",
    "{n_cap} civilians died in {place} after {actor} dropped barrel bombs on a residential area.",
    "In {place}, {actor} shelled {target}, wounding {m} people, {source}.",
    "{source_cap} that {actor} carried out {k} air strikes on {place} {date}, killing {n}.",
    "A car bomb exploded near {target} in {place} {date}, killing {n} and wounding {m}.",
    "{n_cap} members of the same family were among the dead in {place}, {source}.",
    "Clashes between {actor} and {actor2} near {place} left {n} fighters dead.",
    "An IED planted in a car went off at a checkpoint in {place}, killing {n} soldiers.",
    "{actor_cap} fired rockets at {place} {date}; {n} people were reported killed.",
    "{date_full}: {actor} shelled {place}, {admin1}. {n_cap} civilians killed.",
    "On {date_full}, an airstrike by {actor} targeted {target} in {place} ({admin1} "
    "governorate). Fatalities: {digits}.",
    "Residents of {place} said {n} people were killed when {weapon} struck {target}.",
    "Medics said the bodies of {n} people were pulled from the rubble in {place} {date}.",
    "{actor_cap} launched a ground offensive on {place}, and {n} fighters were killed in the "
    "fighting, {source}.",
    "A suicide bomber blew himself up at {target} in {place}, killing {n} and injuring {m}.",
    "{n_cap} people, most of them women and children, were killed in {place} {date}.",
    "The strikes on {place} killed {n} and injured {m}, {source}.",
    "Between {a} and {b} people were killed in raids on {place}, according to activists.",
    "Gunmen opened fire on a bus near {place} {date}, killing {n} passengers.",
    "{weapon_cap} struck {target} in {place}, putting it out of service; no casualties were "
    "reported.",
    "A landmine explosion near {place} killed {n} shepherds {date}.",
    "{actor_cap} dropped barrel bombs on {place} for the {ordinal} day, {source}.",
    "The toll in {place} has reached {n} dead since {weekday}, {source}.",
    "A drone strike on a car in {place} killed {n} IS commanders, the coalition said.",
    "Turkish artillery pounded {place} {date}, killing {n} Kurdish fighters, the SDF said.",
    "Mortar rounds fell on {place}, a government-held district, killing {n} and wounding {m}.",
    "In the {place} countryside, {n} civilians were killed by regime shelling {date}.",
    "{actor_cap} bombed {place} in {admin1} province, where {n} people were killed.",
    "Hundreds of people fled {place} after {weapon} killed {n} {date}.",
    "{vague_cap} people were wounded when a rocket hit {target} in {place}.",
    "{source_cap} that it had documented the deaths of {n} civilians in {place} on {date_full}.",
    '"We pulled {n} bodies out of the rubble," said a rescuer in {place}.',
    "A {ordinal} strike hit the same spot in {place} minutes later, killing {n} rescuers.",
    "Fighting near {place} killed {n} pro-government troops and {k} rebels, {source}.",
    "An explosion at an arms depot in {place} killed {n}; the cause was not clear.",
    "{place} came under heavy shelling {date}; {m} people were injured and {n} killed.",
    "Air raids killed {n} people in {place} and {n2} in {place2}, {source}.",
    "Sniper fire killed {n} residents of {place} {date}, {source}.",
    "The bombardment of {place} killed {n} children at {target}, the UN said.",
    "{actor_cap} said it had hit {k} targets near {place}, killing {n} militants.",
    "A missile fired from a warship struck {place} {date}, killing {n} people.",
    "{n_cap} bodies were found in a mass grave near {place}, {source}.",
    "At least {digits} people were killed and {m} others injured in {place} in {admin1} "
    "province, {source}.",
    "{weapon_cap} targeted {place}, killing {vague} civilians and wounding many more.",
    "Three hospitals in {place} have been hit by {actor} since {weekday}.",
    "{n_cap} rescue workers were among those killed in {place} {date}.",
    "In the town of {place}, where {actor} have carried out a series of assaults, {weapon} "
    "killed {n}, including {c} children.",
    "{actor_cap} hit {target} in the village of {place}. {n_cap} volunteers were killed and "
    "{m} wounded.",
    "Thousands of families have been displaced and {n} people killed in {place} since the "
    "offensive began.",
]

FILLER_TEMPLATES = [
    "{person_cap} called for an immediate ceasefire and for aid to reach {place}.",
    "Talks in Geneva stalled again on {weekday} over the future of the government.",
    "{digits} people have been displaced from {place} since December, the UN said.",
    "The war, now in its {ordinal} year, has killed hundreds of thousands of people.",
    "Aid convoys have not reached {place} for {k} months.",
    "Damascus condemned the strikes as a violation of Syrian sovereignty.",
    "Moscow denied targeting civilians and said it only strikes terrorists.",
    "The price of bread in {place} has doubled since the siege began.",
    "Russia said it had not bombed {place} for the past {k} days.",
    '"We will not leave our homes," a resident of {place} told reporters.',
    "{person_cap} said the situation in {admin1} was catastrophic.",
    "About {digits} residents remain in {place}, according to local officials.",
    "The city has a population of about {digits}.",
    "Portugal's RTP TV broadcast an interview with the president on {weekday}.",
    "Washington said it was deeply concerned about the escalation in {admin1}.",
    "Schools in {place} have been closed for {k} weeks.",
    "The opposition controls {k} of the {k2} districts of {admin1} province.",
    "Footage of the aftermath was shared widely on social media.",
    "The claims could not be independently verified.",
    "The monitor relies on a network of sources on the ground.",
    "The UN Security Council is due to meet on {weekday} to discuss the crisis.",
    "Turkey has deployed troops to observation posts around {place}.",
    "More than {digits} trucks of aid crossed into {admin1} last month.",
    "{person_cap} accused the government of using starvation as a weapon of war.",
    "The offensive aims to retake the last rebel stronghold in the province.",
    "A murderer who has killed a million people cannot be part of the solution, he said.",
    "Local sources reported the arrival of reinforcements in {place} {date}.",
    "Electricity has been cut in {place} for {k} days.",
    "The road between {place} and {place2} reopened on {weekday}.",
    "Reporters were not allowed into {place}.",
]

HEADLINES = [
    "{weapon_cap} kill {n} in {place}",
    "Dozens dead as {actor} pound {admin1}",
    "No relief from assault on {place}",
    "Civilians flee as fighting nears {place}",
    "{place}: death toll rises to {digits}",
    "UN warns of catastrophe in {admin1}",
    "Strikes hit hospital in {place}",
]
DATELINES = ["BEIRUT (Reuters) - ", "DAMASCUS, Syria (AP) - ", "AMMAN - ", "ISTANBUL (AFP) - ", ""]


def number_words(n: int) -> str:
    """Spell 1-999 in English words ("twenty-one", "one hundred and five")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    head = f"{ONES[hundreds]} hundred"
    return f"{head} and {number_words(rest)}" if rest else head


@dataclass(frozen=True)
class PlacePool:
    """Names to write into sentences: towns and villages, districts and governorates."""

    towns: tuple[str, ...]
    admin1: tuple[str, ...]
    major: tuple[str, ...] = ()  # the most populous towns, named more often (as in the news)


def place_pool() -> PlacePool:
    """Syrian place names from the embedded gazetteer, as a journalist would write them."""
    import gazetteer

    towns: set[str] = set()
    admin1: set[str] = set()
    populous: list[tuple[int, str]] = []
    for place in gazetteer.load_default():
        if place.country_code != "SY":
            continue
        name = next((n for n in (place.name, *place.aliases) if _ASCII_NAME.fullmatch(n)), None)
        if name is None:
            continue
        if place.feature_code == "ADM1":
            admin1.add(name)
        elif place.feature_class == "P":
            towns.add(name)
            populous.append((-(place.population or 0), name))
        if place.admin1:
            admin1.add(place.admin1)
    if len(towns) < 100 or not admin1:
        msg = f"the gazetteer gave too few Syrian names ({len(towns)} towns) for a corpus"
        raise RuntimeError(msg)
    major = tuple(dict.fromkeys(name for _pop, name in sorted(populous)))[:300]
    return PlacePool(tuple(sorted(towns)), tuple(sorted(admin1)), major)


class _Filler:
    def __init__(self, rng: random.Random, pool: PlacePool) -> None:
        self.rng = rng
        self.pool = pool

    def count(self) -> str:
        r = self.rng.random()
        n = self.rng.choice((1, 2, 3, 4, 5, 7, 9, 12, 15, 21, 30, 45, 59, 100, 220))
        n = max(1, n + self.rng.randint(-1, 3))
        if r < 0.45:
            text = str(n)
        elif r < 0.85:
            text = number_words(n) if n < 1000 else str(n)
        else:
            return self.rng.choice(("a dozen", "several"))
        qualifier = self.rng.choice(QUALIFIERS)
        return f"{qualifier} {text}".strip()

    def date(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return f"on {self.rng.choice(WEEKDAYS)}"
        if r < 0.6:
            return self.rng.choice(("yesterday", "overnight", "early on Monday", "last week"))
        if r < 0.8:
            return f"on {self.rng.choice(MONTHS)} {self.rng.randint(1, 28)}"
        return ""

    def date_full(self) -> str:
        day, month, year = (
            self.rng.randint(1, 28),
            self.rng.choice(MONTHS),
            self.rng.randint(2012, 2020),
        )
        return f"{day} {month} {year}" if self.rng.random() < 0.5 else f"{month} {day}, {year}"

    def town(self) -> str:
        if self.pool.major and self.rng.random() < 0.5:
            return self.rng.choice(self.pool.major)
        return self.rng.choice(self.pool.towns)

    def place(self) -> str:
        name = self.town()
        r = self.rng.random()
        if r < 0.2:
            return f"the town of {name}"
        if r < 0.3:
            return f"{name} in {self.rng.choice(self.pool.admin1)} province"
        return name

    def fill(self, template: str) -> str:
        rng = self.rng
        values = {
            "actor": rng.choice(ACTORS),
            "actor2": rng.choice(ACTORS),
            "weapon": rng.choice(WEAPONS),
            "target": rng.choice(TARGETS),
            "victims": rng.choice(VICTIMS),
            "source": rng.choice(SOURCES),
            "person": rng.choice(PEOPLE),
            "n": self.count(),
            "n2": self.count(),
            "m": self.count(),
            "c": number_words(rng.randint(1, 12)),
            "w": number_words(rng.randint(1, 6)),
            "k": str(rng.randint(2, 40)),
            "k2": str(rng.randint(41, 90)),
            "a": str(rng.randint(5, 20)),
            "b": str(rng.randint(21, 40)),
            "digits": f"{rng.randint(3, 90000):,}",
            "vague": rng.choice(VAGUE).removesuffix(" of"),
            "ordinal": rng.choice(ORDINALS),
            "weekday": rng.choice(WEEKDAYS),
            "date": self.date(),
            "date_full": self.date_full(),
            "place": self.place(),
            "place2": self.town(),
            "admin1": rng.choice(self.pool.admin1),
        }
        for key in ("actor", "weapon", "source", "person", "n", "vague"):
            values[f"{key}_cap"] = values[key][:1].upper() + values[key][1:]
        text = template.format(**values)
        return re.sub(r"\s+([,.;])", r"\1", re.sub(r"  +", " ", text))


def build_articles(
    target_bytes: int, *, seed: int = 20180209, pool: PlacePool
) -> Iterator[tuple[str, str]]:
    """Yield ``(doc_id, text)`` articles until ``target_bytes`` of UTF-8 text is reached."""
    rng = random.Random(seed)
    filler = _Filler(rng, pool)
    total = 0
    number = 0
    while total < target_bytes:
        number += 1
        paragraphs = []
        for _ in range(rng.randint(4, 12)):
            sentences = []
            for _ in range(rng.randint(1, 3)):
                templates = INCIDENT_TEMPLATES if rng.random() < 0.35 else FILLER_TEMPLATES
                sentences.append(filler.fill(rng.choice(templates)))
            paragraphs.append(" ".join(sentences))
        if rng.random() < 0.5:
            paragraphs[0] = rng.choice(DATELINES) + paragraphs[0]
        headline = filler.fill(rng.choice(HEADLINES))
        text = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
        total += len(text.encode("utf-8"))
        yield f"bench-{number:05d}", text
