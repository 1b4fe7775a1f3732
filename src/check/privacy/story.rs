//! The rules for what a patient's story gives away besides a name (issue 12): ages however
//! written and birth years that imply one, dates in a person's tables and lists or beside a
//! time of day, numbers named by the document they come from, a patient's own pages and
//! handles, places and workplaces, and images of a face or a biometric.
//!
//! Input: a text. Output: candidates, like [`super::detect`]'s, each with its certainty.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::detect::Cand;
use super::lexicon::{LARGE_PLACES, NOT_NAMES};

/// Compiles a pattern with ASCII word boundaries, as [`super::detect`] does: Unicode ones
/// would keep the regex engine from its fast DFA.
fn re(pattern: &str) -> Regex {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    Regex::new(&pattern).unwrap_or_else(|e| panic!("privacy pattern {pattern}: {e}"))
}

macro_rules! pattern {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| re($re));
    };
}

// --- ages --------------------------------------------------------------------------------------

pattern!(
    AGE_SAID,
    r"(?i)(?:\bage\s*(?:\|\s*|:\s*)|\b(?:i'm|i’m|i\s+am|he's|he’s|she's|she’s)\s+|\b(?:husband|wife|mother|father|grandmother|grandfather|patient|mom|dad|grandma|grandpa|he|she|who|aunt|uncle|brother|sister|widow|widower)\s+(?:is|was|turned|turns|is\s+now|was\s+now)\s+|\((?:f|m|female|male|woman|man),\s*|\b(?:man|woman|lady|gentleman|patient|widow|widower|veteran|grandmother|grandfather)\s+of\s+|\blived\s+)(\d{2,3})\b"
);
pattern!(AGE_AT, r"(?i)\b(?:at|until|to|reached|reach)\s+(\d{2,3})\b");
pattern!(AGE_BIRTHDAY, r"(?i)\b(\d{2,3})(?:st|nd|rd|th)\s+birthday\b");
pattern!(
    BIRTH_YEAR,
    r"(?i)(?:\bborn(?:\s+in)?|\bb\.|\bdob:?|\bdate\s+of\s+birth:?|\bbirth\s+year[:,]?|\bclass\s+of)\s*((?:18|19|20)\d{2}|'\d{2})\b"
);
pattern!(YEAR, r"\b(?:19|20)\d{2}\b");

fn ages(text: &str, out: &mut Vec<Cand>) {
    let old = |n: u32| (90..=125).contains(&n);
    for c in AGE_SAID.captures_iter(text).chain(AGE_BIRTHDAY.captures_iter(text)) {
        let m = c.get(1).expect("group");
        let n: u32 = m.as_str().parse().unwrap_or(0);
        let after = super::lower_prefix(text[m.end()..].trim_start(), 64);
        let unit =
            ["%", "percent", "mg", "lb", "pound", "kg", "bpm", "beats", "mm", "/", "."].iter().any(
                |u| after.starts_with(u) && (*u != "." || after[1..].starts_with(char::is_numeric)),
            );
        let s = &text[sentence(text, &m.range())];
        if old(n) && !unit && !super::names::mentions_public_figure(s) {
            out.push(Cand { code: "privacy.age", start: m.start(), end: m.end(), certain: true });
        }
    }
    for c in AGE_AT.captures_iter(text) {
        let m = c.get(1).expect("group");
        let n: u32 = m.as_str().parse().unwrap_or(0);
        if !old(n) {
            continue;
        }
        let after = super::lower_prefix(text[m.end()..].trim_start(), 64);
        let before = text[floor(text, m.start().saturating_sub(40))..m.start()].to_lowercase();
        let measured = [
            "rate",
            "pressure",
            "oxygen",
            "saturation",
            "sugar",
            "glucose",
            "level",
            "score",
            "temperature",
            "weight",
            "pulse",
            "percentile",
            "speed",
            "bpm",
            "dose",
            "count",
            "up to",
            "from",
            "between",
            "range",
            "aged",
            "age",
            "ages",
            "over",
            "under",
            "than",
            "people",
            "adults",
            "patients",
            "women",
            "men",
        ]
        .iter()
        .any(|w| before.contains(w));
        let unit = after
            .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '%' | '/' | '°' | '-' | '+'))
            || [
                "percent",
                "mg",
                "lb",
                "pound",
                "kg",
                "bpm",
                "beat",
                "mm",
                "degree",
                "mph",
                "mile",
                "feet",
                "foot",
                "minute",
                "second",
                "hour",
                "day",
                "week",
                "month",
                "year",
                "time",
                "people",
                "patients",
                "and older",
                "and over",
                "and up",
                "or older",
                "or more",
                "or over",
                "to 9",
                "to 1",
            ]
            .iter()
            .any(|u| after.starts_with(u));
        let s = &text[sentence(text, &m.range())];
        if !measured && !unit && person_in(s) && !super::names::mentions_public_figure(s) {
            out.push(Cand { code: "privacy.age", start: m.start(), end: m.end(), certain: true });
        }
    }
    // a birth year that makes someone over 89 in the year the text speaks of
    let years: Vec<u32> = YEAR.find_iter(text).filter_map(|m| m.as_str().parse().ok()).collect();
    for c in BIRTH_YEAR.captures_iter(text) {
        let m = c.get(1).expect("group");
        let y = m.as_str();
        let born: u32 = match y.strip_prefix('\'') {
            Some(short) => 1900 + short.parse::<u32>().unwrap_or(99),
            None => y.parse().unwrap_or(0),
        };
        let latest = years.iter().copied().filter(|&y| y != born).max().unwrap_or(0);
        if latest >= born + 90 {
            let whole = c.get(0).expect("match");
            out.push(Cand {
                code: "privacy.age",
                start: whole.start(),
                end: m.end(),
                certain: true,
            });
        }
    }
}

