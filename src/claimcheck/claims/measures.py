"""What a figure counts: the counted noun phrase, lemmatised and folded through synonyms, with scope words split off."""

from __future__ import annotations

import re

import attrs

from claimcheck.claims.alternation import prefix_tree
from claimcheck.claims.perconfig import per_configuration
from claimcheck.claims.row_figure import ROW_FIGURE
from claimcheck.config import ExtractionSettings

# Scope words change what is counted; they are kept apart from the measure so that "overseas offices"
# and "offices" never merge, while "attaché offices" and "overseas offices" do. Rates ("per day") are
# scopes too: a daily average is never compared with an annual total.
BUILTIN_SCOPES: dict[str, tuple[str, ...]] = {
    "international": (
        "international",
        "overseas",
        "abroad",
        "foreign",
        "attache",
        "attaché",
        "international operations",
        "international affairs",
    ),
    "domestic": ("domestic", "domestic operations"),
    "criminal": ("criminal",),
    "administrative": ("administrative",),
    "daily": ("per day", "daily", "a day", "each day", "every day", "per weekday", "a weekday"),
    "hourly": ("per hour", "hourly", "an hour", "each hour", "every hour"),
    "weekly": ("per week", "weekly", "a week", "each week", "every week"),
    "monthly": ("per month", "monthly", "a month", "each month", "every month"),
    "requested": ("requested", "proposed"),
    "enacted": ("enacted", "appropriated"),
    "actual": ("actual", "actuals"),
}
# Rate phrases that follow a counted phrase: "640,000 trips per day", "1,100 workers a day". Annual rates
# ("a year", "annually") are what a bare total means, so they add no scope.
_RATE_AFTER = re.compile(
    # "travelers processed on a typical day", "pounds seized each day", "firearms were found every day"
    # ("passengers commuting daily")
    r"(?:[ \t\u00a0]+(?:were|was|are|is))?(?:[ \t\u00a0]+(?:[a-z]{3,}(?:ed|en|ing)|found|caught|made|held|kept|sent))?"
    # ("790 refusals at ports of entry every day": where, then how often)
    r"(?:[ \t\u00a0]+(?:at|in|on|across|along)(?:[ \t\u00a0]+(?!(?:per|a|an|each|every)\b)[A-Za-z][\w'’.-]*){1,4}?"
    r"(?=[ \t\u00a0]+(?:per|each|every)\b))?"
    r"[ \t\u00a0]+(?:(?:per|a|an|each|every|each[ \t\u00a0]+and[ \t\u00a0]+every)[ \t\u00a0]+"
    r"(?:(?:business|working|calendar|school)[ \t\u00a0]+)?"
    r"(?P<unit>day|weekday|hour|week|month|year)|"
    r"(?P<adv>daily|hourly|weekly|monthly|annually|a[ \t\u00a0]+year)|"
    r"on[ \t\u00a0]+an?[ \t\u00a0]+(?:average|typical|given|normal|busy)[ \t\u00a0]+(?P<typical>weekday|day|week|month)|"
    # a reach over a time: "81% of adults each week, rising to 93% over a month"
    r"(?:over|across|in)[ \t\u00a0]+(?:a|one|the[ \t\u00a0]+course[ \t\u00a0]+of[ \t\u00a0]+a)[ \t\u00a0]+"
    r"(?P<over>week|month)"
    r"(?=[ \t\u00a0]*(?:[.,;)]|$)))\b",
    re.IGNORECASE,
)
_RATE_SCOPE = {"day": "daily", "weekday": "daily", "hour": "hourly", "week": "weekly", "month": "monthly"}
RATE_SCOPE = _RATE_SCOPE  # the scope a rate's span of time gives ("per week": weekly)
_RATE_ADVERBS = frozenset(_RATE_SCOPE.values())  # "daily", "monthly" …: each its own scope
RATE_SCOPES = _RATE_ADVERBS
_RATE_UNIT = {"daily": "day", "hourly": "hour", "weekly": "week", "monthly": "month"}
_ASIDE_END = re.compile(r"[—;()]|(?<![0-9])–|–(?![0-9])")  # (not a span's dash: "in 2022–23")
_WEEKDAYS = r"(?:week|mon|tues|wednes|thurs|fri|satur|sun)?day"
_RATE_BEFORE = re.compile(
    rf"\b(?:(?:(?:on\s+)?an?\s+(?:average|typical|given|busy|normal)|the\s+(?:average|typical))\s+{_WEEKDAYS}|"
    rf"daily\s+average|average\s+daily|"
    rf"(?:each|every|per)\s+{_WEEKDAYS})\b",
    re.IGNORECASE,
)

# --- A small lexicon: what ends a noun phrase. ------------------------------------------------
_STOP = frozenset(
    """for of involving who whom whose which that with within in into at on onto to from by across throughout including
    included around per than as while when where if because since until after before during among
    between over under nationwide worldwide statewide citywide countywide systemwide annually each every so such
    this these those their its
    his her our your a an the is are was were be been being has have had will would can could may
    might must shall should do does did not no nor but yet also more most less fewer about
    approximately approx some roughly nearly almost than both either neither all any other another
    above along alongside against amid behind below beneath beyond inside outside underneath near past toward
    towards upon via without except versus vs plus minus like unlike despite throughout till
    it they them we us he she him i you me my mine yours theirs ours there here then now today
    currently still already just only even alone together respectively altogether
    last next through worth too""".split()
)
# Base forms of common verbs. After a plural noun they end the phrase ("62 BEST teams work along …",
# "25 terminals employ …"); elsewhere they are as likely nouns ("support personnel"), so they only end
# a phrase after a noun that can be its subject.
_BASE_VERBS = frozenset(
    """work operate serve help provide support conduct include remain focus target combat use allow
    require lead oversee handle investigate remove identify detain seize secure make take give comprise
    go come keep become face fall live employ run carry cover reach handle hold manage maintain receive
    get need want show say tell find see know think pay cost spend earn save buy sell add cut grow rise
    drop increase decrease reduce expand build open close start begin end continue stay move travel
    arrive leave enter return report respond protect patrol guard inspect screen process review assist
    assess train hire fund administer deliver produce generate supply ship transport treat collect
    account represent participate qualify apply compete depend rely benefit suffer die attend study
    teach learn cause create offer need fly sail dock berth load unload contain reside wait ride board visit
    commute
    enforce exceed total average number range vary""".split()
)
# Third-person verbs that end a noun phrase. Hand-picked: many "-s" forms are as often plural nouns
# ("operating costs", "field reports", "tax returns").
_VERBS = frozenset(
    """focuses includes provides ensures supports operates conducts enforces manages serves helps works
    represents protects maintains employs targets combats uses allows requires leads oversees handles
    investigates removes identifies detains seizes secures makes takes gives remains comprises stands
    stood totaled totalled reached carries covers employ runs keeps receives patrols guards inspects
    processes assists delivers produces generates contains exceeds reflects brought became began grew rose
    fell comes came went took said says spread spreads flew drove ran rode sold held found made sent
    caught bought built gave wrote kept met paid won led saw told taught knew fought sought goes posted eases eased
    climbs slows slowed""".split()
)  # ("NTA said freight … reached": who said it is no noun)
FINITE_VERBS = _VERBS  # third-person and past forms: inside a run of words, they make it a clause
_PLURALS = frozenset("children people men women personnel staff police crews teams faculty".split())
_PLACE_ADVERBS = frozenset("online abroad overseas elsewhere".split())  # (nationwide, statewide …: in _STOP)
_PRONOUNS = frozenset("it its they them their we us he she him her this that these those which who whom".split())
_ING_NOUNS = frozenset(
    """smuggling trafficking funding housing training building offering landing spending staffing charging
    sentencing boarding warning filing screening meeting hearing opening crossing bombing shooting
    dwelling setting ceiling listing rating monitoring parking recycling permitting processing planning engineering
    lighting heating cooling nursing counseling tutoring fishing shipping mining manufacturing banking marketing
    printing camping teaching learning accounting catering farming polling cleaning""".split()
)
_INITIALS = re.compile(r"(?:(?:[A-Z]\.){2,}|u\.s\.|u\.k\.)(?=[ \t\u00a0]+[A-Za-z])")  # (an infographic's "u.s. jobs")
_LINKED_TO = re.compile(
    r"(?:related|tied|linked|attributed|attributable|connected|associated|due|owing)[ \t]+(?:to|with)\b", re.I
)
# "U.S.-based offices": the initials are part of the word, written as "US-based" is
_INITIALS_COMPOUND = re.compile(r"(?P<initials>(?:[A-Z]\.){2,})-(?P<rest>[A-Za-z]+)")
# (a noun must follow: "aliens administratively arrested in FY 2017" is a clause after the noun)
_PARTICIPLE_NOUN = re.compile(
    r"[ \t\u00a0]+([a-z]+(?:ed|wn|en))"
    r"(?=[ \t\u00a0]+(?!(?:in|on|at|by|for|from|to|with|of|during|since|and|or|as|after|before|under|over|through)\b)[a-z])"
)
# ("A&E", "R&D": an ampersand between capitals is inside one word)
# (a typographic dash between a capital and a digit stays inside the word: "K–12 students")
_WORD = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w)|(?<=[A-Z])[–‑](?=\d)|(?<=[A-Z])&(?=[A-Z]))*|\([A-Z]{2,8}\)")
_TYPOGRAPHIC_DASHES = str.maketrans("–‑", "--")
_NAMES_FTE = re.compile(r"\b(?:FTEs?|full[ -]time)\b", re.IGNORECASE)  # ("17,460 full-time equivalents (FTE)")
# (Up to ten words: "The fleet plan of the Northbridge Regional Transit Authority totals" needs its noun before the name,
# and a label's agent comes off after the match, "Riders with disabilities served by the Office of Access:".)
# a verb before "to" that a noun's plural also spells ("price rises of 3%"), or a verb and its particle: the link,
# not the measure's end ("Unemployment rate rises to 4.4%", "fare revenue amounts to")
_LINK_BEFORE_TO = re.compile(
    r"\s+(?:rises|falls|drops|jumps|amounts|amounted|works\s+out|worked\s+out|adds\s+up|added\s+up)$", re.IGNORECASE
)
_LOOKBACK = re.compile(
    # (a slash between digits stays inside a word: "maintenance spending in 2022/23 was")
    r"((?:(?:[\w'’–-]|(?<=\d)/(?=\d))+,?\s+){0,9}(?:[\w'’–-]|(?<=\d)/(?=\d))+,?)\s*"
    r"(?:(?:totals?|totaled|totalled|totaling|totalling|is|are|was|were|reached|"
    r"reaches|numbers|numbered|stands\s+at|stood\s+at|stand\s+at|of|at|costs?|came\s+to|comes\s+to|amounts?\s+to|"
    r"amounted\s+to|equals?|equaled|averaged|averages|averaging|rose\s+to|fell\s+to|grew\s+to|climbed\s+to|dropped\s+to|declined\s+to|"
    # what a part of a sum does: "of which county taxes provide $33.8 million"
    r"provides?|provided|contributes?|contributed|accounts?\s+for|accounted\s+for|makes?\s+up|made\s+up|"
    r"brings?\s+in|brought\s+in|generates?|generated|"
    # verbs that also hedge the figure: "Research spending exceeded $300 million"
    r"exceed(?:s|ed)|top(?:s|ped)|surpass(?:es|ed)|"
    # "1.41 million refunds worth $1.6 billion": the money the counted things are worth
    r"worth|valued\s+at|"
    # "brings the District's total generating capacity to 3,035 MW", "cut the rate to 3 percent"
    r"to)\s*|"
    # "Operating budget (FY 2021): $271.9 million": the label's period in brackets before its colon
    r"(?:\((?:FY|CY|fiscal\s+year|calendar\s+year)?\s?'?\d{2,4}(?:\s?[-–/]\s?'?\d{2,4})?\)\s*"
    # … or after a comma, or at a year's end: "Improper payment rate, FY 2022:", "Reserves at the end of 2022:"
    r"|,\s*(?:FY|CY|SFY|(?:state\s+|federal\s+)?fiscal\s+year|calendar\s+year)\s?'?\d{2,4}"
    r"(?:\s?[-–/]\s?'?\d{2,4})?\s*"
    r"|\s+(?:at|by)\s+the\s+(?:end|close)\s+of\s+(?:(?:fiscal|calendar)\s+year\s+|FY\s?|CY\s?)?\d{4}\s*"
    # … or after "in" or "as of": "Spending in fiscal year 2022–23:", "Buses in service as of June 30, 2023:"
    r"|\s+(?:in|during|for)\s+(?:FY|CY|SFY|(?:state\s+|federal\s+)?fiscal\s+year|calendar(?:\s+year)?|school\s+year)?\s?'?\d{2,4}"
    r"(?:\s?[-–/]\s?'?\d{2,4})?\s*"
    r"|\s+as\s+of\s+(?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},\s+)?)?\d{4}\s*)?:\s*)$"
)
# The last word of each alternative of _LOOKBACK's linking words (it is case-sensitive), and its colon.
_LOOKBACK_ENDINGS = tuple(
    """total totals totaled totalled totaling totalling is are was were reached reaches numbers numbered at of cost
    costs to equal
    equals equaled averaged averages averaging provide provides provided contribute contributes contributed for up in generate generates
    generated exceeds exceeded tops topped surpasses surpassed worth :""".split()
)
# ("BBC Studios’ profit": a name's plural possessive)
_POSSESSOR = re.compile(
    r"^(?:[A-Z][\w.&-]*(?:'s|’s)\s+|(?-i:(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*s['’])\s+|(?:the|a|an|its|their|our)\s+)+",
    re.IGNORECASE,
)
_AUX_PARTICIPLE = re.compile(
    r"\s+(?:is|are|was|were|be|been|being|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|nt)$",
    re.IGNORECASE,
)
# ("Improper payment rate, FY 2022:", "Trust fund reserves at the end of calendar year 2022:")
_TIME_TAIL = re.compile(
    r"(?:(?:\s*,\s*|\s+|^)(?:in|during|for|as\s+(?:of|at)|since|through|(?:at|by)\s+the\s+(?:end|close)\s+of|at)?\s*"
    # (a split year too: "in FY 2022-23", "in fiscal year 2022–23", "in the 2023–24 school year")
    # ("for Fiscal 2024", "in financial year 2022")
    r"(?:(?:FY|CY|SFY|calendar|(?:(?:state|federal)\s+)?(?:fiscal|calendar|school|financial)\s+year|fiscal)\s?\d{2,4}"
    r"(?:\s?[-–/]\s?'?\d{2,4})?"
    r"|(?:the\s+)?(?:19|20)\d{2}(?:[-–/](?:19|20)?\d{2}(?:\s+(?:school|fiscal|academic|financial)\s+year)?)?"
    r"|(?:(?<=\bin\s)|(?<=during\s))\d{2}\s?[-–/]\s?\d{2}"  # ("receipts during 22-23 were")
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d{2}|[A-Z][a-z]{2,8}\.?\s+(?:19|20)\d{2}"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\s+(?:19|20)\d{2}"  # ("Staff in post at 30 September 2024 was")
    r"|(?:Q[1-4]|H[12])\s?(?:19|20)\d{2}"  # ("Median resale price, Q2 2023:")
    r"|(?:last|this|next|the|that|the\s+same)\s+"
    r"(?:fiscal\s+)?(?:year|month|week|quarter)|to\s+date|so\s+far))+$",
    re.IGNORECASE,
)
_PREDICATE = re.compile(
    r"[ \t\u00a0]+(?:are|were|is|was)[ \t\u00a0]+(?P<adj>(?:[a-z]+ly[ \t\u00a0]+)?[a-z][a-z]*(?:-[a-z]+)*)"
    r"(?=[ \t\u00a0]*(?:[,;.)]|and\b|but\b|$))"
)
_ADJ_SUFFIXES = ("al", "ic", "ive", "ous", "able", "ible", "ary", "ful", "less", "ant", "ent")


# --- Lemmas. ------------------------------------------------------------------------------------
_IRREGULAR = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "leaves": "leaf",
    "thieves": "thief",
    "halves": "half",
    "wolves": "wolf",
    "shelves": "shelf",
    "analyses": "analysis",
    "bases": "base",
    "crises": "crisis",
    "theses": "thesis",
    "diagnoses": "diagnosis",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "data": "data",
    "media": "media",
    "indices": "index",
    "appendices": "appendix",
    "matrices": "matrix",
    "vertices": "vertex",
    "buses": "bus",
    "gases": "gas",
    "statuses": "status",
    "viruses": "virus",
    "campuses": "campus",
    "censuses": "census",
    "heroes": "hero",
    "echoes": "echo",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "vetoes": "veto",
    "torpedoes": "torpedo",
    # the staff a body has ("staffing is down from a high of 11,000"), as pages write it for the headcount
    "staffing": "staff",
}
_PLURAL_OF = {v: k for k, v in _IRREGULAR.items() if k != v}
# Words that look plural but are not, or do not change: "personnel", "series", "species", "news".
_INVARIANT = frozenset(
    """personnel staff police series species news means headquarters aircraft offspring sheep deer fish
    swine equipment information evidence software hardware crossroads barracks customs arms sales goods
    savings earnings proceeds thanks premises outskirts politics economics statistics physics ethics
    logistics mathematics athletics gymnastics data media criteria us gas bus status virus campus census
    chassis corps""".split()
)
_SS = ("ss", "us", "is", "ous")


