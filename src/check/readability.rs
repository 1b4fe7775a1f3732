//! Readability: SMOG, Flesch-Kincaid grade and Flesch Reading Ease of an article's prose in
//! English; Fernández-Huerta and Szigriszt-Pazos in Spanish ([`spanish`]).
//!
//! Input: an article body (Markdown, front matter already removed) and its [`Language`].
//! Output: the prose blocks ([`prose`]), their [`Readability`] scores ([`measure`], or
//! [`spanish::measure`]), and what to fix: the longest sentences ([`longest_sentences`]) and
//! the most frequent long words ([`frequent_long_words`]). A language without formulas has no
//! [`Language`] ([`Language::from_tag`] is `None`) and is not scored.
//!
//! What counts as prose (credibility.md 3.4, L1): paragraphs, block quotes and list items
//! that are sentences. Headings, code (blocks and inline), tables, HTML, image alt text,
//! footnote definitions, link destinations and bare URLs, Pandoc citations (`[@key]`,
//! `[see @a; @b, p. 3]`, in-text `@key`), the `[!CORRECTION] 2026-03-02` that opens a
//! correction note (shown as a label) and everything under a "References" (or
//! "Bibliography", "Sources", "Works cited") heading are left out. A list item counts only if
//! it ends with `.`, `!` or `?` or has at least [`LIST_ITEM_MIN_WORDS`] words: "Chest pain" and
//! "Shortness of breath" are labels, not sentences, and would make the text look easier than
//! it is.
//!
//! Counting rules, chosen to stay close to Python's `textstat` (which most published
//! comparisons use) while reading the text the way a person does:
//! - a word is a run of letters or digits, joined by internal hyphens, apostrophes, slashes
//!   and the dots or commas of numbers: "well-known", "don't", "3.5", "2,500", "mg/dL" are one
//!   word each; numbers count as words of one syllable;
//! - syllables come from [`syllables`] (rules plus a table, measured against CMUdict) in
//!   English and [`spanish::syllables`] (the RAE's syllable division) in Spanish;
//!   a polysyllable (SMOG) is a word of three or more syllables, hyphenated words included;
//! - a sentence ends at `.`, `!` or `?` followed by a space and a capital letter, digit or
//!   quote, unless the word before is an abbreviation ("Dr.", "e.g.", "vs.", "U.S.", "Fig.")
//!   or an initial; the end of a block always ends a sentence. Decimal numbers ("3.5") never
//!   split, since no space follows their dot. A sentence may also start with "¿", "¡" or
//!   "«", and each language has its own abbreviations ("Dra.", "p. ej." in Spanish).
//!
//! All functions are pure and allocation-light; nothing here reads files.

mod language;
pub mod spanish;
mod syllable_table;
mod syllables;
mod syllables_es;

use std::collections::HashMap;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;

pub use self::language::Language;
pub use self::syllables::syllables;
use crate::diag::Span;

/// List items with fewer words than this and no end punctuation are labels, not sentences.
pub const LIST_ITEM_MIN_WORDS: usize = 6;

/// What kind of Markdown block a piece of prose came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProseKind {
    /// A paragraph at the top level.
    Paragraph,
    /// A list item (or a paragraph inside one).
    ListItem,
    /// A paragraph inside a block quote.
    BlockQuote,
}

/// One block of prose, as plain text, with where it is in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProseBlock {
    /// The words a reader reads: Markdown syntax, citations and URLs removed; line breaks are
    /// spaces.
    pub text: String,
    /// The block's byte range in the body.
    pub span: Span,
    /// The kind of block.
    pub kind: ProseKind,
    /// Pieces of `text` copied verbatim from the body: `(text offset, body offset, length)`,
    /// so that a sentence can be pointed at in the body.
    pieces: Vec<(usize, usize, usize)>,
}

impl ProseBlock {
    /// A block from its text, span and kind; positions inside it map to the span's start.
    pub fn new(text: impl Into<String>, span: Span, kind: ProseKind) -> Self {
        ProseBlock { text: text.into(), span, kind, pieces: Vec::new() }
    }

