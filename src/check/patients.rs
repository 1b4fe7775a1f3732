//! Patient privacy findings (`privacy.*`): the [`privacy`](super::privacy) lint run over what
//! readers see, and the consent rules of case stories and patient photos.
//!
//! Input: an article or a page of the assembled site. Output: diagnostics at the file:line:col
//! of the Markdown file.
//!
//! What is scanned: the body (alt text and captions are part of it), and the front matter's
//! `title`, `description`, `image_alt` and correction texts. What is public and never flagged:
//! the names of everyone in authors.yaml and their e-mail addresses and links, the family
//! names of the authors the article cites, and the practice's details from site.yaml
//! `practice:`. An article's `privacy_ok:` entries suppress findings whose flagged text is
//! theirs or a whole-word part of it (`text: "Mr. Hendricks"` covers the flagged "Hendricks",
//! wherever it stands in the article); an entry that matches nothing any more is reported
//! (`privacy.stale_ok`,
//! info) so that old suppressions do not pile up. Pages take `privacy_ok:` the same way.
//!
//! Every build runs this check on everything it publishes (issue 12): a finding the lint is
//! sure of is an error, so the build writes nothing until the author changes the text or
//! acknowledges it with `privacy_ok:`; a finding it is less sure of is a warning, printed in
//! full. A case story without consent and a patient photo without consent are errors too.
//!
//! The results are kept per article by a key of everything they depend on (the article's
//! text, the site's public names and details, the names the article cites) in a [`Cache`],
//! which the watch session keeps in memory and the build cache keeps on disk: an article
//! that did not change is not scanned again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, SourceText, Span};
use crate::hashing::hasher;
use crate::site::{Article, Page, Site};
use crate::source::PrivacyOk;
use crate::source::front_matter::{self, Split};

use super::privacy::{self, PrivacyContext, PrivacyFinding};

/// The public names and details of a site, shared by every article's scan.
#[derive(Clone, Debug)]
pub struct Context {
    base: PrivacyContext,
    /// A hash of `base`: part of every cached result's key.
    fingerprint: u64,
}

impl Context {
    /// Collects the site's public names and contact details.
    pub fn new(site: &Site) -> Self {
        let mut base = PrivacyContext::default();
        for author in site.authors.by_id.values() {
            base.allowed_names.push(author.name.clone());
            base.practice.extend(author.email.iter().cloned());
            base.practice.extend(author.links.iter().map(|l| l.url.clone()));
        }
        // The practice's name and the site's title hold place names ("Willow Creek Family
        // Medicine") that are public, like its contact details.
        base.practice.push(site.config.title.clone());
        if let Some(p) = &site.config.practice {
            base.allowed_names.extend(p.name.iter().cloned());
            for detail in [&p.name, &p.phone, &p.fax, &p.email, &p.address].into_iter().flatten() {
                base.practice.push(detail.clone());
            }
            base.practice_towns.extend(p.address.as_deref().and_then(town_of_address));
        }
        let mut h = hasher();
        (&base.allowed_names, &base.practice, &base.practice_towns).hash(&mut h);
        Context { base, fingerprint: h.finish() }
    }

    /// The key of an article's privacy result: what the findings depend on.
    fn article_key(&self, a: &Article) -> u64 {
        let mut h = hasher();
        (self.fingerprint, a.source.hash, a.source.rel_path.as_path()).hash(&mut h);
        for r in a.body.references.iter() {
            r.author_names.hash(&mut h);
        }
        h.finish()
    }

    /// The key of a page's privacy result.
    fn page_key(&self, p: &Page) -> u64 {
        let mut h = hasher();
        (self.fingerprint, &*p.source.file.text, p.source.rel_path.as_path()).hash(&mut h);
        h.finish()
    }

