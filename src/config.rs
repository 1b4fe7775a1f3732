//! Site configuration: `site.yaml` -> [`Config`], `authors.yaml` -> [`Authors`].
//!
//! Both are small files read once per build. Unknown keys are errors with a "did you mean", so
//! that a misspelled setting never silently does nothing. A missing or unreadable `site.yaml`
//! is fatal (there is no site without it); every other problem is collected as a diagnostic.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::yaml;

/// Settings from `site.yaml`.
#[derive(Clone, Debug, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name.
    pub title: String,
    /// The site's address, like `https://example.org/` (every link and feed is built from
    /// it; a trailing `/` is added when missing).
    #[schemars(regex(pattern = r"^\s*https?://[^/\s]"))]
    pub base_url: String,
    /// Language tag, e.g. `en-US`.
    #[serde(default = "default_language")]
    pub language: String,
    /// One sentence about the site, for the home page and feeds.
    #[serde(default)]
    pub description: String,
    /// Author id used when an article names none.
    #[serde(default)]
    pub author: Option<String>,
    /// The medical disclaimer shown on every article (Markdown).
    #[serde(default)]
    pub disclaimer: String,
    /// Months between medical reviews (default 12).
    #[serde(default = "default_review_interval")]
    #[schemars(range(min = 1))]
    pub review_interval: u32,
    /// Makes an article without a medical review an error instead of a warning.
    #[serde(default)]
    pub review_required: bool,
    /// Articles per listing page.
    #[serde(default = "default_per_page")]
    #[schemars(range(min = 1))]
    pub per_page: usize,
    /// Feed settings.
    #[serde(default)]
    pub feeds: FeedsConfig,
    /// The default share-card image (a path in the output, like `/images/card.png`).
    #[serde(default)]
    pub image: Option<String>,
    /// Alt text of the default share image.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// The practice's own public contact details (not patient data).
    #[serde(default)]
    pub practice: Option<Practice>,
    /// Which page slug plays which role (about, disclaimer, privacy, contact, advertising).
    #[serde(default)]
    pub pages: RequiredPages,
    /// Share-link settings.
    #[serde(default)]
    pub share: ShareConfig,
    /// The highest acceptable SMOG reading grade of English articles (default 8); the older
    /// spelling of `readability.en.smog_max`. Read it with [`Config::smog_max`].
    #[serde(default)]
    pub reading_grade_max: Option<f64>,
    /// Readability targets per language.
    #[serde(default)]
    pub readability: ReadabilityTargets,
    /// Medical terms that are allowed to be long words.
    #[serde(default)]
    pub glossary: Vec<String>,
    /// An urgent public-health notice shown on every page until a date.
    #[serde(default)]
    pub alert: Option<Alert>,
    /// Where the "Spotted an error? Have a question?" link under every article goes.
    #[serde(default)]
    pub feedback: Feedback,
}

/// `feedback:` in site.yaml (docs/config.md): a web form, else an e-mail address, else
/// `practice.email`; with none of them, articles have no feedback link.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// A web form's address; `{title}` and `{url}` in it are replaced by the article's.
    #[serde(default)]
    #[schemars(regex(pattern = r"^\s*https?://[^/\s]"))]
    pub form: Option<String>,
    /// The e-mail address readers write to (default: `practice.email`).
    #[serde(default)]
    pub email: Option<String>,
}

/// `readability:` in site.yaml: the target for each language rounds has formulas for.
///
/// ```yaml
/// readability:
///   en: { smog_max: 8 }
///   es: { szigriszt_pazos_min: 55, fernandez_huerta_min: 60 }
/// ```
///
/// A language key rounds has no formulas for ("de") is an unknown key, reported as such.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadabilityTargets {
    /// English: SMOG grade.
    #[serde(default)]
    pub en: EnglishTargets,
    /// Spanish: Szigriszt-Pazos (INFLESZ) and Fernández-Huerta.
    #[serde(default)]
    pub es: SpanishTargets,
}

/// Readability targets for English articles.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnglishTargets {
    /// The highest acceptable SMOG grade (default 8, or `reading_grade_max`).
    #[serde(default)]
    pub smog_max: Option<f64>,
}

/// Readability targets for Spanish articles.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpanishTargets {
    /// The lowest acceptable Szigriszt-Pazos perspicuity (default 55, the bottom of "normal"
    /// on the INFLESZ scale).
    #[serde(default)]
    pub szigriszt_pazos_min: Option<f64>,
    /// The lowest acceptable Fernández-Huerta score (not checked unless set).
    #[serde(default)]
    pub fernandez_huerta_min: Option<f64>,
}

