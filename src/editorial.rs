//! Editorial rules: honest dates, medical review, authorship and the pages a trustworthy
//! health site needs.
//!
//! Input: the assembled [`Site`]. Output: diagnostics. These are the habits that make a
//! doctor's blog credible (JAMA benchmarks, HONcode): every mistake corrected in the open and
//! dated, every article reviewed on schedule, every author named with credentials and
//! disclosures, and the about, disclaimer, privacy, contact and advertising pages present.
//! `rounds build` and `rounds check` both run them.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::diag::{Diagnostic, Diagnostics, Severity, SourceText, Span};
use crate::scaffold::{self, PLACEHOLDER};
use crate::site::{Article, Site};
use crate::source::front_matter;

/// Runs every editorial rule over the site.
pub fn check(site: &Site, diags: &mut Diagnostics) {
    for a in &site.articles {
        check_dates(site, a, diags);
        check_review(site, a, diags);
    }
    check_authors(site, diags);
    check_required_pages(site, diags);
    check_placeholders(site, diags);
}

fn at_key(a: &Article, key: &str) -> Span {
    front_matter::key_span(&a.source.file, &a.source.split, key)
}

fn check_dates(site: &Site, a: &Article, diags: &mut Diagnostics) {
    let file = &a.source.file;
    let front = &a.source.front;
    let now = site.now;
    for (i, c) in front.corrections.iter().enumerate() {
        let span = front_matter::item_span(file, &a.source.split, "corrections", i);
        if c.date < a.date {
            diags.push(
                Diagnostic::error(
                    "correction.before_publication",
                    format!(
                        "this correction is dated {}, before the article was published ({})",
                        dates::display(c.date),
                        dates::display(a.date)
                    ),
                )
                .at(file, span)
                .with_help(
                    "give the correction the date it was made, on or after the article's `date`",
                ),
            );
        }
        if c.date > now {
            diags.push(future(file, span, "this correction", c.date, now));
        }
    }
    for c in a.corrections.iter().filter(|c| c.inline) {
        if c.date > now {
            let marker = a
                .source
                .file
                .text
                .find(&format!("] {}", c.date))
                .map_or(Span::new(0, 3), |i| Span::new(i + 2, i + 12));
            diags.push(future(file, marker, "this correction note", c.date, now));
        }
    }
    if let Some(updated) = front.updated {
        // Finding the line costs a scan of the front matter: only for a diagnostic.
        let span = || at_key(a, "updated");
        if updated < a.date {
            diags.push(
                Diagnostic::error(
                    "dates.updated_before_date",
                    format!(
                        "`updated` ({}) is earlier than the publication `date` ({})",
                        dates::display(updated),
                        dates::display(a.date)
                    ),
                )
                .at(file, span())
                .with_help("an update comes after publication: fix one of the two dates"),
            );
        }
        if let Some(newest) = a.corrections.iter().map(|c| c.date).max().filter(|d| *d > updated) {
            diags.push(
                Diagnostic::error(
                    "dates.updated_before_correction",
                    format!(
                        "`updated` ({}) is earlier than the newest correction ({})",
                        dates::display(updated),
                        dates::display(newest)
                    ),
                )
                .at(file, span())
                .with_help(format!(
                    "a correction updates the article: set `updated: {newest}` or remove `updated:` (it then follows the newest correction)"
                )),
            );
        }
        if updated > now {
            diags.push(future(file, span(), "`updated`", updated, now));
        }
    }
}

fn future(file: &SourceText, span: Span, what: &str, date: Date, now: Date) -> Diagnostic {
    Diagnostic::error(
        "dates.future",
        format!(
            "{what} is dated {}, which is after today ({})",
            dates::display(date),
            dates::display(now)
        ),
    )
    .at(file, span)
    .with_help("use the date it actually happened; to build as of another day, pass --now")
}

fn check_review(site: &Site, a: &Article, diags: &mut Diagnostics) {
    let file = &a.source.file;
    let Some(review) = &a.review else {
        let d = if site.config.review_required { Diagnostic::error } else { Diagnostic::warning };
        diags.push(
            d("review.missing", "this article has no medical review")
                .at(file, Span::new(0, 3))
                .with_help(
                    "have a qualified colleague review it, then add `reviewed_by: <id>` and \
                     `reviewed_on: <date>` to the front matter",
                ),
        );
        return;
    };
    let span = || at_key(a, "reviewed_on");
    if review.date < a.date {
        diags.push(
            Diagnostic::error(
                "review.before_publication",
                format!(
                    "the review date ({}) is before the article's date ({})",
                    dates::display(review.date),
                    dates::display(a.date)
                ),
            )
            .at(file, span())
            .with_help("a review checks the published text: use a date on or after `date`"),
        );
    }
    if review.date > site.now {
        diags.push(future(file, span(), "the review", review.date, site.now));
    } else if review.next_due < site.now {
        diags.push(
            Diagnostic::warning(
                "review.overdue",
                format!(
                    "the medical review of this article was due on {} (reviewed {}, every {} months)",
                    dates::display(review.next_due),
                    dates::display(review.date),
                    site.config.review_interval
                ),
            )
            .at(file, span())
            .with_help("review the article again against current guidance, then update `reviewed_on`"),
        );
    }
    if let Some(reviewer) = site.authors.get(&review.reviewer) {
        if reviewer.credentials.is_empty() {
            diags.push(
                Diagnostic::error(
                    "review.no_credentials",
                    format!("the reviewer `{}` has no credentials in authors.yaml", review.reviewer),
                )
                .at(file, at_key(a, "reviewed_by"))
                .with_help("a medical reviewer must be qualified: add `credentials: [MD]` (or RN, PharmD...) to their entry"),
            );
        }
    }
}