    /// The privacy findings of one article, including stale `privacy_ok:` entries.
    pub fn check_article(&self, a: &Article) -> Vec<Diagnostic> {
        let source = &a.source;
        let (file, split, front) = (&source.file, &source.split, &source.front);
        let mut ctx = self.base.clone();
        for r in a.body.references.iter() {
            ctx.cited_names.extend(r.author_names.iter().cloned());
        }
        ctx.consent = front.consent.is_some();

        // (findings, where their spans start in the file, or how to find them in the YAML)
        let mut found: Vec<(PrivacyFinding, Span)> = Vec::new();
        for f in privacy::scan(source.body(), &ctx) {
            let span = f.span.shift(split.body_offset);
            found.push((f, span));
        }
        let mut yaml_texts: Vec<(&str, usize)> = Vec::new();
        for (key, value) in [
            ("title", Some(&front.title)),
            ("description", front.description.as_ref()),
            ("image_alt", front.image_alt.as_ref()),
        ] {
            if let Some(v) = value {
                yaml_texts.push((v, front_matter::key_span(file, split, key).start));
            }
        }
        for (i, c) in front.corrections.iter().enumerate() {
            yaml_texts
                .push((&c.text, front_matter::item_span(file, split, "corrections", i).start));
        }
        for (i, tag) in front.tags.iter().enumerate() {
            yaml_texts.push((tag, front_matter::item_span(file, split, "tags", i).start));
        }
        // The share image is published under its file name, with its alt text beside it.
        let image_markup = front
            .image
            .as_ref()
            .map(|image| format!("![{}]({image})", front.image_alt.as_deref().unwrap_or_default()));
        let image_from = front_matter::key_span(file, split, "image").start;
        for (text, from) in yaml_texts {
            for f in privacy::scan(text, &ctx) {
                let span = locate_in_yaml(file, split, from, &f.matched)
                    .unwrap_or_else(|| Span::new(from, from + 1));
                found.push((f, span));
            }
        }
        if let Some(markup) = &image_markup {
            for f in privacy::scan(markup, &ctx) {
                // findings in the alt text are reported from `image_alt:` above
                if front.image_alt.as_deref().is_some_and(|alt| alt.contains(&f.matched))
                    && f.code != "privacy.patient_photo"
                    && f.code != "privacy.biometric"
                {
                    continue;
                }
                let span = locate_in_yaml(file, split, image_from, &f.matched)
                    .unwrap_or_else(|| Span::new(image_from, image_from + 1));
                found.push((f, span));
            }
        }

        acknowledge(found, &front.privacy_ok, file, split)
    }

    /// The privacy findings of a page's body, title and description.
    pub fn check_page(&self, p: &Page) -> Vec<Diagnostic> {
        let source = &p.source;
        let (file, split) = (&source.file, &source.split);
        let mut found = Vec::new();
        for f in privacy::scan(source.body(), &self.base) {
            let span = f.span.shift(split.body_offset);
            found.push((f, span));
        }
        let front = &source.front;
        for (key, text) in
            [("title", Some(&front.title)), ("description", front.description.as_ref())]
        {
            let Some(text) = text else { continue };
            let from = front_matter::key_span(file, split, key).start;
            for f in privacy::scan(text, &self.base) {
                let span = locate_in_yaml(file, split, from, &f.matched)
                    .unwrap_or_else(|| Span::new(from, from + 1));
                found.push((f, span));
            }
        }
        acknowledge(found, &front.privacy_ok, file, split)
    }
}

/// Turns findings into diagnostics, leaving out those a `privacy_ok:` entry covers, and notes
/// the entries that cover nothing any more.
fn acknowledge(
    found: Vec<(PrivacyFinding, Span)>,
    privacy_ok: &[PrivacyOk],
    file: &SourceText,
    split: &Split,
) -> Vec<Diagnostic> {
    let mut used = vec![false; privacy_ok.len()];
    let mut out = Vec::new();
    for (f, span) in found {
        if let Some(i) = privacy_ok.iter().position(|ok| covers(&ok.text, &f.matched)) {
            used[i] = true;
            continue;
        }
        out.push(to_diagnostic(f, file, span));
    }
    for (i, ok) in privacy_ok.iter().enumerate() {
        if !used[i] {
            out.push(
                Diagnostic::info(
                    "privacy.stale_ok",
                    format!(
                        "this `privacy_ok:` entry (\"{}\") no longer matches anything",
                        ok.text
                    ),
                )
                .at(file, front_matter::item_span(file, split, "privacy_ok", i))
                .with_help(
                    "the text was changed or removed: delete the entry; if the finding is \
                     still reported, copy its flagged text exactly into `text:`",
                ),
            );
        }
    }
    out
}

/// The town of a postal address written the usual way ("410 Larkspur Lane, Suite 2,
/// Fairview, Example State 00000" -> "Fairview"): the part before the state and ZIP code.
fn town_of_address(address: &str) -> Option<String> {
    let parts: Vec<&str> = address.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let last = parts.len().checked_sub(1)?;
    // "Fairview, ST 00000": the town is the part before the last; "Fairview ST 00000" in one
    // part is not told apart from a street, so nothing is taken from it.
    let town = parts.get(last.checked_sub(1)?)?;
    let street_like = town.chars().next().is_some_and(|c| c.is_ascii_digit())
        || ["suite", "ste", "apt", "unit", "floor", "po box", "p.o."]
            .iter()
            .any(|w| town.to_lowercase().starts_with(w));
    (!street_like && last >= 1).then(|| town.to_string())
}

/// The privacy results of the articles and pages last checked, each with its key: a build
/// checks again only what changed (the watch session keeps one; `rounds build` fills it from
/// the build cache).
#[derive(Debug, Default)]
pub struct Cache {
    results: HashMap<PathBuf, (u64, Arc<[Diagnostic]>)>,
    /// Results worked out (not taken from the cache) since [`Cache::take_fresh`].
    fresh: usize,
    /// Articles and pages scanned since the cache was made.
    scanned: usize,
}

