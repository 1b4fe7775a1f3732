//! Readability findings (`readability.grade`, `readability.ease`) and each article's scores.
//!
//! Input: an article, its language tag (today the site's `language:`; see [`language_of`])
//! and the site's targets (`readability:` and `glossary:` in site.yaml). Output: the article's
//! [`Scores`] (rounded to one decimal) and, when it misses its language's target, a warning
//! whose help names what to fix: the longest sentences (their first words and line numbers)
//! and the most frequent long words that are not in the glossary.
//!
//! The language picks the engine ([`Language::from_tag`]): English gets SMOG, Flesch-Kincaid
//! and Flesch Reading Ease, and is warned about above `smog_max`; Spanish gets Szigriszt-Pazos
//! (with its INFLESZ band) and Fernández-Huerta, and is warned about below
//! `szigriszt_pazos_min` (or `fernandez_huerta_min`). A language without formulas gets no
//! score at all (`readability: null`), never the English one.
//!
//! The formulas need some text to mean anything: like textstat, an article of fewer than
//! [`MIN_SENTENCES`] sentences is scored but never warned about.

use serde::Serialize;

use crate::diag::{Diagnostic, line_col};
use crate::site::{Article, Site};
use crate::source::front_matter;

use super::readability::spanish::{self, InfleszBand, SpanishReadability};
use super::readability::{self, Language, ProseBlock, Readability};
use super::report::plural;

/// Articles with fewer sentences get no readability warning.
pub const MIN_SENTENCES: usize = 3;

/// Rounds a score to one decimal, as reports show it.
fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// English scores as `rounds check` reports them (rounded to one decimal).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EnglishScores {
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

impl From<Readability> for EnglishScores {
    fn from(r: Readability) -> Self {
        EnglishScores {
            smog: round(r.smog),
            flesch_kincaid_grade: round(r.flesch_kincaid_grade),
            flesch_reading_ease: round(r.flesch_reading_ease),
            words: r.words,
            sentences: r.sentences,
            syllables: r.syllables,
        }
    }
}

/// Spanish scores as `rounds check` reports them (rounded to one decimal).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SpanishScores {
    /// Szigriszt-Pazos perspicuity (higher is easier).
    pub szigriszt_pazos: f64,
    /// Its band on the INFLESZ scale, in Spanish ("bastante fácil").
    pub inflesz: &'static str,
    /// Fernández-Huerta reading ease (higher is easier).
    pub fernandez_huerta: f64,
    /// Words of prose.
    pub words: usize,
    /// Sentences of prose.
    pub sentences: usize,
    /// Syllables of prose.
    pub syllables: usize,
}

impl From<SpanishReadability> for SpanishScores {
    fn from(r: SpanishReadability) -> Self {
        SpanishScores {
            szigriszt_pazos: round(r.szigriszt_pazos),
            inflesz: InfleszBand::of(r.szigriszt_pazos).label(),
            fernandez_huerta: round(r.fernandez_huerta),
            words: r.words,
            sentences: r.sentences,
            syllables: r.syllables,
        }
    }
}

/// An article's scores, by language (serialized as the language's fields alone).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scores {
    /// SMOG, Flesch-Kincaid, Flesch Reading Ease.
    English(EnglishScores),
    /// Szigriszt-Pazos (INFLESZ), Fernández-Huerta.
    Spanish(SpanishScores),
}

/// One article's readability.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleReadability {
    /// The article's file, as diagnostics show it.
    pub file: String,
    /// The language tag it was read in ("en-US", "es").
    pub language: String,
    /// Its scores; `None` when rounds has no readability formulas for the language.
    pub readability: Option<Scores>,
}

impl ArticleReadability {
    /// The scores in one line, as `rounds check` prints them after the file name: "SMOG 7.3,
    /// Flesch-Kincaid grade 4.5, reading ease 83.2 (673 words, 58 sentences)", or why there
    /// are none.
    pub fn summary(&self) -> String {
        let counts = |words, sentences| {
            format!(
                "({}, {})",
                plural(words, "word", "words"),
                plural(sentences, "sentence", "sentences")
            )
        };
        match &self.readability {
            Some(Scores::English(r)) => format!(
                "SMOG {:.1}, Flesch-Kincaid grade {:.1}, reading ease {:.1} {}",
                r.smog,
                r.flesch_kincaid_grade,
                r.flesch_reading_ease,
                counts(r.words, r.sentences)
            ),
            Some(Scores::Spanish(r)) => format!(
                "Szigriszt-Pazos {:.1} (INFLESZ \"{}\"), Fernández-Huerta {:.1} {}",
                r.szigriszt_pazos,
                r.inflesz,
                r.fernandez_huerta,
                counts(r.words, r.sentences)
            ),
            None => format!(
                "no readability score: rounds has no readability formulas for language \"{}\" \
                 (it scores English and Spanish)",
                self.language
            ),
        }
    }
}