def lemma(word: str) -> str:
    """The singular of a (lower-case) English noun: "offices" → "office", "countries" → "country",
    "analyses" → "analysis", "personnel" → "personnel". Rule-based; right for the nouns pages count."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _INVARIANT or len(w) < 4 or not w.endswith("s") or w.endswith(_SS):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ves") and w[:-3] + "f" in _F_NOUNS:
        return w[:-3] + "f"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("oes") and w[:-2] in _PLURAL_OF.values():
        return w[:-2]
    return w[:-1]


_F_NOUNS = frozenset("leaf half wolf shelf thief calf loaf self sheaf".split())


def plural(word: str) -> str:
    """The plural of a singular (lower-case) noun: "office" → "offices", "country" → "countries"."""
    w = word.lower()
    if w in _PLURAL_OF:
        return _PLURAL_OF[w]
    if w in _INVARIANT or w.endswith("ing"):
        return w
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    if w.endswith(("s", "sh", "ch", "x", "z")):
        return w + "es"
    return w + "s"


def key(phrase: str) -> str:
    """A folded phrase with its head noun (the last word) lemmatised: the form synonyms are looked up by."""
    head, sep, last = phrase.rpartition(" ")
    if not last or not last.isalpha():
        return phrase
    if sum(c.isupper() for c in last) >= 2:
        # "DUIs", "SACs": an acronym's plural is the acronym
        return f"{head}{sep}{last[:-1]}" if last.endswith("s") and last[:-1].isupper() else phrase
    return f"{head}{sep}{lemma(last)}"


# --- The counted phrase. ----------------------------------------------------------------------


@attrs.frozen
class Phrase:
    text: str  # the counted noun phrase as written (may be "")
    qualifier: str  # a short "for X" / "of X" / "in X" after it
    tail_scopes: tuple[str, ...]  # scope words in a following "with/in/involving …" clause
    subject_words: str = ""  # a subject named inside the phrase ("26 HSI Special Agent … offices")
    end: int = 0  # where the phrase (and its qualifier) ends


_OF_THE = re.compile(r"\s+of\s+(?:all\s+(?:of\s+)?)?(?:the\s+|these\s+|those\s+|its\s+|their\s+|our\s+|his\s+|her\s+)?")
# Whose the whole is, after "of the": "60 per cent of the NRA’s (£2.1 billion) budget" is a share of the budget
_OWNER_FIRST = re.compile(
    r"[A-Z][\w.&-]*(?:[ \t]+[A-Z][\w.&-]*){0,4}['’]s[ \t]+"
    r"(?:[$€£]?[0-9][0-9,.]*(?:[ \t]+(?:thousand|million|billion|trillion))?[ \t]+)?(?=[A-Za-z])"
)
_SPACE = re.compile(r"\s*")
# (a bare "with" phrase narrows the kind: "6,480 riders with disabilities" are not all riders)
_QUALIFIER = re.compile(
    # (a lone letter is no noun: "$2.75 billion in P.L. 117-12" cites a law)
    r"\s+(for|of|involving|with)\s+([a-z][\w-]+(?:\s+[a-z][\w-]*)?)(?=\s*(?:[,;.]|and\b|$))"
    r"|\s+(in|under)\s+((?!the\b|a\b|an\b|its\b|their\b|our\b|this\b|more\b|over\b|about\b)[a-z][a-z-]+)"
    r"(?=\s*(?:[,;.)]|and\b|or\b|each\b|every\b|per\b|a\s+day\b|$))"
)
# (an aside in brackets is no part of the clause: "59,400 people in FY 2023 (about 163 a day)")
_TAIL = re.compile(r"\s+(?:with|in|involving|for|of)\s+([^,;.()\[\]]{0,60})")
_LETTERS = re.compile(r"[A-Za-z]+")


# "$2.6 billion in budget authority", but not "$88.1 million in fiscal year 2020", "$5 million in 2021" or "in FY2022"
_IN_MONEY = re.compile(
    r"\s+in\s+(?:new\s+)?(?!fy\d)(?!p\.\s*l\.|pub\.\s*l\.|pl\s+\d)(?!(?:fiscal|financial|academic|fy|calendar|the|a|an|its|their|this|that|each|every|total|all|"
    # where the amount is written down, not what it is: "$9,163.9 million in Public Law 118-71", "in Section 2"
    r"public\s+laws?|sections?|title|division|chapter|table|figure|appendix|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b)(?=[a-z])",
    re.IGNORECASE,
)


# "$571.0 million for the capital improvement program": what the money is for, but not "for each", "for the year"
_FOR_MONEY = re.compile(
    r"\s+for\s+(?:the\s+|its\s+|their\s+|our\s+)?(?!(?:fiscal|financial|academic|fy|calendar|each|every|all|the|a|an|this|that|these|"
    r"those|first|second|third|next|last|year|years|month|months|week|weeks|quarter|period|time|times|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b)"
    # a lower-case purpose of two words or more: "for PED", "for the Valley Flyer" name who gets it, not what it is,
    # and "for ferries" stays a qualifier of what the amount is part of ("includes $2.8 billion for ferries")
    r"(?-i:(?=[a-z][\w-]*\s+[a-z]))"
    # nor who pays it: "$34,150 for out-of-state students" is the students' tuition
    r"(?!(?:[\w-]+\s+){0,2}(?:students|residents|people|persons|families|households|customers|members|veterans|"
    r"children|adults|seniors|patients|employees|workers|participants|riders|visitors)\b)",
    re.IGNORECASE,
)


_TO_DATE = re.compile(r"(?:fiscal\s+|calendar\s+)?year[\s-]+to[\s-]+date\b", re.IGNORECASE)


# "$96.2 million came from the General Fund": where the money is from is what it is
# A determiner that starts a verb's object ("marks a 7 percent increase"), not a rate ("routes a day")
_VERB_OBJECT = re.compile(
    r"[ \t\u00a0]+(?:a|an|the)[ \t\u00a0]+(?!(?:day|week|month|year|weekday|hour|minute|second|night|quarter|season)\b)"
    r"[A-Za-z0-9]",
    re.IGNORECASE,
)
_WORTH_OF = re.compile(r"\s+worth\s+of\s+(?:the\s+)?(?=[A-Za-z])", re.IGNORECASE)  # "$6.3 billion worth of imports"
_FROM_MONEY = re.compile(r"\s+(?:came|comes|come)\s+from\s+(?:the\s+)?(?=[A-Za-z])", re.IGNORECASE)


# "a $3M state grant and $2.0 million from the city's general fund": money drawn from a fund is that fund's money,
# not more of the amount before it
_FROM_FUND = re.compile(
    r"\s+from\s+(?:the\s+|its\s+|their\s+|our\s+)?(?:[\w&.-]+(?:\s+[\w&.-]+){0,2}['’]s\s+)?"
    r"((?:[A-Za-z][\w-]*\s+){0,3}(?:[Ff]unds?|[Rr]eserves?|[Aa]ccounts?|[Gg]rants?|[Ll]oans?|[Bb]onds?|proceeds|levy|"
    r"allocations?|appropriations?))\b"
)
# "spent $2 million on vehicles and $1 million on radios": what each amount went on tells the two apart
_ON_MONEY = re.compile(
    r"\s+(on)\s+(?:the\s+|its\s+|their\s+|new\s+)?((?!the\b|a\b|an\b|average\b|behalf\b)[a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
    # (a time may follow: "spent £420m on maintenance in 2022-23")
    r"(?=\s*(?:[,;.]|and\b|or\b|$)|\s+(?:in|during)\s+(?:FY|fiscal|financial|calendar|(?:19|20)\d\d))"
)
# A figure restated exactly in brackets counts the same noun: "813.8 million (813,791,287) passengers" — the noun
# follows the bracket for both figures.
_RESTATED = re.compile(r"[ \t\u00a0]*\([ \t\u00a0]*[$€£]?\d[\d,.]*(?:[ \t\u00a0]+(?:thousand|million|billion))?[ \t\u00a0]*\)(?=[ \t\u00a0]+[A-Za-z])")
_RESTATEMENT_OPENS = re.compile(r"(?:\d|thousand|million|billion)[ \t\u00a0]*\([ \t\u00a0]*[$€£]?\d[\d,.]*\Z")
_RESTATEMENT_CLOSES = re.compile(r"[ \t\u00a0]*\)(?=[ \t\u00a0]+[A-Za-z])")
_MODIFIER_LIST = re.compile(
    r"(?P<kinds>(?:,[ \t]+[a-z]+(?![\w-]))+),?[ \t]+and[ \t]+(?P<last>[a-z]+)[ \t]+(?P<noun>[a-z]+s)\b(?![ \t]+(?:and|or)\b)"
)
_TIME_COUNTS = frozenset("days weeks months nights hours".split())
# A year between a figure and its noun dates the noun, it does not name it: "$8.1 billion FY 2019 budget",
# "1,200 FY19 removals", "a $2 million 2023 grant" (the period is read by periods.py).
_YEAR_ADJECTIVE = re.compile(
    r"(?:S?FY\s?'?(?:\d{4}|\d{2})|(?:fiscal|calendar)\s+year\s+(?:19|20)\d{2}|(?:19|20)\d{2})[ \t\u00a0]+(?=[A-Za-z])"
)
_DAYS_WITH = re.compile(
    r"\s+with\s+((?:(?!and\b|or\b|in\b|on\b|at\b|for\b|during\b)[a-z][\w-]*\s*){1,3})(?=[,.;:)]|\s|$)"
)


def counted_phrase(text: str, pos: int, limit: int, *, money: bool = False) -> Phrase:
    """The noun phrase that follows a figure ending at ``pos`` (up to ``limit``, the sentence end).

    ``money``: the figure is an amount of money, so "$2.6 billion in budget authority" and "$40 million in
    grants" name what the money is.
    """
    words: list[str] = []
    i = pos
    qualifier = ""
    more = False
    # "pounds of fentanyl", "240 of the buses": skip the "of" when nothing came yet.
    m = _OF_THE.match(text, i, limit) or (
        (
            _IN_MONEY.match(text, i, limit) or _FOR_MONEY.match(text, i, limit) or _FROM_MONEY.match(text, i, limit)
            or _WORTH_OF.match(text, i, limit)
        )
        if money
        else None
    )
    if m:
        i = m.end()
        if m.re is _OF_THE and (owner := _OWNER_FIRST.match(text, i, limit)) is not None:
            i = owner.end()
    elif (r := _RESTATED.match(text, i, limit)) is not None or (
        (r := _RESTATEMENT_CLOSES.match(text, i, limit)) is not None
        and _RESTATEMENT_OPENS.search(text[max(0, pos - 40) : pos]) is not None
    ):
        i = r.end()
    elif money and (f := _FROM_FUND.match(text, i, limit)) is not None:
        return Phrase(f.group(1), "", (), end=f.end())
    while len(words) < 6:
        j = _skip_space(text, i, limit)
        if not words and (y := _YEAR_ADJECTIVE.match(text, j, limit)):
            i = y.end()
            continue
        if not words and text[j : j + 1] in "“\"" and (qn := _QUOTED_NAME.match(text, j, limit)) is not None:
            words.extend(qn.group("name").split())  # "211 “15 Most Wanted” fugitives": a list's name, then the noun
            i = qn.end()
            continue
        if (ab := _INITIALS.match(text, j, limit)) is not None:
            i = ab.end()  # "878,500 new U.S. citizens", "$55,041 in U.S. currency": a country's initials, not the noun
            continue
        if (ab := _INITIALS_COMPOUND.match(text, j, limit)) is not None:
            words.append(ab.group("initials").replace(".", "") + "-" + ab.group("rest"))
            i = ab.end()
            continue
        # ("30 search & rescue cases", "90,000 crew & passengers": an ampersand is an "and")
        w = _AMPERSAND.match(text, j, limit) if words else None
        w = w or _WORD.match(text, j, limit)
        if not w:
            break
        word = w.group(0).translate(_TYPOGRAPHIC_DASHES)
        low = "and" if word == "&" else word.lower()
        if low.endswith("ly") and (pp := _PARTICIPLE_NOUN.match(text, w.end(), limit)) is not None:
            words += [low, pp.group(1)]  # "307,680 privately owned vehicles", "40 federally funded clinics"
            i = pp.end(1)
            continue
        if word.startswith("("):
            if words and word.strip("()").upper() in ("FTE", "FTES") and not _NAMES_FTE.search(" ".join(words)):
                words.insert(0, "FTE")  # "1,640 staff (FTE)": full-time equivalents, as "1,640 FTE staff", no headcount
            i = w.end()  # an acronym in brackets inside a name: "(SAC)"
            continue
        if low in _NUMBER_WORDS or low in ("one", "a", "an"):
            break  # another figure starts here: "19 percent two years earlier"
        if low in ("year", "fiscal", "calendar") and _TO_DATE.match(text, j, limit):
            break  # "6.6 minutes year to date": when, not what
        if not words and _LINKED_TO.match(text, j, limit) is not None:
            break  # "with 28,065 related to federal cases": how the figure's things are linked, no noun of theirs
        if low in ("such", "other") and not words:
            i = w.end()  # "about 900 such reviews a year", "more than 400 other offices": the reviews, the offices
            continue
        if low == "more" and not words and not _THAN.match(text, w.end(), limit):
            words.append("additional")  # "12 more electric buses": an increment, as "12 additional buses"
            more = True
            i = w.end()
            continue
        if low == "and" or low == "or":
            nxt = _WORD.match(text, _skip_space(text, w.end(), limit), limit)
            if not words or not nxt:
                break
            n_low = nxt.group(0).lower()
            if (words[-1].lower(), n_low) in _AND_COMPOUNDS:
                words.append(low)  # "64 search and rescue cases": one thing, whose second word is also a verb
                i = w.end()
                continue
            if n_low in _STOP or n_low in _VERBS or n_low in _NUMBER_WORDS or n_low in _ACTION_FORMS:
                break  # "22 branches and two bookmobiles", "miles of trail and rebuilt 64 bridges"
            if n_low in _PLACE_ADVERBS:
                break  # "two campuses and online": a place, not a second counted noun
            if n_low in _BASE_VERBS and _object_follows(text, nxt.end(), limit):
                break  # "buses and add 12 ferry routes": a verb, not a second noun ("and support personnel")
            if n_low.endswith("s") and _FIGURE_OBJECT.match(text, nxt.end(), limit):
                break  # "five developments and administers more than 6,400 vouchers" (or "… the city's program")
            words.append(low)
            i = w.end()
            continue
        if low in ("in", "of", "for") and words and _title_run(words) and _capital_next(text, w.end(), limit):
            words.append(low)  # "Special Agent in Charge": lower-case glue inside a capitalised name
            i = w.end()
            continue
        if words and _ROMAN.fullmatch(w.group(0)) and words[-1].lower() in _NUMBERED_PARTS:
            words.append(w.group(0))  # "3,709 Part I crimes", "40 Type II incidents": which part, not a pronoun
            i = w.end()
            continue
        if low in _STOP or (
            words
            and (
                low in _VERBS or verb_like(low)
                or (low.endswith("ly") and not _rate_inside(low, text, w.end(), limit))
            )
        ):
            break
        if not words and low in _VERBS:
            break  # "a budget of $8.3 billion includes …": the verb of the sentence, not what is counted
        if not words and low == "out" and _OF_NEXT.match(text, w.end(), limit):
            break  # "taken £300 million out of its budget": where the money came from, not what it is
        if not words and low.endswith("ed") and verb_like(low) and _DETERMINED.match(text, w.end(), limit):
            break  # "61 percent rated the service good": a past tense with its object, not the counted noun
        if money and not words and _REDUCED_EVENT.match(text, i, limit) is not None:
            break  # "$9.1 billion provided by Congress": how the money moved (money_event_after), not what it is
        if words and low in _BASE_VERBS and _can_be_subject(words[-1]):
            break
        if words and words[-1].endswith("s") and low.endswith("s") and _VERB_OBJECT.match(text, w.end(), limit):
            break  # "4,239 firearms marks a 7 percent increase": a plural noun, then its verb and the verb's object
        words.append(word)
        i = w.end()
    if len(words) == 1 and not words[0].endswith("s"):
        listed = _MODIFIER_LIST.match(text, i, limit)
        if listed is not None:
            # "74,417 truck, rail, and sea containers": kinds of one noun, listed before it
            kinds = [words[0].lower(), *_LETTERS.findall(listed.group("kinds")), listed.group("last")]
            words = [", ".join(kinds[:-1]), "and", kinds[-1], listed.group("noun")]
            i = listed.end()
    if words and words[-1].lower() in ("and", "or", "in", "of", "for"):
        words.pop()
    if len(words) == 1 and words[0].lower() in _TIME_COUNTS:
        what = _DAYS_WITH.match(text, i, limit)
        if what is not None:
            # "11 days with unhealthy air": a count of days is a count of what happened on them
            words, i = [words[0], "with", *what.group(1).split()], what.end()
    if more and not (len(words) > 2 or any(w.endswith("s") for w in words[1:])):
        words, i = [], pos  # "hundreds of thousands more qualify": "more" ends the figure, no noun follows
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        words = []
    end = i
    q = _QUALIFIER.match(text, i, limit) or (_ON_MONEY.match(text, i, limit) if money and not words else None)
    if q is None and len(words) == 1 and words[0].lower() in _CLASSIFIERS:
        # "242.6 million pieces of First-Class Mail": what the pieces are of is what is counted, a name too
        q = _CLASSIFIED.match(text, i, limit)
    if q:
        prep, obj = (q.group(1), q.group(2)) if q.group(1) else (q.group(3), q.group(4))
        if obj.split()[0] not in _STOP and obj not in _PRONOUNS:
            qualifier = f"{prep} {obj}"
            end = q.end()
    if words and not qualifier:
        p = _PREDICATE.match(text, i, limit)
        if p and _adjective(p.group("adj")):
            words.insert(0, p.group("adj"))  # "240 of the buses are battery-electric"
    tail = _TAIL.match(text, i, limit)
    tail_scopes = tuple(w.lower() for w in _LETTERS.findall(tail.group(1))) if tail else ()
    return Phrase(" ".join(words), qualifier, tail_scopes, end=end)


_AMPERSAND = re.compile(r"&(?=[ \t])")
# Nouns that only measure out what follows their "of" ("pieces of mail", "items of Priority Mail")
_CLASSIFIERS = frozenset("pieces items units parcels".split())
_CLASSIFIED = re.compile(r"\s+(of)\s+((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)\b(?!\s+[A-Z])")
# Pairs joined by "and" that name one thing ("search and rescue cases"), where the second word could start a clause
_AND_COMPOUNDS = frozenset(
    (a, b)
    for a, b in (w.split("+") for w in """search+rescue research+development operations+maintenance
        repair+maintenance maintenance+repair arrival+departure fish+wildlife oil+gas health+safety
        weights+measures import+export imports+exports""".split())
)
_QUOTED_NAME = re.compile(r"[“\"](?P<name>[\w'’ -]{2,40}?)[”\"]")
_THAN = re.compile(r"\s+than\b|\s*[,.;:]|\s*$", re.IGNORECASE)
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
    hundreds thousand thousands million millions dozen dozens""".split()
)
_OBJECT = re.compile(
    r"\s+(?:\d|[$€£]|(?:a|an|the|its|their|new|more|some|up|about|over|nearly|at\s+least|at\s+most)\b)",
    re.IGNORECASE,
)


# What follows a verb (not a plural noun) after "and": its own figure, or a determiner ("and administers the city's …").
_FIGURE_OBJECT = re.compile(
    r"\s+(?:\d|[$€£]|(?:more\s+than|about|over|nearly|almost|at\s+least|roughly|approximately)\s+[$€£\d]"
    r"|(?:the|an?|its|their|our)\s(?!(?:day|week|month|year|hour|quarter|night|shift)\b))",
    re.IGNORECASE,
)


def _object_follows(text: str, i: int, limit: int) -> bool:
    return _OBJECT.match(text, i, limit) is not None


def _adjective(phrase: str) -> bool:
    last = phrase.split()[-1].lower()
    if last.endswith(("ed", "ing")) and "-" not in last:
        return False  # "were arrested", "are growing": verbs, not properties
    if "-" in last:
        return not last.endswith("s")  # "battery-electric", but "e-books" is a noun
    return last.endswith(_ADJ_SUFFIXES)


def _can_be_subject(word: str) -> bool:
    low = word.lower()
    return low.endswith("s") or low in _PLURALS