impl SpanishTargets {
    /// The Szigriszt-Pazos minimum in force.
    pub fn szigriszt_pazos_min(&self) -> f64 {
        self.szigriszt_pazos_min.unwrap_or(DEFAULT_SZIGRISZT_PAZOS_MIN)
    }
}

/// The English SMOG limit when site.yaml sets none.
pub const DEFAULT_SMOG_MAX: f64 = 8.0;
/// The Spanish Szigriszt-Pazos minimum when site.yaml sets none: the bottom of INFLESZ's
/// "normal", which Barrio-Cantalejo et al. (2008) give as the least a text for patients should
/// reach.
pub const DEFAULT_SZIGRISZT_PAZOS_MIN: f64 = 55.0;

/// Feed settings in `site.yaml`.
#[derive(Clone, Debug, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedsConfig {
    /// How many of the newest articles each feed carries.
    #[serde(default = "default_feed_items")]
    pub items: usize,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig { items: default_feed_items() }
    }
}

/// The practice's public details, which the privacy check must not flag.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// The practice's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Public phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Public fax number.
    #[serde(default)]
    pub fax: Option<String>,
    /// Public e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Street address of the practice.
    #[serde(default)]
    pub address: Option<String>,
}

/// The slugs of the pages every trustworthy health site needs.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequiredPages {
    /// Who runs and funds the site.
    pub about: String,
    /// The medical disclaimer.
    pub disclaimer: String,
    /// What the site does with visitors' data.
    pub privacy: String,
    /// How to reach the practice.
    pub contact: String,
    /// Advertising and sponsorship policy.
    pub advertising: String,
}

impl Default for RequiredPages {
    fn default() -> Self {
        RequiredPages {
            about: "about".into(),
            disclaimer: "disclaimer".into(),
            privacy: "privacy".into(),
            contact: "contact".into(),
            advertising: "advertising-policy".into(),
        }
    }
}

impl RequiredPages {
    /// (role, slug) pairs in footer order.
    pub fn roles(&self) -> [(&'static str, &str); 5] {
        [
            ("about", &self.about),
            ("disclaimer", &self.disclaimer),
            ("privacy", &self.privacy),
            ("contact", &self.contact),
            ("advertising", &self.advertising),
        ]
    }
}

/// Share-link settings.
#[derive(Clone, Debug, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareConfig {
    /// The Mastodon instance share links go to.
    #[serde(default = "default_mastodon")]
    pub mastodon: String,
}

impl Default for ShareConfig {
    fn default() -> Self {
        ShareConfig { mastodon: default_mastodon() }
    }
}

/// An urgent notice shown on every page until `until`.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alert {
    /// The notice.
    pub text: String,
    /// Where to read more.
    #[serde(default)]
    pub link: Option<String>,
    /// The last day it is shown.
    pub until: Date,
}

/// The numbers site.yaml accepts. A review due more than ten years later is no review
/// policy, and the bounds keep date arithmetic and page counts far from any overflow.
pub const REVIEW_INTERVAL: std::ops::RangeInclusive<usize> = 1..=120;
/// Articles per listing page.
pub const PER_PAGE: std::ops::RangeInclusive<usize> = 1..=1000;
/// Articles per feed.
pub const FEED_ITEMS: std::ops::RangeInclusive<usize> = 1..=1000;

fn default_language() -> String {
    "en".into()
}
fn default_review_interval() -> u32 {
    12
}
fn default_per_page() -> usize {
    10
}
fn default_feed_items() -> usize {
    20
}
fn default_mastodon() -> String {
    "mastodon.social".into()
}

/// An example line for each site.yaml key, for "add a line like ..." help.
fn example(key: &str) -> Option<&'static str> {
    Some(match key {
        "title" => "title: \"Plain Talk Medicine\"",
        "base_url" => "base_url: \"https://example.org/\"",
        "language" => "language: en-US",
        "author" => "author: jdoe",
        "review_interval" => "review_interval: 12",
        "per_page" => "per_page: 10",
        "items" => "items: 20",
        "glossary" => "glossary: [hypertension, cholesterol]",
        "smog_max" => "smog_max: 8",
        "szigriszt_pazos_min" => "szigriszt_pazos_min: 55",
        "until" => "until: 2026-12-31",
        "about" => "about: about",
        _ => return None,
    })
}

/// Why the site could not be configured at all.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// site.yaml is missing or unreadable.
    #[error("cannot read {path}: {source}")]
    Unreadable {
        /// The file.
        path: String,
        /// The reason.
        source: std::io::Error,
    },
}

