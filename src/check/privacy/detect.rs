//! The detectors: patterns for each identifier, the context rules that tie names, places,
//! dates and ages to a person, and the zones and public details that are never reported.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::PrivacyContext;
use super::lexicon::{
    HISTORICAL, LARGE_PLACES, NOT_NAMES, ORGANIZATION_WORDS, PERSON_EVENTS, PERSON_WORDS,
    PUBLIC_NUMBERS, PUBLICATION_WORDS, STAFF_WORDS, STATE_CODES,
};

/// A candidate finding: a code and a byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Cand {
    pub(super) code: &'static str,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Sure enough to stop a build (see [`certain`]).
    pub(super) certain: bool,
}

/// Compiles a pattern. Word boundaries are ASCII ones: Unicode boundaries would keep the
/// regex engine from its fast DFA, and every boundary here sits next to ASCII digits or
/// punctuation anyway.
fn re(pattern: &str) -> Regex {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    Regex::new(&pattern).unwrap_or_else(|e| panic!("privacy pattern {pattern}: {e}"))
}

macro_rules! pattern {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| re(&$re));
    };
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const NAME: &str = r"[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)?";
/// An identifier: up to six letters, then a digit, then letters, digits and inner separators.
const ID: &str = r"[A-Za-z]{0,6}[-/.]?\d[A-Za-z0-9]*(?:[-/.][A-Za-z0-9]+){0,6}";
/// Words that may stand between an identifier's label and the identifier.
const LINK: &str = r"(?:\s*(?i:number|no\.?|num\.?|#|id|identifier|code))?(?:\s*[:#,(]|\s+(?i:is|was|reads?|reading))*\s*#?\s*";

// --- zones that are never reported ------------------------------------------------------------

pattern!(
    SAFE,
    [
        // Pandoc citations: [@key], [see @a, p. 3; @b], in-text @key
        r"\[[^\[\]\n]*@[^\[\]\n]*\]",
        r"(?:^|[\s(;\[])-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*",
        // DOIs and links to bibliographic databases and registries
        r"(?i)(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?\b10\.\d{4,9}/[^\s\])>]+",
        r"(?i)https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov|europepmc\.org|clinicaltrials\.gov|isrctn\.com|clinicaltrialsregister\.eu|(?:dx\.)?doi\.org)[^\s)\]>]*",
        r"(?i)\bPMID:?\s*\d+",
        r"(?i)\bPMCID:?\s*PMC\d+|\bPMC\d{4,}",
        r"\bNCT\d{8}\b",
        r"(?i)\bISRCTN\s*\d+",
        r"(?i)\b(?:EudraCT|CTIS)(?:\s+(?:number|no\.?))?:?\s*\d{4}-\d{6}-\d{2}",
        r"\b\d{4}-\d{6}-\d{2}\b",
        // ICD-10 codes (with a dot, or after "ICD")
        r"\b[A-TV-Z]\d{2}\.\d{1,4}[A-Z]?\b",
        r"(?i)\bICD(?:-?1[01](?:-CM)?)?(?:\s+codes?)?:?\s*[A-Z]\d{2}(?:\.\d{1,4})?",
        // CPT, LOINC, NDC, SNOMED, RxNorm codes
        r"(?i)\bCPT(?:®)?(?:\s+codes?)?:?\s*\d{4}[\dFTU](?:\s*(?:,|and|or|to|-)\s*\d{4}[\dFTU])*",
        r"(?i)\bLOINC(?:\s+codes?)?:?\s*\d{1,7}-\d",
        r"(?i)\bNDC(?:\s+(?:codes?|numbers?))?(?:\s+(?:such as|like|e\.g\.,?))?:?\s*\d{4,5}-\d{3,4}-\d{1,2}",
        r"(?i)\b(?:SNOMED(?:\s+CT)?|RxNorm|RXCUI|CVX|HCPCS)(?:\s+codes?)?:?\s*[A-Z]?\d+",
        // ISBN and ISSN
        r"(?i)\bISBN(?:-1[03])?:?\s*[\d-]{10,17}X?|\bISSN:?\s*\d{4}-\d{3}[\dX]",
    ]
    .join("|")
);

/// Byte ranges where nothing is reported: citation keys, bibliographic and registry ids, and
/// medical codes.
pub(super) fn safe_zones(text: &str) -> Vec<Range<usize>> {
    SAFE.find_iter(text)
        .map(|m| m.range())
        // "@beth" on Instagram is a handle, not an in-text citation
        .filter(|r| {
            !(text[r.clone()].trim_start().starts_with('@')
                && super::story::social_handle_at(text, r))
        })
        .collect()
}

// --- shapes ----------------------------------------------------------------------------------

pattern!(
    EMAIL,
    r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"
);
pattern!(URL, r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]{}\x22'`]+");
pattern!(
    IPV4,
    r"\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b"
);
pattern!(
    IPV6,
    r"(?i)\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?|::(?:ffff:)?[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){1,6}\b"
);
pattern!(
    PHONE_NANP,
    r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?"
);
pattern!(PHONE_INTL, r"\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,5}");
pattern!(PHONE_TRUNK, r"\b0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}\b");
pattern!(
    PHONE_LOCAL,
    r"(?i:\b(?:call|phone|telephone|tel\.?|number|cell|mobile|reach|text|dial|fax)(?:\s+(?:me|him|her|them|us|at|is|was|number|on))*)\s*:?\s+(\d{3}[-.]\d{4})\b"
);
pattern!(SSN, r"\b\d{3}([- ])\d{2}([- ])\d{4}\b");
pattern!(
    SSN_LABEL,
    format!(
        r"(?i:\b(?:ssn|social security(?:\s+(?:number|no\.?|#))?)){LINK}(\d{{9}}|\d{{3}}[- ]\d{{2}}[- ]\d{{4}})\b"
    )
);
pattern!(VIN, r"\b[A-HJ-NPR-Z0-9]{17}\b");
pattern!(DEA, r"\b[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}\b");
pattern!(
    MBI,
    r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b"
);
pattern!(
    GPS_DEC,
    r"(?:^|[^\d.])(-?\d{1,2}\.\d{3,})\s*°?\s*([NSns])?\s*[,;/]\s*(-?\d{1,3}\.\d{3,})\s*°?\s*([EWew])?"
);
pattern!(
    GPS_DMS,
    r#"\d{1,3}°\s?\d{1,2}['′]\s?(?:\d{1,2}(?:\.\d+)?["″]\s?)?[NSns][,\s]+\d{1,3}°\s?\d{1,2}['′]\s?(?:\d{1,2}(?:\.\d+)?["″]\s?)?[EWew]"#
);
pattern!(ZIP, r"\b\d{5}(?:-\d{4})?\b");
pattern!(BLOOD_PRESSURE, r"^\d{2,3}/\d{2,3}$");