// --- dates -------------------------------------------------------------------------------------

pattern!(
    DATE_ANY,
    r"(?i)\b(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\b(?:,?\s+\d{4})?|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})"
);
pattern!(
    TIME,
    r"(?i)\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\bmidnight\b|\bnoon\b"
);
pattern!(
    WEEKDAY_DATE,
    r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(\d{1,2}/\d{1,2})\b"
);
pattern!(
    HOLIDAY_DATE,
    r"(?i)\b(?:christmas(?:\s+(?:day|eve))?|new\s+year's(?:\s+(?:day|eve))?|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|halloween|valentine's\s+day|independence\s+day|the\s+fourth\s+of\s+july|mother's\s+day|father's\s+day),?\s+((?:18|19|20)\d{2})\b"
);
pattern!(
    SHORT_DATE_TIME,
    r"\b(\d{1,2}/\d{1,2})\s+(?:at|around|about|by)\s+\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?"
);
pattern!(DAY_OF, r"(?i)\b(?:on|of|since|until|by)\s+(the\s+\d{1,2}(?:st|nd|rd|th))\b");

const PUBLIC_DATE_WORDS: &[&str] = &[
    "published",
    "reviewed",
    "updated",
    "update",
    "released",
    "approved",
    "approval",
    "issued",
    "guideline",
    "guidelines",
    "effective",
    "announced",
    "launched",
    "awareness",
    "day",
    "week",
    "month",
    "correction",
    "corrected",
    "version",
    "deadline",
    "enrollment",
    "season",
    "clinic",
    "class",
    "webinar",
    "event",
    "office",
    "closed",
    "holiday",
    "fda",
    "cdc",
    "uspstf",
    "who",
    "trial",
    "study",
];

/// Table headers that make the rows a person's care ("| Visit | Date | Weight |").
const CARE_HEADS: &[&str] = &[
    "visit",
    "visits",
    "seen",
    "admitted",
    "discharged",
    "given",
    "result",
    "results",
    "reading",
    "readings",
    "weight",
    "a1c",
    "dose",
    "doses",
    "appointment",
    "symptom",
    "symptoms",
    "episode",
    "seizure",
    "fall",
    "shot",
    "vaccine",
    "level",
];

fn person_in(s: &str) -> bool {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric() && c != '\'').any(|w| {
        matches!(
            w,
            "he" | "she"
                | "his"
                | "her"
                | "him"
                | "patient"
                | "patient's"
                | "mr"
                | "mrs"
                | "ms"
                | "husband"
                | "wife"
                | "son"
                | "daughter"
                | "mother"
                | "father"
        )
    })
}

fn words_in(s: &str, list: &[&str]) -> bool {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| list.contains(&w))
}

fn line_at(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// Byte ranges of fenced code blocks: an example log in one is not a person's dates.
fn fences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            match open.take() {
                Some(start) => out.push(start..offset + line.len()),
                None => open = Some(offset),
            }
        }
        offset += line.len();
    }
    out
}

