//! Session: everything read and rendered so far, kept between builds so that watch mode redoes
//! only what a change touches.
//!
//! Input: the build options, then batches of changed paths. Output: the site's files, written
//! to disk (only the ones whose bytes changed), and the findings of each build.
//!
//! What a change redoes:
//!
//! | path                         | what is redone                                                |
//! |------------------------------|---------------------------------------------------------------|
//! | `site.yaml`                  | everything (all caches dropped)                               |
//! | `authors.yaml`               | authors; bodies are kept                                      |
//! | `references.*`               | the bibliography; only bodies citing a changed item re-render |
//! | `articles/**.md`, `pages/*.md` | that file, if its bytes changed                             |
//! | static files                 | the list of files to copy                                     |
//! | theme templates              | the templates; bodies are kept                                |
//!
//! Then the site model is assembled again: articles whose source and body did not change are
//! taken from the last assemble as they were, so only the edited ones are resolved. Every
//! page's inputs are fingerprinted ([`render::fingerprint`]) and only pages whose fingerprint
//! changed are rendered; [`output::write_in_place`] writes only files whose bytes differ. The
//! listings that an edited title or tag touches are therefore always right, with no
//! dependency graph to get wrong: the test suite checks after a series of edits that the
//! watched output is byte-identical to a fresh build.
//!
//! `rounds build` is a session's first build, written with [`output::write`]'s staged swap.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use rayon::prelude::*;

use crate::cache;
use crate::cite::Bibliography;
use crate::config::{Authors, Config};
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::hashing::{fingerprint, hasher};
use crate::markdown::{self, NoHook, RenderedBody};
use crate::options::{BuildOptions, UsageError};
use crate::output;
use crate::output::OutputFile;
use crate::progress::Stage;
use crate::render::Theme;
use crate::report::BuildReport;
use crate::site::{self, Site};
use crate::source::{self, ArticleSource, Kind, PageSource};
use crate::timing::StageTimer;
use crate::{editorial, render};

/// An article as cached: its parse, and its rendered body with what the body depends on.
#[derive(Clone, Debug)]
struct ArticleEntry {
    /// Hash of the file's text.
    hash: u64,
    parsed: Result<Arc<ArticleSource>, Diagnostic>,
    rendered: Option<RenderedArticle>,
}

#[derive(Clone, Debug)]
struct RenderedArticle {
    body: Arc<RenderedBody>,
    diagnostics: Vec<Diagnostic>,
    /// Fingerprint of the bibliography items it cites (re-rendered when it changes).
    cites_fp: u64,
    /// It cited a key the bibliography did not have (re-rendered on any bibliography change).
    had_unknown_key: bool,
}

#[derive(Clone, Debug)]
struct PageEntry {
    hash: u64,
    parsed: Result<(Arc<PageSource>, Arc<RenderedBody>), Diagnostic>,
}

/// An article file as read: gone, or its hash (0 when unreadable) and parse.
enum Read {
    Gone,
    Parsed(u64, Box<Result<ArticleSource, Diagnostic>>),
}

/// A file to copy, as read (and stripped of photo metadata) at a stamp.
#[derive(Clone, Debug)]
struct CachedAsset {
    stamp: Option<(u64, std::time::SystemTime)>,
    file: Result<OutputFile, Diagnostic>,
    warning: Option<Diagnostic>,
}

