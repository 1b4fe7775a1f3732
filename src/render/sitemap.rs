//! sitemap.xml and robots.txt.
//!
//! The sitemap lists every indexable page with its last modification date (the content's
//! `updated` or `date`, never the clock), written with quick-xml so escaping is the library's
//! job. robots.txt allows everything and points at the sitemap.

use jiff::civil::Date;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::config::Config;

/// A page in the sitemap.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entry {
    /// Absolute URL.
    pub url: String,
    /// Last modification day.
    pub lastmod: Option<Date>,
}

/// The sitemap of `entries`, sorted by URL.
pub fn render(_config: &Config, entries: &[Entry]) -> Vec<u8> {
    let mut entries = entries.to_vec();
    entries.sort();
    entries.dedup_by(|a, b| a.url == b.url);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail; the results are ignored for that reason.
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut urlset = BytesStart::new("urlset");
    urlset.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
    let _ = w.write_event(Event::Start(urlset));
    for e in &entries {
        let _ = w.write_event(Event::Start(BytesStart::new("url")));
        text_element(&mut w, "loc", &e.url);
        if let Some(d) = e.lastmod {
            text_element(&mut w, "lastmod", &d.to_string());
        }
        let _ = w.write_event(Event::End(BytesEnd::new("url")));
    }
    let _ = w.write_event(Event::End(BytesEnd::new("urlset")));
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) {
    let _ = w.write_event(Event::Start(BytesStart::new(name)));
    let _ = w.write_event(Event::Text(BytesText::new(text)));
    let _ = w.write_event(Event::End(BytesEnd::new(name)));
}

/// robots.txt: everything allowed, and where the sitemap is.
pub fn robots(config: &Config) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", config.absolute("sitemap.xml"))
}