fn dates(text: &str, out: &mut Vec<Cand>) {
    let fenced = fences(text);
    for m in DATE_ANY.find_iter(text) {
        let r = m.range();
        if fenced.iter().any(|f| f.contains(&r.start)) {
            continue;
        }
        let line = line_at(text, r.start);
        let line_text = &text[line.clone()];
        let lead = line_text.trim_start();
        let row = lead.starts_with('|')
            || lead.starts_with("- ")
            || lead.starts_with("* ")
            || lead.split_once(". ").is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        // a table's header row tells what its dates are
        let table_head = if lead.starts_with('|') {
            text[..line.start]
                .lines()
                .rev()
                .take_while(|l| l.trim_start().starts_with('|'))
                .last()
                .unwrap_or("")
        } else {
            ""
        };
        let public =
            words_in(line_text, PUBLIC_DATE_WORDS) || words_in(table_head, PUBLIC_DATE_WORDS);
        let near = |n: usize| {
            let lo = floor(text, r.start.saturating_sub(n));
            let hi = ceil(text, (r.end + n).min(text.len()));
            &text[lo..hi]
        };
        // the person must be near: the sentence before a table, or the lines around a list
        let person = person_in(near(300));
        let timed = TIME.is_match(near(22)) && !public;
        let care_table = words_in(table_head, CARE_HEADS);
        let named = !super::names::find(line_text).is_empty();
        if (row && (person || care_table) && !public) || timed && (person_in(near(80)) || named) {
            out.push(Cand { code: "privacy.date", start: r.start, end: r.end, certain: true });
        }
    }
    for c in WEEKDAY_DATE.captures_iter(text) {
        let m = c.get(1).expect("group");
        out.push(Cand { code: "privacy.date", start: m.start(), end: m.end(), certain: true });
    }
    for c in HOLIDAY_DATE.captures_iter(text) {
        let m = c.get(0).expect("match");
        if person_in(&text[sentence(text, &m.range())]) {
            out.push(Cand { code: "privacy.date", start: m.start(), end: m.end(), certain: true });
        }
    }
    for c in SHORT_DATE_TIME.captures_iter(text) {
        let m = c.get(1).expect("group");
        let (a, b) = m.as_str().split_once('/').unwrap_or(("0", "0"));
        let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
        if (1..=12).contains(&a) && (1..=31).contains(&b)
            || (1..=12).contains(&b) && (1..=31).contains(&a)
        {
            out.push(Cand { code: "privacy.date", start: m.start(), end: m.end(), certain: true });
        }
    }
    for c in DAY_OF.captures_iter(text) {
        let m = c.get(1).expect("group");
        let line = &text[line_at(text, m.start())];
        if person_in(line) && !words_in(line, PUBLIC_DATE_WORDS) {
            out.push(Cand { code: "privacy.date", start: m.start(), end: m.end(), certain: false });
        }
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

// --- numbers named by their document -----------------------------------------------------------

const ID: &str = r"([A-Za-z]{0,6}[-/.]?\d[A-Za-z0-9]*(?:[-/.][A-Za-z0-9]+){0,6})";

static DOCUMENT_IDS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    // A label, up to 40 characters of words that are neither digits nor a sentence end, then
    // the number ("her beneficiary number with the state plan is 55-0021-7781").
    let loose =
        r"[^.\n\d]{0,40}?(?:\b(?:is|was|reads|number|no\.?|num|id|#)\s*[:#]?\s*|[:#,(]\s*|\s)#?\s*";
    [
        (r"employee|staff|badge|work|student|worker|union", r"(?:id|number|no\.?|#|card)", "privacy.other_id"),
        (r"rx|prescription|refill|accession|specimen|lab|requisition|order|case|claim\s+reference|reference", r"(?:number|no\.?|#|id)?", "privacy.other_id"),
        (r"death|birth|marriage|divorce", r"certificate", "privacy.license"),
        (r"state\s+file|certificate|cdl|dl|driver'?s|drivers|commercial\s+driver'?s|pilot|professional|nursing|medical", r"(?:licen[cs]e|number|no\.?|#|certificate)?", "privacy.license"),
        (r"beneficiary|member|subscriber|group|plan|policy|medicaid|medicare|tricare|insurance|coverage", r"(?:id|identifier|number|no\.?|#|card)", "privacy.health_plan"),
        (r"account|acct|guarantor|billing|collections?|pharmacy\s+account", r"(?:number|no\.?|#|id)?", "privacy.account"),
        (r"transmitter|sensor|receiver|pump|pacemaker|defibrillator|icd|cpap|bipap|hearing\s+aids?|implant|device|monitor|meter", r"(?:id|serial(?:s|\s+number)?|s/n|sn|number|no\.?|#|code)", "privacy.device"),
        (r"serials?|s/n|sn", r"(?:numbers?|no\.?|#)?", "privacy.device"),
        (r"hospital|wristband|chart|record|medical\s+record|mrn|patient", r"(?:id|number|no\.?|#|band)", "privacy.mrn"),
    ]
    .into_iter()
    .map(|(head, tail, code)| {
        (re(&format!(r"(?i)\b(?:{head})\b\s*(?:{tail})\b?{loose}{ID}((?:(?:,\s*|\s+and\s+|\s+or\s+){ID})*)")), code)
    })
    .collect()
});

