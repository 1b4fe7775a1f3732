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
//! info) so that old suppressions do not pile up. Pages have no `privacy_ok:`: a page that
//! needs one should say it differently.
//!
//! Identifiers are warnings: the lint finds candidates and only the author can tell. A case
//! story without consent and a patient photo without consent are errors: there the front
//! matter itself says a patient is involved.

use crate::diag::{Diagnostic, SourceText, Span};
use crate::site::{Article, Page, Site};
use crate::source::front_matter::{self, Split};

use super::privacy::{self, PrivacyContext, PrivacyFinding};

/// The public names and details of a site, shared by every article's scan.
#[derive(Clone, Debug)]
pub struct Context {
    base: PrivacyContext,
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
        }
        Context { base }
    }

    /// The privacy findings of one article, including stale `privacy_ok:` entries.
    pub fn check_article(&self, a: &Article) -> Vec<Diagnostic> {
        let source = &a.source;
        let (file, split, front) = (&source.file, &source.split, &source.front);
        let mut ctx = self.base.clone();
        for r in a.body.references.iter() {
            ctx.cited_names.extend(r.author_names.iter().cloned());
        }

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
        for (text, from) in yaml_texts {
            for f in privacy::scan(text, &ctx) {
                let span = locate_in_yaml(file, split, from, &f.matched)
                    .unwrap_or_else(|| Span::new(from, from + 1));
                found.push((f, span));
            }
        }

        let mut used = vec![false; front.privacy_ok.len()];
        let mut out = Vec::new();
        for (f, span) in found {
            if let Some(i) = front.privacy_ok.iter().position(|ok| covers(&ok.text, &f.matched)) {
                used[i] = true;
                continue;
            }
            out.push(to_diagnostic(f, file, span));
        }
        for (i, ok) in front.privacy_ok.iter().enumerate() {
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

    /// The privacy findings of a page's body and title (pages have no `privacy_ok:`).
    pub fn check_page(&self, p: &Page) -> Vec<Diagnostic> {
        let source = &p.source;
        let (file, split) = (&source.file, &source.split);
        let mut out = Vec::new();
        for f in privacy::scan(source.body(), &self.base) {
            let span = f.span.shift(split.body_offset);
            out.push(to_diagnostic(f, file, span));
        }
        let from = front_matter::key_span(file, split, "title").start;
        for f in privacy::scan(&source.front.title, &self.base) {
            let span = locate_in_yaml(file, split, from, &f.matched)
                .unwrap_or_else(|| Span::new(from, from + 1));
            out.push(to_diagnostic(f, file, span));
        }
        out
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

fn to_diagnostic(f: PrivacyFinding, file: &SourceText, span: Span) -> Diagnostic {
    Diagnostic::warning(f.code, f.message).at(file, span).with_help(f.help)
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