    /// The body byte offset of byte `offset` of `text` (the nearest copied piece, or the
    /// block's start).
    fn body_offset(&self, offset: usize) -> usize {
        let mut best = self.span.start;
        for &(t, b, len) in &self.pieces {
            if offset < t {
                break;
            }
            best = b + (offset - t).min(len);
        }
        best
    }
}

/// The readability of a set of prose blocks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Readability {
    /// SMOG grade (McLaughlin 1969): `1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291`.
    pub smog: f64,
    /// Flesch-Kincaid grade: `0.39 * words/sentences + 11.8 * syllables/words - 15.59`.
    pub flesch_kincaid_grade: f64,
    /// Flesch Reading Ease: `206.835 - 1.015 * words/sentences - 84.6 * syllables/words`.
    pub flesch_reading_ease: f64,
    /// Words in the prose.
    pub words: usize,
    /// Sentences in the prose.
    pub sentences: usize,
    /// Syllables in the prose.
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
}

/// The options the site renders with, so the prose measured is the prose published.
fn options() -> Options {
    crate::markdown::options()
}

/// Headings that start a reference list, whose section is not prose.
fn is_reference_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    matches!(
        t.as_str(),
        "references"
            | "reference list"
            | "bibliography"
            | "sources"
            | "works cited"
            | "citations"
            | "literature cited"
            | "notes and references"
            | "referencias"
            | "referencias bibliográficas"
            | "bibliografía"
            | "fuentes"
            | "obras citadas"
            | "notas y referencias"
    )
}

/// A block being collected.
struct Building {
    text: String,
    pieces: Vec<(usize, usize, usize)>,
    start: usize,
    end: usize,
    kind: ProseKind,
}

impl Building {
    fn new(kind: ProseKind) -> Self {
        Building { text: String::new(), pieces: Vec::new(), start: usize::MAX, end: 0, kind }
    }

    fn push(&mut self, s: &str, range: std::ops::Range<usize>, body: &str) {
        if s.is_empty() {
            return;
        }
        // A piece maps one to one onto the body only when the body holds the same bytes.
        if body.get(range.clone()) == Some(s) {
            self.pieces.push((self.text.len(), range.start, s.len()));
        } else {
            self.pieces.push((self.text.len(), range.start, 0));
        }
        self.text.push_str(s);
        self.start = self.start.min(range.start);
        self.end = self.end.max(range.end);
    }

    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }
}

