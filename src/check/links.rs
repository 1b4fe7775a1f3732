//! Link findings: `links.broken` (error) for an internal link or `#anchor` that leads nowhere.
//!
//! Input: the assembled site and every file [`crate::render_site`] produced (pages, feeds,
//! redirects, copied assets), as they would be written: nothing is read from disk. Output:
//! diagnostics.
//!
//! Every `href` and `src` of every HTML page is resolved the way a browser would: relative
//! to the page, or absolute under the site's base path. Its target must be one of the files (a
//! folder means its `index.html`) and its `#fragment` an `id` (or `<a name>`) on the target
//! page; `#` and `#top` are always fine. Full addresses (`https://...`, even to the site's own
//! host, which may serve pages rounds does not make), `mailto:` and `tel:` are not checked:
//! that would need the network.
//!
//! Where a finding points: at the link in the Markdown when the page is an article or a page
//! and its source holds the link's address; otherwise the link comes from the theme's
//! templates or from site.yaml, and one finding names the address and the pages it is on.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, SourceText, Span};
use crate::output::OutputFile;
use crate::site::Site;

/// Links and ids of one HTML page.
#[derive(Default)]
struct PageLinks {
    /// `href` and `src` values, entity-decoded, in order, each once.
    links: Vec<String>,
    ids: HashSet<String>,
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// Finds the `href`, `src`, `id` and `<a name>` attributes of a page with a small tokenizer
/// (comments, and the contents of scripts and styles, are skipped). A regex did the same at a
/// third of the speed, and this runs over every page of the site.
fn scan_html(html: &str) -> PageLinks {
    let mut page = PageLinks::default();
    let mut seen = HashSet::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        i += 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_start = i;
        while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        // attributes, up to the closing `>`
        loop {
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) || bytes.get(i) == Some(&b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => return page,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
            let attr_start = i;
            while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && !b"=>/".contains(b)) {
                i += 1;
            }
            let attr = &html[attr_start..i];
            if attr.is_empty() {
                i += 1;
                continue;
            }
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let value = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[i + 1..].find(q as char).map_or(html.len(), |e| i + 1 + e);
                    let v = &html[i + 1..end];
                    i = (end + 1).min(html.len());
                    v
                }
                _ => {
                    let start = i;
                    while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>') {
                        i += 1;
                    }
                    &html[start..i]
                }
            };
            if attr.eq_ignore_ascii_case("href") || attr.eq_ignore_ascii_case("src") {
                let v = decode_entities(value.trim());
                if seen.insert(v.clone()) {
                    page.links.push(v);
                }
            } else if attr.eq_ignore_ascii_case("id")
                || (name == "a" && attr.eq_ignore_ascii_case("name"))
            {
                page.ids.insert(decode_entities(value));
            }
        }
        // Scripts and styles hold no tags.
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i += html[i..].find(&close).unwrap_or(html.len() - i);
        }
    }
    page
}

/// Why a link is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Broken {
    /// No file at that address.
    Missing(String),
    /// The page exists but has no element with that id.
    Anchor(String, String),
    /// An absolute path outside the site's base path.
    OutsideSite,
}

/// What a link resolves to.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Another site, another scheme (`mailto:`, `tel:`...): not checked.
    External,
    /// An output path and a fragment (empty when none).
    Internal(String, String),
    /// A path that leaves the site (above its root or outside its base path).
    Outside,
}

