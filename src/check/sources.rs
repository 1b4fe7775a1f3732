//! Source findings: `citation.none` (warning) for an article that cites nothing, and
//! `sources.uncited_numbers` (info) for a paragraph that gives numbers and cites nothing.
//!
//! Input: an article of the assembled site. Output: diagnostics at the file:line:col of the
//! Markdown file.
//!
//! **Which paragraphs.** Paragraphs, list items and tables of the body, outside headings, code,
//! HTML, footnote definitions, correction notes (`> [!CORRECTION] ...`: a note restates what
//! was wrong and what is right, and the text it corrects carries the source) and the reference
//! section. In a table, the cells of a column headed by a time word ("Age", "When", "How
//! often", "Schedule", "Dose"...) are ages and schedules, not statistics. A block *cites* when its Markdown
//! holds a Pandoc citation (`[@key]`, `[see @key, p. 3]`, in-text `@key`), a footnote
//! reference (`[^1]`) or a link to a web page; a list item or a table also counts as cited when
//! the paragraph that introduces it cites ("These are the warning signs [@nhs]:").
//!
//! **Which numbers.** Percentages and "1 in 23" statistics always count; "one in three" too.
//! Other numbers count unless they are:
//! - years (1800-2100), seasons ("2025-26") and dates ("January 15", "October 2-4",
//!   "15 March", "2026-01-15", "10/02/2026", "the '90s");
//! - ages and schedules ("at 12 to 15 months", "ages 40 to 75", "aged 50", "65 and older",
//!   "4 years old", "every 3 years", "every 4 to 6 hours");
//! - times of day ("8 a.m.", "10:30");
//! - doses and amounts to take ("500 mg", "2 tablets", "5 to 10 mL", "1 teaspoon"): they come
//!   from the label or the prescriber, and a paragraph of instructions would otherwise always
//!   be flagged;
//! - labels ("type 2 diabetes", "stage 3", "step 4", "page 12", "vitamin B12", "COVID-19");
//! - phone numbers and hotlines ("911", "988", "1-800-222-1222");
//! - list numbering written by hand ("1. Wash your hands").
//!
//! It is a question for the author ("is there a source for this?"), not a rule: an info.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use regex::Regex;

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::markdown;
use crate::site::Article;
use crate::source::front_matter;

/// An article must cite at least one source unless it is an opinion piece.
pub fn check_cites_something(a: &Article, diags: &mut Diagnostics) {
    if !a.body.references.is_empty() || a.source.front.opinion {
        return;
    }
    let file = &a.source.file;
    diags.push(
        Diagnostic::warning("citation.none", "this article cites no sources")
            .at(file, front_matter::key_span(file, &a.source.split, "title"))
            .with_help(
                "patients and reviewers need to check where medical claims come from: cite the \
                 guideline or study behind the advice, like `[@whelton2018]`, with the source in \
                 references.yaml; if the article is your personal view, add `opinion: true` \
                 (it is then labelled \"Opinion\")",
            ),
    );
}

static CITES: LazyLock<Regex> = LazyLock::new(|| {
    // A bracketed Pandoc citation, an in-text one (not an e-mail address), or a footnote.
    Regex::new(r"\[[^\[\]]*-?@[\p{L}\p{N}_]|(?:^|[\s(;])-?@[\p{L}\p{N}_]|\[\^[^\]]+\]")
        .expect("citation regex")
});

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// A number or a range of numbers: "4", "4-6", "4 to 6", "12–15".
const RANGE: &str = r"\d+(?:\s*(?:-|–|to|and|or)\s*\d+)?";
const TIME_UNIT: &str = r"(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?)\b";