def _skip_space(text: str, i: int, limit: int) -> int:
    while i < limit and text[i].isspace():
        i += 1
    return i


def _title_run(words: list[str]) -> bool:
    return words[-1][:1].isupper()


def _capital_next(text: str, i: int, limit: int) -> bool:
    j = _skip_space(text, i, limit)
    return j < limit and text[j].isupper()


def _rate_inside(low: str, text: str, pos: int, limit: int) -> bool:
    """Whether a rate adverb ending at ``pos`` sits inside its noun phrase: "42,700 average daily flights" (a noun
    follows), not "9,000 trips weekly and …"."""
    if low not in _RATE_ADVERBS:
        return False
    nxt = _WORD.match(text, _skip_space(text, pos, limit), limit)
    following = nxt.group(0).lower() if nxt is not None else ""
    return following.isalpha() and following not in _STOP and following not in _VERBS and following not in ("and", "or")


def verb_like(low: str) -> bool:
    """Whether a lower-case word reads as a participle or gerund, which ends a noun phrase."""
    # Past participles and gerunds end a noun phrase: "special agents deployed", "statutes pertaining"; a
    # compound adjective does not ("forest-based campgrounds", "state-owned ferries"; but "re-entered").
    return (
        len(low) > 4 and (low.endswith("ed") or low.endswith("ing")) and low not in _ING_NOUNS
        and ("-" not in low or low.startswith(("re-", "co-", "pre-", "un-", "de-")))
    )


# A rate after the last item of a list is every item's: "about 18,700 passengers and 348 takeoffs and landings a day".
_LIST_ITEM = (
    r"(?:(?:about|nearly|almost|roughly|some|over|more[ \t\u00a0]+than)[ \t\u00a0]+)?[$]?\d[\d,.]*"
    r"(?:[ \t\u00a0]+(?:million|thousand|billion))?"
)
_RATE_WORDS = r"(?:per|a|an|each|every)\b"
# "… 2,354 apprehensions between ports of entry, 23 arrests of wanted criminals, and 790 refusals every day": the
# rest of the item, more items, then the last, whose rate is the list's
_LIST_TO_RATE = re.compile(
    rf"(?:[ \t\u00a0]+(?!and\b|or\b|{_RATE_WORDS})[A-Za-z][\w'’.-]*){{0,6}}"
    rf"(?:,[ \t\u00a0]+{_LIST_ITEM}(?:[ \t\u00a0]+(?!and\b|or\b|{_RATE_WORDS})[A-Za-z][\w'’.-]*){{1,6}})*"
    # (", or about 2.3 million a day" restates the figure before at its rate: no item of a list)
    rf"(?:,?[ \t\u00a0]+and|[ \t\u00a0]+or)[ \t\u00a0]+{_LIST_ITEM}"
    rf"(?:[ \t\u00a0]+(?!{_RATE_WORDS}|(?:million|thousand|billion)\b)[A-Za-z][\w'’.-]*){{1,7}}?"
    r"(?=[ \t\u00a0]+(?:(?:per|a|an|each|every|each[ \t\u00a0]+and[ \t\u00a0]+every)[ \t\u00a0]+"
    r"(?:(?:business|working|calendar|school)[ \t\u00a0]+)?(?:day|weekday|hour|week|month)|daily|hourly|weekly|monthly)\b)",
    re.IGNORECASE,
)


def list_rate_after(text: str, pos: int, limit: int) -> str | None:
    """The rate a list's last item is given at, for an earlier item ending at ``pos`` ("… passengers and 348
    takeoffs a day" → "daily" for the passengers); None when no such list follows."""
    m = _LIST_TO_RATE.match(text, pos, limit)
    return rate_after(text, m.end(), limit) if m is not None else None


# The rest of a list whose items name only a kind ("48 elementary, 14 middle and 10 high schools"): more one-word
# items, then the last, whose last word is the noun of them all.
_LIST_TO_NOUN = re.compile(
    r"(?:,[ \t\u00a0]+\d[\d,.]*[ \t\u00a0]+[a-z][\w-]*)*,?[ \t\u00a0]+(?:and|or)[ \t\u00a0]+\d[\d,.]*"
    r"[ \t\u00a0]+[a-z][\w-]*[ \t\u00a0]+(?P<noun>[a-z][\w-]*s)\b(?![ \t\u00a0]*[\w-])"
)


# "8.5 prior arrests per defendant", "8.7 prior arrests and 2.3 prior convictions per defendant": an average per
# head of something, not a total (times are rates, see _RATE_AFTER; "per 100,000" is a unit, see quantities)
_PER_NOUN_AFTER = re.compile(
    r"(?:[ \t\u00a0]+(?:and|or)[ \t\u00a0]+[$]?\d[\d,.]*(?:[ \t\u00a0]+(?!per\b)[a-z][\w-]*){1,3})?"
    r"[ \t\u00a0]+per[ \t\u00a0]+(?!(?:cent|se|day|weekday|week|month|year|hour|minute|second|annum|quarter|"
    r"semester|term|shift|night|school|business|working|calendar|operating|cubic|square|capita)\b)"
    r"(?P<noun>[a-z][\w-]*)\b(?![ \t\u00a0]*\d)",
    re.IGNORECASE,
)


def per_noun_after(text: str, pos: int, limit: int) -> str | None:
    """The noun a figure's phrase ending at ``pos`` is counted per ("per defendant" → "defendant"), or None."""
    m = _PER_NOUN_AFTER.match(text, pos, limit)
    return m.group("noun").lower() if m is not None else None


# "2,400 graduate, postdoctoral and mid-career fellows": kinds listed before the one noun that counts them all
_KINDS_TO_NOUN = re.compile(
    r"(?:,[ \t\u00a0]+[a-z][\w-]*)*,?[ \t\u00a0]+(?:and|or)[ \t\u00a0]+[a-z][\w-]*[ \t\u00a0]+(?P<noun>[a-z][\w-]*s)\b"
    r"(?![ \t\u00a0]+(?:and|or)\b)"
)


def kinds_noun_after(text: str, pos: int, limit: int) -> str | None:
    """The noun after a list of kinds whose first item ends at ``pos`` ("graduate, postdoctoral and mid-career
    fellows" → "fellows" for "graduate"), or None."""
    if not text.startswith(",", pos) and not text.startswith(" and ", pos) and not text.startswith(" or ", pos):
        return None
    m = _KINDS_TO_NOUN.match(text, pos, limit)
    if m is None or any(w.lower() in _STOP or w.lower() in _VERBS for w in m.group(0).replace(",", " ").split()):
        return None
    return m.group("noun")


def list_noun_after(text: str, pos: int, limit: int) -> str | None:
    """The noun a list's last item names for an earlier item ending at ``pos`` that names only a kind ("48
    elementary, 14 middle and 10 high schools" → "schools" for "elementary"); None when no such list follows."""
    m = _LIST_TO_NOUN.match(text, pos, limit)
    return m.group("noun") if m is not None else None


def rate_after(text: str, pos: int, limit: int) -> str | None:
    """The rate a phrase ending at ``pos`` is given at ("per day" → "daily"); "" for an annual rate."""
    m = _RATE_AFTER.match(text, pos, limit)
    if m is None:
        return None
    unit = (m.group("unit") or m.group("adv") or m.group("typical") or m.group("over") or "").lower()
    if unit in _RATE_ADVERBS:
        return unit  # "70,334 containers daily"
    for word, scope in _RATE_SCOPE.items():
        if unit.startswith(word):
            return scope
    return ""


_PEAK_BEFORE = re.compile(
    r"\b(?:(?:the|its|a|our)\s+)?(?:busiest|peak|record|highest)[\s-]+(?:single[\s-]+)?(?:day|hour|week|month)\b",
    re.IGNORECASE,
)


# A peak named right after the phrase: "2.6 million passengers screened on November 27, 2022, the busiest day in
# agency history", "12,000 calls on its busiest day".
_PEAK_AFTER = re.compile(
    r"(?:[ \t\u00a0]+[a-z]{3,}(?:ed|en))?(?:[ \t\u00a0]+on)?"
    r"(?:[ \t\u00a0]+(?:[A-Z][a-z]{2,8}\.?[ \t\u00a0]+\d{1,2}(?:,?[ \t\u00a0]+(?P<year>(?:19|20)\d\d))?"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?)?"
    r"[ \t\u00a0]+(?:the|its|our|their)[ \t\u00a0]+(?:single[ \t\u00a0]+)?(?:busiest|peak|record)[ \t\u00a0-]+"
    r"(?:single[ \t\u00a0-]+)?(?:day|hour|week|month)\b"
)


def peak_after(text: str, pos: int, limit: int) -> tuple[str, int | None] | None:
    """("peak", the year of the day it names or None) when the phrase ending at ``pos`` is said to be of a busiest
    day, hour, week or month; else None."""
    m = _PEAK_AFTER.match(text, pos, limit)
    if m is None:
        return None
    return "peak", int(m.group("year")) if m.group("year") else None


_NEXT_CLAUSE = re.compile(r"[,;]|\b(?:and|but|while|whereas)\b")
_DIGIT = re.compile(r"\d")


def rate_before(text: str, start: int, pos: int) -> str | None:
    """"On an average day it held 31,000 …": a daily rate named before the figure, in the same sentence; "The
    busiest day of the season brought nearly 11,000 passengers": a peak, never the season's total."""
    low = text[start:pos].lower()
    if "day" not in low and "hour" not in low and "week" not in low and "month" not in low:
        return None
    peak = _PEAK_BEFORE.search(text, start, pos)
    if peak is not None and not _ASIDE_END.search(text, peak.end(), pos):
        return "peak"
    if "day" not in low:
        return None
    m = _RATE_BEFORE.search(text, start, pos)
    if m is not None and _NEXT_CLAUSE.search(text, m.end(), pos) and _DIGIT.search(text, start, m.start()):
        return None  # "1,200 calls per day, and has 40 buses": the rate was the calls'
    # an aside between dashes or brackets keeps its rate: "… — 1,500 on a typical weekday — with a rate of 91 %"
    return "daily" if m and not _ASIDE_END.search(text, m.end(), pos) else None


def rate_in_label(text: str, start: int, end: int) -> str | None:
    """The rate a heading or a lead-in names for what is listed under it ("On a Typical Day in FY 2016"), or None."""
    if text.find("day", start, end) < 0 and text.find("Day", start, end) < 0 and text.find("DAY", start, end) < 0:
        return None
    return "daily" if _RATE_BEFORE.search(text, start, end) is not None else None


_LEADER_LABEL = re.compile(r"[ \t]*(?P<label>[A-Za-z#][^\n]{1,80}?)[ \t]*(?:\.{4,}|…{2,})[ \t]*")
_DASH_LABEL = re.compile(r"[ \t]*(?:#[ \t]*)?(?P<label>[A-Za-z][^\d–—:;.!?]{2,60}?(?:\d{2,4}[^\d–—:;.!?]{0,20}?)?)[ \t]+[–—][ \t]*")


# A line's label before its one figure, also a pipe table's row left in plain text ("Special Agents | 2,631 |");
# no figure among its words (a row of several figures is a table's, its columns periods or kinds)
_DATED_LABEL_END = re.compile(r"(?:,[ \t]*(?:[A-Za-z]+[ \t]+){0,2})?(?<![\w-])(?:19|20)\d\d$")
_ROW_LABEL = re.compile(
    # (a note in brackets may hold a year: "Population (Census 2011) 12,46,512")
    r"[ \t]*\|?[ \t]*(?P<label>[A-Z][\w'’()/&,.-]*"
    # (a year may date the label: "Annual CPI inflation, December quarter 2023 4.1%")
    r"(?:[ \t]+(?:\([^()\n]{1,30}\)|(?:19|20)\d\d(?=[ \t]*\Z)|(?![$\d])[\w'’()/&,.-]+)){0,7}?)"
    r"(?:[ \t]*\|)?"
    # ("Annual budget$3.265 billion (FY2022)": a side box's label glued on; only a currency sign can follow a letter)
    r"(?:[ \t]+|(?<=[a-z]))"
)
# A short label alone on its line above a figure that opens its line (after the figure's own year, if any).
# (a value's own year before it: "2021–22: £4.6 billion")
VALUE_YEAR = r"(?:FY[ \t]?)?(?:19|20)\d\d(?:[–/-]\d{2,4})?[ \t]*:[ \t]*"
_LABEL_ABOVE = re.compile(
    r"[ \t]*(?P<label>[A-Z][A-Za-z'’&/-]*(?:[ \t]+[A-Za-z'’&/-]+){0,3})[ \t]*\n\s*(?:" + VALUE_YEAR + r")?"
)
_FIGURE_AND_NOTE_END_LINE = re.compile(
    r"(?:US|USD[ \t]?)?[$£€₹]?\d[\d,.]*(?:[ \t]*(?:thousand|million|billion|trillion|bn|m))?%?"
    r"(?:[ \t]*\([^()\n]{1,60}\)|[ \t]*\[\d{1,3}\])*[ \t]*(?:\n|$)"
)
_FIGURE_ENDS_LINE = re.compile(
    r"(?:(?i:about|around|approximately|approx\.?|nearly|almost|over|more[ \t]+than|up[ \t]+to|some|roughly)[ \t]+|~)?"
    + ROW_FIGURE + r"[ \t]*(?:\|[ \t]*)?(?:\n|$)"
)
_NOTE_BEFORE_COLON = re.compile(
    r"(?P<note>[ \t]*\([^()\n]{1,30}\)|,[ \t]*all[ \t]+(?:types|kinds|sorts|categories|classes|sources|ages|sizes))"
    r"[ \t]*:[ \t]*\Z",
    re.IGNORECASE,
)
_AT_PLACE = re.compile(
    r"\b(?:at|in|from)[ \t]+(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|FY|Fiscal|Calendar|CY|Q[1-4])\b)[A-Z]"
)
# A line's whole label before its colon: what was counted and the participle of what was done to it, then only
# commas and prepositional phrases ("Riders carried, total, in 2013:"); not a relative clause or a verb of its own.
_LABEL_DONE = re.compile(
    r"[ \t]*(?:total[ \t]+(?:number[ \t]+of[ \t]+)?|number[ \t]+of[ \t]+)?"
    r"(?P<noun>(?:[A-Za-z][\w'’-]*[ \t]+){0,2}[A-Za-z][\w'’-]*)[ \t]+"
    r"(?P<done>[a-z]{2,}ed|found|seen|held|made|taken|given|sold|sent|caught|won|built|spent|paid|brought)"
    r"(?P<rest>(?:(?:,[ \t]*|[ \t]+)(?:in|at|on|across|from|for|during|by|throughout|to|within|per|total|alone|nationwide)\b"
    r"(?:[ \t]+(?!(?:that|which|who|whom|where|when|is|are|was|were|has|have|had|will|would)\b)[\w'’.&-]+)*"
    # (", 2022", ", FY 2022"; ", parks and wildlife areas": where, said after a comma)
    r"|,[ \t]*(?:(?:FY|CY|fiscal[ \t]+year|calendar[ \t]+year)[ \t]*)?(?:19|20)\d\d\b"
    r"|,(?:[ \t]+(?!(?:that|which|who|whom|where|when|is|are|was|were|has|have|had|will|would)\b)[a-z][\w'’-]*){1,4})*)"
    r",?[ \t]*:[ \t]*",
    re.I,
)
_BRACKETED = re.compile(r"\([^()]*\)")
_ROW_GLUE = frozenset("of and in for per the with on & at to".split())


def _labels_only(label: str) -> bool:
    """Whether a line's words before its figure are a label: no clause (a verb, "has", "is"), no stray stop word."""
    for w in label.lower().split():
        if w in _VERBS or (w in _STOP and w not in _ROW_GLUE):
            return False
    return True


def dash_label(text: str, start: int, dash: int) -> bool:
    """Whether ``text[start:dash]`` is a line's label before its dash ("Smuggling vessels seized –")."""
    return text[dash : dash + 1] in ("–", "—") and _DASH_LABEL.fullmatch(text, start, dash + 1) is not None


# People counted by what they are paid: "staff paid more than £120k", "employees earning over $150,000".
_PAY_THRESHOLD = re.compile(
    r"\b(?:staff|employees|people|workers|officers|executives|managers|those|who)\s+(?:were\s+|are\s+)?"
    r"(?:paid|earning|earn|earned|earns|making|on\s+salaries\s+of|with\s+salaries\s+(?:of|above|over))\s+"
)
_PAY_THRESHOLD_BEFORE = re.compile(_PAY_THRESHOLD.pattern + r"\Z", re.IGNORECASE)


def pay_threshold_before(text: str, start: int, pos: int) -> bool:
    """Whether a bound on an amount at ``pos`` says whom a count counts by their pay ("staff paid | more than
    £120k")."""
    return _PAY_THRESHOLD_BEFORE.search(text, max(start, pos - 60), pos) is not None


_ONLY_BEFORE = re.compile(r"\s(?:just|only)\s+\Z", re.IGNORECASE)


# "…, with the national mean temperature 1.21 °C above the 1961–1990 average": a noun phrase and the figure it
# stands at, no verb between
_WITH_NP = re.compile(
    r"\bwith\s+(?:the\s+|its\s+|their\s+|our\s+)?(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w'’-]*)\s+\Z"
)
_WITH_ENDINGS = ("with", "the", "its", "their", "our", "a", "an")
# "23% above average", "1.21 °C above the 1961–1990 average", "4% below the national average": the figure is how far
# the thing is from its usual level, not the level itself (nor a share of anything)
FROM_AVERAGE = re.compile(
    r"[ \t\u00a0]+(?P<dir>above|below)[ \t\u00a0]+(?:the[ \t\u00a0]+|its[ \t\u00a0]+)?"
    r"(?:[\w'’–-]+[ \t\u00a0]+){0,3}?"
    # (not a datum's name: "53 feet below mean low water")
    r"(?:average|normal|mean|median)\b(?![ \t\u00a0]+(?!of\b|for\b|in\b|and\b|at\b|on\b)[a-z])",
    re.IGNORECASE,
)
# the figure (and its unit) the noun phrase stands at, then how far from the average
_SET_APART_AFTER = re.compile(r"[^\s]+(?:[ \u00a0]?[^\s]+)?" + FROM_AVERAGE.pattern, re.IGNORECASE)


def _before_sign(text: str, start: int, pos: int) -> int:
    """Where the words before the figure at ``pos`` end: before a negative figure's sign ("was −2.1%")."""
    if pos > start and text[pos - 1] in "-−" and (pos - 1 == start or text[pos - 2] in " \t\u00a0("):
        return pos - 1
    return pos


