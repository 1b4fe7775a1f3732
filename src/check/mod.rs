//! Editorial checks (`rounds check`): could an article identify a patient, can patients read
//! it, and are its links and sources sound.
//!
//! Input: the assembled [`Site`] and the files [`crate::render_site`] produced (pages, feeds,
//! copied assets), never the disk. Output: diagnostics at the file:line:col of the Markdown
//! source, and each article's readability scores ([`ArticleReadability`]).
//!
//! The engines are pure and know nothing of sites: [`privacy`] (HIPAA Safe Harbor
//! identifiers), [`readability`] (prose, syllables, SMOG, Flesch-Kincaid) and [`metadata`]
//! (EXIF/XMP/IPTC removal from copied images). The rules that turn their results into
//! findings, one module per check namespace:
//!
//! | module | codes |
//! | --- | --- |
//! | [`patients`] | `privacy.*`: identifiers, case stories and patient photos without consent, stale `privacy_ok:` |
//! | [`reading`] | `readability.grade`, `readability.ease` |
//! | [`links`] | `links.broken` |
//! | [`images`] | `images.missing_alt`, `images.alt_is_filename` |
//! | [`sources`] | `sources.uncited_numbers`, `citation.none` |
//! | [`report`] | the text and JSON output of `rounds check`, the build's one-line hint |
//!
//! [`build_checks`] holds the rules that only read front matter and the site model (no
//! Markdown parsing, no HTML scanning); [`run`] runs those and, per [`CheckOptions`], the
//! others. Articles are checked in parallel; each returns its findings and the caller merges
//! them, so the output never depends on thread timing.

pub mod images;
pub mod links;
pub mod metadata;
pub mod patients;
pub mod privacy;
pub mod readability;
pub mod reading;
pub mod report;
pub mod sources;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::Site;
pub use reading::{ArticleReadability, EnglishScores, Scores, SpanishScores};
pub use report::CheckReport;

/// Which of the costlier checks to run; the cheap ones ([`build_checks`]) always run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    /// Readability scores and `readability.grade`.
    pub readability: bool,
    /// `links.broken` over every rendered page.
    pub links: bool,
    /// `images.*` and `sources.uncited_numbers` (one more pass over each body).
    pub body: bool,
}

impl CheckOptions {
    /// Every check (`rounds check`).
    pub fn all() -> Self {
        CheckOptions { readability: true, links: true, body: true }
    }

    /// Only [`build_checks`].
    pub fn cheap() -> Self {
        CheckOptions { readability: false, links: false, body: false }
    }
}

/// The rules that cost next to nothing (front matter and the site model only), for `rounds
/// build` to run on every build: `citation.none` and the consent rules of case stories and
/// patient photos. (The privacy lint runs on every build too, from the session, which keeps
/// its results: [`patients::Cache`].)
pub fn build_checks(site: &Site, diags: &mut Diagnostics) {
    for a in &site.articles {
        sources::check_cites_something(a, diags);
        patients::check_consent(a, diags);
    }
}

/// Runs [`build_checks`] and the checks `opts` selects over the site and its rendered files.
/// Returns the readability of each article (empty when `opts.readability` is off), sorted by
/// file.
pub fn run(
    site: &Site,
    files: &[OutputFile],
    opts: &CheckOptions,
    diags: &mut Diagnostics,
) -> Vec<ArticleReadability> {
    build_checks(site, diags);
    let per_article: Vec<(Option<ArticleReadability>, Vec<Diagnostic>)> = site
        .articles
        .par_iter()
        .map(|a| {
            let mut found = Vec::new();
            let scores = opts.readability.then(|| {
                let (scores, finding) = reading::check_article(site, a);
                found.extend(finding);
                scores
            });
            if opts.body {
                found.extend(images::check_body(&a.source.file, a.source.split.body_offset));
                found.extend(images::check_front_matter(a));
                found.extend(sources::check_uncited_numbers(a));
            }
            (scores, found)
        })
        .collect();
    let mut scores = Vec::new();
    for (s, found) in per_article {
        scores.extend(s);
        diags.extend(found);
    }
    for p in &site.pages {
        if opts.body {
            diags.extend(images::check_body(&p.source.file, p.source.split.body_offset));
        }
    }
    if opts.body {
        images::check_site_image(site, diags);
    }
    if opts.links {
        links::check(site, files, diags);
    }
    scores.sort_by(|a, b| a.file.cmp(&b.file));
    scores
}