fn check_authors(site: &Site, diags: &mut Diagnostics) {
    for (id, author) in &site.authors.by_id {
        if author.credentials.is_empty() {
            diags.push(site.authors.at_entry(
                id,
                Diagnostic::error("author.no_credentials", format!("`{id}` has no credentials"))
                    .with_help("readers need to know who is writing: add `credentials: [MD]` (or RN, PharmD, none...)"),
            ));
        }
        match &author.disclosures {
            None => diags.push(site.authors.at_entry(
                id,
                Diagnostic::error("author.no_disclosures", format!("`{id}` has no disclosures"))
                    .with_help("list conflicts of interest, or write `disclosures: [\"None\"]` when there are none"),
            )),
            Some(list) if list.iter().all(|d| d.trim().is_empty()) => diags.push(site.authors.at_entry(
                id,
                Diagnostic::error("author.no_disclosures", format!("`{id}` has empty disclosures"))
                    .with_help("write `disclosures: [\"None\"]` when there are none"),
            )),
            Some(_) => {}
        }
    }
}

fn check_required_pages(site: &Site, diags: &mut Diagnostics) {
    let config_file = site.config_file.as_ref();
    for (role, slug) in site.config.pages.roles() {
        if site.page_by_slug(slug).is_some() {
            continue;
        }
        let what = match role {
            "about" => "an about page (who writes the site, who owns and funds it)",
            "disclaimer" => "a medical disclaimer page",
            "privacy" => "a privacy page",
            "contact" => "a contact page",
            _ => "an advertising and sponsorship policy page",
        };
        let mut d = Diagnostic::error("site.missing_page", format!("the site has no `{slug}` page: it needs {what}"))
            .with_help(format!(
                "create content/pages/{slug}.md, or point `pages: {{ {role}: <slug> }}` in site.yaml at an existing page"
            ));
        if let Some(file) = config_file {
            let span = file
                .text
                .find(&format!("{role}:"))
                .map_or(Span::new(0, 0), |i| Span::new(i, i + role.len()));
            d = d.at(file, span);
        }
        diags.push(d);
    }
}

/// Placeholder text from `rounds new` and `rounds init` left in what the site publishes: its
/// articles, pages, site.yaml and authors.yaml. An error, since patients would read it; a
/// warning in a `--drafts` build, which previews and publishes nothing.
fn check_placeholders(site: &Site, diags: &mut Diagnostics) {
    let severity = if site.drafts { Severity::Warning } else { Severity::Error };
    let articles = site.articles.iter().map(|a| &a.source.file);
    let pages = site.pages.iter().map(|p| &p.source.file);
    for file in articles.chain(pages).chain(&site.config_file).chain(&site.authors.file) {
        for span in placeholder_spans(&file.text) {
            diags.push(placeholder(severity, file, span));
        }
    }
    if let Some(file) = &site.authors.file {
        // `yourid:` at the start of a line is the author entry `rounds init` wrote; its id is
        // in the address of the author's page.
        let id = scaffold::PLACEHOLDER_AUTHOR_ID;
        if site.authors.by_id.contains_key(id) {
            let at =
                line_starts(&file.text).find(|&i| file.text[i..].starts_with(&format!("{id}:")));
            if let Some(i) = at {
                diags.push(placeholder(severity, file, Span::new(i, i + id.len())).with_help(
                    format!(
                        "choose the author's own id (it is in the address of their page, \
                         /authors/{id}/) and use it in site.yaml's `author:` and in articles"
                    ),
                ));
            }
        }
    }
    if let Some(file) = &site.config_file {
        // `rounds init` writes https://example.org/; the example domains (RFC 2606) are never
        // where a site is published, and every absolute link and feed id would point there.
        let host = site.config.host();
        let example = ["example.org", "example.com", "example.net"]
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")));
        if example {
            let span = file.text.find("base_url").map_or(Span::new(0, 0), |i| {
                let end = file.text[i..].find('\n').map_or(file.text.len(), |j| i + j);
                Span::new(i, end)
            });
            diags.push(placeholder(severity, file, span).with_help(
                "write the address the site will be published at; feeds, share cards and the \
                 sitemap use it",
            ));
        }
    }
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

/// Where placeholder text stands in `text`: each `[Replace this: ...]` up to its `]`, and each
/// of the sentences the scaffolds write.
fn placeholder_spans(text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = text
        .match_indices(PLACEHOLDER)
        .map(|(i, _)| Span::new(i, text[i..].find(']').map_or(text.len(), |j| i + j + 1)))
        .collect();
    for phrase in scaffold::PLACEHOLDER_TEXTS {
        spans.extend(text.match_indices(phrase).map(|(i, _)| Span::new(i, i + phrase.len())));
    }
    spans.sort_by_key(|s| s.start);
    spans
}

fn placeholder(severity: Severity, file: &SourceText, span: Span) -> Diagnostic {
    Diagnostic::new(
        severity,
        "site.placeholder",
        "this is still placeholder text from `rounds new` or `rounds init`",
    )
    .at(file, span)
    .with_help("replace it with your own text before publishing")
}

/// One line of the machine-readable corrections log (`corrections.json`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LogEntry {
    /// The corrected article's site path.
    pub article: String,
    /// Its title when the log was written.
    pub title: String,
    /// The correction's date.
    pub date: String,
    /// Its anchor on the article.
    pub anchor: String,
    /// Its text.
    pub text: String,
}