// --- labelled numbers ------------------------------------------------------------------------

pattern!(
    MRN,
    format!(
        r"(?i:\b(?:mrn|mr\s*\#|medical\s+records?(?:\s+(?:number|no\.?|#))?|(?:hospital|patient|chart|case|unit|nhs|chi|emr|ehr|record)\s+(?:number|no\.?|#|id))){LINK}({ID})"
    )
);
pattern!(
    HEALTH_PLAN,
    format!(
        r"(?i:\b(?:member(?:ship)?\s+(?:id|number|no\.?|#)|subscriber\s+(?:id|number|no\.?|#)|policy(?:\s+(?:number|no\.?|#|id))?|group\s+(?:number|no\.?|#|id)|beneficiary\s+(?:identifier|id|number|no\.?)|medicare\s+(?:number|no\.?|id|card\s+number)|medicaid\s+(?:number|no\.?|id)|mbi|hicn|insurance\s+(?:id|number|no\.?|card\s+number)|(?:health\s+)?plan\s+(?:id|number|no\.?))){LINK}({ID})"
    )
);
pattern!(
    ACCOUNT,
    format!(
        r"(?i:\b(?:account|acct\.?|billing\s+(?:number|id)|invoice\s+(?:number|no\.?|#)|claim\s+(?:number|no\.?|#|id)|card\s+(?:number|no\.?))){LINK}({ID})"
    )
);
pattern!(
    LICENSE,
    format!(
        r"(?i:\b(?:driver'?s'?\s+licen[cs]e|licen[cs]e\s+(?:number|no\.?|#)|certificate(?:\s+(?:number|no\.?|#))?|certification\s+(?:number|no\.?|#)|dea(?:\s+registration)?|npi|registration\s+(?:number|no\.?|#)|permit\s+(?:number|no\.?|#)|passport|state\s+id)){LINK}({ID})"
    )
);
pattern!(
    PLATE,
    format!(
        r"(?i:\b(?:licen[cs]e\s+plate|number\s+plate|registration\s+plate|plate|tag\s+number)){LINK}(?:(?:[A-Z]{{2}}|[A-Z][a-z]+)\s+)?([A-Z0-9]{{1,4}}[- ]?[A-Z0-9]{{1,5}})\b"
    )
);
pattern!(VIN_LABEL, format!(r"(?i:\bvin){LINK}([A-HJ-NPR-Z0-9]{{11,17}})\b"));
pattern!(
    DEVICE,
    format!(
        r"(?i:\b(?:serial|s/n|sn\s*[:#]|lot|model\s+(?:number|no\.?|#)|device\s+(?:id|identifier|number|serial)|udi|imei|imsi|mac\s+address)){LINK}({ID})"
    )
);
pattern!(
    OTHER_ID,
    format!(
        r"\b(?:ID|(?i:identification\s+number|reference\s+(?:number|no\.?)|case\s+id|patient\s+code)){LINK}({ID})"
    )
);

// --- addresses and places --------------------------------------------------------------------

pattern!(
    STREET,
    r"\b\d{1,6}[A-Za-z]?\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?(?:[A-Z0-9][\p{L}'’.-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Ter|Way|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Alley|Row|Crescent|Close|Grove|Gardens|Mews|Pike|Turnpike)\b\.?"
);
pattern!(
    UNIT,
    r"\b(?:Apt|Apartment|Unit|Suite|Ste|Flat)\.?\s*#?\s*(?:\d+[A-Za-z]?|[A-Z]\d*)\b|\bP\.?\s?O\.?\s+Box\s+\d+"
);
pattern!(
    PLACE_SUFFIXED,
    r"\b(?:from|in|of|near|outside|at)\s+(?:rural\s+)?((?:[A-Z][a-z]+[\s-]){1,2}(?:County|Parish|Township|Borough|Village|Valley|Heights|Springs|Falls|Harbor|Harbour|Beach|Creek|Hills|Junction|Crossing|Ridge|Lake|Bay|Point|Port|Mills|Landing|Station)\b)"
);
pattern!(
    PLACE_LIVES,
    r"(?i:\b(?:lives|lived|living|resides|resided|residing|moved|grew\s+up|raised|settled|retired|farms|works|worked|home))\s+(?i:in|to|near|outside(?:\s+of)?)\s+(?:the\s+town\s+of\s+|rural\s+)?([A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2})"
);
pattern!(
    PLACE_TOWN_OF,
    r"(?i:\b(?:town|village|city|hamlet|borough|township|county|parish)\s+of)\s+([A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2})"
);
pattern!(
    PLACE_ADJECTIVE,
    r"\b(?:[Aa]n?|[Tt]he)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:man|woman|mother|father|boy|girl|teen|teenager|resident|farmer|retiree|couple|family|grandmother|grandfather|widow|widower|veteran|native)\b"
);
pattern!(
    PLACE_FROM,
    r"(?i:\b(?:farmer|fisherman|fisher|teacher|man|woman|patient|mother|father|boy|girl|retiree|veteran|nurse|miner|worker|driver|student|grandmother|grandfather|widow|widower|couple|family|mom|dad|lady|gentleman|teen|teenager|child|baby|rancher|logger|trucker|mechanic|pastor|coach|son|daughter|husband|wife|brother|sister|native|resident))\s+(?i:from|of)\s+([A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2})"
);

// --- dates and ages --------------------------------------------------------------------------