/// The prose of a Markdown body, block by block (see the module docs for what counts).
pub fn prose(markdown_body: &str) -> Vec<ProseBlock> {
    let mut out = Vec::new();
    let mut current: Option<Building> = None;
    // Depth counters for containers whose contents are skipped entirely.
    let mut skip = 0usize;
    let mut in_heading = false;
    let mut heading_text = String::new();
    let mut heading_level = HeadingLevel::H1;
    // A reference section: skipped until a heading of the same or a higher level.
    let mut references: Option<HeadingLevel> = None;
    let mut quote_depth = 0usize;
    let mut item_depth = 0usize;
    let mut in_autolink = false;

    let finish = |b: Option<Building>, out: &mut Vec<ProseBlock>| {
        if let Some(b) = b {
            if let Some(block) = clean_block(b) {
                out.push(block);
            }
        }
    };

    for (event, range) in Parser::new_ext(markdown_body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                finish(current.take(), &mut out);
                in_heading = true;
                heading_level = level;
                heading_text.clear();
                continue;
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                if references.is_some_and(|r| level <= r) {
                    references = None;
                }
                if references.is_none() && is_reference_heading(&heading_text) {
                    references = Some(level);
                }
                continue;
            }
            _ if in_heading => {
                if let Event::Text(t) | Event::Code(t) = &event {
                    heading_text.push_str(t);
                }
                let _ = heading_level;
                continue;
            }
            _ => {}
        }
        if references.is_some() {
            continue;
        }
        match event {
            Event::Start(
                Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::Image { .. }
                | Tag::FootnoteDefinition(_)
                | Tag::HtmlBlock
                | Tag::Strikethrough
                | Tag::MetadataBlock(_),
            ) => {
                if skip == 0 && matches!(event, Event::Start(Tag::CodeBlock(_) | Tag::Table(_))) {
                    finish(current.take(), &mut out);
                }
                skip += 1;
            }
            Event::End(
                TagEnd::CodeBlock
                | TagEnd::Table
                | TagEnd::Image
                | TagEnd::FootnoteDefinition
                | TagEnd::HtmlBlock
                | TagEnd::Strikethrough
                | TagEnd::MetadataBlock(_),
            ) => {
                skip = skip.saturating_sub(1);
            }
            _ if skip > 0 => {}
            Event::Start(Tag::BlockQuote(_)) => {
                finish(current.take(), &mut out);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                finish(current.take(), &mut out);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::Item) => {
                finish(current.take(), &mut out);
                item_depth += 1;
            }
            Event::End(TagEnd::Item) => {
                finish(current.take(), &mut out);
                item_depth = item_depth.saturating_sub(1);
            }
            Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => {
                finish(current.take(), &mut out);
            }
            Event::Start(Tag::Paragraph) => {
                finish(current.take(), &mut out);
            }
            Event::End(TagEnd::Paragraph) => {
                finish(current.take(), &mut out);
            }
            Event::Start(Tag::Link { link_type, .. }) => {
                in_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
            }
            Event::End(TagEnd::Link) => in_autolink = false,
            Event::Text(t) => {
                if in_autolink {
                    continue;
                }
                let kind = if item_depth > 0 {
                    ProseKind::ListItem
                } else if quote_depth > 0 {
                    ProseKind::BlockQuote
                } else {
                    ProseKind::Paragraph
                };
                current.get_or_insert_with(|| Building::new(kind)).push(&t, range, markdown_body);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut() {
                    b.space();
                }
            }
            Event::Code(_) => {
                // Inline code is not read as prose, but it holds a place in the sentence.
                if let Some(b) = current.as_mut() {
                    b.space();
                }
            }
            _ => {}
        }
    }
    finish(current.take(), &mut out);
    out
}

static CITATION_GROUP: LazyLock<Regex> = LazyLock::new(|| {
    // `[@key]`, `[see @a, p. 12; @b]`, `[-@key]`: brackets holding at least one @key.
    Regex::new(r"\[[^\[\]]*?-?@[\p{L}\p{N}_][^\[\]]*\]").expect("citation regex")
});
static CITATION_INTEXT: LazyLock<Regex> = LazyLock::new(|| {
    // In-text `@key` (not an e-mail address: the @ must not follow a word character).
    Regex::new(r"(?:^|[\s(])(-?@[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-][\p{L}\p{N}_])*)")
        .expect("in-text citation regex")
});
static CORRECTION_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    // The `[!CORRECTION] 2026-03-02` that opens a correction note: markup, shown as a label.
    Regex::new(r"(?i)^\s*\[!correction\][ \t]*(?:[0-9][0-9-]*)?").expect("marker regex")
});
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\x22]")
        .expect("url regex")
});

/// Removes citations and URLs from a collected block (keeping the piece map valid by blanking
/// them with spaces) and drops blocks that are not prose.
fn clean_block(mut b: Building) -> Option<ProseBlock> {
    let mut blank: Vec<std::ops::Range<usize>> = Vec::new();
    blank.extend(CITATION_GROUP.find_iter(&b.text).map(|m| m.range()));
    blank
        .extend(CITATION_INTEXT.captures_iter(&b.text).filter_map(|c| c.get(1)).map(|m| m.range()));
    blank.extend(URL.find_iter(&b.text).map(|m| m.range()));
    if b.kind == ProseKind::BlockQuote {
        blank.extend(CORRECTION_MARKER.find(&b.text).map(|m| m.range()));
    }
    if !blank.is_empty() {
        // SAFETY of indices: every range comes from a regex match on this string, so it falls
        // on char boundaries; replacing its bytes with ASCII spaces keeps the length.
        let mut bytes = std::mem::take(&mut b.text).into_bytes();
        for r in blank {
            for byte in &mut bytes[r] {
                *byte = b' ';
            }
        }
        // Every blanked range covered whole characters, so the bytes are still UTF-8.
        b.text = String::from_utf8(bytes).unwrap_or_default();
    }
    let trimmed = b.text.trim_end();
    let words = count_words(trimmed);
    if words == 0 {
        return None;
    }
    if b.kind == ProseKind::ListItem {
        let last = trimmed.trim_end_matches(['"', '\'', '”', '’', ')', '*', '_']);
        let sentence = last.ends_with(['.', '!', '?']);
        if !sentence && words < LIST_ITEM_MIN_WORDS {
            return None;
        }
    }
    Some(ProseBlock {
        text: b.text,
        span: Span::new(if b.start == usize::MAX { 0 } else { b.start }, b.end),
        kind: b.kind,
        pieces: b.pieces,
    })
}

