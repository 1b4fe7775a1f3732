//! An article body as a feed reader shows it: with no stylesheet and no script.
//!
//! Input: the body HTML the Markdown and citation stages wrote for the site's own pages.
//! Output: the same HTML without what only works with the theme's CSS, which a feed reader
//! would otherwise print as text:
//! - citation previews (`span.cite-preview`), which would put the whole reference after each
//!   superscript, and the `aria-describedby` links to them;
//! - screen-reader-only text (`span.visually-hidden`, the " to " of a range `1-3`), which
//!   would read "1- to 3"; the range's `-` loses its `aria-hidden` so that it is read instead;
//! - headings' self-link anchors (`a.anchor`, shown as a stray "#" after every heading) and
//!   the space before them;
//! - footnotes' back links (`p.fn-backs`), which would leave the reader for the web page.
//!
//! The superscripts stay links to `#ref-N` (made absolute later, so they open the reference
//! list on the article page), and the footnotes stay a list at the end of the body.
//!
//! A small scanner over tags, like [`super::absolutize`]: the input is this program's own
//! markup (plus any raw HTML an author wrote, which is copied as it is).

/// What a feed reader should not see of one opening tag.
enum Verdict {
    /// Drop the element and everything in it.
    Remove,
    /// Keep the element, copying its tag without these attributes.
    Keep(&'static [&'static str]),
}

fn verdict(name: &str, class: Option<&str>) -> Verdict {
    let has = |c: &str| class.is_some_and(|v| v.split_ascii_whitespace().any(|x| x == c));
    match name {
        "span" if has("cite-preview") || has("visually-hidden") || has("ref-backlinks") => {
            Verdict::Remove
        }
        "a" if has("anchor") => Verdict::Remove,
        "p" if has("fn-backs") => Verdict::Remove,
        "span" => Verdict::Keep(&["aria-hidden"]),
        "a" => Verdict::Keep(&["aria-describedby"]),
        _ => Verdict::Keep(&[]),
    }
}

/// One tag as written: its name (lowercase), whether it closes an element, and its length.
struct TagAt<'a> {
    name: String,
    closing: bool,
    /// The attributes as written (between the name and `>`).
    attributes: &'a str,
    len: usize,
}

/// The tag that starts `s` (which starts with `<`), if it is one.
fn tag_at(s: &str) -> Option<TagAt<'_>> {
    let b = s.as_bytes();
    let closing = b.get(1) == Some(&b'/');
    let start = if closing { 2 } else { 1 };
    if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end = start + s[start..].bytes().take_while(u8::is_ascii_alphanumeric).count();
    let mut i = name_end;
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => {
                return Some(TagAt {
                    name: s[start..name_end].to_ascii_lowercase(),
                    closing,
                    attributes: &s[name_end..i],
                    len: i + 1,
                });
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The attributes of a tag as (name, raw text of the whole attribute) pairs, with values.
fn attributes(s: &str) -> Vec<(&str, &str, Option<&str>)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() || b[i] == b'/' {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !matches!(b[i], b'=' | b'/') && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &s[start..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= b.len() || b[j] != b'=' {
            out.push((name, &s[start..i], None));
            continue;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let (value, end) = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = s[j + 1..].find(q as char).map_or(s.len(), |e| j + 1 + e);
                (&s[(j + 1).min(close)..close], (close + 1).min(s.len()))
            }
            _ => {
                let mut e = j;
                while e < b.len() && !b[e].is_ascii_whitespace() {
                    e += 1;
                }
                (&s[j..e], e)
            }
        };
        out.push((name, &s[start..end], Some(value)));
        i = end;
    }
    out
}