def phrase_before(text: str, start: int, pos: int) -> str:
    """The noun phrase a figure starting at ``pos`` completes: "caseload totals …", "budget of $8 billion",
    "Employees: nearly 9,000", "The main channel is maintained at 53 feet"."""
    pos = _before_sign(text, start, pos)
    lo = max(start, pos - 120)
    near = text[max(0, pos - 8) : pos]
    only = _ONLY_BEFORE.search(text, lo, pos) if "just" in near or "only" in near else None
    if only is not None:
        return phrase_before(text, start, only.start() + 1)  # "revenues came in at just £4,313 million"
    text = without_inclusion(text, lo, pos)
    statistic = _STATISTIC_OF.search(text, lo, pos)
    if statistic is not None:
        # "an average of 42,000 per school day", "took a median of 9 days": the statistic is no measure; what
        # comes before it is ("the grid carried a record peak of 4,921 MW": the peak, when nothing before names it)
        before = phrase_before(text, start, statistic.start())
        # (but "down from a peak of 212" is the peak of what the sentence counts)
        said = statistic.group().lower()
        return before or ("peak" if "peak" in said and ("record" in said or "all-time" in said) else "")
    if text[lo:pos].rstrip().endswith(":"):
        note = _NOTE_BEFORE_COLON.search(text, lo, pos)
        if note is not None:
            # "Operating budget, FY 2023 (enacted):", "Campsites, all types:": the label without its note (blanked,
            # so that offsets stay those of ``text``)
            text = text[: note.start()] + " " * (note.end("note") - note.start()) + text[note.end("note") :]
        done = _LABEL_DONE.fullmatch(text, start, pos)
        if (
            done is not None and _FIGURE_ENDS_LINE.match(text, pos) is not None
            # (not "at Denver alone": one place's count, which the label's last words name)
            and _AT_PLACE.search(done.group("rest")) is None
        ):
            # "Knives found, total, at Denver alone: 84", "Total firearms discovered in carry-on bags across the
            # country: 1,543": a line's label whose noun and participle say what is counted; the words after
            # them only say where, when or how it was totalled
            return f"{done.group('noun')} {done.group('done')}".lower()
    # What _LOOKBACK ends with (before white space) is a linking word or a colon: look for it first, since a
    # search of the whole pattern tries every start in the window.
    if _LEGISLATURE_GAVE.search(text, lo, pos) is not None:
        return "appropriations"  # "Congress provided $8.78 billion for ATSA": what a legislature gives is appropriated
    to_be = _TO_BE_LINK.search(text, lo, pos) if " to " in text[lo:pos] else None
    if to_be is not None:
        # "repair needs are now estimated to be $6.4 billion": read as if it said "repair needs are"
        joined = text[: to_be.start()] + " is "
        return phrase_before(joined + text[pos:], start, len(joined))
    tail = text[max(lo, pos - 48) : pos].lower()
    whom = _cost_whom(text, lo, pos, tail)
    if whom is not None:
        joined = text[: whom.end("verb")] + " "
        return phrase_before(joined + text[pos:], start, len(joined))
    # (searched only where one of its last words is: " a" is in almost every window)
    reached = "hit" in tail or "record" in tail or "high" in tail or " low" in tail or "peak" in tail
    hit = _HIT_LINK.search(text, max(lo, pos - 48), pos) if reached else None
    if hit is not None:
        joined = text[: hit.start()] + " is "
        return phrase_before(joined + text[pos:], start, len(joined))
    which = _WHICH_LINK.search(text, lo, pos) if "which" in text[lo:pos] else None
    if which is not None:
        # "fee receipts, which totaled $4.9 billion": the noun before the relative clause is what totaled (read as
        # if it said "fee receipts are"; "which translates to" links no less)
        joined = text[: which.start()] + " is "
        return phrase_before(joined + text[pos:], start, len(joined))
    moved = moved_level(text, start, pos)
    if moved is not None:
        return moved
    changed = changed_object(text, start, pos)
    if changed:
        return changed
    window = text[lo:pos].lower()
    ranges = _RANGES_FROM.search(text, lo, pos) if "rang" in window or "var" in window else None
    if ranges is not None:
        return phrase_before(text[: ranges.start()] + " is " + text[pos:], start, ranges.start() + 4)
    if " with " in text[lo:pos] and not text[lo:pos].rstrip().endswith(_WITH_ENDINGS):
        with_np = _WITH_NP.search(text, lo, pos)
        if with_np is not None and _SET_APART_AFTER.match(text, pos) is not None:
            # "with the national mean temperature 1.21 °C above the average": the noun phrase the figure sets apart
            return with_np.group("np")
    if not text[lo:pos].rstrip().endswith(_LOOKBACK_ENDINGS):
        leader = "...." in text[start:pos] or "……" in text[start:pos]
        dash = _DASH_LABEL.fullmatch(text, start, pos) or (_LEADER_LABEL.fullmatch(text, start, pos) if leader else None)
        if dash is not None:
            # "Smuggling vessels seized – 172", "# of drug interdictions – 282", "Turnout ........ 77.03%": a line's
            # label before a dash or a dot leader, read as the label before a colon is
            colon = dash.end("label")
            return phrase_before(text[:colon] + ":" + " " * (pos - colon - 1) + text[pos:], start, pos)
        above = _LABEL_ABOVE.fullmatch(text, start, pos) if "\n" in text[start:pos] else None
        if above is not None and _FIGURE_AND_NOTE_END_LINE.match(text, pos) is not None:
            # "Staff\n\n9,400", "Budget\n\n2021–22: £4.6 billion (52% from fares)": an infobox's label in the block
            # above its value
            return above.group("label")
        row = _ROW_LABEL.fullmatch(text, start, pos)
        if row is not None and _FIGURE_ENDS_LINE.match(text, pos) is not None and _labels_only(row.group("label")):
            # "Special agents 2,597" on a line of its own: a flattened table's row, its label the whole measure
            # ("Total cases recommended for prosecution 11,319"; an acronym's bracket left out)
            # ("Aged widows (non-disabled), $888": no comma left standing once the bracket is gone)
            # (and the period that dates it: "Annual CPI inflation, December quarter 2023")
            label = _DATED_LABEL_END.sub("", " ".join(_BRACKETED.sub(" ", row.group("label")).split()))
            return label.rstrip(" ,")
        return ""
    by_change = _BY_CHANGE_TO.search(text, lo, pos) if text[lo:pos].rstrip().endswith("to") else None
    if by_change is not None:
        # "Fare revenue rose 4.3 percent to $812 million": the level is of what rose, not of its percent
        changed = _changed(text, start, by_change.start())
        if changed is not None:
            return changed[0]
        if by_change.group(0).lower().startswith("by"):
            return ""  # "SSC, the center with the fewest …, would fall by five to 313": what fell is not named here
    moved = _MOVED_BY_TO.search(text, lo, pos)
    if moved is not None:
        # "robberies dropped by nearly a fifth, to 291": the noun phrase that moved, before its change
        # ("Spending on buses went up by £74m, to": the words inside the phrase stay)
        words = _POSSESSOR.sub("", moved.group("np").strip()).split()[-4:]
        while words and (words[0].lower() in _STOP or words[0].lower() in ("and", "or", "but")):
            words.pop(0)
        return " ".join(words)
    if text.rfind(")", lo, pos) >= 0:
        # "Chronic absenteeism (students missing 10% or more of school days) fell to": the noun phrase before
        # its bracketed aside (blanked, so that offsets stay those of ``text``)
        aside = _ASIDE_BEFORE_LINK.search(text, lo, pos)
        if aside is None:
            aside = _ACRONYM_BEFORE_WHERE.search(text, lo, pos)
        if aside is None:
            # "The Personal Services (PS) budget for Fiscal 2024 is": the phrase goes on after its acronym
            aside = _ACRONYM_INSIDE.search(text, lo, pos)
        if aside is not None:
            text = text[: aside.start()] + " " * (aside.end() - aside.start()) + text[aside.end() :]
    if "(" in window:
        note = _FILE_NOTE.search(text, lo, pos)
        if note is not None:
            # "The cost of keeping services running (pdf) during …": a link's file type (blanked, so that offsets stay
            # those of ``text``)
            text = text[: note.start()] + " " * (note.end() - note.start()) + text[note.end() :]
    glued = _GLUED_NOTE.search(text, lo, pos)
    if glued is not None:
        # "recreational visits2 totaled 12.6 million": a footnote's number glued to the word it annotates (blanked,
        # so that offsets stay those of ``text``)
        text = text[: glued.start()] + " " * (glued.end() - glued.start()) + text[glued.end() :]
    m = _LOOKBACK.search(text, lo, pos)
    if not m:
        return ""
    phrase = m.group(1)
    by_to = m.group(0).rstrip().endswith(" to")  # "improved to": the verb links, it is not the measure
    # "The metro cost £1,210 million to run": what it cost, not the metro
    cost = m.group(0).rstrip().endswith((" cost", " costs"))
    if by_to and (link := _LINK_BEFORE_TO.search(phrase)) is not None:
        phrase, by_to = phrase[: link.start()], False  # "fare revenue amounts (to)", "unemployment rate rises (to)"
    if by_to:
        # "operating costs during the 2021/22 financial year came (to)": the verb before "to" first, then the time
        last = phrase.rsplit(None, 1)
        if len(last) == 2 and (
            last[1].lower() in _VERBS or last[1].lower() in _MOVED_PARTICIPLES
            or (last[1].endswith("ed") and verb_like(last[1].lower()))
        ):
            phrase = last[0]
            by_to = False  # (the verb is gone: "services running" is what came to it)
    elif m.group(0).rstrip().endswith(" at"):
        # "rental income was up slightly (at)", "licence fee revenues broadly flat (at)": how it moved, not what
        phrase = _STATE_BEFORE_AT.sub("", phrase)
    timed = _TIME_TAIL.sub("", phrase)  # "Overtime logged last year (:)"
    cut = timed != phrase
    # "channel is maintained (at)", "backlog was estimated for FY2019 (at)": once its time is cut
    phrase = _AUX_PARTICIPLE.sub("", timed)
    if phrase != timed:
        phrase = _TIME_TAIL.sub("", phrase)
    phrase = _POSSESSOR.sub("", phrase.strip())
    waited = _THRESHOLD_TAIL.search(phrase)
    if waited is not None:
        # "Patients waiting more than 52 weeks fell to": the threshold says which of them are counted, and the
        # counted noun comes before it (not "weeks")
        head = phrase_before(phrase[: waited.start()] + " is ", 0, waited.start() + 4)
        if head:
            return f"{head} {' '.join(waited.group(0).split()).lower()}"
    phrase = _AGENT.sub("", phrase)  # "Penalties collected by the Department (totaled)": what, not by whom
    # The noun phrase is the run of words at the end: "The agency has an annual budget" → "annual budget".
    words: list[str] = []
    tokens = phrase.split()
    k = len(tokens)
    inner = False
    while k > 0:
        k -= 1
        w = tokens[k]
        if w.endswith(","):
            if words:
                break  # "In the 2023–24 school year, enrollment was": the noun phrase starts after the comma
            if not cut and (k < len(tokens) - 1 or k > 0):
                # "Full-time-equivalent enrollment, the measure the state uses to fund the campuses, rose to": what
                # rose is named before the aside
                aside = text.rfind(",", lo, text.rfind(",", lo, pos))
                if aside < 0:
                    return ""
                tokens = _TIME_TAIL.sub("", text[lo:aside]).split()  # ("budget for FY 2025, the first year …,")
                k = len(tokens)
                cut = True
                continue
            w = w[:-1]  # "Budget, state fiscal year 2024:" once its time is cut
        low = w.lower()
        if _ROMAN.fullmatch(w) and k > 0 and tokens[k - 1].lower() in _NUMBERED_PARTS:
            words.insert(0, w)  # "Title I provided", "Title III appropriated": which title, not a pronoun
            continue
        if not words and (low in _VERBS or low in _STOP or low == "valued" or (by_to and verb_like(low))):
            continue  # the linking verb itself: "caseload stands (at)", "budget is", "outage minutes improved (to)"
        if (
            low in _INNER_PREPOSITIONS
            and words
            and not inner
            and k > 0
            and (_noun_like(tokens[k - 1]) or _determined_cost(tokens, k - 1))
            and not (low in _NAME_PREPOSITIONS and all(x[:1].isupper() for x in words))  # (a name: see below)
        ):
            # "Attendance at library programs reached …", "Spending on fuel totals …", "Riders with disabilities:"
            inner = True
            words.insert(0, low)
            continue
        if low == "the" and words and _where_of(tokens, k, words):
            # "Freight at the rail yard reached", "The fleet plan (FP) of the Transit Authority totals": what the
            # phrase counts comes before where, or whose, it is
            k -= 1  # (the preposition)
            words = []
            continue
        if (
            low in _WHERE_DETERMINERS and words and not inner and k > 1
            and tokens[k - 1].lower() in ("in", "at") and _noun_like(tokens[k - 2])
        ):
            # "Hybrid ferries in the fleet as of June 30:", "Beds at the hospital:": where the things are is not
            # what they are (the fleet would fold into the ferries' synonym and lose "hybrid"). A kind word is never
            # dropped here: only the configuration's synonyms fold one away ("yellow buses" = buses).
            words = []
            k -= 1
            continue
        if (
            low in _NAME_PREPOSITIONS and words and k > 0 and all(x[:1].isupper() for x in words)
            and _noun_like(tokens[k - 1])
        ):
            # "Dual-enrollment seats with Riverside Community College rose to": a name is where, not what
            words = []
            continue
        if low in ("before", "after") and len(words) == 1 and words[0].lower() in _ACCOUNTING_DEDUCTIONS:
            words.insert(0, low)  # "surplus before taxation of £367million", "profit after tax": one line of accounts
            continue
        if (
            low in _VERBS and words and k > 0 and low.endswith(("ed", "id", "en"))
            and tokens[k - 1].lower() in _ATTRIBUTIVE_BEFORE
        ):
            words.insert(0, w)  # "The average paid claim was": a participle inside the noun phrase, no verb
            continue
        if low in _STOP or low in _VERBS or low.endswith("'s") or low.endswith("’s") or low in ("and", "or"):
            if low in _PERFECT and len(words) > 1 and words[0].lower().endswith(("ed", "en")):
                words.pop(0)  # "has registered record revenue of": the verb's participle is not the measure
            break
        if low in _RAISING:
            break  # "… and raise hazardous fuels treatment to 1.8 million acres": the verb is not the measure
        if low in _SCALE_WORDS:
            break  # "1.41 million refunds worth": the scale is the figure's
        if any(c.isdigit() for c in w) and not (
            k > 0 and tokens[k - 1][:1].isupper()
            and ((words and len(w) <= 3 and w.isdigit()) or _FORM_CODE.fullmatch(w.rstrip(",)")) is not None)
        ):
            break  # (but "Priority 1" inside a phrase is a name: "response time to Priority 1 calls was")
        words.insert(0, w)
    if words and words[0].lower() in _INNER_PREPOSITIONS:
        words.pop(0)
    if len(words) > 2 and words[0].lower().endswith("ly") and words[1].lower() in _REPORTING_PARTICIPLES:
        words.pop(0)  # ("previously reported")
    if len(words) > 1 and (words[0].lower() in _LINKING_PARTICIPLES or words[0].lower() in _REPORTING_PARTICIPLES):
        # "reflecting base operating funding of $3.90 billion": the funding; "our previously reported surplus": the
        # surplus
        words.pop(0)
    if cost and words and not words[-1].lower().startswith("cost"):
        words.append("cost")
    return " ".join(words[-7:] if inner else words[-4:])


# A participle and a threshold of time that close a noun phrase: "(patients) waiting more than 52 weeks", "(calls)
# answered within 10 seconds", "(ambulances) arriving in under 8 minutes"
_THRESHOLD_TAIL = re.compile(
    r"(?<=[a-z])[ \t]+[a-z]+(?:ing|ed)[ \t]+(?:for[ \t]+)?(?:more[ \t]+than|longer[ \t]+than|over|under|less[ \t]+than|within|"
    r"in[ \t]+(?:under|less[ \t]+than|more[ \t]+than)|at[ \t]+least)[ \t]+\d[\d,]*[ \t]+"
    r"(?:seconds|minutes|hours|days|weeks|months|years)(?:[ \t]+for[ \t]+[a-z]+)?$",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"[IVX]{1,4}")
