//! Fingerprints of what each page is rendered from, so that watch mode renders again only the
//! pages whose inputs changed.
//!
//! A page's fingerprint hashes the small facts its view is built from: the site-wide view and
//! theme (every page), an article's own text and rendered body, its neighbours' titles, and
//! for a listing, the summary facts of the articles on that page. Hashing these costs
//! microseconds, against a template render per page, so a save in a 10,000-article site
//! re-renders the handful of pages it touched. The incremental == clean test keeps this honest:
//! a fact missing here would leave a stale page and fail it.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::Job;
use crate::site::{Article, Site};

/// What each page was rendered from last time: its fingerprint, by output path; and, in
/// memory only, its sitemap entry.
#[derive(Clone, Debug, Default)]
pub struct RenderCache {
    pub(super) pages: HashMap<String, u64>,
    pub(super) entries: HashMap<String, (u64, Option<super::sitemap::Entry>)>,
}

impl RenderCache {
    /// Forgets everything (the next render renders every page).
    pub fn clear(&mut self) {
        self.pages.clear();
        self.entries.clear();
    }

    /// A cache that trusts these fingerprints (from the output folder's manifest).
    pub fn from_fingerprints(pages: HashMap<String, u64>) -> RenderCache {
        RenderCache { pages, entries: HashMap::new() }
    }

    /// The fingerprints, by output path (for the manifest).
    pub fn fingerprints(&self) -> &HashMap<String, u64> {
        &self.pages
    }
}

/// Per-build hashes shared by every page's fingerprint.
pub(super) struct Facts {
    site: u64,
    summaries: Vec<u64>,
    /// Each tag's newest modification (every page of a tag shows it).
    pub(super) tag_modified: Vec<Option<jiff::civil::Date>>,
}

fn hasher() -> DefaultHasher {
    DefaultHasher::new()
}

impl Facts {
    /// `site_wide` hashes everything every page shows or depends on (configuration, authors,
    /// share images, theme, the site view).
    pub(super) fn new(site: &Site, site_wide: u64) -> Facts {
        let summaries = site.articles.iter().map(summary).collect();
        let tag_modified = site
            .tags
            .iter()
            .map(|t| t.articles.iter().map(|&i| site.articles[i].modified()).max())
            .collect();
        Facts { site: site_wide, summaries, tag_modified }
    }

    /// The fingerprint of one page.
    pub(super) fn page(&self, site: &Site, job: Job) -> u64 {
        let mut h = hasher();
        self.site.hash(&mut h);
        let per_page = site.config.per_page.max(1);
        let on_page = |items: &mut dyn Iterator<Item = usize>, n: usize, h: &mut DefaultHasher| {
            for i in items.skip((n - 1) * per_page).take(per_page) {
                self.summaries[i].hash(h);
            }
        };
        match job {
            Job::Home(n) => {
                ("home", n, site.articles.len()).hash(&mut h);
                on_page(&mut (0..site.articles.len()), n, &mut h);
            }
            Job::Article(i) => {
                let a = &site.articles[i];
                "article".hash(&mut h);
                article(a, &mut h);
                for j in [a.older, a.newer].into_iter().flatten() {
                    let n = &site.articles[j];
                    (n.title(), &n.url).hash(&mut h);
                }
            }
            Job::Tag(t, n) => {
                let tag = &site.tags[t];
                ("tag", &tag.tag, n, tag.articles.len()).hash(&mut h);
                on_page(&mut tag.articles.iter().copied(), n, &mut h);
                // The page's last-modified date looks at every article of the tag.
                self.tag_modified[t].hash(&mut h);
            }
            Job::Tags | Job::Feeds => {
                ("tags", matches!(job, Job::Feeds)).hash(&mut h);
                for t in &site.tags {
                    (&t.tag, t.articles.len()).hash(&mut h);
                }
                site.newest_date().hash(&mut h);
            }
            Job::Author(k) => {
                ("author", k).hash(&mut h);
                if let Some(id) = site.authors.by_id.keys().nth(k) {
                    for (i, a) in site.articles.iter().enumerate() {
                        let wrote = a.authors.iter().any(|x| x == id);
                        let reviewed = a.review.as_ref().is_some_and(|r| &r.reviewer == id);
                        if wrote || reviewed {
                            (i, wrote, reviewed, self.summaries[i]).hash(&mut h);
                        }
                    }
                }
            }
            Job::Archive => {
                "archive".hash(&mut h);
                self.summaries.hash(&mut h);
            }
            Job::Corrections => {
                "corrections".hash(&mut h);
                for l in &site.corrections {
                    let a = &site.articles[l.article];
                    let c = &a.corrections[l.correction];
                    (a.title(), &a.url, c.date, &c.anchor, &c.html, c.inline).hash(&mut h);
                }
                site.newest_date().hash(&mut h);
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                ("page", &*p.source.file.text, &p.url).hash(&mut h);
            }
            Job::NotFound => "404".hash(&mut h),
        }
        h.finish()
    }
}

impl Facts {
    /// The fingerprint of an article as a feed item: its full content and listing facts.
    pub(super) fn feed_item(&self, site: &Site, i: usize) -> u64 {
        let mut h = hasher();
        article(&site.articles[i], &mut h);
        self.summaries[i].hash(&mut h);
        h.finish()
    }
}

/// The facts an article's own page is built from.
fn article(a: &Article, h: &mut DefaultHasher) {
    (a.source.hash, &a.url, a.body.fingerprint, a.preview).hash(h);
    for t in &a.tags {
        t.hash(h);
    }
    (a.updated, &a.authors).hash(h);
}

/// The facts a listing shows about an article.
fn summary(a: &Article) -> u64 {
    let mut h = hasher();
    (a.title(), &a.url, a.date, a.updated, &a.description, &a.authors, &a.tags).hash(&mut h);
    (a.reading_minutes, a.corrections.len(), a.source.front.opinion).hash(&mut h);
    if let Some(r) = &a.review {
        (&r.reviewer, r.date).hash(&mut h);
    }
    h.finish()
}