/// Characters that may join two word characters into one word.
fn joins(c: char, before: char, after: char) -> bool {
    match c {
        '-' | '\u{2010}' | '\u{2011}' | '\'' | '’' | '/' => true,
        '.' => before.is_alphanumeric() && after.is_alphanumeric(),
        ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// Byte ranges of the words in `text`.
fn words(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // skip to the first word character
        let (start, mut prev) = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break (i, c);
            }
        };
        let mut end = start + prev.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                chars.next();
                end = i + c.len_utf8();
                prev = c;
                continue;
            }
            // a joiner counts only between two word characters
            let mut ahead = chars.clone();
            ahead.next();
            match ahead.peek() {
                Some(&(_, after)) if after.is_alphanumeric() && joins(c, prev, after) => {
                    chars.next();
                }
                _ => break,
            }
        }
        Some(start..end)
    })
}

fn count_words(text: &str) -> usize {
    words(text).count()
}

/// Abbreviations after which a period does not end an English sentence, lowercase, without
/// the final period (inner periods kept: "e.g", "u.s").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "drs", "prof", "st", "sr", "jr", "rev", "gen", "sen", "rep",
    "gov", "capt", "lt", "col", "sgt", "fig", "figs", "no", "nos", "vol", "vols", "p", "pp", "ch",
    "chap", "sec", "approx", "ca", "cf", "vs", "v", "e.g", "i.e", "eg", "ie", "u.s", "u.k",
    "u.s.a", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "ed", "eds", "ref", "refs", "est", "max", "min", "avg", "nr", "tab", "tabs",
    "inj", "mt", "ft", "ave", "blvd",
];

/// Byte ranges of the sentences in a block's text.
fn sentences(text: &str, lang: Language) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // include runs of end punctuation and closing quotes/brackets
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                j += 1;
            }
            // closing curly quotes and guillemets
            while let Some(q) = text[j..].chars().next().filter(|c| matches!(c, '”' | '’' | '»'))
            {
                j += q.len_utf8();
            }
            let followed_by_space = j < bytes.len() && bytes[j].is_ascii_whitespace();
            if followed_by_space && ends_sentence(text, i, j, lang.abbreviations()) {
                if count_words(&text[start..j]) > 0 {
                    out.push(start..j);
                }
                start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if count_words(&text[start..]) > 0 {
        out.push(start..text.trim_end().len().max(start));
    }
    out
}

/// Whether the punctuation at `i..j` (followed by whitespace) ends a sentence.
fn ends_sentence(text: &str, i: usize, j: usize, abbreviations: &[&str]) -> bool {
    let next = text[j..].trim_start().chars().next();
    let starts_new = match next {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '\'' | '“' | '‘' | '«' | '¿' | '¡' | '(' | '[' | '*' | '_')
        }
        None => true,
    };
    if !starts_new {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    // the word before the period, with inner periods ("e.g", "U.S")
    let before = &text[..i];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |k| k + before[k..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // An initial ("J. Smith", "John F. Kennedy") follows a capitalized word or nothing;
    // "vitamin D." and "hepatitis B." end sentences.
    let mut wc = word.chars();
    if let (Some(c), None) = (wc.next(), wc.next()) {
        if c.is_uppercase() {
            let prev_word = before[..word_start].split_whitespace().next_back();
            let capital_before =
                prev_word.is_none_or(|p| p.chars().next().is_some_and(char::is_uppercase));
            if capital_before {
                return false;
            }
        }
    }
    let lower = word.to_lowercase();
    !abbreviations.contains(&lower.as_str())
}

/// Word counts of one sentence: (words, syllables, polysyllables).
fn tally(sentence: &str, lang: Language) -> (usize, usize, usize) {
    let mut w = 0;
    let mut s = 0;
    let mut p = 0;
    for r in words(sentence) {
        let n = lang.syllables(&sentence[r]).max(1);
        w += 1;
        s += n;
        if n >= 3 {
            p += 1;
        }
    }
    (w, s, p)
}

/// What every formula is made of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Words.
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Syllables.
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
}

