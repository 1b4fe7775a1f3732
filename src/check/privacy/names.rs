//! Personal names found with the name data: the US Census first names and surnames
//! (`names.fst`, built by tools/names), read with the words around them.
//!
//! Input: a text. Output: candidate `privacy.name` ranges, each sure (a build error) or not (a
//! warning). A capitalized word is only a candidate when the data knows it as a name; it is a
//! finding only when its context makes it a person's name:
//!
//! - a first name and a surname together ("Luis Ortega", "Wang Xiulan", "Trần Bích Ngọc"),
//!   unless both are everyday words ("Rose Garden") or the words around them make it a
//!   disease, an institution, a place or a cited work ("Guillain-Barré syndrome", "Johns
//!   Hopkins Hospital", "in Fort Collins", "Whelton et al");
//! - a kinship word or a title before a name ("Uncle Ike", "Nana Pearl", "Pastor Ellison");
//! - a first name alone, when a person does something in the sentence ("Ike finally agreed",
//!   "I asked Bill", "Fatima's story"). A name that is also an everyday word (Will, May, Hope,
//!   Grant) needs more: a verb of a person right after it and a "he" or "she" nearby ("May
//!   brought every pill bottle she owned"), never "May is Stroke Awareness Month" or "Will you
//!   need a booster?".
//!
//! Names with diacritics are folded to ASCII (deunicode) before the lookup; a word written with
//! diacritics is never an English word, so "Hằng" is a name even though "hang" is a word.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use fst::Map;

use super::detect::Cand;
use super::lexicon::{HISTORICAL, LARGE_PLACES, NOT_NAMES};

static NAMES: LazyLock<Option<Map<&'static [u8]>>> =
    LazyLock::new(|| Map::new(&include_bytes!("names.fst")[..]).ok());

/// What the name data says about a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct NameInfo {
    /// How common it is as a surname: log2 of the people who have it, 0 when none do.
    pub(super) surname: u8,
    /// The same for first names.
    pub(super) first: u8,
    /// It is also an everyday English word ("will", "rose").
    pub(super) word: bool,
}

impl NameInfo {
    fn known(self) -> bool {
        self.surname > 0 || self.first > 0
    }
}

/// Looks a word up (any case, diacritics and apostrophes ignored; a hyphenated word is a name
/// when all its parts are).
pub(super) fn lookup(word: &str) -> NameInfo {
    let Some(map) = NAMES.as_ref() else { return NameInfo::default() };
    let folded: String = deunicode::deunicode(word)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let get = |key: &str| {
        map.get(key).map_or(NameInfo::default(), |v| NameInfo {
            surname: (v & 31) as u8,
            first: ((v >> 5) & 31) as u8,
            word: v & 1024 != 0,
        })
    };
    let whole = get(&folded);
    if whole.known() || !word.contains('-') {
        return whole;
    }
    // "Okonkwo-Eze", "Min-jun": each part a name
    let parts: Vec<NameInfo> = word.split('-').map(|p| lookup_plain(map, p)).collect();
    // "Ji-woo", "Seo-yeon": a known first syllable and short lower-case ones after it
    let syllables = parts[0].first > 0
        && word.split('-').skip(1).all(|p| p.len() <= 4 && p.chars().all(char::is_lowercase));
    if syllables {
        return NameInfo { surname: 0, first: parts[0].first, word: false };
    }
    if parts.iter().all(|p| p.known()) {
        NameInfo {
            surname: parts.iter().map(|p| p.surname).max().unwrap_or(0),
            first: parts.iter().map(|p| p.first).max().unwrap_or(0),
            word: false,
        }
    } else {
        NameInfo::default()
    }
}

fn lookup_plain(map: &Map<&'static [u8]>, part: &str) -> NameInfo {
    let folded: String = deunicode::deunicode(part)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    map.get(&folded).map_or(NameInfo::default(), |v| NameInfo {
        surname: (v & 31) as u8,
        first: ((v >> 5) & 31) as u8,
        word: v & 1024 != 0,
    })
}

