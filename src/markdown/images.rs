//! Images: each Markdown image of a local file gets its `width` and `height`.
//!
//! A browser that knows an image's size before it loads keeps its place in the page, so the
//! text does not jump down as pictures arrive on a slow phone connection (cumulative layout
//! shift). The theme's `img { max-width: 100%; height: auto; }` keeps them responsive: the
//! attributes then only give the aspect ratio.
//!
//! Input: events, and a function that gives the pixel size of the file an image address
//! names ([`local_file`] finds the file; the `imagesize` crate reads only its header). Output:
//! the same events, each such image written as pulldown-cmark writes it (same escaping) plus
//! the two attributes. Images of other sites, and files that are missing or not images, are
//! left as they are (the checks report missing files).

use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The pixel size of the image an address names, if it is a local image file.
pub type SizeOf<'a> = &'a (dyn Fn(&str) -> Option<(u32, u32)> + Sync);

/// Adds `width` and `height` to the images whose size `size_of` knows.
pub fn sizes<'a>(events: Vec<Event<'a>>, size_of: SizeOf<'_>) -> Vec<Event<'a>> {
    if !events.iter().any(|e| matches!(e, Event::Start(Tag::Image { .. }))) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::Image { dest_url, .. }) = &event else {
            out.push(event);
            continue;
        };
        let size = size_of(dest_url);
        let mut image = vec![event];
        let mut depth = 0usize;
        for e in iter.by_ref() {
            let end = match &e {
                Event::Start(Tag::Image { .. }) => {
                    depth += 1;
                    false
                }
                Event::End(TagEnd::Image) if depth == 0 => true,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    false
                }
                _ => false,
            };
            image.push(e);
            if end {
                break;
            }
        }
        match size {
            Some((w, h)) => {
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, image.into_iter());
                match html.strip_suffix(" />") {
                    Some(tag) => out.push(Event::InlineHtml(CowStr::from(format!(
                        "{tag} width=\"{w}\" height=\"{h}\" />"
                    )))),
                    None => out.push(Event::InlineHtml(CowStr::from(html))),
                }
            }
            None => out.extend(image),
        }
    }
    out
}

/// The file an image address in an article names: a path relative to an article's own folder
/// (`articles/<folder>/index.md`, whose files are published next to it), or a site path
/// (`/images/x.png`, a file of `static/`). `None` for other sites' images, `data:` URLs, and
/// paths that would leave the content folder.
pub fn local_file(source_dir: &Path, article: &Path, src: &str) -> Option<PathBuf> {
    let src = src.split(['?', '#']).next().unwrap_or("").trim();
    if src.is_empty() || src.starts_with("//") || has_scheme(src) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(src).decode_utf8().ok()?;
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return None;
    }
    if decoded.starts_with('/') {
        return Some(source_dir.join("static").join(rel));
    }
    let in_bundle = article.file_stem().is_some_and(|s| s == "index");
    in_bundle.then(|| source_dir.join(article.parent().unwrap_or(Path::new(""))).join(rel))
}

fn has_scheme(v: &str) -> bool {
    match v.find(':') {
        Some(i) => !v[..i].contains('/'),
        None => false,
    }
}

/// Reads the pixel size from the image file's header.
pub fn file_size(path: &Path) -> Option<(u32, u32)> {
    let s = imagesize::size(path).ok()?;
    Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn run(md: &str) -> String {
        let events: Vec<_> = Parser::new_ext(md, crate::markdown::options()).collect();
        let size_of = |src: &str| (src == "cuff.png").then_some((640, 427));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, sizes(events, &size_of).into_iter());
        html
    }

    #[test]
    fn known_images_get_their_size() {
        let html = run(
            "![A *grey* \"cuff\"](cuff.png \"Cuff & wrist\") and ![x](https://other.example/a.png)\n",
        );
        assert_eq!(
            html,
            "<p><img src=\"cuff.png\" alt=\"A grey “cuff”\" title=\"Cuff &amp; wrist\" width=\"640\" height=\"427\" /> and <img src=\"https://other.example/a.png\" alt=\"x\" /></p>\n"
        );
    }

    #[test]
    fn which_files_are_local() {
        let root = Path::new("/site/content");
        let bundle = Path::new("articles/bp/index.md");
        let loose = Path::new("articles/statins.md");
        assert_eq!(
            local_file(root, bundle, "cuff%20small.png?v=2"),
            Some(PathBuf::from("/site/content/articles/bp/cuff small.png"))
        );
        assert_eq!(
            local_file(root, loose, "/images/card.png"),
            Some(PathBuf::from("/site/content/static/images/card.png"))
        );
        assert_eq!(local_file(root, loose, "cuff.png"), None);
        assert_eq!(local_file(root, bundle, "../other/x.png"), None);
        assert_eq!(local_file(root, bundle, "https://example.org/x.png"), None);
        assert_eq!(local_file(root, bundle, "data:image/png;base64,AAAA"), None);
        assert_eq!(local_file(root, bundle, "//cdn.example/x.png"), None);
    }
}
