"""Query sets for the gazetteer benchmark and evaluation (deterministic, seeded).

* :func:`misspell` -- typos and transliteration drift of a real name (vowel swaps, ou/u, sh/ch,
  q/k, article changes, a dropped or doubled letter);
* :func:`acled_variant` -- the systematic spelling of another romanisation (Tell/Tal,
  Kafr/Kfar, Deir/Dayr, Ain/Ein, Sheikh/Shaykh, oun/un, -eh/-a, ...), applied by rule;
* :data:`ABSENT_REAL` -- real towns of Yemen, Iraq, Libya and Ukraine (not Syria), and
  :func:`made_up_names` -- invented names; callers drop any that the gazetteer does hold.

None of these lists is tuned to the resolver: the rules are written from how Arabic names are
romanised, not from which queries fail.
"""

from __future__ import annotations

import math
import random
import re

__all__ = [
    "ABSENT_REAL",
    "absent_names",
    "acled_variant",
    "haversine_km",
    "is_latin",
    "made_up_names",
    "misspell",
]


def absent_names(g: object, names: list[str], *, variants_count_as_present: bool) -> list[str]:
    """The names of ``names`` that gazetteer ``g`` does not hold.

    With ``variants_count_as_present`` a name is held when ``g.lookup`` finds it at all, as an
    exact name or a transliteration variant ("Al Hazm" is "Hazm"): what is left can only be
    answered by fuzzy matching. Without it only an exact (normalised) homonym is held, and a
    variant collision ("Nisab" -> "Nasib") counts as a false match.
    """
    from gazetteer.normalize import normalize_name

    out = []
    for name in dict.fromkeys(names):
        bearers = g.lookup(name)  # type: ignore[attr-defined]
        if variants_count_as_present:
            held = bool(bearers)
        else:
            key = normalize_name(name)
            held = any(normalize_name(a) == key for p in bearers for a in (p.name, *p.aliases))
        if not held:
            out.append(name)
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def is_latin(text: str) -> bool:
    """True when the name is written in Latin letters (plus spaces, hyphens, apostrophes)."""
    return bool(text) and all(c.isascii() or not c.isalpha() or ord(c) < 0x250 for c in text)


# ------------------------------------------------------------------------------ misspellings

_VOWEL_SWAPS = {"a": "ei", "e": "ai", "i": "ey", "o": "u", "u": "o"}
_DIGRAPHS = [
    ("ou", "u"),
    ("u", "ou"),
    ("oo", "u"),
    ("ee", "i"),
    ("sh", "ch"),
    ("ch", "sh"),
    ("q", "k"),
    ("k", "q"),
    ("ay", "ei"),
    ("ei", "ay"),
    ("dh", "z"),
    ("th", "t"),
    ("kh", "h"),
]
_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)([- ])")
_ARTICLE_FORMS = ["al-", "el-", "Al ", "", "al ", "Al-"]


def _op_vowel(name: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(name) if c.lower() in _VOWEL_SWAPS]
    if not spots:
        return None
    i = rng.choice(spots)
    repl = rng.choice(_VOWEL_SWAPS[name[i].lower()])
    if name[i].isupper():
        repl = repl.upper()
    return name[:i] + repl + name[i + 1 :]


def _op_digraph(name: str, rng: random.Random) -> str | None:
    options = [(a, b) for a, b in _DIGRAPHS if a in name.lower()]
    if not options:
        return None
    a, b = rng.choice(options)
    starts = [m.start() for m in re.finditer(re.escape(a), name.lower())]
    i = rng.choice(starts)
    piece = name[i : i + len(a)]
    repl = b.capitalize() if piece[:1].isupper() else b
    return name[:i] + repl + name[i + len(a) :]


def _op_article(name: str, rng: random.Random) -> str | None:
    m = _ARTICLE.search(name)
    if m:
        form = rng.choice([f for f in _ARTICLE_FORMS if f != m.group(0)])
        return name[: m.start()] + form + name[m.end() :]
    words = name.split()
    if len(words) >= 2:  # add an article before the last word: "Kafr Nabl" -> "Kafr al-Nabl"
        return " ".join([*words[:-1], rng.choice(["al-", "el-"]) + words[-1]])
    return None


