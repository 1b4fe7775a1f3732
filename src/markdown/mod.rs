//! Markdown: an article body -> HTML, table of contents, word count.
//!
//! Input: the Markdown body, its offset in the file, and a [`TextHook`] that the citation stage
//! plugs in. Output: a [`RenderedBody`].
//!
//! The body goes through pulldown-cmark (tables, footnotes, strikethrough, task lists, smart
//! punctuation, heading attributes) and then a chain of small passes, each a function over the
//! event stream that can be read and tested alone:
//!
//! 0. [`safety::filter`]: links and images with unsafe addresses lose their link, and raw HTML
//!    is cut down to the safe subset of [`crate::sanitize`], each removal reported.
//! 1. [`text_runs`]: merged text runs go to the hook (citations), which may turn them into HTML;
//!    words are counted here.
//! 2. [`code::highlight`]: fenced blocks with a language are highlighted (syntect, loaded only
//!    when such a block exists).
//! 3. [`tables`]: tables are wrapped so they scroll on a phone without breaking the layout;
//!    [`images::sizes`]: images of local files get their width and height.
//! 4. [`headings::anchor`]: headings get unique ids, an anchor link and a table-of-contents entry.
//! 5. [`footnotes::collect`]: footnotes are lettered by first reference and listed at the end.
//! 6. [`notes::callouts`]: `> [!CORRECTION] 2026-03-02` blockquotes become dated correction notes.

pub mod code;
pub mod footnotes;
pub mod headings;
pub mod images;
pub mod notes;
pub mod safety;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};

pub use headings::TocEntry;
pub use notes::InlineCorrection;

/// What the Markdown stage produces for one article or page.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RenderedBody {
    /// The body as HTML.
    pub html: String,
    /// Section headings (levels 2 and 3) for the table of contents.
    pub toc: Vec<TocEntry>,
    /// Words of text (code excluded), for reading time.
    pub words: usize,
    /// True when a highlighted code block is present (the page then links the code CSS).
    pub has_code: bool,
    /// The first paragraph as plain text (a fallback description).
    pub first_paragraph: String,
    /// `> [!CORRECTION]` notes found in the body.
    pub inline_corrections: Vec<InlineCorrection>,
    /// Problems found while rendering (bad inline correction notes, unsafe HTML...).
    pub diagnostics: Vec<Problem>,
    /// The sources cited, in reference-list order (filled by the citation stage); shared with
    /// the site model rather than copied.
    pub references: std::sync::Arc<Vec<CitedSource>>,
    /// The numbered reference list as HTML (empty when nothing is cited).
    pub references_html: String,
    /// A hash of everything above, set by [`RenderedBody::seal`], so pages built from this body
    /// can tell whether it changed.
    pub fingerprint: u64,
}

impl RenderedBody {
    /// Computes [`RenderedBody::fingerprint`] once the body is complete, and gives back the
    /// spare capacity its text grew with (a session keeps 10,000 bodies in memory, and a
    /// doubling String leaves up to half of each unused).
    pub fn seal(&mut self) {
        use std::hash::{Hash, Hasher};
        self.html.shrink_to_fit();
        self.references_html.shrink_to_fit();
        self.first_paragraph.shrink_to_fit();
        self.toc.shrink_to_fit();
        let mut h = crate::hashing::hasher();
        (&self.html, &self.toc, self.words, self.has_code, &self.first_paragraph).hash(&mut h);
        for c in &self.inline_corrections {
            (c.date, &c.anchor, &c.text).hash(&mut h);
        }
        self.references_html.hash(&mut h);
        for r in self.references.iter() {
            (&r.key, r.number, &r.text, &r.title, &r.doi, &r.url).hash(&mut h);
        }
        self.fingerprint = h.finish();
    }
}

