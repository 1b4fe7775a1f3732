//! Redirect pages: an article's old addresses (`aliases:` in its front matter) keep working.
//!
//! Input: the site model and the paths of every page rendered so far. Output: one small HTML
//! page per alias that sends the reader on to the article at once (`<meta http-equiv=refresh>`
//! with no delay, a canonical link and a plain link for browsers that do not follow refreshes).
//! Redirect pages are `noindex` and never listed in the sitemap.
//!
//! An alias is a site path (`/articles/old-name/`) or a full URL on this site. It is checked
//! like every output path ([`crate::output::OutputPath`]): no `..`, no empty parts, no query or
//! fragment, so it can never write outside the output folder. An alias that is not such a path,
//! that is the article's own address, that another article also claims, or that a real page
//! already uses is an error at its line in the front matter.
//!
//! The page is written here rather than by a theme template: it is never seen for more than an
//! instant, and keeping it out of the theme means a theme cannot break redirects.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::html::escape;
use crate::output::OutputFile;
use crate::output::OutputPath;
use crate::site::Site;
use crate::source::front_matter;

/// An alias as a path in the site (no leading `/`, relative to the base URL's path, e.g.
/// `articles/old-name/`) and the file that serves it (`articles/old-name/index.html`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasPath {
    /// The site path without the leading `/`.
    pub path: String,
    /// The output file.
    pub file: String,
}

/// Reads an alias as written in front matter. The error says, in plain words, what is wrong.
pub fn parse_alias(config: &Config, alias: &str) -> Result<AliasPath, String> {
    let alias = alias.trim();
    let rest = if let Some(rest) = alias.strip_prefix(config.base_url.as_str()) {
        rest
    } else if alias.starts_with("http://") || alias.starts_with("https://") {
        return Err(format!(
            "the old address \"{alias}\" is on another site; only addresses under {} can redirect",
            config.base_url
        ));
    } else if let Some(rest) = alias.strip_prefix(config.base_path()) {
        rest
    } else if let Some(rest) = alias.strip_prefix('/') {
        rest
    } else {
        return Err(format!(
            "the old address \"{alias}\" does not start with `/`; write it from the site's root"
        ));
    };
    if rest.contains(['?', '#']) {
        return Err(format!(
            "the old address \"{alias}\" has a `?` or `#` part, which a static site cannot redirect"
        ));
    }
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .map_err(|_| format!("the old address \"{alias}\" has a broken %-escape"))?
        .into_owned();
    if decoded.is_empty() {
        return Err("the home page cannot be an old address of an article".into());
    }
    let file = if decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else if decoded.ends_with(".html") || decoded.ends_with(".htm") {
        decoded.clone()
    } else {
        format!("{decoded}/index.html")
    };
    if decoded.chars().any(char::is_control) || OutputPath::new(&file).is_err() {
        return Err(format!(
            "the old address \"{alias}\" is not a plain path inside the site (no `..`, `//` or `\\`)"
        ));
    }
    Ok(AliasPath { path: decoded, file })
}

/// The slug of an alias that is an article address (`articles/<slug>/`), if it is one.
pub fn article_slug(alias: &AliasPath) -> Option<&str> {
    let rest = alias.path.strip_prefix("articles/")?;
    let rest =
        rest.strip_suffix("/index.html").or_else(|| rest.strip_suffix(".html")).unwrap_or(rest);
    let slug = rest.trim_end_matches('/');
    (!slug.is_empty() && !slug.contains('/')).then_some(slug)
}

/// A redirect page to `target` (an absolute URL) for an article titled `title`.
pub fn render_page(config: &Config, title: &str, target: &str) -> String {
    let (title, target, lang) = (escape(title), escape(target), escape(&config.language));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Moved: {title}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{target}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<main>\n\
         <h1>This page has moved</h1>\n<p>\u{201c}{title}\u{201d} is now at \
         <a href=\"{target}\">{target}</a>.</p>\n</main>\n</body>\n</html>\n"
    )
}