_NUMBERED_PARTS = frozenset("title division part phase tier chapter stage class level category section article schedule type".split())
_LINKING_PARTICIPLES = frozenset("reflecting including representing comprising totaling totalling".split())
_REPORTING_PARTICIPLES = frozenset("reported stated announced published".split())
_FORM_CODE = re.compile(r"[A-Z]{1,3}-\d{1,4}[A-Z]?")  # "Form N-400", "Form I-485": a name's number
_FILE_NOTE = re.compile(r"\((?:pdf|doc|docx|xls|xlsx|csv)(?:,[ \t][^()]{1,20})?\)", re.IGNORECASE)
_ASIDE_BEFORE_LINK = re.compile(r"\s*\([^()]{1,160}\)(?=\s*[A-Za-z][A-Za-z ]{0,24}$)")
_SCALE_WORDS = frozenset("thousand million billion trillion".split())
# "repair needs are now estimated to be $6.4 billion", "average staffing levels are expected to drop to 1,034": the
# level the noun phrase is (expected to come to)
_TO_BE_LINK = re.compile(
    r"\s+(?:is|are|was|were)\s+(?:now\s+|currently\s+|still\s+)?(?:estimated|projected|expected|forecast|anticipated|"
    r"believed|reported|thought|likely|set|scheduled|predicted|forecasted|budgeted|planned|due)\s+to\s+"
    r"(?:be|(?:drop|fall|rise|grow|increase|decrease|decline|climb|reach|shrink)(?:\s+to)?)\s+\Z",
    re.IGNORECASE,
)
# "costs the applicant $18,000", "saved taxpayers $2 million": whom a cost falls on or a saving goes to sits between
# the verb and its figure (read as if the verb came right before the figure)
_COST_WHOM = re.compile(
    r"(?<![\w'’-])(?<!the )(?<!its )(?P<verb>costs?|costing|saved|saves|saving|paid|pays|awarded|awards|"
    r"charged|charges|granted|grants|lent|lends|owed|owes)[ \t\u00a0]+"
    r"(?:(?:the|each|every|a|an|its|their|our|his|her|this|that|these|those)[ \t\u00a0]+(?:[a-z][\w'’-]*[ \t\u00a0]+)?"
    r"(?!(?:of|for|to|in|on|at|by|with|from|per|about|around|over|some)\b)[a-z][\w'’-]*"
    r"|taxpayers|residents|customers|ratepayers|households|families|farmers|students|members|visitors|patients|"
    r"businesses|employers|consumers|drivers|riders|passengers|users|applicants|owners|parents|schools|"
    r"councils|contractors|suppliers|staff|employees|workers|victims|claimants|beneficiaries|hospitals|providers|"
    r"landlords|tenants|grantees|recipients|partners|communities|counties|cities|municipalities|pensioners|"
    r"the[ \t\u00a0]+state)[ \t\u00a0]+(?:(?:about|around|approximately|nearly|almost|over|roughly|some|"
    r"more[ \t\u00a0]+than|less[ \t\u00a0]+than|between|up[ \t\u00a0]+to|an[ \t\u00a0]+estimated|"
    r"an?[ \t\u00a0]+(?:average|total|median)[ \t\u00a0]+of)[ \t\u00a0]+)?\Z",
    re.IGNORECASE,
)
# "profit hit a record £226m", "revenue reached an all-time high of $5 billion", "sales hit £5 billion": the level
# reached, as if it said "is"
_HIT_LINK = re.compile(
    r"\s+(?:(?:hit|hits|reached|reaches|posted|recorded|set)\s+(?:a|an)\s+(?:new\s+)?"
    r"(?:record(?:[\s-]+(?:high|low))?|all-time\s+(?:high|low)|high|low|peak)(?:\s+(?:of|at))?|hit|hits)\s+\Z",
    re.IGNORECASE,
)
# (also before a label's colon, or in brackets: "Total Revenue1:", "Operating Income[1]:")
_GLUED_NOTE = re.compile(r"(?<=[a-z]{3})(?:[1-9]|\[\d{1,2}\])(?:,[ \t]*\[\d{1,2}\])*(?=[ \t]+[a-z]|[ \t]*:)")
# ("down from a high of over 11,000": a peak of what the sentence counts, not a height)
_STATISTIC_OF = re.compile(
    r"\b(?:an?\s+)?(?:new\s+)?(?:average|median|mean|(?:(?:record|all-time|historic)\s+)?(?:high|low|peak))\s+of\s*$",
    re.IGNORECASE,
)
_NAME_PREPOSITIONS = frozenset("with at in on from by".split())
_PERFECT = frozenset(("has", "have", "had"))
_MOVED_PARTICIPLES = frozenset("fallen risen grown shrunk sunk gone come".split())  # "has fallen (to)"
# Words before which a participle qualifies a noun ("the average paid claim", "its median sold price")
_ATTRIBUTIVE_BEFORE = frozenset("the a an its their our average median mean typical".split())
_ACCOUNTING_DEDUCTIONS = frozenset("tax taxes taxation interest depreciation".split())
_STATE_BEFORE_AT = re.compile(
    r"\s+(?:(?:was|were|is|are|remained|remains|stayed|stays|held|holds)\s+)?(?:[a-z]+ly\s+)?"
    r"(?:up|down|flat|unchanged|steady|stable)(?:\s+[a-z]+ly)?$",
    re.IGNORECASE,
)
# Verbs that set a level "to" a figure: they start a clause, never a noun phrase.
_RAISING = frozenset(
    """raise raises raised raising bring brings bringing lift lifts lifting boost boosts boosting push pushes
    pushing""".split()
)
_LEGISLATURE_GAVE = re.compile(
    # (or its act: "The omnibus appropriations bill for fiscal 2017 provides $410 million")
    r"\b(?:Congress|[Ll]egislature|[Ll]awmakers|General\s+Assembly|(?:City|County)\s+Council|"
    r"(?:[Aa]ppropriations?|[Ss]pending|[Bb]udget)\s+(?:[Bb]ill|[Aa]ct|[Ll]aw)(?:\s+for\s+(?:fiscal\s+(?:year\s+)?|FY\s?)\d{2,4})?)"
    r"\s+(?:has\s+|had\s+)?(?:[a-z]+ly\s+)?"  # ("Lawmakers ultimately provided $441.2 million")
    r"(?:provided|provides|appropriated|approved|enacted)\s+(?:(?:about|nearly|almost|roughly|over|more\s+than)\s+)?$"
)
_WHICH_LINK = re.compile(
    r",\s+which\s+(?P<verb>(?:totaled|totalled|reached|amounted\s+to|came\s+to|numbered|stood\s+at|"
    # ("most income came from subscriptions, which accounted for £1.62 billion")
    r"accounted\s+for|accounts?\s+for|made\s+up|brought\s+in|generated|"
    r"translates?\s+to|translated\s+to|works?\s+out\s+to|worked\s+out\s+to|equals|equaled|equalled|"
    # ("the cost of industrial action, which we estimate at £8.3 million": who reckons it is no part of it)
    r"(?:(?:we|it|they|the\s+[A-Za-z]+|[A-Z][A-Za-z]*)\s+)?(?:estimates?|estimated|puts?|values?|valued|puts?)\s+at)\s*)$",
    re.I,
)
_TO_VERB = re.compile(r"\s+to\s+(?:complete|process|decide|issue|answer|resolve|approve|review|adjudicate|hire|fill)\b")
# What a thing did that moved it from one level to another: "fell", "went up", "are down", "nearly doubled",
# "kept climbing".
_MOVE_VERB = (
    r"(?:(?:nearly|almost|more\s+than|roughly|about|kept|continued\s+to|has|have|had|also|then|again)\s+)*"
    r"(?:(?:went|gone|goes|go|is|are|was|were|has\s+been|have\s+been)\s+(?:up|down)|dropped|dropping|fell|fallen|"
    r"falling|declined|declining|decreased|decreasing|rose|risen|rising|grew|grown|growing|climbed|climbing|"
    r"increased|increasing|jumped|improved|shrank|doubled|tripled|halved|soared|surged|plunged|plummeted|slipped|"
    r"slid|moved|changed)"
)
# The first level of a move, or what stands between it and the second: "from (about) £1,600 million in 2020/21 to".
_FROM_LEVEL = (
    r"from\s+(?:(?:about|nearly|almost|roughly|around|some|over|more\s+than|less\s+than|fewer\s+than)\s+)?"
    r"(?:(?:US)?[$€£₹]?\d[\d,.]*(?:\s*[A-Za-z]+)?(?:\s+[a-z]+)?(?:\s+(?:in|during)\s+(?:FY\s?)?[\d/–-]{2,9})?\s+to\s+)?"
)
_MOVED_FROM = re.compile(
    # ("increased by £16million from £3,706million to …": the change, then both levels)
    r"(?<=\S)\s(?P<verb>" + _MOVE_VERB + r"(?:\s+by\s+(?:(?:about|nearly|almost|some|over)\s+)?[£$€₹]?\d[\d.,]*"
    r"(?:\s*[A-Za-z]+)?(?:\s+percent|%)?)?\s+" + _FROM_LEVEL + r")$",
    re.IGNORECASE,
)
# "cut staff from 500 to 420", "increased its budget from $40 million to $45 million": a verb that changes
# what follows it, then both levels of that thing (the first "from" figure, or the "to" one after it).
_CHANGED_OBJECT_FROM = re.compile(
    r"(?<![\w'’-])(?:cut|cuts|cutting|reduced?|reduces|reducing|trim(?:s|med|ming)?|slash(?:es|ed|ing)?|"
    r"lower(?:s|ed|ing)?|decreased?|decreases|decreasing|increased?|increases|increasing|raised?|raises|raising|"
    r"boost(?:s|ed|ing)?|lift(?:s|ed|ing)?|grew|grow(?:s|ing)?|expand(?:s|ed|ing)?|doubled?|doubles|doubling|"
    r"tripled?|triples|tripling|shr[iau]nk(?:s|ing)?|brought|bring(?:s|ing)?|improved?|improves|improving|"
    r"extend(?:s|ed|ing)?|hiked?|hikes|hiking)"
    r"\s+(?:(?:its|their|the|our|his|her|this|that)\s+)?(?!(?:in|of|for|to|by|at|on)\s)"
    r"(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,5}?[A-Za-z][\w'’-]*)\s+"
    + _FROM_LEVEL + r"$",
    re.IGNORECASE,
)
# "the increase in the group's overall operating costs from £5.2 billion to …": a noun of change, then what moved.
_CHANGE_IN_FROM = re.compile(
    r"\b(?:increase|rise|growth|decline|decrease|fall|drop|reduction|cut|jump)s?\s+in\s+"
    r"(?P<np>(?:[A-Za-z][\w'’.&-]*\s+){0,5}?[A-Za-z][\w'’-]*)\s+" + _FROM_LEVEL + r"$",
    re.IGNORECASE,
)
_NUMBER_OF = re.compile(r"^(?:total\s+)?(?:number|count)\s+of\s+(?=\S)", re.IGNORECASE)
# "Operator salaries range from $40,000 to $60,000": what ranges is the noun phrase before the verb.
# (The range's "from" or "between" may be the figure's own first word.)
_RANGES_FROM = re.compile(
    r"(?<=\S)\s(?:range[sd]?|ranging|var(?:y|ies|ied))\s+(?:in\s+(?:size|value|cost|price|amount)\s+)?"
    r"(?:(?:from|between)\s+)?$",
    re.IGNORECASE,
)
_MOVED_BY_TO = re.compile(
    # ("… helped commercial income grow by 23%, to": what another thing made move)
    r"(?:^|[,;]\s*|\b(?:and|helped|helping|saw|sees|see)\s+)(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w'’-]*)\s+"
    r"(?:" + _MOVE_VERB + r"|grow|rise|fall|increase|decrease|drop|decline)\s+by\s+[^,;]{1,40},\s*to\s*$",
    re.IGNORECASE,
)
# "rose 4.3 percent to", "fell by 2.1 percentage points to": the change before the level a figure moved to.
_BY_CHANGE_TO = re.compile(
    r"(?<=\s)(?:by\s+)?(?:about\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?\d[\d,.]*\s*"
    r"(?:%|percent|per\s+cent|percentage\s+points?),?\s+(?:year[-\s]over[-\s]year\s+|from\s+a\s+year\s+(?:earlier|ago),?\s+)?"
    r"to\s*$"
    # ("would fall by five to 313": a change by a count, then the level)
    r"|(?<=\s)by\s+(?:about\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?(?:\d[\d,.]*|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|a\s+(?:few|dozen|handful))\s+to\s*$",
    re.IGNORECASE,
)
_AGENT = re.compile(r"\s+by\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*)*$")
# "outage minutes per customer fell to", "Applications to the college topped"
_INNER_PREPOSITIONS = frozenset({"at", "of", "for", "on", "in", "per", "to", "with"})
_WHERE_DETERMINERS = frozenset(("the", "its", "their", "our"))


# "The fleet plan (FP) of the …": an acronym between a noun and the phrase that places it.
_ACRONYM_INSIDE = re.compile(r"[ \t]*\([A-Z]{2,8}\)(?=[ \t]+(?!(?:is|are|was|were|has|have|had)\b)[a-z]+\b)")
_ACRONYM_BEFORE_WHERE = re.compile(r"\s*\([A-Z]{2,8}\)(?=\s+(?:at|in|on|for|of)\s+the\s)")
# Prepositions whose "the …" after a noun says where (or, for "of" and a name, whose) rather than what ("visitors
# to the parks", "revenue from the state").
_WHERE_PREPOSITIONS = frozenset({"at", "in", "on", "for", "of", "to", "from"})


def _where_of(tokens: list[str], k: int, words: list[str]) -> bool:
    """Whether ``tokens[k]`` ("the") starts a phrase that places the noun before it, ``words`` being that
    phrase: "freight volume | at the rail yard", "the fleet plan (FP) | of the Transit Authority" (but "the cost of
    the project": a lower-case "of" phrase is what the figure counts)."""
    if k < 2 or tokens[k - 1].lower() not in _WHERE_PREPOSITIONS:
        return False
    if tokens[k - 1].lower() == "of" and not all(w[:1].isupper() for w in words):
        return False
    # (a noun that is also a verb's base form places too: "Overtime pay for the …")
    low = tokens[k - 2].lower()
    return low.isalpha() and low not in _STOP and low not in _VERBS and not low.endswith(("ly", "ed"))


def _determined_cost(tokens: list[str], j: int) -> bool:
    """"The cost of services": a word that may be a verb ("cost", "pay") is a noun where the phrase starts (its
    determiner cut) or after a determiner."""
    return tokens[j].lower() in _COST_NOUNS and (j == 0 or tokens[j - 1].lower() in ("the", "a", "an", "its", "their", "our"))


_COST_NOUNS = frozenset("cost costs pay spend".split())


def _noun_like(word: str) -> bool:
    low = word.lower()
    return (
        low.isalpha()
        and low not in _STOP
        and low not in _VERBS
        and low not in _BASE_VERBS
        and not low.endswith(("ly", "ed"))
    )


# "Ridership grew 30–40 percent", "Container volume fell 4.1 percent": the thing that changed, and how.
_CHANGE_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w'’-]*)\s+"
    r"(?:has\s+|have\s+|had\s+|would\s+|will\s+)?(?P<verb>grew|grown|rose|risen|increased|climbed|jumped|was\s+up|"
    r"were\s+up|(?:is|are|went|gone)\s+(?:up|down)|fell|fallen|declined|dropped|decreased|was\s+down|were\s+down|"
    r"shrank|grows|rises|increases|falls|"
    r"declines|drops|decreases|(?:(?<=would )|(?<=will ))(?:grow|rise|increase|fall|decline|drop|decrease))"
    # ("increased a minimal $38.2 million", "rose a further 3%", "fell an estimated 12%")
    r"\s+(?:by\s+)?(?:an?\s+(?:[a-z-]+\s+)?)?(?:about\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
