//! Site: assemble articles, pages and authors into one model.
//!
//! Input: the configuration, authors, article and page sources with their rendered bodies, and
//! the build's "now". Output: a [`Site`]: published articles newest first (drafts and future
//! articles left out unless asked for), tags, an archive by year, the corrections log,
//! pagination, and prev/next links. Everything is sorted, so output never depends on the order
//! files were read in or on thread timing.
//!
//! Assembling is cheap, so watch mode redoes it on every change instead of tracking which
//! listing depends on which article; it passes back the articles it assembled last time whose
//! source and body did not change ([`assemble`]'s `assembled`), so a save resolves one article
//! and sorts an already sorted list (5 ms for 10,000 articles).

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::{Authors, Config};
use crate::dates;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::RenderedBody;
use crate::source::{ArticleSource, PageSource, front_matter};

/// Words a patient reads per minute, for reading time (a conservative figure for health text).
pub const WORDS_PER_MINUTE: usize = 200;

/// Top-level folders the site itself uses; a page cannot take these slugs.
pub const RESERVED_SLUGS: &[&str] = &[
    "articles",
    "tags",
    "authors",
    "archive",
    "corrections",
    "page",
    "feeds",
    "feed.xml",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "404",
    "static",
    "css",
    "js",
    "images",
    "theme",
];

/// A correction as shown on the article, in the log and in feeds.
#[derive(Clone, Debug, PartialEq)]
pub struct Correction {
    /// When it was corrected.
    pub date: Date,
    /// Stable anchor: `correction-2026-03-02` (then `-2` for a second one that day) in the
    /// front matter, `correction-2026-03-02-note` (then `-note-2`) for a note in the body.
    pub anchor: String,
    /// The note as HTML.
    pub html: String,
    /// The note as plain text.
    pub text: String,
    /// True for a `> [!CORRECTION]` note in the body (shown where it stands).
    pub inline: bool,
}

/// A medical review.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// Reviewer's id in authors.yaml.
    pub reviewer: String,
    /// When it was reviewed.
    pub date: Date,
    /// `date` plus the site's review interval.
    pub next_due: Date,
    /// The reviewer is also an author.
    pub self_review: bool,
}

pub use crate::markdown::CitedSource;

/// A tag as an article carries it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TagRef {
    /// As written (first spelling seen on the site).
    pub name: String,
    /// URL slug.
    pub slug: String,
}

/// A published (or, with `--drafts`, previewed) article.
#[derive(Clone, Debug)]
pub struct Article {
    /// Where it came from.
    pub source: Arc<ArticleSource>,
    /// The rendered body.
    pub body: Arc<RenderedBody>,
    /// URL slug.
    pub slug: String,
    /// Site path, e.g. `/articles/statins/`.
    pub url: String,
    /// First publication.
    pub date: Date,
    /// Last significant update: the explicit `updated`, else the newest correction.
    pub updated: Option<Date>,
    /// Author ids (at least one).
    pub authors: Vec<String>,
    /// The medical review, if any.
    pub review: Option<Review>,
    /// The description: front matter, else the first paragraph.
    pub description: String,
    /// Tags, as slugs and names.
    pub tags: Vec<TagRef>,
    /// Corrections, oldest first.
    pub corrections: Vec<Correction>,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Index of the next older article in [`Site::articles`].
    pub older: Option<usize>,
    /// Index of the next newer article.
    pub newer: Option<usize>,
    /// True when it is a draft or dated in the future (only with `--drafts`).
    pub preview: bool,
    /// Its permanent id in feeds, worked out on first use (`render::feeds::entry_id`; it
    /// depends only on the article and the configuration).
    pub feed_id: std::sync::OnceLock<String>,
    /// Each tag's name as this article writes it (`tags` shows the site's first spelling).
    own_tag_names: Vec<String>,
    /// Resolving it found problems, which a later assemble must report again.
    diagnosed: bool,
}

impl Article {
    /// The title.
    pub fn title(&self) -> &str {
        &self.source.front.title
    }

    /// True when a later [`assemble`] may take it back as already assembled: resolving it
    /// reported nothing that would have to be reported again.
    pub fn reusable(&self) -> bool {
        !self.diagnosed
    }

    /// The date readers should see as "last updated": `updated`, else `date`.
    pub fn modified(&self) -> Date {
        self.updated.unwrap_or(self.date)
    }
}

/// A standalone page.
#[derive(Clone, Debug)]
pub struct Page {
    /// Where it came from.
    pub source: Arc<PageSource>,
    /// The rendered body.
    pub body: Arc<RenderedBody>,
    /// Site path, e.g. `/about/`.
    pub url: String,
    /// Description for search and share cards.
    pub description: String,
}

