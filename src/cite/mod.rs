//! Citations: bibliographies in, numbered AMA superscripts and reference lists out.
//!
//! Input: `content/references.yaml`, `references.json` and `references.bib` (any that exist;
//! CSL-YAML, CSL-JSON and BibTeX, as Zotero, EndNote and Mendeley export them), an article's
//! own `references:` list, and the article's text runs in document order. Output: each run
//! with its Pandoc citations (`[@a]`, `[@a; @b, p. 3]`, `@a says`) replaced by AMA
//! superscripts, and the article's numbered reference list in AMA 11th-edition form.
//!
//! The stage in four steps:
//! 1. [`Bibliography::load`] reads the shared files once per build, checks identifiers (DOI,
//!    PMID, PMCID) and formats every entry once (formatting does not depend on the article).
//! 2. [`ArticleBibliography::new`] overlays an article's `references:` on the shared one.
//! 3. A [`Citer`] per article numbers sources in order of first citation as the Markdown
//!    renderer feeds it text runs ([`Citer::render_text`]); runs without `@` cost one
//!    byte scan.
//! 4. [`Citer::finish`] returns the [`CitedReferences`] (for the References section, the
//!    template view and schema.org `citation`) and the article's diagnostics.
//!
//! Invariants: numbers follow first citation, a repeated source keeps its number, only cited
//! sources are listed, and nothing here panics on any input. Every problem is a diagnostic
//! with file:line:col: unknown key, duplicate key, malformed DOI/PMID/PMCID, unreadable file
//! or entry (errors); missing journal abbreviation, web page without (or with an old)
//! accessed date, prefix in a numeric style, unknown locator label (warnings).
//!
//! # Markup for themes
//!
//! A citation is one `<sup class="cite">` holding one `<span class="cite-item">` per number:
//!
//! ```html
//! <sup class="cite"><span class="cite-item"><a href="#ref-3" id="cite-3-1" class="cite-link"
//!   aria-label="Reference 3" aria-describedby="cite-3-1-preview">3</a><span
//!   class="cite-preview" id="cite-3-1-preview" role="tooltip" aria-hidden="true">Whelton PK,
//!   Carey RM, ...</span></span>,<span class="cite-item">...</span></sup>
//! ```
//!
//! - `.cite-preview` is the plain-text AMA entry, hidden by default; show it on
//!   `.cite-item:hover` and `.cite-item:focus-within` (keyboard). It holds no links or
//!   focusable elements. On touch screens a first tap shows it (mobile browsers emulate
//!   `:hover` when content appears) and following the link jumps to the entry, whose `:target`
//!   the theme can highlight.
//! - A locator follows the link inside the item: `5(p12)`, `7(pp33-35)`, `2(chap 3)`.
//! - A range `1-3` is `<span class="cite-range"><span aria-hidden="true">-</span><span
//!   class="visually-hidden"> to </span><span id="cite-2-1"></span></span>` between the first
//!   and last items (screen readers say "Reference 1 to Reference 3"); the empty span keeps
//!   reference 2's back-link target. The theme must define `.visually-hidden` (the usual
//!   clip pattern).
//! - A retracted source: the item also has class `cite-retracted`, the link's accessible name
//!   is "Reference 3, retracted source", and the preview has "[retracted in: ...]" after the
//!   title; style the class visibly (for example a strike-through or a warning mark in
//!   `::after`).
//! - An unknown key (a build error) renders `<span class="cite-missing">?key</span>`.
//! - The reference list ([`CitedReferences::render_list_html`]) is `<ol class="references">`
//!   of `<li id="ref-N" class="reference">` (plus `reference-retracted`), each holding the
//!   entry, then `<span class="ref-backlinks">` with `<a class="ref-backlink"
//!   href="#cite-N-K">` links. Inside entries: `<i>` titles, `<a>` DOI/PubMed/PMC/URL links,
//!   and, after a retracted source's title, `<strong class="ref-retracted">[retracted in:
//!   <a href="https://doi.org/...">Lancet. 2010;375(9713):445</a>]</strong>`.

mod ama;
mod bibtex;
mod csl;
mod load;
mod render;
mod retraction;
mod syntax;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use ama::{format_reference, narrative_name};
pub use csl::{CslDate, CslItem, CslName, DateParts};
pub use render::{CitedReferences, Citer, FormattedReference, superscript_label};

use crate::diag::{Diagnostic, Diagnostics, SourceText, Span};
use load::{Format, Loaded};

/// A citation key, e.g. `whelton2018`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CiteKey(pub String);

