"""The offline book follows the story and the picture (issue 13, "Done when").

Each idea of ``IDEAS`` is made into a 6-page book offline through the real ``Engine``, with a
drawn reference picture of known hair, skin, clothes and background, and every check of
``CHECKS`` is run on it as its own test. The bars are fixed here and measured by
``tests/quality/measure.py``; they are not tuned to today's books.

What today's code does not yet do is in ``KNOWN_FAILING``: each (idea, check) pair there is a
strict xfail, so the suite passes now and a check that starts passing fails as XPASS until its
mark is removed. Never loosen a bar to pass; remove the mark when the work lands.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import jsonschema
import pytest
from PIL import Image

from storyillus import Character, Engine, StoryRequest
from storyillus._wordmatch import words
from storyillus.document import book_document, book_schema
from storyillus.domain import Book, Companion
from storyillus.illustration.offline import TIME_WORDS
from storyillus.places import places
from storyillus.poses import poses
from storyillus.things import things
from storyillus.writing._phrases import HOME_ROOMS
from tests.conftest import make_settings
from tests.quality.measure import (
    COLOUR_TOLERANCE,
    Picture,
    difference,
    distance,
    hex_rgb,
    missing_colours,
    pages_naming,
    unpaid_goal,
)
from tests.quality.reference import (
    DARK_BLACK,
    LIGHT_BLOND,
    LIGHT_BROWN,
    MEDIUM_RED,
    Reference,
)

PAGES = 6
AGE = 6
SEED = 13

# -- the bars --------------------------------------------------------------------------
# A key thing of the idea is named on at least this many pages...
THING_PAGES = 2
# ...and the key things together on at least this share of the pages.
THINGS_SHARE = 0.5
# The goal is paid off (every goal word named) within the last this many pages.
PAYOFF_PAGES = 2
# The last page may bring the hero home to sleep: these places are right there for any idea.
HOME_PLACES = frozenset({"bedroom", "living room"})
# A place's main colours (ground, or wall and floor) cover at least this share of its picture
# each; its accent and extra colours at least ``PALETTE_DETAIL``. The sky is not required:
# time of day and weather rightly change it (a park at sunset has no blue sky).
PALETTE_MAIN = 0.02
PALETTE_MAIN_NAMES = ("ground", "wall", "floor")
PALETTE_DETAIL = 0.001
PALETTE_EXCUSED = ("sky",)
# The hero's hair and skin each cover at least this share of every page (a head drawn at the
# lineup's size covers several per cent; 0.3 % is a hero barely in the picture).
HERO_SHARE = 0.003
# The cast's look is this near (RGB distance) the reference's colour...
LOOK_NEAR = 60.0
# ...and none of the hero's colours is this near the reference's background.
BACKGROUND_NEAR = 30.0
# Two pages at different places differ by at least this much (``measure.difference``).
PLACES_DIFFER = 0.3


@dataclass(frozen=True)
class Idea:
    key: str
    """Short name used in test ids and ``KNOWN_FAILING``."""
    kind: str
    hero: str
    prompt: str
    settings: frozenset[str]
    """Right values of ``Book.setting``."""
    places: frozenset[str]
    """Right values of ``Page.place`` (the last page may also be at home)."""
    things: tuple[str, ...]
    """Key things the text names on several pages; "a|b" are alternatives."""
    goal: tuple[str, ...]
    """Words the ending names when the goal is paid off."""
    reference: Reference
    companions: tuple[Companion, ...] = ()


IDEAS = (
    Idea(
        "egg",
        "journey",
        "Sofía",
        "Sofía must return a lost dinosaur egg to its mother in a prehistoric jungle",
        frozenset({"prehistoric jungle"}),
        frozenset({"prehistoric jungle", "jungle", "volcano", "cave", "river"}),
        ("egg", "dinosaur"),
        ("egg", "mother|mum|mom|mama"),
        LIGHT_BROWN,
    ),
    Idea(
        "dark",
        "bedtime fear",
        "Leo",
        "At bedtime Leo is afraid of the dark, until he learns the shadows in his room are "
        "only his toys",
        frozenset({"bedroom"}),
        frozenset({"bedroom"}),
        ("dark", "shadow"),
        ("sleep|asleep|slept", "dark|shadow"),
        DARK_BLACK,
    ),
    Idea(
        "school",
        "first day",
        "Amara",
        "Amara's first day at her new school, where she hopes to make a new friend",
        frozenset({"classroom"}),
        frozenset({"classroom", "school yard", "playground"}),
        ("school", "friend"),
        ("friend",),
        MEDIUM_RED,
    ),
    Idea(
        "cake",
        "baking",
        "Noah",
        "Noah bakes a birthday cake for his grandmother in the kitchen",
        frozenset({"kitchen"}),
        frozenset({"kitchen", "bakery", "living room"}),
        ("cake", "grandmother|grandma|granny"),
        ("cake", "grandmother|grandma|granny"),
        LIGHT_BLOND,
    ),
    Idea(
        "football",
        "sport",
        "Maya",
        "Maya wants to score her first goal in the big football match at the park",
        frozenset({"park"}),
        frozenset({"park", "playground", "school yard", "meadow"}),
        ("ball|football", "goal"),
        ("goal", "score|scored|scores"),
        DARK_BLACK,
    ),
    Idea(
        "snowman",
        "winter",
        "Finn",
        "Finn builds a snowman on the first snowy day of winter",
        frozenset({"snow"}),
        frozenset({"snow", "mountain", "north pole"}),
        ("snowman", "snow"),
        ("snowman",),
        MEDIUM_RED,
    ),
    Idea(
        "turtle",
        "sea",
        "Kai",
        "Kai sails a little boat across the sea to bring a lost baby turtle home to its island",
        frozenset({"sea"}),
        frozenset({"sea", "beach", "island", "underwater", "coral reef"}),
        ("boat", "turtle"),
        ("turtle", "home|island"),
        LIGHT_BROWN,
    ),
    Idea(
        "star",
        "space",
        "Zara",
        "Zara flies a rocket to the moon to find a missing star for the night sky",
        frozenset({"space", "moon"}),
        frozenset({"space", "moon", "sky"}),
        ("rocket", "star"),
        ("star", "sky"),
        DARK_BLACK,
    ),
    Idea(
        "bus",
        "city",
        "Omar",
        "Omar gets lost in the big city and finds his way back to his dad with the help of a "
        "friendly bus driver",
        frozenset({"city"}),
        frozenset({"city", "street", "park", "shop"}),
        ("bus", "dad"),
        ("dad",),
        MEDIUM_RED,
    ),
    Idea(
        "piglet",
        "farm",
        "Ella",
        "Ella helps on her grandpa's farm to find the runaway piglet before dinner",
        frozenset({"farm"}),
        frozenset({"farm", "meadow", "river", "garden"}),
        ("piglet|pig", "grandpa|grandfather"),
        ("piglet|pig",),
        LIGHT_BLOND,
    ),
    Idea(
        "sunflowers",
        "a companion",
        "Ravi",
        "Ravi and his grandmother Nani plant a garden of sunflowers together",
        frozenset({"garden"}),
        frozenset({"garden", "park", "meadow"}),
        ("sunflower", "Nani"),
        ("sunflower",),
        DARK_BLACK,
        (Companion("Nani", "grandmother"),),
    ),
    Idea(
        "fetch",
        "a pet",
        "Lucy",
        "Lucy teaches her puppy Biscuit to fetch a ball in the park",
        frozenset({"park"}),
        frozenset({"park", "garden", "meadow"}),
        ("Biscuit", "ball"),
        ("fetch|fetched|fetches", "ball"),
        LIGHT_BROWN,
        (Companion("Biscuit", "dog"),),
    ),
    Idea(
        "swim",
        "overcoming a fear",
        "Ada",
        "Ada is scared of the water, but she learns to swim at the lake this summer",
        frozenset({"lake"}),
        frozenset({"lake", "river", "beach"}),
        ("swim|swimming", "water"),
        ("swim|swam|swimming",),
        MEDIUM_RED,
    ),
    Idea(
        "crown",
        "quest",
        "Mia",
        "Mia and her dog Max explore a spooky castle to find the king's lost crown",
        frozenset({"castle"}),
        frozenset({"castle"}),
        ("crown", "Max"),
        ("crown",),
        LIGHT_BROWN,
        (Companion("Max", "dog"),),
    ),
    Idea(
        "bike",
        "learning a skill",
        "Ben",
        "Ben learns to ride his new bike in the park without training wheels",
        frozenset({"park"}),
        frozenset({"park", "playground", "street"}),
        ("bike|bicycle",),
        ("ride|rode|riding", "bike|bicycle"),
        DARK_BLACK,
    ),
    Idea(
        "elephant",
        "animal rescue",
        "Sara",
        "Sara visits the zoo and helps a lost baby elephant find its mother",
        frozenset({"zoo"}),
        frozenset({"zoo"}),
        ("elephant",),
        ("elephant", "mother|mum|mom|mama"),
        MEDIUM_RED,
    ),
    Idea(
        "beanstalk",
        "magic",
        "Arjun",
        "Arjun plants a magic bean that grows into a giant beanstalk up to the clouds",
        frozenset({"garden"}),
        frozenset({"garden", "sky"}),
        ("bean", "beanstalk"),
        ("beanstalk",),
        LIGHT_BLOND,
    ),
    Idea(
        "thunder",
        "weather fear",
        "Noor",
        "Noor is scared of thunderstorms until Grandpa shows her how to count between the "
        "flash and the boom",
        frozenset({"bedroom", "living room"}),
        frozenset({"bedroom", "living room"}),
        ("thunder|storm", "Grandpa"),
        ("thunder|storm",),
        DARK_BLACK,
    ),
    Idea(
        "cookies",
        "siblings",
        "Leo",
        "Leo and his sister Ana bake cookies for their neighbour Mrs. Patel",
        frozenset({"kitchen"}),
        frozenset({"kitchen", "living room", "street"}),
        ("cookie", "Ana"),
        ("cookie", "Patel"),
        MEDIUM_RED,
        (Companion("Ana", "sister"),),
    ),
    Idea(
        "pool",
        "first lesson",
        "Lily",
        "Lily is nervous about her first swimming lesson at the pool",
        frozenset({"swimming pool"}),
        frozenset({"swimming pool"}),
        ("swim|swimming|lesson", "pool|water"),
        ("swim|swam|swimming",),
        LIGHT_BLOND,
    ),
    Idea(
        "robot",
        "making with a parent",
        "Tom",
        "Tom builds a robot with his dad in the garage for the science fair",
        frozenset({"garage"}),
        frozenset({"garage", "classroom", "school yard", "living room"}),
        ("robot", "dad|Dad"),
        ("robot",),
        DARK_BLACK,
    ),
)


@dataclass(frozen=True)
class Made:
    """A book made offline and its pictures, measured."""

    book: Book
    pictures: tuple[Picture, ...]

    @property
    def texts(self) -> list[str]:
        return [page.text for page in self.book.pages]


@pytest.fixture(scope="module")
def make(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Made]]:
    """Makes (once) the book of an idea, with the idea's reference or another one."""
    engine = Engine(make_settings(tmp_path_factory.mktemp("quality")))
    made: dict[tuple[str, str], Made] = {}

    def book_of(idea: Idea, reference: Reference | None = None) -> Made:
        reference = reference or idea.reference
        key = (idea.key, reference.label)
        if key not in made:
            picture = engine.store_reference_picture(reference.png())
            hero = Character.create(idea.hero, AGE, companions=list(idea.companions))
            hero = replace(hero, image_path=str(picture))
            request = StoryRequest.create(hero, idea.prompt, pages=PAGES, seed=SEED)
            result = engine.create_book(request, run_async=False)
            assert result.job is not None and not result.job.error, result.job
            book = engine.get_book(result.book.id)
            pictures = []
            for page in book.pages:
                assert page.illustration is not None, f"page {page.number} was not drawn"
                path = engine.image_path(page.illustration.local_url)
                assert path is not None, f"page {page.number}'s picture is missing"
                with Image.open(path) as image:
                    pictures.append(Picture.of(image))
            made[key] = Made(book, tuple(pictures))
        return made[key]

    yield book_of
    engine.close(wait=True)


