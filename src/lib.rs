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

pub mod body;
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
pub mod options;
pub mod output;
pub mod progress;
pub mod publish;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod session;
pub mod site;
pub mod slug;
pub mod source;
pub mod suggest;
mod timing;
pub mod version;
pub mod watch;
pub mod yaml;

use std::time::Instant;

pub use crate::body::render_article;
use crate::diag::Diagnostics;
pub use crate::options::{BuildOptions, UsageError, check_out_dir, today};
use crate::output::OutputFile;
pub use crate::report::BuildReport;

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