pattern!(
    VANITY,
    r"(?i)\b(?:vanity\s+)?(?:licen[cs]e\s+)?plate\s+(?:reads\s+|reading\s+|is\s+|that\s+says\s+)?[\x22“]?(?-i:([A-Z0-9]{2,8}))\b"
);
pattern!(SSN_MASKED, r"(?i)(?:\*{3}|xxx)-(?:\*{2}|xx)-(\d{4})\b");
pattern!(
    SSN_ENDING,
    r"(?i)\b(?:ssn|social(?:\s+security)?(?:\s+number)?)\s+(?:ending|that\s+ends|which\s+ends)\s+(?:in|with)\s+(\d{4})\b"
);
pattern!(
    SSN_LAST4,
    r"(?i)\blast\s+(?:four|4)(?:\s+digits)?\s+of\s+(?:his|her|their|my|the|your)?\s*(?:social(?:\s+security)?(?:\s+number)?|ssn)\b[^\d\n]{0,25}(\d{4})\b"
);

fn numbers(text: &str, out: &mut Vec<Cand>) {
    for (regex, code) in DOCUMENT_IDS.iter() {
        for c in regex.captures_iter(text) {
            let mut ids = vec![c.get(1).expect("group").range()];
            if let Some(more) = c.get(2) {
                let chain = &text[more.range()];
                static PART: LazyLock<Regex> = LazyLock::new(|| re(ID));
                ids.extend(
                    PART.find_iter(chain).map(|m| more.start() + m.start()..more.start() + m.end()),
                );
            }
            for r in ids {
                let id = text[r.clone()].trim_end_matches(['.', '-', '/']);
                let digits = id.bytes().filter(u8::is_ascii_digit).count();
                let after = super::lower_prefix(text[r.start + id.len()..].trim_start(), 64);
                let measure = [
                    "mg", "ml", "mcg", "units", "years", "year", "%", "mm", "kg", "lb", "days",
                    "weeks", "times", "a.m", "p.m", "am ", "pm ",
                ]
                .iter()
                .any(|u| after.starts_with(u));
                let year = id.len() == 4
                    && (id.starts_with("19") || id.starts_with("20"))
                    && id.bytes().all(|b| b.is_ascii_digit());
                let device_code = *code == "privacy.device"
                    && id.len() >= 5
                    && !id.chars().any(char::is_lowercase)
                    && id.chars().any(|c| c.is_ascii_alphabetic());
                let short = digits < 3 && !device_code;
                if !measure && !year && !short {
                    out.push(Cand { code, start: r.start, end: r.start + id.len(), certain: true });
                }
            }
        }
    }
    for c in VANITY.captures_iter(text) {
        let m = c.get(1).expect("group");
        let s = m.as_str();
        let letters = s.bytes().filter(u8::is_ascii_alphabetic).count();
        if letters >= 2 && s.len() >= 4 && !NOT_NAMES.contains(&s.to_lowercase().as_str()) {
            out.push(Cand {
                code: "privacy.vehicle",
                start: m.start(),
                end: m.end(),
                certain: true,
            });
        }
    }
    for c in SSN_MASKED.captures_iter(text) {
        let m = c.get(0).expect("match");
        out.push(Cand { code: "privacy.ssn", start: m.start(), end: m.end(), certain: true });
    }
    for c in SSN_LAST4.captures_iter(text).chain(SSN_ENDING.captures_iter(text)) {
        let m = c.get(1).expect("group");
        out.push(Cand { code: "privacy.ssn", start: m.start(), end: m.end(), certain: true });
    }
}

// --- addresses a street pattern misses ---------------------------------------------------------

pattern!(
    RURAL_OR_CORNER,
    r"(?i)\b(?:rural\s+route|RR|star\s+route|HC)\s*\d+,?\s*box\s+\d+\b|\bcorner\s+of\s+(?-i:[A-Z][a-z]+|\d+(?:st|nd|rd|th))(?:\s+(?:street|st\.?|avenue|ave\.?|road|rd\.?))?\s+(?:and|&)\s+(?-i:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\b(?:\s+(?:street|st\.?|avenue|ave\.?|road|rd\.?))?"
);

fn addresses(text: &str, out: &mut Vec<Cand>) {
    for m in RURAL_OR_CORNER.find_iter(text) {
        out.push(Cand { code: "privacy.address", start: m.start(), end: m.end(), certain: true });
    }
}

// --- tables whose columns say what the cells are -----------------------------------------------