/// What the site is made of, kept between builds.
pub struct Session {
    opts: BuildOptions,
    display: PathBuf,
    source_root: PathBuf,
    theme_root: Option<PathBuf>,
    config: Option<(Config, SourceText)>,
    config_diags: Vec<Diagnostic>,
    authors: Authors,
    authors_diags: Vec<Diagnostic>,
    bib: Bibliography,
    bib_diags: Vec<Diagnostic>,
    theme: Option<Theme>,
    theme_diags: Vec<Diagnostic>,
    listing: source::Listing,
    articles: BTreeMap<PathBuf, ArticleEntry>,
    pages: BTreeMap<PathBuf, PageEntry>,
    assets: BTreeMap<(PathBuf, String), CachedAsset>,
    /// Hash of every file last written (watch mode's incremental writes).
    written: crate::hashing::Map<String, u64>,
    /// The corrections log last written, to notice a correction that vanished.
    last_corrections: Option<Vec<u8>>,
    /// What each page was last rendered from.
    render_cache: render::fingerprint::RenderCache,
    /// Hash every file written (watch mode needs them to compare later renders).
    pub keep_hashes: bool,
    /// Bodies rendered since the build cache was read or written.
    fresh_bodies: usize,
    /// The articles of the last site assembled, in their order on the site: the next assemble
    /// takes those whose source and body are still the same instead of resolving them again
    /// (10,000 of them take ~15 ms to resolve, and as much to sort from scratch).
    assembled: Vec<site::Article>,
    /// Each article's and page's privacy findings, checked again only when it changed.
    privacy: crate::check::patients::Cache,
}

/// What one rebuild did.
#[derive(Debug)]
pub struct RebuildReport {
    /// The build report (diagnostics, counts, time).
    pub report: BuildReport,
    /// Output paths written or removed.
    pub outputs: Vec<String>,
}

impl Session {
    /// Reads everything the site is made of. Fails only when site.yaml cannot be read.
    pub fn load(opts: &BuildOptions) -> Result<Session, UsageError> {
        let display = opts.source.clone();
        let mut s = Session {
            opts: opts.clone(),
            source_root: output::absolute(&opts.source),
            theme_root: opts.theme.as_deref().map(output::absolute),
            display,
            config: None,
            config_diags: Vec::new(),
            authors: Authors::default(),
            authors_diags: Vec::new(),
            bib: Bibliography::default(),
            bib_diags: Vec::new(),
            theme: None,
            theme_diags: Vec::new(),
            listing: source::Listing::default(),
            articles: BTreeMap::new(),
            pages: BTreeMap::new(),
            assets: BTreeMap::new(),
            // What an earlier run wrote, so a first rebuild can remove what is no longer made;
            // the hashes are unknown, so each of these files is written again once.
            written: output::read_manifest(&opts.out).into_iter().map(|p| (p, 0)).collect(),
            last_corrections: std::fs::read(opts.out.join("corrections.json")).ok(),
            // Pages rendered by an earlier build, with what they were rendered from: a build
            // with nothing changed renders none of them again.
            render_cache: render::fingerprint::RenderCache::from_fingerprints(
                output::read_fingerprints(&opts.out),
            ),
            keep_hashes: false,
            fresh_bodies: 0,
            assembled: Vec::new(),
            privacy: Default::default(),
        };
        let mut timer = StageTimer::new();
        s.load_config()?;
        s.load_authors();
        s.load_bibliography();
        s.load_theme();
        timer.lap("config");
        s.relist();
        let articles = s.listing.articles.clone();
        let pages = s.listing.pages.clone();
        s.read_articles(&articles);
        s.read_pages(&pages);
        timer.lap("source");
        s.reuse_cached_bodies();
        timer.lap("cache");
        s.render_bodies(|_, _| false);
        timer.lap("markdown");
        Ok(s)
    }

    fn load_config(&mut self) -> Result<(), UsageError> {
        let outside = source::settings_outside(&self.opts.source, &self.display, &["site.yaml"]);
        if !outside.is_empty() {
            self.config = None;
            self.config_diags = outside;
            return Ok(());
        }
        let mut diags = Diagnostics::new();
        self.config = Config::load(&self.opts.source, &self.display, &mut diags)?;
        if let (Some((config, _)), Some(url)) = (&mut self.config, &self.opts.base_url) {
            config.base_url = format!("{}/", url.trim_end_matches('/'));
        }
        self.config_diags = diags.into_vec();
        Ok(())
    }