/// A word of the text: its range, and what stands before it.
#[derive(Clone, Debug)]
struct Word {
    range: Range<usize>,
    /// Capitalized (and not all capitals).
    cap: bool,
    /// First word of a sentence, a line, a heading, a table cell or a list item.
    initial: bool,
    /// Only one space separates it from the previous word (they can form one name).
    joined: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut last_end = 0;
    while let Some((i, c)) = chars.next() {
        if !c.is_alphabetic() {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphabetic() {
                end = j + d.len_utf8();
                chars.next();
            } else if matches!(d, '\'' | '’' | '-')
                && text[j + d.len_utf8()..].chars().next().is_some_and(char::is_alphabetic)
            {
                chars.next();
            } else {
                break;
            }
        }
        // a possessive is not part of the name ("Fatima's story")
        for suffix in ["'s", "’s", "'", "’"] {
            if text[i..end].ends_with(suffix) && end - suffix.len() > i {
                end -= suffix.len();
                break;
            }
        }
        let w = &text[i..end];
        let mut cs = w.chars();
        let first_upper = cs.next().is_some_and(char::is_uppercase);
        let cap = first_upper && w.chars().any(char::is_lowercase);
        let gap = &text[last_end..i];
        let joined = !out.is_empty() && (gap == " " || gap == "\u{a0}");
        let before = gap.trim_end_matches([' ', '\u{a0}', '"', '“', '(', '[', '*', '_', '\t']);
        let initial = out.is_empty()
            || before.ends_with(['.', '!', '?', ':', '\n', '|', '#', '>'])
            || before.ends_with("- ")
            || gap.contains('\n')
            || before.is_empty() && gap.contains(['"', '“', '*', '['])
            || (before.ends_with('-') && gap.contains('\n'));
        out.push(Word { range: i..end, cap, initial, joined });
        last_end = end;
    }
    out
}

/// Titles and kinship words that make the next capitalized word a name.
const TITLES: &[&str] = &[
    "uncle", "aunt", "auntie", "aunty", "grandma", "grandpa", "granny", "gramma", "nana", "papa",
    "mama", "abuela", "abuelo", "tía", "tío", "tia", "tio", "cousin", "pastor", "deacon",
    "reverend", "rev", "sgt", "sergeant", "officer", "coach", "captain", "little", "baby",
    "brother", "sister", "señor", "señora", "sr", "sra", "srta", "don", "doña", "mr", "mrs", "ms",
    "mx", "miss", "mister", "madam", "bà", "ông", "chú", "cô", "baba", "mzee",
];

/// Words after a name that make it something else: a disease, a test, an institution, a
/// company, a place, a work.
const NOT_A_PERSON_AFTER: &[&str] = &[
    "syndrome",
    "disease",
    "palsy",
    "maneuver",
    "manoeuvre",
    "test",
    "sign",
    "score",
    "scale",
    "criteria",
    "classification",
    "method",
    "procedure",
    "technique",
    "reflex",
    "phenomenon",
    "law",
    "rule",
    "effect",
    "hospital",
    "clinic",
    "center",
    "centre",
    "university",
    "college",
    "foundation",
    "association",
    "institute",
    "society",
    "school",
    "inc",
    "company",
    "county",
    "city",
    "street",
    "avenue",
    "road",
    "park",
    "river",
    "lake",
    "mountain",
    "valley",
    "award",
    "prize",
    "study",
    "trial",
    "report",
    "cancer",
    "health",
    "medical",
    "medicine",
    "pharmacy",
    "church",
    "library",
    "museum",
    "airport",
    "station",
    "bridge",
    "heights",
    "springs",
    "falls",
    "general",
    "regional",
    "memorial",
    "et",
    "and colleagues",
    "alert",
    "diet",
    "method",
    "plan",
    "program",
    "programme",
    "month",
    "day",
    "week",
    "act",
    "formula",
    "equation",
    "tube",
    "catheter",
    "stocking",
    "stockings",
    "cell",
    "cells",
    "node",
    "nodes",
    "'s disease",
    "’s disease",
    "'s syndrome",
    "’s syndrome",
    "'s palsy",
    "’s palsy",
    "'s sign",
    "’s sign",
    "'s law",
    "'s test",
    "'s maneuver",
    "'s ulcer",
    "'s phenomenon",
    "'s triad",
    "'s node",
    "'s cyst",
    "'s fracture",
    "'s reflex",
    "'s thyroiditis",
    "’s thyroiditis",
    "'s lymphoma",
    "’s lymphoma",
    "'s disease,",
    "'s contracture",
    "'s esophagus",
    "’s esophagus",
    "'s sarcoma",
    "'s chorea",
];

