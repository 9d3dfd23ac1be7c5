"""Guide content for Kindred: the sections, myths and truths, expert tips, FAQs,
real-life stories, mistakes to avoid, tools and the seven steps. The app's pages
and emails render it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    summary: str


@dataclass(frozen=True)
class Myth:
    slug: str
    myth: str
    truth: tuple[str, ...]


@dataclass(frozen=True)
class ExpertTip:
    slug: str
    title: str
    source: str
    body: tuple[str, ...]
    try_this: str


@dataclass(frozen=True)
class Faq:
    slug: str
    question: str
    answer: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    slug: str
    name: str
    age: int
    situation: str
    what_they_did: str
    what_changed: str


@dataclass(frozen=True)
class Mistake:
    slug: str
    title: str
    body: tuple[str, ...]
    instead: str


@dataclass(frozen=True)
class Tool:
    slug: str
    name: str
    kind: str  # "free" or "paid"
    body: str


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    body: tuple[str, ...]
    prompt: str


SECTIONS = (
    Section(
        slug="myths",
        title="Myths and truths",
        summary="Common beliefs that hold people back, and what is really true.",
    ),
    Section(
        slug="expert-tips",
        title="What the research says",
        summary="Five findings about connection, each with a small way to try it.",
    ),
    Section(
        slug="faqs",
        title="Questions people ask",
        summary="Honest answers to the questions that come up most.",
    ),
    Section(
        slug="stories",
        title="Real-life stories",
        summary="Three people who found their way back to connection.",
    ),
    Section(
        slug="mistakes",
        title="Mistakes to avoid",
        summary="Easy traps along the way, and what to do instead.",
    ),
    Section(
        slug="tools",
        title="Tools and daily habits",
        summary="Free and paid things that can help you connect, day by day.",
    ),
    Section(
        slug="steps",
        title="The seven steps",
        summary="A simple path to building connection, one step at a time.",
    ),
)


MYTHS = (
    Myth(
        slug="too-introverted",
        myth="I'm too much of an introvert for this.",
        truth=(
            "Everyone needs connection. What changes from person to person is the shape it takes.",
            "For you, that might be a quiet one-on-one instead of a crowded room. "
            "That counts just as much.",
        ),
    ),
    Myth(
        slug="no-time",
        myth="I just don't have the time.",
        truth=(
            "Quality matters more than quantity.",
            "A few small, positive moments with people can make a real difference, "
            "even on a busy day.",
        ),
    ),
    Myth(
        slug="for-extroverts",
        myth="Socialising is for extroverts.",
        truth=(
            "You don't have to be the loudest person in the room to connect.",
            "It's about real, honest bonds between people, and anyone can build those.",
        ),
    ),
    Myth(
        slug="heal-alone",
        myth="Healing is something I have to do on my own.",
        truth=(
            "The science says otherwise: healing often happens together with other people.",
            "The Harvard Study of Adult Development found that relationships matter "
            "more than anything else for our happiness and well-being.",
        ),
    ),
    Myth(
        slug="online-not-real",
        myth="Online friends don't really count.",
        truth=(
            "They can be very real.",
            "When an online friendship is supportive and meaningful, it is a true connection.",
        ),
    ),
    Myth(
        slug="tried-before",
        myth="I've tried before, and it didn't work.",
        truth=(
            "Connecting with people is a skill. Like any skill, it can be learned "
            "and it gets better with practice.",
            "That is true at any age.",
        ),
    ),
)


EXPERT_TIPS = (
    ExpertTip(
        slug="weekly-ritual",
        title="Keep one weekly ritual",
        source="Dr. Vivek Murthy, U.S. Surgeon General",
        body=(
            "Dr. Vivek Murthy, the U.S. Surgeon General, recommends keeping at least "
            "one connection ritual that happens every week.",
            "It can be simple: dinner together on Sundays, or a phone call every Tuesday.",
            "Because it repeats, you don't have to arrange it from scratch each time. "
            "It becomes part of your week.",
        ),
        try_this="Choose one person and one regular time, like Sunday dinner or a "
        "Tuesday call, and put it in your calendar.",
    ),
    ExpertTip(
        slug="quality-over-quantity",
        title="A few close friends are enough",
        source="Dr. Emma Seppälä, Stanford",
        body=(
            "You don't need a big circle to feel better.",
            "Dr. Emma Seppälä at Stanford found that one or two close, supportive "
            "friends are enough to bring powerful benefits for your well-being.",
            "So instead of chasing more contacts, look after the few people who "
            "really have your back.",
        ),
        try_this="Think of one person who truly supports you, and do one small thing "
        "for that friendship this week.",
    ),
    ExpertTip(
        slug="physical-touch",
        title="Hugs help",
        source="",
        body=(
            "A hug or a friendly touch does more than feel nice.",
            "It can lower cortisol, the body's stress hormone, and release oxytocin, "
            "which builds trust and warmth between people.",
            "Keep it to people you trust, and only when it's welcome.",
        ),
        try_this="Offer a hug to someone you feel safe with, or spend a few quiet "
        "minutes with a pet.",
    ),
    ExpertTip(
        slug="micro-connections",
        title="Small moments count",
        source="Dr. Barbara Fredrickson",
        body=(
            "Not every connection has to be deep.",
            "Dr. Barbara Fredrickson's research shows that brief, positive moments "
            "with others also lift your mood and well-being. Think of smiling at a "
            "cashier, or laughing together in a meeting.",
            "She calls these micro-connections, and you can find them almost anywhere.",
        ),
        try_this="Today, smile and say thank you to someone who serves you, or share "
        "a light moment with a colleague.",
    ),
    ExpertTip(
        slug="helpers-high",
        title="The helper's high",
        source="Journal of Happiness Studies, 2018",
        body=(
            "Helping others helps you too.",
            "Research in the Journal of Happiness Studies (2018) found that "
            "volunteering and helping people can lift your own mood, and strengthen "
            "your sense of belonging.",
            "Giving also brings you alongside other people, which is a natural way to connect.",
        ),
        try_this="Give an hour to a local cause, or help a neighbour with something small.",
    ),
)


FAQS = (
    Faq(
        slug="shy-or-anxious",
        question="What if I'm shy, or anxious around people?",
        answer=(
            "Begin where the pressure is low, like an online forum or a small group "
            "rather than a big event.",
            "Practise with short, simple exchanges, and let them grow at your own pace.",
            "Remind yourself that nobody needs you to be perfect. Being yourself is "
            "what makes a connection real.",
        ),
    ),
    Faq(
        slug="online-friends",
        question="Are online friendships worth as much?",
        answer=(
            "Yes, when both of you offer support, are open with each other and really take part.",
            "Many people have made online friends who changed their lives.",
        ),
    ),
    Faq(
        slug="how-much",
        question="How much connection do I need?",
        answer=(
            "It's different for everyone.",
            "A handful of real, genuine connections can do you a great deal of good.",
        ),
    ),
    Faq(
        slug="trauma",
        question="Can connection help me heal from trauma?",
        answer=(
            "Support from other people is a powerful force for healing.",
            "If your trauma runs deep, it's worth combining that support with help "
            "from a professional, such as a therapist or counsellor. You don't have "
            "to choose one or the other.",
            "If you ever feel unsafe, please contact a crisis line straight away.",
        ),
    ),
    Faq(
        slug="no-one-right-now",
        question="What if I have no one right now?",
        answer=(
            "You're not the only one, and it can change.",
            "Try a new club, a class or an online group built around something you enjoy.",
            "Volunteering is another good way in. Helping others side by side often "
            "turns into real bonds.",
        ),
    ),
)


STORIES = (
    Story(
        slug="amanda",
        name="Amanda",
        age=38,
        situation="Amanda had moved to a new city, and the change was hard.",
        what_they_did="She joined a local book club that met every week.",
        what_changed="She made close friends there. The weekly meeting also gave her "
        "structure, a sense of purpose and emotional support while she settled in.",
    ),
    Story(
        slug="mark",
        name="Mark",
        age=57,
        situation="Mark was struggling with his health.",
        what_they_did="He started weekly video calls with old friends from college.",
        what_changed="The calls were short, but they were regular. They lifted his "
        "mood and helped him build healthier habits.",
    ),
    Story(
        slug="sam",
        name="Sam",
        age=25,
        situation="After college, Sam felt cut off and alone.",
        what_they_did="He started volunteering at a community garden.",
        what_changed="Gardening alongside people he had just met helped him rebuild "
        "his confidence and feel valued.",
    ),
)


MISTAKES = (
    Mistake(
        slug="overcommitting",
        title="Saying yes to everything",
        body=(
            "More plans aren't always better.",
            "If your week is full and you feel worn out, it's fine to say no.",
        ),
        instead="Balance time with people with time to rest and look after yourself.",
    ),
    Mistake(
        slug="only-social-media",
        title="Relying only on social media",
        body=("Online connection has real value, but it shouldn't be the only kind you have.",),
        instead="Add some live contact too: a voice call, a video chat or meeting in person.",
    ),
    Mistake(
        slug="draining-relationships",
        title="Staying in draining relationships",
        body=(
            "Some relationships leave you tired, tense or feeling worse about yourself.",
            "Staying close to people who drain you, or who don't treat you well, "
            "uses energy you could give to people who lift you up.",
        ),
        instead="Choose quality over quantity. Put your time into bonds that feel "
        "nurturing and respectful, and set boundaries where you need them.",
    ),
    Mistake(
        slug="comparing",
        title="Comparing your circle with others'",
        body=(
            "It's easy to look at someone else's social life and feel behind.",
            "But everyone's needs and circumstances are different.",
        ),
        instead="Judge your connections by how they feel to you, not by how they "
        "look from the outside.",
    ),
)


TOOLS = (
    Tool(
        slug="journaling",
        name="Journaling",
        kind="free",
        body="Write a few lines about what you're grateful for and the people you appreciate.",
    ),
    Tool(
        slug="interest-groups",
        name="Interest groups",
        kind="free",
        body="Meetup websites and apps list groups built around shared interests, "
        "both near you and online.",
    ),
    Tool(
        slug="public-library",
        name="Your public library",
        kind="free",
        body="Libraries often host free events and book clubs.",
    ),
    Tool(
        slug="walking-apps",
        name="Walking apps",
        kind="free",
        body="Some walking apps let you share walks with friends, side by side or "
        "from different places.",
    ),
    Tool(
        slug="mindful-social-media",
        name="Social media, used mindfully",
        kind="free",
        body="Look for supportive communities and take part, instead of just scrolling.",
    ),
    Tool(
        slug="therapy-support-groups",
        name="Therapy and support groups",
        kind="paid",
        body="Online therapy services and local practitioners can help, and some "
        "focus on healing through connection.",
    ),
    Tool(
        slug="conversation-cards",
        name="Conversation card decks",
        kind="paid",
        body="Decks of thoughtful questions help you move past small talk into "
        "real, closer conversation.",
    ),
    Tool(
        slug="community-classes",
        name="Community classes",
        kind="paid",
        body="Yoga, art, a new language: learning something alongside others builds "
        "connection naturally.",
    ),
)


STEPS = (
    Step(
        number=1,
        slug="assess",
        title="Look at who's in your life",
        body=(
            "Start by listing the people in your life right now.",
            "Who supports you? Who leaves you with more energy, and who leaves you with less?",
            "Then notice what's missing. Maybe you'd like more fun, deeper "
            "conversations or more understanding.",
        ),
        prompt="Who are three people you feel better for having seen?",
    ),
    Step(
        number=2,
        slug="start-small",
        title="Start small and reach out",
        body=(
            "You don't need a big gesture.",
            "A quick text, a five-minute call or a funny picture you know they'll enjoy is enough.",
            "One small message can be all it takes to reconnect.",
        ),
        prompt="Who could you send a short message to today?",
    ),
    Step(
        number=3,
        slug="show-up",
        title="Be yourself",
        body=(
            "Let people see how you're really doing, including the hard parts.",
            "Opening up, even a little, is often what turns a friendly chat into a "
            "real connection, and it helps you heal.",
        ),
        prompt="What's one honest thing you could share with someone you trust?",
    ),
    Step(
        number=4,
        slug="schedule",
        title="Make time for connection",
        body=(
            "Put time with people into your weekly plan, the same way you would any "
            "other kind of self-care.",
            "Give it a day and a time so it doesn't get squeezed out.",
        ),
        prompt="When could you set aside time for someone this week?",
    ),
    Step(
        number=5,
        slug="mix",
        title="Mix online and in person",
        body=(
            "Video calls, group chats and supportive online communities all help.",
            "Use them alongside time face to face whenever you can.",
        ),
        prompt="Which chat could become a call, or which call could become a meet-up?",
    ),
    Step(
        number=6,
        slug="give",
        title="Give generously",
        body=(
            "Listen closely. Be kind. Offer your time as a volunteer.",
            "Helping others often creates bonds, and it can lift your own mood too.",
        ),
        prompt="Who could you help, or really listen to, this week?",
    ),
    Step(
        number=7,
        slug="evaluate",
        title="Look back and adjust",
        body=(
            "At the end of each week, take a moment to reflect.",
            "Which connections felt nourishing, and which felt draining?",
            "What do you want more of in the week ahead?",
        ),
        prompt="What felt best this week, and how could you do more of it?",
    ),
)


SECTION_ITEMS = {
    "myths": MYTHS,
    "expert-tips": EXPERT_TIPS,
    "faqs": FAQS,
    "stories": STORIES,
    "mistakes": MISTAKES,
    "tools": TOOLS,
    "steps": STEPS,
}


def find(slug):
    """Return (section, item) for an item slug, so links such as a plan day's
    guide_links can point at the right page and anchor."""
    for section in SECTIONS:
        for item in SECTION_ITEMS[section.slug]:
            if item.slug == slug:
                return section, item
    raise KeyError(slug)