/// The corrections log of a site, newest first (written as /corrections.json).
pub fn corrections_log(site: &Site) -> Vec<LogEntry> {
    site.corrections
        .iter()
        .map(|l| {
            let a = &site.articles[l.article];
            let c = &a.corrections[l.correction];
            LogEntry {
                article: a.url.clone(),
                title: a.title().to_string(),
                date: c.date.to_string(),
                anchor: c.anchor.clone(),
                text: c.text.clone(),
            }
        })
        .collect()
}

/// The log as the bytes of corrections.json.
pub fn corrections_json(site: &Site) -> Vec<u8> {
    let log = serde_json::json!({
        "site": site.config.base_url,
        "corrections": corrections_log(site),
    });
    let mut bytes = serde_json::to_vec_pretty(&log).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Warns about corrections that were in the previous build's log and are gone from the
/// source: a correction must never vanish silently.
pub fn check_vanished_corrections(site: &Site, previous_json: &[u8], diags: &mut Diagnostics) {
    #[derive(Deserialize)]
    struct Log {
        corrections: Vec<LogEntry>,
    }
    let Ok(previous) = serde_json::from_slice::<Log>(previous_json) else { return };
    // (article, date, text) -> anchor, as published now.
    let now: BTreeMap<(String, String, String), String> = corrections_log(site)
        .into_iter()
        .map(|e| ((e.article, e.date, e.text), e.anchor))
        .collect();
    for old in previous.corrections {
        let key = (old.article.clone(), old.date.clone(), old.text.clone());
        if let Some(anchor) = now.get(&key) {
            if *anchor != old.anchor {
                push_moved_anchor(site, &old, anchor, diags);
            }
            continue;
        }
        let article = site.articles.iter().find(|a| a.url == old.article);
        let mut d = Diagnostic::warning(
            "correction.vanished",
            format!("the correction of {} to \"{}\" is no longer in the source", old.date, old.title),
        )
        .with_help(format!(
            "corrections must stay visible to readers; put it back in `corrections:` (it said: \"{}\"). If you only reworded it, this warning goes away after this build.",
            old.text
        ));
        d = match article {
            Some(a) => d.at(
                &a.source.file,
                front_matter::key_span(&a.source.file, &a.source.split, "corrections"),
            ),
            None => d.in_path(format!("{} (deleted article)", old.article)),
        };
        diags.push(d);
    }
}

/// Warns that a correction published at `#old.anchor` is now at `#anchor`: links to it, and
/// its entry in the corrections feed, would land on another correction or on none.
fn push_moved_anchor(site: &Site, old: &LogEntry, anchor: &str, diags: &mut Diagnostics) {
    let d = Diagnostic::warning(
        "correction.anchor_moved",
        format!(
            "the correction of {} to \"{}\" moved from #{} to #{anchor}",
            old.date, old.title, old.anchor
        ),
    )
    .with_help(
        "links to a correction and its id in the corrections feed come from its anchor; keep \
         front-matter corrections of the same day in the order they were published (add new \
         ones at the end), and the same for notes in the text",
    );
    let d = match site.articles.iter().find(|a| a.url == old.article) {
        Some(a) => d.at(
            &a.source.file,
            front_matter::key_span(&a.source.file, &a.source.split, "corrections"),
        ),
        None => d.in_path(old.article.clone()),
    };
    diags.push(d);
}
