//! What `rounds check` prints: findings grouped by file with each article's readability, as
//! text for people or as one JSON object for editors and CI; and the one line that `rounds
//! build` prints about warnings and notes.
//!
//! Input: a [`CheckReport`]. Output: strings; printing and the exit code are `main`'s.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use crate::diag::{self, Diagnostic, DiagnosticJson, Diagnostics, Severity, Style};

use super::reading::ArticleReadability;

/// Everything `rounds check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Every finding of the build stages and the checks, sorted by file and position.
    pub diagnostics: Diagnostics,
    /// Each article's readability, in the site's article order.
    pub articles: Vec<ArticleReadability>,
    /// Article files that could not be checked because of their errors (a broken front
    /// matter, an unknown author), as shown in findings.
    pub unchecked: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
}

/// The JSON object `rounds check --format json` prints.
#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    /// Every finding.
    pub findings: Vec<DiagnosticJson>,
    /// Each article's readability.
    pub articles: &'a [ArticleReadability],
    /// Article files not checked because of their errors.
    pub unchecked: &'a [String],
}

impl CheckReport {
    /// True when the check should exit 1: errors, or with `deny_warnings` warnings too.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.diagnostics.has_errors()
            || (deny_warnings && self.diagnostics.count(Severity::Warning) > 0)
    }

    /// The JSON form of the report.
    pub fn to_json(&self) -> CheckJson<'_> {
        CheckJson {
            findings: self.diagnostics.iter().map(Diagnostic::to_json).collect(),
            articles: &self.articles,
            unchecked: &self.unchecked,
        }
    }

    /// The report as pretty-printed JSON, with a final newline.
    pub fn render_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.to_json()).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report as text: for each file in path order, the article's readability line and
    /// its findings rustc-style; then findings without a file; then the summary line.
    pub fn render_text(&self, style: Style) -> String {
        let mut by_file: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
        let mut no_file = Vec::new();
        for d in self.diagnostics.iter() {
            match d.path() {
                Some(p) => by_file.entry(p.display().to_string()).or_default().push(d),
                None => no_file.push(d),
            }
        }
        let scores: BTreeMap<&str, &ArticleReadability> =
            self.articles.iter().map(|a| (a.file.as_str(), a)).collect();
        let mut files: Vec<&str> = by_file.keys().map(String::as_str).collect();
        files.extend(scores.keys().copied().filter(|f| !by_file.contains_key(*f)));
        files.sort_unstable();

        let mut out = String::new();
        for file in files {
            let found = by_file.get(file).map_or(&[][..], Vec::as_slice);
            out.push_str(file);
            if let Some(a) = scores.get(file) {
                out.push_str(": ");
                out.push_str(&a.summary());
            }
            if found.is_empty() {
                out.push('\n');
                continue;
            }
            out.push_str(&format!(": {}\n\n", counts(found.iter().copied())));
            for d in found {
                out.push_str(&indent(&diag::render(d, style)));
                out.push('\n');
            }
        }
        for d in no_file {
            out.push('\n');
            out.push_str(&diag::render(d, style));
        }
        out.push('\n');
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// One line per finding, `file:line:col: severity[code]: message (help)`, the form
    /// compilers print and editors' problem matchers, vim's quickfix and Emacs' compile mode
    /// read; `file: ...` for a finding about a whole file, and no place at all for one about
    /// none.
    pub fn render_short(&self) -> String {
        let mut out = String::new();
        for d in self.diagnostics.iter() {
            let place = d.location();
            if !place.is_empty() {
                out.push_str(&place);
                out.push_str(": ");
            }
            let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!("{}[{}]: {}", d.severity, d.code, one_line(&d.message)));
            if let Some(help) = &d.help {
                out.push_str(&format!(" ({})", one_line(help)));
            }
            out.push('\n');
        }
        out
    }

    /// One line: how many articles were checked and what was found.
    pub fn summary(&self) -> String {
        let found = if self.diagnostics.is_empty() {
            "no findings".to_string()
        } else {
            counts(self.diagnostics.iter())
        };
        let checked = self.articles.len();
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        match self.unchecked.len() {
            0 => {
                format!("checked {} in {ms:.0} ms: {found}", plural(checked, "article", "articles"))
            }
            n => format!(
                "checked {checked} of {} articles in {ms:.0} ms ({} to fix first): {found}",
                checked + n,
                plural(n, "has errors", "have errors"),
            ),
        }
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { "\n".to_string() } else { format!("  {l}\n") }).collect()
}

/// "1 word", "2 words".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "1 error, 2 warnings, 3 notes" (only the non-zero ones).
fn counts<'a>(ds: impl Iterator<Item = &'a Diagnostic>) -> String {
    let (mut e, mut w, mut n) = (0, 0, 0);
    for d in ds {
        match d.severity {
            Severity::Error => e += 1,
            Severity::Warning => w += 1,
            Severity::Info => n += 1,
        }
    }
    let mut parts = Vec::new();
    if e > 0 {
        parts.push(plural(e, "error", "errors"));
    }
    if w > 0 {
        parts.push(plural(w, "warning", "warnings"));
    }
    if n > 0 {
        parts.push(plural(n, "note", "notes"));
    }
    parts.join(", ")
}

/// The line `rounds build` prints instead of its warnings and notes, e.g. "12 warnings, 3
/// notes: run `rounds check` to see them"; `None` when there are none.
pub fn build_hint(diags: &Diagnostics) -> Option<String> {
    let quiet = diags.iter().filter(|d| d.severity != Severity::Error);
    let line = counts(quiet);
    (!line.is_empty()).then(|| format!("{line}: run `rounds check` to see them"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceText;

    #[test]
    fn short_form_is_one_line_per_finding() {
        let file = SourceText::new("content/articles/a.md", "---\ntitle: x\ntagz: [a]\n---\n");
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error("yaml.unknown_key", "unknown key `tagz` in the front matter")
                .at(&file, 13..17)
                .with_help("did you mean `tags`?\nThe keys allowed here are ..."),
        );
        diagnostics.push(Diagnostic::warning("share.no_image", "no share image").in_file(&file));
        diagnostics.push(Diagnostic::warning("site.missing_page", "no contact page"));
        let report = CheckReport { diagnostics, ..CheckReport::default() };
        assert_eq!(
            report.render_short(),
            "content/articles/a.md:3:1: error[yaml.unknown_key]: unknown key `tagz` in the front \
             matter (did you mean `tags`? The keys allowed here are ...)\n\
             content/articles/a.md: warning[share.no_image]: no share image\n\
             warning[site.missing_page]: no contact page\n"
        );
    }

    #[test]
    fn hint_counts_warnings_and_notes_only() {
        let mut diags = Diagnostics::new();
        assert_eq!(build_hint(&diags), None);
        diags.push(Diagnostic::error("a.b", "x"));
        assert_eq!(build_hint(&diags), None);
        diags.push(Diagnostic::warning("a.b", "x"));
        diags.push(Diagnostic::info("a.b", "y"));
        diags.push(Diagnostic::info("a.b", "z"));
        assert_eq!(
            build_hint(&diags).as_deref(),
            Some("1 warning, 2 notes: run `rounds check` to see them")
        );
    }
}
