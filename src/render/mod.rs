//! Render: the site model + the theme's Tera templates -> output files.
//!
//! Input: a [`Site`], a [`Theme`] (templates parsed once) and the share images found among the
//! files to copy ([`share::Images`]). Output: every file of the site as bytes with its path in
//! the output folder: pages (each with its share metadata), feeds, redirect pages for old
//! addresses, the sitemap, robots.txt and the code stylesheet. Pages render in parallel; a
//! listing page gets only its own articles, never the whole collection, so the cost of a tag
//! with thousands of articles grows with its number of pages, not with their square.
//!
//! A template error (a bad theme) is reported at the template's file:line:col.

pub mod feedback;
pub mod feeds;
pub mod fingerprint;
pub mod person;
mod plan;
pub mod redirect;
pub mod share;
pub mod sitemap;
pub(crate) mod urls;
pub mod view;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::hashing::hasher;
use crate::output::OutputFile;
use crate::site::Site;
use crate::source::{Asset, is_temp_file};
use person::PersonView;
use plan::{Job, job_path, job_url};
use view::*;

/// The templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "article.html",
    "page.html",
    "tag.html",
    "tags.html",
    "author.html",
    "archive.html",
    "corrections.html",
    "feeds.html",
    "404.html",
];

/// A theme: Tera templates parsed once, and static files to copy.
pub struct Theme {
    tera: Tera,
    sources: BTreeMap<String, SourceText>,
    /// The theme's static files on disk.
    pub assets: Vec<Asset>,
    /// The built-in theme's static files.
    pub embedded: Vec<OutputFile>,
    /// The theme folder (`None` for the built-in theme).
    pub dir: Option<PathBuf>,
    /// A hash of the templates, so that pages render again when a template changes.
    pub fingerprint: u64,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("dir", &self.dir)
            .field("templates", &self.sources.keys())
            .finish()
    }
}

impl Theme {
    /// Loads the theme in `dir`, or the built-in default theme when `dir` is `None`.
    pub fn load(dir: Option<&Path>, diags: &mut Diagnostics) -> Option<Theme> {
        match dir {
            Some(dir) => Self::load_dir(dir, dir, diags),
            None => {
                let display = Path::new("(built-in theme)");
                let mut sources = BTreeMap::new();
                let mut embedded = Vec::new();
                for (rel, text) in crate::scaffold::DEFAULT_THEME {
                    if let Some(name) = rel.strip_prefix("templates/") {
                        sources.insert(name.to_string(), SourceText::new(display.join(rel), *text));
                    } else if let Some(out) = rel.strip_prefix("static/") {
                        embedded.push(OutputFile {
                            path: out.to_string(),
                            bytes: text.as_bytes().to_vec(),
                        });
                    }
                }
                Self::from_sources(sources, Vec::new(), embedded, None, display, diags)
            }
        }
    }