fn tables(text: &str, out: &mut Vec<Cand>) {
    let mut header: Option<Vec<String>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let row = line.trim_end();
        if !row.trim_start().starts_with('|') {
            header = None;
            continue;
        }
        let cells: Vec<(usize, &str)> = {
            let mut v = Vec::new();
            let mut pos = start + (line.len() - line.trim_start().len());
            let inner = row.trim_start();
            for (k, cell) in inner.split('|').enumerate() {
                if k > 0 {
                    v.push((pos, cell));
                }
                pos += cell.len() + 1;
            }
            v
        };
        if cells.iter().all(|(_, c)| c.trim().chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
            continue; // the |---| line
        }
        let Some(head) = &header else {
            header = Some(cells.iter().map(|(_, c)| c.trim().to_lowercase()).collect());
            continue;
        };
        for (k, (pos, cell)) in cells.iter().enumerate() {
            let Some(h) = head.get(k) else { continue };
            let value = cell.trim();
            if value.is_empty() {
                continue;
            }
            let at = pos + (cell.len() - cell.trim_start().len());
            let r = at..at + value.len();
            let code = match h.as_str() {
                "name" | "patient" | "patient name" | "who" | "resident" => "privacy.name",
                "age" => match value.parse::<u32>() {
                    Ok(n) if (90..=125).contains(&n) => "privacy.age",
                    _ => continue,
                },
                "town" | "city" | "hometown" | "home town" | "neighborhood" | "neighbourhood"
                | "lives in" | "from" | "village" | "county" | "residence" | "home" => {
                    "privacy.place"
                }
                "dob" | "date of birth" | "birthday" | "born" | "admitted" | "discharged"
                | "died" | "date of death" => "privacy.date",
                "employer" | "workplace" | "works at" | "job site" => "privacy.place",
                _ => continue,
            };
            let first = value.split_whitespace().next().unwrap_or("").to_lowercase();
            let generic = ["a", "an", "the", "one", "another", "—", "-", "n/a", "none", "unknown"]
                .contains(&first.as_str())
                || value.chars().next().is_some_and(char::is_lowercase);
            if !generic {
                out.push(Cand {
                    code,
                    start: r.start,
                    end: r.end,
                    certain: code != "privacy.place",
                });
            }
        }
    }
}

// --- a patient's pages and handles -------------------------------------------------------------

pattern!(
    BARE_URL,
    r"(?i)\b(?:[a-z0-9-]+\.)+(?:com|org|net|me|ly|ee|io|co|us|info|blog|example)/[^\s<>()\[\]{}\x22'`]+"
);
pattern!(HANDLE, r"(?:^|[\s(])(@[A-Za-z0-9_][A-Za-z0-9_.]{2,29})\b");
pattern!(REDDIT_USER, r"(?:^|[\s(])(/?u/[A-Za-z0-9_-]{3,})");
pattern!(
    PERSONAL_SITE,
    r"(?i)\b[a-z0-9-]+\.(?:blogspot|wordpress|substack|tumblr|medium|caringbridge|gofundme|wixsite|weebly|squarespace)\.(?:com|org)\b(?:/[^\s<>()\[\]{}\x22'`]*)?"
);

const SOCIAL: &[&str] = &[
    "instagram",
    "tiktok",
    "twitter",
    "x",
    "facebook",
    "threads",
    "youtube",
    "snapchat",
    "handle",
    "follow",
    "follows",
    "goes",
    "posts",
    "posted",
    "account",
    "bluesky",
    "mastodon",
    "blog",
    "channel",
    "username",
    "user",
    "reddit",
    "linkedin",
];

/// Whether a `@name` stands where a social handle does ("on Instagram as @beth").
pub(super) fn social_handle_at(text: &str, r: &Range<usize>) -> bool {
    let line = &text[line_at(text, r.start)];
    words_in(line, SOCIAL)
}

fn pages(text: &str, out: &mut Vec<Cand>, person_url: impl Fn(&str) -> bool) {
    for m in BARE_URL.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|c| c == '/' || c == '.' || c == '@' || c.is_alphanumeric()) {
            continue; // part of a URL with a scheme, or an e-mail address
        }
        let url = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
        let lower = url.to_lowercase();
        if person_url(url) || lower.contains("/obituar") || lower.contains("caringbridge.org/visit")
        {
            out.push(Cand {
                code: "privacy.url",
                start: m.start(),
                end: m.start() + url.len(),
                certain: true,
            });
        }
    }
    for m in URL_WITH_SCHEME.find_iter(text) {
        let lower = m.as_str().to_lowercase();
        if lower.contains("/obituar") || lower.contains("caringbridge.org/visit") {
            let url = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
            out.push(Cand {
                code: "privacy.url",
                start: m.start(),
                end: m.start() + url.len(),
                certain: true,
            });
        }
    }
    for m in PERSONAL_SITE.find_iter(text) {
        let url = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
        out.push(Cand {
            code: "privacy.url",
            start: m.start(),
            end: m.start() + url.len(),
            certain: true,
        });
    }
    // any link the text calls a patient's own video, page or story
    for m in BARE_URL.find_iter(text).chain(URL_WITH_SCHEME.find_iter(text)) {
        let s = text[sentence(text, &m.range())].to_lowercase();
        let public_site = [
            ".gov",
            ".edu",
            ".int",
            "cdc.",
            "nih.",
            "who.int",
            "mayoclinic",
            "heart.org",
            "cancer.org",
            "medlineplus",
            "clinicaltrials",
            "pubmed",
            "doi.org",
        ]
        .iter()
        .any(|d| m.as_str().to_lowercase().contains(d));
        let writes = person_in(&s)
            && words_in(
                &s,
                &[
                    "writes",
                    "wrote",
                    "blogs",
                    "blogged",
                    "posts",
                    "posted",
                    "shares",
                    "shared",
                    "documents",
                    "documented",
                    "journal",
                    "diary",
                    "vlogs",
                    "streams",
                ],
            );
        let owned = !public_site
            && (writes
                || ["his ", "her ", "my patient's ", "their "].iter().any(|p| {
                    [
                        "video",
                        "videos",
                        "blog",
                        "page",
                        "site",
                        "website",
                        "channel",
                        "fundraiser",
                        "obituary",
                        "interview",
                        "story",
                        "photos",
                        "vlog",
                        "podcast",
                        "profile",
                    ]
                    .iter()
                    .any(|w| s.contains(&format!("{p}{w}")))
                }));
        if owned {
            let url = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
            out.push(Cand {
                code: "privacy.url",
                start: m.start(),
                end: m.start() + url.len(),
                certain: false,
            });
        }
    }
    for c in HANDLE.captures_iter(text).chain(REDDIT_USER.captures_iter(text)) {
        let m = c.get(1).expect("group");
        if social_handle_at(text, &m.range()) {
            let end = m.start() + m.as_str().trim_end_matches('.').len();
            out.push(Cand { code: "privacy.url", start: m.start(), end, certain: true });
        }
    }
}