impl Config {
    /// Reads `site.yaml` in `source_dir`. `display_dir` is how the folder is shown in messages.
    ///
    /// Returns `None` when the file exists but is wrong (the reasons are in `diags`).
    pub fn load(
        source_dir: &Path,
        display_dir: &Path,
        diags: &mut Diagnostics,
    ) -> Result<Option<(Config, SourceText)>, ConfigError> {
        let path = source_dir.join("site.yaml");
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Unreadable {
            path: display_dir.join("site.yaml").display().to_string(),
            source,
        })?;
        let file = SourceText::new(display_dir.join("site.yaml"), text);
        match yaml::parse::<Config>(&file.text, &file, 0, "site.yaml", example) {
            Ok(mut config) => {
                config.validate(&file, diags);
                crate::sanitize::check_config(&mut config, &file, diags);
                Ok(Some((config, file)))
            }
            Err(d) => {
                diags.push(d);
                Ok(None)
            }
        }
    }

    fn validate(&mut self, file: &SourceText, diags: &mut Diagnostics) {
        let key_span = |key: &str| {
            let needle = format!("{key}:");
            file.text.find(&needle).map_or(0..0, |i| i..i + key.len())
        };
        let url = self.base_url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.split("//").nth(1).is_none_or(|rest| rest.trim_matches('/').is_empty())
        {
            diags.push(
                Diagnostic::error(
                    "config.base_url",
                    format!("`base_url` must be a full web address, but it is \"{url}\""),
                )
                .at(file, key_span("base_url"))
                .with_help("write the address the site is published at, like `base_url: \"https://example.org/\"`"),
            );
        }
        self.base_url = format!("{}/", url.trim_end_matches('/'));
        let mut range = |code: &'static str,
                         key: &str,
                         value: usize,
                         limits: std::ops::RangeInclusive<usize>| {
            if limits.contains(&value) {
                return true;
            }
            let example = example(key).unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    code,
                    format!(
                        "`{key}` must be between {} and {}, but it is {value}",
                        limits.start(),
                        limits.end()
                    ),
                )
                .at(file, key_span(key))
                .with_help(format!("write it like `{example}`")),
            );
            false
        };
        if !range("config.per_page", "per_page", self.per_page, PER_PAGE) {
            self.per_page = default_per_page();
        }
        if !range("config.feed_items", "items", self.feeds.items, FEED_ITEMS) {
            self.feeds.items = default_feed_items();
        }
        if !range(
            "config.review_interval",
            "review_interval",
            self.review_interval as usize,
            REVIEW_INTERVAL,
        ) {
            self.review_interval = default_review_interval();
        }
        self.validate_readability(file, diags);
        if let Some(form) = self.feedback.form.as_deref().map(str::trim) {
            let web = form.starts_with("https://") || form.starts_with("http://");
            if !web || form.split("//").nth(1).is_none_or(|rest| rest.trim_matches('/').is_empty())
            {
                diags.push(
                    Diagnostic::error(
                        "config.feedback_form",
                        format!("`feedback.form` must be a web address, but it is \"{form}\""),
                    )
                    .at(file, key_span("form"))
                    .with_help(
                        "write the address of your web form, like `form: \"https://forms.example.org/ask?page={url}\"`, or remove `form:` to use e-mail",
                    ),
                );
                self.feedback.form = None;
            }
        }
    }

    /// Readability targets: one place for the English limit, and ease scores that can be
    /// reached.
    fn validate_readability(&mut self, file: &SourceText, diags: &mut Diagnostics) {
        let key_span = |key: &str| {
            let needle = format!("{key}:");
            file.text.find(&needle).map_or(0..0, |i| i..i + key.len())
        };
        if let (Some(old), Some(new)) = (self.reading_grade_max, self.readability.en.smog_max) {
            diags.push(
                Diagnostic::error(
                    "config.readability",
                    format!(
                        "`reading_grade_max` ({old}) and `readability.en.smog_max` ({new}) both set \
                         the English reading grade limit"
                    ),
                )
                .at(file, key_span("reading_grade_max"))
                .with_help("keep one: `readability: { en: { smog_max: 8 } }` is the newer form"),
            );
        }
        let mut check = |key: &str, value: Option<f64>, range: std::ops::RangeInclusive<f64>| {
            let Some(v) = value else { return };
            if !range.contains(&v) {
                diags.push(
                    Diagnostic::error(
                        "config.readability",
                        format!(
                            "`{key}` must be between {} and {}, but it is {v}",
                            range.start(),
                            range.end()
                        ),
                    )
                    .at(file, key_span(key))
                    .with_help(match key {
                        "szigriszt_pazos_min" => "55 is the bottom of \"normal\" on the INFLESZ \
                                                  scale, 65 of \"bastante fácil\""
                            .to_string(),
                        "fernandez_huerta_min" => {
                            "60 is the bottom of \"normal\", 70 of \"algo fácil\"".to_string()
                        }
                        _ => "the AMA advises grade 6 for patient material; 8 is the default"
                            .to_string(),
                    }),
                );
            }
        };
        check("reading_grade_max", self.reading_grade_max, 1.0..=20.0);
        check("smog_max", self.readability.en.smog_max, 1.0..=20.0);
        check("szigriszt_pazos_min", self.readability.es.szigriszt_pazos_min, 0.0..=100.0);
        check("fernandez_huerta_min", self.readability.es.fernandez_huerta_min, 0.0..=100.0);
    }

    /// The highest acceptable SMOG grade of English articles: `readability.en.smog_max`, else
    /// `reading_grade_max`, else 8.
    pub fn smog_max(&self) -> f64 {
        self.readability.en.smog_max.or(self.reading_grade_max).unwrap_or(DEFAULT_SMOG_MAX)
    }

    /// The host of `base_url` (for `tag:` URIs), e.g. `example.org`.
    pub fn host(&self) -> &str {
        let rest = self.base_url.split("//").nth(1).unwrap_or("");
        rest.split('/').next().unwrap_or(rest)
    }

    /// The base URL's path part, e.g. `/` or `/blog/`, which every internal link starts with.
    pub fn base_path(&self) -> &str {
        let rest = self.base_url.split("//").nth(1).unwrap_or("");
        rest.find('/').map_or("/", |i| &rest[i..])
    }

    /// The absolute URL of a site path like `/articles/x/`.
    pub fn absolute(&self, path: &str) -> String {
        let origin = self.base_url.trim_end_matches(self.base_path());
        if path.starts_with(self.base_path()) {
            format!("{origin}{path}")
        } else {
            format!("{}{}", self.base_url, path.trim_start_matches('/'))
        }
    }
}