    /// Loads the theme in `dir` (shown as `display` in messages). Every template problem is
    /// reported; `None` means the theme cannot be used.
    fn load_dir(dir: &Path, display: &Path, diags: &mut Diagnostics) -> Option<Theme> {
        let templates_dir = dir.join("templates");
        if !templates_dir.is_dir() {
            diags.push(
                Diagnostic::error("theme.missing", "the theme has no templates folder")
                    .in_path(display.join("templates"))
                    .with_help("point --theme at a theme folder (it holds templates/ and static/), like themes/default"),
            );
            return None;
        }
        let mut sources = BTreeMap::new();
        for entry in WalkDir::new(&templates_dir).sort_by_file_name().into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&templates_dir) else { continue };
            let name = rel.iter().filter_map(|p| p.to_str()).collect::<Vec<_>>().join("/");
            if name.split('/').any(is_temp_file) {
                continue;
            }
            match crate::source::read_text(entry.path(), &display.join("templates").join(rel)) {
                Ok(text) => {
                    sources.insert(name, text);
                }
                Err(d) => diags.push(d),
            }
        }
        let mut assets = Vec::new();
        let static_dir = dir.join("static");
        for entry in WalkDir::new(&static_dir).sort_by_file_name().into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&static_dir) else { continue };
            let out = rel.iter().filter_map(|p| p.to_str()).collect::<Vec<_>>().join("/");
            if out.split('/').any(is_temp_file) {
                continue;
            }
            assets.push(Asset { src: entry.path().to_path_buf(), out });
        }
        Self::from_sources(sources, assets, Vec::new(), Some(dir.to_path_buf()), display, diags)
    }

    fn from_sources(
        sources: BTreeMap<String, SourceText>,
        assets: Vec<Asset>,
        embedded: Vec<OutputFile>,
        dir: Option<PathBuf>,
        display: &Path,
        diags: &mut Diagnostics,
    ) -> Option<Theme> {
        let mut ok = true;
        for required in REQUIRED_TEMPLATES {
            if !sources.contains_key(*required) {
                diags.push(
                    Diagnostic::error(
                        "theme.missing_template",
                        format!("the theme has no `{required}` template"),
                    )
                    .in_path(display.join("templates").join(required))
                    .with_help("copy it from themes/default/templates/ and adapt it"),
                );
                ok = false;
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), &*s.text)))
        {
            diags.push(template_error(&e, &sources));
            return None;
        }
        let fingerprint = {
            let mut h = crate::hashing::hasher();
            for (name, file) in &sources {
                std::hash::Hash::hash(&(name, &*file.text), &mut h);
            }
            std::hash::Hasher::finish(&h)
        };
        ok.then_some(Theme { tera, sources, assets, embedded, dir, fingerprint })
    }

    /// Renders template `name` with `context` (plus the global `site`).
    fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| template_error(&e, &self.sources))
    }
}

/// A Tera error as a diagnostic at the template's file:line:col.
fn template_error(e: &tera::Error, sources: &BTreeMap<String, SourceText>) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    match report {
        Some(r) => {
            let d = Diagnostic::error("theme.template", format!("template error: {}", r.message()))
                .with_help("fix the template; the theme's documentation is in docs/templates.md");
            match sources.get(r.filename()) {
                Some(file) => d.at(file, r.span().range.clone()),
                None => d.in_path(r.filename()),
            }
        }
        None => Diagnostic::error("theme.template", format!("template error: {e}"))
            .with_help("fix the theme's templates; see docs/templates.md"),
    }
}

