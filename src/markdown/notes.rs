//! Inline correction notes: `> [!CORRECTION] 2026-03-02` blockquotes.
//!
//! A correction written in the body, where the error was, is shown as a dated, labelled note
//! with a stable anchor and listed with the front-matter corrections. A note without a valid
//! date is an error: a correction must say when it was made.
//!
//! Anchors never move to another note once published. A note's anchor is
//! `correction-<date>-note` (`-note-2`, `-note-3` for later notes of the same day, in the order
//! they stand in the body), which no front-matter correction can take: those are
//! `correction-<date>` and `correction-<date>-<n>` (see `site::assemble`). So adding a note
//! never renames a front-matter correction, and adding a front-matter correction never renames
//! a note.

use jiff::civil::Date;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Problem;
use crate::dates;
use crate::diag::Span;

/// A correction note found in the body.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InlineCorrection {
    /// When it was corrected.
    pub date: Date,
    /// Its anchor id (`correction-2026-03-02-note`).
    pub anchor: String,
    /// Its text, plain.
    pub text: String,
}

const MARKER: &str = "[!CORRECTION]";

/// The anchor of the `nth` (from 1) inline note dated `date`.
fn note_anchor(date: Date, nth: usize) -> String {
    if nth <= 1 {
        format!("correction-{date}-note")
    } else {
        format!("correction-{date}-note-{nth}")
    }
}