impl CiteKey {
    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CiteKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The names of the shared bibliography files, in the order they are read.
pub const BIBLIOGRAPHY_FILES: [&str; 4] =
    ["references.yaml", "references.yml", "references.json", "references.bib"];

/// One loaded reference with where it came from and its formatted entry.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) item: CslItem,
    pub(crate) file: SourceText,
    /// The key in its file.
    pub(crate) span: Span,
    pub(crate) accessed_span: Option<Span>,
    pub(crate) fingerprint: u64,
    /// The AMA entry as HTML.
    pub(crate) html: String,
    /// The AMA entry as plain text.
    pub(crate) text: String,
    /// The plain text, HTML-escaped, for hover previews.
    pub(crate) preview: String,
    /// The in-text name ("Jones et al"), HTML-escaped.
    pub(crate) narrative: String,
}

impl Entry {
    fn new(loaded: Loaded, file: &SourceText) -> Entry {
        let (html, text) = format_reference(&loaded.item);
        Entry {
            fingerprint: crate::hashing::fingerprint(&loaded.item),
            preview: escape_html(&text),
            narrative: escape_html(&narrative_name(&loaded.item)),
            html,
            text,
            file: file.clone(),
            span: loaded.span,
            accessed_span: loaded.accessed_span,
            item: loaded.item,
        }
    }

    /// Formats a retracted entry again now that its retraction notice, `notice`, is known:
    /// the bracket after its title cites the notice, which its fingerprint then covers too.
    fn cite_notice(&mut self, notice: &Entry) {
        let (html, text) = ama::format_with_notice(&self.item, Some(&notice.item));
        self.preview = escape_html(&text);
        self.html = html;
        self.text = text;
        self.fingerprint = crate::hashing::fingerprint(&(self.fingerprint, notice.fingerprint));
    }

    /// The key of this entry's retraction notice when it names another entry.
    fn notice_key(&self) -> Option<&str> {
        if !self.item.is_retracted() {
            return None;
        }
        match retraction::notice_source(&self.item) {
            retraction::NoticeSource::Key(k) if k != self.item.id => Some(k),
            _ => None,
        }
    }

    fn unknown_notice(&self, key: &str) -> Diagnostic {
        Diagnostic::warning(
            "cite.unknown_retraction_notice",
            format!("the retraction notice `{key}` is in no bibliography"),
        )
        .at(&self.file, self.span)
        .with_label("retracted source")
        .with_help(format!(
            "add the notice with `id: {key}` to the bibliography, or write its DOI or its \
             citation (`retraction-notice: \"Lancet. 2010;375(9713):445\"`); until then the \
             reference says only \"[retracted]\""
        ))
    }

    /// `path:line` of the key, for messages that point at the other definition.
    fn location(&self) -> String {
        let (line, _) = self.file.line_col(self.span.start);
        format!("{}:{line}", self.file.path.display())
    }
}

/// The shared bibliography: `content/references.yaml`, `references.json` and
/// `references.bib` (any that exist).
///
/// Each item remembers the file and span it came from and a fingerprint (a hash of its data)
/// so that watch mode can re-render only the articles citing a changed item.
#[derive(Clone, Debug, Default)]
pub struct Bibliography {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
}

impl Bibliography {
    /// Reads the bibliography files in `source_dir`. `display_dir` prefixes the paths shown in
    /// diagnostics (e.g. `content`). Missing files are fine; unreadable ones are errors.
    pub fn load(source_dir: &Path, display_dir: &Path, diags: &mut Diagnostics) -> Bibliography {
        let mut sources = Vec::new();
        for name in BIBLIOGRAPHY_FILES {
            let path = source_dir.join(name);
            if !path.is_file() {
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => sources.push(SourceText::new(display_dir.join(name), text)),
                Err(e) => diags.push(
                    Diagnostic::error(
                        "cite.read",
                        format!("the bibliography file cannot be read: {e}"),
                    )
                    .in_path(display_dir.join(name))
                    .with_help(
                        "check that the file exists, is readable and is saved as UTF-8 text",
                    ),
                ),
            }
        }
        Bibliography::from_sources(&sources, diags)
    }

