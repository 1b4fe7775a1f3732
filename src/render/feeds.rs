//! Feeds: RSS 2.0 and Atom for the whole site and for each tag, and an Atom feed of every
//! correction; plus the view of the /feeds/ page that explains and lists them.
//!
//! Input: the site model. Output: `feed.xml` and `atom.xml` at the site's root and under
//! `tags/<slug>/`, and `corrections/atom.xml`, written with the `rss` and `atom_syndication`
//! crates (never string templates), so escaping is the libraries' job.
//!
//! What a feed item carries (docs/feeds.md explains it for site owners):
//! - full content: the correction notes first (newest first, dated, labelled "Correction"),
//!   then the rendered body and its notes, then the numbered references, written for a reader
//!   with no stylesheet ([`reader`]: no citation previews, no heading anchors, no back links;
//!   each superscript links to its entry in the reference list on the article page); every
//!   relative `href`/`src` is made absolute against the article's permalink ([`absolutize`]);
//! - an id that never changes ([`entry_id`]): the front matter's `id:`, else a `tag:` URI
//!   (RFC 4151) from the site's host, the publication date and the article's *original* slug
//!   (the first article address in `aliases:`, else the current slug), so neither a new title
//!   nor a new slug makes feed readers show an article twice;
//! - dates that follow the content, never the clock: Atom `published` is the publication day,
//!   `updated` the article's updated day (which a correction bumps); RSS `pubDate` is RFC 822,
//!   Atom dates RFC 3339, both midnight UTC; a feed's own `updated`/`lastBuildDate` is its
//!   newest item's date;
//! - authors (the e-mail address only when authors.yaml gives a public one), tags as
//!   categories, and a self link (`atom:link rel="self"` in RSS too).
//!
//! Failure modes: an explicit `id:` that is not a URI, or two articles with the same id, is an
//! error at the `id:` line. Drafts and future articles shown with `--drafts` are never put in
//! feeds.

mod reader;

use std::collections::{BTreeMap, BTreeSet};

use atom_syndication as atom;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;
use url::Url;

use super::person::PersonView;
use super::view::{FeedLinkView, PageMeta};
use crate::config::Config;
use crate::dates;
use crate::diag::{Diagnostic, Diagnostics};
use crate::html::escape;
use crate::output::OutputFile;
use crate::site::{Article, Site};
use crate::source::front_matter;

const RSS: &str = "application/rss+xml";
const ATOM: &str = "application/atom+xml";

/// The slug an article was first published under: the first article address in its
/// `aliases:` (`/articles/<slug>/`), else its current slug.
pub fn original_slug<'a>(config: &Config, a: &'a Article) -> std::borrow::Cow<'a, str> {
    for alias in &a.source.front.aliases {
        if let Ok(p) = super::redirect::parse_alias(config, alias) {
            if let Some(slug) = super::redirect::article_slug(&p) {
                return slug.to_string().into();
            }
        }
    }
    a.slug.as_str().into()
}

/// The host part of a `tag:` URI: the base URL's host, lowercased, without port or user.
fn tag_authority(config: &Config) -> String {
    let host = config.host();
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = if host.starts_with('[') { host } else { host.split(':').next().unwrap_or(host) };
    host.to_ascii_lowercase()
}

/// An article's permanent feed id: the front matter's `id:`, else
/// `tag:<host>,<date>:<base path>articles/<original slug>/`.
pub fn entry_id(config: &Config, a: &Article) -> String {
    entry_id_under(config, &tag_authority(config), a)
}

/// [`entry_id`] with the `tag:` authority worked out once for the whole site.
fn entry_id_under(config: &Config, authority: &str, a: &Article) -> String {
    if let Some(id) = a.source.front.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return id.to_string();
    }
    format!(
        "tag:{authority},{}:{}articles/{}/",
        dates::iso(a.date),
        config.base_path(),
        original_slug(config, a)
    )
}

/// True for an absolute IRI (a scheme, then something, and no spaces).
fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
}

