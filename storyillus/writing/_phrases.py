"""Phrase banks for the offline story writer.

Templates are ``str.format`` strings filled from a story context. A template that names
a key the context lacks is skipped, so a bank may freely mix templates that need, say,
companions with ones that do not. Each *phrasing* is a tuple of sentences read in order;
the first sentences carry the meaning, so a phrasing may be cut short on a crowded page.

Levels: "young" (ages up to 5: short sentences, simple words), "middle" (6 to 8) and
"older" (9 and up: longer sentences, more description, some dialogue). A bank keyed
"short"/"rich" serves young and middle from "short" and older from "rich".
"""

from __future__ import annotations

Phrasing = tuple[str, ...]
Bank = dict[str, list[Phrasing]]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Words ---------------------------------------------------------------------------

# Words that never name the thing a story is about: grammar words, everyday verbs, and
# words that describe the request itself ("story", "adventure") rather than its content.
STOPWORDS: frozenset[str] = _words(
    """
    a an the and or but nor of to in on at for with without from by about into onto over
    under through after before up down out off near far around across between behind beyond
    inside outside upon within along toward towards against during until since via per
    is are was were be been being am has have had do does did will would can could should
    may might must shall i me my mine myself we us our ours you your yours he him his she
    her hers it its they them their theirs this that these those who whom whose which what
    where when why how there here some any all every each no not very so too just only
    also then than as if while once again more most much many one two three four five
    first last next new own other another such same really big little small great good
    nice best better amazing awesome fun happy cool super lovely wonderful beautiful
    day days time times way ways thing things lot lots kind sort bit
    get gets got getting go goes going went gone come comes came coming make makes made
    making take takes took taking find finds found finding meet meets met meeting help
    helps helped helping learn learns learned learning learnt become becomes became see
    sees saw seen seeing look looks looked looking want wants wanted try tries tried trying
    save saves saved saving explore explores explored exploring discover discovers
    discovered discovering visit visits visited visiting play plays played playing ride
    rides rode riding fly flies flew flying build builds built travel travels traveled
    travelling traveling love loves loved loving like likes liked let lets say says said
    give gives gave know knows knew think thinks thought need needs needed keep keeps kept
    start starts started begin begins began turn turns turned bring brings brought run
    runs ran running walk walks walked walking swim swims swam swimming climb climbs
    climbed climbing search searches searched searching lose loses lost win wins won
    decide decides decided set sets grow grows grew growing live lives lived living
    adventure adventures adventurous story stories tale tales book books bedtime
    scared afraid frightened sad angry worried nervous shy brave excited proud lonely
    journey journeys trip trips quest quests mystery mysteries
    named called together everyone everything someone something anything nothing
    dear please yes okay oh wow let's friend friends person people kid kids child
    children boy boys girl girls named who's it's that's
    """
)

# Prompt words that hint at a setting. Place nouns weigh more than mere hints, so that
# "a cosmic garden" happens in a garden with a cosmic twist, not in space.
SETTING_PLACES: dict[str, str] = {
    "space": "space",
    "galaxy": "space",
    "moon": "space",
    "planet": "space",
    "planets": "space",
    "universe": "space",
    "spaceship": "space",
    "mars": "space",
    "garden": "garden",
    "gardens": "garden",
    "greenhouse": "garden",
    "orchard": "garden",
    "forest": "forest",
    "forests": "forest",
    "woods": "forest",
    "jungle": "forest",
    "woodland": "forest",
    "treehouse": "forest",
    "rainforest": "forest",
    "ocean": "ocean",
    "sea": "ocean",
    "seas": "ocean",
    "beach": "ocean",
    "island": "ocean",
    "reef": "ocean",
    "lighthouse": "ocean",
    "seaside": "ocean",
    "harbor": "ocean",
    "castle": "castle",
    "castles": "castle",
    "palace": "castle",
    "kingdom": "castle",
    "tower": "castle",
    "city": "city",
    "town": "city",
    "village": "city",
    "street": "city",
    "park": "city",
    "zoo": "city",
    "museum": "city",
    "library": "city",
    "school": "city",
    "playground": "city",
    "market": "city",
    "snow": "snow",
    "arctic": "snow",
    "igloo": "snow",
    "mountain": "snow",
    "mountains": "snow",
    "glacier": "snow",
    "desert": "desert",
    "dunes": "desert",
    "oasis": "desert",
    "pyramid": "desert",
    "pyramids": "desert",
    "home": "home",
    "house": "home",
    "bedroom": "home",
    "backyard": "home",
    "kitchen": "home",
    "attic": "home",
    "meadow": "meadow",
    "meadows": "meadow",
    "field": "meadow",
    "fields": "meadow",
    "farm": "meadow",
    "hill": "meadow",
    "hills": "meadow",
    "prairie": "meadow",
}

SETTING_HINTS: dict[str, str] = {
    "cosmic": "space",
    "star": "space",
    "stars": "space",
    "starry": "space",
    "rocket": "space",
    "rockets": "space",
    "astronaut": "space",
    "astronauts": "space",
    "alien": "space",
    "aliens": "space",
    "comet": "space",
    "comets": "space",
    "meteor": "space",
    "asteroid": "space",
    "orbit": "space",
    "telescope": "space",
    "saturn": "space",
    "jupiter": "space",
    "astronomy": "space",
    "constellation": "space",
    "flower": "garden",
    "flowers": "garden",
    "seed": "garden",
    "seeds": "garden",
    "vegetable": "garden",
    "vegetables": "garden",
    "plant": "garden",
    "plants": "garden",
    "gardening": "garden",
    "sunflower": "garden",
    "sunflowers": "garden",
    "roses": "garden",
    "tree": "forest",
    "trees": "forest",
    "fox": "forest",
    "owl": "forest",
    "bear": "forest",
    "deer": "forest",
    "camping": "forest",
    "mushroom": "forest",
    "mushrooms": "forest",
    "squirrel": "forest",
    "elf": "forest",
    "elves": "forest",
    "hiking": "forest",
    "gnome": "forest",
    "gnomes": "forest",
    "underwater": "ocean",
    "mermaid": "ocean",
    "mermaids": "ocean",
    "fish": "ocean",
    "whale": "ocean",
    "whales": "ocean",
    "dolphin": "ocean",
    "dolphins": "ocean",
    "shark": "ocean",
    "sharks": "ocean",
    "coral": "ocean",
    "pirate": "ocean",
    "pirates": "ocean",
    "ship": "ocean",
    "boat": "ocean",
    "sailing": "ocean",
    "octopus": "ocean",
    "turtle": "ocean",
    "submarine": "ocean",
    "waves": "ocean",
    "shell": "ocean",
    "shells": "ocean",
    "seashell": "ocean",
    "seashells": "ocean",
    "crab": "ocean",
    "surfing": "ocean",
    "king": "castle",
    "queen": "castle",
    "prince": "castle",
    "princess": "castle",
    "princesses": "castle",
    "knight": "castle",
    "knights": "castle",
    "dragon": "castle",
    "dragons": "castle",
    "royal": "castle",
    "throne": "castle",
    "wizard": "castle",
    "crown": "castle",
    "medieval": "castle",
    "bus": "city",
    "train": "city",
    "trains": "city",
    "subway": "city",
    "skyscraper": "city",
    "skyscrapers": "city",
    "firefighter": "city",
    "traffic": "city",
    "bakery": "city",
    "shop": "city",
    "taxi": "city",
    "winter": "snow",
    "snowy": "snow",
    "ice": "snow",
    "icy": "snow",
    "frozen": "snow",
    "penguin": "snow",
    "penguins": "snow",
    "polar": "snow",
    "sled": "snow",
    "sledding": "snow",
    "skiing": "snow",
    "snowman": "snow",
    "snowflake": "snow",
    "snowflakes": "snow",
    "christmas": "snow",
    "santa": "snow",
    "skating": "snow",
    "reindeer": "snow",
    "yeti": "snow",
    "sand": "desert",
    "sandy": "desert",
    "dune": "desert",
    "camel": "desert",
    "camels": "desert",
    "cactus": "desert",
    "lizard": "desert",
    "mummy": "desert",
    "scorpion": "desert",
    "bed": "home",
    "blanket": "home",
    "fort": "home",
    "toys": "home",
    "toy": "home",
    "teddy": "home",
    "family": "home",
    "sleepover": "home",
    "baking": "home",
    "cooking": "home",
    "birthday": "home",
    "kitten": "home",
    "puppy": "home",
    "butterfly": "meadow",
    "butterflies": "meadow",
    "bunny": "meadow",
    "rabbit": "meadow",
    "pony": "meadow",
    "horse": "meadow",
    "horses": "meadow",
    "sheep": "meadow",
    "lamb": "meadow",
    "kite": "meadow",
    "kites": "meadow",
    "picnic": "meadow",
    "wildflowers": "meadow",
    "grass": "meadow",
    "rainbow": "meadow",
    "tractor": "meadow",
}

# Nouns a prompt may name, sorted by the job they can do in a story.
PLACE_NOUNS: frozenset[str] = frozenset(
    set(SETTING_PLACES)
    | {
        "cave",
        "volcano",
        "river",
        "lake",
        "pond",
        "waterfall",
        "bridge",
        "valley",
        "swamp",
        "canyon",
        "sky",
        "clouds",
        "cloud",
        "rainbow",
        "stars",
        "nebula",
    }
)

CREATURE_NOUNS: frozenset[str] = _words(
    """
    dragon unicorn dinosaur puppy dog cat kitten bunny rabbit fox owl bear penguin whale
    dolphin turtle mermaid fairy robot alien monster octopus fish bird horse pony elephant
    lion tiger giraffe monkey frog bee butterfly ladybug hedgehog squirrel mouse duck pig
    cow sheep lamb chicken snail crab seal wizard knight princess prince king queen pirate
    giant elf gnome troll ghost yeti goat deer wolf raccoon otter koala panda kangaroo
    zebra hippo parrot flamingo seahorse shark starfish jellyfish beaver badger moose
    reindeer camel lizard gecko sloth llama hamster firefly dino t-rex griffin phoenix
    """
)

OBJECT_NOUNS: frozenset[str] = _words(
    """
    rocket telescope treasure map kite balloon ball bike bicycle boat ship train car truck
    crown wand key box egg shell seashell flower seed book hat lamp lantern cake cookie
    present gift drum guitar piano violin paintbrush crayon blanket teddy toy compass
    backpack umbrella snowflake sled snowman feather acorn pumpkin apple carrot sandcastle
    bucket spaceship submarine scooter skateboard necklace ring bell whistle flag tent
    letter note clock mirror cape kettle teapot basket jar pebble marble sticker camera
    locket medal trophy sword shield potion star gem jewel crystal pearl shovel
    """
)

# Objects a child could own and carry; others are admired, not owned.
OWNABLE_NOUNS: frozenset[str] = OBJECT_NOUNS - frozenset(
    {
        "flower",
        "seed",
        "snowflake",
        "snowman",
        "acorn",
        "pumpkin",
        "apple",
        "carrot",
        "sandcastle",
        "ship",
        "train",
        "star",
        "boat",
        "spaceship",
        "submarine",
    }
)

# Nouns that take "the" when dreamed about or feared: "the dark", "the wind".
THE_NOUNS: frozenset[str] = frozenset(
    {"dark", "night", "wind", "rain", "sun", "moon", "sky", "sea", "ocean", "thunder"}
)
# Nouns that stand alone: "dreaming about snow", "about music".
MASS_NOUNS: frozenset[str] = frozenset(
    {
        "snow",
        "music",
        "water",
        "space",
        "magic",
        "nature",
        "sunshine",
        "winter",
        "summer",
        "autumn",
        "spring",
        "art",
        "science",
        "love",
        "friendship",
        "kindness",
        "courage",
    }
)

# Family members named by title: written with a capital, like a name ("Grandma").
FAMILY_TITLES: frozenset[str] = _words(
    """
    grandma grandpa granny grandad granddad grandmother grandfather nana nan mom mum
    mommy mummy mama dad daddy papa auntie aunt uncle
    """
)

MODIFIER_WORDS: frozenset[str] = _words(
    """
    cosmic magic magical enchanted secret hidden tiny giant rainbow sparkly glittery golden
    silver glowing mysterious snowy sunny starry spooky friendly underwater wild sleepy
    shiny colorful colourful gentle moonlit frozen ancient purple pink blue red green
    yellow orange crystal floating singing dancing talking flying curious brave clever
    jolly cozy cosy fluffy fuzzy sparkling twinkly twinkling dreamy busy noisy quiet
    """
)

# Words in a prompt that suggest a kind of story.
ARC_CUES: dict[str, tuple[str, ...]] = {
    "lost": (
        "lost",
        "lose",
        "loses",
        "missing",
        "find",
        "finds",
        "finding",
        "search",
        "treasure",
        "hunt",
        "hide",
    ),
    "help": (
        "help",
        "helps",
        "rescue",
        "rescues",
        "save",
        "saves",
        "hurt",
        "stuck",
        "lonely",
        "sick",
        "care",
    ),
    "journey": (
        "journey",
        "trip",
        "travel",
        "travels",
        "visit",
        "visits",
        "voyage",
        "quest",
        "race",
        "expedition",
        "fly",
        "flies",
        "sail",
    ),
    "fear": (
        "scared",
        "afraid",
        "fear",
        "fears",
        "brave",
        "courage",
        "dark",
        "nervous",
        "first",
        "shy",
        "worried",
        "monster",
    ),
    "mystery": (
        "mystery",
        "mysterious",
        "secret",
        "clue",
        "clues",
        "puzzle",
        "riddle",
        "detective",
        "strange",
        "solve",
        "solves",
        "why",
    ),
}

NUMBER_WORDS: tuple[str, ...] = (
    "zero",
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
)
TENS_WORDS: tuple[str, ...] = (
    "",
    "",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)

DEFAULT_TRAITS: tuple[str, ...] = ("kind", "curious")

# Traits that suit the moment a problem gets solved.
THINKING_TRAITS: frozenset[str] = frozenset(
    {
        "clever",
        "curious",
        "creative",
        "thoughtful",
        "determined",
        "patient",
        "calm",
        "brave",
        "careful",
        "adventurous",
        "artistic",
    }
)

# --- Settings ------------------------------------------------------------------------
# Every "loc" names the setting's word, so each scene tells the illustrator where it is.

# A modifier that names its own kind of place ("underwater" sea is just "the underwater
# world").
MODIFIER_PLACES: dict[str, str] = {"underwater": "world", "cosmic": "sky", "starry": "sky"}

