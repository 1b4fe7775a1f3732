//! `rounds` turns a physician's Markdown articles, with citations and correction notes, into a
//! static site that patients read in a browser and feed readers subscribe to.
//!
//! The pipeline runs in stages, each a plain function over the previous stage's output, in
//! the order of the modules below:
//!
//! ```text
//! config    site.yaml, authors.yaml                 -> Config, Authors
//! source    walk content/, split front matter        -> SourceTree        (parallel)
//! markdown  bodies                                   -> RenderedBody      (parallel)
//! site      articles, pages, authors                 -> Site
//! render    Site + Tera templates                    -> Vec<OutputFile>   (parallel)
//! output    files                                    -> disk (only what changed, atomically)
//! ```
//!
//! Every stage collects problems into [`diag::Diagnostics`] instead of stopping at the first;
//! [`build`] writes nothing when any of them is an error.

pub mod check;
pub mod cite;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diag;
pub mod editorial;
pub mod html;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod watch;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::{Authors, Config};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{NoHook, RenderedBody};
use crate::render::{OutputFile, Theme};
use crate::source::{ArticleSource, PageSource, SourceTree};

/// What a build needs to know, resolved from the command line.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The content folder.
    pub source: PathBuf,
    /// The theme folder; `None` uses the built-in default theme.
    pub theme: Option<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// Include drafts and future-dated articles.
    pub drafts: bool,
    /// Publish under another base URL than site.yaml's (a preview host, say).
    pub base_url: Option<String>,
    /// The build's "today": decides what is in the future and what is overdue.
    pub now: Date,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Everything found, sorted by file and position.
    pub diagnostics: Diagnostics,
    /// Files written, unchanged and removed (zero when errors stopped the build).
    pub write: output::WriteReport,
    /// HTML pages produced.
    pub pages: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl BuildReport {
    /// True when the build found errors and wrote nothing.
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }

    /// The one-line summary printed after a build.
    pub fn summary(&self) -> String {
        use diag::Severity::*;
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        if self.failed() {
            return format!(
                "build failed: {} error(s), {} warning(s); nothing was written ({ms:.0} ms)",
                self.diagnostics.count(Error),
                self.diagnostics.count(Warning)
            );
        }
        format!(
            "built {} pages: {} files written, {} unchanged, {} removed; {} warning(s) in {ms:.0} ms",
            self.pages,
            self.write.written,
            self.write.unchanged,
            self.write.removed,
            self.diagnostics.count(Warning),
        )
    }
}

/// Problems that stop a build before it can look at content: they are about how it was
/// called (exit code 2), not about the articles.
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    /// site.yaml cannot be read.
    #[error(
        "{0}\nhint: run rounds from your site's folder, or pass --source with the folder that holds site.yaml"
    )]
    Config(#[from] config::ConfigError),
    /// The output folder cannot be used.
    #[error("{0}")]
    Output(#[from] output::OutputError),
    /// Anything else about the options.
    #[error("{0}")]
    Options(String),
}

/// The display form of a folder given on the command line (relative paths stay relative).
fn display_dir(p: &Path) -> PathBuf {
    p.to_path_buf()
}

/// `ROUNDS_TIMINGS=1` prints the wall time of each stage to stderr, for the benchmark
/// (docs/performance.md). When unset it costs one environment lookup per build.
struct StageTimer {
    last: Option<Instant>,
}

impl StageTimer {
    fn new() -> StageTimer {
        let on = std::env::var_os("ROUNDS_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
        StageTimer { last: on.then(Instant::now) }
    }

    /// Prints the time since the previous lap under `stage`.
    fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!("timing: {stage:<16} {:8.1} ms", (now - last).as_secs_f64() * 1000.0);
            self.last = Some(now);
        }
    }
}

/// Reads and checks everything, then renders the site's files, without writing any.
///
/// This is `build` minus the write, so `rounds check` and tests can use it.
pub fn render_site(
    opts: &BuildOptions,
    diags: &mut Diagnostics,
) -> Result<Option<(site::Site, Vec<OutputFile>)>, UsageError> {
    let mut timer = StageTimer::new();
    let display = display_dir(&opts.source);
    let Some((mut config, config_file)) = Config::load(&opts.source, &display, diags)? else {
        return Ok(None);
    };
    if let Some(url) = &opts.base_url {
        config.base_url = format!("{}/", url.trim_end_matches('/'));
    }
    let authors = Authors::load(&opts.source, &display, diags);
    timer.lap("config");
    let tree = source::load_all(&opts.source, &display, diags);
    timer.lap("source");
    let bib = cite::Bibliography::load(&opts.source, &display, diags);
    bib.check(opts.now, diags);
    timer.lap("bibliography");
    let mut site = assemble(config, authors, tree.clone(), &bib, opts, diags);
    site.config_file = Some(config_file);
    timer.lap("markdown+site");
    editorial::check(&site, diags);
    timer.lap("editorial");
    let mut theme = match Theme::load(opts.theme.as_deref(), diags) {
        Some(t) => t,
        None => return Ok(None),
    };
    timer.lap("theme");
    let images = render::share::Images::resolve(
        &site,
        tree.assets.iter().chain(&theme.assets),
        &opts.source,
        &display,
        diags,
    );
    timer.lap("share images");
    let mut files = render::all(&site, &mut theme, &images, diags);
    timer.lap("render");
    files.push(OutputFile {
        path: "corrections.json".into(),
        bytes: editorial::corrections_json(&site),
    });
    files.extend(copy_assets(&theme.assets, diags));
    files.extend(theme.embedded.iter().cloned());
    files.extend(copy_assets(&tree.assets, diags));
    timer.lap("assets");
    Ok(Some((site, files)))
}

