//! Fingerprints of what each page is rendered from, so that watch mode renders again only the
//! pages whose inputs changed.
//!
//! A page's fingerprint hashes the small facts its view is built from: the site-wide view and
//! theme (every page), an article's own text and rendered body, its neighbours' titles, and
//! for a listing, the summary facts of the articles on that page. Hashing these costs
//! microseconds, against a template render per page, so a save in a 10,000-article site
//! re-renders the handful of pages it touched. The incremental == clean test keeps this honest:
//! a fact missing here would leave a stale page and fail it.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::hashing::{Hasher as FpHasher, Map, hasher};

use super::plan::Job;
use crate::site::{Article, Site};

/// What one output file was last rendered from.
#[derive(Clone, Debug)]
pub(super) struct Rendered {
    /// The fingerprint of its inputs.
    pub(super) fp: u64,
    /// Its sitemap entry (`None` inside: not in the sitemap), when known: entries are kept in
    /// memory only, so a page known from the manifest has none until it is looked at again.
    pub(super) entry: Option<Option<super::sitemap::Entry>>,
    /// The render that last produced it (files no render produces any more are forgotten).
    generation: u64,
}

/// What each page, feed and the sitemap were rendered from last time, by output path.
///
/// It is updated in place: a save in a 13,000-page site changes a handful of entries, and
/// copying or rebuilding the whole map would cost more than the render itself. A watch-mode
/// rebuild that fails keeps the pages on disk as they were, so changes are journalled until
/// [`RenderCache::commit`], and [`RenderCache::rollback`] undoes them.
#[derive(Debug, Default)]
pub struct RenderCache {
    files: Map<String, Rendered>,
    generation: u64,
    /// Earlier states of the entries changed since the last commit (`None`: it was new).
    journal: Vec<(String, Option<Rendered>)>,
}

impl RenderCache {
    /// Forgets everything (the next render renders every page).
    pub fn clear(&mut self) {
        self.files.clear();
        self.journal.clear();
    }

    /// A cache that trusts these fingerprints (from the output folder's manifest).
    pub fn from_fingerprints(pages: std::collections::HashMap<String, u64>) -> RenderCache {
        let files = pages
            .into_iter()
            .map(|(path, fp)| (path, Rendered { fp, entry: None, generation: 0 }))
            .collect();
        RenderCache { files, generation: 0, journal: Vec::new() }
    }

    /// The fingerprint of the file at `path` (for the manifest).
    pub fn fingerprint(&self, path: &str) -> Option<u64> {
        self.files.get(path).map(|r| r.fp)
    }

    pub(super) fn get(&self, path: &str) -> Option<&Rendered> {
        self.files.get(path)
    }

    /// True when `path` is one of the files rendered last time.
    pub(super) fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Starts a render: files not [`RenderCache::set`] from now on are forgotten by
    /// [`RenderCache::forget_unset`].
    pub(super) fn begin(&mut self) {
        self.generation += 1;
    }

    /// Records what `path` was rendered from in this render. `entry: None` keeps the known
    /// sitemap entry (the caller checked that the fingerprint did not change).
    pub(super) fn set(
        &mut self,
        path: String,
        fp: u64,
        entry: Option<Option<super::sitemap::Entry>>,
    ) -> String {
        let generation = self.generation;
        match self.files.get_mut(path.as_str()) {
            Some(r) => {
                if r.fp != fp || entry.is_some() {
                    self.journal.push((path.clone(), Some(r.clone())));
                    r.fp = fp;
                    if entry.is_some() {
                        r.entry = entry;
                    }
                }
                r.generation = generation;
            }
            None => {
                self.journal.push((path.clone(), None));
                self.files.insert(path.clone(), Rendered { fp, entry, generation });
            }
        }
        path
    }

    /// Forgets the files this render did not produce (a deleted article's page).
    pub(super) fn forget_unset(&mut self) {
        let generation = self.generation;
        let stale: Vec<String> = self
            .files
            .iter()
            .filter(|(_, r)| r.generation != generation)
            .map(|(p, _)| p.clone())
            .collect();
        for path in stale {
            let old = self.files.remove(&path);
            self.journal.push((path, old));
        }
    }