pattern!(
    DATE_MD,
    format!(r"\b{MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?:\d{{4}}|'\d{{2}}))?")
);
pattern!(
    DATE_DM,
    format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b\.?(?:,?\s+\d{{4}})?")
);
pattern!(DATE_NUM, r"\b(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})\b");
pattern!(DATE_ISO, r"\b(\d{4})-(\d{2})-(\d{2})\b");
pattern!(
    DATE_SHORT,
    r"(?i:\b(?:admitted|discharged|born|died|seen|visited|presented|operated|readmitted|dob|d\.o\.b\.?|birthday))\s*:?\s+(?:on\s+)?(\d{1,2}/\d{1,2})\b"
);
pattern!(
    AGE_YEARS,
    r"(?i)\b(\d{2,3})(?:\s*|-)(?:years?|yrs?)(?:\s*|-)(?:old(s)?|of\s+age)\b|\b(\d{2,3})\s?(?:y/o|yo|y\.o\.)(?:\W|$)"
);
pattern!(AGE_AGED, r"(?i)\b(?:aged?|at\s+age|at\s+the\s+age\s+of|turned|turns)\s+(\d{2,3})\b");
pattern!(AGE_APPOSITIVE, r"\b([\p{L}'’]+),\s+(\d{2,3}),");
pattern!(
    AGE_WORDS,
    r"(?i)\b(?:ninety|a\s+hundred|one\s+hundred)(?:[\s-](?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine))?\b"
);

// --- names -----------------------------------------------------------------------------------

pattern!(NAME_TITLE, format!(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Mister)\b\.?\s+({NAME})"));
pattern!(
    NAME_PATIENT,
    format!(
        r"(?i:\b(?:my|our|a|one|the|this|that|another)\s+(?:\w+\s+)?(?:patient|client|resident))\s*,?\s+({NAME})"
    )
);
pattern!(
    NAME_NAMED,
    format!(
        r"(?i:\b(?:(?:man|woman|boy|girl|patient|client|child|baby|infant|lady|gentleman|guy|friend|person|someone|somebody|daughter|son|wife|husband|mother|father|sister|brother|grandmother|grandfather|teen|teenager|toddler|veteran|widow|widower|farmer|retiree|student|nurse|teacher|neighbou?r|resident|mom|dad)\s+(?:named|called|by\s+the\s+name\s+of)|(?:his|her|their|my|whose|patient's)\s+(?:first\s+|last\s+)?name\s+(?:is|was)|goes\s+by|went\s+by))\s+({NAME})"
    )
);
pattern!(
    NAME_RELATIVE,
    format!(
        r"(?i:\b(?:his|her|their|my|our|the\s+patient's|the|a)\s+(?:(?:late|older|younger|eldest|oldest|youngest|adult|teenage|twin|only|new|ex-?|former|step-?)\s*)?(?:husband|wife|son|daughter|mother|father|brother|sister|grandson|granddaughter|grandmother|grandfather|grandchild|partner|boyfriend|girlfriend|fianc[eé]e?|niece|nephew|aunt|uncle|cousin|neighbou?r|caregiver|carer|mom|dad|mum|stepson|stepdaughter|child|baby|twin|spouse|roommate|employer|boss))\s*,?\s+({NAME})"
    )
);
pattern!(
    NAME_LABEL,
    r"(?i:\b(?:patient|pt|patient\s+name|name|client))\s*:\s*([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)+)"
);
pattern!(NAME_AGE, r"\b([A-Z][a-z]+\s+[A-Z][\p{L}'’-]+),\s+(\d{1,3}),");
pattern!(
    NAME_INTRO,
    r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:,\s+|\s+(?:is|was)\s+)(?:a|an)\s+\d{1,3}[\s-]year[\s-]old\b"
);
pattern!(
    NAME_INITIALS,
    r"(?:\b(?i:patient|client|resident)|\b(?:Mr|Mrs|Ms|Mx|Miss)\.?)\s+([A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?)"
);

// --- context helpers -------------------------------------------------------------------------

/// Up to `n` bytes of `text` before byte `at`, cut at a character boundary.
fn text_before(text: &str, at: usize, n: usize) -> &str {
    let mut lo = at.saturating_sub(n);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    &text[lo..at]
}

/// Up to `n` bytes of `text` after byte `at`, cut at a character boundary.
fn text_after(text: &str, at: usize, n: usize) -> &str {
    let mut hi = (at + n).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    &text[at..hi]
}

/// The last `n` bytes of `s` (fewer if a character straddles the cut).
fn tail(s: &str, n: usize) -> &str {
    text_before(s, s.len(), n)
}

/// The sentence around `start..end`: from the previous sentence end (or line break) to the
/// next, at most 300 bytes each way.
fn sentence(text: &str, start: usize, end: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let lo_limit = start.saturating_sub(300);
    let mut lo = start;
    while lo > lo_limit {
        let b = bytes[lo - 1];
        if b == b'\n'
            || (matches!(b, b'.' | b'!' | b'?')
                && lo < bytes.len()
                && bytes[lo].is_ascii_whitespace()
                && !abbreviation_before(text, lo - 1))
        {
            break;
        }
        lo -= 1;
    }
    let hi_limit = (end + 300).min(bytes.len());
    let mut hi = end;
    while hi < hi_limit {
        let b = bytes[hi];
        if b == b'\n'
            || (matches!(b, b'.' | b'!' | b'?')
                && (hi + 1 >= bytes.len() || bytes[hi + 1].is_ascii_whitespace())
                && !abbreviation_before(text, hi))
        {
            break;
        }
        hi += 1;
    }
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    lo..hi
}

/// Whether the period at `dot` ends a title or short abbreviation ("Mrs.", "Dr.", "no.").
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    matches!(
        word.to_ascii_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "mx"
            | "dr"
            | "st"
            | "no"
            | "vs"
            | "e.g"
            | "i.e"
            | "jr"
            | "sr"
            | "apt"
            | "ave"
            | "rd"
    ) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// Whether `hay` contains `word` as a whole word or phrase; returns its offsets.