/// Resolves `href` on the page at output path `page`.
fn resolve(href: &str, page: &str, base_path: &str) -> Target {
    let href = href.trim();
    if href.starts_with("//")
        || href
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']))
    {
        return Target::External;
    }
    let (path_query, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = path_query.split('?').next().unwrap_or("");
    let path = percent_decode_str(path).decode_utf8_lossy().to_string();
    let fragment = percent_decode_str(fragment).decode_utf8_lossy().to_string();
    match join(page, &path, base_path) {
        Some(target) => Target::Internal(target, fragment),
        None => Target::Outside,
    }
}

/// Joins a link's path to the page's folder; `None` when it leaves the site.
fn join(page: &str, path: &str, base_path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let rest = if path.is_empty() {
        return Some(page.to_string());
    } else if let Some(abs) = path.strip_prefix('/') {
        let inside = format!("/{abs}");
        let base_root = base_path.trim_end_matches('/');
        if !(inside.starts_with(base_path) || inside == base_root) {
            return None;
        }
        inside.get(base_path.len()..).unwrap_or("").to_string()
    } else {
        parts.extend(page.split('/'));
        parts.pop(); // the page's own file name
        path.to_string()
    };
    let trailing = rest.is_empty() || rest.ends_with('/');
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if trailing {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

fn check_link(
    href: &str,
    page: &str,
    site: &Site,
    files: &HashSet<&str>,
    ids: &HashMap<&str, &HashSet<String>>,
) -> Option<Broken> {
    let (target, fragment) = match resolve(href, page, site.config.base_path()) {
        Target::External => return None,
        Target::Outside => return Some(Broken::OutsideSite),
        Target::Internal(target, fragment) => (target, fragment),
    };
    let target = if files.contains(target.as_str()) {
        target
    } else if files.contains(format!("{target}/index.html").as_str()) {
        // `/articles/x` without its slash: servers redirect to the folder.
        format!("{target}/index.html")
    } else {
        return Some(Broken::Missing(target));
    };
    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
        return None;
    }
    match ids.get(target.as_str()) {
        Some(page_ids) if !page_ids.contains(&fragment) => Some(Broken::Anchor(target, fragment)),
        _ => None,
    }
}

/// Reports every internal link and anchor of the rendered pages that resolves to nothing.
pub fn check(site: &Site, files: &[OutputFile], diags: &mut Diagnostics) {
    let html: Vec<(&str, PageLinks)> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.as_str(), scan_html(&String::from_utf8_lossy(&f.bytes))))
        .collect();
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let ids: HashMap<&str, &HashSet<String>> =
        html.iter().map(|(p, links)| (*p, &links.ids)).collect();
    let (paths, ids) = (&paths, &ids);

    // The Markdown file behind each page, if any.
    let base_path = site.config.base_path();
    let out_path = |url: &str| format!("{}index.html", url.strip_prefix(base_path).unwrap_or(url));
    let mut sources: HashMap<String, &SourceText> = HashMap::new();
    for a in &site.articles {
        sources.insert(out_path(&a.url), &a.source.file);
    }
    for p in &site.pages {
        sources.insert(out_path(&p.url), &p.source.file);
    }

    // An absolute link means the same on every page: check each once (the theme's navigation
    // and footer links are on all of them).
    let absolute = |href: &str| {
        href.starts_with('/') || href.starts_with("http:") || href.starts_with("https:")
    };
    let unique: HashSet<&str> = html
        .iter()
        .flat_map(|(_, links)| links.links.iter().map(String::as_str))
        .filter(|h| absolute(h))
        .collect();
    let unique: Vec<&str> = unique.into_iter().collect();
    let known: HashMap<&str, Option<Broken>> = unique
        .par_iter()
        .map(|href| (*href, check_link(href, "index.html", site, paths, ids)))
        .collect();
    let known = &known;
    let found: Vec<(String, &str, Broken)> = html
        .par_iter()
        .flat_map_iter(|(page, links)| {
            links.links.iter().filter_map(move |href| {
                let broken = match known.get(href.as_str()) {
                    Some(b) => b.clone(),
                    None => check_link(href, page, site, paths, ids),
                };
                broken.map(|b| (href.clone(), *page, b))
            })
        })
        .collect();

    // Links from templates or site.yaml: one finding per address.
    let mut elsewhere: BTreeMap<String, (BTreeSet<&str>, &Broken)> = BTreeMap::new();
    let mut reported: HashSet<(String, String)> = HashSet::new();
    for (href, page, broken) in &found {
        let located =
            sources.get(*page).and_then(|file| find_in_source(file, href).map(|span| (file, span)));
        match located {
            Some((file, span)) => {
                if reported.insert((file.path.display().to_string(), href.clone())) {
                    diags.push(
                        broken_link(href, broken, &site_path(page, base_path)).at(file, span),
                    );
                }
            }
            None => {
                elsewhere
                    .entry(href.clone())
                    .or_insert_with(|| (BTreeSet::new(), broken))
                    .0
                    .insert(page);
            }
        }
    }
    for (href, (pages, broken)) in elsewhere {
        let list: Vec<String> = pages.iter().take(3).map(|p| site_path(p, base_path)).collect();
        let more =
            if pages.len() > 3 { format!(" and {} more", pages.len() - 3) } else { String::new() };
        let d = broken_link(&href, broken, &format!("{}{more}", list.join(", ")))
            .with_label("from the theme's templates or site.yaml");
        // Point at the page's own source when there is one, else at site.yaml.
        let first = pages.iter().next().copied().unwrap_or("");
        let d = match (sources.get(first), &site.config_file) {
            (Some(file), _) => d.in_file(file),
            (None, Some(config)) => d.in_file(config),
            (None, None) => d.in_path("site.yaml"),
        };
        diags.push(d);
    }
}

