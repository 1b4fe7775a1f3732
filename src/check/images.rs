//! Image findings: `images.missing_alt` (error) and `images.alt_is_filename` (warning).
//!
//! Input: a Markdown body (with its offset in the file), an article's front matter, the site's
//! default share image. Output: diagnostics at the image's file:line:col.
//!
//! Every image in a body needs alt text, the words a screen reader says instead of the
//! picture: `![](x.png)` and an HTML `<img>` with no `alt` attribute are errors. An HTML
//! `<img alt="">` is the explicit HTML way to mark an image as decoration and is accepted.
//! Alt text that is a file name tells a listener nothing: `IMG_1234.jpg`, `photo.png`,
//! `DSC0001`, `Screenshot 2026-01-15`, or the image's own file name.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;

use crate::diag::{Diagnostic, Diagnostics, SourceText, Span};
use crate::markdown;
use crate::site::{Article, Site};
use crate::source::front_matter;

static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\w\s().,~+-]*\.(?:jpe?g|png|gif|webp|svg|heic|heif|tiff?|bmp|avif)$")
        .expect("file name regex")
});
static CAMERA_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:img|dsc[nf]?|dcim|pxl|mvimg|gopr|dji|sam|photo|image|pic|picture|scan|untitled|screenshot|screen\s+shot|whatsapp\s+image)[\s_-]*\d[\w\s:.,-]*$",
    )
    .expect("camera name regex")
});
static HTML_IMG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<img\b[^>]*>").expect("img regex"));
static HTML_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)\s([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#)
        .expect("attribute regex")
});

/// True when alt text looks like a file name rather than a description. `src` is the
/// image's address (its own file name counts as a file name too).
pub fn looks_like_file_name(alt: &str, src: &str) -> bool {
    let alt = alt.trim();
    if alt.is_empty() {
        return false;
    }
    if FILE_NAME.is_match(alt) || CAMERA_NAME.is_match(alt) {
        return true;
    }
    let name = src.split(['?', '#']).next().unwrap_or("").rsplit('/').next().unwrap_or("");
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    !stem.is_empty() && (alt.eq_ignore_ascii_case(name) || alt.eq_ignore_ascii_case(stem))
}

fn missing_alt(file: &SourceText, span: Span) -> Diagnostic {
    Diagnostic::error("images.missing_alt", "this image has no alt text")
        .at(file, span)
        .with_label("no description")
        .with_help(
            "describe what the picture shows for people who cannot see it, like \
             `![A blood pressure cuff on a wrist](cuff.jpg)`; if it is only decoration, \
             remove it (or use an HTML <img alt=\"\">)",
        )
}

fn alt_is_filename(file: &SourceText, span: Span, alt: &str) -> Diagnostic {
    Diagnostic::warning(
        "images.alt_is_filename",
        format!("the alt text \"{}\" is a file name, not a description", alt.trim()),
    )
    .at(file, span)
    .with_help(
        "a screen reader reads the alt text aloud: describe what the picture shows, like \
         \"A nurse checking a child's ear\"",
    )
}