/// One person in `authors.yaml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Full name, e.g. "Maya Okafor".
    pub name: String,
    /// Credentials, e.g. `[MD, FAAFP]` (or one string).
    #[serde(default, deserialize_with = "one_or_many")]
    #[schemars(schema_with = "crate::schema::one_or_many")]
    pub credentials: Vec<String>,
    /// Role, e.g. "Family physician".
    #[serde(default)]
    pub role: Option<String>,
    /// Short biography (Markdown).
    #[serde(default)]
    pub bio: Option<String>,
    /// Conflicts of interest; an explicit `["None"]` when there are none.
    #[serde(default, deserialize_with = "one_or_many_opt")]
    #[schemars(schema_with = "crate::schema::one_or_many")]
    pub disclosures: Option<Vec<String>>,
    /// Public e-mail, shown in feeds only when given.
    #[serde(default)]
    pub email: Option<String>,
    /// Professional links.
    #[serde(default)]
    pub links: Vec<AuthorLink>,
    /// The name as AMA citations print it (`Okafor M`); derived from `name` when absent.
    #[serde(default)]
    pub citation_name: Option<String>,
}

impl Author {
    /// The name in AMA citation form: family name, then initials without periods
    /// ("Maya J. Okafor" -> "Okafor MJ"). Set `citation_name` for names this gets wrong.
    pub fn ama_name(&self) -> String {
        if let Some(n) = &self.citation_name {
            return n.clone();
        }
        let parts: Vec<&str> = self.name.split_whitespace().collect();
        match parts.split_last() {
            Some((family, given)) if !given.is_empty() => {
                let initials: String = given
                    .iter()
                    .flat_map(|g| g.split('-').filter_map(|p| p.chars().next()))
                    .filter(|c| c.is_alphabetic())
                    .flat_map(char::to_uppercase)
                    .collect();
                format!("{family} {initials}")
            }
            _ => self.name.clone(),
        }
    }
}

/// A link on an author page.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorLink {
    /// The link text.
    pub title: String,
    /// Where it goes.
    pub url: String,
}

/// Everyone who writes or reviews, by id, with where each is defined (for diagnostics).
#[derive(Clone, Debug, Default)]
pub struct Authors {
    /// Authors by id.
    pub by_id: BTreeMap<String, Author>,
    /// The authors.yaml file, for pointing at an author's entry.
    pub file: Option<SourceText>,
}

fn author_example(key: &str) -> Option<&'static str> {
    Some(match key {
        "name" => "name: \"Maya Okafor\"",
        "credentials" => "credentials: [MD]",
        "disclosures" => "disclosures: [\"None\"]",
        "links" => "links: [{ title: \"Practice profile\", url: \"https://example.org/\" }]",
        _ => return None,
    })
}

