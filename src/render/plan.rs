//! The pages of the site, each listed once: its kind ([`Job`]), its URL, where it is written
//! and the template that renders it. Adding a page kind starts here.

use super::urls;
use crate::config::Author;
use crate::site::Site;

/// One page to render. An author's page carries the author's id in authors.yaml.
#[derive(Clone, Copy, Debug)]
pub(super) enum Job<'a> {
    Home(usize),
    Article(usize),
    Tag(usize, usize),
    Tags,
    Author(&'a str, &'a Author),
    Archive,
    Corrections,
    Feeds,
    Page(usize),
    NotFound,
}

/// Every page of the site, in the order they are rendered.
pub(super) fn jobs(site: &Site) -> Vec<Job<'_>> {
    let per_page = site.config.per_page.max(1);
    let home_pages = site.articles.len().div_ceil(per_page).max(1);
    let mut jobs: Vec<Job<'_>> = (1..=home_pages).map(Job::Home).collect();
    jobs.extend((0..site.articles.len()).map(Job::Article));
    for (t, tag) in site.tags.iter().enumerate() {
        jobs.extend((1..=tag.articles.len().div_ceil(per_page).max(1)).map(|n| Job::Tag(t, n)));
    }
    jobs.push(Job::Tags);
    jobs.extend(site.authors.by_id.iter().map(|(id, a)| Job::Author(id, a)));
    jobs.extend([Job::Archive, Job::Corrections, Job::Feeds, Job::NotFound]);
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs
}

/// The page's URL (a site path).
pub(super) fn job_url(site: &Site, job: Job<'_>) -> String {
    let base = site.config.base_path();
    match job {
        Job::Home(n) => urls::home(base, n),
        Job::Article(i) => site.articles[i].url.clone(),
        Job::Tag(t, n) => urls::paged(&urls::tag(base, &site.tags[t].tag.slug), n),
        Job::Tags => urls::tags(base),
        Job::Author(id, _) => urls::author(base, id),
        Job::Archive => urls::archive(base),
        Job::Corrections => urls::corrections(base),
        Job::Feeds => urls::feeds(base),
        Job::Page(i) => site.pages[i].url.clone(),
        Job::NotFound => urls::not_found(base),
    }
}

/// Where a page is written, without rendering it.
pub(super) fn job_path(site: &Site, job: Job<'_>) -> String {
    urls::output_path(site.config.base_path(), &job_url(site, job))
}

/// The theme template that renders the page.
pub(super) fn template(job: Job<'_>) -> &'static str {
    match job {
        Job::Home(_) => "index.html",
        Job::Article(_) => "article.html",
        Job::Tag(..) => "tag.html",
        Job::Tags => "tags.html",
        Job::Author(..) => "author.html",
        Job::Archive => "archive.html",
        Job::Corrections => "corrections.html",
        Job::Feeds => "feeds.html",
        Job::Page(_) => "page.html",
        Job::NotFound => "404.html",
    }
}
