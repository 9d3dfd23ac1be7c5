"""Published loneliness and social-network scales, scored as their authors describe.

UCLA-3: Hughes, Waite, Hawkley & Cacioppo (2004), "A short scale for measuring loneliness
in large surveys". Three items answered hardly ever (1), some of the time (2) or often (3);
the total runs 3–9 and 6 or more is the usual cut-off for counting as lonely.

LSNS-6: Lubben et al. (2006), the abbreviated Lubben Social Network Scale. Six items about
relatives and friends scored 0–5; the total runs 0–30 and under 12 marks a risk of social
isolation. Each three-item subscale (family, friends) runs 0–15; under 6 marks few ties there.
"""

from dataclasses import dataclass

UCLA_ITEMS = (
    ("companionship", "How often do you feel that you lack companionship?"),
    ("left_out", "How often do you feel left out?"),
    ("isolated", "How often do you feel isolated from others?"),
)
UCLA_OPTIONS = ((1, "Hardly ever"), (2, "Some of the time"), (3, "Often"))
UCLA_MIN, UCLA_MAX = 3, 9
UCLA_LONELY_FROM = 6

LSNS_FAMILY_INTRO = "Think of the people you are related to by birth, marriage or adoption."
LSNS_FRIENDS_INTRO = "Think of all your friends, including those who live near you."
LSNS_ITEMS = (
    ("family_monthly", "How many relatives do you see or hear from at least once a month?"),
    (
        "family_private",
        "How many relatives do you feel at ease with to talk about private matters?",
    ),
    (
        "family_help",
        "How many relatives do you feel close to, so that you could call on them for help?",
    ),
    ("friends_monthly", "How many of your friends do you see or hear from at least once a month?"),
    ("friends_private", "How many friends do you feel at ease with to talk about private matters?"),
    (
        "friends_help",
        "How many friends do you feel close to, so that you could call on them for help?",
    ),
)
LSNS_OPTIONS = (
    (0, "None"),
    (1, "One"),
    (2, "Two"),
    (3, "Three or four"),
    (4, "Five to eight"),
    (5, "Nine or more"),
)
LSNS_MIN, LSNS_MAX = 0, 30
LSNS_ISOLATION_BELOW = 12
LSNS_SUBSCALE_LOW_BELOW = 6


@dataclass(frozen=True)
class UclaResult:
    total: int
    is_lonely: bool

    @property
    def label(self) -> str:
        return "often feeling lonely" if self.is_lonely else "not often feeling lonely"


@dataclass(frozen=True)
class LsnsResult:
    total: int
    family: int
    friends: int

    @property
    def at_risk_of_isolation(self) -> bool:
        return self.total < LSNS_ISOLATION_BELOW

    @property
    def few_family_ties(self) -> bool:
        return self.family < LSNS_SUBSCALE_LOW_BELOW

    @property
    def few_friend_ties(self) -> bool:
        return self.friends < LSNS_SUBSCALE_LOW_BELOW


def _check(answers, count: int, allowed: range, scale: str) -> list[int]:
    answers = list(answers)
    if len(answers) != count:
        raise ValueError(f"{scale} needs exactly {count} answers, got {len(answers)}")
    for answer in answers:
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            raise ValueError(f"{scale} answers must be whole numbers in {allowed}, got {answer!r}")
    return answers


def ucla3_score(answers) -> UclaResult:
    total = sum(_check(answers, len(UCLA_ITEMS), range(1, 4), "UCLA-3"))
    return UclaResult(total=total, is_lonely=total >= UCLA_LONELY_FROM)


def lsns6_score(answers) -> LsnsResult:
    answers = _check(answers, len(LSNS_ITEMS), range(0, 6), "LSNS-6")
    family, friends = sum(answers[:3]), sum(answers[3:])
    return LsnsResult(total=family + friends, family=family, friends=friends)


# How each UCLA-3 item reads in a sentence ("You often feel left out").
_UCLA_FEELINGS = {
    "companionship": "short of company",
    "left_out": "left out",
    "isolated": "cut off from others",
}


def _joined(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def feeling_in_words(ucla_answers, lsns: LsnsResult | None = None) -> list[str]:
    """The check-in's answers said back in plain sentences, the gentlest way that is true."""
    answers = _check(ucla_answers, len(UCLA_ITEMS), range(1, 4), "UCLA-3")
    often = [_UCLA_FEELINGS[key] for (key, _), a in zip(UCLA_ITEMS, answers, strict=True) if a == 3]
    sometimes = [
        _UCLA_FEELINGS[key] for (key, _), a in zip(UCLA_ITEMS, answers, strict=True) if a == 2
    ]
    sentences = []
    if often:
        sentences.append(f"You often feel {_joined(often)}.")
    if sometimes:
        sentences.append(
            f"{'And some' if often else 'Some'} of the time you feel {_joined(sometimes)}."
        )
    if often or sum(answers) >= UCLA_LONELY_FROM:
        sentences.append("That is common, and it can change: small, regular steps help.")
    elif sometimes:
        sentences.append("That happens to most people now and then.")
    else:
        sentences.append("You hardly ever feel lonely or left out: lovely.")
    if lsns is not None:
        if lsns.at_risk_of_isolation:
            sentences.append(
                "Right now few people are there for you to talk to or call on. That is where "
                "the steps below begin."
            )
        elif lsns.few_friend_ties:
            sentences.append("You have family to turn to; friendships are where to grow.")
        elif lsns.few_family_ties:
            sentences.append("You have friends to turn to, and that counts for a lot.")
        else:
            sentences.append("You have people to turn to, family and friends.")
    return sentences