/// Words before a name that make it a place, a doctor or a work.
const NOT_A_PERSON_BEFORE: &[&str] = &[
    "in",
    "from",
    "near",
    "outside",
    "at",
    "dr",
    "doctor",
    "prof",
    "professor",
    "the",
    "st",
    "saint",
    "lake",
    "mount",
    "mt",
    "fort",
    "port",
    "san",
    "santa",
    "los",
    "las",
    "new",
    "north",
    "south",
    "east",
    "west",
    "on",
];

/// Verbs and adverbs a person does right after their name ("Ike finally agreed").
const PERSON_VERBS: &[&str] = &[
    "told",
    "tells",
    "said",
    "says",
    "asked",
    "asks",
    "brought",
    "brings",
    "came",
    "comes",
    "called",
    "calls",
    "had",
    "has",
    "agreed",
    "agrees",
    "refused",
    "refuses",
    "decided",
    "laughed",
    "cried",
    "noticed",
    "notices",
    "worried",
    "worries",
    "wanted",
    "wants",
    "needed",
    "needs",
    "started",
    "starts",
    "stopped",
    "stops",
    "kept",
    "keeps",
    "took",
    "takes",
    "lost",
    "gained",
    "felt",
    "feels",
    "missed",
    "tried",
    "tries",
    "got",
    "gets",
    "went",
    "goes",
    "walked",
    "walks",
    "drives",
    "drove",
    "works",
    "worked",
    "lives",
    "lived",
    "fasts",
    "speaks",
    "spoke",
    "sets",
    "gives",
    "gave",
    "sent",
    "sends",
    "wrote",
    "writes",
    "reads",
    "read",
    "runs",
    "ran",
    "smokes",
    "smoked",
    "drinks",
    "drank",
    "sleeps",
    "slept",
    "snores",
    "knew",
    "knows",
    "thought",
    "thinks",
    "remembers",
    "remembered",
    "learned",
    "learnt",
    "finally",
    "still",
    "never",
    "always",
    "uses",
    "used",
    "checks",
    "checked",
    "injects",
    "answered",
    "complained",
    "presented",
    "arrived",
    "returned",
    "survived",
    "died",
    "passed",
    "spent",
    "quit",
    "hated",
    "loved",
    "loves",
    "hates",
    "eats",
    "ate",
    "fell",
    "showed",
    "shares",
    "shared",
    "posted",
    "texted",
    "emailed",
    "phoned",
    "visited",
    "was",
    "is",
    "recovered",
    "woke",
    "wakes",
    "admitted",
    "insisted",
    "explained",
    "admits",
    "lifts",
    "lifted",
    "swims",
    "swam",
    "hurt",
    "broke",
    "stayed",
    "left",
    "moved",
    "grew",
    "mentioned",
    "wondered",
    "joined",
    "helped",
    "helps",
    "cooks",
    "cooked",
    "cleans",
    "played",
    "plays",
    "turned",
    "began",
    "begins",
    "couldn't",
    "could",
    "would",
    "didn't",
    "doesn't",
    "did",
    "does",
    "can't",
    "won't",
    "isn't",
    "wasn't",
    "hasn't",
    "hadn't",
    "and",
    "who",
    "whose",
];

/// Words of a person's story that a bare name must have around it.
const PERSON_CUES: &[&str] = &[
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "himself",
    "herself",
    "patient",
    "patient's",
    "my",
    "me",
    "i",
    "we",
    "wife",
    "husband",
    "mother",
    "father",
    "son",
    "daughter",
    "story",
];

