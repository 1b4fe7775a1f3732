//! Front matter: split the `---` block off a Markdown file, keeping byte offsets, and parse it.
//!
//! Input: the text of an article or page. Output: the YAML slice's range, the body's offset and
//! the parsed [`FrontMatter`] (or [`PageFrontMatter`]). Every YAML error is reported at the
//! file:line:col of the `.md` file, not of the YAML slice, because the slice's offset is kept.
//!
//! The splitter is hand-written rather than a regex: it must report a missing closing line at
//! the opening one, accept CRLF line ends and a trailing `...` (Pandoc), and never panic.

use std::ops::Range;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::config::one_or_many;
use crate::diag::{Diagnostic, SourceText, Span};
use crate::yaml;

/// Where the parts of a Markdown file are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML between the `---` lines.
    pub yaml: Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_offset: usize,
}

/// Splits `text` (BOM already removed) into front matter and body.
pub fn split(file: &SourceText) -> Result<Split, Diagnostic> {
    let text = &*file.text;
    if text.trim().is_empty() {
        return Err(Diagnostic::error("front_matter.empty", "this file is empty")
            .in_file(file)
            .with_help(
                "start it with a front matter block: a `---` line, `title:` and `date:` lines, \
                 and another `---` line, then the text",
            ));
    }
    let mut lines = line_ranges(text);
    let first = lines.next().unwrap_or(0..0);
    if !is_fence(&text[first.clone()], false) {
        return Err(Diagnostic::error(
            "front_matter.missing",
            "this file does not start with front matter",
        )
        .at(file, first.start..first.end.min(first.start + 40))
        .with_label("the first line should be `---`")
        .with_help(
            "put a `---` line first, then `title: \"...\"` and `date: 2026-01-15`, then another \
             `---` line before the text",
        ));
    }
    for line in lines {
        if is_fence(&text[line.clone()], true) {
            let body_offset = line.end;
            return Ok(Split { yaml: first.end..line.start, body_offset });
        }
    }
    Err(Diagnostic::error("front_matter.unclosed", "the front matter is never closed")
        .at(file, first.start..first.start + 3)
        .with_label("opened here")
        .with_help("add a line with just `---` after the last front-matter line, before the text"))
}

/// Ranges of each line, including its line end.
fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = 0;
    text.split_inclusive('\n').map(move |line| {
        let r = pos..pos + line.len();
        pos += line.len();
        r
    })
}

fn is_fence(line: &str, closing: bool) -> bool {
    let l = line.trim_end_matches(['\n', '\r']).trim_end_matches([' ', '\t']);
    l == "---" || (closing && l == "...")
}

/// An article's front matter. Unknown keys are errors (a misspelled `corection:` must not
/// silently vanish).
#[derive(Clone, Debug, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The headline.
    pub title: String,
    /// First publication date.
    pub date: Date,
    /// Last significant update; defaults to the newest correction's date.
    #[serde(default)]
    pub updated: Option<Date>,
    /// Author id(s) in authors.yaml; the site's default author when absent.
    #[serde(default, deserialize_with = "one_or_many")]
    #[schemars(schema_with = "crate::schema::one_or_many")]
    pub author: Vec<String>,
    /// Medical reviewer's id in authors.yaml.
    #[serde(default)]
    pub reviewed_by: Option<String>,
    /// Date of the last medical review.
    #[serde(default)]
    pub reviewed_on: Option<Date>,
    /// One or two sentences for feeds, search results and share cards.
    #[serde(default)]
    pub description: Option<String>,
    /// Topics.
    #[serde(default, deserialize_with = "one_or_many")]
    #[schemars(schema_with = "crate::schema::one_or_many")]
    pub tags: Vec<String>,
    /// Share-card image, relative to the article or absolute (`/images/x.png`).
    #[serde(default)]
    pub image: Option<String>,
    /// Alt text of the image.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// Drafts are left out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Article-local CSL items; parsed by the citation stage from the YAML text itself so that
    /// their spans point into this file.
    #[serde(default)]
    #[schemars(schema_with = "crate::schema::csl_items")]
    pub references: Option<serde::de::IgnoredAny>,
    /// Corrections, oldest first.
    #[serde(default)]
    pub corrections: Vec<CorrectionSource>,
    /// A permanent feed id; set it to keep an id when the slug changes.
    #[serde(default)]
    pub id: Option<String>,
    /// The URL slug; defaults to the file (or folder) name.
    #[serde(default)]
    pub slug: Option<String>,
    /// Old URLs of this article, each of which gets a redirect page.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// An opinion piece: labelled "Opinion" and needs no citation.
    #[serde(default)]
    pub opinion: bool,
    /// Who sponsored the article (shown as a label).
    #[serde(default)]
    pub sponsored: Option<String>,
    /// Who funded the work (shown as a label).
    #[serde(default)]
    pub funding: Option<String>,
    /// A case story about a patient.
    #[serde(default)]
    pub case: bool,
    /// Date the patient consented to publication (case stories, patient photos).
    #[serde(default)]
    pub consent: Option<Date>,
    /// A composite case: details changed to protect privacy.
    #[serde(default)]
    pub composite: bool,
    /// The share image shows a patient (needs `consent`).
    #[serde(default)]
    pub image_patient: bool,
    /// Privacy findings the author reviewed: the flagged text and why it is fine.
    #[serde(default)]
    pub privacy_ok: Vec<PrivacyOk>,
    /// Show the table of contents (default: when there are at least 3 sections).
    #[serde(default)]
    pub toc: Option<bool>,
}