/// A tag and its articles.
#[derive(Clone, Debug)]
pub struct Tag {
    /// Name and slug.
    pub tag: TagRef,
    /// Indices into [`Site::articles`], newest first.
    pub articles: Vec<usize>,
}

/// One line of the site's corrections log.
#[derive(Clone, Debug)]
pub struct LoggedCorrection {
    /// Index of the article in [`Site::articles`].
    pub article: usize,
    /// Index of the correction in the article's list.
    pub correction: usize,
}

/// The whole site, ready to render.
#[derive(Clone, Debug)]
pub struct Site {
    /// site.yaml.
    pub config: Config,
    /// site.yaml's text, for pointing diagnostics at it.
    pub config_file: Option<crate::diag::SourceText>,
    /// authors.yaml.
    pub authors: Authors,
    /// Articles, newest first (ties by title, then slug).
    pub articles: Vec<Article>,
    /// Pages, by slug.
    pub pages: Vec<Page>,
    /// Tags, by slug.
    pub tags: Vec<Tag>,
    /// Years, newest first, each with its articles (indices, newest first).
    pub archive: Vec<(i16, Vec<usize>)>,
    /// Every correction on the site, newest first.
    pub corrections: Vec<LoggedCorrection>,
    /// The build's "today".
    pub now: Date,
    /// A preview build (`--drafts`): nothing is being published.
    pub drafts: bool,
}

impl Site {
    /// The page playing a role from site.yaml `pages:` (about, privacy...).
    pub fn page_by_slug(&self, slug: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.source.slug == slug)
    }

    /// Articles by an author, newest first.
    pub fn articles_by(&self, author: &str) -> Vec<usize> {
        (0..self.articles.len())
            .filter(|&i| self.articles[i].authors.iter().any(|a| a == author))
            .collect()
    }

    /// The newest content date on the site (feeds' updated date, never the clock).
    pub fn newest_date(&self) -> Option<Date> {
        self.articles.iter().map(Article::modified).max()
    }
}

/// What assembling needs besides the sources.
#[derive(Clone, Copy, Debug)]
pub struct AssembleOptions {
    /// The build's "today".
    pub now: Date,
    /// Include drafts and future-dated articles.
    pub drafts: bool,
}

/// Assembles the site. Articles whose front matter is inconsistent are reported and, where the
/// problem makes them unpublishable (an unknown author), left out; the build then fails anyway.
///
/// `fresh` are sources with their rendered bodies. `assembled` are articles an earlier assemble
/// made with the same configuration and authors, from sources and bodies that did not change
/// since, and [`Article::reusable`]: watch mode passes them back, in their order on the site, so
/// that a rebuild resolves only the articles that changed and sorts an already sorted list.
pub fn assemble(
    config: Config,
    authors: Authors,
    fresh: Vec<(Arc<ArticleSource>, Arc<RenderedBody>)>,
    assembled: Vec<Article>,
    pages: Vec<(Arc<PageSource>, Arc<RenderedBody>)>,
    opts: AssembleOptions,
    diags: &mut Diagnostics,
) -> Site {
    let mut list = assembled;
    for a in &mut list {
        // Only the site-wide parts change: links to neighbours, tag spellings.
        (a.older, a.newer) = (None, None);
        for (t, own) in a.tags.iter_mut().zip(&a.own_tag_names) {
            if t.name != *own {
                t.name.clone_from(own);
            }
        }
    }
    for (source, body) in fresh {
        let before = diags.len();
        if let Some(mut a) = resolve_article(&config, &authors, source, body, opts, diags) {
            a.diagnosed = diags.len() != before;
            list.push(a);
        }
    }
    // Stable and run-aware: an already sorted list with a few new articles sorts in linear time.
    list.sort_by(|a, b| {
        b.date.cmp(&a.date).then_with(|| a.title().cmp(b.title())).then_with(|| a.slug.cmp(&b.slug))
    });
    for i in 0..list.len() {
        list[i].newer = i.checked_sub(1);
        list[i].older = (i + 1 < list.len()).then_some(i + 1);
    }

    // Tags: the first spelling (in date order, oldest first) names the tag.
    let mut tag_map: BTreeMap<&str, (&TagRef, Vec<usize>)> = BTreeMap::new();
    for (i, a) in list.iter().enumerate().rev() {
        for t in &a.tags {
            tag_map.entry(t.slug.as_str()).or_insert_with(|| (t, Vec::new())).1.push(i);
        }
    }
    let mut tags: Vec<Tag> =
        tag_map.into_values().map(|(tag, articles)| Tag { tag: tag.clone(), articles }).collect();
    for t in &mut tags {
        t.articles.sort_unstable();
        for &i in &t.articles {
            for r in &mut list[i].tags {
                if r.slug == t.tag.slug && r.name != t.tag.name {
                    r.name.clone_from(&t.tag.name);
                }
            }
        }
    }

    let mut archive: Vec<(i16, Vec<usize>)> = Vec::new();
    for (i, a) in list.iter().enumerate() {
        match archive.last_mut() {
            Some((year, items)) if *year == a.date.year() => items.push(i),
            _ => archive.push((a.date.year(), vec![i])),
        }
    }

    let mut corrections: Vec<LoggedCorrection> = list
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            (0..a.corrections.len()).map(move |c| LoggedCorrection { article: i, correction: c })
        })
        .collect();
    corrections.sort_by(|x, y| {
        let cx = &list[x.article].corrections[x.correction];
        let cy = &list[y.article].corrections[y.correction];
        cy.date.cmp(&cx.date).then(x.article.cmp(&y.article)).then(y.correction.cmp(&x.correction))
    });

    let pages = resolve_pages(&config, pages, diags);
    Site {
        config,
        config_file: None,
        authors,
        articles: list,
        pages,
        tags,
        archive,
        corrections,
        now: opts.now,
        drafts: opts.drafts,
    }
}