SETTING_DATA: dict[str, dict[str, object]] = {
    "space": {
        "word": "space",
        "place_noun": "sky",
        "place": "the starry sky",
        "homes": [
            "on a tiny, round planet",
            "in a little space station",
            "in a silver house on the moon",
        ],
        "sights": [
            "the stars twinkled like tiny lanterns",
            "comets zipped by like glowing kites",
            "the moon glowed soft and silver",
            "planets spun slowly in the dark",
        ],
        "landmarks": [
            "a ringed planet",
            "a silver rocket",
            "a glowing moon crater",
            "a sparkly comet",
            "a field of shooting stars",
        ],
        "creatures": ["moon rabbit", "alien", "robot", "space puppy"],
        "things": ["star map", "moon pebble", "golden star", "space helmet"],
        "hides": [
            "inside a crater on the moon",
            "behind a ringed planet",
            "near the tail of a comet",
        ],
        "dests": ["the far side of the moon", "the Rainbow Nebula", "the brightest star"],
        "dest_wonders": [
            "a sky full of dancing colors",
            "a lake of sparkling stardust",
            "a whole family of rainbow stars",
        ],
        "fears": [
            (
                "the dark",
                "float into the deepest, darkest part of space",
                "the dark was full of tiny, twinkling stars",
            )
        ],
        "mysteries": [
            (
                "a trail of glittering stardust",
                "Where did it lead?",
                "a baby star who had tumbled out of the sky",
            ),
            (
                "a strange beeping song",
                "Who was singing it?",
                "a lonely little satellite who wanted a friend",
            ),
        ],
        "obstacles": ["a shower of bumpy space rocks", "a swirling cloud of space dust"],
        "locs": [
            "floating in outer space among the stars",
            "on the bumpy surface of the moon, out in space",
            "inside a cozy rocket zooming through space",
            "beside a ringed planet in deep space",
        ],
        "bed_view": "the stars and planets of outer space",
        "snacks": ["moon cheese", "star-shaped cookies"],
    },
    "garden": {
        "word": "garden",
        "place_noun": "garden",
        "place": "the garden",
        "homes": [
            "in a house with a big garden",
            "in a cottage full of flowers",
            "next to a rambling old garden",
        ],
        "sights": [
            "bees buzzed from flower to flower",
            "sunflowers nodded in the breeze",
            "ladybugs climbed the tall green stems",
            "the roses smelled sweet as honey",
        ],
        "landmarks": [
            "a row of tall sunflowers",
            "a stone bird bath",
            "a vegetable patch",
            "a little wooden shed",
            "a winding stone path",
        ],
        "creatures": ["hedgehog", "ladybug", "bumblebee", "snail"],
        "things": ["golden seed", "silver watering can", "garden gnome", "lucky stone"],
        "hides": [
            "under a big sunflower leaf",
            "inside an old flowerpot",
            "behind the pumpkin patch",
        ],
        "dests": ["the oldest apple tree", "the secret rose arch", "the pond at the garden's end"],
        "dest_wonders": [
            "a circle of glowing flowers",
            "a rainbow of blossoms",
            "a tiny door in the tree trunk",
        ],
        "fears": [
            (
                "the dark, creaky shed",
                "go inside the dark, creaky shed",
                "the shed was just full of flowerpots and a sleepy cat",
            )
        ],
        "mysteries": [
            (
                "holes dug all over the vegetable patch",
                "Who had dug them?",
                "a family of rabbits planting carrots for a feast",
            ),
            (
                "flowers that had turned bright blue overnight",
                "How had it happened?",
                "a little rain cloud who loved to paint",
            ),
        ],
        "obstacles": ["a tangle of prickly bushes", "a muddy puddle as big as a pond"],
        "locs": [
            "among tall sunflowers in the garden",
            "on a winding stone path in the garden",
            "beside a vegetable patch in the garden",
            "under an apple tree in the garden",
        ],
        "bed_view": "the moonlit garden",
        "snacks": ["fresh strawberries", "crunchy carrots"],
    },
    "forest": {
        "word": "forest",
        "place_noun": "forest",
        "place": "the forest",
        "homes": [
            "in a cottage by the forest",
            "in a wooden house near the woods",
            "at the edge of a big forest",
        ],
        "sights": [
            "tall trees whispered in the wind",
            "birds sang high in the branches",
            "sunlight danced on the mossy ground",
            "a stream babbled over smooth stones",
        ],
        "landmarks": [
            "a mossy log",
            "an old oak tree",
            "a babbling stream",
            "a ring of spotted mushrooms",
            "a hollow tree stump",
        ],
        "creatures": ["fox", "owl", "deer", "squirrel", "bear cub"],
        "things": ["silver acorn", "feather cap", "wooden whistle", "lucky pinecone"],
        "hides": [
            "inside a hollow log",
            "under a pile of crunchy leaves",
            "high up in a squirrel's nest",
        ],
        "dests": [
            "the waterfall in the heart of the forest",
            "the tallest tree in the woods",
            "the hidden clearing",
        ],
        "dest_wonders": [
            "a pool that sparkled like glass",
            "a hundred glowing fireflies",
            "a tree house built by the animals",
        ],
        "fears": [
            (
                "the dark woods",
                "walk through the dark, tangled woods",
                "the dark woods were full of friendly, blinking fireflies",
            )
        ],
        "mysteries": [
            (
                "tiny glowing footprints",
                "Who had made them?",
                "a family of fireflies on their way home",
            ),
            (
                "a soft, sad song in the trees",
                "Who was singing?",
                "a young owl practicing for the forest concert",
            ),
        ],
        "obstacles": ["a wide, rushing stream", "a fallen tree across the path"],
        "locs": [
            "deep in the forest among tall pine trees",
            "in a sunny clearing in the forest",
            "beside a babbling stream in the forest",
            "on a mossy path through the forest",
        ],
        "bed_view": "the dark, whispering forest",
        "snacks": ["wild berries", "honey sandwiches"],
    },
    "ocean": {
        "word": "ocean",
        "place_noun": "sea",
        "place": "the sea",
        "homes": [
            "in a little house by the sea",
            "in a lighthouse by the ocean",
            "in a blue cottage on the beach",
        ],
        "sights": [
            "waves rolled in with a soft swoosh",
            "seagulls called over the water",
            "shells glittered on the sand",
            "the water sparkled in the sun",
        ],
        "landmarks": [
            "a tall lighthouse",
            "a coral reef",
            "a pile of shiny seashells",
            "a little red rowboat",
            "a sandy cove",
        ],
        "creatures": ["sea turtle", "dolphin", "crab", "octopus", "seal pup"],
        "things": ["pearl", "seashell necklace", "message in a bottle", "blue sea glass"],
        "hides": [
            "inside a giant clam shell",
            "under the soft sand",
            "in a tide pool full of starfish",
        ],
        "dests": [
            "the island with the tall palm tree",
            "the coral castle under the sea",
            "the lighthouse across the bay",
        ],
        "dest_wonders": [
            "a reef that shimmered with every color",
            "a cove full of singing seals",
            "a sandcastle as tall as a house",
        ],
        "fears": [
            (
                "deep water",
                "swim out where the water was deep",
                "the deep water was full of friendly, smiling fish",
            )
        ],
        "mysteries": [
            (
                "a bottle with a rolled-up note inside",
                "Who had sent it?",
                "a lonely little whale looking for a pen pal",
            ),
            (
                "sandcastles that appeared overnight",
                "Who was building them?",
                "a team of crabs practicing for a contest",
            ),
        ],
        "obstacles": ["a big, splashing wave", "a slippery wall of rocks"],
        "locs": [
            "on a sandy beach by the ocean",
            "in a little rowboat on the ocean",
            "deep under the ocean among bright coral",
            "beside a tide pool by the ocean",
        ],
        "bed_view": "the moonlit ocean",
        "snacks": ["juicy watermelon", "sandy sandwiches"],
    },
    "castle": {
        "word": "castle",
        "place_noun": "castle",
        "place": "the castle",
        "homes": [
            "in a castle with tall towers",
            "in a cottage by the castle",
            "in a kingdom far away",
        ],
        "sights": [
            "flags fluttered on the towers",
            "the drawbridge creaked up and down",
            "trumpets played from the high walls",
            "the towers glowed in the sun",
        ],
        "landmarks": [
            "a tall stone tower",
            "a wooden drawbridge",
            "a grand throne room",
            "a spiral staircase",
            "a moat full of lily pads",
        ],
        "creatures": ["dragon", "royal cat", "castle mouse", "pony"],
        "things": ["golden crown", "castle key", "royal cup", "jeweled ring"],
        "hides": [
            "at the top of the spiral staircase",
            "under the king's big throne",
            "inside a suit of armor",
        ],
        "dests": ["the tallest tower", "the dragon's mountain", "the royal library"],
        "dest_wonders": [
            "a room full of glittering treasure",
            "a view of the whole kingdom",
            "a great feast for everyone",
        ],
        "fears": [
            (
                "the tall, creaky tower",
                "climb the tall, creaky tower",
                "the tower had the most beautiful view in the kingdom",
            )
        ],
        "mysteries": [
            (
                "cookies vanishing from the royal kitchen",
                "Who was taking them?",
                "a hungry little dragon who was too shy to ask",
            ),
            (
                "a bell ringing all by itself",
                "Who was ringing it?",
                "a castle mouse calling everyone to a party",
            ),
        ],
        "obstacles": ["a locked iron gate", "a deep moat"],
        "locs": [
            "in the courtyard of the castle",
            "on top of a tall castle tower",
            "in the grand hall of the castle",
            "on the drawbridge of the castle",
        ],
        "bed_view": "the castle towers under the moon",
        "snacks": ["royal jam tarts", "crispy apples"],
    },
    "city": {
        "word": "city",
        "place_noun": "city",
        "place": "the city",
        "homes": [
            "in a tall building in the city",
            "above a bakery in town",
            "on a busy city street",
        ],
        "sights": [
            "buses rumbled past",
            "windows twinkled in the tall buildings",
            "pigeons strutted on the sidewalk",
            "the bakery smelled of warm bread",
        ],
        "landmarks": [
            "a red double-decker bus",
            "a park fountain",
            "a tall clock tower",
            "a busy market",
            "a row of shops",
        ],
        "creatures": ["pigeon", "puppy", "alley cat", "squirrel"],
        "things": ["red balloon", "lucky coin", "library card", "toy train"],
        "hides": [
            "under a bench in the park",
            "inside the bakery's flour sack",
            "on top of the clock tower",
        ],
        "dests": ["the top of the clock tower", "the big park on the hill", "the city museum"],
        "dest_wonders": [
            "the whole city lit up like stars",
            "a fountain that danced to music",
            "a room full of real dinosaur bones",
        ],
        "fears": [
            (
                "the loud, busy streets",
                "cross the loud, busy streets",
                "the busy streets were full of friendly, smiling faces",
            )
        ],
        "mysteries": [
            (
                "colorful chalk drawings on every sidewalk",
                "Who had drawn them?",
                "a shy new neighbor who wanted to say hello",
            ),
            (
                "music drifting from the rooftops",
                "Where was it coming from?",
                "a pigeon band practicing on the roof",
            ),
        ],
        "obstacles": ["a huge traffic jam", "a road closed for repairs"],
        "locs": [
            "on a busy street in the city",
            "in a green park in the middle of the city",
            "beside a fountain in the city square",
            "on a rooftop above the city",
        ],
        "bed_view": "the twinkling city lights",
        "snacks": ["warm pretzels", "fresh bread rolls"],
    },
    "snow": {
        "word": "snow",
        "place_noun": "snowy hills",
        "place": "the snowy hills",
        "homes": [
            "in a cabin in the snow",
            "in a warm house on a snowy hill",
            "in a village covered in snow",
        ],
        "sights": [
            "snowflakes drifted down like feathers",
            "icicles sparkled on the roofs",
            "the snow crunched underfoot",
            "everything was soft and white",
        ],
        "landmarks": [
            "a big snowman",
            "a frozen pond",
            "a wooden sled",
            "pine trees heavy with snow",
            "a little igloo",
        ],
        "creatures": ["penguin", "polar bear cub", "snowy owl", "white rabbit"],
        "things": ["red mitten", "silver snowflake charm", "woolly hat", "sled bell"],
        "hides": ["inside a snowdrift", "under the big snowman's hat", "beside the frozen pond"],
        "dests": ["the top of Snowy Peak", "the ice cave", "the village on the other hill"],
        "dest_wonders": [
            "lights dancing green and pink across the sky",
            "a cave of glittering ice",
            "a village lit with lanterns",
        ],
        "fears": [
            (
                "the steep, icy hill",
                "sled down the steep, icy hill",
                "the steep hill was the most fun ride ever",
            )
        ],
        "mysteries": [
            (
                "big round footprints in the snow",
                "Who had made them?",
                "a gentle polar bear cub looking for a friend",
            ),
            (
                "snowmen that moved in the night",
                "How had they moved?",
                "a family of penguins who loved to play tricks",
            ),
        ],
        "obstacles": ["a deep snowdrift", "a wild, whirling blizzard"],
        "locs": [
            "on a snowy hill covered in snow",
            "beside a frozen pond in the snow",
            "among pine trees dusted with snow",
            "in a snowy village in deep snow",
        ],
        "bed_view": "snow falling softly",
        "snacks": ["hot cocoa", "warm cinnamon buns"],
    },
    "desert": {
        "word": "desert",
        "place_noun": "desert",
        "place": "the desert",
        "homes": [
            "at the edge of the desert",
            "in a sand-colored house in the desert",
            "near a desert oasis",
        ],
        "sights": [
            "the sand glowed gold",
            "a warm wind whispered over the dunes",
            "tall cactuses stood like friendly giants",
            "the sky was wide and blue",
        ],
        "landmarks": [
            "a tall cactus",
            "a rolling sand dune",
            "a palm tree oasis",
            "a smooth red rock",
            "an old stone well",
        ],
        "creatures": ["fennec fox", "camel", "lizard", "desert tortoise"],
        "things": ["golden compass", "water flask", "lucky blue stone", "sun hat"],
        "hides": [
            "behind a tall cactus",
            "in the sand behind a dune",
            "in the shade of a red rock",
        ],
        "dests": ["the oasis with the blue pool", "the tallest dune", "the old stone well"],
        "dest_wonders": [
            "a pool of cool blue water",
            "a garden of blooming cactus flowers",
            "a sky full of shooting stars",
        ],
        "fears": [
            (
                "the howling wind",
                "walk into the howling desert wind",
                "the wind was only singing a desert song",
            )
        ],
        "mysteries": [
            (
                "a map drawn in the sand",
                "Who had drawn it?",
                "a clever fennec fox leading the way to water",
            ),
            (
                "tracks that zigzagged over the dunes",
                "Who had made them?",
                "a little lizard dancing to keep cool",
            ),
        ],
        "obstacles": ["a tall, slippery dune", "a swirling sandstorm"],
        "locs": [
            "on a golden sand dune in the desert",
            "beside a palm tree oasis in the desert",
            "among tall cactuses in the desert",
            "by a red rock in the desert",
        ],
        "bed_view": "the starry desert sky",
        "snacks": ["sweet dates", "cool cucumber slices"],
    },
    "home": {
        "word": "home",
        "place_noun": "house",
        "place": "the house",
        "homes": [
            "in a cozy house with a red door",
            "in a little yellow house",
            "in a house with a big backyard",
        ],
        "sights": [
            "the kitchen smelled of pancakes",
            "sunbeams warmed the living room",
            "the clock ticked softly in the hall",
            "toys waited in every corner",
        ],
        "landmarks": [
            "a blanket fort",
            "a tall bookshelf",
            "a comfy armchair",
            "a toy box",
            "a window seat",
        ],
        "creatures": ["kitten", "puppy", "goldfish", "teddy bear"],
        "things": ["teddy bear", "favorite blanket", "toy car", "storybook"],
        "hides": [
            "under the sofa cushions",
            "inside the laundry basket",
            "behind the big bookshelf",
        ],
        "dests": [
            "the top of the attic stairs",
            "the end of the backyard",
            "the secret corner of the basement",
        ],
        "dest_wonders": [
            "a box of old family treasures",
            "a blanket fort full of fairy lights",
            "a birthday surprise for everyone",
        ],
        "fears": [
            (
                "the thunderstorm",
                "stay brave while the thunder rumbled",
                "the thunder was just the sky playing the drums",
            )
        ],
        "mysteries": [
            (
                "cookie crumbs leading down the hall",
                "Who had left them?",
                "a puppy planning a surprise tea party",
            ),
            (
                "a tapping sound from the attic",
                "What could it be?",
                "a little bird who had built a nest by the window",
            ),
        ],
        "obstacles": ["a mountain of laundry", "a long, dark hallway"],
        "locs": [
            "in a cozy living room at home",
            "in a sunny kitchen at home",
            "in the backyard of home",
            "in a blanket fort at home",
        ],
        "bed_view": "the backyard of home",
        "snacks": ["warm pancakes", "apple slices"],
    },
    "meadow": {
        "word": "meadow",
        "place_noun": "meadow",
        "place": "the meadow",
        "homes": [
            "in a cottage by a meadow",
            "on a farm near the meadow",
            "at the bottom of a green hill",
        ],
        "sights": [
            "wildflowers swayed in the breeze",
            "butterflies danced over the grass",
            "crickets chirped in the tall grass",
            "fluffy clouds drifted by",
        ],
        "landmarks": [
            "a field of wildflowers",
            "a lone apple tree",
            "a wooden fence",
            "a grassy hill",
            "a little stream",
        ],
        "creatures": ["rabbit", "lamb", "butterfly", "field mouse"],
        "things": ["red kite", "daisy crown", "picnic basket", "silver bell"],
        "hides": ["in the tall grass", "under the lone apple tree", "behind the wooden fence"],
        "dests": ["the top of the grassy hill", "the far side of the meadow", "the old windmill"],
        "dest_wonders": [
            "a rainbow that touched the ground",
            "a field of golden sunflowers",
            "a view over the whole wide world",
        ],
        "fears": [
            (
                "the big hill",
                "climb all the way up the big hill",
                "the top of the hill had the best view of all",
            )
        ],
        "mysteries": [
            (
                "circles flattened in the tall grass",
                "Who had made them?",
                "a family of rabbits dancing in the moonlight",
            ),
            (
                "a trail of daisies leading away",
                "Where did it go?",
                "a lamb who had made a surprise picnic",
            ),
        ],
        "obstacles": ["a wide, muddy ditch", "a tall, prickly hedge"],
        "locs": [
            "in a meadow full of wildflowers",
            "on a grassy hill above the meadow",
            "beside a little stream in the meadow",
            "under a lone apple tree in the meadow",
        ],
        "bed_view": "the moonlit meadow",
        "snacks": ["strawberry sandwiches", "fresh apples"],
    },
}