/// A correction as written in front matter.
#[derive(Clone, Debug, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionSource {
    /// When it was corrected.
    pub date: Date,
    /// What was wrong and what is right now (Markdown).
    pub text: String,
    /// `text` as HTML, rendered once when the file is read.
    #[serde(skip)]
    pub html: String,
    /// `text` as plain text.
    #[serde(skip)]
    pub plain: String,
}

/// A privacy finding the author has reviewed and accepted.
#[derive(Clone, Debug, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivacyOk {
    /// The exact text that was flagged.
    pub text: String,
    /// Why it does not identify a patient.
    pub reason: String,
}

/// A standalone page's front matter (about, privacy...).
#[derive(Clone, Debug, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// The page title.
    pub title: String,
    /// One sentence for search results and share cards.
    #[serde(default)]
    pub description: Option<String>,
    /// When the page last changed in a way readers should know.
    #[serde(default)]
    pub updated: Option<Date>,
    /// Privacy findings the author reviewed, as in an article.
    #[serde(default)]
    pub privacy_ok: Vec<PrivacyOk>,
}

/// An example line per key, for the help of missing or mistyped keys.
pub fn example(key: &str) -> Option<&'static str> {
    Some(match key {
        "title" => "title: \"Understanding your blood pressure numbers\"",
        "date" => "date: 2026-01-15",
        "updated" => "updated: 2026-03-02",
        "author" => "author: jdoe",
        "reviewed_by" => "reviewed_by: asmith",
        "reviewed_on" => "reviewed_on: 2026-02-01",
        "description" => "description: \"One or two sentences for feeds and share cards.\"",
        "tags" => "tags: [hypertension, heart health]",
        "image" => "image: bp.jpg",
        "image_alt" => "image_alt: \"A blood pressure cuff on a wrist\"",
        "draft" => "draft: true",
        "corrections" => "corrections: [{ date: 2026-03-02, text: \"An earlier version...\" }]",
        "text" => "text: \"An earlier version of this article gave the wrong dose.\"",
        "aliases" => "aliases: [/articles/old-name/]",
        "opinion" => "opinion: true",
        "case" => "case: true",
        "composite" => "composite: true",
        "consent" => "consent: 2026-01-10",
        "privacy_ok" => "privacy_ok: [{ text: \"March 3\", reason: \"a public event\" }]",
        "reason" => "reason: \"the date of a public event, not of a patient\"",
        _ => return None,
    })
}

/// Parses an article's front matter. `split` comes from [`split`].
pub fn parse_article(file: &SourceText, split: &Split) -> Result<FrontMatter, Diagnostic> {
    let yaml = &file.text[split.yaml.clone()];
    yaml::parse(yaml, file, split.yaml.start, "front matter", example)
}

/// The most an article's front matter may hold. Past these, a value is a mistake (a pasted
/// document, a generated list), and handling it would cost minutes: every tag is a page and
/// a feed. docs/writing.md lists them.
pub const MAX_TITLE_CHARS: usize = 300;
/// Characters in `description`.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;
/// Entries in `tags`.
pub const MAX_TAGS: usize = 50;
/// Characters in one tag.
pub const MAX_TAG_CHARS: usize = 100;
/// Entries in `author`.
pub const MAX_AUTHORS: usize = 20;

/// Reports the first value past the limits above, at its key.
pub fn check_limits(
    front: &FrontMatter,
    file: &SourceText,
    split: &Split,
) -> Result<(), Diagnostic> {
    let long = |text: &str, max: usize| text.chars().nth(max).is_some();
    let too_many = |key: &str, what: String, help: &str| {
        Err(Diagnostic::error("front_matter.too_long", what)
            .at(file, key_span(file, split, key))
            .with_help(help.to_string()))
    };
    if long(&front.title, MAX_TITLE_CHARS) {
        return too_many(
            "title",
            format!("the title is longer than {MAX_TITLE_CHARS} characters"),
            "a headline is a line: put the rest in `description` or the text",
        );
    }
    if front.description.as_deref().is_some_and(|d| long(d, MAX_DESCRIPTION_CHARS)) {
        return too_many(
            "description",
            format!("the description is longer than {MAX_DESCRIPTION_CHARS} characters"),
            "feeds and share cards show one or two sentences; put the rest in the text",
        );
    }
    if front.tags.len() > MAX_TAGS {
        return too_many(
            "tags",
            format!("this article has {} tags; at most {MAX_TAGS} are allowed", front.tags.len()),
            "keep the few topics a reader would browse by; every tag is a page and a feed",
        );
    }
    if let Some(tag) = front.tags.iter().find(|t| long(t, MAX_TAG_CHARS)) {
        let shown: String = tag.chars().take(40).collect();
        return too_many(
            "tags",
            format!("the tag \"{shown}…\" is longer than {MAX_TAG_CHARS} characters"),
            "a tag is a topic of a word or two, like `heart health`",
        );
    }
    if front.author.len() > MAX_AUTHORS {
        return too_many(
            "author",
            format!(
                "this article names {} authors; at most {MAX_AUTHORS} are allowed",
                front.author.len()
            ),
            "list the people who wrote it; thank the others in the text",
        );
    }
    Ok(())
}