/// Turns correction blockquotes into `<aside class="correction">` notes.
pub fn callouts<'a>(
    events: Vec<Event<'a>>,
    body: &str,
    body_offset: usize,
) -> (Vec<Event<'a>>, Vec<InlineCorrection>, Vec<Problem>) {
    let mut corrections: Vec<InlineCorrection> = Vec::new();
    let mut problems = Vec::new();
    if !body.contains(MARKER) && !body.to_ascii_uppercase().contains(MARKER) {
        return (events, corrections, problems);
    }
    // The n-th note in the events is the n-th marker in the source.
    let upper = body.to_ascii_uppercase();
    let mut marker_offsets = upper.match_indices(MARKER).map(|(i, _)| i);

    let mut out = Vec::with_capacity(events.len());
    let mut depth_stack: Vec<bool> = Vec::new(); // per open blockquote: is it a note?
    let mut collecting: Option<(usize, String)> = None; // (index in corrections, text)
    let mut i = 0;
    let events_len = events.len();
    let mut events = events.into_iter().map(Some).collect::<Vec<_>>();
    while i < events_len {
        let event = events[i].take().unwrap_or(Event::SoftBreak);
        match event {
            Event::Start(Tag::BlockQuote(kind)) => {
                let is_note = matches!(
                    (events.get(i + 1), events.get(i + 2)),
                    (Some(Some(Event::Start(Tag::Paragraph))), Some(Some(Event::Text(t))))
                        if t.trim_start().to_ascii_uppercase().starts_with(MARKER)
                );
                if !is_note {
                    depth_stack.push(false);
                    out.push(Event::Start(Tag::BlockQuote(kind)));
                    i += 1;
                    continue;
                }
                depth_stack.push(true);
                let source_at = marker_offsets.next().unwrap_or(0);
                let first = match events[i + 2].take() {
                    Some(Event::Text(t)) => t.to_string(),
                    _ => String::new(),
                };
                let after = first.trim_start().get(MARKER.len()..).unwrap_or("").trim_start();
                let date_text: String = after.chars().take(10).collect();
                let rest = after[date_text.len()..].trim_start().to_string();
                let date = date_text.parse::<Date>().ok();
                let date = match date {
                    Some(d) => d,
                    None => {
                        let start = body_offset + source_at;
                        problems.push(Problem {
                            span: Span::new(start, start + MARKER.len()),
                            code: "correction.inline_date".into(),
                            warning: false,
                            message: "this correction note has no date".into(),
                            help:
                                "write the date after the marker, like `> [!CORRECTION] 2026-03-02`"
                                    .into(),
                        });
                        Date::constant(1970, 1, 1)
                    }
                };
                let same_day = corrections.iter().filter(|c| c.date == date).count();
                let anchor = note_anchor(date, same_day + 1);
                out.push(Event::Html(CowStr::from(format!(
                    "<aside class=\"correction\" id=\"{anchor}\" aria-label=\"Correction\">\n\
                     <p class=\"correction-label\"><strong>Correction</strong> \
                     <time datetime=\"{}\">{}</time></p>\n",
                    dates::iso(date),
                    dates::display(date)
                ))));
                corrections.push(InlineCorrection { date, anchor, text: String::new() });
                collecting = Some((corrections.len() - 1, String::new()));
                // Keep the rest of the first line as the note's first paragraph.
                let next_is_break =
                    matches!(events.get(i + 3), Some(Some(Event::SoftBreak | Event::HardBreak)));
                if rest.is_empty() {
                    if next_is_break {
                        events[i + 3] = None;
                    }
                    let paragraph_ends =
                        matches!(events.get(i + 3), Some(Some(Event::End(TagEnd::Paragraph))))
                            || (next_is_break
                                && matches!(
                                    events.get(i + 4),
                                    Some(Some(Event::End(TagEnd::Paragraph)))
                                ));
                    if paragraph_ends {
                        // An empty first paragraph: drop it.
                        events[i + 1] = None;
                        let end_at = if next_is_break { i + 4 } else { i + 3 };
                        events[end_at] = None;
                    }
                } else {
                    events[i + 2] = Some(Event::Text(CowStr::from(rest)));
                }
                i += 1;
                continue;
            }
            Event::End(TagEnd::BlockQuote(kind)) => {
                if depth_stack.pop() == Some(true) {
                    if let Some((index, text)) = collecting.take() {
                        corrections[index].text =
                            text.split_whitespace().collect::<Vec<_>>().join(" ");
                    }
                    out.push(Event::Html("</aside>\n".into()));
                } else {
                    out.push(Event::End(TagEnd::BlockQuote(kind)));
                }
            }
            other => {
                if let Some((_, text)) = collecting.as_mut() {
                    match &other {
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                            text.push(' ');
                        }
                        _ => {}
                    }
                }
                out.push(other);
            }
        }
        i += 1;
        // Skip events taken out above.
        while i < events_len && events[i].is_none() {
            i += 1;
        }
    }
    (out, corrections, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, TextMergeStream};

    fn run(md: &str) -> (String, Vec<InlineCorrection>, Vec<Problem>) {
        let events: Vec<_> =
            TextMergeStream::new(Parser::new_ext(md, crate::markdown::options())).collect();
        let (events, c, p) = callouts(events, md, 0);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, c, p)
    }

    #[test]
    fn dated_note_becomes_a_labelled_aside() {
        let (html, c, p) = run(
            "Text.\n\n> [!CORRECTION] 2026-03-02\n> The dose is **5 mg**, not 50 mg.\n\n> A quote.\n",
        );
        assert!(p.is_empty());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].anchor, "correction-2026-03-02-note");
        assert_eq!(c[0].text, "The dose is 5 mg, not 50 mg.");
        assert!(
            html.contains("<aside class=\"correction\" id=\"correction-2026-03-02-note\""),
            "{html}"
        );
        assert!(html.contains("<time datetime=\"2026-03-02\">March 2, 2026</time>"));
        assert!(
            html.contains("<p>The dose is <strong>5 mg</strong>, not 50 mg.</p>\n</aside>"),
            "{html}"
        );
        assert!(html.contains("<blockquote>\n<p>A quote.</p>\n</blockquote>"));
    }

    #[test]
    fn same_day_notes_get_numbered_and_text_on_the_marker_line_is_kept() {
        let (html, c, _) =
            run("> [!CORRECTION] 2026-03-02 First fix.\n\n> [!correction] 2026-03-02\n> Second.\n");
        assert_eq!(c[0].anchor, "correction-2026-03-02-note");
        assert_eq!(c[1].anchor, "correction-2026-03-02-note-2");
        assert_eq!(c[0].text, "First fix.");
        assert!(html.contains("<p>First fix.</p>"), "{html}");
    }

    #[test]
    fn note_without_date_is_a_problem_at_its_marker() {
        let body = "Intro.\n\n> [!CORRECTION]\n> Oops.\n";
        let (_, _, p) = run(body);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].span.start, body.find("[!CORRECTION]").unwrap());
    }
}