pattern!(URL_WITH_SCHEME, r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]{}\x22'`]+");

// --- places and workplaces ---------------------------------------------------------------------

const CAP: &str = r"[A-Z][\p{L}'’]+(?:[\s-](?:[A-Z][\p{L}'’]+|of|de|del|la|le))*";

static PLACE_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // "in Fort Collins", "from Dearborn", "outside Moose Jaw"
        format!(r"\b(?:[Ii]n|[Ff]rom|[Oo]utside(?:\s+of)?|[Nn]ear|[Rr]aised\s+in|[Bb]ack\s+to)\s+(?:the\s+(?:town|city|village|neighborhood|neighbourhood)\s+of\s+)?({CAP})"),
        // "City, ST 12345"
        r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?),\s+[A-Z]{2}\s+\d{5}\b".to_string(),
        // "the Eastgate neighborhood"
        format!(r"\b(?:the|[Tt]he)\s+({CAP})\s+(?:neighborhood|neighbourhood|area\s+of\s+town|side\s+of\s+town|district|projects|apartments|trailer\s+park|subdivision|housing\s+project|estate)\b"),
        // "The Hendersons live in Oak Hill"
        format!(r"(?i:\b(?:live|lives|lived|living|moved|settled|grew\s+up|raised|resides?|resided|retired|farms?|farmed)\s+(?:in|to|near|outside(?:\s+of)?|on\s+the\s+outskirts\s+of))\s+(?:the\s+(?:town|city|village|neighborhood|neighbourhood)\s+of\s+)?({CAP})"),
        // "at Rosie's Diner", "for Coastal Freight"
        String::from(r"\b(?:at|for|from|At|For|From)\s+(?:the\s+)?((?:[A-Z][\p{L}'’]+\s){0,3}(?:Diner|Cafe|Café|Restaurant|Bar|Grill|Hardware|Market|Bakery|Salon|Garage|Shop|Store|Deli|Pizza|Inn|Motel|Hotel|Farm|Ranch|Mill|Mills|Plant|Factory|Warehouse|Freight|Trucking|Construction|Landscaping|Auto|Motors|Foods|Supply|Lumber|Dairy|Mine|Quarry|Cannery|Laundry|Cleaners|Tavern|Pub|Brewery|Feed))\b"),
    ]
    .iter()
    .map(|p| re(p))
    .collect()
});

pattern!(
    HOSPITAL,
    r"\b(?:at|to|from|in|into|At|To|From)\s+(?:the\s+)?((?:St\.?\s|Saint\s)?(?:[A-Z][\p{L}'’]+\s){0,3}(?:Hospital|General|Medical\s+Center|Regional(?:\s+Hospital|\s+Medical\s+Center)?|Memorial(?:\s+Hospital)?|Infirmary|Health\s+Center|Nursing\s+Home|Rehab(?:ilitation)?\s+Center|Manor|Senior\s+Living|Assisted\s+Living|Care\s+Center|Hospice|Medical\s+Group|Urgent\s+Care|Prison|Jail|Correctional\s+Facility|High\s+School|Middle\s+School|Elementary(?:\s+School)?))\b"
);
pattern!(
    WORKPLACE,
    r"(?i:\b(?:works?|worked|working|job|shift|employed\s+by|employed|employer|cashier|clerk|cook|waitress|waiter|manager|cleans\s+\w+|drives\s+(?:a\s+)?\w+|teaches|taught|nurse|mechanic|driver|welder|server))\b[^.\n]{0,40}?\b(?:at|for|by)\s+(?:the\s+)?((?:[A-Z][\p{L}'’]*\s?){1,4})"
);