/// Words, sentences and syllables of prose in a language.
pub fn count(blocks: &[ProseBlock], lang: Language) -> Counts {
    let mut c = Counts::default();
    for block in blocks {
        for s in sentences(&block.text, lang) {
            let (w, syl, poly) = tally(&block.text[s], lang);
            if w == 0 {
                continue;
            }
            c.sentences += 1;
            c.words += w;
            c.syllables += syl;
            c.polysyllables += poly;
        }
    }
    c
}

/// SMOG, Flesch-Kincaid grade, Flesch Reading Ease and the counts behind them, for English
/// prose.
///
/// With no words, every score is 0.
pub fn measure(blocks: &[ProseBlock]) -> Readability {
    let c = count(blocks, Language::English);
    let mut r = Readability {
        words: c.words,
        sentences: c.sentences,
        syllables: c.syllables,
        polysyllables: c.polysyllables,
        ..Readability::default()
    };
    if r.words == 0 || r.sentences == 0 {
        return r;
    }
    let wps = r.words as f64 / r.sentences as f64;
    let spw = r.syllables as f64 / r.words as f64;
    r.flesch_reading_ease = 206.835 - 1.015 * wps - 84.6 * spw;
    r.flesch_kincaid_grade = 0.39 * wps + 11.8 * spw - 15.59;
    r.smog = 1.0430 * (r.polysyllables as f64 * 30.0 / r.sentences as f64).sqrt() + 3.1291;
    r
}

/// The `n` longest sentences (by words), longest first, as body spans with their word counts.
/// Ties keep the order of the text.
pub fn longest_sentences(blocks: &[ProseBlock], lang: Language, n: usize) -> Vec<(Span, usize)> {
    let mut all: Vec<(Span, usize)> = Vec::new();
    for block in blocks {
        for s in sentences(&block.text, lang) {
            let w = count_words(&block.text[s.clone()]);
            let text = &block.text[s.clone()];
            // point at the first and last word, not at blanked citations around them
            let first = words(text).next().map_or(s.start, |r| s.start + r.start);
            let last_end = s.start + text.trim_end().len();
            let span = Span::new(block.body_offset(first), block.body_offset(last_end));
            all.push((span, w));
        }
    }
    all.sort_by_key(|s| std::cmp::Reverse(s.1));
    all.truncate(n);
    all
}

/// Forms of a glossary word that are also excluded: singular and plural, without accents
/// (so that "pulmón" also covers "pulmones").
fn glossary_forms(term: &str) -> Vec<String> {
    let t = unaccented(&term.to_lowercase());
    let mut forms = vec![t.clone(), format!("{t}s"), format!("{t}es")];
    if let Some(stem) = t.strip_suffix("ies") {
        forms.push(format!("{stem}y"));
    }
    if let Some(stem) = t.strip_suffix('y') {
        forms.push(format!("{stem}ies"));
    }
    if let Some(stem) = t.strip_suffix("es") {
        forms.push(stem.to_string());
    }
    if let Some(stem) = t.strip_suffix('s') {
        forms.push(stem.to_string());
    }
    forms
}

/// A lowercase word with its vowels' accents removed (ñ kept), for matching the glossary.
fn unaccented(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            _ => c,
        })
        .collect()
}

