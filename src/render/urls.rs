//! The addresses of the site's pages, spelled in one place. Every page, link and feed link of
//! the render layer takes its URL from here, and a page's output path is its URL inside the
//! output folder ([`output_path`]), so a link and the file it points to cannot disagree.
//!
//! URLs are site paths under the base path (`/` or `/blog/`), ending in `/` for pages written
//! as `index.html`.

/// The home page (`n` = 1) or page `n` of the article list.
pub(crate) fn home(base: &str, n: usize) -> String {
    paged(base, n)
}

/// Page `n` of a listing whose first page is `first` (later pages at `first` + `page/N/`).
pub(crate) fn paged(first: &str, n: usize) -> String {
    if n == 1 { first.to_string() } else { format!("{first}page/{n}/") }
}

/// The list of topics.
pub(crate) fn tags(base: &str) -> String {
    format!("{base}tags/")
}

/// The first page of a topic.
pub(crate) fn tag(base: &str, slug: &str) -> String {
    format!("{base}tags/{slug}/")
}

/// The page of the author or reviewer `id` of authors.yaml.
pub(crate) fn author(base: &str, id: &str) -> String {
    format!("{base}authors/{}/", author_slug(id))
}

/// The URL slug of an author id.
pub(crate) fn author_slug(id: &str) -> String {
    crate::slug::slugify(id).unwrap_or_else(|| "author".into())
}

/// Every article by year.
pub(crate) fn archive(base: &str) -> String {
    format!("{base}archive/")
}

/// The corrections log.
pub(crate) fn corrections(base: &str) -> String {
    format!("{base}corrections/")
}

/// The page that lists the feeds.
pub(crate) fn feeds(base: &str) -> String {
    format!("{base}feeds/")
}

/// The page served for addresses that do not exist.
pub(crate) fn not_found(base: &str) -> String {
    format!("{base}404.html")
}

/// The RSS feed of the listing at `dir` (the site's root or a topic's page).
pub(crate) fn rss(dir: &str) -> String {
    format!("{dir}feed.xml")
}

/// The Atom feed of the listing at `dir`.
pub(crate) fn atom(dir: &str) -> String {
    format!("{dir}atom.xml")
}

/// A stylesheet or other file at the site's root.
pub(crate) fn file(base: &str, name: &str) -> String {
    format!("{base}{name}")
}

/// Where the page at `url` is written in the output folder: `index.html` inside its folder,
/// or the file itself for a URL that names one (`/404.html`).
pub(crate) fn output_path(base: &str, url: &str) -> String {
    let rel = url.strip_prefix(base).unwrap_or(url.trim_start_matches('/'));
    if rel.is_empty() || rel.ends_with('/') {
        // Called for every page on every rebuild: one allocation of the right size.
        let mut path = String::with_capacity(rel.len() + "index.html".len());
        path.push_str(rel);
        path.push_str("index.html");
        path
    } else {
        rel.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_written_where_its_url_points() {
        for base in ["/", "/blog/"] {
            assert_eq!(output_path(base, &home(base, 1)), "index.html");
            assert_eq!(output_path(base, &home(base, 3)), "page/3/index.html");
            assert_eq!(
                output_path(base, &paged(&tag(base, "heart-health"), 2)),
                "tags/heart-health/page/2/index.html"
            );
            assert_eq!(output_path(base, &author(base, "jdoe")), "authors/jdoe/index.html");
            assert_eq!(output_path(base, &not_found(base)), "404.html");
            assert_eq!(output_path(base, &format!("{base}articles/x/")), "articles/x/index.html");
        }
        assert_eq!(rss(&tag("/blog/", "bp")), "/blog/tags/bp/feed.xml");
        assert_eq!(atom("/"), "/atom.xml");
    }
}