impl Cache {
    /// Checks every published article and page of `site`, taking the results whose key did
    /// not change from the cache, and adds the findings to `diags`. Forgets what is no longer
    /// on the site.
    pub fn check(&mut self, site: &Site, diags: &mut Diagnostics) {
        let ctx = Context::new(site);
        let keyed: Vec<(&Article, u64)> =
            site.articles.iter().map(|a| (a, ctx.article_key(a))).collect();
        let todo: Vec<(&Article, u64)> = keyed
            .iter()
            .filter(|(a, key)| self.results.get(&a.source.rel_path).is_none_or(|(k, _)| k != key))
            .copied()
            .collect();
        let done: Vec<(PathBuf, u64, Arc<[Diagnostic]>)> = todo
            .par_iter()
            .map(|(a, key)| (a.source.rel_path.clone(), *key, ctx.check_article(a).into()))
            .collect();
        self.fresh += done.len();
        self.scanned += done.len();
        let mut pages: Vec<(PathBuf, u64, Arc<[Diagnostic]>)> = Vec::new();
        for p in &site.pages {
            let key = ctx.page_key(p);
            let rel = &p.source.rel_path;
            if self.results.get(rel).is_none_or(|(k, _)| *k != key) {
                pages.push((rel.clone(), key, ctx.check_page(p).into()));
            }
        }
        self.scanned += pages.len();
        for (rel, key, found) in done.into_iter().chain(pages) {
            self.results.insert(rel, (key, found));
        }
        let live: std::collections::HashSet<&PathBuf> = keyed
            .iter()
            .map(|(a, _)| &a.source.rel_path)
            .chain(site.pages.iter().map(|p| &p.source.rel_path))
            .collect();
        self.results.retain(|rel, _| live.contains(rel));
        for rel in &live {
            if let Some((_, found)) = self.results.get(*rel) {
                diags.extend(found.iter().cloned());
            }
        }
    }

    /// An article's last result and its key (for the build cache).
    pub fn get(&self, rel: &std::path::Path) -> Option<(u64, &[Diagnostic])> {
        self.results.get(rel).map(|(k, d)| (*k, &d[..]))
    }

    /// How many articles and pages were scanned since the cache was made (the rest were
    /// unchanged).
    pub fn scanned(&self) -> usize {
        self.scanned
    }

    /// Takes a result kept by an earlier build.
    pub fn insert(&mut self, rel: PathBuf, key: u64, found: Vec<Diagnostic>) {
        self.results.insert(rel, (key, found.into()));
    }

    /// How many results were worked out since the last call (the build cache is saved again
    /// only when some were).
    pub fn take_fresh(&mut self) -> usize {
        std::mem::take(&mut self.fresh)
    }
}

/// Whether a `privacy_ok:` text covers a flagged text: the same text, or a phrase that holds
/// it as whole words ("Mr. Hendricks" covers the flagged "Hendricks").
fn covers(ok: &str, matched: &str) -> bool {
    let ok = ok.trim();
    if ok == matched {
        return true;
    }
    ok.match_indices(matched).any(|(i, m)| {
        let before = ok[..i].chars().next_back();
        let after = ok[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A finding as a diagnostic: an error when the lint is sure of it, else a warning; the
/// message quotes the flagged words, which is what `privacy_ok:` takes.
fn to_diagnostic(f: PrivacyFinding, file: &SourceText, span: Span) -> Diagnostic {
    let message = format!("{} (\"{}\")", f.message, f.matched);
    let d = if f.certain {
        Diagnostic::error(f.code, message)
    } else {
        Diagnostic::warning(f.code, message)
    };
    d.at(file, span).with_help(f.help)
}

/// Where `matched` is written in the front matter, looking from byte `from` (the key's
/// value) to the end of the YAML.
fn locate_in_yaml(file: &SourceText, split: &Split, from: usize, matched: &str) -> Option<Span> {
    let region = file.text.get(from..split.yaml.end)?;
    region.find(matched).map(|i| Span::new(from + i, from + i + matched.len()))
}

/// Case stories need consent or must be composites; a photo of a patient needs consent.
pub fn check_consent(a: &Article, diags: &mut crate::diag::Diagnostics) {
    let source = &a.source;
    let (file, split, front) = (&source.file, &source.split, &source.front);
    if front.case && front.consent.is_none() && !front.composite {
        diags.push(
            Diagnostic::error(
                "privacy.case_consent",
                "this case story has no `consent:` date and is not marked as a composite",
            )
            .at(file, front_matter::key_span(file, split, "case"))
            .with_label("a story about a patient")
            .with_help(
                "a story about a real patient needs their written permission: add \
                 `consent: 2026-01-10` (the day they agreed); if you combined several patients \
                 and changed the details, add `composite: true` instead (readers then see \
                 \"Details changed to protect privacy\")",
            ),
        );
    }
    if front.image_patient && front.consent.is_none() {
        diags.push(
            Diagnostic::error(
                "privacy.patient_photo",
                "this article's image shows a patient, but there is no `consent:` date",
            )
            .at(file, front_matter::key_span(file, split, "image_patient"))
            .with_help(
                "publish a patient's photo only with their written permission: add \
                 `consent: 2026-01-10` (the day they agreed), or use another image",
            ),
        );
    }
}
