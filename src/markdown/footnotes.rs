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

    let mut order: Vec<String> = Vec::new();
    let mut refs: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(body.len() + 16);
    for event in body {
        match event {
            Event::FootnoteReference(label) if definitions.contains_key(label.as_ref()) => {
                let label = label.to_string();
                if !order.contains(&label) {
                    order.push(label.clone());
                }
                let letter = note_letter(order.iter().position(|l| *l == label).unwrap_or(0));
                let count = refs.entry(label.clone()).or_default();
                *count += 1;
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
    if order.is_empty() {
        return out;
    }
    out.push(Event::Html(
        "<section class=\"footnotes\" aria-labelledby=\"footnotes\">\n<h2 id=\"footnotes\">Notes</h2>\n<ol type=\"a\">\n".into(),
    ));
    for label in &order {
        let id = label_id(label);
        out.push(Event::Html(CowStr::from(format!("<li id=\"fn-{id}\">\n"))));
        out.extend(definitions.remove(label).unwrap_or_default());
        let backs: String = (1..=refs.get(label).copied().unwrap_or(1))
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
}
