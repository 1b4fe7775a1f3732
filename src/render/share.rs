//! Share metadata: what Facebook, LinkedIn, X, Mastodon and messaging apps read from a page.
//!
//! Input: the site model, the page being rendered and the share images found by
//! [`Images::resolve`]. Output: a [`ShareView`] per page (Open Graph and Twitter/X card fields
//! and a JSON-LD document, all in the page's `<head>`) and the plain share links an article
//! shows ([`links`]).
//!
//! Invariants:
//! - every URL is absolute, and the share image is a file of the output folder whose width and
//!   height were read from the file itself;
//! - JSON-LD is built with serde_json, then `<`, `>` and `&` are written as `\u003c`, `\u003e`
//!   and `\u0026` ([`script_json`]), so no title or text can close the `<script>` element;
//! - content dates are days: Open Graph and JSON-LD name midnight UTC
//!   ([`crate::dates::rfc3339`]), `<time datetime>` the same day, so every format agrees;
//! - share links are plain `<a href>`: no script, no pixel, nothing loads until a reader
//!   chooses a network.
//!
//! Failure modes: a share image that is not a file of the site, or not a PNG, JPEG, GIF or WebP,
//! is an error at the `image:` line of the article or of site.yaml; a share image without alt
//! text and a site without a default image are warnings; a malformed `share.mastodon` is an
//! error.

use std::collections::BTreeMap;
use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::person::PersonView;
use super::plan::Job;
use crate::config::Config;
use crate::dates;
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::output::OutputPath;
use crate::site::{Article, CitedSource, Site};
use crate::source::{Asset, front_matter};

/// A share image (`page.share.image` in templates).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ShareImage {
    /// Absolute URL of a file in the output.
    pub url: String,
    /// Its path in the output folder, e.g. `images/share-default.png`.
    pub path: String,
    /// Alt text, when the author gave one.
    pub alt: Option<String>,
    /// Width in pixels, read from the file.
    pub width: Option<u32>,
    /// Height in pixels, read from the file.
    pub height: Option<u32>,
    /// `image/png`, `image/jpeg`, `image/gif` or `image/webp`.
    pub mime: &'static str,
}

/// The share images of a site: the default from site.yaml and each article's own.
#[derive(Clone, Debug, Default)]
pub struct Images {
    site: Option<ShareImage>,
    articles: Vec<Option<ShareImage>>,
}

/// The image formats share previews show.
const FORMATS: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
];

/// Why a share image cannot be used.
struct ImageProblem {
    message: String,
    help: String,
}