    fn load_authors(&mut self) {
        let outside = source::settings_outside(&self.opts.source, &self.display, &["authors.yaml"]);
        if !outside.is_empty() {
            self.authors = Authors::default();
            self.authors_diags = outside;
            return;
        }
        let mut diags = Diagnostics::new();
        self.authors = Authors::load(&self.opts.source, &self.display, &mut diags);
        self.authors_diags = diags.into_vec();
    }

    fn load_bibliography(&mut self) {
        let names = ["references.yaml", "references.yml", "references.json", "references.bib"];
        let outside = source::settings_outside(&self.opts.source, &self.display, &names);
        if !outside.is_empty() {
            self.bib = Bibliography::default();
            self.bib_diags = outside;
            return;
        }
        let mut diags = Diagnostics::new();
        self.bib = Bibliography::load(&self.opts.source, &self.display, &mut diags);
        self.bib.check(self.opts.now, &mut diags);
        self.bib_diags = diags.into_vec();
    }

    fn load_theme(&mut self) {
        let mut diags = Diagnostics::new();
        self.theme = Theme::load(self.opts.theme.as_deref(), &mut diags);
        self.theme_diags = diags.into_vec();
    }

    fn relist(&mut self) {
        self.listing = source::list(&self.opts.source, &self.display);
    }

    fn publishable(&self, a: &ArticleSource) -> bool {
        self.opts.drafts || !(a.front.draft || a.front.date > self.opts.now)
    }

    /// Reads and parses articles; keeps the rendered body of any whose bytes did not change.
    fn read_articles(&mut self, rels: &[PathBuf]) {
        let (source, display) = (&self.opts.source, &self.display);
        let progress = &self.opts.progress;
        progress.stage(Stage::Reading, Some(rels.len()));
        let read: Vec<(PathBuf, Read)> = rels
            .par_iter()
            .map(|rel| {
                let path = source.join(rel);
                let read = match source::read_text(&path, &display.join(rel)) {
                    Ok(file) => {
                        let hash = fingerprint(&*file.text);
                        Read::Parsed(hash, Box::new(source::parse_article(file, rel, hash)))
                    }
                    Err(_) if !path.exists() => Read::Gone,
                    Err(d) => Read::Parsed(0, Box::new(Err(d))),
                };
                progress.advance(1);
                (rel.clone(), read)
            })
            .collect();
        for (rel, read) in read {
            match read {
                Read::Gone => {
                    self.articles.remove(&rel);
                }
                Read::Parsed(hash, parsed) => {
                    if self.articles.get(&rel).is_some_and(|e| e.hash == hash && hash != 0) {
                        continue;
                    }
                    let entry =
                        ArticleEntry { hash, parsed: (*parsed).map(Arc::new), rendered: None };
                    self.articles.insert(rel, entry);
                }
            }
        }
    }

    fn read_pages(&mut self, rels: &[PathBuf]) {
        for rel in rels {
            let path = self.opts.source.join(rel);
            if !path.exists() {
                self.pages.remove(rel);
                continue;
            }
            let file = source::read_text(&path, &self.display.join(rel));
            let hash = file.as_ref().map_or(0, |f| fingerprint(&*f.text));
            if self.pages.get(rel).is_some_and(|e| e.hash == hash && hash != 0) {
                continue;
            }
            let parsed = file.and_then(|f| source::parse_page(f, rel)).map(|p| {
                let body = markdown::render(p.body(), p.split.body_offset, &mut NoHook);
                (Arc::new(p), Arc::new(body))
            });
            self.pages.insert(rel.clone(), PageEntry { hash, parsed });
        }
    }

