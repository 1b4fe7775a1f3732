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
use std::sync::{Arc, OnceLock};

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
    /// Where lines start and how many characters precede each block, built on the first
    /// lookup and shared by the clones (every diagnostic holds one).
    index: Arc<OnceLock<LineIndex>>,
}

impl SourceText {
    /// A source file from its display path and text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceText { path: path.into(), text: text.into(), index: Arc::default() }
    }

    /// 1-based line and 1-based character column of a byte offset.
    ///
    /// Thousands of findings in one long file each cost a binary search and a short count,
    /// not a scan from the top of the file.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = &*self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.index.get_or_init(|| LineIndex::new(text));
        let line = index.line_starts.partition_point(|&s| s <= offset);
        let line_start = index.line_starts[line - 1];
        let column = index.chars_before(text, offset) - index.chars_before(text, line_start);
        (line, column + 1)
    }
}

/// Line starts and character counts of a text, for positions in O(log n).
#[derive(Debug)]
struct LineIndex {
    /// Byte offset of every line's first byte; the first is 0.
    line_starts: Vec<usize>,
    /// Characters before each block of [`LineIndex::BLOCK`] bytes.
    chars_at_block: Vec<usize>,
}

impl LineIndex {
    const BLOCK: usize = 1024;

    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(newlines(bytes).map(|i| i + 1));
        let mut chars_at_block = Vec::with_capacity(bytes.len() / Self::BLOCK + 1);
        let mut chars = 0;
        for block in bytes.chunks(Self::BLOCK) {
            chars_at_block.push(chars);
            chars += count_chars(block);
        }
        chars_at_block.push(chars);
        LineIndex { line_starts, chars_at_block }
    }

    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / Self::BLOCK;
        let start = block * Self::BLOCK;
        self.chars_at_block[block] + count_chars(&text.as_bytes()[start..offset])
    }
}

fn newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| i)
}

/// Characters in a run of UTF-8 bytes: every byte that does not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
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

/// Findings shown in full per file before the rest are only counted: ten thousand unknown
/// citations on one line are one mistake repeated, and printing them all once took 600 MB.
pub const SHOWN_PER_FILE: usize = 50;

/// How much of a long line an excerpt shows, in characters, and where a line counts as long.
const WINDOW: usize = 120;
const LONG_LINE: usize = 200;

/// Renders one finding rustc-style: the message, a framed excerpt with the span underlined at
/// `file:line:col`, and the help.
///
/// Text from files is escaped on the way to the terminal (a control character in a file must
/// not drive the terminal), and a long line is shown as a window around the span.
pub fn render(d: &Diagnostic, style: Style) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
    let mut out = String::new();
    let view = MietteView::new(d);
    if handler.render_report(&mut out, &view).is_err() {
        out = format!("{}: {}\n", d.severity, view.message);
        if d.span.is_some() {
            out.push_str(&format!("  at {}\n", escape_controls(&d.location())));
        }
    }
    // miette shows `path` alone when there is no span; add the location line ourselves then.
    if d.span.is_none() {
        if let Some(f) = &d.file {
            out.push_str(&format!("  at {}\n", escape_controls(&f.path.display().to_string())));
        }
    }
    out
}

/// Renders every finding, then a one-line count. Past [`SHOWN_PER_FILE`] findings in one
/// file, the rest of that file's are counted in one line instead of shown.
pub fn render_all<'a>(ds: impl IntoIterator<Item = &'a Diagnostic>, style: Style) -> String {
    let mut out = String::new();
    let mut hidden: Vec<(&Path, usize)> = Vec::new();
    let mut shown: Vec<(&Path, usize)> = Vec::new();
    for d in ds {
        if let Some(path) = d.path() {
            let n = match shown.iter_mut().find(|(p, _)| *p == path) {
                Some((_, n)) => n,
                None => {
                    shown.push((path, 0));
                    &mut shown.last_mut().expect("just pushed").1
                }
            };
            *n += 1;
            if *n > SHOWN_PER_FILE {
                match hidden.iter_mut().find(|(p, _)| *p == path) {
                    Some((_, k)) => *k += 1,
                    None => hidden.push((path, 1)),
                }
                continue;
            }
        }
        out.push_str(&render(d, style));
        out.push('\n');
    }
    for (path, n) in hidden {
        out.push_str(&not_shown(path, n));
    }
    out
}

/// The line that stands for the findings of a file past the first [`SHOWN_PER_FILE`].
pub fn not_shown(path: &Path, n: usize) -> String {
    format!(
        "... and {n} more finding(s) in {} not shown: the first {SHOWN_PER_FILE} are above; \
         fix those and build again\n\n",
        escape_controls(&path.display().to_string())
    )
}

/// `text` with control characters written as `\u{1b}` escapes, for messages that quote a file.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What miette draws: the finding with its texts escaped, and the excerpt it shows.
struct MietteView<'a> {
    d: &'a Diagnostic,
    message: String,
    label: Option<String>,
    help: Option<String>,
    excerpt: Option<Excerpt>,
}