# -- the checks ------------------------------------------------------------------------


def check_things(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    texts = made.texts
    found = {thing: pages_naming(texts, thing) for thing in idea.things}
    scarce = {thing: pages for thing, pages in found.items() if len(pages) < THING_PAGES}
    assert not scarce, f"key things named on fewer than {THING_PAGES} pages: {scarce}"
    naming = set(itertools.chain.from_iterable(found.values()))
    assert len(naming) >= THINGS_SHARE * len(texts), (
        f"only pages {sorted(naming)} of {len(texts)} name {idea.things}"
    )


def check_goal(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    unpaid = unpaid_goal(made.texts, idea.goal, PAYOFF_PAGES)
    ending = " / ".join(made.texts[-PAYOFF_PAGES:])
    assert not unpaid, f"the last {PAYOFF_PAGES} pages never name {unpaid}: {ending!r}"


def check_setting(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    assert made.book.setting in idea.settings, (
        f"setting {made.book.setting!r}, expected one of {sorted(idea.settings)}"
    )


def check_places(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    pages = made.book.pages
    wrong = [
        (p.number, p.place)
        for p in pages
        if p.place not in idea.places and not (p is pages[-1] and p.place in HOME_PLACES)
    ]
    assert not wrong, f"pages at places the idea is not at: {wrong}; right: {sorted(idea.places)}"


def check_palette(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    vocabulary = places()
    wrong = {}
    for page, picture in zip(made.book.pages, made.pictures, strict=True):
        palette = {
            name: value
            for name, value in vocabulary.get(page.place).palette.items()
            if name not in PALETTE_EXCUSED
        }
        main = dict.fromkeys(PALETTE_MAIN_NAMES, PALETTE_MAIN)
        missing = missing_colours(picture, palette, main, PALETTE_DETAIL)
        if missing:
            wrong[f"page {page.number} ({page.place})"] = missing
    assert not wrong, f"palette colours missing (share found): {wrong}"


def check_look(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    look = made.book.cast[0].look
    ref = idea.reference
    far = {
        name: (feature.hex, round(distance(hex_rgb(feature.hex), want)))
        for name, feature, want in (("hair", look.hair, ref.hair), ("skin", look.skin, ref.skin))
        if distance(hex_rgb(feature.hex), want) > LOOK_NEAR
    }
    assert not far, f"hero's look is not the reference's ({ref.label}): {far}"
    features = {"hair": look.hair, "skin": look.skin, "eyes": look.eyes, "clothes": look.clothes}
    background = [
        name
        for name, feature in features.items()
        if feature.hex and distance(hex_rgb(feature.hex), ref.background) <= BACKGROUND_NEAR
    ]
    assert not background, f"the reference's background became the hero's {background}"


def check_hero(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    look = made.book.cast[0].look
    colours = {"hair": look.hair.hex, "skin": look.skin.hex}
    wrong = {}
    for page, picture in zip(made.book.pages, made.pictures, strict=True):
        missing = missing_colours(picture, colours, {}, HERO_SHARE)
        if missing:
            wrong[page.number] = missing
    assert not wrong, f"hero's {colours} missing on pages (share found): {wrong}"


def check_differ(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    pairs = [
        (a.number, a.place, b.number, b.place, round(difference(pa, pb), 3))
        for (a, pa), (b, pb) in itertools.combinations(
            zip(made.book.pages, made.pictures, strict=True), 2
        )
        if a.place != b.place
    ]
    alike = [pair for pair in pairs if pair[4] < PLACES_DIFFER]
    assert not alike, (
        f"pages at different places look alike (difference < {PLACES_DIFFER}): {alike}"
    )


def _palettes_differ(a: str, b: str) -> bool:
    """Whether the data gives two places different main colours (indoors and outdoors always
    differ): only then must their pictures differ in colour."""
    pa, pb = places().get(a), places().get(b)
    if pa.indoor != pb.indoor:
        return True
    shared = [name for name in ("sky", "ground", "wall", "floor") if name in pa.palette]
    return any(
        distance(hex_rgb(pa.palette[n]), hex_rgb(pb.palette[n])) > COLOUR_TOLERANCE
        for n in shared
        if n in pb.palette
    )


def check_distinct(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    """The idea's first page against every other idea's first page at a place of other
    colours: each place is drawn as itself, not as the nearest painter's scene."""
    mine = made.book.pages[0]
    alike = []
    for other in IDEAS:
        theirs = book_of(other)
        place = theirs.book.pages[0].place
        if other is idea or place == mine.place or not _palettes_differ(mine.place, place):
            continue
        gap = difference(made.pictures[0], theirs.pictures[0])
        if gap < PLACES_DIFFER:
            alike.append((other.key, place, round(gap, 3)))
    assert not alike, (
        f"page 1 at {mine.place} looks like other books' page 1 (difference < {PLACES_DIFFER}): "
        f"{alike}"
    )


_SENTENCE = re.compile(r"[^.!?]+[.!?]")


def check_repeats(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    seen: dict[str, int] = {}
    twice = []
    for page in made.book.pages:
        for sentence in _SENTENCE.findall(page.text):
            words = " ".join(sentence.casefold().split()).strip("\"' ")
            if len(words.split()) < 4:
                continue  # "And look, a clue!" may come back; a whole sentence may not
            if words in seen:
                twice.append((seen[words], page.number, words))
            seen.setdefault(words, page.number)
    assert not twice, f"sentences written twice (first page, again on page, text): {twice}"


_NEARBY = re.compile(r"(?:^|\. |, with )([^.;]+?) (?:can be seen )?nearby[;.]")
_TOO = re.compile(r"(?:^|\. )([^.;]+?) (?:is|are) in the picture too")
_TIME_OF = {word: time for time, names in TIME_WORDS.items() for word in names}


def _without(text: str, names: list[str]) -> str:
    for name in names:
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text)
    return text


def _outside_things(text: str) -> list[str]:
    """The text's words that are not words of a thing it names ("a tent", "the moon")."""
    found = words(text)
    inside = {i for first, after, _ in things().spans(text) for i in range(first, after)}
    return [word for i, word in enumerate(found) if i not in inside]


def check_scene(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    """Each page's scene (the prompt of a remote image model, word for word, and what the
    offline illustrator reads time words and things from) agrees with its page: it names the
    page's place and no other, one time of day, only drawable things as what is seen, and
    the idea's things the page's text names."""
    vocabulary = places()
    cast = [member.name for member in made.book.cast]
    key = things().mentions(_without(idea.prompt, cast))
    wrong = []
    for page in made.book.pages:
        scene = _without(page.scene, cast)
        own = vocabulary.get(page.place)
        if own not in vocabulary.mentions(page.scene):
            wrong.append((page.number, f"does not name its place {page.place!r}", page.scene))
        # Words of a thing are the thing ("a tent" is no campsite, "a dinosaur" no jungle).
        others = {p.name for p in vocabulary.mentions(" ".join(_outside_things(scene)))}
        if others - {own.name}:
            wrong.append((page.number, f"names other places {others - {own.name}}", page.scene))
        times = {_TIME_OF[word] for word in _outside_things(scene) if word in _TIME_OF}
        if len(times) > 1:
            wrong.append((page.number, f"names times {sorted(times)}", page.scene))
        seen = [m.group(1) for m in _NEARBY.finditer(page.scene)]
        seen += [m.group(1) for m in _TOO.finditer(page.scene)]
        for listed in seen:
            for item in re.split(r", | and ", listed.removeprefix("with ")):
                member = any(name in item for name in cast)
                if not member and not things().mentions(item):
                    wrong.append((page.number, f"{item!r} is not a drawable thing", page.scene))
        # What the text names as there ("Still no crown!" names nothing to draw).
        named = things().present(_without(page.text, cast))
        drawn = things().mentions(scene)
        missing = [t.name for t in key if t in named and t not in drawn]
        if missing:
            wrong.append((page.number, f"text names {missing}, scene does not", page.scene))
    assert not wrong, "scenes that disagree with their pages:\n" + "\n".join(map(str, wrong))


# A capitalised word inside a sentence (after a small word or a comma): a name ("asked
# Amara", "a new friend, Omar", "Ella and Grandpa").
_NAME_IN_TEXT = re.compile(r"(?<=[a-z,] )([A-Z][^\W\d_]+)")


def _says(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def check_cast(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    """Everyone the text names is in the cast and in the picture of the pages naming them
    (the one the goal is for from the page they are found on); nobody else stands in a
    picture whose words do not name them, but at a celebration ("everyone" in the scene)."""
    cast = made.book.cast
    words_of_cast = {word for member in cast for word in member.name.split()}
    wrong = []
    shown: set[str] = set()
    for page in made.book.pages:
        for name in _NAME_IN_TEXT.findall(page.text):
            if name not in words_of_cast:
                wrong.append((page.number, f"{name!r} is named but not in the cast", page.text))
        for member in cast[1:]:
            named, on = _says(member.name, page.text), member.name in page.characters
            # The one the goal is for, by role ("grandmother") or by name ("Patel").
            sought = any(
                _says(member.role, word) or any(_says(part, word) for part in member.name.split())
                for word in idea.goal
            )
            if named and not on and not (sought and member.name not in shown):
                wrong.append((page.number, f"{member.name} is named but not drawn", page.text))
            if on and not named and "everyone" not in page.scene.lower():
                wrong.append((page.number, f"{member.name} is drawn but not named", page.text))
            if on:
                shown.add(member.name)
        if page.characters[:1] != (cast[0].name,):
            wrong.append((page.number, "the hero is not on the page", page.characters))
    assert not wrong, "cast and pages disagree:\n" + "\n".join(map(str, wrong))


# The hero's home words ("a little house", "home") may open any book: the hero lives there.
_HOME_PLACES_SAID = frozenset(p.name for p in places().mentions("home house"))


def check_opening(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    """Page 1's words are about page 1's place: they name it, and no other place of the
    vocabulary but the hero's home ("arrived at the swimming pool", not "the kitchen
    smelled of pancakes" above a picture of the pool)."""
    first = made.book.pages[0]
    named = {p.name for p in places().mentions(first.text)}
    assert first.place in named, f"page 1 never names its place {first.place!r}: {first.text!r}"
    other = named - {first.place} - _HOME_PLACES_SAID
    assert not other, f"page 1 at {first.place!r} names {sorted(other)}: {first.text!r}"


def check_back_home(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    """ "Back home" only on a page after one away from home (a story that never left its
    bedroom does not come back to it)."""
    pages = made.book.pages
    wrong = [
        (page.number, pages[n - 1].place, page.text)
        for n, page in enumerate(pages)
        if "back home" in page.text.lower() and (n == 0 or pages[n - 1].place in HOME_ROOMS)
    ]
    assert not wrong, f"back home from home: {wrong}"


def check_in_bed(idea: Idea, made: Made, book_of: Callable[[Idea], Made]) -> None:
    """A page whose text has the hero going to or lying in bed at its start (a bedtime
    opening) shows the hero in bed, not standing and waving."""
    for page in made.book.pages[:1]:
        if re.search(r"\b(tucked up in bed|snuggled|in bed)\b", page.text, re.IGNORECASE):
            pose = poses().pose_for(page.scene, page.text, random.Random(0), page.place)
            assert pose == "sleep", f"page 1 says in bed but shows {pose!r}: {page.scene!r}"


CHECKS: dict[str, Callable[[Idea, Made, Callable[[Idea], Made]], None]] = {
    "things": check_things,
    "goal": check_goal,
    "setting": check_setting,
    "places": check_places,
    "palette": check_palette,
    "look": check_look,
    "hero": check_hero,
    "differ": check_differ,
    "distinct": check_distinct,
    "repeats": check_repeats,
    "scene": check_scene,
    "cast": check_cast,
    "opening": check_opening,
    "back_home": check_back_home,
    "in_bed": check_in_bed,
}

# (idea, check) pairs today's code fails, with why: each a strict xfail, so a check that
# starts passing fails the suite until its pair is taken out. Empty: issue 13 is done; a
# regression found later goes here with its reason only while its fix is under way.
KNOWN_FAILING: dict[tuple[str, str], str] = {}


def _params() -> Iterator[object]:
    for idea in IDEAS:
        for check in CHECKS:
            reason = KNOWN_FAILING.get((idea.key, check))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(idea, check, id=f"{idea.key}-{check}", marks=marks)


@pytest.mark.parametrize(("idea", "check"), list(_params()))
def test_book_quality(idea: Idea, check: str, make: Callable[..., Made]) -> None:
    CHECKS[check](idea, make(idea), make)


def test_the_ideas_cover_every_kind_the_issue_names() -> None:
    kinds = {idea.kind for idea in IDEAS}
    wanted = {"journey", "bedtime fear", "first day", "baking", "sport", "winter", "sea"}
    wanted |= {"space", "city", "farm", "a companion", "a pet"}
    assert wanted <= kinds and len(IDEAS) >= 12
    assert len({idea.key for idea in IDEAS}) == len(IDEAS)
    for idea in IDEAS:
        unknown = (idea.settings | idea.places) - set(places().names)
        assert not unknown, f"{idea.key}: not places of the vocabulary: {unknown}"
    assert {pair[1] for pair in KNOWN_FAILING} <= set(CHECKS)
    assert {pair[0] for pair in KNOWN_FAILING} <= {idea.key for idea in IDEAS}


SAME_NAME = IDEAS[0]


@pytest.mark.parametrize("reference", [LIGHT_BLOND, DARK_BLACK], ids=lambda r: r.label)
def test_references_of_different_hair_and_skin_give_heroes_of_those_colours(
    reference: Reference, make: Callable[..., Made]
) -> None:
    """The same name and seed, another reference: the hero takes the reference's colours."""
    made = make(SAME_NAME, reference)
    look = made.book.cast[0].look
    assert distance(hex_rgb(look.hair.hex), reference.hair) <= LOOK_NEAR, look.hair
    assert distance(hex_rgb(look.skin.hex), reference.skin) <= LOOK_NEAR, look.skin


@pytest.mark.parametrize("key", ["school", "bus", "piglet"])
def test_whom_a_story_brings_in_has_a_sheet_and_the_document_validates(
    key: str, make: Callable[..., Made]
) -> None:
    """The new friend, the bus driver, grandpa: cast members like any other, each with a
    character sheet drawn before the pages, in a book document the schema accepts."""
    book = make(next(idea for idea in IDEAS if idea.key == key)).book
    assert len(book.cast) > 1, [member.name for member in book.cast]
    assert all(member.sheet for member in book.cast), [(m.name, m.sheet) for m in book.cast]
    jsonschema.validate(book_document(book, lambda page: None), book_schema())
