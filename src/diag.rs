//! Diagnostics: every problem a build or check finds, with where it is and how to fix it.
//!
//! Input: problems found by any stage, each tied to a source file and a byte span.
//! Output: text rendered rustc-style (through miette) for people, and a stable JSON shape
//! (`file`, `line`, `column`, `end_line`, `end_column`, `code`, `severity`, `message`,
//! `help`) for editors and CI.
//!
//! Stages never stop at the first problem: they push into a [`Diagnostics`] collector and the
//! caller decides, once everything has been looked at, whether anything may be written.
//! Messages are for physicians: plain words, the thing that is wrong, and the fix. They never
//! name Rust types.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// How serious a finding is. Errors stop a build from writing anything.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on: nothing is written and the exit code is 1.
    Error,
    /// Worth fixing before publishing; the build still writes the site.
    Warning,
    /// A hint or a question for the author.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// A half-open byte range `start..end` in a source file's text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end: end.max(start) }
    }

    /// This span moved `by` bytes later, for spans measured in a slice of the file.
    pub fn shift(self, by: usize) -> Self {
        Span { start: self.start + by, end: self.end + by }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A file that diagnostics point into: its path as shown to the user, and its text.
///
/// The text is shared (`Arc`) so that thousands of diagnostics do not copy it.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// The path as the user should see it (relative to the working directory when possible).
    pub path: PathBuf,
    /// The whole text of the file, as read (after BOM removal offsets are kept as in the file).
    pub text: Arc<str>,
}

impl SourceText {
    /// A source file from its display path and text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceText { path: path.into(), text: text.into() }
    }

    /// 1-based line and 1-based character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// 1-based line and 1-based character (not byte) column of `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// One finding: what is wrong, where, and how to fix it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error, warning or info.
    pub severity: Severity,
    /// A stable code namespaced by stage or check, e.g. `yaml.unknown_key` (owned only
    /// when read back from the build cache).
    pub code: Cow<'static, str>,
    /// What is wrong, in plain words.
    pub message: String,
    /// The file it is in, when there is one.
    pub file: Option<SourceText>,
    /// Where in the file; `None` points at the file as a whole.
    pub span: Option<Span>,
    /// A short note shown under the underlined text.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new finding with no location yet.
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: Cow::Borrowed(code),
            message: message.into(),
            file: None,
            span: None,
            label: None,
            help: None,
        }
    }

    /// An error (the build writes nothing).
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// An info-level hint.
    pub fn info(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }

    /// Points the finding at `span` in `file`.
    pub fn at(mut self, file: &SourceText, span: impl Into<Span>) -> Self {
        let mut span = span.into();
        span.start = span.start.min(file.text.len());
        span.end = span.end.clamp(span.start, file.text.len());
        self.file = Some(file.clone());
        self.span = Some(span);
        self
    }

    /// Points the finding at a whole file (no line).
    pub fn in_file(mut self, file: &SourceText) -> Self {
        self.file = Some(file.clone());
        self.span = None;
        self
    }

    /// Points the finding at a file that has no text loaded (a missing or unreadable file).
    pub fn in_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.file = Some(SourceText::new(path, ""));
        self.span = None;
        self
    }

    /// Adds the short label shown under the span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The path of the file, if any.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.path.as_path())
    }

    /// Start and end (exclusive) as 1-based (line, column), if the finding has a span.
    pub fn range(&self) -> Option<((usize, usize), (usize, usize))> {
        let (file, span) = (self.file.as_ref()?, self.span?);
        Some((file.line_col(span.start), file.line_col(span.end)))
    }

    /// `path:line:col` (or just `path`) for one-line output.
    pub fn location(&self) -> String {
        match (&self.file, self.range()) {
            (Some(f), Some(((l, c), _))) => format!("{}:{l}:{c}", f.path.display()),
            (Some(f), None) => f.path.display().to_string(),
            (None, _) => String::new(),
        }
    }

    /// The finding in the JSON shape that `rounds check --format json` prints.
    pub fn to_json(&self) -> DiagnosticJson {
        let range = self.range();
        DiagnosticJson {
            file: self.path().map(|p| p.display().to_string()),
            line: range.map(|r| r.0.0),
            column: range.map(|r| r.0.1),
            end_line: range.map(|r| r.1.0),
            end_column: range.map(|r| r.1.1),
            code: self.code.clone(),
            severity: self.severity,
            message: self.message.clone(),
            help: self.help.clone(),
        }
    }

    /// Sort key: file, then position, then code, so output order never depends on threads.
    fn sort_key(&self) -> (Option<&Path>, usize, usize, &str, &str) {
        let span = self.span.unwrap_or(Span::new(0, 0));
        (self.path(), span.start, span.end, &self.code, &self.message)
    }
}