    /// Builds the bibliography from files already read (the form is taken from each path's
    /// extension: `.bib`, `.json`, otherwise YAML). Later files may repeat a key only with
    /// the same data.
    pub fn from_sources(sources: &[SourceText], diags: &mut Diagnostics) -> Bibliography {
        let mut bib = Bibliography::default();
        for file in sources {
            let format = Format::of(&file.path);
            let mut seen_here: HashMap<String, Span> = HashMap::new();
            for loaded in load::parse_file(file, format, diags) {
                let key = loaded.item.id.clone();
                if format != Format::Bibtex {
                    // (BibTeX reports its own in-file duplicates.)
                    if seen_here.contains_key(&key) {
                        diags.push(
                            Diagnostic::error(
                                "cite.duplicate_key",
                                format!("the key `{key}` is used by two references in this file"),
                            )
                            .at(file, loaded.span)
                            .with_label("second reference with this key")
                            .with_help("rename one of the two references, or delete the copy"),
                        );
                        continue;
                    }
                    seen_here.insert(key.clone(), loaded.span);
                }
                if let Some(&i) = bib.index.get(&key) {
                    let first = &bib.entries[i];
                    if first.item != loaded.item {
                        diags.push(
                            Diagnostic::error(
                                "cite.duplicate_key",
                                format!("the key `{key}` is also defined in {}, with different data", first.location()),
                            )
                            .at(file, loaded.span)
                            .with_label("second definition")
                            .with_help("keep one definition (or make both identical), or give one of them another key"),
                        );
                    }
                    continue;
                }
                bib.index.insert(key, bib.entries.len());
                bib.entries.push(Entry::new(loaded, file));
            }
        }
        for i in 0..bib.entries.len() {
            let Some(key) = bib.entries[i].notice_key() else { continue };
            match bib.index.get(key) {
                Some(&j) => {
                    let notice = bib.entries[j].clone();
                    bib.entries[i].cite_notice(&notice);
                }
                None => diags.push(bib.entries[i].unknown_notice(key)),
            }
        }
        bib
    }

    /// The item with this key.
    pub fn get(&self, key: &str) -> Option<&CslItem> {
        self.entry(key).map(|e| &e.item)
    }

    pub(crate) fn entry(&self, key: &str) -> Option<&Entry> {
        self.index.get(key).map(|&i| &self.entries[i])
    }

    /// A hash of the item's data, to tell whether it changed between two loads.
    pub fn fingerprint(&self, key: &str) -> Option<u64> {
        self.entry(key).map(|e| e.fingerprint)
    }

    /// The formatted AMA entry of an item: (HTML, plain text).
    pub fn formatted(&self, key: &str) -> Option<(&str, &str)> {
        self.entry(key).map(|e| (e.html.as_str(), e.text.as_str()))
    }

    /// Every key, in file order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.item.id.as_str())
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no item.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The checks that depend on the date: a web page accessed more than 24 months before
    /// `today` gets a "re-check the link" warning. `today` is a parameter so that builds stay
    /// reproducible.
    pub fn check(&self, today: jiff::civil::Date, diags: &mut Diagnostics) {
        check_entries(&self.entries, today, diags);
    }
}

fn check_entries(entries: &[Entry], today: jiff::civil::Date, diags: &mut Diagnostics) {
    let Ok(limit) = today.checked_sub(jiff::Span::new().months(24)) else { return };
    for e in entries {
        if !load::prints_url(&e.item) {
            continue;
        }
        let Some(accessed) = e.item.accessed.as_ref() else { continue };
        let Some(date) = accessed.to_civil() else { continue };
        if date < limit {
            let shown = ama::format_date(accessed).unwrap_or_default();
            diags.push(
                Diagnostic::warning(
                    "cite.web_accessed_old",
                    format!(
                        "the link of `{}` was last checked on {shown}, more than 24 months ago",
                        e.item.id
                    ),
                )
                .at(&e.file, e.accessed_span.unwrap_or(e.span))
                .with_label("accessed more than 24 months ago")
                .with_help(
                    "open the link, check that it still says what you cite, and update `accessed:`",
                ),
            );
        }
    }
}

/// An article's own `references:` list from its front matter, overlaid on the shared
/// bibliography. Local items win; a local key that is also shared with different data is an
/// error at the local item.
#[derive(Clone, Debug)]
pub struct ArticleBibliography<'a> {
    shared: &'a Bibliography,
    local: Vec<Entry>,
    index: HashMap<String, usize>,
}