# --- Time of day ---------------------------------------------------------------------

TIME_WHEN: dict[str, list[str]] = {
    "morning": ["One bright morning", "Early one morning", "One sunny morning"],
    "evening": ["One purple evening", "Late one evening", "One quiet evening"],
    "night": ["One starry night", "Late one night", "One twinkly night"],
}

TIME_SCENE: dict[str, str] = {
    "morning": "in soft morning light",
    "afternoon": "in warm afternoon sunshine",
    "sunset": "at sunset, under a pink and orange sky",
    "evening": "in the purple evening",
    "night": "at night, under a sky full of stars",
    "midnight": "at midnight, in deep blue starlight",
}

# --- Traits, interests, themes -------------------------------------------------------
# "short" acts suit young readers; "long" acts add detail for older ones. Acts are
# predicates with no pronouns, so any subject (hero or companion) fits.

TRAITS: dict[str, dict[str, list[str]]] = {
    "brave": {
        "short": ["stepped forward first", "went right up close to look"],
        "long": [
            "stepped forward first, even though it felt a little scary",
            "went right up close to take a look, heart thumping but steady",
        ],
        "pose": ["steps forward bravely"],
    },
    "kind": {
        "short": ["shared a snack with everyone", "spoke in a soft, friendly voice"],
        "long": [
            "shared the very last snack and spoke in a soft, friendly voice",
            "stopped to help a tiny beetle across the path, then hurried on",
        ],
        "pose": ["shares a snack with a friendly smile"],
    },
    "curious": {
        "short": ["peeked behind every rock", "asked lots and lots of questions"],
        "long": [
            "peeked behind every rock and asked a hundred careful questions",
            "looked very closely at everything and spotted something new",
        ],
        "pose": ["peeks behind a rock with wide, curious eyes"],
    },
    "funny": {
        "short": ["told a silly joke", "made a very funny face"],
        "long": [
            "told a joke so silly that everyone laughed until the worry melted away",
            "pulled a face so funny that even the grumpiest frog giggled",
        ],
        "pose": ["makes a funny face that makes everyone laugh"],
    },
    "clever": {
        "short": ["spotted a clue nobody else saw", "worked out a plan"],
        "long": [
            "noticed a small clue that everyone else had walked right past",
            "counted, thought, and worked out a clever plan, step by step",
        ],
        "pose": ["points at a clue with a clever grin"],
    },
    "creative": {
        "short": ["thought up a brand-new idea", "made a tool from sticks and string"],
        "long": [
            "dreamed up a brand-new way to try that nobody had thought of",
            "turned a few sticks, leaves and a piece of string into a clever tool",
        ],
        "pose": ["builds a clever tool out of sticks and string"],
    },
    "shy": {
        "short": ["listened very, very carefully", "heard a tiny, tiny sound"],
        "long": [
            "stayed quiet and listened so carefully that a tiny sound came through",
            "noticed the small, quiet things that louder voices missed",
        ],
        "pose": ["listens carefully with a hand cupped to one ear"],
    },
    "gentle": {
        "short": ["moved slowly and softly", "held out a gentle hand"],
        "long": [
            "moved so slowly and softly that nothing was frightened away",
            "held out a gentle hand and waited, calm and patient",
        ],
        "pose": ["holds out a gentle hand"],
    },
    "strong": {
        "short": ["lifted a heavy branch", "pushed a big rock aside"],
        "long": [
            "lifted a heavy branch out of the way with one mighty heave",
            "pushed and pulled until the biggest rock rolled aside",
        ],
        "pose": ["lifts a heavy branch out of the way"],
    },
    "fast": {
        "short": ["raced ahead to look", "zoomed back and forth"],
        "long": [
            "raced ahead to check the path and zoomed back with news",
            "zipped back and forth so quickly that every corner got searched",
        ],
        "pose": ["races ahead, hair flying"],
    },
    "patient": {
        "short": ["waited for the right moment", "tried again and again"],
        "long": [
            "waited quietly and calmly until exactly the right moment came",
            "tried again, and again, and once more, without ever giving up",
        ],
        "pose": ["waits calmly and quietly"],
    },
    "cheerful": {
        "short": ["sang a happy song", "kept smiling and humming"],
        "long": [
            "kept smiling and humming, and everyone's steps felt lighter",
            "sang a happy marching song that made the path seem shorter",
        ],
        "pose": ["sings a happy song while walking"],
    },
    "adventurous": {
        "short": ["climbed up high to see", "tried the twisty path"],
        "long": [
            "climbed up high to see farther than anyone else could",
            "chose the twisty path that nobody had ever tried before",
        ],
        "pose": ["climbs up high to look far away"],
    },
    "helpful": {
        "short": ["carried the heavy bag", "helped everyone over the bumps"],
        "long": [
            "carried the heavy bag so that the others could rest their arms",
            "made sure that everyone got safely over every bump and puddle",
        ],
        "pose": ["carries a heavy bag to help"],
    },
    "careful": {
        "short": ["checked every step", "found the safest way"],
        "long": [
            "checked every step twice and found the safest way through",
            "looked left, looked right, and chose the path with the fewest wobbles",
        ],
        "pose": ["checks each step carefully"],
    },
    "determined": {
        "short": ["kept going, step by step", "did not give up"],
        "long": [
            "kept going, one step at a time, even when it got hard",
            "refused to give up, no matter how long it took",
        ],
        "pose": ["marches on with a determined face"],
    },
    "energetic": {
        "short": ["ran and jumped and searched", "bounced along the path"],
        "long": [
            "ran, jumped, and searched without ever slowing down",
            "bounced along so happily that everyone else sped up too",
        ],
        "pose": ["jumps high with energy"],
    },
    "loving": {
        "short": ["gave a big, warm hug", "held a friend's hand"],
        "long": [
            "gave the biggest, warmest hug, and the worried feeling faded",
            "held a friend's hand tight and said it would all be all right",
        ],
        "pose": ["gives a big, warm hug"],
    },
    "friendly": {
        "short": ["said hello to everyone", "made a new friend"],
        "long": [
            "said hello to everyone along the way and asked who might know something",
            "made a new friend in no time, just by smiling and saying hello",
        ],
        "pose": ["waves hello with a friendly smile"],
    },
    "playful": {
        "short": ["made the search a game", "played a jumping game"],
        "long": [
            "turned the hard part into a game, and suddenly it was fun",
            "invented a hopping game that got everyone moving again",
        ],
        "pose": ["hops and plays a game"],
    },
    "thoughtful": {
        "short": ["stopped to think", "thought of what others needed"],
        "long": [
            "stopped, sat down on a stone, and thought things through",
            "thought about what everyone else might need, and packed it",
        ],
        "pose": ["sits on a stone, thinking hard"],
    },
    "honest": {
        "short": ["said what was true", "told the truth, even when it was hard"],
        "long": [
            "told the truth about being a little lost, and that made it easy to ask for help",
            "said exactly what was true, so everyone knew what to do next",
        ],
        "pose": ["speaks up honestly"],
    },
    "generous": {
        "short": ["shared every single treat", "gave away a favorite toy"],
        "long": [
            "shared every single treat in the bag, even the favorite one",
            "gave away something special, because someone else needed it more",
        ],
        "pose": ["shares treats with everyone"],
    },
    "calm": {
        "short": ["took a slow, deep breath", "stayed nice and calm"],
        "long": [
            "took a slow, deep breath and thought clearly about what to do",
            "stayed calm and steady, and that helped everyone else feel calm too",
        ],
        "pose": ["takes a slow, deep breath"],
    },
    "artistic": {
        "short": ["drew a helpful map", "made a bright picture sign"],
        "long": [
            "drew a careful map with bright colors so that nobody would get lost",
            "painted a cheerful sign that pointed the way",
        ],
        "pose": ["draws a map with bright crayons"],
    },
    "loud": {
        "short": ["called out in a big voice", 'shouted, "Hello-o-o!"'],
        "long": [
            "called out in a big, clear voice that echoed a long way",
            "shouted so loudly that the answer came echoing back",
        ],
        "pose": ["calls out loudly with cupped hands"],
    },
}

# Other words people use for the traits above.
TRAIT_ALIASES: dict[str, str] = {
    "bold": "brave",
    "courageous": "brave",
    "fearless": "brave",
    "confident": "brave",
    "caring": "loving",
    "sweet": "loving",
    "affectionate": "loving",
    "warm": "loving",
    "nice": "kind",
    "compassionate": "kind",
    "inquisitive": "curious",
    "nosy": "curious",
    "silly": "funny",
    "goofy": "funny",
    "hilarious": "funny",
    "smart": "clever",
    "intelligent": "clever",
    "wise": "clever",
    "bright": "clever",
    "imaginative": "creative",
    "inventive": "creative",
    "dreamy": "creative",
    "quiet": "shy",
    "sensitive": "gentle",
    "soft": "gentle",
    "tough": "strong",
    "speedy": "fast",
    "quick": "fast",
    "happy": "cheerful",
    "joyful": "cheerful",
    "sunny": "cheerful",
    "positive": "cheerful",
    "daring": "adventurous",
    "outgoing": "friendly",
    "social": "friendly",
    "chatty": "friendly",
    "sociable": "friendly",
    "persistent": "determined",
    "stubborn": "determined",
    "hardworking": "determined",
    "active": "energetic",
    "bouncy": "energetic",
    "lively": "energetic",
    "sporty": "energetic",
    "considerate": "thoughtful",
    "mindful": "thoughtful",
    "truthful": "honest",
    "sharing": "generous",
    "peaceful": "calm",
    "relaxed": "calm",
    "artsy": "artistic",
    "musical": "cheerful",
    "noisy": "loud",
    "responsible": "helpful",
    "cautious": "careful",
}

# Generic acts for traits this bank does not know; "{t}" is the trait word.
TRAIT_GENERIC_SHORT: list[str] = ["showed what being {t} means", "helped by being {t}"]
TRAIT_GENERIC_LONG: list[str] = [
    "showed everyone what being {t} really means",
    "helped in the best way there is, simply by being {t}",
]