# "…, with revenues up by 30% to £1.6bn", "and costs down 2%": a change with its verb left out
_VERBLESS_CHANGE = re.compile(
    r"(?:\bwith|\band|,)\s+(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w'’-]*)\s+(?P<verb>up|down)"
    r"\s+(?:by\s+)?(?:about\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
_UP_VERBS = ("gr", "ro", "ri", "in", "cl", "ju", "was up", "were up", "is up", "are up", "went up", "gone up", "up")
# "5 percent more than …", "12 percent below …": a change relative to something named before.
_RELATIVE_AFTER = re.compile(
    # ("$310 million (8%) more than …", and the "8%" in it)
    # ("$3.1 million, or 6.3%, more than …", and the "6.3%," in it)
    # (and "0.76% or $31 million more than …", without the commas)
    r"(?:[ \t\u00a0]*\([^()\n]{1,24}\)|\)"
    r"|,?[ \t\u00a0]+or[ \t\u00a0]+(?:(?:about|nearly|almost|roughly)[ \t\u00a0]+)?"
    r"[$€£]?\d[\d.,]*(?:[ \t\u00a0]*(?:%|percent|per[ \t\u00a0]+cent)|[ \t\u00a0]+(?:thousand|million|billion))?,?"
    # ("6.3%, more than the FY2021 budget", but not "$96 million, more than half of …": a part, not a change)
    r"|,(?=[ \t\u00a0]+(?:more|less)[ \t\u00a0]+than[ \t\u00a0]+(?!half\b|a[ \t\u00a0]+(?:third|quarter|fifth|half)\b|"
    r"(?:one|two|three)[ \t\u00a0]|twice\b|double\b|\d)))?"
    r"[ \t\u00a0]+(?P<dir>more|higher|above|up|larger|greater|less|lower|below|down|fewer|smaller)"
    r"(?:[ \t\u00a0]+(?:than|from|on|over|compared))",
    re.IGNORECASE,
)


# What a noun phrase takes in, set off by commas before its verb: "The BBC's global weekly reach, including BBC News
# and BBC Studios, were down 9% to": the reach moved.
_INCLUSION_ASIDE = re.compile(
    r",[ \t]+(?:including|excluding|not[ \t]+including|such[ \t]+as|mainly|mostly|chiefly|largely|principally)[ \t]"
    r"[^,;:()\n]{1,80},(?=[ \t]+[a-z])"
)


def without_inclusion(text: str, lo: int, pos: int) -> str:
    """``text`` with the last inclusion aside between ``lo`` and ``pos`` blanked (offsets kept), or as it was."""
    if text.count(",", lo, pos) < 2:
        return text
    aside = None
    for aside in _INCLUSION_ASIDE.finditer(text, lo, pos):
        pass
    if aside is None:
        return text
    return text[: aside.start()] + " " * (aside.end() - aside.start()) + text[aside.end() :]


_CONJUNCTIONS = frozenset(("and", "or", "but", "while", "whereas"))


def _changed(text: str, start: int, pos: int) -> tuple[str, str] | None:
    """The noun phrase a change verb ending just before ``pos`` moves, and the kind of change: "Ridership grew" →
    ("Ridership", "growth")."""
    text = without_inclusion(text, max(start, pos - 160), pos)
    m = _CHANGE_BEFORE.search(text, max(start, pos - 80), pos) or _VERBLESS_CHANGE.search(text, max(start, pos - 80), pos)
    if m is None:
        return None
    np = _POSSESSOR.sub("", m.group("np").strip())
    words = np.split()
    while words and words[0].lower() in _CONJUNCTIONS:
        words.pop(0)  # "…, and container volume fell"
    words = [w for w in words if w.lower() not in _STOP]
    if not words or words[0].lower() in _NUMBER_WORDS:
        return None  # ("… for more than 67 million people will increase": a figure's noun is not what moved)
    verb = m.group("verb").lower()
    return " ".join(words), "growth" if verb.startswith(_UP_VERBS) else "decline"


_MODAL_END = re.compile(
    r"(?:[ \t]+(?:would|will|could|may|might|can|to|is|are|was|were|be|expected|projected|likely|set|also|still|has|have|"
    r"had|been|nonetheless|nevertheless|however|now|already|further|therefore))+"
    r"[ \t]*\Z",
    re.IGNORECASE,
)


def mover_before(text: str, start: int, pos: int) -> str:
    """The noun phrase that a change verb at ``pos`` says moved ("Visitor fee income would| shrink by …" → "Visitor
    fee income"): up to four words back to a stop word, a verb or a figure; "" when there is none."""
    m = _MODAL_END.search(text, max(start, pos - 60), pos)
    end = m.start() if m is not None else pos
    words = text[max(start, end - 60) : end].split()
    kept: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        low = w.lower().strip(",;:")
        if (
            low in _INNER_PREPOSITIONS and kept and len(kept) < 3 and i > 0 and w == w.rstrip(",;:")
            and _noun_like(words[i - 1])
        ):
            kept.append(w)  # "Spending on buses went up by …": the words inside the phrase stay
            continue
        if (
            not kept and i > 0 and (low.endswith("ed") or low in _IRREGULAR_PARTICIPLES) and w == w.rstrip(",;:")
            and words[i - 1].lower().endswith("s") and _noun_like(words[i - 1])
        ):
            kept.append(w)  # "Pensions paid rose by …", "Tonnes landed fell by …": what was done to them moved
            continue
        if w != w.rstrip(",;:") or low in _STOP or low in _VERBS or not low.isalpha() and "-" not in low:
            break
        if low in _CONJUNCTIONS and (low not in ("and", "or") or i == 0 or words[i - 1] != words[i - 1].rstrip(",;:")):
            break  # "…, and average weekday boardings rose by" (but "Donations and legacies rose by")
        kept.append(w)
        if len(kept) == 4:
            break
    return " ".join(reversed(kept))


_IRREGULAR_PARTICIPLES = frozenset("paid spent sold lost held won given made built".split())
# ", climbing from £1.5 billion to": a participle clause that moves what the clause before it changed
_PARTICIPLE_MOVE = re.compile(
    r",\s+(?:climbing|rising|growing|increasing|jumping|soaring|falling|dropping|declining|decreasing|shrinking|"
    r"sliding|slipping)\s+" + _FROM_LEVEL + r"$",
    re.IGNORECASE,
)


def participle_move(text: str, start: int, pos: int) -> int:
    """Where a participle clause that moves a figure at ``pos`` from one level to another opens (", climbing from
    (£1.5 billion to)"); -1 if none."""
    lo = max(start, pos - 80)
    m = _PARTICIPLE_MOVE.search(text, lo, pos) if "from" in text[lo:pos] else None
    return m.start() if m is not None else -1


def moved_level(text: str, start: int, pos: int) -> str | None:
    """What moved, when a figure at ``pos`` is a level it moved from or to: "The median time … decreased from (10.5
    months to) …" → "median time"; None when no such verb comes right before."""
    lo = max(start, pos - 120)
    m = _MOVED_FROM.search(text, lo, pos) if "from" in text[lo:pos] else None
    if m is None:
        return None
    # both are levels of what moved, read as if it said "The median time … is"
    verb = m.start("verb")
    # ("The median time to complete a naturalization application …": the time, not the application)
    to = _TO_VERB.search(text, start, verb)
    cut = to.start() + 1 if to is not None else verb
    return phrase_before(text[:cut] + "is " + text[pos:], start, cut + 3)


def changed_object(text: str, start: int, pos: int) -> str:
    """What a verb (or a noun of change) before a figure at ``pos`` changes from one level to another: "The agency cut
    its workforce from (500 to) …" → "workforce", "the increase in the group's operating costs from …" → "operating
    costs"; "" when no such word comes before."""
    lo = max(start, pos - 120)
    if "from" not in text[lo:pos]:
        return ""
    m = _CHANGED_OBJECT_FROM.search(text, lo, pos) or _CHANGE_IN_FROM.search(text, lo, pos)
    if m is None:
        return ""
    # ("increased the number of officers from 500 to 600": the officers are counted)
    np = _NUMBER_OF.sub("", _POSSESSOR.sub("", m.group("np")))
    # ("the hourly rate for certified court interpreters": a rate's adverb and a participle before a noun are
    # adjectives here)
    words = np.split()
    if not all(
        _noun_like(w) or w.lower() in _INNER_PREPOSITIONS or w.lower() in _RATE_ADVERBS
        or (k < len(words) - 1 and w.lower().endswith("ed"))
        for k, w in enumerate(words)
    ):
        return ""
    # both figures are levels of the verb's object: read as if it said "workforce is"
    return phrase_before(np + " is " + text[pos:], 0, len(np) + 4)


def change_before(text: str, start: int, pos: int) -> str | None:
    """"Ridership grew 30 percent" → "ridership growth"; "Container volume fell" → "container volume decline"."""
    changed = _changed(text, start, pos)
    if changed is None:
        return None
    return fold(" ".join(changed))  # "Violent crime rose": the measure is "violent crime growth"


# Verbs that make an amount of money a request rather than an appropriation or a spending.
_REQUEST = re.compile(
    r"\b(?:request(?:s|ed|ing)?|asking|asks|asked|seek(?:s|ing)?|sought|propos(?:es|ed|ing)|budget\s+request)\b",
    re.IGNORECASE,
)


_TRAVEL = re.compile(
    r"\b(?:travel(?:s|ed|led)?|drive(?:s|n)?|drove|cover(?:s|ed)?|log(?:s|ged)?|fl(?:y|ies|ew|own)|ran|runs?|"
    r"rode|rides?|ridden|sail(?:s|ed)?|patroll?(?:s|ed)?|walk(?:s|ed)?|hike[sd]?)\b[^.;:]{0,40}$",
    re.IGNORECASE,
)


# What an amount in a unit of flow or energy measures, from the verb before it: "delivered 98 million gallons per
# day" is the deliveries, "generated 12,400 GWh" the generation.
_UNIT_VERBS = {
    "delivered": "deliveries", "delivers": "deliveries", "supplied": "supply", "supplies": "supply",
    "produced": "production", "produces": "production", "generated": "generation", "generates": "generation",
    # (base forms after "will", "can", "to": "will produce approximately 520 GWh a year")
    "produce": "production", "generate": "generation", "supply": "supply", "deliver": "deliveries",
    "exported": "exports", "exports": "exports", "export": "exports", "imported": "imports", "imports": "imports",
    "import": "imports", "saved": "savings", "saves": "savings", "save": "savings",
    # a visit's length in nights or days ("stayed an average of 7.4 nights")
    "stayed": "length of stay", "stay": "length of stay", "stays": "length of stay",
    "treated": "water treated", "treats": "water treated", "pumped": "pumping", "pumps": "pumping",
    "used": "use", "uses": "use", "consumed": "consumption", "consumes": "consumption", "sold": "sales",
    "sells": "sales", "recycled": "recycling", "collected": "collection", "collects": "collection",
    # hours given ("volunteers gave 41,600 hours"): time given, whoever gave it
    "gave": "time given", "give": "time given", "gives": "time given", "contributed": "time given",
    "volunteered": "volunteer hours",
}
_GIVER = re.compile(r"\b([a-z]{3,}s)[ \t]+\Z")
_UNIT_VERB = re.compile(r"\b([a-z]+)(?:[ \t]+(?:an?[ \t]+)?(?:average|total)[ \t]+of)?[ \t]+$", re.IGNORECASE)


# Money moved by a verb right before it, when no noun follows: "transferred $415.9 million to the fund".
_MONEY_VERBS = {
    "transferred": "transfers", "transfers": "transfers", "spent": "spending", "spends": "spending",
    "collected": "collections", "collects": "collections", "paid": "payments", "pays": "payments",
    "raised": "funds raised", "raises": "funds raised", "invested": "investment", "invests": "investment",
    "saved": "savings", "saves": "savings", "borrowed": "borrowing", "borrows": "borrowing",
    "distributed": "distributions", "distributes": "distributions", "refunded": "refunds", "refunds": "refunds",
    "contributed": "contributions", "contributes": "contributions", "donated": "donations", "donates": "donations",
    "earned": "earnings", "earns": "earnings", "lost": "losses", "loses": "losses",
    "charged": "charges", "charges": "charges", "charge": "charges", "billed": "charges", "bills": "charges",
    "appropriated": "appropriations", "appropriates": "appropriations",
    "awarded": "funds awarded", "awards": "funds awarded", "obligated": "obligations", "obligates": "obligations",
    "disbursed": "disbursements", "disburses": "disbursements", "allocated": "allocations", "allocates": "allocations",
    "settle": "settlements", "settles": "settlements", "settled": "settlements",
    # (base forms after "will", "would", "to": "will lose £40.2 million", "will receive close to $2.4 billion")
    "lose": "losses", "spend": "spending", "save": "savings", "receive": "funding", "receives": "funding",
    "pay": "payments",
    "received": "funding", "cut": "cuts", "cuts": "cuts",
    # "must still find more than £9 million": savings a budget has yet to make
    "find": "savings",
}
_MONEY_VERB = re.compile(
    r"\b([a-z]+)(?:[ \t]+(?:about|nearly|almost|roughly|approximately|around|some|over|more[ \t]+than|close[ \t]+to|"
    r"up[ \t]+to|at[ \t]+least|less[ \t]+than|an?[ \t]+(?:average|total)[ \t]+of))?[ \t]+$",
    re.IGNORECASE,
)


# Money with a participle right after it and no noun: "$9.1 billion provided by Congress", "$50 million awarded, …"
_MONEY_EVENTS = {
    **{verb: measure for verb, measure in _MONEY_VERBS.items() if verb.endswith("ed")},
    "provided": "funding",
    "received": "funding",
    "requested": "budget request",
    "paid": "payments", "spent": "spending", "lost": "losses", "lent": "lending",
}


def money_event_after(text: str, pos: int, limit: int) -> str:
    """The measure a participle right after an amount of money names ("$50 million awarded to …"), or the
    participle itself when it names none; "" when no participle follows."""
    m = _REDUCED_EVENT.match(text, pos, limit)
    if m is None:
        return ""
    verb = m.group("verb")
    if verb in _MONEY_EVENTS:
        return _MONEY_EVENTS[verb]
    # "$48 billion incentivized in private historic preservation investment": the money the "in" names
    return counted_phrase(text, m.end("verb"), limit, money=True).text or verb


# "earned Rs 6,330 crore as passenger revenue": the money's own name after "as" (not "as of", "as part of", "as
# compared to", "as expected")
_NAMED_AS = re.compile(
    r"[ \t\u00a0]+as[ \t\u00a0]+(?:its[ \t\u00a0]+|their[ \t\u00a0]+|the[ \t\u00a0]+)?"
    r"(?!(?:of|part|well|a|an|compared|against|such|much|many|long|soon|if|though|opposed|per|in|at|to|for|with|from|"
    r"before|after|usual|expected|planned|budgeted|required|needed|announced|reported|shown|noted|stated)\b)"
    r"(?=[a-z])"
)


def named_as(text: str, end: int, limit: int) -> str:
    """What an amount earned or paid is named after "as" right after it ("earned $5 million as fare revenue"); ""."""
    m = _NAMED_AS.match(text, end, limit)
    return counted_phrase(text, m.end(), limit, money=True).text if m is not None else ""


def money_verb_measure(text: str, start: int, pos: int) -> str:
    """The measure a verb right before an amount of money names ("transferred $415.9 million", "paid contractors
    $4 million"); "" if none."""
    m = _MONEY_VERB.search(text, max(start, pos - 30), pos)
    measure = _MONEY_VERBS.get(m.group(1).lower(), "") if m is not None else ""
    if not measure:
        whom = _cost_whom(text, start, pos, text[max(start, pos - 48) : pos].lower())
        measure = _MONEY_VERBS.get(whom.group("verb").lower(), "") if whom is not None else ""
    return measure


def _cost_whom(text: str, lo: int, pos: int, tail: str) -> re.Match[str] | None:
    """A money verb and whom it concerns right before ``pos`` ("cost the city", "paid contractors"); ``tail``: the
    lowered text before ``pos``, so that most windows are passed over without a search."""
    return _COST_WHOM.search(text, max(lo, pos - 60), pos) if _COST_WHOM_GATE.search(tail) else None


_COST_WHOM_GATE = re.compile("cost|sav|pa[iy]|award|charg|grant|len[dt]|owe")


# A percentage an investment made, named by the verb right before it: "the Scheme returned 9.8% in the year"
_PERCENT_VERBS = {"returned": "investment return", "returns": "investment return", "yielded": "yield",
                  "yields": "yield"}


def percent_verb_measure(text: str, start: int, pos: int) -> str:
    """The measure a verb right before a percentage names ("returned 9.8%": the investment return); "" if none."""
    pos = _before_sign(text, start, pos)
    m = _MONEY_VERB.search(text, max(start, pos - 30), pos)
    return _PERCENT_VERBS.get(m.group(1).lower(), "") if m is not None else ""


def unit_verb_measure(text: str, start: int, pos: int) -> str:
    """The measure a verb right before a figure names for amounts in a unit ("delivered 98 MGD"); "" if none."""
    m = _UNIT_VERB.search(text, max(start, pos - 40), pos)
    if m is None:
        return ""
    measure = _UNIT_VERBS.get(m.group(1).lower(), "")
    if measure == "time given":
        # "volunteers gave 41,600 hours", "whose volunteers gave 3,400 hours": the givers' hours
        giver = _GIVER.search(text, max(start, m.start() - 30), m.start())
        if giver is not None:
            return f"{lemma(giver.group(1).lower())} hours"
    return measure


def travelled(text: str, start: int, pos: int) -> bool:
    """"Its buses travel about 23,000 miles a day": a distance covered, not a length."""
    return _TRAVEL.search(text, max(start, pos - 60), pos) is not None


# A legislature's or a board's amount, right before the figure: "the City Council adopted $214.3 million"
_ENACTED_BEFORE = re.compile(
    r"\b(?:enacted|adopted|approved|appropriated|passed)(?:[ \t]+(?:a|an|the|its|budget|of))*[ \t]+$", re.IGNORECASE
)


_ENACTED_AFTER = re.compile(r"[ \t]+(?:enacted|adopted|appropriated|approved)\b", re.IGNORECASE)


def enacted(text: str, start: int, pos: int, end: int) -> bool:
    """"the legislature enacted $205.3 million", "the $2.4 billion enacted last year": the amount enacted, not
    the one requested beside it (the figure runs from ``pos`` to ``end``)."""
    return (
        _ENACTED_BEFORE.search(text, max(start, pos - 40), pos) is not None or bool(_ENACTED_AFTER.match(text, end))
        or _LEGISLATURE_GAVE.search(text, max(start, pos - 60), pos) is not None  # "Congress provided $189.2 million"
    )


# "the $455.0 million the President requested": who asked for the amount, after it
_REQUESTED_AFTER = re.compile(
    r"[ \t\u00a0]+(?:that[ \t\u00a0]+)?(?:the[ \t\u00a0]+)?(?:President|[Aa]dministration|[Aa]gency|[Dd]epartment|[A-Z]{2,8}|it|they)"
    r"(?:['’]s[ \t\u00a0]+budget)?[ \t\u00a0]+(?:had[ \t\u00a0]+)?(?:requested|sought|proposed|asked[ \t\u00a0]+for)\b"
)


def requested_after(text: str, pos: int, limit: int) -> bool:
    """Whether the amount ending at ``pos`` is what someone asked for, said after it ("… below the $455.0 million
    the President requested")."""
    return _REQUESTED_AFTER.match(text, pos, limit) is not None


# A chamber of a legislature acting on an amount: "The House-passed H.R. 3093 included $3.95 billion", "the Senate
# Appropriations Committee … recommended $4.446 billion". (Not "the White House", nor a chamber compared with.)
_CHAMBER = re.compile(
    r"\b(?P<chamber>House|Senate)(?:-passed\b|(?P<committee>\s+(?:Appropriations\s+)?[Cc]ommittee)\b|\b)(?!\s+of\s+Commons)"
)
CHAMBER_STAGES = frozenset(("house", "senate", "house committee", "senate committee"))
_CHAMBER_LEAD = re.compile(r"(?:^|\b[Tt]he\s+)$")
_COMPARED_LEAD = re.compile(r"\b(?:than|over|from|with|to|versus)\s+(?:the\s+)?$", re.IGNORECASE)


def chamber(text: str, start: int, pos: int) -> str:
    """The legislative stage an amount at ``pos`` is one chamber's ("house", "senate committee" …) when its clause
    names the chamber acting on it, else ""."""
    stage = ""
    for m in _CHAMBER.finditer(text, start, pos):
        lead = text[max(start, m.start() - 12) : m.start()]
        passed = m.group(0).endswith("passed")
        if not (passed or m.start() == start or _CHAMBER_LEAD.search(lead)) or _COMPARED_LEAD.search(lead):
            continue
        stage = m.group("chamber").lower() + (" committee" if m.group("committee") else "")
    return stage


def requested(text: str, start: int, pos: int) -> bool:
    """"FWFS is requesting $2.6 billion", "asking Congress for $2.5 billion": a budget request (not once a later
    clause enacts an amount: "requested $221.0 million; the City Council adopted $214.3 million")."""
    lo = max(start, pos - 80)
    last = None
    for last in _REQUEST.finditer(text, lo, pos):
        pass
    return (
        last is not None and _ENACTED.search(text, last.end(), pos) is None
        and _LEGISLATURE_GAVE.search(text, last.end(), pos) is None
    )


_ENACTED = re.compile(
    r"\b(?:enact(?:s|ed)?|adopt(?:s|ed)?|approv(?:es|ed)|appropriat(?:es|ed)|pass(?:es|ed))\b",
    re.IGNORECASE,
)


# What an amount in a unit measures when the text names nothing else ("must keep below 12 knots").
UNIT_DIMENSIONS = {
    "knots": "speed",
    "acres": "area",
    "hectares": "area",
    "square miles": "area",
    "square kilometers": "area",
    "kph": "speed",
    "square feet": "area",
    "square meters": "area",
    "pounds": "weight",
    "kilograms": "weight",
    "grams": "weight",
    "ounces": "weight",
    "tons": "weight",
    "tonnes": "weight",
    "gallons": "volume",
    "liters": "volume",
    "barrels": "volume",
    "cubic yards": "volume",
    "cubic meters": "volume",
    "cubic feet": "volume",
    "miles": "length",
    "nautical miles": "length",
    "kilometers": "length",
    "feet": "length",
    "meters": "length",
    "millimeters": "length",
    "cubic meters per second": "flow",
    "centimeters": "length",
    "°C": "temperature",
    "°F": "temperature",
    "hPa": "pressure",
    "tCO2e": "emissions",
    "kgCO2e": "emissions",
    "gCO2e": "emissions",
    "GB": "data",
    "TB": "data",
    "PB": "data",
}  # durations are left out: "over ten years", "within 5 minutes" say how long, rarely a checkable figure


_UP_DOWN_BEFORE = re.compile(r"(?:^|[\s,(])(?P<dir>up|down)(?:\s+by)?\s+$", re.IGNORECASE)


def change_word_before(text: str, start: int, pos: int) -> str | None:
    """"…, up 12 percent from 2022": "increase" or "decrease" of what came before."""
    m = _UP_DOWN_BEFORE.search(text, max(start, pos - 12), pos)
    if m is None:
        return None
    return "increase" if m.group("dir").lower() == "up" else "decrease"


# What a relative figure is compared with: "the FY2008 appropriation (of $4.078 billion)", "the mayor's request".
_REFERENCE = re.compile(
    r"(?:[ \t\u00a0]+(?:with|to))?[ \t\u00a0]+(?:(?:the|its|their|a|an|in)[ \t\u00a0]+)?"
    r"(?P<ref>(?:FY[ \t\u00a0]?)?[A-Za-z0-9][\w'’-]*(?:\.\w+|(?<=\d)/\d+)*"
    r"(?:[ \t\u00a0]+(?!(?:and|or|of|but|which|while|for|in)\b)[A-Za-z][\w'’-]*){0,4})"
)


def relative_reference(text: str, pos: int, limit: int) -> str:
    """What a figure followed by "more than …" (at ``pos``) is compared with, lower-cased: "… more than the FY2008
    appropriation of $4.078 billion" → "fy2008 appropriation"; "" when no change follows."""
    m = _RELATIVE_AFTER.match(text, pos, limit)
    if m is None:
        return ""
    ref = _REFERENCE.match(text, m.end(), limit)
    return " ".join(ref.group("ref").lower().split()) if ref is not None else ""


def change_after(text: str, pos: int, limit: int) -> str | None:
    """"increase" or "decrease" when a figure is followed by "more than", "below", "up from" …"""
    m = _RELATIVE_AFTER.match(text, pos, limit)
    if m is None:
        return None
    d = m.group("dir").lower()
    return "increase" if d in ("more", "higher", "above", "up", "larger", "greater") else "decrease"


# --- Vocabulary: synonyms and scopes. --------------------------------------------------------


@attrs.frozen
class Vocabulary:
    synonyms: dict[str, str]  # folded phrase (head lemmatised) → canonical measure
    scopes: dict[str, str]  # scope word or phrase → canonical scope
    scope_pattern: re.Pattern[str]
    # normalise() results by phrase: pages repeat their measures, and the answer depends only on the tables
    memo: dict[str, tuple[str, tuple[str, ...]]] = attrs.field(factory=dict, eq=False, hash=False, repr=False)

    def scope_of(self, matched: str) -> str:
        """The canonical scope of words ``scope_pattern`` matched, in any case: "ADMINISTRATIVE" in a capitalised
        table title is "administrative" (fold keeps capitals, as for initials)."""
        return self.scopes.get(fold(matched)) or self.scopes[" ".join(matched.lower().split())]


@per_configuration
def vocabulary(settings: ExtractionSettings) -> Vocabulary:
    """Synonym and scope tables for one configuration."""
    synonyms: dict[str, str] = {}
    for canonical, words in settings.measures:
        for w in (canonical, *words):
            f = fold(w)
            synonyms.setdefault(f, canonical)
            synonyms.setdefault(key(f), canonical)
    scopes: dict[str, str] = {}
    for canonical, words in (*settings.scopes, *BUILTIN_SCOPES.items()):
        for w in (canonical, *words):
            scopes.setdefault(fold(w), canonical)
    if all(scopes):
        alternation = prefix_tree(scopes, space=r"\s+")  # the same matches as longest first, tried faster
    else:
        alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(scopes, key=lambda s: (-len(s), s)))
    return Vocabulary(synonyms, scopes, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE))