impl<'a> ArticleBibliography<'a> {
    /// `front_yaml` is the article's front-matter YAML, which starts at byte `yaml_offset` of
    /// `file.text`; its `references:` key is read here (other keys are ignored), so the spans
    /// of local items point into the `.md` file.
    pub fn new(
        shared: &'a Bibliography,
        file: &SourceText,
        front_yaml: &str,
        yaml_offset: usize,
        diags: &mut Diagnostics,
    ) -> Self {
        let mut local = Vec::new();
        let mut index = HashMap::new();
        for loaded in load::parse_front_matter(file, front_yaml, yaml_offset, diags) {
            let key = loaded.item.id.clone();
            if index.contains_key(&key) {
                diags.push(
                    Diagnostic::error(
                        "cite.duplicate_key",
                        format!("the key `{key}` is used by two references in this article"),
                    )
                    .at(file, loaded.span)
                    .with_label("second reference with this key")
                    .with_help("rename one of the two references, or delete the copy"),
                );
                continue;
            }
            if let Some(shared_entry) = shared.entry(&key) {
                if shared_entry.item != loaded.item {
                    diags.push(
                        Diagnostic::error(
                            "cite.duplicate_key",
                            format!(
                                "the key `{key}` is also defined in {}, with different data",
                                shared_entry.location()
                            ),
                        )
                        .at(file, loaded.span)
                        .with_label("defined again here")
                        .with_help(
                            "delete this local copy to use the shared reference, or give it another key",
                        ),
                    );
                }
            }
            index.insert(key, local.len());
            local.push(Entry::new(loaded, file));
        }
        for i in 0..local.len() {
            let Some(key) = local[i].notice_key() else { continue };
            match index.get(key).map(|&j| &local[j]).or_else(|| shared.entry(key)) {
                Some(notice) => {
                    let notice = notice.clone();
                    local[i].cite_notice(&notice);
                }
                None => diags.push(local[i].unknown_notice(key)),
            }
        }
        ArticleBibliography { shared, local, index }
    }

    /// Only the shared bibliography (an article without `references:`).
    pub fn shared_only(shared: &'a Bibliography) -> Self {
        ArticleBibliography { shared, local: Vec::new(), index: HashMap::new() }
    }

    /// The item with this key (local first).
    pub fn get(&self, key: &str) -> Option<&CslItem> {
        self.entry(key).map(|e| &e.item)
    }

    pub(crate) fn entry(&self, key: &str) -> Option<&Entry> {
        match self.index.get(key) {
            Some(&i) => Some(&self.local[i]),
            None => self.shared.entry(key),
        }
    }

    /// A hash of the item's data (local or shared).
    pub fn fingerprint(&self, key: &str) -> Option<u64> {
        self.entry(key).map(|e| e.fingerprint)
    }

    /// The shared bibliography under this one.
    pub fn shared(&self) -> &'a Bibliography {
        self.shared
    }

    /// Number of article-local items.
    pub fn local_len(&self) -> usize {
        self.local.len()
    }

    /// Every key, local and shared, for "did you mean" hints.
    pub(crate) fn all_keys(&self) -> impl Iterator<Item = &str> {
        self.local.iter().map(|e| e.item.id.as_str()).chain(self.shared.keys())
    }

    /// The date-dependent checks for the local items (see [`Bibliography::check`]).
    pub fn check(&self, today: jiff::civil::Date, diags: &mut Diagnostics) {
        check_entries(&self.local, today, diags);
    }
}

/// A span widened to character boundaries of `text` (diagnostic spans derived by arithmetic
/// must never cut a character in two).
pub(crate) fn snap(text: &str, start: usize, end: usize) -> Span {
    let mut s = start.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = end.clamp(s, text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    Span::new(s, e)
}

/// Escapes `&`, `<`, `>` and `"` for HTML text and attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_html_into(&mut out, s);
    out
}

/// [`escape_html`] appending to `out`.
pub(crate) fn escape_html_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

impl crate::markdown::TextHook for Citer<'_> {
    fn text(&mut self, text: &str, source: &str, source_offset: usize) -> Option<String> {
        self.render_text(text, source, source_offset)
    }
}

impl FormattedReference {
    /// The site model's view of this reference.
    pub fn to_cited_source(&self) -> crate::markdown::CitedSource {
        let names = self.item.author.iter().chain(&self.item.editor);
        crate::markdown::CitedSource {
            key: self.key.0.clone(),
            number: self.number,
            anchor: self.anchor.clone(),
            html: self.html.clone(),
            text: self.text.clone(),
            backlinks: self.backlinks.clone(),
            title: self.item.title.clone(),
            doi: self.item.doi.clone(),
            pmid: self.item.pmid.clone(),
            pmcid: self.item.pmcid.clone(),
            // Shown in the JSON-LD too, where only a safe address may go.
            url: self.item.url.clone().filter(|u| crate::sanitize::is_safe_url(u)),
            retracted: self.retracted,
            author_names: names
                .filter_map(|n| n.family.clone().or_else(|| n.literal.clone()))
                .collect(),
        }
    }
}