/// Redirect pages for every article's aliases. `taken` holds the output paths of the real
/// pages; an alias that would replace one of them is an error.
pub fn render_all(
    site: &Site,
    taken: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let c = &site.config;
    let mut files = Vec::new();
    let mut claimed: BTreeMap<String, usize> = BTreeMap::new();
    for (i, a) in site.articles.iter().enumerate() {
        let src = &a.source;
        if src.front.aliases.is_empty() {
            continue;
        }
        let own = format!("{}index.html", a.url.strip_prefix(c.base_path()).unwrap_or(&a.url));
        for (n, alias) in src.front.aliases.iter().enumerate() {
            let at = |d: Diagnostic| {
                d.at(&src.file, front_matter::item_span(&src.file, &src.split, "aliases", n))
            };
            let parsed = match parse_alias(c, alias) {
                Ok(p) => p,
                Err(message) => {
                    diags.push(at(Diagnostic::error("alias.bad", message).with_help(
                        "write the article's old address from the site's root, like \
                         `aliases: [/articles/old-name/]`",
                    )));
                    continue;
                }
            };
            if parsed.file == own {
                diags.push(at(Diagnostic::error(
                    "alias.self",
                    format!("\"{alias}\" is this article's own address, not an old one"),
                )
                .with_help("remove it from `aliases:`")));
                continue;
            }
            // A page at the same path, or a file where the redirect needs a folder
            // (`/feed.xml/` next to feed.xml).
            let mut folders = parsed.file.match_indices('/').map(|(k, _)| &parsed.file[..k]);
            if taken(&parsed.file) || folders.any(taken) {
                diags.push(at(Diagnostic::error(
                    "alias.collision",
                    format!(
                        "the old address \"{alias}\" is the address of another page of the site"
                    ),
                )
                .with_help(
                    "a redirect there would hide that page; remove the alias, or rename the page",
                )));
                continue;
            }
            if let Some(&other) = claimed.get(&parsed.file) {
                let other = &site.articles[other];
                diags.push(at(Diagnostic::error(
                    "alias.duplicate",
                    format!(
                        "the old address \"{alias}\" is also an alias of {}",
                        other.source.file.path.display()
                    ),
                )
                .with_help("keep it in only one article's `aliases:`")));
                continue;
            }
            claimed.insert(parsed.file.clone(), i);
            files.push(OutputFile {
                bytes: render_page(c, a.title(), &c.absolute(&a.url)).into_bytes(),
                path: parsed.file,
            });
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: &str) -> Config {
        let yaml = format!("title: T\nbase_url: {base}\n");
        let mut c: Config = serde_yaml::from_str(&yaml).unwrap();
        c.base_url = format!("{}/", c.base_url.trim_end_matches('/'));
        c
    }

    #[test]
    fn aliases_become_plain_paths() {
        let c = config("https://example.org/");
        let p = parse_alias(&c, "/articles/old/").unwrap();
        assert_eq!(
            (p.path.as_str(), p.file.as_str()),
            ("articles/old/", "articles/old/index.html")
        );
        assert_eq!(article_slug(&p), Some("old"));
        let p = parse_alias(&c, "https://example.org/2019/bp.html").unwrap();
        assert_eq!(p.file, "2019/bp.html");
        assert_eq!(article_slug(&p), None);
        assert_eq!(parse_alias(&c, "/articles/old").unwrap().file, "articles/old/index.html");
        assert_eq!(parse_alias(&c, "/a%20b/").unwrap().file, "a b/index.html");
        let blog = config("https://example.org/blog");
        assert_eq!(parse_alias(&blog, "/blog/articles/x/").unwrap().file, "articles/x/index.html");
        assert_eq!(parse_alias(&blog, "/articles/x/").unwrap().file, "articles/x/index.html");
    }

    #[test]
    fn aliases_cannot_escape_the_output_folder() {
        let c = config("https://example.org/");
        for bad in [
            "/../etc/passwd",
            "/a/../../x/",
            "/a//b/",
            "articles/x/",
            "/",
            "https://other.example/x/",
            "/x/?p=1",
            "/x/#top",
            "/a\\b/",
            "/%2e%2e/x/",
        ] {
            assert!(parse_alias(&c, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redirect_page_escapes_the_title() {
        let c = config("https://example.org/");
        let html = render_page(&c, "<b>\"x\"</b>", "https://example.org/articles/x/");
        assert!(html.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt;"));
        assert!(html.contains("content=\"0; url=https://example.org/articles/x/\""));
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    }
}
