"""Name normalisation: undo what transliteration does to Arabic place names.

Two keys are built from a name:

* :func:`normalize_name` -- a faithful, readable key: case folded, diacritics and the
  ayn/hamza marks removed, punctuation to spaces, Arabic script cleaned (tashkeel,
  alef forms, ta marbuta, the article ``ال``).
* :func:`skeleton_keys` -- looser transliteration keys (a consonant skeleton) under which
  ``Deir ez-Zor``, ``Dayr az Zawr``, ``Deir al-Zour`` and ``دير الزور`` are one key:
  articles dropped, vowels dropped (a word-initial vowel or ayn kept as ``A``),
  consonant variants merged (``sh``/``ch``, ``q``/``k``/``c``, ``dh``/``z``/``d``, ``gh``/``g``,
  ``kh``), doubled letters collapsed and a final ``h`` (ta marbuta) dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "base_names",
    "generic_hint",
    "is_common_word",
    "normalize_name",
    "skeleton_key",
    "skeleton_keys",
    "strip_generic",
    "strip_qualifiers",
]

# ---------------------------------------------------------------------------------------
# normalize_name
# ---------------------------------------------------------------------------------------

#: Marks that transliterations use for ayn and hamza; they are deleted (not spaced).
_AYN_HAMZA = "'`\u00b4\u2018\u2019\u02bb\u02bc\u02be\u02bf\u02c8\u055a\u201b\u2032"

_ARABIC_TABLE = {
    0x0671: "\u0627",  # alef wasla
    0x0622: "\u0627",
    0x0623: "\u0627",
    0x0625: "\u0627",
    0x0629: "\u0647",  # ta marbuta -> ha
    0x0649: "\u064a",  # alef maqsura -> ya
    0x06CC: "\u064a",  # farsi ya
    0x06A9: "\u0643",  # keheh -> kaf
    0x0640: None,  # tatweel
    0x0621: None,  # lone hamza
    0x0624: "\u0648",
    0x0626: "\u064a",
}
for _c in _AYN_HAMZA:
    _ARABIC_TABLE[ord(_c)] = None
#: Latin letters that NFKD does not decompose.
_LATIN_EXTRA = {
    "ı": "i",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
}
for _k, _v in _LATIN_EXTRA.items():
    _ARABIC_TABLE[ord(_k)] = _v

_ARABIC_ARTICLE = "\u0627\u0644"  # "ال"


def _strip_arabic_article(word: str) -> str:
    while word.startswith(_ARABIC_ARTICLE) and len(word) >= 4 and "\u0600" <= word[2] <= "\u06ff":
        word = word[2:]
    return word


_ASCII_BYTES = bytes(
    (c + 32 if 65 <= c <= 90 else c) if chr(c).isalnum() else 32 for c in range(256)
)
_ASCII_DELETE = b"'`"
_NONWORD_RE = re.compile(r"[\W_]+")


#: Blocks whose combining marks and format characters are deleted (Latin and Arabic
#: diacritics, tashkeel, Quranic marks, zero-width and direction controls). Marks of other
#: scripts become word breaks.
_MARK_BLOCKS = (
    (0x00AD, 0x00AD), (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7),
    (0x0600, 0x061C), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED),
    (0x08D3, 0x08FF), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x200B, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x206F), (0x20D0, 0x20FF), (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F), (0xFEFF, 0xFEFF),
)  # fmt: skip


@lru_cache(maxsize=1)
def _full_table() -> dict[int, str | None]:
    """The Arabic/Latin letter table plus every mark and format character of the blocks."""
    table: dict[int, str | None] = {}
    for lo, hi in _MARK_BLOCKS:
        for cp in range(lo, hi + 1):
            cat = unicodedata.category(chr(cp))
            if cat[0] == "M" or cat == "Cf":
                table[cp] = None
    table.update(_ARABIC_TABLE)
    return table


def _normalize_once(text: str) -> str:
    if text.isascii():
        raw = text.encode("ascii").translate(_ASCII_BYTES, _ASCII_DELETE)
        return " ".join(raw.decode("ascii").split())
    # casefold first: NFKD then decomposes what casefolding composed (a rare leftover, such
    # as a compatibility capital, is caught by the second pass of normalize_name)
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_full_table())
    words = _NONWORD_RE.sub(" ", text).split()
    return " ".join([_strip_arabic_article(w) if w[0] == "\u0627" else w for w in words])


#: Outputs made only of these characters are fixed points of one pass: ASCII letters and
#: digits, and the Arabic letters that the table leaves (no alef variants, no ta marbuta).
_STABLE_RE = re.compile("[a-z0-9 \u0628-\u063a\u0641-\u0648\u064a\u0627]*")


def normalize_name(text: str) -> str:
    """Return the normalised key of a place name (memoised for the latest 65,536 names).

    NFKD decomposition, combining marks removed, case folded; the ayn/hamza marks
    (``‘ ’ ʿ ʾ ` '``) deleted; hyphens, underscores and other punctuation turned into spaces
    and runs of spaces collapsed. Arabic script loses tashkeel and tatweel, alef forms are
    unified, ``ة`` becomes ``ه``, ``ى`` becomes ``ي`` and the article ``ال`` is dropped at
    the start of a word.

    Parameters
    ----------
    text
        Any string; non-strings are converted with :func:`str`.

    Returns
    -------
    str
        The key; empty when the name holds no letters or digits. The function is
        idempotent: ``normalize_name(normalize_name(x)) == normalize_name(x)``.

    Examples
    --------
    >>> normalize_name("Ma‘arrat an-Nu‘mān")
    'maarrat an numan'
    >>> normalize_name("دير الزور")
    'دير زور'
    """
    if not isinstance(text, str):
        text = str(text)
    return _normalize_cached(text)


@lru_cache(maxsize=65536)
def _normalize_cached(text: str) -> str:
    out = _normalize_once(text)
    if out.isascii():
        # the ASCII pass is a fixed point; a non-ASCII input may have left a capital
        # (a compatibility letter that decomposes to one), which one more pass folds
        return out if text.isascii() else _normalize_once(out)
    if _STABLE_RE.fullmatch(out):
        return out  # plain Arabic letters (and lowercase ASCII) are a fixed point too
    for _ in range(4):
        again = _normalize_once(out)
        if again == out:
            break
        out = again
    return out


# ---------------------------------------------------------------------------------------
# skeleton keys
# ---------------------------------------------------------------------------------------

#: Latin articles that are always dropped when another word follows.
_ARTICLES = frozenset({"al", "el", "il", "ul", "l", "al-", "le"})
#: Assimilated (sun-letter) articles: dropped when the next word starts with the letters.
_SUN_ARTICLES = {
    "ad": ("d",),
    "ed": ("d",),
    "adh": ("dh", "d", "z"),
    "edh": ("dh", "d", "z"),
    "ar": ("r",),
    "er": ("r",),
    "as": ("s",),
    "es": ("s",),
    "ash": ("sh", "ch"),
    "esh": ("sh", "ch"),
    "az": ("z",),
    "ez": ("z",),
    "at": ("t",),
    "et": ("t",),
    "ath": ("th", "t"),
    "eth": ("th", "t"),
    "an": ("n",),
    "en": ("n",),
}

_LATIN_MULTI = [
    ("dzh", "j"),  # Russian-style: Dzhabla, Dzharamana
    ("dsch", "j"),  # German-style: Dscharabulus, Dschisr asch-Schughur
    ("tsch", "S"),
    ("sch", "S"),
    ("tch", "S"),
    ("sh", "S"),
    ("ch", "S"),
    ("kh", "X"),
    ("gh", "G"),
    ("dj", "j"),
    ("dz", "j"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("zh", "j"),
    ("ck", "k"),
]
_LATIN_MULTI_RE = re.compile("|".join(a for a, _ in _LATIN_MULTI))
_LATIN_MULTI_MAP = dict(_LATIN_MULTI)
# Arabic has no v: romanisations that write one (Nava, Suveyda) mean waw, a semivowel.
_LATIN_SINGLE = str.maketrans({"q": "k", "c": "k", "g": "G", "x": "X", "v": "w", "p": "b"})

#: Arabic letters to skeleton letters. Vowel carriers (ا و ي ى ع ء) map to "", except at the
#: start of a word (see below).
_AR_MAP = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "X",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "S",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "G",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "h",
    "پ": "b",
    "چ": "S",
    "ڤ": "f",
    "گ": "G",
}
_AR_VOWELS = frozenset("اويىعءئؤ")
_LAT_VOWELS = frozenset("aeiouyw")
_DOUBLE_RE = re.compile(r"(.)\1+")


def _latin_word_skeleton(word: str) -> str:
    if word.startswith("ou") and len(word) > 2 and word[2] in "aeiy":
        word = "w" + word[2:]  # French "ou" before a vowel: Ouadi, Ouard
    word = _LATIN_MULTI_RE.sub(lambda m: _LATIN_MULTI_MAP[m.group(0)], word)
    word = word.translate(_LATIN_SINGLE)
    if not word:
        return ""
    out = []
    first = word[0]
    start = 0
    if first in _LAT_VOWELS:
        if first in "yw" and len(word) > 1 and word[1] in "aeiou":
            out.append(first)
            start = 1
        else:
            out.append("A")
            start = 1
            while start < len(word) and word[start] in _LAT_VOWELS:
                start += 1
    for ch in word[start:]:
        if ch not in _LAT_VOWELS:
            out.append(ch)
    return "".join(out)


#: Other readings of the Arabic letters whose romanisations vary most: ظ (z, dh, d, th),
#: ذ (dh, z, d, th), ث (th, t, s), ض (d, dh, z). Each table gives one more key.
_AR_ALTERNATES = (
    {"ظ": "d", "ذ": "z", "ث": "s", "ض": "z"},
    {"ظ": "t", "ذ": "t"},
)
_AR_VARIABLE = frozenset("ظذثض")


def _arabic_word_skeleton(word: str, table: dict[str, str] | None = None) -> str:
    table = table or {}
    out = []
    first = word[0]
    start = 0
    if first in _AR_VOWELS:
        if first in "وي" and len(word) > 1 and word[1] not in _AR_VOWELS:
            out.append("w" if first == "و" else "y")
        else:
            out.append("A")
        start = 1
        while start < len(word) and word[start] in _AR_VOWELS:
            start += 1
    for ch in word[start:]:
        mapped = table.get(ch) or _AR_MAP.get(ch)
        if mapped:
            out.append(mapped)
        elif ch.isdigit():
            out.append(ch)
    return "".join(out)


_ARABIC_RE = re.compile("[\u0600-\u06ff]")


def _is_arabic(word: str) -> bool:
    return not word.isascii() and _ARABIC_RE.search(word) is not None


def _word_skeleton(word: str, *, last: bool, table: dict[str, str] | None = None) -> str:
    if _is_arabic(word):
        sk = _arabic_word_skeleton(word, table)
        # ta marbuta: "t" in the construct state (a non-final word), silent at the end
        if word.endswith("ه") and len(sk) > 1:
            sk = sk[:-1] + ("t" if not last else "")
    else:
        sk = _latin_word_skeleton(word)
        # a final "h" after a vowel is the ta marbuta (-ah, -eh): silent
        if len(sk) > 1 and sk.endswith("h") and len(word) > 1 and word[-2] in "aeiouy":
            sk = sk[:-1]
    return _DOUBLE_RE.sub(r"\1", sk)


def _drop_articles(words: list[str]) -> list[str]:
    out: list[str] = []
    n = len(words)
    for i, w in enumerate(words):
        if i < n - 1:
            nxt = words[i + 1]
            if w in _ARTICLES:
                continue
            follow = _SUN_ARTICLES.get(w)
            if follow and nxt.startswith(follow):
                continue
        out.append(w)
    return out


_GLUED_RE = re.compile(r"^(?:[ae]l(?=[bcdfghjklmnpqrstvwxz][a-z]{2})|[ae]([dnrstz])(?=\1[a-z]{2}))")


def _unglue(word: str) -> str:
    """Strip a glued article (``Elmarij``, ``Alsafira``, ``Ezzor``, ``Annabk``)."""
    if _is_arabic(word):
        return word
    return _GLUED_RE.sub("", word, count=1)


def _skeleton_of_words(words: list[str], table: dict[str, str] | None = None) -> str:
    parts = []
    n = len(words)
    for i, w in enumerate(words):
        sk = _word_skeleton(w, last=i == n - 1, table=table)
        if sk:
            parts.append(sk)
    # n before b is said (and often written) m: Muhanbal / Muhambal
    return _DOUBLE_RE.sub(r"\1", "".join(parts)).replace("nb", "mb")


@lru_cache(maxsize=65536)
def skeleton_keys(normalized: str) -> tuple[str, ...]:
    """Return the transliteration keys of an already normalised name, primary first.

    The first key keeps glued words as written; further keys strip glued articles
    (``Elmarij`` -> ``marij``, ``Ezzor`` -> ``zor``). Empty keys are left out.

    Parameters
    ----------
    normalized
        Output of :func:`normalize_name`.

    Returns
    -------
    tuple of str
        Distinct keys, the primary one first; empty when the name has no letters.
    """
    words = _drop_articles(normalized.split())
    keys = []
    primary = _skeleton_of_words(words)
    if primary:
        keys.append(primary)
    unglued = [_unglue(w) for w in words]
    if unglued != words:
        alt = _skeleton_of_words(_drop_articles(unglued))
        if alt and alt not in keys:
            keys.append(alt)
    if any(ch in _AR_VARIABLE for ch in normalized):
        for table in _AR_ALTERNATES:
            alt = _skeleton_of_words(words, table)
            if alt and alt not in keys:
                keys.append(alt)
    # A Latin "-ah" cannot tell the ta marbuta from a final ha/ḥa: an Arabic name ending
    # in ح also gets the key without it.
    if words and _is_arabic(words[-1]) and words[-1][-1] == "ح" and primary.endswith("h"):
        alt = primary[:-1]
        if len(alt) > 1 and alt not in keys:
            keys.append(alt)
    return tuple(keys)


def skeleton_key(text: str) -> str:
    """Return the primary transliteration key of any name (normalising it first)."""
    keys = skeleton_keys(normalize_name(text))
    return keys[0] if keys else ""


# ---------------------------------------------------------------------------------------
# generic words around a name
# ---------------------------------------------------------------------------------------

_GENERIC_PREFIX = re.compile(
    # "the village of X", and with words that describe it: "the coastal village of X",
    # "the Druze village of X", "the rebel-held town of X"
    r"^(?:the )?(?:(?:[a-z'-]+ ){0,2}?(?:outskirts|suburbs|countryside|vicinity|surroundings"
    r"|area|region|village|town|city|district|province|governorate|center|centre|edge|environs)"
    r" of (?:the )?|(?:mukhayyam|mukhayam|mukhaym|mokhayam|madinat|medinat|madinet|"
    r"nahiyat|muhafazat|mohafazat) (?:al |el )?"
    # Arabic script, article already dropped: بلدة (town), مدينة (city), قرية (village),
    # مخيم (camp), حي (quarter), ناحية (sub-district), منطقة (area), محافظة (governorate)
    r"|(?:بلده|مدينه|قريه|مخيم|حي|ناحيه|منطقه|محافظه) )+"
)
_DIRECTION_PREFIX = re.compile(
    r"^(?:(?:north|south|east|west|northern|southern|eastern|western|central|"
    r"north ?east(?:ern)?|north ?west(?:ern)?|south ?east(?:ern)?|south ?west(?:ern)?|"
    r"rural|greater|old|new|downtown) )"
)
_GENERIC_SUFFIX = re.compile(
    r"(?: (?:town|village|city|district|subdistrict|sub district|province|governorate|"
    r"countryside|outskirts|suburbs|area|region|camp|neighbourhood|neighborhood|"
    r"countryside|plain|valley|mountains?|hills?|airport|airbase|air base|military airport|"
    r"airfield|air field|dam|border post|prison|central prison|military prison|"
    r"center|centre|municipality|muhafazat|mohafazat|nahiya|mintaqa|farms?|"
    r"border crossing|crossing|crossing point|checkpoint|military base|base|island))+$"
)


_ANY_GENERIC = re.compile(
    r"\b(?:of|mukhayyam|mukhayam|mukhaym|mokhayam|madinat|medinat|madinet|nahiyat|north|south|east|west|northern|southern|eastern|western|central|northeast|"
    r"northeastern|northwest|northwestern|southeast|southeastern|southwest|southwestern|rural|"
    r"greater|old|new|downtown|town|village|city|district|subdistrict|sub|province|governorate|"
    r"countryside|outskirts|suburbs|area|region|camp|neighbourhood|neighborhood|plain|valley|"
    r"mountain|mountains|hill|hills|airport|airbase|air|airfield|dam|post|prison|center|centre|"
    r"municipality|muhafazat|mohafazat|nahiya|mintaqa|farm|farms|crossing|checkpoint|base"
    r"|island|بلده|مدينه|قريه|مخيم|حي|ناحيه|منطقه|محافظه)\b"
)


def strip_generic(normalized: str) -> tuple[str, bool]:
    """Remove generic words around a normalised name.

    ``outskirts of x``, ``x countryside``, ``eastern x``, ``x village`` all become ``x``.

    Returns
    -------
    (str, bool)
        The stripped name and whether the result names a place only approximately
        (outskirts, countryside, a compass part: precision 2 rather than 1).
    """
    if _ANY_GENERIC.search(normalized) is None:
        return normalized, False
    approx = False
    s = normalized
    m = _GENERIC_PREFIX.match(s)
    if m:
        approx = approx or any(
            w in m.group(0)
            for w in (
                "outskirts",
                "suburbs",
                "countryside",
                "vicinity",
                "surroundings",
                "edge",
                "environs",
                "area",
            )
        )
        s = s[m.end() :]
    m = _DIRECTION_PREFIX.match(s)
    if m and len(s) > m.end():
        if m.group(0).strip() not in {"old", "new", "greater"}:
            approx = True
        s = s[m.end() :]
    if s.startswith("the ") and len(s) > 4:  # "the Shayrat airbase"
        s = s[4:]
    m = _GENERIC_SUFFIX.search(s)
    if m and m.start() > 0:
        if any(w in m.group(0) for w in ("countryside", "outskirts", "suburbs", "area")):
            approx = True
        s = s[: m.start()]
    return s.strip(), approx


_HINT_WORDS = (
    ("admin1", re.compile(r"\b(?:province|governorate|muhafazat|mohafazat|محافظه)\b")),
    ("admin2", re.compile(r"\b(?:district|mintaqa|mantiqa|منطقه)\b")),
    (
        "facility",
        re.compile(
            r"\b(?:airport|airbase|air base|airfield|air field|crossing|border post|dam|prison)\b"
        ),
    ),
    (
        "populated",
        re.compile(r"\b(?:town|village|city|camp|neighbou?rhood|hamlet|بلده|مدينه|قريه|مخيم|حي)\b"),
    ),
    ("region", re.compile(r"\b(?:region|plain|valley|mountains?)\b")),
)


def generic_hint(normalized: str) -> str | None:
    """The feature hint that a generic word in the name implies, or None.

    ``idlib province`` -> ``"admin1"``, ``al bab district`` -> ``"admin2"``,
    ``the village of saqba`` -> ``"populated"``, ``ghab plain`` -> ``"region"``,
    ``menagh airbase`` -> ``"facility"``.
    """
    stripped, _ = strip_generic(normalized)
    if stripped == normalized:
        return None
    rest = normalized.replace(stripped, " ", 1)
    for hint, pattern in _HINT_WORDS:
        if pattern.search(rest):
            return hint
    return None


# ---------------------------------------------------------------------------------------
# qualifiers: east/west, upper/lower, big/small, old/new parts of a name
# ---------------------------------------------------------------------------------------

_LATIN_QUALIFIERS = (
    "sharqi sharqiya sharqiyah sharqiyeh sharqiyya sharki sharkiya charqi charqiye "
    "gharbi gharbiya gharbiyah gharbiyeh gharbiyya gharbieh garbi "
    "shamali shamaliya shamaliyah shamaliyeh chamali janubi janubiya janubiyah janubiyeh "
    "jnubi qibli wusta wustani fawqani fouqani fawqa tahtani tahtaniyah kabir kabira kabirah "
    "kabireh kbir kubra saghir saghira saghirah saghireh sghir sughra jadid jadida jadidah "
    "jadideh qadim qadima qadimah qadimeh balad "
    # more spellings of the same words (OCHA writes the Levantine forms)
    "janoubi janoubiyeh jnoubi shmali shamali wastani wastaniyeh qebli fouqani fawqaniyeh "
    "tahtaniyeh kabeer sagheer saghireh jdideh qadimeh qdimeh "
    # the orchards (basatin) of a town, and "of Damascus" (al-Sham) after a town's name
    "basatin basateen bsatin sham elsham "
    # the station quarter of a town (Daraa al-Mahatta)
    "mahatta mahattah mahata "
    # the inner (jawani) and outer (barani) parts of an old quarter
    "jowani juwani jawani jowaniyyeh juwaniyeh jawaniyeh jowaniyeh "
    "barani baraniyyeh baraniyeh baraniya"
)
_ARABIC_QUALIFIERS = (
    "شرقي شرقيه غربي غربيه شمالي شماليه جنوبي جنوبيه قبلي وسطي وسطاني فوقاني تحتاني "
    "كبير كبيره كبري صغير صغيره صغري جديد جديده قديم قديمه بلد بساتين شام جواني جوانيه براني "
    "برانيه"
)
_QUALIFIERS = frozenset(_LATIN_QUALIFIERS.split()) | frozenset(_ARABIC_QUALIFIERS.split())
_LEADING_QUALIFIERS = frozenset(
    "eastern western northern southern east west north south upper lower big little small "
    "great old new middle central "
    # the housing estate (masakin) of a town or quarter: a part of it
    "masakin masaken msaken mesaken مساكن".split()
)
_TAL_WORDS = frozenset({"tal", "tall", "tell", "tel", "til", "تل"})


def strip_qualifiers(normalized: str) -> str:
    """Drop qualifiers that tell neighbouring places apart, to reach the base name.

    ``kuwayris ash sharqi`` -> ``kuwayris``, ``eastern kwaires`` -> ``kwaires``,
    ``daraa al balad`` -> ``daraa``, ``كويرس شرقي`` -> ``كويرس``, and a leading
    ``tall``/``tal``/``tell`` (``tell mardikh`` -> ``mardikh``). Returns the input unchanged
    when nothing is dropped or nothing would be left.
    """
    words = normalized.split()
    changed = False
    while len(words) > 1 and (words[-1] in _QUALIFIERS or words[-1].isdigit()):
        words.pop()
        changed = True
        if len(words) > 1 and (words[-1] in _ARTICLES or words[-1] in _SUN_ARTICLES):
            words.pop()
    while len(words) > 1 and (words[0] in _LEADING_QUALIFIERS or words[0] in _TAL_WORDS):
        words.pop(0)
        changed = True
    return " ".join(words) if changed else normalized


#: Words that begin a name and need what follows (``Abu Kabir`` is not ``Abu``).
_NAME_HEADS = frozenset(
    "abu abou bu umm um om ibn bin bani beni ain ein ayn bir deir dayr kafr kfar kafar tal "
    "tall tell tel khirbet khirbat kherbet beit bayt jisr qasr ras wadi jabal jebel bab "
    "sheikh shaykh sheik mazraat marj tallet qalaat qalat ard hay harat"
    " ابو ام عين بير دير كفر تل خربه بيت جسر قصر راس وادي جبل باب شيخ".split()
)
_CONSTRUCT_RE = re.compile(r"(?<=[a-z]{3})[aei]t$")


def base_names(normalized: str) -> tuple[str, ...]:
    """Base names of a gazetteer name whose qualifiers tell neighbouring places apart.

    The index files each place under these too, as a weaker key, so that a report's plain
    ``Joubar`` finds ``Joubar Sharqi`` and ``Joubar Gharbi``, and ``Mazzeh`` finds
    ``Mazzeh 86``. A word left in the construct state by the dropped qualifier gets its
    free form as well (``madamiyet elsham`` -> ``madamiyet``, ``madamiyeh``).

    Returns
    -------
    tuple of str
        Empty when nothing is dropped, or when what is left is a head word that needs its
        complement (``abu kabir`` -> nothing, not ``abu``). A leading ``Tell``/``Tal`` is
        kept, unlike in :func:`strip_qualifiers`.
    """
    words = normalized.split()
    n = len(words)
    while len(words) > 1 and (words[-1] in _QUALIFIERS or words[-1].isdigit()):
        words.pop()
        if len(words) > 1 and (words[-1] in _ARTICLES or words[-1] in _SUN_ARTICLES):
            words.pop()
    # a leading compass word or size ("Eastern X", "Big X"), never "Tell": "Tell X" and
    # "X" are often two villages
    while len(words) > 1 and words[0] in _LEADING_QUALIFIERS:
        words.pop(0)
    if len(words) == n or not words or words[-1] in _NAME_HEADS:
        return ()  # nothing dropped, or a head left without its complement ("Abu" of "Abu Kabir")
    base = " ".join(words)
    out = [base]
    words = base.split()
    if normalized.split()[: len(words)] == words and _CONSTRUCT_RE.search(words[-1]):
        out.append(" ".join([*words[:-1], words[-1][:-1] + "h"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from importlib import resources

    text = (resources.files("gazetteer") / "data" / "english_words.txt").read_text("utf-8")
    return frozenset(
        w for w in (ln.strip() for ln in text.splitlines()) if w and not w.startswith("#")
    )


def is_common_word(normalized: str) -> bool:
    """True when a normalised query is a frequent English word (``the``, ``school``).

    Such a query is matched only exactly: the list is data (``data/english_words.txt``).
    """
    return normalized in _common_words()