impl Images {
    /// Finds every share image among the files copied to the output (`assets`: the content's
    /// and the theme's static files) and reads their sizes. `source_dir` and `display_dir` are
    /// the content folder as read and as shown, for pointing at site.yaml. Also checks the
    /// share settings of site.yaml.
    pub fn resolve<'a>(
        site: &Site,
        assets: impl IntoIterator<Item = &'a Asset>,
        source_dir: &Path,
        display_dir: &Path,
        diags: &mut Diagnostics,
    ) -> Images {
        let by_out: BTreeMap<&str, &Path> =
            assets.into_iter().map(|a| (a.out.as_str(), a.src.as_path())).collect();
        let c = &site.config;
        let site_yaml = || {
            let text = std::fs::read_to_string(source_dir.join("site.yaml")).unwrap_or_default();
            SourceText::new(display_dir.join("site.yaml"), text)
        };
        let site_image = match c.image.as_deref() {
            Some(written) => match find(c, &by_out, written, None) {
                Ok(mut image) => {
                    image.alt = c.image_alt.as_deref().map(str::trim).map(str::to_string);
                    if image.alt.as_deref().is_none_or(str::is_empty) {
                        image.alt = None;
                        let file = site_yaml();
                        diags.push(
                            Diagnostic::warning(
                                "share.image_alt",
                                "the default share image has no alt text",
                            )
                            .at(&file, yaml_key_span(&file, "image"))
                            .with_help(
                                "describe the picture for people who cannot see it, like \
                                 `image_alt: \"The practice's name on a green card\"`",
                            ),
                        );
                    }
                    Some(image)
                }
                Err(p) => {
                    let file = site_yaml();
                    diags.push(
                        Diagnostic::error("share.image", p.message)
                            .at(&file, yaml_key_span(&file, "image"))
                            .with_help(p.help),
                    );
                    None
                }
            },
            None => {
                diags.push(
                    Diagnostic::warning("share.no_image", "site.yaml names no default share image")
                        .in_path(display_dir.join("site.yaml"))
                        .with_help(
                            "links to pages without their own image are shared without a \
                             picture; add `image: /images/share.png` (a 1200x630 PNG in \
                             content/static/images/) and `image_alt: \"...\"`",
                        ),
                );
                None
            }
        };
        if mastodon_host(c).is_none() {
            let file = site_yaml();
            diags.push(
                Diagnostic::error(
                    "share.mastodon",
                    format!("`share.mastodon` is not a server name: \"{}\"", c.share.mastodon),
                )
                .at(&file, yaml_key_span(&file, "mastodon"))
                .with_help("write only the server's name, like `mastodon: mastodon.social`"),
            );
        }
        let articles = site
            .articles
            .iter()
            .map(|a| {
                let written = a.source.front.image.as_deref()?;
                let dir = format!("articles/{}/", a.slug);
                let span = front_matter::key_span(&a.source.file, &a.source.split, "image");
                match find(c, &by_out, written, Some(&dir)) {
                    Ok(mut image) => {
                        image.alt = a
                            .source
                            .front
                            .image_alt
                            .as_deref()
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string);
                        if image.alt.is_none() {
                            diags.push(
                                Diagnostic::warning(
                                    "share.image_alt",
                                    "this article's share image has no alt text",
                                )
                                .at(&a.source.file, span)
                                .with_help(
                                    "describe the picture for people who cannot see it, like \
                                     `image_alt: \"A blood pressure cuff on a wrist\"`",
                                ),
                            );
                        }
                        Some(image)
                    }
                    Err(p) => {
                        diags.push(
                            Diagnostic::error("share.image", p.message)
                                .at(&a.source.file, span)
                                .with_help(p.help),
                        );
                        None
                    }
                }
            })
            .collect();
        Images { site: site_image, articles }
    }

    /// The site's default share image.
    pub fn site(&self) -> Option<&ShareImage> {
        self.site.as_ref()
    }

    /// The share image of article `i`: its own, else the site's default.
    pub fn article(&self, i: usize) -> Option<&ShareImage> {
        self.articles.get(i).and_then(Option::as_ref).or(self.site.as_ref())
    }
}

/// The span of the value of `key:` (top-level, or indented like `mastodon:`) in a YAML file,
/// or of the key when the value is on the next lines.
fn yaml_key_span(file: &SourceText, key: &str) -> crate::diag::Span {
    let mut pos = 0;
    for line in file.text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if let Some(after) = rest.trim_start().strip_prefix(':') {
                let key_start = pos + (line.len() - trimmed.len());
                let value = after.trim();
                if value.is_empty() {
                    return crate::diag::Span::new(key_start, key_start + key.len());
                }
                let start = pos + line.len() - after.trim_start().len();
                return crate::diag::Span::new(start, start + value.len());
            }
        }
        pos += line.len();
    }
    crate::diag::Span::new(0, 0)
}