    /// Takes the bodies an earlier build rendered from exactly the same inputs.
    fn reuse_cached_bodies(&mut self) {
        let mut cached = cache::load(&self.opts.out, self.opts.now);
        if cached.is_empty() {
            return;
        }
        let bib_fp = cache::fingerprint(&self.bib);
        for (rel, e) in &mut self.articles {
            let Ok(a) = &e.parsed else { continue };
            let Some(c) = cached.remove(rel.to_string_lossy().as_ref()) else { continue };
            if !c.still_valid(e.hash, &self.bib, bib_fp) {
                continue;
            }
            if let Some((key, found)) = c.privacy(&a.file) {
                self.privacy.insert(rel.clone(), key, found);
            }
            let diagnostics = c.diagnostics(&a.file);
            let had_unknown_key = diagnostics.iter().any(|d| d.code == "cite.unknown_key");
            let cites_fp = cites_fingerprint(&self.bib, &c.body);
            e.rendered = Some(RenderedArticle {
                body: Arc::new(c.body),
                diagnostics,
                cites_fp,
                had_unknown_key,
            });
        }
    }

    /// Writes the rendered bodies to the build cache, when some were rendered since it was read
    /// and the build was a rebuild: a first build into an empty folder writes no cache (it
    /// would only slow it down; the next build writes it).
    fn save_cache(&mut self, first_build: bool) {
        let fresh_privacy = self.privacy.take_fresh();
        if first_build
            || (self.fresh_bodies == 0
                && fresh_privacy == 0
                && cache::path_for(&self.opts.out).exists())
        {
            return;
        }
        let entries: Vec<cache::EntryRef<'_>> = self
            .articles
            .iter()
            .filter_map(|(rel, e)| {
                let r = e.rendered.as_ref()?;
                let entry = cache::EntryRef::new(rel, e.hash, &r.body, &r.diagnostics, &self.bib);
                Some(entry.with_privacy(self.privacy.get(rel)))
            })
            .collect();
        cache::save(&self.opts.out, self.opts.now, &entries);
        self.fresh_bodies = 0;
    }

    /// Renders the bodies that have none yet, or for which `stale` says so.
    fn render_bodies(&mut self, stale: impl Fn(&Bibliography, &RenderedArticle) -> bool + Sync) {
        let bib = &self.bib;
        let now = self.opts.now;
        let source_root = &self.source_root;
        let todo: Vec<(PathBuf, Arc<ArticleSource>)> = self
            .articles
            .iter()
            .filter_map(|(rel, e)| {
                let a = e.parsed.as_ref().ok()?;
                if !self.publishable(a) {
                    return None;
                }
                match &e.rendered {
                    Some(r) if !stale(bib, r) => None,
                    _ => Some((rel.clone(), a.clone())),
                }
            })
            .collect();
        let progress = &self.opts.progress;
        progress.stage(Stage::Rendering, Some(todo.len()));
        let done: Vec<(PathBuf, RenderedArticle)> = todo
            .par_iter()
            .map(|(rel, a)| {
                let (body, diagnostics) = crate::body::render_article(a, bib, now, source_root);
                let had_unknown_key = diagnostics.iter().any(|d| d.code == "cite.unknown_key");
                let cites_fp = cites_fingerprint(bib, &body);
                progress.advance(1);
                (
                    rel.clone(),
                    RenderedArticle {
                        body: Arc::new(body),
                        diagnostics,
                        cites_fp,
                        had_unknown_key,
                    },
                )
            })
            .collect();
        self.fresh_bodies += done.len();
        for (rel, r) in done {
            if let Some(e) = self.articles.get_mut(&rel) {
                e.rendered = Some(r);
            }
        }
    }