INTERESTS: dict[str, dict[str, list[str]]] = {
    "dinosaurs": {
        "obj": ["a toy dinosaur"],
        "short": ["followed the tracks like a dino expert", "gave a big dinosaur roar"],
        "long": [
            "studied the ground for tracks, just like a real dinosaur hunter",
            "let out a mighty dinosaur roar that echoed for miles",
        ],
        "idea": [
            "finds a dinosaur egg in the backyard and has to keep the hatchling "
            "secret until it is big enough to go home",
            "travels back in time and teaches a shy baby dinosaur how to roar",
        ],
    },
    "space": {
        "obj": ["a toy rocket", "a telescope"],
        "short": ["used the stars to find the way", "counted the planets for luck"],
        "long": [
            "looked up and used the brightest star to find the way, just like an astronaut",
            "remembered the star charts and pointed out exactly which way was north",
        ],
        "idea": [
            "builds a rocket out of cardboard boxes and visits a planet where every "
            "star has a name",
            "helps a little lost comet find its way back across the sky",
        ],
    },
    "music": {
        "obj": ["a little drum", "floating music notes"],
        "short": ["hummed a happy tune", "tapped out a marching beat"],
        "long": [
            "hummed a bright little tune, and the music carried far and wide",
            "tapped out a marching rhythm that kept everyone's feet moving",
        ],
        "idea": [
            "plays a song so lovely that the moon comes down to listen",
            "starts a band with the forest animals to wake up a sleepy spring",
        ],
    },
    "singing": {
        "obj": ["floating music notes"],
        "short": ["sang a song to cheer everyone", "sang a soft, sweet song"],
        "long": [
            "sang a soft, sweet song, and even the wind seemed to stop and listen",
            "sang out loud and clear, and the echo showed the way",
        ],
        "idea": ["sings a song so sweet that the flowers open up in the middle of winter"],
    },
    "drawing": {
        "obj": ["a box of crayons", "a sketchbook"],
        "short": ["drew a helpful map", "sketched every clue"],
        "long": [
            "pulled out a sketchbook and drew a careful map of the way",
            "sketched every clue so that nothing would be forgotten",
        ],
        "idea": ["finds a magic crayon, and everything drawn with it comes to life"],
    },
    "painting": {
        "obj": ["a paintbrush", "a set of paints"],
        "short": ["painted a bright sign", "painted arrows to show the way"],
        "long": [
            "painted bright arrows on the stones so that nobody would get lost",
            "painted a cheerful picture that made everyone smile again",
        ],
        "idea": ["has a paintbrush that paints the colors back into a gray, sleepy town"],
    },
    "reading": {
        "obj": ["a favorite book"],
        "short": ["remembered a trick from a book", "knew the answer from a story"],
        "long": [
            "remembered a clever trick from a favorite book and tried it at once",
            "recalled a story with exactly this problem, and how it had been solved",
        ],
        "idea": [
            "falls into a favorite book and must help the characters find the missing last page"
        ],
    },
    "animals": {
        "obj": ["a picture book of animals"],
        "short": ["knew how to be gentle with animals", "spoke softly, like to a pet"],
        "long": [
            "knew just how to be gentle with animals and crouched down low to help",
            "remembered everything about animals, especially how to be calm and kind",
        ],
        "idea": ["can talk to animals for one whole day and helps the zoo plan a surprise"],
    },
    "soccer": {
        "obj": ["a soccer ball"],
        "short": ["kicked the ball just right", "ran like a soccer star"],
        "long": [
            "gave the ball one perfect kick, exactly like in practice",
            "dodged and dashed like a soccer star on the big field",
        ],
        "idea": ["plays soccer with a team of friendly giants and teaches them to share the ball"],
    },
    "sports": {
        "obj": ["a ball"],
        "short": ["ran and jumped like an athlete", "threw the ball just right"],
        "long": [
            "ran, jumped and balanced just like in training, and it worked",
            "threw the ball with perfect aim, just like in practice",
        ],
        "idea": [
            "enters the jungle games and wins by helping every other player cross the finish line"
        ],
    },
    "swimming": {
        "obj": ["swimming goggles"],
        "short": ["swam like a little fish", "paddled fast and strong"],
        "long": [
            "dived in and swam like a little fish, strong and sure",
            "paddled across with smooth, strong strokes",
        ],
        "idea": ["swims with a family of dolphins to find a lost pearl"],
    },
    "dancing": {
        "obj": ["dancing shoes"],
        "short": ["did a twirly dance", "danced on tiptoe"],
        "long": [
            "did a twirly dance so light and quick that it crossed the gap in three steps",
            "danced on tiptoe between the puddles without a single splash",
        ],
        "idea": ["teaches a clumsy dragon to dance in time for the royal ball"],
    },
    "cooking": {
        "obj": ["a basket of homemade cookies"],
        "short": ["shared warm cookies", "made a yummy snack"],
        "long": [
            "shared a basket of warm homemade cookies, and tired faces brightened",
            "stirred up a yummy snack that gave everyone new energy",
        ],
        "idea": ["bakes a giant birthday cake for a lonely giant who has never had a party"],
    },
    "building": {
        "obj": ["building blocks"],
        "short": ["built a little bridge", "stacked stones like blocks"],
        "long": [
            "built a sturdy little bridge out of sticks, just like with building blocks",
            "stacked flat stones as carefully as blocks to make a set of steps",
        ],
        "idea": ["builds a castle of blocks that turns real for one magical night"],
    },
    "science": {
        "obj": ["a magnifying glass"],
        "short": ["tested an idea like a scientist", "looked through a magnifying glass"],
        "long": [
            "tested an idea carefully, just like a real scientist",
            "looked through a magnifying glass and found a clue too small to see",
        ],
        "idea": ["invents a machine that turns bad dreams into bubbles"],
    },
    "robots": {
        "obj": ["a little toy robot"],
        "short": ["fixed it like a robot maker", "thought like a robot"],
        "long": [
            "fiddled and fixed like a real robot engineer until it worked",
            "thought it through step by step, just like programming a robot",
        ],
        "idea": ["builds a robot friend who is scared of thunderstorms"],
    },
    "trains": {
        "obj": ["a toy train"],
        "short": ["chugged along like a train", "followed the tracks"],
        "long": [
            "chugged along like a little train that would not give up",
            "followed the old tracks, as sure as any engine driver",
        ],
        "idea": ["drives a night train that delivers dreams to sleeping children"],
    },
    "cars": {
        "obj": ["a toy car", "a toy truck"],
        "short": ["zoomed ahead like a race car", "beep-beeped to clear the way"],
        "long": [
            "zoomed ahead like a race car on the final lap",
            "steered around every bump like a champion driver",
        ],
        "idea": ["wins a race across the city in a car made from a cardboard box"],
    },
    "nature": {
        "obj": ["a bunch of wildflowers"],
        "short": ["knew which way the moss grew", "listened to the birds"],
        "long": [
            "noticed which side the moss grew on and knew which way to go",
            "listened to the birds and followed their calls",
        ],
        "idea": ["helps the seasons swap places when Spring gets lost on the way"],
    },
    "gardening": {
        "obj": ["a watering can", "a flower pot"],
        "short": ["planted a quick seed", "watered a thirsty plant"],
        "long": [
            "watered a drooping plant, which stood up tall and pointed the way",
            "knew exactly which plants were safe to touch and which were prickly",
        ],
        "idea": ["grows a beanstalk that reaches a garden in the clouds"],
    },
    "bugs": {
        "obj": ["a magnifying glass", "a bug jar"],
        "short": ["asked a ladybug for help", "followed a line of ants"],
        "long": [
            "followed a busy line of ants, who always know the best paths",
            "crouched down and asked a ladybug for directions, very politely",
        ],
        "idea": ["shrinks to the size of an ant and joins a beetle's birthday parade"],
    },
    "ocean": {
        "obj": ["a shiny seashell"],
        "short": ["knew all about sea creatures", "held a shell to listen"],
        "long": [
            "remembered everything about sea creatures and where they like to hide",
            "held a shell up close and listened for a clue",
        ],
        "idea": ["dives under the sea to return a pearl to a forgetful octopus"],
    },
    "dragons": {
        "obj": ["a toy dragon"],
        "short": ["roared like a friendly dragon", "flapped like a dragon"],
        "long": [
            "roared like a friendly dragon, and the shadows scurried off",
            "remembered that dragons never give up and marched on",
        ],
        "idea": ["becomes best friends with a dragon who is afraid of fire"],
    },
    "unicorns": {
        "obj": ["a unicorn plush"],
        "short": ["wished on a unicorn wish", "galloped like a unicorn"],
        "long": [
            "made a sparkly unicorn wish and felt brave enough to go on",
            "galloped ahead like a unicorn, light and quick",
        ],
        "idea": ["helps a young unicorn find the missing color of the rainbow"],
    },
    "princesses": {
        "obj": ["a paper crown"],
        "short": ["acted like a royal helper", "made a royal plan"],
        "long": [
            "stood tall like true royalty and made a wise plan",
            "remembered that the best princesses are brave and kind",
        ],
        "idea": ["becomes ruler for a day and makes a law that everyone must share their cake"],
    },
    "pirates": {
        "obj": ["a treasure map"],
        "short": ["read the map like a pirate", 'said, "Ahoy!" and sailed on'],
        "long": [
            "read the map like a real pirate captain and spotted the X",
            'shouted, "Ahoy!" and steered the way like a true captain',
        ],
        "idea": ["sails with a crew of friendly pirates whose treasure is a chest full of books"],
    },
    "superheroes": {
        "obj": ["a red cape"],
        "short": ["zoomed like a superhero", "struck a super pose"],
        "long": [
            "swooped in like a superhero, cape flapping",
            "struck a superhero pose and felt strong enough for anything",
        ],
        "idea": ["discovers a superpower: making anyone smile, just when they need it"],
    },
    "magic": {
        "obj": ["a magic wand"],
        "short": ["waved a pretend magic wand", "said a magic word"],
        "long": [
            "waved a pretend wand and said the magic word, and somehow it helped",
            "remembered that the best magic of all is trying again",
        ],
        "idea": ["finds a wand that only works when used to help someone else"],
    },
    "puzzles": {
        "obj": ["a jigsaw puzzle"],
        "short": ["solved it like a puzzle", "fit the clues together"],
        "long": [
            "fit the clues together like pieces of a jigsaw puzzle",
            "thought like a puzzle master, turning the problem around and around",
        ],
        "idea": ["solves the riddles of a talking door to get into a secret library"],
    },
    "climbing": {
        "obj": ["a climbing rope"],
        "short": ["climbed up high to look", "scrambled up a rock"],
        "long": [
            "climbed up high, hand over hand, to look far and wide",
            "scrambled up a big rock like a mountain climber",
        ],
        "idea": ["climbs a mountain of pillows to rescue a teddy stuck on the top shelf"],
    },
    "exploring": {
        "obj": ["a backpack", "a compass"],
        "short": ["checked the compass", "explored a new path"],
        "long": [
            "checked the compass like a true explorer and picked the right way",
            "explored a narrow path that nobody else had noticed",
        ],
        "idea": ["explores a cave behind a waterfall and finds a village of friendly bats"],
    },
    "bikes": {
        "obj": ["a bike"],
        "short": ["pedaled fast to look", "rang the bike bell"],
        "long": [
            "pedaled fast along the path and rang the bell to say hello",
            "balanced on the bike as steady as a tightrope walker",
        ],
        "idea": ["rides a bicycle that can fly over the rooftops on moonlit nights"],
    },
    "games": {
        "obj": ["a board game"],
        "short": ["played it like a game", "made a plan like a game"],
        "long": [
            "treated it like a game with rules and worked out the winning move",
            "thought three moves ahead, like in a favorite game",
        ],
        "idea": ["gets pulled into a giant board game and must play fair to get home"],
    },
    "horses": {
        "obj": ["a toy horse"],
        "short": ["galloped like a pony", "clip-clopped ahead"],
        "long": [
            "galloped ahead like a pony, quick and sure-footed",
            "remembered how to stay calm around horses, and stayed calm now",
        ],
        "idea": ["rides a pony across the meadow to deliver a very important letter"],
    },
    "cats": {
        "obj": ["a toy cat"],
        "short": ["crept along like a cat", "tiptoed like a kitten"],
        "long": [
            "crept along as quietly as a cat, and heard every little sound",
            "landed soft as a kitten after a leap across the gap",
        ],
        "idea": ["follows a mysterious cat to a midnight party on the rooftops"],
    },
    "dogs": {
        "obj": ["a toy dog"],
        "short": ["sniffed around like a puppy", "followed the trail like a dog"],
        "long": [
            "sniffed around like a puppy on a trail and found the way",
            "followed the trail as loyally as a good dog",
        ],
        "idea": ["helps a lost puppy find its family in the big city"],
    },
}

INTEREST_ALIASES: dict[str, str] = {
    "dinosaur": "dinosaurs",
    "dinos": "dinosaurs",
    "dino": "dinosaurs",
    "t-rex": "dinosaurs",
    "stars": "space",
    "planets": "space",
    "rockets": "space",
    "astronomy": "space",
    "astronauts": "space",
    "rocket": "space",
    "outer space": "space",
    "songs": "singing",
    "sing": "singing",
    "piano": "music",
    "guitar": "music",
    "drums": "music",
    "violin": "music",
    "instruments": "music",
    "draw": "drawing",
    "art": "drawing",
    "crafts": "drawing",
    "coloring": "drawing",
    "colouring": "drawing",
    "paint": "painting",
    "books": "reading",
    "stories": "reading",
    "read": "reading",
    "pets": "animals",
    "animal": "animals",
    "football": "soccer",
    "basketball": "sports",
    "baseball": "sports",
    "tennis": "sports",
    "running": "sports",
    "gymnastics": "sports",
    "swim": "swimming",
    "dance": "dancing",
    "ballet": "dancing",
    "baking": "cooking",
    "cook": "cooking",
    "lego": "building",
    "legos": "building",
    "blocks": "building",
    "engineering": "building",
    "experiments": "science",
    "chemistry": "science",
    "robot": "robots",
    "coding": "robots",
    "computers": "robots",
    "technology": "robots",
    "train": "trains",
    "car": "cars",
    "trucks": "cars",
    "vehicles": "cars",
    "plants": "gardening",
    "flowers": "gardening",
    "garden": "gardening",
    "insects": "bugs",
    "butterflies": "bugs",
    "beetles": "bugs",
    "fish": "ocean",
    "sea": "ocean",
    "sea creatures": "ocean",
    "mermaids": "ocean",
    "sharks": "ocean",
    "whales": "ocean",
    "dragon": "dragons",
    "unicorn": "unicorns",
    "princess": "princesses",
    "knights": "princesses",
    "castles": "princesses",
    "pirate": "pirates",
    "superhero": "superheroes",
    "wizards": "magic",
    "fairies": "magic",
    "riddles": "puzzles",
    "puzzle": "puzzles",
    "hiking": "exploring",
    "adventure": "exploring",
    "adventures": "exploring",
    "camping": "exploring",
    "biking": "bikes",
    "cycling": "bikes",
    "bicycles": "bikes",
    "video games": "games",
    "board games": "games",
    "horse": "horses",
    "ponies": "horses",
    "cat": "cats",
    "kittens": "cats",
    "dog": "dogs",
    "puppies": "dogs",
    "outdoors": "nature",
}