/// Stretches of text whose digits are never "numbers that need a source".
static NOT_STATISTICS: LazyLock<Regex> = LazyLock::new(|| {
    let patterns = [
        // phone numbers and hotlines
        r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b".to_string(),
        r"\b1-8\d\d-[A-Z0-9-]{7,}".to_string(),
        r"\b(?:911|988|999|112|[2-8]11)\b".to_string(),
        // dates and times
        r"\b\d{4}-\d{2}-\d{2}\b".to_string(),
        r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b".to_string(),
        r"\b(?:1[89]|20)\d{2}\s*[-–/]\s*(?:\d{4}|\d{2})\b".to_string(),
        r"['’]\d0s\b".to_string(),
        format!(
            r"\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*[-–]\s*\d{{1,2}}\b)?(?:,?\s+\d{{4}})?"
        ),
        format!(r"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b"),
        r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|o['’]clock)(?:\W|$)".to_string(),
        r"\b\d{1,2}:\d{2}\b".to_string(),
        // ages and schedules
        format!(r"\b(?:ages?|aged)\s+{RANGE}\+?"),
        format!(r"\b(?:at|by|from|after|before|until|between|under|over)\s+(?:age\s+)?{RANGE}\s*{TIME_UNIT}"),
        format!(r"\b{RANGE}\s*{TIME_UNIT}[\s-]+old\b"),
        r"\b\d+\+?\s*(?:years?\s+)?(?:and|or)\s+(?:older|over|up|above|younger)\b".to_string(),
        format!(r"\bevery\s+(?:other\s+)?{RANGE}\s*{TIME_UNIT}"),
        // doses and amounts to take
        r"\b\d+(?:[.,]\d+)?(?:\s*(?:-|–|to|or)\s*\d+(?:[.,]\d+)?)?\s*(?:mg|mcg|µg|μg|g|ml|l|iu|units?|tablets?|pills?|capsules?|caps|puffs?|drops?|tsp|tbsp|teaspoons?|tablespoons?|doses?|shots?|sprays?|patch(?:es)?|injections?)\b".to_string(),
        // labels: type 2, stage 3, page 12...
        r"\b(?:type|stage|phase|grade|step|part|level|class|tier|chapter|section|pages?|pp?\.|table|figure|fig\.|version|number|no\.|suite|room|route|line|question|item|category|schedule|day|week|vitamin|option|appendix|box)\s+\d+[a-z]?\b".to_string(),
    ];
    Regex::new(&format!("(?i){}", patterns.join("|"))).expect("not-statistics regex")
});
/// A number given as an example ("like 128/82", "say \"128 over 82\""): it and its repeats in
/// the same paragraph need no source.
static EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(?:like|say|e\.g\.,?|for example,?|for instance,?|such as)\s+["“']?\d+(?:[.,]\d+)?(?:\s*(?:/|over)\s*\d+(?:[.,]\d+)?)?"#,
    )
    .expect("example regex")
});
static STATISTIC_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+(?:hundred|thousand|million))\b|\bper\s*cent\b|\bpercent\b",
    )
    .expect("statistic words regex")
});
/// A table header naming a time ("Age", "When", "How often", "Dose"...): its column holds ages
/// and schedules.
static TIME_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:at\s+)?(?:what\s+)?(?:age|ages|age\s+group|age\s+range)|when(?:\s+to\s+\w+(?:\s+\w+)?)?|how\s+often|schedule|timing|interval|frequency|doses?|time|day|week|month|year|date)\s*\??:?$",
    )
    .expect("time header regex")
});
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)*").expect("number regex"));

