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

pub mod cache;
pub mod check;
pub mod cite;
pub mod cli;
pub mod completions;
pub mod config;
pub mod dates;
pub mod diag;
pub mod editor;
pub mod editorial;
mod hashing;
pub mod html;
pub mod man;
pub mod markdown;
pub mod output;
pub mod progress;
pub mod publish;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod session;
pub mod site;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod version;
pub mod watch;
pub mod yaml;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::RenderedBody;
use crate::render::OutputFile;
use crate::source::ArticleSource;

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
    /// Told how far the build is (the progress line of long builds); does nothing by default.
    pub progress: progress::Hook,
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

/// `ROUNDS_TIMINGS=1` prints the wall time of each stage to stderr, for the benchmark
/// (docs/performance.md). When unset it costs one environment lookup per build.
pub(crate) struct StageTimer {
    last: Option<Instant>,
}

impl StageTimer {
    pub(crate) fn new() -> StageTimer {
        let on = std::env::var_os("ROUNDS_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
        StageTimer { last: on.then(Instant::now) }
    }

    /// Prints the time since the previous lap under `stage`.
    pub(crate) fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            // Resident memory too, where the system tells it (Linux): the watcher has a budget.
            let rss = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(String::new(), |pages| format!("  {:5} MiB", (pages * 4096) >> 20));
            eprintln!("timing: {stage:<16} {:8.1} ms{rss}", (now - last).as_secs_f64() * 1000.0);
            self.last = Some(now);
        }
    }
}

/// Reads and checks everything, then renders the site's files, without writing any.
///
/// This is `build` minus the write, so `rounds check` and tests can use it. `None` when the
/// configuration or theme is too broken to render (the reasons are in `diags`).
pub fn render_site(
    opts: &BuildOptions,
    diags: &mut Diagnostics,
) -> Result<Option<(site::Site, Vec<OutputFile>)>, UsageError> {
    let mut session = session::Session::load(opts)?;
    Ok(session.render(diags))
}

/// Renders one article's body with its citations; returns it with the problems found in it.
/// `source_dir` is the content folder, where its images are read for their size.
pub fn render_article(
    a: &ArticleSource,
    bib: &cite::Bibliography,
    now: Date,
    source_dir: &std::path::Path,
) -> (RenderedBody, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let local =
        cite::ArticleBibliography::new(bib, &a.file, a.yaml(), a.split.yaml.start, &mut diags);
    local.check(now, &mut diags);
    let mut citer = cite::Citer::new(&local, &a.file);
    let size_of = |src: &str| {
        markdown::images::local_file(source_dir, &a.rel_path, src)
            .and_then(|p| markdown::images::file_size(&p))
    };
    let mut body =
        markdown::render_with_images(a.body(), a.split.body_offset, &mut citer, &size_of);
    let (cited, cite_diags) = citer.finish();
    diags.extend(cite_diags);
    body.references_html = cited.render_list_html();
    body.references =
        Arc::new(cited.entries.iter().map(cite::FormattedReference::to_cited_source).collect());
    body.seal();
    for p in &body.diagnostics {
        diags.push(p.diagnostic(&a.file));
    }
    // Correction notes from the front matter are rendered when the file is read; what their
    // sanitizing removed is reported here, with the body's findings (and cached with them).
    for (n, c) in a.front.corrections.iter().enumerate() {
        let (_, problems) = markdown::render_inline_checked(&c.text);
        if !problems.is_empty() {
            let item = source::front_matter::item_span(&a.file, &a.split, "corrections", n);
            let region = item.start..a.split.yaml.end;
            sanitize::report_markdown(&c.text, problems, &a.file, region, &mut diags);
        }
    }
    (body, diags.into_vec())
}

/// Checks that `--out` cannot destroy the source, the theme or the system.
pub fn check_out_dir(opts: &BuildOptions) -> Result<(), UsageError> {
    let abs = output::absolute;
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
    check_out_dir(opts)?;
    output::check_ownership(&opts.out)?;
    let mut session = session::Session::load(opts)?;
    let mut report = session.build()?;
    // Freeing a large site's memory takes tens of milliseconds; the command's answer does not
    // wait for it (and a process that exits first lets the system reclaim it at once).
    std::thread::spawn(move || drop(session));
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Runs every check (`rounds check`): reads and renders the site in memory like a build,
/// then the editorial checks over it. Writes nothing; reads `<out>/corrections.json` of the
/// last build, if any, to report corrections that vanished.
pub fn check(opts: &BuildOptions) -> Result<check::CheckReport, UsageError> {
    let start = Instant::now();
    let mut diags = Diagnostics::new();
    let mut articles = Vec::new();
    let mut checked = Vec::new();
    if let Some((site, files)) = render_site(opts, &mut diags)? {
        if let Ok(previous) = std::fs::read(opts.out.join("corrections.json")) {
            editorial::check_vanished_corrections(&site, &previous, &mut diags);
        }
        articles = check::run(&site, &files, &check::CheckOptions::all(), &mut diags);
        checked = site.articles.iter().map(|a| a.source.file.path.clone()).collect();
    }
    // Article files left out of the site by their own errors: the summary counts them, so
    // that "checked 2 articles" never silently means 2 of 3.
    let unchecked = source::list(&opts.source, &opts.source)
        .articles
        .into_iter()
        .map(|rel| opts.source.join(rel))
        .filter(|p| !checked.contains(p))
        .filter(|p| {
            diags
                .iter()
                .any(|d| d.severity == diag::Severity::Error && d.path() == Some(p.as_path()))
        })
        .map(|p| p.display().to_string())
        .collect();
    diags.sort();
    Ok(check::CheckReport { diagnostics: diags, articles, unchecked, elapsed: start.elapsed() })
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