INTEREST_GENERIC_SHORT: list[str] = ["had a clever idea", "tried something new"]
INTEREST_GENERIC_LONG: list[str] = [
    "thought about everything learned from {i}, and an idea began to grow",
]

# Lines a book may close on; "{theme}" is the user's own word for it.
THEMES: dict[str, Bank] = {
    "friendship": {
        "young": [("{theme} makes every day better.",), ("That is what {theme} is all about.",)],
        "middle": [
            ("{name} learned that {theme} makes even hard things easier.",),
            ("Real {theme} means helping each other, every single time.",),
        ],
        "older": [
            (
                "{name} understood now that {theme} is not about never needing help; it "
                "is about always giving it.",
            ),
            (
                "That was the thing about {theme}: it made every trouble smaller and "
                "every joy bigger.",
            ),
        ],
    },
    "courage": {
        "young": [
            ("{theme} is being scared and trying anyway.",),
            ("That is what {theme} looks like.",),
        ],
        "middle": [
            ("{name} learned that {theme} means feeling scared and trying anyway.",),
            ("{name} found out that {theme} grows a little every time you use it.",),
        ],
        "older": [
            (
                "{name} understood now that {theme} is not the absence of fear, but the "
                "choice to take one more step.",
            ),
            ("Real {theme}, {name} decided, is quiet: a deep breath, and then a step.",),
        ],
    },
    "kindness": {
        "young": [("A little {theme} goes a long way.",), ("{theme} is a kind of magic.",)],
        "middle": [
            ("{name} learned that {theme} is a magic everyone can do.",),
            ("Even a small bit of {theme} had changed the whole day.",),
        ],
        "older": [
            (
                "{name} understood that {theme} is never wasted; it always comes back "
                "around, one way or another.",
            ),
            ("It turned out that {theme} was the strongest magic in the whole world.",),
        ],
    },
    "sharing": {
        "young": [("{theme} makes things twice as nice.",), ("{theme} made everyone smile.",)],
        "middle": [("{name} learned that {theme} makes a good thing even better.",)],
        "older": [
            (
                "{name} discovered that {theme} does not make things smaller; somehow it "
                "makes them grow.",
            )
        ],
    },
    "family": {
        "young": [("{theme} is the best thing of all.",), ("Home is where {theme} is.",)],
        "middle": [("{name} knew that {theme} is the best team there is.",)],
        "older": [
            ("{name} knew that wherever the road went, {theme} would always be the way back home.",)
        ],
    },
    "teamwork": {
        "young": [("{theme} makes big jobs small.",), ("That is {theme}!",)],
        "middle": [("{name} learned that {theme} can do what no one can do alone.",)],
        "older": [
            ("{name} realized that {theme} had done what none of them could have done alone.",)
        ],
    },
    "curiosity": {
        "young": [("{theme} leads to wonderful things.",), ("A little {theme} is a great start.",)],
        "middle": [("{name} learned that {theme} can open doors you never knew were there.",)],
        "older": [
            (
                "{name} decided that {theme} was a kind of compass, always pointing toward "
                "something new.",
            )
        ],
    },
    "perseverance": {
        "young": [
            ("Keep trying, and you will get there: that is {theme}!",),
            ("That is {theme}!",),
        ],
        "middle": [("{name} learned that {theme} means trying again, and again, and again.",)],
        "older": [
            (
                "{name} understood that {theme} is just a fancy word for not giving up, "
                "and it works.",
            )
        ],
    },
    "honesty": {
        "young": [("{theme} always helps.",), ("{theme} is brave, too.",)],
        "middle": [("{name} learned that {theme} makes friends trust each other.",)],
        "older": [("{name} saw that {theme} had been the first step to fixing everything.",)],
    },
    "imagination": {
        "young": [("{theme} makes big magic.",), ("{theme} can take you anywhere.",)],
        "middle": [("{name} learned that {theme} can solve problems that look impossible.",)],
        "older": [("{name} knew that {theme} was a superpower, and every child has one.",)],
    },
    "nature": {
        "young": [("{theme} is full of wonders.",), ("{theme} is a wonderful friend.",)],
        "middle": [("{name} learned to love {theme} even more, and to look after it.",)],
        "older": [
            ("{name} promised to look after {theme}, because it had looked after all of them.",)
        ],
    },
    "love": {
        "young": [("{theme} makes everything shine.",), ("{theme} is the best magic.",)],
        "middle": [("{name} felt {theme} all around, warm as a blanket.",)],
        "older": [
            ("{name} knew that {theme} had been there all along, quietly lighting the way.",)
        ],
    },
    "patience": {
        "young": [("{theme} makes good things grow.",), ("{theme} helped a lot.",)],
        "middle": [("{name} learned that {theme} lets good things grow.",)],
        "older": [
            (
                "{name} learned that {theme} is not doing nothing; it is waiting for the "
                "right moment.",
            )
        ],
    },
    "gratitude": {
        "young": [("{theme} fills your heart up.",), ("{theme} feels so good.",)],
        "middle": [("{name} learned that {theme} makes small things feel big.",)],
        "older": [("{name} felt {theme} for every friend, every helper, and every step.",)],
    },
}

THEME_ALIASES: dict[str, str] = {
    "friends": "friendship",
    "bravery": "courage",
    "being brave": "courage",
    "confidence": "courage",
    "kind": "kindness",
    "helping": "kindness",
    "helping others": "kindness",
    "empathy": "kindness",
    "generosity": "sharing",
    "siblings": "family",
    "cooperation": "teamwork",
    "working together": "teamwork",
    "discovery": "curiosity",
    "learning": "curiosity",
    "persistence": "perseverance",
    "resilience": "perseverance",
    "never give up": "perseverance",
    "truth": "honesty",
    "creativity": "imagination",
    "environment": "nature",
    "animals": "nature",
    "thankfulness": "gratitude",
    "kindness to animals": "kindness",
}

# Several themes at once, when a page has room for only one lesson.
THEMES_TOGETHER: Bank = {
    "young": [("That day was all about {themes}.",)],
    "middle": [("{name} learned a lot about {themes} that day.",)],
    "older": [("Somewhere along the way, {name} had learned something important about {themes}.",)],
}

THEME_GENERIC: Bank = {
    "young": [("{name} learned a lot about {theme}.",)],
    "middle": [("{name} learned something special about {theme} that day.",)],
    "older": [
        (
            "Somewhere along the way, {name} had learned something important about "
            "{theme}, and it would stay for a long time.",
        )
    ],
}

# --- Beats shared by every arc -------------------------------------------------------

OPEN: Bank = {
    "young": [
        ("This is {name}, who is {age_words} years old.", "{name} lives {home}."),
        ("Meet {name}!", "{name} is {age_words} and lives {home}.", "Here, {sight}."),
        ("Once upon a time, there was {a_age} named {name}.", "{name} lived {home}."),
        (
            "{when}, {name} woke up with a smile.",
            "{name} was {age_words} years old.",
            "{name} lived {home}.",
        ),
        ("Hello, {name}!", "{name} is {age_words} and lives {home}.", "Every day, {sight}."),
    ],
    "middle": [
        (
            "{when}, {name}, who was {age_words} years old, woke up {home}.",
            "Outside, {sight}, and {name} was ready for anything.",
        ),
        (
            "Once upon a time, {home}, there lived {a_age} named {name}.",
            "It was the kind of place where {sight}.",
        ),
        (
            "{name} was {age_words} years old and lived {home}.",
            "{when}, {sight}, and {name} could hardly sit still.",
        ),
        (
            "Not so long ago, {a_age} named {name} lived {home}.",
            "Every day there, {sight}, and every day felt like the start of something.",
        ),
    ],
    "older": [
        (
            "Not so long ago, {home}, there lived {a_age} named {name}.",
            "It was the kind of place where {sight}, and where {sight2}.",
        ),
        (
            "{when}, {name}, who was {age_words}, stood at the window and watched as {sight}.",
            "{name} already knew that the best days often start quietly, just like this one.",
        ),
        (
            "{name} was {age_words} years old and lived {home}, where {sight}.",
            "Most days there were ordinary and full of small, happy things, but this day "
            "would turn out to be different.",
        ),
        (
            "{when}, if you had looked very closely, you might have spotted {name}, "
            "{a_age} with bright eyes and a busy imagination.",
            "{name} lived {home}.",
            "Out there, {sight}, and {name} did not want to miss a thing.",
        ),
    ],
}

# One line that opens a book and names what the hero dreams of, for a crowded page.
OPEN_DREAM: Bank = {
    "young": [("{name} was {age_words} and loved to dream about {dream}.",)],
    "middle": [("{a_age} named {name} had been dreaming about {dream} for weeks.",)],
    "older": [("For weeks, {a_age} named {name} had been dreaming about {dream}.",)],
}

OPEN_EXTRAS: Bank = {
    "young": [
        ("Best of all, {name} loved {special_place}.",),
        ("{name} loved to dream about {dream}.",),
        ("{name}'s favorite thing was {obj_a}.",),
        ("{name} was {trait_list}.",),
        ("{name} loved {interest_list}.",),
    ],
    "middle": [
        ("{name}'s favorite place in the whole world was {special_place}.",),
        ("Lately, {name} had been dreaming about {dream}.",),
        ("{name}'s favorite thing in the whole world was {obj_a}.",),
        ("{name} was {trait_list}, with a heart as big as {place}.",),
        ("More than anything, {name} loved {interest_list}.",),
    ],
    "older": [
        ("But {name}'s favorite place of all was {special_place}, where {sight3}.",),
        ("For weeks, {name} had been dreaming about {dream}, imagining every detail.",),
        (
            "{name}'s most treasured possession was {obj_a}, which went almost "
            "everywhere {name} went.",
        ),
        ("Anyone who knew {name} would tell you: {name} was {trait_list}.",),
        ("Most of all, {name} loved {interest_list}.",),
    ],
}

WORLD: Bank = {
    "young": [
        (
            "{name} loved {place}.",
            "{name} played there every day.",
            "{friends_intro} played there too.",
        ),
        ("Every day, {name} played with {friends}.", "They laughed and ran and hid."),
        ("{name} liked to visit {place}.", "There was so much to see!"),
    ],
    "middle": [
        (
            "Every day after breakfast, {name} raced off to {place}.",
            "{friends_intro} often came along, and the days were full of games and giggles.",
        ),
        (
            "{name}'s favorite place in the world was {place}.",
            "There, {sight3}, and there was always something new to find.",
        ),
    ],
    "older": [
        (
            "{name}'s favorite place in all the world was {place}, where {sight3}.",
            "{name} knew every corner of it, or at least thought so.",
        ),
        (
            "Most afternoons, {name} and {friends} could be found in {place}, inventing games "
            "with rules that changed every five minutes.",
            "It was the best place in the world, and nothing had ever gone wrong there.",
        ),
    ],
}

# A hero's trait at work; "{t}" is the trait, "{act}" what the hero did with it.
USE_TRAIT: Bank = {
    "young": [
        ("{name} was {t}.", "So {hero} {act}."),
        ("{name} is {t}, you know.", "{name} {act}."),
        ("{name} was very {t_adj} and {act}.",),
        ("{t_adj} {name} {act}.",),
        ("Being {t} helped.", "{name} {act}."),
    ],
    "middle": [
        ("Being {t}, {name} {act}.",),
        ("{name} was {t}, and that helped a lot.", "{name} {act}."),
        ("This was a job for someone {t_adj}.", "{name} {act}."),
        ("Because {name} was {t}, {name} {act}.",),
        ("{name}, who was always {t}, {act}.",),
    ],
    "older": [
        ("{name} had always been {t}, and now that was exactly what was needed.", "{name} {act}."),
        ("Some people might have given up right there, but {name} was {t}.", "{name} {act}."),
        ('"Leave this to me," said {name}, who had always been {t}.', "{name} {act}."),
        ("Being {t} had never felt so useful: {name} {act}.",),
        ("Then, {t} as always, {name} {act}.",),
    ],
}

USE_INTEREST: Bank = {
    "young": [
        ("{name} loved {i}.", "So {hero} {act}."),
        ("{name} knew all about {i}!", "{name} {act}."),
        ("{name} loved {i}, so {name} {act}.",),
        ("Thanks to {i}, {name} {act}.",),
        ("Hooray for {i}!", "{name} {act}."),
    ],
    "middle": [
        ("{name} loved {i}, and that gave {name} an idea.", "{name} {act}."),
        ("All that time spent on {i} came in handy now.", "{name} {act}."),
        ("Lucky for everyone, {name} knew a lot about {i}.", "{name} {act}."),
        ("Thanks to a love of {i}, {name} {act}.",),
        ("{name} remembered something about {i} and {act}.",),
    ],
    "older": [
        (
            '"Wait, I know something about this," said {name}, who loved {i} more than '
            "almost anything.",
            "{name} {act}.",
        ),
        (
            "Every afternoon spent on {i} had been practice for exactly this moment.",
            "{name} {act}.",
        ),
        ("{name} thought hard about {i}, and suddenly the answer seemed close.", "{name} {act}."),
        ("A love of {i} turned out to be the key: {name} {act}.",),
        ("Thinking of {i}, {name} {act}.",),
    ],
}

# A companion helps; "{c}" is the companion's name, "{ct}" a trait, "{cact}" an act.
USE_COMPANION: Bank = {
    "young": [
        ("{c} helped too.", "{c} was {ct} and {cact}."),
        ('{c_intro} said, "I can help!"', "{c} {cact}."),
        ("{c} was {ct}.", "So {c} {cact}."),
        ("Then {c} {cact}.",),
        ("{c} {cact} to help.",),
    ],
    "middle": [
        ("{c_intro} wanted to help too.", "Being {ct}, {c} {cact}."),
        ('"My turn!" said {c}.', "{c} was {ct}, and {c} {cact}."),
        ("{c} was {ct}, so {c} {cact}.",),
        ("Then {c} {cact}, which helped a lot.",),
        ("Not to be left out, {c} {cact}.",),
    ],
    "older": [
        ('"Let me try," said {c_intro}.', "{c} was {ct}, and {c} {cact}."),
        ("It was {c}'s turn to shine.", "Being {ct}, {c} {cact}."),
        ("{c_intro} stepped up, because {c} had always been {ct}.", "{c} {cact}."),
        ("Without a word, {c} {cact}, and {name} grinned with relief.",),
        ("Then {c}, who never liked to be left out, {cact}.",),
    ],
}