/// The byte range of the first number in `text` that may need a source (see the module
/// docs), if any.
pub fn first_statistic(text: &str) -> Option<Range<usize>> {
    let masked: Vec<Range<usize>> = NOT_STATISTICS.find_iter(text).map(|m| m.range()).collect();
    let examples: Vec<&str> = EXAMPLE
        .find_iter(text)
        .flat_map(|m| NUMBER.find_iter(m.as_str()).map(|n| n.as_str()))
        .collect();
    let words = STATISTIC_WORDS.find(text).map(|m| m.range());
    let first_number = NUMBER.find_iter(text).map(|m| m.range()).find(|r| {
        if masked.iter().any(|m| m.start <= r.start && r.end <= m.end) {
            return false;
        }
        if examples.contains(&&text[r.clone()]) {
            return false;
        }
        let before: Vec<char> = text[..r.start].chars().rev().take(2).collect();
        let mut rest = text[r.end..].chars();
        let after = rest.next();
        let percent = text[r.end..].trim_start().starts_with('%');
        if percent {
            return true;
        }
        // part of a name or a word: B12, H1N1, COVID-19, 1st, 1990s, 3D, 10-year
        let letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic() || *c == '_');
        if letter(before.first())
            || (before.first() == Some(&'-') && letter(before.get(1)))
            || after.is_some_and(char::is_alphabetic)
            || (after == Some('-') && rest.next().is_some_and(char::is_alphabetic))
        {
            return false;
        }
        let digits = &text[r.clone()];
        if digits.len() == 4 && (1800..=2100).contains(&digits.parse::<u32>().unwrap_or(0)) {
            return false;
        }
        // list numbering written by hand: "1. Wash", "2) Rest"
        if text[..r.start].trim().is_empty()
            && (text[r.end..].starts_with(". ") || text[r.end..].starts_with(") "))
        {
            return false;
        }
        true
    });
    match (first_number, words) {
        (Some(n), Some(w)) => Some(if w.start < n.start { w } else { n }),
        (n, w) => n.or(w),
    }
}

/// A block being collected: its plain text, pieces mapping text offsets to body offsets, and
/// whether it cites.
struct Block {
    text: String,
    pieces: Vec<(usize, usize)>,
    cites: bool,
}

impl Block {
    /// A block over `range` of the body; `cites` lists where the body's citations are.
    fn new(range: Range<usize>, cites: &[Range<usize>], inherited: bool) -> Self {
        // The citations are found once per body: asking the regex again for every list item
        // read a 400-deep nested list 400 times over (35 s for 50,000 items).
        let first = cites.partition_point(|c| c.start < range.start);
        let cites = inherited || cites.get(first).is_some_and(|c| c.end <= range.end);
        Block { text: String::new(), pieces: Vec::new(), cites }
    }

    /// The body offset of byte `at` of `text`.
    fn body_offset(&self, at: usize) -> usize {
        let mut best = 0;
        for &(t, b) in &self.pieces {
            if t > at {
                break;
            }
            best = b + (at - t);
        }
        best
    }
}

fn is_reference_heading(text: &str) -> bool {
    matches!(
        text.trim().trim_end_matches(':').to_ascii_lowercase().as_str(),
        "references" | "reference list" | "bibliography" | "sources" | "works cited" | "citations"
    )
}