/// The body HTML without what only the web page can show (see the module's notes).
pub(crate) fn for_readers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").map_or(after.len(), |e| e + 3);
            out.push_str(&rest[..4 + end]);
            rest = &after[end..];
            continue;
        }
        let Some(tag) = tag_at(rest) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        if tag.closing {
            out.push_str(&rest[..tag.len]);
            rest = &rest[tag.len..];
            continue;
        }
        let attrs = attributes(tag.attributes);
        let class =
            attrs.iter().find(|(n, _, _)| n.eq_ignore_ascii_case("class")).and_then(|(_, _, v)| *v);
        match verdict(&tag.name, class) {
            Verdict::Remove => {
                if tag.name == "a" {
                    // The space that separated the anchor from the heading's text.
                    out.truncate(out.trim_end_matches(' ').len());
                }
                rest = skip_element(&rest[tag.len..], &tag.name);
            }
            Verdict::Keep(drop) => {
                if drop.is_empty() || !attrs.iter().any(|(n, _, _)| drop.contains(n)) {
                    out.push_str(&rest[..tag.len]);
                } else {
                    out.push('<');
                    out.push_str(&tag.name);
                    for (name, raw, _) in &attrs {
                        if !drop.iter().any(|d| name.eq_ignore_ascii_case(d)) {
                            out.push(' ');
                            out.push_str(raw);
                        }
                    }
                    out.push('>');
                }
                rest = &rest[tag.len..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What follows the element `name` whose opening tag ends where `s` starts (nested elements
/// of the same name included).
fn skip_element<'a>(s: &'a str, name: &str) -> &'a str {
    let mut depth = 1usize;
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        match tag_at(rest) {
            Some(t) if t.name == name => {
                if t.closing {
                    depth -= 1;
                } else if !t.attributes.trim_end().ends_with('/') {
                    depth += 1;
                }
                rest = &rest[t.len..];
                if depth == 0 {
                    return rest;
                }
            }
            Some(t) => rest = &rest[t.len..],
            None => rest = &rest[1..],
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::for_readers;

    #[test]
    fn previews_hidden_text_and_anchors_go() {
        let html = "<h2 id=\"risks\">Risks <a class=\"anchor\" href=\"#risks\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>\n\
            <p>A fifth.<sup class=\"cite\"><span class=\"cite-item\"><a href=\"#ref-1\" id=\"cite-1-1\" class=\"cite-link\" aria-label=\"Reference 1\" aria-describedby=\"cite-1-1-preview\">1</a><span class=\"cite-preview\" id=\"cite-1-1-preview\" role=\"tooltip\" aria-hidden=\"true\">Baigent C. <b>x</b></span></span><span class=\"cite-range\"><span aria-hidden=\"true\">-</span><span class=\"visually-hidden\"> to </span><span id=\"cite-2-1\"></span></span><span class=\"cite-item\"><a href=\"#ref-3\" class=\"cite-link\">3</a></span></sup> Next.</p>\n\
            <li id=\"fn-a\"><p>Note.</p><p class=\"fn-backs\"> <a class=\"fn-back\" href=\"#fnref-a-1\">\u{21a9}</a></p></li>";
        assert_eq!(
            for_readers(html),
            "<h2 id=\"risks\">Risks</h2>\n\
            <p>A fifth.<sup class=\"cite\"><span class=\"cite-item\"><a href=\"#ref-1\" id=\"cite-1-1\" class=\"cite-link\" aria-label=\"Reference 1\">1</a></span><span class=\"cite-range\"><span>-</span><span id=\"cite-2-1\"></span></span><span class=\"cite-item\"><a href=\"#ref-3\" class=\"cite-link\">3</a></span></sup> Next.</p>\n\
            <li id=\"fn-a\"><p>Note.</p></li>"
        );
    }

    #[test]
    fn other_markup_is_copied_as_written() {
        let html = "<p class='x' title=\"a > b\">1 < 2 <!-- <a class=\"anchor\"> --><img src=x alt=\"\"/><span>s</span></p>";
        assert_eq!(
            for_readers(html),
            "<p class='x' title=\"a > b\">1 < 2 <!-- <a class=\"anchor\"> --><img src=x alt=\"\"/><span>s</span></p>"
        );
    }
}