    /// The sitemap entries of every page, in no particular order.
    pub(super) fn entries(&self) -> impl Iterator<Item = &super::sitemap::Entry> {
        self.files.values().filter_map(|r| r.entry.as_ref()?.as_ref())
    }

    /// Keeps the changes since the last commit.
    pub fn commit(&mut self) {
        self.journal.clear();
    }

    /// Undoes the changes since the last commit (a render whose files were not written).
    pub fn rollback(&mut self) {
        for (path, old) in self.journal.drain(..).rev() {
            match old {
                Some(r) => {
                    self.files.insert(path, r);
                }
                None => {
                    self.files.remove(&path);
                }
            }
        }
    }
}

/// Per-build hashes shared by every page's fingerprint.
pub(super) struct Facts {
    site: u64,
    summaries: Vec<u64>,
    /// Each tag's newest modification (every page of a tag shows it).
    pub(super) tag_modified: Vec<Option<jiff::civil::Date>>,
}

impl Facts {
    /// `site_wide` hashes everything every page shows or depends on (configuration, authors,
    /// share images, theme, the site view).
    pub(super) fn new(site: &Site, site_wide: u64) -> Facts {
        let summaries = site.articles.par_iter().map(summary).collect();
        let tag_modified = site
            .tags
            .iter()
            .map(|t| t.articles.iter().map(|&i| site.articles[i].modified()).max())
            .collect();
        Facts { site: site_wide, summaries, tag_modified }
    }

    /// The fingerprint of one page.
    pub(super) fn page(&self, site: &Site, job: Job<'_>) -> u64 {
        let mut h = hasher();
        self.site.hash(&mut h);
        let per_page = site.config.per_page.max(1);
        let on_page = |items: &mut dyn Iterator<Item = usize>, n: usize, h: &mut FpHasher| {
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
            Job::Author(id, _) => {
                ("author", id).hash(&mut h);
                for (i, a) in site.articles.iter().enumerate() {
                    let wrote = a.authors.iter().any(|x| x == id);
                    let reviewed = a.review.as_ref().is_some_and(|r| r.reviewer == id);
                    if wrote || reviewed {
                        (i, wrote, reviewed, self.summaries[i]).hash(&mut h);
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
fn article(a: &Article, h: &mut FpHasher) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sitemap::Entry;

    fn entry(url: &str) -> Option<Option<Entry>> {
        Some(Some(Entry { url: url.into(), lastmod: None }))
    }

    fn state(c: &RenderCache) -> Vec<(String, u64, Option<String>)> {
        let mut v: Vec<_> = c
            .files
            .iter()
            .map(|(p, r)| (p.clone(), r.fp, r.entry.clone().flatten().map(|e| e.url)))
            .collect();
        v.sort();
        v
    }

    /// One render of a watch session: `pages` are what it produced.
    fn render(c: &mut RenderCache, pages: &[(&str, u64, &str)]) {
        c.begin();
        for (path, fp, url) in pages {
            c.set((*path).into(), *fp, entry(url));
        }
        c.forget_unset();
    }

    #[test]
    fn a_failed_render_is_rolled_back_and_a_good_one_committed() {
        let mut c = RenderCache::from_fingerprints(
            [("a/index.html".to_string(), 1), ("gone/index.html".to_string(), 9)].into(),
        );
        assert_eq!(c.fingerprint("a/index.html"), Some(1));
        render(&mut c, &[("a/index.html", 1, "/a/"), ("b/index.html", 2, "/b/")]);
        c.commit();
        let good = state(&c);
        assert_eq!(good.len(), 2, "a page no render produces is forgotten: {good:?}");
        assert_eq!(c.entries().count(), 2);

        // A render whose files are not written: a changed page, a new one, one gone.
        render(&mut c, &[("a/index.html", 3, "/a2/"), ("c/index.html", 4, "/c/")]);
        assert_eq!(c.fingerprint("b/index.html"), None);
        c.rollback();
        assert_eq!(state(&c), good);

        // The next render is judged against the last good one, and kept.
        render(&mut c, &[("a/index.html", 1, "/a/"), ("b/index.html", 5, "/b/")]);
        c.commit();
        c.rollback();
        assert_eq!(c.fingerprint("b/index.html"), Some(5), "a commit is final");
        assert_eq!(c.fingerprint("a/index.html"), Some(1));
    }
}