/// Renders every page of the site, the feeds, redirects, the sitemap, robots.txt and the
/// stylesheets.
pub fn all(
    site: &Site,
    theme: &mut Theme,
    images: &share::Images,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    let sink =
        |f: OutputFile| files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(f);
    incremental(site, theme, images, &mut fingerprint::RenderCache::default(), &sink, diags);
    files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Where rendered files go as soon as they are rendered, from any thread.
pub type Sink<'a> = dyn Fn(OutputFile) + Sync + 'a;

/// Renders what changed since the render `cache` remembers, hands each file to `sink` as
/// soon as it is rendered (so a build never holds the whole site in memory), and updates the
/// cache. With an empty cache, renders everything. Returns the paths of the pages left as
/// they were because their inputs did not change.
pub fn incremental(
    site: &Site,
    theme: &mut Theme,
    images: &share::Images,
    cache: &mut fingerprint::RenderCache,
    sink: &Sink<'_>,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let jobs = plan::jobs(site);

    // The site view is the same on every page: serialize it once, as a global.
    let site_view = SiteView::new(site);
    theme.tera.global_context().insert("site", &site_view);
    let site_wide = {
        let mut h = crate::hashing::hasher();
        std::hash::Hash::hash(&serde_json::to_string(&site_view).unwrap_or_default(), &mut h);
        std::hash::Hash::hash(&theme.fingerprint, &mut h);
        // Pages from another version of rounds are never trusted: the executable's size and
        // time stand for its version (a fingerprint survives between runs in the manifest).
        let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
        std::hash::Hash::hash(&exe.map(|m| (m.len(), m.modified().ok())), &mut h);
        std::hash::Hash::hash(
            &format!("{:?}{:?}{:?}{}", site.config, site.authors.by_id, images, site.now),
            &mut h,
        );
        std::hash::Hasher::finish(&h)
    };
    let mut timer = crate::timing::StageTimer::new();
    let facts = fingerprint::Facts::new(site, site_wide);
    timer.lap("fingerprints");
    let theme = &*theme;
    let summaries = Summaries::new(site);
    // Per page: its path, fingerprint, whether it was rendered now, its sitemap entry when
    // that had to be worked out again, and a hash of that entry.
    type Done = Result<(String, u64, bool, Option<Option<sitemap::Entry>>, u64), Diagnostic>;
    let previous = &*cache;
    let results: Vec<Done> = jobs
        .par_iter()
        .map(|job| {
            let path = job_path(site, *job);
            let fp = facts.page(site, *job);
            let old = previous.get(&path);
            let same = old.is_some_and(|r| r.fp == fp);
            let (entry, entry_fp) = match old.and_then(|r| r.entry.as_ref()) {
                Some(known) if same => (None, crate::hashing::fingerprint(known)),
                _ => {
                    let entry = job_entry(site, &facts, *job);
                    let entry_fp = crate::hashing::fingerprint(&entry);
                    (Some(entry), entry_fp)
                }
            };
            if same {
                return Ok((path, fp, false, entry, entry_fp));
            }
            let file = render_job(site, theme, images, &summaries, *job)?;
            sink(OutputFile { path: path.clone(), bytes: file });
            Ok((path, fp, true, entry, entry_fp))
        })
        .collect();
    timer.lap("pages");

    cache.begin();
    let mut unchanged = Vec::new();
    // The sitemap changes only when an entry does (an edit to a body leaves it as it is).
    let mut sitemap_fp = hasher();
    site_wide.hash(&mut sitemap_fp);
    for r in results {
        match r {
            Ok((path, fp, rendered, entry, entry_fp)) => {
                entry_fp.hash(&mut sitemap_fp);
                let path = cache.set(path, fp, entry);
                if !rendered {
                    unchanged.push(path);
                }
            }
            Err(d) => diags.push(d),
        }
    }
    let sitemap_fp = sitemap_fp.finish();
    let item = |i: usize| facts.feed_item(site, i);
    let feeds = feeds::render_changed(
        site,
        diags,
        Some(&feeds::Skip { previous: cache, site: site_wide, item: &item }),
    );
    for (path, fp) in feeds.fingerprints {
        cache.set(path, fp, Some(None));
    }
    timer.lap("feeds");
    let sitemap_same = cache.get("sitemap.xml").is_some_and(|r| r.fp == sitemap_fp);
    cache.set("sitemap.xml".into(), sitemap_fp, Some(None));
    cache.forget_unset();
    let feed_paths: crate::hashing::Set<&str> = feeds
        .unchanged
        .iter()
        .chain(feeds.files.iter().map(|f| &f.path))
        .map(String::as_str)
        .collect();
    let taken = |path: &str| cache.contains(path) || feed_paths.contains(path);
    let redirects = redirect::render_all(site, &taken, diags);
    let mut files = feeds.files;
    unchanged.extend(feeds.unchanged);
    files.extend(redirects);
    if sitemap_same {
        unchanged.push("sitemap.xml".into());
    } else {
        let entries: Vec<sitemap::Entry> = cache.entries().cloned().collect();
        files.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap::render(&site.config, &entries),
        });
    }
    timer.lap("redirects+sitemap");
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: sitemap::robots(&site.config).into_bytes(),
    });
    if site.articles.iter().any(|a| a.body.has_code) || site.pages.iter().any(|p| p.body.has_code) {
        files.push(OutputFile {
            path: "code.css".into(),
            bytes: crate::markdown::code::css().into_bytes(),
        });
    }
    files.into_iter().for_each(sink);
    unchanged
}