/// A problem found in a body, at a byte span of its file.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Where (file offsets).
    pub span: crate::diag::Span,
    /// Its finding code (`correction.inline_date`, `safety.script`...).
    pub code: std::borrow::Cow<'static, str>,
    /// A warning (the build goes on) rather than an error.
    pub warning: bool,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl Problem {
    /// The problem as a diagnostic in `file`.
    pub fn diagnostic(&self, file: &crate::diag::SourceText) -> crate::diag::Diagnostic {
        use crate::diag::{Diagnostic, Severity};
        let severity = if self.warning { Severity::Warning } else { Severity::Error };
        let mut d = Diagnostic::new(severity, "", self.message.clone());
        d.code = self.code.clone();
        d.at(file, self.span).with_help(self.help.clone())
    }
}

/// A source cited by an article, as its reference list shows it (numbered in order of first
/// citation).
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct CitedSource {
    /// Its key in the bibliography.
    pub key: String,
    /// The number readers see.
    pub number: usize,
    /// Anchor id of its entry in the list (`ref-3`).
    pub anchor: String,
    /// The AMA entry as HTML.
    pub html: String,
    /// The AMA entry as plain text.
    pub text: String,
    /// Ids of the places it is cited, for links back.
    pub backlinks: Vec<String>,
    /// Title of the work.
    pub title: Option<String>,
    /// DOI, without `https://doi.org/`.
    pub doi: Option<String>,
    /// PubMed id.
    pub pmid: Option<String>,
    /// PubMed Central id.
    pub pmcid: Option<String>,
    /// Web address.
    pub url: Option<String>,
    /// The work was retracted.
    pub retracted: bool,
    /// Family names (or group names) of its authors, which the privacy check must not flag.
    pub author_names: Vec<String>,
}

/// Gets every run of plain text, with the raw Markdown it came from; may return HTML to use in
/// its place. The citation stage implements it.
pub trait TextHook {
    /// `text` is a merged text run (escapes decoded); `source` is its raw Markdown, which starts
    /// at byte `source_offset` of the file. Returns replacement HTML, or `None` to keep it.
    fn text(&mut self, text: &str, source: &str, source_offset: usize) -> Option<String>;
}

/// A hook that changes nothing (pages, bios, the disclaimer).
pub struct NoHook;

impl TextHook for NoHook {
    fn text(&mut self, _: &str, _: &str, _: usize) -> Option<String> {
        None
    }
}

/// The parser options every body is read with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders an article body. `body_offset` is where `body` starts in its file, so that the hook
/// can point diagnostics at the right line.
pub fn render(body: &str, body_offset: usize, hook: &mut dyn TextHook) -> RenderedBody {
    render_with_images(body, body_offset, hook, &|_| None)
}