/// Looks up a share image as written (`bp.jpg` relative to `article_dir`, `/images/x.png`
/// from the site's root, or a full URL on the site) among the output's files.
fn find(
    config: &Config,
    by_out: &BTreeMap<&str, &Path>,
    written: &str,
    article_dir: Option<&str>,
) -> Result<ShareImage, ImageProblem> {
    let written = written.trim();
    let not_here = |message: String| ImageProblem {
        message,
        help: "use a file of the site: a path from the site's root, like `/images/card.png` for \
               content/static/images/card.png, or, for an article kept as a folder \
               (articles/<name>/index.md), the name of an image in that folder, like `bp.jpg`"
            .into(),
    };
    let path = if let Some(rest) = written.strip_prefix(config.base_url.as_str()) {
        rest.to_string()
    } else if written.starts_with("http://") || written.starts_with("https://") {
        return Err(not_here(format!(
            "the share image \"{written}\" is on another site; share images must be files of this site"
        )));
    } else if written.starts_with('/') {
        written
            .strip_prefix(config.base_path())
            .unwrap_or_else(|| written.trim_start_matches('/'))
            .to_string()
    } else {
        let rel = written.trim_start_matches("./");
        match article_dir {
            Some(dir) => format!("{dir}{rel}"),
            None => rel.to_string(),
        }
    };
    if path.contains(['?', '#']) || OutputPath::new(&path).is_err() {
        return Err(not_here(format!("\"{written}\" is not a plain path to a file of the site")));
    }
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let Some(&(_, mime)) = FORMATS.iter().find(|(e, _)| *e == ext) else {
        return Err(ImageProblem {
            message: format!("the share image \"{written}\" is not a PNG, JPEG, GIF or WebP file"),
            help: "share previews show PNG, JPEG, GIF and WebP pictures; save the image as PNG \
                   or JPEG, ideally 1200x630 pixels"
                .into(),
        });
    };
    let Some(src) = by_out.get(path.as_str()) else {
        return Err(not_here(format!(
            "the share image \"{written}\" is not a file of the site (looked for /{path})"
        )));
    };
    let size = imagesize::size(src).ok();
    let encoded: Vec<String> =
        path.split('/').map(|part| utf8_percent_encode(part, QUERY_VALUE).to_string()).collect();
    Ok(ShareImage {
        url: config.absolute(&encoded.join("/")),
        path,
        alt: None,
        width: size.and_then(|s| u32::try_from(s.width).ok()),
        height: size.and_then(|s| u32::try_from(s.height).ok()),
        mime,
    })
}

/// Open Graph, Twitter/X card and JSON-LD data of a page (`page.share` in templates).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ShareView {
    /// `og:type`: `article`, `profile` or `website`.
    pub og_type: &'static str,
    /// `og:title` and `twitter:title`.
    pub title: String,
    /// `og:description` and `twitter:description`.
    pub description: String,
    /// `og:url`: the canonical URL.
    pub url: String,
    /// `og:site_name`.
    pub site_name: String,
    /// `og:locale`, like `en_US`.
    pub locale: String,
    /// The share image.
    pub image: Option<ShareImage>,
    /// `article:published_time` (RFC 3339), articles only.
    pub published_time: Option<String>,
    /// `article:modified_time` (RFC 3339), articles only.
    pub modified_time: Option<String>,
    /// `article:author`: absolute URLs of the authors' pages.
    pub authors: Vec<String>,
    /// `article:tag`: tag names.
    pub tags: Vec<String>,
    /// `twitter:card`: `summary_large_image` with a large enough image, else `summary`.
    pub twitter_card: &'static str,
    /// The JSON-LD document, escaped for a `<script>` element (output it with `| safe`).
    pub json_ld: String,
}