/// Public figures whose health is public news, named in patient education.
const PUBLIC_FIGURES: &[&str] = &[
    "jimmy carter",
    "angelina jolie",
    "michael j. fox",
    "michael j fox",
    "magic johnson",
    "serena williams",
    "selena gomez",
    "bruce willis",
    "celine dion",
    "céline dion",
    "lou gehrig",
    "christopher reeve",
    "stephen hawking",
    "henrietta lacks",
    "queen elizabeth",
    "elizabeth ii",
    "king charles",
    "charles iii",
    "ronald reagan",
    "muhammad ali",
    "robin williams",
    "lady gaga",
    "simone biles",
    "michael phelps",
    "kris jenner",
    "tom hanks",
    "halle berry",
    "nick jonas",
    "sonia sotomayor",
    "joe biden",
    "donald trump",
    "barack obama",
    "ben stiller",
    "jamie lee curtis",
    "christina applegate",
    "hoda kotb",
    "katie couric",
    "steve jobs",
    "mitch mcconnell",
    "john mccain",
    "ted kennedy",
    "val kilmer",
    "shannen doherty",
    "james earl jones",
    "sheryl crow",
    "kathy bates",
    "elton john",
    "billy graham",
    "pope francis",
    "glenn close",
    "mariah carey",
    "demi lovato",
    "kevin love",
    "dwayne johnson",
    "prince harry",
    "meghan markle",
    "kate middleton",
    "catherine",
    "princess diana",
    "diana",
    "oprah",
    "oprah winfrey",
    "brooke shields",
    "chrissy teigen",
    "beyoncé",
    "beyonce",
    "jennifer aniston",
    "venus williams",
    "arthur ashe",
    "ryan white",
    "rock hudson",
    "freddie mercury",
    "eric clapton",
    "hank aaron",
    "betty ford",
    "nancy reagan",
    "gene wilder",
    "jane fonda",
    "dolly parton",
    // institutions named after people
    "johns hopkins",
    "mayo",
    "mount sinai",
    "sloan kettering",
    "md anderson",
    "dana-farber",
    "kaiser permanente",
    "cedars-sinai",
    "brigham",
    "scott white",
    "henry ford",
];

/// Words that introduce a public figure ("the actor ...", "former President ...").
const PUBLIC_CUES: &[&str] = &[
    "president",
    "former president",
    "actor",
    "actress",
    "singer",
    "star",
    "athlete",
    "senator",
    "governor",
    "prime minister",
    "queen",
    "king",
    "prince",
    "princess",
    "pope",
    "announced",
    "publicly",
    "public",
    "told reporters",
    "in an interview",
    "memoir",
    "famous",
    "olympic",
    "olympian",
    "champion",
    "musician",
    "rapper",
    "comedian",
    "host",
    "anchor",
    "journalist",
    "author",
    "novelist",
    "secretary",
    "surgeon general",
    "nobel",
    "celebrity",
];

fn lower_word(text: &str, w: &Word) -> String {
    text[w.range.clone()].to_lowercase()
}

fn stop(word: &str) -> bool {
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches("'s").trim_end_matches("’s");
    if let Some((head, _)) = bare.split_once(['\'', '’']) {
        // "I'm", "He'd", "Don't": contractions, not names ("O'Neill" has a capital after)
        if head.len() <= 3
            && !word.contains("'N")
            && !word.contains("’N")
            && !word.starts_with("O'")
            && !word.starts_with("O’")
            && !word.starts_with("D'")
        {
            return true;
        }
    }
    STOP_WORDS.contains(bare)
}

/// The words [`stop`] drops, in one set: it is asked about every capitalized word.
static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [NOT_NAMES, HISTORICAL, LARGE_PLACES, EXTRA_STOP]
        .concat()
        .into_iter()
        .filter(|w| !NAME_WORDS.contains(w))
        .collect()
});

/// Names that are also everyday words but are judged as names (with care) rather than
/// dropped as stop words.
const NAME_WORDS: &[&str] = &["will", "may", "mark", "bill", "grant", "june", "april"];