# Acts for a companion with no traits given.
COMPANION_ACTS_SHORT: list[str] = [
    "held {name}'s hand tight",
    "spotted something first",
    "carried the backpack",
    'cheered, "You can do it!"',
]
COMPANION_ACTS_LONG: list[str] = [
    "held {name}'s hand tight and pointed out the path ahead",
    "spotted something important that everyone else had missed",
    "carried the heavy backpack without a single grumble",
    "cheered so loudly that everyone felt twice as brave",
]

# Brings companions into the story when the decision beat has not.
JOIN: Bank = {
    "young": [("{friends_intro} came too.",), ("{friends_intro} came along to help.",)],
    "middle": [
        ("{friends_intro} came along to help.",),
        ("{friends_intro} wanted to help too, of course.",),
    ],
    "older": [
        ("{friends_intro} insisted on coming along, and {name} was secretly glad.",),
        ("{friends_intro} joined in at once.",),
    ],
}

# Deciding and bringing the companions along, all in one line, for a crowded page.
JOIN_DECIDE: Bank = {
    "young": [("{friends_intro} came along to help.",)],
    "middle": [("{name} said yes right away, and {friends_intro} came along to help.",)],
    "older": [("{name} agreed at once, and {friends_intro} insisted on coming too.",)],
}

USE_GROUP_TRAITS: Bank = {
    "young": [("{name} was {trait_list}.", "All of that helped!")],
    "middle": [("Being {trait_list} helped {name} every step of the way.",)],
    "older": [
        (
            "Being {trait_list} turned out to be exactly the right mix for the job, and "
            "{name} used every bit of it.",
        )
    ],
}
USE_GROUP_INTERESTS: Bank = {
    "young": [("{name} loved {interest_list}.", "That gave {name} ideas.")],
    "middle": [("{name}'s love of {interest_list} gave {name} one good idea after another.",)],
    "older": [
        (
            "Everything {name} knew about {interest_list} came rushing back, and each "
            "bit of it helped.",
        )
    ],
}
USE_GROUP_COMPANIONS: Bank = {
    "young": [("{friends} helped too.", "What a team!")],
    "middle": [("{friends_intro} helped at every step.",)],
    "older": [("{friends_intro} were right there at every step, helping in their own ways.",)],
}

WONDER: Bank = {
    "young": [
        ("Look!", "There was {landmark}.", '{name} said, "Wow!"'),
        ("{name} saw {landmark}.", "It was so pretty!"),
        ("{team} passed {landmark}.", "{name} stopped to look."),
    ],
    "middle": [
        ("On the way, {team} passed {landmark}.", "{name} stopped to stare, amazed."),
        ("{name} spotted {landmark}, and for a moment forgot about everything else.",),
        ("Around the next bend was {landmark}, more beautiful than {name} had imagined.",),
    ],
    "older": [
        (
            "Around the next bend, {team} came upon {landmark}, and for a moment nobody "
            "said a word.",
            '"I didn\'t know anything could look like that," {name} breathed.',
        ),
        (
            "{name} paused beside {landmark}, trying to remember every detail, so the "
            "story could be told properly later.",
        ),
    ],
}

NEW_FRIEND: Bank = {
    "young": [
        ("Then {name} met {creature_a}.", '"Hello!" said {the_creature}.', '"Can I come too?"'),
        ("Who is this?", "It was {creature_a}!", "{the_creature} wanted to help."),
    ],
    "middle": [
        (
            "Along the way, {name} met {creature_a}.",
            '"I know this place well," said {the_creature}. "I\'ll help you!"',
        ),
        (
            "Suddenly, {creature_a} popped out to say hello.",
            "{the_creature} listened to the whole story and decided to come along.",
        ),
    ],
    "older": [
        (
            "That was when {creature_a} peeked out, curious about all the fuss.",
            "Once {the_creature} heard the whole story, there was no question: \"I'm "
            'coming with you."',
        ),
        (
            "{name} almost didn't notice {creature_a} watching from nearby.",
            '"You look like you could use a guide," said {the_creature}, and just like '
            "that, the team grew by one.",
        ),
    ],
}

REST: Bank = {
    "young": [
        ("Time for a snack!", "{team} ate {snack}.", "Yum!"),
        ("{name} sat down to rest.", "{name} shared {snack}."),
    ],
    "middle": [
        (
            "When everyone's legs got tired, {team} stopped for a snack of {snack}.",
            "{name} made sure everyone got a share.",
        ),
        ("{name} found a good spot to rest and handed out {snack}.",),
    ],
    "older": [
        (
            "By the time the path leveled out, everyone was hungry, so {name} unpacked "
            "{snack} and shared it out.",
            "For a few minutes they just ate, listened, and caught their breath.",
        ),
        ("{name} called a rest stop, and {snack} had never tasted so good.",),
    ],
}

CHEER: Bank = {
    "young": [
        ("{c} gave {name} a hug.", '"We can do it!"'),
        ("{c} held {name}'s hand.", "That felt good."),
    ],
    "middle": [
        ('"We make a great team," said {c}, squeezing {name}\'s hand.',),
        ("{c} told {name} a silly joke, and the two of them laughed and laughed.",),
    ],
    "older": [
        (
            '"Whatever happens," said {c}, "I\'m glad we\'re doing this together."',
            "{name} felt the words settle somewhere warm and stay there.",
        ),
        (
            "{c} nudged {name}'s shoulder and grinned, and somehow the path ahead seemed "
            "a little less long.",
        ),
    ],
}

THEME_MOMENT: Bank = {
    "young": [("{name} thought about {theme}.", "It felt warm inside.")],
    "middle": [("{name} thought about {theme}, and felt a little stronger.",)],
    "older": [
        (
            "{name} had heard people talk about {theme} before, but now it felt like "
            "something real, something you could hold.",
        )
    ],
}

SETBACK: Bank = {
    "young": [
        ("But then, oh no!", "{obstacle} was in the way."),
        ("Uh-oh!", "There was {obstacle}.", "Now what?"),
    ],
    "middle": [
        (
            "Just when things were going well, {team} reached {obstacle}.",
            "{name}'s tummy did a worried flip.",
        ),
        ("But then the way was blocked by {obstacle}.", "For a moment, nobody knew what to do."),
    ],
    "older": [
        (
            "Then, just when it seemed nothing could go wrong, {team} came to {obstacle}.",
            "{name} felt a cold little knot of worry. Were they going to have to turn back?",
        ),
        (
            "It was {obstacle} that stopped them.",
            '"Maybe this is as far as we go," someone whispered, and for a long moment '
            "nobody argued.",
        ),
    ],
}

CELEBRATE: Bank = {
    "young": [
        ("Everyone cheered for {name}.", "Hooray!"),
        ("What a happy day!", "{team} danced and laughed."),
        ("{name} felt proud and happy.",),
    ],
    "middle": [
        ("Everyone cheered, and {name} felt proud from head to toe.",),
        ("There was laughing, hugging and a little happy dancing.",),
        ("{team} celebrated with a happy dance that went on and on.",),
    ],
    "older": [
        ("There was cheering and hugging, and a victory dance that nobody would admit to later.",),
        (
            "{name} felt proud, not the loud kind, but the quiet kind that sits warm in "
            "your chest for days.",
        ),
    ],
}

HOME: Bank = {
    "young": [
        ("That night, {name} snuggled into bed.", "What a day!"),
        ("Back home, {name} had a warm bath.", "Then it was time for bed."),
        ("At bedtime, {name} yawned a big yawn.", "What a busy, happy day!"),
    ],
    "middle": [
        (
            "That night, {name} snuggled under the blanket and looked out at {bed_view}.",
            "It had been the best day ever.",
        ),
        (
            "Back home, {name} yawned a giant yawn and climbed into bed.",
            "Tomorrow would bring a new adventure, but tonight was for dreaming.",
        ),
    ],
    "older": [
        (
            "That night, {name} lay awake for a while, looking out at {bed_view} and "
            "replaying the whole day, from beginning to end.",
            "It had been, without any doubt, the best day so far.",
        ),
        (
            "Much later, warm and full and tired in the best way, {name} climbed into bed.",
            "Out the window lay {bed_view}, quiet now, keeping all of the day's secrets.",
        ),
    ],
}

# The personal message before bedtime: a letter or words at the door, never a pillow.
MESSAGE_DAY: Bank = {
    "young": [
        ("A letter was waiting for {name}.", 'It said, "{message}"'),
        ('Then a grown-up who loves {name} gave a big hug and said, "{message}"',),
    ],
    "middle": [
        ("When {name} got home, a letter was waiting on the table.", 'It said, "{message}"'),
        ('At the door, someone who loves {name} very much opened wide arms and said, "{message}"',),
    ],
    "older": [
        (
            "When {name} finally got home, a letter was waiting on the kitchen table, "
            "addressed in a familiar, loving hand.",
            '"{message}"',
        ),
        (
            "At the door, wrapped in the biggest hug of the day, {name} heard someone who "
            'loved {name} very much say, "{message}"',
        ),
    ],
}

# The personal message, framed as words from someone who loves the hero.
MESSAGE: Bank = {
    "young": [
        ("On the pillow was a little note.", 'It said, "{message}"'),
        ('Someone who loves {name} very much whispered, "{message}"',),
        ("There was a note by the bed.", 'It said, "{message}"'),
    ],
    "middle": [
        (
            "On the pillow, {name} found a folded note from someone who loves {name} very much.",
            'It said, "{message}"',
        ),
        (
            'Just before the light went out, a soft voice whispered, "{message}"',
            "{name} smiled, because it was true.",
        ),
        ('Someone who loves {name} very much gave a big hug and said, "{message}"',),
    ],
    "older": [
        (
            "Tucked under the pillow, {name} found a note in a familiar, loving hand.",
            '"{message}"',
            "{name} read it twice, smiled, and held it close.",
        ),
        ('Then someone who loves {name} very much said softly, "{message}"',),
        (
            "As the lamp clicked off, someone who loved {name} more than all the stars "
            'leaned in and said softly, "{message}"',
            "{name} held on to those words, all the way into dreams.",
        ),
    ],
}

# --- Arcs ----------------------------------------------------------------------------
# Each arc: problem, decide, progress (after a use), effort (a try with no special skill),
# setback_line, turn, resolve, celebrate, lesson (used when no theme is given), titles
# and scene actions (present tense, for the illustrator).