/// The stable JSON form of a [`Diagnostic`]: 1-based lines and character columns, end
/// exclusive.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticJson {
    /// The file, relative to the working directory.
    pub file: Option<String>,
    /// First line (1-based).
    pub line: Option<usize>,
    /// First column in characters (1-based).
    pub column: Option<usize>,
    /// Line of the end (exclusive end position).
    pub end_line: Option<usize>,
    /// Column of the end (exclusive).
    pub end_column: Option<usize>,
    /// Namespaced code such as `privacy.phone`.
    pub code: Cow<'static, str>,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Collects findings from every stage.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one finding.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds many findings (for example the results of a parallel stage).
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// True when at least one finding is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// All findings, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Number of findings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by file and position so that output is the same on every run.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup_by(|a, b| {
            a.code == b.code && a.message == b.message && a.span == b.span && a.path() == b.path()
        });
    }

    /// Removes findings that `keep` rejects.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// Takes the findings out.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics { items: iter.into_iter().collect() }
    }
}

/// How to draw diagnostics in a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Unicode frames and colours (an interactive terminal).
    Color,
    /// Unicode frames, no colour (pipes, tests, CI logs).
    Plain,
}

/// Renders one finding rustc-style: the message, a framed excerpt with the span underlined at
/// `file:line:col`, and the help.
pub fn render(d: &Diagnostic, style: Style) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
    let mut out = String::new();
    let report = MietteView(d);
    if handler.render_report(&mut out, &report).is_err() {
        out = format!("{}: {}\n", d.severity, d.message);
    }
    // miette shows `path` alone when there is no span; add the location line ourselves then.
    if d.span.is_none() {
        if let Some(f) = &d.file {
            out.push_str(&format!("  at {}\n", f.path.display()));
        }
    }
    out
}

/// Renders every finding, then a one-line count.
pub fn render_all<'a>(ds: impl IntoIterator<Item = &'a Diagnostic>, style: Style) -> String {
    let mut out = String::new();
    for d in ds {
        out.push_str(&render(d, style));
        out.push('\n');
    }
    out
}

struct MietteView<'a>(&'a Diagnostic);

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.0.code.clone()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.0.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        match (&self.0.file, self.0.span) {
            (Some(_), Some(_)) => Some(self as &dyn miette::SourceCode),
            _ => None,
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.0.span?;
        let label = miette::LabeledSpan::new_primary_with_span(
            self.0.label.clone(),
            (span.start, span.end - span.start),
        );
        Some(Box::new(std::iter::once(label)))
    }
}

impl miette::SourceCode for MietteView<'_> {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let file = self.0.file.as_ref().ok_or(miette::MietteError::OutOfBounds)?;
        let text: &'a str = &file.text;
        let inner = text.read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            file.path.display().to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nçé x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // "çé " is 5 bytes; x is the 4th character of line 2.
        assert_eq!(line_col(text, 3 + 5), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn rendering_names_the_file_line_and_column() {
        let file = SourceText::new("articles/a.md", "---\ntitle: x\ncorection: y\n---\n");
        let d = Diagnostic::error("yaml.unknown_key", "unknown key `corection`")
            .at(&file, 13..22)
            .with_label("not a front-matter key")
            .with_help("did you mean `corrections`?");
        let text = render(&d, Style::Plain);
        assert!(text.contains("articles/a.md:3:1"), "{text}");
        assert!(text.contains("did you mean `corrections`?"), "{text}");
        let json = serde_json::to_value(d.to_json()).unwrap();
        assert_eq!(json["line"], 3);
        assert_eq!(json["column"], 1);
        assert_eq!(json["end_column"], 10);
        assert_eq!(json["severity"], "error");
    }
}
