//! What a build is asked to do ([`BuildOptions`], resolved from the command line), the
//! mistakes in asking that stop it before it reads any content ([`UsageError`]), and the
//! checks of those options that come first: an output folder that cannot destroy the source
//! ([`check_out_dir`]) and the build's "today" ([`today`]).

use std::path::PathBuf;

use jiff::civil::Date;

use crate::{config, output, progress};

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