/// A made-up source for miette when the real lines cannot be shown as they are (too long, or
/// holding control characters): the lines around the span, each cut to a window and escaped,
/// with the span moved into it.
struct Excerpt {
    text: String,
    /// The span in `text`.
    span: Span,
    /// 0-based line of the first line of `text` in the file.
    first_line: usize,
    /// 0-based line and character column of the span's start in the file.
    line: usize,
    column: usize,
}

impl<'a> MietteView<'a> {
    fn new(d: &'a Diagnostic) -> Self {
        let excerpt = match (&d.file, d.span) {
            (Some(f), Some(span)) => Excerpt::needed(f, span),
            _ => None,
        };
        MietteView {
            d,
            message: escape_controls(&d.message).into_owned(),
            label: d.label.as_deref().map(|l| escape_controls(l).into_owned()),
            help: d.help.as_deref().map(|h| escape_controls(h).into_owned()),
            excerpt,
        }
    }
}

impl Excerpt {
    /// The excerpt of `span` in `file`, when the plain lines would not do.
    fn needed(file: &SourceText, span: Span) -> Option<Excerpt> {
        let text = &*file.text;
        let line_of = |at: usize| {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            start..end
        };
        let line = line_of(span.start);
        let prev = (line.start > 0).then(|| line_of(line.start - 1));
        let last = line_of(span.end.max(span.start));
        let next = (line.end < text.len()).then(|| line_of(line.end + 1));
        let lines: Vec<std::ops::Range<usize>> = prev
            .iter()
            .cloned()
            .chain(std::iter::once(line.start..last.end))
            .chain(next.clone())
            .collect();
        // Only an odd line needs the excerpt; the plain lines keep miette's own rendering.
        let plain = lines.iter().all(|r| {
            text[r.clone()].split('\n').all(|l| {
                l.len() <= LONG_LINE
                    && !l.trim_end_matches('\r').chars().any(|c| c.is_control() && c != '\t')
            })
        });
        if plain {
            return None;
        }
        let (line_no, column) = file.line_col(span.start);
        // The span's first line only: a window that starts a little before the span.
        let end = span.end.min(line.end);
        let mut from = span.start;
        for _ in 0..WINDOW / 3 {
            match text[line.start..from].chars().next_back() {
                Some(c) => from -= c.len_utf8(),
                None => break,
            }
        }
        let mut out = String::new();
        let mut first_line = line_no - 1;
        if let Some(p) = &prev {
            window_into(&mut out, text, p.clone(), p.start);
            out.push('\n');
            first_line -= 1;
        }
        let span_start = out.len() + if from > line.start { '…'.len_utf8() } else { 0 };
        let mapped = window_into(&mut out, text, line.clone(), from);
        let span_in = |at: usize| {
            let mut n = span_start;
            for (pos, len) in &mapped {
                if *pos >= at {
                    break;
                }
                n += len;
            }
            n
        };
        let (s, e) = (span_in(span.start), span_in(end));
        if let Some(n) = &next {
            out.push('\n');
            window_into(&mut out, text, n.clone(), n.start);
        }
        Some(Excerpt {
            text: out,
            span: Span::new(s, e),
            first_line,
            line: line_no - 1,
            column: column - 1,
        })
    }
}

/// Writes up to [`WINDOW`] characters of the line `line` of `text`, from `from`, escaping
/// control characters and marking cut ends with `…`. Returns each written character's file
/// offset and its length in the output, so that spans can be moved into the excerpt.
fn window_into(
    out: &mut String,
    text: &str,
    line: std::ops::Range<usize>,
    from: usize,
) -> Vec<(usize, usize)> {
    let body = text[line.clone()].trim_end_matches('\r');
    let end = line.start + body.len();
    if from > line.start {
        out.push('…');
    }
    let mut mapped = Vec::new();
    let mut pos = from;
    for c in text[from..end].chars().take(WINDOW) {
        let before = out.len();
        if c.is_control() && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
        mapped.push((pos, out.len() - before));
        pos += c.len_utf8();
    }
    if pos < end {
        out.push('…');
    }
    mapped
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.d.code.clone()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        match (&self.d.file, self.d.span) {
            (Some(_), Some(_)) => Some(self as &dyn miette::SourceCode),
            _ => None,
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = match &self.excerpt {
            Some(e) => e.span,
            None => self.d.span?,
        };
        let label = miette::LabeledSpan::new_primary_with_span(
            self.label.clone(),
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
        let file = self.d.file.as_ref().ok_or(miette::MietteError::OutOfBounds)?;
        let name = escape_controls(&file.path.display().to_string()).into_owned();
        if let Some(e) = &self.excerpt {
            // The whole excerpt for the frame; the span's own place for the header's
            // `file:line:col`.
            let (line, column) = if context_lines_before == 0 && context_lines_after == 0 {
                (e.line, e.column)
            } else {
                (e.first_line, 0)
            };
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                name,
                e.text.as_bytes(),
                (0, e.text.len()).into(),
                line,
                column,
                e.text.lines().count(),
            )));
        }
        let text: &'a str = &file.text;
        let inner = text.read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            name,
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