/// Capitalized words that the name data knows but that are seldom a patient's name here.
const EXTRA_STOP: &[&str] = &[
    "august",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "christmas",
    "ramadan",
    "easter",
    "hanukkah",
    "diwali",
    "god",
    "jesus",
    "allah",
    "buddha",
    "medicare",
    "medicaid",
    "tricare",
    "walmart",
    "target",
    "costco",
    "kroger",
    "cvs",
    "walgreens",
    "google",
    "apple",
    "amazon",
    "facebook",
    "instagram",
    "tiktok",
    "reddit",
    "youtube",
    "twitter",
    "dexcom",
    "freestyle",
    "libre",
    "omnipod",
    "tandem",
    "medtronic",
    "english",
    "spanish",
    "french",
    "mandarin",
    "vietnamese",
    "arabic",
    "hindi",
    "tagalog",
    "korean",
    "russian",
    "polish",
    "navajo",
    "black",
    "white",
    "asian",
    "latino",
    "latina",
    "hispanic",
    "african",
    "american",
    "native",
    "indian",
    "chinese",
    "japanese",
    "mexican",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "little",
    "big",
    "young",
    "old",
    "grandma",
    "grandpa",
    "nana",
    "papa",
    "mama",
    "uncle",
    "aunt",
    "auntie",
    "cousin",
    "pastor",
    "coach",
    "officer",
    "sergeant",
    "sgt",
    "captain",
    "winter",
    "autumn",
    "spring",
    "ella",
    "allegra",
    "aimovig",
    "ozempic",
    "wegovy",
    "jardiance",
    "eliquis",
    "xarelto",
    "humira",
    "lyrica",
    "celebrex",
    "lipitor",
    "crestor",
    "zoloft",
    "prozac",
    "paxil",
    "lexapro",
    "cialis",
    "viagra",
    "claritin",
    "zyrtec",
    "tylenol",
    "advil",
    "aleve",
    "motrin",
    "benadryl",
    "sudafed",
    "mucinex",
    "narcan",
    "epipen",
    "lasix",
    "coumadin",
    "plavix",
    "synthroid",
    "heart",
    "blood",
    "sugar",
    "stroke",
    "cancer",
    "type",
    "step",
    "table",
    "figure",
    "chapter",
    "section",
    "part",
    "note",
    "notes",
    "case",
    "cases",
    "ask",
    "call",
    "read",
    "see",
    "take",
    "get",
    "use",
    "keep",
    "talk",
    "tell",
    "try",
    "wash",
    "eat",
    "drink",
    "sleep",
    "walk",
    "move",
    "check",
    "bring",
    "make",
    "stop",
    "start",
    "watch",
    "learn",
    "share",
    "find",
    "write",
    "give",
    "let",
    "look",
    "go",
    "come",
    "stay",
    "avoid",
    "know",
];

/// Whether a word that is a first name alone reads as a person's name at `i`.
fn lone_first_name(text: &str, ws: &[Word], i: usize, info: NameInfo) -> bool {
    let w = &ws[i];
    let word = &text[w.range.clone()];
    let after = &text[w.range.end..];
    let possessive = after.starts_with("'s") || after.starts_with("’s");
    let next = ws.get(i + 1).map(|n| lower_word(text, n)).unwrap_or_default();
    let next_joined = ws.get(i + 1).is_some_and(|n| n.joined);
    let prev = i.checked_sub(1).map(|p| lower_word(text, &ws[p])).unwrap_or_default();
    if after.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return false; // "June 12"
    }
    if next_joined && ws.get(i + 1).is_some_and(|n| n.cap) {
        return false; // part of a longer capitalized phrase ("Amber Alert", "Grace Hospital")
    }
    if NOT_A_PERSON_BEFORE.contains(&prev.as_str()) && w.joined && !possessive {
        return false;
    }
    let after_lower = super::lower_prefix(after, 128);
    if NOT_A_PERSON_AFTER.iter().any(|n| {
        after_lower
            .trim_start_matches(['\'', '’'])
            .trim_start_matches('s')
            .trim_start()
            .starts_with(n)
            && !n.starts_with('\'')
            && !n.starts_with('’')
    }) && !possessive
    {
        return false;
    }
    let diacritics = !word.is_ascii();
    let wordlike = info.word && !diacritics;
    let verb_after = PERSON_VERBS.contains(&next.as_str())
        && (next.as_str() != "and" || !wordlike)
        && (!matches!(next.as_str(), "is" | "was") || is_or_was_personal(text, ws, i + 1));
    let comma_who = after.starts_with(", who")
        || after.starts_with(", a ")
        || after.starts_with(", an ")
        || after.starts_with(", our ")
        || (after.starts_with(", ") || after.starts_with(" ("))
            && after[2..].trim_start_matches('(').starts_with(|c: char| c.is_ascii_digit());
    let asked_before = [
        "asked", "told", "called", "saw", "met", "gave", "sent", "helped", "reminded", "showed",
        "taught", "examined", "started", "when", "after", "before", "until", "while", "because",
        "then",
    ]
    .contains(&prev.as_str());
    let heading = line_of(text, w.range.start).trim_start().starts_with('#');
    let cue = has_person_cue(text, w.range.clone());
    if wordlike {
        // "Will's A1C", "May brought", "Grant is 45", "When Faith called", "I asked Bill"
        if after.starts_with(", who ") && w.initial {
            return true; // "Joy, who is 72, still teaches piano"
        }
        return cue
            && (verb_after && next != "is" && next != "was"
                || (matches!(next.as_str(), "is" | "was") && verb_after)
                || possessive && ws.get(i + 1).is_some_and(|n| !n.cap)
                || comma_who
                || (asked_before && (verb_after || after.starts_with([' ', ',', '.', '?']))))
            && pronoun_near(text, w.range.clone());
    }
    let strong_verb = verb_after
        && !matches!(next.as_str(), "is" | "was" | "and" | "who" | "whose" | "has" | "had");
    // mid-sentence, a name is followed by a verb, a little word or punctuation, not by a noun
    // it describes ("Danish children")
    let ends_phrase = after.starts_with([',', '.', ';', ':', '!', '?', ')', '"', '”', '\n'])
        || after.is_empty()
        || verb_after
        || [
            "on",
            "to",
            "and",
            "about",
            "for",
            "with",
            "at",
            "in",
            "that",
            "who",
            "again",
            "back",
            "home",
            "up",
            "down",
            "off",
            "over",
            "today",
            "yesterday",
            "last",
            "this",
            "if",
            "when",
            "because",
            "but",
            "or",
            "so",
            "a",
            "an",
            "the",
            "her",
            "his",
            "my",
            "our",
            "into",
            "from",
            "before",
            "after",
            "while",
            "until",
            "once",
            "twice",
            "first",
        ]
        .contains(&next.as_str());
    possessive && (cue || heading || info.first >= 8 && ws.get(i + 1).is_some_and(|n| !n.cap))
        || strong_verb && info.first >= 8
        || (verb_after || comma_who || asked_before) && cue
        || heading && cue
        || !w.initial && cue && info.first > 0 && ends_phrase
}

