//! Footnotes: lettered in order of first reference, listed at the end with links back.
//!
//! pulldown-cmark renders a footnote where its definition stands and names its ids after the
//! raw label, which can clash with heading ids. This pass renders references as
//! `<sup class="fn-ref"><a href="#fn-LABEL" id="fnref-LABEL-N">a</a></sup>` and moves every
//! definition into one `<section class="footnotes">` list (`<ol type="a">`) at the end, each
//! with a link back to each place it was referenced.
//!
//! Notes are lettered (a, b, ... z, aa, ab...) because citations own the superscript numbers
//! (AMA style): "a dummy pill.⁵ᵃ" cannot be mistaken for two references, even in a feed reader
//! with no stylesheet. Like a citation, a note marker closes up to the word before it: the
//! spaces written before `[^1]` are dropped.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Renumbers footnote references and moves definitions to the end.
pub fn collect(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events.iter().any(|e| matches!(e, Event::FootnoteReference(_))) {
        // Definitions that nothing refers to are dropped, as in pulldown-cmark's GFM mode.
        return strip_definitions(events);
    }
    let mut definitions: HashMap<String, Vec<Event<'_>>> = HashMap::new();
    let mut body = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            let mut inner = Vec::new();
            let mut depth = 0;
            for e in iter.by_ref() {
                match &e {
                    Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) if depth == 0 => break,
                    Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                    _ => {}
                }
                inner.push(e);
            }
            definitions.entry(label.to_string()).or_insert(inner);
        } else {
            body.push(event);
        }
    }

    let defined: std::collections::HashSet<String> = definitions.keys().cloned().collect();
    let mut refs = Refs { defined, order: Vec::new(), counts: HashMap::new() };
    let mut out = refs.mark(body);
    if refs.order.is_empty() {
        return out;
    }
    // A note may refer to another note: that one is lettered when the reference is met, and
    // listed after the notes before it.
    let mut notes = Vec::new();
    let mut i = 0;
    while i < refs.order.len() {
        let label = refs.order[i].clone();
        let inner = definitions.remove(&label).unwrap_or_default();
        notes.push((label, refs.mark(inner)));
        i += 1;
    }
    out.push(Event::Html(
        "<section class=\"footnotes\" aria-labelledby=\"footnotes\">\n<h2 id=\"footnotes\">Notes</h2>\n<ol type=\"a\">\n".into(),
    ));
    for (label, inner) in notes {
        let id = label_id(&label);
        out.push(Event::Html(CowStr::from(format!("<li id=\"fn-{id}\">\n"))));
        out.extend(inner);
        let backs: String = (1..=refs.counts.get(&label).map_or(1, |c| c.1))
            .map(|n| {
                format!(
                    " <a class=\"fn-back\" href=\"#fnref-{id}-{n}\" aria-label=\"Back to the text\">\u{21a9}\u{fe0e}</a>"
                )
            })
            .collect();
        out.push(Event::Html(CowStr::from(format!("<p class=\"fn-backs\">{backs}</p>\n</li>\n"))));
    }
    out.push(Event::Html("</ol>\n</section>\n".into()));
    out
}

/// Note letters, given in order of first reference, and how often each note is referred to.
struct Refs {
    defined: std::collections::HashSet<String>,
    order: Vec<String>,
    /// Per label: its index in `order`, and how many references were met.
    counts: HashMap<String, (usize, usize)>,
}

impl Refs {
    /// Renders the note references among `events` as lettered links.
    fn mark<'a>(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len() + 16);
        for event in events {
            match event {
                Event::FootnoteReference(label) if self.defined.contains(label.as_ref()) => {
                    let label = label.to_string();
                    let next = self.order.len();
                    let (index, count) = self.counts.entry(label.clone()).or_insert((next, 0));
                    if *index == next {
                        self.order.push(label.clone());
                    }
                    *count += 1;
                    let (letter, count) = (note_letter(*index), *count);
                    let id = label_id(&label);
                    close_up(&mut out);
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"fn-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}-{count}\" \
                         aria-label=\"Note {letter}\">{letter}</a></sup>"
                    ))));
                }
                Event::FootnoteReference(label) => {
                    out.push(Event::Text(CowStr::from(format!("[^{label}]"))));
                }
                other => out.push(other),
            }
        }
        out
    }
}