def content_words(words: list[str]) -> bool:
    """No word of ``words`` is a function word, a verb or a preposition: they may name a kind of thing."""
    return all(w.lower() not in _STOP and w.lower() not in _VERBS and w.lower() not in _INNER_PREPOSITIONS for w in words)


def content_tail(words: list[str]) -> list[str]:
    """The words of ``words`` after its last function word, verb or acronym ("NTA said bus" → "bus")."""
    k = len(words)
    while k > 0 and content_words(words[k - 1 : k]) and not (len(words[k - 1]) > 1 and words[k - 1].isupper()):
        k -= 1
    return words[k:]


def fold(phrase: str) -> str:
    """Case-, accent- and space-folded phrase; acronyms keep their case."""
    words = []
    for w in phrase.replace("’", "'").split():
        w = w.strip(",;:")
        words.append("-".join(_fold_part(part) for part in w.split("-")))
    return " ".join(words)


def _fold_part(part: str) -> str:
    # Two capitals make an acronym ("FFLs", "COVID") or a name ("McAllen"); each part of a compound counts
    # alone: "Full-Time" is "full-time", "US-Based" is "US-based".
    return part if sum(c.isupper() for c in part) >= 2 else part.lower()


def _synonym(phrase: str, vocab: Vocabulary) -> str | None:
    return vocab.synonyms.get(phrase) or vocab.synonyms.get(key(phrase))


# "ten-year capital plan", "5-year plan", "multi-year contracts": how long something runs is not what it is.
_DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|"
    r"multi|several)-(?:years?|months?|weeks?|days?|hours?)(?:-long)?\s+",
    re.IGNORECASE,
)


_SERVED = " served"
_WAITING = " waiting"
_WAITING_TAIL = re.compile(r"(?:households|families|applicants|people|persons|individuals) waiting$")


def normalise(phrase: str, vocab: Vocabulary) -> tuple[str, tuple[str, ...]]:
    """(measure, scopes) for a counted phrase: synonyms folded, scope words split off.

    Synonyms are looked up by the phrase and by its head noun's lemma, so "DUI" and "DUIs", "attaché office"
    and "attaché offices" fold alike. The measure keeps the words as written otherwise: a lemma is a key,
    not a rewrite ("law enforcement" must not become "law enforcements").
    """
    memo = vocab.memo.get(phrase)
    if memo is not None:
        return memo
    if len(vocab.memo) > 50_000:
        vocab.memo.clear()
    result = vocab.memo[phrase] = _normalise(phrase, vocab)
    return result


# "record revenue", "an all-time high income": praise of a figure, not another measure than revenue or income (but
# "historic structures" are a kind)
_PRAISE = re.compile(r"\A(?:record(?:-high|-breaking)?|all-time(?:\s+high)?)\s+(?=\S)", re.IGNORECASE)


_NUMBER_OF = re.compile(r"(?:total\s+)?(?:number|count|no\.)\s+of\s+(?=\w)")


def _normalise(phrase: str, vocab: Vocabulary) -> tuple[str, tuple[str, ...]]:
    folded = fold(_DURATION.sub("", _PRAISE.sub("", phrase)))
    if folded.startswith("all ") and not folded.startswith(("all of ", "all funds")):
        folded = folded[4:]  # "All employees" (a table's row) are the employees ("all funds" is a budget's scope)
    counted = _NUMBER_OF.match(folded)
    if counted is not None:
        folded = folded[counted.end() :]  # "Number of employees" (a column's header) counts the employees
    if folded.endswith(_WAITING):
        # "Households waiting" beside "Public housing" in a table of waiting lists: the list's size
        folded = _WAITING_TAIL.sub("waiting list", folded)
    named = _synonym(folded, vocab)
    if named is None and folded.endswith(_SERVED) and " " in folded:
        # "Riders with disabilities served (by the Office)": whom a body serves are its riders, of no other kind
        # (unless the configuration names "population served" as a measure of its own)
        folded = folded[: -len(_SERVED)]
        named = _synonym(folded, vocab)
    scopes = []
    if named is not None and named != folded:
        # "average monthly participation" named as "WIC participants": the synonym keeps the rate it was given at
        scopes.extend(w for w in folded.split() if w in _RATE_ADVERBS and w not in named.split())
    folded = named or folded
    for m in vocab.scope_pattern.finditer(folded):
        scopes.append(vocab.scope_of(m.group(0)))
    rest = " ".join(vocab.scope_pattern.sub(" ", folded).split()) if scopes else folded
    if rest:
        rest = _synonym(rest, vocab) or rest
    return rest, tuple(scopes)


def with_rate(measure: str, rate: str, vocab: Vocabulary) -> str | None:
    """The configuration's name for ``measure`` at ``rate`` when it names one ("average population" at "daily" is
    its "average daily population", "releases" at "daily" its "daily releases"); None when it names none."""
    if rate not in _RATE_ADVERBS:
        return None
    forms = [f"{rate} {measure}", f"{measure} per {_RATE_UNIT[rate]}"]
    if measure.startswith("average "):
        forms.append(f"average {rate} {measure[8:]}")
    for form in forms:
        named = _synonym(form, vocab)
        if named is not None and (rate in named.split() or f"per {_RATE_UNIT[rate]}" in named):
            return named
    return None


def share_of(of: str, vocab: Vocabulary) -> str:
    """The measure of a share of ``of``: the configuration's name for it when it names "share of …", "percent of …"
    or "percentage of …" (a config's "percent of capacity" is the "108.8 percent of capacity" of the page)."""
    for word in ("share", "percent", "percentage"):
        named = _synonym(f"{word} of {of}", vocab)
        if named is not None:
            return named
    return f"share of {of}"


def scopes_in(words: tuple[str, ...], vocab: Vocabulary) -> tuple[str, ...]:
    """Canonical scopes named among ``words`` (a following "with criminal convictions" clause)."""
    return tuple(vocab.scope_of(m.group(0)) for m in vocab.scope_pattern.finditer(" ".join(words)))


# Verbs that say what happened to what is counted. "removed … criminal aliens" and "arrested … aliens
# with criminal convictions" count different things, so the action becomes part of the measure.
_ACTIONS = {
    "arrest": "arrested",
    "remove": "removed",
    "deport": "deported",
    "seize": "seized",
    "detain": "detained",
    "apprehend": "apprehended",
    "identify": "identified",
    "assist": "assisted",
    "rescue": "rescued",
    "prosecute": "prosecuted",
    "convict": "convicted",
    "book": "booked",
    "release": "released",
    "admit": "admitted",
    "transfer": "transferred",
    "indict": "indicted",
    "sentence": "sentenced",
    "interdict": "interdicted",
    "extradite": "extradited",
    "evacuate": "evacuated",
    "return": "returned",
    "screen": "screened",
    "inspect": "inspected",
    "investigate": "investigated",
    "secure": "secured",
    "hire": "hired",
    "train": "trained",
    "replace": "replaced",
    "certify": "certified",
    "treat": "treated",
    "contain": "contained",
    "obtain": "obtained",
    "process": "processed",
    # a count of what was added or opened is not the stock it joins ("added 14 vans, bringing the total to 118")
    "add": "added",
    "open": "opened",
    "close": "closed",
    "acquire": "acquired",
    "purchase": "purchased",
    # work done on what is counted: "cleared 9,400 miles of trail" is not the 16,400 miles of the network
    "clear": "cleared",
    "build": "built",
    "rebuild": "rebuilt",
    "repair": "repaired",
    "restore": "restored",
    "plant": "planted",
    "vaccinate": "vaccinated",
    "test": "tested",
    "enroll": "enrolled",
    "collect": "collected",
    "recover": "recovered",
    "resurface": "resurfaced",
    "repave": "repaved",
    "pave": "paved",
    "widen": "widened",
}
_PAST_ACTIONS = frozenset(_ACTIONS.values())
_ACTION_FORMS = {
    form: past
    for stem, past in _ACTIONS.items()
    for form in {
        stem,
        past,
        stem + "s",
        stem + "es",
        (stem[:-1] + "ies") if stem.endswith("y") else stem + "s",
        (stem[:-1] + "ied") if stem.endswith("y") else past,
    }
}
_NOMINAL_ACTIONS = {
    "arrests": "arrested",
    "removals": "removed",
    "seizures": "seized",
    "deportations": "deported",
    "apprehensions": "apprehended",
    "detentions": "detained",
    "convictions": "convicted",
}


# "screened 813.8 million (|813,791,287) passengers": the restated figure has the first one's verb
_RESTATED_BEFORE = re.compile(r"[$€£]?\d[\d,.]*(?:[ \t\u00a0]+(?:thousand|million|billion))?[ \t\u00a0]*\([ \t\u00a0]*[$€£]?\Z")


def action_before(text: str, start: int, pos: int) -> str | None:
    """The action verb right before a figure ("seized almost a million pounds" → "seized"), if any."""
    words = _RESTATED_BEFORE.sub("", text[max(start, pos - 60) : pos])[-40:].split()
    if len(words) > 2 and words[-1].lower() == "of" and words[-2].lower() == "total" and words[-3].lower() == "a":
        words = words[:-3]  # "screened a total of 813.8 million passengers"
    elif len(words) > 1 and words[-1].lower() == "total" and words[-2].lower() == "a":
        words = words[:-2]
    if not words:
        return None
    last = words[-1].lower()
    if last == "of" and len(words) > 1 and words[-2].lower() in _NOMINAL_ACTIONS:
        return _NOMINAL_ACTIONS[words[-2].lower()]  # "arrests of more than 127,000 aliens"
    if last.endswith("ly") and len(words) > 1:
        last = words[-2].lower()  # "administratively arrested" / "seized approximately"
    if last == "open" and len(words) > 1 and words[-2].lower() in _BE_FORMS:
        return None  # "the office is open 40 hours": a state, not an opening
    return _ACTION_FORMS.get(last)  # "arrests, 567 of them": punctuation between, so no action


_BE_FORMS = frozenset("is are was were stay stays stayed remain remains remained".split())


_EMPLOY = frozenset(("employ", "employs", "employed", "employing"))
# Nouns that say only "people": employed, they are the organisation's employees.
_PEOPLE = frozenset(("people", "persons", "individuals", "workers", "staff", "staffers", "men and women"))


# "… people were employed by", "… people work for": the people after the figure are its employees
_EMPLOYED_AFTER = re.compile(
    r"[ \t\u00a0]+(?:[\w-]+[ \t\u00a0]+){0,2}?(?:people|persons|individuals|workers|staff)[ \t\u00a0]+"
    r"(?:(?:are|were|is|was|have[ \t\u00a0]+been|had[ \t\u00a0]+been)[ \t\u00a0]+(?:currently[ \t\u00a0]+)?employed"
    r"[ \t\u00a0]+(?:by|at)|(?:currently[ \t\u00a0]+)?(?:work|works|worked)[ \t\u00a0]+(?:for|at))\b",
    re.IGNORECASE,
)


def employed(text: str, start: int, pos: int, head: str, end: int | None = None) -> bool:
    """Whether the figure at ``pos`` (ending at ``end``) counts people an organisation employs ("employs 20,000
    people", "60,000 people were employed by", "60,000 people work for")."""
    if head.lower() not in _PEOPLE:
        return False
    words = text[max(start, pos - 40) : pos].split()
    if words and words[-1].lower() in _EMPLOY:
        return True
    return end is not None and _EMPLOYED_AFTER.match(text, end) is not None


_PREDICATE_WORDS = re.compile(r"[ \t\u00a0]*(?:[—–][ \t\u00a0]*)?([A-Za-z][\w'’-]*)")  # ("99 percent — are unmarried")
_ADVERBS = frozenset("now still also already currently today then even only".split())
_LEAST_MOST = re.compile(r"[ \t\u00a0]+(?:least|most)\b")
_VERB_IN = re.compile(
    r"[a-z]{3,}[ \t]+(?:in|at|from)[ \t]+(?:the[ \t]+)?[A-Za-z][\w'’-]*(?:[ \t]+(?!and\b|or\b|in\b|at\b|during\b|since\b)"
    r"[A-Za-z][\w'’-]*){0,2}?(?=[ \t]*(?:[,;.)]|and\b|$))"
)
_FINITE = frozenset("is are was were has have had do does did will would can could may might".split())
_COPULA = frozenset("is are was were be been being".split())
_PREDICATE_END = frozenset(
    "in during since by from as at on to for of into and or but nor so yet than if because while when where".split()
)


# A state that splits what is counted: "were rated in poor condition", "are in good repair", "were rated as
# structurally deficient". The verbs of rating say nothing of their own once the state is read.
_RATING = frozenset("rated classified considered deemed graded judged assessed listed designated ranked".split())
_STATE = re.compile(
    r"[ \t\u00a0]+(?:(?:now|currently|still)[ \t\u00a0]+)?"
    r"(?:(?:rated|classified|considered|deemed|graded|judged|assessed|listed|designated)[ \t\u00a0]+)?"
    r"(?:in[ \t\u00a0]+((?:[A-Za-z-]+[ \t\u00a0]+){1,2}(?:condition|repair|shape))"
    r"|as[ \t\u00a0]+((?:structurally|functionally)[ \t\u00a0]+(?:deficient|obsolete)))\b",
    re.IGNORECASE,
)


# How long something took, said with its verb: "the average e-filed refund went out in 7 days", "paper refunds took
# an average of 36 days", "callers waited about 8 minutes", "crews arrived within 6 minutes".
_TOOK = re.compile(
    r"(?P<np>(?:[A-Za-z][\w'’-]*[ \t]+){0,4}?[A-Za-z][\w'’-]*)[ \t]+"
    r"(?:(?:is|are|was|were|has[ \t]+been|have[ \t]+been)[ \t]+)?(?:(?:now|typically|usually|generally)[ \t]+)?"
    r"(?P<verb>took|take|takes|waited|wait|waits|went[ \t]+out|goes[ \t]+out|go[ \t]+out|processed|issued|completed"
    r"|decided|resolved|paid|answered|responded|arrived"
    r"|reached[ \t]+(?:the[ \t]+)?(?:scene|site|incident|area))"  # "teams reached the scene in an average of 10.2 hours"
    r"(?:[ \t]+(?:in|within|after))?(?:[ \t]+(?:on[ \t]+average|an[ \t]+average[ \t]+of|a[ \t]+median[ \t]+of))?[ \t]*$",
    re.IGNORECASE,
)
# … or with the verb before what it handled: "the Service decides initial disability claims in an average of 221 days"
_HANDLES_IN = re.compile(
    r"\b(?:decide[sd]?|process(?:es|ed)?|issue[sd]?|answer(?:s|ed)?|resolve[sd]?|complete[sd]?|pays|paid|"
    r"close[sd]?|review(?:s|ed)?)[ \t]+(?P<np>(?:[A-Za-z][\w'’-]*[ \t]+){0,4}?[A-Za-z][\w'’-]*)[ \t]+"
    r"(?:in|within)(?:[ \t]+(?:an[ \t]+average[ \t]+of|a[ \t]+median[ \t]+of))?[ \t]*$",
    re.IGNORECASE,
)
_WAITED = frozenset(("waited", "wait", "waits"))
_RESPONDED = frozenset(("answered", "responded", "arrived", "reached"))
_NP_LEAD = frozenset("the a an its their our his her average typical median mean".split())


# Opening hours: "Our 12 clinics are open a combined 468 hours a week", "the office is open 40 hours".
_OPEN_FOR = re.compile(
    r"(?P<noun>[A-Za-z][\w-]*)(?:[ \t]+\d[\d,]*)?(?:,?[ \t]+(?:are|is|were|was|stay|stays|stayed|remain|remains|remained)"
    r"|,)[ \t]+open[ \t]+(?:a[ \t]+combined[ \t]+|a[ \t]+total[ \t]+of[ \t]+|for[ \t]+)?$",
    re.IGNORECASE,
)


_RUNS_EVERY = re.compile(
    r"\b(?P<noun>[a-z][a-z-]+)[ \t]+(?:run|runs|ran|arrive|arrives|come|comes|depart|departs|operate|operates|leave|leaves)"
    r"[ \t]+(?:about[ \t]+|roughly[ \t]+|approximately[ \t]+)?every[ \t]+\Z",
    re.IGNORECASE,
)


_FREQUENCY_WHEN = re.compile(
    r"[ \t]+(?:on[ \t]+(?P<days>weekdays|weekends|saturdays|sundays|holidays)|(?:during|at|in)[ \t]+(?:the[ \t]+)?"
    r"(?P<peak>peak|off-peak|rush)(?:[ \t]+(?:hours?|periods?|times?))?|(?P<off>off-peak))\b",
    re.IGNORECASE,
)


def frequency_when(text: str, end: int, limit: int) -> str:
    """When a frequency right before ``end`` holds, as a scope: "every 10 minutes on weekdays" → "weekdays",
    "… at peak times" → "peak"; "" when the words after it do not say."""
    m = _FREQUENCY_WHEN.match(text, end, limit)
    if m is None:
        return ""
    return (m.group("days") or m.group("peak") or m.group("off")).lower()