/// `sources.uncited_numbers` findings of an article's body.
pub fn check_uncited_numbers(a: &Article) -> Vec<Diagnostic> {
    let source = &a.source;
    let body = source.body();
    let offset = source.split.body_offset;
    let mut out = Vec::new();

    let mut finish = |block: Option<Block>| {
        let Some(b) = block else { return };
        if b.cites {
            return;
        }
        if let Some(r) = first_statistic(&b.text) {
            let start = offset + b.body_offset(r.start);
            let span = Span::new(start, start + (r.end - r.start));
            out.push(
                Diagnostic::info(
                    "sources.uncited_numbers",
                    format!(
                        "\"{}\" is a number, but nothing in this paragraph cites a source",
                        &b.text[r]
                    ),
                )
                .at(&source.file, span)
                .with_label("is there a source for this?")
                .with_help(
                    "cite where the number comes from right after the claim, like \
                     `about 1 in 3 adults [@cdc2024]`; numbers that need no source (your own \
                     example, the practice's hours) can stay as they are",
                ),
            );
        }
    };

    let mut current: Option<Block> = None;
    let mut skip = 0usize;
    let mut heading: Option<String> = None;
    let mut references: Option<HeadingLevel> = None;
    // Whether the paragraph just before cites (it introduces a following list or table).
    let mut lead_in = false;
    let mut lists: Vec<bool> = Vec::new();
    let mut autolink = false;
    let mut image = 0usize;
    // Inside a correction note: its block-quote depth.
    let mut note = 0usize;
    // Tables: the header cells' text, which columns hold ages and schedules, where we are.
    let mut header: Option<Vec<String>> = None;
    let mut time_columns: Vec<bool> = Vec::new();
    let mut column = 0usize;
    let mut in_cell = false;

    let citations: Vec<Range<usize>> = CITES.find_iter(body).map(|m| m.range()).collect();
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        if note > 0 {
            match event {
                Event::Start(Tag::BlockQuote(_)) => note += 1,
                Event::End(TagEnd::BlockQuote(_)) => note -= 1,
                _ => {}
            }
            continue;
        }
        if let Event::Start(Tag::BlockQuote(_)) = event {
            let quoted =
                body[range.clone()].trim_start_matches(|c: char| c == '>' || c.is_whitespace());
            if quoted.get(..13).is_some_and(|m| m.eq_ignore_ascii_case("[!CORRECTION]")) {
                finish(current.take());
                lead_in = false;
                note = 1;
                continue;
            }
        }
        match event {
            Event::Start(Tag::TableHead) => {
                header = Some(Vec::new());
                column = 0;
            }
            Event::End(TagEnd::TableHead) => {
                time_columns = header
                    .take()
                    .unwrap_or_default()
                    .iter()
                    .map(|h| TIME_HEADER.is_match(h.trim()))
                    .collect();
            }
            Event::Start(Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                if let Some(h) = header.as_mut() {
                    h.push(String::new());
                }
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                column += 1;
            }
            Event::Text(ref t) if in_cell => {
                if let Some(h) = header.as_mut().and_then(|h| h.last_mut()) {
                    h.push_str(t);
                }
                if header.is_none() && time_columns.get(column).copied().unwrap_or(false) {
                    // An age or a schedule: kept out of the block's text.
                    continue;
                }
            }
            _ => {}
        }
        if let Some(h) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(level)) => {
                    if references.is_some_and(|r| level <= r) {
                        references = None;
                    }
                    if references.is_none() && is_reference_heading(h) {
                        references = Some(level);
                    }
                    heading = None;
                }
                Event::Text(t) | Event::Code(t) => h.push_str(&t),
                _ => {}
            }
            continue;
        }
        if let Event::Start(Tag::Heading { .. }) = event {
            finish(current.take());
            lead_in = false;
            heading = Some(String::new());
            continue;
        }
        if references.is_some() {
            continue;
        }
        match event {
            Event::Start(
                Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_)
                | Tag::MetadataBlock(_),
            ) => {
                if skip == 0 {
                    finish(current.take());
                    lead_in = false;
                }
                skip += 1;
            }
            Event::End(
                TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition
                | TagEnd::MetadataBlock(_),
            ) => skip = skip.saturating_sub(1),
            _ if skip > 0 => {}
            Event::Start(Tag::List(_)) => {
                finish(current.take());
                lists.push(lead_in || lists.last().copied().unwrap_or(false));
            }
            Event::End(TagEnd::List(_)) => {
                finish(current.take());
                lists.pop();
                lead_in = false;
            }
            Event::Start(Tag::Item) => {
                finish(current.take());
                let inherited = lists.last().copied().unwrap_or(false);
                current = Some(Block::new(range, &citations, inherited));
            }
            Event::Start(Tag::Paragraph) => {
                let in_item = current.as_ref().is_some_and(|b| b.text.trim().is_empty());
                let inherited = !lists.is_empty() && lists.last().copied().unwrap_or(false);
                // A loose list item's paragraph replaces the (empty) item block.
                let cites_item = in_item && current.as_ref().is_some_and(|b| b.cites);
                finish(current.take().filter(|b| !b.text.trim().is_empty()));
                current = Some(Block::new(range, &citations, inherited || cites_item));
            }
            Event::Start(Tag::Table(_)) => {
                finish(current.take());
                current = Some(Block::new(range, &citations, lead_in));
            }
            Event::End(TagEnd::Paragraph) => {
                let cites = current.as_ref().is_some_and(|b| b.cites);
                finish(current.take());
                lead_in = lists.is_empty() && cites;
            }
            Event::End(TagEnd::Item | TagEnd::Table) => {
                finish(current.take());
                lead_in = false;
            }
            Event::Start(Tag::BlockQuote(_)) | Event::End(TagEnd::BlockQuote(_)) => {
                finish(current.take());
                lead_in = false;
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                let web = dest_url.starts_with("http://") || dest_url.starts_with("https://");
                if let (true, Some(b)) = (web, current.as_mut()) {
                    b.cites = true;
                }
            }
            Event::End(TagEnd::Link) => autolink = false,
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            Event::FootnoteReference(_) => {
                if let Some(b) = current.as_mut() {
                    b.cites = true;
                }
            }
            Event::Text(t) if !autolink && image == 0 => {
                if let Some(b) = current.as_mut() {
                    b.pieces.push((b.text.len(), range.start));
                    b.text.push_str(&t);
                }
            }
            Event::Code(_) | Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut() {
                    b.text.push(' ');
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(b) = current.as_mut() {
                    b.text.push_str(" | ");
                }
            }
            _ => {}
        }
    }
    finish(current.take());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(text: &str) -> Option<&str> {
        first_statistic(text).map(|r| &text[r])
    }

    #[test]
    fn numbers_that_may_need_a_source() {
        assert_eq!(stat("About 38% of adults have it."), Some("38"));
        assert_eq!(stat("It missed about 1 in 7 strokes."), Some("1"));
        assert_eq!(stat("Nearly one in three adults has prediabetes."), Some("one in three"));
        assert_eq!(stat("Most colds last 7 to 10 days."), Some("7"));
        assert_eq!(stat("Some 2,500 people took part."), Some("2,500"));
        assert_eq!(stat("A top number below 120 is the goal."), Some("120"));
        assert_eq!(stat("Fifty percent of them improved."), Some("percent"));
        assert_eq!(stat("Over 50 studies found the same."), Some("50"));
        assert_eq!(stat("Of 200 people aged 40, 12 had it."), Some("200"));
    }

    #[test]
    fn numbers_that_need_none() {
        for text in [
            "Back in 1997, an editorial warned us.",
            "It was published on January 15 and updated on 2026-03-02.",
            "Come in at 8 a.m. or call at 10:30.",
            "Take 500 mg twice a day, or 2 tablets with food, or 5 to 10 mL.",
            "Type 2 diabetes, stage 3 kidney disease, vitamin B12 and COVID-19.",
            "Call 911, text 988, or call Poison Control at 1-800-222-1222.",
            "Our number is (555) 010-0123.",
            "1. Wash your hands first.",
            "The 1990s were different; see page 12.",
            "Work out your 10-year chance together.",
            "A reading has two numbers, like 128/82. When we say \"128 over 82,\" we mean 128.",
            "Written on 10/02/2026 and 3/4/26, for the 2025-26 season, as in the '90s.",
            "The clinic is closed October 2-4 and Dec. 24–26, 2026.",
            "Adults aged 50 to 75, ages 40-49, and everyone 65 and older or 18 or younger.",
            "Give the first dose at 12 to 15 months and the second by 4–6 years.",
            "She is 4 years old; he is 2 months old.",
            "Get checked every 3 years, or every other year, and take it every 4 to 6 hours.",
        ] {
            assert_eq!(stat(text), None, "{text}");
        }
    }
}