/// The `n` most frequent long words ([`Language::long_word_syllables`] or more), most
/// frequent first (ties in alphabetical order), leaving out glossary terms (any case, singular
/// or plural, with or without accents; each word of a multi-word term). Words are reported
/// lowercase, except acronyms, which keep capitals.
pub fn frequent_long_words(
    blocks: &[ProseBlock],
    lang: Language,
    glossary: &[String],
    n: usize,
) -> Vec<(String, usize)> {
    let mut excluded = std::collections::HashSet::new();
    for term in glossary {
        for r in words(term) {
            excluded.extend(glossary_forms(&term[r]));
        }
        excluded.extend(glossary_forms(term.trim()));
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for block in blocks {
        for r in words(&block.text) {
            let word = &block.text[r];
            if !word.chars().any(char::is_alphabetic)
                || lang.syllables(word) < lang.long_word_syllables()
            {
                continue;
            }
            let acronym = word.chars().all(|c| !c.is_lowercase());
            let key = if acronym { word.to_string() } else { word.to_lowercase() };
            if excluded.contains(&unaccented(&word.to_lowercase())) {
                continue;
            }
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(n);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<String> {
        prose(body).into_iter().map(|b| b.text.trim().to_string()).collect()
    }

    #[test]
    fn prose_leaves_out_what_is_not_read() {
        let body = "# Heading here\n\nHigh blood pressure is common [@whelton2018; @carey2018, p. 3]. \
As @whelton2018 showed, it is treatable.\n\n```\ncode block here\n```\n\n\
| a | b |\n|---|---|\n| table | cell |\n\n<div>html block</div>\n\n\
See [the guideline](https://example.org/guide) or https://www.heart.org/bp for more. \
Use `inline code` rarely. ![alt text here](x.png)\n\n\
- Chest pain\n- Take your pills at the same time every day.\n\n\
> Quoted advice is prose too.\n\n## References\n\n1. Whelton PK. Hypertension. 2018.\n";
        let t = texts(body);
        assert_eq!(t.len(), 4, "{t:#?}");
        assert!(t[0].starts_with("High blood pressure is common"));
        assert!(!t[0].contains('@') && !t[0].contains('['));
        assert!(t[0].contains("As") && t[0].contains("showed, it is treatable."));
        assert!(t[1].contains("the guideline") && !t[1].contains("http") && !t[1].contains("www"));
        assert!(!t[1].contains("inline code") && !t[1].contains("alt text"));
        assert_eq!(t[2], "Take your pills at the same time every day.");
        assert_eq!(t[3], "Quoted advice is prose too.");
        let kinds: Vec<ProseKind> = prose(body).iter().map(|b| b.kind).collect();
        assert_eq!(kinds[2], ProseKind::ListItem);
        assert_eq!(kinds[3], ProseKind::BlockQuote);
    }

    #[test]
    fn a_correction_marker_is_not_prose() {
        let body = "> [!CORRECTION] 2026-10-02\n> The dose is 5 mg, not 50 mg.\n\n\
                    > [!correction] 2026-10-03 The old text was wrong.\n";
        assert_eq!(texts(body), ["The dose is 5 mg, not 50 mg.", "The old text was wrong."]);
        assert!(frequent_long_words(&prose(body), Language::English, &[], 10).is_empty());
        // A quote that merely mentions the marker later on keeps its words.
        assert_eq!(texts("> We write [!CORRECTION] notes.\n"), ["We write [!CORRECTION] notes."]);
    }

    #[test]
    fn spans_point_into_the_body() {
        let body = "Intro line.\n\nSecond *para* here. Another sentence that is longer than the first one.\n";
        let blocks = prose(body);
        assert_eq!(
            &body[blocks[1].span.start..blocks[1].span.end],
            "Second *para* here. Another sentence that is longer than the first one."
        );
        let longest = longest_sentences(&blocks, Language::English, 1);
        let (span, words) = longest[0];
        assert_eq!(words, 9);
        assert_eq!(
            &body[span.start..span.end],
            "Another sentence that is longer than the first one."
        );
    }

    #[test]
    fn sentence_splitting_handles_abbreviations_and_numbers() {
        let split = |t: &str| sentences(t, Language::English).len();
        assert_eq!(split("Dr. Smith saw 3.5 mm Hg changes. Then he left."), 2);
        assert_eq!(split("Eat more fiber, e.g. beans. It helps."), 2);
        assert_eq!(split("The U.S. Preventive Services Task Force agrees. So do we."), 2);
        assert_eq!(split("Compare drug A vs. drug B. Ask J. Smith first!"), 2);
        assert_eq!(split("Take vitamin D. It helps. Dr. John F. Kennedy agreed."), 3);
        assert_eq!(split("Your target is 120/80 mm Hg. Ask your doctor."), 2);
        assert_eq!(split("Is it safe? Yes. It is."), 3);
        assert_eq!(split("He said \"stop.\" Then he went home."), 2);
        assert_eq!(split("No end punctuation here"), 1);
    }

    #[test]
    fn word_counting() {
        assert_eq!(count_words("A well-known drug, don't stop it: 3.5 mg/dL and 2,500 steps."), 11);
        assert_eq!(count_words("Take 1/2 tablet at 8 a.m."), 6);
    }

    #[test]
    fn formulas_on_a_hand_counted_passage() {
        // 2 sentences, 12 words; syllables: The(1) cat(1) sat(1) on(1) the(1) mat(1) /
        // Diabetes(4) is(1) a(1) serious(3) condition(3) today(2) = 20; polysyllables 3.
        let blocks = vec![ProseBlock::new(
            "The cat sat on the mat. Diabetes is a serious condition today.",
            Span::new(0, 0),
            ProseKind::Paragraph,
        )];
        let r = measure(&blocks);
        assert_eq!((r.words, r.sentences, r.syllables, r.polysyllables), (12, 2, 20, 3));
        let fre = 206.835 - 1.015 * 6.0 - 84.6 * 20.0 / 12.0;
        let fk = 0.39 * 6.0 + 11.8 * 20.0 / 12.0 - 15.59;
        let smog = 1.043 * (3.0f64 * 30.0 / 2.0).sqrt() + 3.1291;
        assert!((r.flesch_reading_ease - fre).abs() < 1e-9);
        assert!((r.flesch_kincaid_grade - fk).abs() < 1e-9);
        assert!((r.smog - smog).abs() < 1e-9);
        assert_eq!(measure(&[]), Readability::default());
    }

    #[test]
    fn long_words_skip_the_glossary() {
        let blocks = prose(
            "Hypertension and hypertension again. Medications help. A medication helps. \
             Diabetes matters. Cardiologists agree with the cardiologist.",
        );
        let glossary = vec!["hypertension".to_string(), "Cardiologist".to_string()];
        let words = frequent_long_words(&blocks, Language::English, &glossary, 10);
        let expected: Vec<(String, usize)> =
            vec![("diabetes".into(), 1), ("medication".into(), 1), ("medications".into(), 1)];
        assert_eq!(words, expected);
        assert!(
            words
                .iter()
                .all(|(w, _)| !w.starts_with("hypertension") && !w.starts_with("cardiologist"))
        );
    }
}

/// Scores every `*.txt`/`*.md` file in `$ROUNDS_READABILITY_DIR`, one JSON line each, for
/// comparing with other implementations (`cargo test --lib readability_dump -- --ignored
/// --nocapture`); in Spanish when `$ROUNDS_READABILITY_LANG` is `es`.
#[cfg(test)]
mod compare {
    #[test]
    #[ignore = "a measuring tool, not a test"]
    fn readability_dump() {
        let Ok(dir) = std::env::var("ROUNDS_READABILITY_DIR") else { return };
        let mut paths: Vec<_> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        let spanish = std::env::var("ROUNDS_READABILITY_LANG").is_ok_and(|l| l.starts_with("es"));
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let blocks = super::prose(&text);
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let r = if spanish {
                serde_json::json!(super::spanish::measure(&blocks))
            } else {
                serde_json::json!(super::measure(&blocks))
            };
            println!("DUMP {}", serde_json::json!({"file": name, "r": r}));
        }
    }
}