fn resolve_article(
    config: &Config,
    authors: &Authors,
    source: Arc<ArticleSource>,
    body: Arc<RenderedBody>,
    opts: AssembleOptions,
    diags: &mut Diagnostics,
) -> Option<Article> {
    let front = &source.front;
    let file = &source.file;
    let split = &source.split;
    let preview = front.draft || front.date > opts.now;
    if preview && !opts.drafts {
        return None;
    }
    let mut ok = true;

    let mut author_ids = front.author.clone();
    if author_ids.is_empty() {
        match &config.author {
            Some(default) => author_ids.push(default.clone()),
            None => {
                diags.push(
                    Diagnostic::error("author.missing", "this article names no author")
                        .at(file, 0..3)
                        .with_help(
                            "add `author: <id>` with an id from authors.yaml, or set a default \
                             `author:` in site.yaml",
                        ),
                );
                ok = false;
            }
        }
    }
    for id in &author_ids {
        if authors.get(id).is_none() {
            diags.push(unknown_person(
                authors,
                file,
                front_matter::key_span(file, split, "author"),
                id,
                "author",
            ));
            ok = false;
        }
    }

    // Corrections: front matter ones first (oldest first), then notes in the body. A
    // front-matter correction's anchor depends only on the front-matter corrections before it
    // (`correction-<date>`, then `-2`, `-3` the same day), never on the notes in the body,
    // whose anchors end in `-note` (markdown::notes): an anchor, once published, never moves
    // to another correction.
    let mut corrections: Vec<Correction> = Vec::new();
    for c in &front.corrections {
        let same_day = corrections.iter().filter(|x| x.date == c.date).count();
        let anchor = if same_day == 0 {
            format!("correction-{}", c.date)
        } else {
            format!("correction-{}-{}", c.date, same_day + 1)
        };
        corrections.push(Correction {
            date: c.date,
            anchor,
            html: c.html.clone(),
            text: c.plain.clone(),
            inline: false,
        });
    }
    for c in &body.inline_corrections {
        corrections.push(Correction {
            date: c.date,
            anchor: c.anchor.clone(),
            html: format!("<p>{}</p>", crate::html::escape(&c.text)),
            text: c.text.clone(),
            inline: true,
        });
    }
    corrections.sort_by_key(|c| c.date);
    let newest_correction = corrections.iter().map(|c| c.date).max();
    let updated = front.updated.or(newest_correction);

    let review = match (&front.reviewed_by, front.reviewed_on) {
        (Some(reviewer), Some(date)) => {
            if authors.get(reviewer).is_none() {
                diags.push(unknown_person(
                    authors,
                    file,
                    front_matter::key_span(file, split, "reviewed_by"),
                    reviewer,
                    "reviewer",
                ));
                ok = false;
            }
            Some(Review {
                reviewer: reviewer.clone(),
                date,
                next_due: dates::add_months(date, config.review_interval),
                self_review: author_ids.contains(reviewer),
            })
        }
        (Some(_), None) => {
            diags.push(
                Diagnostic::error(
                    "review.missing_date",
                    "`reviewed_by` is set but `reviewed_on` is not",
                )
                .at(file, front_matter::key_span(file, split, "reviewed_by"))
                .with_help("add the date of the review, like `reviewed_on: 2026-02-01`"),
            );
            None
        }
        (None, Some(_)) => {
            diags.push(
                Diagnostic::error(
                    "review.missing_reviewer",
                    "`reviewed_on` is set but `reviewed_by` is not",
                )
                .at(file, front_matter::key_span(file, split, "reviewed_on"))
                .with_help(
                    "add who reviewed it, like `reviewed_by: asmith` (an id from authors.yaml)",
                ),
            );
            None
        }
        (None, None) => None,
    };

    let mut tags: Vec<TagRef> = Vec::new();
    for name in &front.tags {
        match crate::slug::slugify(name) {
            Some(slug) if !tags.iter().any(|t| t.slug == slug) => {
                tags.push(TagRef { name: name.trim().to_string(), slug });
            }
            Some(_) => {}
            None => diags.push(
                Diagnostic::error(
                    "front_matter.bad_tag",
                    format!("the tag \"{name}\" has no letters or digits"),
                )
                .at(file, front_matter::key_span(file, split, "tags"))
                .with_help("use words for tags, like `tags: [heart health]`"),
            ),
        }
    }

    let description = match &front.description {
        Some(d) if !d.trim().is_empty() => d.trim().to_string(),
        _ => first_sentences(&body.first_paragraph, 200),
    };
    if !ok {
        return None;
    }
    let slug = source.slug.clone();
    Some(Article {
        own_tag_names: tags.iter().map(|t| t.name.clone()).collect(),
        diagnosed: false,
        feed_id: std::sync::OnceLock::new(),
        url: format!("{}articles/{slug}/", config.base_path()),
        slug,
        date: front.date,
        updated,
        authors: author_ids,
        review,
        description,
        tags,
        corrections,
        reading_minutes: body.words.div_ceil(WORDS_PER_MINUTE).max(1),
        older: None,
        newer: None,
        preview,
        body,
        source,
    })
}