impl Authors {
    /// Reads `authors.yaml` in `source_dir` (an empty set when the file does not exist).
    pub fn load(source_dir: &Path, display_dir: &Path, diags: &mut Diagnostics) -> Authors {
        let path = source_dir.join("authors.yaml");
        let display = display_dir.join("authors.yaml");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Authors::default(),
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "config.unreadable",
                        format!("cannot read authors.yaml: {e}"),
                    )
                    .in_path(display),
                );
                return Authors::default();
            }
        };
        let file = SourceText::new(display, text);
        match yaml::parse::<BTreeMap<String, Author>>(
            &file.text,
            &file,
            0,
            "authors.yaml",
            author_example,
        ) {
            Ok(mut by_id) => {
                crate::sanitize::check_authors(&mut by_id, &file, diags);
                Authors { by_id, file: Some(file) }
            }
            Err(d) => {
                diags.push(d);
                Authors { by_id: BTreeMap::new(), file: Some(file) }
            }
        }
    }

    /// The author with this id.
    pub fn get(&self, id: &str) -> Option<&Author> {
        self.by_id.get(id)
    }

    /// A diagnostic pointing at an author's entry in authors.yaml (or the file).
    pub fn at_entry(&self, id: &str, d: Diagnostic) -> Diagnostic {
        match &self.file {
            Some(file) => {
                let needle = format!("\n{id}:");
                match file
                    .text
                    .find(&needle)
                    .map(|i| i + 1)
                    .or_else(|| file.text.starts_with(&format!("{id}:")).then_some(0))
                {
                    Some(i) => d.at(file, i..i + id.len()),
                    None => d.in_file(file),
                }
            }
            None => d.in_path("authors.yaml"),
        }
    }
}

/// Accepts `x` or `[x, y]` for a list of strings.
pub fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

fn one_or_many_opt<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<String>>, D::Error> {
    one_or_many(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> (Option<(Config, SourceText)>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), yaml).unwrap();
        let mut diags = Diagnostics::new();
        let c = Config::load(dir.path(), Path::new("content"), &mut diags).unwrap();
        (c, diags)
    }

    #[test]
    fn defaults_and_base_url_normalised() {
        let (c, diags) = load("title: T\nbase_url: https://example.org/blog\n");
        let c = c.unwrap().0;
        assert!(diags.is_empty());
        assert_eq!(c.base_url, "https://example.org/blog/");
        assert_eq!(c.host(), "example.org");
        assert_eq!(c.base_path(), "/blog/");
        assert_eq!(c.absolute("/blog/articles/x/"), "https://example.org/blog/articles/x/");
        assert_eq!(c.review_interval, 12);
        assert_eq!(c.feeds.items, 20);
        assert_eq!(c.pages.advertising, "advertising-policy");
    }

    #[test]
    fn readability_targets_per_language() {
        let (c, diags) = load("title: T\nbase_url: https://example.org/\n");
        let c = c.unwrap().0;
        assert!(diags.is_empty());
        assert_eq!(c.smog_max(), 8.0);
        assert_eq!(c.readability.es.szigriszt_pazos_min(), 55.0);
        assert_eq!(c.readability.es.fernandez_huerta_min, None);
        let (c, _) = load("title: T\nbase_url: https://example.org/\nreading_grade_max: 7\n");
        assert_eq!(c.unwrap().0.smog_max(), 7.0);
        let (c, diags) = load(
            "title: T\nbase_url: https://example.org/\nreadability:\n  en: { smog_max: 6 }\n  \
             es: { szigriszt_pazos_min: 65, fernandez_huerta_min: 70 }\n",
        );
        let c = c.unwrap().0;
        assert!(diags.is_empty());
        assert_eq!(c.smog_max(), 6.0);
        assert_eq!(c.readability.es.szigriszt_pazos_min(), 65.0);
        assert_eq!(c.readability.es.fernandez_huerta_min, Some(70.0));
    }

    #[test]
    fn misspelled_key_is_an_error_with_a_hint() {
        let (c, diags) = load("title: T\nbase_url: https://example.org/\nreview_intervall: 6\n");
        assert!(c.is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!(d.location(), "content/site.yaml:3:1");
        assert!(d.help.as_deref().unwrap().starts_with("did you mean `review_interval`?"));
    }

    #[test]
    fn bad_base_url() {
        let (_, diags) = load("title: T\nbase_url: example.org\n");
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, "config.base_url");
        assert_eq!(d.location(), "content/site.yaml:2:1");
    }
}