fn find_word(hay: &str, word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(word) {
        let s = from + i;
        let e = s + word.len();
        let before_ok = hay[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push(s);
        }
        from = e;
        if from >= hay.len() {
            break;
        }
    }
    out
}

/// A word list compiled into one case-insensitive, whole-word pattern.
struct WordList(LazyLock<Regex>);

impl WordList {
    const fn new(init: fn() -> Regex) -> Self {
        WordList(LazyLock::new(init))
    }
}

fn word_list(words: &[&str]) -> Regex {
    let alternatives: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    re(&format!(r"(?i)(?:^|[^\p{{L}}\p{{N}}])({})(?:$|[^\p{{L}}\p{{N}}])", alternatives.join("|")))
}

static PERSON_EVENT_LIST: WordList = WordList::new(|| word_list(PERSON_EVENTS));
static PERSON_LIST: WordList = WordList::new(|| word_list(PERSON_WORDS));
static PUBLICATION_LIST: WordList = WordList::new(|| word_list(PUBLICATION_WORDS));
static ORGANIZATION_LIST: WordList = WordList::new(|| word_list(ORGANIZATION_WORDS));

fn contains_any(hay: &str, words: &WordList) -> bool {
    words.0.is_match(hay)
}

/// Distance from `pos` to the nearest word of the list in `hay` (`None` when absent).
fn nearest(hay: &str, pos: usize, words: &WordList) -> Option<usize> {
    words
        .0
        .captures_iter(hay)
        .filter_map(|c| c.get(1))
        .map(|m| if m.end() <= pos { pos - m.end() } else { m.start().saturating_sub(pos) })
        .min()
}

/// Whether `hay` holds any of a few words (for short, one-off lists).
fn contains_word(hay: &str, words: &[&str]) -> bool {
    words.iter().any(|w| !find_word(hay, w).is_empty())
}

/// Whether a name-like text is no patient's: a stop word, a famous figure, or not a name.
fn not_a_name(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    let lower = name.to_lowercase();
    let first_lower = first.to_lowercase();
    first.chars().count() < 2
        || NOT_NAMES.contains(&first_lower.trim_end_matches(['\'', '’', 's']))
        || NOT_NAMES.contains(&first_lower.as_str())
        || HISTORICAL.contains(&lower.as_str())
        || name
            .split_whitespace()
            .any(|w| HISTORICAL.contains(&w.to_lowercase().as_str()) && w.len() > 3)
        || first.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
}

/// Drops a possessive "'s" and a trailing word that is not part of a name ("Tom Then").
fn name_range(text: &str, range: Range<usize>) -> Range<usize> {
    let mut r = range;
    let s = &text[r.clone()];
    // keep only the first word when the second is not a name
    if let Some(space) = s.find(char::is_whitespace) {
        let second = s[space..].trim_start();
        let second_lower = second.to_lowercase();
        if NOT_NAMES.contains(&second_lower.trim_end_matches("'s").trim_end_matches("’s")) {
            r.end = r.start + space;
        }
    }
    let s = &text[r.clone()];
    for suffix in ["'s", "’s", "'", "’"] {
        if s.ends_with(suffix) {
            r.end -= suffix.len();
            break;
        }
    }
    r
}

// --- candidates ------------------------------------------------------------------------------

/// Every candidate identifier in `text`, before public details and safe zones are removed.
pub(super) fn candidates(text: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut push = |code: &'static str, r: Range<usize>| {
        if r.start < r.end {
            let certain = certain(code);
            out.push(Cand { code, start: r.start, end: r.end, certain });
        }
    };

    emails_and_urls(text, &mut push);
    numbers(text, &mut push);
    labelled(text, &mut push);
    addresses_and_places(text, &mut push);
    dates(text, &mut push);
    ages(text, &mut push);
    names(text, &mut push);
    out.extend(super::names::find(text));
    out
}

fn emails_and_urls(text: &str, push: &mut impl FnMut(&'static str, Range<usize>)) {
    for m in EMAIL.find_iter(text) {
        push("privacy.email", m.range());
    }
    for m in URL.find_iter(text) {
        let url = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
        if url_points_at_person(url) {
            push("privacy.url", m.start()..m.start() + url.len());
        }
    }
}

/// Whether a URL points at a person: a social profile, a personal page, or a record.
pub(super) fn url_points_at_person(url: &str) -> bool {
    static PERSON: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?ix)
            ^(?:https?://)?(?:[a-z0-9-]+\.)*(?:
                facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|tiktok\.com|snapchat\.com
              | threads\.net|tumblr\.com|blogspot\.com|wordpress\.com|myspace\.com|pinterest\.com
              | gofundme\.com|caringbridge\.org|linktr\.ee|about\.me|patreon\.com|substack\.com
              | onlyfans\.com|vk\.com|weibo\.com
            )(?:[/:?\#]|$)
            | ^(?:https?://)?(?:www\.)?(?:linkedin\.com/in/|youtube\.com/(?:@|user/|c/|channel/)
              |reddit\.com/(?:u|user)/|medium\.com/@|flickr\.com/photos/|github\.com/[a-z0-9-]+/?$
              |mastodon\.[a-z]+/@|[a-z0-9.-]+/@[a-z0-9_]+)
            | [?&;](?:patient|pt|mrn|uid|user|userid|username|name|firstname|lastname|fname|lname
              |email|dob|member|memberid|account|acct|record|chart|ssn|phone|person|profile|id
              |patient_?id|user_?id|record_?id)=
            | /~[a-z]
            | /(?:patients?|users?|members?|profiles?|people|persons?|records?|charts?)/[a-z0-9._-]*\d
        ")
    });
    PERSON.is_match(url)
}

/// Digits of a text, without a leading country code 1 on an 11-digit number.
fn digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    if d.len() == 11 && d.starts_with('1') { d[1..].to_string() } else { d }
}

/// Whether the characters around `r` make it part of something longer (a bigger number, a
/// date, a code, a range).
fn glued(text: &str, r: &Range<usize>) -> bool {
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    let after2 = text[r.end..].chars().nth(1);
    before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | '_' | '+'))
        || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '_'))
        || (matches!(after, Some('-' | '.')) && after2.is_some_and(|c| c.is_ascii_digit()))
}

