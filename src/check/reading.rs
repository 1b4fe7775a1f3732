//! Readability findings (`readability.grade`) and each article's scores.
//!
//! Input: an article and the site's `reading_grade_max` and `glossary:`. Output: the article's
//! [`Scores`] (rounded to one decimal) and, when its SMOG grade is above the limit, a warning
//! whose help names what to fix: the longest sentences (their first words and line numbers)
//! and the most frequent long words that are not in the glossary.
//!
//! SMOG needs some text to mean anything: like textstat, an article of fewer than
//! [`MIN_SENTENCES`] sentences is scored but never warned about.

use serde::Serialize;

use crate::diag::{Diagnostic, line_col};
use crate::site::{Article, Site};
use crate::source::front_matter;

use super::readability::{self, Readability};

/// Articles with fewer sentences get no `readability.grade` warning.
pub const MIN_SENTENCES: usize = 3;

/// Readability scores as `rounds check` reports them (grades rounded to one decimal).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    /// SMOG grade.
    pub smog: f64,
    /// Flesch-Kincaid grade level.
    pub flesch_kincaid_grade: f64,
    /// Flesch Reading Ease (0-100, higher is easier).
    pub flesch_reading_ease: f64,
    /// Words of prose.
    pub words: usize,
    /// Sentences of prose.
    pub sentences: usize,
    /// Syllables of prose.
    pub syllables: usize,
}

impl From<Readability> for Scores {
    fn from(r: Readability) -> Self {
        let round = |x: f64| (x * 10.0).round() / 10.0;
        Scores {
            smog: round(r.smog),
            flesch_kincaid_grade: round(r.flesch_kincaid_grade),
            flesch_reading_ease: round(r.flesch_reading_ease),
            words: r.words,
            sentences: r.sentences,
            syllables: r.syllables,
        }
    }
}

/// One article's readability.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleReadability {
    /// The article's file, as diagnostics show it.
    pub file: String,
    /// Its scores.
    pub readability: Scores,
}

/// Scores an article; warns when its SMOG grade is above the site's limit.
pub fn check_article(site: &Site, a: &Article) -> (ArticleReadability, Option<Diagnostic>) {
    let source = &a.source;
    let body = source.body();
    let blocks = readability::prose(body);
    let r = readability::measure(&blocks);
    let scores = ArticleReadability {
        file: source.file.path.display().to_string(),
        readability: Scores::from(r),
    };
    let max = site.config.reading_grade_max;
    if r.sentences < MIN_SENTENCES || r.smog <= max {
        return (scores, None);
    }

    let file = &source.file;
    let offset = source.split.body_offset;
    let longest = readability::longest_sentences(&blocks, 5);
    let mut sentences = Vec::new();
    for (i, (span, words)) in longest.iter().enumerate() {
        // The three longest, and the next two only when they are long too.
        if i >= 3 && *words <= 20 {
            break;
        }
        let (line, _) = line_col(&file.text, span.start + offset);
        let text = body.get(span.start..span.end).unwrap_or("");
        sentences.push(format!("line {line} \"{}\" ({words} words)", first_words(text, 6)));
    }
    let long_words = readability::frequent_long_words(&blocks, &site.config.glossary, 8);
    let mut help = format!(
        "aim for grade {} or below (`reading_grade_max` in site.yaml). Split or shorten the \
         longest sentences: {}.",
        trim_number(max),
        sentences.join("; ")
    );
    if !long_words.is_empty() {
        let list: Vec<String> = long_words.iter().map(|(w, n)| format!("{w} ({n})")).collect();
        help.push_str(&format!(
            " Use shorter words where you can for: {}; a medical term readers must learn can go \
             in `glossary:` in site.yaml.",
            list.join(", ")
        ));
    }
    let warning = Diagnostic::warning(
        "readability.grade",
        format!(
            "this article reads at grade {:.1} (SMOG), above the site's limit of {}",
            r.smog,
            trim_number(max)
        ),
    )
    .at(file, front_matter::key_span(file, &source.split, "title"))
    .with_help(help);
    (scores, Some(warning))
}

/// `8` for 8.0, `7.5` for 7.5.
fn trim_number(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x}") }
}

/// The first `n` words of a sentence as written, Markdown emphasis and citations removed,
/// with "..." when there is more.
fn first_words(text: &str, n: usize) -> String {
    let mut words = Vec::new();
    let mut more = false;
    for w in text.split_whitespace() {
        if w.starts_with("[@") || w.starts_with('@') {
            continue;
        }
        let w = w.trim_matches(|c: char| matches!(c, '*' | '_' | '`'));
        if w.is_empty() {
            continue;
        }
        if words.len() == n {
            more = true;
            break;
        }
        words.push(w);
    }
    let mut s = words.join(" ");
    if more {
        s.push_str("...");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_of_a_sentence() {
        assert_eq!(
            first_words("Some **stroke** treatments only help if they are given early", 6),
            "Some stroke treatments only help if..."
        );
        assert_eq!(first_words("Short one [@a].", 6), "Short one");
        assert_eq!(trim_number(8.0), "8");
        assert_eq!(trim_number(7.5), "7.5");
    }
}
