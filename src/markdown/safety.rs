//! The sanitizing pass: link and image addresses and raw HTML against [`crate::sanitize`].
//!
//! It runs first, on the parser's events, so that rounds' own HTML added by later passes
//! (citations, highlighting, footnotes, correction notes) is never touched.
//!
//! - A link or image whose address has a scheme off the allowlist loses its `<a>` or `<img>`
//!   and keeps its text.
//! - Raw HTML is sanitized as one document, not fragment by fragment: pulldown-cmark gives an
//!   inline `<abbr title="x">WHO</abbr>` as three events, and a `<details>` block can hold
//!   Markdown paragraphs. The raw HTML from the first fragment to the last is put together
//!   with a placeholder for every Markdown event in between, sanitized, and cut again at the
//!   placeholders, so the Markdown events keep their place and the HTML keeps its balance.
//!   When the sanitizer loses or reorders a placeholder (HTML that swallows the text after
//!   it, an unclosed `<script>` say), the raw HTML is shown as text instead.

use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Problem, Spanned};
use crate::diag::Span;
use crate::sanitize::{self, Finding};

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Sanitizes `events` (spans relative to `body`, which starts at `body_offset` of its file),
/// adding a problem for each construct removed.
pub fn filter<'a>(
    events: Vec<Spanned<'a>>,
    body: &str,
    body_offset: usize,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    let has_raw = events.iter().any(|(e, _)| is_raw(e));
    let has_bad_url = events.iter().any(|(e, _)| match e {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            !sanitize::is_safe_url(dest_url)
        }
        _ => false,
    });
    let mut events = events;
    if let Some(at) = body.bytes().position(is_control) {
        let count = body.bytes().filter(|&b| is_control(b)).count();
        problems.push(Problem {
            span: Span::new(body_offset + at, body_offset + at + 1),
            code: "safety.control_char".into(),
            warning: true,
            message: format!(
                "this text has {count} control character{} (U+{:04X} here), which a page or \
                 feed cannot show; each is replaced by \u{FFFD}",
                if count == 1 { "" } else { "s" },
                body.as_bytes()[at]
            ),
            help: "delete it: it was probably pasted in from another program".into(),
        });
        events = events.into_iter().map(|(e, r)| (replace_controls(e), r)).collect();
    }
    if has_bad_url {
        events = unlink(events, body_offset, problems);
    }
    if has_raw {
        report_raw(&events, body, body_offset, problems);
        events = clean_raw(events, body_offset, problems);
    }
    events
}

/// C0 control characters other than tab and line ends: not allowed in XML, and never
/// meant in a page.
fn is_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
}

fn fix_controls(s: CowStr<'_>) -> CowStr<'_> {
    if s.bytes().any(is_control) {
        CowStr::from(s.replace(|c: char| c.is_ascii() && is_control(c as u8), "\u{FFFD}"))
    } else {
        s
    }
}

fn replace_controls(event: Event<'_>) -> Event<'_> {
    let fix = fix_controls;
    match event {
        Event::Text(t) => Event::Text(fix(t)),
        Event::Code(t) => Event::Code(fix(t)),
        Event::Html(t) => Event::Html(fix(t)),
        Event::InlineHtml(t) => Event::InlineHtml(fix(t)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => Event::Start(Tag::Link {
            link_type,
            dest_url: fix(dest_url),
            title: fix(title),
            id: fix(id),
        }),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => Event::Start(Tag::Image {
            link_type,
            dest_url: fix(dest_url),
            title: fix(title),
            id: fix(id),
        }),
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))) => {
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(fix(info))))
        }
        other => other,
    }
}

fn is_raw(e: &Event<'_>) -> bool {
    matches!(e, Event::Html(_) | Event::InlineHtml(_))
}

fn problem(f: Finding, span: Span) -> Problem {
    Problem { span, code: f.code.into(), warning: true, message: f.message, help: f.help }
}