fn unknown_person(
    authors: &Authors,
    file: &crate::diag::SourceText,
    span: crate::diag::Span,
    id: &str,
    role: &str,
) -> Diagnostic {
    let known: Vec<&str> = authors.by_id.keys().map(String::as_str).collect();
    let help = match crate::suggest::closest(id, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? The ids in authors.yaml are: {}", known.join(", ")),
        None if known.is_empty() => {
            "add this person to authors.yaml with name, credentials and disclosures".into()
        }
        None => {
            format!("use an id from authors.yaml ({}), or add this person there", known.join(", "))
        }
    };
    Diagnostic::error(
        if role == "author" { "author.unknown" } else { "review.unknown_reviewer" },
        format!("the {role} `{id}` is not in authors.yaml"),
    )
    .at(file, span)
    .with_help(help)
}

fn resolve_pages(
    config: &Config,
    pages: Vec<(Arc<PageSource>, Arc<RenderedBody>)>,
    diags: &mut Diagnostics,
) -> Vec<Page> {
    let mut out: Vec<Page> = Vec::new();
    for (source, body) in pages {
        if RESERVED_SLUGS.contains(&source.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    "page.reserved_slug",
                    format!(
                        "a page cannot be called `{}`: the site uses /{}/ itself",
                        source.slug, source.slug
                    ),
                )
                .in_file(&source.file)
                .with_help("rename the file, for example to `about-this-site.md`"),
            );
            continue;
        }
        let description = match &source.front.description {
            Some(d) if !d.trim().is_empty() => d.trim().to_string(),
            _ => first_sentences(&body.first_paragraph, 200),
        };
        out.push(Page {
            url: format!("{}{}/", config.base_path(), source.slug),
            description,
            body,
            source,
        });
    }
    out.sort_by(|a, b| a.source.slug.cmp(&b.source.slug));
    out
}

/// The first sentences of `text` that fit in about `max` characters, never cut mid-word.
pub fn first_sentences(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for sentence in text.split_inclusive(". ") {
        if out.chars().count() + sentence.chars().count() > max {
            break;
        }
        out.push_str(sentence);
    }
    if out.is_empty() {
        let mut cut: String = text.chars().take(max).collect();
        if let Some(i) = cut.rfind(' ') {
            cut.truncate(i);
        }
        out = format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':']));
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_at_sentences_or_words() {
        assert_eq!(first_sentences("Short one.", 200), "Short one.");
        let long = "First sentence here. Second sentence is a bit longer. Third.";
        assert_eq!(first_sentences(long, 40), "First sentence here.");
        assert_eq!(first_sentences("aaaa bbbb cccc dddd", 12), "aaaa bbbb\u{2026}");
    }
}