const NOT_PLACES: &[&str] = &[
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "january",
    "february",
    "english",
    "spanish",
    "french",
    "mandarin",
    "vietnamese",
    "arabic",
    "korean",
    "tagalog",
    "russian",
    "polish",
    "chinese",
    "hindi",
    "urdu",
    "somali",
    "table",
    "figure",
    "chapter",
    "step",
    "part",
    "type",
    "stage",
    "phase",
    "grade",
    "class",
    "medicare",
    "medicaid",
    "the",
    "her",
    "his",
    "their",
    "our",
    "my",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "i",
    "we",
    "he",
    "she",
    "they",
    "it",
    "you",
    "one",
    "ramadan",
    "christmas",
    "lent",
    "advent",
    "spring",
    "summer",
    "fall",
    "winter",
    "autumn",
    "vitamin",
    "fact",
    "general",
    "particular",
    "addition",
    "total",
    "practice",
    "person",
    "public",
    "time",
    "case",
    "short",
    "turn",
    "order",
    "parkinson",
    "alzheimer",
    "crohn",
    "down",
    "us",
    "usa",
    "u.s.",
    "america",
    "mayo",
    "johns",
    "cleveland",
    "emergency",
    "er",
    "icu",
    "google",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "walmart",
    "target",
    "cvs",
    "walgreens",
    "olympic",
    "olympics",
    "paralympic",
    "congress",
    "parliament",
    "hollywood",
    "vietnam",
    "korea",
    "world",
];

fn places(text: &str, out: &mut Vec<Cand>) {
    let push = |r: Range<usize>, out: &mut Vec<Cand>| {
        let place = text[r.clone()].trim_end_matches(['\'', '’']).trim_end_matches("'s");
        let first = place.split([' ', '-']).next().unwrap_or("").to_lowercase();
        let lower = place.to_lowercase();
        if place.is_empty()
            || LARGE_PLACES.contains(&lower.as_str())
            || NOT_PLACES.contains(&first.as_str())
            || NOT_NAMES.contains(&first.as_str())
        {
            return;
        }
        out.push(Cand {
            code: "privacy.place",
            start: r.start,
            end: r.start + place.len(),
            certain: false,
        });
    };
    for (k, rule) in PLACE_RULES.iter().enumerate() {
        for c in rule.captures_iter(text) {
            let m = c.get(1).expect("group");
            let mut r = m.range();
            // stop at a word that is not part of a place ("Dearborn, Amira" is cut by the
            // comma already; "Fort Collins With" is not)
            let s = &text[r.clone()];
            if let Some(cut) = s
                .split(' ')
                .position(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()))
                .filter(|&p| p > 0)
            {
                r.end = r.start + s.split(' ').take(cut).map(|w| w.len() + 1).sum::<usize>() - 1;
            }
            let after = super::lower_prefix(text[r.end..].trim_start(), 64);
            let thing = [
                "disease",
                "syndrome",
                "palsy",
                "study",
                "heart study",
                "hospital",
                "clinic",
                "university",
                "'s disease",
                "’s disease",
                "spotted fever",
                "virus",
            ]
            .iter()
            .any(|w| after.starts_with(w));
            let line = &text[line_at(text, r.start)];
            let heading = line.trim_start().starts_with('#');
            let window = &text[floor(text, r.start.saturating_sub(200))
                ..ceil(text, (r.end + 300).min(text.len()))];
            let person = if k != 0 {
                true
            } else if heading {
                person_in(window)
            } else {
                person_in(&text[sentence(text, &r)])
            };
            let patients = text[sentence(text, &r)].to_lowercase().contains("my patients");
            if !thing && (person || patients) {
                push(r, out);
            }
        }
    }
    for c in HOSPITAL.captures_iter(text) {
        let m = c.get(1).expect("group");
        if person_in(&text[sentence(text, &m.range())]) {
            push(m.range(), out);
        }
    }
    for c in WORKPLACE.captures_iter(text) {
        let m = c.get(1).expect("group");
        let r = m.start()..m.start() + m.as_str().trim_end().len();
        let s = &text[sentence(text, &r)];
        if person_in(s)
            || s.split_whitespace().next().is_some_and(|w| super::names::lookup(w).first > 0)
        {
            push(r, out);
        }
    }
}