    /// Updates the caches for a batch of changed paths (absolute or relative to the working
    /// folder). Fails only when site.yaml can no longer be read.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<(), UsageError> {
        let mut reload_config = false;
        let mut reload_authors = false;
        let mut reload_bib = false;
        let mut reload_theme = false;
        let mut relist = false;
        let mut articles = Vec::new();
        let mut pages = Vec::new();
        for path in changed {
            // `absolute` resolves links: a new link in the content folder to a file outside it
            // resolves outside, and is never read; the listing reports it.
            let abs = output::absolute(path);
            let folder = path.parent().map(output::absolute);
            if !abs.starts_with(&self.source_root)
                && folder.is_some_and(|dir| dir.starts_with(&self.source_root))
            {
                relist = true;
                continue;
            }
            if let Ok(rel) = abs.strip_prefix(&self.source_root) {
                match source::classify(rel) {
                    Kind::Config => match rel.to_str() {
                        Some("site.yaml") => reload_config = true,
                        Some("authors.yaml") => reload_authors = true,
                        _ => reload_bib = true,
                    },
                    Kind::Article => {
                        articles.push(rel.to_path_buf());
                        relist |= !self.articles.contains_key(rel);
                    }
                    Kind::Page => {
                        pages.push(rel.to_path_buf());
                        relist |= !self.pages.contains_key(rel);
                    }
                    Kind::Asset(_) => relist = true,
                    // A folder appeared or vanished (a rename of a whole folder, say).
                    Kind::Ignored => relist |= abs.is_dir() || !abs.exists(),
                }
            } else if let Some(theme) = &self.theme_root {
                if abs.starts_with(theme) {
                    reload_theme = true;
                }
            }
        }
        if reload_config {
            // Everything may depend on site.yaml: start over, keeping what was written.
            let mut fresh = Session::load(&self.opts)?;
            fresh.written = std::mem::take(&mut self.written);
            fresh.last_corrections = self.last_corrections.take().or(fresh.last_corrections);
            fresh.keep_hashes = self.keep_hashes;
            *self = fresh;
            return Ok(());
        }
        if reload_authors {
            self.load_authors();
            self.assembled.clear();
        }
        if reload_theme {
            self.load_theme();
        }
        if relist {
            self.relist();
            // Files that appeared or vanished with a folder.
            let listed: BTreeSet<&PathBuf> = self.listing.articles.iter().collect();
            let gone: Vec<PathBuf> =
                self.articles.keys().filter(|k| !listed.contains(k)).cloned().collect();
            let new: Vec<PathBuf> = self
                .listing
                .articles
                .iter()
                .filter(|k| !self.articles.contains_key(*k))
                .cloned()
                .collect();
            articles.extend(gone);
            articles.extend(new);
            let listed: BTreeSet<&PathBuf> = self.listing.pages.iter().collect();
            let gone: Vec<PathBuf> =
                self.pages.keys().filter(|k| !listed.contains(k)).cloned().collect();
            let new: Vec<PathBuf> = self
                .listing
                .pages
                .iter()
                .filter(|k| !self.pages.contains_key(*k))
                .cloned()
                .collect();
            pages.extend(gone);
            pages.extend(new);
        }
        articles.sort();
        articles.dedup();
        self.read_articles(&articles);
        self.read_pages(&pages);
        if reload_bib {
            self.load_bibliography();
            self.render_bodies(|bib, r| {
                r.had_unknown_key || cites_fingerprint(bib, &r.body) != r.cites_fp
            });
        } else {
            self.render_bodies(|_, _| false);
        }
        Ok(())
    }

    /// Assembles and renders the whole site from the caches. `None` when the configuration or
    /// the theme is too broken to render anything (the reasons are in `diags`).
    pub fn render(&mut self, diags: &mut Diagnostics) -> Option<(Site, Vec<OutputFile>)> {
        self.render_cache.clear();
        let rendered = self.render_collected(diags);
        self.render_cache.commit();
        let (site, files, _) = rendered?;
        Some((site, files))
    }

    /// Renders what changed into a list of files; also returns the unchanged pages' paths.
    fn render_collected(
        &mut self,
        diags: &mut Diagnostics,
    ) -> Option<(Site, Vec<OutputFile>, Vec<String>)> {
        let files = Mutex::new(Vec::new());
        let sink = |f: OutputFile| files.lock().unwrap_or_else(PoisonError::into_inner).push(f);
        let (site, unchanged) = self.render_changed(diags, &sink)?;
        Some((site, files.into_inner().unwrap_or_else(PoisonError::into_inner), unchanged))
    }

    /// Keeps what the render cache learned once its files are written. When writing failed
    /// part-way, some files are new and some old: every page is rendered again next time.
    fn settle_render_cache<T>(
        &mut self,
        written: Result<T, output::OutputError>,
    ) -> Result<T, UsageError> {
        match written {
            Ok(w) => {
                self.render_cache.commit();
                Ok(w)
            }
            Err(e) => {
                self.render_cache.clear();
                Err(e.into())
            }
        }
    }

    /// Keeps the articles of an assembled site for the next assemble.
    fn keep_assembled(&mut self, mut articles: Vec<site::Article>) {
        articles.retain(site::Article::reusable);
        self.assembled = articles;
    }

    /// Assembles the site and renders the pages whose inputs changed since the last render,
    /// handing each file to `sink`; returns the paths of the pages left as they were.
    fn render_changed(
        &mut self,
        diags: &mut Diagnostics,
        sink: &render::Sink<'_>,
    ) -> Option<(Site, Vec<String>)> {
        let mut timer = StageTimer::new();
        diags.extend(self.config_diags.iter().cloned());
        diags.extend(self.authors_diags.iter().cloned());
        diags.extend(self.bib_diags.iter().cloned());
        diags.extend(self.theme_diags.iter().cloned());
        diags.extend(self.listing.diagnostics.iter().cloned());
        let (config, config_file) = self.config.clone()?;
        let mut fresh = Vec::new();
        let mut sources: Vec<&ArticleSource> = Vec::with_capacity(self.articles.len());
        // The last assembled articles, by the address of their source (held by the article,
        // so no other source can have it).
        let mut assembled = std::mem::take(&mut self.assembled);
        let by_source: crate::hashing::Map<usize, usize> = assembled
            .iter()
            .enumerate()
            .map(|(i, a)| (Arc::as_ptr(&a.source) as usize, i))
            .collect();
        let mut reuse = vec![false; assembled.len()];
        for e in self.articles.values() {
            match &e.parsed {
                Err(d) => diags.push(d.clone()),
                Ok(a) => {
                    sources.push(a);
                    if let Some(r) = &e.rendered {
                        diags.extend(r.diagnostics.iter().cloned());
                        match by_source.get(&(Arc::as_ptr(a) as usize)) {
                            Some(&i) if Arc::ptr_eq(&assembled[i].body, &r.body) => reuse[i] = true,
                            _ => fresh.push((a.clone(), r.body.clone())),
                        }
                    }
                }
            }
        }
        let mut reuse = reuse.into_iter();
        assembled.retain(|_| reuse.next().unwrap_or(false));
        source::check_unique_slugs(sources.iter().copied(), diags);
        let assets = source::place_assets(
            &self.opts.source,
            &self.display,
            &self.listing.loose_assets,
            &sources,
            diags,
        );
        let mut pages = Vec::with_capacity(self.pages.len());
        for e in self.pages.values() {
            match &e.parsed {
                Err(d) => diags.push(d.clone()),
                Ok(p) => {
                    diags.extend(p.1.diagnostics.iter().map(|d| d.diagnostic(&p.0.file)));
                    pages.push(p.clone());
                }
            }
        }
        timer.lap("sources");
        let assemble_opts = site::AssembleOptions { now: self.opts.now, drafts: self.opts.drafts };
        let mut site = site::assemble(
            config,
            self.authors.clone(),
            fresh,
            assembled,
            pages,
            assemble_opts,
            diags,
        );
        site.config_file = Some(config_file);
        timer.lap("assemble");
        editorial::check(&site, diags);
        crate::check::build_checks(&site, diags);
        self.privacy.check(&site, diags);
        timer.lap("editorial");
        let corrections_log = editorial::corrections_json(&site);
        if let Some(previous) = self.last_corrections.as_ref().filter(|p| **p != corrections_log) {
            editorial::check_vanished_corrections(&site, previous, diags);
        }
        let theme = self.theme.as_mut()?;
        let mut all_assets: Vec<source::Asset> = self.listing.assets.clone();
        all_assets.extend(assets);
        all_assets.sort();
        let images = render::share::Images::resolve(
            &site,
            all_assets.iter().chain(&theme.assets),
            &self.opts.source,
            &self.display,
            diags,
        );
        let unchanged =
            render::incremental(&site, theme, &images, &mut self.render_cache, sink, diags);
        sink(OutputFile { path: "corrections.json".into(), bytes: corrections_log });
        theme.embedded.iter().cloned().for_each(sink);
        let theme_assets = theme.assets.clone();
        self.copy_assets(theme_assets.iter().chain(&all_assets), diags).into_iter().for_each(sink);
        timer.lap("render+write");
        Some((site, unchanged))
    }

    /// Reads the files to copy, re-reading only those whose size or time changed. JPEGs and
    /// PNGs lose their hidden metadata (GPS position, dates, camera serials) on the way.
    fn copy_assets<'a>(
        &mut self,
        assets: impl Iterator<Item = &'a source::Asset>,
        diags: &mut Diagnostics,
    ) -> Vec<OutputFile> {
        let assets: Vec<&source::Asset> = assets.collect();
        let keep: BTreeSet<(&PathBuf, &String)> = assets.iter().map(|a| (&a.src, &a.out)).collect();
        self.assets.retain(|(src, out), _| keep.contains(&(src, out)));
        let stale: Vec<(&source::Asset, Option<(u64, std::time::SystemTime)>)> = assets
            .iter()
            .map(|a| {
                let stamp = std::fs::metadata(&a.src)
                    .ok()
                    .and_then(|m| Some((m.len(), m.modified().ok()?)));
                (*a, stamp)
            })
            .filter(|(a, stamp)| {
                let key = (a.src.clone(), a.out.clone());
                !self.assets.get(&key).is_some_and(|c| c.stamp.is_some() && c.stamp == *stamp)
            })
            .collect();
        let fresh: Vec<((PathBuf, String), CachedAsset)> = stale
            .par_iter()
            .map(|(a, stamp)| {
                let read = std::fs::read(&a.src).map_err(|e| {
                    Diagnostic::error("source.unreadable", format!("cannot read this file: {e}"))
                        .in_path(&a.src)
                });
                let (file, warning) = match read {
                    Ok(bytes) => {
                        let (bytes, warning) =
                            crate::check::metadata::strip_asset(&a.src, &a.out, bytes);
                        (Ok(OutputFile { path: a.out.clone(), bytes }), warning)
                    }
                    Err(d) => (Err(d), None),
                };
                ((a.src.clone(), a.out.clone()), CachedAsset { stamp: *stamp, file, warning })
            })
            .collect();
        self.assets.extend(fresh);
        let mut out = Vec::with_capacity(assets.len());
        for a in assets {
            let Some(c) = self.assets.get(&(a.src.clone(), a.out.clone())) else { continue };
            diags.extend(c.warning.clone());
            match &c.file {
                Ok(f) => out.push(f.clone()),
                Err(d) => diags.push(d.clone()),
            }
        }
        out
    }

    /// A full build: renders everything and writes it with the staged swap (`rounds build`),
    /// file by file as pages are rendered, so the site is never held in memory whole.
    pub fn build(&mut self) -> Result<BuildReport, UsageError> {
        let start = Instant::now();
        let mut diags = Diagnostics::new();
        let first_build = !self.opts.out.join(output::MANIFEST).is_file();
        let writer = output::StagedWriter::begin(&self.opts.out)?;
        let seen = Mutex::new(crate::hashing::Map::default());
        let corrections = Mutex::new(None);
        let progress = self.opts.progress.clone();
        let sink = |f: OutputFile| {
            if f.path == "corrections.json" {
                *corrections.lock().unwrap_or_else(PoisonError::into_inner) = Some(f.bytes.clone());
            }
            seen.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(f.path.clone(), fingerprint(&f.bytes[..]));
            writer.put(f);
            progress.advance(1);
        };
        progress.stage(Stage::Writing, None);
        let rendered = self.render_changed(&mut diags, &sink);
        let mut seen = seen.into_inner().unwrap_or_else(PoisonError::into_inner);
        let mut report = BuildReport {
            pages: seen.keys().filter(|p| p.ends_with(".html")).count(),
            ..BuildReport::default()
        };
        if let Some((_, unchanged)) = rendered.as_ref().filter(|_| !diags.has_errors()) {
            let mut timer = StageTimer::new();
            for path in unchanged {
                writer.keep(path);
            }
            report.pages += unchanged.iter().filter(|p| p.ends_with(".html")).count();
            let finished = writer.finish(&|p| self.render_cache.fingerprint(p));
            report.write = self.settle_render_cache(finished)?;
            timer.lap("swap");
            // Kept pages are on disk as an earlier build wrote them; their hash is unknown (0),
            // so watch mode writes them again the first time it renders them.
            seen.extend(unchanged.iter().map(|p| (p.clone(), 0)));
            self.written = seen;
            self.last_corrections =
                corrections.into_inner().unwrap_or_else(PoisonError::into_inner);
            self.save_cache(first_build);
            timer.lap("cache");
        } else {
            // Nothing was written: the next rebuild must render every page again.
            writer.abandon();
            self.render_cache.clear();
        }
        if let Some((site, _)) = rendered.filter(|_| self.keep_hashes) {
            // Watch mode: the next rebuild reuses the articles.
            self.keep_assembled(site.articles);
        }
        diags.sort();
        report.diagnostics = diags;
        report.elapsed = start.elapsed();
        Ok(report)
    }

    /// How many articles and pages the privacy check scanned in this session; the others
    /// were unchanged and their findings reused.
    pub fn privacy_scans(&self) -> usize {
        self.privacy.scanned()
    }

    /// Applies a batch of changes, renders, and writes only the files whose bytes changed.
    /// A content error writes nothing and keeps the last good output.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, UsageError> {
        let start = Instant::now();
        let mut timer = StageTimer::new();
        self.apply(changed)?;
        timer.lap("apply");
        let mut diags = Diagnostics::new();
        let rendered = self.render_collected(&mut diags);
        timer.lap("render");
        let mut report = BuildReport::default();
        let mut outputs = Vec::new();
        if let Some((site, files, unchanged)) = rendered {
            if diags.has_errors() {
                // Nothing is written: the pages on disk are still the last good ones.
                self.render_cache.rollback();
            } else {
                report.pages = files.iter().filter(|f| f.path.ends_with(".html")).count()
                    + unchanged.iter().filter(|p| p.ends_with(".html")).count();
                let written = output::write_in_place(
                    &self.opts.out,
                    &files,
                    &unchanged,
                    &|p| self.render_cache.fingerprint(p),
                    &mut self.written,
                );
                let (write, changed) = self.settle_render_cache(written)?;
                timer.lap("write");
                report.write = write;
                outputs = changed;
                self.last_corrections =
                    files.iter().find(|f| f.path == "corrections.json").map(|f| f.bytes.clone());
            }
            self.keep_assembled(site.articles);
        } else {
            self.render_cache.rollback();
        }
        diags.sort();
        report.diagnostics = diags;
        report.elapsed = start.elapsed();
        Ok(RebuildReport { report, outputs })
    }
}

/// A fingerprint of the bibliography items an article cites.
fn cites_fingerprint(bib: &Bibliography, body: &RenderedBody) -> u64 {
    let mut h = hasher();
    for r in body.references.iter() {
        r.key.hash(&mut h);
        bib.fingerprint(&r.key).hash(&mut h);
    }
    h.finish()
}