/// Drops the `<a>` and `<img>` of links and images with unsafe addresses, keeping their text.
fn unlink<'a>(
    events: Vec<Spanned<'a>>,
    body_offset: usize,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    // Per open link and image: was it dropped? (Images may stand inside links.)
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for (event, range) in events {
        let span = Span::new(body_offset + range.start, body_offset + range.end);
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let found = sanitize::url_finding(dest_url, "this link", 0..0);
                links.push(found.is_some());
                if let Some(f) = found {
                    problems.push(problem(f, span));
                    continue;
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let found = sanitize::url_finding(dest_url, "this image", 0..0);
                images.push(found.is_some());
                if let Some(f) = found {
                    problems.push(problem(f, span));
                    continue;
                }
            }
            Event::End(TagEnd::Link) if links.pop() == Some(true) => continue,
            Event::End(TagEnd::Image) if images.pop() == Some(true) => continue,
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// Reports what the sanitizer removes from each run of raw HTML, at its place in the file.
fn report_raw(events: &[Spanned<'_>], body: &str, body_offset: usize, problems: &mut Vec<Problem>) {
    let mut i = 0;
    while i < events.len() {
        if !is_raw(&events[i].0) {
            i += 1;
            continue;
        }
        // A tag may span the lines of an HTML block, each its own event: scan them together.
        let mut text = String::new();
        let mut segments = Vec::new(); // (offset in `text`, the event's range in `body`)
        while let Some((Event::Html(h) | Event::InlineHtml(h), range)) = events.get(i) {
            segments.push((text.len(), range.clone()));
            text.push_str(h);
            i += 1;
        }
        for f in sanitize::report_html(&text) {
            let (seg_start, range) = segments
                .iter()
                .rev()
                .find(|(start, _)| *start <= f.range.start)
                .cloned()
                .unwrap_or((0, 0..0));
            let snippet = &text[f.range.clone()];
            let in_event = f.range.start - seg_start;
            let from = body.get(range.clone()).unwrap_or("");
            // Inside a blockquote or list the event's text lacks the `> ` of each line.
            let at = if from.get(in_event..in_event + snippet.len()) == Some(snippet) {
                Some(range.start + in_event)
            } else {
                from.find(snippet.lines().next().unwrap_or(snippet)).map(|k| range.start + k)
            };
            let span = match at {
                Some(at) => Span::new(body_offset + at, body_offset + at + snippet.len()),
                None => Span::new(body_offset + range.start, body_offset + range.end),
            };
            problems.push(problem(f, span));
        }
    }
}

/// Sanitizes the raw HTML between the first raw fragment and the last, as one document.
fn clean_raw<'a>(
    mut events: Vec<Spanned<'a>>,
    body_offset: usize,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    let first = events.iter().position(|(e, _)| is_raw(e)).unwrap_or(0);
    let last = events.iter().rposition(|(e, _)| is_raw(e)).unwrap_or(0);
    let tail = events.split_off(last + 1);
    let middle = events.split_off(first);
    let mut out = events;

    let absorbed = inside_scripts(&middle);
    let mut skeleton = String::new();
    let mut placeholders = 0usize;
    for (k, (event, _)) in middle.iter().enumerate() {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => skeleton.push_str(h),
            _ if absorbed[k] => {}
            // They write nothing, and a placeholder between two rows of an HTML table would
            // be moved out of it by the parser.
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            _ => {
                placeholders += 1;
                let _ = write!(skeleton, "{OPEN}{k}{CLOSE}");
            }
        }
    }
    let raw_has_marks = middle.iter().any(|(e, _)| match e {
        Event::Html(h) | Event::InlineHtml(h) => h.contains([OPEN, CLOSE]),
        _ => false,
    });
    let cleaned = sanitize::clean(&skeleton);
    match (!raw_has_marks).then(|| cut(&cleaned, &middle, placeholders)).flatten() {
        Some(rebuilt) => out.extend(rebuilt),
        None => {
            let (_, range) = &middle[0];
            problems.push(Problem {
                span: Span::new(body_offset + range.start, body_offset + range.end),
                code: "safety.raw_html".into(),
                warning: true,
                message: "the raw HTML of this text cannot be published safely as it is \
                          (it hides the text after it), so all of it is shown as text"
                    .into(),
                help: "close every tag you open, and use only the tags docs/writing.md lists"
                    .into(),
            });
            out.extend(middle.into_iter().filter_map(|(e, r)| match e {
                Event::Html(h) | Event::InlineHtml(h) => Some((Event::Text(h), r)),
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => None,
                e => Some((e, r)),
            }));
        }
    }
    out.extend(tail);
    out
}