/// `og:locale` from a language tag: `en-US` -> `en_US`, `en` stays `en`.
pub fn og_locale(language: &str) -> String {
    let mut parts = language.trim().split(['-', '_']);
    let lang = parts.next().unwrap_or("en").to_ascii_lowercase();
    match parts.next() {
        Some(region) if region.len() == 2 => format!("{lang}_{}", region.to_ascii_uppercase()),
        _ => lang,
    }
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` are escaped as
/// JSON `\u` escapes (they can only occur inside JSON strings), so the text can never contain
/// `</script>` or `<!--`.
pub fn script_json(value: &Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// What the share data repeats of a page's own metadata (its title, description and
/// absolute URL).
pub(super) struct Page<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) permalink: &'a str,
}

/// The share data of the page `meta` rendered for `job`.
pub(super) fn view(site: &Site, images: &Images, job: Job<'_>, meta: &Page<'_>) -> ShareView {
    let c = &site.config;
    let mut share = ShareView {
        og_type: "website",
        title: meta.title.to_string(),
        description: meta.description.to_string(),
        url: meta.permalink.to_string(),
        site_name: c.title.clone(),
        locale: og_locale(&c.language),
        image: images.site().cloned(),
        ..ShareView::default()
    };
    let ld = match job {
        Job::Article(i) => {
            let a = &site.articles[i];
            share.og_type = "article";
            share.image = images.article(i).cloned();
            share.published_time = Some(dates::rfc3339(a.date));
            share.modified_time = Some(dates::rfc3339(a.modified()));
            share.authors = a.authors.iter().map(|id| c.absolute(&person_path(site, id))).collect();
            share.tags = a.tags.iter().map(|t| t.name.clone()).collect();
            article_ld(site, a, share.image.as_ref())
        }
        Job::Home(1) => {
            let mut ld = page_ld(site, "WebSite", meta);
            ld.remove("isPartOf");
            ld.insert("publisher".into(), publisher(c));
            ld
        }
        Job::Author(id, _) => {
            share.og_type = "profile";
            let mut ld = page_ld(site, "ProfilePage", meta);
            ld.insert("mainEntity".into(), person_ld(site, id, true));
            ld
        }
        Job::Page(i) => {
            let p = &site.pages[i];
            let mut ld = page_ld(site, "WebPage", meta);
            ld.insert("publisher".into(), publisher(c));
            if let Some(d) = p.source.front.updated {
                ld.insert("dateModified".into(), dates::rfc3339(d).into());
            }
            ld
        }
        Job::Home(_) | Job::Tag(..) | Job::Tags | Job::Archive | Job::Corrections => {
            page_ld(site, "CollectionPage", meta)
        }
        Job::Feeds | Job::NotFound => page_ld(site, "WebPage", meta),
    };
    let mut ld = ld;
    if let (Some(image), false) = (&share.image, ld.contains_key("image")) {
        ld.insert("image".into(), image_ld(image));
    }
    share.twitter_card = match &share.image {
        Some(i) if i.width.unwrap_or(1200) >= 300 && i.height.unwrap_or(630) >= 157 => {
            "summary_large_image"
        }
        _ => "summary",
    };
    share.json_ld = script_json(&Value::Object(ld));
    share
}

fn person_path(site: &Site, id: &str) -> String {
    super::urls::author(site.config.base_path(), id)
}

/// The start of every page's JSON-LD.
fn page_ld(site: &Site, kind: &str, meta: &Page<'_>) -> Map<String, Value> {
    let c = &site.config;
    let mut ld = Map::new();
    ld.insert("@context".into(), "https://schema.org".into());
    ld.insert("@type".into(), kind.into());
    ld.insert("name".into(), meta.title.into());
    ld.insert("description".into(), meta.description.into());
    ld.insert("url".into(), meta.permalink.into());
    ld.insert("inLanguage".into(), c.language.clone().into());
    ld.insert("isPartOf".into(), website_ref(c));
    ld
}

fn website_ref(c: &Config) -> Value {
    json!({ "@type": "WebSite", "name": c.title, "url": c.base_url })
}

/// The organization that publishes the site: the practice, else the site itself.
fn publisher(c: &Config) -> Value {
    let name = c
        .practice
        .as_ref()
        .and_then(|p| p.name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| c.title.clone());
    json!({ "@type": "Organization", "name": name, "url": c.base_url })
}

fn image_ld(image: &ShareImage) -> Value {
    let mut v = json!({ "@type": "ImageObject", "url": image.url, "contentUrl": image.url });
    if let (Some(w), Some(h)) = (image.width, image.height) {
        v["width"] = w.into();
        v["height"] = h.into();
    }
    if let Some(alt) = &image.alt {
        v["caption"] = alt.clone().into();
    }
    v
}

/// A person of authors.yaml as schema.org `Person`; `full` adds the biography's details.
fn person_ld(site: &Site, id: &str, full: bool) -> Value {
    let view = PersonView::new(site, id);
    let mut v = json!({
        "@type": "Person",
        "name": view.name,
        "url": site.config.absolute(&view.url),
    });
    if !view.credentials.is_empty() {
        v["honorificSuffix"] = view.credentials.into();
    }
    if let Some(a) = site.authors.get(id) {
        if let Some(role) = &a.role {
            v["jobTitle"] = role.clone().into();
        }
        if full {
            if let Some(bio) = &a.bio {
                v["description"] = crate::markdown::plain_text(bio).trim().into();
            }
            if let Some(email) = &a.email {
                v["email"] = email.clone().into();
            }
            let same_as: Vec<&str> = a.links.iter().map(|l| l.url.as_str()).collect();
            if !same_as.is_empty() {
                v["sameAs"] = same_as.into();
            }
        }
    }
    v
}

/// An article as schema.org `MedicalWebPage`.
fn article_ld(site: &Site, a: &Article, image: Option<&ShareImage>) -> Map<String, Value> {
    let c = &site.config;
    let permalink = c.absolute(&a.url);
    let mut ld = Map::new();
    let mut put = |k: &str, v: Value| {
        ld.insert(k.to_string(), v);
    };
    put("@context", "https://schema.org".into());
    put("@type", "MedicalWebPage".into());
    put("headline", a.title().into());
    put("name", a.title().into());
    put("description", a.description.clone().into());
    put("url", permalink.clone().into());
    put("mainEntityOfPage", json!({ "@type": "WebPage", "@id": permalink }));
    put("datePublished", dates::rfc3339(a.date).into());
    put("dateModified", dates::rfc3339(a.modified()).into());
    put("inLanguage", c.language.clone().into());
    put("isPartOf", website_ref(c));
    if let Some(image) = image {
        put("image", image_ld(image));
    }
    put("author", a.authors.iter().map(|id| person_ld(site, id, false)).collect());
    if let Some(r) = &a.review {
        put("reviewedBy", person_ld(site, &r.reviewer, false));
        put("lastReviewed", dates::iso(r.date).into());
    }
    put("publisher", publisher(c));
    if !a.tags.is_empty() {
        put(
            "keywords",
            a.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ").into(),
        );
    }
    if !a.body.references.is_empty() {
        put("citation", a.body.references.iter().map(citation_ld).collect());
    }
    if !a.corrections.is_empty() {
        let notes = a
            .corrections
            .iter()
            .map(|n| {
                json!({
                    "@type": "CorrectionComment",
                    "text": n.text,
                    "datePublished": dates::rfc3339(n.date),
                    "url": format!("{permalink}#{}", n.anchor),
                })
            })
            .collect();
        put("correction", notes);
    }
    ld
}

/// A cited source as schema.org `CreativeWork`: its title, its address (the DOI's when it has
/// no other), the DOI as `sameAs`, and the PubMed id.
fn citation_ld(r: &CitedSource) -> Value {
    let doi = r.doi.as_deref().map(|d| format!("https://doi.org/{}", d.trim()));
    let mut w = json!({
        "@type": "CreativeWork",
        "name": r.title.clone().unwrap_or_else(|| r.text.clone()),
    });
    if let Some(url) = r.url.clone().or_else(|| doi.clone()) {
        w["url"] = url.into();
    }
    if let Some(doi) = doi {
        w["sameAs"] = doi.into();
    }
    if let Some(pmid) = &r.pmid {
        w["identifier"] = json!({ "@type": "PropertyValue", "propertyID": "PMID", "value": pmid });
    }
    w
}

/// A share link (`article.share_links` in article.html).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ShareLinkView {
    /// The network's name, the link text: `Facebook`, `LinkedIn`, `X`, `Mastodon`, `E-mail`.
    pub name: &'static str,
    /// The link.
    pub url: String,
}

/// What share links percent-encode in a query value: everything but RFC 3986's unreserved
/// characters.
const QUERY_VALUE: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The Mastodon server from site.yaml (`share.mastodon`), without scheme or slashes; `None`
/// when it is not a host name.
pub fn mastodon_host(config: &Config) -> Option<String> {
    let host = config.share.mastodon.trim();
    let host = host.strip_prefix("https://").unwrap_or(host);
    let host = host.trim_end_matches('/').to_ascii_lowercase();
    let ok = !host.is_empty()
        && host.contains('.')
        && !host.starts_with(['.', '-'])
        && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    ok.then_some(host)
}

/// Plain links that share an article on Facebook, LinkedIn, X, Mastodon (the server in
/// site.yaml) and by e-mail. Each opens the network's own share page with the article's
/// address filled in; nothing is loaded from those sites until the reader follows one.
pub fn links(
    config: &Config,
    title: &str,
    description: &str,
    permalink: &str,
) -> Vec<ShareLinkView> {
    let enc = |s: &str| utf8_percent_encode(s, QUERY_VALUE).to_string();
    let (t, u) = (enc(title), enc(permalink));
    let mut out = vec![
        ShareLinkView {
            name: "Facebook",
            url: format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        },
        ShareLinkView {
            name: "LinkedIn",
            url: format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        },
        ShareLinkView { name: "X", url: format!("https://x.com/intent/tweet?text={t}&url={u}") },
    ];
    if let Some(host) = mastodon_host(config) {
        out.push(ShareLinkView {
            name: "Mastodon",
            url: format!("https://{host}/share?text={}", enc(&format!("{title} {permalink}"))),
        });
    }
    out.push(ShareLinkView {
        name: "E-mail",
        url: format!("mailto:?subject={t}&body={}", enc(&format!("{description}\n\n{permalink}"))),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_follow_open_graph() {
        assert_eq!(og_locale("en-US"), "en_US");
        assert_eq!(og_locale("fr-ca"), "fr_CA");
        assert_eq!(og_locale("en"), "en");
        assert_eq!(og_locale("zh-Hant-TW"), "zh");
    }

    #[test]
    fn cited_sources_become_creative_works_with_their_doi() {
        let r = CitedSource {
            number: 1,
            title: Some("Antibiotics for the common cold".into()),
            text: "Kenealy T, Arroll B. Antibiotics for the common cold.".into(),
            doi: Some("10.1002/14651858.CD000247.pub3".into()),
            pmid: Some("23733381".into()),
            ..CitedSource::default()
        };
        assert_eq!(
            citation_ld(&r),
            json!({
                "@type": "CreativeWork",
                "name": "Antibiotics for the common cold",
                "url": "https://doi.org/10.1002/14651858.CD000247.pub3",
                "sameAs": "https://doi.org/10.1002/14651858.CD000247.pub3",
                "identifier": { "@type": "PropertyValue", "propertyID": "PMID", "value": "23733381" },
            })
        );
        let web = CitedSource {
            text: "CDC. Measles.".into(),
            url: Some("https://www.cdc.gov/measles/".into()),
            ..CitedSource::default()
        };
        assert_eq!(
            citation_ld(&web),
            json!({ "@type": "CreativeWork", "name": "CDC. Measles.", "url": "https://www.cdc.gov/measles/" })
        );
    }

    #[test]
    fn share_links_encode_the_address_and_title() {
        let yaml =
            "title: T\nbase_url: https://example.org/\nshare:\n  mastodon: https://med.example/\n";
        let c: Config = serde_yaml::from_str(yaml).unwrap();
        let links = links(&c, "Salt & you", "Less is more.", "https://example.org/articles/salt/");
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        let u = "https%3A%2F%2Fexample.org%2Farticles%2Fsalt%2F";
        assert_eq!(urls[0], format!("https://www.facebook.com/sharer/sharer.php?u={u}"));
        assert_eq!(urls[2], format!("https://x.com/intent/tweet?text=Salt%20%26%20you&url={u}"));
        assert_eq!(urls[3], format!("https://med.example/share?text=Salt%20%26%20you%20{u}"));
        assert_eq!(
            urls[4],
            format!("mailto:?subject=Salt%20%26%20you&body=Less%20is%20more.%0A%0A{u}")
        );
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let v = json!({ "headline": "a </script><script>alert(1)</script> & <!-- b" });
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