/// The letter of the note at `index` (0-based): a ... z, then aa, ab ... as in a spreadsheet's
/// columns, so that every note keeps a marker of its own.
fn note_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

/// Drops the spaces at the end of the text (or citation HTML) just before a note marker.
fn close_up(out: &mut [Event<'_>]) {
    match out.last_mut() {
        Some(Event::Text(t)) if t.ends_with([' ', '\t', '\n']) => {
            *t = CowStr::from(t.trim_end_matches([' ', '\t', '\n']).to_string());
        }
        Some(Event::InlineHtml(h)) if h.ends_with([' ', '\t', '\n']) => {
            *h = CowStr::from(h.trim_end_matches([' ', '\t', '\n']).to_string());
        }
        _ => {}
    }
}

fn strip_definitions(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut depth = 0usize;
    events
        .into_iter()
        .filter(|e| match e {
            Event::Start(Tag::FootnoteDefinition(_)) => {
                depth += 1;
                false
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// An id-safe form of a footnote label.
fn label_id(label: &str) -> String {
    crate::slug::slugify(label)
        .unwrap_or_else(|| label.bytes().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn run(md: &str) -> String {
        let events: Vec<_> = Parser::new_ext(md, crate::markdown::options()).collect();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, collect(events).into_iter());
        html
    }

    #[test]
    fn numbered_by_first_reference_and_listed_at_the_end() {
        let html =
            run("[^b]: Second.\n\nText[^a] and[^b] and again[^a].\n\n[^a]: First.\n\nAfter.\n");
        let a = html.find("href=\"#fn-a\" id=\"fnref-a-1\" aria-label=\"Note a\">a<").unwrap();
        let b = html.find("href=\"#fn-b\" id=\"fnref-b-1\" aria-label=\"Note b\">b<").unwrap();
        assert!(a < b);
        assert!(html.contains("id=\"fnref-a-2\""));
        let section = html.find("<section class=\"footnotes\"").unwrap();
        assert!(html.find("After.").unwrap() < section, "{html}");
        assert!(html[section..].find("First.").unwrap() < html[section..].find("Second.").unwrap());
        assert!(html.contains("href=\"#fnref-a-2\""));
        assert!(html.contains("<ol type=\"a\">"), "{html}");
    }

    #[test]
    fn markers_close_up_to_the_word_before() {
        let html = run("A dummy pill. [^x] And more [^y].\n\n[^x]: One.\n[^y]: Two.\n");
        assert!(html.contains("A dummy pill.<sup class=\"fn-ref\">"), "{html}");
        assert!(html.contains("And more<sup class=\"fn-ref\">"), "{html}");
    }

    #[test]
    fn letters_run_past_z() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702].map(note_letter).into();
        assert_eq!(letters, ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"]);
    }

    #[test]
    fn a_note_may_refer_to_another_note() {
        let html =
            run("Text[^a] and[^b].\n\n[^a]: Outer, see[^c].\n\n[^b]: Second.\n\n[^c]: Inner.\n");
        // The inner note is lettered after those the text refers to, and listed with them.
        assert!(
            html.contains("<a href=\"#fn-c\" id=\"fnref-c-1\" aria-label=\"Note c\">c</a>"),
            "{html}"
        );
        let (a, b, c) = (
            html.find("<li id=\"fn-a\">").unwrap(),
            html.find("<li id=\"fn-b\">").unwrap(),
            html.find("<li id=\"fn-c\">").unwrap(),
        );
        assert!(a < b && b < c, "{html}");
        assert!(html[c..].contains("Inner.") && html[c..].contains("href=\"#fnref-c-1\""));
        assert!(!html.contains("footnote-reference"), "{html}");
    }
}