/// The ids of every article, with diagnostics for unusable explicit ids and duplicates.
fn entry_ids<'a>(site: &'a Site, diags: &mut Diagnostics) -> Vec<&'a str> {
    let c = &site.config;
    let authority = tag_authority(c);
    // Worked out once per article: watch mode keeps the articles between rebuilds.
    let ids: Vec<&str> = site
        .articles
        .iter()
        .map(|a| a.feed_id.get_or_init(|| entry_id_under(c, &authority, a)).as_str())
        .collect();
    let mut seen: crate::hashing::Map<&str, usize> = crate::hashing::Map::default();
    seen.reserve(ids.len());
    for (i, (a, &id)) in site.articles.iter().zip(&ids).enumerate() {
        let span = || front_matter::key_span(&a.source.file, &a.source.split, "id");
        if a.source.front.id.is_some() && !is_uri(id) {
            diags.push(
                Diagnostic::error("feed.bad_id", format!("the feed id \"{id}\" is not a URI"))
                    .at(&a.source.file, span())
                    .with_help(format!(
                        "an id is a permanent name like `id: \"tag:{},{}:/articles/{}/\"`; \
                         or remove `id:` and let rounds make one",
                        tag_authority(c),
                        a.date,
                        a.slug
                    )),
            );
        }
        if let Some(&first) = seen.get(id) {
            diags.push(
                Diagnostic::error(
                    "feed.duplicate_id",
                    format!(
                        "this article has the same feed id as {}: \"{id}\"",
                        site.articles[first].source.file.path.display()
                    ),
                )
                .at(&a.source.file, span())
                .with_help(
                    "feed readers would mix the two up; give one of them its own `id:`, or \
                     remove a copied `id:` or `aliases:` line",
                ),
            );
        } else {
            seen.insert(id, i);
        }
    }
    ids
}