/// Parses a page's front matter.
pub fn parse_page(file: &SourceText, split: &Split) -> Result<PageFrontMatter, Diagnostic> {
    let yaml = &file.text[split.yaml.clone()];
    yaml::parse(yaml, file, split.yaml.start, "front matter", example)
}

/// The span of `key:` in the front matter (for diagnostics about a key's value), or the
/// opening line when the key is absent.
pub fn key_span(file: &SourceText, split: &Split, key: &str) -> Span {
    let yaml = &file.text[split.yaml.clone()];
    let mut pos = split.yaml.start;
    for line in yaml.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key) {
            if rest.trim_start().starts_with(':') {
                let value = rest.trim_start()[1..].trim();
                let value_start = line.len() - rest.trim_start()[1..].trim_start().len();
                if !value.is_empty() {
                    return Span::new(pos + value_start, pos + value_start + value.len());
                }
                return Span::new(pos, pos + key.len());
            }
        }
        pos += line.len();
    }
    Span::new(0, 3)
}

/// The span of the `n`-th list item under `key:` (0-based), e.g. the second correction.
pub fn item_span(file: &SourceText, split: &Split, key: &str, n: usize) -> Span {
    let yaml = &file.text[split.yaml.clone()];
    let mut pos = split.yaml.start;
    let mut inside = false;
    let mut seen = 0;
    for line in yaml.split_inclusive('\n') {
        if !line.starts_with([' ', '-', '\t']) && !line.trim().is_empty() {
            inside = line.starts_with(key) && line[key.len()..].trim_start().starts_with(':');
        } else if inside && line.trim_start().starts_with("- ") {
            if seen == n {
                let indent = line.len() - line.trim_start().len();
                let end = line.trim_end().len();
                return Span::new(pos + indent, pos + end);
            }
            seen += 1;
        }
        pos += line.len();
    }
    key_span(file, split, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceText {
        SourceText::new("articles/a.md", text)
    }

    #[test]
    fn splits_with_lf_and_crlf() {
        let f = file("---\ntitle: x\n---\nBody\n");
        let s = split(&f).unwrap();
        assert_eq!(&f.text[s.yaml.clone()], "title: x\n");
        assert_eq!(&f.text[s.body_offset..], "Body\n");
        let f = file("---\r\ntitle: x\r\n---\r\nBody\r\n");
        let s = split(&f).unwrap();
        assert_eq!(&f.text[s.yaml.clone()], "title: x\r\n");
        assert_eq!(&f.text[s.body_offset..], "Body\r\n");
    }

    #[test]
    fn closing_line_can_end_the_file() {
        let f = file("---\ntitle: x\n---");
        let s = split(&f).unwrap();
        assert_eq!(s.body_offset, f.text.len());
    }

    #[test]
    fn missing_opening_or_closing_line() {
        let e = split(&file("# Hello\n")).unwrap_err();
        assert_eq!(e.code, "front_matter.missing");
        assert_eq!(e.location(), "articles/a.md:1:1");
        let e = split(&file("---\ntitle: x\n\nBody")).unwrap_err();
        assert_eq!(e.code, "front_matter.unclosed");
        assert_eq!(e.location(), "articles/a.md:1:1");
        let e = split(&file("  \n")).unwrap_err();
        assert_eq!(e.code, "front_matter.empty");
    }

    #[test]
    fn yaml_errors_point_into_the_markdown_file() {
        let f = file("---\ntitle: x\ndate: 2026-01-15\ncorection: y\n---\nBody\n");
        let s = split(&f).unwrap();
        let e = parse_article(&f, &s).unwrap_err();
        assert_eq!(e.location(), "articles/a.md:4:1");
        assert!(e.help.unwrap().starts_with("did you mean `corrections`?"));
    }

    #[test]
    fn spans_of_keys_and_items() {
        let f = file(
            "---\ntitle: x\ndate: 2026-01-15\ncorrections:\n  - date: 2026-01-20\n    text: a\n  - date: 2026-02-01\n    text: b\n---\n",
        );
        let s = split(&f).unwrap();
        assert_eq!(f.line_col(key_span(&f, &s, "date").start), (3, 7));
        assert_eq!(f.line_col(item_span(&f, &s, "corrections", 1).start), (7, 3));
    }
}