ARCS: dict[str, dict[str, object]] = {
    "lost": {
        "compact": {
            "problem": ["{owner_intro} had lost {the_thing}, and it was nowhere to be found."],
            "decide": ['"We\'ll find it!" said {name}, ready to search.'],
            "turn": ["Then {owner} remembered playing {hide}."],
            "resolve": ["There, {hide}, was {the_thing}!"],
        },
        "problem": {
            "young": [
                ("Then {owner_intro} came running.", '"I lost {my_thing}!"'),
                ("But oh no!", "{owner_intro} had lost {the_thing}."),
                (
                    "Then {name} heard a sniffle.",
                    "{owner_intro} had lost {the_thing}.",
                    "Where could it be?",
                ),
            ],
            "middle": [
                (
                    "Then {name} heard someone crying.",
                    "It was {owner_intro}, who had lost {the_thing}, the most precious "
                    "thing of all.",
                ),
                (
                    "But that day, something was wrong.",
                    "{owner_intro} had lost {the_thing}, and nobody knew where it could be.",
                ),
            ],
            "older": [
                (
                    "That was when {name} noticed {owner_intro}, searching under every "
                    "leaf with a worried frown.",
                    '"Have you seen {my_thing}?" asked {owner}. "I had it this morning, '
                    "and now it's gone.\"",
                ),
                (
                    "But on this particular day, {place} felt strangely quiet.",
                    "{owner_intro} had lost {the_thing}, and without it, nothing felt quite right.",
                ),
            ],
        },
        "decide": {
            "young": [
                ('"I will help you find it!" said {name}.',),
                ('"Don\'t cry," said {name}.', '"We will find it!"'),
            ],
            "middle": [
                ('"Don\'t worry," said {name}. "We\'ll find it together."',),
                (
                    "{name} rolled up both sleeves.",
                    '"Let\'s look everywhere," {name} said. "High and low."',
                ),
            ],
            "older": [
                (
                    "{name} did not even stop to think.",
                    '"We\'ll find it," {name} promised, "even if we have to search every '
                    'inch of {place}."',
                ),
                (
                    '"Tell me exactly where you\'ve been," said {name}, already planning '
                    "the search.",
                ),
            ],
        },
        "progress": {
            "short": [
                ("And look, a clue!",),
                ("{team} found a tiny footprint.",),
                ("Something shiny winked nearby.",),
                ("They were getting closer!",),
                ("Not here, but maybe close!",),
                ("Was that a sparkle?",),
                ("The search went on.",),
            ],
            "rich": [
                ("A clue! Something small and shiny had left a trail.",),
                ("They were getting closer; {name} could feel it.",),
                ("It wasn't there, but a few scuffed leaves showed the way onward.",),
                ('{owner} gasped. "I was here this morning! I remember!"',),
                ("Every place they checked made the list of hiding spots shorter.",),
                ("For a moment something glinted, then it was gone again.",),
            ],
        },
        "effort": {
            "young": [
                ("{team} looked behind {landmark}.", "Not there!"),
                ("{name} looked high.", "{name} looked low."),
            ],
            "middle": [("{team} searched around {landmark}, but found only a beetle.",)],
            "older": [
                (
                    "They searched around {landmark} twice, then a third time, just in case.",
                    "Nothing yet.",
                )
            ],
        },
        "turn": {
            "young": [
                (
                    "Then {name} had an idea.",
                    '"Where did you play last?"',
                    "{owner} remembered playing {hide}.",
                ),
                ("{name} stopped and thought.", '"Let\'s look {hide}!"'),
            ],
            "middle": [
                (
                    'Then {name} had an idea: "Where were you when you last had it?"',
                    "{owner} thought hard and remembered playing {hide}.",
                ),
                (
                    "Being {t_turn}, {name} thought back over every clue.",
                    '"I know where to look," {name} said. "{hide_cap}!"',
                ),
            ],
            "older": [
                (
                    "{name} sat down and went back over every clue, one by one, the way "
                    "someone {t_turn} would.",
                    '"Wait," {name} said slowly. "What if it\'s {hide}?"',
                ),
                (
                    "It was {owner} who gave the last piece of the puzzle: a memory of "
                    "playing {hide}.",
                    "{name}'s eyes went wide.",
                ),
            ],
        },
        "resolve": {
            "young": [
                ("There, {hide}, was {the_thing}!", "{owner} jumped for joy."),
                ("Look, there was {the_thing}!", "It was {hide}."),
            ],
            "middle": [
                (
                    "And there it was, {hide}: {the_thing}!",
                    "{owner} hugged it tight and then hugged {name} even tighter.",
                )
            ],
            "older": [
                (
                    "And there, {hide}, exactly where {name} had guessed, was {the_thing}.",
                    "{owner} held it up to the light, laughing and crying at the same time.",
                )
            ],
        },
        "celebrate": {
            "young": [('"Thank you, {name}!" said {owner}.',)],
            "middle": [('"Thank you," said {owner}. "I couldn\'t have found it without you."',)],
            "older": [
                ('"I thought it was gone forever," said {owner}. "Thank you for not giving up."',)
            ],
        },
        "lesson": {
            "young": [("Looking together is better than looking alone.",)],
            "middle": [("Looking for something is easier when friends look with you.",)],
            "older": [
                (
                    "Lost things, {name} decided, are much easier to find when you don't "
                    "have to look for them alone.",
                )
            ],
        },
        "titles": [
            "{Name} and the Lost {Thing}",
            "{Name}'s Search for the {Thing}",
            "{Name} Finds the {Thing}",
        ],
        "scenes": {
            "problem": ["{name} and {owner} search the ground with worried faces"],
            "decide": ["{name} points the way, ready to start the search"],
            "turn": ["{name} points toward the hiding place with a big idea"],
            "resolve": ["{name} holds up {the_thing} with a huge smile while {owner} cheers"],
            "effort": ["{name} peeks behind {landmark}, searching"],
        },
    },
    "help": {
        "compact": {
            "problem": ["Then {name} found {creature_a} who {need}."],
            "decide": ['"We\'ll help you {goal}," said {name}.'],
            "turn": ['Then {name} had an idea: "Let\'s {idea}!"'],
            "resolve": ["It worked, and {the_creature} {solved}!"],
        },
        "problem": {
            "young": [
                ("Then {name} heard a tiny cry.", "It was {creature_a}.", "{the_creature} {need}."),
                ("Oh no!", "{creature_a} {need}."),
                ("{name} found {creature_a}.", "{the_creature} {need}."),
            ],
            "middle": [
                (
                    "Suddenly, {name} heard a tiny cry.",
                    "It was {creature_a}, and {the_creature} {need}.",
                ),
                (
                    "That was when {name} found {creature_a}.",
                    "{the_creature} {need}, and looked very sad.",
                ),
            ],
            "older": [
                (
                    "Then, from somewhere close by, came a small, unhappy sound.",
                    "{name} followed it and found {creature_a}, who {need}.",
                ),
                (
                    "{name} would never have seen {creature_a} without looking closely.",
                    "{the_creature} {need}, and clearly did not know what to do.",
                ),
            ],
        },
        "decide": {
            "young": [
                ('"Don\'t worry," said {name}.', '"I will help you {goal}!"'),
                ("{name} wanted to help.", '"We can do it!" said {name}.'),
            ],
            "middle": [
                ('"Don\'t worry," said {name} gently. "We\'ll help you {goal}."',),
                ('{name} knelt down and made a promise: "We\'ll help you {goal}."',),
            ],
            "older": [
                (
                    "{name} knelt down, slow and careful, so as not to frighten {the_creature}.",
                    '"We\'ll help you {goal}," {name} said. "I promise."',
                ),
                (
                    '"Right," said {name}, already thinking. "We need to help you '
                    '{goal}, and we need a plan."',
                ),
            ],
        },
        "progress": {
            "short": [
                ("{the_creature} gave a tiny smile.",),
                ("That helped a little!",),
                ("{the_creature} felt a bit better.",),
                ("{the_creature} sniffled a little less.",),
                ("{the_creature} wiggled with hope.",),
                ("Almost there!",),
                ("{the_creature} gave a happy squeak.",),
            ],
            "rich": [
                ("{the_creature} looked up, a little hopeful for the first time.",),
                ("It helped, at least a little, and a little was a start.",),
                ("Step by step, things were getting better.",),
                ("{the_creature} gave a small, grateful nod.",),
                ("For the first time that day, {the_creature} almost smiled.",),
                ("It was working, slowly, the way the best things often do.",),
            ],
        },
        "effort": {
            "young": [
                ("{team} tried one way.", "Then another!"),
                ("{name} tried very hard.", "Almost!"),
            ],
            "middle": [("{team} tried one idea after another, and each one helped a tiny bit.",)],
            "older": [
                (
                    "They tried three different ideas beside {landmark}; none of them "
                    "worked, but each one taught them something.",
                )
            ],
        },
        "turn": {
            "young": [
                ("Then {name} had a big idea.", '"Let\'s {idea}!"'),
                ("{name} thought and thought.", '"I know! Let\'s {idea}!"'),
            ],
            "middle": [
                (
                    'Then {name} had the best idea of all: "Let\'s {idea}!"',
                    "Everyone agreed it just might work.",
                ),
                (
                    "Being {t_turn}, {name} thought of something nobody else had.",
                    '"We can {idea}!"',
                ),
            ],
            "older": [
                (
                    "It was the kind of idea that arrives all at once, like a light switching on.",
                    '"We can {idea}," said {name}. "It will take all of us, but we can do it."',
                ),
                (
                    "{name} looked at {the_creature} and smiled.",
                    '"I know what to do. We\'re going to {idea}."',
                ),
            ],
        },
        "resolve": {
            "young": [
                ("It worked!", "{the_creature} {solved}."),
                ("Hooray!", "{the_creature} {solved}."),
            ],
            "middle": [("It worked!", "{the_creature} {solved}, and squeaked with joy.")],
            "older": [
                (
                    "It took every bit of effort, but it worked.",
                    "{the_creature} {solved}, and the happy sound that followed was the "
                    "best thing {name} had ever heard.",
                )
            ],
        },
        "celebrate": {
            "young": [("{the_creature} hugged {name}.", '"Thank you!"')],
            "middle": [("{the_creature} gave {name} the biggest thank-you hug ever.",)],
            "older": [
                (
                    '"You didn\'t have to help me," said {the_creature}. "But you did, '
                    "and I'll never forget it.\"",
                )
            ],
        },
        "lesson": {
            "young": [("Helping feels so good.",)],
            "middle": [("Helping someone else turned out to be the best adventure of all.",)],
            "older": [
                (
                    "{name} learned that helping someone, even someone small, can change "
                    "a whole day for everyone.",
                )
            ],
        },
        "titles": [
            "{Name} and the {Creature}",
            "{Name} to the Rescue",
            "{Name} Makes a Friend",
            "{Name} Helps the {Creature}",
        ],
        "scenes": {
            "problem": ["{name} kneels beside {the_creature}, who looks sad"],
            "decide": ["{name} gently cups a hand near {the_creature}, making a promise"],
            "turn": ["{name} points excitedly, sharing a big idea with {the_creature}"],
            "resolve": ["{name} claps as {the_creature} leaps with joy"],
            "effort": ["{name} tries hard to help {the_creature}"],
        },
    },
    "journey": {
        "compact": {
            "problem": ["Then {name} found a map to {dest}, far, far away."],
            "decide": ["So {name} packed a bag and set off for {dest}."],
            "turn": ["Then {the_creature} showed {name} a secret shortcut."],
            "resolve": ["At last, {team} reached {dest}!"],
        },
        "problem": {
            "young": [
                (
                    "A paper bird landed on {name}'s nose.",
                    'It was a note: "Please come to {dest}!"',
                ),
                ("{name} found an old map to {dest}.", "But {dest} was far, far away."),
            ],
            "middle": [
                (
                    "Then {name} found an old map tucked under a stone.",
                    "It showed a dotted line all the way to {dest}, where {dest_wonder} waited.",
                ),
                (
                    "A letter arrived, tied with a ribbon.",
                    '"Please come to {dest}," it said. "Something wonderful is waiting."',
                ),
            ],
            "older": [
                (
                    "Then {name} found a map that had not been there yesterday, drawn in "
                    "shimmering ink.",
                    "It showed a winding route to {dest}, and at the "
                    'bottom someone had written: "Only the brave need try."',
                ),
                (
                    "The invitation arrived in the strangest way: a paper bird fluttered "
                    "in and landed right on {name}'s knee.",
                    '"Come to {dest} before the '
                    'day is done," it read. There was no name, only a tiny drawing of a '
                    "star.",
                ),
            ],
        },
        "decide": {
            "young": [
                ("{name} packed a bag.", '"Let\'s go!"'),
                ('"I will go!" said {name}.', "Off {name} went!"),
            ],
            "middle": [
                ("{name} packed a bag with {pack}.", '"Ready or not, here we come!"'),
                ("{name} pulled on good walking shoes.", "It was time for a journey."),
            ],
            "older": [
                ("{name} packed carefully: {pack}, and a little extra courage.",),
                (
                    "{name} looked at the map for a long moment, then folded it into a pocket.",
                    '"Well," {name} said, "it won\'t walk itself."',
                ),
            ],
        },
        "progress": {
            "short": [
                ("{dest_cap} was closer now.",),
                ("On and on the path went.",),
                ("The path went up and up.",),
                ("They were halfway there!",),
                ("Step, step, step!",),
                ("The map showed they were close.",),
                ("Over one more hill!",),
            ],
            "rich": [
                ("The path to {dest} grew a little shorter.",),
                ("Step by step, {dest} grew closer.",),
                ("Far ahead, {name} could almost see the way to {dest}.",),
                ("The map said they were more than halfway there.",),
                ("The dotted line on the map was nearly at its end.",),
                ("Every step now felt a little lighter than the one before.",),
            ],
        },
        "effort": {
            "young": [
                ("{team} walked and walked.", "Past {landmark}!"),
                ("Up and down went the path.", "{name} kept going."),
            ],
            "middle": [("{team} walked on past {landmark}, following the map's dotted line.",)],
            "older": [
                (
                    "The path wound past {landmark} and on, and {team} followed it "
                    "without a single complaint, or almost.",
                )
            ],
        },
        "turn": {
            "young": [
                (
                    'Then {the_creature} said, "I know a secret way!"',
                    "{name} followed, one step at a time.",
                ),
                ("{name} had an idea.", '"Let\'s go around!"'),
            ],
            "middle": [
                (
                    'Then {the_creature} whispered, "I know a secret shortcut."',
                    "{name} led the way, bold and sure.",
                ),
                (
                    "{name} looked at the map one more time and spotted a hidden path.",
                    '"This way!"',
                ),
            ],
            "older": [
                (
                    "{name} unfolded the map once more, and noticed something new: a tiny "
                    "dotted path that hadn't been there before.",
                    '"Look," {name} said. "There\'s another way."',
                ),
                (
                    "It was {the_creature} who remembered the old shortcut, and {name}, "
                    "{t_turn} as ever, was the first to try it.",
                ),
            ],
        },
        "resolve": {
            "young": [
                ("At last, {team} got to {dest}!", "There was {dest_wonder}!"),
                ("{team} made it!", "There was {dest_wonder}."),
            ],
            "middle": [
                ("At last, {team} reached {dest}.", "There was {dest_wonder}, just as promised.")
            ],
            "older": [
                (
                    "And then, all at once, they were there: {dest}.",
                    "Spread out before them was {dest_wonder}, and it was even better "
                    "than anyone had promised.",
                )
            ],
        },
        "celebrate": {
            "young": [("{the_creature} danced with {name}.",)],
            "middle": [("{the_creature} whooped, and everyone joined in a happy dance.",)],
            "older": [
                (
                    '"We actually did it," said {name}, and {the_creature} laughed, '
                    '"Of course we did."',
                )
            ],
        },
        "lesson": {
            "young": [("Every big trip starts with one small step.",)],
            "middle": [("The best trips are the ones you take with friends.",)],
            "older": [
                (
                    "{name} understood now that the journey had mattered just as much as "
                    "getting there.",
                )
            ],
        },
        "titles": [
            "{Name}'s Journey to {Dest}",
            "{Name} on the Road to {Dest}",
            "{Name} Goes to {Dest}",
            "{Name} and the Way to {Dest}",
        ],
        "scenes": {
            "problem": ["{name} holds up a map showing the way to {dest}"],
            "decide": ["{name} sets off with a backpack, ready for a journey"],
            "turn": ["{name} points to a hidden path on the map"],
            "resolve": ["{name} gazes in wonder at {dest_wonder} at {dest}"],
            "effort": ["{name} walks along a winding path past {landmark}"],
        },
    },
    "fear": {
        "compact": {
            "problem": ["{name} was scared of {fear}, but {creature_a} needed someone to {task}."],
            "decide": ['{name} took a deep breath and said, "I\'ll try."'],
            "turn": ['{name} whispered, "I can be brave," and stepped forward.'],
            "resolve": ["{name} did it, and {reveal}!"],
        },
        "problem": {
            "young": [
                ("{name} was scared of {fear}.", "But today, {creature_a} needed help."),
                (
                    "But {name} had a secret.",
                    "{name} was scared of {fear}.",
                    "And today, {creature_a} needed help.",
                ),
            ],
            "middle": [
                (
                    "But {name} had a secret: {name} was scared of {fear}.",
                    'Then {creature_a} came hurrying up. "Please help! We need someone to {task}!"',
                ),
                (
                    "There was just one problem: {name} was scared of {fear}.",
                    "And today, {creature_a} needed someone to {task}.",
                ),
            ],
            "older": [
                (
                    "{name} had a secret that nobody else knew: {fear} made {name}'s "
                    "heart thump like a drum.",
                    "So when {creature_a} arrived, breathless, asking for someone to "
                    "{task}, {name} went very still.",
                ),
                (
                    "Everyone is scared of something, and for {name} it was {fear}.",
                    "So when {creature_a} came looking for someone brave enough to "
                    "{task}, {name}'s stomach did a slow, unhappy flip.",
                ),
            ],
        },
        "decide": {
            "young": [
                ("{name} took a deep breath.", '"I will try," said {name}.'),
                ("{name} felt wobbly inside.", 'But {name} said, "I will help."'),
            ],
            "middle": [
                ('{name} took a deep breath. "I\'ll try," {name} said, in a very small voice.',),
                ("{name}'s knees wobbled, but {name} nodded.", '"Okay. I\'ll do it."'),
            ],
            "older": [
                (
                    "{name} wanted very much to say no.",
                    'Instead, after a long breath, {name} said, "I\'ll do it," and was '
                    "surprised to hear how steady it sounded.",
                ),
                (
                    "For a moment, {name} said nothing at all.",
                    'Then, quietly: "I\'ll do it. I want to."',
                ),
            ],
        },
        "progress": {
            "short": [
                ("{name} felt a little braver.",),
                ("The scary feeling shrank a bit.",),
                ("One step. Then another.",),
                ("It was not so bad!",),
                ("{name}'s heart beat a little slower.",),
                ("Brave, brave, brave!",),
                ("{name} stood a little taller.",),
            ],
            "rich": [
                ("The scared feeling didn't vanish, but it shrank a little.",),
                ("{name} noticed that each step was a tiny bit easier than the last.",),
                ("The fear was still there, but it was quieter now.",),
                (
                    "{name} realized that being scared and being brave could happen at "
                    "the same time.",
                ),
                ("Somewhere inside, a small, steady voice said: keep going.",),
                ("{name}'s breathing slowed, and the shaking in both hands eased.",),
            ],
        },
        "effort": {
            "young": [
                ("{name} took one small step.", "Then one more."),
                ("{name} counted to three.", "One, two, three!"),
            ],
            "middle": [("{name} took one small step, then another, counting each one quietly.",)],
            "older": [
                (
                    "{name} counted steps to keep the fear busy: ten, eleven, twelve, "
                    "past {landmark}, thirteen.",
                )
            ],
        },
        "turn": {
            "young": [
                ("{name} stopped.", '"I can be brave," {name} said.', '"I can do this!"'),
                ("{name} held a friend's hand.", "Then {name} stepped forward."),
            ],
            "middle": [
                (
                    "{name} stopped at the very edge and remembered something: \"I'm "
                    '{t1}. I can do this."',
                    "And {name} stepped forward.",
                ),
                (
                    "{name} took the biggest breath ever and thought of everyone who needed help.",
                    "Then, one brave step.",
                ),
            ],
            "older": [
                (
                    "At the very edge, {name} stopped.",
                    "Then {name} remembered every {t1_adj} thing done that day, and "
                    "realized that courage had been there all along, waiting.",
                ),
                (
                    "There was a moment, right at the edge, when {name} almost turned back.",
                    "Instead, {name} whispered, \"I'm scared, and I'm going "
                    'anyway," and stepped forward.',
                ),
            ],
        },
        "resolve": {
            "young": [("{name} did it!", "{reveal}."), ("Guess what?", "{reveal}!")],
            "middle": [("{name} did it!", "And guess what? {reveal_cap}.")],
            "older": [
                (
                    "And then {name} was through, and on the other side, and laughing.",
                    "It turned out {reveal}.",
                )
            ],
        },
        "celebrate": {
            "young": [('"You were so brave!" said {the_creature}.',)],
            "middle": [('"You were so brave!" cheered {the_creature}.',)],
            "older": [
                (
                    '"You were scared," said {the_creature}, "and you came anyway. '
                    "That's the bravest thing there is.\"",
                )
            ],
        },
        "lesson": {
            "young": [("Brave means trying, even when you feel scared.",)],
            "middle": [("Being brave doesn't mean not being scared; it means trying anyway.",)],
            "older": [
                (
                    "{name} knew now that fear can be a door, and that courage is simply "
                    "deciding to open it.",
                )
            ],
        },
        "titles": [
            "Brave {Name}",
            "{Name} Finds Courage",
            "{Name} and the {Fear}",
            "{Name} Is Brave",
        ],
        "scenes": {
            "problem": ["{name} peeks nervously toward {fear}"],
            "decide": ["{name} takes a deep breath, fists clenched, ready to try"],
            "turn": ["{name} takes a brave first step forward"],
            "resolve": ["{name} laughs with delight, no longer afraid of {fear}"],
            "effort": ["{name} takes a small, careful step"],
        },
    },
    "mystery": {
        "compact": {
            "problem": ['{name} found {clue} and wondered, "{question}"'],
            "decide": ['"Let\'s solve this mystery!" said {name}.'],
            "turn": ["Then {name} put all the clues together, and it all made sense."],
            "resolve": ["The answer was {answer}!"],
        },
        "problem": {
            "young": [
                ("Then {name} saw {clue}.", "{question}"),
                ("Hmm, what is this?", "{name} found {clue}.", "{question}"),
            ],
            "middle": [
                (
                    "Then {name} noticed something very strange: {clue}.",
                    '"{question}" {name} wondered out loud.',
                ),
                ("That was the day {name} found {clue}.", "{question} Nobody seemed to know."),
            ],
            "older": [
                (
                    "Then {name} spotted something that made it hard to breathe for a "
                    "second: {clue}.",
                    '"{question}" {name} whispered.',
                ),
                (
                    "It started with {clue}.",
                    "Nobody else seemed to notice, but {name} could not stop wondering: {question}",
                ),
            ],
        },
        "decide": {
            "young": [
                ('"Let\'s find out!" said {name}.',),
                ("{name} wanted to know.", "So {name} looked for clues."),
            ],
            "middle": [
                ('"Let\'s find out," said {name}, eyes shining.',),
                ("{name} decided to solve the mystery, like a real detective.",),
            ],
            "older": [
                (
                    "{name} took out a notebook and wrote MYSTERY across the top in big letters.",
                    '"Right," {name} said. "Let\'s start with what we know."',
                ),
                ('"Every mystery has an answer," said {name}. "We just have to find it."',),
            ],
        },
        "progress": {
            "short": [
                ("Another clue!",),
                ("The clues led on.",),
                ("Now they knew a little more.",),
                ("The mystery got bigger!",),
                ("They were close to the answer.",),
                ("Hmm, what could it mean?",),
                ("{name} found one more clue.",),
            ],
            "rich": [
                ("Another piece of the puzzle clicked into place.",),
                ("The trail of clues led onward, past {landmark}.",),
                ("Now they knew more than they did before, and {name} wrote it down.",),
                ("The answer was close; {name} could almost feel it.",),
                ("Each clue made the next one a little easier to spot.",),
                ("{name} underlined the newest clue twice in the notebook.",),
            ],
        },
        "effort": {
            "young": [
                ("{team} looked for more clues.", "There, by {landmark}!"),
                ("{name} looked very closely.", "Hmm!"),
            ],
            "middle": [("{team} checked every corner near {landmark} for clues.",)],
            "older": [
                (
                    "They searched near {landmark} for more clues, and {name} added each "
                    "one to the list.",
                )
            ],
        },
        "turn": {
            "young": [
                ("Then {name} knew!", "All the clues fit together."),
                ("{name} thought hard.", '"I know the answer!"'),
            ],
            "middle": [
                (
                    "Then {name} looked at all the clues together, and suddenly it made sense.",
                    '"I know!" {name} cried.',
                ),
                ("Being {t_turn}, {name} put the clues in a row, and the answer jumped out.",),
            ],
            "older": [
                (
                    "{name} laid all the clues out in a row and stared at them, and "
                    "suddenly, like a picture coming into focus, it all made sense.",
                    '"Of course," {name} breathed. "Follow me."',
                ),
                (
                    "It was the last clue that did it.",
                    '{name} went very quiet, then grinned. "I know what\'s going on."',
                ),
            ],
        },
        "resolve": {
            "young": [
                ("It was {answer}!", "What a nice surprise!"),
                ("Guess who?", "It was {answer}!"),
            ],
            "middle": [("The answer was {answer}!", "{name} laughed out loud.")],
            "older": [
                (
                    "And there was the answer at last: {answer}.",
                    "{name} laughed so hard that the last bit of mystery floated away.",
                )
            ],
        },
        "celebrate": {
            "young": [("Mystery solved!",)],
            "middle": [('"Mystery solved!" everyone cheered.',)],
            "older": [
                (
                    '"Case closed," said {name}, and wrote SOLVED across the notebook '
                    "in big, happy letters.",
                )
            ],
        },
        "lesson": {
            "young": [("Questions lead to happy surprises.",)],
            "middle": [("A good question is the start of every great discovery.",)],
            "older": [
                (
                    "{name} learned that a mystery is just a question waiting for someone "
                    "curious enough to ask it.",
                )
            ],
        },
        "titles": [
            "{Name} and the Mystery of the {Clue}",
            "{Name} Solves a Mystery",
            "{Name} and the Secret of {Place}",
            "{Name}, Detective",
        ],
        "scenes": {
            "problem": ["{name} crouches down to look at {clue}"],
            "decide": ["{name} holds a flashlight, ready to follow the clues"],
            "turn": ["{name} points at a row of clues with a sudden idea"],
            "resolve": ["{name} laughs in surprise at {answer}"],
            "effort": ["{name} looks for clues near {landmark}"],
        },
    },
}