/// The events between an inline `<script>` (or `<style>`) and its end tag in the same
/// paragraph: script to a browser, so they go with it instead of standing for Markdown.
fn inside_scripts(middle: &[Spanned<'_>]) -> Vec<bool> {
    let mut absorbed = vec![false; middle.len()];
    let mut k = 0;
    while k < middle.len() {
        let Event::InlineHtml(h) = &middle[k].0 else {
            k += 1;
            continue;
        };
        let lower = h.to_ascii_lowercase();
        let Some(name) = ["script", "style"]
            .into_iter()
            .find(|n| lower.starts_with(&format!("<{n}")) && !lower.contains(&format!("</{n}")))
        else {
            k += 1;
            continue;
        };
        let close = format!("</{name}");
        let end = middle[k + 1..].iter().position(|(e, _)| match e {
            Event::InlineHtml(h) => h.to_ascii_lowercase().starts_with(&close),
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => false,
            _ => true,
        });
        match end.map(|n| k + 1 + n) {
            Some(end) if matches!(&middle[end].0, Event::InlineHtml(_)) => {
                absorbed[k + 1..end].iter_mut().for_each(|a| *a = true);
                k = end + 1;
            }
            _ => k += 1,
        }
    }
    absorbed
}

/// Cuts the sanitized skeleton at its placeholders, putting each Markdown event back between
/// the pieces of HTML; `None` when a placeholder is missing or out of order.
fn cut<'a>(cleaned: &str, middle: &[Spanned<'a>], placeholders: usize) -> Option<Vec<Spanned<'a>>> {
    let mut out = Vec::with_capacity(middle.len());
    let mut rest = cleaned;
    let mut previous: Option<usize> = None;
    let mut seen = 0;
    loop {
        let (chunk, next) = match rest.find(OPEN) {
            Some(at) => {
                let after = &rest[at + OPEN.len_utf8()..];
                let end = after.find(CLOSE)?;
                let k: usize = after[..end].parse().ok()?;
                (&rest[..at], Some((k, &after[end + CLOSE.len_utf8()..])))
            }
            None => (rest, None),
        };
        if !chunk.is_empty() {
            // The raw fragments this piece stands for: those after the previous event.
            let from = previous.map_or(0, |p| p + 1);
            let to = next.map_or(middle.len(), |(k, _)| k);
            let slice = middle.get(from..to.max(from)).unwrap_or(&[]);
            let inline = slice.iter().any(|(e, _)| matches!(e, Event::InlineHtml(_)));
            let range = slice.iter().find(|(e, _)| is_raw(e)).map_or(0..0, |(_, r)| r.clone());
            let html = CowStr::from(chunk.to_string());
            out.push((if inline { Event::InlineHtml(html) } else { Event::Html(html) }, range));
        }
        let Some((k, after)) = next else { break };
        if previous.is_some_and(|p| k <= p) || k >= middle.len() || is_raw(&middle[k].0) {
            return None;
        }
        out.push(middle[k].clone());
        previous = Some(k);
        seen += 1;
        rest = after;
    }
    (seen == placeholders).then_some(out)
}
