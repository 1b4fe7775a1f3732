//! The pages of the site: one [`Job`] per output page, and where each is written.

use super::person::author_slug;
use crate::site::Site;

/// One file to render.
#[derive(Clone, Copy, Debug)]
pub(super) enum Job {
    Home(usize),
    Article(usize),
    Tag(usize, usize),
    Tags,
    Author(usize),
    Archive,
    Corrections,
    Feeds,
    Page(usize),
    NotFound,
}

/// Where a page is written, without rendering it.
pub(super) fn job_path(site: &Site, job: Job) -> String {
    let base = site.config.base_path();
    // Called for every page on every rebuild: one allocation of the right size.
    let strip = |url: &str| {
        let dir = url.strip_prefix(base).unwrap_or(url);
        let mut path = String::with_capacity(dir.len() + "index.html".len());
        path.push_str(dir);
        path.push_str("index.html");
        path
    };
    match job {
        Job::Home(1) => "index.html".into(),
        Job::Home(n) => format!("page/{n}/index.html"),
        Job::Article(i) => strip(&site.articles[i].url),
        Job::Tag(t, 1) => format!("tags/{}/index.html", site.tags[t].tag.slug),
        Job::Tag(t, n) => format!("tags/{}/page/{n}/index.html", site.tags[t].tag.slug),
        Job::Tags => "tags/index.html".into(),
        Job::Author(k) => {
            let id = site.authors.by_id.keys().nth(k).map_or("", String::as_str);
            format!("authors/{}/index.html", author_slug(id))
        }
        Job::Archive => "archive/index.html".into(),
        Job::Corrections => "corrections/index.html".into(),
        Job::Feeds => "feeds/index.html".into(),
        Job::Page(i) => strip(&site.pages[i].url),
        Job::NotFound => "404.html".into(),
    }
}