# The fear for a prompt about the dark, in any setting.
DARK_FEAR: tuple[str, str, str] = (
    "the dark",
    "go out into the dark night",
    "the dark night was full of twinkling stars and friendly fireflies",
)

# Needs for the "help" arc: what is wrong, what the goal is, the idea, and the fix.
HELP_NEEDS: list[dict[str, str]] = [
    {
        "need": "was lost and far from home",
        "goal": "find the way home",
        "idea": "follow the tracks back the way {the_creature} came",
        "solved": "was home at last, snuggled up with family",
    },
    {
        "need": "was stuck and could not get free",
        "goal": "get free",
        "idea": "make a little ladder out of sticks and string",
        "solved": "climbed down, safe and sound",
    },
    {
        "need": "felt lonely and had no one to play with",
        "goal": "feel happy again",
        "idea": "throw a surprise party with games for everyone",
        "solved": "was laughing and playing with brand-new friends",
    },
    {
        "need": "had lost a cozy nest in the wind",
        "goal": "make a new nest",
        "idea": "build a brand-new nest, soft and warm",
        "solved": "was snug and warm in a brand-new nest",
    },
]

# Mysteries that suit any setting; the answer always brings a friend into the story.
GENERIC_MYSTERIES: list[tuple[str, str, str]] = [
    (
        "a trail of tiny footprints",
        "Who had made them?",
        "{creature_a} who had been looking for a friend",
    ),
    (
        "a little wrapped present with no name on it",
        "Who had left it?",
        "{creature_a} who wanted to say thank you",
    ),
]

GENERIC_TITLES: list[str] = ["{Name} and the {Place}", "{Name}'s {Place} Adventure"]

SCENE_ACTIONS: dict[str, list[str]] = {
    "open": [
        "{name} smiles and waves hello",
        "{name} stretches and looks around happily",
        "{name} skips along, full of energy",
    ],
    "world": ["{name} plays happily", "{name} runs and laughs"],
    "wonder": ["{name} gazes in amazement at {landmark}"],
    "new_friend": ["{name} meets {the_creature} for the first time, both smiling"],
    "rest": ["{name} shares {snack} on a picnic blanket"],
    "cheer": ["{name} and {c} share a happy hug"],
    "theme": ["{name} pauses with a warm, thoughtful smile"],
    "setback": ["{name} stops in front of {obstacle}, looking worried"],
    "celebrate": ["{name} and everyone cheer and dance together"],
    "home": ["{name} is tucked into bed, smiling sleepily"],
    "home_note": ["{name} is tucked into bed, reading a little note with a happy smile"],
    "home_hug": [
        "{name} is tucked into bed, getting a warm goodnight hug from someone who loves {name}"
    ],
    "use_interest": ["{name} {pose}", "{name} uses {obj} to help"],
    "use_group": ["{name} works hard with a determined smile"],
    "use_companion": ["{c} helps {name}"],
}

MOODS: dict[str, str] = {
    "open": "cheerful and calm",
    "world": "playful and sunny",
    "problem": "worried",
    "decide": "determined and hopeful",
    "use_trait": "hopeful",
    "use_interest": "excited",
    "use_companion": "warm and hopeful",
    "use_group": "busy and hopeful",
    "wonder": "full of wonder",
    "new_friend": "friendly and curious",
    "rest": "cozy",
    "cheer": "warm and loving",
    "theme": "gentle",
    "setback": "tense but brave",
    "effort": "busy and determined",
    "turn": "excited",
    "resolve": "joyful",
    "celebrate": "joyful and warm",
    "home": "cozy and loving",
}

ARC_MOODS: dict[str, str] = {
    "fear": "a little scared",
    "mystery": "curious and puzzled",
    "journey": "excited",
    "help": "worried but caring",
    "lost": "worried",
}

# --- Suggestions ---------------------------------------------------------------------

SUGGEST_GENERIC: list[str] = [
    "{name}, who loves {i}, finds a secret door that leads to a land of talking animals.",
    "{name}, as {t} as ever, helps a lost baby dragon find the way back home before bedtime.",
    "{name} follows a trail of glowing footprints to a secret party in {place}.",
    "{name} builds a cardboard rocket to return a star that fell into the backyard.",
    "{name} sails across the sea in a bathtub boat to bring a birthday cake to a lonely whale.",
    "When the colors vanish from town, {name} sets out with a paintbrush to bring them back.",
    "{name} becomes a royal knight for a day and learns that kindness is the strongest magic.",
    "A tiny robot wants to learn to dance, and only {name} knows how to teach it.",
    "{name} and {c} team up to solve the mystery of the missing moon.",
    "{name}'s love of {i} saves the day when the big festival in {place} is in trouble.",
    "Being {t} helps {name} discover that the scary noise under the bed is a shy little "
    "monster who needs a friend.",
    "{name} plants a magic seed that grows into a beanstalk reaching a city in the clouds.",
    "{name} and {c} camp out in the backyard and meet the animals of the night.",
    "{name} finds a map to {place} hidden inside an old book and sets out to follow it.",
    "{name} helps a grumpy giant learn how to say thank you.",
]

SUGGEST_YOUNG: list[str] = [
    "{name} helps a sleepy bunny find the perfect place to nap.",
    "{name} counts the stars with a friendly owl until everyone falls asleep.",
    "{name} and a little duck splash in every puddle on the way to grandma's house.",
]

SUGGEST_OLDER: list[str] = [
    "{name} solves the riddle of the clock tower that stopped at midnight one hundred years ago.",
    "{name} leads a daring expedition to find the lost library under the sea.",
    "{name} discovers a notebook that writes back and uncovers a secret about {place}.",
]