/// A page's sitemap entry (absolute URL and last modification), without rendering it.
/// `None` for pages search engines should not index (404, previews of drafts).
fn job_entry(site: &Site, facts: &fingerprint::Facts, job: Job<'_>) -> Option<sitemap::Entry> {
    let c = &site.config;
    let per_page = c.per_page.max(1);
    let modified =
        |items: &mut dyn Iterator<Item = usize>| items.map(|i| site.articles[i].modified()).max();
    let lastmod = match job {
        Job::Home(n) => {
            modified(&mut (0..site.articles.len()).skip((n - 1) * per_page).take(per_page))
        }
        Job::Article(i) => {
            let a = &site.articles[i];
            if a.preview {
                return None;
            }
            Some(a.modified())
        }
        Job::Tag(t, _) => facts.tag_modified[t],
        Job::Author(id, _) => modified(&mut (0..site.articles.len()).filter(|&i| {
            let a = &site.articles[i];
            a.authors.iter().any(|x| x == id) || a.review.as_ref().is_some_and(|r| r.reviewer == id)
        })),
        Job::Tags | Job::Archive | Job::Feeds => site.newest_date(),
        Job::Corrections => site
            .corrections
            .first()
            .map(|l| site.articles[l.article].corrections[l.correction].date)
            .or(site.newest_date()),
        Job::Page(i) => site.pages[i].source.front.updated,
        Job::NotFound => return None,
    };
    Some(sitemap::Entry { url: c.absolute(&job_url(site, job)), lastmod })
}