def _op_drop(name: str, rng: random.Random) -> str | None:
    spots = [i for i in range(1, len(name)) if name[i].isalpha()]
    if len(spots) < 4:
        return None
    i = rng.choice(spots)
    return name[:i] + name[i + 1 :]


def _op_double(name: str, rng: random.Random) -> str | None:
    spots = [i for i in range(1, len(name)) if name[i].isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    return name[: i + 1] + name[i] + name[i + 1 :]


def _op_hyphen(name: str, rng: random.Random) -> str | None:
    if "-" in name:
        return name.replace("-", rng.choice([" ", ""]), 1)
    if " " in name:
        return name.replace(" ", "-", 1)
    return None


_OPS = (_op_vowel, _op_digraph, _op_article, _op_drop, _op_double, _op_hyphen)


def misspell(name: str, *, seed: int = 0, edits: int | None = None) -> str | None:
    """A deterministic misspelling of ``name`` (one or two edits), or None when none applies.

    The same ``(name, seed)`` always gives the same answer.
    """
    if len(name) < 4 or not is_latin(name):
        return None
    rng = random.Random(f"{seed}:{name}")
    n = edits if edits is not None else rng.choice((1, 1, 2))
    out = name
    for _ in range(n):
        for _attempt in range(6):
            candidate = rng.choice(_OPS)(out, rng)
            if candidate and candidate != out and candidate.strip():
                out = candidate
                break
    return out if out != name else None


# ------------------------------------------------------------------------------ ACLED-style

# Word-level equivalents between romanisation schemes (lower-case, whole words).
_WORD_VARIANTS: dict[str, tuple[str, ...]] = {
    "tal": ("tell", "tall", "tel"),
    "tall": ("tal", "tell"),
    "tell": ("tal", "tall"),
    "kafr": ("kfar", "kafar", "kfr"),
    "kfar": ("kafr",),
    "deir": ("dayr", "der", "dair"),
    "dayr": ("deir", "dair"),
    "ain": ("ayn", "ein", "aiin"),
    "ayn": ("ain", "ein"),
    "ein": ("ain", "ayn"),
    "beit": ("bayt", "bait", "bet"),
    "bayt": ("beit", "bait"),
    "khirbet": ("khirbat", "kherbet", "khirba"),
    "khirbat": ("khirbet", "kherbet"),
    "jabal": ("jebel", "jbel"),
    "jebel": ("jabal",),
    "sheikh": ("shaykh", "cheikh", "shaikh", "sheik"),
    "shaykh": ("sheikh", "shaikh"),
    "umm": ("um", "om"),
    "abu": ("abou", "abo"),
    "qasr": ("kasr",),
    "marj": ("merj",),
    "wadi": ("wady",),
    "hamam": ("hammam",),
    "hammam": ("hamam",),
    "mazraat": ("mazraa", "mazra'at"),
    "bir": ("beer", "bi'r"),
    "maarrat": ("maaret", "maarat", "ma'arat", "maarret"),
}

# Letter-level rules (regex, replacement) typical of news/ACLED spellings.
_LETTER_RULES = [
    (r"ou", "u"),
    (r"u(?=[^aeiou]|$)", "ou"),
    (r"ee", "i"),
    (r"aa", "a"),
    (r"iy(?=[aeiou])", "i"),
    (r"eh$", "a"),
    (r"ah$", "a"),
    (r"a$", "eh"),
    (r"aya", "aia"),
    (r"ei", "ay"),
    (r"ay", "ei"),
    (r"q", "k"),
    (r"sh", "ch"),
    (r"dh", "z"),
    (r"th", "s"),
    (r"j", "dj"),
    (r"([bcdfghjklmnpqrstvwxz])\1", r"\1"),
    (r"['`’‘]", ""),
]
_ART_RE = re.compile(r"\b(al|el|a[dnrstz]|ash)[- ]", re.IGNORECASE)


def acled_variant(name: str, *, seed: int = 0) -> str | None:
    """Another romanisation of ``name``, built by rule; None when no rule applies.

    Applies one word-level equivalent when there is one, an article change (``al-`` to
    ``Al `` to ``el-`` or gone), and one or two letter-level rules, each chosen by a seeded
    generator.
    """
    if not is_latin(name) or len(name) < 3:
        return None
    rng = random.Random(f"acled:{seed}:{name}")
    words = name.split()
    changed = False
    # 1. word-level equivalents
    idx = [i for i, w in enumerate(words) if w.lower().strip("-") in _WORD_VARIANTS]
    touched = -1
    if idx:
        touched = rng.choice(idx)
        alt = rng.choice(_WORD_VARIANTS[words[touched].lower().strip("-")])
        words[touched] = alt.capitalize() if words[touched][:1].isupper() else alt
        changed = True
    # 2. the article
    if len(words) > 1 and rng.random() < 0.7:
        for i, w in enumerate(words):
            m = _ART_RE.match(w + " ")
            if m and i != touched:
                rest = w[m.end() :] if len(w) > m.end() - 1 else ""
                form = rng.choice(["al-", "Al ", "el-", "", "Al-"])
                words[i] = (form + rest).strip() if rest else form.strip(" -")
                changed = True
                break
    # 3. letter rules, on one word the word-level step left alone
    others = [i for i, w in enumerate(words) if i != touched and len(w) > 2]
    if others:
        i = rng.choice(others)
        rules = [r for r in _LETTER_RULES if re.search(r[0], words[i])]
        rng.shuffle(rules)
        for pattern, repl in rules[: rng.choice((1, 2))]:
            words[i] = re.sub(pattern, repl, words[i], count=1)
            changed = True
    out = " ".join(w for w in words if w)
    out = " ".join(out.split())
    return out if changed and out and out.lower() != name.lower() else None


# ------------------------------------------------------------------------------ absent names

#: Real towns and villages outside Syria. Capitals and big cities are left out on purpose:
#: the bundled world layer holds them, and callers drop every name the gazetteer does hold.
ABSENT_REAL: tuple[str, ...] = (
    # Yemen
    "Sirwah", "Al Hazm", "Harib", "Bayhan", "Ataq", "Nisab", "Mudiyah", "Lawdar", "Ahwar",
    "Zinjibar", "Jaar", "Shuqrah", "Al Mukalla", "Ghayl Ba Wazir", "Ash Shihr", "Sayun",
    "Tarim", "Shibam", "Qatan", "Al Ghaydah", "Nishtun", "Qishn", "Hawf", "Hajjah", "Abs",
    "Haradh", "Midi", "Hayran", "Bakil al Mir", "Kitaf", "Baqim", "Haydan", "Sahar", "Majz",
    "Razih", "Huth", "Khamir", "Raydah", "Thula", "Shibam Kawkaban", "Al Mahwit", "At Tawilah",
    "Bajil", "Az Zaydiyah", "Al Luhayyah", "Al Munirah", "Bayt al Faqih", "Zabid", "Hays",
    "Al Khawkhah", "Al Mukha", "Dhubab", "Mawza", "Al Wazi'iyah", "Jabal Habashi", "Al Misrakh",
    "Sabir", "Yarim", "Jiblah", "Dhi as Sufal", "Al Udayn", "Qa'tabah", "Ad Dali", "Damt",
    "Rada", "Juban", "Mukayras", "Al Bayda", "Dhamar", "Ma'bar", "Anss", "Utmah", "Wusab",
    # Iraq
    "Tuz Khurmatu", "Amirli", "Daquq", "Hawijah", "Riyadh Kirkuk", "Ash Sharqat", "Qayyarah",
    "Hammam al Alil", "Bartella", "Bashiqa", "Qaraqosh", "Tel Keppe", "Alqosh", "Zummar",
    "Rabia", "Sinuni", "Tal Afar", "Muhallabiyah", "Baaj", "Hatra", "Makhmur", "Gwer", "Koya",
    "Ranya", "Qaladiza", "Penjwen", "Halabja", "Khurmal", "Chamchamal", "Kalar", "Kifri",
    "Jalawla", "Saadiya", "Khanaqin", "Mandali", "Baladruz", "Muqdadiyah", "Khalis", "Hibhib",
    "Udhaim", "Dhuluiya", "Yathrib", "Ishaqi", "Dujail", "Tarmiyah", "Abu Ghraib Farms",
    "Karmah", "Saqlawiyah", "Amiriyat al Fallujah", "Habbaniyah", "Khalidiya", "Baghdadi",
    "Haditha", "Barwana", "Haqlaniyah", "Anah", "Rawah", "Karabilah", "Husaybah Iraq",
    "Ubaydi", "Rutba", "Nukhayb", "Jurf al Sakhar", "Musayyib", "Iskandariyah", "Mahmudiyah",
    "Latifiyah", "Yusufiyah", "Suwayrah", "Aziziyah", "Numaniyah", "Shatrah", "Rifai",
    "Suq ash Shuyukh", "Chibayish", "Qurnah", "Abu al Khasib", "Safwan", "Umm Qasr", "Zubayr",
    # Libya
    "Tazirbu", "Jalu", "Awjilah", "Ajdabiya", "Marada", "Brega", "Ras Lanuf", "Bin Jawad",
    "Nawfaliyah", "Harawah", "Waddan", "Hun", "Suknah", "Zillah", "Tmassah", "Ubari",
    "Murzuq", "Ghat", "Qatrun", "Traghan", "Brak", "Idri", "Ghadamis", "Darj", "Nalut",
    "Kabaw", "Jadu", "Yafran", "Zintan", "Rujban", "Kikla", "Asabaa", "Gharyan", "Mizdah",
    "Bani Walid", "Tarhunah", "Msallata", "Qasr al Akhyar", "Zliten", "Tawergha", "Abu Qurayn",
    "Surman", "Sabratah", "Zuwarah", "Ajaylat", "Raqdalin", "Jumayl", "Al Mayah", "Tajura",
    "Qasr Bin Ghashir", "Suluq", "Qaminis", "Tukrah", "Al Abyar", "Al Marj", "Shahhat",
    "Susah", "Al Qubbah", "Ayn al Ghazalah", "Bardiyah", "Jaghbub", "Kufrah",
    # Ukraine
    "Vuhledar", "Marinka", "Krasnohorivka", "Avdiivka", "Ocheretyne", "Pokrovsk", "Myrnohrad",
    "Selydove", "Kurakhove", "Velyka Novosilka", "Huliaipole", "Orikhiv", "Robotyne",
    "Vasylivka", "Kamianka-Dniprovska", "Enerhodar", "Nikopol", "Marhanets", "Pokrov",
    "Zelenodolsk", "Vysokopillia", "Snihurivka", "Beryslav", "Nova Kakhovka", "Oleshky",
    "Hola Prystan", "Skadovsk", "Chaplynka", "Kupiansk", "Izium", "Balakliia", "Vovchansk",
    "Lyptsi", "Zolochiv", "Bohodukhiv", "Krasnopillia", "Trostianets", "Okhtyrka", "Lebedyn",
    "Shostka", "Hlukhiv", "Seredyna-Buda", "Horodnia", "Snovsk", "Semenivka", "Novhorod-Siverskyi",
    "Bakhmut", "Chasiv Yar", "Soledar", "Siversk", "Lyman", "Sviatohirsk", "Kostiantynivka",
    "Druzhkivka", "Toretsk", "Niu-York", "Horlivka", "Yasynuvata", "Debaltseve", "Vuhlehirsk",
    "Lysychansk", "Sievierodonetsk", "Rubizhne", "Kreminna", "Svatove", "Starobilsk",
    "Bilohorivka", "Popasna", "Zolote", "Hirske", "Borodianka", "Hostomel", "Irpin", "Bucha",
    "Makariv", "Ivankiv", "Brovary", "Bilhorod-Dnistrovskyi", "Izmail", "Reni", "Vylkove",
)  # fmt: skip

_ONSETS = ["b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
           "br", "dr", "gl", "kr", "pl", "st", "tr", "sk", "zv", "gr"]  # fmt: skip
_NUCLEI = ["a", "e", "i", "o", "u", "ae", "io", "ou", "y"]
_CODAS = ["", "", "", "n", "r", "l", "m", "s", "x", "nd", "rk"]
_PREFIXES = ["", "", "", "", "Tal ", "Kafr ", "Deir ", "Ain ", "Beit ", "Khirbet ", "Umm ",
             "San ", "Port ", "New ", "Lake ", "Fort "]  # fmt: skip


def made_up_names(n: int, *, seed: int = 0) -> list[str]:
    """``n`` invented place names, some with Arabic generic prefixes (``Kafr``, ``Tal``)."""
    rng = random.Random(f"madeup:{seed}")
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        syllables = rng.choice((2, 2, 2, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(syllables)
        )
        name = rng.choice(_PREFIXES) + word.capitalize()
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out