/// Renders the bodies and assembles the site model.
fn assemble(
    config: Config,
    authors: Authors,
    tree: SourceTree,
    bib: &cite::Bibliography,
    opts: &BuildOptions,
    diags: &mut Diagnostics,
) -> site::Site {
    // Drafts and future articles are not rendered at all unless asked for: a half-written
    // draft must never stop the published site from building.
    let publishable =
        |a: &ArticleSource| opts.drafts || !(a.front.draft || a.front.date > opts.now);
    let articles: Vec<(Arc<ArticleSource>, Arc<RenderedBody>, Vec<Diagnostic>)> = tree
        .articles
        .into_par_iter()
        .filter(publishable)
        .map(|a| {
            let (body, ds) = render_article(&a, bib, opts.now);
            (Arc::new(a), Arc::new(body), ds)
        })
        .collect();
    let mut bodies = Vec::with_capacity(articles.len());
    for (a, b, ds) in articles {
        diags.extend(ds);
        bodies.push((a, b));
    }
    let pages: Vec<(Arc<PageSource>, Arc<RenderedBody>)> = tree
        .pages
        .into_par_iter()
        .map(|p| {
            let body = markdown::render(p.body(), p.split.body_offset, &mut NoHook);
            (Arc::new(p), Arc::new(body))
        })
        .collect();
    let assemble_opts = site::AssembleOptions { now: opts.now, drafts: opts.drafts };
    site::assemble(config, authors, bodies, pages, assemble_opts, diags)
}

/// Renders one article's body with its citations; returns it with the problems found in it.
pub fn render_article(
    a: &ArticleSource,
    bib: &cite::Bibliography,
    now: Date,
) -> (RenderedBody, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let local =
        cite::ArticleBibliography::new(bib, &a.file, a.yaml(), a.split.yaml.start, &mut diags);
    local.check(now, &mut diags);
    let mut citer = cite::Citer::new(&local, &a.file);
    let mut body = markdown::render(a.body(), a.split.body_offset, &mut citer);
    let (cited, cite_diags) = citer.finish();
    diags.extend(cite_diags);
    body.references_html = cited.render_list_html();
    body.references = cited.entries.iter().map(cite::FormattedReference::to_cited_source).collect();
    for p in &body.diagnostics {
        diags.push(
            Diagnostic::error("correction.inline_date", p.message.clone())
                .at(&a.file, p.span)
                .with_help(p.help.clone()),
        );
    }
    (body, diags.into_vec())
}

/// Reads files to copy as they are.
fn copy_assets(assets: &[source::Asset], diags: &mut Diagnostics) -> Vec<OutputFile> {
    let read: Vec<Result<OutputFile, Diagnostic>> = assets
        .par_iter()
        .map(|a| {
            std::fs::read(&a.src).map(|bytes| OutputFile { path: a.out.clone(), bytes }).map_err(
                |e| {
                    Diagnostic::error("source.unreadable", format!("cannot read this file: {e}"))
                        .in_path(&a.src)
                },
            )
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => out.push(f),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// Checks that `--out` cannot destroy the source, the theme or the system.
pub fn check_out_dir(opts: &BuildOptions) -> Result<(), UsageError> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Canonicalize what exists, keep the rest as written.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut c = existing.canonicalize().unwrap_or(existing);
        for name in rest.into_iter().rev() {
            c.push(name);
        }
        c
    };
    let out = abs(&opts.out);
    let refuse = |why: &str| {
        Err(UsageError::Options(format!(
            "refusing to use {} as the output folder: {why}; choose another folder with --out, like --out public",
            opts.out.display()
        )))
    };
    if out.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if out == home {
            return refuse("it is your home folder");
        }
    }
    let mut protected = vec![("the content folder", opts.source.clone())];
    if let Some(theme) = &opts.theme {
        protected.push(("the theme folder", theme.clone()));
    }
    for (what, dir) in protected {
        let dir = abs(&dir);
        if out == dir || dir.starts_with(&out) {
            return refuse(&format!("it holds {what}"));
        }
        if out.starts_with(&dir) {
            return refuse(&format!("it is inside {what}"));
        }
    }
    Ok(())
}

/// Builds the site: reads, checks, renders and, when there is no error, writes.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, UsageError> {
    let start = Instant::now();
    let mut timer = StageTimer::new();
    check_out_dir(opts)?;
    output::check_ownership(&opts.out)?;
    timer.lap("output checks");
    let mut diags = Diagnostics::new();
    let rendered = render_site(opts, &mut diags)?;
    timer = StageTimer::new();
    let mut report = BuildReport::default();
    if let Some((site, files)) = rendered {
        if let Ok(previous) = std::fs::read(opts.out.join("corrections.json")) {
            editorial::check_vanished_corrections(&site, &previous, &mut diags);
        }
        report.pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        timer.lap("vanished check");
        if !diags.has_errors() {
            report.write = output::write(&opts.out, files)?;
        }
        timer.lap("write");
    }
    diags.sort();
    report.diagnostics = diags;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// The build's "today": `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock's
/// date in UTC.
pub fn today() -> Result<Date, UsageError> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            UsageError::Options(format!(
                "SOURCE_DATE_EPOCH must be a number of seconds, not \"{epoch}\""
            ))
        })?;
        let ts = jiff::Timestamp::from_second(seconds)
            .map_err(|e| UsageError::Options(format!("SOURCE_DATE_EPOCH is out of range: {e}")))?;
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date())
}