/// After "X is" / "X was": an age, an article and a noun, or a verb of care ("was admitted").
fn is_or_was_personal(text: &str, ws: &[Word], verb: usize) -> bool {
    let Some(v) = ws.get(verb) else { return false };
    let rest = text[v.range.end..].trim_start();
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true; // "Grant is 45"
    }
    let next = ws.get(verb + 1).map(|n| lower_word(text, n)).unwrap_or_default();
    [
        "the",
        "a",
        "an",
        "diagnosed",
        "admitted",
        "seen",
        "born",
        "worried",
        "sure",
        "afraid",
        "embarrassed",
        "scared",
        "tired",
        "found",
        "still",
        "already",
        "never",
        "always",
        "on",
        "in",
        "not",
        "so",
        "too",
        "very",
        "back",
        "home",
        "told",
        "given",
        "started",
        "sent",
    ]
    .contains(&next.as_str())
        && ws.get(verb + 1).is_some_and(|n| !n.cap)
}

fn line_of(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// Whether the passage around `r` (300 bytes each way) tells a person's story.
fn has_person_cue(text: &str, r: Range<usize>) -> bool {
    let window = window(text, r, 300).to_lowercase();
    window
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| PERSON_CUES.contains(&w))
}

/// Whether "he", "she" or their forms stand near `r`.
fn pronoun_near(text: &str, r: Range<usize>) -> bool {
    let window = window(text, r, 250).to_lowercase();
    window
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "he" | "she" | "his" | "her" | "him" | "hers"))
}

fn window(text: &str, r: Range<usize>, n: usize) -> &str {
    let mut lo = r.start.saturating_sub(n);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (r.end + n).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    &text[lo..hi]
}

/// Whether the sentence around `r` introduces a public figure or a researcher.
fn public_or_cited(text: &str, r: Range<usize>) -> bool {
    let name = text[r.clone()].to_lowercase();
    if PUBLIC_FIGURES.iter().any(|f| name == *f || f.split(' ').count() > 1 && name.contains(f)) {
        return true;
    }
    let after =
        super::lower_prefix(text[r.end..].trim_start_matches(['\'', '’', 's']).trim_start(), 64);
    if after.starts_with("et al")
        || after.starts_with("and colleagues")
        || after.starts_with("and co-workers")
        || after.starts_with("[@")
        || after.starts_with("(19")
        || after.starts_with("(20")
    {
        return true;
    }
    let around = window(text, r, 80).to_lowercase();
    PUBLIC_CUES.iter().any(|c| {
        around.match_indices(c).any(|(i, m)| {
            let b = around[..i].chars().next_back();
            let a = around[i + m.len()..].chars().next();
            !b.is_some_and(char::is_alphanumeric) && !a.is_some_and(char::is_alphanumeric)
        })
    })
}