/// The language an article is written in. Today every article is in the site's `language:`;
/// a per-article `lang:` (issue 17) plugs in here.
pub fn language_of<'a>(site: &'a Site, _article: &Article) -> &'a str {
    &site.config.language
}

/// Scores an article in its language; warns when it misses the site's target for it.
pub fn check_article(site: &Site, a: &Article) -> (ArticleReadability, Option<Diagnostic>) {
    let tag = language_of(site, a);
    let mut out = ArticleReadability {
        file: a.source.file.path.display().to_string(),
        language: tag.to_string(),
        readability: None,
    };
    let Some(lang) = Language::from_tag(tag) else {
        return (out, None);
    };
    let blocks = readability::prose(a.source.body());
    let (sentences, missed) = match lang {
        Language::English => {
            let r = readability::measure(&blocks);
            out.readability = Some(Scores::English(r.into()));
            (r.sentences, english_target(site, r))
        }
        Language::Spanish => {
            let r = spanish::measure(&blocks);
            out.readability = Some(Scores::Spanish(r.into()));
            (r.sentences, spanish_target(site, r))
        }
    };
    let warning =
        missed.filter(|_| sentences >= MIN_SENTENCES).map(|m| warn(site, a, lang, &blocks, m));
    (out, warning)
}

/// A missed target: the code, the message and the first words of the help.
struct Missed {
    code: &'static str,
    message: String,
    aim: String,
}

fn english_target(site: &Site, r: Readability) -> Option<Missed> {
    let max = site.config.smog_max();
    (r.smog > max).then(|| Missed {
        code: "readability.grade",
        message: format!(
            "this article reads at grade {:.1} (SMOG), above the site's limit of {}",
            r.smog,
            trim_number(max)
        ),
        aim: format!(
            "aim for grade {} or below (`readability.en.smog_max` in site.yaml)",
            trim_number(max)
        ),
    })
}

fn spanish_target(site: &Site, r: SpanishReadability) -> Option<Missed> {
    let targets = &site.config.readability.es;
    let sp_min = targets.szigriszt_pazos_min();
    let mut low = Vec::new();
    let mut aims = Vec::new();
    if r.szigriszt_pazos < sp_min {
        low.push(format!(
            "{:.1} on Szigriszt-Pazos (\"{}\" on the INFLESZ scale), below the site's minimum \
             of {}",
            r.szigriszt_pazos,
            InfleszBand::of(r.szigriszt_pazos).label(),
            trim_number(sp_min)
        ));
        aims.push(format!(
            "Szigriszt-Pazos {} or more (`readability.es.szigriszt_pazos_min`)",
            trim_number(sp_min)
        ));
    }
    if let Some(fh_min) = targets.fernandez_huerta_min.filter(|&m| r.fernandez_huerta < m) {
        low.push(format!(
            "{:.1} on Fernández-Huerta, below the site's minimum of {}",
            r.fernandez_huerta,
            trim_number(fh_min)
        ));
        aims.push(format!(
            "Fernández-Huerta {} or more (`readability.es.fernandez_huerta_min`)",
            trim_number(fh_min)
        ));
    }
    (!low.is_empty()).then(|| Missed {
        code: "readability.ease",
        message: format!("this Spanish article scores {}", low.join(", and ")),
        aim: format!("aim for {} in site.yaml", aims.join(" and ")),
    })
}

/// The warning for a missed target, with what to fix.
fn warn(site: &Site, a: &Article, lang: Language, blocks: &[ProseBlock], m: Missed) -> Diagnostic {
    let source = &a.source;
    let body = source.body();
    let file = &source.file;
    let offset = source.split.body_offset;
    let longest = readability::longest_sentences(blocks, lang, 5);
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
    let long_words = readability::frequent_long_words(blocks, lang, &site.config.glossary, 8);
    let mut help =
        format!("{}. Split or shorten the longest sentences: {}.", m.aim, sentences.join("; "));
    if !long_words.is_empty() {
        let list: Vec<String> = long_words.iter().map(|(w, n)| format!("{w} ({n})")).collect();
        help.push_str(&format!(
            " Use shorter words where you can for: {}; a medical term readers must learn can go \
             in `glossary:` in site.yaml.",
            list.join(", ")
        ));
    }
    Diagnostic::warning(m.code, m.message)
        .at(file, front_matter::key_span(file, &source.split, "title"))
        .with_help(help)
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