fn render_job(
    site: &Site,
    theme: &Theme,
    images: &share::Images,
    summaries: &Summaries<'_>,
    job: Job<'_>,
) -> Result<Vec<u8>, Diagnostic> {
    let c = &site.config;
    let url = job_url(site, job);
    let root = c.base_path();
    let per_page = c.per_page.max(1);
    let mut context = Context::new();
    let page_of = |items: &[usize], n: usize| -> Vec<SummaryValue> {
        items.iter().skip((n - 1) * per_page).take(per_page).map(|&i| summaries.get(i)).collect()
    };
    let mut meta: PageMeta = match job {
        Job::Home(n) => {
            let all: Vec<usize> = (0..site.articles.len()).collect();
            let total = all.len().div_ceil(per_page).max(1);
            let title = if n == 1 { c.title.clone() } else { format!("Articles, page {n}") };
            let meta = PageMeta::new(c, "index", &title, &c.description, &url);
            let items = page_of(&all, n);
            insert(
                &mut context,
                "list",
                &ListView { articles: items, pagination: Pagination::new(root, n, total) },
            );
            meta
        }
        Job::Article(i) => {
            let a = &site.articles[i];
            let view = ArticleView::new(site, i);
            let mut meta = PageMeta::new(c, "article", a.title(), &a.description, &a.url);
            meta.has_code = a.body.has_code;
            meta.noindex = a.preview;
            insert(&mut context, "article", &view);
            meta
        }
        Job::Tag(t, n) => {
            let tag = &site.tags[t];
            let first = urls::tag(root, &tag.tag.slug);
            let total = tag.articles.len().div_ceil(per_page).max(1);
            let title =
                if n == 1 { tag.tag.name.clone() } else { format!("{}, page {n}", tag.tag.name) };
            let description = format!("Articles about {} on {}.", tag.tag.name, c.title);
            let mut meta = PageMeta::new(c, "tag", &title, &description, &url);
            let view = TagView {
                name: tag.tag.name.clone(),
                slug: tag.tag.slug.clone(),
                url: first.clone(),
                count: tag.articles.len(),
                rss: urls::rss(&first),
                atom: urls::atom(&first),
            };
            meta.alternate_feeds = vec![
                FeedLinkView {
                    title: format!("{}: {} (RSS)", c.title, tag.tag.name),
                    url: view.rss.clone(),
                    mime: "application/rss+xml",
                },
                FeedLinkView {
                    title: format!("{}: {} (Atom)", c.title, tag.tag.name),
                    url: view.atom.clone(),
                    mime: "application/atom+xml",
                },
            ];
            insert(&mut context, "tag", &view);
            insert(
                &mut context,
                "list",
                &ListView {
                    articles: page_of(&tag.articles, n),
                    pagination: Pagination::new(&first, n, total),
                },
            );
            meta
        }
        Job::Tags => {
            let meta =
                PageMeta::new(c, "tags", "Topics", &format!("Every topic on {}.", c.title), &url);
            #[derive(Serialize)]
            struct TagSummary {
                name: String,
                url: String,
                count: usize,
            }
            let tags: Vec<TagSummary> = site
                .tags
                .iter()
                .map(|t| TagSummary {
                    name: t.tag.name.clone(),
                    url: urls::tag(root, &t.tag.slug),
                    count: t.articles.len(),
                })
                .collect();
            insert(&mut context, "tags", &tags);
            meta
        }
        Job::Author(id, author) => {
            let person = PersonView::new(site, id);
            let written = site.articles_by(id);
            let reviewed: Vec<usize> = (0..site.articles.len())
                .filter(|&i| site.articles[i].review.as_ref().is_some_and(|r| r.reviewer == id))
                .collect();
            let description = match &author.role {
                Some(role) => format!(
                    "{}, {role}: biography, disclosures and articles.",
                    person.name_with_credentials
                ),
                None => format!(
                    "{}: biography, disclosures and articles.",
                    person.name_with_credentials
                ),
            };
            let meta = PageMeta::new(
                c,
                "author",
                &person.name_with_credentials,
                &description,
                &person.url,
            );
            let view = AuthorView {
                role: author.role.clone(),
                bio_html: author
                    .bio
                    .as_deref()
                    .map(crate::markdown::render_inline_block)
                    .unwrap_or_default(),
                disclosures: author.disclosures.clone().unwrap_or_default(),
                links: author
                    .links
                    .iter()
                    .map(|l| LinkView { title: l.title.clone(), url: l.url.clone() })
                    .collect(),
                email: author.email.clone(),
                articles: written.iter().map(|&i| summaries.get(i)).collect(),
                reviewed: reviewed.iter().map(|&i| summaries.get(i)).collect(),
                person,
            };
            insert(&mut context, "author", &view);
            meta
        }
        Job::Archive => {
            let meta = PageMeta::new(
                c,
                "archive",
                "Archive",
                &format!("Every article on {}, by year.", c.title),
                &url,
            );
            let years: Vec<YearView> = site
                .archive
                .iter()
                .map(|(year, items)| YearView {
                    year: *year,
                    articles: items.iter().map(|&i| summaries.get(i)).collect(),
                })
                .collect();
            insert(&mut context, "years", &years);
            meta
        }
        Job::Corrections => {
            let meta = PageMeta::new(
                c,
                "corrections",
                "Corrections",
                &format!("Every correction made to articles on {}, newest first.", c.title),
                &url,
            );
            let log: Vec<LoggedCorrectionView> = site
                .corrections
                .iter()
                .map(|l| {
                    let a = &site.articles[l.article];
                    let corr = &a.corrections[l.correction];
                    LoggedCorrectionView {
                        correction: CorrectionView {
                            date: DateView::new(corr.date),
                            anchor: corr.anchor.clone(),
                            html: corr.html.clone(),
                            text: corr.text.clone(),
                            inline: corr.inline,
                        },
                        article_title: a.title().to_string(),
                        url: format!("{}#{}", a.url, corr.anchor),
                    }
                })
                .collect();
            insert(&mut context, "corrections", &log);
            meta
        }
        Job::Feeds => feeds::page(site, &mut context),
        Job::Page(i) => {
            let p = &site.pages[i];
            let mut meta = PageMeta::new(c, "page", &p.source.front.title, &p.description, &p.url);
            meta.has_code = p.body.has_code;
            let view = ContentView {
                title: p.source.front.title.clone(),
                body_html: p.body.html.clone(),
                toc: p.body.toc.clone(),
                updated: p.source.front.updated.map(DateView::new),
            };
            insert(&mut context, "content", &view);
            meta
        }
        Job::NotFound => {
            let mut meta =
                PageMeta::new(c, "404", "Page not found", "This page does not exist.", &url);
            meta.noindex = true;
            meta
        }
    };
    if let Job::Corrections = job {
        meta.alternate_feeds.push(feeds::corrections_link(c));
    }
    let page = share::Page {
        title: &meta.title,
        description: &meta.description,
        permalink: &meta.permalink,
    };
    meta.share = share::view(site, images, job, &page);
    insert(&mut context, "page", &meta);
    Ok(theme.render(plan::template(job), &context)?.into_bytes())
}

fn insert<T: Serialize + ?Sized>(context: &mut Context, key: &'static str, value: &T) {
    context.insert(key, value);
}