/// Whether a sentence names a public figure or introduces one ("the former President").
pub(super) fn mentions_public_figure(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    PUBLIC_FIGURES.iter().any(|f| lower.contains(f))
        || PUBLIC_CUES.iter().filter(|c| c.len() > 5).any(|c| lower.contains(c))
}

/// The `privacy.name` candidates of `text` found with the name data.
pub(super) fn find(text: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let ws = words(text);
    let mut i = 0;
    while i < ws.len() {
        if !ws[i].cap {
            i += 1;
            continue;
        }
        // a run of capitalized words joined by single spaces
        let mut j = i + 1;
        while j < ws.len() && ws[j].cap && ws[j].joined && !ws[j].initial {
            j += 1;
        }
        examine_run(text, &ws, i, j, &mut out);
        i = j;
    }
    // "Hollis, Wade" on a chart line: surname, comma, first name
    for k in 0..ws.len().saturating_sub(1) {
        let (a, b) = (&ws[k], &ws[k + 1]);
        if !(a.cap && b.cap) || &text[a.range.end..b.range.start] != ", " {
            continue;
        }
        let line = line_of(text, a.range.start).to_lowercase();
        if !["chart", "record", "mrn", "patient", "name:", "file"].iter().any(|c| line.contains(c))
        {
            continue;
        }
        let (sa, sb) = (lookup(&text[a.range.clone()]), lookup(&text[b.range.clone()]));
        if sa.surname > 0
            && sb.first > 0
            && !(sa.word && sb.word)
            && !stop(&text[a.range.clone()])
            && !stop(&text[b.range.clone()])
        {
            out.push(Cand {
                code: "privacy.name",
                start: a.range.start,
                end: b.range.end,
                certain: true,
            });
        }
    }
    out
}