/// The site address of an output file, e.g. `/articles/x/` for `articles/x/index.html`.
fn site_path(page: &str, base_path: &str) -> String {
    let p = page.strip_suffix("index.html").unwrap_or(page);
    format!("{base_path}{p}")
}

fn broken_link(href: &str, broken: &Broken, pages: &str) -> Diagnostic {
    let (message, help) = match broken {
        Broken::Missing(target) => (
            format!("the link to \"{href}\" leads nowhere: the site has no {target}"),
            "check the address for typos; link to an article as /articles/<slug>/ (with the \
             slug of its file name or its `slug:`), and to a file in static/ by its path, like \
             /images/chart.png"
                .to_string(),
        ),
        Broken::Anchor(target, fragment) => (
            format!("the link to \"{href}\" points at #{fragment}, which is not on {target}"),
            "a heading's anchor is its text in lowercase with hyphens (\"## Side effects\" -> \
             #side-effects); check the heading's spelling, or link to the page without the #part"
                .to_string(),
        ),
        Broken::OutsideSite => (
            format!("the link to \"{href}\" leaves the site's folder"),
            "the site is published under its base_url: write the link relative to the page, or \
             starting with the base path"
                .to_string(),
        ),
    };
    Diagnostic::error("links.broken", format!("{message} (on {pages})")).with_help(help)
}

/// Where the link's address is written in its Markdown source.
fn find_in_source(file: &SourceText, href: &str) -> Option<Span> {
    let text = &file.text;
    let mut candidates = vec![href.to_string()];
    let decoded = percent_decode_str(href).decode_utf8_lossy().to_string();
    if decoded != href {
        candidates.push(decoded);
    }
    for c in candidates.iter().filter(|c| !c.is_empty()) {
        // Prefer the address as a Markdown link target or an HTML attribute value.
        for pattern in [format!("]({c}"), format!("<{c}>"), format!("\"{c}\""), format!("'{c}'")] {
            if let Some(i) = text.find(&pattern) {
                let start = i + pattern.find(c.as_str()).unwrap_or(0);
                return Some(Span::new(start, start + c.len()));
            }
        }
        // A reference definition: `[label]: /path`.
        if let Some(i) = text.find(&format!("]: {c}")) {
            let start = i + 3;
            return Some(Span::new(start, start + c.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_like_a_browser() {
        let r = |href: &str| resolve(href, "articles/a/index.html", "/blog/");
        let to = |p: &str, f: &str| Target::Internal(p.into(), f.into());
        assert_eq!(r("/blog/articles/b/"), to("articles/b/index.html", ""));
        assert_eq!(r("../b/#risks"), to("articles/b/index.html", "risks"));
        assert_eq!(r("#x"), to("articles/a/index.html", "x"));
        assert_eq!(r("chart.png?v=2"), to("articles/a/chart.png", ""));
        assert_eq!(r("https://ex.org/blog/feed.xml"), Target::External, "not checked");
        assert_eq!(r("/blog/a%20b.pdf"), to("a b.pdf", ""));
        assert_eq!(r("/articles/b/"), Target::Outside, "outside /blog/");
        assert_eq!(r("../../../x"), Target::Outside, "above the root");
        assert_eq!(r("https://other.org/"), Target::External);
        assert_eq!(r("mailto:a@b.c"), Target::External);
        assert_eq!(r("//cdn.example/x.js"), Target::External);
    }

    #[test]
    fn html_links_and_ids_are_found() {
        let page = scan_html(
            "<a href=\"/x/?a=1&amp;b=2\">x</a><!-- <a href=\"/gone/\"> --><h2 id=\"risks\">R</h2>\
             <img src='i.png' alt=\"\"><a name=old></a><p>href=\"/not-a-link/\"</p>\
             <script>var a = \"<a href='/in-script/'>\";</script><link rel=icon href=/f.ico>",
        );
        assert_eq!(page.links, ["/x/?a=1&b=2", "i.png", "/f.ico"]);
        assert!(page.ids.contains("risks") && page.ids.contains("old"));
    }
}