def duration_measure(text: str, start: int, pos: int, unit: str) -> str:
    """What a duration right after ``pos`` times, read from the verb before it: "callers waited" → "wait time",
    "crews arrived" → "crew response time", "paper refunds took" → "paper refund processing time", "the
    rebuild took three years" → "rebuild duration"; "" if none."""
    every = _RUNS_EVERY.search(text, max(start, pos - 60), pos) if unit in ("minutes", "hours") else None
    if every is not None:
        # "Trains run every 10 minutes": how often they come, of what comes
        return f"{lemma(every.group('noun').lower())} frequency"
    if unit == "hours":
        opened = _OPEN_FOR.search(text, max(start, pos - 60), pos)
        if opened is not None:
            return f"{lemma(opened.group('noun').lower())} hours"  # "Our 12 clinics are open a combined 468 hours"
    m = _TOOK.search(text, max(start, pos - 80), pos)
    if m is None:
        m = _HANDLES_IN.search(text, max(start, pos - 80), pos)
        if m is None:
            return ""
        verb = "processed"
    else:
        verb = m.group("verb").lower().split()[0]
    words = m.group("np").split()
    while words and words[0].lower() in _NP_LEAD:
        words.pop(0)
    words = [w for w in words if w.lower() not in ("new",)] if len(words) > 1 else words
    if any(w.lower() in _STOP or w.lower() in _VERBS for w in words):
        words = words[-1:] if words and words[-1].lower() not in _STOP and words[-1].lower() not in _VERBS else []
    if verb in _WAITED:
        return "wait time"  # who waited is not what was timed
    noun = " ".join([*(w.lower() for w in words[:-1]), lemma(words[-1].lower())]) if words else ""
    kind = "response time" if verb in _RESPONDED else "duration" if unit in ("months", "years") else "processing time"
    return f"{noun} {kind}".strip()


# Something that happened to the things counted: "Three firefighters were treated for minor injuries", "412 homes
# were inspected". They are not all the firefighters or homes there are.
_PASSIVE_EVENT = re.compile(
    r"(?:[ \t\u00a0]*\([^()]{1,40}\))?"  # "Of those, 1,471 (79%) were loaded"
    # ("nearly 20 have been sold", "320 will be cut")
    r"[ \t\u00a0]+(?:were|was|ha(?:ve|s|d)[ \t\u00a0]+been|will[ \t\u00a0]+be)[ \t\u00a0]+(?:(?:also|then|later|all)[ \t\u00a0]+)?"
    r"(?P<verb>[a-z]{3,}(?:ed|en)|hurt|cut|shot|struck|sent|taken|found|brought|led|held|built|sold|lost|paid|caught)"
    r"\b(?![ \t\u00a0]+(?:in|as)[ \t\u00a0]+[a-z]+[ \t\u00a0]+(?:condition|repair|shape))",
)


def passive_event(text: str, pos: int, limit: int) -> str:
    """The participle of what happened to the counted things right after ``pos`` ("… were treated"); "" if none."""
    m = _PASSIVE_EVENT.match(text, pos, limit)
    if m is None or m.group("verb") in _NOT_EVENTS:
        return ""
    return m.group("verb")


# … or said after the noun, the "were" left out: "3,500 people apprehended between ports of entry", "61,500
# travelers inspected" (only the verbs of _ACTIONS: "400 agents assigned to the unit" stays agents)
_REDUCED_EVENT = re.compile(
    # (the irregular participles of money, and a particle: "£702m paid out in pensions")
    r"[ \t\u00a0]+(?P<verb>[a-z]{4,}ed|paid|spent|lost|lent)\b(?:[ \t\u00a0]+(?:out|back|off)\b)?"
    r"(?=[ \t\u00a0]*(?:$|[,.;:)])|[ \t\u00a0]+(?:at|in|between|by|from|on|during|"
    r"before|after|to|across|along|nationwide|each|per|a|an|with|for|under|through|into|against|until)\b)"
)


def reduced_event(text: str, pos: int, limit: int) -> str:
    """The participle right after a noun phrase ending at ``pos`` that says what was done to its things, "" if none."""
    m = _REDUCED_EVENT.match(text, pos, limit)
    if m is None or m.group("verb") not in _PAST_ACTIONS:
        return ""
    return m.group("verb")


_NOT_EVENTS = frozenset("located based stationed employed assigned used needed required expected estimated".split())


# What people counted did, right after them: "41.2 million people received payments from …", "3.3 million
# people were newly awarded benefits", "Some 6 million Americans use the service". Different doings of "people"
# are different counts, and one doing is one count whatever its tense.
_DOINGS = {
    "receive": "receiving", "get": "getting", "use": "using", "visit": "visiting", "apply": "applying",
    "call": "calling", "file": "filing", "attend": "attending", "enroll": "enrolled", "award": "awarded",
    "serve": "served", "help": "helped", "assist": "assisted", "depend": "depending", "rely": "relying",
    "collect": "collecting", "claim": "claiming", "qualify": "qualifying", "participate": "participating",
    "buy": "buying", "purchase": "purchasing", "complete": "completing", "register": "registering",
    "earn": "earning", "obtain": "obtaining", "take": "taking",
}  # fmt: skip
_DOING_FORMS = {
    **_DOINGS,
    **{v + ("d" if v.endswith("e") else "ed"): ing for v, ing in _DOINGS.items()},
    **{v + "s": ing for v, ing in _DOINGS.items()},
    "got": "getting", "applied": "applying", "applies": "applying", "relied": "relying", "relies": "relying",
    "bought": "buying", "took": "taking", "taken": "taking", "qualified": "qualifying", "qualifies": "qualifying",
}  # fmt: skip
_PEOPLE_DOING = re.compile(
    r"[ \t\u00a0]+(?:(?:were|are|was|is|have|has|had)[ \t\u00a0]+(?:been[ \t\u00a0]+)?)?(?:[a-z]+ly[ \t\u00a0]+)?"
    r"(?P<verb>[a-z]{3,})\b"
    r"(?:[ \t\u00a0]+(?:(?:the|their|its|a|an|some|monthly|annual|new)[ \t\u00a0]+)*"
    r"(?P<object>(?:[A-Za-z][\w'’-]*[ \t\u00a0]+){0,2}?(?:benefits|payments|services|service|care|assistance|aid|"
    r"checks|pensions|compensation|support|help|treatment|loans|grants|vouchers|meals|licenses|licences|license|"
    r"licence|permits|permit|course|courses|classes|class|training|program|programs|tickets|passes|pass)))?\b"
)
PEOPLE_NOUNS = frozenset(("people", "persons", "individuals", "americans", "residents", "adults", "children"))


# "… employees support VA's health care system", "… employees are involved with providing benefits to veterans",
# "… employees provide burial and memorial benefits for …": what the part of a count does, by its object
_PART_DONE = re.compile(
    r"[ \t]+(?:are[ \t]+|were[ \t]+)?(?:[a-z]+ly[ \t]+)?"
    r"(?P<verb>(?:involved|engaged|employed)[ \t]+(?:with|in)[ \t]+[a-z]{3,}ing|"
    r"support|supports|supported|provide|provides|provided|providing|serve|serves|served|work|works|worked|"
    r"staff|staffs|run|runs|handle|handles|handled|process|processes|processed|deliver|delivers|delivered|"
    r"administer|administers|administered|manage|manages|managed|operate|operates|operated|maintain|maintains)"
    r"(?:[ \t]+(?:in|at|on|for|with))?[ \t]+(?:(?:the|its|their|a|an|[A-Z][\w'’-]*['’]s)[ \t]+)*"
    r"(?P<what>(?:[a-z][\w-]*[ \t]+){0,3}?[a-z][\w-]*)(?=[ \t]*(?:[,.;:]|$)|[ \t]+(?:to|for|of|in|at|and|that|which|who|across|around|one|with)\b)"
)


def part_done(text: str, pos: int, measure: str) -> str:
    """What the things counted right before ``pos`` do, past the words of their ``measure``, as a scope: "health care
    system", "benefits", "burial and memorial benefits"; "" if the words after say no such thing."""
    at = pos
    for word in measure.split():  # past the counted noun phrase, as many of its words as follow
        k = at
        while k < len(text) and text[k] in " \t":
            k += 1
        e = k + len(word)
        if k == at or text[k:e].lower() != word or (e < len(text) and (text[e].isalnum() or text[e] == "_")):
            break
        at = e
    m = _PART_DONE.match(text, at, min(len(text), at + 160))
    if m is None:
        return ""
    what = m.group("what").lower()
    return "" if what in _STOP or what in _VERBS else what


def people_doing(text: str, pos: int, limit: int) -> str:
    """What the people counted right before ``pos`` did ("received payments" → "receiving payments"); "" if not
    one of the doings that make a count of its own."""
    m = _PEOPLE_DOING.match(text, pos, limit)
    if m is None:
        return ""
    doing = _DOING_FORMS.get(m.group("verb"))
    if doing is None:
        return ""
    what = m.group("object")
    return f"{doing} {what.split()[-1].lower()}" if what else doing


_COPULA_NOUN = re.compile(
    r"[ \t\u00a0]+(?:were|are|was|is)[ \t\u00a0]+(?P<np>(?:[A-Za-z][\w'’-]*[ \t\u00a0]+){0,3}?[A-Za-z][\w'’-]*)"
    r"(?=[ \t\u00a0]*(?:[,.;:)]|$)|[ \t\u00a0]+(?:in|during|and|or|with|from|for|on|at)\b)"
)


# "Of its ferries, 9 are hybrid", "Of the 300 ferries, 9 were hybrid": a partitive put first names what the figure
# after it counts (the comma right before the figure is checked first, so most figures cost one character test).
_FRONTED_OF = re.compile(
    r"(?<![\w'’-])[Oo]f\s+(?:all\s+)?(?:the|its|their|our|these|those)\s+(?:[\d,]+\s+)?"
    r"(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}),\s*$"
)


def fronted_partitive(text: str, start: int, pos: int, end: int, limit: int) -> str:
    """What a figure from ``pos`` to ``end`` counts when a partitive opens its clause: "Of its ferries, 9 are
    hybrid" counts hybrid ferries (the predicate's adjective narrows the kind), "Of the ferries, 9 …" ferries;
    "" when no such partitive comes right before it."""
    comma = text.rfind(",", max(start, pos - 3), pos)
    if comma < 0 or text[comma + 1 : pos].strip():
        return ""
    m = _FRONTED_OF.search(text, max(start, pos - 80), pos)
    if m is None:
        return ""
    words = m.group("np").split()
    last = words[-1].lower()
    if any(w.lower() in _STOP or w.lower() in _VERBS for w in words):
        return ""
    if lemma(last) == last and last not in _PLURALS:
        return ""  # "Of the total, 24 …", "Of the remainder, …": a whole, not a kind of thing
    p = _PREDICATE.match(text, end, limit)
    said = p.group("adj").split()[-1].lower() if p else ""
    if not said or said in _STOP or said in _PRONOUNS:
        return " ".join(words)
    if said.endswith("ed") and "-" not in said:
        words.append(said)  # "Of its ferries, 4 were retired": the ferries retired, as "buses replaced"
    elif not said.endswith("ing") and (_adjective(said) or not said.endswith("s")):
        # the word the copula gives is the kind, whatever its ending: "9 are hybrid", "9 are diesel"
        words.insert(0, said)
    return " ".join(words)


def kind_named_after(text: str, pos: int, limit: int, head: str) -> str:
    """"… fires in 2023, of which 412 were structure fires": the kind of ``head`` a figure ending at ``pos`` is
    said to be; "" when the words after it name no kind of it."""
    m = _COPULA_NOUN.match(text, pos, limit)
    if m is None or not head:
        return ""
    words = m.group("np").split()
    if any(w.lower() in _STOP or w.lower() in _VERBS for w in words):
        return ""
    last = words[-1].lower()
    if lemma(last) == lemma(head.split()[-1].lower()):
        return " ".join(words) if len(words) > 1 else ""
    # "9 million riders, and 3 million were students": other things, named by a plural noun
    return " ".join(words) if lemma(last) != last and not last.endswith(("ed", "ing")) else ""


def state_of(text: str, pos: int, limit: int) -> str:
    """The state a count's things are said to be in right after ``pos`` ("… in poor condition", "… were rated as
    structurally deficient"), lower-cased; "" when none. 331 bridges in poor condition are not the 4,862 bridges."""
    m = _COPULA_BEFORE_STATE.match(text, pos, limit)
    at = m.end() if m is not None else pos
    state = _STATE.match(text, at, limit)
    if state is None:
        return ""
    return " ".join((state.group(1) or state.group(2)).lower().split())


_COPULA_BEFORE_STATE = re.compile(r"[ \t\u00a0]*(?:,(?:[^,.;]|\.(?=\d)){0,80},|,)?[ \t\u00a0]*(?:is|are|was|were|remain|remained)(?=[ \t\u00a0])", re.IGNORECASE)


# Verbs that only report what a share's members are: "72 percent said they were satisfied" are the satisfied ones.
_REPORTING = frozenset("said say says reported report reports indicated indicate indicates stated".split())
_REPORTED_WHO = frozenset("they that it he she we".split())
# Objects only a finite verb takes: "61 percent rated it poor" is a predicate ("rated in 2020" is a participle).
_OBJECT_WORDS = frozenset("it its them their his her this these those".split())
_OF_NEXT = re.compile(r"[ \t\u00a0]+of\b")
_TIME_OBJECT = re.compile(r"[ \t\u00a0]+(?:previous|same|next|following|last|prior|first|year|day|week|month)\b", re.I)
_DETERMINED = re.compile(r"[ \t\u00a0]+(?:the|a|an|" + "|".join(sorted(_OBJECT_WORDS)) + r")\b", re.IGNORECASE)
# A share of money goes somewhere: "45% of its budget on salaries", "60% goes to operations".
_MONEY_WHOLES = frozenset(
    """budget budgets spending funding funds expenditure expenditures expenses outlays revenue revenues appropriation
    appropriations costs money""".split()
)
# (and where it comes from: "60 per cent of the budget comes from grants and 30 per cent is provided by the council")
_ALLOTTED = frozenset("go goes went spent used allocated devoted directed come comes came provided funded paid".split())
_DESTINATION = re.compile(
    r"[ \t\u00a0]*(?:on|to|for|toward|towards|from|by)[ \t\u00a0]+(?:(?:the|its|their|a|an)[ \t\u00a0]+)?"
    r"([A-Za-z][\w'’-]*(?:[ \t\u00a0]+(?!(?:in|during|since|by|from|as|at|on|to|for|of|into|or|but|than|while|when|"
    r"where|and[ \t\u00a0]+(?![A-Za-z]))\b)(?:and[ \t\u00a0]+)?[A-Za-z][\w'’-]*){0,2})"
)
_NOT_DESTINATIONS = frozenset("year years fiscal month months period quarter last previous prior next this".split())


def of_money(measure: str) -> bool:
    """Whether ``measure`` is a share of an amount of money ("share of budget")."""
    return measure.startswith("share of ") and measure.rsplit(" ", 1)[-1] in _MONEY_WHOLES


def _destination(text: str, pos: int, limit: int) -> str:
    """Where money goes, right at ``pos`` ("on salaries and benefits", "to capital projects"); "" when nothing is named."""
    m = _DESTINATION.match(text, pos, limit)
    if m is None:
        return ""
    words = m.group(1).lower().split()
    return "" if words[0] in _NOT_DESTINATIONS else " ".join(words)


def share_predicate(
    text: str, pos: int, limit: int, *, verb_read: bool = False, plural: bool = False, spent: bool = False
) -> str:
    """What a share's members do or are, when a verb follows its noun phrase ("60% of riders *have no car*",
    "1 in 5 riders now *pays*"): shares of the same people that say different things are different figures.
    "" when no verb follows (a participle, "arrested in FY 2017", stays the noun phrase's). ``verb_read``: the verb
    is already behind ``pos`` ("a quarter of whom are| part-time"). ``plural``: a plural noun phrase ends at ``pos``, so
    a verb's base form may follow it ("45% of the volunteers| serve in Africa"). ``spent``: the share is of money, so
    where it goes is what it is ("45% of its budget| on salaries", "60%| goes to operations")."""
    state = state_of(text, pos, limit)
    if state:
        return state
    if spent and (where := _destination(text, pos, limit)):
        return where
    words: list[str] = []
    i = pos
    while len(words) < 4:
        m = _PREDICATE_WORDS.match(text, i, limit)
        if m is None:
            break
        low = m.group(1).lower()
        if low == "at" and words and (least := _LEAST_MOST.match(text, m.end(), limit)) is not None:
            i = least.end()  # "have at least an undergraduate degree": a bound inside the predicate, not its end
            continue
        if low in _PREDICATE_END:
            break
        if not words:
            if low in ("who", "that") or low in _ADVERBS:
                i = m.end()
                continue
            if low in _REPORTING:
                # "72 percent said they were satisfied": what follows is what they are, verb or not
                i, verb_read = m.end(), True
                who = _PREDICATE_WORDS.match(text, i, limit)
                if who is not None and who.group(1).lower() in _REPORTED_WHO:
                    i = who.end()
                continue
            finite = low in _FINITE or (low.endswith("s") and not low.endswith("ss") and low not in _STOP)
            if not finite and low.endswith("ed") and len(low) > 4:
                # "adults smoked cigarettes": a past tense with its object; "aliens arrested in FY 2017" is a
                # participle, which a preposition or nothing follows
                nxt = _PREDICATE_WORDS.match(text, m.end(), limit)
                after = nxt.group(1).lower() if nxt is not None else None
                finite = after is not None and (
                    (after not in _PREDICATE_END and after not in _STOP)
                    or after in _OBJECT_WORDS
                    or (after in ("the", "a", "an") and not _TIME_OBJECT.match(text, nxt.end(), limit))
                )
            if not finite and not verb_read:
                # "45% of the volunteers serve in Africa": a plural's verb, with where or what they do it in
                where = _VERB_IN.match(text, m.start(1), limit) if plural else None
                if where is None or low in _STOP or low.endswith("ly"):
                    return ""
                return " ".join(w.lower() for w in where.group(0).split() if w.lower() not in ("a", "an", "the"))
        elif low in ("a", "an", "the"):
            i = m.end()
            continue
        words.append(low)
        i = m.end()
        if spent and low in _ALLOTTED and (where := _destination(text, i, limit)):
            return where  # "60% goes to operations": where it goes, not that it goes
    while words and words[-1] in ("a", "an", "the", "no", "not", "with", "without"):
        words.pop()
    # the copula says nothing of its own: "were e-books", "of them e-books" and "had been convicted" alike
    if len(words) > 1 and words[0] in ("has", "have", "had") and words[1] == "been":
        words = words[2:]
    while len(words) > 1 and words[0] in _COPULA:
        words = words[1:]
    if len(words) == 1 and words[0] in _COPULA:
        return ""  # "45 percent are in Africa": where they are, which the words after say (a category)
    return " ".join(words)