fn examine_run(text: &str, ws: &[Word], i: usize, j: usize, out: &mut Vec<Cand>) {
    // leading titles and kinship words, and words that are not names
    let mut start = i;
    let mut titled = i.checked_sub(1).is_some_and(|p| {
        TITLES.contains(&lower_word(text, &ws[p]).trim_end_matches('.')) && ws[i].joined
    });
    while start < j {
        let lw = lower_word(text, &ws[start]);
        if TITLES.contains(&lw.as_str()) {
            titled = true;
            start += 1;
        } else if stop(&text[ws[start].range.clone()])
            || lookup(&text[ws[start].range.clone()]) == NameInfo::default()
                && start + 1 < j
                && !ws[start].initial
        {
            start += 1;
            titled = false;
        } else if stop(&text[ws[start].range.clone()]) {
            start += 1;
        } else {
            break;
        }
    }
    // trailing words that are not names
    let mut end = j;
    while end > start {
        let w = &text[ws[end - 1].range.clone()];
        let info = lookup(w);
        if stop(w) || (!info.known() && w.is_ascii() && end - start > 2) {
            end -= 1;
        } else {
            break;
        }
    }
    if start >= end {
        return;
    }
    let range = ws[start].range.start..ws[end - 1].range.end;
    let infos: Vec<NameInfo> = (start..end).map(|k| lookup(&text[ws[k].range.clone()])).collect();
    let after = super::lower_prefix(text[range.end..].trim_start(), 128);
    let after = after.as_str();
    let prev = start.checked_sub(1).map(|p| lower_word(text, &ws[p])).unwrap_or_default();
    let not_person_after = NOT_A_PERSON_AFTER.iter().any(|n| {
        let a = after.trim_start_matches(['\'', '’']);
        (n.starts_with('\'') || n.starts_with('’')) && after.starts_with(n)
            || !n.starts_with('\'') && !n.starts_with('’') && {
                let a = if a.starts_with('s') && (after.starts_with('\'') || after.starts_with('’'))
                {
                    &a[1..]
                } else {
                    a
                };
                let a = a.trim_start();
                a.starts_with(n) && !a[n.len()..].starts_with(char::is_alphanumeric)
            }
    });
    let inner_thing =
        (start + 1..end).any(|k| NOT_A_PERSON_AFTER.contains(&lower_word(text, &ws[k]).as_str()));
    if (not_person_after || inner_thing) && !titled {
        return;
    }
    if public_or_cited(text, range.clone()) {
        return;
    }
    let n = end - start;
    if titled {
        // "Uncle Ike", "Pastor Ellison", "Nana Pearl"
        if infos.iter().any(|x| x.known()) || !text[range.clone()].is_ascii() {
            let from = i
                .min(start)
                .checked_sub(1)
                .filter(|p| TITLES.contains(&lower_word(text, &ws[*p]).trim_end_matches('.')));
            let s = from.map_or(ws[i].range.start, |p| ws[p].range.start);
            let s = if TITLES.contains(&lower_word(text, &ws[i]).as_str()) || from.is_some() {
                s
            } else {
                range.start
            };
            out.push(Cand { code: "privacy.name", start: s, end: range.end, certain: true });
        }
        return;
    }
    let possessive = text[range.end..].starts_with(['\'', '’']);
    let adjacent = start > 0
        && matches!(&text[ws[start - 1].range.end..ws[start].range.start], " " | ". " | "\u{a0}");
    if NOT_A_PERSON_BEFORE.contains(&prev.as_str()) && adjacent && !possessive {
        return;
    }
    if n >= 2 {
        let diacritics = !text[range.clone()].is_ascii();
        let first_last = infos[0].first > 0 && (infos[n - 1].surname > 0 || !infos[n - 1].known());
        let family_first = infos[0].surname > 0 && infos[n - 1].first > 0;
        let all_words = infos.iter().all(|x| x.known() && x.word) && !diacritics;
        let known = infos.iter().filter(|x| x.known()).count();
        if (first_last || family_first) && !all_words && known >= 1 {
            let certain = known >= 2 || diacritics;
            if known >= 2 || has_person_cue(text, range.clone()) {
                out.push(Cand {
                    code: "privacy.name",
                    start: range.start,
                    end: range.end,
                    certain,
                });
            }
            return;
        }
        if known == 0 && diacritics && has_person_cue(text, range.clone()) {
            out.push(Cand {
                code: "privacy.name",
                start: range.start,
                end: range.end,
                certain: false,
            });
            return;
        }
        if known == 0
            && n == 2
            && ws[start].initial
            && has_person_cue(text, range.clone())
            && (after.starts_with(',')
                || PERSON_VERBS
                    .iter()
                    .any(|v| after.starts_with(v) && after[v.len()..].starts_with(' ')))
            && (start..end).all(|k| text[ws[k].range.clone()].len() >= 4)
        {
            out.push(Cand {
                code: "privacy.name",
                start: range.start,
                end: range.end,
                certain: false,
            });
            return;
        }
    }
    // a first name alone: the first name word of the run
    for (k, info) in (start..end).zip(&infos) {
        let w = &text[ws[k].range.clone()];
        let diacritics = !w.is_ascii();
        if (info.first > 0 || diacritics && info.known())
            && n == 1
            && lone_first_name(text, ws, k, *info)
        {
            let r = ws[k].range.clone();
            out.push(Cand { code: "privacy.name", start: r.start, end: r.end, certain: false });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_data_knows_names_from_many_cultures() {
        assert!(NAMES.is_some(), "names.fst is a valid fst map");
        for first in ["Priya", "Kwame", "Oluwaseun", "Wojciech", "José", "Minh", "Fatima"] {
            assert!(lookup(first).first > 0, "{first}");
        }
        for surname in ["Nguyễn", "Okafor", "Kowalski", "Patel", "García", "Okonkwo-Eze"] {
            assert!(lookup(surname).surname > 0, "{surname}");
        }
        assert!(lookup("Will").word && lookup("Rose").word && !lookup("Priya").word);
        assert_eq!(lookup("Xqzzyq"), NameInfo::default());
    }
}

#[cfg(test)]
mod debug {
    #[test]
    #[ignore = "debugging aid"]
    fn dump() {
        for t in std::env::var("PV").unwrap_or_default().split("||") {
            let ws = super::words(t);
            for w in &ws {
                eprintln!(
                    "{:?} cap={} init={} joined={} {:?}",
                    &t[w.range.clone()],
                    w.cap,
                    w.initial,
                    w.joined,
                    super::lookup(&t[w.range.clone()])
                );
            }
            eprintln!(
                "=> {:?}",
                super::find(t).iter().map(|c| &t[c.start..c.end]).collect::<Vec<_>>()
            );
        }
    }
}