fn sentence(text: &str, r: &Range<usize>) -> Range<usize> {
    // One scan each way that stops at the nearest end: searching for each kind of end
    // separately read a long paragraph to its start for every match.
    let bytes = text.as_bytes();
    let is_end = |b: u8| matches!(b, b'\n' | b'!' | b'?');
    let start = (0..r.start)
        .rev()
        .find_map(|k| {
            if is_end(bytes[k]) {
                Some(k + 1)
            } else if bytes[k] == b'.' && k + 1 < r.start && bytes[k + 1] == b' ' {
                Some(k + 2)
            } else {
                None
            }
        })
        .unwrap_or(0);
    let end = (r.end..bytes.len())
        .find_map(|k| {
            if is_end(bytes[k]) {
                Some(k)
            } else if bytes[k] == b'.' && k + 1 < bytes.len() && bytes[k + 1] == b' ' {
                Some(k + 1)
            } else {
                None
            }
        })
        .unwrap_or(text.len());
    start..end
}

// --- images of a face or a biometric -----------------------------------------------------------

pattern!(IMAGE, r#"!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"([^"\n]*)")?\s*\)"#);
pattern!(
    AUDIO_LINK,
    r"(?i)\[[^\]\n]*\]\(\s*<?[^)\s>]+\.(?:mp3|wav|m4a|ogg|oga|aac|flac|opus)>?\s*\)|<audio\b[^>]*>"
);
pattern!(HTML_IMG, r#"(?i)<img\b[^>]*>"#);

const FACE: &[&str] = &[
    "face", "faces", "selfie", "portrait", "headshot", "smiling", "smile", "cheeks", "cheek",
    "nose", "eyelid", "eyelids", "lips", "forehead", "jaw", "eyes", "mouth",
];
const BIOMETRIC: &[&str] = &[
    "fingerprint",
    "fingerprints",
    "thumbprint",
    "palm",
    "retina",
    "retinal",
    "fundus",
    "iris",
    "voice",
    "voiceprint",
];
const NOT_A_PATIENT: &[&str] = &[
    "stock",
    "illustration",
    "illustrated",
    "diagram",
    "drawing",
    "drawn",
    "cartoon",
    "icon",
    "model",
    "anatomy",
    "anatomical",
    "shaped",
    "whorl",
    "generic",
    "author",
    "posed",
    "actor",
    "mannequin",
    "poster",
    "chart",
    "infographic",
    "graphic",
    "example",
    "sample",
    "dr",
    "doctor",
    "nurse",
    "staff",
    "team",
    "logo",
];

fn images(text: &str, consent: bool, out: &mut Vec<Cand>) {
    if consent {
        return;
    }
    let judge = |r: Range<usize>, said: String, out: &mut Vec<Cand>| {
        let lower = said.to_lowercase().replace(['-', '_', '.', '/'], " ");
        let has = |list: &[&str]| {
            lower.split(|c: char| !c.is_alphanumeric() && c != '\'').any(|w| list.contains(&w))
        };
        let patient = lower.contains("patient")
            || lower.contains("my ")
            || has(&[
                "her",
                "his",
                "him",
                "mr",
                "mrs",
                "ms",
                "miss",
                "pt",
                "shared",
                "permission",
                "blessing",
            ])
            || said.split(|c: char| !c.is_alphabetic()).any(|w| {
                let i = super::names::lookup(w);
                i.first > 0 && !i.word && w.len() > 2
            });
        let stock = has(NOT_A_PATIENT);
        let audio = [".mp3", ".wav", ".m4a", ".ogg", ".oga", ".aac", ".flac", ".opus", "<audio"]
            .iter()
            .any(|e| lower.contains(&e.replace('.', " ")) || said.to_lowercase().contains(e));
        if (has(BIOMETRIC) || audio) && !stock && (patient || audio) {
            out.push(Cand {
                code: "privacy.biometric",
                start: r.start,
                end: r.end,
                certain: false,
            });
        } else if has(FACE) && patient && !stock {
            out.push(Cand {
                code: "privacy.patient_photo",
                start: r.start,
                end: r.end,
                certain: false,
            });
        }
    };
    for c in IMAGE.captures_iter(text) {
        let said = [c.get(1), c.get(2), c.get(3)]
            .iter()
            .flatten()
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        judge(c.get(0).expect("match").range(), said, out);
    }
    for m in HTML_IMG.find_iter(text) {
        judge(m.range(), m.as_str().to_string(), out);
    }
    for m in AUDIO_LINK.find_iter(text) {
        let line = &text[line_at(text, m.start())];
        judge(m.range(), format!("{} {line}", m.as_str()), out);
    }
}

/// Every candidate of these rules in `text`.
pub(super) fn candidates(
    text: &str,
    consent: bool,
    person_url: impl Fn(&str) -> bool,
) -> Vec<Cand> {
    let mut out = Vec::new();
    ages(text, &mut out);
    dates(text, &mut out);
    addresses(text, &mut out);
    tables(text, &mut out);
    numbers(text, &mut out);
    pages(text, &mut out, person_url);
    places(text, &mut out);
    images(text, consent, &mut out);
    out
}