/// [`render`], with `size_of` giving the pixel size of the local images the body shows.
pub fn render_with_images(
    body: &str,
    body_offset: usize,
    hook: &mut dyn TextHook,
    size_of: images::SizeOf<'_>,
) -> RenderedBody {
    let mut words = 0;
    let mut has_code = false;
    let mut first_paragraph = String::new();
    // A soft line break is text ("\n" in the HTML either way); making it text lets a citation
    // at the start of a line join the words before it, so `groups\n[@a].` moves the
    // superscript after the period with no stray space.
    let parser =
        Parser::new_ext(body, options()).into_offset_iter().map(|(event, range)| match event {
            Event::SoftBreak => (Event::Text(CowStr::Borrowed("\n")), range),
            other => (other, range),
        });
    let mut problems = Vec::new();
    let events = safety::filter(
        TextMergeWithOffset::new(parser).collect(),
        body,
        body_offset,
        &mut problems,
    );
    let events = first_paragraph_text(events.into_iter(), &mut first_paragraph);
    let events = text_runs(events, body, body_offset, hook, &mut words);
    let events = code::highlight(events.into_iter(), &mut has_code);
    let events = images::sizes(tables(events).collect(), size_of);
    let (events, corrections, notes) = notes::callouts(events, body, body_offset);
    problems.extend(notes);
    let (events, toc) = headings::anchor(events);
    let events = footnotes::collect(events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    RenderedBody {
        html,
        toc,
        words,
        has_code,
        first_paragraph,
        inline_corrections: corrections,
        diagnostics: problems,
        references: Default::default(),
        references_html: String::new(),
        fingerprint: 0,
    }
}

/// Renders short Markdown (a bio, the disclaimer, a correction note) to HTML, sanitized like a
/// body.
pub fn render_inline_block(markdown: &str) -> String {
    render_inline_checked(markdown).0
}

/// [`render_inline_block`] with what its sanitizing removed (spans in `markdown`).
pub fn render_inline_checked(markdown: &str) -> (String, Vec<Problem>) {
    let mut problems = Vec::new();
    let events = Parser::new_ext(markdown, options()).into_offset_iter().collect();
    let events = safety::filter(events, markdown, 0, &mut problems);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    (html, problems)
}

/// Plain text of short Markdown (for feeds' summaries and meta descriptions), without what
/// sanitizing removes (the text of a `<script>`).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    let events = Parser::new_ext(markdown, options()).into_offset_iter().collect();
    for (event, _) in safety::filter(events, markdown, 0, &mut Vec::new()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

type Spanned<'a> = (Event<'a>, std::ops::Range<usize>);

/// Copies the text of the first paragraph (before any change) into `out`.
fn first_paragraph_text<'a>(
    events: impl Iterator<Item = Spanned<'a>>,
    out: &mut String,
) -> impl Iterator<Item = Spanned<'a>> {
    let mut state = 0u8; // 0 before, 1 inside, 2 done
    events.inspect(move |(event, _)| match (state, event) {
        (0, Event::Start(Tag::Paragraph)) => state = 1,
        (1, Event::Text(t) | Event::Code(t)) => out.push_str(&t.replace('\n', " ")),
        (1, Event::SoftBreak | Event::HardBreak) => out.push(' '),
        (1, Event::End(TagEnd::Paragraph)) => state = 2,
        _ => {}
    })
}

/// Hands each text run outside code to the hook, counting words on the way.
///
/// A citation bracket with inline markup inside (`[@a, *passim*]`) reaches here in pieces:
/// the text up to the markup, the markup's events, and the text from the `]` on. The pieces
/// are offered to the hook as one run (the markup's words without it), and kept as they
/// were when the hook finds no citation in them.
fn text_runs<'a>(
    events: impl Iterator<Item = Spanned<'a>>,
    body: &str,
    body_offset: usize,
    hook: &mut dyn TextHook,
    words: &mut usize,
) -> Vec<Event<'a>> {
    let events: Vec<Spanned<'a>> = events.collect();
    let mut out = Vec::with_capacity(events.len());
    let mut in_code = false;
    let mut in_image = 0usize;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Code(c) => *words += c.split_whitespace().count(),
            Event::Text(text) if !in_code && in_image == 0 => {
                if let Some(end) = marked_up_citation(&events, i) {
                    let mut joined = String::new();
                    for (e, _) in &events[i..=end] {
                        if let Event::Text(t) | Event::Code(t) = e {
                            joined.push_str(t);
                        }
                    }
                    let span = range.start..events[end].1.end;
                    let source = body.get(span.clone()).unwrap_or("");
                    if let Some(html) = hook.text(&joined, source, body_offset + span.start) {
                        *words += joined.split_whitespace().filter(|w| !w.contains('@')).count();
                        out.push(Event::InlineHtml(CowStr::from(html)));
                        i = end + 1;
                        continue;
                    }
                }
                *words += text.split_whitespace().filter(|w| !w.contains('@')).count();
                let source = body.get(range.clone()).unwrap_or("");
                match hook.text(text, source, body_offset + range.start) {
                    Some(html) => out.push(Event::InlineHtml(CowStr::from(html))),
                    None => out.push(event.clone()),
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        out.push(event.clone());
        i += 1;
    }
    out
}