/// Alt-text findings for the images of a Markdown body that starts at byte `body_offset` of
/// `file`.
pub fn check_body(file: &SourceText, body_offset: usize) -> Vec<Diagnostic> {
    let body = &file.text[body_offset.min(file.text.len())..];
    let mut out = Vec::new();
    // (image's range, its address, alt text, the alt text's range)
    let mut image: Option<(std::ops::Range<usize>, String, String, Option<Span>)> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                depth += 1;
                if depth == 1 {
                    image = Some((range, dest_url.to_string(), String::new(), None));
                }
            }
            Event::End(TagEnd::Image) => {
                depth = depth.saturating_sub(1);
                if depth > 0 {
                    continue;
                }
                let Some((range, src, alt, alt_span)) = image.take() else { continue };
                let span = Span::from(range).shift(body_offset);
                if alt.trim().is_empty() {
                    out.push(missing_alt(file, span));
                } else if looks_like_file_name(&alt, &src) {
                    let at = alt_span.map_or(span, |s| s.shift(body_offset));
                    out.push(alt_is_filename(file, at, &alt));
                }
            }
            Event::Text(t) | Event::Code(t) if depth > 0 => {
                if let Some((_, _, alt, alt_span)) = image.as_mut() {
                    alt.push_str(&t);
                    let s = Span::from(range);
                    *alt_span = Some(match alt_span {
                        Some(a) => Span::new(a.start.min(s.start), a.end.max(s.end)),
                        None => s,
                    });
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for m in HTML_IMG.find_iter(&html) {
                    // The event's text is the body's bytes for HTML, so offsets map directly.
                    let start = range.start + m.start();
                    let span = Span::new(start, start + m.len()).shift(body_offset);
                    check_html_img(file, span, m.as_str(), &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

fn check_html_img(file: &SourceText, span: Span, tag: &str, out: &mut Vec<Diagnostic>) {
    let mut alt = None;
    let mut src = String::new();
    let inner = tag.trim_start_matches(|c| c != ' ' && c != '\t' && c != '\n');
    for c in HTML_ATTR.captures_iter(inner) {
        let name = c[1].to_ascii_lowercase();
        let value = c.get(2).or(c.get(3)).or(c.get(4)).map_or("", |m| m.as_str());
        match name.as_str() {
            "alt" => alt = Some(value.to_string()),
            "src" => src = value.to_string(),
            _ => {}
        }
    }
    match alt {
        None => out.push(missing_alt(file, span)),
        Some(a) if looks_like_file_name(&a, &src) => out.push(alt_is_filename(file, span, &a)),
        Some(_) => {}
    }
}

/// `image_alt:` in an article's front matter must not be a file name.
pub fn check_front_matter(a: &Article) -> Vec<Diagnostic> {
    let source = &a.source;
    match (&source.front.image_alt, &source.front.image) {
        (Some(alt), image) if looks_like_file_name(alt, image.as_deref().unwrap_or("")) => {
            let span = front_matter::key_span(&source.file, &source.split, "image_alt");
            vec![alt_is_filename(&source.file, span, alt)]
        }
        _ => Vec::new(),
    }
}

/// The site's default share image's `image_alt:` must not be a file name.
pub fn check_site_image(site: &Site, diags: &mut Diagnostics) {
    let (Some(alt), Some(file)) = (&site.config.image_alt, &site.config_file) else { return };
    if looks_like_file_name(alt, site.config.image.as_deref().unwrap_or("")) {
        let span = file
            .text
            .find("image_alt:")
            .map_or(Span::new(0, 0), |i| Span::new(i, i + "image_alt".len()));
        diags.push(alt_is_filename(file, span, alt));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_recognised() {
        for alt in [
            "IMG_1234.jpg",
            "photo.png",
            "DSC0001",
            "DSCN1234",
            "PXL_20260115_101112",
            "Screenshot 2026-01-15 at 10.22.01",
            "image1",
            "cuff",
            "cuff.JPG",
        ] {
            assert!(looks_like_file_name(alt, "images/cuff.jpg"), "{alt}");
        }
        for alt in [
            "A blood pressure cuff on a wrist",
            "Photo of a rash on an arm",
            "Chart: 1 in 3 adults has high blood pressure",
            "Image of the heart",
        ] {
            assert!(!looks_like_file_name(alt, "images/cuff.jpg"), "{alt}");
        }
    }

    #[test]
    fn body_images_are_checked() {
        let text = "---\ntitle: x\n---\nA ![](a.png) and ![IMG_0001.jpg](b.jpg) and \
                    ![A cuff](c.jpg).\n\n<img src=\"d.png\">\n<img src=\"e.png\" alt=\"\">\n";
        let file = SourceText::new("a.md", text);
        let found = check_body(&file, 16);
        let got: Vec<(&str, String)> =
            found.iter().map(|d| (d.code.as_ref(), d.location())).collect();
        assert_eq!(
            got,
            [
                ("images.missing_alt", "a.md:4:3".to_string()),
                ("images.alt_is_filename", "a.md:4:20".to_string()),
                ("images.missing_alt", "a.md:6:1".to_string()),
            ]
        );
    }
}