fn numbers(text: &str, push: &mut impl FnMut(&'static str, Range<usize>)) {
    let mut phones: Vec<Range<usize>> = Vec::new();
    for re in [&*PHONE_NANP, &*PHONE_INTL, &*PHONE_TRUNK] {
        for m in re.find_iter(text) {
            let r = m.range();
            if glued(text, &r) || phones.iter().any(|p| p.start < r.end && r.start < p.end) {
                continue;
            }
            let n = digits(m.as_str()).len();
            if !(7..=15).contains(&n) {
                continue;
            }
            // an organization's or the emergency services' number
            let window = text_before(text, r.start, 80);
            let lower = window.to_lowercase();
            let d = digits(m.as_str());
            // Toll-free numbers belong to organizations, unless the text gives them as a
            // person's ("his cell", "her number").
            let toll_free = d.len() == 10
                && ["800", "888", "877", "866", "855", "844", "833"].contains(&&d[..3]);
            let personal = contains_word(
                tail(&lower, 50),
                &[
                    "his",
                    "her",
                    "their",
                    "patient",
                    "patient's",
                    "cell",
                    "mobile",
                    "home",
                    "personal",
                ],
            );
            if contains_any(&lower, &ORGANIZATION_LIST)
                || PUBLIC_NUMBERS.contains(&d.as_str())
                || (toll_free && !personal)
            {
                phones.push(r);
                continue;
            }
            let near = tail(&lower, 30);
            let code = if near.contains("fax") { "privacy.fax" } else { "privacy.phone" };
            phones.push(r.clone());
            push(code, r);
        }
    }
    for c in PHONE_LOCAL.captures_iter(text) {
        let m = c.get(1).expect("group");
        if !glued(text, &m.range())
            && !phones.iter().any(|p| p.start <= m.start() && m.end() <= p.end)
        {
            let lower = c.get(0).expect("match").as_str().to_lowercase();
            push(if lower.contains("fax") { "privacy.fax" } else { "privacy.phone" }, m.range());
        }
    }
    for c in SSN.captures_iter(text) {
        let m = c.get(0).expect("match");
        if c[1] != c[2] || glued(text, &m.range()) {
            continue;
        }
        let d = digits(m.as_str());
        let area = &d[..3];
        if area == "000"
            || area == "666"
            || area.starts_with('9')
            || &d[3..5] == "00"
            || &d[5..] == "0000"
        {
            continue;
        }
        push("privacy.ssn", m.range());
    }
    for c in SSN_LABEL.captures_iter(text) {
        push("privacy.ssn", c.get(1).expect("group").range());
    }
    for m in VIN.find_iter(text) {
        let s = m.as_str();
        let letters = s.bytes().filter(u8::is_ascii_alphabetic).count();
        if letters >= 2
            && s.bytes().filter(u8::is_ascii_digit).count() >= 5
            && vin_check_digit_ok(s)
        {
            push("privacy.vehicle", m.range());
        }
    }
    for c in VIN_LABEL.captures_iter(text) {
        push("privacy.vehicle", c.get(1).expect("group").range());
    }
    for m in DEA.find_iter(text) {
        if dea_check_digit_ok(m.as_str()) {
            push("privacy.license", m.range());
        }
    }
    for m in MBI.find_iter(text) {
        push("privacy.health_plan", m.range());
    }
    for m in IPV4.find_iter(text) {
        let r = m.range();
        let before = text[..r.start].chars().next_back();
        let after = text[r.end..].chars().next();
        let after2 = text[r.end..].chars().nth(1);
        if before.is_some_and(|c| c == '.' || c.is_alphanumeric())
            || (after == Some('.') && after2.is_some_and(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let lower_before = text_before(text, r.start, 12).to_lowercase();
        if lower_before.contains("version") || lower_before.trim_end().ends_with('v') {
            continue;
        }
        push("privacy.ip", r);
    }
    for m in IPV6.find_iter(text) {
        let s = m.as_str();
        let colons = s.matches(':').count();
        let hex_letter = s.chars().any(|c| c.is_ascii_alphabetic());
        if s.len() >= 6
            && colons >= 2
            && (s.contains("::") || colons == 7)
            && (hex_letter || colons >= 5)
        {
            push("privacy.ip", m.range());
        }
    }
    for c in GPS_DEC.captures_iter(text) {
        let lat: f64 = c[1].parse().unwrap_or(999.0);
        let lon: f64 = c[3].parse().unwrap_or(999.0);
        if lat.abs() <= 90.0 && lon.abs() <= 180.0 {
            let start = c.get(1).expect("group").start();
            let end = c.get(4).or(c.get(3)).expect("group").end();
            push("privacy.gps", start..end);
        }
    }
    for m in GPS_DMS.find_iter(text) {
        push("privacy.gps", m.range());
    }
}

/// The check digit of a North American VIN (position 9).
fn vin_check_digit_ok(vin: &str) -> bool {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: u8| -> u32 {
        match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A' | b'J' => 1,
            b'B' | b'K' | b'S' => 2,
            b'C' | b'L' | b'T' => 3,
            b'D' | b'M' | b'U' => 4,
            b'E' | b'N' | b'V' => 5,
            b'F' | b'W' => 6,
            b'G' | b'P' | b'X' => 7,
            b'H' | b'Y' => 8,
            b'R' | b'Z' => 9,
            _ => 0,
        }
    };
    let sum: u32 = vin.bytes().zip(WEIGHTS).map(|(c, w)| value(c) * w).sum();
    let check = sum % 11;
    let expected = if check == 10 { b'X' } else { b'0' + check as u8 };
    vin.as_bytes()[8] == expected
}

/// The check digit of a DEA registration number.
fn dea_check_digit_ok(dea: &str) -> bool {
    let d: Vec<u32> = dea[2..].bytes().map(|b| u32::from(b - b'0')).collect();
    let sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
    sum % 10 == d[6]
}

/// How many ASCII digits a text holds.
fn digit_count(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

fn labelled(text: &str, push: &mut impl FnMut(&'static str, Range<usize>)) {
    let table: [(&Regex, &'static str, usize); 7] = [
        (&MRN, "privacy.mrn", 3),
        (&HEALTH_PLAN, "privacy.health_plan", 3),
        (&ACCOUNT, "privacy.account", 4),
        (&LICENSE, "privacy.license", 4),
        (&DEVICE, "privacy.device", 3),
        (&PLATE, "privacy.vehicle", 1),
        (&OTHER_ID, "privacy.other_id", 4),
    ];
    for (re, code, min_digits) in table {
        for c in re.captures_iter(text) {
            let m = c.get(1).expect("group");
            let id = m.as_str().trim_end_matches(['.', '-', '/']);
            if digit_count(id) < min_digits {
                continue;
            }
            if code == "privacy.vehicle" {
                let letters = id.bytes().filter(u8::is_ascii_alphabetic).count();
                let len = id.bytes().filter(u8::is_ascii_alphanumeric).count();
                if letters == 0 || !(4..=8).contains(&len) {
                    continue;
                }
            }
            // a dose, a year or a measurement after the label is not an identifier
            let after = super::lower_prefix(text[m.end()..].trim_start(), 64);
            if ["mg", "ml", "mcg", "units", "years", "%", "mm", "kg"]
                .iter()
                .any(|u| after.starts_with(u))
            {
                continue;
            }
            if id.len() == 4 && id.starts_with(['1', '2']) && id.bytes().all(|b| b.is_ascii_digit())
            {
                continue; // a year
            }
            if BLOOD_PRESSURE.is_match(id) {
                continue; // "120/80"
            }
            push(code, m.start()..m.start() + id.len());
        }
    }
}

fn is_large_place(place: &str) -> bool {
    let lower = place.to_lowercase();
    LARGE_PLACES.contains(&lower.as_str())
        || LARGE_PLACES.contains(&lower.trim_start_matches("the ").to_string().as_str())
}

/// Trims a place name at the first word that is not part of it ("Springfield and", "Denver to").
fn place_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let mut end = r.start;
    let mut offset = 0;
    for (i, w) in s.split_inclusive([' ', '-']).enumerate() {
        let word = w.trim_end_matches([' ', '-']);
        if i > 0 && (NOT_NAMES.contains(&word.to_lowercase().as_str()) || word.is_empty()) {
            break;
        }
        offset += w.len();
        end = r.start + offset - (w.len() - word.len());
    }
    r.start..end
}

/// Whether a capitalized word before "man" or "woman" is a nationality, an ethnicity or a
/// faith ("an American woman", "a Black man"), not a town.
fn demonym(word: &str) -> bool {
    const GROUPS: &[&str] = &[
        "black",
        "white",
        "asian",
        "hispanic",
        "latino",
        "latina",
        "latinx",
        "native",
        "indigenous",
        "jewish",
        "muslim",
        "christian",
        "catholic",
        "hindu",
        "sikh",
        "buddhist",
        "amish",
        "mormon",
        "deaf",
        "gay",
        "lesbian",
        "transgender",
        "young",
        "old",
        "elderly",
        "older",
        "healthy",
        "pakistani",
        "israeli",
        "iraqi",
        "saudi",
        "somali",
        "nepali",
        "bengali",
        "kuwaiti",
        "yemeni",
        "omani",
        "qatari",
        "emirati",
        "thai",
        "greek",
        "dutch",
        "french",
        "swiss",
        "czech",
        "inuit",
        "maori",
        "roma",
    ];
    let first = word.split_whitespace().next().unwrap_or("").to_lowercase();
    GROUPS.contains(&first.as_str())
        || ["ican", "ian", "ean", "ese", "ish", "ic"].iter().any(|s| first.ends_with(s))
            && first.len() > 4
}

/// Whether a place name is part of an institution's name ("Boston Children's Hospital").
fn institution(text: &str, r: &Range<usize>) -> bool {
    const INSTITUTIONS: &[&str] = &[
        "hospital",
        "clinic",
        "medical",
        "university",
        "health",
        "center",
        "centre",
        "college",
        "school",
        "institute",
        "children's",
        "general",
        "memorial",
        "regional",
        "county hospital",
        "va",
        "infirmary",
        "hospice",
        "research",
        "foundation",
        "public",
    ];
    let place = text[r.clone()].to_lowercase();
    let after = text_after(text, r.end, 40).to_lowercase();
    let after = after.trim_start_matches(['\'', '’', 's']);
    let next: Vec<&str> = after.split_whitespace().take(2).collect();
    INSTITUTIONS.iter().any(|w| {
        place.split_whitespace().any(|p| p == *w)
            || next.iter().any(|n| n.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
    })
}

fn addresses_and_places(text: &str, push: &mut impl FnMut(&'static str, Range<usize>)) {
    for m in STREET.find_iter(text) {
        let mut r = m.range();
        // keep the period of "St." or "Ave.", not the full stop after "Street."
        let last = m.as_str().trim_end_matches('.').rsplit(' ').next().unwrap_or("");
        if m.as_str().ends_with('.') && last.len() > 4 {
            r.end -= 1;
        }
        push("privacy.address", r);
    }
    for m in UNIT.find_iter(text) {
        push("privacy.address", m.range());
    }
    for m in ZIP.find_iter(text) {
        let r = m.range();
        if glued(text, &r) {
            continue;
        }
        let plus4 = m.as_str().len() == 10;
        let before = text_before(text, r.start, 40);
        let prev_token = before
            .trim_end()
            .trim_end_matches([',', '.'])
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let state_before = STATE_CODES.contains(&prev_token) || is_large_place(prev_token);
        let lower = before.to_lowercase();
        let address_words = [
            "zip", "postal", "postcode", "address", "lives", "lived", "mail", "street", "road",
            "avenue", "apt", "box",
        ];
        if plus4 || state_before || contains_word(&lower, &address_words) {
            push("privacy.zip", r);
        }
    }
    for re in [&*PLACE_SUFFIXED, &*PLACE_LIVES, &*PLACE_FROM, &*PLACE_TOWN_OF, &*PLACE_ADJECTIVE] {
        for c in re.captures_iter(text) {
            let m = c.get(1).expect("group");
            let r = place_range(text, m.range());
            let place = &text[r.clone()];
            if place.is_empty()
                || is_large_place(place)
                || (std::ptr::eq(re, &*PLACE_ADJECTIVE) && demonym(place))
                || not_a_name(place)
                || institution(text, &r)
            {
                continue;
            }
            // the place must be about a person the article describes
            let s = sentence(text, r.start, r.end);
            let lower = text[s].to_lowercase();
            let needs_person =
                std::ptr::eq(re, &*PLACE_SUFFIXED) || std::ptr::eq(re, &*PLACE_TOWN_OF);
            if needs_person && !contains_any(&lower, &PERSON_LIST) {
                continue;
            }
            push("privacy.place", r);
        }
    }
}

fn month_day_ok(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn dates(text: &str, push: &mut impl FnMut(&'static str, Range<usize>)) {
    let mut found: Vec<Range<usize>> = Vec::new();
    for c in DATE_MD.captures_iter(text) {
        let day: u32 = c[1].parse().unwrap_or(0);
        if (1..=31).contains(&day) {
            found.push(c.get(0).expect("match").range());
        }
    }
    for c in DATE_DM.captures_iter(text) {
        let day: u32 = c[1].parse().unwrap_or(0);
        let mut r = c.get(0).expect("match").range();
        if (1..=31).contains(&day) {
            // "the 3rd of May": include "the" for the message? no: report from the number
            if text[r.clone()].ends_with('.') {
                r.end -= 1;
            }
            found.push(r);
        }
    }
    for c in DATE_NUM.captures_iter(text) {
        let r = c.get(0).expect("match").range();
        if c[2] != c[4] || glued(text, &r) {
            continue;
        }
        let a: u32 = c[1].parse().unwrap_or(0);
        let b: u32 = c[3].parse().unwrap_or(0);
        if &c[2] == "." && c[5].len() != 4 {
            continue; // "1.5.10" is a version, not a date
        }
        if month_day_ok(a, b) || month_day_ok(b, a) {
            found.push(r);
        }
    }
    for c in DATE_SHORT.captures_iter(text) {
        let m = c.get(1).expect("group");
        let (a, b) = m.as_str().split_once('/').expect("slash");
        let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
        if (month_day_ok(a, b) || month_day_ok(b, a)) && !glued(text, &m.range()) {
            push("privacy.date", m.range());
        }
    }
    for c in DATE_ISO.captures_iter(text) {
        let m: u32 = c[2].parse().unwrap_or(0);
        let d: u32 = c[3].parse().unwrap_or(0);
        if month_day_ok(m, d) {
            found.push(c.get(0).expect("match").range());
        }
    }
    for r in found {
        if date_tied_to_person(text, &r) {
            push("privacy.date", r);
        }
    }
}

/// Whether a full date is a date in a person's life or care, not a publication's.
fn date_tied_to_person(text: &str, r: &Range<usize>) -> bool {
    let label = text_before(text, r.start, 30).to_lowercase();
    if label.contains("dob")
        || label.contains("d.o.b")
        || label.contains("date of birth")
        || label.contains("born")
    {
        return true;
    }
    let s = sentence(text, r.start, r.end);
    let lower = text[s.clone()].to_lowercase();
    // a date in the life of a famous figure of medicine ("the birthday of Frederick Banting")
    if HISTORICAL.iter().any(|h| h.len() > 4 && !find_word(&lower, h).is_empty()) {
        return false;
    }
    let pos = r.start - s.start;
    let event = nearest(&lower, pos, &PERSON_EVENT_LIST);
    let publication = nearest(&lower, pos, &PUBLICATION_LIST);
    match (event, publication) {
        (Some(e), Some(p)) => e < p,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => contains_any(&lower, &PERSON_LIST),
    }
}

/// Whether the words around an age make it a group ("people aged 90 and older").
fn age_is_generic(text: &str, r: &Range<usize>) -> bool {
    let after = text_after(text, r.end, 30).to_lowercase();
    let after = after.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '+');
    let after = after.trim_start_matches("years").trim_start_matches("year").trim_start();
    if after.starts_with('+')
        || [
            "and older",
            "or older",
            "and over",
            "or over",
            "and above",
            "and up",
            "plus",
            "or more",
            "and beyond",
            "or above",
        ]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return true;
    }
    let before = text_before(text, r.start, 40).to_lowercase();
    let before_trim = before.trim_end();
    [
        "over",
        "above",
        "older than",
        "at least",
        "under",
        "younger than",
        "past",
        "beyond",
        "than",
        "to",
    ]
    .iter()
    .any(|w| {
        before_trim.ends_with(w)
            || before_trim.ends_with(&format!("{w} age"))
            || before_trim.ends_with(&format!("{w} aged"))
    }) || [
        "people",
        "adults",
        "patients",
        "women",
        "men",
        "those",
        "persons",
        "individuals",
        "residents",
        "anyone",
        "everyone",
        "population",
    ]
    .iter()
    .any(|w| !find_word(&before, w).is_empty())
}

fn ages(text: &str, push: &mut impl FnMut(&'static str, Range<usize>)) {
    let old = |n: &str| n.parse::<u32>().is_ok_and(|n| (90..=125).contains(&n));
    for c in AGE_YEARS.captures_iter(text) {
        let m = c.get(0).expect("match");
        let n = c.get(1).or(c.get(3)).expect("number");
        if !old(n.as_str()) || c.get(2).is_some() {
            continue; // "90-year-olds" are a group
        }
        let r = m.start()..m.end();
        let r = r.start
            ..text[r.clone()].trim_end_matches(|c: char| !c.is_alphanumeric()).len() + r.start;
        if !age_is_generic(text, &r) {
            push("privacy.age", r);
        }
    }
    for c in AGE_AGED.captures_iter(text) {
        let m = c.get(0).expect("match");
        let s = sentence(text, m.start(), m.end());
        let person = contains_any(&text[s], &PERSON_LIST);
        if old(&c[1]) && person && !age_is_generic(text, &m.range()) {
            push("privacy.age", m.range());
        }
    }
    for c in AGE_APPOSITIVE.captures_iter(text) {
        let word = &c[1];
        let n = c.get(2).expect("group");
        let person = word.chars().next().is_some_and(char::is_uppercase)
            && !NOT_NAMES.contains(&word.to_lowercase().as_str())
            || PERSON_WORDS.contains(&word.to_lowercase().as_str());
        if old(n.as_str()) && person {
            push("privacy.age", n.range());
        }
    }
    for m in AGE_WORDS.find_iter(text) {
        let r = m.range();
        let before = text_before(text, r.start, 14).to_lowercase();
        let after = text_after(text, r.end, 16).to_lowercase();
        let said_as_age = ["was", "is", "turned", "turns", "aged", "age", "at", "of", "be"]
            .iter()
            .any(|w| before.trim_end().ends_with(w))
            || after.trim_start().starts_with("years")
            || after.starts_with("-year");
        let unit = [
            "percent", "%", "per", "days", "minutes", "seconds", "mg", "pounds", "times", "miles",
            "dollars", "people", "patients", "of ",
        ]
        .iter()
        .any(|u| after.trim_start().starts_with(u));
        if said_as_age && !unit && !age_is_generic(text, &r) {
            push("privacy.age", r);
        }
    }
}

/// Whether the words right after a name make it a member of staff ("Mrs. Robinson, our
/// practice manager").
fn staff_after(text: &str, end: usize) -> bool {
    let after = text_after(text, end, 50).to_lowercase();
    let after = after.trim_start_matches(|c: char| c == ',' || c == '(' || c.is_whitespace());
    ["our ", "my ", "the practice's ", "the clinic's ", "a ", "the "].iter().any(|lead| {
        after.strip_prefix(lead).is_some_and(|rest| {
            STAFF_WORDS.iter().any(|w| {
                rest.starts_with(w) || rest.split_once(' ').is_some_and(|(_, r2)| r2.starts_with(w))
            })
        })
    })
}

fn names(text: &str, push: &mut impl FnMut(&'static str, Range<usize>)) {
    for re in [&*NAME_TITLE, &*NAME_PATIENT, &*NAME_NAMED, &*NAME_RELATIVE, &*NAME_LABEL] {
        for c in re.captures_iter(text) {
            let m = c.get(1).expect("group");
            // "give the baby Tylenol": after child, baby and twin only "the baby, Ava," is a name
            if std::ptr::eq(re, &*NAME_RELATIVE) {
                let lead = c.get(0).expect("match").as_str()
                    [..m.start() - c.get(0).expect("match").start()]
                    .to_lowercase();
                let lead = lead.trim_end();
                if ["child", "baby", "twin"].iter().any(|w| lead.ends_with(w)) {
                    continue;
                }
            }
            let r = name_range(text, m.range());
            let name = &text[r.clone()];
            if not_a_name(name) || staff_after(text, r.end) {
                continue;
            }
            push("privacy.name", r);
        }
    }
    for re in [&*NAME_INTRO, &*NAME_INITIALS] {
        for c in re.captures_iter(text) {
            let m = c.get(1).expect("group");
            if !not_a_name(m.as_str().trim_end_matches('.')) || std::ptr::eq(re, &*NAME_INITIALS) {
                push("privacy.name", m.range());
            }
        }
    }
    for c in NAME_AGE.captures_iter(text) {
        let m = c.get(1).expect("group");
        let age: u32 = c[2].parse().unwrap_or(999);
        if age <= 120
            && !not_a_name(m.as_str())
            && !m
                .as_str()
                .split_whitespace()
                .any(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()))
        {
            push("privacy.name", m.range());
        }
    }
}

/// The words of a name, lower-case, without honorifics, initials and possessives.
fn name_tokens(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’' && c != '-')
        .map(|t| t.trim_end_matches("'s").trim_end_matches("’s").to_lowercase())
        .filter(|t| {
            t.chars().count() > 1 && !matches!(t.as_str(), "mr" | "mrs" | "ms" | "dr" | "mx")
        })
        .collect()
}

/// Whether a candidate is a public detail: the practice's own, or an allowed or cited name.
pub(super) fn is_public(code: &str, matched: &str, ctx: &PrivacyContext) -> bool {
    match code {
        "privacy.name" => {
            let tokens: Vec<String> = name_tokens(matched);
            // A listed name covers the same name, or its family name (the last word, or every
            // word of a cited author's family name); a first name shared with an author
            // ("Ann Roe" beside the author Ann Smith) is not enough, unless it stands alone.
            let listed = |names: &[String], family_only: bool| {
                names.iter().any(|n| {
                    let listed = name_tokens(n);
                    let Some(family) = listed.last() else { return false };
                    listed == tokens
                        || tokens.iter().any(|t| t == family)
                        || (family_only && listed.iter().all(|l| tokens.contains(l)))
                        || (!family_only && tokens.len() == 1 && listed.contains(&tokens[0]))
                })
            };
            listed(&ctx.allowed_names, false) || listed(&ctx.cited_names, true)
        }
        "privacy.phone" | "privacy.fax" => {
            let d = digits(matched);
            ctx.practice.iter().any(|p| {
                let pd = digits(p);
                pd.len() >= 7 && (pd == d || pd.ends_with(&d) || d.ends_with(&pd))
            })
        }
        "privacy.email" | "privacy.url" => ctx.practice.iter().any(|p| {
            p.trim().eq_ignore_ascii_case(matched)
                || p.to_lowercase().contains(&matched.to_lowercase())
        }),
        "privacy.address" | "privacy.zip" | "privacy.place" => {
            let m = matched.to_lowercase();
            ctx.practice.iter().chain(&ctx.practice_towns).any(|p| p.to_lowercase().contains(&m))
        }
        _ => false,
    }
}

/// Whether a candidate of this kind is sure enough to stop a build: identifiers found by their
/// shape or by the label that introduces them are; a place is a warning, since only the
/// author knows whether the town is the patient's.
fn certain(code: &str) -> bool {
    !matches!(code, "privacy.place")
}