/// When the text at `start` opens a citation bracket (`[` then `@`, no `]`) that inline
/// markup interrupts, the index of the text event that closes it (or closes the last of
/// several such brackets in a row).
fn marked_up_citation(events: &[Spanned<'_>], start: usize) -> Option<usize> {
    let mut end = closing_event(events, start)?;
    while let Some(next) = closing_event(events, end) {
        end = next;
    }
    Some(end)
}

/// The index of the text event that closes a citation bracket left open by the text event at
/// `at`, across a few events of emphasis, strong, strikethrough, code and text.
fn closing_event(events: &[Spanned<'_>], at: usize) -> Option<usize> {
    let Event::Text(text) = &events[at].0 else { return None };
    let open = text.rfind('[')?;
    let inside = &text[open..];
    if inside.contains(']') || !inside.contains('@') {
        return None;
    }
    for (k, (event, _)) in events.iter().enumerate().skip(at + 1).take(24) {
        match event {
            Event::Text(t) if t.contains(']') => return Some(k),
            Event::Text(t) if t.contains('[') => return None,
            Event::Text(_)
            | Event::Code(_)
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            _ => return None,
        }
    }
    None
}

/// Wraps each table in a focusable scroll region, so a wide table scrolls on a phone and
/// keyboard users can scroll it too. Each region gets a name of its own ("Table 2: Side
/// effects", after the heading above it), so that screen readers can tell them apart in their
/// list of landmarks.
fn tables<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut count = 0usize;
    let mut heading: Option<String> = None;
    let mut last_heading = String::new();
    events.flat_map(move |event| {
        match &event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    last_heading = h.split_whitespace().collect::<Vec<_>>().join(" ");
                }
            }
            _ => {}
        }
        let (before, after) = match &event {
            Event::Start(Tag::Table(_)) => {
                count += 1;
                let name = if last_heading.is_empty() {
                    format!("Table {count}")
                } else {
                    format!("Table {count}: {last_heading}")
                };
                let html = format!(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
                    crate::html::escape(&name)
                );
                (Some(Event::Html(html.into())), None)
            }
            Event::End(TagEnd::Table) => (None, Some(Event::Html("</div>\n".into()))),
            _ => (None, None),
        };
        before.into_iter().chain(std::iter::once(event)).chain(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> RenderedBody {
        render(md, 0, &mut NoHook)
    }

    #[test]
    fn common_markdown_features() {
        let r = html(
            "Intro \"quoted\" -- text.\n\n## Section\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~\n",
        );
        assert!(r.html.contains("\u{201c}quoted\u{201d} \u{2013} text"), "{}", r.html);
        assert!(r.html.contains("<div class=\"table-wrap\" role=\"region\""));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("checkbox"));
        assert_eq!(r.first_paragraph, "Intro \u{201c}quoted\u{201d} \u{2013} text.");
        assert_eq!(r.toc.len(), 1);
    }

    #[test]
    fn each_table_region_has_a_name_of_its_own() {
        let r = html(
            "| a |\n|---|\n| 1 |\n\n## Doses & `mg`\n\n| b |\n|---|\n| 2 |\n\n| c |\n|---|\n| 3 |\n",
        );
        let names: Vec<&str> = r
            .html
            .match_indices("aria-label=\"")
            .map(|(i, m)| {
                let rest = &r.html[i + m.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert_eq!(names, ["Table 1", "Table 2: Doses &amp; mg", "Table 3: Doses &amp; mg"]);
    }

    #[test]
    fn words_exclude_code_blocks() {
        let r = html("one two three\n\n```\nnot counted at all\n```\n\nfour `five`\n");
        assert_eq!(r.words, 5);
    }

    struct Upper;
    impl TextHook for Upper {
        fn text(&mut self, text: &str, source: &str, offset: usize) -> Option<String> {
            text.contains("@x").then(|| format!("<b>{source}@{offset}</b>"))
        }
    }

    #[test]
    fn hook_sees_merged_text_with_source_offsets() {
        // pulldown-cmark splits text at `[`; the hook must see one run.
        let body = "Para.\n\nSee [@x] here.\n";
        let r = render(body, 100, &mut Upper);
        assert!(r.html.contains("<b>See [@x] here.@107</b>"), "{}", r.html);
    }

    #[test]
    fn plain_text_of_markdown() {
        assert_eq!(plain_text("An *earlier* version\nsaid `x`."), "An earlier version said x.");
    }
}
