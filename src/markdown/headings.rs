//! Headings: unique ids, anchor links and the table of contents.
//!
//! Input: events. Output: the same events with every heading given an id (its explicit
//! `{#id}`, or the slug of its text), made unique with `-1`, `-2`..., an anchor link after its
//! text, and the list of level 2 and 3 headings for the table of contents.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

/// A table-of-contents entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id (link to `#id`).
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// Ids the page template uses itself; a heading never takes one of them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "content",
    "top",
    "toc",
    "references",
    "corrections",
    "footnotes",
    "disclaimer",
    "review",
    "cite-this",
    "share",
    "feedback",
    "tags",
    "site-header",
    "site-footer",
    "article-title",
];

/// Gives headings ids and anchors; returns the events and the table of contents.
pub fn anchor(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Vec<TocEntry>) {
    let mut taken = Ids::new();
    let mut toc = Vec::new();
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::Heading { level, id, classes, attrs }) = event else {
            out.push(event);
            continue;
        };
        let mut inner = Vec::new();
        let mut text = String::new();
        for e in iter.by_ref() {
            match &e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::InlineHtml(h) | Event::Html(h) => text.push_str(&strip_tags(h)),
                _ => {}
            }
            inner.push(e);
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let base = id
            .as_deref()
            .map(str::to_string)
            .or_else(|| crate::slug::slugify(&text))
            .unwrap_or_else(|| "section".to_string());
        // Citations, notes and corrections own ids with these prefixes.
        let base = if ["ref-", "cite-", "fn-", "fnref-", "correction-", "year-"]
            .iter()
            .any(|p| base.starts_with(p))
        {
            format!("section-{base}")
        } else {
            base
        };
        let unique = taken.unique(&base);
        let level_num = level as u8;
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            toc.push(TocEntry { level: level_num, id: unique.clone(), title: text });
        }
        out.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(unique.clone())),
            classes,
            attrs,
        }));
        out.extend(inner);
        out.push(Event::Html(CowStr::from(format!(
            " <a class=\"anchor\" href=\"#{unique}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>"
        ))));
        out.push(Event::End(TagEnd::Heading(level)));
    }
    (out, toc)
}

/// The ids a page has given out.
struct Ids {
    taken: HashSet<String>,
    /// For each base, the suffix to try next, so that ten thousand headings named alike cost
    /// ten thousand lookups rather than fifty million.
    next: HashMap<String, usize>,
}

impl Ids {
    fn new() -> Self {
        Ids { taken: RESERVED_IDS.iter().map(|s| s.to_string()).collect(), next: HashMap::new() }
    }

    /// `base`, or `base-1`, `base-2`... whichever is free; records it as taken.
    fn unique(&mut self, base: &str) -> String {
        let n = self.next.entry(base.to_string()).or_insert(0);
        let mut candidate = if *n == 0 { base.to_string() } else { format!("{base}-{n}") };
        while self.taken.contains(&candidate) {
            *n += 1;
            candidate = format!("{base}-{n}");
        }
        *n += 1;
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// Visible text of an HTML fragment (tags removed), for heading text that holds citations.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut hidden_depth = 0usize;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            // Previews and screen-reader-only text inside citations are not heading text.
            if rest.starts_with("<span class=\"cite-preview\"")
                || rest.starts_with("<span class=\"visually-hidden\"")
            {
                hidden_depth += 1;
            } else if rest.starts_with("</span>") && hidden_depth > 0 {
                hidden_depth -= 1;
            }
            in_tag = true;
        } else if c == '>' {
            in_tag = false;
        } else if !in_tag && hidden_depth == 0 {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn run(md: &str) -> (String, Vec<TocEntry>) {
        let events: Vec<_> = Parser::new_ext(md, crate::markdown::options()).collect();
        let (events, toc) = anchor(events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, toc)
    }

    #[test]
    fn ids_are_unique_and_explicit_ids_win() {
        let (html, toc) = run(
            "## Risks\n\n## Risks\n\n### Side effects {#effects}\n\n## References\n\n#### Deep\n",
        );
        assert!(
            html.contains("<h2 id=\"risks\">Risks <a class=\"anchor\" href=\"#risks\""),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"risks-1\">"));
        assert!(html.contains("<h3 id=\"effects\">"));
        // `references` belongs to the template's reference list.
        assert!(html.contains("<h2 id=\"references-1\">"));
        let ids: Vec<_> = toc.iter().map(|t| (t.level, t.id.as_str())).collect();
        assert_eq!(ids, [(2, "risks"), (2, "risks-1"), (3, "effects"), (2, "references-1")]);
    }

    #[test]
    fn heading_text_ignores_markup() {
        let (_, toc) = run("## What *is* `LDL`?\n");
        assert_eq!(toc[0].title, "What is LDL?");
        assert_eq!(toc[0].id, "what-is-ldl");
    }
}