/// Removes characters XML 1.0 does not allow (control characters other than tab and line
/// ends, U+FFFE, U+FFFF), which would make the whole feed unreadable.
fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !((c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}

/// True when `v` starts with a URL scheme (`https:`, `mailto:`, `data:`...).
fn has_scheme(v: &str) -> bool {
    match v.find(':') {
        Some(i) if i > 0 => {
            let scheme = &v[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

/// `value` (an attribute value as written, entities and all) resolved against `base`.
fn resolve(base: &Url, value: &str) -> String {
    let v = value.trim();
    if has_scheme(v) {
        return value.to_string();
    }
    base.join(v).map_or_else(|_| value.to_string(), String::from)
}

fn resolve_srcset(base: &Url, value: &str) -> String {
    value
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            match candidate.split_once(char::is_whitespace) {
                Some((url, descriptor)) => format!("{} {}", resolve(base, url), descriptor.trim()),
                None => resolve(base, candidate),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rewrites one tag's attributes (everything after its name, up to and including `>`) into
/// `out`, making URL attributes absolute; returns the bytes consumed.
fn rewrite_attributes(s: &str, base: &Url, out: &mut String) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'>' => {
                out.push('>');
                return i + 1;
            }
            c if c.is_ascii_whitespace() || c == b'/' => {
                out.push(c as char);
                i += 1;
            }
            _ => {
                let start = i;
                while i < b.len()
                    && !matches!(b[i], b'=' | b'>' | b'/')
                    && !b[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                let name = &s[start..i];
                out.push_str(name);
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j >= b.len() || b[j] != b'=' {
                    continue;
                }
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                out.push_str(&s[i..j]);
                let (value, end, quote) = match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let close = s[j + 1..].find(q as char).map_or(s.len(), |e| j + 1 + e);
                        (&s[j + 1..close], (close + 1).min(s.len()), q as char)
                    }
                    _ => {
                        let mut e = j;
                        while e < b.len() && !b[e].is_ascii_whitespace() && b[e] != b'>' {
                            e += 1;
                        }
                        (&s[j..e], e, '"')
                    }
                };
                let new = match name.to_ascii_lowercase().as_str() {
                    "href" | "src" | "poster" | "cite" | "action" => Some(resolve(base, value)),
                    "srcset" => Some(resolve_srcset(base, value)),
                    _ => None,
                };
                match new {
                    Some(v) if v != value => {
                        out.push(quote);
                        out.push_str(&v);
                        out.push(quote);
                    }
                    _ => out.push_str(&s[j..end]),
                }
                i = end;
            }
        }
    }
    b.len()
}

/// `html` with every relative `href`, `src`, `srcset`, `poster`, `cite` and `action` made
/// absolute against `base` (the article's permalink). Feed readers show items away from the
/// site, where `/about/`, `#ref-1` or `bp.jpg` would point nowhere.
///
/// A small scanner over tags rather than a full HTML parser: the input is the Markdown
/// stage's own output (plus any raw HTML an author wrote), and only attribute values change;
/// comments and the contents of `script`, `style`, `textarea` and `title` are copied as they
/// are. A value is resolved as written (entities included): the `url` crate keeps `&`, `;` and
/// `#` as they are, so `&amp;` still reads `&` once the feed reader decodes the HTML.
pub fn absolutize(html: &str, base: &str) -> String {
    let Ok(base) = Url::parse(base) else { return html.to_string() };
    let mut out = String::with_capacity(html.len() + html.len() / 8);
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
        let name_len = rest[1..].bytes().take_while(u8::is_ascii_alphanumeric).count();
        if name_len == 0 || !rest.as_bytes()[1].is_ascii_alphabetic() {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let name = rest[1..=name_len].to_ascii_lowercase();
        out.push_str(&rest[..=name_len]);
        let used = rewrite_attributes(&rest[1 + name_len..], &base, &mut out);
        rest = &rest[1 + name_len + used..];
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// The correction notes of an article as the first block of its feed content: newest first,
/// each dated, labelled "Correction" and linked to the note on the article.
fn corrections_block(a: &Article, permalink: &str) -> String {
    if a.corrections.is_empty() {
        return String::new();
    }
    let mut html = String::from("<div class=\"corrections\">\n");
    for c in a.corrections.iter().rev() {
        html.push_str(&format!(
            "<p><strong>Correction</strong> (<a href=\"{}#{}\">{}</a>):</p>\n{}\n",
            escape(permalink),
            escape(&c.anchor),
            dates::display(c.date),
            reader::for_readers(c.html.trim_end())
        ));
    }
    html.push_str("</div>\n");
    html
}

/// An article's full feed content: corrections, body (as a feed reader can show it, see
/// [`reader`]), footnotes, then the references, with absolute links.
pub fn item_content(config: &Config, a: &Article) -> String {
    let permalink = config.absolute(&a.url);
    let mut html = corrections_block(a, &permalink);
    html.push_str(&reader::for_readers(&a.body.html));
    if !a.body.references.is_empty() {
        html.push_str("\n<h2>References</h2>\n<ol class=\"references\">\n");
        for r in a.body.references.iter() {
            html.push_str(&format!("<li id=\"{}\">{}</li>\n", escape(&r.anchor), r.html));
        }
        html.push_str("</ol>\n");
    }
    xml_clean(&absolutize(&html, &permalink))
}

/// The short form of an item (RSS `description`): the correction notes, then the description,
/// so that a reader that shows only this still sees that the article was corrected.
fn item_summary(config: &Config, a: &Article) -> String {
    let permalink = config.absolute(&a.url);
    let html = format!("{}<p>{}</p>", corrections_block(a, &permalink), escape(&a.description));
    xml_clean(&absolutize(&html, &permalink))
}

/// One feed to write, in both formats unless `rss` is `None`.
struct FeedSpec {
    title: String,
    description: String,
    /// The HTML page the feed follows (absolute).
    home: String,
    /// Output path of the RSS version.
    rss: Option<String>,
    /// Output path of the Atom version.
    atom: String,
    /// Indices into `site.articles`, newest first.
    items: Vec<usize>,
}

/// What every feed shares: the site, ids and contents computed once.
struct Ctx<'a> {
    site: &'a Site,
    ids: Vec<&'a str>,
    content: BTreeMap<usize, (String, String)>,
}

fn instant(d: Date) -> atom::FixedDateTime {
    atom::FixedDateTime::parse_from_rfc3339(&dates::rfc3339(d)).unwrap_or_default()
}

/// The date a feed says it was last updated: its newest item's, else the site's newest
/// content, else a fixed day (never the clock).
fn feed_updated(site: &Site, items: impl Iterator<Item = Date>) -> Date {
    items.max().or(site.newest_date()).unwrap_or(jiff::civil::date(2000, 1, 1))
}

fn atom_person(site: &Site, id: &str) -> atom::Person {
    let view = PersonView::new(site, id);
    atom::Person {
        name: xml_clean(&view.name_with_credentials),
        email: site.authors.get(id).and_then(|a| a.email.clone()),
        uri: Some(site.config.absolute(&view.url)),
        ..Default::default()
    }
}

fn atom_link(href: String, rel: &str, mime: &str) -> atom::Link {
    atom::Link { href, rel: rel.into(), mime_type: Some(mime.into()), ..Default::default() }
}

fn atom_feed(ctx: &Ctx<'_>, spec: &FeedSpec, entries: Vec<atom::Entry>, updated: Date) -> Vec<u8> {
    let c = &ctx.site.config;
    let self_url = c.absolute(&spec.atom);
    let feed = atom::Feed {
        title: atom::Text::plain(xml_clean(&spec.title)),
        id: self_url.clone(),
        updated: instant(updated),
        subtitle: Some(atom::Text::plain(xml_clean(&spec.description))),
        links: vec![
            atom_link(self_url, "self", ATOM),
            atom_link(spec.home.clone(), "alternate", "text/html"),
        ],
        generator: Some(atom::Generator {
            value: "rounds".into(),
            uri: None,
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        lang: Some(c.language.clone()),
        entries,
        ..Default::default()
    };
    let config = atom::WriteConfig { write_document_declaration: true, indent_size: Some(2) };
    let mut out = feed.write_with_config(Vec::new(), config).unwrap_or_default();
    out.push(b'\n');
    out
}

fn article_entry(ctx: &Ctx<'_>, i: usize) -> atom::Entry {
    let site = ctx.site;
    let c = &site.config;
    let a = &site.articles[i];
    let (content, _) = &ctx.content[&i];
    atom::Entry {
        title: atom::Text::plain(xml_clean(a.title())),
        id: ctx.ids[i].to_string(),
        updated: instant(a.modified()),
        published: Some(instant(a.date)),
        authors: a.authors.iter().map(|id| atom_person(site, id)).collect(),
        categories: a
            .tags
            .iter()
            .map(|t| atom::Category {
                term: xml_clean(&t.name),
                scheme: Some(c.absolute(&format!("{}tags/", c.base_path()))),
                label: Some(xml_clean(&t.name)),
            })
            .collect(),
        links: vec![atom_link(c.absolute(&a.url), "alternate", "text/html")],
        summary: Some(atom::Text::plain(xml_clean(&a.description))),
        content: Some(atom::Content {
            content_type: Some("html".into()),
            value: Some(content.clone()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn rss_feed(ctx: &Ctx<'_>, spec: &FeedSpec, rss_path: &str, updated: Date) -> Vec<u8> {
    let site = ctx.site;
    let c = &site.config;
    let items: Vec<rss::Item> = spec
        .items
        .iter()
        .map(|&i| {
            let a = &site.articles[i];
            let (content, summary) = &ctx.content[&i];
            let people: Vec<PersonView> =
                a.authors.iter().map(|id| PersonView::new(site, id)).collect();
            // RSS's <author> must be an e-mail address: it is used for a single author with a
            // public one; otherwise the names go in dc:creator (never both: feed validators
            // warn when an item has both).
            let author = match (a.authors.as_slice(), people.as_slice()) {
                ([id], [p]) => site
                    .authors
                    .get(id)
                    .and_then(|x| x.email.as_deref())
                    .map(|email| format!("{email} ({})", p.name_with_credentials)),
                _ => None,
            };
            let mut item = rss::Item::default();
            item.set_title(xml_clean(a.title()));
            item.set_link(c.absolute(&a.url));
            item.set_description(summary.clone());
            item.set_content(content.clone());
            if author.is_none() {
                item.set_dublin_core_ext(rss::extension::dublincore::DublinCoreExtension {
                    creators: people.iter().map(|p| xml_clean(&p.name_with_credentials)).collect(),
                    ..Default::default()
                });
            }
            item.set_author(author.map(|s| xml_clean(&s)));
            item.set_guid(rss::Guid { value: ctx.ids[i].to_string(), permalink: false });
            item.set_pub_date(dates::rfc2822(a.date));
            item.set_categories(
                a.tags
                    .iter()
                    .map(|t| rss::Category {
                        name: xml_clean(&t.name),
                        domain: Some(c.absolute(&format!("{}tags/{}/", c.base_path(), t.slug))),
                    })
                    .collect::<Vec<_>>(),
            );
            item
        })
        .collect();
    let mut channel = rss::Channel::default();
    channel.set_title(xml_clean(&spec.title));
    channel.set_link(spec.home.clone());
    channel.set_description(xml_clean(&spec.description));
    channel.set_language(c.language.clone());
    channel.set_generator(format!("rounds {}", env!("CARGO_PKG_VERSION")));
    channel.set_docs("https://www.rssboard.org/rss-specification".to_string());
    channel.set_last_build_date(dates::rfc2822(updated));
    channel.set_atom_ext(rss::extension::atom::AtomExtension {
        links: vec![atom_link(c.absolute(rss_path), "self", RSS)],
    });
    channel.set_items(items);
    let mut out = channel.pretty_write_to(Vec::new(), b' ', 2).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The newest `feeds.items` published articles among `indices` (already newest first).
fn newest(site: &Site, indices: impl Iterator<Item = usize>) -> Vec<usize> {
    indices.filter(|&i| !site.articles[i].preview).take(site.config.feeds.items.max(1)).collect()
}

/// Every feed of the site (see [`render_changed`]).
pub fn render_all(site: &Site, diags: &mut Diagnostics) -> Vec<OutputFile> {
    render_changed(site, diags, None).files
}

/// What a render may skip: feeds whose fingerprint is the same as last time.
pub struct Skip<'a> {
    /// Fingerprints of the feeds last written, by output path.
    pub previous: &'a super::fingerprint::RenderCache,
    /// Everything site-wide a feed depends on.
    pub site: u64,
    /// An article's fingerprint as a feed item (its text, rendered body and listing facts).
    pub item: &'a (dyn Fn(usize) -> u64 + Sync),
}

/// The feeds of a render.
#[derive(Debug, Default)]
pub struct Feeds {
    /// Feeds written now.
    pub files: Vec<OutputFile>,
    /// Feeds left as they were.
    pub unchanged: Vec<String>,
    /// Each site and tag feed's fingerprint, by output path.
    pub fingerprints: Vec<(String, u64)>,
}

/// The site's RSS and Atom feeds, each tag's, and the corrections feed. With `skip`, a site
/// or tag feed whose items and settings are the same as last time is not written again.
pub fn render_changed(site: &Site, diags: &mut Diagnostics, skip: Option<&Skip<'_>>) -> Feeds {
    let c = &site.config;
    let root = c.base_path();
    let mut specs = vec![FeedSpec {
        title: c.title.clone(),
        description: if c.description.trim().is_empty() {
            format!("The newest articles on {}.", c.title)
        } else {
            c.description.clone()
        },
        home: c.base_url.clone(),
        rss: Some("feed.xml".into()),
        atom: "atom.xml".into(),
        items: newest(site, 0..site.articles.len()),
    }];
    for t in &site.tags {
        let dir = format!("tags/{}/", t.tag.slug);
        specs.push(FeedSpec {
            title: format!("{}: {}", c.title, t.tag.name),
            description: format!("The newest articles about {} on {}.", t.tag.name, c.title),
            home: c.absolute(&format!("{root}{dir}")),
            rss: Some(format!("{dir}feed.xml")),
            atom: format!("{dir}atom.xml"),
            items: newest(site, t.articles.iter().copied()),
        });
    }
    let ids = entry_ids(site, diags);
    let mut out = Feeds::default();
    // A feed's fingerprint: its settings, its items (with their ids) and the site.
    let fingerprint = |spec: &FeedSpec, skip: &Skip<'_>| {
        use std::hash::{Hash, Hasher};
        let mut h = crate::hashing::hasher();
        (skip.site, &spec.title, &spec.description, &spec.home, &spec.rss, &spec.atom).hash(&mut h);
        for &i in &spec.items {
            ((skip.item)(i), ids.get(i)).hash(&mut h);
        }
        h.finish()
    };
    let mut todo = Vec::new();
    for spec in specs {
        let Some(skip) = skip else {
            todo.push(spec);
            continue;
        };
        let fp = fingerprint(&spec, skip);
        let paths: Vec<&String> = spec.rss.iter().chain([&spec.atom]).collect();
        let same = paths.iter().all(|p| skip.previous.fingerprint(p) == Some(fp));
        out.fingerprints.extend(paths.iter().map(|p| ((*p).clone(), fp)));
        if same {
            out.unchanged.extend(paths.into_iter().cloned());
        } else {
            todo.push(spec);
        }
    }
    let needed: BTreeSet<usize> = todo.iter().flat_map(|s| s.items.iter().copied()).collect();
    let content: BTreeMap<usize, (String, String)> = needed
        .into_par_iter()
        .map(|i| {
            let a = &site.articles[i];
            (i, (item_content(c, a), item_summary(c, a)))
        })
        .collect();
    let ctx = Ctx { site, ids, content };

    for spec in &todo {
        let updated = feed_updated(site, spec.items.iter().map(|&i| site.articles[i].modified()));
        if let Some(rss_path) = &spec.rss {
            out.files.push(OutputFile {
                path: rss_path.clone(),
                bytes: rss_feed(&ctx, spec, rss_path, updated),
            });
        }
        let entries = spec.items.iter().map(|&i| article_entry(&ctx, i)).collect();
        out.files.push(OutputFile {
            path: spec.atom.clone(),
            bytes: atom_feed(&ctx, spec, entries, updated),
        });
    }
    out.files.push(corrections_feed(&ctx));
    out
}

/// The Atom feed of every correction on the site, newest first.
fn corrections_feed(ctx: &Ctx<'_>) -> OutputFile {
    let site = ctx.site;
    let c = &site.config;
    let logged: Vec<_> =
        site.corrections.iter().filter(|l| !site.articles[l.article].preview).collect();
    let entries = logged
        .iter()
        .map(|l| {
            let a = &site.articles[l.article];
            let note = &a.corrections[l.correction];
            let permalink = c.absolute(&a.url);
            let link = format!("{permalink}#{}", note.anchor);
            let article_id = &ctx.ids[l.article];
            let sep = if article_id.contains('#') { '-' } else { '#' };
            let html = format!(
                "<p><strong>Correction</strong> ({}) to <a href=\"{}\">{}</a>:</p>\n{}",
                dates::display(note.date),
                escape(&link),
                escape(a.title()),
                reader::for_readers(&note.html)
            );
            atom::Entry {
                title: atom::Text::plain(xml_clean(&format!("Correction: {}", a.title()))),
                id: format!("{article_id}{sep}{}", note.anchor),
                updated: instant(note.date),
                published: Some(instant(note.date)),
                authors: a.authors.iter().map(|id| atom_person(site, id)).collect(),
                links: vec![atom_link(link, "alternate", "text/html")],
                summary: Some(atom::Text::plain(xml_clean(&note.text))),
                content: Some(atom::Content {
                    content_type: Some("html".into()),
                    value: Some(xml_clean(&absolutize(&html, &permalink))),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let updated = feed_updated(
        site,
        logged.iter().map(|l| site.articles[l.article].corrections[l.correction].date),
    );
    let spec = FeedSpec {
        title: format!("{}: corrections", c.title),
        description: format!("Every correction made to an article on {}, newest first.", c.title),
        home: c.absolute(&format!("{}corrections/", c.base_path())),
        rss: None,
        atom: "corrections/atom.xml".into(),
        items: Vec::new(),
    };
    OutputFile { path: spec.atom.clone(), bytes: atom_feed(ctx, &spec, entries, updated) }
}

/// The corrections feed, as announced in the corrections page's `<head>`.
pub fn corrections_link(config: &Config) -> FeedLinkView {
    FeedLinkView {
        title: format!("{}: corrections (Atom)", config.title),
        url: format!("{}corrections/atom.xml", config.base_path()),
        mime: ATOM,
    }
}

/// A feed on the /feeds/ page.
#[derive(Clone, Debug, Serialize)]
pub struct FeedView {
    /// What it follows, e.g. "All articles" or a tag's name.
    pub title: String,
    /// `RSS` or `Atom`.
    pub format: &'static str,
    /// Site path.
    pub url: String,
    /// Absolute URL, to copy into a feed reader.
    pub permalink: String,
    /// `application/rss+xml` or `application/atom+xml`.
    pub mime: &'static str,
}

/// A tag's feeds on the /feeds/ page.
#[derive(Clone, Debug, Serialize)]
pub struct TagFeedsView {
    /// Tag name.
    pub name: String,
    /// Tag page path.
    pub url: String,
    /// Number of articles.
    pub count: usize,
    /// RSS and Atom.
    pub feeds: Vec<FeedView>,
}

/// The /feeds/ page (`feeds` in feeds.html).
#[derive(Clone, Debug, Serialize)]
pub struct FeedsPageView {
    /// The whole site: RSS and Atom.
    pub site: Vec<FeedView>,
    /// The corrections feed (Atom).
    pub corrections: FeedView,
    /// Each tag's feeds, by tag name.
    pub tags: Vec<TagFeedsView>,
    /// How many articles each feed carries at most.
    pub items: usize,
}

fn feed_view(config: &Config, title: &str, path: &str, atom: bool) -> FeedView {
    let url = format!("{}{path}", config.base_path());
    FeedView {
        title: title.to_string(),
        format: if atom { "Atom" } else { "RSS" },
        permalink: config.absolute(&url),
        url,
        mime: if atom { ATOM } else { RSS },
    }
}

impl FeedsPageView {
    /// The view of the /feeds/ page.
    pub fn new(site: &Site) -> Self {
        let c = &site.config;
        let mut tags: Vec<TagFeedsView> = site
            .tags
            .iter()
            .map(|t| {
                let dir = format!("tags/{}/", t.tag.slug);
                TagFeedsView {
                    name: t.tag.name.clone(),
                    url: format!("{}{dir}", c.base_path()),
                    count: t.articles.len(),
                    feeds: vec![
                        feed_view(c, &t.tag.name, &format!("{dir}feed.xml"), false),
                        feed_view(c, &t.tag.name, &format!("{dir}atom.xml"), true),
                    ],
                }
            })
            .collect();
        tags.sort_by_key(|t| t.name.to_lowercase());
        FeedsPageView {
            site: vec![
                feed_view(c, "All articles", "feed.xml", false),
                feed_view(c, "All articles", "atom.xml", true),
            ],
            corrections: feed_view(c, "Corrections", "corrections/atom.xml", true),
            tags,
            items: c.feeds.items.max(1),
        }
    }
}

/// The /feeds/ page job: its template, metadata and sitemap date.
pub(super) fn page(site: &Site, context: &mut Context) -> PageMeta {
    let c = &site.config;
    let meta = PageMeta::new(
        c,
        "feeds",
        "Follow this site in a feed reader",
        &format!(
            "How to get new articles and corrections from {} in a feed reader app, and the \
             address of every feed.",
            c.title
        ),
        &format!("{}feeds/", c.base_path()),
    );
    context.insert("feeds", &FeedsPageView::new(site));
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://example.org/articles/bp/";

    #[test]
    fn relative_links_become_absolute() {
        let html = r##"<p><a href="/about/">a</a> <a href="#ref-1">1</a> <img src="cuff.jpg" alt="x"> <a href='../statins/?a=1&amp;b=2'>s</a> <a href=https://other.example/x>o</a> <a href="mailto:x@example.org">m</a> <img srcset="a.png 1x, /b.png 2x"> <a class=x href=rel>u</a></p>"##;
        let out = absolutize(html, BASE);
        assert_eq!(
            out,
            r##"<p><a href="https://example.org/about/">a</a> <a href="https://example.org/articles/bp/#ref-1">1</a> <img src="https://example.org/articles/bp/cuff.jpg" alt="x"> <a href='https://example.org/articles/statins/?a=1&amp;b=2'>s</a> <a href=https://other.example/x>o</a> <a href="mailto:x@example.org">m</a> <img srcset="https://example.org/articles/bp/a.png 1x, https://example.org/b.png 2x"> <a class=x href="https://example.org/articles/bp/rel">u</a></p>"##
        );
    }

    #[test]
    fn scanner_leaves_text_comments_and_scripts_alone() {
        let html = "a < b and 1<2 <!-- <a href=\"x\"> --> <script>var s = '<a href=\"y\">';</script><br/><p title=\"1 > 0\">t</p><a href=\"z";
        let out = absolutize(html, BASE);
        assert!(out.starts_with("a < b and 1<2 <!-- <a href=\"x\"> --> <script>var s = '<a href=\"y\">';</script><br/><p title=\"1 > 0\">t</p>"));
        assert!(out.ends_with("<a href=\"https://example.org/articles/bp/z\""));
    }

    #[test]
    fn uris_and_xml() {
        assert!(is_uri("tag:example.org,2026-01-15:/articles/x/"));
        assert!(is_uri("urn:uuid:0f6e2d3a-1111-4444-8888-123456789abc"));
        assert!(!is_uri("my-article"));
        assert!(!is_uri("tag:has space"));
        assert_eq!(xml_clean("a\u{0}b\u{c}c\td\n"), "abc\td\n");
    }
}
